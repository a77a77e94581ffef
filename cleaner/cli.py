"""Command line: `cleaner run`, `cleaner filters`, `cleaner explain`.

Exit codes: 0 success, 2 usage or configuration error (the message says how to fix it), 1 unexpected failure.
Data goes to files or stdout; progress, summaries and errors go to stderr.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import logging
import sys
import time
from collections.abc import Iterable, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from cleaner import __version__
from cleaner.config import PipelineSpec, build_steps, load_spec, parse_override
from cleaner.distributed.runner import is_output_dir, run_job
from cleaner.document import Document, Rejected
from cleaner.io.readers import ReaderOptions, iter_records, read_inputs
from cleaner.io.shards import is_remote
from cleaner.io.writers import JsonlWriter, companion_path, write_json
from cleaner.pipeline import Pipeline
from cleaner.progress import Progress
from cleaner.registry import BUILTIN_STEPS, DEFAULT_CHAIN, step_class
from cleaner.steps import ConfigError

__all__ = ["main"]

log = logging.getLogger("cleaner")


class _UsageError(Exception):
    """argparse wants to exit; we turn that into exit code 2 without leaving main()."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:
        self.print_usage(sys.stderr)
        raise _UsageError(f"{self.prog}: error: {message}")


def _split(values: Sequence[str] | None) -> list[str]:
    return [name.strip() for value in values or () for name in value.split(",") if name.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="cleaner", description="Turn scraped web pages into a clean text corpus.")
    parser.add_argument("--version", action="version", version=f"cleaner {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    run = commands.add_parser("run", help="clean documents into a JSONL corpus")
    run.add_argument("inputs", nargs="+", metavar="INPUT", help="files, directories, or - for JSONL on stdin")
    run.add_argument("-o", "--output", required=True, help="output JSONL (.gz/.zst by suffix), or - for stdout")
    run.add_argument("--rejects", help="rejects JSONL (default: OUT's name with .rejects; none for stdout)")
    run.add_argument("--stats", help="stats JSON (default: OUT's name with .stats.json; none for stdout)")
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
    run.add_argument("-q", "--quiet", action="store_true", help="no progress or summary on stderr")
    run.add_argument("-v", "--verbose", action="store_true", help="log what the steps do")

    filters = commands.add_parser("filters", help="list the steps, their parameters and defaults")
    filters.add_argument("--json", action="store_true", help="machine-readable output")

    explain = commands.add_parser("explain", help="show what the pipeline did to one document")
    explain.add_argument("corpus", help="the output JSONL of a run")
    explain.add_argument("id", help="the document id")
    explain.add_argument("--rejects", help="rejects JSONL to search as well (default: beside the corpus)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except _UsageError as exc:
        print(exc, file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help and --version
        return int(exc.code or 0)
    try:
        if args.command == "run":
            return _run(args)
        if args.command == "filters":
            return _filters(args)
        return _explain(args)
    except ConfigError as exc:
        print(f"cleaner: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("cleaner: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        log.debug("unexpected failure", exc_info=True)
        print(f"cleaner: unexpected failure: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


def _spec(args: argparse.Namespace) -> PipelineSpec:
    spec = load_spec(args.config) if args.config else PipelineSpec.default()
    spec = spec.select(only=_split(args.only), skip=_split(args.skip))
    settings = [parse_override(s) for s in args.set]
    if args.lang:
        settings.append(("language", "languages", _split([args.lang])))
    return spec.override(settings)


def _run(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(name)s: %(message)s")
    if args.workers < 1:
        raise ConfigError(f"--workers must be >= 1, got {args.workers}")
    pipeline = Pipeline(build_steps(_spec(args)))
    options = ReaderOptions(
        text_field=args.text_field,
        html_field=args.html_field,
        id_field=args.id_field,
        url_field=args.url_field,
    )
    to_stdout = args.output == "-"
    sharded = not to_stdout and "-" not in args.inputs
    directory = sharded and is_output_dir(args.output)
    rejects_path = args.rejects or (None if to_stdout else companion_path(args.output, "rejects"))
    stats_path = args.stats or (None if to_stdout else companion_path(args.output, "stats"))
    if directory:
        rejects_path = f"{args.output.rstrip('/')}/rejects/"
        stats_path = args.stats or (None if is_remote(args.output) else f"{args.output.rstrip('/')}/stats.json")
    progress = Progress(enabled=not args.quiet)
    started_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    started = time.perf_counter()
    if sharded:
        job = run_job(
            pipeline,
            args.inputs,
            args.output,
            rejects=None if directory else rejects_path,
            options=options,
            engine=args.engine,
            workers=args.workers,
            scheduler=args.scheduler,
            shard_bytes=max(1, int(args.shard_mb * 1e6)),
            overwrite=args.overwrite,
            resume=args.resume,
            progress=progress,
        )
        if job.already_complete:
            progress.close()
            print(f"cleaner: {args.output} is complete (manifest.json); nothing to resume", file=sys.stderr)
            return 0
    else:
        if args.resume or args.engine != "local" or args.scheduler:
            raise ConfigError("--resume and --engine dask need input files and -o FILE or -o DIR/, not stdin/stdout")
        if args.output != "-" and Path(args.output).is_file() and not args.overwrite:
            raise ConfigError(f"{args.output} exists: pass --overwrite to replace it")
        _stream(pipeline, read_inputs(args.inputs, options), args, rejects_path, progress)
    progress.close()
    stats = pipeline.stats
    report = {
        "cleaner": __version__,
        "started_at": started_at,
        "seconds": round(time.perf_counter() - started, 3),
        "inputs": list(args.inputs),
        "output": args.output,
        "rejects": rejects_path,
        "workers": args.workers,
        "engine": "dask" if args.scheduler else args.engine,
        "pipeline": {**pipeline.describe(), "configs": [s.describe() for s in pipeline.steps]},
        **stats.to_dict(),
    }
    if stats_path:
        write_json(stats_path, report)
    if not args.quiet:
        print(
            f"{stats.docs_in} documents in: {stats.kept} kept, {sum(stats.rejected.values())} rejected"
            + (f" (rejects in {rejects_path})" if rejects_path else " (pass --rejects to keep them)"),
            file=sys.stderr,
        )
    if not stats.balanced:
        print("cleaner: documents in != kept + rejected; this is a bug", file=sys.stderr)
        return 1
    return 0


def _stream(
    pipeline: Pipeline,
    items: Iterable[Document | Rejected],
    args: argparse.Namespace,
    rejects_path: str | None,
    progress: Progress,
) -> None:
    """Stdin in or stdout out: one stream through `Pipeline.run`, written as it comes."""
    with ExitStack() as stack:
        corpus = stack.enter_context(JsonlWriter(args.output))
        rejects = stack.enter_context(JsonlWriter(rejects_path)) if rejects_path else None
        for item in pipeline.run(items, workers=args.workers):
            if isinstance(item, Rejected):
                if rejects is not None:
                    rejects.write(item.to_record())
                progress.update(_size(item.document), kept=False)
            else:
                corpus.write(item.to_record())
                progress.update(_size(item), kept=True)


def _size(doc: Document) -> int:
    return len(doc.text) if doc.html is None else len(doc.html)


def _filters(args: argparse.Namespace) -> int:
    listing: list[dict[str, Any]] = []
    for name in BUILTIN_STEPS:
        cls = step_class(name)
        params = []
        for field in dataclasses.fields(cls.Config):
            default = field.default if field.default is not dataclasses.MISSING else None
            params.append({"name": field.name, "type": str(field.type), "default": default})
        doc = (cls.__doc__ or "").strip().splitlines()
        listing.append(
            {
                "name": name,
                "class": f"{cls.__module__}.{cls.__name__}",
                "version": cls.version,
                "default": name in DEFAULT_CHAIN,
                "summary": doc[0] if doc else "",
                "reasons": list(cls.reasons),
                "parameters": params,
            }
        )
    if args.json:
        print(json.dumps(listing, ensure_ascii=False, indent=2, default=list))
        return 0
    for entry in listing:
        flag = "" if entry["default"] else "  (not in the default chain)"
        print(f"{entry['name']} v{entry['version']}: {entry['summary']}{flag}")
        for param in entry["parameters"]:
            print(f"    {param['name']} = {param['default']!r}    ({param['type']})")
        if entry["reasons"]:
            print(f"    drops with: {', '.join(entry['reasons'])}")
    return 0


def _explain(args: argparse.Namespace) -> int:
    found = _find(args.corpus, args.id)
    status = "kept"
    if found is None:
        rejects = args.rejects or companion_path(args.corpus, "rejects")
        if Path(rejects).exists():
            found = _find(rejects, args.id)
            status = "rejected"
    if found is None:
        raise ConfigError(f"no document with id {args.id!r} in {args.corpus} or its rejects file")
    print(_explanation(found, status))
    return 0


def _find(path: str, doc_id: str) -> dict[str, Any] | None:
    """The record with this id; else the one record whose id is a path ending in `/doc_id`."""
    if not Path(path).exists():
        raise ConfigError(f"{path} does not exist")
    suffixed: list[dict[str, Any]] = []
    for record in iter_records(Path(path)):
        record_id = str(record.get("id"))
        if record_id == doc_id:
            return record
        if record_id.endswith("/" + doc_id):
            suffixed.append(record)
    if len(suffixed) > 1:
        ids = ", ".join(str(r.get("id")) for r in suffixed[:5])
        raise ConfigError(f"id {doc_id!r} is ambiguous in {path}: {ids}; give the full id")
    return suffixed[0] if suffixed else None


def _explanation(record: dict[str, Any], status: str) -> str:
    meta = record.get("metadata") or {}
    lines = [f"document {record['id']}: {status}"]
    if status == "rejected":
        lines.append(f"  reason: {record.get('reason')} (step {record.get('step')}) {record.get('detail') or ''}")
    source = meta.get("source") or {}
    where = ", ".join(f"{k} {v}" for k, v in source.items() if k != "previous")
    lines.append(f"  source: {where}")
    for key in ("url", "title", "date", "author", "language", "language_score", "dedup"):
        if key in meta:
            lines.append(f"  {key}: {meta[key]}")
    pipeline = meta.get("pipeline") or {}
    if pipeline:
        steps = " > ".join(pipeline.get("steps", []))
        config = str(pipeline.get("config_sha256", ""))[:12]
        lines.append(f"  pipeline: cleaner {pipeline.get('cleaner')}, config {config}, steps {steps}")
    events = meta.get("events") or []
    lines.append(f"  events ({len(events)}):")
    for number, event in enumerate(events, 1):
        detail = {k: v for k, v in event.items() if k not in ("step", "action", "rule")}
        text = detail.pop("text", None)
        line = detail.pop("line", None)
        head = f"  {number:3}. {event['step']:<12} {event['action']:<18} {event['rule']}"
        if line is not None:
            head += f"  line {line}"
        if text is not None:
            shown = str(text) if len(str(text)) <= 100 else str(text)[:97] + "..."
            head += f"  {json.dumps(shown, ensure_ascii=False)}"
        if detail:
            head += "  " + " ".join(f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in detail.items())
        lines.append(head)
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
