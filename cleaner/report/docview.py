"""The per-document view: what the pipeline did to one document, as an HTML fragment.

It shows the text as the line steps saw it with every removed line struck through and labelled with its step and
rule (`lines.rebuild_lines`), lines whose date went to metadata, the encoding repairs and other events, the
language tags, and for a rejected document its reason; for a duplicate, the text beside the kept copy with the
passages they share marked. `cleaner explain --html` wraps it in a page; the report embeds one per sampled
document, each cut to a budget of characters so that the page stays small.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from cleaner.document import Document, Event
from cleaner.report.lines import Line, rebuild_lines
from cleaner.report.overlap import Span, shared_spans

__all__ = ["document_view"]

_META_KEYS = ("url", "title", "date", "author", "quality", "dedup")
_LANGUAGE_KEYS = ("language", "language_score", "language_shares", "vi_diacritics_ratio", "vi_no_diacritics")


def document_view(
    record: dict[str, Any],
    *,
    anchor: str = "doc",
    kept_copy: dict[str, Any] | None = None,
    max_chars: int | None = None,
) -> str:
    """The view of one output record (kept or rejected); `kept_copy` is the survivor when it is a duplicate.

    With `max_chars`, the text (and each side of a duplicate pair) is shown up to about that many characters.
    """
    doc = Document.from_record(record)
    reason = record.get("reason")
    parts = [f'<article class="doc" id="{escape(anchor)}">', f"<h2>{escape(doc.id)}</h2>"]
    if reason is None:
        parts.append('<p class="status kept">kept</p>')
    else:
        detail = json.dumps(record.get("detail") or {}, ensure_ascii=False)
        parts.append(
            f'<p class="status rejected">rejected: <b class="reason">{escape(str(reason))}</b> '
            f"by step {escape(str(record.get('step')))} <code>{escape(detail)}</code></p>"
        )
    parts.append(_metadata(doc.metadata))
    parts.append(_events_apart(doc.events))
    if str(reason).startswith("dedup.") and isinstance(record.get("detail"), dict):
        parts.append(_duplicate(doc, record["detail"], kept_copy, max_chars))
    parts.append(_lines(rebuild_lines(doc.text, doc.events), max_chars))
    parts.append("</article>")
    return "\n".join(parts)


def _metadata(meta: dict[str, Any]) -> str:
    rows = []
    source = meta.get("source") or {}
    rows.append(("source", ", ".join(f"{k} {v}" for k, v in source.items() if k != "previous")))
    for key in _META_KEYS:
        if key in meta:
            rows.append((key, _short(meta[key])))
    tags = " ".join(
        f'<span class="tag lang">{escape(key)}: {escape(_short(meta[key]))}</span>'
        for key in _LANGUAGE_KEYS
        if key in meta
    )
    pipeline = meta.get("pipeline") or {}
    if pipeline:
        steps = " > ".join(pipeline.get("steps", []))
        rows.append(
            ("pipeline", f"cleaner {pipeline.get('cleaner')}, config {str(pipeline.get('config_sha256'))[:12]}")
        )
        rows.append(("steps", steps))
    cells = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in rows)
    languages = f'<p class="languages">languages: {tags}</p>' if tags else '<p class="languages">no language tags</p>'
    return f'<table class="meta">{cells}</table>\n{languages}'


def _events_apart(events: list[Event]) -> str:
    """Events not tied to a line: encoding repairs (highlighted), extraction, tags."""
    items = []
    for event in events:
        if "line" in event.detail:
            continue
        detail = " ".join(f"{k}={_short(v)}" for k, v in event.detail.items())
        css = "repair" if event.step == "encoding" else "other"
        items.append(
            f'<li class="{css}"><mark class="{css}">{escape(event.step)} · {escape(event.action)} · '
            f"{escape(event.rule)}</mark> {escape(detail)}</li>"
        )
    if not items:
        return '<p class="events">no repairs or tags beside the line events</p>'
    return '<ul class="events">' + "".join(items) + "</ul>"


def _lines(lines: list[Line], max_chars: int | None) -> str:
    removed = sum(1 for line in lines if line.removed)
    rows = [f'<h3>Text ({len(lines)} lines, {removed} removed or moved to metadata)</h3><div class="text">']
    shown = 0
    for number, line in enumerate(lines):
        if max_chars is not None and shown > max_chars:
            rows.append(f'<div class="line note">… {len(lines) - number} more lines: cleaner explain --html</div>')
            break
        rows.append(_line(line))
        shown += len(line.text) + (len(str(line.event.detail.get("text", ""))) if line.event else 0)
    rows.append("</div>")
    return "\n".join(rows)


def _line(line: Line) -> str:
    event = line.event
    if event is None:
        return f'<div class="line">{escape(line.text) or "&nbsp;"}</div>'
    extra = {k: v for k, v in event.detail.items() if k not in ("text", "line")}
    title = escape(json.dumps(extra, ensure_ascii=False), quote=True)
    if event.action == "moved_to_metadata":
        label = f"{event.step} · {event.rule} → metadata {_short(event.detail.get('value'))}"
        css = "moved"
    else:
        label = f"{event.step} · {event.rule}"
        css = "removed"
    tag = f'<span class="label" title="{title}">{escape(label)}</span>'
    struck = f"<del>{escape(str(event.detail.get('text', '')))}</del>"
    if line.removed:
        return f'<div class="line {css}" data-rule="{escape(event.rule)}">{struck} {tag}</div>'
    return f'<div class="line partial" data-rule="{escape(event.rule)}">{struck} {tag} {escape(line.text)}</div>'


def _duplicate(doc: Document, detail: dict[str, Any], kept_copy: dict[str, Any] | None, max_chars: int | None) -> str:
    kept_id = str(detail.get("kept_id", ""))
    if kept_copy is None:
        return (
            f'<p class="dup note">kept copy {escape(kept_id)} is not in this file: '
            f"<code>cleaner explain OUT.jsonl {escape(kept_id)} --html</code> shows both side by side</p>"
        )
    text = doc.text[:max_chars]
    kept_text = str(kept_copy.get("text", ""))[:max_chars]
    spans, kept_spans = shared_spans(text, kept_text)
    shared = sum(end - start for start, end in spans)
    return (
        f"<h3>Duplicate of {escape(kept_id)}: {shared} of {len(text)} characters in shared passages</h3>"
        '<div class="pair">'
        f'<div><h4>this document (dropped)</h4><div class="pre">{_marked(text, spans)}</div></div>'
        f'<div><h4>kept copy {escape(kept_id)}</h4><div class="pre">{_marked(kept_text, kept_spans)}</div></div>'
        "</div>"
    )


def _marked(text: str, spans: list[Span]) -> str:
    """`text` escaped, with the spans wrapped in <mark class="shared">."""
    out = []
    at = 0
    for start, end in spans:
        out.append(escape(text[at:start]))
        out.append(f'<mark class="shared">{escape(text[start:end])}</mark>')
        at = end
    out.append(escape(text[at:]))
    return "".join(out)


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 300 else text[:297] + "..."
