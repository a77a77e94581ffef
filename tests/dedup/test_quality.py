"""Quality gate: pairwise precision and recall on the labelled near-duplicate set, floors pinned in a file."""

import gzip
import itertools
import json
from collections import Counter
from pathlib import Path

import pytest

from cleaner.dedup import DedupFilter
from cleaner.document import Document, Rejected

FIXTURES = Path("fixtures/dedup")
RECORDS = [
    json.loads(line)
    for line in gzip.decompress((FIXTURES / "near_duplicates.jsonl.gz").read_bytes()).decode("utf-8").splitlines()
]
FLOORS = json.loads((FIXTURES / "floors.json").read_text("utf-8"))


def scores(**params: object) -> tuple[float, float]:
    out = DedupFilter(**params)([Document(r["id"], r["text"]) for r in RECORDS])
    cluster = {
        x.document.id if isinstance(x, Rejected) else x.id: x.detail["cluster"]
        if isinstance(x, Rejected)
        else x.metadata["dedup"]["cluster"]
        for x in out
    }
    group = {r["id"]: r["group"] for r in RECORDS}
    counts: Counter[tuple[bool, bool]] = Counter(
        (group[a] == group[b], cluster[a] == cluster[b]) for a, b in itertools.combinations(group, 2)
    )
    tp, fp, fn = counts[True, True], counts[False, True], counts[True, False]
    return tp / (tp + fp), tp / (tp + fn)


def test_set_is_what_the_readme_says() -> None:
    assert len(RECORDS) == 310
    assert len({r["group"] for r in RECORDS}) == 40
    seeds = {r["group"] for r in RECORDS if r["group"].startswith("seed-")}
    assert len(seeds) == 5  # five same-topic reports, five groups


def test_default_config_meets_the_floors() -> None:
    precision, recall = scores()
    assert precision >= FLOORS["precision"]
    assert recall >= FLOORS["recall"]


@pytest.mark.parametrize("keep", ["longest", "newest"])
def test_policies_do_not_change_the_clusters(keep: str) -> None:
    precision, recall = scores(keep=keep)
    assert precision >= FLOORS["precision"]
    assert recall >= FLOORS["recall"]
