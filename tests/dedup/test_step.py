"""DedupFilter: reason codes, provenance, survivor policies, chains, buffering, config errors."""

import random
from pathlib import Path

import pytest

from cleaner.dedup import DedupFilter
from cleaner.document import Document, Rejected
from cleaner.pipeline import Pipeline
from cleaner.steps import ConfigError

SEEDS = [p.read_text("utf-8") for p in sorted(Path("seeds").glob("*.txt"))]


def edit(text: str, every: int, word: str = "sửa") -> str:
    """Replace every `every`-th word."""
    words = text.split(" ")
    return " ".join(word if i % every == every - 1 else w for i, w in enumerate(words))


def outcome(items: list[Document | Rejected]) -> dict[str, str]:
    """id -> "kept" or the reject reason."""
    return {
        x.document.id if isinstance(x, Rejected) else x.id: x.reason if isinstance(x, Rejected) else "kept"
        for x in items
    }


def test_negative_same_topic_reports_are_all_kept() -> None:
    docs = [Document(f"s{i}", t) for i, t in enumerate(SEEDS)]
    out = DedupFilter()(docs)
    assert [x.id for x in out if isinstance(x, Document)] == [f"s{i}" for i in range(5)]
    assert all(x.metadata["dedup"]["cluster_size"] == 1 for x in out if isinstance(x, Document))


def test_exact_and_near_duplicates_with_provenance() -> None:
    docs = [
        Document("a", SEEDS[0]),
        Document("b", SEEDS[1]),
        Document("a-upper", SEEDS[0].upper().replace("Ủy", "Uỷ")),
        Document("a-edited", edit(SEEDS[0], 40)),
    ]
    out = DedupFilter()(docs)
    assert [x.id if isinstance(x, Document) else x.document.id for x in out] == [
        "a",
        "b",
        "a-upper",
        "a-edited",
    ]
    kept_a, kept_b, exact, near = out
    assert isinstance(kept_a, Document) and isinstance(kept_b, Document)
    assert kept_a.metadata["dedup"]["cluster"] == "a"
    assert kept_a.metadata["dedup"]["cluster_size"] == 3
    assert kept_b.metadata["dedup"]["cluster_size"] == 1
    assert isinstance(exact, Rejected) and exact.reason == "dedup.exact" and exact.step == "dedup"
    assert exact.detail["kept_id"] == "a" and exact.detail["similarity"] == 1.0
    assert isinstance(near, Rejected) and near.reason == "dedup.near_duplicate"
    assert near.detail["kept_id"] == "a"
    assert 0.6 <= near.detail["similarity"] < 1.0
    assert near.detail["cluster_size"] == 3 and near.detail["kept_in_earlier_run"] is False


def test_chain_gives_one_cluster_and_one_survivor() -> None:
    # A~B and B~C (a third of the words shared) while A and C share nothing; B arrives last.
    words = SEEDS[4].split(" ")
    k = len(words) // 4
    a, b, c = (" ".join(words[i * k : (i + 2) * k]) for i in range(3))
    out = DedupFilter(jaccard_threshold=0.25)([Document("A", a), Document("C", c), Document("B", b)])
    kept, c_out, b_out = out
    assert isinstance(kept, Document) and kept.metadata["dedup"]["cluster_size"] == 3
    assert isinstance(c_out, Rejected) and isinstance(b_out, Rejected)
    assert c_out.reason == b_out.reason == "dedup.near_duplicate"
    assert c_out.detail["kept_id"] == b_out.detail["kept_id"] == "A"
    assert c_out.detail["matched_id"] == "B"
    assert c_out.detail["similarity"] < 0.1 < 0.25 <= c_out.detail["matched_similarity"]


@pytest.mark.parametrize(
    ("keep", "survivor"),
    [("first", "old-short"), ("longest", "long"), ("newest", "new")],
    ids=lambda x: str(x),
)
def test_survivor_policy(keep: str, survivor: str) -> None:
    base = SEEDS[2]
    docs = [
        Document("old-short", edit(base, 50), metadata={"date": "2021-01-01"}),
        Document("new", edit(base, 60, "mới"), metadata={"date": "2021-03-01T08:00:00+07:00"}),
        Document("long", base + "\n\nThêm một đoạn ngắn ở cuối.", metadata={"date": "2021-02-01"}),
        Document("nodate", edit(base, 70)),
    ]
    for order in (docs, docs[::-1], docs[1:] + docs[:1]):
        out = DedupFilter(keep=keep)(list(order))
        kept = [x.id for x in out if isinstance(x, Document)]
        if keep == "first":
            assert kept == [order[0].id]
        else:
            assert kept == [survivor]
        for x in out:
            if isinstance(x, Rejected):
                assert x.detail["kept_id"] == kept[0]


def test_ties_break_on_key_hash_then_id_whatever_the_order() -> None:
    docs = [Document(f"copy{i}", SEEDS[3]) for i in range(4)]
    winners = set()
    for seed in range(5):
        order = list(docs)
        random.Random(seed).shuffle(order)
        kept = [x.id for x in DedupFilter(keep="longest")(order) if isinstance(x, Document)]
        winners.add(tuple(kept))
    assert winners == {("copy0",)}


def test_exact_only_mode() -> None:
    docs = [Document("a", SEEDS[0]), Document("b", SEEDS[0] + " "), Document("c", edit(SEEDS[0], 40))]
    assert outcome(DedupFilter(jaccard_threshold=None)(docs)) == {
        "a": "kept",
        "b": "dedup.exact",
        "c": "kept",
    }


def test_empty_documents_are_exact_duplicates_of_each_other() -> None:
    docs = [Document("e1", ""), Document("e2", " .. "), Document("x", "một văn bản")]
    assert outcome(DedupFilter()(docs)) == {"e1": "kept", "e2": "dedup.exact", "x": "kept"}


def test_spilling_to_disk_gives_the_same_output() -> None:
    docs = [Document(f"d{i}", SEEDS[i % 5] if i % 3 else edit(SEEDS[i % 5], 30 + i)) for i in range(23)]
    in_memory = [x.to_record() for x in DedupFilter(max_buffered_docs=None)(docs)]
    docs = [Document(f"d{i}", SEEDS[i % 5] if i % 3 else edit(SEEDS[i % 5], 30 + i)) for i in range(23)]
    spilled = [x.to_record() for x in DedupFilter(max_buffered_docs=4)(docs)]
    assert spilled == in_memory
    assert sum(1 for r in spilled if "reason" not in r) == 5


def test_in_pipeline_with_workers() -> None:
    docs = [Document(f"d{i}", SEEDS[i % 5]) for i in range(12)]
    one = [x.to_record() for x in Pipeline([DedupFilter()]).run(docs)]
    docs = [Document(f"d{i}", SEEDS[i % 5]) for i in range(12)]
    pipe = Pipeline([DedupFilter()])
    two = [x.to_record() for x in pipe.run(docs, workers=2)]
    assert one == two
    assert pipe.stats.kept == 5
    assert dict(pipe.stats.rejected) == {"dedup.exact": 7}


def test_reason_codes_are_public() -> None:
    assert DedupFilter.reasons == ("dedup.exact", "dedup.near_duplicate")
    assert DedupFilter.name == "dedup"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"keep": "oldest"}, "dedup.keep"),
        ({"jaccard_threshold": 1.5}, "dedup.jaccard_threshold"),
        ({"jaccard_threshold": 0.0}, "dedup.jaccard_threshold"),
        ({"ngram_size": 0}, "dedup.ngram_size"),
        ({"num_perm": 4}, "dedup.num_perm"),
        ({"num_perm": 128.5}, "dedup.num_perm"),
        ({"max_buffered_docs": -1}, "dedup.max_buffered_docs"),
        ({"fold_digits": "yes"}, "dedup.fold_digits"),
        ({"bands": 3}, "unknown parameter"),
    ],
    ids=lambda x: str(x),
)
def test_config_errors_name_the_field(params: dict[str, object], field: str) -> None:
    with pytest.raises(ConfigError, match=field):
        DedupFilter(**params)


def test_newest_accepts_date_objects() -> None:
    import datetime as dt

    docs = [
        Document("older", SEEDS[1], metadata={"date": dt.date(2020, 5, 1)}),
        Document("newer", edit(SEEDS[1], 50), metadata={"date": dt.datetime(2021, 1, 2, 3, 4)}),
    ]
    assert outcome(DedupFilter(keep="newest")(docs)) == {"older": "dedup.near_duplicate", "newer": "kept"}


def test_registered_under_its_name_and_describable() -> None:
    import json

    from cleaner.registry import step_class

    assert step_class("dedup") is DedupFilter
    described = DedupFilter(keep="newest", index_path="idx.sqlite").describe()
    assert described["name"] == "dedup"
    assert json.loads(json.dumps(described))["config"]["keep"] == "newest"


def test_strings_are_accepted() -> None:
    out = DedupFilter()([SEEDS[0], SEEDS[0].lower(), SEEDS[1]])
    assert [type(x).__name__ for x in out] == ["Document", "Rejected", "Document"]


def exact_jaccard(a: str, b: str, n: int = 5) -> float:
    from cleaner.dedup.normalize import dedup_tokens
    from cleaner.dedup.shingles import shingles

    first, second = set(shingles(dedup_tokens(a), n)), set(shingles(dedup_tokens(b), n))
    return len(first & second) / len(first | second)


@pytest.mark.parametrize("max_buffered_docs", [None, 10], ids=["in-memory", "spilled"])
def test_links_hold_by_exact_jaccard(max_buffered_docs: int | None) -> None:
    # Documents recombined from a small pool of seed paragraphs: many pairs sit near the threshold, where the
    # MinHash estimate alone errs both ways; borderline pairs are verified on their shingle sets.
    paragraphs = [p for text in SEEDS for p in text.split("\n") if len(p) > 80]
    rng = random.Random(7)
    docs = [Document(f"r{i}", "\n".join(rng.sample(paragraphs, 6))) for i in range(150)]
    text = {d.id: d.text for d in docs}
    out = DedupFilter(max_buffered_docs=max_buffered_docs)(docs)
    near = [x for x in out if isinstance(x, Rejected) and x.reason == "dedup.near_duplicate"]
    assert near, "the pool is small enough for near duplicates to occur"
    for x in near:
        assert exact_jaccard(x.document.text, text[x.detail["matched_id"]]) >= 0.6


@pytest.mark.parametrize("incremental", [False, True], ids=["one-run", "two-runs"])
def test_borderline_similarity_is_exact(tmp_path: Path, incremental: bool) -> None:
    words = SEEDS[3].split(" ")
    cut = len(words) * 7 // 20
    original = " ".join(words)
    borderline = " ".join(words[: len(words) - cut] + ["khác"] * cut)
    expected = exact_jaccard(original, borderline)
    assert 0.6 < expected < 0.7
    if incremental:
        index = str(tmp_path / "index.sqlite")
        DedupFilter(index_path=index)([Document("original", original)])
        (copy,) = DedupFilter(index_path=index)([Document("copy", borderline)])
    else:
        _, copy = DedupFilter()([Document("original", original), Document("copy", borderline)])
    assert isinstance(copy, Rejected) and copy.detail["matched_id"] == "original"
    assert copy.detail["matched_similarity"] == round(expected, 4)
