from __future__ import annotations

import json

import pytest

from cleaner import Document, Drop, Event, Rejected


def test_record_round_trip_keeps_events_inside_metadata():
    doc = Document("d1", "text", {"title": "T"})
    doc.record("boilerplate", "removed", "counter.views", text="105 lượt xem", line=4)
    record = doc.to_record()
    assert list(record) == ["id", "text", "source", "metadata"]
    assert record["metadata"]["events"] == [
        {"step": "boilerplate", "action": "removed", "rule": "counter.views", "text": "105 lượt xem", "line": 4}
    ]
    back = Document.from_record(json.loads(json.dumps(record)))
    assert back.events == [Event("boilerplate", "removed", "counter.views", {"text": "105 lượt xem", "line": 4})]
    assert back.metadata == {"title": "T"}


def test_reason_codes_must_name_their_concern():
    with pytest.raises(ValueError, match="concern.reason"):
        Drop("short")


def test_rejected_record_says_who_and_why_and_keeps_the_document():
    rejected = Rejected(Document("d", "body"), "lang.not_allowed", "language", {"language": "fr"})
    record = rejected.to_record()
    assert (record["id"], record["reason"], record["step"], record["text"]) == (
        "d",
        "lang.not_allowed",
        "language",
        "body",
    )
    assert record["detail"] == {"language": "fr"}


def test_rejected_html_page_keeps_its_html():
    record = Rejected(Document("p", html="<p>x</p>"), "extract.no_content", "extract").to_record()
    assert record["html"] == "<p>x</p>"


def test_size_counts_the_html_while_the_page_has_it_then_the_text() -> None:
    doc = Document(id="p", html="<p>Xin chào</p>")
    assert doc.size == len("<p>Xin chào</p>")
    doc.text, doc.html = "Xin chào", None
    assert doc.size == len("Xin chào")
