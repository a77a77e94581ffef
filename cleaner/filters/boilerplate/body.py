"""Passes over a page's body, and runs anywhere: stacked numbers and dated teaser lists, related-links boxes
between paragraphs, image alt text cut from its caption, the site's name glued to the lead, and the article's
paragraphs met a second time."""

from __future__ import annotations

import itertools
import re

from cleaner.filters.boilerplate.config import BoilerplateConfig
from cleaner.filters.boilerplate.page import _Page
from cleaner.filters.boilerplate.rules import _SENTENCE_END, _Rules
from cleaner.filters.boilerplate.runs import dated_lists, number_runs
from cleaner.filters.boilerplate.zones import Zones

#: text.repeated: lines at least this long met again, in a row, are a second copy of the article (a print or
#: mobile version in the same page): shorter lines ("Reply", "1 cup flour") recur for their own reasons.
_MIN_REPEATED_CHARS = 40
_MIN_REPEATED_RUN = 3

_COMPANY_FORMS = frozenset({"inc", "ltd", "llc", "corp", "co", "group", "holdings", "jsc", "plc", "gmbh", "ag", "sa"})


def _names_something(clean: str) -> bool:
    """Most words capitalised: a person's or an organisation's name ("Ông Đỗ", "UBND Thành phố Thanh Hóa"),
    not a sentence-case phrase ("Kết quả nổi bật")."""
    words = [w for w in clean.split() if w[:1].isalpha()]
    return bool(words) and sum(1 for w in words if w[0].isupper()) >= 0.6 * len(words)


class _BodyPasses:
    """The body passes of `BoilerplateTransform`."""

    config: BoilerplateConfig

    def _runs(self, page: _Page, level: int) -> None:
        """Bare numbers stacked one per line (`numbers.run`); lists of dated teasers (`related.dated_list`)."""
        found = [(i, "numbers.run") for i in number_runs(page.key)]
        if level >= 1:
            found += [(i, "related.dated_list") for i in dated_lists(page.clean, page.dates)]
        for i, rule in found:
            if page.open(i):
                page.rule[i] = rule

    def _repeated_text(self, page: _Page) -> None:
        """`_MIN_REPEATED_RUN` open lines or more in a row, each repeating an earlier open line word for word, go
        as a second copy (`text.repeated`): a page that holds its article twice gives it once, while a line or
        two said again (a tutorial's instruction, a refrain) stay. Run before the page is zoned, so the zones are
        those of the text without the copy. A line repeating the line just above it is left to the head rules
        (a headline over its own repetition anchors the title)."""
        seen: set[str] = set()
        above = ""
        opened: list[tuple[int, bool]] = []  # each open line, and whether it repeats an earlier one
        for i, key in enumerate(page.key):
            if page.open(i):
                opened.append((i, len(page.clean[i]) >= _MIN_REPEATED_CHARS and key != above and key in seen))
                seen.add(key)
                above = key
        for copy, run in itertools.groupby(opened, key=lambda item: item[1]):
            lines = [i for i, _ in run]
            if copy and len(lines) >= _MIN_REPEATED_RUN:
                for i in lines:
                    page.rule[i] = "text.repeated"

    def _inline_related(self, page: _Page, rules: _Rules, zones: Zones) -> None:
        """A related-links box between paragraphs: a header ("Tin liên quan", "Related articles") followed by
        headline-like lines (short, no final full stop) up to the next paragraph. Any sentence in the box
        leaves it alone."""
        paragraphs = set(zones.paragraphs)
        for i in range(zones.head_end, zones.tail_start):
            if not page.open(i):
                continue
            header = rules.inline.find(page.key[i], page.lower[i], len(page.clean[i]))
            if header is None:
                continue
            items: list[int] = []
            taken = 0
            last_taken = i
            j = i + 1
            while j < zones.tail_start and j not in paragraphs:
                clean = page.clean[j]
                if clean and page.rule[j] is not None:
                    taken += 1
                    last_taken = j
                elif clean:
                    if len(clean) > 160 or clean.endswith(_SENTENCE_END) or len(items) >= 8:
                        items = []
                        taken = 0
                        break
                    items.append(j)
                j += 1
            if taken:
                # The box's headlines have a shape (">> ..."): an open line after the last of them is the next
                # section's sub-heading, not a headline of the box.
                items = [j for j in items if j < last_taken]
            if items or taken:
                page.rule[i] = header.id
                for j in items:
                    page.rule[j] = header.then or header.id

    def _alt_text(self, page: _Page, zones: Zones, level: int) -> None:
        """A short line that is a word-prefix of the caption right after it is the image's alt text; in
        recall, also a short unpunctuated line repeated on the next line (alt text equal to its caption).
        Alt text cut from a caption names who or what is in the picture ("Ông Đỗ", "UBND Thành phố Thanh
        Hóa"); a sentence-case prefix ("Kết quả nổi bật") is a sub-heading that the next line repeats, so
        balanced takes only name-like fragments (most words capitalised)."""
        limit = self.config.max_caption_chars if level < 2 else None
        open_lines = [i for i in range(zones.head_end, len(page)) if page.open(i)]
        for a, b in itertools.pairwise(open_lines):
            short, caption = page.key[a], page.key[b]
            if level >= 2 and short == caption and len(page.clean[a]) <= self.config.max_caption_chars:
                if not page.clean[a].endswith(_SENTENCE_END):
                    page.rule[a] = "alt_text.fragment"
                continue
            if len(short) > 80 or len(short) > 0.7 * len(caption):
                continue
            if limit is not None and (len(page.clean[b]) > limit or page.clean[b].endswith(_SENTENCE_END)):
                continue
            if level < 2 and not _names_something(page.clean[a]):
                continue  # "Kết quả nổi bật" above "Kết quả nổi bật năm 2023 ...": a sub-heading
            if caption.startswith(short) and not caption[len(short)].isalnum():
                page.rule[a] = "alt_text.fragment"

    def _lead_prefix(self, page: _Page, zones: Zones, lead: re.Pattern[str]) -> tuple[int, str] | None:
        """The site-name token glued to the first paragraph ("Diendandoanhnghiep.vn Năm 2022, ...")."""
        if not zones.paragraphs:
            return None
        i = zones.paragraphs[0]
        raw = page.raw[i]
        stripped = raw.lstrip()
        m = lead.match(stripped)
        if m is None:
            return None
        if m.group("domain") is not None:
            after = stripped[m.end() :].split(maxsplit=1)[0].rstrip(".,").casefold()
            if stripped[m.end()].islower() or after in _COMPANY_FORMS:
                return None  # "Baomoi.com là ...", "Amazon.com Inc. reported ...": the domain is the subject
        return i, stripped[: m.end()]
