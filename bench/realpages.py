"""Real pages from `../shared/devsets/` as a benchmark corpus: one JSONL record per page with its HTML, its full
visible text (one block per line, as a WET file holds it) and what is known about it (gold text, snippets).

Read from the dev sets at bench time and written under `bench/corpus/` (git-ignored): never copied into the
repository, and absent when the dev sets are (CI never needs it).

    python -m bench.realpages --pages 3000 --out bench/corpus/real-3000.jsonl
"""

from __future__ import annotations

import argparse
import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.devsets import Page, gold_pages, trafilatura_eval, vi_pages

ROOT = Path(__file__).resolve().parent.parent


def pages() -> Iterator[Page]:
    """Every dev-set page, the sets interleaved so that any prefix mixes sites and languages."""
    sources = [
        vi_pages(("article", "forum-thread", "home", "section")),
        gold_pages("dragnet"),
        gold_pages("cleaneval/final"),
        trafilatura_eval(),
        gold_pages("cleaneval/dev"),
    ]
    for group in itertools.zip_longest(*sources):
        yield from (page for page in group if page is not None)


def record(page: Page) -> dict[str, Any]:
    return {
        "id": f"{page.set}/{page.name}",
        "url": page.url,
        "html": page.html,
        "text": "\n".join(page.lines),
        "gold": page.gold,
        "with": page.with_snippets,
        "without": page.without_snippets,
    }


def build(limit: int, out: Path) -> Path:
    """Write the first `limit` pages to `out` (kept when it already holds them) and return it."""
    if out.exists():
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_suffix(".partial")
    with partial.open("w", encoding="utf-8") as stream:
        for page in itertools.islice(pages(), limit):
            stream.write(json.dumps(record(page), ensure_ascii=False) + "\n")
    partial.rename(out)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=3000)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    build(args.pages, args.out or ROOT / "bench" / "corpus" / f"real-{args.pages}.jsonl")


if __name__ == "__main__":
    main()
