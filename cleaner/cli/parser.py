"""The command line's grammar: every subcommand and option of `cleaner`, with its help text.

argparse exits the process on a usage error; `Parser` raises `UsageError` instead, so `main` can return exit
code 2 and tests can call `main(argv)` in-process.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from cleaner import __version__
from cleaner.report.sample import DEFAULT_SAMPLE

__all__ = ["UsageError", "build_parser"]


class UsageError(Exception):
    """argparse wants to exit; we turn that into exit code 2 without leaving main()."""


class Parser(argparse.ArgumentParser):
    """An `ArgumentParser` whose usage errors raise `UsageError` (after printing the usage) instead of exiting."""

    def error(self, message: str) -> Any:
        self.print_usage(sys.stderr)
        raise UsageError(f"{self.prog}: error: {message}")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="cleaner", description="Turn scraped web pages into a clean text corpus.")
    parser.add_argument("--version", action="version", version=f"cleaner {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)

    run = commands.add_parser("run", help="clean documents into a JSONL corpus")
    run.add_argument("inputs", nargs="+", metavar="INPUT", help="files, directories, or - for JSONL on stdin")
    run.add_argument("-o", "--output", required=True, help="output JSONL (.gz/.zst by suffix), or - for stdout")
    run.add_argument("--rejects", help="rejects JSONL or - (default: OUT's name with .rejects; none when OUT is -)")
    run.add_argument("--stats", help="stats JSON or - (default: OUT's name with .stats.json; none when OUT is -)")
    run.add_argument("--config", type=Path, help="pipeline TOML file: [[steps]] tables in order")
    run.add_argument("--only", action="append", metavar="STEP[,STEP]", help="run just these steps")
    run.add_argument("--skip", action="append", metavar="STEP[,STEP]", help="leave these steps out")
    run.add_argument("--set", action="append", default=[], metavar="STEP.PARAM=VALUE", help="set a step parameter")
    run.add_argument("--lang", metavar="CODE[,CODE]", help="keep only these languages (language.languages)")
    run.add_argument("--workers", type=int, default=1, help="worker processes (local engine) or Dask workers")
    run.add_argument("--engine", choices=["local", "dask"], default="local", help="where tasks run (default: local)")
    run.add_argument("--scheduler", metavar="ADDRESS", help="an existing Dask scheduler (implies --engine dask)")
    run.add_argument("--shard-mb", type=float, default=16.0, help="input MB per shard and output part (default 16)")
    run.add_argument("--overwrite", action="store_true", help="replace an existing output")
    run.add_argument("--resume", action="store_true", help="finish an interrupted run into -o DIR/")
    run.add_argument("--text-field", default="text", help="JSONL field holding text (default: text)")
    run.add_argument("--html-field", default="html", help="JSONL field holding HTML (default: html)")
    run.add_argument("--id-field", default="id", help="JSONL field holding the id (default: id)")
    run.add_argument("--url-field", default="url", help="JSONL field holding the URL (default: url)")
    run.add_argument(
        "--max-record-mb",
        type=float,
        default=64.0,
        help="larger lines, files and WARC records are rejected as "
        "error.too_large without being read into memory (default 64; 0: no limit)",
    )
    run.add_argument("--report", metavar="HTML", help="also write the run's HTML report (see cleaner report)")
    run.add_argument("-q", "--quiet", action="store_true", help="no progress or summary on stderr")
    run.add_argument("-v", "--verbose", action="store_true", help="log what the steps do; tracebacks of failures")

    check = commands.add_parser("check", help="validate a pipeline file and print the resolved chain")
    check.add_argument("config", type=Path, help="pipeline TOML file")
    check.add_argument("--only", action="append", metavar="STEP[,STEP]", help="run just these steps")
    check.add_argument("--skip", action="append", metavar="STEP[,STEP]", help="leave these steps out")
    check.add_argument("--set", action="append", default=[], metavar="STEP.PARAM=VALUE", help="set a parameter")
    check.add_argument("--lang", metavar="CODE[,CODE]", help="keep only these languages (language.languages)")

    filters = commands.add_parser("filters", help="list the steps, their parameters and defaults")
    filters.add_argument("--json", action="store_true", help="machine-readable output")

    explain = commands.add_parser("explain", help="show what the pipeline did to one document")
    explain.add_argument("corpus", help="the output JSONL of a run")
    explain.add_argument("id", help="the document id")
    explain.add_argument("--rejects", help="rejects JSONL to search as well (default: beside the corpus)")
    explain.add_argument("--html", action="store_true", help="an HTML page: removed lines struck through in place")
    explain.add_argument("-o", "--output", default="-", help="where --html writes the page (default: stdout)")

    report = commands.add_parser("report", help="an HTML report of a run: charts, rule counts, sample documents")
    report.add_argument("corpus", help="the output JSONL of a run")
    report.add_argument("-o", "--output", required=True, help="the HTML file to write, or - for stdout")
    report.add_argument("--stats", help="stats JSON (default: beside the corpus)")
    report.add_argument("--rejects", help="rejects JSONL (default: beside the corpus)")
    report.add_argument(
        "--sample", type=int, default=DEFAULT_SAMPLE, help="kept documents to sample (and half as many rejects)"
    )
    return parser
