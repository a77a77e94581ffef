"""Every step parameter is checked against its annotation, with the field, the value and what is allowed."""

from __future__ import annotations

import pytest

from cleaner.config import PipelineSpec, build_steps, parse_override
from cleaner.filters.boilerplate import BoilerplateTransform
from cleaner.filters.extract import ExtractConfig, ExtractTransform
from cleaner.filters.language import LanguageFilter
from cleaner.filters.quality import QualityFilter
from cleaner.params import descriptions
from cleaner.steps import ConfigError


@pytest.mark.parametrize(
    "step, param, value, message",
    [
        pytest.param("extract", "fast", "no", "extract.fast must be true or false, got 'no'", id="bool-from-string"),
        pytest.param("extract", "fast", 1, "extract.fast must be true or false, got 1", id="bool-from-int"),
        pytest.param("quality", "min_words", 3.5, "quality.min_words must be an integer or none, got 3.5", id="int"),
        pytest.param("quality", "min_words", True, "quality.min_words must be an integer or none", id="int-bool"),
        pytest.param("language", "min_score", "high", "language.min_score must be a number or none", id="float"),
        pytest.param(
            "extract",
            "method",
            "line",
            "'trafilatura', got 'line' (did you mean 'lines'?)",
            id="choice",
        ),
        pytest.param("language", "languages", [1, 2], "language.languages must be a list of strings", id="list"),
        pytest.param(
            "boilerplate",
            "extractor_thresholds",
            [0.1],
            "boilerplate.extractor_thresholds must be a list of 2",
            id="pair",
        ),
        pytest.param("quality", "min_wrods", 3, "unknown parameter 'min_wrods' (did you mean 'min_words'?)", id="typo"),
    ],
)
def test_wrong_types_are_config_errors_naming_field_value_and_allowed(step, param, value, message):
    with pytest.raises(ConfigError) as caught:
        build_steps(PipelineSpec([(step, {param: value})]))
    assert message in str(caught.value)


def test_values_are_coerced_to_the_annotated_type():
    language = LanguageFilter(languages=["vi", "en"])
    assert language.config.languages == ("vi", "en")
    assert LanguageFilter(languages="vi,en").config.languages == ("vi", "en")
    assert QualityFilter(min_words="none").config.min_words is None
    assert QualityFilter(min_alpha_words_ratio=1).config.min_alpha_words_ratio == 1
    assert BoilerplateTransform(extractor_thresholds=[0.1, 0.9]).config.extractor_thresholds == (0.1, 0.9)


def test_a_config_object_is_checked_too():
    with pytest.raises(ConfigError, match="extract.fast must be true or false"):
        ExtractTransform(ExtractConfig(fast="no"))  # type: ignore[arg-type]


def test_set_reads_bare_word_lists_as_toml_style_lists():
    assert parse_override("language.languages=[vi,en]") == ("language", "languages", ["vi", "en"])
    (step,) = build_steps(PipelineSpec([("language", {})]).override([parse_override("language.languages=[vi,en]")]))
    assert step.config.languages == ("vi", "en")


def test_misspelt_step_names_get_a_suggestion():
    with pytest.raises(ConfigError, match=r"unknown step 'dedupe' \(did you mean 'dedup'\?\)"):
        PipelineSpec.default().select(only=["dedupe"])


def test_a_parameter_of_a_base_config_is_described_and_settable():
    assert descriptions(ExtractConfig)["timeout_seconds"].startswith("Wall-clock seconds the step may spend")
    assert descriptions(ExtractConfig)["method"].startswith("lines: the full visible text")
    (step,) = build_steps(PipelineSpec([("extract", {})]).override([parse_override("extract.timeout_seconds=5")]))
    assert step.config.timeout_seconds == 5
