"""Command line: `cleaner run`, `cleaner check`, `cleaner filters`, `cleaner explain`, `cleaner report`.

Exit codes: 0 success, 2 usage or configuration error (the message says how to fix it), 1 unexpected failure
(`-v` shows its traceback). Data goes to files or stdout; progress, summaries and errors go to stderr.

`main` parses the command line (`parser`) and turns failures into exit codes; each command lives in its own
module: `run`, `describe` (check, filters), `explain`, `report`.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Sequence

from cleaner.cli.describe import check_command, filters_command
from cleaner.cli.explain import explain_command
from cleaner.cli.parser import UsageError, build_parser
from cleaner.cli.report import report_command
from cleaner.cli.run import run_command
from cleaner.errors import WorkerDied
from cleaner.steps import ConfigError

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line `argv` (default: the process's arguments) and return its exit code."""
    try:
        args = build_parser().parse_args(argv)
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help and --version
        return int(exc.code or 0)
    try:
        if args.command == "run":
            return run_command(args)
        if args.command == "filters":
            return filters_command(args)
        if args.command == "check":
            return check_command(args)
        if args.command == "report":
            return report_command(args.corpus, args.output, args.stats, args.rejects, args.sample)
        return explain_command(args)
    except ConfigError as exc:
        print(f"cleaner: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("cleaner: interrupted", file=sys.stderr)
        return 130
    except WorkerDied as exc:
        print(f"cleaner: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if getattr(args, "verbose", False):
            traceback.print_exc(file=sys.stderr)
        print(f"cleaner: unexpected failure: {type(exc).__name__}: {exc}", file=sys.stderr)
        if not getattr(args, "verbose", False):
            print("cleaner: run with -v to see where it failed", file=sys.stderr)
        return 1
