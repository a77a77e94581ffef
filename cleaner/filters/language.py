"""Language step: tag each document's language, the share of each language among its paragraphs, and the
Vietnamese diacritics signals; optionally keep only the expected languages.

Tags (tag first, decide later):

* `metadata["language"]`: ISO 639-1 code (`vi`, `en`, `zh`, ...), or `und` when the text is too short or too
  symbolic (code, numbers, markup) to judge;
* `metadata["language_score"]`: confidence in [0, 1], 4 decimals: the detector's probability, lingua's
  confidence among a confusable group when its second opinion overrules the detector, or for text settled by
  its script the share of its letters in that script (see `cleaner.language.detect`);
* `metadata["language_shares"]` (when `per_paragraph`): `{code: share}` of the text's characters per
  language, per non-blank line, largest share first; lines too short to judge count as `und`. A line takes the
  document's language unless its script, its Vietnamese letters or its stop words say it may differ; only then
  is it judged alone (`cleaner.language.lines`), so the detector runs about once per document.
  A Vietnamese article with an English menu or a pasted English paragraph shows up as
  `{"vi": 0.8, "en": 0.15, "und": 0.05}` (written to the output as a list of `{"language", "share"}` objects,
  `cleaner.schema`);
* `metadata["vi_diacritics_ratio"]` and `metadata["vi_no_diacritics"]` (Vietnamese documents only): the share
  of Latin-letter words holding a letter outside ASCII, which in Vietnamese text means a diacritic (0.84-0.88
  in the seeds; English terms and names count as unmarked), and whether it is under 0.1, i.e. the text is
  Vietnamese typed without diacritics (found by syllable structure and function words even when the detector
  says `tl`, `id` or `en`; see `cleaner.language.vietnamese`).

Reason codes (only when a filter is configured; the default only tags):

* `lang.undetermined`: the document is `und` (list `"und"` in `languages` to keep such documents);
* `lang.not_allowed`: its language is not one of `languages`;
* `lang.low_confidence`: its score is under `min_score`.

Deterministic: detectors are seeded per call on a process-local factory, scores are rounded, and the step
holds only its config, so it pickles and gives the same tags in any worker.
"""

from __future__ import annotations

import dataclasses
import importlib.util
from typing import Literal

from cleaner.document import Document, Drop
from cleaner.language.backends import BACKENDS, DEFAULT_BACKEND
from cleaner.language.detect import (
    MAX_SAMPLE_CHARS,
    MIN_LETTER_RATIO,
    MIN_LETTERS,
    UNDETERMINED,
    Guess,
    identify,
)
from cleaner.language.lines import analyse
from cleaner.steps import ConfigError, DocumentStep, DocumentStepConfig, check_choice, check_range

__all__ = ["SUPPORTED_LANGUAGES", "LanguageConfig", "LanguageFilter"]

#: Codes the step can tag: langdetect's 55 profiles (zh-cn and zh-tw as `zh`), the languages that own a script
#: langdetect does not know (Armenian, Tibetan, Georgian, Khmer, Lao, Burmese, Odia, Sinhala), the Cyrillic
#: languages only the second opinion knows (Belarusian, Kazakh, Serbian), and `und`.
_CODES = (
    "af ar be bg bn bo ca cs cy da de el en es et fa fi fr gu he hi hr hu hy id it ja ka kk km kn ko lo lt lv mk "
    "ml mr my ne nl no or pa pl pt ro ru si sk sl so sq sr sv sw ta te th tl tr uk ur vi zh"
)
SUPPORTED_LANGUAGES: tuple[str, ...] = (*_CODES.split(), UNDETERMINED)


@dataclasses.dataclass(frozen=True, kw_only=True)
class LanguageConfig(DocumentStepConfig):
    #: ISO 639-1 codes to keep (`("vi",)`, or `"vi,en"`); empty: tag only, drop nothing for its language.
    languages: tuple[str, ...] = ()
    #: Drop documents whose language score is under this; None turns the check off.
    min_score: float | None = None
    #: Detector for text its script does not settle: `langdetect-rs` (same probabilities as langdetect,
    #: about 30x faster) or `langdetect`.
    backend: Literal["langdetect-rs", "langdetect"] = DEFAULT_BACKEND
    #: A text (or paragraph) with fewer letters is `und`; a CJK character counts as three.
    min_letters: int = MIN_LETTERS
    #: A text whose letters are a smaller share of its non-space characters is `und`.
    min_letter_ratio: float = MIN_LETTER_RATIO
    #: Characters of a long document the detector reads (evenly spaced windows); None reads it all.
    max_sample_chars: int | None = MAX_SAMPLE_CHARS
    #: Judge each line alone too and tag `language_shares`.
    per_paragraph: bool = True
    #: Ask lingua when the detector's answer is one of languages it confuses (cs/sk, da/no, Cyrillic, hr/sl,
    #: ca/es/pt, af/nl): about 0.4 ms a call on those texts only; each group loads on first use (2-5 s,
    #: 70-200 MB; about 460 MB for all six per process).
    second_opinion: bool = True

    def __post_init__(self) -> None:
        languages = self.languages
        if isinstance(languages, str):
            languages = tuple(x.strip() for x in languages.split(",") if x.strip())
        if not isinstance(languages, list | tuple) or not all(isinstance(x, str) for x in languages):
            raise ConfigError(f"language.languages must be a list of ISO 639-1 codes, got {self.languages!r}")
        languages = tuple(dict.fromkeys(x.lower() for x in languages))
        for code in languages:
            check_choice("language.languages", code, SUPPORTED_LANGUAGES)
        object.__setattr__(self, "languages", languages)
        check_range("language.min_score", self.min_score, 0.0, 1.0)
        check_choice("language.backend", self.backend, BACKENDS)
        if importlib.util.find_spec(BACKENDS[self.backend]) is None:
            raise ConfigError(f"language.backend {self.backend!r} needs the package: pip install {self.backend}")
        check_range("language.min_letters", self.min_letters, 1)
        check_range("language.min_letter_ratio", self.min_letter_ratio, 0.0, 1.0)
        check_range("language.max_sample_chars", self.max_sample_chars, 100)
        if isinstance(self.min_letters, float):
            raise ConfigError(f"language.min_letters must be an integer, got {self.min_letters!r}")
        if isinstance(self.max_sample_chars, float):
            raise ConfigError(f"language.max_sample_chars must be an integer, got {self.max_sample_chars!r}")
        check_choice("language.per_paragraph", self.per_paragraph, (True, False))
        check_choice("language.second_opinion", self.second_opinion, (True, False))
        if self.second_opinion and importlib.util.find_spec("lingua") is None:
            raise ConfigError(
                "language.second_opinion needs the package: pip install lingua-language-detector "
                "(or set second_opinion = false)"
            )


def _identify(
    text: str,
    *,
    backend: str,
    min_letters: int,
    min_letter_ratio: float,
    max_sample_chars: int | None,
    second_opinion: bool,
) -> tuple[Guess, dict[str, float]]:
    guess = identify(
        text,
        backend=backend,
        min_letters=min_letters,
        min_letter_ratio=min_letter_ratio,
        max_sample_chars=max_sample_chars,
        second_opinion=second_opinion,
    )
    return guess, {}


class LanguageFilter(DocumentStep):
    """Tag language, score, per-paragraph shares and Vietnamese diacritics; drop unexpected languages."""

    name = "language"
    #: 3: per-line tags inherit the document's language where nothing says the line differs (shares changed).
    version = 3
    Config = LanguageConfig
    reasons = ("lang.undetermined", "lang.not_allowed", "lang.low_confidence")
    config: LanguageConfig

    def process(self, doc: Document) -> Document | Drop:
        cfg = self.config
        text = doc.text if isinstance(doc.text, str) else ""
        judge = analyse if cfg.per_paragraph else _identify
        guess, shares = judge(
            text,
            backend=cfg.backend,
            min_letters=cfg.min_letters,
            min_letter_ratio=cfg.min_letter_ratio,
            max_sample_chars=cfg.max_sample_chars,
            second_opinion=cfg.second_opinion,
        )
        meta = doc.metadata
        meta["language"] = guess.language
        meta["language_score"] = guess.score
        if cfg.per_paragraph:
            meta["language_shares"] = shares
        if guess.language == "vi" and guess.vi_marked_ratio is not None:
            meta["vi_diacritics_ratio"] = round(guess.vi_marked_ratio, 4)
            meta["vi_no_diacritics"] = guess.vi_no_diacritics
        if not cfg.languages and cfg.min_score is None:
            return doc
        detail = {"language": guess.language, "score": guess.score}
        if guess.language == UNDETERMINED and UNDETERMINED not in cfg.languages:
            return Drop("lang.undetermined", {**detail, "method": guess.method})
        if cfg.languages and guess.language not in cfg.languages:
            return Drop("lang.not_allowed", {**detail, "allowed": list(cfg.languages)})
        if cfg.min_score is not None and guess.language != UNDETERMINED and guess.score < cfg.min_score:
            return Drop("lang.low_confidence", {**detail, "min_score": cfg.min_score})
        return doc
