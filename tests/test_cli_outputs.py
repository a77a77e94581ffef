"""Outputs never destroy inputs, and an interrupted or failed run leaves the previous output and its stats as they
were (issue 15)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from cleaner.cli import main
from cleaner.document import Document, Drop
from cleaner.filters.quality import QualityFilter
from cleaner.io import staging, writers

ONLY = ["--only", "quality", "-q"]
TEXTS = [f"Document number {n} has enough words to be kept by the quality filter." for n in range(6)]


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    path = tmp_path / "in" / "a.jsonl"
    path.write_text("".join(json.dumps({"id": f"d{n}", "text": t}) + "\n" for n, t in enumerate(TEXTS)))
    return path


@pytest.mark.parametrize(
    "args, message",
    [
        pytest.param(["in/a.jsonl", "-o", "in/a.jsonl"], "-o in/a.jsonl is an input", id="output-is-input"),
        pytest.param(["in/a.jsonl", "-o", "o.jsonl", "--rejects", "in/a.jsonl"], "--rejects", id="rejects"),
        pytest.param(["in/a.jsonl", "-o", "o.jsonl", "--stats", "in/a.jsonl"], "--stats in/a.jsonl", id="stats"),
        pytest.param(["in/a.jsonl", "-o", "-", "--rejects", "in/a.jsonl"], "is an input", id="rejects-with-stdout"),
        pytest.param(["in", "-o", "in/out.jsonl"], "inside the input directory", id="output-in-input-dir"),
        pytest.param(["in", "-o", "in/sub/"], "inside the input directory", id="output-dir-in-input-dir"),
        pytest.param(["in", "-o", "o.jsonl", "--stats", "in/s.json"], "inside the input directory", id="stats-in-dir"),
    ],
)
def test_an_output_that_is_or_lies_inside_an_input_is_refused(corpus: Path, capsys, args: list[str], message: str):
    """Before, `-o` equal to an input truncated it to 0 bytes and exit 0; an output inside an input folder was read
    back as input in a loop until the disk filled."""
    before = corpus.read_bytes()
    assert main(["run", *args, *ONLY, "--overwrite"]) == 2
    assert message in capsys.readouterr().err
    assert corpus.read_bytes() == before
    assert sorted(p.name for p in corpus.parent.iterdir()) == ["a.jsonl"]


def test_an_output_beside_the_input_directory_is_fine(corpus: Path):
    assert main(["run", "in", "-o", "in-clean.jsonl", *ONLY]) == 0
    assert len(Path("in-clean.jsonl").read_text().splitlines()) == len(TEXTS)


def _run_once(corpus: Path) -> dict[str, bytes]:
    assert main(["run", str(corpus), "-o", "o.jsonl", *ONLY]) == 0
    return {name: Path(name).read_bytes() for name in ("o.jsonl", "o.rejects.jsonl", "o.stats.json")}


def test_an_interrupted_rerun_leaves_the_old_output_and_its_stats_untouched(corpus: Path, monkeypatch):
    """Before, a rerun stopped part way left an empty output where a good one was, beside the old stats."""
    first = _run_once(corpus)
    written = 0

    def interrupt(self: QualityFilter, doc: Document) -> Document | Drop:
        nonlocal written
        written += 1
        if written == 4:
            raise KeyboardInterrupt
        return doc

    monkeypatch.setattr(QualityFilter, "process", interrupt)
    assert main(["run", str(corpus), "-o", "o.jsonl", *ONLY, "--overwrite"]) == 130
    assert {name: Path(name).read_bytes() for name in first} == first
    assert sorted(os.listdir(".")) == ["in", *sorted(first)]  # no temporary file left behind


def test_a_run_stopped_while_putting_files_in_place_never_leaves_old_stats_beside_a_new_output(corpus, monkeypatch):
    first = _run_once(corpus)
    corpus.write_text(corpus.read_text().replace("Document number 0", "Changed document 0"))
    real_replace = os.replace

    def stop_before_stats(source: str, target: str) -> None:
        if str(target).endswith(".stats.json"):
            raise KeyboardInterrupt
        real_replace(source, target)

    monkeypatch.setattr(staging.os, "replace", stop_before_stats)
    assert main(["run", str(corpus), "-o", "o.jsonl", *ONLY, "--overwrite"]) == 130
    assert Path("o.jsonl").read_bytes() != first["o.jsonl"]
    assert not Path("o.stats.json").exists()


def test_stats_file_is_written_under_a_temporary_name_and_renamed(corpus: Path, monkeypatch):
    opened: list[str] = []
    real_open = writers._open_binary  # every output file (corpus, rejects, stats) is opened through it

    def spy(name: str):  # type: ignore[no-untyped-def]
        opened.append(Path(name).name)
        return real_open(name)

    monkeypatch.setattr(writers, "_open_binary", spy)
    _run_once(corpus)
    assert len(opened) == 3 and all(name.startswith(".o.") and ".tmp" in name for name in opened)


def test_a_document_that_cannot_be_written_becomes_a_reject_not_a_crash(corpus: Path, monkeypatch):
    """A lone surrogate in a kept document's text made the whole run fail with UnicodeEncodeError (exit 1)."""

    def surrogate(self: QualityFilter, doc: Document) -> Document | Drop:
        if doc.id == "d2":
            doc.text += "\ud800"
        return doc

    monkeypatch.setattr(QualityFilter, "process", surrogate)
    assert main(["run", str(corpus), "-o", "o.jsonl", *ONLY]) == 0
    kept = [json.loads(line)["id"] for line in Path("o.jsonl").read_text().splitlines()]
    (reject,) = [json.loads(line) for line in Path("o.rejects.jsonl").read_text().splitlines()]
    assert kept == ["d0", "d1", "d3", "d4", "d5"]
    assert (reject["id"], reject["reason"], reject["text"].endswith("?")) == ("d2", "error.unwritable", True)
    stats = json.loads(Path("o.stats.json").read_text())
    assert (stats["kept"], stats["rejected"], stats["balanced"]) == (5, 1, True)
    assert "error.unwritable" in json.dumps(stats)
