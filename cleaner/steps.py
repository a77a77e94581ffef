"""Step protocols: what a pipeline step is, and the adapter from a per-document decision to a stream.

Two kinds of step:

* `DocumentStep`: decides on one document at a time (`process(doc) -> Document | Drop`). Stateless, so the
  pipeline may run it shard by shard in worker processes.
* `StreamStep`: needs state across documents (dedup, learned site templates): `run(docs)` consumes a stream and
  yields documents or `Rejected` records, possibly later than it received them. Runs in the main process.

Naming: a `*Filter` may drop, a `*Transform` may rewrite, a `*Tagger` only annotates. Every step has a stable
`name`, a `version` bumped whenever its output changes, and a `Config`: a frozen, keyword-only dataclass that
validates itself on construction.
"""

from __future__ import annotations

import copy
import dataclasses
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from typing import Any, ClassVar, overload

from cleaner.document import Document, Drop, Rejected
from cleaner.errors import ConfigError
from cleaner.params import check_params

__all__ = [
    "ConfigError",
    "DocumentStep",
    "DocumentStepConfig",
    "Step",
    "StepConfig",
    "StreamStep",
    "check_choice",
    "check_range",
]

#: Parameters that say how a step runs, not what it does: left out of `describe()`, so of the config hash.
RUN_PARAMS = ("timeout_seconds",)


@dataclasses.dataclass(frozen=True, kw_only=True)
class StepConfig:
    """Base of every step's configuration (no fields of its own)."""


@dataclasses.dataclass(frozen=True, kw_only=True)
class DocumentStepConfig(StepConfig):
    """Base of a per-document step's configuration: the wall-clock budget every such step has."""

    #: Wall-clock seconds the step may spend on one document; past it the document is rejected as
    #: `error.timeout` and the run goes on. 0 turns the limit off.
    timeout_seconds: float = 60.0


def check_range(field: str, value: float | int | None, low: float, high: float | None = None) -> None:
    """Raise `ConfigError` unless `value` is None or within [low, high]."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigError(f"{field} must be a number, got {value!r}")
    if value < low or (high is not None and value > high):
        allowed = f"[{low}, {high}]" if high is not None else f">= {low}"
        raise ConfigError(f"{field} must be in {allowed}, got {value!r}")


def check_choice(field: str, value: object, choices: Iterable[object]) -> None:
    """Raise `ConfigError` unless `value` is one of `choices`."""
    options = list(choices)
    if value not in options:
        raise ConfigError(f"{field} must be one of {', '.join(map(repr, options))}, got {value!r}")


class Step(ABC):
    """A pipeline step. Subclasses set `name`, `Config`, and implement `run`."""

    name: ClassVar[str]
    version: ClassVar[int] = 1
    Config: ClassVar[type[StepConfig]] = StepConfig
    #: Reason codes this step may drop with (public API; listed by `cleaner filters`).
    reasons: ClassVar[tuple[str, ...]] = ()
    #: Whether a bare string given to `__call__` is a page's HTML rather than text.
    takes_html: ClassVar[bool] = False

    def __init__(self, config: StepConfig | None = None, /, **params: Any) -> None:
        if config is not None and params:
            raise ConfigError(f"{self.name}: pass either a config object or keyword parameters, not both")
        if config is None:
            config = self.Config(**check_params(self.name, self.Config, params))
        elif not isinstance(config, self.Config):
            raise ConfigError(f"{self.name}: config must be a {self.Config.__name__}")
        else:  # a config built directly: its fields are checked the same way
            fields = {f.name: getattr(config, f.name) for f in dataclasses.fields(config)}
            config = dataclasses.replace(config, **check_params(self.name, type(config), fields))
        self.config = config

    @property
    def stateful(self) -> bool:
        """True when the step needs the whole stream (cannot be sharded across workers)."""
        return not isinstance(self, DocumentStep)

    @abstractmethod
    def run(self, docs: Iterable[Document]) -> Iterator[Document | Rejected]:
        """Consume documents, yield kept documents and `Rejected` records."""

    def describe(self) -> dict[str, Any]:
        """Name, version and config: what the pipeline hash and the provenance record (run parameters such as
        `timeout_seconds` left out: they do not change what the step does to a document)."""
        config = {k: v for k, v in dataclasses.asdict(self.config).items() if k not in RUN_PARAMS}
        return {"name": self.name, "version": self.version, "config": config}

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.config!r})"


class DocumentStep(Step):
    """A step that decides on each document alone: keep (possibly rewritten), or drop with a reason.

    Its `Config` derives from `DocumentStepConfig`: the pipeline gives it `timeout_seconds` per document."""

    Config: ClassVar[type[StepConfig]] = DocumentStepConfig

    def __init__(self, config: StepConfig | None = None, /, **params: Any) -> None:
        super().__init__(config, **params)
        check_range(f"{self.name}.timeout_seconds", self.timeout_seconds, 0)

    @property
    def timeout_seconds(self) -> float:
        """Wall-clock seconds allowed per document (the default for a config that does not derive from
        `DocumentStepConfig`)."""
        seconds: float = getattr(self.config, "timeout_seconds", DocumentStepConfig.timeout_seconds)
        return seconds

    @abstractmethod
    def process(self, doc: Document) -> Document | Drop:
        """Return the (possibly rewritten) document, or a `Drop` with a reason code."""

    def run(self, docs: Iterable[Document]) -> Iterator[Document | Rejected]:
        for doc in docs:
            outcome = self.process(doc)
            if isinstance(outcome, Drop):
                yield Rejected(doc, outcome.reason, self.name, dict(outcome.detail))
            else:
                yield outcome

    def __call__(self, item: Document | str | None = None, /, *, html: str | None = None) -> Document | Drop:
        """Apply the step to one document and return it (a rewritten copy) or a `Drop` with its reason.

        A string is one document: its text, or its HTML for a step whose `takes_html` is set (`extract`);
        `html=` always gives a page. The document passed in is not changed."""
        return self.process(_document(self, item, html))


class StreamStep(Step):
    """A step that needs state across documents. Subclasses implement `run`."""

    @overload  # a str is also an Iterable[str]: the first signature wins, as the code does
    def __call__(  # type: ignore[overload-overlap]
        self, item: Document | str | None = None, /, *, html: str | None = None
    ) -> Document | Drop: ...

    @overload
    def __call__(self, item: Iterable[Document | str], /) -> list[Document | Rejected]: ...

    def __call__(
        self, item: Document | str | Iterable[Document | str] | None = None, /, *, html: str | None = None
    ) -> Document | Drop | list[Document | Rejected]:
        """One document (a `Document`, a string of text, or `html=`) gives its outcome as a per-document step
        does: the document or a `Drop`. A list of them runs through the step together and gives every outcome
        (documents and `Rejected` records) in order. Documents passed in are not changed."""
        if item is None or isinstance(item, Document | str):
            (outcome,) = self.run([_document(self, item, html)])
            return Drop(outcome.reason, outcome.detail) if isinstance(outcome, Rejected) else outcome
        docs = [_document(self, x, None, f"text-{i}") for i, x in enumerate(item)]
        return list(self.run(docs))


def _document(step: Step, item: Document | str | None, html: str | None, doc_id: str = "text") -> Document:
    """What a step's `__call__` works on: a copy of a document, or a new one from a string or `html=`."""
    if isinstance(item, Document):
        if html is not None:
            raise TypeError("pass a document or html=, not both")
        return copy.deepcopy(item)
    if html is not None or (isinstance(item, str) and step.takes_html):
        if item is not None and html is not None:
            raise TypeError("pass a string or html=, not both")
        return Document(id=doc_id, html=html if html is not None else item)
    if not isinstance(item, str):
        raise TypeError(f"{step.name}: expected a Document, a string or html=, got {type(item).__name__}")
    return Document(id=doc_id, text=item)
