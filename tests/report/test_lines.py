"""Rebuilding the text the line steps saw, with every removed line back in place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner.cli import main
from cleaner.document import Document, Event
from cleaner.report.lines import rebuild_lines

ROOT = Path(__file__).resolve().parents[2]


def run(inputs: Path, out: Path, *chain: str) -> dict[str, Document]:
    assert main(["run", str(inputs), "-o", str(out), "-q", *chain]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    return {d.id: d for d in (Document.from_record(json.loads(line)) for line in lines)}


@pytest.mark.parametrize("inputs", ["seeds", "fixtures/boilerplate/site_vi", "fixtures/boilerplate/site_en"])
def test_rebuilt_lines_are_the_text_after_encoding(tmp_path: Path, inputs: str):
    cleaned = run(ROOT / inputs, tmp_path / "clean.jsonl", "--skip", "language,quality,dedup")
    repaired = run(ROOT / inputs, tmp_path / "repaired.jsonl", "--only", "encoding")
    assert any(len(doc.events) > 2 for doc in cleaned.values())
    for doc_id, doc in cleaned.items():
        rebuilt = []
        for line in rebuild_lines(doc.text, doc.events):
            if line.event is not None and not line.removed:  # a piece cut off a kept line
                rebuilt.append(f"{line.event.detail['text']} {line.text.lstrip()}")
            else:
                rebuilt.append(line.text)
        # blank lines a removal merged are restored by a guess (see cleaner.report.lines): compare the others
        assert [x for x in rebuilt if x.strip()] == [x for x in repaired[doc_id].text.split("\n") if x.strip()]


def test_removed_lines_carry_their_events_in_order():
    events = [
        Event("boilerplate", "removed", "nav.menu", {"text": "Home | News", "line": 0}),
        Event("boilerplate", "moved_to_metadata", "date.line", {"text": "01/02/2024", "line": 4, "value": "2024"}),
        Event("templates", "removed", "template.site", {"text": "Share this", "line": 4, "pages": 9}),
    ]
    # before boilerplate: menu, blank, title, blank, date, blank, body, blank, share, blank, end; the removals
    # merged the blank lines around the date and around the share line, and the leading one went
    lines = rebuild_lines("Title\n\nBody\n\nEnd", events)
    shown = [(line.text, line.event.rule if line.event else None) for line in lines]
    assert shown == [
        ("Home | News", "nav.menu"),
        ("", None),
        ("Title", None),
        ("", None),
        ("01/02/2024", "date.line"),
        ("", None),
        ("Body", None),
        ("", None),
        ("Share this", "template.site"),
        ("", None),
        ("End", None),
    ]


def test_text_without_events_comes_back_unchanged():
    text = "one\n\ntwo\nthree"
    assert [line.text for line in rebuild_lines(text, [])] == text.split("\n")
    assert rebuild_lines("", []) == []
