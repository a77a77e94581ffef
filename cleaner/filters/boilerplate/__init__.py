"""Boilerplate and navigation removal that generalises to unseen sites (see `transform` for the design).

Modules, one idea each: `lines` (normalised forms), `phrases` (per-language data rules), `patterns`
(language-independent shapes: leaks, counters, pagination, contact lines), `dates` (datelines), `zones`
(head / body / tail), `runs` (runs of lines), `learned` (the line model's pass), `rules` (the rules compiled per
language and focus), `config`, `page` (one page's lines and decisions), `head`, `edges` and `body` (the passes
over each part of a page), `transform` (the step, in reading order).
"""

from __future__ import annotations

from cleaner.filters.boilerplate.phrases import available_languages
from cleaner.filters.boilerplate.transform import RULE_IDS, BoilerplateConfig, BoilerplateTransform

__all__ = ["RULE_IDS", "BoilerplateConfig", "BoilerplateTransform", "available_languages"]
