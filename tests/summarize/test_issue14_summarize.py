"""Issue 14 item 3: the extractive summarizer stays linear in time and memory on hostile input.

Memory is measured with tracemalloc (numpy and scipy report their buffers to it), so these
tests assert bytes, not seconds. Before the fix, a dense n x n similarity matrix alone took
n² x 8 bytes (200 MB for 5,000 sentences).
"""

from __future__ import annotations

import tracemalloc

import numpy as np

from newsnlp.document import Article
from newsnlp.summarize import ExtractiveSummarizer
from newsnlp.text import analyze_article


def _peak_bytes(summarizer: ExtractiveSummarizer, article: Article, analysis) -> tuple[int, list]:
    tracemalloc.start()
    try:
        result = summarizer.summarize_article(article, analysis)
        return tracemalloc.get_traced_memory()[1], result
    finally:
        tracemalloc.stop()


def _varied_prose(n: int) -> list[str]:
    places = "东西南北中"
    things = ["学校", "医院", "公园", "道路", "工厂", "农田", "水库", "车站"]
    return [
        f"{places[i % 5]}区第{i}号项目新建{things[i % 8]}{i % 97 + 3}座，投入资金{i * 7 % 1000}万元，惠及居民{i}户。"
        for i in range(n)
    ]


def test_issue14_extractive_memory_bounded_on_many_short_sentences(tokenizer):
    article = Article(paragraphs=["短句。" * 5000])
    summarizer = ExtractiveSummarizer(tokenizer=tokenizer).load()
    analysis = analyze_article(article, tokenizer)
    assert len(analysis.sentences) == 5000
    peak, result = _peak_bytes(summarizer, article, analysis)
    assert result and result[0].index == 0
    assert peak < 30_000_000, f"peak {peak / 1e6:.0f} MB"


def test_issue14_extractive_memory_bounded_on_long_prose(tokenizer):
    article = Article(title="新建学校和医院", paragraphs=_varied_prose(4000))
    summarizer = ExtractiveSummarizer(tokenizer=tokenizer).load()
    analysis = analyze_article(article, tokenizer)
    peak, result = _peak_bytes(summarizer, article, analysis)
    assert result and sum(len(s.text) for s in result) <= 150
    assert peak < 40_000_000, f"peak {peak / 1e6:.0f} MB"


def test_issue14_extractive_shortlist_caps_the_graph(tokenizer):
    article = Article(title="新建学校", paragraphs=_varied_prose(300))
    analysis = analyze_article(article, tokenizer)
    capped = ExtractiveSummarizer(tokenizer=tokenizer, max_candidates=40)
    scores = capped.score(article, analysis)
    assert 0 < np.count_nonzero(scores) <= 40
    assert scores[0] > 0  # the leading sentences are always on the shortlist
    # An article within the cap is scored on all of its sentences, as before.
    whole = ExtractiveSummarizer(tokenizer=tokenizer).score(article, analysis)
    assert np.count_nonzero(whole) == 300


def test_issue14_extractive_memory_error_falls_back_to_lead(tokenizer, monkeypatch):
    article = Article(title="新建学校", paragraphs=_varied_prose(20))
    analysis = analyze_article(article, tokenizer)
    summarizer = ExtractiveSummarizer(tokenizer=tokenizer)

    def out_of_memory(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(summarizer, "_scores", out_of_memory)
    result = summarizer.summarize_article(article, analysis)
    assert [s.index for s in result] == list(range(len(result)))
    assert result and sum(len(s.text) for s in result) <= 150
