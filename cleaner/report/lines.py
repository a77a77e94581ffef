"""Rebuild a document's text as the line steps saw it, from its final text and its events.

Every step that takes lines out (`boilerplate`, `templates`, `repeated_lines`) records each line with its index
in the text that step received. Undoing the steps from last to first, each removed line goes back at its index,
which gives the text after extraction and encoding repairs with every removed line in place and labelled.

A step joins its kept lines without runs of blank lines, so a removal between two blank lines also drops one of
them; in a text with blank lines, such a blank line is restored where the removed run was preceded by a blank
line. The events do not say which blank lines went, so a removed line can show a line off its place when a text
sets only some of its lines apart (1 of 114 pages of the fixtures and CleanEval's dev set). A rule that cuts a piece
off a kept line (`lead.site_prefix`) is shown on that line rather than as a line of its own.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from cleaner.document import Event
from cleaner.report.counts import taken_text

__all__ = ["PARTIAL_RULES", "Line", "rebuild_lines"]

#: Rules whose event removes a piece of a line that stays (the piece is `text`, at the start of the line).
PARTIAL_RULES = frozenset({"lead.site_prefix"})


@dataclass(slots=True)
class Line:
    """One line of the rebuilt text; `event` is the event that took it (or a piece of it) out, if any."""

    text: str
    event: Event | None = None

    @property
    def removed(self) -> bool:
        return self.event is not None and self.event.rule not in PARTIAL_RULES


def rebuild_lines(text: str, events: list[Event]) -> list[Line]:
    """The lines of `text` with the lines the events took out put back, each carrying its event."""
    lines = [Line(line) for line in text.split("\n")] if text else []
    steps: list[str] = []
    for event in events:
        if _line_of(event) is not None and event.step not in steps:
            steps.append(event.step)
    for step in reversed(steps):
        lines = _undo_step(lines, [e for e in events if e.step == step and _line_of(e) is not None])
    return lines


def _line_of(event: Event) -> int | None:
    line = event.detail.get("line")
    return line if isinstance(line, int) and taken_text(event) is not None else None


def _undo_step(after: list[Line], events: list[Event]) -> list[Line]:
    """The lines before one step, from the lines after it and the step's events."""
    whole = {_line_of(e): e for e in events if e.rule not in PARTIAL_RULES}
    partial = {_line_of(e): e for e in events if e.rule in PARTIAL_RULES}
    last = max((i for i in whole if i is not None), default=-1)
    pending = deque(after)
    before: list[Line] = []
    spaced = _spaced(after)
    just_removed = False
    last_kept_blank = True  # the start of the text counts as blank: a leading blank line is dropped too
    position = 0
    while pending or position <= last:
        event = whole.get(position)
        if event is not None:
            before.append(Line(str(event.detail["text"]), event))
            just_removed = True
        elif spaced and just_removed and last_kept_blank and pending and pending[0].text.strip():
            before.append(Line(""))  # the blank line the join dropped
            just_removed = False
        elif pending:
            line = pending.popleft()
            if position in partial and line.event is None:
                line = Line(line.text, partial[position])
            before.append(line)
            just_removed = False
            last_kept_blank = not line.text.strip()
        else:
            before.append(Line(""))  # a trailing blank line the join dropped, before a later removed line
        position += 1
    return before


def _spaced(lines: list[Line]) -> bool:
    """Whether the text has blank lines at all: only then can a removal have merged two of them."""
    return any(not line.text.strip() for line in lines)
