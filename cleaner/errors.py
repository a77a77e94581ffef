"""The errors that stop a run: a configuration or usage mistake before it starts (exit code 2), and worker
processes that died under it (exit code 1)."""

from __future__ import annotations

__all__ = ["ConfigError", "WorkerDied"]


class ConfigError(ValueError):
    """A configuration or usage error: the run cannot start. The message says how to fix it."""


class WorkerDied(RuntimeError):
    """Worker processes died (killed, e.g. by the out-of-memory killer, or crashed) and the run cannot go on; the
    message names the documents or shards they were cleaning."""
