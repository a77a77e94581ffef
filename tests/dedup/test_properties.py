"""Property: dedup keeps exactly one document per duplicate group, whatever the input order and policy."""

import gzip
import json
from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.dedup import DedupFilter
from cleaner.document import Document, Rejected

RECORDS = [
    json.loads(line)
    for line in gzip.decompress(Path("fixtures/dedup/near_duplicates.jsonl.gz").read_bytes())
    .decode("utf-8")
    .splitlines()
]
# Smaller documents keep the property test fast: the tutor chapters, reference sections and their copies.
POOL = [r for r in RECORDS if not r["group"].startswith("seed-")][:120]


@settings(max_examples=25, deadline=None)
@given(
    chosen=st.lists(st.sampled_from(POOL), min_size=1, max_size=40, unique_by=lambda r: r["id"]),
    keep=st.sampled_from(["first", "longest", "newest"]),
    data=st.data(),
)
def test_one_survivor_per_group_whatever_the_order(
    chosen: list[dict[str, str]], keep: str, data: st.DataObject
) -> None:
    order = data.draw(st.permutations(chosen))
    docs = [Document(r["id"], r["text"], metadata={"date": f"2024-01-{len(r['text']) % 28 + 1:02d}"}) for r in order]
    out = DedupFilter(keep=keep)(docs)
    group = {r["id"]: r["group"] for r in chosen}
    kept = [x.id for x in out if isinstance(x, Document)]
    assert Counter(group[i] for i in kept) == Counter({g: 1 for g in set(group.values())})
    assert len(out) == len(docs)  # kept + rejected = input
    assert [x.document.id if isinstance(x, Rejected) else x.id for x in out] == [d.id for d in docs]
    if keep != "first":  # the survivor does not depend on the order
        again = DedupFilter(keep=keep)([Document(d.id, d.text, metadata=dict(d.metadata)) for d in reversed(docs)])
        assert sorted(x.id for x in again if isinstance(x, Document)) == sorted(kept)
