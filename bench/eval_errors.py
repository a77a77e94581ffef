"""Where the chain's snippet errors on trafilatura's pages come from, for diagnosis (issue 9).

    python -m bench.eval_errors [--limit N] [--out FILE]

Runs our chain (`--skip dedup`, HTML input) and trafilatura alone on the *trained* half of trafilatura's
evaluation pages only: diagnosing on held-out pages would tune on them (`nox -s eval` reports those). For every
must-not-appear snippet the chain keeps (furniture left in) and every must-appear snippet it loses, it says
whether trafilatura's own output has it, the page line that holds it, and for a lost snippet the rule that
took its line (with the line model's score for `model.furniture`). The counts come first, grouped by those
causes; the list of errors goes to `--out` as JSON.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import trafilatura

from bench.devsets import Page, held_out_trafilatura, trafilatura_eval
from bench.eval import _pipeline
from cleaner.document import Document

OUT = Path(__file__).resolve().parent / "results" / "eval_errors.json"


def page_errors(page: Page) -> list[dict[str, Any]]:
    """The snippet errors of the chain on one page, with what explains each."""
    doc = Document(id=page.name, metadata={"url": page.url} if page.url else {})
    doc.html = page.html
    kept = [d for d in _pipeline().run([doc]) if isinstance(d, Document)]
    text = kept[0].text if kept else ""
    removed = [e for e in kept[0].events if "text" in e.detail] if kept else []
    alone = trafilatura.extract(page.html, url=page.url) or ""
    errors = []
    for kind, snippets, wrong in (("kept", page.without_snippets, True), ("lost", page.with_snippets, False)):
        for snippet in snippets:
            if (snippet in text) != wrong:
                continue
            line = next((x for x in page.lines if snippet in x), None)
            error = {"page": page.name, "error": kind, "snippet": snippet, "in_trafilatura": snippet in alone}
            error["line"] = line
            taker = next((e for e in removed if snippet in str(e.detail["text"])), None)
            if taker is not None:
                error["rule"] = taker.rule
                error["score"] = taker.detail.get("score")
            errors.append(error)
    return errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    pages = [p for p in trafilatura_eval() if not held_out_trafilatura(p.url)][: args.limit]
    if not pages:
        print("no development sets found (../shared/devsets): nothing to diagnose", file=sys.stderr)
        return 0
    # Not forked: loading the pages ran the language detectors, whose native threads a forked child cannot use.
    with ProcessPoolExecutor(args.workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        errors = [e for found in pool.map(page_errors, pages, chunksize=4) for e in found]
    alone = {True: "in trafilatura", False: "not in trafilatura"}
    causes = Counter((e["error"], alone[e["in_trafilatura"]], e.get("rule", "")) for e in errors)
    print(f"{len(pages)} trained pages, {len(errors)} snippet errors")
    for (kind, held, rule), count in sorted(causes.items(), key=lambda item: -item[1]):
        print(f"{count:5}  {kind:5} {held:19} {rule}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(errors, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
