"""A chain that cannot work on its input is a configuration error before the run, not a run of rejects."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner.chain import check_chain, page_input
from cleaner.cli import main
from cleaner.steps import ConfigError

PAGE = (
    "<html><body><article><p>" + "Sở Thông tin và Truyền thông tổ chức hội nghị. " * 5 + "</p></article></body></html>"
)


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.html").write_text(PAGE, encoding="utf-8")
    return folder


def test_extract_must_come_first():
    check_chain(["extract", "language", "dedup"])
    with pytest.raises(ConfigError, match="language, dedup would see pages before extract"):
        check_chain(["language", "dedup", "extract"])


def test_pages_need_extract(pages: Path, tmp_path: Path):
    assert page_input([str(pages)]) == (pages / "a.html").as_posix()
    jsonl = tmp_path / "pages.jsonl"
    jsonl.write_text(json.dumps({"id": "p", "html": PAGE}) + "\n", encoding="utf-8")
    assert page_input([str(jsonl)]) == jsonl.as_posix()
    text = tmp_path / "t.jsonl"
    text.write_text(json.dumps({"id": "t", "text": "chữ"}) + "\n", encoding="utf-8")
    assert page_input([str(text), "seeds"]) is None
    with pytest.raises(ConfigError, match="holds HTML pages but the chain \\(dedup\\) has no extract step"):
        check_chain(["dedup"], page_input([str(pages)]))


@pytest.mark.parametrize(
    "extra, message",
    [
        pytest.param(["--only", "dedup"], "has no extract step", id="only-dedup-on-pages"),
        pytest.param(["--skip", "extract"], "has no extract step", id="skip-extract-on-pages"),
    ],
)
def test_cli_refuses_a_chain_that_cannot_work(pages: Path, tmp_path: Path, capsys, extra, message):
    out = tmp_path / "o.jsonl"
    assert main(["run", str(pages), "-o", str(out), "-q", *extra]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_cli_refuses_language_before_extract(pages: Path, tmp_path: Path, capsys):
    config = tmp_path / "pipe.toml"
    config.write_text('[[steps]]\nname = "language"\n\n[[steps]]\nname = "extract"\n')
    assert main(["run", str(pages), "-o", str(tmp_path / "o.jsonl"), "--config", str(config)]) == 2
    assert "put extract first" in capsys.readouterr().err
    assert main(["check", str(config)]) == 2
