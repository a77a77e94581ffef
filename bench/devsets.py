"""The development sets in `../shared/devsets/` as the evaluation and training code reads them.

Never copied into the repository (they are other people's pages): every loader reads them where they lie, and
returns nothing when the folder is missing, so CI never depends on them. Pages are decoded by the package's
one decoder and rendered to text input by `cleaner.html.visible_blocks`, as a WET file would hold them.

Hand labels for the Vietnamese pages live in `bench/labels/vi/<site>__<stem>.json`, keyed by a hash of each
line's normalised text (never the text itself), so a renderer change shows up as unlabelled lines rather
than as wrong labels.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from cleaner.html import Block, visible_blocks
from cleaner.io.decode import decode_bytes
from cleaner.language.detect import detect_language

ROOT = Path(os.environ.get("CLEANER_DEVSETS", Path(__file__).resolve().parents[2] / "shared" / "devsets"))
LABELS = Path(__file__).resolve().parent / "labels"


_SPACES = re.compile(r"\s+")


def norm(text: str) -> str:
    """NFC, one space for any run of whitespace, stripped: how lines are compared and hashed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


#: The split between training and evaluation (`tools/train_linemodel.py` trains on the rest): Vietnamese sites
#: whose pages are held out, half of Dragnet by a hash of the page name, and half of trafilatura's evaluation
#: pages by a hash of their site (so that no site is on both sides).
HELD_OUT_SITES = frozenset({"plo.vn", "znews.vn", "cafef.vn", "news.zing.vn", "genk.vn", "dantri.com.vn"})


def held_out_dragnet(name: str) -> bool:
    return int(hashlib.sha1(name.encode()).hexdigest(), 16) % 2 == 1


def held_out_trafilatura(url: str | None) -> bool:
    host = urlsplit(url or "").hostname or ""
    host = host.removeprefix("www.")
    return int(hashlib.sha1(host.encode()).hexdigest(), 16) % 2 == 1


def line_hash(text: str) -> str:
    return hashlib.sha1(norm(text).encode("utf-8")).hexdigest()[:12]


@dataclass
class Page:
    """One development page: its HTML, its rendered text lines, and what is known about it."""

    set: str
    name: str
    html: str
    blocks: list[Block]
    gold: str | None = None  # the text a person kept (CleanEval, Dragnet)
    with_snippets: list[str] = field(default_factory=list)  # trafilatura's set
    without_snippets: list[str] = field(default_factory=list)
    labels: list[str | None] = field(default_factory=list)  # per line: keep / drop / meta / either / None
    site: str = ""
    url: str | None = None
    language: str = ""  # trafilatura's set: the language of its must-appear snippets, for per-language figures

    @property
    def lines(self) -> list[str]:
        return [b.text for b in self.blocks]


def _read_html(path: Path) -> str:
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return decode_bytes(data).text


def vi_pages(kinds: tuple[str, ...] = ("article", "forum-thread")) -> Iterator[Page]:
    """The Vietnamese pages of the given kinds, with their hand labels where a label file exists."""
    folder = ROOT / "vi-pages"
    if not folder.is_dir():
        return
    with (folder / "MANIFEST.tsv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t"))
    for row in rows:
        if row["page_kind"] not in kinds:
            continue
        path = folder / (row["file"] + ".gz")
        html = _read_html(path)
        page = Page("vi-pages", label_name(row["file"]), html, visible_blocks(html), site=row["site"], url=row["url"])
        page.labels = load_labels(page)
        yield page


def label_name(file: str) -> str:
    """`vnexpress.net/myfeed-vnexpress1.html` -> `vnexpress.net__myfeed-vnexpress1`."""
    site, _, stem = file.partition("/")
    return f"{site}__{stem.removesuffix('.html')}"


def load_labels(page: Page) -> list[str | None]:
    path = LABELS / "vi" / f"{page.name}.json"
    if not path.exists():
        return [None] * len(page.blocks)
    by_hash = json.loads(path.read_text(encoding="utf-8"))["labels"]
    return [by_hash.get(line_hash(b.text)) for b in page.blocks]


def gold_pages(name: str) -> Iterator[Page]:
    """CleanEval (`cleaneval/dev`, `cleaneval/final`) or Dragnet (`dragnet`) pages with their gold text."""
    folder = ROOT / name
    if not (folder / "html").is_dir():
        return
    for path in sorted((folder / "html").glob("*.html.gz"), key=lambda p: p.name):
        stem = path.name.removesuffix(".html.gz")
        gold_path = folder / "gold" / f"{stem}.txt.gz"
        if not gold_path.exists():
            continue
        gold = gzip.decompress(gold_path.read_bytes()).decode("utf-8", "replace")
        html = _read_html(path)
        page = Page(name, f"{name.replace('/', '-')}-{stem}", html, visible_blocks(html), gold=_strip_markers(gold))
        page.labels = labels_from_gold(page.lines, page.gold or "")
        yield page


def trafilatura_eval(prefix: str = "pages/eval/") -> Iterator[Page]:
    """trafilatura's evaluation pages with their must-appear and must-not-appear snippets."""
    folder = ROOT / "trafilatura-eval"
    if not folder.is_dir():
        return
    data = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    with (folder / "manifest.tsv").open(encoding="utf-8") as stream:
        rows = [r for r in csv.DictReader(stream, delimiter="\t") if r["path"].startswith(prefix)]
    for row in rows:
        entry = data.get(row["url"], {})
        html = _read_html(folder / row["path"])
        stem = Path(row["path"]).name.removesuffix(".html.gz")
        page = Page("trafilatura-eval", stem, html, visible_blocks(html), url=row["url"])
        page.with_snippets = list(entry.get("with", []))
        page.without_snippets = list(entry.get("without", []))
        page.labels = labels_from_snippets(page.lines, page.with_snippets, page.without_snippets)
        page.language = detect_language(" ".join(page.with_snippets))[0]
        yield page


_MARKERS = re.compile(r"^\s*(?:URL:.*|<[phl]>)", re.MULTILINE)


def _strip_markers(gold: str) -> str:
    return _MARKERS.sub("", gold)


_WORD = re.compile(r"\w+", re.UNICODE)


def _words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFC", text).casefold())


def labels_from_gold(lines: list[str], gold: str) -> list[str | None]:
    """Line labels derived from a person's kept text: `keep` when the line's word trigrams are found in the
    gold text, `drop` when hardly any are, else None (not scored). Gold text is lightly edited by its
    annotators, hence shares rather than exact match. A line under three words is `keep` when it stands as a
    line of the gold text (a subheading, a list item), `drop` when its words are nowhere in it, else None."""
    words = _words(gold)
    trigrams = {tuple(words[i : i + 3]) for i in range(len(words) - 2)}
    joined = " " + " ".join(words) + " "
    gold_lines = {tuple(_words(line)) for line in gold.split("\n")}
    labels: list[str | None] = []
    for line in lines:
        w = _words(line)
        if not w:
            labels.append(None)
            continue
        if len(w) < 3:
            found = f" {' '.join(w)} " in joined
            labels.append("keep" if tuple(w) in gold_lines else None if found else "drop")
            continue
        grams = [tuple(w[i : i + 3]) for i in range(len(w) - 2)]
        share = sum(g in trigrams for g in grams) / len(grams)
        labels.append("keep" if share >= 0.8 else "drop" if share <= 0.2 else None)
    return labels


def labels_from_snippets(lines: list[str], with_: list[str], without: list[str]) -> list[str | None]:
    """`keep` for a line holding a must-appear snippet, `drop` for one holding a must-not-appear snippet."""
    labels: list[str | None] = []
    for line in lines:
        text = norm(line)
        if any(norm(s) in text for s in with_ if s.strip()):
            labels.append("keep")
        elif any(norm(s) in text for s in without if s.strip()):
            labels.append("drop")
        else:
            labels.append(None)
    return labels
