"""`cleaner report`, `cleaner run --report` and `cleaner explain --html`, in-process through main(argv)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cleaner.cli import main

MAX_BYTES = 2 * 1024 * 1024


class Page(HTMLParser):
    """What a test needs from a page: element ids, link targets, external references, struck lines."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.links: list[str] = []
        self.external: list[str] = []
        self.struck = 0
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(str(values["id"]))
        if tag == "a" and values.get("href"):
            self.links.append(str(values["href"]))
        for name in ("src", "href"):
            if (values.get(name) or "").startswith(("http:", "https:", "//")) or tag == "link":
                self.external.append(f"{tag} {name}={values.get(name)}")
        if tag == "del":
            self.struck += 1


@pytest.fixture(scope="module")
def report(mixed_run: Path) -> str:
    out = mixed_run.with_name("report.html")
    assert main(["report", str(mixed_run), "-o", str(out)]) == 0
    return out.read_text(encoding="utf-8")


def test_report_is_one_small_page_that_needs_no_network(report: str):
    page = Page(report)
    assert len(report.encode("utf-8")) < MAX_BYTES
    assert page.external == []
    assert "window.vegaEmbed" in report  # the charting JavaScript is in the page itself


def test_report_has_every_chart_and_every_rule(report: str, mixed_run: Path):
    stats = json.loads(mixed_run.with_name("corpus.stats.json").read_text())
    ids = set(Page(report).ids)
    charts = {"documents", "steps", "rules", "languages", "scores", "lengths", "clusters"}
    assert {f"chart-{name}" for name in charts} <= ids
    assert {f"rule-{r['step']}-{r['rule']}" for r in stats["corpus"]["rules"]} <= ids
    embedded = re.search(r"const CHARTS = (\{.*?\});\s*for", report, re.S)
    assert embedded is not None
    specs = json.loads(embedded.group(1))
    kept = next(v for v in specs["chart-documents"]["data"]["values"] if v["outcome"] == "kept")
    assert kept["docs"] == stats["kept"]


def test_sampled_documents_link_to_their_views(report: str, mixed_run: Path):
    page = Page(report)
    anchors = [link[1:] for link in page.links if link.startswith("#doc-")]
    assert len(set(anchors)) > 20
    assert set(anchors) <= set(page.ids)
    for anchor in set(anchors):
        link = re.search(rf'<a class="doclink" href="#{anchor}">([^<]*)</a>', report)
        view = re.search(rf'<article class="doc" id="{anchor}">\s*<h2>([^<]*)</h2>', report)
        assert link is not None and view is not None and link.group(1) == view.group(1)
    assert 'rejected: <b class="reason">dedup.' in report
    assert '<mark class="shared">' in report  # a sampled duplicate beside its kept copy


def test_run_writes_the_report_too(tmp_path: Path, seeds_dir: Path):
    out = tmp_path / "seeds.jsonl"
    assert main(["run", str(seeds_dir), "-o", str(out), "-q", "--report", str(tmp_path / "seeds.html")]) == 0
    html = (tmp_path / "seeds.html").read_text(encoding="utf-8")
    assert html.count('<article class="doc"') == 5
    assert "boilerplate · date.line → metadata" in html


def test_explain_html_strikes_every_removed_line(mixed_run: Path, tmp_path: Path):
    record = json.loads(mixed_run.read_text(encoding="utf-8").splitlines()[0])
    taken = [e for e in record["metadata"]["events"] if e["action"] in ("removed", "moved_to_metadata")]
    out = tmp_path / "doc.html"
    assert main(["explain", str(mixed_run), record["id"], "--html", "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert Page(html).struck == len(taken) > 0
    assert "<script" not in html
    for event in taken:
        assert f'data-rule="{event["rule"]}"' in html
    repairs = [e for e in record["metadata"]["events"] if e["step"] == "encoding"]
    assert html.count('<mark class="repair">') == len(repairs) > 0
    assert f'<span class="tag lang">language: {record["metadata"]["language"]}</span>' in html


def test_explain_html_shows_a_duplicate_beside_its_kept_copy(mixed_run: Path, capsys: pytest.CaptureFixture[str]):
    rejects = mixed_run.with_name("corpus.rejects.jsonl").read_text(encoding="utf-8").splitlines()
    duplicate = next(r for r in map(json.loads, rejects) if r["reason"] == "dedup.near_duplicate")
    assert main(["explain", str(mixed_run), duplicate["id"], "--html"]) == 0
    html = capsys.readouterr().out
    assert f"kept copy {duplicate['detail']['kept_id']}" in html
    assert html.count('<mark class="shared">') >= 2


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        pytest.param(["report", "missing.jsonl", "-o", "r.html"], "does not exist", id="no-corpus"),
        pytest.param(["run", "seeds", "-o", "-", "--report", "r.html"], "--report", id="report-from-stdout"),
        pytest.param(["report", "seeds", "-o", "r.html", "--sample", "-1"], "--sample", id="negative-sample"),
    ],
)
def test_usage_errors_exit_2(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]):
    assert main(argv) == 2
    assert message in capsys.readouterr().err
