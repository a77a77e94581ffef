"""detect_language / paragraph_languages: the functions other steps call."""

from __future__ import annotations

import inspect

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.language import analyse, detect_language, identify, paragraph_languages
from cleaner.language.detect import sample_text
from cleaner.steps import ConfigError

VI = "Sở Thông tin và Truyền thông tổ chức Hội nghị tổng kết công tác năm 2022, triển khai nhiệm vụ năm 2023."
EN = "The provincial department held a meeting to review its work in 2022 and plan the tasks for 2023."


def test_signatures_are_stable() -> None:
    assert str(inspect.signature(detect_language)).startswith("(text: 'str', *")
    assert inspect.signature(detect_language).return_annotation == "tuple[str, float]"
    assert str(inspect.signature(paragraph_languages)).startswith("(text: 'str', *")
    assert inspect.signature(paragraph_languages).return_annotation == "dict[str, float]"


@pytest.mark.parametrize(
    ("text", "expected"),
    [(VI, "vi"), (EN, "en"), ("", "und"), ("   ", "und"), ("12345 67890", "und")],
    ids=["vi", "en", "empty", "spaces", "digits"],
)
def test_detect_language(text: str, expected: str) -> None:
    language, score = detect_language(text)
    assert language == expected
    assert (score == 0.0) if expected == "und" else (score > 0.9)


def test_paragraph_languages_shares_by_characters() -> None:
    shares = paragraph_languages(f"{VI}\n\n{EN}\n1 2 3 … 10\n")
    total = len(VI) + len(EN) + len("1 2 3 … 10")
    assert shares == {
        "vi": round(len(VI) / total, 4),
        "en": round(len(EN) / total, 4),
        "und": round(len("1 2 3 … 10") / total, 4),
    }
    assert list(shares) == ["vi", "en", "und"]


def test_paragraph_languages_empty() -> None:
    assert paragraph_languages("") == {}
    assert paragraph_languages("\n \n") == {}


def test_methods_reported() -> None:
    assert identify(VI).method == "detector"
    assert identify("이 설정 방법은 이 안내서의 범위를 벗어납니다.").method == "script"
    assert identify("toi khong biet nguoi do la ai").language == "vi"
    assert identify("Tin khác").method == "vi_letters"
    assert identify("Très bien").method == "too_short"
    assert identify("x = f(a[i]); y = g(b[j]); z = h(c[k]);").method == "symbolic"


def test_unknown_backend_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="backend"):
        detect_language(VI, backend="cld3")


def test_sample_text_is_bounded_and_covers_the_whole_text() -> None:
    text = " ".join(f"w{i:05d}" for i in range(5000))
    sample = sample_text(text, 4000)
    assert len(sample) <= 4000
    assert sample.startswith("w00000")
    assert "w04999" in sample
    assert sample_text(text, 4000) == sample
    assert sample_text("short", 4000) == "short"
    assert sample_text(text, None) == text


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gets_a_valid_deterministic_answer(text: str) -> None:
    language, score = detect_language(text)
    assert (language, score) == detect_language(text)
    assert 0.0 <= score <= 1.0
    assert language == "und" or (len(language) == 2 and language.islower())
    shares = paragraph_languages(text)
    assert shares == paragraph_languages(text)
    if shares:
        assert sum(shares.values()) == pytest.approx(1.0, abs=1e-3)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([VI, EN, "Trang chủ", "1 2 3", "Skip to main content"]), min_size=1, max_size=8))
def test_paragraph_shares_follow_lines(lines: list[str]) -> None:
    shares = paragraph_languages("\n".join(lines))
    assert set(shares) <= {"vi", "en", "und"}
    if VI in lines:
        assert shares["vi"] > 0


def _eval_rows() -> list[dict[str, str]]:
    import csv
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "fixtures" / "language" / "eval.tsv"
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def _windows(text: str, sizes: tuple[int, ...]) -> list[str]:
    words = text.split()
    return [" ".join(words[i : i + n]) for n in sizes for i in range(0, len(words) - n + 1, 2)]


def test_short_vietnamese_windows_are_vietnamese() -> None:
    """2-3 word windows of the Vietnamese sentences whose words all carry diacritics (no English terms)."""
    windows = [
        w
        for r in _eval_rows()
        if r["language"] == "vi"
        for w in _windows(r["text"], (2, 3))
        if not any(word.isascii() for word in w.split())
    ]
    assert len(windows) > 1000
    right = sum(detect_language(w)[0] == "vi" for w in windows)
    assert right / len(windows) >= 0.99


def test_short_windows_of_other_languages_are_rarely_vietnamese() -> None:
    windows = [w for r in _eval_rows()[::10] if r["language"] != "vi" for w in _windows(r["text"], (1, 2, 3))]
    assert len(windows) > 10000
    called_vi = [w for w in windows if detect_language(w)[0] == "vi"]
    assert len(called_vi) <= 0.001 * len(windows)


def test_analyse_agrees_with_identify_and_paragraph_languages() -> None:
    from pathlib import Path

    seeds = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    texts += [f"{VI}\n\n{EN}\n1 2 3\u2028Trang chủ\r\nx = f(a[i]);", "", "Tin khác", EN * 200]
    for text in texts:
        assert analyse(text) == (identify(text), paragraph_languages(text))


def test_line_languages_one_label_per_line() -> None:
    from cleaner.language import line_languages

    text = f"Skip to main content\n\n{VI}\n{EN}\n1 2 3 … 10"
    assert line_languages(text) == ["en", "", "vi", "en", "und"]
    assert line_languages("") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("วันที่ ๑๕ มีนาคม ๒๕๖๗", "th"),  # Thai with Thai digits
        ("วันที่ ๑๕ มีนาคม ๒๕๖๗ เวลา ๐๙.๓๐ น.", "th"),  # under half letters when vowel signs and digits did not count
        ("ข้อ 1", "th"),
        ("2024년 3월 15일", "ko"),  # a Korean date
        ("이에,", "ko"),
        ("שלום עולם", "he"),
        ("Γεια σου", "el"),
        ("გამარჯობა", "ka"),
        ("Բարև ձեզ", "hy"),
        ("ສະບາຍດີ", "lo"),
        ("សួស្តី", "km"),
    ],
    ids=["thai-digits", "thai-date-time", "thai-heading", "korean-date", "korean-word", "hebrew", "greek",
         "georgian", "armenian", "lao", "khmer"],
)  # fmt: skip
def test_a_script_owned_by_one_language_decides_short_text_alone(text: str, expected: str) -> None:
    guess = identify(text)
    assert (guess.language, guess.method) == (expected, "script")
    assert guess.score > 0.5


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Я тебя люблю.", "ru"),  # three words, ten letters
        ("Мы пошли домой.", "ru"),
        ("यह मेरा घर है।", "hi"),  # four words, half of their letters vowel signs
        ("मैं घर जा रहा हूँ", "hi"),  # five words
    ],
    ids=["ru-3-words", "ru-3-words-b", "hi-4-words", "hi-5-words"],
)
def test_short_sentences_in_a_script_of_few_languages_are_judged(text: str, expected: str) -> None:
    assert identify(text).language == expected


@pytest.mark.parametrize(
    "text",
    ["ОК", "中国", "12 34", "Да", "عن", "।।"],
    ids=["cyrillic-2-letters", "han-2-chars", "digits", "cyrillic-word", "arabic-word", "danda"],
)
def test_text_with_nothing_to_go_on_is_undetermined(text: str) -> None:
    assert identify(text).language == "und"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ALLE MENSCHEN SIND FREI UND GLEICH", "de"),
        ("WSZYSCY LUDZIE RODZĄ SIĘ WOLNI I RÓWNI", "pl"),
        ("KAIKKI IHMISET SYNTYVÄT VAPAINA", "fi"),
        ("ПРАВА ЛЮДИНИ ТА ОСНОВОПОЛОЖНІ СВОБОДИ", "uk"),
    ],
    ids=["de", "pl", "fi", "uk"],
)
def test_text_in_capitals_is_read_in_lower_case(text: str, expected: str) -> None:
    assert identify(text).language == expected
