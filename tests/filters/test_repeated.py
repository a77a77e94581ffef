"""RepeatedLinesTransform: lines repeated across documents of several sites (CCNet), bounded and deterministic."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

import cleaner.filters.repeated as repeated
from cleaner.document import Document, Event, Rejected
from cleaner.filters import RepeatedLinesTransform
from cleaner.filters.quality import QualityFilter
from cleaner.pipeline import Pipeline
from cleaner.steps import ConfigError

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))

MENU = "Trang chủ | Giới thiệu | Tin tức | Liên hệ"
FOOTER = "Thiết kế và phát triển bởi Cổng thông tin điện tử VNPT"
#: 30 documents: 10 from site 0, 5 from each of sites 1-4.
SITES = [0] * 10 + [1, 2, 3, 4] * 5


def paragraph(n: int, topic: str = "kinh tế") -> str:
    text = (
        f"Bài số {n}: hội nghị lần thứ {n} đã thảo luận kế hoạch phát triển {topic} của địa phương trong năm tới, "
        f"với {n * 7} đại biểu tham dự và {n * 3} ý kiến đóng góp được ghi nhận tại phiên thảo luận chiều nay "
        "ở hội trường lớn của tỉnh."
    )
    assert len(text) > 200
    return text


def doc(n: int, site: int | None, *, extra: tuple[str, ...] = (), menu: bool = True) -> Document:
    lines = [*([MENU] if menu else []), f"Tiêu đề bài {n}", paragraph(n), *extra, paragraph(n, "văn hóa"), FOOTER]
    metadata = {} if site is None else {"url": f"https://site{site}.example.vn/tin/{n}.html"}
    return Document(id=f"d{n}", text="\n".join(lines), metadata=metadata)


def corpus(**kwargs) -> list[Document]:
    return [doc(n, site, **kwargs) for n, site in enumerate(SITES)]


def run(docs: list[Document], **params) -> list[Document]:
    out = RepeatedLinesTransform(**params)(docs)
    assert all(isinstance(d, Document) for d in out)
    return out  # type: ignore[return-value]


def events(d: Document) -> list[tuple]:
    return [(e.step, e.action, e.rule, e.detail) for e in d.events]


def test_lines_shared_by_many_documents_of_several_sites_are_removed_with_events() -> None:
    out = run(corpus())
    assert [d.id for d in out] == [f"d{n}" for n in range(30)]
    for n, d in enumerate(out):
        assert d.text == f"Tiêu đề bài {n}\n{paragraph(n)}\n{paragraph(n, 'văn hóa')}"
        assert events(d) == [
            ("repeated_lines", "removed", "template.corpus", {"text": MENU, "line": 0, "docs": 30, "sites": 2}),
            ("repeated_lines", "removed", "template.corpus", {"text": FOOTER, "line": 4, "docs": 30, "sites": 2}),
        ]


def test_sites_are_counted_up_to_min_sites() -> None:
    out = run(corpus(), min_sites=5)
    assert [e.detail["sites"] for e in out[0].events] == [5, 5]
    assert all(MENU not in d.text for d in out)
    assert all(MENU in d.text for d in run(corpus(), min_sites=4, site_key="directory"))  # no directory: no site


def test_a_line_of_one_site_only_is_kept() -> None:
    slogan = "Báo Site Không – tiếng nói của Đảng bộ, chính quyền và nhân dân"
    docs = corpus()
    for d in docs[:10]:  # the ten documents of site 0
        d.text += "\n" + slogan
    out = run(docs)
    assert all(d.text.endswith(slogan) for d in out[:10])
    assert all(e.detail["text"] != slogan for d in out for e in d.events)
    out = run([doc(n, 0, extra=(slogan,)) for n in range(10)], min_sites=None)
    assert all(slogan not in d.text for d in out)
    assert events(out[0])[1] == (
        "repeated_lines",
        "removed",
        "template.corpus",
        {"text": slogan, "line": 3, "docs": 10, "sites": 1},
    )


def test_below_min_docs_nothing_is_removed() -> None:
    docs = [doc(n, n % 3) for n in range(9)]
    texts = [d.text for d in docs]
    out = run(docs)
    assert [d.text for d in out] == texts
    assert all(not d.events for d in out)
    assert all(MENU not in d.text for d in run([doc(n, n % 3) for n in range(9)], min_docs=9))


def test_a_long_repeated_paragraph_is_kept() -> None:
    quoted = paragraph(999, "giáo dục")  # the same 200+ character paragraph in every document
    out = run(corpus(extra=(quoted,)))
    for d in out:
        assert quoted in d.text.split("\n")
        assert [e.detail["text"] for e in d.events] == [MENU, FOOTER]
    assert all(quoted not in d.text for d in run(corpus(extra=(quoted,)), max_chars=len(quoted)))


def test_syndicated_copy_is_left_whole_and_tagged() -> None:
    """An article republished on ten documents of three sites: its paragraphs repeat too, so it is a copy."""
    article = ["Tiêu đề bài chung", paragraph(500), paragraph(501)]
    copies = [
        Document(f"c{k}", "\n".join([MENU, *article, FOOTER]), {"url": f"https://site{k % 3}.example.vn/c{k}"})
        for k in range(10)
    ]
    docs = corpus() + copies
    texts = {d.id: d.text for d in copies}
    out = run(docs)
    for d in out[30:]:
        assert d.text == texts[d.id]
        assert events(d) == [
            ("repeated_lines", "tagged", "template.mostly_repeated", {"share": 1.0, "lines": 3}),
        ]
    assert all(MENU not in d.text for d in out[:30])
    out = run(corpus() + [Document(d.id, texts[d.id], d.metadata) for d in copies], max_removed_share=None)
    assert [e.detail["text"] for e in out[30].events] == [MENU, "Tiêu đề bài chung", FOOTER]


def test_share_counts_characters_of_the_document() -> None:
    """Menu and footer are 96 of the 537 characters of document 0 (a share of 0.1788)."""
    total = sum(len(x) for x in doc(0, 0).text.split("\n"))
    assert (len(MENU) + len(FOOTER), total) == (96, 537)
    assert MENU not in run(corpus(), max_removed_share=0.18)[0].text
    out = run(corpus(), max_removed_share=0.17)
    assert out[0].text == doc(0, 0).text
    assert events(out[0]) == [("repeated_lines", "tagged", "template.mostly_repeated", {"share": 0.1788, "lines": 2})]


def test_documents_without_a_site_count_documents_but_no_site() -> None:
    docs = [doc(n, None) for n in range(30)]
    assert all(not d.events for d in run(docs))
    docs = [doc(n, None) for n in range(8)] + [doc(8, 1), doc(9, 2)]
    out = run(docs)
    assert all(MENU not in d.text for d in out)
    assert events(out[0])[0][3] == {"text": MENU, "line": 0, "docs": 10, "sites": 2}


def test_lines_removed_upstream_still_count() -> None:
    docs = corpus()
    for d in docs[5:]:  # an earlier step took the menu from 25 of the 30 documents
        d.text = d.text.removeprefix(MENU + "\n")
        d.events.append(Event("boilerplate", "removed", "nav.menu", {"text": MENU, "line": 0}))
    out = run(docs)
    assert all(MENU not in d.text for d in out)
    assert events(out[0])[0][3] == {"text": MENU, "line": 0, "docs": 30, "sites": 2}
    for d in docs:
        d.text, d.events = "\n".join(x.detail["text"] for x in d.events) + "\n" + d.text, []
    docs = [*docs[:5], *(Document(d.id, d.text.removeprefix(MENU + "\n"), d.metadata) for d in docs[5:])]
    for d in docs[5:]:
        d.events.append(Event("boilerplate", "removed", "nav.menu", {"text": MENU, "line": 0}))
    assert all(d.text.startswith(MENU) for d in run(docs, count_removed=False)[:5])


def test_fold_digits_merges_counters() -> None:
    def docs() -> list[Document]:
        return [doc(n, site, extra=(f"Lượt xem: {1000 + 37 * n}",)) for n, site in enumerate(SITES)]

    assert all("Lượt xem" in d.text for d in run(docs()))
    # folded, the paragraphs (which differ by their numbers only) are repeated too: every document is a "copy"
    assert [e.rule for e in run(docs(), fold_digits=True)[0].events] == ["template.mostly_repeated"]
    out = run(docs(), fold_digits=True, max_removed_share=None)
    assert all("Lượt xem" not in d.text and paragraph(n) in d.text for n, d in enumerate(out))


def test_lookahead_bound_and_trade_off() -> None:
    pulled = 0
    seen_at: list[int] = []

    def stream() -> Iterator[Document]:
        nonlocal pulled
        for d in corpus():
            pulled += 1
            yield d

    for _ in RepeatedLinesTransform(lookahead_docs=4).run(stream()):
        seen_at.append(pulled)
    assert seen_at == [5 + i for i in range(26)] + [30] * 4
    # with no look-ahead a document is judged on those before it: the first ten (all of site 0) keep the menu
    out = run(corpus(), lookahead_docs=0)
    assert [MENU in d.text for d in out] == [True] * 10 + [False] * 20
    assert [(e.detail["docs"], e.detail["sites"]) for e in out[10].events] == [(11, 2), (11, 2)]


def test_rejected_items_pass_through_in_place() -> None:
    docs = corpus()
    bad = Rejected(Document("bad", "x"), "quality.too_short", "quality")
    items = [*docs[:3], bad, *docs[3:]]
    out = list(RepeatedLinesTransform(lookahead_docs=2).run(items))
    assert [x.document.id if isinstance(x, Rejected) else x.id for x in out] == ["d0", "d1", "d2", "bad"] + [
        f"d{n}" for n in range(3, 30)
    ]
    assert out[3] is bad and not bad.document.events


def test_count_table_never_exceeds_max_entries(monkeypatch: pytest.MonkeyPatch) -> None:
    peak = 0

    class Watched(repeated._Table):
        def add_all(self, hashes: Iterable[int], site: int | None) -> None:
            nonlocal peak
            for h in hashes:  # one at a time, to see the size after each insert
                super().add_all((h,), site)
                peak = max(peak, len(self))

    monkeypatch.setattr(repeated, "_Table", Watched)
    docs = corpus()
    for n, d in enumerate(docs):  # 60 one-off lines per document fill the table and force pruning
        d.text += "\n" + "\n".join(f"dòng riêng {n}-{k}" for k in range(60))
    out = run(docs, max_entries=1000, lookahead_docs=5)
    assert peak == 1000
    assert all(MENU not in d.text and FOOTER not in d.text for d in out[9:])


def test_prune_forgets_rarest_first() -> None:
    table = repeated._Table(max_entries=4, site_cap=2)
    for h, (docs, site) in enumerate([(1, 7), (1, 7), (2, 7), (5, 8), (9, 9)]):
        for _ in range(docs):
            table.add(h, site)
    assert (len(table), table.docs) == (3, {2: 2, 3: 5, 4: 9})  # the fifth insert pruned to half of 4
    assert [table.count(h) for h in range(5)] == [(0, 0), (0, 0), (2, 1), (5, 1), (9, 1)]
    table.add(3, 9)
    table.add(3, 10)
    assert table.count(3) == (7, 2)  # capped at site_cap
    table.prune(1)
    assert table.docs == {4: 9} and table.sites == {4: 9}


def test_deterministic_and_order_free_with_a_full_window() -> None:
    def records(docs: list[Document], **params) -> list[dict]:
        return [d.to_record() for d in run(docs, **params)]

    assert records(corpus(), lookahead_docs=3) == records(corpus(), lookahead_docs=3)
    forward = records(corpus())
    backward = records(corpus()[::-1])
    assert backward[::-1] == forward  # every document sees every count when the window holds the corpus


def test_same_output_with_workers() -> None:
    def pipeline() -> Pipeline:
        return Pipeline([QualityFilter(min_words=3), RepeatedLinesTransform()])

    def docs() -> list[Document]:
        return [*corpus(), Document("short", "hai từ", {"url": "https://site1.example.vn/x"})]

    one = [x.to_record() for x in pipeline().run(docs())]
    two = [x.to_record() for x in pipeline().run(docs(), workers=2)]
    assert one == two
    assert [r["id"] for r in one if "reason" in r] == ["short"]
    assert all(MENU not in r["text"] for r in one)


def test_step_works_alone_on_strings() -> None:
    out = RepeatedLinesTransform()(["text a", "text b"])
    assert [(d.id, d.text, d.events) for d in out if isinstance(d, Document)] == [
        ("text-0", "text a", []),
        ("text-1", "text b", []),
    ]


def test_seeds_untouched_by_default() -> None:
    docs = [
        Document(p.name, p.read_text(encoding="utf-8"), {"source": {"path": f"seeds/{p.name}", "offset": 0}})
        for p in SEEDS
    ]
    texts = [d.text for d in docs]
    out = run(docs)
    assert len(out) == 5
    assert [d.text for d in out] == texts and all(not d.events for d in out)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        pytest.param({"site_key": "domain"}, "repeated_lines.site_key", id="site-key"),
        pytest.param({"min_docs": 1}, "repeated_lines.min_docs", id="min-docs"),
        pytest.param({"min_docs": 10.5}, "repeated_lines.min_docs", id="min-docs-float"),
        pytest.param({"min_sites": 0}, "repeated_lines.min_sites", id="min-sites"),
        pytest.param({"max_chars": 0}, "repeated_lines.max_chars", id="max-chars"),
        pytest.param({"max_removed_share": 1.5}, "repeated_lines.max_removed_share", id="max-share"),
        pytest.param({"max_removed_share": "half"}, "repeated_lines.max_removed_share", id="max-share-type"),
        pytest.param({"lookahead_docs": -1}, "repeated_lines.lookahead_docs", id="lookahead"),
        pytest.param({"max_entries": 10}, "repeated_lines.max_entries", id="max-entries"),
        pytest.param({"count_removed": 1}, "repeated_lines.count_removed", id="count-removed"),
        pytest.param({"fold_digits": "yes"}, "repeated_lines.fold_digits", id="fold-digits"),
    ],
)
def test_config_errors_name_the_field(params: dict, field: str) -> None:
    with pytest.raises(ConfigError, match=field):
        RepeatedLinesTransform(**params)


def test_registered_after_templates() -> None:
    from cleaner.registry import DEFAULT_CHAIN, step_class

    assert step_class("repeated_lines") is RepeatedLinesTransform
    assert DEFAULT_CHAIN[DEFAULT_CHAIN.index("templates") + 1] == "repeated_lines"
    assert RepeatedLinesTransform().describe() == {
        "name": "repeated_lines",
        "version": 1,
        "config": {
            "site_key": "auto",
            "min_docs": 10,
            "min_sites": 2,
            "max_chars": 200,
            "max_removed_share": 0.5,
            "count_removed": True,
            "fold_digits": False,
            "lookahead_docs": 1000,
            "max_entries": 1_000_000,
        },
    }
