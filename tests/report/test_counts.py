"""The stats file's corpus counts: equal to a recount of the events in the output, whatever the worker count."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from cleaner.cli import main
from cleaner.document import Document
from cleaner.filters import BoilerplateTransform, EncodingTransform, QualityFilter
from cleaner.pipeline import Pipeline
from cleaner.report.counts import EXAMPLES_PER_RULE, CorpusCounts, length_bin


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def recount(paths: list[Path]) -> dict[tuple[str, str], dict[str, int]]:
    """Count the events of every written record, independently of `CorpusCounts`."""
    counts: dict[tuple[str, str], Counter[str]] = {}
    for path in paths:
        for record in records(path):
            events = record["metadata"]["events"]
            for key in {(e["step"], e["rule"]) for e in events}:
                counts.setdefault(key, Counter())["docs"] += 1
            for event in events:
                counter = counts.setdefault((event["step"], event["rule"]), Counter())
                counter["events"] += 1
                if event["action"] in ("removed", "moved_to_metadata") and "text" in event:
                    counter["lines"] += 1
                    counter["chars"] += len(event["text"])
    return {key: {f: c[f] for f in ("events", "docs", "lines", "chars")} for key, c in counts.items()}


def test_rule_counts_equal_the_events_in_the_output(mixed_run: Path):
    stats = json.loads(mixed_run.with_name("corpus.stats.json").read_text())
    rules = stats["corpus"]["rules"]
    stated = {(r["step"], r["rule"]): {f: r[f] for f in ("events", "docs", "lines", "chars")} for r in rules}
    assert stated == recount([mixed_run, mixed_run.with_name("corpus.rejects.jsonl")])
    assert {"boilerplate", "encoding", "templates"} <= {step for step, _ in stated}
    assert all(0 < len(r["examples"]) <= EXAMPLES_PER_RULE for r in rules if r["lines"])


def test_languages_lengths_and_clusters_match_the_output(mixed_run: Path):
    kept = records(mixed_run)
    rejected = records(mixed_run.with_name("corpus.rejects.jsonl"))
    corpus = json.loads(mixed_run.with_name("corpus.stats.json").read_text())["corpus"]
    by_language = Counter(r["metadata"]["language"] for r in kept)
    assert {lang: entry["kept"] for lang, entry in corpus["languages"].items()} == by_language
    assert sum(corpus["lengths"]["after"].values()) == len(kept)
    assert sum(corpus["lengths"]["before"].values()) == len(kept) + len(rejected)
    sizes = Counter(r["metadata"]["dedup"]["cluster_size"] for r in kept)
    assert corpus["cluster_sizes"] == {str(size): n for size, n in sorted(sizes.items())}
    assert sum(size * n for size, n in sizes.items()) == len(kept) + len(rejected)


def test_counts_do_not_depend_on_the_worker_count(tmp_path: Path, seeds_dir: Path):
    corpora = []
    for workers in ("1", "2"):
        out = tmp_path / workers / "corpus.jsonl"
        assert main(["run", str(seeds_dir), "-o", str(out), "-q", "--workers", workers]) == 0
        corpora.append(json.loads(out.with_name("corpus.stats.json").read_text())["corpus"])
    assert corpora[0] == corpora[1]


def test_shards_merge_exactly(fixtures_dir: Path):
    pages = sorted((fixtures_dir / "boilerplate/site_vi").glob("*.txt"))
    docs = [Document(str(p), p.read_text(encoding="utf-8")) for p in pages]

    def counts(batch: list[Document]) -> CorpusCounts:
        pipe = Pipeline([EncodingTransform(), BoilerplateTransform(), QualityFilter()])
        for _ in pipe.run([Document(d.id, d.text) for d in batch]):
            pass
        return pipe.stats.corpus

    whole = counts(docs)
    merged = CorpusCounts.from_dict(counts(docs[:3]).to_dict())
    merged.merge(CorpusCounts.from_dict(counts(docs[3:]).to_dict()))
    assert merged.to_dict() == whole.to_dict()
    assert whole.rules


@pytest.mark.parametrize(("chars", "low"), [(0, 0), (1, 1), (2, 2), (3, 2), (1023, 512), (1024, 1024)])
def test_length_bins_start_at_powers_of_two(chars: int, low: int):
    counts = CorpusCounts()
    counts.lengths_after[length_bin(chars)] += 1
    assert counts.to_dict()["lengths"]["after"] == {str(low): 1}
