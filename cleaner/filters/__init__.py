"""The built-in per-concern filters, importable by class name (loaded on first use)."""

from __future__ import annotations

import importlib
from typing import Any

_CLASSES = {
    "ExtractTransform": "cleaner.filters.extract",
    "EncodingTransform": "cleaner.filters.encoding",
    "BoilerplateTransform": "cleaner.filters.boilerplate",
    "SiteTemplateTransform": "cleaner.filters.templates",
    "RepeatedLinesTransform": "cleaner.filters.repeated",
    "LanguageFilter": "cleaner.filters.language",
    "QualityFilter": "cleaner.filters.quality",
}

__all__ = sorted(_CLASSES)


def __getattr__(name: str) -> Any:
    if name in _CLASSES:
        return getattr(importlib.import_module(_CLASSES[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
