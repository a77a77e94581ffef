"""Speed per core of the text chain and of each step, beside the library each step stands on (issue 11's goals).

`run(corpus)` measures on one core, in one process, in one run:

* the text chain (encoding, boilerplate, templates, repeated_lines, language, quality, dedup) over the corpus's
  text documents: whole-chain and per-step MB/s from its own stats (MB = million characters, as the stats file
  counts them), best of `PASSES` passes, each with the encoding engine's word caches emptied first (a pass over
  documents already seen would find every rare word cached); the same on the visible text of real dev-set pages
  (`bench.realpages`, when `../shared/devsets` is there);
* the encoding step alone on clean text: the documents it leaves unchanged (`clean`), and of those the ones
  whose every character its per-document pre-check passes (`fast_path`: no character any repair looks at);
* the libraries' own limits on the same documents, interleaved with the step they bound, chunk by chunk: one
  langdetect-rs call per whole document beside the language step; the encoding step's ftfy pre-check regex;
  orjson's JSONL round trip (loads + dumps per line) beside ours (`read_inputs` + `JsonlWriter`);
* each goal of the issue with its figure and whether it is met.

Timings are wall-clock on a shared machine: compare figures of one run, not across runs.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cleaner.config import PipelineSpec, build_steps
from cleaner.document import Document
from cleaner.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
TEXT_STEPS = ("encoding", "boilerplate", "templates", "repeated_lines", "language", "quality", "dedup")
PASSES = 2
#: Real dev-set pages whose visible text is timed (0 turns it off).
REAL_PAGES = int(os.environ.get("CLEANER_BENCH_REAL_PAGES", "1000"))
#: Issue 11's goals, in MB/s (million characters a second) on one core.
GOALS = {"text_chain": 4.0, "language": 20.0, "encoding": 50.0, "boilerplate": 10.0, "dedup": 20.0, "quality": 100.0}
#: The encoding step's goal on clean text (documents it leaves unchanged), beside its figure on the mix.
GOALS_CLEAN = {"encoding_clean": 50.0}
#: Our JSONL round trip may take at most this many times orjson's.
JSONL_GOAL_RATIO = 1.5


def _copies(docs: list[Document]) -> list[Document]:
    return [Document(d.id, d.text, dict(d.metadata)) for d in docs]


def text_chain(docs: list[Document]) -> dict[str, Any]:
    """Best of `PASSES` runs of the text chain (a fresh pipeline each: templates and dedup start empty)."""
    from cleaner.encoding import clear_caches
    from cleaner.language.lines import clear_line_caches

    best: dict[str, Any] | None = None
    for _ in range(PASSES):
        clear_caches()  # each pass meets the documents for the first time, as a real run does
        clear_line_caches()
        pipeline = Pipeline(build_steps(PipelineSpec.default().select(only=list(TEXT_STEPS))))
        for _item in pipeline.run(_copies(docs)):
            pass
        stats = pipeline.stats.to_dict()
        if best is None or stats["seconds"] < best["seconds"]:
            best = stats
    assert best is not None
    chars = sum(len(d.text) for d in docs)
    seconds = sum(s["seconds"] for s in best["steps"])
    return {
        "docs": len(docs),
        "million_chars": round(chars / 1e6, 2),
        "docs_per_s": round(len(docs) / seconds, 1),
        "mb_per_s": round(chars / 1e6 / seconds, 2),
        "steps_mb_per_s": {s["name"]: s["mb_per_second"] for s in best["steps"]},
        "steps_seconds": {s["name"]: s["seconds"] for s in best["steps"]},
    }


def encoding_clean(docs: list[Document]) -> dict[str, Any]:
    """MB/s of the encoding step on the documents it leaves unchanged, best of `PASSES` (each from empty word
    caches: choosing the documents ran them through the step already); `fast_path` those
    its pre-check sends past every repair, `full_path` the others (legacy detection and ftfy look at them)."""
    from cleaner.encoding import clear_caches
    from cleaner.filters.encoding import EncodingTransform, needs_repair

    step = EncodingTransform()
    clean = []
    for doc in _copies(docs):
        text = doc.text
        step.process(doc)
        if not doc.events:
            clean.append(text)
    groups = {"clean": clean, "fast_path": [t for t in clean if not needs_repair(t)]}
    groups["full_path"] = [t for t in clean if needs_repair(t)]
    result: dict[str, Any] = {}
    for name, texts in groups.items():
        chars = sum(map(len, texts))
        best = float("inf")
        for _ in range(PASSES):
            clear_caches()  # the words of these documents were classified before: each pass starts cold
            began = time.perf_counter()
            for text in texts:
                step.process(Document("x", text))
            best = min(best, time.perf_counter() - began)
        result[name] = {"docs": len(texts), "million_chars": round(chars / 1e6, 2)}
        result[name]["mb_per_s"] = round(chars / 1e6 / best, 2) if texts else None
    return result


def _interleaved(fns: dict[str, Callable[[str], object]], texts: list[str], chunk: int = 50) -> dict[str, float]:
    """Seconds per function over the same texts, alternating chunk by chunk so load falls on all alike."""
    seconds = dict.fromkeys(fns, 0.0)
    for start in range(0, len(texts), chunk):
        part = texts[start : start + chunk]
        for name, fn in fns.items():
            began = time.perf_counter()
            for text in part:
                fn(text)
            seconds[name] += time.perf_counter() - began
    return seconds


def library_limits(docs: list[Document]) -> dict[str, Any]:
    """The language step beside one langdetect-rs call per document, and the ftfy pre-check regex alone."""
    from cleaner.encoding.mojibake import SUSPICIOUS_RE
    from cleaner.filters.language import LanguageFilter
    from cleaner.language.backends import get_backend
    from cleaner.language.lines import clear_line_caches

    texts = [d.text for d in docs]
    chars = sum(map(len, texts)) / 1e6
    step, backend = LanguageFilter(), get_backend()
    clear_line_caches()  # lines the chain judged before must not make this pass look faster
    step.process(Document("warm", texts[0]))
    seconds = _interleaved(
        {
            "language_step": lambda t: step.process(Document("x", t)),
            "langdetect_rs_one_call": backend.probabilities,
            "ftfy_precheck_regex": SUSPICIOUS_RE.search,
        },
        texts,
    )
    rates = {name: round(chars / s, 2) for name, s in seconds.items()}
    rates["language_step_vs_one_call"] = round(seconds["language_step"] / seconds["langdetect_rs_one_call"], 2)
    return rates


def jsonl_round_trip(docs: list[Document]) -> dict[str, Any]:
    """Our reader and writer against orjson's loads + dumps per line, on the same file, alternated."""
    import orjson

    from cleaner.io.readers import read_inputs
    from cleaner.io.writers import JsonlWriter

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "in.jsonl"
        with source.open("w", encoding="utf-8") as out:
            for d in docs:
                out.write(json.dumps({"id": d.id, "text": d.text, "url": d.metadata.get("url")}, ensure_ascii=False))
                out.write("\n")
        megabytes = source.stat().st_size / 1e6

        def ours() -> None:
            with JsonlWriter(str(Path(tmp) / "ours.jsonl")) as writer:
                for doc in read_inputs([str(source)]):
                    writer.write(doc.to_record())

        def theirs() -> None:
            with source.open("rb") as stream, (Path(tmp) / "orjson.jsonl").open("wb") as out:
                for line in stream:
                    out.write(orjson.dumps(orjson.loads(line)) + b"\n")

        best = {"ours": float("inf"), "orjson": float("inf")}
        for _ in range(3):
            for name, fn in (("ours", ours), ("orjson", theirs)):
                began = time.perf_counter()
                fn()
                best[name] = min(best[name], time.perf_counter() - began)
    return {
        "megabytes": round(megabytes, 2),
        "ours_mb_per_s": round(megabytes / best["ours"], 1),
        "orjson_mb_per_s": round(megabytes / best["orjson"], 1),
        "ratio_to_orjson": round(best["ours"] / best["orjson"], 2),
    }


def real_documents(limit: int) -> list[Document]:
    from bench.devsets import ROOT as DEVSETS
    from bench.realpages import build

    if limit <= 0 or not DEVSETS.is_dir():
        return []
    path = build(limit, ROOT / "bench" / "corpus" / f"real-{limit}.jsonl")
    with path.open(encoding="utf-8") as stream:
        records = [json.loads(line) for line in stream]
    return [Document(r["id"], r["text"], {"url": r["url"]} if r["url"] else {}) for r in records]


def goals(chain: dict[str, Any], jsonl: dict[str, Any], clean: dict[str, Any]) -> dict[str, Any]:
    steps = chain["steps_mb_per_s"]
    figures = {"text_chain": chain["mb_per_s"], **{k: steps.get(k) for k in GOALS if k != "text_chain"}}
    figures["encoding_clean"] = clean["clean"]["mb_per_s"]
    targets = {**GOALS, **GOALS_CLEAN}
    met = {k: v is not None and v >= targets[k] for k, v in figures.items()}
    met["jsonl_within_1_5x_orjson"] = jsonl["ratio_to_orjson"] <= JSONL_GOAL_RATIO
    return {"targets_mb_per_s": targets, "figures_mb_per_s": figures, "met": met}


def run(corpus: list[Document]) -> dict[str, Any]:
    docs = [d for d in corpus if isinstance(d.text, str) and d.text]
    chain = text_chain(docs)
    jsonl = jsonl_round_trip(docs)
    clean = encoding_clean(docs)
    result: dict[str, Any] = {
        "bench_corpus": {
            "text_chain": chain,
            "encoding_clean": clean,
            "library_limits": library_limits(docs),
            "jsonl": jsonl,
            "goals": goals(chain, jsonl, clean),
        }
    }
    real = real_documents(REAL_PAGES)
    if real:
        real_chain = text_chain(real)
        real_jsonl = jsonl_round_trip(real)
        real_clean = encoding_clean(real)
        result["real_pages"] = {
            "text_chain": real_chain,
            "encoding_clean": real_clean,
            "library_limits": library_limits(real),
            "jsonl": real_jsonl,
            "goals": goals(real_chain, real_jsonl, real_clean),
        }
    return result


if __name__ == "__main__":
    from bench.run import corpus_documents

    print(json.dumps(run(corpus_documents(ROOT / "bench" / "corpus" / "corpus-3000.jsonl")), indent=2))
