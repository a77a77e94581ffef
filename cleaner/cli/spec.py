"""The chain a command line asks for: the `--config` file (else the default chain), narrowed by `--only` and
`--skip`, with `--set STEP.PARAM=VALUE` and `--lang` applied (`cleaner run` and `cleaner check` share it)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from cleaner.config import PipelineSpec, load_spec, parse_override

__all__ = ["pipeline_spec"]


def pipeline_spec(args: argparse.Namespace) -> PipelineSpec:
    """The pipeline spec of `args` (`config`, `only`, `skip`, `set`, `lang`)."""
    spec = load_spec(args.config) if args.config else PipelineSpec.default()
    spec = spec.select(only=_split(args.only), skip=_split(args.skip))
    settings = [parse_override(s) for s in args.set]
    if args.lang:
        settings.append(("language", "languages", _split([args.lang])))
    return spec.override(settings)


def _split(values: Sequence[str] | None) -> list[str]:
    """Names from repeated, comma-separated option values (`--only a,b --only c`), blanks left out."""
    return [name.strip() for value in values or () for name in value.split(",") if name.strip()]
