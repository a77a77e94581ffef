"""Benchmark of the language step: speed against plain `langdetect.detect` per document, and accuracy.

`run(corpus)` reports, measured in the same run on the same documents:

* documents/s and MB/s of `LanguageFilter()` (default: langdetect-rs backend, per-paragraph shares on) and of
  plain `langdetect.detect(doc.text)` (seeded), the speed-up, and how often the two agree on the label; also
  the step without per-paragraph shares (`per_paragraph=False`);
* documents/s of the step on the pure-Python `langdetect` backend (whole-document tag only), on a subset;
* accuracy per language on `fixtures/language/eval.tsv` (7,295 sentences, 25 languages) for the step and for
  plain langdetect, and on its Vietnamese sentences stripped of diacritics; and the share of sentences on
  which the two backends return exactly the same probabilities.

Run alone: `python bench/bench_language.py` (builds a corpus from the seeds and prints the JSON).
"""

from __future__ import annotations

import csv
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from bench import udhr
from cleaner.document import Document
from cleaner.filters.language import LanguageFilter
from cleaner.language.backends import get_backend, iso_code
from cleaner.language.vietnamese import strip_diacritics

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / "fixtures" / "language" / "eval.tsv"
#: Languages written without spaces between words (a sentence is counted in letters).
UNSPACED = frozenset({"bo", "ja", "km", "ko", "lo", "my", "th", "zh"})
#: Documents timed with plain langdetect and the step (the rest of a larger corpus is skipped).
MAX_DOCS = 3000
#: Documents timed with the step on the pure-Python backend.
MAX_DOCS_PY_BACKEND = 300


def _plain_langdetect() -> Any:
    import langdetect

    langdetect.DetectorFactory.seed = 0
    return langdetect


def _plain_label(langdetect: Any, text: str) -> str:
    try:
        return iso_code(langdetect.detect(text))
    except langdetect.LangDetectException:
        return "und"


def _tag(step: LanguageFilter, text: str) -> str:
    out = step(Document("bench", text))
    return str(out.metadata["language"]) if isinstance(out, Document) else "drop"


def _interleaved(fns: dict[str, Any], docs: list[str], chunk: int = 50) -> dict[str, tuple[list[str], float]]:
    """Run each function over the same documents, alternating chunk by chunk, so that load from other
    processes on the machine falls on all of them alike; returns labels and total seconds per function."""
    labels: dict[str, list[str]] = {name: [] for name in fns}
    seconds = dict.fromkeys(fns, 0.0)
    for start in range(0, len(docs), chunk):
        part = docs[start : start + chunk]
        for name, fn in fns.items():
            began = time.perf_counter()
            labels[name].extend(fn(text) for text in part)
            seconds[name] += time.perf_counter() - began
    return {name: (labels[name], seconds[name]) for name in fns}


def _rate(n: int, seconds: float) -> float:
    return round(n / seconds, 1) if seconds else 0.0


def speed(corpus: list[Document]) -> dict[str, Any]:
    texts = [doc.text for doc in corpus[:MAX_DOCS]]
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    langdetect = _plain_langdetect()
    step = LanguageFilter()
    _plain_label(langdetect, "warm up the profiles")
    _tag(step, "warm up the profiles")
    _tag(LanguageFilter(backend="langdetect"), "warm up the profiles")
    for text in texts[:20]:  # warm up caches and allocators on real documents
        _plain_label(langdetect, text)
        _tag(step, text)
    whole = LanguageFilter(per_paragraph=False)
    timed = _interleaved(
        {
            "plain": lambda t: _plain_label(langdetect, t),
            "step": lambda t: _tag(step, t),
            "whole": lambda t: _tag(whole, t),
        },
        texts,
    )
    (plain, plain_s), (ours, ours_s), whole_s = timed["plain"], timed["step"], timed["whole"][1]
    py_step = LanguageFilter(backend="langdetect", per_paragraph=False)
    subset = texts[:MAX_DOCS_PY_BACKEND]
    timed = _interleaved({"plain": lambda t: _plain_label(langdetect, t), "py": lambda t: _tag(py_step, t)}, subset)
    plain_subset_s, py_s = timed["plain"][1], timed["py"][1]
    agree = sum(a == b for a, b in zip(plain, ours, strict=True))
    return {
        "docs": len(texts),
        "megabytes": round(megabytes, 2),
        "step_docs_per_s": _rate(len(texts), ours_s),
        "step_mb_per_s": round(megabytes / ours_s, 2) if ours_s else 0.0,
        "langdetect_docs_per_s": _rate(len(texts), plain_s),
        "langdetect_mb_per_s": round(megabytes / plain_s, 2) if plain_s else 0.0,
        "speedup_vs_langdetect": round(plain_s / ours_s, 1) if ours_s else 0.0,
        "step_without_paragraphs_docs_per_s": _rate(len(texts), whole_s),
        "label_agreement_with_langdetect": round(agree / len(texts), 4) if texts else 0.0,
        "step_languages": dict(sorted(Counter(ours).items())),
        "langdetect_languages": dict(sorted(Counter(plain).items())),
        "py_backend_docs": len(subset),
        "py_backend_docs_per_s": _rate(len(subset), py_s),
        "py_backend_speedup_vs_langdetect": round(plain_subset_s / py_s, 2) if py_s else 0.0,
    }


def accuracy() -> dict[str, Any]:
    with open(EVAL, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    langdetect = _plain_langdetect()
    step = LanguageFilter()
    total: Counter[str] = Counter()
    ours: Counter[str] = Counter()
    plain: Counter[str] = Counter()
    rust, python = get_backend("langdetect-rs"), get_backend("langdetect")
    identical = 0
    for row in rows:
        label, text = row["language"], row["text"]
        total[label] += 1
        ours[label] += _tag(step, text) == label
        plain[label] += _plain_label(langdetect, text) == label
        identical += rust.probabilities(text) == python.probabilities(text)
    vi = [r["text"] for r in rows if r["language"] == "vi"]
    vi_plain = [strip_diacritics(t) for t in vi]
    return {
        "eval_sentences": len(rows),
        "eval_languages": len(total),
        "backends_identical_probabilities": round(identical / len(rows), 4),
        "step_accuracy": {k: round(ours[k] / total[k], 4) for k in sorted(total)},
        "langdetect_accuracy": {k: round(plain[k] / total[k], 4) for k in sorted(total)},
        "step_accuracy_overall": round(sum(ours.values()) / len(rows), 4),
        "langdetect_accuracy_overall": round(sum(plain.values()) / len(rows), 4),
        "vi_without_diacritics_step": round(sum(_tag(step, t) == "vi" for t in vi_plain) / len(vi), 4),
        "vi_without_diacritics_langdetect": round(
            sum(_plain_label(langdetect, t) == "vi" for t in vi_plain) / len(vi), 4
        ),
    }


def _is_sentence(language: str, text: str) -> bool:
    """The evaluation set's rule (`fixtures/language/build_eval.py`): at least 4 words, or 12 letters in a
    script written without spaces between words."""
    if language in UNSPACED:
        return sum(ch.isalpha() for ch in text) >= 12
    return len(text.split()) >= 4


def udhr_accuracy() -> dict[str, Any]:
    """Accuracy per language on the UDHR (`bench/udhr.py`), a source the step was never tuned on, for the step
    and plain langdetect: on every paragraph and list item, and on those that are sentences by the evaluation
    set's rule (the rest are fragments such as `proclaims` or `Now, therefore,`). {} when unavailable."""
    rows = udhr.sentences()
    if not rows:
        return {}
    langdetect = _plain_langdetect()
    step = LanguageFilter(per_paragraph=False)
    views: dict[str, dict[str, Counter[str]]] = {
        view: {"total": Counter(), "step": Counter(), "langdetect": Counter()} for view in ("all", "sentences")
    }
    for label, text in rows:
        ours, plain = _tag(step, text) == label, _plain_label(langdetect, text) == label
        for view in ("all", "sentences") if _is_sentence(label, text) else ("all",):
            views[view]["total"][label] += 1
            views[view]["step"][label] += ours
            views[view]["langdetect"][label] += plain
    result: dict[str, Any] = {"source": udhr.PACKAGE}
    for view, counts in views.items():
        total = counts["total"]
        per = {
            k: {"n": total[k], **{who: round(counts[who][k] / total[k], 4) for who in ("step", "langdetect")}}
            for k in sorted(total)
        }
        result[view] = {
            "units": sum(total.values()),
            "languages": len(total),
            "per_language": per,
            "step_mean": round(sum(v["step"] for v in per.values()) / len(per), 4),
            "langdetect_mean": round(sum(v["langdetect"] for v in per.values()) / len(per), 4),
            "step_below_langdetect": sorted(k for k, v in per.items() if v["step"] < v["langdetect"]),
        }
    beyond: dict[str, Counter[str]] = {"total": Counter(), "step": Counter()}
    for label, text in udhr.sentences(translations=udhr.BEYOND_LANGDETECT):
        if _is_sentence(label, text):
            beyond["total"][label] += 1
            beyond["step"][label] += _tag(step, text) == label
    result["beyond_langdetect"] = {k: round(beyond["step"][k] / n, 4) for k, n in sorted(beyond["total"].items())}
    return result


def udhr_table(figures: dict[str, Any]) -> str:
    """The UDHR figures as a text table: per language, the step and plain langdetect, in both views."""
    if not figures:
        return "UDHR evaluation skipped (npm package not available)"
    lines = [f"accuracy on {figures['source']} (sentences | all paragraphs and items)"]
    lines.append(f"{'lang':<6}{'n':>5}{'step':>8}{'langdet':>9}   |{'n':>5}{'step':>8}{'langdet':>9}")
    sentences, every = figures["sentences"]["per_language"], figures["all"]["per_language"]
    for language in sorted(every):
        s = sentences.get(language, {"n": 0, "step": float("nan"), "langdetect": float("nan")})
        a = every[language]
        lines.append(
            f"{language:<6}{s['n']:>5}{s['step']:>8.3f}{s['langdetect']:>9.3f}   |"
            f"{a['n']:>5}{a['step']:>8.3f}{a['langdetect']:>9.3f}"
        )
    for view in ("sentences", "all"):
        v = figures[view]
        below = ", ".join(v["step_below_langdetect"]) or "none"
        lines.append(
            f"{view}: {v['units']} in {v['languages']} languages, mean step {v['step_mean']:.4f}, "
            f"langdetect {v['langdetect_mean']:.4f}; step below langdetect: {below}"
        )
    beyond = figures.get("beyond_langdetect", {})
    lines.append(
        "sentences in languages langdetect cannot name, step: " + ", ".join(f"{k} {v:.3f}" for k, v in beyond.items())
    )
    return "\n".join(lines)


def run(corpus: list[Document]) -> dict[str, Any]:
    """Speed on `corpus` and accuracy on the evaluation sets (JSON-serialisable); prints the UDHR table."""
    import langdetect

    saved = langdetect.DetectorFactory.seed
    try:
        figures = {"speed": speed(corpus), "accuracy": accuracy(), "udhr": udhr_accuracy()}
    finally:
        langdetect.DetectorFactory.seed = saved
    print(udhr_table(figures["udhr"]), file=sys.stderr)
    return figures


def seed_corpus(n: int = 2000, seed: int = 0) -> list[Document]:
    """Documents built from the seeds: recombined paragraphs, English headers/footers, unaccented and English
    documents from the evaluation set, so a bench can run before the shared corpus exists."""
    rng = random.Random(seed)
    paragraphs = [
        p.strip()
        for path in sorted((ROOT / "seeds").glob("*.txt"))
        for p in path.read_text(encoding="utf-8").split("\n")
        if p.strip()
    ]
    with open(EVAL, encoding="utf-8", newline="") as fh:
        english = [
            r["text"] for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE) if r["language"] == "en"
        ]
    header = [
        "Skip to main content",
        "Trang chủ",
        "Giới thiệu",
        "Tin tức",
        "Liên hệ",
        "Home | About | Contact",
    ]
    docs = []
    for i in range(n):
        body = rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(5, 25)))
        kind = i % 10
        if kind == 7:
            body = [strip_diacritics(p) for p in body]
        elif kind == 8:
            body = rng.sample(english, k=rng.randint(5, 25))
        elif kind == 9:
            body = body[: len(body) // 2] + rng.sample(english, k=3) + body[len(body) // 2 :]
        docs.append(Document(f"bench-{i}", "\n".join(rng.sample(header, k=3) + body)))
    return docs


if __name__ == "__main__":
    print(json.dumps(run(seed_corpus()), indent=2, ensure_ascii=False))
