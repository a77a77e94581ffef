"""Cheap character statistics that settle a language before any detector runs.

Every letter is put in a script class by code point. Some scripts name one language among those the detectors
know (Hangul: Korean, kana: Japanese, Han alone: Chinese, Greek, Thai, Hebrew and the Indic scripts), and
langdetect is weak exactly there: it calls short Chinese sentences with one Latin word `ko`, `vi` or `id`
(measured on the evaluation set, `fixtures/language/`). Text with too few letters, or mostly symbols (code,
tables of numbers, markup), is not judged at all.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass

__all__ = ["SCRIPT_LANGUAGES", "TextStats", "script_language", "text_stats"]

#: Runs of letters (the words of the text, for any script).
LETTER_RUNS = re.compile(r"[^\W\d_]+")
#: Letters outside Latin (Basic, Latin-1, Extended-A/B, IPA, Extended Additional): worth a closer look.
NON_LATIN = re.compile(r"[^\W\d_\x00-\u02AF\u1E00-\u1EFF\u2C60-\u2C7F\uA720-\uA7FF]")
#: Characters that are frequent in code, markup and tables and rare in prose.
#: A parenthesis counts only right after an ASCII word character, as in a call `print(x)` (prose puts a space
#: before one, and Chinese or Japanese puts a letter), a dot only between ASCII letters (`os.path`, `a.b.c`).
CODE_SYMBOLS = re.compile(r"[{}\[\];=<>_\\|&$#@*+^~`]|[A-Za-z0-9_]\(|[A-Za-z_]\.[A-Za-z_]")
#: Lines that start like source code: indented with ASCII spaces or a tab, or with a keyword in lower case.
CODE_LINE = re.compile(
    r"^(?:[ ]{2,}\S|\t|(?:def|class|import|from|return|elif|else|try|except|finally|with|for|while|if|var|let"
    r"|const|function|public|private|protected|static|package|using|namespace|#include|#define)\b)",
    re.MULTILINE,
)
#: Share of code-like lines (of three or more lines) from which a text is code.
MIN_CODE_LINE_SHARE = 0.5
#: Share of code symbols among (weighted) non-space characters above which text is treated as symbolic (prose:
#: under 0.02, code and markup: 0.1-0.3).
MAX_SYMBOL_RATIO = 0.08

# (first code point, script); a script runs up to the next start.
_RANGES: list[tuple[int, str]] = [
    (0x0000, "latin"),
    (0x0370, "greek"),
    (0x0400, "cyrillic"),
    (0x0530, "armenian"),
    (0x0590, "hebrew"),
    (0x0600, "arabic"),
    (0x0700, "other"),
    (0x0750, "arabic"),
    (0x0780, "other"),
    (0x08A0, "arabic"),
    (0x0900, "devanagari"),
    (0x0980, "bengali"),
    (0x0A00, "gurmukhi"),
    (0x0A80, "gujarati"),
    (0x0B00, "other"),
    (0x0B80, "tamil"),
    (0x0C00, "telugu"),
    (0x0C80, "kannada"),
    (0x0D00, "malayalam"),
    (0x0D80, "other"),
    (0x0E00, "thai"),
    (0x0E80, "other"),
    (0x1100, "hangul"),
    (0x1200, "other"),
    (0x1E00, "latin"),
    (0x1F00, "greek"),
    (0x2000, "other"),
    (0x2C60, "latin"),
    (0x2C80, "other"),
    (0x3040, "kana"),
    (0x3100, "other"),
    (0x3130, "hangul"),
    (0x3190, "other"),
    (0x31F0, "kana"),
    (0x3200, "other"),
    (0x3400, "han"),
    (0x4DC0, "other"),
    (0x4E00, "han"),
    (0xA000, "other"),
    (0xA720, "latin"),
    (0xA800, "other"),
    (0xAC00, "hangul"),
    (0xD7B0, "other"),
    (0xF900, "han"),
    (0xFB00, "other"),
    (0xFB1D, "hebrew"),
    (0xFB50, "arabic"),
    (0xFE00, "other"),
    (0xFE70, "arabic"),
    (0xFF00, "other"),
    (0xFF66, "kana"),
    (0xFFA0, "other"),
    (0x20000, "han"),
    (0x2FA20, "other"),
]
_STARTS = [start for start, _ in _RANGES]

#: Scripts that name one language among those the backends know.
SCRIPT_LANGUAGES: dict[str, str] = {
    "greek": "el",
    "hebrew": "he",
    "bengali": "bn",
    "gurmukhi": "pa",
    "gujarati": "gu",
    "tamil": "ta",
    "telugu": "te",
    "kannada": "kn",
    "malayalam": "ml",
    "thai": "th",
    "hangul": "ko",
    "kana": "ja",
    "han": "zh",
}
#: One CJK character carries about as much as a short word: weigh it like three Latin letters.
CJK_WEIGHT = 3
_CJK = ("han", "kana", "hangul")
_WEIGHT = dict.fromkeys(_CJK, CJK_WEIGHT)


def script_of(char: str) -> str:
    """The script class of one letter."""
    return _RANGES[bisect.bisect_right(_STARTS, ord(char)) - 1][1]


@dataclass(frozen=True, slots=True)
class TextStats:
    """What the character pass found in a text."""

    words: tuple[str, ...]  #: runs of letters, in order
    letters: int  #: letters in the text
    non_space: int  #: non-whitespace characters
    symbols: int  #: code/markup symbols (see `CODE_SYMBOLS`)
    code_lines: bool  #: three or more lines, at least half of them starting like source code
    scripts: tuple[tuple[str, int], ...]  #: letters per non-Latin script class, most first

    @property
    def latin(self) -> int:
        return self.letters - sum(n for _, n in self.scripts)

    @property
    def extra_weight(self) -> int:
        """What CJK characters add when each counts as `CJK_WEIGHT` letters."""
        return (CJK_WEIGHT - 1) * sum(n for name, n in self.scripts if name in _CJK)

    @property
    def weighted_letters(self) -> int:
        """Letters, a CJK character counting as `CJK_WEIGHT`: what `min_letters` is compared with."""
        return self.letters + self.extra_weight

    def judgeable(self, min_letters: int, min_letter_ratio: float) -> bool:
        """Enough letters, enough of the text made of letters, and not code or a table of symbols."""
        letters, non_space = self.weighted_letters, self.non_space + self.extra_weight
        if letters < min_letters or non_space == 0:
            return False
        if letters / non_space < min_letter_ratio or self.code_lines:
            return False
        return self.symbols / non_space <= MAX_SYMBOL_RATIO


def text_stats(text: str) -> TextStats:
    words = tuple(LETTER_RUNS.findall(text))
    letters = sum(map(len, words))
    non_space = sum(map(len, text.split()))
    symbols = len(CODE_SYMBOLS.findall(text))
    other = NON_LATIN.findall(text)
    scripts: tuple[tuple[str, int], ...] = ()
    if other:
        counts = Counter(map(script_of, other))
        counts.pop("latin", None)
        scripts = tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return TextStats(words, letters, non_space, symbols, _code_lines(text), scripts)


def _code_lines(text: str) -> bool:
    if text.count("\n") < 2:
        return False
    lines = sum(1 for line in text.splitlines() if line.strip())
    if lines < 3:
        return False
    return len(CODE_LINE.findall(text)) >= MIN_CODE_LINE_SHARE * lines


def script_language(stats: TextStats) -> tuple[str, float] | None:
    """(language, share) when the letters' scripts settle the language, else None.

    The share is the weighted share of the text's letters that are in the deciding script(s); the text must be
    at least half in them. Han with some kana is Japanese, with more Hangul than kana Korean, alone Chinese.
    """
    if not stats.scripts:
        return None
    weighted = {name: n * _WEIGHT.get(name, 1) for name, n in stats.scripts}
    total = stats.latin + sum(weighted.values())
    cjk = weighted.get("han", 0) + weighted.get("kana", 0) + weighted.get("hangul", 0)
    if cjk:
        kana, hangul = weighted.get("kana", 0), weighted.get("hangul", 0)
        if hangul > kana and hangul >= 0.3 * cjk:
            language = "ko"
        elif kana >= 0.05 * cjk:
            language = "ja"
        else:
            language = "zh"
        share = cjk / total
        return (language, share) if share >= 0.5 else None
    name, count = max(weighted.items(), key=lambda kv: (kv[1], kv[0]))
    single = SCRIPT_LANGUAGES.get(name)
    share = count / total
    if single is None or share < 0.5:
        return None
    return single, share
