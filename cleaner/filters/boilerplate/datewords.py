"""The dateline vocabulary of every language dateparser knows: month names and abbreviations, weekdays, am/pm,
relative units with their "ago" and "in" words, year suffixes and the small words that join a date's parts.

dateparser ships this for about 200 locales (`dateparser/data/date_translation_data/*.py`, CLDR-derived and kept
up by its maintainers), so a dateline in a language we wrote no data file for (`1 декабря 2026, 14:20`,
`Selasa, 1 Desember 2026 14:20 WIB`) is still read. A weekday may stand anywhere on a dateline, so a large
vocabulary of them could turn a short line of prose into a "dateline": a weekday is kept only when it cannot be
mistaken for an ordinary word, with at least three characters (one is enough in scripts written without spaces:
火, 월), a letter, no digit, and no stop word of any language in `cleaner/data/stopwords/`; so are the "in"
words ("через"; not "in", "en", "за", which are prepositions of prose). Words that count only in their place
(months between a day and a year, units before "ago", a zone after a time, a connector before a number) are kept
with any length: their place is the guard.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from dateparser import timezones
from dateparser.data import date_translation_data

from cleaner.linemodel.features import stopword_lists

__all__ = ["UNSPACED", "UNSPACED_SCRIPTS", "DateWords", "locale_date_words", "trie_alternation"]

_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_UNITS = ("year", "month", "week", "day", "hour", "minute", "second")
#: Scripts written without spaces between words, where one character is a word (日, 火, 월): kana, CJK
#: ideographs, Hangul syllables (a character class body).
UNSPACED_SCRIPTS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
UNSPACED = re.compile(f"[{UNSPACED_SCRIPTS}]")
_MIN_FREE_CHARS = 3


@dataclass(frozen=True)
class DateWords:
    """Case-folded date words of the chosen locales."""

    months: dict[str, int]
    weekdays: frozenset[str]
    meridiem: dict[str, str]  # word -> "am" / "pm"
    relative_units: frozenset[str]
    relative_words: frozenset[str]  # "ago" and "in" words: "назад", "hace", "前", "через"
    relative_days: frozenset[str]  # today and yesterday: "сегодня", "вчера", "hôm qua", "昨天"
    year_suffixes: frozenset[str]  # after a year: "г", "года", "r", "roku"
    connectors: frozenset[str]  # between a date's parts: "de", "del", "of"
    zones: frozenset[str]  # time-zone abbreviations: "cet", "wib", "msk"


def _form(word: str) -> str:
    """The matching form of a data word: NFC, case-folded, without the brackets of "(月)" or a final dot."""
    return unicodedata.normalize("NFC", word).casefold().strip().strip("()").rstrip(".").strip()


def _is_word(word: str) -> bool:
    """A word, not a numeral or a suffix: it opens with a letter and holds no digit ("tháng 12", "12月" and
    "bk1" are shapes the date expressions read themselves; "-án" is a suffix written onto a number). The
    parser looks a line's next word up among the first words of its vocabulary, so every entry opens with one."""
    return word[:1].isalpha() and not any(c.isdigit() for c in word)


def _free(word: str, stopwords: dict[str, tuple[int, ...]]) -> bool:
    """Whether `word` is safe where it may stand anywhere on a dateline: no stop word of any language, and long
    enough to be no abbreviation of something else (one character in scripts without spaces)."""
    if not _is_word(word) or word in stopwords:
        return False
    return len(word) >= _MIN_FREE_CHARS or bool(UNSPACED.search(word))


def _locales(languages: tuple[str, ...] | None) -> list[dict[str, object]]:
    """dateparser's `info` dicts of `languages` (each with its regional and script variants: "zh" takes
    "zh-Hans" and "zh-Hant"), or of every locale when None."""
    names = sorted(m.name for m in pkgutil.iter_modules(date_translation_data.__path__))
    if languages is not None:
        names = [n for n in names if n.split("-")[0] in languages]
    return [importlib.import_module(f"{date_translation_data.__name__}.{name}").info for name in names]


def _words(info: dict[str, object], key: str) -> list[str]:
    raw = info.get(key, [])
    return [_form(w) for w in raw if isinstance(w, str)] if isinstance(raw, list) else []


@lru_cache(maxsize=16)
def locale_date_words(languages: tuple[str, ...] | None = None) -> DateWords:
    """The date words of `languages` (ISO 639-1 codes; every locale dateparser ships when None). Cached: the
    data modules are read once per process."""
    stopwords = stopword_lists()[1]
    month_votes: dict[str, Counter[int]] = {}
    meridiem: dict[str, str] = {}
    weekdays: set[str] = set()
    units: set[str] = set()
    relative: set[str] = set()
    days: set[str] = set()
    year_suffixes: set[str] = set()
    connectors: set[str] = set()
    for info in _locales(languages):
        for number, name in enumerate(_MONTHS, start=1):
            for word in set(_words(info, name)):
                if _is_word(word):
                    month_votes.setdefault(word, Counter())[number] += 1
        weekdays.update(w for name in _WEEKDAYS for w in _words(info, name) if _free(w, stopwords))
        for half in ("am", "pm"):
            meridiem.update((w, half) for w in _words(info, half) if _is_word(w) and w not in meridiem)
        units.update(w for name in _UNITS for w in _words(info, name) if _is_word(w))
        relative.update(w for w in _words(info, "ago") if _is_word(w))
        # "in" words ("in", "en", "за") are also prepositions of prose: only the unambiguous ones.
        relative.update(w for w in _words(info, "in") if _free(w, stopwords))
        # "Вчера, 14:20": today and yesterday, the words dateparser reads as 0 and 1 day ago.
        relative_types = info.get("relative-type", {})
        if isinstance(relative_types, dict):
            for key in ("0 day ago", "1 day ago"):
                words = relative_types.get(key, [])
                days.update(w for w in map(_form, words if isinstance(words, list) else []) if _free(w, stopwords))
        year_suffixes.update(w for w in _words(info, "year") if _is_word(w))
        connectors.update(w for w in _words(info, "skip") if _is_word(w))
    # A word that names different months in different locales ("listopad": November in Czech and Polish,
    # October in Croatian) is the month most locales give it (the earlier month on a tie).
    months = {word: min(votes, key=lambda m: (-votes[m], m)) for word, votes in month_votes.items()}
    # Months are no weekdays: "mar" (Spanish Tuesday, English March) is read as the month it also is.
    weekdays -= months.keys()
    # Zones count only right after a time ("12:45 CET"): their place is the guard, as for months.
    zones = {_form(abbr) for group in timezones.timezone_info_list for abbr, _ in group["timezones"] if abbr.isalpha()}
    return DateWords(
        months=months,
        weekdays=frozenset(weekdays),
        meridiem=meridiem,
        relative_units=frozenset(units),
        relative_words=frozenset(relative),
        relative_days=frozenset(days),
        year_suffixes=frozenset(year_suffixes),
        connectors=frozenset(connectors),
        zones=frozenset(zones),
    )


def trie_alternation(words: Iterable[str]) -> str:
    """A regex matching any of `words`, longest first, as a trie of shared prefixes (`ja(?:n|nuar)`): Python's
    `re` tries the branches of a flat alternation one by one, so thousands of words would cost thousands of
    tries at every position; a trie costs one per character. "(?!)" (never matches) for no words."""
    trie: dict[str, dict] = {}
    for word in words:
        if word:
            node = trie
            for char in word:
                node = node.setdefault(char, {})
            node[""] = {}
    return _trie_regex(trie) if trie else "(?!)"


def _trie_regex(node: dict[str, dict]) -> str:
    branches = [re.escape(char) + _trie_regex(child) for char, child in sorted(node.items()) if char]
    ends_here = "" in node
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    if ends_here:
        # The longer words first: the branches are tried, and a word may end here.
        return f"(?:{body})?"
    return body
