from __future__ import annotations

from newsnlp.summarize import LeadSummarizer, make_summarizer
from newsnlp.text import analyze_article


def test_lead_first_sentences_within_budget(article, tokenizer):
    analysis = analyze_article(article, tokenizer)
    result = LeadSummarizer(max_chars=60).summarize_article(article, analysis)
    assert [s.index for s in result] == [0]
    result = LeadSummarizer(max_chars=None, max_sentences=2).summarize_article(article, analysis)
    assert [s.index for s in result] == [0, 1]


def test_lead_skips_fragments(tokenizer):
    summarizer = LeadSummarizer(max_chars=None, max_sentences=1, tokenizer=tokenizer)
    assert summarizer("学校开学了\n全县二十所新学校今天开学。")[0].index == 1
    plain = LeadSummarizer(max_chars=None, max_sentences=1, tokenizer=tokenizer, skip_fragments=False)
    assert plain("学校开学了\n全县二十所新学校今天开学。")[0].index == 0


def test_lead_empty(tokenizer):
    assert LeadSummarizer(tokenizer=tokenizer)("") == []


def test_lead_by_name():
    assert isinstance(make_summarizer("lead"), LeadSummarizer)
