from __future__ import annotations

import pytest

from cleaner import Document, Drop
from cleaner.filters.quality import QualityFilter


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
