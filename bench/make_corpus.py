"""Build the benchmark corpus: a few thousand realistic documents made from real text.

Article bodies are real paragraphs: the five Vietnamese seed pages, and, when the language evaluation set is
present (`fixtures/language/eval.tsv`), real sentences in other languages. They are recombined into articles and
dressed in the page furniture of invented sites (headers, toolbars, counters, related links, footers), as a
scraper would return them. Some articles are republished on a second site (exact duplicates under another
template), some are edited copies (near duplicates), some arrive as UTF-8 mojibake, and some as HTML pages. Each
record's `metadata.bench_truth` says its language and which earlier article it copies, counting articles that
share most of their paragraphs with an earlier one by chance. Deterministic: the same arguments give the same
corpus.

    python -m bench.make_corpus --docs 3000 --out bench/corpus/corpus.jsonl
"""

from __future__ import annotations

import argparse
import html
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ftfy.bad_codecs  # noqa: F401 - registers the sloppy-windows-1252 codec

ROOT = Path(__file__).resolve().parent.parent

SITES = [
    {
        "host": "stttt.binhminh.gov.vn",
        "head": [
            "Skip to main content",
            "CỔNG THÔNG TIN ĐIỆN TỬ SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH BÌNH MINH",
            "Chế độ ban đêm In trang Xuất PDF Đọc nội dung",
            "-A A +A",
            "Tin tức - Sự kiện",
        ],
        "tail": [
            "Tin khác",
            "Thống kê truy cập",
            "Đang truy cập: {n}",
            "Tổng truy cập: {big}",
            "Chịu trách nhiệm nội dung: Giám đốc Sở",
            "Địa chỉ: số 12, đường Lê Lợi, thành phố Bình Minh",
            "Điện thoại: 0210.3822.{n} - Email: stttt@binhminh.gov.vn",
        ],
    },
    {
        "host": "baotinhmoi.vn",
        "head": ["Trang chủ Thời sự Kinh tế Xã hội Pháp luật", "Thứ hai, {date} 07:00 GMT+7", "{n} lượt xem"],
        "tail": [
            "Tin liên quan",
            "Bình luận",
            "Bạn còn /500 ký tự",
            "Xếp theo: Thời gian | Số người thích",
            "1 2 3 4 5 6 7 8 9 10",
            "Bản quyền © 2024 Báo Tỉnh Mới. Giấy phép số 123/GP-BTTTT",
        ],
    },
    {
        "host": "congdong.example.org",
        "head": ["DetailController", "Trang thông tin cộng đồng", "Ngày đăng: {date}"],
        "tail": [
            "Đánh giá của bạn:",
            "Mời các bạn tham gia vào group Cộng đồng để thảo luận.",
            "Bạn đang đọc bài viết tại chuyên mục Đời sống của Trang thông tin cộng đồng.",
            "SELECT id,title FROM cms_post WHERE status = 1 ORDER BY publish_day DESC LIMIT 0,11",
        ],
    },
    {
        "host": "news.example.com",
        "head": ["Skip to main content", "Home | World | Business | Technology | Sign in", "Posted on {date}"],
        "tail": [
            "Related articles",
            "Share this article: Facebook Twitter Email",
            "Comments (0)",
            "Subscribe to our newsletter",
            "© 2024 Example News Ltd. All rights reserved.",
            "Privacy policy | Terms of use | Cookie settings",
        ],
    },
]


def seed_paragraphs() -> list[str]:
    """The seeds' article paragraphs: lines the gold labels call content (`fixtures/boilerplate/seeds_gold.json`),
    long enough to be paragraphs. Seed furniture (a leaked SQL query, a "you are reading" footer) stays out."""
    gold = json.loads((ROOT / "fixtures" / "boilerplate" / "seeds_gold.json").read_text(encoding="utf-8"))
    paragraphs = []
    for name, labels in sorted(gold["labels"].items()):
        lines = (ROOT / "seeds" / name).read_text(encoding="utf-8").split("\n")
        for index, label in sorted(labels.items(), key=lambda item: int(item[0])):
            line = " ".join(lines[int(index)].replace("\xa0", " ").split())
            if label == "keep" and len(line) > 120:
                paragraphs.append(line)
    return paragraphs


def evaluation_paragraphs(rng: random.Random) -> dict[str, list[str]]:
    """Real sentences of the language evaluation set (`fixtures/language/eval.tsv`), joined into paragraphs of
    3-6 sentences per language."""
    by_language: dict[str, list[str]] = {}
    path = ROOT / "fixtures" / "language" / "eval.tsv"
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            language, _, text = line.split("\t", 2)
            by_language.setdefault(language, []).append(text)
    paragraphs: dict[str, list[str]] = {}
    for language, sentences in sorted(by_language.items()):
        paragraphs[language] = [" ".join(sentences[i : i + rng.randint(3, 6)]) for i in range(0, len(sentences), 5)]
    return paragraphs


def _fill(line: str, rng: random.Random) -> str:
    date = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(2015, 2024)}"
    return line.format(n=rng.randint(10, 9999), big=rng.randint(100000, 9999999), date=date)


def _edit(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    for _ in range(max(1, len(words) // 60)):
        i = rng.randrange(len(words))
        words[i] = rng.choice(["năm", "tỉnh", "đã", "các", "the", "and"])
    return " ".join(words)


def _as_html(title: str, head: list[str], body: list[str], tail: list[str]) -> str:
    """A page as CMS templates build it: site navigation and footer outside the article, but the dateline,
    counters and share bar above the text and the related/comment box below it inside the article container,
    where extractors keep them."""
    esc = html.escape
    nav = "".join(f"<li><a href='#'>{esc(x)}</a></li>" for x in head[:2])
    meta = "".join(f"<p class='meta'>{esc(x)}</p>" for x in head[2:])
    paras = "".join(f"<p>{esc(p)}</p>" for p in body)
    cut = max(1, len(tail) // 2)
    box = "".join(f"<p>{esc(x)}</p>" for x in tail[:cut])
    footer = "".join(f"<p>{esc(x)}</p>" for x in tail[cut:])
    return (
        f"<html><head><title>{esc(title)}</title></head><body><nav><ul>{nav}</ul></nav>"
        f"<div class='content'><h1>{esc(title)}</h1>{meta}{paras}<div class='box'>{box}</div></div>"
        f"<footer>{footer}</footer></body></html>"
    )


#: Two articles drawn from the same small pool of real paragraphs can share most of their text by chance; an
#: estimated Jaccard at or above this (the dedup step's default threshold) makes the later one a near copy.
NEAR_COPY_JACCARD = 0.6


def _overlapping(
    body: list[str], published: list[tuple[str, str, list[str]]], holding: dict[str, list[int]]
) -> str | None:
    """The id of the earliest article whose shared paragraphs give `body` an estimated Jaccard (shared characters
    over the union) of at least `NEAR_COPY_JACCARD`, or None."""
    size = sum(len(p) for p in body)
    for index in sorted({i for p in body for i in holding.get(p, ())}):
        other = published[index][2]
        shared = sum(len(p) for p in set(body) & set(other))
        union = size + sum(len(p) for p in other) - shared
        if union and shared / union >= NEAR_COPY_JACCARD:
            return published[index][0]
    return None


def build(docs: int, seed: int = 0) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    pools = evaluation_paragraphs(rng)
    pools["vi"] = seed_paragraphs() + pools.get("vi", [])
    languages = sorted(pools)
    published: list[tuple[str, str, list[str]]] = []  # (id, language, paragraphs) of each original article
    holding: dict[str, list[int]] = {}  # paragraph -> indexes into `published` of the articles holding it
    for number in range(docs):
        doc_id = f"doc-{number:05d}"
        site = SITES[number % len(SITES)]
        roll = rng.random()
        copy_of: str | None = None
        if published and roll < 0.10:
            copy_of, lang, original = rng.choice(published)
            # republished elsewhere as it was, or an edited copy
            body = list(original) if roll < 0.05 else [_edit(p, rng) for p in original]
        else:
            lang = "vi" if rng.random() < 0.8 or len(languages) == 1 else rng.choice(languages)
            pool = pools[lang]
            body = rng.sample(pool, k=min(len(pool), rng.randint(3, 8)))
            copy_of = _overlapping(body, published, holding)
            for paragraph in body:
                holding.setdefault(paragraph, []).append(len(published))
            published.append((doc_id, lang, body))
        title = body[0].split(".")[0][:90]
        head = [_fill(x, rng) for x in site["head"]]
        tail = [_fill(x, rng) for x in site["tail"]]
        record: dict[str, Any] = {"id": doc_id, "url": f"https://{site['host']}/tin/{number}.html"}
        # What the generator knows, so the benchmark can score decisions: the article's language and, for a
        # copy, the id of the original it was copied from.
        truth: dict[str, Any] = {"language": lang, "copy_of": copy_of}
        record["metadata"] = {"bench_truth": truth}
        kind = rng.random()
        if kind < 0.10:
            record["html"] = _as_html(title, head, body, tail)
            # for the extraction comparison: the furniture lines, and the opening of each article paragraph
            truth["furniture"] = [*head, *tail]
            truth["paragraphs"] = [p[:80] for p in body]
        else:
            text = "\n".join([*head, title, *body, *tail])
            if kind < 0.13:
                text = text.encode("utf-8").decode("sloppy-windows-1252")  # mojibake, as a mis-set scraper makes
            record["text"] = text
        yield record


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "corpus" / "corpus.jsonl")
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as out:
        for record in build(args.docs, args.seed):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
