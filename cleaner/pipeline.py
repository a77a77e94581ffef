"""Chain steps over a stream of documents, route rejects, and count what each step did.

`Pipeline(steps).run(items)` takes documents (and `Rejected` records a reader already made), never changes them,
and yields, in input order, every kept `Document` and every `Rejected` record: documents in = kept + rejected,
always. An HTML page that leaves the chain still unextracted (no `extract` step) is rejected as
`error.not_extracted`, with its HTML, rather than written with empty text. Runs of per-document steps can be
sharded over worker processes (`workers > 1`); stateful steps run in this process. Output order and content do
not depend on the worker count.

Given `on_reject`, rejects are handed to it as soon as they are decided, instead of being yielded in input order:
a stateful step looks ahead, and rejects held behind it (with their HTML) would fill memory. They then come in
the order they reach the first stateful step after their decision (or the end of the chain), which depends only
on the input and the chain, never on the worker count.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import json
import logging
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from cleaner import __version__
from cleaner.budget import StepTimeout, batch, time_limit
from cleaner.document import Document, Drop, Rejected
from cleaner.schema import SCHEMA_VERSION
from cleaner.stats import RunStats
from cleaner.steps import ConfigError, DocumentStep, Step

__all__ = ["Pipeline"]

log = logging.getLogger(__name__)

Item = Document | Rejected

_NOT_EXTRACTED = "an HTML page reached the end of the chain without its text: add the extract step"


class Pipeline:
    """An ordered chain of steps.

    >>> from cleaner.filters.quality import QualityFilter
    >>> pipe = Pipeline([QualityFilter(min_words=2)])
    >>> [type(x).__name__ for x in pipe.run([Document("a", "two words"), Document("b", "one")])]
    ['Document', 'Rejected']
    """

    def __init__(self, steps: Sequence[Step]) -> None:
        names = [s.name for s in steps]
        duplicated = sorted({n for n in names if names.count(n) > 1})
        if duplicated:
            raise ConfigError(f"step(s) listed twice: {', '.join(duplicated)}")
        self.steps = list(steps)
        self.stats = RunStats()

    @property
    def config_hash(self) -> str:
        """sha256 of the steps' names, versions and configs: equal hashes mean the same cleaning."""
        blob = json.dumps([s.describe() for s in self.steps], sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

    def describe(self) -> dict[str, Any]:
        """The provenance every record carries: version, config hash, steps, and the learned models used."""
        return {
            "cleaner": __version__,
            "schema": SCHEMA_VERSION,
            "config_sha256": self.config_hash,
            "steps": [s.name for s in self.steps],
            "models": [{"step": s.name, **d["model"]} for s in self.steps if "model" in (d := s.describe())],
        }

    def run(
        self, items: Iterable[Item], *, workers: int = 1, on_reject: Callable[[Rejected], None] | None = None
    ) -> Iterator[Item]:
        """Yield kept documents and rejects in input order (rejects go to `on_reject` instead, when given, as soon
        as they are decided); `self.stats` holds the counts when exhausted."""
        if workers < 1:
            raise ConfigError(f"workers must be >= 1, got {workers}")
        self.stats = RunStats()
        for step in self.steps:
            self.stats.step(step.name)
        provenance = self.describe()
        started = time.perf_counter()

        def finish(item: Item) -> Item:
            """Provenance and the run's counts, once per record leaving the chain."""
            doc = item.document if isinstance(item, Rejected) else item
            doc.metadata["pipeline"] = provenance
            if isinstance(item, Rejected):
                self.stats.rejected[item.reason] += 1
            else:
                self.stats.kept += 1
            self.stats.corpus.add(item)
            return item

        def send(item: Rejected) -> None:
            finish(item)
            if on_reject is not None:
                on_reject(item)

        sink = send if on_reject is not None else None
        stream: Iterator[Item] = self._count_input(items)
        pool = None
        if workers > 1 and self._has_segment():
            from cleaner.workers import WorkerPool  # it runs segments of this module's pipeline in workers

            pool = WorkerPool(self.steps, workers)
        try:
            for segment_index, segment in enumerate(self._segments()):
                if isinstance(segment, list):
                    if pool is not None:
                        stream = pool.map(segment_index, stream, self.stats)
                    else:
                        stream = _run_segment(segment, stream, self.stats)
                else:
                    stream = _run_stream_step(segment, stream, self.stats, sink)
            for item in stream:
                if isinstance(item, Document) and item.html is not None:
                    item = Rejected(item, "error.not_extracted", "pipeline", {"message": _NOT_EXTRACTED})
                if sink is not None and isinstance(item, Rejected):
                    sink(item)
                else:
                    yield finish(item)
        finally:
            if pool is not None:
                pool.close()
            self.stats.seconds = time.perf_counter() - started

    def _count_input(self, items: Iterable[Item]) -> Iterator[Item]:
        """Count the input, and copy it: steps rewrite documents in place, the caller's must stay as they were. No
        step touches a reject, whose metadata only gains the provenance: a shallow copy does (and is cheap)."""
        for item in items:
            self.stats.docs_in += 1
            if isinstance(item, Rejected):
                doc = dataclasses.replace(item.document, metadata=dict(item.document.metadata))
                yield dataclasses.replace(item, document=doc)
            else:
                yield copy.deepcopy(item)

    def _segments(self) -> list[list[DocumentStep] | Step]:
        """Group consecutive per-document steps; each stateful step stands alone."""
        segments: list[list[DocumentStep] | Step] = []
        for step in self.steps:
            if isinstance(step, DocumentStep):
                if segments and isinstance(segments[-1], list):
                    segments[-1].append(step)
                else:
                    segments.append([step])
            else:
                segments.append(step)
        return segments

    def _has_segment(self) -> bool:
        return any(isinstance(s, list) for s in self._segments())


def _apply(step: DocumentStep, doc: Document, stats: RunStats) -> Item:
    """Run one step on one document within its budget. A document past the budget becomes an `error.timeout`
    reject; an exception, or an outcome that is neither a document nor a `Drop`, an `error.step_failed` one
    naming the step (and where the exception was raised): never a crash of the run."""
    step_stats = stats.step(step.name)
    size = doc.size
    step_stats.docs_in += 1
    step_stats.chars_in += size
    started = time.perf_counter()
    outcome: Any
    try:
        with time_limit(step.timeout_seconds):
            outcome = step.process(doc)
    except StepTimeout:
        log.warning("step %s ran past %s s on document %s", step.name, step.timeout_seconds, doc.id)
        outcome = Drop("error.timeout", {"step": step.name, "timeout_seconds": step.timeout_seconds})
    except Exception as exc:  # a bad record must not end the run
        log.warning("step %s failed on document %s: %r", step.name, doc.id, exc)
        outcome = Drop("error.step_failed", {"step": step.name, **_failure(exc)})
    if not isinstance(outcome, Document | Drop):
        log.warning("step %s returned a %s for document %s", step.name, type(outcome).__name__, doc.id)
        outcome = Drop("error.step_failed", {"step": step.name, "returned": type(outcome).__name__})
    step_stats.seconds += time.perf_counter() - started
    if isinstance(outcome, Drop):
        step_stats.dropped[outcome.reason] += 1
        return Rejected(doc, outcome.reason, step.name, dict(outcome.detail))
    step_stats.kept += 1
    step_stats.chars_removed += size - len(outcome.text)
    return outcome


def _failure(exc: Exception) -> dict[str, str]:
    """The exception and the place it was raised (file and its folder, line, function of the innermost frame)."""
    frames = traceback.extract_tb(exc.__traceback__)
    detail = {"exception": f"{type(exc).__name__}: {exc}"}
    if frames:
        last = frames[-1]
        detail["where"] = f"{'/'.join(Path(last.filename).parts[-2:])}:{last.lineno} in {last.name}"
    return detail


def _run_segment(steps: list[DocumentStep], items: Iterable[Item], stats: RunStats) -> Iterator[Item]:
    """Each item through the steps in turn, under one `batch()` of the budget's alarm for the whole run."""
    with batch():
        for item in items:
            for step in steps:
                if isinstance(item, Rejected):
                    break
                item = _apply(step, item, stats)
            yield item


def _run_stream_step(
    step: Step, items: Iterable[Item], stats: RunStats, sink: Callable[[Rejected], None] | None = None
) -> Iterator[Item]:
    """Feed a stateful step its documents; pass earlier rejects through in order, or to `sink` at once when
    given; time only the step itself."""
    step_stats = stats.step(step.name)
    passed: deque[Rejected] = deque()
    sizes: dict[int, int] = {}
    upstream_seconds = 0.0

    def feed() -> Iterator[Document]:
        nonlocal upstream_seconds
        iterator = iter(items)
        while True:
            started = time.perf_counter()
            item = next(iterator, None)
            while sink is not None and isinstance(item, Rejected):  # written out on the upstream's time
                sink(item)
                item = next(iterator, None)
            upstream_seconds += time.perf_counter() - started
            if item is None:
                return
            if isinstance(item, Rejected):
                passed.append(item)
                continue
            step_stats.docs_in += 1
            size = item.size
            step_stats.chars_in += size
            sizes[id(item)] = size
            yield item

    outputs = step.run(feed())
    while True:
        upstream_before = upstream_seconds
        started = time.perf_counter()
        out = next(outputs, None)
        step_stats.seconds += time.perf_counter() - started - (upstream_seconds - upstream_before)
        while passed:
            yield passed.popleft()
        if out is None:
            return
        if isinstance(out, Rejected):
            sizes.pop(id(out.document), None)
            step_stats.dropped[out.reason] += 1
        else:
            step_stats.kept += 1
            step_stats.chars_removed += sizes.pop(id(out), len(out.text)) - len(out.text)
        yield out
