"""EncodingTransform: golden cases from the seeds, negatives unchanged, events, config, properties."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (sloppy-windows-* codecs)
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cleaner.cli import main
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


@settings(max_examples=200, deadline=None, derandomize=True)  # the same examples every run: a deterministic suite
@given(st.one_of(ANY_TEXT, VIETNAMESE_TEXT, BROKEN_TEXT))
def test_repair_is_idempotent(text: str) -> None:
    once = STEP(text)
    assert isinstance(once, Document)
    twice = STEP(once.text)
    assert isinstance(twice, Document)
    assert twice.text == once.text


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Â\tÄ", id="no-break-space-as-cp1252"),  # after mojibake repair, in the slow path
        pytest.param("Ã\t0", id="a-grave-as-cp1252"),  # clean text for the pre-check, in the fast path
    ],
)
def test_a_tab_turned_space_does_not_leave_mojibake_for_a_second_run(text: str) -> None:
    # the whitespace stage makes `Â Ä` of `Â\tÄ`: UTF-8 bytes read as Windows-1252, work for another pass
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
        pytest.param("\u00d7\u2018\u00d7\u201d\u00d7\u2022\u00d7\u201c", True, id="symbol-runs-hebrew-as-cp1252"),
        pytest.param("voil\u00c3 le travail", True, id="a-grave-lost-its-nbsp"),
        pytest.param("Tip 2 \u0432\u0402\u201c Broadcast", True, id="utf8-as-cp1251"),
        pytest.param("Le Vigne di Zam\u221a\u2264", True, id="utf8-as-macroman"),
        pytest.param("\u221a2 \u00d7 3 = 4,24", False, id="maths-signs-alone"),
    ],
)
def test_fast_path_gate(text: str, needs_work: bool):
    from cleaner.filters.encoding import _needs_work

    assert _needs_work(text) is needs_work


def test_isolated_symbols_on_the_fast_path_leave_text_unchanged():
    text = "Sở Thông tin và Truyền thông tỉnh Bình Minh\nBản quyền © 2024. Giấy phép số 123/GP-BTTTT"
    doc = EncodingTransform()(Document("d", text))
    assert isinstance(doc, Document) and doc.text == text and doc.events == []


#: UDHR article 2 in French (OHCHR's translation), typeset with curly apostrophes, a dash and an ellipsis.
FRENCH = (
    "Chacun peut se prévaloir de tous les droits et de toutes les libertés proclamés dans la présente "
    "Déclaration – sans distinction aucune, notamment de race, de couleur, de sexe, de langue, de religion, "
    "d’opinion politique ou de toute autre opinion, d’origine nationale ou sociale…"
)


def test_windows_1252_punctuation_read_as_latin1_is_repaired() -> None:
    """`l\\x92Ecole`: Windows-1252 text read as Latin-1 keeps its punctuation (C1 code points become ’ – …),
    also when the line holds UTF-8 mojibake too."""
    misread = FRENCH.encode("cp1252").decode("latin-1")
    assert "\x92" in misread and "\x96" in misread and "\x85" in misread
    doc = STEP(Document(id="fr", text=misread))
    assert isinstance(doc, Document) and doc.text == FRENCH
    mixed = "d\u00e2\u0080\u0099opinion et d\x92origine"  # ’ as UTF-8 read as Latin-1, then as Latin-1 alone
    doc = STEP(Document(id="fr", text=mixed))
    assert isinstance(doc, Document) and doc.text == "d’opinion et d’origine"


def test_lost_byte_of_vietnamese_d_is_restored() -> None:
    """UTF-8 read by a strict Windows-1252 decoder loses 0x90, the second byte of `Đ`: in Vietnamese mojibake
    the line is repaired and `Đ` restored (ftfy alone leaves U+FFFD)."""
    text = "Đồng chí Nguyễn Văn Chương phát biểu tại Đà Nẵng"
    misread = text.encode("utf-8").decode("cp1252", errors="replace")
    assert misread.count("\ufffd") == 2
    doc = STEP(Document(id="vi", text=misread))
    assert isinstance(doc, Document) and doc.text == text
    (event,) = [e for e in doc.events if e.rule == "mojibake.ftfy"]
    assert event.detail["explanation"][0].startswith("restore: Đ")


def test_viqr_is_not_converted(capsys: pytest.CaptureFixture[str]) -> None:
    """VIQR (RFC 1456: `Vie^.t Nam`) is plain ASCII that English shares (`?`, `.`, `'`): not handled, and
    `cleaner filters` says so, next to the encodings that are."""
    viqr = "Co^.ng ho\u0300a xa\u0303 ho^.i chu? nghi~a Vie^.t Nam. DDo^.c la^.p - Tu+. do - Ha.nh phu'c."
    viqr = viqr.replace("\u0300", "`").replace("\u0303", "~")
    doc = STEP(Document(id="viqr", text=viqr))
    assert isinstance(doc, Document) and doc.text == viqr and doc.events == []
    assert main(["filters", "--json"]) == 0
    (step,) = [entry for entry in json.loads(capsys.readouterr().out) if entry["name"] == "encoding"]
    (legacy,) = [param["description"] for param in step["parameters"] if param["name"] == "legacy"]
    for name in ("TCVN3", "TCVN 5712 VN1", "VNI", "VISCII", "VPS", "Windows-1258"):
        assert name in legacy
    assert "VIQR (ASCII: `Vie^.t Nam`) is not converted" in legacy
