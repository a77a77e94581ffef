"""The detector backends: langdetect-rs's one-call path gives what a seeded `Detector` object gives."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest

from cleaner.budget import time_limit
from cleaner.language import backends
from cleaner.language.backends import get_backend

EVAL = Path(__file__).resolve().parents[2] / "fixtures" / "language" / "eval.tsv"


def test_one_call_path_equals_the_detector_object() -> None:
    backend = get_backend("langdetect-rs")
    with open(EVAL, encoding="utf-8", newline="") as fh:
        texts = [r["text"] for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)][::7]
    texts += ["", "   ", "1234 5678", "http://example.com/a b@c.de", "Xin chào", "漢字", "a" * 12000]
    for text in texts:
        merged: dict[str, float] = {}
        for label, probability in backend._detector_probabilities(text):
            code = "zh" if label.startswith("zh") else label
            merged[code] = merged.get(code, 0.0) + probability
        assert backend.probabilities(text) == sorted(merged.items(), key=lambda kv: (-kv[1], kv[0])), text


@pytest.mark.parametrize("name", ["langdetect-rs", "langdetect"])
def test_no_features_gives_no_probabilities(name: str) -> None:
    assert get_backend(name).probabilities("1234 !!! 5678") == []


def test_loading_a_backend_is_not_counted_in_the_document_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    class SlowBackend:  # profiles loading on a loaded machine
        def __init__(self, name: str) -> None:
            time.sleep(0.5)

    monkeypatch.setattr(backends, "Backend", SlowBackend)
    monkeypatch.setattr(backends, "_LOADED", {})
    with time_limit(0.2):
        assert isinstance(get_backend("langdetect"), SlowBackend)
