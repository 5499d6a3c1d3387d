"""The transformer summarizer behind the same pipeline API (tiny random model built offline)."""

from __future__ import annotations

import pytest

pytest.importorskip("torch", reason="needs the transformer extra: pip install 'newsnlp[transformer]'")
pytest.importorskip("transformers", reason="needs the transformer extra: pip install 'newsnlp[transformer]'")

import newsnlp  # noqa: E402

from ._tiny_model import build_tiny_model  # noqa: E402


@pytest.mark.slow
def test_pipeline_transformer_summaries_every_article(tmp_path, sample_issue_text: str) -> None:
    model = build_tiny_model(tmp_path / "tiny")
    nlp = newsnlp.load(
        summarizer="transformer",
        transformer_model=str(model),
        transformer_options={"device": "cpu", "generation_kwargs": {"max_new_tokens": 8}},
        summary_max_chars=8,
    )
    issue = nlp(sample_issue_text)
    assert len(issue.articles) == 4
    for article in issue.articles:
        assert article.topic  # the other stages still run
        assert all(s.index == -1 for s in article.summary_sentences)
        assert article.summary == "".join(s.text for s in article.summary_sentences)
    again = nlp(sample_issue_text)
    assert [a.summary for a in again.articles] == [a.summary for a in issue.articles]

