"""A run on which the rules fire and duplicates are dropped, shared by the report tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.cli import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def mixed_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seeds, one site's pages and the labelled near-duplicate set, through the default chain."""
    out = tmp_path_factory.mktemp("run") / "corpus.jsonl"
    inputs = [ROOT / "seeds", ROOT / "fixtures/boilerplate/site_vi", ROOT / "fixtures/dedup/near_duplicates.jsonl.gz"]
    assert main(["run", *map(str, inputs), "-o", str(out), "-q"]) == 0
    return out
