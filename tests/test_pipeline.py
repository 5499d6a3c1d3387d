"""The pipeline: load(), __call__, pipe() in order with workers, stages, configuration."""

from __future__ import annotations

import pytest

import newsnlp
from newsnlp.config import PipelineConfig
from newsnlp.document import Issue
from newsnlp.errors import ConfigError, InputError
from newsnlp.pipeline import Pipeline


@pytest.fixture(scope="module")
def nlp() -> Pipeline:
    return newsnlp.load()


def test_pipeline_enriches_every_article(nlp: Pipeline, sample_issue_text: str) -> None:
    issue = nlp(sample_issue_text)
    assert [a.topic for a in issue.articles] == ["organization", "talent", "rural", "other"]
    for article in issue.articles:
        assert set(article.topic_scores) == {"organization", "talent", "rural", "other"}
        assert abs(sum(article.topic_scores.values()) - 1) < 1e-6
        assert article.keywords and all(isinstance(w, str) for w, _ in article.keywords)
        assert article.summary and article.summary == "".join(s.text for s in article.summary_sentences)
        assert len(article.summary) <= 150
        assert sample_issue_text[article.start : article.end].strip()


def test_pipeline_pipe_keeps_input_order_with_workers(nlp: Pipeline, sample_issue_text: str) -> None:
    texts = [sample_issue_text.replace("临川", f"临川{i}") for i in range(6)]
    alone = [nlp(t).to_dict() for t in texts]
    piped = [issue.to_dict() for issue in nlp.pipe(texts, n_process=2, batch_size=2)]
    assert piped == alone


def test_pipeline_pipe_as_tuples_passes_context(nlp: Pipeline, sample_issue_text: str) -> None:
    pairs = [(sample_issue_text, {"n": i}) for i in range(3)]
    out = list(nlp.pipe(pairs, as_tuples=True))
    assert [context["n"] for _, context in out] == [0, 1, 2]
    assert all(isinstance(issue, Issue) for issue, _ in out)


def test_pipeline_disable_stages(sample_issue_text: str) -> None:
    nlp = newsnlp.load(classifier=None, disable=["summarize"])
    assert nlp.stage_names == ["segment", "keywords"]
    article = nlp(sample_issue_text).articles[0]
    assert article.topic is None and article.summary == "" and article.keywords


def test_pipeline_rerun_later_stages_on_an_issue(sample_issue_text: str) -> None:
    segmented = newsnlp.load(classifier=None, disable=["keywords", "summarize"])(sample_issue_text)
    assert segmented.articles[0].topic is None
    full = newsnlp.load()(segmented)
    assert full is segmented and full.articles[0].topic == "organization"


def test_pipeline_config_round_trips_through_toml(tmp_path, sample_issue_text: str) -> None:
    nlp = newsnlp.load(classifier=None, summary_max_chars=60, keywords="textrank")
    path = tmp_path / "run.toml"
    path.write_text(nlp.config.to_toml(), encoding="utf-8")
    again = newsnlp.load(config=str(path))
    assert again.config == nlp.config
    assert again(sample_issue_text).to_dict() == nlp(sample_issue_text).to_dict()


def test_pipeline_owns_its_tokenizer() -> None:
    a, b = newsnlp.load(classifier=None), newsnlp.load(classifier=None)
    assert a.tokenizer is not b.tokenizer


def test_pipeline_errors_are_clear() -> None:
    nlp = newsnlp.load(classifier=None, disable=["keywords", "summarize"])
    with pytest.raises(InputError, match="E001"):
        nlp(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="E002"):
        list(nlp.pipe("a single string"))
    with pytest.raises(ConfigError, match="E020"):
        newsnlp.load(disable=["translate"])
    small = newsnlp.load(classifier=None, disable=["keywords", "summarize"], max_chars=10)
    with pytest.raises(InputError, match="E007"):
        small("党" * 11)


def test_pipeline_empty_text_gives_an_empty_issue() -> None:
    issue = newsnlp.load()("")
    assert issue.articles == [] and issue.unassigned == []


def test_pipeline_user_classifier_file(tmp_path, sample_issue_text: str) -> None:
    from newsnlp.classify import TopicClassifier

    texts = ["村里的合作社种蘑菇", "乡村旅游带动农民增收", "医院开设夜间门诊", "社区医生上门随访"]
    model = TopicClassifier(char_ngram_range=None).fit(texts, ["rural", "rural", "health", "health"])
    path = model.save(tmp_path / "m.skops")
    nlp = newsnlp.load(classifier=str(path), disable=["keywords", "summarize"])
    assert {a.topic for a in nlp(sample_issue_text).articles} <= {"rural", "health"}


def test_pipeline_config_object_is_validated() -> None:
    with pytest.raises(ConfigError):
        Pipeline(PipelineConfig(summarizer="nope"))


def test_pipeline_transformer_needs_a_model() -> None:
    with pytest.raises(ConfigError, match="E025"):
        newsnlp.load(summarizer="transformer")
