"""Pipeline configuration: a TOML file of steps in order with their parameters, plus command-line overrides.

    [[steps]]
    name = "language"
    languages = ["vi", "en"]
    min_score = 0.8

The string "none" turns off a check whose parameter admits None (TOML has no null). Steps not listed keep
their defaults; a file that lists steps replaces the default chain. `--only`, `--skip` and
`--set step.param=value` then narrow or tune it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleaner.params import did_you_mean
from cleaner.registry import DEFAULT_CHAIN, step_class
from cleaner.steps import ConfigError, Step

__all__ = ["TOP_LEVEL_KEYS", "PipelineSpec", "build_steps", "load_spec", "parse_override", "steps_from"]

#: Keys a pipeline file may hold at its top level.
TOP_LEVEL_KEYS = ("steps",)


@dataclass
class PipelineSpec:
    """Step names in order, each with its parameters."""

    steps: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    @classmethod
    def default(cls) -> PipelineSpec:
        return cls([(name, {}) for name in DEFAULT_CHAIN])

    def names(self) -> list[str]:
        return [name for name, _ in self.steps]

    def select(self, only: Iterable[str] = (), skip: Iterable[str] = ()) -> PipelineSpec:
        """Keep just the `only` steps (in chain order; a step missing from the chain is added with defaults),
        then leave out the `skip` ones."""
        only, skip = list(only), list(skip)
        for name in [*only, *skip]:
            step_class(name)  # raises on an unknown name
        steps = list(self.steps)
        if only:
            present = {name for name, _ in steps}
            steps = [(n, p) for n, p in steps if n in only]
            steps += [(n, {}) for n in DEFAULT_CHAIN if n in only and n not in present]
        steps = [(n, p) for n, p in steps if n not in skip]
        if not steps:
            raise ConfigError("no steps left to run: check --only and --skip")
        return PipelineSpec(steps)

    def override(self, settings: Iterable[tuple[str, str, Any]]) -> PipelineSpec:
        """Set `step.param = value` on steps of the chain."""
        steps = [(n, dict(p)) for n, p in self.steps]
        for step_name, param, value in settings:
            matches = [p for n, p in steps if n == step_name]
            if not matches:
                step_class(step_name)  # an unknown name gets its suggestion
                chain = ", ".join(n for n, _ in steps)
                raise ConfigError(f"--set {step_name}.{param}: step {step_name!r} is not in this pipeline ({chain})")
            matches[0][param] = value
        return PipelineSpec(steps)


def load_spec(path: Path) -> PipelineSpec:
    """Read a pipeline TOML file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"config file {path} does not exist") from None
    except IsADirectoryError:
        raise ConfigError(f"config file {path} is a directory; give the pipeline TOML file in it") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config file {path}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            hint = did_you_mean(key, TOP_LEVEL_KEYS)
            raise ConfigError(f"config file {path}: unknown top-level key {key!r}{hint}; known: steps")
    entries = data.get("steps")
    if not isinstance(entries, list) or not entries:
        raise ConfigError(f"config file {path} must list its steps as [[steps]] tables, each with a name")
    steps: list[tuple[str, dict[str, Any]]] = []
    for i, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise ConfigError(f"config file {path}: step #{i} has no name")
        params = {k: v for k, v in entry.items() if k != "name"}
        steps.append((entry["name"], params))
    return PipelineSpec(steps)


def parse_override(text: str) -> tuple[str, str, Any]:
    """Parse `step.param=value`; the value is read as TOML (numbers, booleans, lists), else as a string; a
    bracketed list of bare words (`[vi,en]`) is a list of strings."""
    key, sep, raw = text.partition("=")
    step_name, dot, param = key.strip().partition(".")
    if not sep or not dot or not step_name or not param:
        raise ConfigError(f"--set expects STEP.PARAM=VALUE, got {text!r}")
    try:
        value = tomllib.loads(f"v = {raw.strip()}")["v"]
    except tomllib.TOMLDecodeError:
        value = raw.strip()
        if value.startswith("[") and value.endswith("]"):
            value = [part.strip().strip("'\"") for part in value[1:-1].split(",") if part.strip()]
    return step_name, param.strip(), value


def build_steps(spec: PipelineSpec) -> list[Step]:
    """Instantiate the steps of a spec; each step checks its parameters' types and ranges (`cleaner.params`)."""
    return [step_class(name)(**params) for name, params in spec.steps]


def steps_from(names: Sequence[str]) -> list[Step]:
    """Default-configured steps by name (a convenience for Python users)."""
    return build_steps(PipelineSpec([(n, {}) for n in names]))
