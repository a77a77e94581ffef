"""Invisible characters, controls, ETH, whitespace."""

from __future__ import annotations

from cleaner.encoding.chars import (
    fix_eth,
    looks_vietnamese,
    normalize_whitespace,
    remove_controls,
    remove_invisible,
)


def test_zero_width_and_soft_hyphen_removed() -> None:
    text, counts = remove_invisible("Vi\u200bệt\u00adNam\u2060 \ufeffa\u200db")
    assert text == "ViệtNam ab"
    names = [
        "ZERO WIDTH SPACE",
        "SOFT HYPHEN",
        "WORD JOINER",
        "ZERO WIDTH NO-BREAK SPACE",
        "ZERO WIDTH JOINER",
    ]
    assert counts == dict.fromkeys(names, 1)


def test_joiners_kept_where_they_mean_something() -> None:
    persian = "می\u200cخواهم"
    emoji = "👨\u200d👩\u200d👧"
    assert remove_invisible(persian) == (persian, {})
    assert remove_invisible(emoji) == (emoji, {})


def test_controls_removed_but_tab_and_newline_kept() -> None:
    assert remove_controls("a\x07b\x1b\x7fc\td\n\x9d") == ("abc\td\n", 4)


def test_eth_fixed_only_in_vietnamese_words() -> None:
    text, n = fix_eth("ÐẠI HỘI ðồng chí Ðà Nẵng, HÐND tỉnh; við það")
    assert text == "ĐẠI HỘI đồng chí Đà Nẵng, HĐND tỉnh; við það"
    assert n == 4
    assert not looks_vietnamese("Hver maður er borinn frjáls og jafn öðrum að virðingu")
    assert looks_vietnamese("Độc lập - Tự do - Hạnh phúc")


def test_whitespace_rules() -> None:
    raw = "\n\n  Tiêu đề\u00a0 chính \t\r\n\r\n\r\n\r\nĐoạn\u3000một\u2009hai\n\u00a0\n\nĐoạn hai  \n\n"
    assert normalize_whitespace(raw) == "Tiêu đề chính\n\nĐoạn một hai\n\nĐoạn hai"
    assert normalize_whitespace("a\u2028b\u2029c\x85d\x0be\x0cf") == "a\nb\nc\nd\ne\nf"
    clean = "Một dòng.\n\nDòng khác."
    assert normalize_whitespace(clean) is clean
