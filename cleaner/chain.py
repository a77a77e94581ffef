"""Whether a chain of steps can work on its input, decided before a run starts.

Every step but `extract` reads a document's text, and a page has none until `extract` has run: a chain that
puts a step before `extract`, or runs pages through a chain without it, would reject every page (or find them all
duplicates of one empty text) and exit 0. Those are configuration errors. Pages are found by file suffix
(`.html`, `.htm`, `.warc`) and, for JSONL files, by their first record (an HTML field and no text field); JSONL on
stdin is not looked at, and a page that slips through is still rejected as `error.not_extracted`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from cleaner.errors import ConfigError
from cleaner.io.readers import ReaderOptions, file_kind, iter_records

__all__ = ["check_chain", "page_input"]

EXTRACT = "extract"


def check_chain(names: Sequence[str], pages: str | None = None) -> None:
    """`ConfigError` when `extract` is not first, or when `pages` (an input holding HTML) meets no `extract`."""
    if EXTRACT in names and names[0] != EXTRACT:
        before = ", ".join(names[: names.index(EXTRACT)])
        raise ConfigError(
            f"step order {' > '.join(names)} cannot work: {before} would see pages before extract gives them "
            "their text; put extract first"
        )
    if pages is not None and EXTRACT not in names:
        raise ConfigError(
            f"{pages} holds HTML pages but the chain ({', '.join(names)}) has no extract step; add it "
            f"(--only {','.join([EXTRACT, *names])}) or give text input"
        )


def page_input(inputs: Sequence[str], options: ReaderOptions | None = None) -> str | None:
    """The first input (file) that holds HTML pages, or None."""
    options = options or ReaderOptions()
    for path in _files(inputs):
        kind = file_kind(path)
        if kind in ("html", "warc") or (kind == "jsonl" and _jsonl_holds_html(path, options)):
            return path.as_posix()
    return None


def _files(inputs: Sequence[str]) -> Iterator[Path]:
    for name in inputs:
        path = Path(name)
        if name == "-":
            continue
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file())
        elif path.is_file():
            yield path


def _jsonl_holds_html(path: Path, options: ReaderOptions) -> bool:
    try:
        first = next(iter_records(path, options.max_record_bytes), None)
    except Exception:  # a damaged file becomes rejects when it is read
        return False
    return (
        isinstance(first, dict)
        and isinstance(first.get(options.html_field), str)
        and not isinstance(first.get(options.text_field), str)
    )
