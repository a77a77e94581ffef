"""`RepeatedLinesTransform`: remove short lines that recur across many documents of several sites.

CCNet (Wenzek et al. 2019) found that the lines a shard holds many times over, whichever site they come from, are
boilerplate: CMS widgets, share bars, cookie notices, "Powered by" credits, agency bylines. The `templates` step
catches a site's own template once it has seen `min_pages` pages of that site; this step catches what many sites
share, including on sites too small (or too rarely crawled) to teach `templates` anything.

* **Key**: each non-blank line is normalised as `templates` does (`clean_line`, then `line_key`; with
  `fold_digits`, `template_key`) and hashed to 64 bits with xxhash, unsalted: the count is corpus-wide. Each
  distinct line counts once per document. With `count_removed`, lines earlier steps removed (their `removed` /
  `moved_to_metadata` events carry the text) still count as held by the document, as in `templates`.
* **Rule**: a line is template when at least `min_docs` documents hold it and they come from at least
  `min_sites` distinct sites (the `templates` site key: URL host, else the input directory; `None` turns the
  site check off). A document with no site counts towards `min_docs` but adds no site, so a dump of records
  without URLs never meets `min_sites` on its own. Short lines are eligible (menus are short), but a line longer
  than `max_chars` is never removed: a repeated paragraph is the dedup step's business.
* **Syndicated copies**: when the document's repeated lines, paragraphs included, hold more than
  `max_removed_share` of its characters, the document is a copy (which dedup handles) and nothing is removed
  from it; a `tagged` event `template.mostly_repeated` says so, with the share and the lines left in place.
  Counting paragraphs in that share is deliberate: a republished article's paragraphs are repeated across sites,
  and without them its title and captions (short, repeated) would be stripped from every copy.
* **Bounded look-ahead and memory**: as in `templates`, a document is counted on arrival and decided once
  `lookahead_docs` later documents have been counted (or at the end of the stream); output order is input order
  and `Rejected` items pass through in place. The count table holds at most `max_entries` line hashes: inserting
  into a full table first forgets every line held by one document only, then two, and so on, until it is half
  full (deterministic lossy counting). Per line it keeps the document count and up to `min_sites` site hashes,
  so the `sites` an event reports is "at least this many", capped at `min_sites`.

Trade-offs, stated: a document is judged on every document before it and `lookahead_docs` after it, so early
documents of a stream lose less than later ones; pruning may forget a line that later becomes frequent; short
content lines that many sites share (a numbered heading "Điều 1.", a slogan, a syndicated title on a page that is
not itself a copy) go, as they do in CCNet, once `min_docs` documents of `min_sites` sites hold them. Where
article text itself recurs widely (the bench corpus draws its paragraphs from a small pool), most documents count
as copies and keep their template, and the titles that recur go.

Defaults: `min_docs = 10`: on synthetic corpora of many small sites sharing four CMS themes (100 to 10,000
documents, article text unique), 10 removes every theme line the earlier steps left and no article line, while
5 starts removing titles that recur by chance at 10,000 documents; a quote or title shared by a handful of
outlets stays. `min_sites = 2` is the least that tells a corpus-wide line from one site's template (which
`templates` handles). `max_chars = 200` sits above long footers and credits (up to ~150 characters) and below
most two-sentence paragraphs. `max_entries = 1_000_000` is about 120 MB of table. The seed pages (five
documents of one directory) are untouched.

Each removed line is an event `("repeated_lines", "removed", "template.corpus", text=line, line=index, docs=n,
sites=m)`. The step never drops a document.
"""

from __future__ import annotations

import dataclasses
from collections import deque
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import repeat
from typing import Literal

import xxhash

from cleaner.document import Document, Rejected
from cleaner.filters.boilerplate.lines import clean_line, join_kept, line_key, template_key
from cleaner.filters.templates import site_key
from cleaner.steps import ConfigError, StepConfig, StreamStep, check_choice, check_range

__all__ = ["RepeatedLinesConfig", "RepeatedLinesTransform"]

STEP = "repeated_lines"
RULE = "template.corpus"
RULE_SHARE = "template.mostly_repeated"


@dataclasses.dataclass(frozen=True, kw_only=True)
class RepeatedLinesConfig(StepConfig):
    #: How documents are grouped into sites: "auto" (URL host, else input directory), "host", "directory".
    site_key: Literal["auto", "host", "directory"] = "auto"
    #: Documents that must hold a line before it is removed.
    min_docs: int = 10
    #: Distinct sites those documents must come from; None counts documents only.
    min_sites: int | None = 2
    #: Longest line (characters, after whitespace clean-up) that may be removed; longer ones are left to dedup.
    max_chars: int = 200
    #: Above this share of a document's characters in repeated lines, nothing is removed (a syndicated copy).
    max_removed_share: float | None = 0.5
    #: Count lines that earlier steps removed (their events carry the text) as still held by the document.
    count_removed: bool = True
    #: Read every digit run as 0 when counting (merges counters, and numbered headings too).
    fold_digits: bool = False
    #: Documents held back so that a document is judged with counts from the documents after it too.
    lookahead_docs: int = 1000
    #: Most line hashes kept in the count table before the rarest are forgotten.
    max_entries: int = 1_000_000

    def __post_init__(self) -> None:
        check_choice("repeated_lines.site_key", self.site_key, ("auto", "host", "directory"))
        check_range("repeated_lines.min_docs", self.min_docs, 2)
        check_range("repeated_lines.min_sites", self.min_sites, 1)
        check_range("repeated_lines.max_chars", self.max_chars, 1)
        check_range("repeated_lines.max_removed_share", self.max_removed_share, 0.0, 1.0)
        check_range("repeated_lines.lookahead_docs", self.lookahead_docs, 0)
        check_range("repeated_lines.max_entries", self.max_entries, 1000)
        for name in ("min_docs", "min_sites", "max_chars", "lookahead_docs", "max_entries"):
            if isinstance(getattr(self, name), float):
                raise ConfigError(f"repeated_lines.{name} must be a whole number, got {getattr(self, name)!r}")
        for name in ("count_removed", "fold_digits"):
            if not isinstance(getattr(self, name), bool):
                raise ConfigError(f"repeated_lines.{name} must be true or false, got {getattr(self, name)!r}")


class _Table:
    """Line hash -> documents holding it, and up to `site_cap` distinct site hashes among them; bounded."""

    def __init__(self, max_entries: int, site_cap: int) -> None:
        self.max_entries = max_entries
        self.site_cap = site_cap
        self.docs: dict[int, int] = {}
        #: Documents holding a line (`get(h, 0)`), as the distributed replay's counts also answer.
        self.get = self.docs.get
        #: One site as a bare int (the common case, no allocation), several as a tuple.
        self.sites: dict[int, int | tuple[int, ...]] = {}

    def __len__(self) -> int:
        return len(self.docs)

    def add(self, h: int, site: int | None) -> None:
        """Count one more document holding the line, from `site`."""
        self.add_all((h,), site)

    def add_all(self, hashes: Iterable[int], site: int | None) -> None:
        """Count one more document holding each line of `hashes` (distinct), from `site`."""
        docs, sites, site_cap = self.docs, self.sites, self.site_cap
        for h in hashes:
            n = docs.get(h)
            if n is None:
                if len(docs) >= self.max_entries:
                    self.prune(self.max_entries // 2)
                docs[h] = 1
            else:
                docs[h] = n + 1
            if site is None:
                continue
            held = sites.get(h)
            if held is None:
                sites[h] = site
            elif isinstance(held, int):
                if held != site and site_cap > 1:
                    sites[h] = (held, site)
            elif len(held) < site_cap and site not in held:
                sites[h] = (*held, site)

    def count(self, h: int) -> tuple[int, int]:
        """(documents, distinct sites up to `site_cap`) holding the line."""
        held = self.sites.get(h)
        return self.docs.get(h, 0), (0 if held is None else 1 if isinstance(held, int) else len(held))

    def prune(self, target: int) -> None:
        """Forget the rarest lines (held by 1 document, then 2, ...) until at most `target` remain."""
        threshold = 1
        while len(self.docs) > target:
            for h in [h for h, n in self.docs.items() if n <= threshold]:
                del self.docs[h]
                self.sites.pop(h, None)
            threshold += 1


#: Distinct lines whose hash and size `repeated_lines` keeps at hand (templates recur): with lines of 75
#: characters, 16 MB for the entries plus the lines it holds (measured with tracemalloc), about 30 MB in all.
LINE_CACHE = 1 << 16


@lru_cache(maxsize=LINE_CACHE)
def _line_entry(line: str, fold_digits: bool) -> tuple[int | None, int]:
    """A line's hash (None for a blank one) and cleaned size: the hash of its `line_key` (`template_key` with
    `fold_digits`), computed once per distinct line while it stays among the `LINE_CACHE` most recent."""
    clean = clean_line(line)
    key = template_key(clean) if fold_digits else line_key(clean)
    return (xxhash.xxh3_64_intdigest(key.encode("utf-8")) if key else None), len(clean)


@dataclasses.dataclass
class _Pending:
    item: Document | Rejected
    hashes: list[int | None]  # per line of the text; None for blank lines
    sizes: list[int]  # characters of each cleaned line


class RepeatedLinesTransform(StreamStep):
    """Remove short lines held by `min_docs` documents of `min_sites` sites (corpus-level template, CCNet)."""

    name = "repeated_lines"
    version = 1
    Config = RepeatedLinesConfig
    reasons = ()
    config: RepeatedLinesConfig

    def run(self, docs: Iterable[Document | Rejected]) -> Iterator[Document | Rejected]:
        cfg = self.config
        table = _Table(cfg.max_entries, cfg.min_sites or 1)
        buffer: deque[_Pending] = deque()
        for item in docs:
            buffer.append(self._count(item, table))
            while len(buffer) > cfg.lookahead_docs:
                yield self._decide(buffer.popleft(), table)
        while buffer:
            yield self._decide(buffer.popleft(), table)

    def _count(self, item: Document | Rejected, table: _Table) -> _Pending:
        if isinstance(item, Rejected) or not item.text:
            return _Pending(item, [], [])
        cfg = self.config
        site = site_key(item.metadata, cfg.site_key)
        site_hash = None if site is None else xxhash.xxh3_64_intdigest(site.encode("utf-8"))
        fold = cfg.fold_digits
        hashes, sizes = map(list, zip(*map(_line_entry, item.text.split("\n"), repeat(fold)), strict=True))
        held = dict.fromkeys(hashes)  # each distinct line once, in order of first sight
        if cfg.count_removed:
            for event in item.events:
                text = event.detail.get("text") if event.action in ("removed", "moved_to_metadata") else None
                if isinstance(text, str) and "\n" not in text:
                    held.setdefault(_line_entry(text, fold)[0])
        held.pop(None, None)
        table.add_all(held, site_hash)
        return _Pending(item, hashes, sizes)

    def _decide(self, pending: _Pending, table: _Table) -> Document | Rejected:
        doc = pending.item
        if isinstance(doc, Rejected) or not pending.hashes:
            return doc
        cfg = self.config
        min_docs, min_sites = cfg.min_docs, cfg.min_sites
        counts = table.get
        repeated_chars = 0
        removable: list[tuple[int, int, int]] = []  # (line, docs, sites)
        # Most lines are held by fewer than `min_docs` documents: one look-up rules them out.
        for i, h in [(i, h) for i, h in enumerate(pending.hashes) if h is not None and counts(h, 0) >= min_docs]:
            n_docs, n_sites = table.count(h)
            if min_sites is not None and n_sites < min_sites:
                continue
            repeated_chars += pending.sizes[i]
            if pending.sizes[i] <= cfg.max_chars:
                removable.append((i, n_docs, n_sites))
        if not removable:
            return doc
        share = repeated_chars / sum(pending.sizes)
        if cfg.max_removed_share is not None and share > cfg.max_removed_share:
            doc.record(STEP, "tagged", RULE_SHARE, share=round(share, 4), lines=len(removable))
            return doc
        lines = doc.text.split("\n")
        for i, n_docs, n_sites in removable:
            doc.record(STEP, "removed", RULE, text=lines[i], line=i, docs=n_docs, sites=n_sites)
        drop = {i for i, _, _ in removable}
        doc.text = join_kept([line for i, line in enumerate(lines) if i not in drop])
        return doc
