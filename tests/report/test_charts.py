"""The report's charts plot the stats file's figures."""

from __future__ import annotations

import json
from pathlib import Path

from cleaner.report.charts import all_charts, cluster_sizes


def values(spec: dict) -> list[dict]:
    return spec["data"]["values"]


def test_charts_carry_the_stats_figures(mixed_run: Path):
    stats = json.loads(mixed_run.with_name("corpus.stats.json").read_text())
    charts = all_charts(stats)
    assert all(spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/") for spec in charts.values())
    documents = {row["outcome"]: row["docs"] for row in values(charts["chart-documents"])}
    assert documents == {"kept": stats["kept"], **stats["rejected_by_reason"]}
    clustered = sum(row["docs"] for row in values(charts["chart-clusters"]))
    assert clustered == sum(int(size) * n for size, n in stats["corpus"]["cluster_sizes"].items())
    removed = {row["step"]: row["chars"] for row in values(charts["chart-steps"]) if row["part"] == "removed"}
    assert removed == {step["name"]: step["chars_removed"] for step in stats["steps"]}


def test_cluster_sizes_fall_in_power_of_two_bins():
    stats = {"corpus": {"cluster_sizes": {"1": 7, "2": 3, "3": 2, "4": 1, "9": 1}}}
    spec = cluster_sizes(stats)
    assert spec is not None
    assert [(row["size"], row["clusters"], row["docs"]) for row in values(spec)] == [
        ("1", 7, 7),
        ("2", 3, 6),
        ("3-4", 3, 10),
        ("9-16", 1, 9),
    ]
    assert cluster_sizes({"corpus": {"cluster_sizes": {}}}) is None
