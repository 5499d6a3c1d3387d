from __future__ import annotations

import pytest

from newsnlp.config import PipelineConfig
from newsnlp.errors import ConfigError


def test_config_dict_round_trip() -> None:
    config = PipelineConfig(classifier=None, disable=["summarize"], summary_max_chars=90)
    assert PipelineConfig.from_dict(config.to_dict()) == config


def test_config_toml_round_trip(tmp_path) -> None:
    config = PipelineConfig(classifier=None, topic_threshold=0.4, transformer_options={"strategy": "chunk"}, disable=["keywords"])
    path = tmp_path / "run.toml"
    path.write_text(config.to_toml(), encoding="utf-8")
    assert PipelineConfig.from_toml(path) == config


def test_config_unknown_stage_and_option_are_clear_errors() -> None:
    with pytest.raises(ConfigError, match="Unknown pipeline stage 'summarise'"):
        PipelineConfig(disable=["summarise"])
    with pytest.raises(ConfigError, match="Unknown option 'colour'"):
        PipelineConfig.from_dict({"colour": "red"})
    with pytest.raises(ConfigError, match="Unknown summarizer"):
        PipelineConfig(summarizer="abstractive")


def test_config_stages_follow_disable_and_classifier() -> None:
    assert PipelineConfig().stages == ["segment", "classify", "keywords", "summarize"]
    assert PipelineConfig(classifier=None, disable=["summarize"]).stages == ["segment", "keywords"]
