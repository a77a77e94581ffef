"""A fixed corpus built from the repository's own seeds and fixtures, for the output-equality test.

Every kind of input the default chain meets: Vietnamese articles with site furniture (seeds, boilerplate
fixtures, two sites of several pages so `templates` learns), mojibake and legacy encodings (encoding fixtures),
text in 25 languages and mixed-language articles (language evaluation set), exact and near duplicates (dedup
test set), clean negatives, HTML pages, and documents the quality step drops. Deterministic: no randomness, the
records come in a fixed order.

    python -m tests.golden_corpus OUT.jsonl    # write it, to run the CLI on by hand
"""

from __future__ import annotations

import csv
import gzip
import html
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
#: Sentences per evaluation-set document, documents per language, and dedup-set records taken.
SENTENCES_PER_DOC = 6
DOCS_PER_LANGUAGE = 3
DEDUP_RECORDS = 120


def _jsonl(path: Path) -> list[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _text_files() -> Iterator[dict[str, Any]]:
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        yield {"id": f"seeds/{path.name}", "text": path.read_text(encoding="utf-8")}
    for path in sorted((FIXTURES / "boilerplate").rglob("*.txt")):
        site = path.parent.name
        rel = path.relative_to(FIXTURES).as_posix()
        yield {"id": rel, "text": path.read_text(encoding="utf-8"), "url": f"https://{site}.example/{path.stem}"}


def _encoding_cases() -> Iterator[dict[str, Any]]:
    for case in _jsonl(FIXTURES / "encoding" / "text_cases.jsonl"):
        yield {"id": f"encoding/{case['id']}", "text": case["input"]}
    for case in _jsonl(FIXTURES / "encoding" / "negatives.jsonl"):
        yield {"id": f"negative/{case['id']}", "text": case["text"]}


def _language_docs() -> Iterator[dict[str, Any]]:
    with open(FIXTURES / "language" / "eval.tsv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    by_language: dict[str, list[str]] = {}
    for row in rows:
        by_language.setdefault(row["language"], []).append(row["text"])
    for language, sentences in sorted(by_language.items()):
        for k in range(DOCS_PER_LANGUAGE):
            part = sentences[k * SENTENCES_PER_DOC : (k + 1) * SENTENCES_PER_DOC]
            # one paragraph of prose, then one sentence per line (short lines are judged alone)
            text = " ".join(part[:3]) + "\n" + "\n".join(part[3:])
            yield {"id": f"language/{language}-{k}", "text": text}
    english, vietnamese = by_language["en"], by_language["vi"]
    for k in range(5):
        lines = [*vietnamese[40 + 4 * k : 44 + 4 * k], *english[40 + 2 * k : 42 + 2 * k], vietnamese[80 + k]]
        yield {"id": f"language/mixed-{k}", "text": "Skip to main content\nTrang chủ\n" + "\n".join(lines)}


def _html_pages() -> Iterator[dict[str, Any]]:
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
        body = "".join(f"<p>{html.escape(line)}</p>" for line in lines[2:-3])
        page = (
            f"<html><head><title>{html.escape(lines[0])}</title></head><body>"
            "<nav><ul><li><a href='/'>Trang chủ</a></li><li><a href='/tin'>Tin tức</a></li></ul></nav>"
            f"<article><h1>{html.escape(lines[1])}</h1>{body}</article>"
            "<footer><p>Bản quyền © 2024. Ghi rõ nguồn khi phát hành lại.</p></footer></body></html>"
        )
        yield {"id": f"html/{path.stem}", "html": page, "url": f"https://seeds.example/{path.stem}.html"}


def _edge_cases() -> Iterator[dict[str, Any]]:
    yield {"id": "edge/empty", "text": ""}
    yield {"id": "edge/blank", "text": " \n\t\n"}
    yield {"id": "edge/numbers", "text": "1 2 3 4 5 6 7 8 9 10 11 12"}
    yield {"id": "edge/two-words", "text": "Xin chào"}
    yield {"id": "edge/symbols", "text": "--- *** === ### $$$ %%% &&& @@@ !!! ??? ||| ~~~"}
    seed = (ROOT / "seeds" / "000_8f75769a14e9de66.txt").read_text(encoding="utf-8")
    yield {"id": "edge/seed-copy", "text": seed, "url": "https://mirror.example/copy"}


def records() -> Iterator[dict[str, Any]]:
    """The corpus, record by record."""
    yield from _text_files()
    yield from _encoding_cases()
    yield from _language_docs()
    yield from _html_pages()
    for record in _jsonl(FIXTURES / "dedup" / "near_duplicates.jsonl.gz")[:DEDUP_RECORDS]:
        yield {"id": f"dedup/{record['id']}", "text": record["text"]}
    yield from _edge_cases()


def write(path: Path) -> Path:
    with open(path, "w", encoding="utf-8") as out:
        for record in records():
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


if __name__ == "__main__":
    write(Path(sys.argv[1]))
