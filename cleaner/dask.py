"""Dask from Python: run a whole job on a cluster, or apply the steps to a `dask.bag` or a DataFrame partition.

* `run_dask(pipeline, inputs, output, ...)`: what `cleaner run ... --engine dask` does (a `LocalCluster` of
  `workers` processes by default, `scheduler=ADDRESS` for an existing cluster); the same output bytes as a run
  in one process.
* `clean_bag(bag, pipeline)`: a bag of records (`{"id", "text"}` or `{"id", "html"}`, optionally `url` and
  `metadata`) becomes a bag of output records, as the corpus and rejects files hold them (a reject has
  `reason`, `step` and `detail`).
* `clean_frame(frame, pipeline)`: the same for one pandas DataFrame (use it with `ddf.map_partitions`), with
  columns `id`, `text`, `kept`, `reason`, `metadata` (JSON).

Per-document steps give the same result whatever the partitioning. Stateful steps (`templates`,
`repeated_lines`, `dedup`) see one partition at a time on a bag or a frame; `run_dask` gives them the whole run.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from cleaner.distributed.runner import JobResult, run_job
from cleaner.document import Document, Rejected
from cleaner.pipeline import Pipeline

__all__ = ["clean_bag", "clean_frame", "clean_records", "run_dask"]


def run_dask(
    pipeline: Pipeline,
    inputs: Sequence[str],
    output: str,
    *,
    workers: int = 2,
    scheduler: str | None = None,
    **options: Any,
) -> JobResult:
    """Run `pipeline` over `inputs` into `output` (a file or `DIR/`) on Dask; `options` as for `run_job`."""
    return run_job(pipeline, inputs, output, engine="dask", workers=workers, scheduler=scheduler, **options)


def clean_records(records: Iterable[dict[str, Any]], pipeline: Pipeline) -> list[dict[str, Any]]:
    """Clean one partition of records; one output record per input record, in input order."""
    docs = []
    for record in records:
        metadata = dict(record.get("metadata") or {})
        if isinstance(record.get("url"), str):
            metadata["url"] = record["url"]
        text, html = record.get("text"), record.get("html")
        doc = Document(str(record["id"]), text if isinstance(text, str) else "", metadata)
        if not isinstance(text, str) and isinstance(html, str):
            doc.html = html
        docs.append(doc)
    position = {id(doc): i for i, doc in enumerate(docs)}
    outcomes = list(pipeline.run(docs))
    places = [position.get(id(x.document if isinstance(x, Rejected) else x), -1) for x in outcomes]
    if -1 not in places:  # stateful steps hand rejects on early: put every outcome back in its place
        outcomes = [outcomes[i] for i in sorted(range(len(outcomes)), key=places.__getitem__)]
    return [item.to_record() for item in outcomes]


def clean_bag(bag: Any, pipeline: Pipeline) -> Any:
    """A `dask.bag.Bag` of output records, partition by partition."""
    return bag.map_partitions(clean_records, pipeline)


def clean_frame(frame: Any, pipeline: Pipeline, *, id_column: str = "id", text_column: str = "text") -> Any:
    """One pandas DataFrame cleaned: `id`, `text`, `kept`, `reason` and `metadata` (JSON) per input row."""
    import pandas as pd

    records = [{"id": i, "text": t} for i, t in zip(frame[id_column], frame[text_column], strict=True)]
    out = clean_records(records, pipeline)
    return pd.DataFrame(
        {
            "id": [r["id"] for r in out],
            "text": [r["text"] for r in out],
            "kept": ["reason" not in r for r in out],
            "reason": [r.get("reason") for r in out],
            "metadata": [json.dumps(r["metadata"], ensure_ascii=False) for r in out],
        },
        index=frame.index,
    )
