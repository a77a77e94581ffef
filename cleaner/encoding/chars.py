"""Character-level clean-up: invisible characters, control characters, look-alike letters, whitespace.

All of these run *after* legacy-encoding repair, because the characters they remove are letters in legacy
encodings: U+00AD SOFT HYPHEN is TCVN3's `ư`, C0/C1 control code points are VISCII/VPS capitals.

Whitespace normalisation (`normalize_whitespace`), the one change correct text of any language may undergo:

1. line breaks `\\r\\n`, `\\r`, U+2028, U+2029, U+0085 (NEL), `\\v`, `\\f` become `\\n`;
2. every other whitespace character (`str.isspace`: tab, U+00A0 NO-BREAK SPACE, U+1680, U+2000-U+200A, U+202F,
   U+205F, U+3000 IDEOGRAPHIC SPACE, the C0 separators 0x1C-0x1F) becomes a plain space;
3. runs of spaces become one space; spaces at the start (indentation) and end of each line are removed;
4. lines left empty count as blank lines; runs of blank lines become one blank line, and blank lines at the
   start and end of the text are removed.

Line structure is kept otherwise: one paragraph per line, as the boilerplate step after this one expects.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from cleaner.encoding.vietnamese import VIETNAMESE_ONLY, is_syllable

__all__ = [
    "INVISIBLE_CHARS",
    "JOINERS",
    "ODD_WHITESPACE",
    "ODD_WHITESPACE_RE",
    "fix_eth",
    "has_invisible_control_or_odd_whitespace",
    "has_invisible_or_control",
    "looks_vietnamese",
    "normalize_whitespace",
    "remove_controls",
    "remove_invisible",
]

#: Joiners (ZWNJ, ZWJ): invisible, but meaningful in Persian, Indic scripts and emoji sequences.
JOINERS = "\u200c\u200d"
#: Every invisible format character that matching keys ignore: soft hyphen, Mongolian vowel separator, zero-width
#: space, the joiners, word joiner, BOM. The one list the encoding step, boilerplate keys and dedup keys share.
INVISIBLE_CHARS = "\u00ad\u180e\u200b" + JOINERS + "\u2060\ufeff"
# Removed from text everywhere; the joiners only where they split Latin words (`remove_invisible`).
_INVISIBLE = INVISIBLE_CHARS.translate(dict.fromkeys(map(ord, JOINERS)))
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]")
# ZWNJ/ZWJ is kept only between two characters that are neither Latin/ASCII nor whitespace (Arabic, Persian,
# Indic, emoji); removed next to Latin letters, spaces, or at a line edge, where it only splits words.
_JOINER_RE = re.compile(f"[{JOINERS}]")
# C0 controls except tab and line feed (carriage return, vertical tab and form feed are line breaks, handled
# by the whitespace step), DEL, C1 controls except NEL (a line break).
_CONTROLS = "\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f"
_CONTROL_RE = re.compile(f"[{_CONTROLS}]")
# What `remove_invisible` and `remove_controls` act on, in one class: text without any is left as it is.
_INVISIBLE_OR_CONTROL_RE = re.compile(f"[{INVISIBLE_CHARS}{_CONTROLS}]")


def _keeps_joiner(prev: str, nxt: str) -> bool:
    for ch in (prev, nxt):
        if not ch or ch.isspace() or ch.isascii():
            return False
        if ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True


def remove_invisible(text: str) -> tuple[str, Counter[str]]:
    """Remove zero-width spaces, word joiners, stray BOMs, soft hyphens, and ZWJ/ZWNJ between Latin
    letters."""
    counts: Counter[str] = Counter()
    if _INVISIBLE_RE.search(text):
        for ch in _INVISIBLE_RE.findall(text):
            counts[unicodedata.name(ch)] += 1
        text = _INVISIBLE_RE.sub("", text)
    if _JOINER_RE.search(text):

        def keep_or_drop(match: re.Match[str]) -> str:
            i, source = match.start(), match.string
            if _keeps_joiner(source[i - 1 : i], source[i + 1 : i + 2]):
                return match.group()
            counts[unicodedata.name(match.group())] += 1
            return ""

        text = _JOINER_RE.sub(keep_or_drop, text)
    return text, counts


def has_invisible_or_control(text: str) -> bool:
    """Whether `remove_invisible` or `remove_controls` could change `text`: one scan instead of three."""
    return _INVISIBLE_OR_CONTROL_RE.search(text) is not None


def has_invisible_control_or_odd_whitespace(text: str) -> bool:
    """Whether `has_invisible_or_control(text)` or `text` holds one of `ODD_WHITESPACE`: one scan for clean text,
    which holds none."""
    return _INVISIBLE_CONTROL_OR_ODD_WHITESPACE_RE.search(text) is not None


def remove_controls(text: str) -> tuple[str, int]:
    """Remove C0/C1 control characters (keeping tab and the line breaks); returns the text and how many
    went."""
    if not _CONTROL_RE.search(text):
        return text, 0
    new, n = _CONTROL_RE.subn("", text)
    return new, n


# --------------------------------------------------------------------------------------------- confusables
_ETH_TOKEN = re.compile(r"(?<![^\W\d_])[^\W\d_]*[\u00d0\u00f0][^\W\d_]*")
# An all-caps acronym of ASCII letters and Đ: HĐND, ĐBSCL, TTĐT.
_ACRONYM_RE = re.compile("^[A-Z]*\u0110[A-Z\u0110]*")


def looks_vietnamese(text: str, min_letters: int = 3) -> bool:
    """True when `text` holds at least `min_letters` letters only Vietnamese uses (ư, ơ, ạ, ệ, ...)."""
    n = 0
    for ch in text:
        if ch in VIETNAMESE_ONLY:
            n += 1
            if n >= min_letters:
                return True
    return False


def fix_eth(text: str) -> tuple[str, int]:
    """ETH `Ð`/`ð` (U+00D0/U+00F0) used for `Đ`/`đ`: replaced in words that then are Vietnamese syllables.

    Call it only on Vietnamese text (`looks_vietnamese`): Icelandic and Faroese use ETH as a letter; even
    there a word is only changed when the result is a legal Vietnamese syllable (`Ðại`, `ðồng`, not `við`,
    `það`) or an all-caps acronym of ASCII letters and Đ (`HÐND`).
    """
    if "\u00d0" not in text and "\u00f0" not in text:
        return text, 0
    count = 0

    def repl(m: re.Match[str]) -> str:
        nonlocal count
        word = m.group()
        fixed = word.replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")
        if is_syllable(fixed) or _ACRONYM_RE.fullmatch(fixed):
            count += 1
            return fixed
        return word

    return _ETH_TOKEN.sub(repl, text), count


# ---------------------------------------------------------------------------------------------- whitespace
_LINEBREAK_RE = re.compile("\r\n|[\r\u2028\u2029\x85\x0b\x0c]")
#: Whitespace other than space and line feed (what str.isspace() accepts, less those two), as the contents of a
#: regex character class: the whitespace stage replaces every one.
ODD_WHITESPACE = "\r\u2028\u2029\x85\x0b\x0c\t\x1c-\x1f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
ODD_WHITESPACE_RE = re.compile(f"[{ODD_WHITESPACE}]")
_INVISIBLE_CONTROL_OR_ODD_WHITESPACE_RE = re.compile(f"[{INVISIBLE_CHARS}{_CONTROLS}{ODD_WHITESPACE}]")


# A line break with a space after or before it, or three in a row: led by the line break, which the regex engine
# skips to (three substring searches would each go through the whole text).
_LINE_EDGE_WORK_RE = re.compile("\n(?: |\n\n|(?<= \n))")


def _needs_whitespace_fix(text: str, odd_whitespace: bool) -> bool:
    return (
        "  " in text
        or _LINE_EDGE_WORK_RE.search(text) is not None
        or text[:1] in (" ", "\n")
        or text[-1:] in (" ", "\n")
        or (odd_whitespace and ODD_WHITESPACE_RE.search(text) is not None)
    )


def normalize_whitespace(text: str, odd_whitespace: bool = True) -> str:
    """Apply the documented whitespace normalisation (module docstring); idempotent; clean text is returned
    as is. `odd_whitespace=False`: the caller knows that `text` holds none of `ODD_WHITESPACE`."""
    if not text or not _needs_whitespace_fix(text, odd_whitespace):
        return text
    text = _LINEBREAK_RE.sub("\n", text)
    out: list[str] = []
    blank = False
    for line in text.split("\n"):
        line = " ".join(line.split())
        if line:
            out.append(line)
            blank = False
        elif out and not blank:
            out.append("")
            blank = True
    if out and not out[-1]:
        out.pop()
    return "\n".join(out)
