"""The built-in steps, importable by class name. Modules load on first use (so listing one does not load every
model), while `dir()` and type checkers see the real classes."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cleaner.dedup.step import DedupFilter
    from cleaner.filters.boilerplate import BoilerplateTransform
    from cleaner.filters.encoding import EncodingTransform
    from cleaner.filters.extract import ExtractTransform
    from cleaner.filters.language import LanguageFilter
    from cleaner.filters.quality import QualityFilter
    from cleaner.filters.repeated import RepeatedLinesTransform
    from cleaner.filters.templates import SiteTemplateTransform

_CLASSES = {
    "ExtractTransform": "cleaner.filters.extract",
    "EncodingTransform": "cleaner.filters.encoding",
    "BoilerplateTransform": "cleaner.filters.boilerplate",
    "SiteTemplateTransform": "cleaner.filters.templates",
    "RepeatedLinesTransform": "cleaner.filters.repeated",
    "LanguageFilter": "cleaner.filters.language",
    "QualityFilter": "cleaner.filters.quality",
    "DedupFilter": "cleaner.dedup.step",
}

__all__ = [
    "BoilerplateTransform",
    "DedupFilter",
    "EncodingTransform",
    "ExtractTransform",
    "LanguageFilter",
    "QualityFilter",
    "RepeatedLinesTransform",
    "SiteTemplateTransform",
]


def __getattr__(name: str) -> Any:
    if name in _CLASSES:
        return getattr(importlib.import_module(_CLASSES[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
