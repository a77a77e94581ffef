"""The README's Python example runs, and its two commands are the ones CI and users run."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_python_examples_run():
    blocks = re.findall(r"```python\n(.*?)```", README, flags=re.S)
    assert blocks
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {"__name__": "readme_example"})


def test_readme_opens_with_the_main_job_and_the_test_command():
    commands = re.findall(r"```sh\n(.*?)\n```", README, flags=re.S)[:2]
    assert "cleaner run seeds -o" in commands[0]
    assert "pytest" in commands[1]
    assert "grep -m2 '^python3 -m venv' README.md" in (ROOT / ".ci" / "run").read_text()
