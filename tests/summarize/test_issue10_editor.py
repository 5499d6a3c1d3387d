"""Issue 10, "Summaries and keywords an editor would accept": datelines, dangling references,
bare section lines, generic verbs and overlapping keywords (texts invented for these tests)."""

from __future__ import annotations

import pytest

from newsnlp.summarize import (
    ExtractiveSummarizer,
    LeadSummarizer,
    TextRankKeywords,
    TfidfKeywords,
    depends_on_previous,
    strip_dateline,
)

TITLE = "海川市污水处理工程规模最大 新工艺出水达到一级标准"
PARAGRAPHS = [
    "新华社海川3月2日电　（记者 林海川）海川市今年建成三座污水处理厂，城市污水处理率提高到百分之九十五。",
    "海川市环保局局长许明介绍，三座污水处理厂每天可处理污水四十万吨。",
    "这是海川市有史以来规模最大的污水处理工程，污水处理厂全部采用新工艺，出水水质达到一级标准。",
    "把握好建设与管理的关系。",
    "全市还新增公园绿地一百二十公顷，市民出门五百米就能见到绿地。",
]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("新华社北京1月15日电  国务院常务会议今天召开。", "国务院常务会议今天召开。"),
        ("本报华盛顿1月14日电  （记者王一、李二）当地时间14日上午，会谈举行。", "当地时间14日上午，会谈举行。"),
        ("本报讯（记者 周明远）青禾县新建学校。", "青禾县新建学校。"),
        ("据中新社上海3月2日消息，展会开幕。", "展会开幕。"),
        ("他在1月15日电告各地。", "他在1月15日电告各地。"),
        ("全县新建学校二十所。", "全县新建学校二十所。"),
    ],
)
def test_issue10_strip_dateline(sentence, expected):
    assert strip_dateline(sentence) == expected


@pytest.mark.parametrize("cls", [ExtractiveSummarizer, LeadSummarizer])
def test_issue10_summary_has_no_dateline(cls, tokenizer):
    result = cls(tokenizer=tokenizer, max_chars=150)("\n".join(PARAGRAPHS), title=TITLE)
    assert result[0].index == 0
    assert result[0].text.startswith("海川市今年建成")
    assert not any("电" in s.text[:12] or "记者" in s.text for s in result)


def test_issue10_summary_does_not_open_with_a_dangling_reference(tokenizer):
    text = "\n".join(PARAGRAPHS[1:])
    lenient = ExtractiveSummarizer(tokenizer=tokenizer, max_chars=50, dependency_penalty=1.0)(text, title=TITLE)
    assert lenient[0].text.startswith("这是")  # the best sentence alone leans on the one before it
    result = ExtractiveSummarizer(tokenizer=tokenizer, max_chars=50)(text, title=TITLE)
    assert result and not result[0].text.startswith("这")


def test_issue10_depends_on_previous():
    assert depends_on_previous("此外，县里还开通了校车。", "全县新建学校。")
    assert depends_on_previous("“孩子上学方便了。”", "村民赵桂兰说：")
    assert not depends_on_previous("县里还开通了校车。", "全县新建学校。")


def test_issue10_bare_section_line_never_spends_the_budget(tokenizer):
    text = "\n".join(PARAGRAPHS)
    lenient = ExtractiveSummarizer(tokenizer=tokenizer, max_chars=50, section_penalty=1.0)(text, title=TITLE)
    assert "把握好建设与管理的关系。" in [s.text for s in lenient]
    result = ExtractiveSummarizer(tokenizer=tokenizer, max_chars=50)(text, title=TITLE)
    assert "把握好建设与管理的关系。" not in [s.text for s in result]


@pytest.mark.parametrize("cls", [TfidfKeywords, TextRankKeywords])
def test_issue10_keywords_merge_contained_words(cls):
    words = ["基层党建", "党建", "基层", "引领", "乡村", "治理", "基层党建", "党建", "基层", "乡村"] * 3
    result = [w for w, _ in cls().extract(words, top_k=4)]
    assert "基层党建" in result
    assert "党建" not in result and "基层" not in result


@pytest.mark.parametrize("cls", [TfidfKeywords, TextRankKeywords])
def test_issue10_keywords_demote_generic_verbs(cls):
    words = ["坚持", "把握", "水稻", "坚持", "把握", "丰收", "坚持", "把握", "水稻", "丰收", "灌溉"] * 2
    result = [w for w, _ in cls().extract(words, top_k=3)]
    assert result[:2] == ["水稻", "丰收"] or result[:2] == ["丰收", "水稻"]
    assert "坚持" not in result[:2] and "把握" not in result[:2]
    kept = [w for w, _ in cls(generic_verb_weight=1.0).extract(words, top_k=3)]
    assert "坚持" in kept or "把握" in kept
