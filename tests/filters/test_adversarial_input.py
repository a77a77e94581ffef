"""Inputs that used to hold a run for minutes on one small document now take well under a second a step.

Each runs the steps with a per-document budget: before the fix, these documents ran into it (`error.timeout`) or,
without a budget, hung; now they come through and the test checks that no step timed out. A page too large for
trafilatura to finish in time is rejected as `error.timeout` once its budget is spent, and the run goes on.
"""

from __future__ import annotations

import time

import pytest

from cleaner import Document, Pipeline, Rejected
from cleaner.filters import BoilerplateTransform, EncodingTransform, ExtractTransform

#: Generous: each case takes well under a second now, and used to take minutes or more.
BUDGET_SECONDS = 10

ENGLISH = "The council approved the new budget for schools and roads on Monday."


def run(doc: Document, *steps_with_budget: type) -> tuple[list[object], float]:
    steps = [cls(timeout_seconds=BUDGET_SECONDS) for cls in steps_with_budget]
    started = time.monotonic()
    out = list(Pipeline(steps).run([doc]))
    return out, time.monotonic() - started


@pytest.mark.parametrize(
    "line",
    [
        "<b> " * 1500 + "words after the tags",
        "&amp; " * 1000 + "words after the entities",
        "a{" + ":;" * 2000 + "{",
    ],
    ids=["6KB-of-b-tags", "6KB-of-amp-entities", "4KB-css-like-line"],
)
def test_a_line_of_repeated_tokens_does_not_hang_the_text_chain(line: str):
    text = f"{ENGLISH}\n{line}\n{ENGLISH}"
    out, seconds = run(Document("d", text), EncodingTransform, BoilerplateTransform)
    assert not any(isinstance(x, Rejected) and x.reason == "error.timeout" for x in out)
    assert seconds < BUDGET_SECONDS


@pytest.mark.parametrize("token", ["&lt;b&gt; ", "&amp;amp; "], ids=["escaped-b-tags", "escaped-amp-entities"])
def test_the_same_tokens_html_escaped_inside_a_page_do_not_hang_the_page_chain(token: str):
    html = f"<html><body><h1>Budget</h1><p>{ENGLISH}</p><p>{token * 1200}words</p><p>{ENGLISH}</p></body></html>"
    out, seconds = run(Document("page", html=html), ExtractTransform, EncodingTransform, BoilerplateTransform)
    assert not any(isinstance(x, Rejected) and x.reason == "error.timeout" for x in out)
    assert seconds < BUDGET_SECONDS


def test_a_page_trafilatura_cannot_finish_in_time_is_a_timeout_reject():
    html = "<html><body>" + "<p>x</p>" * 600_000 + "</body></html>"  # 4.8 MB: minutes in trafilatura
    started = time.monotonic()
    pipe = Pipeline([ExtractTransform(timeout_seconds=2)])
    (out,) = pipe.run([Document("big", html=html)])
    assert isinstance(out, Rejected)
    assert (out.reason, out.step, out.detail) == ("error.timeout", "extract", {"step": "extract", "timeout_seconds": 2})
    assert time.monotonic() - started < 30
