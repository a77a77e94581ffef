"""A page's full visible text, one block per line, as Common Crawl's WET files and most scraped dumps hold it.

This is the *text input* the boilerplate model is trained and judged on: everything a reader sees, menus and
footers included, with no decision about what is content. Block-level elements (`p`, `div`, `li`, headings,
table cells, `br` ...) end a line; inline elements join into the line around them; `script`, `style`,
`noscript`, `template`, `svg`, ruby annotations (`rt`, `rp`) and the whole `<head>` except its `<title>` are
invisible. The title comes first, as Common Crawl's converter puts it. Whitespace inside a line collapses to one
space; empty lines go.

`visible_blocks` also returns, per line, what the DOM said about it (the share of its characters inside links,
the nearest block tag, the marks its ancestors' tags and class names carry (`cleaner.html.markup`) and the path
of elements it sits in), for callers that want that evidence; `visible_text` is the plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
from lxml import etree

from cleaner.html.markup import element_marks

__all__ = ["Block", "visible_blocks", "visible_text"]

_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "frame",
        "frameset",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "iframe",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "option",
        "p",
        "pre",
        "section",
        "select",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "ul",
    ]
)
_INVISIBLE_TAGS = frozenset(
    [
        *("script", "style", "noscript", "template", "svg", "head", "math", "object", "embed", "canvas"),
        *("button", "input", "rt", "rp"),  # rt, rp: ruby annotations (furigana) repeat the text they gloss
    ]
)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Block:
    """One visible line: its text, the block tag it came from, the share of its characters inside links, the
    marks of all its ancestors and of the nearest marked one (bit sets of `cleaner.html.markup`), and the
    elements it sits in (numbered in document order, outermost first)."""

    text: str
    tag: str
    link_share: float
    marks: int = 0
    nearest_marks: int = 0
    path: tuple[int, ...] = ()


class _Walker:
    """Collects text pieces into lines, closing a line at every block boundary."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._pieces: list[str] = []
        self._link_chars = 0
        self._tag = "body"
        self._path: list[int] = []
        self._marks: list[tuple[int, int]] = [(0, 0)]  # per open element: (all marks so far, nearest marks)
        self._count = 0

    def flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self._pieces)).strip()
        if text:
            plain = _SPACES.sub(" ", text)
            share = min(1.0, self._link_chars / len(plain)) if plain else 0.0
            marks, nearest = self._marks[-1]
            self.blocks.append(Block(text, self._tag, round(share, 3), marks, nearest, tuple(self._path)))
        self._pieces = []
        self._link_chars = 0

    def add(self, text: str | None, in_link: bool) -> None:
        if not text:
            return
        self._pieces.append(text)
        if in_link:
            self._link_chars += len(_SPACES.sub(" ", text).strip())

    def walk(self, node: etree._Element, in_link: bool = False) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        tag = tag.rsplit("}", 1)[-1].lower()
        if not tag:  # comments and processing instructions: only their tail is visible
            self.add(node.tail, in_link)
            return
        if tag in _INVISIBLE_TAGS:
            self.add(node.tail, in_link)
            return
        block = tag in _BLOCK_TAGS
        outer = self._tag
        if block:
            self.flush()
            self._tag = tag
        link = in_link or tag == "a"
        own = element_marks(tag, f"{node.get('class') or ''} {node.get('id') or ''}".strip())
        marks, nearest = self._marks[-1]
        self._marks.append((marks | own, own or nearest))
        self._count += 1
        self._path.append(self._count)
        self.add(node.text, link)
        for child in node:
            self.walk(child, link)
        if block:
            self.flush()
            self._tag = outer
        self._path.pop()
        self._marks.pop()
        self.add(node.tail, in_link)


def visible_blocks(html: str | bytes) -> list[Block]:
    """Every visible line of a page, in reading order, title first; `[]` for a page with no text."""
    if isinstance(html, str):
        html = html.encode("utf-8", "surrogatepass")
    if not html.strip():
        return []
    try:
        root = lxml.html.document_fromstring(html, parser=lxml.html.HTMLParser(encoding="utf-8", recover=True))
    except (etree.ParserError, ValueError):
        return []
    walker = _Walker()
    title = root.find(".//title")
    if title is not None and title.text:
        walker.add(title.text, False)
        walker._tag = "title"
        walker.flush()
    body = root.find("body")
    walker.walk(body if body is not None else root)
    walker.flush()
    return walker.blocks


def visible_text(html: str | bytes) -> str:
    """A page's visible text, one block per line."""
    return "\n".join(block.text for block in visible_blocks(html))
