from __future__ import annotations

import pytest
import trafilatura

from cleaner.html import Block, evidence_key, page_evidence, visible_blocks, visible_text

PAGE = """<html><head><title> Tin | Example </title><style>p {color: red}</style>
<script>var x = "not text";</script></head>
<body><nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/tin">Tin tức</a></li></ul></nav>
<article><h1>Bộ TTTT tổng kết năm 2020</h1>
<p>Sáng ngày 11/01/2021, Bộ <b>Thông tin</b> và Truyền thông tổ chức <a href="/hn">Hội nghị</a>.<br>Dòng hai.</p>
<!-- a comment --><noscript>Bật JavaScript</noscript>
<p>   </p></article>
<footer>Bản quyền &copy; 2021</footer></body></html>"""


def test_blocks_in_reading_order_title_first():
    blocks = visible_blocks(PAGE)
    assert [b.text for b in blocks] == [
        "Tin | Example",
        "Trang chủ",
        "Tin tức",
        "Bộ TTTT tổng kết năm 2020",
        "Sáng ngày 11/01/2021, Bộ Thông tin và Truyền thông tổ chức Hội nghị.",
        "Dòng hai.",
        "Bản quyền © 2021",
    ]
    assert [b.tag for b in blocks] == ["title", "li", "li", "h1", "p", "p", "footer"]


def test_link_share_counts_characters_inside_links():
    blocks = {b.text: b for b in visible_blocks(PAGE)}
    assert blocks["Trang chủ"].link_share == 1.0
    assert blocks["Bộ TTTT tổng kết năm 2020"].link_share == 0.0
    line = "Sáng ngày 11/01/2021, Bộ Thông tin và Truyền thông tổ chức Hội nghị."
    assert blocks[line].link_share == round(len("Hội nghị") / len(line), 3)


@pytest.mark.parametrize("html", ["", "   ", b"", "<html></html>", "<p></p>"], ids=repr)
def test_empty_pages_give_no_lines(html):
    assert visible_blocks(html) == []
    assert visible_text(html) == ""


def test_bytes_and_text_give_the_same_lines():
    assert visible_blocks(PAGE.encode("utf-8")) == visible_blocks(PAGE)
    assert visible_text(PAGE).split("\n")[0] == "Tin | Example"


def test_evidence_marks_trafilatura_main_content_and_links():
    paragraphs = "".join(
        f"<p>Đoạn văn thứ {i} của bài báo kể lại câu chuyện dài về thành phố, con người và những ngày mưa.</p>"
        for i in range(6)
    )
    html = f"<html><body><nav><a href='/'>Trang chủ</a></nav><article>{paragraphs}</article></body></html>"
    blocks = visible_blocks(html)
    evidence = page_evidence(blocks, trafilatura.extract(html) or "")
    assert set(evidence) == {evidence_key(b.text) for b in blocks}
    assert evidence[evidence_key("Trang chủ")] == (1.0, 0.0)
    assert evidence_key("Trang  chủ ’") == evidence_key("trang chủ'") == "trangchủ"
    first = evidence_key(blocks[1].text)
    assert evidence[first] == (0.0, 1.0)


def test_block_is_a_value():
    assert Block("a", "p", 0.0) == Block("a", "p", 0.0)
