"""The examples in the dedup modules' docstrings run."""

import doctest
import importlib

import pytest

MODULES = ["cleaner.dedup", "cleaner.dedup.normalize", "cleaner.dedup.shingles"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0
    assert result.failed == 0
