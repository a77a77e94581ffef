"""`BoilerplateTransform`: remove page furniture line by line, keep every sentence of the article.

How a page is read (see the sibling modules for each idea):

1. every line is normalised (`lines`): NBSP, zero-width characters, indentation and case do not matter;
2. rules that are safe anywhere fire first: leaked code/SQL/traces/templates (`patterns.leak`), counters,
   pagination, toolbars, `>>` teasers (`patterns.shape`), and data phrases with `zone = "any"` (`phrases`);
2b. the page's <title> among the first lines, the headline with the site's name beside it, is the headline
   repeated (`title.repeated`);
3. the page is zoned (`zones`): head block, run of article paragraphs, tail block;
3b. menu labels are also the words of document types and sub-headings ("THÔNG BÁO", "Hướng dẫn"): a run of
   adjacent menu lines counts alone only when it names three items (four in the tail), a shorter run needs
   other furniture on the line above or below it, and a single label is never the first open line nor the
   title (`_menus`);
4. in the head: datelines (`dates`, the ISO date goes to `metadata["date"]`), a title repeated on the next
   line, edge phrases ("Trang chủ", "Cổng thông tin điện tử ..."), and in balanced/recall focus the short
   lines above the title (site name, slogan, category) once a title is found: the line equal to
   `metadata["title"]`, the first of two identical lines, or the line just above the dateline (unless the
   line above that is nearly as long and worded like a headline: then it is the title and the other its
   deck; a capitalised document type, "THÔNG BÁO", just above the title belongs to it);
5. in the tail: edge phrases; a header with a `then` rule ("Tin khác", "Bình luận", "Related articles") takes
   the rest of its block; contact lines ("Địa chỉ:", "Email:") only when the block holds other furniture;
5b. anywhere, runs of lines (`runs`): bare numbers stacked one per line (`numbers.run`) and, in balanced/recall
   focus, lists of dated teasers after the article (`related.dated_list`);
6. (balanced+) a short head/tail line confidently in another language than the article paragraphs
   (`nav.foreign_language`, judged by the language step's detector; never a byline or a line of fewer than
   three words, and only when the paragraph next to that edge is in the body's language too);
7. in the body: `>>` teasers, (balanced+) a related-links box between paragraphs ("Tin liên quan" and the
   headlines under it, no sentence among them), image alt-text that names someone and is a prefix of the
   caption after it, and the site-name token glued to the lead ("Example.vn Năm 2022, ...": a domain with a
   real TLD, a mark in parentheses, or a news-agency mark listed in the data files' `[lead]` table).

Focus: `precision` uses only exact shapes and edge phrases; `balanced` (default) adds the positional rules
(lines above the title, tail blocks after a header, related boxes, alt-text fragments, lead prefixes);
`recall` also removes short unmatched lines sandwiched in the tail block, datelines anywhere, alt text equal
to its caption, and source lines ("Theo ...").

Every removal is an event `("boilerplate", "removed", rule_id, text=line, line=index)`; a dateline moved to
metadata is `("boilerplate", "moved_to_metadata", "date.line", text=line, line=index, value=iso)`. This step
never drops a document; one left empty is the quality step's business.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from functools import lru_cache
from typing import Any, Literal

from cleaner.document import Document, Drop
from cleaner.filters.boilerplate.dates import DateLine, DateParser
from cleaner.filters.boilerplate.learned import EXTRACTOR_THRESHOLDS, FOCUS_THRESHOLDS, model_removals
from cleaner.filters.boilerplate.lines import clean_line, join_kept, line_key, line_lower
from cleaner.filters.boilerplate.patterns import ZONE_ANY, PatternRules
from cleaner.filters.boilerplate.phrases import (
    FOCUS_LEVELS,
    Lexicon,
    RuleSet,
    available_languages,
    load_lexicon,
)
from cleaner.filters.boilerplate.runs import dated_lists, number_runs
from cleaner.filters.boilerplate.zones import Zones, find_zones
from cleaner.html.evidence import Evidence
from cleaner.language import UNDETERMINED, detect_language
from cleaner.linemodel import DEFAULT_MODEL, load_model
from cleaner.steps import ConfigError, DocumentStep, DocumentStepConfig, check_choice, check_range

__all__ = ["RULE_IDS", "BoilerplateConfig", "BoilerplateTransform"]

STEP = "boilerplate"

#: nav.foreign_language: longest edge line it may take, and the confidence both languages need.
_FOREIGN_MAX_CHARS = 100
_FOREIGN_MIN_SCORE = 0.9
_FOREIGN_BODY_SAMPLE_CHARS = 600

#: Rule ids this step can write in events (data files may add their own ids; these are the built-in ones).
RULE_IDS = (
    "ads",
    "alt_text.fragment",
    "byline.bio",
    "byline.source",
    "comments.widget",
    "counter.views",
    "counter.visitors",
    "date.line",
    "footer.block",
    "footer.contact",
    "footer.cookie",
    "footer.copyright",
    "footer.licence",
    "footer.owner",
    "footer.reading",
    "lead.site_prefix",
    "leak.cms",
    "leak.code",
    "leak.controller",
    "leak.notice",
    "leak.sql",
    "leak.stacktrace",
    "leak.template",
    "model.furniture",
    "nav.breadcrumb",
    "nav.foreign_language",
    "nav.login",
    "nav.menu",
    "nav.pre_title",
    "nav.site_name",
    "nav.skip_link",
    "numbers.run",
    "pagination",
    "rating.widget",
    "related.dated_list",
    "related.header",
    "related.teaser",
    "share.prompt",
    "social.invite",
    "tags",
    "title.repeated",
    "toolbar",
)

#: lead.site_prefix: a site domain with a real TLD shape ("Diendandoanhnghiep.vn", "Chinhphu.vn", "vov.gov.vn"),
#: a mark in parentheses ("(PLO)", "(Dân trí)"), or a listed news-agency mark before a dash ("TTO - ").
_LEAD_DOMAIN = (
    r"(?:www\.)?[A-Za-z][\w\-]*(?i:\.(?:gov|com|net|org|edu|ac|info))?"
    r"(?i:\.(?:vn|com|net|org|info|gov|edu|news|tv|asia|biz|uk|us|au|ca|de|fr|jp|kr|cn|sg|online))"
)
_COMPANY_FORMS = frozenset({"inc", "ltd", "llc", "corp", "co", "group", "holdings", "jsc", "plc", "gmbh", "ag", "sa"})
_LEAD_PARENS = r"\([^()\n]{2,30}\)\s*[-–—:]\s*"
_SENTENCE_END = (".", "!", "?", "…", ";", "./.")

#: nav.pre_title: a line above the title candidate at least this long relative to it is a headline over a deck.
_DECK_RATIO = 0.6

#: nav.menu: a run of adjacent menu lines naming this many items counts without other furniture beside it,
#: above the article (head) and below it (tail, where a short list of labels may close a document).
_MENU = "nav.menu"
_MENU_MIN_ITEMS = {"head": 3, "tail": 4}


_BYLINE = re.compile(r"^(?:by|bởi|tác giả|author|written by|posted by|reporter|phóng viên|pv|theo)\b", re.IGNORECASE)


def _looks_like_byline(clean: str, key: str) -> bool:
    """ "By Jane Doe", "Tác giả: X", or a bare name: at most four capitalised words, no digits, no colon."""
    if len(clean) > 60:
        return False
    if _BYLINE.match(key):
        return True
    words = clean.split()
    return len(words) <= 4 and all(w[:1].isupper() for w in words) and not any(c.isdigit() or c in ":|" for c in clean)


#: title.repeated: a site's name beside the headline in the page's <title> ("Headline | Site", "Site - Headline").
_SITE_TITLE_LINES = 12
_SITE_BESIDE = re.compile(r"\A\s*+[|\-–—:·•»][\s|\-–—:·•»]*+(?=[^\W\d_]{2}).{1,60}")


def _names_site_beside(key: str, headline: str) -> bool:
    """`key` is `headline` with a short site name after or before it, behind a separator."""
    if len(headline) < 20 or key == headline:
        return False
    if key.startswith(headline):
        return _SITE_BESIDE.fullmatch(key[len(headline) :]) is not None
    if key.endswith(headline):
        return _SITE_BESIDE.fullmatch(key[: -len(headline)][::-1]) is not None
    return False


def _reads_as_headline(clean: str) -> bool:
    """Two words or more, no menu separators, not a label ending in a colon."""
    return len(clean.split()) >= 2 and not any(c in "|·•»›/" for c in clean) and not clean.endswith(":")


def _names_something(clean: str) -> bool:
    """Most words capitalised: a person's or an organisation's name ("Ông Đỗ", "UBND Thành phố Thanh Hóa"),
    not a sentence-case phrase ("Kết quả nổi bật")."""
    words = [w for w in clean.split() if w[:1].isalpha()]
    return bool(words) and sum(1 for w in words if w[0].isupper()) >= 0.6 * len(words)


@dataclasses.dataclass(frozen=True, kw_only=True)
class BoilerplateConfig(DocumentStepConfig):
    #: precision: exact shapes and edge phrases; balanced: + positional rules; recall: + sandwiched lines.
    focus: Literal["precision", "balanced", "recall"] = "balanced"
    #: Phrase data files to load (`cleaner/data/boilerplate/<lang>.toml`); None loads every shipped language,
    #: since this step runs before language identification.
    languages: tuple[str, ...] | None = None
    #: A line this long (in characters, after whitespace normalisation) counts as an article paragraph.
    min_paragraph_chars: int = 120
    #: Longest line removed as site chrome above the title (nav.pre_title).
    max_pre_title_chars: int = 200
    #: Longest caption-like line an alt-text fragment may be a prefix of (balanced; recall has no limit).
    max_caption_chars: int = 200
    #: Move the first dateline's ISO date into metadata["date"] when it is not set yet.
    move_date: bool = True
    #: The line model judging lines no rule took (`cleaner/data/linemodel/`); "none" (None): rules only.
    line_model: str | None = DEFAULT_MODEL
    #: Content score below which the model removes a line; None: the focus default (0.1 / 0.3 / 0.5).
    content_threshold: float | None = None
    #: Pages with markup evidence: a line trafilatura holds goes below the first score, a line it left out
    #: needs the second to stay; None: the focus default ((0.4, 0.9) / (0.3, 0.7) / (0.2, 0.6)).
    extractor_thresholds: tuple[float, float] | None = None

    def __post_init__(self) -> None:
        check_choice("boilerplate.focus", self.focus, FOCUS_LEVELS)
        if self.languages is not None:
            if isinstance(self.languages, str) or not all(isinstance(x, str) for x in self.languages):
                raise ConfigError(f"boilerplate.languages must be a list of language codes, got {self.languages!r}")
            known = available_languages()
            unknown = [x for x in self.languages if x not in known]
            if unknown:
                raise ConfigError(f"boilerplate.languages: no data for {unknown}; available: {', '.join(known)}")
            object.__setattr__(self, "languages", tuple(self.languages))
        check_range("boilerplate.min_paragraph_chars", self.min_paragraph_chars, 20)
        check_range("boilerplate.max_pre_title_chars", self.max_pre_title_chars, 0)
        check_range("boilerplate.max_caption_chars", self.max_caption_chars, 0)
        if not isinstance(self.move_date, bool):
            raise ConfigError(f"boilerplate.move_date must be true or false, got {self.move_date!r}")
        check_range("boilerplate.content_threshold", self.content_threshold, 0.0, 1.0)
        pair = self.extractor_thresholds
        if pair is not None:
            if not isinstance(pair, tuple | list) or len(pair) != 2:
                raise ConfigError(f"boilerplate.extractor_thresholds must be two scores, got {pair!r}")
            for score in pair:
                check_range("boilerplate.extractor_thresholds", score, 0.0, 1.0)
            object.__setattr__(self, "extractor_thresholds", tuple(pair))
        if self.line_model is not None:
            try:
                load_model(self.line_model)
            except (FileNotFoundError, ValueError, KeyError) as exc:
                raise ConfigError(f"boilerplate.line_model: cannot load {self.line_model!r}: {exc}") from None


@dataclasses.dataclass(frozen=True)
class _Rules:
    lexicon: Lexicon
    anywhere: RuleSet
    head: RuleSet  # zone "edge" or "head"
    tail: RuleSet  # zone "edge" or "tail"
    long_head: RuleSet  # `long` furniture, to peel off the first paragraph
    long_tail: RuleSet
    inline: RuleSet  # zone "body": a related-links box between paragraphs
    patterns: PatternRules
    dates: DateParser
    lead: re.Pattern[str]


@lru_cache(maxsize=16)
def _compiled(languages: tuple[str, ...] | None, focus: str) -> _Rules:
    lex = load_lexicon(languages)
    # A rule's `focus` is the strictest level using it: "precision" rules are on at every level, "recall"
    # rules only at recall.
    rules = [r for r in lex.rules if FOCUS_LEVELS.index(r.focus) <= FOCUS_LEVELS.index(focus)]
    return _Rules(
        lexicon=lex,
        anywhere=RuleSet(r for r in rules if r.zone == "any"),
        head=RuleSet(r for r in rules if r.zone in ("edge", "head")),
        tail=RuleSet(r for r in rules if r.zone in ("edge", "tail")),
        long_head=RuleSet(r for r in rules if r.long and r.zone in ("edge", "head")),
        long_tail=RuleSet(r for r in rules if r.long and r.zone in ("edge", "tail")),
        inline=RuleSet(r for r in rules if r.zone == "body"),
        patterns=PatternRules(lex),
        dates=DateParser(lex),
        lead=_lead_prefix(lex.lead_sources),
    )


def _lead_prefix(sources: set[str]) -> re.Pattern[str]:
    """The lead-prefix shapes; a domain needs whitespace and then text after it, a bare agency mark a dash."""
    marks = "|".join(re.escape(m) for m in sorted(sources, key=lambda m: (-len(m), m))) or "(?!)"
    return re.compile(
        rf"^(?:(?P<domain>{_LEAD_DOMAIN})(?:\s*[-–—:|]\s+|\s+)"
        rf"|{_LEAD_PARENS}"
        rf"|(?i:{marks})\s*[-–—]\s+)"
        r"(?=[^\W_])"
    )


class _Page:
    """One document's lines with their normalised forms and the decision taken for each."""

    def __init__(self, text: str) -> None:
        self.raw = text.split("\n")
        self.clean = [clean_line(x) for x in self.raw]
        self.key = [line_key(c) if c else "" for c in self.clean]
        self.lower = [line_lower(c) if c else "" for c in self.clean]
        self.rule: list[str | None] = [None] * len(self.raw)
        self.dates: dict[int, DateLine] = {}
        #: Headline candidates the head rules found (the line above the dateline, the line equal to
        #: metadata["title"], a headline over its deck): the line model never removes one that reads as a headline.
        self.headlines: set[int] = set()

    def __len__(self) -> int:
        return len(self.raw)

    def open(self, i: int) -> bool:
        """A non-blank line no rule has taken yet."""
        return bool(self.clean[i]) and self.rule[i] is None


class BoilerplateTransform(DocumentStep):
    """Remove navigation, counters, related/comment blocks, footers, leaked code and datelines from text.

    Rewrites only (never drops). Rule ids (events): see `RULE_IDS`; data files may add their own.
    """

    name = "boilerplate"
    version = 6
    Config = BoilerplateConfig
    reasons = ()
    config: BoilerplateConfig

    def process(self, doc: Document) -> Document | Drop:
        # The markup evidence is spent here: it leaves the document, so it does not travel on to later steps,
        # worker processes and shards.
        evidence, doc.evidence = doc.evidence, None
        if not doc.text:
            return doc
        cfg = self.config
        rules = _compiled(cfg.languages, cfg.focus)
        level = FOCUS_LEVELS.index(cfg.focus)
        page = _Page(doc.text)
        self._anywhere(page, rules)
        self._site_title(page, doc.metadata.get("title"))
        zones = self._zones(page, rules)
        self._edges(page, rules, zones, level, doc.metadata.get("title"))
        self._head(page, doc, zones, level)
        self._tail(page, rules, zones, level)
        self._runs(page, level)
        if level >= 1:
            self._inline_related(page, rules, zones)
            self._alt_text(page, zones, level)
            self._foreign_edges(page, zones, doc.metadata.get("title"))
        prefix = self._lead_prefix(page, zones, rules.lead) if level >= 1 else None
        learned = self._learned(page, evidence)
        if prefix is None and not learned and all(r is None for r in page.rule):
            return doc
        self._apply(doc, page, prefix, learned)
        return doc

    def describe(self) -> dict[str, Any]:
        described = super().describe()
        if self.config.line_model is not None:
            described["model"] = load_model(self.config.line_model).describe()
        return described

    def _learned(self, page: _Page, evidence: Evidence | None) -> dict[int, dict[str, Any]]:
        """Lines no rule took that the line model scores as furniture (`model.furniture`)."""
        cfg = self.config
        if cfg.line_model is None:
            return {}
        model = load_model(cfg.line_model)
        threshold = cfg.content_threshold
        if threshold is None:
            threshold = FOCUS_THRESHOLDS[cfg.focus]
        taken = [r is not None for r in page.rule]
        # the headline the rules anchored on stays: it is the text's first line
        keep = frozenset(i for i in page.headlines if _reads_as_headline(page.clean[i]))
        pair = cfg.extractor_thresholds or EXTRACTOR_THRESHOLDS[cfg.focus]
        found = model_removals(model, page.clean, taken, threshold, evidence, keep, pair)
        for i in found:
            page.rule[i] = "model.furniture"
        return found

    # -- passes ------------------------------------------------------------------------------------------

    def _anywhere(self, page: _Page, rules: _Rules) -> None:
        patterns = rules.patterns
        for i in range(len(page)):
            clean = page.clean[i]
            if not clean:
                continue
            key, lower, length = page.key[i], page.lower[i], len(clean)
            hit = patterns.leak(clean, key)
            if hit is None and length <= 400:
                shape = patterns.shape(clean, key)
                if shape is not None and shape.zone == ZONE_ANY:
                    hit = shape.rule
                if hit is None:
                    found = rules.anywhere.find(key, lower, length)
                    hit = found.id if found is not None else None
                if hit is None and length <= 90:
                    date = rules.dates.parse(key)
                    if date is not None:
                        page.dates[i] = date
            page.rule[i] = hit

    def _site_title(self, page: _Page, title: object) -> None:
        """The page's <title> near the top: the headline (the metadata title, or a line soon after) with the
        site's name beside it ("Headline | Site") is the headline repeated (`title.repeated`)."""
        rows = [i for i in range(len(page)) if page.clean[i]][:_SITE_TITLE_LINES]
        headlines = {page.key[i] for i in rows}
        if isinstance(title, str) and title.strip():
            headlines.add(line_key(clean_line(title)))
        for i in rows:
            if page.open(i) and any(_names_site_beside(page.key[i], h) for h in headlines):
                page.rule[i] = "title.repeated"

    def _zones(self, page: _Page, rules: _Rules) -> Zones:
        """Zone the page; a long first/last "paragraph" that a `long` edge rule matches ("Bạn đang đọc bài
        viết ... tại chuyên mục ...", a cookie banner) is furniture, not article: peel it and zone again."""
        while True:
            zones = find_zones(page.clean, [r is not None for r in page.rule], self.config.min_paragraph_chars)
            if not zones.paragraphs:
                return zones
            peeled = False
            for i, ruleset in (
                (zones.paragraphs[-1], rules.long_tail),
                (zones.paragraphs[0], rules.long_head),
            ):
                found = ruleset.find(page.key[i], page.lower[i], len(page.clean[i]))
                if found is not None:
                    page.rule[i] = found.id
                    peeled = True
                    break
            if not peeled:
                return zones

    def _edges(self, page: _Page, rules: _Rules, zones: Zones, level: int, title: object) -> None:
        """Edge-only phrase and shape rules in the head and tail blocks; `then` blocks in the tail."""
        then: str | None = None
        contact: list[int] = []
        menus: dict[int, tuple[int, str | None]] = {}  # nav.menu candidates: line -> (items, `then` there)
        for i in range(len(page)):
            zone = zones.zone(i)
            if zone == "body":
                then = None
                continue
            if not page.open(i) or i in page.dates:
                continue
            clean, key, lower, length = page.clean[i], page.key[i], page.lower[i], len(page.clean[i])
            hit: str | None = None
            found = (rules.tail if zone == "tail" else rules.head).find(key, lower, length)
            if found is not None and found.id == _MENU and found.match == "sequence":
                menus[i] = (found.items(key), then)
                continue
            if found is not None:
                hit = found.id
                if zone == "tail" and found.then and level >= 1:
                    then = found.then
            if hit is None:
                shape = rules.patterns.shape(clean, key)
                if shape is not None:
                    if shape.cluster:
                        contact.append(i)
                        continue
                    hit = shape.rule
            if hit is None and then is not None and zone == "tail":
                hit = then
            page.rule[i] = hit
        # Contact lines ("Địa chỉ: ...", "Email: ...") only inside a block that holds other furniture (in the
        # tail: above them): an article may end with the address of the event it announces. Lines of other
        # furniture needed in the same block: precision 2, balanced 1, recall 0.
        single = self._menus(page, zones, menus, title)
        need = (2, 1, 0)[level]
        for block in ("head", "tail"):
            lines = [i for i in contact if zones.zone(i) == block]
            if not lines:
                continue
            span = range(zones.head_end) if block == "head" else range(zones.tail_start, len(page))
            # A lone menu label ("Hướng dẫn") may be a sub-heading: it does not vouch for a contact block.
            furniture = [i for i in span if page.rule[i] not in (None, "date.line") and i not in single]
            if block == "tail":
                # Straight after the last paragraph, before any furniture, contact lines close the article
                # (the address a notice gives for replies); a footer's contact block sits below other furniture.
                lines = [i for i in lines if furniture and i > furniture[0]]
            if lines and len(furniture) >= need:
                for i in lines:
                    page.rule[i] = "footer.contact"

    def _menus(self, page: _Page, zones: Zones, menus: dict[int, tuple[int, str | None]], title: object) -> set[int]:
        """Decide the nav.menu candidates. Menu labels are also the words of document types and sub-headings
        ("THÔNG BÁO", "Hướng dẫn", "Ảnh / Tin tức / Văn bản"), so a run of adjacent menu lines counts alone only
        when it names `_MENU_MIN_ITEMS` items (3 in the head, 4 in the tail); a shorter run needs other
        navigation or furniture on the line just above or below it. A single label is never the first open
        line nor the title. Returns the single-label lines taken (they do not vouch for a contact block)."""
        lines = [i for i in range(len(page)) if page.clean[i]]
        # The first line no other rule took (menus aside) is where a document's own title starts.
        first = next(
            (i for i in lines if page.rule[i] is None and i not in page.dates and menus.get(i, (1, None))[0] == 1),
            -1,
        )
        title_key = line_key(clean_line(title)) if isinstance(title, str) and title.strip() else None
        runs: list[list[int]] = []
        for a, b in itertools.pairwise([-1, *lines]):
            if b not in menus:
                continue
            if runs and runs[-1][-1] == a:
                runs[-1].append(b)
            else:
                runs.append([b])
        single: set[int] = set()
        for run in runs:
            items = sum(menus[i][0] for i in run)
            position = lines.index(run[0]), lines.index(run[-1])
            around = [lines[k] for k in (position[0] - 1, position[1] + 1) if 0 <= k < len(lines)]
            supported = any(page.rule[j] not in (None, "date.line") for j in around)
            if items == 1 and (run[0] == first or page.key[run[0]] == title_key):
                supported = False
            elif items >= _MENU_MIN_ITEMS[zones.zone(run[0])]:
                supported = True
            for i in run:
                if supported:
                    page.rule[i] = _MENU
                    if items == 1:
                        single.add(i)
                elif menus[i][1] is not None:
                    page.rule[i] = menus[i][1]  # inside a tail block opened by a header ("Tin khác")
        return single

    def _head(self, page: _Page, doc: Document, zones: Zones, level: int) -> None:
        """Datelines, a repeated title, and (balanced+) the site chrome above the title."""
        cfg = self.config
        head = range(min(zones.head_end, len(page)))
        dates = _compiled(cfg.languages, cfg.focus).dates
        for i in head:
            if page.rule[i] is None and i not in page.dates and 0 < len(page.clean[i]) <= 90:
                date = dates.parse_prefixed(page.key[i])
                if date is not None:
                    page.dates[i] = date
            if i in page.dates and page.rule[i] is None:
                page.rule[i] = "date.line"
        title = doc.metadata.get("title")
        title_key = line_key(clean_line(title)) if isinstance(title, str) and title.strip() else None
        anchor: int | None = None
        previous: int | None = None
        for i in head:
            if not page.open(i):
                continue
            if title_key is not None and page.key[i] == title_key:
                if anchor is None:
                    anchor = i
                else:
                    page.rule[i] = "title.repeated"
                    continue
            if previous is not None and page.key[i] == page.key[previous]:
                page.rule[i] = "title.repeated"
                anchor = previous if anchor is None else anchor
                continue
            previous = i
        if anchor is None:
            first_date = next((i for i in head if page.rule[i] == "date.line"), None)
            if first_date is not None:
                above = [i for i in reversed(range(first_date)) if page.open(i)]
                # A byline between title and dateline ("By Jane Doe", "Nguyễn Văn An") is not the title, nor
                # is a short lead that ends like a sentence (titles rarely end in a full stop).
                while len(above) > 1 and (
                    _looks_like_byline(page.clean[above[0]], page.key[above[0]])
                    or page.clean[above[0]].endswith(_SENTENCE_END)
                ):
                    above.pop(0)
                anchor = above[0] if above else None
                if anchor is not None:
                    page.headlines.add(anchor)
                # A headline above a deck ("Council approves bike lanes" / "The 7-2 vote ends a year of
                # debate"): chrome above a title (a site, a category) is much shorter than the title; a line
                # nearly as long as the candidate, worded like a headline, is the title and the candidate its deck.
                if len(above) > 1:
                    upper, lower = page.clean[above[1]], page.clean[above[0]]
                    if (
                        len(upper.split()) >= 5
                        and len(upper) >= _DECK_RATIO * len(lower)
                        and not upper.endswith(_SENTENCE_END)
                        and not _looks_like_byline(upper, page.key[above[1]])
                    ):
                        anchor = above[1]
        if anchor is not None:
            page.headlines.add(anchor)
        if anchor is None or level < 1:
            return
        # "THÔNG BÁO" / "QUYẾT ĐỊNH" in capitals just above the subject line is the first half of the title.
        above_anchor = next((i for i in reversed(range(anchor)) if page.clean[i]), None)
        if (
            above_anchor is not None
            and page.open(above_anchor)
            and page.clean[above_anchor].isupper()
            and page.key[above_anchor] in _compiled(cfg.languages, cfg.focus).lexicon.document_types
        ):
            anchor = above_anchor
        for i in range(anchor):
            if page.open(i) and len(page.clean[i]) <= cfg.max_pre_title_chars:
                page.rule[i] = "nav.pre_title"

    def _tail(self, page: _Page, rules: _Rules, zones: Zones, level: int) -> None:
        tail = range(zones.tail_start, len(page))
        for i in tail:
            if i in page.dates and page.rule[i] is None:
                page.rule[i] = "date.line"
        if level >= 2:
            for i in range(zones.head_end, zones.tail_start):
                if i in page.dates and page.rule[i] is None:
                    page.rule[i] = "date.line"
            # Short unmatched lines with furniture on both sides in the tail block are furniture too.
            taken = [i for i in tail if page.clean[i] and page.rule[i] is not None]
            if taken:
                for i in tail:
                    if page.open(i) and taken[0] < i < taken[-1] and len(page.clean[i]) <= 120:
                        page.rule[i] = "footer.block"

    def _runs(self, page: _Page, level: int) -> None:
        """Bare numbers stacked one per line (`numbers.run`); lists of dated teasers (`related.dated_list`)."""
        found = [(i, "numbers.run") for i in number_runs(page.key)]
        if level >= 1:
            found += [(i, "related.dated_list") for i in dated_lists(page.clean, page.dates)]
        for i, rule in found:
            if page.open(i):
                page.rule[i] = rule

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

    def _foreign_edges(self, page: _Page, zones: Zones, title: object) -> None:
        """(balanced+) A short unpunctuated head or tail line confidently in another language than the article
        paragraphs is furniture: the English menu or credits of a Vietnamese page, and the reverse. Uses the
        language step's line detector, so it needs no phrase list; the title is never taken. The body's
        language is judged (on a sample) only when some edge line has a confident language of its own."""
        if not zones.paragraphs:
            return
        title_key = line_key(clean_line(title)) if isinstance(title, str) else None
        body_words: set[str] | None = None
        labelled: list[tuple[int, str]] = []
        for i in itertools.chain(range(zones.head_end), range(zones.tail_start, len(page))):
            clean = page.clean[i]
            if not page.open(i) or len(clean) > _FOREIGN_MAX_CHARS or clean.endswith(_SENTENCE_END):
                continue
            if page.key[i] == title_key or len(clean.split()) < 3 or _looks_like_byline(clean, page.key[i]):
                continue  # a name ("By Sarah Johnson") or two words: the detector guesses, it does not know
            if body_words is None:
                body_words = {w for p in zones.paragraphs for w in page.key[p].split()}
            words = page.key[i].split()
            if sum(w in body_words for w in words) * 2 >= len(words):
                continue  # mostly the article's own words (a title, a caption): not foreign, no detector call
            line_language, line_score = detect_language(clean)
            if line_language != UNDETERMINED and line_score >= _FOREIGN_MIN_SCORE:
                labelled.append((i, line_language))
        if not labelled:
            return
        body = "\n".join(page.clean[i] for i in zones.paragraphs)
        language, score = detect_language(body, max_sample_chars=_FOREIGN_BODY_SAMPLE_CHARS)
        if language == UNDETERMINED or score < _FOREIGN_MIN_SCORE:
            return
        # The paragraph next to the edge (the lead under a head line, the last paragraph above a tail line)
        # must be in the body's language too: a page that mixes languages keeps its edges.
        nearest: dict[int, str] = {}
        for i, line_language in labelled:
            if line_language == language:
                continue
            paragraph = zones.paragraphs[0] if i < zones.head_end else zones.paragraphs[-1]
            if paragraph not in nearest:
                nearest[paragraph] = detect_language(page.clean[paragraph])[0]
            if nearest[paragraph] != line_language:
                page.rule[i] = "nav.foreign_language"

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

    # -- output ------------------------------------------------------------------------------------------

    def _apply(
        self, doc: Document, page: _Page, prefix: tuple[int, str] | None, learned: dict[int, dict[str, Any]]
    ) -> None:
        cfg = self.config
        out: list[str] = []
        for i, raw in enumerate(page.raw):
            rule = page.rule[i]
            if rule is None:
                if prefix is not None and prefix[0] == i:
                    start = raw.index(prefix[1])
                    doc.record(STEP, "removed", "lead.site_prefix", text=prefix[1].strip(), line=i)
                    raw = raw[:start] + raw[start + len(prefix[1]) :]
                out.append(raw)
                continue
            date = page.dates.get(i) if rule == "date.line" else None
            if date is not None and date.iso is not None and cfg.move_date and "date" not in doc.metadata:
                doc.metadata["date"] = date.iso[:10]  # the day, as every date in metadata; the time stays in the event
                doc.metadata["date_source"] = "dateline"
                doc.record(STEP, "moved_to_metadata", rule, text=raw, line=i, value=date.iso)
            else:
                detail = {"value": date.iso} if date is not None and date.iso is not None else learned.get(i, {})
                doc.record(STEP, "removed", rule, text=raw, line=i, **detail)
        doc.text = join_kept(out)
