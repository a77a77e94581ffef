"""EncodingTransform: golden cases from the seeds, negatives unchanged, events, config, properties."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (sloppy-windows-* codecs)
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cleaner.document import Document
from cleaner.encoding.legacy import encode_legacy, legacy_codec
from cleaner.encoding.mojibake import SUSPICIOUS_RE
from cleaner.filters.encoding import EncodingTransform
from cleaner.steps import ConfigError

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures" / "encoding"
TEXT_CASES = [json.loads(line) for line in (FIXTURES / "text_cases.jsonl").read_text(encoding="utf-8").splitlines()]
NEGATIVES = [json.loads(line) for line in (FIXTURES / "negatives.jsonl").read_text(encoding="utf-8").splitlines()]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
STEP = EncodingTransform()


def expected(case: dict[str, str]) -> str:
    return (FIXTURES / case["expected"]).read_text(encoding="utf-8")


def test_fixture_set_covers_every_breakage_of_every_seed() -> None:
    breakages = {c["breakage"] for c in TEXT_CASES}
    required = {
        "utf8_as_cp1252",
        "utf8_as_cp1252_twice",
        "utf8_as_latin1",
        "utf8_as_latin1_twice",
        "utf8_as_cp1258",
        "cp1258_as_cp1252",
        "tcvn3",
        "tcvn5712-1",
        "vni",
        "viscii",
        "vps",
        "nfd",
        "eth",
        "invisible",
        "whitespace",
    }
    assert required <= breakages
    assert len(TEXT_CASES) == len(SEEDS) * len(breakages)


@pytest.mark.parametrize("case", TEXT_CASES, ids=[c["id"] for c in TEXT_CASES])
def test_golden_text_case_repaired_exactly(case: dict[str, str]) -> None:
    assert case["input"] != expected(case)
    doc = STEP(Document(id=case["id"], text=case["input"]))
    assert isinstance(doc, Document)
    assert doc.text == expected(case)


@pytest.mark.parametrize(
    ("breakage", "rule"),
    [
        ("tcvn3", "legacy.tcvn3"),
        ("tcvn5712-1", "legacy.tcvn5712-1"),
        ("vni", "legacy.vni"),
        ("viscii", "legacy.viscii"),
        ("vps", "legacy.vps"),
        ("cp1258_as_cp1252", "legacy.cp1258"),
        ("utf8_as_cp1252", "mojibake.ftfy"),
        ("utf8_as_cp1258", "mojibake.ftfy"),
        ("nfd", "unicode.nfc"),
        ("eth", "confusable.eth"),
        ("invisible", "invisible.removed"),
        ("whitespace", "whitespace.normalized"),
    ],
)
def test_each_repair_records_its_event(breakage: str, rule: str) -> None:
    # S0 in VN1 holds no capital VN3 lacks, so it reads (correctly) as TCVN3: S1 has `Ủy` (VN1 0x9E).
    seed = 1 if breakage == "tcvn5712-1" else 0
    case = [c for c in TEXT_CASES if c["breakage"] == breakage][seed]
    doc = STEP(Document(id="x", text=case["input"]))
    assert isinstance(doc, Document)
    events = [e for e in doc.events if e.rule == rule]
    assert len(events) == 1
    event = events[0]
    assert event.step == "encoding" and event.action == "rewrote"
    if rule.startswith("legacy."):
        assert event.detail["encoding"] == breakage.split("_")[0] and event.detail["chars"] > 0
    if rule == "mojibake.ftfy":
        assert event.detail["explanation"] and event.detail["chars"] > 0


def test_ftfy_explanation_is_recorded() -> None:
    case = next(c for c in TEXT_CASES if c["breakage"] == "utf8_as_cp1252_twice")
    doc = STEP(Document(id="x", text=case["input"]))
    assert isinstance(doc, Document)
    (event,) = [e for e in doc.events if e.rule == "mojibake.ftfy"]
    assert any(plan.count("encode: sloppy-windows-1252") == 2 for plan in event.detail["explanation"])


@pytest.mark.parametrize("seed", SEEDS, ids=[p.stem for p in SEEDS])
def test_seeds_change_only_by_whitespace_normalisation(seed: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    doc = STEP(Document(id=seed.stem, text=text))
    assert isinstance(doc, Document)
    assert doc.text == (FIXTURES / "expected" / f"{seed.stem}.txt").read_text(encoding="utf-8")
    assert [e.rule for e in doc.events] == ["whitespace.normalized"]
    squash = " ".join(text.replace("\u00a0", " ").split())
    assert " ".join(doc.text.split()) == squash


@pytest.mark.parametrize("case", NEGATIVES, ids=[c["id"] for c in NEGATIVES])
def test_negatives_come_through_unchanged(case: dict[str, str]) -> None:
    doc = STEP(Document(id=case["id"], text=case["text"]))
    assert isinstance(doc, Document)
    assert doc.text == case["text"]
    assert doc.events == []


NON_ASCII_NEGATIVES = [c for c in NEGATIVES if not c["text"].isascii()]


@pytest.mark.parametrize("case", NON_ASCII_NEGATIVES, ids=[c["id"] for c in NON_ASCII_NEGATIVES])
def test_mojibake_of_other_languages_is_repaired_not_converted(case: dict[str, str]) -> None:
    broken = case["text"].encode("utf-8").decode("sloppy-windows-1252")
    doc = STEP(Document(id=case["id"], text=broken))
    assert isinstance(doc, Document)
    assert doc.text == case["text"]
    assert not any(e.rule.startswith("legacy.") for e in doc.events)


@pytest.mark.parametrize(
    ("style", "text", "result"),
    [
        ("keep", "Uỷ ban tỉnh Thanh Hoá và Tỉnh ủy", "Uỷ ban tỉnh Thanh Hoá và Tỉnh ủy"),
        ("old", "Uỷ ban tỉnh Thanh Hoá và Tỉnh ủy", "Ủy ban tỉnh Thanh Hóa và Tỉnh ủy"),
        ("new", "Uỷ ban tỉnh Thanh Hoá và Tỉnh ủy", "Uỷ ban tỉnh Thanh Hoá và Tỉnh uỷ"),
        ("old", "Noé a fêté Noël à l'hôtel", "Noé a fêté Noël à l'hôtel"),
    ],
)
def test_tone_style(style: str, text: str, result: str) -> None:
    doc = EncodingTransform(tone_style=style)(text)
    assert isinstance(doc, Document)
    assert doc.text == result


def test_config_is_validated() -> None:
    with pytest.raises(ConfigError, match=r"encoding\.tone_style"):
        EncodingTransform(tone_style="modern")
    with pytest.raises(ConfigError, match="unknown parameter"):
        EncodingTransform(ftfy=True)


def test_stages_can_be_switched_off() -> None:
    text = "Céng hßa x· héi chñ nghÜa ViÖt Nam  \u200b"
    doc = EncodingTransform(legacy=False, invisible=False, whitespace=False)(text)
    assert isinstance(doc, Document)
    assert doc.text == text


def test_step_identity() -> None:
    assert EncodingTransform.name == "encoding"
    assert EncodingTransform.reasons == ()
    assert EncodingTransform().describe()["config"]["tone_style"] == "keep"


# ------------------------------------------------------------------------------------------- properties
VIETNAMESE_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵĐƯƠ"
VIETNAMESE_TEXT = st.text(alphabet=st.sampled_from(list(VIETNAMESE_LETTERS + " ,.\n")), max_size=200)
ANY_TEXT = st.text(max_size=200)


def _break(text: str, how: str) -> str:
    if how == "cp1252":
        return text.encode("utf-8").decode("sloppy-windows-1252")
    if how == "nfd":
        return unicodedata.normalize("NFD", text)
    codec = legacy_codec(how)
    return "".join(codec.surface_char(b) for b in encode_legacy(text, how))


BROKEN_TEXT = st.builds(_break, VIETNAMESE_TEXT, st.sampled_from(["cp1252", "nfd", "tcvn3", "vni", "viscii"]))


@settings(max_examples=200, deadline=None)
@given(st.one_of(ANY_TEXT, VIETNAMESE_TEXT, BROKEN_TEXT))
def test_repair_is_idempotent(text: str) -> None:
    once = STEP(text)
    assert isinstance(once, Document)
    twice = STEP(once.text)
    assert isinstance(twice, Document)
    assert twice.text == once.text


def _clean(text: str) -> str:
    """Correct text as the step leaves it: NFC, whitespace already normalised."""
    text = unicodedata.normalize("NFC", text)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


@settings(max_examples=200, deadline=None)
@given(st.one_of(VIETNAMESE_TEXT, ANY_TEXT).map(_clean))
def test_correct_nfc_text_without_mojibake_markers_is_left_alone(text: str) -> None:
    assume(not SUSPICIOUS_RE.search(text))
    assume(not any(ch in text for ch in "\u00d0\u00f0\u200c\u200d\u2028\u2029\x85"))
    assume(all(ch.isprintable() or ch == "\n" for ch in text))
    doc = STEP(text)
    assert isinstance(doc, Document)
    assert doc.text == text


@pytest.mark.parametrize(
    "text, needs_work",
    [
        pytest.param("Bản quyền © 2024 Báo Tỉnh Mới", False, id="copyright-sign-alone"),
        pytest.param("« Liberté », dit-il, à 20 °.", False, id="guillemets-and-degree"),
        pytest.param("Céng hßa x· héi chñ nghÜa ViÖt Nam", True, id="tcvn3-in-words"),
        pytest.param("c©y xanh", True, id="tcvn3-copyright-as-a-letter"),
        pytest.param("Viá»‡t Nam", True, id="utf8-mojibake"),
        pytest.param("xin\u200bchào", True, id="zero-width"),
        pytest.param("Straße", True, id="letters-of-the-class"),
    ],
)
def test_fast_path_gate(text: str, needs_work: bool):
    from cleaner.filters.encoding import _needs_work

    assert _needs_work(text) is needs_work


def test_isolated_symbols_on_the_fast_path_leave_text_unchanged():
    text = "Sở Thông tin và Truyền thông tỉnh Bình Minh\nBản quyền © 2024. Giấy phép số 123/GP-BTTTT"
    doc = EncodingTransform()(Document("d", text))
    assert isinstance(doc, Document) and doc.text == text and doc.events == []
