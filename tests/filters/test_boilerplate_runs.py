"""Runs of lines that are furniture only together: stacked bare numbers, dated teaser lists, an article's copy."""

from __future__ import annotations

from cleaner.document import Document
from cleaner.filters.boilerplate import BoilerplateTransform
from cleaner.filters.boilerplate.runs import dated_lists, number_runs

ARTICLE = [
    "Hội đồng nhân dân tỉnh đã tổ chức kỳ họp thứ mười với sự tham dự của đông đảo đại biểu và cử tri địa phương.",
    "Tại kỳ họp, các đại biểu đã thảo luận về tình hình kinh tế xã hội trong năm và kế hoạch cho năm tới.",
    "Chủ tịch tỉnh nhấn mạnh yêu cầu đẩy mạnh cải cách hành chính, thu hút đầu tư và phát triển hạ tầng giao thông.",
    "Kỳ họp cũng thông qua nhiều nghị quyết quan trọng về ngân sách, đất đai và các chương trình an sinh xã hội.",
]
RELATED = [
    "Xiaomi lập kỷ lục doanh thu",
    "Xiaomi ghi nhận doanh thu toàn năm đạt kỷ lục nhờ điện thoại và xe điện.",
    "08:18 25/10/2024",
    "Meta khiến Apple đổi kế hoạch",
    "Với việc Meta tung ra kính thực tế ảo giá rẻ, Apple cần có chiến lược mới.",
    "07:51 18/10/2024",
    "Tầm nhìn mù mịt của Vision Pro",
    "Vài tháng sau khi ra mắt, hào hứng ban đầu đã nhường chỗ cho hoài nghi.",
    "10:53 5/10/2024",
]


def _removed(text: str) -> dict[str, str]:
    doc = BoilerplateTransform().process(Document(id="d", text=text))
    assert isinstance(doc, Document)
    return {e.detail["text"]: e.rule for e in doc.events if e.action == "removed"}


def test_three_stacked_bare_numbers_are_a_run_and_blank_lines_do_not_break_it() -> None:
    assert number_runs(["Trang", "1", "2", "", "3", "Tiếp"]) == [1, 2, 4]
    assert number_runs(["0", "Bình luận", "0", "Chia sẻ", "0"]) == []
    assert number_runs(["12345", "1", "2"]) == []  # five digits is not a page link or a counter


def test_a_bare_number_alone_stays_in_an_article() -> None:
    text = "\n".join([*ARTICLE[:2], "1", ARTICLE[2], "2", "3", ARTICLE[3]])
    assert "numbers.run" not in _removed(text).values()


def test_a_calendar_of_day_numbers_after_the_article_is_removed() -> None:
    days = [str(d) for d in range(1, 32)]
    removed = _removed("\n".join([*ARTICLE, "Xem theo ngày", *days]))
    assert {line: removed[line] for line in days} == dict.fromkeys(days, "numbers.run")


def test_a_list_of_dated_teasers_is_removed_with_its_first_item() -> None:
    keys = list(range(len(ARTICLE), len(ARTICLE) + len(RELATED)))
    datelines = {len(ARTICLE) + k: object() for k in (2, 5, 8)}
    assert dated_lists([*ARTICLE, *RELATED], datelines) == keys
    removed = _removed("\n".join([*ARTICLE, *RELATED]))
    teasers = [line for line in RELATED if ":" not in line]
    assert {line: removed.get(line) for line in teasers} == dict.fromkeys(teasers, "related.dated_list")
    assert not set(ARTICLE) & set(removed)


def test_dates_that_open_each_item_take_the_item_after_the_last_date() -> None:
    items = ["10:00 1/1/2024", "First item", "11:00 2/1/2024", "Second item", "12:00 3/1/2024", "Third"]
    lines = ["x" * 300, "The article's last sentence.", *items]  # the list is under half of the page
    assert dated_lists(lines, {2: 1, 4: 1, 6: 1}) == [2, 3, 4, 5, 6, 7]


def test_a_live_blog_whose_dated_entries_are_the_page_stays() -> None:
    entries = []
    for hour in range(8, 14):
        entries += [f"{hour}:00 5/3/2024", ARTICLE[hour % 4]]
    assert dated_lists(entries, {k: 1 for k in range(0, len(entries), 2)}) == []


def test_items_that_are_paragraphs_are_not_teasers() -> None:
    long = "Một đoạn văn rất dài của bài viết. " * 15
    lines = ["x" * 2000, "A", long, "1/1/2024", "B", long, "2/1/2024", "C", long, "3/1/2024"]
    assert dated_lists(lines, {3: 1, 6: 1, 9: 1}) == []


def test_headlines_with_a_glued_date_in_a_row_are_a_related_list() -> None:
    glued = ["22-07-2018Stress sẽ có lợi nếu bạn biết thay đổi", "19-07-2018Ngừng tìm kiếm động lực"]
    assert dated_lists([*ARTICLE, *glued], {}) == [4, 5]
    assert dated_lists([*ARTICLE, glued[0]], {}) == []  # one dated headline may be the article's own


def test_a_forum_thread_after_a_long_review_stays() -> None:
    review = ["A long review of the film that runs over several paragraphs and many sentences. " * 6] * 3
    posts: list[str] = []
    for n, author in enumerate(("Ahoatam", "gl2899", "LightningLouie", "The Sphinx")):
        posts += [f"05-06-2005, 0{n}:28 PM", "I saw the film twice and liked it.", "The ending worked.", author]
    lines = [*review, *posts]
    datelines = {len(review) + k: 1 for k in range(0, len(posts), 4)}
    assert dated_lists(lines, datelines) == []


def test_dated_rows_of_figures_are_data_not_headlines() -> None:
    rows = ["6/22/2012 Lbs: 180 TI: 146.15", "6/29/2012 Lbs: 176.8 TI: 142.45", "7/6/2012 Lbs: 175.2 TI: 143.7"]
    assert dated_lists([*ARTICLE, *rows], {}) == []


STORY = [
    "The city council voted on Tuesday to fund a new bridge over the river, ending a debate of ten years.",
    "Engineers expect construction to begin next spring and to last about three years, weather permitting.",
    "The mayor said the bridge would cut the drive between the two halves of the city by twenty minutes.",
    "Opponents had argued that the money would be better spent on repairing the roads the city already has.",
]


def _rules_removed(text: str) -> dict[str, str]:
    doc = BoilerplateTransform(line_model=None).process(Document(id="d", text=text))
    assert isinstance(doc, Document)
    return {e.detail["text"]: e.rule for e in doc.events if e.action == "removed"}


def test_a_second_copy_of_the_article_is_removed_and_the_first_stays() -> None:
    """A page that holds its article twice (a print or mobile copy beside it) gives it once."""
    text = "\n".join(["Council funds new bridge", *STORY, *STORY[1:]])
    out = BoilerplateTransform(line_model=None).process(Document(id="d", text=text))
    assert isinstance(out, Document)
    assert out.text.split("\n") == ["Council funds new bridge", *STORY]
    assert {e.rule for e in out.events} == {"text.repeated"}


def test_a_line_or_two_said_again_stays() -> None:
    """A tutorial repeats an instruction, a song its refrain, a headline sits over its own copy: not a copy of
    the article."""
    text = "\n".join([STORY[0], STORY[0], *STORY[1:], STORY[1], STORY[2], "Comments", STORY[3]])
    assert "text.repeated" not in _rules_removed(text).values()


def test_precision_focus_keeps_a_copy() -> None:
    text = "\n".join([*STORY, *STORY])
    out = BoilerplateTransform(line_model=None, focus="precision").process(Document(id="d", text=text))
    assert isinstance(out, Document)
    assert out.text == text
