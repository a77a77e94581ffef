"""The syllable check that decides whether converted text is Vietnamese."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner.encoding.vietnamese import (
    _VIETNAMESE_SPELLED_RE,
    VIETNAMESE_LETTERS,
    is_syllable,
    score_text,
    syllable_counts,
)


@pytest.mark.parametrize(
    "word",
    [
        "Cộng",
        "hòa",
        "hoà",
        "xã",
        "nghĩa",
        "Việt",
        "người",
        "được",
        "khuỷu",
        "quý",
        "giữ",
        "thủy",
        "thuỷ",
        "Ủy",
        "Uỷ",
        "khuyết",
        "hoạch",
        "nghiêng",
        "Đồng",
        "ĐỒNG",
        "thuở",
        "huệ",
        "à",
    ],
)
def test_vietnamese_syllables(word: str) -> None:
    assert is_syllable(word)


@pytest.mark.parametrize(
    "word",
    [
        "hßa",
        "héi",
        "chñ",
        "nghÜa",
        "ViÖt",
        "niño",
        "comió",
        "Müller",
        "été",
        "màt",
        "tòan",
        "hòan",
        "qúa",
        "phÓ",
        "ƯBND",
        "ngừơi",
        "Việtt",
    ],
)
def test_not_vietnamese_syllables(word: str) -> None:
    assert not is_syllable(word)


def test_score_counts_only_tokens_with_diacritics() -> None:
    score = score_text("Cộng hòa xã hội, Nam 2024 ViÖt")
    assert (score.tokens, score.valid, score.invalid) == (6, 4, 1)
    assert score.ratio == pytest.approx(0.8)


def test_clear_caches_forgets_every_classified_word() -> None:
    """What keeps a benchmark's second pass over the same documents from timing cache hits."""
    from cleaner.encoding import clear_caches, legacy_bound, vietnamese

    text = "Céng hßa x· héi chñ nghÜa ViÖt Nam, Größe, don’t"
    legacy_bound.could_convert([text], 3, 0.85, 0.3)  # classifies the words, and the runs around `·` and `’`
    score_text(text)
    cached = (
        vietnamese.is_syllable,
        vietnamese._classify,
        legacy_bound._can_be_syllable,
        legacy_bound._cluster_bound,
        legacy_bound._line_bound,
    )
    assert all(fn.cache_info().currsize for fn in cached)
    clear_caches()
    assert [fn.cache_info().currsize for fn in cached] == [0] * len(cached)


_WORD_PARTS = st.sampled_from(["ng", "gi", "qu", "tr", "ch", *"aAeiouyđĐươƯƠăâêôáàảãạấẦỆ", *"öüåæøßéèñçĐÐÅ"])


@given(st.lists(_WORD_PARTS, min_size=1, max_size=5).map("".join))
def test_only_words_spelled_with_vietnamese_letters_can_be_syllables(word: str) -> None:
    """What lets `syllable_counts` ask `is_syllable` only about the words `_VIETNAMESE_SPELLED_RE` finds."""
    if is_syllable(word):
        assert _VIETNAMESE_SPELLED_RE.fullmatch(word)
    text = f"{word} x {word.lower()} Größe"
    score = score_text(text)
    assert syllable_counts(text) == (score.valid, score.invalid)


def test_the_spelling_class_holds_every_vietnamese_letter() -> None:
    assert all(_VIETNAMESE_SPELLED_RE.fullmatch(ch) for ch in VIETNAMESE_LETTERS)
