"""ftfy's own test cases (ftfy 6.3.1 `tests/test_cases.json`, in `fixtures/ftfy/`) through the encoding step.

Every case ftfy expects to pass must come out as ftfy's `fixed`, up to the differences we choose on purpose:
`FIXES` names each with its reason and the ftfy function (or ours) that undoes it; they are applied to both
outputs before comparing, curly quotes everywhere, the others only to the cases `DIFFERENCES` lists, so an
entry covers that difference and nothing else, and an entry that no longer differs fails too. Every negative
case (`fixed` equal to `original`) must come through unchanged.

The step runs with `whitespace=False`: its whitespace stage (NBSP to space, runs of spaces, trailing spaces)
is a separate, documented normalisation that ftfy does not do, tested in `tests/encoding/test_chars.py`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import ftfy.fixes
import pytest

from cleaner.document import Document
from cleaner.encoding.chars import remove_controls
from cleaner.filters.encoding import EncodingTransform

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "ftfy" / "test_cases.json"
#: sha256 of `tests/test_cases.json` in ftfy-6.3.1.tar.gz.
FIXTURE_SHA256 = "73aeefd7b405af501da79b4ca510f183becd6a289bfad90b499578a9450ad681"
CASES = [case for case in json.loads(FIXTURE.read_text(encoding="utf-8")) if case["expect"] == "pass"]
STEP = EncodingTransform(whitespace=False)

#: Differences on purpose: name -> (a function making both sides alike, why we differ).
FIXES: dict[str, tuple[Callable[[str], str], str]] = {
    "quotes": (ftfy.fixes.uncurl_quotes, "curly quotes are correct text: we keep them, ftfy straightens them"),
    "width": (ftfy.fixes.fix_character_width, "full-width letters and punctuation are correct CJK text"),
    "ligatures": (ftfy.fixes.fix_latin_ligatures, "ligatures and digraph letters are kept as written"),
    "controls": (
        lambda text: remove_controls(text)[0],
        "a C1 control with no Windows-1252 meaning (0x81) is removed with the other controls; ftfy keeps it",
    ),
}
#: Applied to every case: ftfy's defaults straighten every curly quote.
EVERYWHERE = ("quotes",)
#: ftfy's label -> the other differences of that case.
DIFFERENCES: dict[str, tuple[str, ...]] = {
    "Handle Afrikaans 'n character": ("ligatures",),
    "Handle Croatian single-codepoint digraphs": ("ligatures",),
    "English example in UTF-8 / Windows-1251 with a ligature": ("ligatures",),
    "Wide comma in UTF-8 / Windows-1252": ("width",),
    "Synthetic, negative: don't leak our internal use of byte 0x1A": ("controls",),
}


def _id(case: dict[str, str]) -> str:
    return case["label"]


def _repair(text: str) -> str:
    doc = STEP(Document(id="ftfy", text=text))
    assert isinstance(doc, Document)
    return doc.text


NEGATIVES = [case for case in CASES if case["original"] == case["fixed"]]
REPAIRS = [case for case in CASES if case["original"] != case["fixed"]]


def test_the_fixture_is_ftfy_6_3_1s_file() -> None:
    assert hashlib.sha256(FIXTURE.read_bytes()).hexdigest() == FIXTURE_SHA256
    assert len(CASES) == 151 and len(NEGATIVES) == 37
    assert set(DIFFERENCES) <= {case["label"] for case in REPAIRS}


@pytest.mark.parametrize("case", NEGATIVES, ids=_id)
def test_negative_case_is_left_unchanged(case: dict[str, str]) -> None:
    assert _repair(case["original"]) == case["original"]


@pytest.mark.parametrize("case", REPAIRS, ids=_id)
def test_case_is_repaired_as_ftfy_does(case: dict[str, str]) -> None:
    ours, theirs = _repair(case["original"]), case["fixed"]
    fixes = DIFFERENCES.get(case["label"], ())
    if fixes:
        assert FIXES["quotes"][0](ours) != theirs, "no longer differs: remove it from DIFFERENCES"
    for name in (*fixes, *EVERYWHERE):
        alike = FIXES[name][0]
        ours, theirs = alike(ours), alike(theirs)
    assert ours == theirs
