"""`marked_as_furniture`: where the markup itself calls a line furniture, whatever the text rules guessed."""

from __future__ import annotations

import pytest

from cleaner.html import evidence_key, page_evidence, visible_blocks
from cleaner.html.evidence import marked_as_furniture

_PARAGRAPH = (
    "<p>The city council voted on Tuesday to fund a new bridge over the river, ending a debate that had run for "
    "more than ten years.</p>"
)


def _marked(fragment: str, line: str) -> bool:
    html = f"<html><body>{fragment}<div class='article'>{_PARAGRAPH}</div></body></html>"
    evidence = page_evidence(visible_blocks(html), "")
    return marked_as_furniture(evidence[evidence_key(line)])


@pytest.mark.parametrize(
    ("fragment", "line"),
    [
        (
            "<ul class='breadcrumbs'><li><a href='/'>Thời sự</a></li><li><a href='/ds'>Dân sinh</a></li></ul>",
            "Dân sinh",
        ),
        ("<div class='social-follow'><p>Follow our news</p></div>", "Follow our news"),
        ("<nav><p>Theo dõi thông tin</p></nav>", "Theo dõi thông tin"),
    ],
)
def test_menu_items_and_buttons_in_furniture_markup_are_marked(fragment: str, line: str) -> None:
    assert _marked(fragment, line)


@pytest.mark.parametrize(
    ("fragment", "line"),
    [
        (
            "<h1 class='entry-title'><a href='/2024/bridge'>Council approves new bridge</a></h1>",
            "Council approves new bridge",
        ),
        ("<header class='site-header'><h1>Council approves new bridge</h1></header>", "Council approves new bridge"),
        ("<h1>Hội đồng thành phố duyệt cây cầu mới</h1>", "Hội đồng thành phố duyệt cây cầu mới"),
        ("<h1><a href='/'>Riverside Times</a></h1>", "Riverside Times"),
        (
            "<p>A sentence with <a href='/x'>one link</a> in the middle of its words.</p>",
            "A sentence with one link in the middle of its words.",
        ),
    ],
)
def test_headlines_site_names_and_prose_are_not_marked(fragment: str, line: str) -> None:
    assert not _marked(fragment, line)


def test_a_line_without_evidence_is_not_marked() -> None:
    assert not marked_as_furniture(None)
