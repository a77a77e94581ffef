"""SiteTemplateTransform: learned per-site template lines, bounded look-ahead and memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.document import Document
from cleaner.filters.boilerplate import BoilerplateTransform
from cleaner.filters.templates import SiteTemplateTransform, _prune, site_key
from cleaner.pipeline import Pipeline
from cleaner.steps import ConfigError

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))

HEADER = ["Huyện Lạc Sơn – vững bước đi lên", "Chính quyền | Kinh tế | Văn hóa"]
FOOTER = ["Cơ quan thường trực: Văn phòng UBND huyện Lạc Sơn", "Số 3 đường Hùng Vương, thị trấn Vụ Bản"]


def paragraph(n: int) -> str:
    return (
        f"Bài số {n}: hội nghị lần thứ {n} của huyện đã thảo luận kế hoạch phát triển kinh tế - xã hội, "
        f"với {n * 7} đại biểu tham dự và {n * 3} ý kiến đóng góp được ghi nhận tại phiên thảo luận."
    )


def page(n: int, *, url: str | None = None, path: str | None = "crawl/site/page.txt", extra: str = "") -> Document:
    lines = [
        *HEADER,
        f"Tiêu đề bài {n}",
        paragraph(n),
        *([extra] if extra else []),
        paragraph(n + 100),
        *FOOTER,
    ]
    metadata: dict = {}
    if url:
        metadata["url"] = url
    if path:
        metadata["source"] = {"path": path, "sha256": "0" * 64}
    return Document(id=f"p{n}", text="\n".join(lines), metadata=metadata)


def run(docs: list[Document], **params) -> list[Document]:
    out = SiteTemplateTransform(**params)(docs)
    assert all(isinstance(d, Document) for d in out)
    return out  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("metadata", "mode", "expected"),
    [
        pytest.param({"url": "https://www.example.vn/a/b?x=1"}, "auto", "host:example.vn", id="url-host"),
        pytest.param(
            {"url": "https://news.example.vn/a", "source": {"path": "d/f.txt"}},
            "auto",
            "host:news.example.vn",
            id="url-first",
        ),
        pytest.param({"source": {"path": "crawl/site/f.txt"}}, "auto", "dir:crawl/site", id="dir-fallback"),
        pytest.param({"source": {"path": "s/f.txt", "offset": 0}}, "auto", "dir:s", id="whole-file-offset-0"),
        pytest.param({"source": {"path": "s/f.bin", "offset": 512}}, "auto", None, id="offset-inside-file"),
        pytest.param({"source": {"path": "dump/all.jsonl", "line": 7}}, "auto", None, id="jsonl-record-no-site"),
        pytest.param({"source": {"path": "c/x.warc.gz", "record_id": "<urn:1>"}}, "auto", None, id="warc-no-url"),
        pytest.param({"source": {"path": "dump/all.jsonl", "line": 7}}, "directory", "dir:dump", id="forced-dir"),
        pytest.param(
            {"url": "https://e.vn/", "source": {"path": "d.jsonl", "line": 1}},
            "auto",
            "host:e.vn",
            id="jsonl-with-url",
        ),
        pytest.param({"source": {"path": "crawl\\site\\f.txt"}}, "directory", "dir:crawl/site", id="windows-path"),
        pytest.param({"source": {"path": "crawl/site/f.txt"}}, "host", None, id="host-only"),
        pytest.param(
            {"url": "https://example.vn/", "source": {"path": "d/f.txt"}}, "directory", "dir:d", id="dir-only"
        ),
        pytest.param({}, "auto", None, id="nothing"),
        pytest.param({"url": "http://[bad"}, "auto", None, id="bad-url"),
    ],
)
def test_site_key(metadata: dict, mode: str, expected: str | None) -> None:
    assert site_key(metadata, mode) == expected


def test_lines_on_min_pages_of_a_site_are_removed_with_events() -> None:
    out = run([page(n) for n in range(1, 6)])
    for doc in out:
        assert doc.text.split("\n")[0].startswith("Tiêu đề bài")
        assert all(h not in doc.text for h in HEADER + FOOTER)
        events = [(e.step, e.action, e.rule) for e in doc.events]
        assert events == [("templates", "removed", "template.site")] * 4
        assert all(e.detail["pages"] == 5 for e in doc.events)
        assert {e.detail["text"] for e in doc.events} == set(HEADER + FOOTER)


def test_below_min_pages_nothing_is_removed() -> None:
    docs = [page(n) for n in range(1, 5)]
    texts = [d.text for d in docs]
    out = run(docs)
    assert [d.text for d in out] == texts
    assert all(not d.events for d in out)


def test_sites_do_not_share_counts() -> None:
    docs = [page(n, url="https://a.example.vn/x") for n in range(1, 4)]
    docs += [page(n, url="https://b.example.vn/x") for n in range(4, 7)]
    out = run(docs)
    assert all(not d.events for d in out)


def test_documents_without_a_site_pass_through() -> None:
    docs = [page(n, path=None) for n in range(1, 8)]
    texts = [d.text for d in docs]
    assert [d.text for d in run(docs)] == texts


def test_body_lines_need_more_pages_and_paragraphs_never_go() -> None:
    shared_short = "Kết quả nổi bật"  # a recurring sub-heading inside the body
    shared_paragraph = paragraph(999)  # the same quoted paragraph in every page's body
    docs = [page(n, extra=f"{shared_short}\n{shared_paragraph}") for n in range(1, 7)]
    out = run(docs)
    for doc in out:
        assert shared_short in doc.text.split("\n")
        assert shared_paragraph in doc.text
    docs = [page(n, extra=f"{shared_short}\n{shared_paragraph}") for n in range(1, 7)]
    out = run(docs, min_pages_body=6)
    for doc in out:
        assert shared_short not in doc.text.split("\n")
        assert shared_paragraph in doc.text


def test_fold_digits_makes_footer_counters_repeat() -> None:
    def docs() -> list[Document]:
        made = [page(n) for n in range(1, 6)]
        for n, doc in enumerate(made):
            doc.text += f"\nTruy cập hôm nay: {1000 + 37 * n}"
        return made

    assert all("Truy cập hôm nay" in d.text for d in run(docs()))
    assert all("Truy cập hôm nay" not in d.text for d in run(docs(), fold_digits=True))


def test_lookahead_trade_off() -> None:
    """With no look-ahead a page is judged on the pages before it only: the first pages keep the template."""
    out = run([page(n) for n in range(1, 8)], lookahead_docs=0, min_pages=3)
    kept_header = [HEADER[0] in d.text for d in out]
    assert kept_header == [True, True, False, False, False, False, False]
    out = run([page(n) for n in range(1, 8)], lookahead_docs=2, min_pages=3)
    assert all(HEADER[0] not in d.text for d in out)


def test_order_preserved_and_deterministic() -> None:
    docs_a = [page(n, url=f"https://s{n % 2}.example.vn/") for n in range(1, 13)]
    docs_b = [page(n, url=f"https://s{n % 2}.example.vn/") for n in range(1, 13)]
    out_a, out_b = run(docs_a, lookahead_docs=3), run(docs_b, lookahead_docs=3)
    assert [d.id for d in out_a] == [f"p{n}" for n in range(1, 13)]
    assert [d.to_record() for d in out_a] == [d.to_record() for d in out_b]


def test_prune_forgets_rarest_first() -> None:
    counts = {1: 1, 2: 1, 3: 2, 4: 5, 5: 9}
    _prune(counts, 3)
    assert counts == {3: 2, 4: 5, 5: 9}
    _prune(counts, 1)
    assert counts == {5: 9}


def test_bounded_table_still_finds_frequent_template() -> None:
    docs = []
    for n in range(1, 41):
        doc = page(n)
        # many one-off lines per page fill the table and force pruning
        doc.text += "\n" + "\n".join(f"dòng riêng {n}-{k} {'x' * (k % 7)} {chr(0x61 + k % 26)}" for k in range(60))
        docs.append(doc)
    out = run(docs, max_entries=1000, lookahead_docs=10)
    assert all(HEADER[0] not in d.text for d in out[5:])


def test_seeds_untouched_by_default() -> None:
    docs = [
        Document(
            id=p.name,
            text=p.read_text(encoding="utf-8"),
            metadata={"source": {"path": f"seeds/{p.name}", "offset": 0}},
        )
        for p in SEEDS
    ]
    texts = [d.text for d in docs]
    out = run(docs)
    assert [d.text for d in out] == texts


def test_same_output_with_workers() -> None:
    def docs() -> list[Document]:
        return [page(n, url="https://example.vn/") for n in range(1, 9)]

    one = [d.to_record() for d in Pipeline([BoilerplateTransform(), SiteTemplateTransform()]).run(docs())]
    two = [d.to_record() for d in Pipeline([BoilerplateTransform(), SiteTemplateTransform()]).run(docs(), workers=2)]
    assert one == two
    assert all(HEADER[1] not in r["text"] for r in one)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        pytest.param({"site_key": "domain"}, "templates.site_key", id="site-key"),
        pytest.param({"min_pages": 1}, "templates.min_pages", id="min-pages"),
        pytest.param({"min_pages_body": 0}, "templates.min_pages_body", id="min-pages-body"),
        pytest.param({"lookahead_docs": -1}, "templates.lookahead_docs", id="lookahead"),
        pytest.param({"max_entries": 10}, "templates.max_entries", id="max-entries"),
        pytest.param({"fold_digits": "yes"}, "templates.fold_digits", id="fold-digits"),
        pytest.param({"count_removed": 1}, "templates.count_removed", id="count-removed"),
    ],
)
def test_config_errors(params: dict, field: str) -> None:
    with pytest.raises(ConfigError, match=field):
        SiteTemplateTransform(**params)


def test_lines_removed_upstream_still_count() -> None:
    """Pages where an earlier step took the footer still count it: the pages where no rule did lose it too."""
    docs = [page(n) for n in range(1, 6)]
    for doc in docs[:3]:
        lines = doc.text.split("\n")
        for i, line in enumerate(lines):
            if line in FOOTER:
                doc.record("boilerplate", "removed", "related.teaser", text=line, line=i)
        doc.text = "\n".join(x for x in lines if x not in FOOTER)
    out = run(docs)
    assert all(f not in d.text for d in out for f in FOOTER)
    assert [e.rule for e in out[4].events].count("template.site") == 4
    out_without = run([page(n) for n in range(1, 3)] + [page(n) for n in range(3, 6)], count_removed=False)
    assert all(FOOTER[0] not in d.text for d in out_without)
    docs = [page(n) for n in range(1, 6)]
    for doc in docs[:3]:
        doc.text = "\n".join(x for x in doc.text.split("\n") if x not in FOOTER)
    assert all(FOOTER[0] in d.text for d in run(docs, count_removed=True)[3:])
