"""datatrove's closest equivalent of our chain, run in datatrove's own environment by `bench.peers`.

Imports only datatrove, langdetect and the standard library (it runs under the peer venv's interpreter).

* `pipeline IN.jsonl WORKDIR`: HTML pages -> its Trafilatura extractor (precision, as FineWeb) -> FTFYFormatter ->
  language tag (langdetect, seeded: datatrove's LanguageFilter needs a fastText model fetched at run time, which
  this machine cannot) -> GopherQualityFilter -> C4QualityFilter (terminal-punctuation rule off, as FineWeb) ->
  its four MinHash stages (signatures, buckets, clusters, filter); one task, one worker.
* `dedup IN.jsonl WORKDIR`: text documents through the MinHash stages alone, each kept and removed document's
  cluster id written out.

Prints one JSON object: seconds per stage and in all, peak memory (this process and its extraction child), the
documents in and kept, and where the output lies.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

from datatrove.data import Document
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.dedup.minhash import (
    MinhashConfig,
    MinhashDedupBuckets,
    MinhashDedupCluster,
    MinhashDedupFilter,
    MinhashDedupSignature,
)
from datatrove.pipeline.extractors import Trafilatura
from datatrove.pipeline.filters import C4QualityFilter, GopherQualityFilter, LambdaFilter
from datatrove.pipeline.formatters import FTFYFormatter
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

CONFIG = MinhashConfig()  # datatrove's defaults: 5-grams, 14 buckets of 8 hashes


def tag_language(doc: Document) -> bool:
    import langdetect

    langdetect.DetectorFactory.seed = 0
    try:
        doc.metadata["language"] = langdetect.detect(doc.text)
    except langdetect.LangDetectException:
        doc.metadata["language"] = "und"
    return True


def _run(name: str, steps: list[Any], work: Path, timings: dict[str, float], tasks: int = 1) -> None:
    """One stage, its tasks one after the other in this process (one core)."""
    began = time.perf_counter()
    LocalPipelineExecutor(pipeline=steps, tasks=tasks, workers=1, logging_dir=str(work / "logs" / name)).run()
    timings[name] = round(time.perf_counter() - began, 3)


def _minhash(source: Path, work: Path, timings: dict[str, float], key: str = "text") -> None:
    read = JsonlReader(str(source.parent), glob_pattern=source.name, text_key=key, id_key="id")
    _run("signatures", [read, MinhashDedupSignature(str(work / "sigs"), config=CONFIG)], work, timings)
    buckets = MinhashDedupBuckets(str(work / "sigs"), str(work / "buckets"), config=CONFIG)
    _run("buckets", [buckets], work, timings, tasks=CONFIG.num_buckets)  # one task per bucket, as it requires
    cluster = MinhashDedupCluster(str(work / "buckets"), str(work / "remove"), config=CONFIG, save_cluster_id=True)
    _run("clusters", [cluster], work, timings)
    read = JsonlReader(str(source.parent), glob_pattern=source.name, text_key=key, id_key="id")
    removed = JsonlWriter(str(work / "removed"), compression=None)
    dedup = MinhashDedupFilter(str(work / "remove"), exclusion_writer=removed, load_cluster_ids=True)
    _run("filter", [read, dedup, JsonlWriter(str(work / "final"), compression=None)], work, timings)


def main() -> None:
    mode, source, work = sys.argv[1], Path(sys.argv[2]).resolve(), Path(sys.argv[3]).resolve()
    timings: dict[str, float] = {}
    began = time.perf_counter()
    if mode == "pipeline":
        steps = [
            JsonlReader(str(source.parent), glob_pattern=source.name, text_key="html", id_key="id"),
            Trafilatura(favour_precision=True, timeout=30),
            FTFYFormatter(),
            LambdaFilter(tag_language),
            GopherQualityFilter(),
            C4QualityFilter(filter_no_terminal_punct=False),
            JsonlWriter(str(work / "filtered"), output_filename="filtered.jsonl", compression=None),
        ]
        _run("extract_to_quality", steps, work, timings)
        _minhash(work / "filtered" / "filtered.jsonl", work, timings)
    else:
        _minhash(source, work, timings)
    seconds = time.perf_counter() - began
    with source.open(encoding="utf-8") as stream:
        docs_in = sum(1 for _ in stream)
    kept = sum(1 for path in (work / "final").glob("*.jsonl") for _ in path.open(encoding="utf-8"))
    peak = max(resource.getrusage(r).ru_maxrss for r in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    print(
        json.dumps(
            {
                "seconds": round(seconds, 3),
                "stages": timings,
                "docs_in": docs_in,
                "kept": kept,
                "peak_rss_mb": round(peak / 1024, 1),
                "final": str(work / "final"),
                "removed": str(work / "removed"),
            }
        )
    )


if __name__ == "__main__":
    main()
