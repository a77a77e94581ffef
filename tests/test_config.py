from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.config import PipelineSpec, build_steps, load_spec, parse_override
from cleaner.filters.quality import QualityFilter
from cleaner.registry import DEFAULT_CHAIN
from cleaner.steps import ConfigError


def test_toml_file_lists_steps_in_order_with_parameters(tmp_path: Path):
    path = tmp_path / "pipe.toml"
    path.write_text('[[steps]]\nname = "quality"\nmin_words = 7\n\n[[steps]]\nname = "extract"\nfocus = "recall"\n')
    spec = load_spec(path)
    assert spec.steps == [("quality", {"min_words": 7}), ("extract", {"focus": "recall"})]
    steps = build_steps(spec)
    assert isinstance(steps[0], QualityFilter)
    assert steps[0].config.min_words == 7


@pytest.mark.parametrize(
    "content, message",
    [
        pytest.param("steps = 3", "must list its steps", id="steps-not-tables"),
        pytest.param("[[steps]]\nmin_words = 3\n", "has no name", id="step-without-name"),
        pytest.param("[[steps\n", "not valid TOML", id="broken-toml"),
    ],
)
def test_bad_config_files_say_what_is_wrong(tmp_path: Path, content: str, message: str):
    path = tmp_path / "pipe.toml"
    path.write_text(content)
    with pytest.raises(ConfigError, match=message):
        load_spec(path)


def test_missing_config_file_is_a_config_error(tmp_path: Path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_spec(tmp_path / "absent.toml")


def test_only_and_skip_keep_chain_order():
    spec = PipelineSpec.default()
    assert spec.names() == list(DEFAULT_CHAIN)
    assert spec.select(only=["quality", "extract"]).names() == ["extract", "quality"]
    assert "dedup" not in spec.select(skip=["dedup"]).names()
    with pytest.raises(ConfigError, match="unknown step 'nope'"):
        spec.select(only=["nope"])
    with pytest.raises(ConfigError, match="no steps left"):
        spec.select(only=["quality"], skip=["quality"])


def test_only_adds_a_step_the_config_file_left_out():
    spec = PipelineSpec([("extract", {})]).select(only=["extract", "quality"])
    assert spec.names() == ["extract", "quality"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("quality.min_words=5", ("quality", "min_words", 5)),
        ("language.languages=['vi', 'en']", ("language", "languages", ["vi", "en"])),
        ("extract.focus=recall", ("extract", "focus", "recall")),
        ("extract.fast=true", ("extract", "fast", True)),
    ],
)
def test_overrides_parse_values_as_toml(text: str, expected: tuple):
    assert parse_override(text) == expected


def test_override_of_a_step_not_in_the_chain_is_refused():
    with pytest.raises(ConfigError, match="not in this pipeline"):
        PipelineSpec([("extract", {})]).override([("quality", "min_words", 3)])
    with pytest.raises(ConfigError, match="STEP.PARAM=VALUE"):
        parse_override("min_words=3")


def test_step_parameters_are_validated_with_the_field_and_range():
    with pytest.raises(ConfigError, match=r"quality.min_alpha_words_ratio must be in \[0.0, 1.0\]"):
        QualityFilter(min_alpha_words_ratio=2)
    with pytest.raises(ConfigError, match="unknown parameter"):
        QualityFilter(min_sentences=2)
    with pytest.raises(ConfigError, match="extract.focus must be one of"):
        build_steps(PipelineSpec([("extract", {"focus": "fast"})]))


def test_none_string_turns_off_nullable_parameters_only(tmp_path: Path):
    path = tmp_path / "pipe.toml"
    path.write_text('[[steps]]\nname = "quality"\nmin_words = "none"\n')
    (step,) = build_steps(load_spec(path))
    assert step.config.min_words is None
    with pytest.raises(ConfigError, match="extract.focus must be one of"):
        build_steps(PipelineSpec([("extract", {"focus": "none"})]))


@pytest.mark.parametrize(
    "content, message",
    [
        pytest.param(
            'step = []\n[[steps]]\nname = "quality"\n',
            r"unknown top-level key 'step' \(did you mean 'steps'\?\)",
            id="typo-key",
        ),
        pytest.param('[[steps]]\nname = "quality"\n[options]\nx = 1\n', "unknown top-level key 'options'", id="extra"),
    ],
)
def test_unknown_top_level_keys_are_errors(tmp_path: Path, content: str, message: str):
    path = tmp_path / "pipe.toml"
    path.write_text(content)
    with pytest.raises(ConfigError, match=message):
        load_spec(path)


def test_a_directory_given_as_config_is_a_config_error(tmp_path: Path):
    with pytest.raises(ConfigError, match="is a directory"):
        load_spec(tmp_path)
