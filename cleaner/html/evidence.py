"""What a page's markup says about each of its visible lines, for the boilerplate line model.

Per line of `visible_blocks`: the share of its characters inside links (menus, related headlines and tag
lists are links; article paragraphs mostly are not), and the share of it that trafilatura's main-content
extraction holds (its DOM heuristics: container tags, classes, text density), measured on words because
trafilatura joins and splits blocks its own way: the share of the line's word trigrams found in its output
(for a line under three words: 1.0 when the words stand as one of its lines, else 0.0). The model weighs
these with the line's own evidence; a page that arrives as text has neither, and the model was trained on
both kinds of input.
"""

from __future__ import annotations

import re
import unicodedata

from cleaner.html.visible import Block

__all__ = ["evidence_key", "page_evidence"]

_WORD = re.compile(r"[^\W_]+")


def evidence_key(line: str) -> str:
    """How a line is looked up: its letters and digits, NFC and casefolded, so that what later steps repair
    (quotes, spaces, invisible characters) does not lose a line's evidence."""
    return "".join(_WORD.findall(unicodedata.normalize("NFC", line).casefold()))


def _words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFC", text).casefold())


def page_evidence(blocks: list[Block], main: str) -> dict[str, tuple[float, float]]:
    """Line key -> (link share, share of the line held by `main`, trafilatura's main-content text)."""
    words = _words(main)
    trigrams = set(zip(words, words[1:], words[2:], strict=False))
    short_lines = {tuple(w) for w in map(_words, main.split("\n")) if 0 < len(w) < 3}
    out: dict[str, tuple[float, float]] = {}
    for block in blocks:
        key = evidence_key(block.text)
        w = _words(block.text)
        if len(w) >= 3:
            grams = list(zip(w, w[1:], w[2:], strict=False))
            held = sum(g in trigrams for g in grams) / len(grams)
        else:
            held = 1.0 if tuple(w) in short_lines else 0.0
        previous = out.get(key)
        if previous is not None:
            out[key] = (min(previous[0], block.link_share), max(previous[1], held))
        else:
            out[key] = (block.link_share, round(held, 3))
    return out
