from __future__ import annotations

import pytest

from newsnlp.errors import ConfigError, InputError
from newsnlp.summarize import TextRankKeywords, TfidfKeywords, keyword_words
from newsnlp.summarize._resources import load_stopwords
from newsnlp.text import analyze_article


@pytest.mark.parametrize("cls", [TfidfKeywords, TextRankKeywords])
def test_keywords_sensible(cls, article, tokenizer):
    analysis = analyze_article(article, tokenizer)
    result = cls().extract(keyword_words(analysis), top_k=8)
    words = [w for w, _ in result]
    assert len(result) == 8
    assert "学校" in words
    weights = [w for _, w in result]
    assert weights == sorted(weights, reverse=True)
    assert all(weight > 0 for weight in weights)
    stopwords = load_stopwords()
    assert not any(w in stopwords or len(w) < 2 for w in words)
    assert "周明远" not in words  # bylines are left out by keyword_words


@pytest.mark.parametrize("cls", [TfidfKeywords, TextRankKeywords])
def test_keywords_stopwords_and_numbers_excluded(cls):
    words = ["我们", "的", "2020年", "3.5%", "表示", "记者", "水稻", "丰收", "水稻", "工作"]
    result = [w for w, _ in cls().extract(words, top_k=10)]
    assert set(result) == {"水稻", "丰收"}


@pytest.mark.parametrize("cls", [TfidfKeywords, TextRankKeywords])
def test_keywords_empty_and_errors(cls):
    assert cls().extract([], top_k=5) == []
    assert cls().extract(["的", "了"], top_k=5) == []
    with pytest.raises(InputError):
        cls().extract("水稻丰收", top_k=5)
    with pytest.raises(ConfigError):
        cls().extract(["水稻"], top_k=0)


def test_keywords_stopword_list_has_chinese_function_words():
    stopwords = load_stopwords()
    assert {"的", "了", "我们", "进行", "记者"} <= stopwords
    assert len(stopwords) > 300
