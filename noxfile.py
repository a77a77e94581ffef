"""Developer sessions: `nox -s tests lint typecheck bench`."""

from __future__ import annotations

import nox

nox.options.sessions = ["tests", "lint", "typecheck"]
nox.options.default_venv_backend = "venv"

SOURCES = ["cleaner", "tests", "bench", "fixtures", "tools", "noxfile.py"]


@nox.session
def tests(session: nox.Session) -> None:
    """The test suite, against the installed package."""
    session.install(".[test]")
    session.run("python", "-m", "pytest", "-q", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff: lint and formatting."""
    session.install("ruff>=0.6")
    session.run("ruff", "check", *SOURCES)
    session.run("ruff", "format", "--check", *SOURCES)


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy over the package."""
    session.install(".", "mypy>=1.10")
    session.run("mypy", "cleaner")


@nox.session
def bench(session: nox.Session) -> None:
    """Speed, memory and quality figures, written to bench/results/bench.json."""
    session.install(".")
    session.run("python", "-m", "bench.run", *session.posargs)


@nox.session
def scaling(session: nox.Session) -> None:
    """One process, a local pool and Dask on 50,000 bench documents: the scaling table, bench/results/scaling.json."""
    session.install(".")
    session.run("python", "-m", "bench.scaling", *session.posargs)


@nox.session
def eval(session: nox.Session) -> None:
    """Extraction quality on ../shared/devsets: our chain, trafilatura alone and a C4-style rule, HTML and text."""
    session.install(".")
    session.run("python", "-m", "bench.eval", *session.posargs)


@nox.session
def train(session: nox.Session) -> None:
    """Retrain the boilerplate line model from ../shared/devsets into cleaner/data/linemodel/."""
    session.install(".[train]")
    session.run("python", "tools/train_linemodel.py", *session.posargs)
