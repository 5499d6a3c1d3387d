"""Checks on the real seed page and the rmrb-dev pages, read from ../shared at run time.

That text is for measurement only: it is never copied into the repository, and these tests skip
when ../shared is absent (a fresh clone).
"""

import json
from pathlib import Path

import pytest

from newsnlp.segment import segment_page
from newsnlp.segment.layout import scan_lines

from .test_segment_splitter import assert_covers

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = SHARED / "seeds" / "000_50fb352426c234d0.txt"
PAGES = SHARED / "data" / "rmrb-dev" / "pages.jsonl"

# (end of the first half, start of the second half) of the seed page's 11 column breaks.
SEED_BREAKS = [
    ("推动基层党建", "工作任务落实落细"),
    ("等6", "个方面20条"),
    ("难点问", "题。西宁市城北区"),
    ("观念意识", "方面的原因"),
    ("先后召开", "夯实农村和社区"),
    ("方面存在的", "突出问题"),
    ("教育培训的", "新阵地"),
    ("115个爱心", "商家提供"),
    ("合力推", "动人才工作"),
    ("信息共", "突破”"),
    ("“两", "手都要硬”"),
]


@pytest.fixture(scope="module")
def seed_issue():
    if not SEED.exists():
        pytest.skip(f"seed page not found at {SEED} (../shared is not beside this checkout)")
    return segment_page(SEED.read_text(encoding="utf-8"))


def test_seed_page_articles(seed_issue):
    issue = seed_issue
    assert issue.layout == "markdown"
    assert [a.title for a in issue] == [
        "以“六个一”为引领 构建基层党建新格局",
        "做好新时代人才工作需把握好“六种关系”",
        "党建赋能 夯实乡村振兴之基",
        "深化“党建+”模式 推动乡村旅游大发展",
    ]
    assert [a.place for a in issue] == ["西宁", "", "祁连", "共和"]
    assert [a.column for a in issue] == ["", "党建新论", "先锋力量", ""]
    assert [[(x.name, x.role) for x in a.authors] for a in issue] == [
        [("郑思哲", "本报记者"), ("谢亚军", "通讯员")],
        [("黄城", "")],
        [("郑思哲", "本报记者"), ("李京蓉", "通讯员")],
        [("侯金花", "通讯员"), ("郑思哲", "本报记者")],
    ]
    first = issue.articles[0]
    assert first.captions == ["交心茶座“话党建”", "新业态党员参加组织活动"]
    assert first.credits == ["西宁市组织部供图"]
    assert len(first.subheads) == 3
    body = "\n".join(a.text for a in issue)
    assert "西宁市组织部供图" not in body and "新业态党员参加组织活动" not in body
    # The 先锋力量 label and the 祁连 tag open the third article.
    assert issue.text[issue.articles[2].start :].startswith("## 先锋力量")
    assert_covers(issue)


def test_seed_page_all_column_breaks_repaired(seed_issue):
    paragraphs = [p for a in seed_issue for p in a.paragraphs]
    repaired = 0
    for head, tail in SEED_BREAKS:
        joined = [p for p in paragraphs if head + tail in p]
        assert joined, f"break {head!r} / {tail!r} not repaired"
        repaired += 1
    assert repaired == 11


def test_rmrb_dev_boundaries_as_given_and_stripped():
    if not PAGES.exists():
        pytest.skip(f"rmrb-dev pages not found at {PAGES} (../shared is not beside this checkout)")
    pages = [json.loads(line) for line in PAGES.open(encoding="utf-8")][:60]
    for strip in (False, True):
        tp = n_pred = n_gold = 0
        for page in pages:
            text = page["text"]
            gold = {text.count("\n", 0, s["start"]) for s in page["spans"]}
            if strip:
                text = "\n".join(line.lstrip(" \t\u3000\xa0") for line in text.split("\n"))
            issue = segment_page(text)
            pred = {text.count("\n", 0, a.start) for a in issue}
            tp += len(gold & pred)
            n_pred += len(pred)
            n_gold += len(gold)
            assert len(scan_lines(text)) == sum(len(a.lines) for a in issue) + len(issue.unassigned)
        f1 = 2 * tp / (n_pred + n_gold)
        assert f1 >= (0.85 if strip else 0.98), (strip, f1)
