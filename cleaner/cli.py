"""Command line: `cleaner run`, `cleaner check`, `cleaner filters`, `cleaner explain`, `cleaner report`.

Exit codes: 0 success, 2 usage or configuration error (the message says how to fix it), 1 unexpected failure
(`-v` shows its traceback). Data goes to files or stdout; progress, summaries and errors go to stderr.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import logging
import sys
import time
import traceback
from collections.abc import Iterable, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from cleaner import __version__
from cleaner.chain import check_chain, page_input
from cleaner.collector import run_thresholds
from cleaner.config import PipelineSpec, build_steps, load_spec, parse_override
from cleaner.distributed.runner import is_output_dir, run_job
from cleaner.document import Document, Rejected
from cleaner.errors import WorkerDied
from cleaner.io.readers import ReaderOptions, iter_records, read_inputs
from cleaner.io.shards import is_remote
from cleaner.io.sink import UNWRITABLE, RecordSink
from cleaner.io.staging import StagedOutputs
from cleaner.io.writers import JsonlWriter, check_apart_from_inputs, companion_path, output_paths, write_json
from cleaner.params import allowed, choices, descriptions, hints
from cleaner.pipeline import Pipeline
from cleaner.progress import Progress
from cleaner.registry import BUILTIN_STEPS, DEFAULT_CHAIN, step_class
from cleaner.report.sample import DEFAULT_SAMPLE
from cleaner.steps import ConfigError

__all__ = ["main"]


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
        if args.command == "check":
            return _check(args)
        if args.command == "report":
            return _report(args.corpus, args.output, args.stats, args.rejects, args.sample)
        return _explain(args)
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


def _spec(args: argparse.Namespace) -> PipelineSpec:
    spec = load_spec(args.config) if args.config else PipelineSpec.default()
    spec = spec.select(only=_split(args.only), skip=_split(args.skip))
    settings = [parse_override(s) for s in args.set]
    if args.lang:
        settings.append(("language", "languages", _split([args.lang])))
    return spec.override(settings)


def _record_bytes(megabytes: float) -> int | None:
    if megabytes < 0:
        raise ConfigError(f"--max-record-mb must be >= 0 (0: no limit), got {megabytes:g}")
    return max(1, int(megabytes * 1e6)) if megabytes else None


def _run(args: argparse.Namespace) -> int:
    """A run's files go under temporary names, put in place only when it completes (`StagedOutputs`); the garbage
    collector runs less often (`cleaner.collector`)."""
    with run_thresholds(), StagedOutputs() as staged:
        return _run_staged(args, staged)


def _run_staged(args: argparse.Namespace, staged: StagedOutputs) -> int:
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(name)s: %(message)s")
    if args.workers < 1:
        raise ConfigError(f"--workers must be >= 1, got {args.workers}")
    spec = _spec(args)
    pipeline = Pipeline(build_steps(spec))
    options = ReaderOptions(
        text_field=args.text_field,
        html_field=args.html_field,
        id_field=args.id_field,
        url_field=args.url_field,
        max_record_bytes=_record_bytes(args.max_record_mb),
    )
    check_chain(spec.names(), page_input(args.inputs, options))
    to_stdout = args.output == "-"
    directory = not to_stdout and "-" not in args.inputs and is_output_dir(args.output)
    # The sharded runner (shards, checkpoints, any engine) serves output directories, Dask and --resume; a plain
    # file run streams through one pipeline with bounded memory, into a temporary name renamed at the end.
    sharded = directory or (
        not to_stdout and "-" not in args.inputs and (args.resume or args.engine != "local" or bool(args.scheduler))
    )
    rejects_path: str | None
    stats_path: str | None
    if directory:
        rejects_path = f"{args.output.rstrip('/')}/rejects/"
        stats_path = args.stats or (None if is_remote(args.output) else f"{args.output.rstrip('/')}/stats.json")
    else:
        rejects_path, stats_path = output_paths(args.output, args.rejects, args.stats)
    check_apart_from_inputs({"-o": args.output, "--rejects": rejects_path, "--stats": stats_path}, args.inputs)
    staged.stage([] if sharded else [args.output, rejects_path], stats_path)
    if args.report and (to_stdout or directory or stats_path in (None, "-")):
        raise ConfigError("--report reads one output file and its stats file: write them to files (-o OUT.jsonl)")
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
        corpus_path = staged.path(args.output) or args.output
        _stream(pipeline, read_inputs(args.inputs, options), corpus_path, staged.path(rejects_path), args, progress)
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
        write_json(staged.path(stats_path) or stats_path, report)
    staged.commit()
    if args.report:
        _report(args.output, args.report, stats_path, rejects_path, DEFAULT_SAMPLE)
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
    output: str,
    rejects_path: str | None,
    args: argparse.Namespace,
    progress: Progress,
) -> None:
    """One stream through `Pipeline.run` (bounded memory), written as it comes: rejects go out as soon as they are
    decided, so none wait in memory behind a step that looks ahead."""
    with ExitStack() as stack:
        corpus = stack.enter_context(JsonlWriter(output))
        rejects = stack.enter_context(JsonlWriter(rejects_path)) if rejects_path else None
        sink = RecordSink(corpus, rejects)

        def rejected(item: Rejected) -> None:
            sink.rejected(item)
            progress.update(_size(item.document), kept=False)

        for doc in pipeline.run(items, workers=args.workers, on_reject=rejected):
            assert isinstance(doc, Document)
            written = sink.kept(doc)
            if not written:
                pipeline.stats.kept -= 1
                pipeline.stats.rejected[UNWRITABLE] += 1
            progress.update(_size(doc), kept=written)


def _size(doc: Document) -> int:
    return len(doc.text) if doc.html is None else len(doc.html)


def _check(args: argparse.Namespace) -> int:
    """Build every step of the file's chain (so every parameter is checked) and print it resolved."""
    spec = _spec(args)
    pipeline = Pipeline(build_steps(spec))
    check_chain(spec.names())
    print(f"{args.config}: {len(pipeline.steps)} steps, config sha256 {pipeline.config_hash[:12]}")
    for number, step in enumerate(pipeline.steps, 1):
        print(f"{number:3}. {step.name} v{step.version}")
        for key, value in dataclasses.asdict(step.config).items():
            print(f"       {key} = {json.dumps(value, ensure_ascii=False, default=str)}")
    return 0


def _filters(args: argparse.Namespace) -> int:
    listing: list[dict[str, Any]] = []
    for name in BUILTIN_STEPS:
        cls = step_class(name)
        params = []
        types, described = hints(cls.Config), descriptions(cls.Config)
        for field in dataclasses.fields(cls.Config):
            params.append(
                {
                    "name": field.name,
                    "type": str(field.type),
                    "allowed": allowed(types[field.name]),
                    "choices": choices(types[field.name]),
                    "default": field.default,
                    "description": described.get(field.name, ""),
                }
            )
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
            default = json.dumps(param["default"], ensure_ascii=False, default=list)
            print(f"    {param['name']} = {default}    ({param['allowed']})")
            if param["description"]:
                print(f"        {param['description']}")
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
    if not args.html:
        print(_explanation(found, status))
        return 0
    from cleaner.report.build import explain_page

    kept_id = (found.get("detail") or {}).get("kept_id") if str(found.get("reason")).startswith("dedup.") else None
    kept_copy = _find(args.corpus, str(kept_id)) if kept_id is not None else None
    _write_text(args.output, explain_page(found, kept_copy))
    return 0


def _report(corpus: str, output: str, stats: str | None, rejects: str | None, sample: int) -> int:
    from cleaner.report.build import build_report

    if sample < 0:
        raise ConfigError(f"--sample must be >= 0, got {sample}")
    stats = stats or companion_path(corpus, "stats")
    rejects = rejects or companion_path(corpus, "rejects")
    for path in (corpus, stats):
        if not Path(path).exists():
            raise ConfigError(f"{path} does not exist (cleaner report reads a run's output and its stats file)")
    page = build_report(Path(corpus), Path(stats), Path(rejects) if Path(rejects).exists() else None, sample=sample)
    _write_text(output, page)
    return 0


def _write_text(path: str, text: str) -> None:
    if path == "-":
        sys.stdout.write(text)
    else:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(text, encoding="utf-8")


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
    where = ", ".join(f"{k} {v}" for k, v in source.items() if k != "previous" and v is not None)
    lines.append(f"  source: {where}")
    for key in ("url", "title", "date", "date_source", "author", "language", "language_score", "dedup"):
        if meta.get(key) is not None:
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
