"""`cleaner report`: one static HTML page about a run, from its stats file and a bounded sample of its output.

The page holds the run's figures (documents in, kept, rejected by reason; characters kept and removed per step;
the rules that fired most, with example lines; languages and their scores; lengths before and after; duplicate
cluster sizes) as charts and tables, and a sample of documents spread over the output and the rejects file,
each with its per-document view in the same page (`#doc-N`). The counts come from the stats file; only the
sample (and, for a sampled duplicate, its kept copy) is read from the corpus.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any

from cleaner.report.charts import all_charts
from cleaner.report.docview import document_view
from cleaner.report.page import html_page
from cleaner.report.sample import DEFAULT_SAMPLE, find_records, sample_records
from cleaner.steps import ConfigError

__all__ = ["build_report", "explain_page"]

#: Characters of each sampled document shown in the report (the whole text is one `cleaner explain --html` away).
DOC_CHARS = 8000
#: Examples shown per rule before "more".
SHOWN_EXAMPLES = 3


def build_report(corpus: Path, stats_path: Path, rejects_path: Path | None, *, sample: int = DEFAULT_SAMPLE) -> str:
    """The report page of a run: its output `corpus`, the stats file and the rejects file beside it."""
    stats = json.loads(stats_path.read_text(encoding="utf-8"))
    if "corpus" not in stats:
        raise ConfigError(f"{stats_path} has no rule counts: an older cleaner wrote it; run the pipeline again")
    records = sample_records(corpus, sample)
    if rejects_path is not None:
        records += sample_records(rejects_path, sample // 2)
    kept_ids = {kept_id for r in records if (kept_id := _kept_id(r)) is not None}
    copies = {str(r["id"]): r for r in records if "reason" not in r}
    copies.update(find_records(corpus, kept_ids - set(copies)))
    anchors = {str(r["id"]): f"doc-{n}" for n, r in enumerate(records, 1)}
    charts = all_charts(stats)
    body = [
        f"<h1>cleaner report: {escape(str(corpus))}</h1>",
        _summary(stats),
        "<h2>Charts</h2>",
        '<div class="charts">' + "".join(f'<div class="chart" id="{key}"></div>' for key in charts) + "</div>",
        _steps(stats),
        _rules(stats, anchors),
        _documents(records, anchors, copies),
    ]
    return html_page(f"cleaner report: {corpus.name}", "\n".join(body), charts)


def explain_page(record: dict[str, Any], kept_copy: dict[str, Any] | None) -> str:
    """The page of `cleaner explain --html`: one document's view."""
    return html_page(f"cleaner explain: {record['id']}", document_view(record, kept_copy=kept_copy))


def _kept_id(record: dict[str, Any]) -> str | None:
    detail = record.get("detail")
    if str(record.get("reason", "")).startswith("dedup.") and isinstance(detail, dict) and "kept_id" in detail:
        return str(detail["kept_id"])
    return None


def _summary(stats: dict[str, Any]) -> str:
    pipeline = stats.get("pipeline") or {}
    rows = [
        ("documents in", stats["docs_in"]),
        ("kept", stats["kept"]),
        ("rejected", stats["rejected"]),
        ("balanced (in = kept + rejected)", stats["balanced"]),
        ("inputs", ", ".join(map(str, stats.get("inputs", [])))),
        ("cleaner", stats.get("cleaner")),
        ("config sha256", pipeline.get("config_sha256")),
        ("steps", " > ".join(pipeline.get("steps", []))),
        ("started at", stats.get("started_at")),
        ("seconds", stats.get("seconds")),
        ("workers", stats.get("workers")),
    ]
    reasons = (
        "".join(f'<tr><td>{escape(r)}</td><td class="n">{n}</td></tr>' for r, n in stats["rejected_by_reason"].items())
        or '<tr><td class="note">none</td><td></td></tr>'
    )
    table = "".join(f"<tr><th>{escape(k)}</th><td>{escape(str(v))}</td></tr>" for k, v in rows if v is not None)
    return (
        f'<h2>Run</h2><table class="summary">{table}</table>'
        f"<h3>Rejected by reason</h3><table>{_head('reason', 'documents')}{reasons}</table>"
    )


def _steps(stats: dict[str, Any]) -> str:
    head = _head("step", "in", "kept", "dropped", "chars in", "chars removed", "seconds")
    rows = "".join(
        f"<tr><td>{escape(s['name'])}</td><td class='n'>{s['docs_in']}</td><td class='n'>{s['kept']}</td>"
        f"<td>{escape(', '.join(f'{r} {n}' for r, n in s['dropped'].items()))}</td><td class='n'>{s['chars_in']}</td>"
        f"<td class='n'>{s['chars_removed']}</td><td class='n'>{s['seconds']}</td></tr>"
        for s in stats["steps"]
    )
    return f"<h2>Steps</h2><table>{head}{rows}</table>"


def _rules(stats: dict[str, Any], anchors: dict[str, str]) -> str:
    rules = sorted(stats["corpus"]["rules"], key=lambda r: (-r["events"], r["step"], r["rule"]))
    head = _head("step", "rule", "events", "documents", "lines", "chars", "example lines")
    rows = []
    for rule in rules:
        examples = [_example(e, anchors) for e in rule["examples"]]
        shown = "".join(examples[:SHOWN_EXAMPLES])
        more = examples[SHOWN_EXAMPLES:]
        if more:
            shown += f"<details><summary>{len(more)} more</summary>{''.join(more)}</details>"
        rows.append(
            f'<tr class="rule" id="rule-{escape(rule["step"])}-{escape(rule["rule"])}"><td>{escape(rule["step"])}</td>'
            f"<td>{escape(rule['rule'])}</td><td class='n'>{rule['events']}</td><td class='n'>{rule['docs']}</td>"
            f"<td class='n'>{rule['lines']}</td><td class='n'>{rule['chars']}</td>"
            f'<td><ul class="examples">{shown}</ul></td></tr>'
        )
    return f"<h2>Rules, most fired first</h2><table>{head}{''.join(rows)}</table>"


def _example(example: dict[str, str], anchors: dict[str, str]) -> str:
    anchor = anchors.get(example["id"])
    where = escape(example["id"])
    link = f'<a href="#{anchor}">{where}</a>' if anchor else f'<span class="note">{where}</span>'
    return f"<li>{escape(json.dumps(example['text'], ensure_ascii=False))} — {link}</li>"


def _documents(records: list[dict[str, Any]], anchors: dict[str, str], copies: dict[str, dict[str, Any]]) -> str:
    head = _head("document", "status", "language", "chars", "lines removed")
    rows = []
    views = []
    for record in records:
        record_id = str(record["id"])
        anchor = anchors[record_id]
        meta = record.get("metadata") or {}
        removed = sum(1 for e in meta.get("events", []) if e.get("action") in ("removed", "moved_to_metadata"))
        status = f"rejected: {record['reason']}" if "reason" in record else "kept"
        rows.append(
            f'<tr><td><a class="doclink" href="#{anchor}">{escape(record_id)}</a></td><td>{escape(status)}</td>'
            f"<td>{escape(str(meta.get('language', '')))}</td><td class='n'>{len(record.get('text', ''))}</td>"
            f"<td class='n'>{removed}</td></tr>"
        )
        kept_id = _kept_id(record)
        copy = copies.get(kept_id) if kept_id else None
        views.append(document_view(record, anchor=anchor, kept_copy=copy, max_chars=DOC_CHARS))
    return (
        f"<h2>A sample of {len(records)} documents</h2>"
        "<p>Spread over the output and the rejects file; click one to see what each step did to it.</p>"
        f"<table>{head}{''.join(rows)}</table>"
        f'<div id="documents">{"".join(views)}</div>'
    )


def _head(*names: str) -> str:
    return "<tr>" + "".join(f"<th>{escape(name)}</th>" for name in names) + "</tr>"
