"""Language identification: deterministic, fast, and right on short, mixed and unaccented Vietnamese text.

The stable entry points for other steps are `detect_language(text) -> (code, score)`,
`paragraph_languages(text) -> {code: share}` and `line_languages(text) -> [code per line]`; `LanguageFilter`
(`cleaner.filters.language`) is the step.
"""

from cleaner.language.backends import BACKENDS, DEFAULT_BACKEND
from cleaner.language.detect import UNDETERMINED, Guess, detect_language, identify
from cleaner.language.lines import analyse, line_languages, paragraph_languages

__all__ = [
    "BACKENDS",
    "DEFAULT_BACKEND",
    "UNDETERMINED",
    "Guess",
    "analyse",
    "detect_language",
    "identify",
    "line_languages",
    "paragraph_languages",
]
