"""Shared test fixtures: paths into the repository; Hypothesis generates the same examples on every run.

Property tests that draw fresh examples each run would make the suite's verdict depend on the run: a rare input
found once in CI turns it red with no change to the code. Derandomised, each run tries the same examples, and
`nox -s fuzz` (or a raised `max_examples`) goes looking for new ones. No deadline either: a time limit per
example makes the verdict depend on how loaded the machine is.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent

settings.register_profile("deterministic", derandomize=True, deadline=None)
settings.load_profile("deterministic")


@pytest.fixture
def seeds_dir() -> Path:
    return ROOT / "seeds"


@pytest.fixture
def fixtures_dir() -> Path:
    return ROOT / "fixtures"
