"""What a page's markup says about each of its visible lines, for the boilerplate line model.

Per line of `visible_blocks`: the share of its characters inside links (menus, related headlines and tag
lists are links; article paragraphs mostly are not), and whether trafilatura's main-content extraction holds
it (its DOM heuristics: container tags, classes, text density). The model weighs these with the line's own
evidence; a page that arrives as text has neither, and the model was trained on both kinds of input.
"""

from __future__ import annotations

import re
import unicodedata

import trafilatura

from cleaner.html.visible import Block

__all__ = ["evidence_key", "page_evidence"]

_SPACES = re.compile(r"\s+")
#: A line shorter than this counts as held by trafilatura only when it is one of trafilatura's own lines
#: (a short "Home" is inside many paragraphs).
_MIN_SUBSTRING_CHARS = 25


def evidence_key(line: str) -> str:
    """How a line is looked up: NFC, whitespace collapsed, stripped."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", line)).strip()


def page_evidence(html: str, blocks: list[Block], url: str | None = None) -> dict[str, tuple[float, float]]:
    """Line key -> (link share, 1.0 if trafilatura's main content holds the line else 0.0)."""
    try:
        main = trafilatura.extract(html, url=url, include_comments=False, include_tables=True) or ""
    except Exception:
        main = ""
    main_lines = {evidence_key(x) for x in main.split("\n")}
    joined = evidence_key(main.replace("\n", " "))
    out: dict[str, tuple[float, float]] = {}
    for block in blocks:
        key = evidence_key(block.text)
        held = key in main_lines or (len(key) >= _MIN_SUBSTRING_CHARS and key in joined)
        previous = out.get(key)
        link = block.link_share if previous is None else min(previous[0], block.link_share)
        out[key] = (link, 1.0 if held or (previous is not None and previous[1]) else 0.0)
    return out
