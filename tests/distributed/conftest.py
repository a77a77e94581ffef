"""A small mixed corpus for sharded runs: JSONL news with near duplicates, the seed pages, and bad records."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def news_records() -> list[dict]:
    raw = gzip.decompress((ROOT / "fixtures" / "dedup" / "near_duplicates.jsonl.gz").read_bytes())
    return [json.loads(line) for line in raw.decode("utf-8").splitlines()]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """`in/`: 310 JSONL records (one malformed line among them), the five seed pages and an empty file."""
    root = tmp_path / "in"
    shutil.copytree(ROOT / "seeds", root / "seeds")
    (root / "seeds" / "empty.txt").write_bytes(b"")
    lines = [
        json.dumps(
            {"id": r["id"], "text": r["text"], "url": f"https://site{i % 7}.example/{r['id']}"}, ensure_ascii=False
        )
        for i, r in enumerate(news_records())
    ]
    lines.insert(40, "{not json")
    (root / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def read_parts(directory: Path, pattern: str = "part-*.jsonl.gz") -> list[dict]:
    return [
        json.loads(line)
        for part in sorted(directory.glob(pattern))
        for line in gzip.decompress(part.read_bytes()).decode("utf-8").splitlines()
    ]


def tree(directory: Path) -> dict[str, bytes]:
    """Every file under `directory` by relative path, with its bytes (stats.json left out: it holds timings)."""
    return {
        p.relative_to(directory).as_posix(): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file() and p.name != "stats.json"
    }
