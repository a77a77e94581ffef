"""`cleaner run`: clean documents into a JSONL corpus, its rejects and a stats file.

A plain file run streams through one `Pipeline` with bounded memory; output directories, Dask and `--resume`
go to the sharded runner. Either way the files go under temporary names and are put in place only when the run
completes, and the stats file records the versions, the resolved chain and the counts, so a run can be
reproduced.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
import time
from collections.abc import Iterable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from cleaner import __version__
from cleaner.chain import check_chain, page_input
from cleaner.cli.report import report_command
from cleaner.cli.spec import pipeline_spec
from cleaner.collector import run_thresholds
from cleaner.config import build_steps
from cleaner.distributed.runner import is_output_dir, run_job
from cleaner.document import Document, Rejected
from cleaner.io.readers import ReaderOptions, read_inputs
from cleaner.io.shards import is_remote
from cleaner.io.sink import UNWRITABLE, RecordSink
from cleaner.io.staging import StagedOutputs
from cleaner.io.writers import JsonlWriter, check_apart_from_inputs, output_paths, write_json
from cleaner.pipeline import Pipeline
from cleaner.progress import Progress
from cleaner.report.sample import DEFAULT_SAMPLE
from cleaner.steps import ConfigError

__all__ = ["run_command"]


def run_command(args: argparse.Namespace) -> int:
    """A run's files go under temporary names, put in place only when it completes (`StagedOutputs`); the garbage
    collector runs less often (`cleaner.collector`)."""
    with run_thresholds(), StagedOutputs() as staged:
        return _run_staged(args, staged)


def _run_staged(args: argparse.Namespace, staged: StagedOutputs) -> int:
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(name)s: %(message)s")
    if args.workers < 1:
        raise ConfigError(f"--workers must be >= 1, got {args.workers}")
    if not args.shard_mb > 0:  # also NaN
        raise ConfigError(f"--shard-mb must be > 0, got {args.shard_mb:g}")
    spec = pipeline_spec(args)
    pipeline = Pipeline(build_steps(spec))
    options = ReaderOptions(
        text_field=args.text_field,
        html_field=args.html_field,
        id_field=args.id_field,
        url_field=args.url_field,
        max_record_bytes=_record_bytes(args.max_record_mb),
    )
    check_chain(spec.names(), page_input(args.inputs, options))
    out = _outputs(args)
    staged.stage([] if out.sharded else [args.output, out.rejects], out.stats)
    if args.report and (args.output == "-" or out.directory or out.stats in (None, "-")):
        raise ConfigError("--report reads one output file and its stats file: write them to files (-o OUT.jsonl)")
    progress = Progress(enabled=not args.quiet)
    started_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    started = time.perf_counter()
    if out.sharded:
        if not _run_sharded(pipeline, args, options, out, progress):
            progress.close()
            print(f"cleaner: {args.output} is complete (manifest.json); nothing to resume", file=sys.stderr)
            return 0
    else:
        if args.resume or args.engine != "local" or args.scheduler:
            raise ConfigError("--resume and --engine dask need input files and -o FILE or -o DIR/, not stdin/stdout")
        if args.output != "-" and Path(args.output).is_file() and not args.overwrite:
            raise ConfigError(f"{args.output} exists: pass --overwrite to replace it")
        corpus_path = staged.path(args.output) or args.output
        _stream(pipeline, read_inputs(args.inputs, options), corpus_path, staged.path(out.rejects), args, progress)
    progress.close()
    stats = pipeline.stats
    if out.stats:
        record = {
            "cleaner": __version__,
            "started_at": started_at,
            "seconds": round(time.perf_counter() - started, 3),
            "inputs": list(args.inputs),
            "output": args.output,
            "rejects": out.rejects,
            "workers": args.workers,
            "engine": "dask" if args.scheduler else args.engine,
            "pipeline": {**pipeline.describe(), "configs": [s.describe() for s in pipeline.steps]},
            **stats.to_dict(),
        }
        write_json(staged.path(out.stats) or out.stats, record)
    staged.commit()
    if args.report:
        report_command(args.output, args.report, out.stats, out.rejects, DEFAULT_SAMPLE)
    if not args.quiet:
        print(
            f"{stats.docs_in} documents in: {stats.kept} kept, {sum(stats.rejected.values())} rejected"
            + (f" (rejects in {out.rejects})" if out.rejects else " (pass --rejects to keep them)"),
            file=sys.stderr,
        )
    if not stats.balanced:
        print("cleaner: documents in != kept + rejected; this is a bug", file=sys.stderr)
        return 1
    return 0


@dataclass(frozen=True)
class _Outputs:
    """Where a run writes: the corpus (a file, stdout, or a directory of shards), its rejects and its stats."""

    directory: bool
    sharded: bool
    rejects: str | None
    stats: str | None


def _outputs(args: argparse.Namespace) -> _Outputs:
    """The sharded runner (shards, checkpoints, any engine) serves output directories, Dask and --resume; a plain
    file run streams through one pipeline with bounded memory, into a temporary name renamed at the end. No output
    may be one of the inputs."""
    to_stdout = args.output == "-"
    directory = not to_stdout and "-" not in args.inputs and is_output_dir(args.output)
    sharded = directory or (
        not to_stdout and "-" not in args.inputs and (args.resume or args.engine != "local" or bool(args.scheduler))
    )
    rejects: str | None
    stats: str | None
    if directory:
        rejects = f"{args.output.rstrip('/')}/rejects/"
        stats = args.stats or (None if is_remote(args.output) else f"{args.output.rstrip('/')}/stats.json")
    else:
        rejects, stats = output_paths(args.output, args.rejects, args.stats)
    check_apart_from_inputs({"-o": args.output, "--rejects": rejects, "--stats": stats}, args.inputs)
    return _Outputs(directory, sharded, rejects, stats)


def _run_sharded(
    pipeline: Pipeline, args: argparse.Namespace, options: ReaderOptions, out: _Outputs, progress: Progress
) -> bool:
    """The sharded runner's job; False when `--resume` found the output already complete."""
    job = run_job(
        pipeline,
        args.inputs,
        args.output,
        rejects=None if out.directory else out.rejects,
        options=options,
        engine=args.engine,
        workers=args.workers,
        scheduler=args.scheduler,
        shard_bytes=max(1, int(args.shard_mb * 1e6)),
        overwrite=args.overwrite,
        resume=args.resume,
        progress=progress,
    )
    return not job.already_complete


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
            progress.update(item.document.size, kept=False)

        for doc in pipeline.run(items, workers=args.workers, on_reject=rejected):
            assert isinstance(doc, Document)
            written = sink.kept(doc)
            if not written:
                pipeline.stats.kept -= 1
                pipeline.stats.rejected[UNWRITABLE] += 1
            progress.update(doc.size, kept=written)


def _record_bytes(megabytes: float) -> int | None:
    if megabytes < 0:
        raise ConfigError(f"--max-record-mb must be >= 0 (0: no limit), got {megabytes:g}")
    return max(1, int(megabytes * 1e6)) if megabytes else None
