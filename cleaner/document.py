"""The one record every step speaks: a document, its metadata and the history of what was done to it.

A `Document` carries `text` (the cleaned text so far), optionally `html` (the raw page, until the extract step
turns it into text), free-form `metadata`, and `events`: one `Event` per change or tag a step made, with the
rule or reason code and the removed text or span, so that any output line can be explained. The record written
for it has one layout for every document (`cleaner.schema`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cleaner.schema import DEFAULT_SOURCE, metadata_from_record, metadata_to_record

if TYPE_CHECKING:
    from cleaner.html.evidence import Evidence

__all__ = ["Document", "Drop", "Event", "Rejected"]


@dataclass(slots=True)
class Event:
    """What one step did to one document.

    `action` is a verb (`removed`, `rewrote`, `tagged`, `moved_to_metadata`, `extracted`, ...), `rule` the rule
    id or reason code that fired, and `detail` whatever a reader needs to see it: removed text, span, counts.
    """

    step: str
    action: str
    rule: str
    detail: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"step": self.step, "action": self.action, "rule": self.rule, **self.detail}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        rest = {k: v for k, v in data.items() if k not in ("step", "action", "rule")}
        return cls(step=data["step"], action=data["action"], rule=data["rule"], detail=rest)


@dataclass(slots=True)
class Document:
    """A document on its way through the pipeline."""

    id: str
    text: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    html: str | None = None
    #: What the page's markup said about its lines, by line text (`cleaner.html.evidence`): set by the extract
    #: step for the boilerplate step's line model; never written to the output.
    evidence: Evidence | None = None
    #: Top-level fields of the input record that cleaner does not use (dolma's `source`, `added`, `created`,
    #: `version`, `attributes`, ...), written back unchanged.
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def size(self) -> int:
        """Characters of what the next step reads: the page's HTML while it has one, else the text (what the
        steps' MB/s and the progress bar count)."""
        return len(self.text) if self.html is None else len(self.html)

    def record(self, step: str, action: str, rule: str, **detail: Any) -> None:
        """Append an event to this document's history."""
        self.events.append(Event(step, action, rule, detail))

    def to_record(self) -> dict[str, Any]:
        """The JSON object written for this document: `{"id", "text", "source", ...input fields, "metadata"}`
        with events inside metadata (`cleaner.schema`)."""
        extra = {k: v for k, v in self.extra.items() if k not in RECORD_KEYS} if self.extra else {}
        events = [event.to_dict() for event in self.events] if self.events else []
        return {
            "id": self.id,
            "text": self.text,
            "source": self.extra.get("source", DEFAULT_SOURCE),
            **extra,
            "metadata": metadata_to_record(self.metadata, events),
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Document:
        """Rebuild a document from a record written by `to_record`."""
        metadata = metadata_from_record(dict(record.get("metadata") or {}))
        events = [Event.from_dict(e) for e in metadata.pop("events", None) or []]
        extra = {k: v for k, v in record.items() if k not in RECORD_KEYS or k == "source"}
        text = record.get("text") or ""
        return cls(
            id=str(record["id"]), text=text, metadata=metadata, events=events, html=record.get("html"), extra=extra
        )


@dataclass(frozen=True, slots=True)
class Drop:
    """A per-document step's decision to drop a document, with a public reason code like `lang.not_allowed`."""

    reason: str
    detail: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if "." not in self.reason:
            raise ValueError(f"reason code {self.reason!r} must look like 'concern.reason'")


@dataclass(slots=True)
class Rejected:
    """A dropped document on its way to the rejects file: who dropped it, why, and the document itself."""

    document: Document
    reason: str
    step: str
    detail: dict[str, Any] = field(default_factory=dict)

    def to_record(self) -> dict[str, Any]:
        """The document's record with `reason`, `step`, `detail` and `html` (null once extracted) after its id."""
        return {
            "id": self.document.id,
            "reason": self.reason,
            "step": self.step,
            "detail": self.detail,
            "html": self.document.html,
            **self.document.to_record(),
        }


#: Top-level keys cleaner writes itself; an input field of the same name is not carried over.
RECORD_KEYS = ("id", "reason", "step", "detail", "html", "text", "source", "metadata")
