"""Extraction quality side by side: our chain, trafilatura alone, and a C4-style line rule, on the dev sets.

    nox -s eval            (or: python -m bench.eval [--sets vi,dragnet,...] [--limit N] [--out FILE])

Two modes, as users feed pages to the chain:
- **html**: the raw page. Systems: `trafilatura` (its defaults, text only), `cleaner` (our chain).
- **text**: the page's full visible text, one block per line (`cleaner.html.visible_text`), as a WET file
  holds it. Systems: `cleaner` (our chain on text), `c4` (keep lines ending in terminal punctuation with at
  least three words, as C4 did), `all` (every line kept: the floor).

Scores, per set:
- line labels (the hand-labelled Vietnamese pages; English pages labelled from their gold text): share of
  furniture lines removed and of content lines kept, matched as `../shared/tools/score_lines.py` matches them on
  the seeds (a content line is kept when its text, less a lead's agency prefix, is in the output; a furniture
  line is left when an output line is that line or, past 30 characters, holds it);
- gold text (CleanEval, Dragnet): bag-of-words precision/recall/F1 against the gold text, averaged per page;
- snippets (trafilatura's set): must-appear snippets found (TP) or missed (FN), must-not-appear found (FP).

`held-out` sets were never trained on (see `tools/train_linemodel.py`). The chain runs with `--skip dedup`:
benchmark pages that share text are duplicates by design. Results go to `bench/results/eval.json`.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import trafilatura

from bench.devsets import (
    HELD_OUT_SITES,
    Page,
    gold_pages,
    held_out_dragnet,
    held_out_trafilatura,
    norm,
    trafilatura_eval,
    vi_pages,
)
from cleaner.config import PipelineSpec, build_steps
from cleaner.document import Document
from cleaner.pipeline import Pipeline

RESULTS = Path(__file__).resolve().parent / "results" / "eval.json"
_WORD = re.compile(r"\w+")
_AGENCY_PREFIX = re.compile(r"^\([^()]{2,40}\)\s*[-\u2013\u2014]\s*")
_C4_END = (".", "!", "?", '"', "…", "”")


def load_sets(names: list[str], limit: int | None) -> dict[str, list[Page]]:
    sets: dict[str, Callable[[], Iterator[Page]]] = {
        "vi held-out": lambda: (p for p in vi_pages() if p.site in HELD_OUT_SITES and any(p.labels)),
        "vi trained": lambda: (p for p in vi_pages() if p.site not in HELD_OUT_SITES and any(p.labels)),
        "cleaneval-dev held-out": lambda: gold_pages("cleaneval/dev"),
        "dragnet held-out": lambda: (p for p in gold_pages("dragnet") if held_out_dragnet(p.name)),
        "trafilatura-eval held-out": lambda: (p for p in trafilatura_eval() if held_out_trafilatura(p.url)),
        "trafilatura-eval trained": lambda: (p for p in trafilatura_eval() if not held_out_trafilatura(p.url)),
    }
    out = {}
    for name, load in sets.items():
        if any(key in name for key in names):
            pages = list(load())
            out[name] = pages[:limit] if limit else pages
    return out


_PIPELINE: Pipeline | None = None


def _pipeline() -> Pipeline:
    global _PIPELINE
    if _PIPELINE is None:
        _PIPELINE = Pipeline(build_steps(PipelineSpec.default().select(skip=["dedup"])))
    return _PIPELINE


def run_system(args: tuple[str, str, Page]) -> str:
    mode, system, page = args
    if system == "trafilatura":
        return trafilatura.extract(page.html, url=page.url) or ""
    if system == "all":
        return "\n".join(page.lines)
    if system == "c4":
        keep = [x for x in page.lines if x.rstrip().endswith(_C4_END) and len(x.split()) >= 3]
        return "\n".join(keep)
    doc = Document(id=page.name, metadata={"url": page.url} if page.url else {})
    if mode == "html":
        doc.html = page.html
    else:
        doc.text = "\n".join(page.lines)
    kept = [d for d in _pipeline().run([doc]) if isinstance(d, Document)]
    return kept[0].text if kept else ""


def _words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFC", text).casefold())


def _shingles(words: list[str]) -> Counter[tuple[str, ...]]:
    """Word 4-grams with their counts, as the article-extraction benchmarks score them."""
    return Counter(zip(words, words[1:], words[2:], words[3:], strict=False))


def _kept(line: str, text: str) -> bool:
    """A content line is kept when it is in the output, or when only what `lead.site_prefix` takes is missing
    from it (an agency mark "(PLO) - " or a site name before the lead), as `../shared/tools/score_lines.py`
    counts it on the seeds."""
    if line in text:
        return True
    bare = _AGENCY_PREFIX.sub("", line)
    if bare != line and len(bare) > 40 and bare in text:
        return True
    rest = line.partition(" ")[2]
    return len(line) > 80 and rest in text


def _left(line: str, output_lines: list[str]) -> bool:
    """A furniture line is left when an output line is that line, or (past 30 characters) holds it, as
    `score_lines.py` counts it: a short label such as "1" or "Internet" is not left because prose uses it."""
    return any(o == line or (len(line) > 30 and line in o) for o in output_lines)


def score(page: Page, output: str) -> dict[str, float]:
    out: dict[str, float] = {}
    text = norm(output.replace("\n", " "))
    labels = [(lab, norm(line)) for lab, line in zip(page.labels, page.lines, strict=True)]
    content = [t for lab, t in labels if lab == "keep"]
    furniture = [t for lab, t in labels if lab == "drop" and t not in content]
    if content or furniture:
        out["content_kept"] = sum(_kept(t, text) for t in content)
        out["content_total"] = len(content)
        lines = [norm(x) for x in output.split("\n")]
        out["furniture_removed"] = sum(not _left(t, lines) for t in furniture)
        out["furniture_total"] = len(furniture)
    if page.gold is not None:
        got, want = Counter(_words(output)), Counter(_words(page.gold))
        common = sum((got & want).values())
        p = common / sum(got.values()) if got else 0.0
        r = common / sum(want.values()) if want else 0.0
        out["bow_p"], out["bow_r"] = p, r
        out["bow_f1"] = 2 * p * r / (p + r) if p + r else 0.0
        got4, want4 = _shingles(_words(output)), _shingles(_words(page.gold))
        common4 = sum((got4 & want4).values())
        p4 = common4 / sum(got4.values()) if got4 else 0.0
        r4 = common4 / sum(want4.values()) if want4 else 0.0
        out["shingle_f1"] = 2 * p4 * r4 / (p4 + r4) if p4 + r4 else 0.0
    if page.with_snippets or page.without_snippets:
        out["tp"] = sum(s in output for s in page.with_snippets)
        out["fn"] = sum(s not in output for s in page.with_snippets)
        out["fp"] = sum(s in output for s in page.without_snippets)
    return out


def summarise(scores: list[dict[str, float]]) -> dict[str, float]:
    total: Counter[str] = Counter()
    for s in scores:
        total.update(s)
    out: dict[str, float] = {"pages": len(scores)}
    if total["content_total"] or total["furniture_total"]:
        out["content_kept"] = total["content_kept"] / max(total["content_total"], 1)
        out["furniture_removed"] = total["furniture_removed"] / max(total["furniture_total"], 1)
    if any("bow_f1" in s for s in scores):
        n = sum(1 for s in scores if "bow_f1" in s)
        out.update({k: total[k] / n for k in ("bow_p", "bow_r", "bow_f1", "shingle_f1")})
    if total["tp"] + total["fn"]:
        p = total["tp"] / max(total["tp"] + total["fp"], 1)
        r = total["tp"] / (total["tp"] + total["fn"])
        out.update({"snippet_p": p, "snippet_r": r, "snippet_f1": 2 * p * r / (p + r) if p + r else 0.0})
    return {k: round(v, 4) for k, v in out.items()}


#: Languages scored apart where a set knows its pages' languages (trafilatura's set: mostly German and English).
PER_LANGUAGE = ("de", "en")
SYSTEMS = {"html": ("trafilatura", "cleaner"), "text": ("all", "c4", "cleaner")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="extraction quality on the dev sets")
    parser.add_argument("--sets", default="vi,cleaneval,dragnet,trafilatura")
    parser.add_argument("--modes", default="html,text")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    sets = load_sets(args.sets.split(","), args.limit)
    if not sets:
        print("no development sets found (../shared/devsets): nothing to evaluate", file=sys.stderr)
        return 0
    results: dict[str, dict[str, dict[str, dict[str, float]]]] = {}
    # Not forked: loading the pages ran the language detectors, whose native threads a forked child cannot use.
    with ProcessPoolExecutor(args.workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        for set_name, pages in sets.items():
            for mode in args.modes.split(","):
                for system in SYSTEMS[mode]:
                    started = time.perf_counter()
                    outputs = list(pool.map(run_system, [(mode, system, p) for p in pages], chunksize=4))
                    scores = [score(p, o) for p, o in zip(pages, outputs, strict=True)]
                    summary = summarise(scores)
                    summary["seconds"] = round(time.perf_counter() - started, 1)
                    results.setdefault(set_name, {}).setdefault(mode, {})[system] = summary
                    print(f"{set_name:28} {mode:5} {system:12} {_fmt(summary)}", flush=True)
                    for language in PER_LANGUAGE:
                        part = [s for p, s in zip(pages, scores, strict=True) if p.language == language]
                        if part:
                            name = f"{set_name} {language}"
                            results.setdefault(name, {}).setdefault(mode, {})[system] = summarise(part)
                            print(f"{name:28} {mode:5} {system:12} {_fmt(results[name][mode][system])}", flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return 0


def _fmt(summary: dict[str, float]) -> str:
    keys = (
        "content_kept",
        "furniture_removed",
        "bow_p",
        "bow_r",
        "bow_f1",
        "shingle_f1",
        "snippet_p",
        "snippet_r",
        "snippet_f1",
    )
    return "  ".join(f"{k}={summary[k]:.3f}" for k in keys if k in summary) + f"  ({summary['pages']} pages)"


if __name__ == "__main__":
    sys.exit(main())
