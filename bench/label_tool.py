"""Hand-label the Vietnamese development pages, line by line.

    python -m bench.label_tool list
    python -m bench.label_tool show vnexpress.net__myfeed-vnexpress1
    python -m bench.label_tool save vnexpress.net__myfeed-vnexpress1 --keep 12-40,45 --meta 11 --either 41

`show` prints the page's text input (one numbered line per visible block, with its tag and link share);
`save` writes `bench/labels/vi/<page>.json`: every line not named as keep, meta or either is furniture (drop).
Labels are stored by a hash of the line's text, never the text.
"""

from __future__ import annotations

import argparse
import json
import sys

from bench.devsets import LABELS, line_hash, vi_pages


def _ranges(spec: str) -> set[int]:
    out: set[int] = set()
    for part in filter(None, spec.split(",")):
        low, _, high = part.partition("-")
        out.update(range(int(low), int(high or low) + 1))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="label_tool")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list")
    show = sub.add_parser("show")
    show.add_argument("page")
    save = sub.add_parser("save")
    save.add_argument("page")
    for name in ("keep", "meta", "either"):
        save.add_argument(f"--{name}", default="")
    args = parser.parse_args(argv)
    pages = {p.name: p for p in vi_pages()}
    if args.command == "list":
        for name, page in pages.items():
            done = (LABELS / "vi" / f"{name}.json").exists()
            print(f"{'labelled' if done else '-':9} {len(page.blocks):4} lines  {name}")
        return 0
    page = pages[args.page]
    if args.command == "show":
        for i, block in enumerate(page.blocks):
            print(f"{i:4} [{block.tag} {block.link_share:.1f}] {block.text}")
        return 0
    marks = {i: "drop" for i in range(len(page.blocks))}
    for name in ("keep", "meta", "either"):
        for i in _ranges(getattr(args, name)):
            marks[i] = name
    labels: dict[str, str] = {}
    for i, block in enumerate(page.blocks):
        key = line_hash(block.text)
        # a line text seen twice keeps its first label unless a later copy is content
        if key not in labels or marks[i] == "keep":
            labels[key] = marks[i]
    out = {"page": page.name, "url": page.url, "lines": len(page.blocks), "labels": labels}
    path = LABELS / "vi" / f"{page.name}.json"
    path.write_text(json.dumps(out, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    counts = {k: list(marks.values()).count(k) for k in ("keep", "drop", "meta", "either")}
    print(f"wrote {path}: {counts}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
