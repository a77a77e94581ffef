"""Peak memory of real runs (a subprocess each, its own peak RSS): rejects do not pile up in memory, and a huge
line is rejected without being held (issue 15). The million-record run takes about a minute here, so it is marked
`slow` and runs in `nox -s fuzz` and `nox -s slow`, not in the default suite."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

#: Runs `cleaner` in this interpreter and prints its exit code and peak RSS (MB) as the last line of stderr. The
#: peak is the process's own (`VmHWM`): `ru_maxrss` of a child counts the memory of the parent it was forked from.
_MEASURED = """
import re, sys
from pathlib import Path
from cleaner.cli import main
code = main(sys.argv[1:])
peak_kb = re.search(r"VmHWM:\\s+(\\d+) kB", Path("/proc/self/status").read_text()).group(1)
print(code, int(peak_kb) / 1024, file=sys.stderr)
"""

pytestmark = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the peak RSS from /proc (Linux)")


def run_measured(tmp_path: Path, *args: str) -> float:
    """Run `cleaner run ARGS -o tmp/out.jsonl -q`; its peak RSS in MB (it must exit 0)."""
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-c", _MEASURED, "run", *args, "-o", str(out), "-q"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    code, peak = done.stderr.strip().splitlines()[-1].split()
    assert code == "0", done.stderr
    return float(peak)


def reject_reasons(tmp_path: Path) -> dict[str, int]:
    reasons: dict[str, int] = {}
    with open(tmp_path / "out.rejects.jsonl", "rb") as rejects:
        for line in rejects:
            reason = json.loads(line)["reason"]
            reasons[reason] = reasons.get(reason, 0) + 1
    return reasons


def empty_objects(path: Path, count: int) -> Path:
    path.write_bytes(gzip.compress(b"{}\n" * count))
    return path


def test_a_hundred_thousand_rejects_do_not_pile_up_in_memory(tmp_path: Path):
    """Before, every reject waited (behind the stateful steps) until the end: 120 MB more per 100,000 `{}`."""
    peak = run_measured(tmp_path, str(empty_objects(tmp_path / "empty.jsonl.gz", 100_000)))
    assert reject_reasons(tmp_path) == {"error.missing_field": 100_000}
    assert peak < 160, f"peak RSS {peak:.0f} MB"


@pytest.mark.slow
def test_a_million_empty_objects_run_in_under_300_mb(tmp_path: Path):
    peak = run_measured(tmp_path, str(empty_objects(tmp_path / "empty.jsonl.gz", 1_000_000)))
    assert reject_reasons(tmp_path) == {"error.missing_field": 1_000_000}
    assert peak < 300, f"peak RSS {peak:.0f} MB"


@pytest.mark.parametrize("limit_mb, bound_mb", [(None, 180), ("8", 140)], ids=["default-limit", "8-mb-limit"])
def test_a_200_mb_line_is_rejected_without_being_held(tmp_path: Path, limit_mb: str | None, bound_mb: int):
    """Before, a 200 MB line took 4.7 GB. Now at most the limit (64 MB by default) of it is held."""
    path = tmp_path / "huge.jsonl"
    with open(path, "wb") as out:
        out.write(b'{"text": "')
        for _ in range(200):
            out.write(b"a" * 1_000_000)
        out.write(b'"}\n{"text": "a small document after it"}\n')
    peak = run_measured(tmp_path, str(path), "--only", "quality", *(["--max-record-mb", limit_mb] if limit_mb else []))
    assert reject_reasons(tmp_path) == {"error.too_large": 1}
    assert json.loads((tmp_path / "out.jsonl").read_text())["text"] == "a small document after it"
    assert peak < bound_mb, f"peak RSS {peak:.0f} MB for a 200 MB line"
