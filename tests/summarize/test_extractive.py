from __future__ import annotations

import time

import pytest

from newsnlp.document import Article, ScoredSentence
from newsnlp.errors import ConfigError
from newsnlp.summarize import ExtractiveSummarizer, is_credit, is_summary_candidate, parse_budget, strip_dateline
from newsnlp.text import analyze_article

from .conftest import BODY, TITLE


def _summ(article, tokenizer, **params):
    summarizer = ExtractiveSummarizer(tokenizer=tokenizer, **params)
    analysis = analyze_article(article, tokenizer)
    return summarizer.summarize_article(article, analysis), analysis


def test_extractive_budget_respected(article, tokenizer):
    for max_chars in (60, 100, 150, 250):
        article.analysis = None
        result, _ = _summ(article, tokenizer, max_chars=max_chars)
        assert result
        assert sum(len(s.text) for s in result) <= max_chars


def test_extractive_sentence_budget_and_percent(article, tokenizer):
    result, analysis = _summ(article, tokenizer, max_chars=None, max_sentences=2)
    assert len(result) == 2
    article.analysis = None
    result, analysis = _summ(article, tokenizer, max_chars=None, max_sentences="20%")
    assert len(result) == 3  # ceil(0.2 * 12 sentences)
    assert len(analysis.sentences) == 12


def test_extractive_document_order_and_indices(article, tokenizer):
    result, analysis = _summ(article, tokenizer, max_chars=200)
    indices = [s.index for s in result]
    assert indices == sorted(indices)
    for s in result:
        assert isinstance(s, ScoredSentence)
        # The text is the sentence itself, less a leading dateline (本报青禾1月8日电).
        assert s.text == strip_dateline(analysis.sentences[s.index])
        assert analysis.sentences[s.index].endswith(s.text)
        assert 0 < s.score <= 1


def test_extractive_picks_the_lead(article, tokenizer):
    result, _ = _summ(article, tokenizer, max_chars=150)
    assert result[0].index == 0


def test_extractive_never_picks_captions_credits_fragments(article, tokenizer):
    result, analysis = _summ(article, tokenizer, max_chars=None, max_sentences=None)
    texts = {s.text for s in result}
    assert len(result) < len(analysis.sentences)
    for bad in (
        "图为青禾县新建的石门乡小学。",
        "教师队伍同步补齐",
        "（本报记者 周明远）",
        "李 华摄",
        "在下一阶段，县里将重点推进",
    ):
        assert bad in analysis.sentences
        assert bad not in texts
    assert "石门乡村民赵桂兰说。" not in texts


def test_extractive_redundancy_removed(tokenizer):
    paragraphs = [
        "海川市今年建成三座污水处理厂，城市污水处理率提高到百分之九十五。",
        "海川市今年建成三座污水处理厂，城市污水处理率提高到了百分之九十五。",
        "与此同时，全市新增公园绿地一百二十公顷，市民出门五百米就能见到绿地。",
        "河道治理方面，海川市清理了四十条黑臭水体，沿河修建了二十公里步道。",
    ]
    article = Article(title="海川市污水处理率提高", paragraphs=paragraphs)
    with_mmr, _ = _summ(article, tokenizer, max_chars=None, max_sentences=2)
    assert {0, 1} != {s.index for s in with_mmr}
    article.analysis = None
    without, _ = _summ(article, tokenizer, max_chars=None, max_sentences=2, redundancy_tradeoff=1.0)
    assert {0, 1} == {s.index for s in without}


def test_extractive_empty_and_one_sentence(tokenizer):
    summarizer = ExtractiveSummarizer(tokenizer=tokenizer)
    assert summarizer("") == []
    assert summarizer("\n\n  \n") == []
    one = summarizer("今天全市降雨量达到五十毫米。")
    assert [(s.index, s.text) for s in one] == [(0, "今天全市降雨量达到五十毫米。")]
    # A single long sentence over the budget is still returned whole, never cut.
    long = "今天" + "全市各区普遍降雨，" * 30 + "交通总体平稳。"
    assert [s.text for s in summarizer(long, title="降雨")] == [long]
    # Only fragments: the first sentence comes back rather than nothing.
    assert summarizer("乡村学校迎来新变化").pop().text == "乡村学校迎来新变化"


def test_extractive_text_input_and_article_input_agree(article, tokenizer):
    summarizer = ExtractiveSummarizer(tokenizer=tokenizer)
    from_text = summarizer("\n".join(BODY), title=TITLE)
    from_article = summarizer.summarize(article)
    assert from_text == from_article
    assert summarizer.summarize_articles([article, article]) == [from_article, from_article]


def test_extractive_hard_wrapped_text_summarizes_like_whole_paragraphs(article, tokenizer):
    from tests.segment.pages import hard_wrap

    summarizer = ExtractiveSummarizer(tokenizer=tokenizer)
    text = "\n".join(BODY)
    wrapped = hard_wrap(text, 14)
    assert wrapped.count("\n") > text.count("\n") + 5
    assert summarizer(wrapped, title=TITLE) == summarizer(text, title=TITLE)


def test_extractive_lazy_tokenizer():
    summarizer = ExtractiveSummarizer()
    assert summarizer.tokenizer is None
    assert summarizer("青禾县新建二十所学校。学生就近入学。")


def test_extractive_init_stores_params_only():
    summarizer = ExtractiveSummarizer(max_chars="20%", weights={"nonsense": 1.0})
    assert summarizer.max_chars == "20%"
    with pytest.raises(ConfigError, match="nonsense"):
        summarizer("青禾县新建二十所学校。")


@pytest.mark.parametrize("bad", [0, -5, "abc", "0%", "150%", True])
def test_base_invalid_budget(bad):
    with pytest.raises(ConfigError, match="E053"):
        parse_budget(bad, None, n_chars=100, n_sentences=5)


def test_base_budget_percent():
    assert parse_budget("10%", None, n_chars=2000, n_sentences=40).max_chars == 200
    assert parse_budget("150", "1", n_chars=10, n_sentences=1).max_sentences == 1


@pytest.mark.parametrize(
    ("sentence", "ok"),
    [
        ("全县今年新建了十二所乡村小学。", True),
        ("记者近日来到石门乡小学采访。", True),
        ("他们正在田间拍摄纪录片。", True),
        ("“学校就在家门口，真方便！”", True),
        ("（完）", False),
        ("（本报记者 周明远）", False),
        ("本报记者 周明远 通讯员 李华。", False),
        ("图为新建的乡村学校。", False),
        ("李 华摄", False),
        ("本期统筹：陈一鸣", False),
        ("教师队伍同步补齐", False),
        ("，县里还开通了校车线路。", False),
        ("在下一阶段，县里将重点推进", False),
        ("“以前孩子每天要走一个多小时山路。", False),
        ("石门乡村民赵桂兰说。", False),
    ],
)
def test_base_is_summary_candidate(sentence, ok):
    assert is_summary_candidate(sentence) is ok


def test_base_is_credit():
    assert is_credit("（新华社发）")
    assert not is_credit("青禾县新建二十所学校。")


def test_extractive_fast(tokenizer):
    paragraphs = [BODY[0], BODY[1], BODY[4], BODY[6], BODY[7]] * 8  # about 2,000 characters
    article = Article(title=TITLE, paragraphs=paragraphs)
    analysis = analyze_article(article, tokenizer)
    summarizer = ExtractiveSummarizer()
    summarizer.summarize_article(article, analysis)
    start = time.perf_counter()
    for _ in range(20):
        summarizer.summarize_article(article, analysis)
    assert (time.perf_counter() - start) / 20 < 0.05  # typically ~1 ms; generous for CI
