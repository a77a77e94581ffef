"""The syllable check that decides whether converted text is Vietnamese."""

from __future__ import annotations

import pytest

from cleaner.encoding.vietnamese import is_syllable, score_text


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
