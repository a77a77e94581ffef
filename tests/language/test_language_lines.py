"""Per-line languages: detected once per document, per line only where the line may differ."""

from __future__ import annotations

import pytest

from cleaner.language import detect_language, identify, line_languages, paragraph_languages
from cleaner.language.backends import get_backend
from cleaner.language.lines import clear_line_caches
from cleaner.language.stopwords import stopword_votes, words_of

SV = [
    "Bilden måste skrivas till hela diskenheten och inte till en partition.",
    "De inbjudes vänligt att ändra på sin licens för att uppfylla de kraven.",
    "De presenteras i den ordning de dyker upp under installationen.",
    "Den försöker göra så få antaganden som möjligt om din kunskapsnivå.",
]
#: Swedish that langdetect, reading this line alone, calls Italian.
SV_MISREAD_ALONE = "Positionskopior kopierar stripen, men inte de individuella kopiorna."
EN = [
    "The provincial department held a meeting to review its work in 2022 and plan the tasks for 2023.",
    "Most of the members agreed that the new schedule was a clear improvement on the old one.",
    "They will meet again in the spring to look at what has been done since then.",
    "A short summary of the discussion is available from the office on request.",
]
DE = "Alle Unix-Systeme sind in der Lage, mit diesem Protokoll umzugehen, und der Installer auch."
DE_PAGE = [
    DE,
    "Alternativ können Sie den Installer im Experten-Modus booten, wenn Sie mehr Kontrolle wünschen.",
    "Am häufigsten wird jenes Team kritisiert, das für die Zulassung neuer Entwickler zuständig ist.",
]
#: English whose stop words (`also`, `name`, `of`) German's list holds too, beside `the` (see `ENGLISH_ONLY`).
EN_ON_DE_PAGE = "Change the name (also URL address, possibly the category) of the page."
VI = "Sở Thông tin và Truyền thông tổ chức Hội nghị tổng kết công tác năm 2022, triển khai nhiệm vụ năm 2023."


def test_a_line_takes_its_documents_language_when_nothing_says_otherwise() -> None:
    """Fails when every line is judged alone: the detector reads the last line as Italian."""
    assert detect_language(SV_MISREAD_ALONE)[0] != "sv"
    assert line_languages("\n".join([*SV, SV_MISREAD_ALONE])) == ["sv"] * 5


def test_the_detector_runs_once_for_a_document_of_one_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fails when every line is judged alone (one detector call per line)."""
    backend = get_backend()
    calls: list[str] = []
    real = backend.probabilities
    monkeypatch.setattr(backend, "probabilities", lambda text: calls.append(text) or real(text))
    clear_line_caches()
    assert line_languages("\n".join(EN * 3)) == ["en"] * 12
    assert len(calls) == 1


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ([*EN[:2], DE, *EN[2:]], ["en", "en", "de", "en", "en"]),
        ([VI, "Skip to main content", VI], ["vi", "en", "vi"]),
        ([*DE_PAGE, EN_ON_DE_PAGE], ["de"] * 3 + ["en"]),
        ([*EN, "Это предложение написано по-русски, а не по-английски."], ["en"] * 4 + ["ru"]),
        ([*EN, "这是一个中文句子，用来检查脚本。"], ["en"] * 4 + ["zh"]),
        ([*EN, "cac ban hay cho biet y kien cua minh ve van de nay"], ["en"] * 4 + ["vi"]),
        ([*EN, "Read more", "Tin khác", "1 2 3 … 10"], ["en"] * 4 + ["und", "vi", "und"]),
    ],
    ids=[
        "german-quote",
        "vi-page-english-menu",
        "english-on-german-page",
        "russian-line",
        "chinese-line",
        "unmarked-vietnamese",
        "short",
    ],
)
def test_a_line_that_may_differ_is_judged_alone(lines: list[str], expected: list[str]) -> None:
    assert line_languages("\n".join(lines)) == expected


def test_a_long_line_with_few_stop_words_of_the_document_is_judged_alone() -> None:
    somali = "Qof kastaa wuxuu xaq u leeyahay inuu si madax bannaan uga qayb qaato hiddaha nololeed ee bulshada"
    hr = [
        "Svatko ima pravo na život, slobodu i osobnu sigurnost, a to je zajamčeno svima.",
        "Nitko ne smije biti podvrgnut mučenju ili okrutnom, nečovječnom ili ponižavajućem postupku.",
        "Svi su pred zakonom jednaki i imaju pravo na jednaku pravnu zaštitu bez ikakve diskriminacije.",
    ]
    assert stopword_votes(words_of(somali), "hr")[0] > 0  # a few Somali words are Croatian stop words
    assert line_languages("\n".join([*hr, somali]))[3] == detect_language(somali)[0] != "hr"


def test_document_language_is_the_whole_texts() -> None:
    text = "\n".join([*SV, SV_MISREAD_ALONE])
    assert paragraph_languages(text) == {"sv": 1.0}
    assert identify(text).language == "sv"


@pytest.mark.parametrize(
    ("text", "language", "own_wins"),
    [
        (EN[1], "en", True),
        (EN[1], "de", False),
        (DE, "de", True),
        (DE, "en", False),
        ("Это предложение написано по-русски, и оно не на английском.", "ru", True),
        ("the of and", "hi", False),
        (EN_ON_DE_PAGE, "de", False),
    ],
    ids=[
        "en-as-en",
        "en-as-de",
        "de-as-de",
        "de-as-en",
        "ru-as-ru",
        "english-words-do-not-vote-hindi",
        "the-is-english",
    ],
)
def test_stopword_votes(text: str, language: str, own_wins: bool) -> None:
    own, rival = stopword_votes(words_of(text), language)
    assert (own > rival) is own_wins


def test_stopword_votes_without_a_list() -> None:
    assert stopword_votes(["qof", "kastaa"], "so") == (0, 0)
    assert stopword_votes(["anything"], "th") == (0, 0)
