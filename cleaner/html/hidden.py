"""Hidden copies: a block the page's markup hides whose text the page also shows.

Pages hide text for many reasons. Blog platforms keep a hidden copy of the post for their comment or share
widgets (`<div id="disqus_post_message" style="display:none">`), so the rendered text holds the article twice.
Tabs, "read more" expanders and collapsed threads hide real content that is shown nowhere else, and menus,
dialogs and login forms hide furniture. Only the first kind is safe to drop without a judgment: a hidden
element whose text repeats what the page shows loses nothing. Every other hidden line stays for the
boilerplate step to judge, as a WET file would hold it.

Measured on the trained Dragnet pages (`bench/devsets.py`): 279 of 712 have inline-hidden markup; most of its
text is furniture the line model already removes, and a short hidden copy, once dropped, changes its neighbours'
context enough to flip the model on a visible line now and then; a copy of at least `MIN_WORDS` words is the
article-sized case and takes the duplicate out with no loss.
"""

from __future__ import annotations

from itertools import groupby

from cleaner.html.evidence import _line_words
from cleaner.html.visible import Block

__all__ = ["MIN_WORDS", "REPEATED_SHARE", "drop_hidden_copies"]

#: A hidden element is a copy when this share of its word trigrams is in the text the page shows.
REPEATED_SHARE = 0.8
#: Hidden elements under this many words are left to the boilerplate step.
MIN_WORDS = 30


def _words(blocks: list[Block]) -> list[str]:
    """The blocks' words, as `cleaner.html.evidence` reads them, in order."""
    return [word for line in _line_words([block.text for block in blocks]) for word in line]


def drop_hidden_copies(blocks: list[Block]) -> tuple[list[Block], list[str]]:
    """The blocks without those of hidden elements (`Block.hidden`) that repeat the shown text, and the text of
    each element dropped (its lines joined by newlines). Word trigrams, not lines, are compared: a hidden copy
    often joins the paragraphs it repeats into one block."""
    runs = [(element, list(run)) for element, run in groupby(blocks, key=lambda block: block.hidden)]
    # hidden runs long enough to judge -> their words; the shown text is read only when there is one
    candidates: dict[int, list[str]] = {}
    for index, (element, run) in enumerate(runs):
        if element:
            words = _words(run)
            if len(words) >= MIN_WORDS:
                candidates[index] = words
    if not candidates:
        return blocks, []
    shown = _words([block for block in blocks if not block.hidden])
    trigrams = set(zip(shown, shown[1:], shown[2:], strict=False))
    kept: list[Block] = []
    dropped: list[str] = []
    for index, (_, run) in enumerate(runs):
        copy = candidates.get(index)
        if copy is not None:
            found = sum(map(trigrams.__contains__, zip(copy, copy[1:], copy[2:], strict=False)))
            if found >= REPEATED_SHARE * (len(copy) - 2):
                dropped.append("\n".join(block.text for block in run))
                continue
        kept.extend(run)
    return kept, dropped
