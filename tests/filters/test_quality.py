from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner import Document, Drop
from cleaner.filters.quality import QualityFilter, count_letterless


@pytest.mark.parametrize(
    "text, reason",
    [
        pytest.param("", "quality.empty", id="empty"),
        pytest.param("  \n ", "quality.empty", id="whitespace"),
        pytest.param("một hai", "quality.too_few_words", id="two-words"),
        pytest.param("1 2 3 4 5 6 7 8 9 10", "quality.too_few_alpha_words", id="pagination-only"),
    ],
)
def test_drops_with_exact_reason(text: str, reason: str):
    outcome = QualityFilter()(text)
    assert isinstance(outcome, Drop)
    assert outcome.reason == reason


def test_keeps_a_short_real_paragraph_and_tags_scores():
    doc = QualityFilter()(Document("d", "Sở Thông tin và Truyền thông tổ chức hội nghị."))
    assert isinstance(doc, Document)
    assert doc.metadata["quality"] == {"chars": 46, "words": 10, "alpha_words_ratio": 1.0}


def test_none_turns_checks_off():
    assert isinstance(QualityFilter(min_words=None, min_alpha_words_ratio=None)("1 2"), Document)


@pytest.mark.parametrize(
    ("text", "letterless"),
    [("Năm 2022, 15% tăng", 2), ("a1 _x_ 2_ -- ...", 3), ("", 0), ("só số đông", 0)],
    ids=["numbers", "digits-underscores-symbols", "empty", "all-words"],
)
def test_count_letterless(text: str, letterless: int) -> None:
    assert count_letterless(text.split()) == letterless


@given(st.text(st.characters(codec="utf-8"), max_size=200))
def test_count_letterless_is_tokens_without_a_unicode_letter(text: str) -> None:
    letter = re.compile(r"[^\W\d_]")
    tokens = text.split()
    assert count_letterless(tokens) == sum(1 for w in tokens if not (w.isalpha() or letter.search(w)))
