"""`nox -s bench`: speed, memory and quality figures for the whole pipeline, each step, and the naive chain.

Runs, on the same corpus (built by `bench.make_corpus`): the default pipeline on one core (per step and in total:
documents/s, MB/s, peak memory), the naive chain a user would write by hand from the same libraries (trafilatura,
ftfy.fix_text, langdetect.detect, datasketch per-token MinHash and LSH, in a plain loop) with how far its decisions
agree with ours, on the HTML pages the furniture left and paragraphs kept by trafilatura alone and by our chain,
every `bench/bench_*.py` module's own figures (`bench_speed`: the text chain and each step against issue 11's
goals and the libraries' limits), and the datatrove comparison of `nox -s bench-peers` when it has been run.
Each measurement runs in its own process so peak memory is its own. Writes everything to one JSON file.

    python -m bench.run --docs 3000 --out bench/results/bench.json
"""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
NUM_PERM = 128
SHINGLE_WORDS = 5


def load_records(path: Path) -> list[dict[str, Any]]:
    """A JSONL file's records. Split on newlines only: `str.splitlines` also cuts at U+0085 and U+2028, which
    JSON strings may hold raw."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


def corpus_documents(path: Path) -> list[Any]:
    """The corpus's text documents as `Document`s (HTML pages are left to the whole-pipeline figures)."""
    from cleaner import Document

    return [
        Document(r["id"], r["text"], {"url": r["url"], "source": {"path": str(path), "line": i}})
        for i, r in enumerate(load_records(path), 1)
        if "text" in r
    ]


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def measure_pipeline(corpus: Path) -> dict[str, Any]:
    from cleaner import Document, Pipeline
    from cleaner.config import PipelineSpec, build_steps
    from cleaner.io.readers import read_inputs

    pipeline = Pipeline(build_steps(PipelineSpec.default()))
    outcomes: dict[str, Any] = {}
    for item in pipeline.run(read_inputs([str(corpus)])):
        if isinstance(item, Document):
            outcomes[item.id] = {"kept": True, "language": item.metadata.get("language")}
        else:
            outcomes[item.document.id] = {"kept": False, "reason": item.reason}
    stats = pipeline.stats.to_dict()
    chars = sum(s["chars_in"] for s in stats["steps"][:1])
    return {
        "docs": stats["docs_in"],
        "seconds": stats["seconds"],
        "docs_per_second": round(stats["docs_in"] / stats["seconds"], 1),
        "mb_per_second": round(chars / 1e6 / stats["seconds"], 3),
        "peak_rss_mb": _peak_mb(),
        "kept": stats["kept"],
        "rejected_by_reason": stats["rejected_by_reason"],
        "steps": stats["steps"],
        "outcomes": outcomes,
    }


def measure_naive(corpus: Path) -> dict[str, Any]:
    """What a user writes by hand with the same libraries, in a plain loop."""
    import ftfy
    import langdetect
    import trafilatura
    from datasketch import MinHash, MinHashLSH
    from langdetect import DetectorFactory

    DetectorFactory.seed = 0
    records = load_records(corpus)
    lsh = MinHashLSH(threshold=0.8, num_perm=NUM_PERM)
    outcomes: dict[str, Any] = {}
    chars = 0
    started = time.perf_counter()
    for record in records:
        raw = record.get("text") or record.get("html") or ""
        chars += len(raw)
        text = record.get("text") or trafilatura.extract(record["html"]) or ""
        text = ftfy.fix_text(text)
        try:
            language = langdetect.detect(text)
        except langdetect.LangDetectException:
            language = "und"
        words = text.lower().split()
        minhash = MinHash(num_perm=NUM_PERM, seed=1)
        for i in range(max(1, len(words) - SHINGLE_WORDS + 1)):
            minhash.update(" ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8"))
        duplicate = bool(lsh.query(minhash))
        if not duplicate:
            lsh.insert(record["id"], minhash)
        outcomes[record["id"]] = {"kept": not duplicate, "language": language}
    seconds = time.perf_counter() - started
    return {
        "docs": len(records),
        "seconds": round(seconds, 3),
        "docs_per_second": round(len(records) / seconds, 1),
        "mb_per_second": round(chars / 1e6 / seconds, 3),
        "peak_rss_mb": _peak_mb(),
        "outcomes": outcomes,
    }


def measure_html(corpus: Path) -> dict[str, Any]:
    """On the corpus's HTML pages: furniture lines left and article paragraphs kept by trafilatura alone
    (`trafilatura.extract`, its defaults) and by our default chain without dedup, and the time per page of
    each (one process, in the same run)."""
    import trafilatura

    from cleaner import Document, Pipeline
    from cleaner.config import PipelineSpec, build_steps

    pages = [r for r in load_records(corpus) if "html" in r]
    # what the corpus generator knows; real pages (`bench.realpages`) have none, and give times only
    truth = {r["id"]: t for r in pages if (t := (r.get("metadata") or {}).get("bench_truth"))}
    started = time.perf_counter()
    outputs = {
        "trafilatura_alone": {r["id"]: trafilatura.extract(r["html"], url=r["url"]) or "" for r in pages},
    }
    trafilatura_seconds = time.perf_counter() - started
    # the whole default chain but dedup (benchmark pages that share text are duplicates by design)
    steps = build_steps(PipelineSpec.default().select(skip=["dedup"]))
    docs = [Document(r["id"], html=r["html"], metadata={"url": r["url"]}) for r in pages]
    started = time.perf_counter()
    outputs["cleaner"] = {d.id: d.text for d in Pipeline(steps).run(docs) if isinstance(d, Document)}
    cleaner_seconds = time.perf_counter() - started
    result: dict[str, Any] = {
        "pages": len(pages),
        "ms_per_page": {
            "trafilatura_alone": round(1000 * trafilatura_seconds / max(len(pages), 1), 2),
            "cleaner_pipeline": round(1000 * cleaner_seconds / max(len(pages), 1), 2),
        },
        "pipeline_time_vs_trafilatura": round(cleaner_seconds / max(trafilatura_seconds, 1e-9), 2),
    }
    for name, texts in outputs.items():
        furniture = paragraphs = furniture_total = paragraphs_total = 0
        for doc_id, t in truth.items():
            lines = {" ".join(line.split()) for line in texts.get(doc_id, "").split("\n")}
            furniture += sum(" ".join(f.split()) in lines for f in t["furniture"])
            furniture_total += len(t["furniture"])
            text = texts.get(doc_id, "")
            # a site-name token stripped from the lead ("Example.vn Năm 2022, ...") still counts as kept
            paragraphs += sum(p in text or p.partition(" ")[2][:60] in text for p in t["paragraphs"])
            paragraphs_total += len(t["paragraphs"])
        result[name] = {
            "furniture_lines_left": furniture,
            "furniture_lines_total": furniture_total,
            "paragraphs_kept": paragraphs,
            "paragraphs_total": paragraphs_total,
        }
    return result


def agreement(ours: dict[str, Any], naive: dict[str, Any], records: list[dict[str, Any]]) -> dict[str, Any]:
    """Both chains' decisions against what the corpus generator knows (`metadata.bench_truth`): which documents
    are copies of an earlier one (duplicate precision and recall) and each kept document's language."""
    truth = {r["id"]: (r.get("metadata") or {}).get("bench_truth") or {} for r in records}
    copies = {i for i, t in truth.items() if t.get("copy_of")}
    result: dict[str, Any] = {"copies_in_corpus": len(copies)}
    for name, outcomes in (("ours", ours), ("naive", naive)):
        flagged = {
            i for i, o in outcomes.items() if not o["kept"] and str(o.get("reason", "dedup.")).startswith("dedup.")
        }
        hits = len(flagged & copies)
        kept = [i for i, o in outcomes.items() if o["kept"] and truth.get(i, {}).get("language")]
        right = sum(outcomes[i].get("language") == truth[i]["language"] for i in kept)
        result[name] = {
            "duplicates_flagged": len(flagged),
            "duplicate_precision": round(hits / len(flagged), 4) if flagged else None,
            "duplicate_recall": round(hits / len(copies), 4) if copies else None,
            "language_accuracy_on_kept": round(right / len(kept), 4) if kept else None,
        }
    both = [i for i in ours if ours[i]["kept"] and naive.get(i, {}).get("kept")]
    same = sum(ours[i].get("language") == naive[i]["language"] for i in both)
    result["language_agreement_between_chains"] = round(same / len(both), 4) if both else None
    return result


def _in_subprocess(kind: str, corpus: Path) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-m", "bench.run", "--measure", kind, "--corpus", str(corpus)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{kind} benchmark failed:\n{result.stderr[-3000:]}")
    figures: dict[str, Any] = json.loads(result.stdout)
    return figures


def concern_benchmarks(corpus: Path, only: list[str]) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for path in sorted((ROOT / "bench").glob("bench_*.py")):
        concern = path.stem.removeprefix("bench_")
        if only and concern not in only:
            continue
        module = importlib.import_module(f"bench.{path.stem}")
        started = time.perf_counter()
        results[concern] = module.run(corpus_documents(corpus))
        results[concern]["bench_seconds"] = round(time.perf_counter() - started, 1)
        print(f"  {concern}: done in {results[concern]['bench_seconds']} s", file=sys.stderr)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=3000)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "bench.json")
    parser.add_argument("--corpus", type=Path, help="use this JSONL corpus instead of building one")
    parser.add_argument("--only", action="append", default=[], help="concern benchmarks to run (default: all)")
    parser.add_argument("--measure", choices=["pipeline", "naive"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure = measure_pipeline if args.measure == "pipeline" else measure_naive
        print(json.dumps(measure(args.corpus), ensure_ascii=False))
        return
    corpus = args.corpus or ROOT / "bench" / "corpus" / f"corpus-{args.docs}.jsonl"
    if args.corpus is None:  # built afresh each time (seconds), so it always matches the generator
        subprocess.run(
            [sys.executable, "-m", "bench.make_corpus", "--docs", str(args.docs), "--out", str(corpus)],
            cwd=ROOT,
            check=True,
        )
    records = load_records(corpus)
    print(f"corpus: {len(records)} documents, {corpus.stat().st_size / 1e6:.1f} MB", file=sys.stderr)
    ours = _in_subprocess("pipeline", corpus)
    naive = _in_subprocess("naive", corpus)
    print(f"  pipeline {ours['docs_per_second']} docs/s, naive {naive['docs_per_second']} docs/s", file=sys.stderr)
    results = {
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "corpus": {
            "path": str(corpus.relative_to(ROOT)) if corpus.is_relative_to(ROOT) else str(corpus),
            "docs": len(records),
            "mb": round(corpus.stat().st_size / 1e6, 2),
            "html_docs": sum("html" in r for r in records),
        },
        "pipeline": {k: v for k, v in ours.items() if k != "outcomes"},
        "naive_chain": {k: v for k, v in naive.items() if k != "outcomes"},
        "speedup_vs_naive": round(ours["docs_per_second"] / naive["docs_per_second"], 2),
        "decisions_against_truth": agreement(ours["outcomes"], naive["outcomes"], records),
        "html_extraction": measure_html(corpus),
        **concern_benchmarks(corpus, args.only),
    }
    peers = ROOT / "bench" / "results" / "peers.json"
    if peers.exists():  # written by `nox -s bench-peers` (datatrove side by side), run before this
        results["peers"] = json.loads(peers.read_text(encoding="utf-8"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"speedup vs naive chain: {results['speedup_vs_naive']}x; figures in {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
