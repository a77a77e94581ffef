"""The second opinion on languages the detector confuses: asked only for a confusable group, right where the
detector is wrong (real sentences from `fixtures/language/eval.tsv` that langdetect gets wrong)."""

from __future__ import annotations

import functools
import time

import pytest

from cleaner.budget import time_limit
from cleaner.language import detect, identify, second_opinion
from cleaner.language.second_opinion import CONFUSABLE_GROUPS, ask_second_opinion, confusable_group


@pytest.mark.parametrize(
    ("text", "detector_says", "expected"),
    [
        ("Tato kapitola vám pomůže se v Debianu lépe zorientovat.", "sk", "cs"),
        ("Her er listen i synkende rekkefølge:", "da", "no"),
        ("RAID10 kombinerer stripning (som i RAID0) og spejling (som i RAID1).", "no", "da"),
        ("Спасибо за то, что обратили внимание на наше детище.", "bg", "ru"),
        ("Poglavlje 7 treba posebno naglasiti;", "sl", "hr"),
        ("Iedere Debian ontwikkelaar mag die domeinnaam voor enigengebruik gebruiken.", "af", "nl"),
        ("¿Contra qué estamos tratando de protegernos?", "pt", "es"),
        ("Београд је главни и највећи град Србије.", "mk", "sr"),
        ("Мінск — сталіца Рэспублікі Беларусь.", "uk", "be"),
        ("Алматы — Қазақстандағы ең үлкен қала.", "ru", "kk"),
    ],
    ids=[
        "cs-not-sk",
        "no-not-da",
        "da-not-no",
        "ru-not-bg",
        "hr-not-sl",
        "nl-not-af",
        "es-not-pt",
        "sr-not-mk",
        "be-not-uk",
        "kk-not-ru",
    ],
)
def test_second_opinion_corrects_the_detector_within_a_group(text: str, detector_says: str, expected: str) -> None:
    assert detect.get_backend().probabilities(text)[0][0] == detector_says
    guess = identify(text)
    assert (guess.language, guess.method) == (expected, "second_opinion")
    assert 0.5 < guess.score <= 1.0


def test_second_opinion_answers_within_the_group_and_is_deterministic() -> None:
    text = "Flere eksterne datakilder kan defineres på samme tid, og de utfyller hverandre."
    first = ask_second_opinion(text, ("da", "no"))
    assert first is not None and first[0] == "no"
    assert [ask_second_opinion(text, ("da", "no")) for _ in range(3)] == [first] * 3


def test_groups_do_not_overlap() -> None:
    languages = [language for group in CONFUSABLE_GROUPS for language in group]
    assert len(languages) == len(set(languages))
    assert confusable_group("uk") == ("be", "bg", "kk", "mk", "ru", "sr", "uk") and confusable_group("de") is None


def test_second_opinion_is_asked_only_for_a_confusable_group(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(text: str, group: tuple[str, ...]) -> None:
        raise AssertionError(f"second opinion asked for {text!r}")

    monkeypatch.setattr(detect, "ask_second_opinion", fail)
    assert identify("Alle Menschen sind frei und gleich an Würde und Rechten geboren.").language == "de"
    assert identify("Tous les êtres humains naissent libres et égaux en dignité et en droits.").language == "fr"


def test_loading_a_group_is_not_counted_in_the_document_budget(monkeypatch: pytest.MonkeyPatch):
    import lingua

    class Detector:
        def __init__(self, loaded: bool) -> None:
            self.loaded = loaded

        def compute_language_confidence_values(self, text: str) -> list[object]:
            if not self.loaded:  # lingua's default: the model loads on the first call that needs it
                time.sleep(0.5)
                self.loaded = True
            return []

    class SlowBuilder:  # a model load on a loaded machine
        preloaded = False

        def with_preloaded_language_models(self) -> SlowBuilder:
            self.preloaded = True
            return self

        def build(self) -> Detector:
            if self.preloaded:
                time.sleep(0.5)
            return Detector(loaded=self.preloaded)

    monkeypatch.setattr(lingua.LanguageDetectorBuilder, "from_iso_codes_639_1", lambda *codes: SlowBuilder())
    monkeypatch.setattr(second_opinion, "_detector", functools.cache(second_opinion._detector.__wrapped__))
    with time_limit(0.2):  # the load happens when the detector is built, outside the budget; asking is quick
        assert second_opinion.ask_second_opinion("Dit is een zin.", ("af", "nl")) is None
