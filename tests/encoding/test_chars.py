"""Invisible characters, controls, ETH, whitespace."""

from __future__ import annotations

import unicodedata
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from cleaner.encoding.chars import (
    _LINE_EDGE_WORK_RE,
    fix_eth,
    has_invisible_control_or_odd_whitespace,
    has_invisible_or_control,
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


def _joiners_by_the_rule(text: str) -> tuple[str, Counter[str]]:
    """The documented rule, one character at a time: a ZWNJ/ZWJ stays only between two characters of the
    original text that are neither whitespace, ASCII nor Latin letters."""

    def means_something(ch: str) -> bool:
        latin = ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN")
        return bool(ch) and not ch.isspace() and not ch.isascii() and not latin

    out, removed = [], Counter[str]()
    for i, ch in enumerate(text):
        if ch in "\u200c\u200d" and not (means_something(text[i - 1 : i]) and means_something(text[i + 1 : i + 2])):
            removed[unicodedata.name(ch)] += 1
            continue
        out.append(ch)
    return "".join(out), removed


@given(st.text(alphabet=st.sampled_from(list("\u200c\u200d \nab1éệمخ👨\u0301")), max_size=12))
def test_joiners_follow_the_rule_whatever_their_neighbours(text: str) -> None:
    assert remove_invisible(text) == _joiners_by_the_rule(text)


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


def test_has_invisible_or_control_finds_all_that_either_removal_removes() -> None:
    """What lets the encoding step skip both removals after one scan."""
    missed = []
    for code in range(0x10000):
        for text in (chr(code), f"a{chr(code)}b", f"ب{chr(code)}ب"):
            changed = remove_invisible(text)[0] != text or remove_controls(text)[0] != text
            if changed and not has_invisible_or_control(text):
                missed.append(text)
    assert missed == []
    assert not has_invisible_or_control("plain text, Größe, Việt Nam\t\n")


def test_odd_whitespace_is_all_that_whitespace_rewrites_beyond_spaces_and_line_feeds() -> None:
    """What lets `normalize_whitespace(text, odd_whitespace=False)` skip its scan: text without any character of
    `ODD_WHITESPACE` normalises alike either way, and so does every character of it with that scan on."""
    for code in range(0x10000):
        text = f"a{chr(code)}b"
        if has_invisible_control_or_odd_whitespace(text) and not has_invisible_or_control(text):
            assert normalize_whitespace(text) != text, hex(code)  # odd whitespace: always rewritten
        elif not has_invisible_control_or_odd_whitespace(text):
            assert normalize_whitespace(text, odd_whitespace=False) == normalize_whitespace(text), hex(code)


def test_one_scan_finds_invisibles_controls_and_every_whitespace_but_space_and_line_feed() -> None:
    for code in range(0x110000):
        ch = chr(code)
        expected = has_invisible_or_control(ch) or (ch.isspace() and ch not in " \n")
        assert has_invisible_control_or_odd_whitespace(f"a{ch}b") == expected, hex(code)


@given(st.text(alphabet=" \na\t", max_size=12))
def test_line_edge_regex_finds_what_the_substring_searches_find(text: str) -> None:
    expected = "\n " in text or " \n" in text or "\n\n\n" in text
    assert (_LINE_EDGE_WORK_RE.search(text) is not None) == expected
