"""A second opinion for languages the n-gram detector confuses with a close neighbour.

langdetect's 2014 profiles tell Czech from Slovak, Danish from Norwegian, Russian from Ukrainian, Bulgarian and
Macedonian, Dutch from Afrikaans or Spanish from Portuguese poorly on short text (on `fixtures/language/eval.tsv`
it calls 19 of 300 Norwegian sentences Danish and 7 of 300 Dutch ones Afrikaans). When its answer is one
language of such a group, lingua (`lingua-language-detector`, its models shipped inside the package, no
network) chooses among that group only, and its answer stands. The groups were chosen on that development set,
where lingua's answer differs from the detector's on 51 sentences: right 42 times, wrong 9; on the UDHR, never
used for tuning, 14 times: right 12 times, wrong 2 (`bench/bench_language.py`). Nothing else is asked, so the
cost falls only on text that is already one of these languages.

The Cyrillic group also holds three languages langdetect does not know, Belarusian, Kazakh and Serbian (it
calls them Ukrainian, Russian and Macedonian; lingua tags all 58 UDHR sentences of each right: this choice was
made looking at the UDHR, outside its 54-language table). Serbian in Latin script stays `hr` and Malay `id`,
as langdetect has it: lingua tells them apart badly (it calls 41 of 58 Latin Serbian UDHR sentences Bosnian
and half the Indonesian ones Malay), so Bosnian, Serbian and Malay are in no Latin group.

Cost (measured on this machine): the package is 96 MB installed; a group's models load on its first use
(1.4-2.9 s and 70-105 MB; the Cyrillic group 4.9 s and 200 MB), about 460 MB for all six in one process; then
a call takes about 0.4 ms (langdetect-rs: 0.1 ms). On the benchmark's 2,000 Vietnamese and English documents
it is asked once. lingua's low-accuracy mode (trigrams only: 27 MB, 0.2 ms) is not used: on the development
set it differs from the detector 74 times, right only 41 of them (mean accuracy 0.9902, against 0.9941 in
high-accuracy mode). `LanguageFilter(second_opinion=False)` turns it off.

Deterministic: lingua draws nothing at random, and its confidence values are rounded to 6 decimals (it sums
them in hash-map order, which moves their last bits from call to call). Each process builds one lingua
detector per group on first use.
"""

from __future__ import annotations

import functools
import logging
from typing import Any

from cleaner.budget import not_counted
from cleaner.steps import ConfigError

__all__ = ["CONFUSABLE_GROUPS", "ask_second_opinion", "confusable_group"]

log = logging.getLogger(__name__)

#: Languages (ISO 639-1, as the step tags them) the n-gram detector confuses with one another.
CONFUSABLE_GROUPS: tuple[tuple[str, ...], ...] = (
    ("cs", "sk"),
    ("da", "no"),
    ("be", "bg", "kk", "mk", "ru", "sr", "uk"),
    ("hr", "sl"),
    ("ca", "es", "pt"),
    ("af", "nl"),
)
_GROUP_OF = {language: group for group in CONFUSABLE_GROUPS for language in group}
#: Our code -> lingua's ISO 639-1 codes where they differ (lingua tells Bokmål from Nynorsk).
_LINGUA_CODES = {"no": ("nb", "nn")}
_OUR_CODES = {theirs: ours for ours, codes in _LINGUA_CODES.items() for theirs in codes}
#: Decimals of lingua's confidence values that are kept.
ROUNDING = 6


def confusable_group(language: str) -> tuple[str, ...] | None:
    """The group `language` belongs to, or None."""
    return _GROUP_OF.get(language)


@functools.cache
def _detector(group: tuple[str, ...]) -> Any:
    try:
        import lingua
    except ImportError as exc:
        raise ConfigError(f"the language step needs lingua-language-detector: pip install cleaner ({exc})") from None
    log.debug("loading lingua for %s", ", ".join(group))
    codes = [lingua.IsoCode639_1.from_str(code) for x in group for code in _LINGUA_CODES.get(x, (x,))]
    # lingua loads a model on the first call that needs it unless told to load them all now: then the seconds of
    # loading, once per process, fall here, not in the budget of the document that happens to come first.
    with not_counted():
        return lingua.LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_preloaded_language_models().build()


def ask_second_opinion(text: str, group: tuple[str, ...]) -> tuple[str, float] | None:
    """(language, lingua's confidence) among `group` for `text`, or None when lingua finds nothing to go on."""
    values = _detector(group).compute_language_confidence_values(text)
    if not values or values[0].value <= 0.0:
        return None
    merged: dict[str, float] = {}
    for value in values:
        code = value.language.iso_code_639_1.name.lower()
        ours = _OUR_CODES.get(code, code)
        merged[ours] = merged.get(ours, 0.0) + value.value
    # lingua sums in hash-map order, so its values vary in the last bits from call to call: rounded, they do not
    rounded = {language: round(value, ROUNDING) for language, value in merged.items()}
    return max(sorted(rounded.items()), key=lambda kv: kv[1])
