"""Where a page's date came from, so that a guess is not taken for a publication date.

trafilatura finds dates with htmldate: in the page's metadata and markup (`html`), in its URL (`url`), and, with
the extensive search, in its text (`text`). On an undated page the extensive search falls back to the year of
the copyright footer and answers January 1st of it (`2023-01-01`): that is no publication date, and
`date_source` returns None for it. Every date cleaner writes is an ISO 8601 calendar date, `YYYY-MM-DD`.
"""

from __future__ import annotations

import re

__all__ = ["date_source", "iso_day"]

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_SEPARATOR = r"[-/_.]?"


def iso_day(value: str) -> str | None:
    """`2024-03-01T10:00:00Z` -> `2024-03-01`; None when the value does not open with an ISO date."""
    match = _DAY.match(value.strip())
    return match.group(0) if match else None


def date_source(date: str, html: str, url: str | None, markup_date: str | None) -> str | None:
    """`url`, `html` or `text` for a date trafilatura found; None for the copyright-footer guess.

    `markup_date` is what htmldate finds without searching the text (the same as `date` unless the extensive
    search ran)."""
    year, month, day = date[:4], date[5:7], date[8:10]
    if url and re.search(f"{year}{_SEPARATOR}{month}({_SEPARATOR}{day})?", url):
        return "url"
    if date == markup_date:
        return "html"
    if (month, day) == ("01", "01") and re.search(
        rf"(©|&copy;|\(c\)|copyright)[^<\n]{{0,40}}\b{year}\b", html, flags=re.IGNORECASE
    ):  # the page is searched only for the date htmldate's footer guess gives
        return None
    return "text"
