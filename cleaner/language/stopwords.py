"""Stop-word votes: does a line read like the document's language, or like another one written in its script?

A line's function words say its language cheaply: an English paragraph is full of `the`, `of`, `and`, a German
one of `und`, `der`, `die`, a Russian one of `и`, `в`, `не`. The lists are jusText's
(`cleaner/data/stopwords/`); only the languages the step tags vote, each only against the languages of its
own script (Latin, Cyrillic, Arabic or Devanagari): jusText's lists, drawn from Wikipedia, hold English words
(Hindi's and Arabic's hold `the`, `of`, `and`), which must not make an English line look Hindi. For the same
reason `the` and `and`, which 27 and 25 of the 30 Latin-script lists hold (English titles are quoted in every
Wikipedia) and no other language writes, vote for English only.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from importlib import resources

__all__ = ["ENGLISH_ONLY", "MAX_VOTING_WORDS", "SCRIPT_OF_LANGUAGE", "stopword_votes", "words_of"]

#: ISO 639-1 code -> jusText list, for the languages the step tags in a script shared by several languages.
_LISTS = {
    "af": "Afrikaans", "ca": "Catalan", "cs": "Czech", "cy": "Welsh", "da": "Danish", "de": "German",
    "en": "English", "es": "Spanish", "et": "Estonian", "fi": "Finnish", "fr": "French", "hr": "Croatian",
    "hu": "Hungarian", "id": "Indonesian", "it": "Italian", "lt": "Lithuanian", "lv": "Latvian", "nl": "Dutch",
    "no": "Norwegian_Bokmal", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "sk": "Slovak",
    "sl": "Slovenian", "sq": "Albanian", "sv": "Swedish", "sw": "Swahili", "tl": "Tagalog", "tr": "Turkish",
    "vi": "Vietnamese", "be": "Belarusian", "bg": "Bulgarian", "kk": "Kazakh", "mk": "Macedonian",
    "ru": "Russian", "sr": "Serbian", "uk": "Ukrainian", "ar": "Arabic", "fa": "Persian", "ur": "Urdu",
    "hi": "Hindi", "mr": "Marathi", "ne": "Nepali",
}  # fmt: skip
_CYRILLIC = ("be", "bg", "kk", "mk", "ru", "sr", "uk")
_ARABIC = ("ar", "fa", "ur")
_DEVANAGARI = ("hi", "mr", "ne")
#: The script each language of a shared script is written in (`so`, Somali, has no list but is Latin).
SCRIPT_OF_LANGUAGE: dict[str, str] = {
    **dict.fromkeys((*_LISTS, "so"), "latin"),
    **dict.fromkeys(_CYRILLIC, "cyrillic"),
    **dict.fromkeys(_ARABIC, "arabic"),
    **dict.fromkeys(_DEVANAGARI, "devanagari"),
}
#: English words that most lists hold as quoted titles, and no other language of the step uses.
ENGLISH_ONLY = ("the", "and")
#: Words of a line that vote (a long paragraph is known by its start).
MAX_VOTING_WORDS = 40
#: Runs of letters; a Devanagari word with its vowel signs (half of it: they are marks, not letters).
_WORD = re.compile(r"[\u0900-\u097f]+|[^\W\d_]+")


def words_of(text: str) -> list[str]:
    """The case-folded words of `text`."""
    return _WORD.findall(text.lower())


@functools.cache
def _table(script: str) -> tuple[dict[str, int], dict[str, int]]:
    """The stop words of the languages of `script`, each as an integer holding one byte per language (1 where
    that language's list holds the word; `ENGLISH_ONLY`: English's only), and each language's byte. The votes
    of a line's words are then their sum (at most `MAX_VOTING_WORDS` < 256 per byte): one C call per line."""
    folder = resources.files("cleaner") / "data" / "stopwords"
    codes = tuple(code for code in sorted(_LISTS) if SCRIPT_OF_LANGUAGE[code] == script)
    holders: dict[str, list[int]] = {}
    for column, code in enumerate(codes):
        for word in set((folder / f"{_LISTS[code]}.txt").read_text(encoding="utf-8").split("\n")):
            if word and _WORD.fullmatch(word):
                holders.setdefault(word, []).append(column)
    if "en" in codes:
        for word in ENGLISH_ONLY:
            holders[word] = [codes.index("en")]
    packed = {word: sum(1 << (8 * column) for column in columns) for word, columns in holders.items()}
    return packed, {code: column for column, code in enumerate(codes)}


@functools.cache
def _voting(language: str) -> tuple[dict[str, int], int, int] | None:
    """(packed stop words of `language`'s script, the bit offset of its byte, bytes per packed word), or None
    for a language without a list: what each call of `stopword_votes` would otherwise look up again."""
    script = SCRIPT_OF_LANGUAGE.get(language)
    if script is None or language not in _LISTS:
        return None
    packed, columns = _table(script)
    return packed, 8 * columns[language], len(columns)


def stopword_votes(words: Sequence[str], language: str) -> tuple[int, int]:
    """(words in `language`'s list, most words in one other list of its script) among the first
    `MAX_VOTING_WORDS` words: how strongly they read as `language` and as its strongest rival. (0, 0) for a
    language without a list."""
    voting = _voting(language)
    if voting is None:
        return 0, 0
    packed, shift, width = voting
    total = sum(filter(None, map(packed.get, words[:MAX_VOTING_WORDS])))  # big integers: only the hits are added
    if not total:
        return 0, 0
    own = (total >> shift) & 0xFF
    return own, max((total - (own << shift)).to_bytes(width, "little"))
