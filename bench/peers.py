"""`nox -s bench-peers`: our chain beside datatrove's closest equivalent on the same real pages, in one run.

    python -m bench.peers --peer-python .nox/peer-datatrove/bin/python [--pages 1000] [--out FILE]

* Whole chain on HTML pages from `../shared/devsets` (`bench.realpages`): ours (`cleaner run`, default chain)
  and datatrove's (`bench/peer_datatrove.py`, in its own environment), each run in its own process, one core,
  in the order ours, datatrove, datatrove, ours so that drift in the machine's load falls on both alike:
  documents/s and MB/s of HTML, peak memory, documents kept.
* Extraction quality of what each chain kept, scored as `bench.eval` does: bag-of-words and word 4-gram F1
  against the gold text (CleanEval, Dragnet), snippets found and wrongly kept (trafilatura's set); over the
  pages both chains kept, and over all pages (a dropped page counts as empty).
* Dedup alone: ours (`DedupFilter`), datatrove's four MinHash stages and text-dedup's MinHash (its defaults, in
  its own environment, `bench/peer_textdedup.py`) on the pages' visible text (speed) and on the labelled
  near-duplicate set `fixtures/dedup/` (pairwise precision and recall of the clusters).

The machine is shared: compare the ratios of one run. Results go to `bench/results/peers.json`.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import resource
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from bench.devsets import Page
from bench.eval import score, summarise
from bench.realpages import build

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "corpus" / "peers"
DEDUP_SET = ROOT / "fixtures" / "dedup" / "near_duplicates.jsonl.gz"


def _peak_mb() -> float:
    usage = max(resource.getrusage(r).ru_maxrss for r in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return round(usage / 1024, 1)


def measure_ours(mode: str, source: Path, work: Path) -> dict[str, Any]:
    """Our default chain on pages (`pipeline`) or `DedupFilter` on text documents (`dedup`), in this process."""
    from cleaner.cli import main
    from cleaner.dedup import DedupFilter
    from cleaner.document import Document, Rejected

    work.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    if mode == "pipeline":
        assert main(["run", str(source), "-o", str(work / "ours.jsonl"), "-q", "--overwrite"]) == 0
        with (work / "ours.jsonl").open(encoding="utf-8") as stream:
            kept = [json.loads(line) for line in stream]
        texts = {r["id"]: r["text"] for r in kept}
        clusters: dict[str, Any] = {}
    else:
        with source.open(encoding="utf-8") as stream:
            docs = [Document(r["id"], r["text"]) for r in map(json.loads, stream)]
        out = DedupFilter()(docs)
        texts = {d.id: d.text for d in out if isinstance(d, Document)}
        clusters = {
            d.document.id if isinstance(d, Rejected) else d.id: d.detail["cluster"]
            if isinstance(d, Rejected)
            else d.metadata["dedup"]["cluster"]
            for d in out
        }
    seconds = time.perf_counter() - began
    (work / "ours-texts.json").write_text(json.dumps({"texts": texts, "clusters": clusters}), encoding="utf-8")
    return {"seconds": round(seconds, 3), "kept": len(texts), "peak_rss_mb": _peak_mb()}


def _subprocess(command: list[str]) -> dict[str, Any]:
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:4])} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def run_ours(mode: str, source: Path, work: Path) -> dict[str, Any]:
    return _subprocess([sys.executable, "-m", "bench.peers", "--measure", mode, str(source), str(work)])


def run_datatrove(peer: str, mode: str, source: Path, work: Path) -> dict[str, Any]:
    shutil.rmtree(work, ignore_errors=True)
    return _subprocess([peer, str(ROOT / "bench" / "peer_datatrove.py"), mode, str(source), str(work)])


def _datatrove_outputs(result: dict[str, Any]) -> tuple[dict[str, str], dict[str, Any]]:
    """Texts kept (by id) and the cluster of every document (a singleton has its own id)."""
    texts: dict[str, str] = {}
    clusters: dict[str, Any] = {}
    for kind in ("final", "removed"):
        for path in sorted(Path(result[kind]).glob("*.jsonl")):
            for record in map(json.loads, path.open(encoding="utf-8")):
                clusters[record["id"]] = record.get("metadata", {}).get("minhash_cluster_id", record["id"])
                if kind == "final":
                    texts[record["id"]] = record["text"]
    return texts, clusters


def _rates(result: dict[str, Any], docs: int, megabytes: float) -> dict[str, Any]:
    return {
        "seconds": result["seconds"],
        "docs_per_s": round(docs / result["seconds"], 2),
        "mb_per_s": round(megabytes / result["seconds"], 3),
        "peak_rss_mb": result["peak_rss_mb"],
        "kept": result["kept"],
    }


def alternate(runs: dict[str, Any], docs: int, megabytes: float) -> dict[str, Any]:
    """Run each system, then each again in reverse order (ours, datatrove, datatrove, ours); each system's figures
    from the mean of its two runs, and how many times faster ours is than each other."""
    results: dict[str, list[dict[str, Any]]] = {name: [] for name in runs}
    for name in [*runs, *reversed(runs)]:
        print(f"  running {name} ...", file=sys.stderr)
        results[name].append(runs[name]())
    out: dict[str, Any] = {}
    for name, found in results.items():
        mean = {**found[-1], "seconds": round(sum(r["seconds"] for r in found) / len(found), 3)}
        mean["peak_rss_mb"] = max(r["peak_rss_mb"] for r in found)
        out[name] = {**_rates(mean, docs, megabytes), "runs_seconds": [r["seconds"] for r in found]}
        out[name]["raw"] = found[-1]
    for name in runs:
        if name != "ours":
            out[f"throughput_ratio_ours_to_{name}"] = round(out[name]["seconds"] / out["ours"]["seconds"], 2)
    return out


def quality(records: list[dict[str, Any]], ours: dict[str, str], theirs: dict[str, str]) -> dict[str, Any]:
    pages = {
        r["id"]: Page("", r["id"], "", [], gold=r["gold"], with_snippets=r["with"], without_snippets=r["without"])
        for r in records
        if r["gold"] is not None or r["with"] or r["without"]
    }
    both = [i for i in pages if i in ours and i in theirs]
    result: dict[str, Any] = {"labelled_pages": len(pages), "kept_by_both": len(both)}
    for name, texts in (("ours", ours), ("datatrove", theirs)):
        result[name] = {
            "kept_labelled": sum(i in texts for i in pages),
            "on_pages_both_kept": summarise([score(pages[i], texts[i]) for i in both]),
            "on_all_pages": summarise([score(page, texts.get(i, "")) for i, page in pages.items()]),
        }
    return result


def pairwise(groups: dict[str, str], clusters: dict[str, Any]) -> dict[str, float]:
    counts: Counter[tuple[bool, bool]] = Counter(
        (groups[a] == groups[b], clusters.get(a, a) == clusters.get(b, b))
        for a, b in itertools.combinations(sorted(groups), 2)
    )
    tp, fp, fn = counts[True, True], counts[False, True], counts[True, False]
    return {"precision": round(tp / max(tp + fp, 1), 4), "recall": round(tp / max(tp + fn, 1), 4)}


def run_textdedup(peer: str, source: Path, work: Path) -> dict[str, Any]:
    shutil.rmtree(work, ignore_errors=True)
    return _subprocess([peer, str(ROOT / "bench" / "peer_textdedup.py"), str(source), str(work)])


def _write_texts(path: Path, records: list[dict[str, Any]]) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for r in records:
            out.write(json.dumps({"id": r["id"], "text": r["text"]}, ensure_ascii=False) + "\n")
    return path


def dedup(peer: str, textdedup: str | None, records: list[dict[str, Any]]) -> dict[str, Any]:
    """Speed on the pages' visible text, quality on the labelled near-duplicate set; text-dedup's MinHash too
    when its environment is there."""
    WORK.mkdir(parents=True, exist_ok=True)
    texts = _write_texts(WORK / "dedup-texts.jsonl", records)
    labelled = [
        json.loads(line) for line in gzip.decompress(DEDUP_SET.read_bytes()).decode("utf-8").split("\n") if line
    ]
    labelled_path = _write_texts(WORK / "dedup-labelled.jsonl", labelled)
    chars = sum(len(r["text"]) for r in records) / 1e6
    runs: dict[str, Any] = {
        "ours": lambda: run_ours("dedup", texts, WORK / "ours-dedup"),
        "datatrove": lambda: run_datatrove(peer, "dedup", texts, WORK / "datatrove-dedup"),
    }
    if textdedup:
        runs["text_dedup"] = lambda: run_textdedup(textdedup, texts, WORK / "textdedup-dedup")
    speed = alternate(runs, len(records), chars)
    groups = {r["id"]: r["group"] for r in labelled}
    run_ours("dedup", labelled_path, WORK / "ours-labelled")
    ours = json.loads((WORK / "ours-labelled" / "ours-texts.json").read_text(encoding="utf-8"))["clusters"]
    _, theirs = _datatrove_outputs(run_datatrove(peer, "dedup", labelled_path, WORK / "datatrove-labelled"))
    found = {"ours": pairwise(groups, ours), "datatrove": pairwise(groups, theirs)}
    if textdedup:
        result = run_textdedup(textdedup, labelled_path, WORK / "textdedup-labelled")
        found["text_dedup"] = pairwise(groups, json.loads(Path(result["clusters"]).read_text(encoding="utf-8")))
    for name in runs:
        speed[name].pop("raw", None)
    return {
        "speed_on_page_text": {"million_chars": round(chars, 2), **speed},
        "quality_on_labelled_set": {"docs": len(labelled), "groups": len(set(groups.values())), **found},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--peer-python", default=str(ROOT / ".nox" / "peer-datatrove" / "bin" / "python"))
    parser.add_argument("--textdedup-python", default=str(ROOT / ".nox" / "peer-textdedup" / "bin" / "python"))
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "peers.json")
    parser.add_argument("--measure", nargs=3, metavar=("MODE", "IN", "WORK"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        mode, source, work = args.measure
        print(json.dumps(measure_ours(mode, Path(source), Path(work))))
        return
    corpus = build(args.pages, ROOT / "bench" / "corpus" / f"real-{args.pages}.jsonl")
    with corpus.open(encoding="utf-8") as stream:
        records = [json.loads(line) for line in stream]
    if not records:
        sys.exit("no dev-set pages: ../shared/devsets is missing")
    WORK.mkdir(parents=True, exist_ok=True)
    pages = WORK / f"pages-{len(records)}.jsonl"
    with pages.open("w", encoding="utf-8") as out:
        for r in records:
            out.write(json.dumps({"id": r["id"], "html": r["html"], "url": r["url"]}, ensure_ascii=False) + "\n")
    megabytes = pages.stat().st_size / 1e6
    print(f"{len(records)} pages, {megabytes:.1f} MB of HTML", file=sys.stderr)
    chains = alternate(
        {
            "ours": lambda: run_ours("pipeline", pages, WORK / "ours"),
            "datatrove": lambda: run_datatrove(args.peer_python, "pipeline", pages, WORK / "datatrove"),
        },
        len(records),
        megabytes,
    )
    ours = json.loads((WORK / "ours" / "ours-texts.json").read_text(encoding="utf-8"))["texts"]
    theirs, _ = _datatrove_outputs(chains["datatrove"].pop("raw"))
    chains["ours"].pop("raw")
    results = {
        "pages": len(records),
        "html_mb": round(megabytes, 2),
        "chain": chains,
        "extraction_quality": quality(records, ours, theirs),
        "dedup": dedup(
            args.peer_python, args.textdedup_python if Path(args.textdedup_python).exists() else None, records
        ),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in results.items() if k != "extraction_quality"}, indent=1), file=sys.stderr)
    print(f"figures in {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
