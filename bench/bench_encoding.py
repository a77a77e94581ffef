"""Throughput of the encoding step: clean text (the fast path) against broken text, and plain ftfy for scale.

`run(corpus)` times `EncodingTransform` on

* the corpus as given (clean text: most documents never reach legacy detection or ftfy);
* the same documents broken, in rotation, in the ways the step repairs (UTF-8 read as Windows-1252 / Latin-1 /
  Windows-1258, TCVN3, VNI, VISCII, Windows-1258 bytes, NFD, ETH, invisible characters), with the share
  repaired back to what the clean document gives;
* `decode_bytes` on UTF-8 bytes and on legacy-encoded bytes;
* `ftfy.fix_text` with its defaults on the clean corpus, the usual yardstick (datatrove, dolma).

Run alone: `python bench/bench_encoding.py` (builds a corpus from `seeds/`).
"""

from __future__ import annotations

import copy
import json
import random
import time
import unicodedata
from pathlib import Path
from typing import Any

import ftfy
import ftfy.bad_codecs  # registers the sloppy-windows-* codecs

from cleaner.document import Document
from cleaner.encoding.chars import looks_vietnamese
from cleaner.encoding.legacy import encode_legacy, legacy_codec
from cleaner.encoding.mojibake import SUSPICIOUS_RE
from cleaner.filters.encoding import EncodingTransform
from cleaner.io.decode import DecodeError, decode_bytes

#: Stop adding documents to a timed pass after this many seconds (keeps the bench near its 2-minute budget).
TIME_BUDGET_S = 20.0


def _legacy_surface(text: str, name: str) -> str | None:
    codec = legacy_codec(name)
    try:
        data = encode_legacy(text, name)
    except ValueError:
        return None
    return "".join(codec.surface_char(b) for b in data)


def _break(text: str, kind: str) -> str | None:
    utf8 = text.encode("utf-8")
    if kind == "utf8_as_cp1252":
        return utf8.decode("sloppy-windows-1252")
    if kind == "utf8_as_latin1":
        return utf8.decode("latin-1")
    if kind == "utf8_as_cp1258":
        return utf8.decode("sloppy-windows-1258")
    if kind in ("tcvn3", "vni", "viscii", "cp1258"):
        return _legacy_surface(text, kind)
    if kind == "nfd":
        return unicodedata.normalize("NFD", text)
    if kind == "eth":
        return text.replace("Đ", "Ð").replace("đ", "ð")
    if kind == "invisible":
        return text.replace(" ", " \u200b").replace("ư", "ư\u00ad")
    raise ValueError(kind)


KINDS = (
    "utf8_as_cp1252",
    "utf8_as_latin1",
    "utf8_as_cp1258",
    "tcvn3",
    "vni",
    "viscii",
    "cp1258",
    "nfd",
    "eth",
    "invisible",
)


GENERIC_KINDS = ("utf8_as_cp1252", "utf8_as_latin1", "nfd", "invisible")


def _time_step(step: EncodingTransform, texts: list[str]) -> tuple[list[str], float, int]:
    out: list[str] = []
    start = time.perf_counter()
    for i, text in enumerate(texts):
        doc = step.process(Document(id=str(i), text=text))
        assert isinstance(doc, Document)
        out.append(doc.text)
        if time.perf_counter() - start > TIME_BUDGET_S:
            break
    return out, time.perf_counter() - start, len(out)


def _rate(n_docs: int, n_bytes: int, seconds: float) -> dict[str, float]:
    seconds = max(seconds, 1e-9)
    return {
        "docs": n_docs,
        "seconds": round(seconds, 4),
        "docs_per_s": round(n_docs / seconds, 1),
        "mb_per_s": round(n_bytes / seconds / 1e6, 2),
    }


def run(corpus: list[Document]) -> dict[str, Any]:
    texts = [doc.text for doc in corpus if doc.text]
    step = EncodingTransform()
    # clean text
    clean_out, seconds, n = _time_step(step, texts)
    clean_bytes = sum(len(t.encode("utf-8")) for t in texts[:n])
    fast = sum(1 for t in texts[:n] if t.isascii() or not SUSPICIOUS_RE.search(t))
    result: dict[str, Any] = {"clean": {**_rate(n, clean_bytes, seconds), "fast_path_share": round(fast / n, 4)}}
    # clean text already normalised (the step's own output): the fast path alone, nothing left to rewrite
    _, seconds, n2 = _time_step(step, clean_out)
    result["clean_normalized"] = _rate(n2, sum(len(t.encode("utf-8")) for t in clean_out[:n2]), seconds)
    # broken text, kinds in rotation
    broken: list[tuple[str, str, int]] = []
    for i, text in enumerate(texts[:n]):
        # the Vietnamese tables only ever apply to Vietnamese text; other languages get the generic breakages
        kinds = KINDS if looks_vietnamese(text) else GENERIC_KINDS
        kind = kinds[i % len(kinds)]
        bad = _break(text, kind)
        if bad is not None and bad != text:
            broken.append((kind, bad, i))
    fixed, seconds, m = _time_step(step, [b for _, b, _ in broken])
    broken_bytes = sum(len(b.encode("utf-8")) for _, b, _ in broken[:m])
    repaired: dict[str, list[int]] = {}
    for (kind, _, i), out in zip(broken[:m], fixed, strict=True):
        ok = out == clean_out[i]
        repaired.setdefault(kind, [0, 0])
        repaired[kind][0] += ok
        repaired[kind][1] += 1
    result["broken"] = {
        **_rate(m, broken_bytes, seconds),
        "repaired_share": round(sum(v[0] for v in repaired.values()) / max(m, 1), 4),
        "repaired_by_kind": {k: f"{v[0]}/{v[1]}" for k, v in sorted(repaired.items())},
    }
    # bytes
    rng = random.Random(0)
    sample = rng.sample(texts[:n], min(len(texts[:n]), 300))
    for label, payloads in (
        ("decode_utf8", [t.encode("utf-8") for t in sample]),
        ("decode_legacy", [p for p in (_try_encode(t, rng) for t in sample) if p is not None]),
    ):
        start = time.perf_counter()
        errors = 0
        for data in payloads:
            try:
                decode_bytes(data)
            except DecodeError:
                errors += 1
        result[label] = {
            **_rate(len(payloads), sum(map(len, payloads)), time.perf_counter() - start),
            "decode_errors": errors,
        }
    # yardstick: ftfy defaults on the clean corpus
    start = time.perf_counter()
    k = 0
    for text in texts[:n]:
        ftfy.fix_text(text)
        k += 1
        if time.perf_counter() - start > TIME_BUDGET_S:
            break
    result["ftfy_default_clean"] = _rate(k, sum(len(t.encode("utf-8")) for t in texts[:k]), time.perf_counter() - start)
    return result


def _try_encode(text: str, rng: random.Random) -> bytes | None:
    try:
        return encode_legacy(text, rng.choice(("tcvn3", "vni", "cp1258")))
    except ValueError:
        return None


def _seed_corpus(copies: int = 200) -> list[Document]:
    root = Path(__file__).resolve().parents[1]
    seeds = [p.read_text(encoding="utf-8") for p in sorted((root / "seeds").glob("*.txt"))]
    rng = random.Random(0)
    docs = []
    for i in range(copies):
        lines = rng.choice(seeds).split("\n")
        cut = rng.randrange(len(lines))
        docs.append(Document(id=f"doc-{i}", text="\n".join(lines[cut:] + lines[:cut])))
    return [copy.deepcopy(d) for d in docs]


if __name__ == "__main__":
    print(json.dumps(run(_seed_corpus()), indent=2))
