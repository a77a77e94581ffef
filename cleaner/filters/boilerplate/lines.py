"""Line normalisation shared by every boilerplate rule and by the templates step.

Rules never look at raw lines: NBSPs, zero-width characters, indentation and case differ from page to page, so
each line is reduced to `clean` (NFC, invisible characters dropped, whitespace collapsed, stripped) and `key`
(`clean` case-folded, list bullets at the start and `: . | » >` at the end removed). The output text keeps the
original lines; only decisions use these forms.
"""

from __future__ import annotations

import re
import unicodedata

from cleaner.encoding.chars import INVISIBLE_CHARS

__all__ = ["clean_line", "join_kept", "line_key", "line_lower", "template_key"]

_INVISIBLE = re.compile(f"[{INVISIBLE_CHARS}]")
_LEAD = re.compile(r"^[\-–—•·*▪►▸◦○●■□✓|]+\s*")
# Tried only where a run of these characters starts: a long run that does not end the line costs one pass.
_TRAIL = re.compile(r"(?<![\s:：.!|»›>\-–—])[\s:：.!|»›>\-–—]+$")
_DIGITS = re.compile(r"\d+")


def clean_line(line: str) -> str:
    """NFC, invisible characters removed, every whitespace run (NBSP included) one space, stripped."""
    if not line.isascii():
        line = _INVISIBLE.sub("", unicodedata.normalize("NFC", line))
    return " ".join(line.split())


def line_key(clean: str) -> str:
    """The matching form of a cleaned line: case-folded, leading bullets and trailing punctuation removed."""
    key = clean.casefold()
    key = _LEAD.sub("", key)
    return _TRAIL.sub("", key)


def template_key(clean: str) -> str:
    """The form counted across pages of a site: `line_key` with every digit run replaced by `0`, so a footer
    counter ("Đang truy cập: 1483") or a year in a copyright line counts as the same line on every page."""
    return _DIGITS.sub("0", line_key(clean))


def line_lower(clean: str) -> str:
    """`clean` case-folded with leading bullets removed and trailing punctuation kept (for prefix phrases)."""
    return _LEAD.sub("", clean.casefold())


def join_kept(lines: list[str]) -> str:
    """Join the lines a step kept: blank runs left by removals become one blank line, none at the end."""
    result: list[str] = []
    for line in lines:
        if not line.strip() and (not result or not result[-1].strip()):
            continue
        result.append(line)
    while result and not result[-1].strip():
        result.pop()
    return "\n".join(result)
