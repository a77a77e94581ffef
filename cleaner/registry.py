"""Built-in steps by their stable names, and the default chain.

Names are public API (TOML files, `--only`, `--skip` and `cleaner filters` use them). Steps are imported lazily,
so listing one does not load every model.
"""

from __future__ import annotations

import importlib

from cleaner.params import did_you_mean
from cleaner.steps import ConfigError, Step

__all__ = ["BUILTIN_STEPS", "DEFAULT_CHAIN", "step_class"]

BUILTIN_STEPS: dict[str, str] = {
    "extract": "cleaner.filters.extract:ExtractTransform",
    "encoding": "cleaner.filters.encoding:EncodingTransform",
    "boilerplate": "cleaner.filters.boilerplate:BoilerplateTransform",
    "templates": "cleaner.filters.templates:SiteTemplateTransform",
    "repeated_lines": "cleaner.filters.repeated:RepeatedLinesTransform",
    "language": "cleaner.filters.language:LanguageFilter",
    "quality": "cleaner.filters.quality:QualityFilter",
    "dedup": "cleaner.dedup.step:DedupFilter",
}

#: The chain `cleaner run` uses when no config file is given.
DEFAULT_CHAIN: tuple[str, ...] = (
    "extract",
    "encoding",
    "boilerplate",
    "templates",
    "repeated_lines",
    "language",
    "quality",
    "dedup",
)


def step_class(name: str) -> type[Step]:
    """The class behind a step name; `ConfigError` listing the known names when there is none."""
    try:
        target = BUILTIN_STEPS[name]
    except KeyError:
        hint = did_you_mean(name, BUILTIN_STEPS)
        raise ConfigError(f"unknown step {name!r}{hint}; known steps: {', '.join(BUILTIN_STEPS)}") from None
    module_name, _, class_name = target.partition(":")
    cls: type[Step] = getattr(importlib.import_module(module_name), class_name)
    return cls
