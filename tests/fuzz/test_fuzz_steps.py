"""Every registered step, alone and in the default chain, on generated text, markup and decoded bytes.

Whatever the input, a run must end, with documents in = kept + rejected, and every outcome a `Document` or a
`Rejected` record with a `concern.reason` code. A step that raised (`error.step_failed`) or ran past its budget
(`error.timeout`, here 20 s per step per document) on a generated input is a bug found: the run survives it, the
test does not. `CLEANER_FUZZ_EXAMPLES` sets the number of inputs per test (`tests/fuzz/conftest.py`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Document, DocumentStep, Pipeline, Rejected, Step
from cleaner.registry import BUILTIN_STEPS, DEFAULT_CHAIN, step_class

#: The profile `tests/fuzz/conftest.py` registers (bounded example count, derandomised).
FUZZ = settings.get_profile("fuzz")

BUDGET_SECONDS = 20
#: Reasons that mean a step broke on its input rather than judged it.
BROKEN = {"error.step_failed", "error.timeout"}
REASON = re.compile(r"^[a-z_]+\.[a-z_]+$")

#: Pieces of real pages and of the shapes the rules look for: words (Vietnamese and English), markup and its
#: escaped form, entities, code, dates, counters, pagers, separators, odd spaces and controls.
TOKENS = (
    "Hà Nội",
    "Thủ tướng",
    "quyết định",
    "The council",
    "approved",
    "Xem thêm:",
    "Bình luận",
    "Trang 1 2 3",
    "Home > News > ",
    "12/05/2020",
    "08:59",
    "Thứ hai, 21/12/2022",
    "105 lượt xem",
    "<b> ",
    "&amp; ",
    "&lt;p&gt;",
    "&#x1F600;",
    "a{:;",
    "{{ title }}",
    "function(){ var x = 1; }",
    "SELECT * FROM t",
    "Traceback (most recent call last)",
    "user@example.com",
    "http://example.com/a.php?x=1",
    " | ",
    " » ",
    " - ",
    ".",
    "!",
    "?",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    " ",
    "\u00a0",
    "\u200b",
    "\ufeff",
    "\u0301",
    "\x00",
    "\x1b",
    "Ã¡",
    "áº¡",
    "Ð",
    "ð",
)
TAGS = (
    "<html>",
    "</html>",
    "<head>",
    "<title>",
    "</title>",
    "<meta charset='windows-1258'>",
    "<body>",
    "<p>",
    "</p>",
    "<div class='nav menu'>",
    "<div class='content article'>",
    "</div>",
    "<a href='/x'>",
    "</a>",
    "<ul><li>",
    "</li></ul>",
    "<table><tr><td>",
    "</td></tr></table>",
    "<script>",
    "</script>",
    "<style>",
    "</style>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<br>",
    "<h1>",
    "</h1>",
    "<time datetime='2020-05-12'>",
    "<",
    ">",
    "&",
)

#: A token repeated up to 300 times: the runs a backtracking regular expression or a quadratic loop chokes on.
_runs = st.tuples(st.sampled_from(TOKENS + TAGS), st.integers(2, 300)).map(lambda pair: pair[0] * pair[1])
_pieces = st.one_of(st.sampled_from(TOKENS), st.text(max_size=8), _runs)
TEXT = st.lists(_pieces, max_size=40).map("".join)
HTML = st.lists(st.one_of(st.sampled_from(TAGS), _pieces), max_size=60).map("".join)
DECODED_BYTES = st.tuples(st.binary(max_size=300), st.sampled_from(["utf-8", "latin-1", "cp1252"])).map(
    lambda pair: pair[0].decode(pair[1], "replace")
)
ANY_TEXT = st.one_of(TEXT, HTML, DECODED_BYTES)


@cache
def _document_step(name: str) -> Step:
    """Per-document steps hold no state between documents: one instance serves every example."""
    return step_class(name)(timeout_seconds=BUDGET_SECONDS)


def _step(name: str) -> Step:
    """A stateful step starts afresh on each example, so that a failure reproduces from its example alone."""
    cls = step_class(name)
    return _document_step(name) if issubclass(cls, DocumentStep) else cls()


def _chain() -> list[Step]:
    return [_step(name) for name in DEFAULT_CHAIN]


def check_run(steps: Sequence[Step], docs: list[Document]) -> None:
    """Run the steps over the documents; the run ends, accounts for every document and breaks no step."""
    pipeline = Pipeline(steps)
    out = list(pipeline.run(docs))
    assert len(out) == len(docs) == pipeline.stats.docs_in
    assert pipeline.stats.kept + sum(pipeline.stats.rejected.values()) == len(docs)
    for item in out:
        assert isinstance(item, Document | Rejected)
        if isinstance(item, Rejected):
            assert REASON.match(item.reason), item.reason
            assert item.reason not in BROKEN, (item.reason, item.step, item.detail)
        else:
            assert isinstance(item.text, str) and item.html is None


@pytest.mark.parametrize("name", sorted(BUILTIN_STEPS))
@FUZZ
@given(texts=st.lists(ANY_TEXT, min_size=1, max_size=3))
def test_each_step_alone_on_text(name: str, texts: list[str]) -> None:
    check_run([_step(name)], [Document(f"d{i}", text) for i, text in enumerate(texts)])


@FUZZ
@given(pages=st.lists(st.one_of(HTML, DECODED_BYTES), min_size=1, max_size=3))
def test_extract_alone_on_pages(pages: list[str]) -> None:
    check_run([_step("extract")], [Document(f"p{i}", html=page) for i, page in enumerate(pages)])


@FUZZ
@given(texts=st.lists(ANY_TEXT, min_size=1, max_size=3))
def test_default_chain_on_text(texts: list[str]) -> None:
    check_run(_chain(), [Document(f"d{i}", text) for i, text in enumerate(texts)])


@FUZZ
@given(pages=st.lists(st.one_of(HTML, DECODED_BYTES), min_size=1, max_size=3))
def test_default_chain_on_pages(pages: list[str]) -> None:
    check_run(_chain(), [Document(f"p{i}", html=page) for i, page in enumerate(pages)])
