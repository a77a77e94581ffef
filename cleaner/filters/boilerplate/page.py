"""One page as the boilerplate rules read it: each line's normalised forms and the rule that took it."""

from __future__ import annotations

from cleaner.filters.boilerplate.dates import DateLine
from cleaner.filters.boilerplate.lines import clean_line, line_key, line_lower


class _Page:
    """One document's lines with their normalised forms and the decision taken for each."""

    def __init__(self, text: str) -> None:
        self.raw = text.split("\n")
        self.clean = [clean_line(x) for x in self.raw]
        self.key = [line_key(c) if c else "" for c in self.clean]
        self.lower = [line_lower(c) if c else "" for c in self.clean]
        self.rule: list[str | None] = [None] * len(self.raw)
        self.dates: dict[int, DateLine] = {}
        #: Headline candidates the head rules found (the line above the dateline, the line equal to
        #: metadata["title"], a headline over its deck): the line model never removes one that reads as a headline.
        self.headlines: set[int] = set()

    def __len__(self) -> int:
        return len(self.raw)

    def open(self, i: int) -> bool:
        """A non-blank line no rule has taken yet."""
        return bool(self.clean[i]) and self.rule[i] is None
