"""Developer sessions: `nox -s tests lint typecheck bench bench-peers fuzz`."""

from __future__ import annotations

from pathlib import Path

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


#: datatrove's environment for `bench-peers`: its processing extra, spaCy for its word tokenizer, orjson for its
#: JSONL reader, lxml_html_clean for trafilatura's jusText, langdetect for the language tag.
PEER_PACKAGES = ["datatrove[processing]>=0.10,<0.11", "spacy>=3.7", "orjson>=3.9", "lxml_html_clean", "langdetect"]
PEER_VENV = Path(".nox") / "peer-datatrove"
#: text-dedup (MinHash on HuggingFace datasets) in an environment of its own.
TEXTDEDUP_VENV = Path(".nox") / "peer-textdedup"


@nox.session(name="bench-peers")
def bench_peers(session: nox.Session) -> None:
    """Ours beside datatrove (in its own venv) on real ../shared/devsets pages: bench/results/peers.json."""
    session.install(".")
    for venv, packages in ((PEER_VENV, PEER_PACKAGES), (TEXTDEDUP_VENV, ["text-dedup>=0.4"])):
        if not (venv / "bin" / "python").exists():
            session.run("python", "-m", "venv", str(venv))
        session.run(str(venv / "bin" / "pip"), "install", "-q", *packages, external=True)
    peers = [
        "--peer-python",
        str(PEER_VENV / "bin" / "python"),
        "--textdedup-python",
        str(TEXTDEDUP_VENV / "bin" / "python"),
    ]
    session.run("python", "-m", "bench.peers", *peers, *session.posargs)


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


@nox.session
def fuzz(session: nox.Session) -> None:
    """Every reader and step on 10,000 generated inputs each (`CLEANER_FUZZ_EXAMPLES` to change the count)."""
    session.install(".[test]")
    examples = session.env.get("CLEANER_FUZZ_EXAMPLES", "10000")
    session.run("python", "-m", "pytest", "-q", "tests/fuzz", *session.posargs, env={"CLEANER_FUZZ_EXAMPLES": examples})
    session.run("python", "-m", "pytest", "-q", "-m", "slow", *session.posargs)
    if session.env.get("CLEANER_ATHERIS_RUNS", "100000") != "0":
        session.install("atheris")
        runs = session.env.get("CLEANER_ATHERIS_RUNS", "100000")
        session.run("python", "tests/fuzz/atheris_decoders.py", f"-runs={runs}")


@nox.session
def slow(session: nox.Session) -> None:
    """The tests marked slow (a million-record run's memory), left out of the default suite."""
    session.install(".[test]")
    session.run("python", "-m", "pytest", "-q", "-m", "slow", *session.posargs)
