"""Output equality: the default chain's output on a fixed corpus (`golden_corpus.py`) is byte for byte what it
was. Speed work must not change what the chain writes; a change that is meant to alter the output regenerates
the golden file (`python tests/test_golden_output.py`), bumps the step's version and says why in CHANGELOG.md.

The golden file holds a sha256 of each output and rejects line by document id, so a failure names the documents
whose output changed, and a sha256 of each whole file (order and bytes).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from golden_corpus import write

from cleaner.cli import main

GOLDEN = Path(__file__).resolve().parent / "golden" / "default_chain.json"


def _digest(path: Path) -> dict[str, Any]:
    data = path.read_bytes()
    lines = data.splitlines()
    records = [json.loads(line) for line in lines]
    digest: dict[str, Any] = {
        "sha256": hashlib.sha256(data).hexdigest(),
        "records": {r["id"]: hashlib.sha256(line).hexdigest()[:16] for r, line in zip(records, lines, strict=True)},
    }
    if records and "reason" in records[0]:
        digest["reasons"] = dict(sorted(Counter(r["reason"] for r in records).items()))
    else:
        digest["languages"] = dict(sorted(Counter(r["metadata"]["language"] for r in records).items()))
    return digest


def run_default_chain(workdir: Path) -> dict[str, Any]:
    """Run `cleaner run corpus.jsonl -o out.jsonl` in `workdir` (relative paths: they go into provenance)."""
    here = Path.cwd()
    os.chdir(workdir)
    try:
        write(Path("corpus.jsonl"))
        assert main(["run", "corpus.jsonl", "-o", "out.jsonl", "-q"]) == 0
    finally:
        os.chdir(here)
    return {"output": _digest(workdir / "out.jsonl"), "rejects": _digest(workdir / "out.rejects.jsonl")}


def test_default_chain_output_is_unchanged(tmp_path: Path) -> None:
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    actual = run_default_chain(tmp_path)
    for kind in ("output", "rejects"):
        want, got = expected[kind]["records"], actual[kind]["records"]
        changed = sorted(k for k in want.keys() | got.keys() if want.get(k) != got.get(k))
        assert not changed, f"{kind} changed for {len(changed)} documents, e.g. {changed[:5]}"
        assert actual[kind]["sha256"] == expected[kind]["sha256"], f"{kind}: same records, different file bytes"


def test_golden_corpus_exercises_every_decision() -> None:
    """Documents in = kept + rejected, and the corpus reaches the drops and the languages speed work touches."""
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert len(golden["output"]["records"]) + len(golden["rejects"]["records"]) == golden["corpus_records"]
    assert set(golden["rejects"]["reasons"]) >= {"dedup.exact", "dedup.near_duplicate", "quality.empty"}
    assert {"vi", "en", "zh", "ja", "ko", "ru", "ar"} <= set(golden["output"]["languages"])


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        result = run_default_chain(Path(tmp))
        result["corpus_records"] = len((Path(tmp) / "corpus.jsonl").read_bytes().splitlines())
    GOLDEN.parent.mkdir(exist_ok=True)
    GOLDEN.write_text(json.dumps(result, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN}", file=sys.stderr)
