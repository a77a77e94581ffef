"""Throughput of the boilerplate step and of the templates step, on their own.

`run(corpus)` times `BoilerplateTransform.process` on a copy of every document (per focus level) and
`SiteTemplateTransform.run` over the boilerplate output, and reports docs/s, MB/s (UTF-8 bytes of input text),
lines removed per 1000 documents, and the templates step's peak traced memory. Run alone
(`python bench/bench_boilerplate.py`) it builds a corpus from the seeds with invented headers and footers.
"""

from __future__ import annotations

import copy
import json
import time
import tracemalloc
from pathlib import Path
from typing import Any

from cleaner.document import Document
from cleaner.filters.boilerplate import BoilerplateTransform
from cleaner.filters.templates import SiteTemplateTransform

ROOT = Path(__file__).resolve().parents[1]


def _fresh(corpus: list[Document]) -> list[Document]:
    return [
        Document(id=d.id, text=d.text, metadata=copy.deepcopy(d.metadata), events=list(d.events))
        for d in corpus
        if d.text
    ]


def _time_boilerplate(corpus: list[Document], focus: str) -> tuple[dict[str, Any], list[Document]]:
    docs = _fresh(corpus)
    size = sum(len(d.text.encode("utf-8")) for d in docs)
    step = BoilerplateTransform(focus=focus)
    started = time.perf_counter()
    out = [step.process(d) for d in docs]
    seconds = time.perf_counter() - started
    kept = [d for d in out if isinstance(d, Document)]
    removed = sum(1 for d in kept for e in d.events if e.step == "boilerplate")
    return {
        "docs": len(docs),
        "mb": round(size / 1e6, 3),
        "seconds": round(seconds, 3),
        "docs_per_s": round(len(docs) / seconds, 1) if seconds else None,
        "mb_per_s": round(size / 1e6 / seconds, 2) if seconds else None,
        "lines_removed_per_1000_docs": round(1000 * removed / max(len(docs), 1), 1),
    }, kept


def _time_templates(docs: list[Document]) -> dict[str, Any]:
    size = sum(len(d.text.encode("utf-8")) for d in docs)
    step = SiteTemplateTransform()
    copies = _fresh(docs)
    started = time.perf_counter()
    out = list(step.run(docs))
    seconds = time.perf_counter() - started
    tracemalloc.start()
    list(step.run(copies))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    removed = sum(1 for d in out if isinstance(d, Document) for e in d.events if e.step == "templates")
    return {
        "docs": len(docs),
        "seconds": round(seconds, 3),
        "docs_per_s": round(len(docs) / seconds, 1) if seconds else None,
        "mb_per_s": round(size / 1e6 / seconds, 2) if seconds else None,
        "lines_removed_per_1000_docs": round(1000 * removed / max(len(docs), 1), 1),
        "peak_mb_traced": round(peak / 1e6, 2),
        "lookahead_docs": step.config.lookahead_docs,
    }


def run(corpus: list[Document]) -> dict[str, Any]:
    """Figures for the boilerplate step (each focus level) and the templates step (after balanced)."""
    result: dict[str, Any] = {"boilerplate": {}}
    balanced: list[Document] = []
    for focus in ("precision", "balanced", "recall"):
        figures, out = _time_boilerplate(corpus, focus)
        result["boilerplate"][focus] = figures
        if focus == "balanced":
            balanced = out
    result["templates"] = _time_templates(balanced)
    return result


def seed_corpus(copies: int = 400) -> list[Document]:
    """Seed pages recombined with invented per-site headers and footers, over 20 sites."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    docs = []
    for n in range(copies):
        site = n % 20
        header = f"Cổng thông tin huyện số {site}\nTrang chủ | Tin tức | Liên hệ\nKhẩu hiệu của đơn vị {site}"
        footer = f"Bản quyền thuộc về đơn vị {site}\nĐịa chỉ: số {site} đường Lê Lợi\nĐiện thoại: 0200 000 {site:03d}"
        text = f"{header}\n{seeds[n % len(seeds)]}\n{footer}"
        docs.append(Document(id=f"d{n}", text=text, metadata={"url": f"https://site{site}.example.vn/{n}"}))
    return docs


if __name__ == "__main__":
    print(json.dumps(run(seed_corpus()), indent=2, ensure_ascii=False))
