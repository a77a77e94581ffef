from __future__ import annotations

import pytest

from cleaner import Document
from cleaner.filters.extract import ExtractTransform
from cleaner.html import visible_blocks
from cleaner.html.hidden import MIN_WORDS, drop_hidden_copies

FIRST = (
    "The river rose four metres overnight and the old bridge at the market was closed before dawn, the council "
    "said on Monday, as volunteers filled sandbags along the embankment."
)
SECOND = (
    "Shops in the lower town stayed shut while engineers inspected the piers, and buses were sent round by the "
    "ring road until the water goes down again."
)
MENU = ["Home", "World news", "Local news", "Business", "Sport", "Culture and arts", "Science", "Travel guides"]
MENU += ["Weather forecast", "Opinion pieces", "Photo galleries", "Podcasts", "Letters to the editor", "Obituaries"]
MENU += ["Jobs and careers", "Property for sale", "Subscribe today", "Contact the newsroom"]


def _page(hidden: str, menu: str = "") -> str:
    return (
        f"<html><head><title>Flood closes bridge</title></head><body>{menu}"
        f"<article><h1>Flood closes bridge</h1><p>{FIRST}</p><p>{SECOND}</p></article>{hidden}</body></html>"
    )


def _menu(attributes: str = "") -> str:
    return f"<ul{attributes}>" + "".join(f"<li><a href='/{i}'>{item}</a></li>" for i, item in enumerate(MENU)) + "</ul>"


def test_blocks_know_the_outermost_element_that_hides_them():
    html = (
        "<body><p>shown</p><div style='DISPLAY: none'><p>in a hidden div</p><p hidden>nested</p></div>"
        "<p style='visibility:hidden'>invisible</p><section hidden><p>by attribute</p></section>"
        "<p class='hide' aria-hidden='true'>class and aria are not read</p></body>"
    )
    hidden = {b.text: b.hidden for b in visible_blocks(html)}
    assert hidden["shown"] == hidden["class and aria are not read"] == 0
    assert hidden["in a hidden div"] == hidden["nested"] > 0
    assert len({hidden["in a hidden div"], hidden["invisible"], hidden["by attribute"]}) == 3


def test_a_hidden_copy_of_the_article_goes():
    # a blog platform's copy for its comment widget: the whole post in one hidden block
    copy = f"<div id='post_message' style='display:none;'>{FIRST} {SECOND}</div>"
    kept, dropped = drop_hidden_copies(visible_blocks(_page(copy)))
    assert dropped == [f"{FIRST} {SECOND}"]
    assert [b.text for b in kept] == ["Flood closes bridge", "Flood closes bridge", FIRST, SECOND]
    doc = ExtractTransform(method="lines")(Document("p", html=_page(copy)))
    assert isinstance(doc, Document)
    assert doc.text.count("four metres overnight") == 1
    assert [(e.action, e.rule, e.detail) for e in doc.events[:1]] == [
        ("removed", "hidden_copy", {"text": f"{FIRST} {SECOND}"})
    ]


def test_a_hidden_copy_of_the_menu_goes():
    # a mobile menu: the site menu again, hidden until a button shows it
    page = _page("", menu=f"<nav>{_menu()}</nav><nav hidden>{_menu()}</nav>")
    kept, dropped = drop_hidden_copies(visible_blocks(page))
    assert dropped == ["\n".join(MENU)]
    assert [b.text for b in kept].count("Contact the newsroom") == 1


@pytest.mark.parametrize(
    "hidden",
    [
        pytest.param(
            "<div class='tab' style='display:none'><p>The second tab holds what the page shows nowhere else: the "
            "timetable of the replacement buses, the numbers to call for help with sandbags, and the list of "
            "streets the council expects to close if the river rises again tonight.</p></div>",
            id="tab-with-its-own-content",
        ),
        pytest.param(f"<div style='display:none'>{SECOND[:60]}</div>", id=f"copy-under-{MIN_WORDS}-words"),
        pytest.param(f"<div class='hide'>{FIRST} {SECOND}</div>", id="hidden-by-class-only"),
        pytest.param(f"<div aria-hidden='true'>{FIRST} {SECOND}</div>", id="aria-hidden"),
    ],
)
def test_hidden_text_the_page_does_not_show_stays(hidden: str):
    blocks = visible_blocks(_page(hidden))
    kept, dropped = drop_hidden_copies(blocks)
    assert kept == blocks and dropped == []
