"""What the run's output holds, counted from its events and metadata: the rule counts of the stats file.

`CorpusCounts.add` sees every record the run writes (kept documents and rejects, in output order) and counts:

* per step and rule id: events, documents touched, lines taken out of the text (a `removed` or
  `moved_to_metadata` event with its `text`) and their characters, plus the first few lines as examples;
* per language (`metadata["language"]`): documents kept and rejected, and a histogram of `language_score`;
* document lengths in characters, before the line steps (the final text plus every line taken out) and after
  (kept documents only), in power-of-two bins;
* duplicate cluster sizes (`metadata["dedup"]["cluster_size"]` of each survivor).

Every figure is a sum, so `merge` combines the counts of shards exactly; examples keep the first seen, in merge
order. The counts are derived from the events alone, so recounting the output's events gives the same numbers.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from cleaner.document import Document, Event, Rejected

__all__ = ["EXAMPLES_PER_RULE", "CorpusCounts", "RuleCounts", "length_bin", "taken_text"]

#: Example lines kept per rule, and their length at most.
EXAMPLES_PER_RULE = 8
EXAMPLE_CHARS = 200

#: Event actions that take a line out of the text (its `text` detail holds the line).
TAKING_ACTIONS = frozenset({"removed", "moved_to_metadata"})


def taken_text(event: Event) -> str | None:
    """The text an event took out of the document, or None when it took nothing out (a rewrite, a tag)."""
    text = event.detail.get("text")
    return text if event.action in TAKING_ACTIONS and isinstance(text, str) else None


def length_bin(chars: int) -> int:
    """Power-of-two bin of a length: bin k holds lengths in [2**(k-1), 2**k), bin 0 the empty text."""
    return chars.bit_length()


@dataclass
class RuleCounts:
    """What one rule of one step did across the corpus."""

    events: int = 0
    docs: int = 0
    lines: int = 0
    chars: int = 0
    examples: list[dict[str, str]] = field(default_factory=list)

    def merge(self, other: RuleCounts) -> None:
        self.events += other.events
        self.docs += other.docs
        self.lines += other.lines
        self.chars += other.chars
        room = EXAMPLES_PER_RULE - len(self.examples)
        self.examples.extend(other.examples[: max(room, 0)])


@dataclass
class CorpusCounts:
    """Rule, language, length and duplicate counts over every record a run wrote (see the module docstring)."""

    rules: dict[tuple[str, str], RuleCounts] = field(default_factory=dict)
    languages: dict[str, Counter[str]] = field(default_factory=dict)
    scores: dict[str, Counter[int]] = field(default_factory=dict)
    lengths_before: Counter[int] = field(default_factory=Counter)
    lengths_after: Counter[int] = field(default_factory=Counter)
    cluster_sizes: Counter[int] = field(default_factory=Counter)

    def add(self, item: Document | Rejected) -> None:
        """Count one record as written: a kept document or a reject."""
        doc = item.document if isinstance(item, Rejected) else item
        kept = not isinstance(item, Rejected)
        before = len(doc.text)
        touched: set[tuple[str, str]] = set()
        for event in doc.events:
            key = (event.step, event.rule)
            counts = self.rules.get(key)
            if counts is None:
                counts = self.rules[key] = RuleCounts()
            counts.events += 1
            if key not in touched:
                touched.add(key)
                counts.docs += 1
            text = taken_text(event)
            if text is None:
                continue
            counts.lines += 1
            counts.chars += len(text)
            before += len(text) + 1
            if len(counts.examples) < EXAMPLES_PER_RULE:
                counts.examples.append({"id": doc.id, "text": text[:EXAMPLE_CHARS]})
        self.lengths_before[length_bin(before)] += 1
        if kept:
            self.lengths_after[length_bin(len(doc.text))] += 1
        language = doc.metadata.get("language")
        if isinstance(language, str):
            self.languages.setdefault(language, Counter())["kept" if kept else "rejected"] += 1
            score = doc.metadata.get("language_score")
            if isinstance(score, int | float):
                self.scores.setdefault(language, Counter())[min(int(score * 10), 9)] += 1
        dedup = doc.metadata.get("dedup")
        if kept and isinstance(dedup, dict) and isinstance(dedup.get("cluster_size"), int):
            self.cluster_sizes[dedup["cluster_size"]] += 1

    def merge(self, other: CorpusCounts) -> None:
        for key, counts in other.rules.items():
            self.rules.setdefault(key, RuleCounts()).merge(counts)
        for language, counter in other.languages.items():
            self.languages.setdefault(language, Counter()).update(counter)
        for language, bins in other.scores.items():
            self.scores.setdefault(language, Counter()).update(bins)
        self.lengths_before.update(other.lengths_before)
        self.lengths_after.update(other.lengths_after)
        self.cluster_sizes.update(other.cluster_sizes)

    def to_dict(self) -> dict[str, Any]:
        """The stats file's `corpus` section: rules sorted by step and rule id, bins by their lower bound."""
        return {
            "rules": [
                {"step": step, "rule": rule, **_rule_dict(counts)}
                for (step, rule), counts in sorted(self.rules.items())
            ],
            "languages": {
                language: {
                    "kept": counter["kept"],
                    "rejected": counter["rejected"],
                    "scores": {f"{b / 10:.1f}": n for b, n in sorted(self.scores.get(language, Counter()).items())},
                }
                for language, counter in sorted(self.languages.items())
            },
            "lengths": {"before": _bins(self.lengths_before), "after": _bins(self.lengths_after)},
            "cluster_sizes": {str(size): n for size, n in sorted(self.cluster_sizes.items())},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CorpusCounts:
        """Read back a stats file's `corpus` section (to merge the stats of shards)."""
        counts = cls()
        for entry in data.get("rules", []):
            counts.rules[(entry["step"], entry["rule"])] = RuleCounts(
                events=entry["events"],
                docs=entry["docs"],
                lines=entry["lines"],
                chars=entry["chars"],
                examples=list(entry["examples"]),
            )
        for language, entry in data.get("languages", {}).items():
            counts.languages[language] = Counter({"kept": entry["kept"], "rejected": entry["rejected"]})
            counts.scores[language] = Counter({round(float(b) * 10): n for b, n in entry["scores"].items()})
        counts.lengths_before = _unbins(data.get("lengths", {}).get("before", {}))
        counts.lengths_after = _unbins(data.get("lengths", {}).get("after", {}))
        counts.cluster_sizes = Counter({int(size): n for size, n in data.get("cluster_sizes", {}).items()})
        return counts


def _rule_dict(counts: RuleCounts) -> dict[str, Any]:
    return {
        "events": counts.events,
        "docs": counts.docs,
        "lines": counts.lines,
        "chars": counts.chars,
        "examples": counts.examples,
    }


def _bins(counter: Counter[int]) -> dict[str, int]:
    """Bins keyed by their lowest length: bin k starts at 2**(k-1) (bin 0 at 0)."""
    return {str(1 << (k - 1) if k else 0): n for k, n in sorted(counter.items())}


def _unbins(bins: dict[str, int]) -> Counter[int]:
    return Counter({length_bin(int(low)): n for low, n in bins.items()})
