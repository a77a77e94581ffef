"""Run a pipeline over files into one output file or a directory of parts, on a local or Dask engine.

`run_job` plans the shards, runs the plan (`cleaner.distributed.plan`) and writes the output: a single file
through a temporary name renamed at the end, or a directory of parts (`cleaner.io.parts`) that `resume=True`
finishes after a crash with the bytes an uninterrupted run gives. An existing output is replaced only with
`overwrite=True`.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import time
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Protocol

import fsspec

from cleaner import __version__
from cleaner.dedup.distributed import run_dedup
from cleaner.dedup.lock import IndexLock
from cleaner.distributed.engines import Engine, make_engine
from cleaner.distributed.lookahead import run_lookahead
from cleaner.distributed.plan import Plan, Shards, ShardState, StreamRunner, run_plan
from cleaner.document import Document, Rejected
from cleaner.io.parts import OutputDir, PartInfo, encode_jsonl, part_info, write_atomic
from cleaner.io.readers import ReaderOptions
from cleaner.io.shards import DEFAULT_SHARD_BYTES, InputShard, is_remote, plan_shards
from cleaner.io.writers import JsonlWriter
from cleaner.pipeline import Pipeline
from cleaner.stats import RunStats
from cleaner.steps import ConfigError

__all__ = ["JobResult", "is_output_dir", "run_job"]


class Progress(Protocol):
    """What a run reports as it goes (`cleaner.progress.Progress` is one)."""

    def start(self, total_bytes: int) -> None:
        """The input holds `total_bytes` bytes."""

    def read(self, nbytes: int) -> None:
        """A shard of `nbytes` input bytes was read and its first per-document steps done."""

    def stage(self, name: str) -> None:
        """The run moved on to the step(s) or phase `name`."""


@dataclass
class JobResult:
    """Merged counters, the parts written (directory output), whether the output was already complete, and the
    peak memory of the busiest worker process (MB; this process's with one local worker or a file output)."""

    stats: RunStats
    shards: int
    parts: list[PartInfo] | None = None
    already_complete: bool = False
    worker_peak_mb: float = 0.0


def is_output_dir(output: str) -> bool:
    """`DIR/` (a trailing slash) or an existing directory."""
    if output.endswith("/"):
        return True
    fs, path = fsspec.core.url_to_fs(output)
    return bool(fs.isdir(path))


def run_job(
    pipeline: Pipeline,
    inputs: Sequence[str],
    output: str,
    *,
    rejects: str | None = None,
    options: ReaderOptions | None = None,
    engine: str | Engine = "local",
    workers: int = 1,
    scheduler: str | None = None,
    shard_bytes: int = DEFAULT_SHARD_BYTES,
    overwrite: bool = False,
    resume: bool = False,
    progress: Progress | None = None,
) -> JobResult:
    """Clean `inputs` into `output` (a file, or a directory of parts); see the module docstring."""
    options = options or ReaderOptions()
    started = time.perf_counter()
    shards = plan_shards(inputs, shard_bytes)
    plan = Plan.of(pipeline, options)
    if progress is not None:
        progress.start(sum(s.size for s in shards))
    with IndexLock.for_steps(pipeline.steps):
        if is_output_dir(output):
            fingerprint = _fingerprint(plan, shards, shard_bytes)
            out = OutputDir(output, fingerprint, overwrite=overwrite, resume=resume)
            if out.complete:
                return JobResult(RunStats(), len(shards), already_complete=True)
        else:
            if resume:
                raise ConfigError("--resume needs a directory output (-o DIR/)")
            out = None
            _check_file_outputs([output, *([rejects] if rejects else [])], overwrite)
        owned = isinstance(engine, str)
        runner = make_engine(engine, workers, scheduler) if isinstance(engine, str) else engine
        try:
            checkpoints = [out.checkpoint_url(s.index) for s in shards] if out is not None else None

            def done(index: int) -> None:
                if progress is not None:
                    progress.read(shards[index].size)

            shards_out, here = run_plan(
                plan,
                shards,
                runner,
                checkpoints=checkpoints,
                done=done,
                distributed=_FORMS,
                stage=progress.stage if progress is not None else None,
            )
            if progress is not None:
                progress.stage("writing")
            if out is not None:
                parts, shard_stats, worker_peak = _write_parts(out, shards, shards_out)
            else:
                parts, shard_stats = None, _write_file(runner, shards_out.run(), output, rejects)
                worker_peak = _peak_mb()
        finally:
            if owned:
                runner.close()
    stats = RunStats()
    for step in pipeline.steps:
        stats.step(step.name)
    for one in [*shard_stats, here]:
        stats.merge(one)
    stats.seconds = time.perf_counter() - started
    pipeline.stats = stats
    if out is not None and parts is not None:
        out.complete_run(parts, stats.to_dict())
    return JobResult(stats, len(shards), parts, worker_peak_mb=worker_peak)


_FORMS: dict[str, StreamRunner] = {"dedup": run_dedup, "templates": run_lookahead, "repeated_lines": run_lookahead}


def _fingerprint(plan: Plan, shards: list[InputShard], shard_bytes: int) -> dict[str, Any]:
    layout = json.dumps([[asdict(p) for p in s.pieces] for s in shards], sort_keys=True)
    return {
        "cleaner": __version__,
        "config_sha256": plan.provenance["config_sha256"],
        "reader": asdict(plan.options),
        "shard_bytes": shard_bytes,
        "shards": len(shards),
        "inputs_sha256": hashlib.sha256(layout.encode("utf-8")).hexdigest(),
    }


def _check_file_outputs(paths: list[str], overwrite: bool) -> None:
    for path in paths:
        if is_remote(path):
            raise ConfigError(f"{path}: a remote output must be a directory (-o URL/)")
        if Path(path).is_file() and not overwrite:
            raise ConfigError(f"{path} exists: pass --overwrite to replace it")


def write_part(state: ShardState, corpus: str | None, rejects: str | None) -> tuple[PartInfo | None, RunStats, float]:
    """Encode one shard's kept documents and rejects and write both files atomically (the corpus part last);
    with no file names (a part an earlier attempt finished), just hand back the counters. Also the peak memory
    (MB) of the process that did it."""
    if corpus is None or rejects is None:
        return None, state.stats, _peak_mb()
    kept = [i.to_record() for i in state.items if isinstance(i, Document)]
    dropped = [i.to_record() for i in state.items if isinstance(i, Rejected)]
    corpus_bytes, rejects_bytes = encode_jsonl(kept, corpus), encode_jsonl(dropped, rejects)
    write_atomic(rejects, rejects_bytes)
    write_atomic(corpus, corpus_bytes)
    return part_info(state.index, corpus, corpus_bytes, rejects, rejects_bytes), state.stats, _peak_mb()


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _write_parts(
    out: OutputDir, inputs: list[InputShard], shards: Shards
) -> tuple[list[PartInfo], list[RunStats], float]:
    finished = [out.finished(s.index) for s in inputs]
    targets = [out.part_urls(s.index) if f is None else (None, None) for s, f in zip(inputs, finished, strict=True)]
    shards.then_each(write_part, targets)
    written = shards.engine.gather(shards.run())
    parts = [info or done for (info, _, _), done in zip(written, finished, strict=True)]
    peak = max((mb for _, _, mb in written), default=0.0)
    return [p for p in parts if p is not None], [stats for _, stats, _ in written], peak


def _write_file(engine: Engine, handles: list[Any], output: str, rejects: str | None) -> list[RunStats]:
    """Stream every shard's records, in order, into one corpus file (and one rejects file), renamed when done."""
    targets = [t for t in (output, rejects) if t is not None]
    temporary = {t: temporary_name(t) for t in targets}
    stats: list[RunStats] = []
    try:
        with ExitStack() as stack:
            corpus = stack.enter_context(JsonlWriter(temporary[output]))
            dropped = stack.enter_context(JsonlWriter(temporary[rejects])) if rejects is not None else None
            for handle in handles:
                (state,) = engine.gather([handle])
                for item in state.items:
                    if isinstance(item, Document):
                        corpus.write(item.to_record())
                    elif dropped is not None:
                        dropped.write(item.to_record())
                stats.append(state.stats)
        for target, tmp in temporary.items():
            if tmp != target:
                os.replace(tmp, target)
    finally:
        for target, tmp in temporary.items():
            if tmp != target and Path(tmp).exists():
                Path(tmp).unlink()
    return stats


def temporary_name(path: str) -> str:
    """A name beside `path` with the same suffix (so compression is chosen alike); `path` itself when it is not
    a regular file to rename onto (`/dev/null`)."""
    target = Path(path)
    if target.exists() and not target.is_file():
        return path
    return str(target.with_name(f".{target.name}.{os.getpid()}.tmp{''.join(target.suffixes[-2:])}"))
