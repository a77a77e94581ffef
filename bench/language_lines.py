"""A labelled evaluation of the language step's per-line tags: mixed-language documents built from labelled text.

Real text of known language, from two sources: the repository's `fixtures/language/eval.tsv` (7,295 sentences,
25 languages) and the UDHR (`bench/udhr.py`, 64 languages, never tuned on; left out when it cannot be fetched).
From them `documents(seed)` builds, deterministically, documents whose every line has a known language:

* `mono`: 4-14 lines of one language;
* `quote`: a document of one language with one paragraph of another in it (a quotation);
* `block`: a document of one language with a block of 3-5 lines of another (a pasted section);
* `halves`: a bilingual page, half in one language and half in another;
* `short_lines`: lines of 1-6 words cut from sentences (a menu, a list, a table), with some full sentences;
* `vi_en`: Vietnamese pages with English terms spliced into the sentences (their lines stay Vietnamese), English
  menu items of 2-5 words and English sentences.

Scores, for whatever `cleaner` is imported (run it once with main's code on `PYTHONPATH` to compare):

* `line_accuracy`: the share of the documents' characters (stripped non-blank lines) whose line is tagged with
  its language, a line tagged `und` counting as wrong; also per kind, and `und_share`;
* `document_decisions`: for each document, keep or reject with `languages` set to its main language (the one
  most of its characters are in), as `LanguageFilter(languages=...)` decides: how many are kept.

    python -m bench.language_lines [--seed 0] [--docs-per-kind 300] [--out FILE]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from bench import udhr
from cleaner.document import Document
from cleaner.filters.language import LanguageConfig, LanguageFilter
from cleaner.language import UNDETERMINED, line_languages

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / "fixtures" / "language" / "eval.tsv"
#: Languages written without spaces between words: cut into pieces of characters, not words.
UNSPACED = frozenset({"bo", "ja", "km", "ko", "lo", "my", "th", "zh"})
KINDS = ("mono", "quote", "block", "halves", "short_lines", "vi_en")

Line = tuple[str, str]  # (language, text)


def labelled_sentences() -> dict[str, list[str]]:
    """Sentences per language: eval.tsv's, then the UDHR's (when available), each list in a fixed order."""
    pools: dict[str, list[str]] = defaultdict(list)
    with EVAL.open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE):
            pools[row["language"]].append(row["text"])
    for language, text in udhr.sentences(translations={**udhr.TRANSLATIONS, **udhr.BEYOND_LANGDETECT}):
        pools[language].append(text)
    return {language: texts for language, texts in sorted(pools.items()) if len(texts) >= 20}


def _piece(rng: random.Random, language: str, sentence: str, most: int) -> str:
    """A cut of 1 to `most` words of `sentence` (of `3 * most` characters in an unspaced script)."""
    if language in UNSPACED:
        width = rng.randint(2, 3 * most)
        start = rng.randint(0, max(0, len(sentence) - width))
        return sentence[start : start + width].strip() or sentence
    words = sentence.split()
    width = rng.randint(1, most)
    start = rng.randint(0, max(0, len(words) - width))
    return " ".join(words[start : start + width])


class _Builder:
    def __init__(self, pools: dict[str, list[str]], seed: int) -> None:
        self.pools = pools
        self.languages = sorted(pools)
        self.rng = random.Random(seed)

    def lines(self, language: str, n: int) -> list[Line]:
        return [(language, self.rng.choice(self.pools[language])) for _ in range(n)]

    def two(self) -> tuple[str, str]:
        first, second = self.rng.sample(self.languages, 2)
        return first, second

    def mono(self) -> list[Line]:
        return self.lines(self.rng.choice(self.languages), self.rng.randint(4, 14))

    def quote(self) -> list[Line]:
        main, other = self.two()
        lines = self.lines(main, self.rng.randint(5, 12))
        lines.insert(self.rng.randint(1, len(lines) - 1), self.lines(other, 1)[0])
        return lines

    def block(self) -> list[Line]:
        main, other = self.two()
        lines = self.lines(main, self.rng.randint(6, 14))
        at = self.rng.randint(0, len(lines))
        return lines[:at] + self.lines(other, self.rng.randint(3, 5)) + lines[at:]

    def halves(self) -> list[Line]:
        first, second = self.two()
        n = self.rng.randint(3, 8)
        return self.lines(first, n) + self.lines(second, n)

    def short_lines(self) -> list[Line]:
        language = self.rng.choice(self.languages)
        lines = [(language, _piece(self.rng, language, text, 6)) for _, text in self.lines(language, 12)]
        return lines + self.lines(language, self.rng.randint(1, 4))

    def vi_en(self) -> list[Line]:
        lines: list[Line] = []
        for _ in range(self.rng.randint(6, 14)):
            roll = self.rng.random()
            if roll < 0.2:
                lines.append(("en", _piece(self.rng, "en", self.rng.choice(self.pools["en"]), 5)))
            elif roll < 0.3:
                lines.extend(self.lines("en", 1))
            else:
                words = self.rng.choice(self.pools["vi"]).split()
                term = _piece(self.rng, "en", self.rng.choice(self.pools["en"]), 3)
                words.insert(self.rng.randint(0, len(words)), term)
                lines.append(("vi", " ".join(words)))
        return lines


def documents(pools: dict[str, list[str]], per_kind: int, seed: int = 0) -> list[tuple[str, list[Line]]]:
    """(kind, labelled lines) for `per_kind` documents of each of `KINDS`, the same for the same seed."""
    builder = _Builder(pools, seed)
    return [(kind, getattr(builder, kind)()) for kind in KINDS for _ in range(per_kind)]


def main_language(lines: list[Line]) -> str:
    chars: Counter[str] = Counter()
    for language, text in lines:
        chars[language] += len(text.strip())
    return max(sorted(chars), key=lambda code: chars[code])


def score(docs: list[tuple[str, list[Line]]]) -> dict[str, Any]:
    """Character-weighted per-line accuracy (per kind too) and document decisions of the imported step."""
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    undetermined = 0
    kept = 0
    filters: dict[str, LanguageFilter] = {}
    began = time.process_time()
    for kind, lines in docs:
        text = "\n".join(line for _, line in lines)
        for (truth, line), tagged in zip(lines, line_languages(text), strict=True):
            n = len(line.strip())
            total[kind] += n
            right[kind] += n * (tagged == truth)
            undetermined += n * (tagged == UNDETERMINED)
        language = main_language(lines)
        if language not in filters:
            filters[language] = LanguageFilter(LanguageConfig(languages=(language,)))
        kept += isinstance(filters[language].process(Document("eval", text)), Document)
    seconds = time.process_time() - began
    chars = sum(total.values())
    return {
        "documents": len(docs),
        "lines": sum(len(lines) for _, lines in docs),
        "chars": chars,
        "line_accuracy": round(sum(right.values()) / chars, 4),
        "line_accuracy_by_kind": {kind: round(right[kind] / total[kind], 4) for kind in KINDS},
        "und_share": round(undetermined / chars, 4),
        "document_decisions": {"kept": kept, "rejected": len(docs) - kept},
        "cpu_seconds": round(seconds, 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--docs-per-kind", type=int, default=300)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    pools = labelled_sentences()
    figures = {"languages": len(pools), "seed": args.seed, **score(documents(pools, args.docs_per_kind, args.seed))}
    text = json.dumps(figures, indent=2)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    print(text, file=sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
