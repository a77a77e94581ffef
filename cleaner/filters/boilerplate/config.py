"""`BoilerplateConfig`: the boilerplate step's parameters, checked on construction."""

from __future__ import annotations

import dataclasses
from typing import Literal

from cleaner.filters.boilerplate.phrases import FOCUS_LEVELS, available_languages
from cleaner.linemodel import DEFAULT_MODEL, load_model
from cleaner.steps import ConfigError, DocumentStepConfig, check_choice, check_range

__all__ = ["BoilerplateConfig"]


@dataclasses.dataclass(frozen=True, kw_only=True)
class BoilerplateConfig(DocumentStepConfig):
    #: precision: exact shapes and edge phrases; balanced: + positional rules; recall: + sandwiched lines.
    focus: Literal["precision", "balanced", "recall"] = "balanced"
    #: Phrase data files to load (`cleaner/data/boilerplate/<lang>.toml`); None loads every shipped language,
    #: since this step runs before language identification.
    languages: tuple[str, ...] | None = None
    #: A line this long (in characters, after whitespace normalisation) counts as an article paragraph.
    min_paragraph_chars: int = 120
    #: Longest line removed as site chrome above the title (nav.pre_title).
    max_pre_title_chars: int = 200
    #: Longest caption-like line an alt-text fragment may be a prefix of (balanced; recall has no limit).
    max_caption_chars: int = 200
    #: Move the first dateline's ISO date into metadata["date"] when it is not set yet.
    move_date: bool = True
    #: The line model judging lines no rule took (`cleaner/data/linemodel/`); "none" (None): rules only.
    line_model: str | None = DEFAULT_MODEL
    #: Content score below which the model removes a line; None: the focus default (0.1 / 0.3 / 0.5).
    content_threshold: float | None = None
    #: Pages with markup evidence: a line trafilatura holds goes below the first score, a line it left out
    #: needs the second to stay; None: the focus default ((0.4, 0.9) / (0.3, 0.7) / (0.2, 0.6)).
    extractor_thresholds: tuple[float, float] | None = None

    def __post_init__(self) -> None:
        check_choice("boilerplate.focus", self.focus, FOCUS_LEVELS)
        if self.languages is not None:
            if isinstance(self.languages, str) or not all(isinstance(x, str) for x in self.languages):
                raise ConfigError(f"boilerplate.languages must be a list of language codes, got {self.languages!r}")
            known = available_languages()
            unknown = [x for x in self.languages if x not in known]
            if unknown:
                raise ConfigError(f"boilerplate.languages: no data for {unknown}; available: {', '.join(known)}")
            object.__setattr__(self, "languages", tuple(self.languages))
        check_range("boilerplate.min_paragraph_chars", self.min_paragraph_chars, 20)
        check_range("boilerplate.max_pre_title_chars", self.max_pre_title_chars, 0)
        check_range("boilerplate.max_caption_chars", self.max_caption_chars, 0)
        if not isinstance(self.move_date, bool):
            raise ConfigError(f"boilerplate.move_date must be true or false, got {self.move_date!r}")
        check_range("boilerplate.content_threshold", self.content_threshold, 0.0, 1.0)
        pair = self.extractor_thresholds
        if pair is not None:
            if not isinstance(pair, tuple | list) or len(pair) != 2:
                raise ConfigError(f"boilerplate.extractor_thresholds must be two scores, got {pair!r}")
            for score in pair:
                check_range("boilerplate.extractor_thresholds", score, 0.0, 1.0)
            object.__setattr__(self, "extractor_thresholds", tuple(pair))
        if self.line_model is not None:
            try:
                load_model(self.line_model)
            except (FileNotFoundError, ValueError, KeyError) as exc:
                raise ConfigError(f"boilerplate.line_model: cannot load {self.line_model!r}: {exc}") from None
