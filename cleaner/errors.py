"""The error that stops a run before it starts: a configuration or usage mistake (exit code 2)."""

from __future__ import annotations

__all__ = ["ConfigError"]


class ConfigError(ValueError):
    """A configuration or usage error: the run cannot start. The message says how to fix it."""
