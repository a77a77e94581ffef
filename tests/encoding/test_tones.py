"""Tone-mark placement: old and new style, and the fold dedup keys use."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner.encoding.tones import fold_tone_placement, to_new_style, to_old_style

PAIRS = [
    ("hoà bình", "hòa bình"),
    ("Thanh Hoá", "Thanh Hóa"),
    ("thuỷ điện", "thủy điện"),
    ("Uỷ ban", "Ủy ban"),
    ("Tỉnh uỷ", "Tỉnh ủy"),
    ("khoẻ mạnh", "khỏe mạnh"),
    ("tuỳ ý", "tùy ý"),
    ("UỶ BAN", "ỦY BAN"),
    ("loà xoà", "lòa xòa"),
]
UNCHANGED = [
    "quý",
    "hoàn thành",
    "ngoài",
    "toán",
    "khuya",
    "thuở",
    "khuyết",
    "người",
    "Hà Nội",
    "quả",
    "giữa",
]


@pytest.mark.parametrize(("new", "old"), PAIRS, ids=[p[0] for p in PAIRS])
def test_styles_convert_both_ways(new: str, old: str) -> None:
    assert to_old_style(new) == old
    assert to_new_style(old) == new
    assert fold_tone_placement(new) == fold_tone_placement(old) == old


@pytest.mark.parametrize("word", UNCHANGED)
def test_other_syllables_never_move(word: str) -> None:
    assert to_old_style(word) == word
    assert to_new_style(word) == word


@given(st.text(alphabet="hoaeuyqgnkt òóỏõọàáảãạèéẻẽẹùúủũụỳýỷỹỵ", max_size=40))
def test_fold_is_idempotent(text: str) -> None:
    once = fold_tone_placement(text)
    assert fold_tone_placement(once) == once
    assert fold_tone_placement(to_new_style(text)) == fold_tone_placement(text)
