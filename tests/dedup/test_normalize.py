import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner.dedup.normalize import dedup_key, dedup_tokens

CASES = [json.loads(line) for line in (Path("fixtures/dedup/keys.jsonl")).read_text("utf-8").splitlines()]


@pytest.mark.parametrize("case", CASES, ids=[c["comment"] for c in CASES])
def test_golden_keys(case: dict[str, str]) -> None:
    assert dedup_key(case["input"]) == case["key"]


def test_fold_digits_is_optional() -> None:
    assert dedup_key("Tháng 12/2021") == "tháng 12 2021"
    assert dedup_key("Tháng 12/2021", fold_digits=True) == "tháng 00 0000"


def test_tokens_are_the_key_split() -> None:
    text = "Sở TT&TT tỉnh Lạng Sơn…"
    assert dedup_tokens(text) == dedup_key(text).split(" ")


@given(st.text(max_size=200))
def test_key_is_idempotent_and_single_spaced(text: str) -> None:
    key = dedup_key(text)
    assert dedup_key(key) == key
    assert "  " not in key
    assert key == key.strip()
