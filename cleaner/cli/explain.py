"""`cleaner explain`: what the pipeline did to one document, read back from a run's output or rejects.

As text: its status (kept, or rejected with the reason, step and detail), where it came from, its metadata and
every event in order (rule, line, removed text). With `--html`: a page with the removed lines struck through in
place, beside the kept copy when it was dropped as a duplicate.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from cleaner.cli.report import write_text
from cleaner.io.readers import iter_records
from cleaner.io.writers import companion_path
from cleaner.steps import ConfigError

__all__ = ["explain_command"]


def explain_command(args: argparse.Namespace) -> int:
    found = _find(args.corpus, args.id)
    status = "kept"
    if found is None:
        rejects = args.rejects or companion_path(args.corpus, "rejects")
        if Path(rejects).exists():
            found = _find(rejects, args.id)
            status = "rejected"
    if found is None:
        raise ConfigError(f"no document with id {args.id!r} in {args.corpus} or its rejects file")
    if not args.html:
        print(_explanation(found, status))
        return 0
    from cleaner.report.build import explain_page

    kept_id = (found.get("detail") or {}).get("kept_id") if str(found.get("reason")).startswith("dedup.") else None
    kept_copy = _find(args.corpus, str(kept_id)) if kept_id is not None else None
    write_text(args.output, explain_page(found, kept_copy))
    return 0


def _find(path: str, doc_id: str) -> dict[str, Any] | None:
    """The record with this id; else the one record whose id is a path ending in `/doc_id`."""
    if not Path(path).exists():
        raise ConfigError(f"{path} does not exist")
    suffixed: list[dict[str, Any]] = []
    for record in iter_records(Path(path)):
        record_id = str(record.get("id"))
        if record_id == doc_id:
            return record
        if record_id.endswith("/" + doc_id):
            suffixed.append(record)
    if len(suffixed) > 1:
        ids = ", ".join(str(r.get("id")) for r in suffixed[:5])
        raise ConfigError(f"id {doc_id!r} is ambiguous in {path}: {ids}; give the full id")
    return suffixed[0] if suffixed else None


def _explanation(record: dict[str, Any], status: str) -> str:
    meta = record.get("metadata") or {}
    lines = [f"document {record['id']}: {status}"]
    if status == "rejected":
        lines.append(f"  reason: {record.get('reason')} (step {record.get('step')}) {record.get('detail') or ''}")
    source = meta.get("source") or {}
    where = ", ".join(f"{k} {v}" for k, v in source.items() if k != "previous" and v is not None)
    lines.append(f"  source: {where}")
    for key in ("url", "title", "date", "date_source", "author", "language", "language_score", "dedup"):
        if meta.get(key) is not None:
            lines.append(f"  {key}: {meta[key]}")
    pipeline = meta.get("pipeline") or {}
    if pipeline:
        steps = " > ".join(pipeline.get("steps", []))
        config = str(pipeline.get("config_sha256", ""))[:12]
        lines.append(f"  pipeline: cleaner {pipeline.get('cleaner')}, config {config}, steps {steps}")
    events = meta.get("events") or []
    lines.append(f"  events ({len(events)}):")
    for number, event in enumerate(events, 1):
        detail = {k: v for k, v in event.items() if k not in ("step", "action", "rule")}
        text = detail.pop("text", None)
        line = detail.pop("line", None)
        head = f"  {number:3}. {event['step']:<12} {event['action']:<18} {event['rule']}"
        if line is not None:
            head += f"  line {line}"
        if text is not None:
            shown = str(text) if len(str(text)) <= 100 else str(text)[:97] + "..."
            head += f"  {json.dumps(shown, ensure_ascii=False)}"
        if detail:
            head += "  " + " ".join(f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in detail.items())
        lines.append(head)
    return "\n".join(lines)
