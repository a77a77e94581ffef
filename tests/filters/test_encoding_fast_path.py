"""The encoding step's per-document pre-check (`needs_repair`): text it sends down the fast path (whitespace
only) comes out exactly as the full path (every stage) makes it, events included."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleaner.filters.encoding as encoding_step
from cleaner.document import Document
from cleaner.encoding.chars import ODD_WHITESPACE_RE
from cleaner.filters.encoding import EncodingConfig, needs_repair, repair_text

ROOT = Path(__file__).resolve().parents[2]
CONFIG = EncodingConfig()

#: Pairs at the pre-check's edge: text that just passes it, and text that just does not (correct, like `Müller`,
#: or broken).
EDGES = [
    ("© 2024 Công ty", "c©y"),
    ("Nhiệt độ: 25 °", "Nhiệt độ 25°C"),
    ("« Hà Nội »", "«Hà Nội»"),
    ("Muller café", "Müller café"),
    ("voilà le travail", "voilÃ le travail"),
    ("Đại học", "Ðại học"),
    ("a b", "a\u200bb"),
    ("thuở ấy", "thuo\u031bở ấy"),
    ("plain ascii  with spaces\t\n\n\n", "plain ascii\x07bell"),
    ("вот так", "вЂ“ Р°"),
    ("√2 ≈ 1.41", "√≤"),
    ("Windows ™ XP", "Windows™ XP"),
    ("Â là", "Â ¼"),  # a lone symbol sends the line to ftfy, which reads `Â ` as a no-break space
    ("в тот раз", "в тот вЂ“ раз"),  # a pair after a first character of one that starts none
    ("Вот и всё", "Вот и всё ü"),  # a work character after one
]


def _repaired(text: str) -> tuple[str, list[dict[str, object]]]:
    doc = Document("x", text)
    return repair_text(text, CONFIG, doc), [event.to_dict() for event in doc.events]


def _full_path(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[str, list[dict[str, object]]]:
    with monkeypatch.context() as patch:
        patch.setattr(encoding_step, "needs_repair", lambda _text: True)
        patch.setattr(encoding_step, "_quiet_state", lambda _text: False)
        return _repaired(text)


def _corpus() -> list[str]:
    texts = [text for pair in EDGES for text in pair]
    texts += [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]
    for name, key in (("text_cases.jsonl", "input"), ("negatives.jsonl", "text")):
        lines = (ROOT / "fixtures" / "encoding" / name).read_text(encoding="utf-8").splitlines()
        texts += [json.loads(line)[key] for line in lines]
    return texts


def test_every_always_work_character_is_a_work_character() -> None:
    """What lets `_needs_work` test both classes in one scan of the work characters."""
    always = [chr(c) for c in range(0x110000) if encoding_step._ALWAYS_WORK_RE.match(chr(c))]
    for with_leads, alone in encoding_step._WORK_SCANS.values():
        assert always and all(with_leads.match(ch) and alone.match(ch) for ch in always)


def _quiet_by_definition(text: str) -> bool:
    return not needs_repair(text) and ODD_WHITESPACE_RE.search(text) is None


def _check_quiet_state(text: str) -> None:
    """True is quiet, False is `needs_repair`, None is neither known (odd whitespace, then no repair needed)."""
    if not text.isascii():
        state = encoding_step._quiet_state(text)
        assert (state is True) == _quiet_by_definition(text)
        assert state is not False or needs_repair(text)
        work = encoding_step._needs_work(text, odd_whitespace=True)
        assert work is None or work is encoding_step._needs_work(text)


@pytest.mark.parametrize("text", [text for pair in EDGES for text in pair] + ["é\u00a0à", "é\tà", "«é» \u3000"])
def test_quiet_is_no_repair_and_no_odd_whitespace(text: str) -> None:
    _check_quiet_state(text)


def test_the_edges_sit_on_both_sides() -> None:
    assert [(needs_repair(clean), needs_repair(broken)) for clean, broken in EDGES] == [(False, True)] * len(EDGES)


@pytest.mark.parametrize("text", _corpus(), ids=lambda text: repr(text[:40]))
def test_the_fast_path_gives_what_the_full_path_gives(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _repaired(text) == _full_path(text, monkeypatch)


ALPHABET = st.sampled_from([*"ab Hà\nộ©°«»ÃÂ¼\u00a0\u00ad\u200b\u0301ÐðВР°вЂ√≤™€Ä\ufffd\x81\x07\t", "  ", "\r\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=12).map("".join))
def test_quiet_is_no_repair_and_no_odd_whitespace_in_any_mix(text: str) -> None:
    _check_quiet_state(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=12).map("".join))
def test_the_fast_path_agrees_on_any_mix(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert _repaired(text) == _full_path(text, monkeypatch)
