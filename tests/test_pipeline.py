"""The pipeline: user-defined steps, reject routing, counting, streaming, worker-count independence."""

from __future__ import annotations

import dataclasses
import itertools
import signal
import time
from collections.abc import Iterable, Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import (
    ConfigError,
    Document,
    DocumentStep,
    DocumentStepConfig,
    Drop,
    Pipeline,
    Rejected,
    StepConfig,
    StreamStep,
)
from cleaner.filters.quality import QualityFilter


@dataclasses.dataclass(frozen=True, kw_only=True)
class UpperConfig(StepConfig):
    suffix: str = ""


class UpperTransform(DocumentStep):
    """A user's own step: upper-cases text, drops documents containing 'spam'."""

    name = "upper"
    Config = UpperConfig
    reasons = ("user.spam",)
    config: UpperConfig

    def process(self, doc: Document) -> Document | Drop:
        if "spam" in doc.text:
            return Drop("user.spam", {"where": doc.text.index("spam")})
        doc.text = doc.text.upper() + self.config.suffix
        doc.record(self.name, "rewrote", "upper")
        return doc


class FirstOfEachLength(StreamStep):
    """A stateful user step: keeps the first document of each text length."""

    name = "first_len"

    def run(self, docs: Iterable[Document]) -> Iterator[Document | Rejected]:
        seen: set[int] = set()
        for doc in docs:
            if len(doc.text) in seen:
                yield Rejected(doc, "user.same_length", self.name)
            else:
                seen.add(len(doc.text))
                yield doc


class Exploding(DocumentStep):
    name = "exploding"

    def process(self, doc: Document) -> Document | Drop:
        if doc.id == "bad":
            raise RuntimeError("boom")
        return doc


def docs(*texts: str) -> list[Document]:
    return [Document(f"d{i}", t) for i, t in enumerate(texts)]


def test_user_step_in_a_pipeline_with_builtin_steps():
    pipe = Pipeline([UpperTransform(suffix="!"), QualityFilter(min_words=2)])
    out = list(pipe.run(docs("hello world", "no spam please", "one")))
    assert [type(x).__name__ for x in out] == ["Document", "Rejected", "Rejected"]
    assert out[0].text == "HELLO WORLD!"
    assert (out[1].reason, out[1].step) == ("user.spam", "upper")
    assert (out[2].reason, out[2].step) == ("quality.too_few_words", "quality")
    stats = pipe.stats.to_dict()
    assert (stats["docs_in"], stats["kept"], stats["rejected"], stats["balanced"]) == (3, 1, 2, True)
    upper, quality = stats["steps"]
    assert (upper["docs_in"], upper["kept"], upper["dropped"]) == (3, 2, {"user.spam": 1})
    assert (quality["docs_in"], quality["kept"], quality["dropped"]) == (2, 1, {"quality.too_few_words": 1})


def test_kept_documents_carry_version_and_config_hash():
    pipe = Pipeline([UpperTransform()])
    (doc,) = pipe.run(docs("a"))
    assert doc.metadata["pipeline"]["steps"] == ["upper"]
    assert doc.metadata["pipeline"]["config_sha256"] == pipe.config_hash
    assert Pipeline([UpperTransform(suffix="x")]).config_hash != pipe.config_hash


def test_stream_step_between_document_steps_keeps_input_order_of_rejects():
    pipe = Pipeline([UpperTransform(), FirstOfEachLength(), QualityFilter(min_words=1)])
    out = list(pipe.run(docs("ab", "spam", "cd", "efg")))
    assert [(x.document.id, x.reason) if isinstance(x, Rejected) else x.id for x in out] == [
        "d0",
        ("d1", "user.spam"),
        ("d2", "user.same_length"),
        "d3",
    ]
    assert pipe.stats.step("first_len").dropped == {"user.same_length": 1}


def test_exception_in_a_step_rejects_that_document_only():
    pipe = Pipeline([Exploding()])
    out = list(pipe.run([Document("ok", "x"), Document("bad", "y"), Document("ok2", "z")]))
    assert [type(x).__name__ for x in out] == ["Document", "Rejected", "Document"]
    assert out[1].reason == "error.step_failed"
    assert "RuntimeError: boom" in out[1].detail["exception"]


def test_reader_rejects_pass_through_and_are_counted():
    earlier = Rejected(Document("r"), "error.json", "read")
    pipe = Pipeline([UpperTransform()])
    out = list(pipe.run([Document("a", "x"), earlier, Document("b", "y")]))
    assert (out[1].document.id, out[1].reason) == ("r", "error.json")
    assert earlier.document.metadata == {}  # the caller's record is not changed
    assert pipe.stats.rejected == {"error.json": 1}
    assert pipe.stats.balanced


def test_streaming_does_not_read_the_whole_input_first():
    endless = (Document(str(i), "some words here") for i in itertools.count())
    pipe = Pipeline([UpperTransform(), FirstOfEachLength()])
    first = list(itertools.islice(pipe.run(endless), 1))
    assert first[0].id == "0"


def test_same_step_twice_is_a_config_error():
    with pytest.raises(ConfigError, match="listed twice"):
        Pipeline([QualityFilter(), QualityFilter()])


def test_step_usable_alone_on_a_string():
    out = UpperTransform()("abc")
    assert isinstance(out, Document) and out.text == "ABC"
    assert UpperTransform()("spam") == Drop("user.spam", {"where": 0})


@settings(max_examples=25, deadline=None)
@given(st.lists(st.text(alphabet="ab spm", max_size=12), max_size=40))
def test_kept_plus_rejected_equals_input(texts: list[str]):
    pipe = Pipeline([UpperTransform(), FirstOfEachLength(), QualityFilter(min_words=1)])
    out = list(pipe.run(docs(*texts)))
    assert len(out) == len(texts)
    assert pipe.stats.docs_in == pipe.stats.kept + sum(pipe.stats.rejected.values())


def test_worker_count_does_not_change_output():
    texts = [f"doc {i} " + "word " * (i % 7) + ("spam" if i % 11 == 0 else "") for i in range(300)]

    def run(workers: int) -> list[dict]:
        pipe = Pipeline([UpperTransform(), FirstOfEachLength(), QualityFilter(min_words=3)])
        records = [x.to_record() for x in pipe.run(docs(*texts), workers=workers)]
        stats = pipe.stats.to_dict()
        return [records, {k: v for k, v in stats.items() if k not in ("seconds", "steps")}]

    assert run(1) == run(2) == run(3)


def test_html_page_left_unextracted_is_rejected_with_its_html():
    pipe = Pipeline([UpperTransform()])
    (out,) = pipe.run([Document("p", html="<p>Xin chào</p>")])
    assert isinstance(out, Rejected) and (out.reason, out.step) == ("error.not_extracted", "pipeline")
    assert out.to_record()["html"] == "<p>Xin chào</p>"


@dataclasses.dataclass(frozen=True, kw_only=True)
class StuckConfig(DocumentStepConfig):
    pass


class Stuck(DocumentStep):
    """Loops for ever on the document called 'stuck'."""

    name = "stuck"
    Config = StuckConfig

    def process(self, doc: Document) -> Document | Drop:
        while doc.id == "stuck":
            pass
        return doc


class ReturnsText(DocumentStep):
    name = "returns_text"

    def process(self, doc: Document) -> Document | Drop:
        return doc.text if doc.id == "bad" else doc  # type: ignore[return-value]


@pytest.mark.parametrize("workers", [1, 2], ids=["one-process", "two-workers"])
def test_a_document_past_the_step_budget_is_rejected_and_the_run_goes_on(workers: int):
    pipe = Pipeline([Stuck(timeout_seconds=0.3), QualityFilter(min_words=1)])
    items = [Document("a", "first"), Document("stuck", "x"), Document("b", "last")]
    out = list(pipe.run(items, workers=workers))
    assert [(x.document.id, x.reason) if isinstance(x, Rejected) else x.id for x in out] == [
        "a",
        ("stuck", "error.timeout"),
        "b",
    ]
    assert (out[1].step, out[1].detail) == ("stuck", {"step": "stuck", "timeout_seconds": 0.3})
    assert pipe.stats.docs_in == pipe.stats.kept + sum(pipe.stats.rejected.values()) == 3
    assert pipe.stats.step("stuck").dropped == {"error.timeout": 1}


class Slow(DocumentStep):
    """Loops for ever on documents called 'stuck*', sleeps 0.2 s on the others."""

    name = "slow"
    Config = StuckConfig

    def process(self, doc: Document) -> Document | Drop:
        while doc.id.startswith("stuck"):
            pass
        time.sleep(0.2)
        return doc


def test_every_document_has_its_own_budget_within_one_run():
    # The budget's alarm is set up once for the run: each document still gets 0.3 s of its own, however long the
    # run has been going, and the caller's SIGALRM handler is back, with no timer pending, once the run is over.
    previous = signal.getsignal(signal.SIGALRM)
    pipe = Pipeline([Slow(timeout_seconds=0.3), QualityFilter(min_words=1)])
    items = [Document(name, "text") for name in ("a", "b", "stuck-1", "c", "stuck-2", "d")]
    out = [(x.document.id, x.reason) if isinstance(x, Rejected) else x.id for x in pipe.run(items)]
    assert out == ["a", "b", ("stuck-1", "error.timeout"), "c", ("stuck-2", "error.timeout"), "d"]
    assert signal.getsignal(signal.SIGALRM) is previous
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_run_left_early_gives_the_alarm_back():
    previous = signal.getsignal(signal.SIGALRM)
    run = Pipeline([QualityFilter(min_words=1)]).run(Document(str(i), "text") for i in range(10))
    assert isinstance(next(run), Document)
    run.close()
    assert signal.getsignal(signal.SIGALRM) is previous
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_the_budget_is_a_checked_parameter_left_out_of_the_config_hash():
    with pytest.raises(ConfigError, match="quality.timeout_seconds must be in"):
        QualityFilter(timeout_seconds=-1)
    with pytest.raises(ConfigError, match="quality.timeout_seconds must be a number"):
        QualityFilter(timeout_seconds="soon")
    assert QualityFilter().timeout_seconds == 60.0
    assert Pipeline([QualityFilter(timeout_seconds=5)]).config_hash == Pipeline([QualityFilter()]).config_hash
    assert UpperTransform().timeout_seconds == 60.0  # a config of another base gets the default


def test_an_exception_names_the_step_and_where_it_was_raised():
    out = list(Pipeline([Exploding()]).run([Document("bad", "y")]))
    assert out[0].detail["step"] == "exploding"
    assert out[0].detail["where"].startswith("tests/test_pipeline.py:")
    assert out[0].detail["where"].endswith(" in process")


def test_a_step_returning_neither_a_document_nor_a_drop_is_step_failed():
    pipe = Pipeline([ReturnsText()])
    out = list(pipe.run([Document("ok", "x"), Document("bad", "y")]))
    assert isinstance(out[0], Document)
    assert (out[1].reason, out[1].step, out[1].detail) == (
        "error.step_failed",
        "returns_text",
        {"step": "returns_text", "returned": "str"},
    )
    assert pipe.stats.kept + sum(pipe.stats.rejected.values()) == 2


class HoldAll(StreamStep):
    """A stateful step that looks ahead over the whole input before it lets a document go."""

    name = "hold_all"

    def run(self, docs: Iterable[Document]) -> Iterator[Document | Rejected]:
        yield from list(docs)


@pytest.mark.parametrize("workers", [1, 2])
def test_rejects_go_to_on_reject_as_soon_as_decided_not_behind_a_look_ahead(workers: int):
    """Before, rejects waited (with their HTML) behind a stateful step until it let its documents go."""
    reader_rejects = [Rejected(Document(f"r{i}", html="<p>x</p>"), "error.json", "read") for i in range(3)]
    items = [reader_rejects[0], *docs("spam one", "kept"), *reader_rejects[1:]]
    pipe = Pipeline([UpperTransform(), HoldAll()])
    events: list[str] = []
    for doc in pipe.run(items, workers=workers, on_reject=lambda r: events.append(f"rejected {r.document.id}")):
        events.append(f"kept {doc.id}")
    assert events == ["rejected r0", "rejected d0", "rejected r1", "rejected r2", "kept d1"]
    assert pipe.stats.balanced and pipe.stats.rejected == {"error.json": 3, "user.spam": 1}
    assert reader_rejects[0].document.metadata == {}  # the caller's record is left as it was
