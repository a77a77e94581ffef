"""Per-line languages: detected once per document, per line only where the line may differ."""

from __future__ import annotations

from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.language import analyse, detect_language, identify, line_languages, paragraph_languages
from cleaner.language.backends import get_backend
from cleaner.language.lines import clear_line_caches
from cleaner.language.stopwords import _LISTS, _WORD, ENGLISH_ONLY, SCRIPT_OF_LANGUAGE, stopword_votes, words_of

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


def _lists(script: str) -> dict[str, set[str]]:
    """The stop-word lists of `script`'s languages as sets, `the` and `and` English's only."""
    folder = resources.files("cleaner") / "data" / "stopwords"
    lists = {}
    for code, name in _LISTS.items():
        if SCRIPT_OF_LANGUAGE[code] == script:
            words = (folder / f"{name}.txt").read_text(encoding="utf-8").split("\n")
            lists[code] = {w for w in words if w and _WORD.fullmatch(w)} - set(ENGLISH_ONLY)
    if "en" in lists:
        lists["en"] |= set(ENGLISH_ONLY)
    return lists


def _counted_votes(words: list[str], language: str) -> tuple[int, int]:
    """The votes counted word by word against each list: what `stopword_votes` packs into one sum."""
    lists = _lists(SCRIPT_OF_LANGUAGE[language])
    voting = words[:40]
    others = [sum(w in held for w in voting) for code, held in lists.items() if code != language]
    return sum(w in lists[language] for w in voting), max(others, default=0)


_LATIN_STOPWORDS = sorted(set().union(*_lists("latin").values()))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.one_of(st.sampled_from(_LATIN_STOPWORDS), st.text("abcdeé", max_size=4)), max_size=60),
    st.sampled_from(sorted(code for code, script in SCRIPT_OF_LANGUAGE.items() if script == "latin" and code != "so")),
)
def test_stopword_votes_are_the_counts_per_list(words: list[str], language: str) -> None:
    """Packed into one integer per word, the votes are still the count of the first 40 words in each list."""
    assert stopword_votes(words, language) == _counted_votes(words, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (EN[0], "en"),
        (DE, "de"),
        ("Это предложение написано по-русски, и оно не на английском.", "ru"),
        ("Це речення написане українською мовою, а не російською.", "uk"),
        ("هذه الجملة مكتوبة باللغة العربية وليس بالفارسية", "ar"),
        ("यह वाक्य हिंदी में लिखा गया है और मराठी में नहीं", "hi"),
    ],
    ids=["en", "de", "ru", "uk", "ar", "hi"],
)
def test_stopword_votes_are_the_counts_per_list_in_each_script(text: str, language: str) -> None:
    assert stopword_votes(words_of(text), language) == _counted_votes(words_of(text), language)


#: Documents whose lines take the shortcuts: a page in two scripts, one line, code-switching lines, Vietnamese
#: with and without diacritics, blank lines only, empty text.
PAGES = {
    "mixed-script": "\n".join(
        [*EN, "Это предложение написано по-русски, а не по-английски.", "这是一个中文句子，用来检查脚本。"]
    ),
    "one-line": EN[0],
    "one-short-line": "Trang chủ",
    "code-switching": "\n".join([*DE_PAGE, EN_ON_DE_PAGE, DE + " " + EN[0], VI + " Skip to main content"]),
    "vietnamese": "\n".join([VI, "cac ban hay cho biet y kien cua minh ve van de nay", "Skip to main content", VI]),
    "blank-lines": "\n \n\t\n",
    "empty": "",
}


@pytest.mark.parametrize("text", list(PAGES.values()), ids=list(PAGES))
def test_cached_lines_give_the_tags_of_a_cold_start(text: str) -> None:
    """Lines met before, under another document's language and other options, are tagged as on a cold start;
    the document's guess is `identify`'s, from one pass over the whole text."""
    clear_line_caches()
    cold = analyse(text)
    for other in PAGES.values():
        analyse(other)
        analyse(other, min_letters=30)
    for line in text.splitlines():
        analyse("\n".join([*SV, line]))
    assert analyse(text) == cold
    assert cold[0] == identify(text)
    assert cold[1] == paragraph_languages(text)


def test_a_line_is_judged_under_each_options_own_thresholds() -> None:
    """Tags cached under one `min_letters` are not served under another."""
    text = "\n".join([*EN, "Read the news today"])
    clear_line_caches()
    assert line_languages(text)[-1] == "en"
    assert line_languages(text, min_letters=20)[-1] == "und"
    assert line_languages(text)[-1] == "en"
