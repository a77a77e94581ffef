"""The report's charts, built with Altair from the stats file alone, as Vega-Lite specs (dicts).

Each function takes the stats JSON of a run and returns one spec, or None when the run has nothing to show
there (no language step, no dedup step). The data in a spec is the handful of aggregated rows it plots, so a
report stays small whatever the corpus size.
"""

from __future__ import annotations

from typing import Any

import altair as alt

__all__ = ["all_charts"]

#: Rules drawn in the "rules that fired most" chart.
TOP_RULES = 25
WIDTH = 480


def all_charts(stats: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every chart the stats allow, by element id, in reading order."""
    made = {
        "chart-documents": documents(stats),
        "chart-steps": characters_per_step(stats),
        "chart-rules": top_rules(stats),
        "chart-languages": languages(stats),
        "chart-scores": language_scores(stats),
        "chart-lengths": lengths(stats),
        "chart-clusters": cluster_sizes(stats),
    }
    return {key: spec for key, spec in made.items() if spec is not None}


def _spec(chart: alt.Chart | alt.LayerChart) -> dict[str, Any]:
    return dict(chart.to_dict())


def documents(stats: dict[str, Any]) -> dict[str, Any]:
    """Documents kept and rejected by reason."""
    rows = [{"outcome": "kept", "group": "kept", "docs": stats["kept"]}]
    rows += [{"outcome": r, "group": "rejected", "docs": n} for r, n in stats["rejected_by_reason"].items()]
    chart = (
        alt.Chart(alt.Data(values=rows), title=f"Documents: {stats['docs_in']} in")
        .mark_bar()
        .encode(
            x=alt.X("docs:Q", title="documents"),
            y=alt.Y("outcome:N", sort=None, title=None),
            color=alt.Color("group:N", scale=alt.Scale(domain=["kept", "rejected"], range=["#3a8f5c", "#c0504d"])),
            tooltip=["outcome:N", "docs:Q"],
        )
        .properties(width=WIDTH)
    )
    return _spec(chart)


def characters_per_step(stats: dict[str, Any]) -> dict[str, Any]:
    """Characters each step received, split into kept and removed (extract's input is HTML)."""
    rows = []
    for step in stats["steps"]:
        removed = max(step["chars_removed"], 0)
        rows.append({"step": step["name"], "part": "kept", "chars": step["chars_in"] - removed})
        rows.append({"step": step["name"], "part": "removed", "chars": removed})
    chart = (
        alt.Chart(alt.Data(values=rows), title="Characters kept and removed per step")
        .mark_bar()
        .encode(
            x=alt.X("chars:Q", title="characters"),
            y=alt.Y("step:N", sort=None, title=None),
            color=alt.Color("part:N", scale=alt.Scale(domain=["kept", "removed"], range=["#8fb8de", "#c0504d"])),
            tooltip=["step:N", "part:N", "chars:Q"],
        )
        .properties(width=WIDTH)
    )
    return _spec(chart)


def top_rules(stats: dict[str, Any]) -> dict[str, Any] | None:
    """The rules that fired most (events), coloured by step."""
    rules = sorted(stats["corpus"]["rules"], key=lambda r: (-r["events"], r["step"], r["rule"]))[:TOP_RULES]
    if not rules:
        return None
    fields = ("step", "events", "docs", "lines", "chars")
    rows = [{"rule": f"{r['step']} · {r['rule']}", **{k: r[k] for k in fields}} for r in rules]
    chart = (
        alt.Chart(alt.Data(values=rows), title=f"The {len(rows)} rules that fired most")
        .mark_bar()
        .encode(
            x=alt.X("events:Q", title="events"),
            y=alt.Y("rule:N", sort="-x", title=None),
            color=alt.Color("step:N"),
            tooltip=["rule:N", "events:Q", "docs:Q", "lines:Q", "chars:Q"],
        )
        .properties(width=WIDTH)
    )
    return _spec(chart)


def languages(stats: dict[str, Any]) -> dict[str, Any] | None:
    """Documents per language, kept and rejected."""
    entries = stats["corpus"]["languages"]
    if not entries:
        return None
    rows = [
        {"language": lang, "outcome": outcome, "docs": entry[outcome]}
        for lang, entry in entries.items()
        for outcome in ("kept", "rejected")
    ]
    chart = (
        alt.Chart(alt.Data(values=rows), title="Languages")
        .mark_bar()
        .encode(
            x=alt.X("docs:Q", title="documents"),
            y=alt.Y("language:N", sort="-x", title=None),
            color=alt.Color("outcome:N", scale=alt.Scale(domain=["kept", "rejected"], range=["#3a8f5c", "#c0504d"])),
            tooltip=["language:N", "outcome:N", "docs:Q"],
        )
        .properties(width=WIDTH / 2)
    )
    return _spec(chart)


def language_scores(stats: dict[str, Any]) -> dict[str, Any] | None:
    """How sure the language step was: documents per language and score bin (0.9 holds 0.9 to 1.0)."""
    rows = [
        {"language": lang, "score": float(low), "docs": n}
        for lang, entry in stats["corpus"]["languages"].items()
        for low, n in entry["scores"].items()
    ]
    if not rows:
        return None
    chart = (
        alt.Chart(alt.Data(values=rows), title="Language scores")
        .mark_rect()
        .encode(
            x=alt.X("score:O", title="score (bin start)", scale=alt.Scale(domain=[i / 10 for i in range(10)])),
            y=alt.Y("language:N", title=None),
            color=alt.Color("docs:Q", scale=alt.Scale(scheme="blues")),
            tooltip=["language:N", "score:O", "docs:Q"],
        )
        .properties(width=WIDTH / 2)
    )
    return _spec(chart)


def lengths(stats: dict[str, Any]) -> dict[str, Any]:
    """Document lengths before the line steps (every document) and after cleaning (kept documents)."""
    rows = [
        {"when": when, "chars from": int(low), "docs": n}
        for when in ("before", "after")
        for low, n in stats["corpus"]["lengths"][when].items()
    ]
    chart = (
        alt.Chart(alt.Data(values=rows), title="Document length in characters (power-of-two bins)")
        .mark_bar()
        .encode(
            x=alt.X("chars from:O", title="characters, from"),
            xOffset=alt.XOffset("when:N", sort=["before", "after"]),
            y=alt.Y("docs:Q", title="documents"),
            color=alt.Color("when:N", sort=["before", "after"], scale=alt.Scale(range=["#b9b9b9", "#3a6fb0"])),
            tooltip=["when:N", "chars from:O", "docs:Q"],
        )
        .properties(width=WIDTH)
    )
    return _spec(chart)


def cluster_sizes(stats: dict[str, Any]) -> dict[str, Any] | None:
    """Duplicate clusters by size, in power-of-two bins (1, 2, 3-4, 5-8, ...; 1 is a document without copies)."""
    sizes = stats["corpus"]["cluster_sizes"]
    if not sizes:
        return None
    bins: dict[int, dict[str, Any]] = {}
    for size, n in sizes.items():
        k = (int(size) - 1).bit_length()
        low, high = (1 << (k - 1)) + 1 if k else 1, 1 << k
        row = bins.setdefault(k, {"size": str(high) if low == high else f"{low}-{high}", "clusters": 0, "docs": 0})
        row["clusters"] += n
        row["docs"] += n * int(size)
    rows = [bins[k] for k in sorted(bins)]
    chart = (
        alt.Chart(alt.Data(values=rows), title="Duplicate clusters by size")
        .mark_bar()
        .encode(
            x=alt.X("size:O", sort=None, title="documents in the cluster"),
            y=alt.Y("clusters:Q", title="clusters (log scale)", scale=alt.Scale(type="symlog")),
            tooltip=["size:O", "clusters:Q", "docs:Q"],
        )
        .properties(width=WIDTH / 2, height=200)
    )
    return _spec(chart)
