"""The article-start model of plain pages (issue 9): shipped, rebuilt byte for byte, refused when broken."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from newsnlp.errors import ModelFileError
from newsnlp.segment import PageSplitter
from newsnlp.segment.starts import FEATURES, StartScorer

ROOT = Path(__file__).resolve().parents[2]

# Three short news items laid out without indentation: each headline right after the last
# sentence of the story before, a dateline or a byline under it.
PLAIN_PAGE = """山村小学添了图书角
本报记者 林晓东
开学第一天，青石村小学的孩子们发现教室后面多了一排书架。
书架上的图书由县图书馆统一配送，每学期轮换一次。
老街夜市重新开张
本报杭州3月2日电  （记者周安宁）南门老街夜市在修缮后重新开张，六十多个摊位前人头攒动。
街道办负责人介绍，夜市每晚营业到十一点，周末延长一小时。
河道清淤工程完工（城事速递）
近日，城东河道清淤工程全部完工，沿岸居民告别了多年的异味困扰。
下一步，区里将在河岸两侧修建步道和休闲广场。
"""

# One report in sections: its subheads follow a sentence's end too, but nothing marks them as
# a story's start (no dateline, byline, kicker or column tag) and none of their neighbours is.
SECTIONED = """老厂房变身创意园区
本报记者 许文博
城北的老纺织厂停产十年后，厂房一度闲置，院里长满荒草。
去年，区里引入社会资本，把厂房改造成文创园区，保留了锯齿形屋顶和老机器。
旧车间里的新生意
如今，园区里入驻了四十多家小微企业，有设计工作室，也有手工作坊。
一位店主说，这里租金不高，人流却不少，周末尤其热闹。
园区还要再扩容
按照规划，园区二期将在明年动工，新增展览空间和青年公寓。
区里表示，改造中将继续保留老厂房的历史风貌。
"""


def test_starts_datelines_and_tags_open_articles_on_plain_pages():
    issue = PageSplitter(layout="plain").split(PLAIN_PAGE)
    assert [a.title for a in issue] == ["山村小学添了图书角", "老街夜市重新开张", "河道清淤工程完工（城事速递）"]


def test_starts_unmarked_section_heads_stay_inside_their_article():
    issue = PageSplitter(layout="plain").split(SECTIONED)
    assert [a.title for a in issue] == ["老厂房变身创意园区"]
    assert issue.articles[0].subheads == ["旧车间里的新生意", "园区还要再扩容"]


def test_starts_model_shapes():
    scorer = StartScorer.load()
    assert scorer.coef.shape == (len(FEATURES),)
    assert np.isfinite(scorer.coef).all()


def test_starts_model_file_refused_when_broken(tmp_path):
    bad = tmp_path / "start_model.npz"
    bad.write_bytes(b"not a zip file")
    with pytest.raises(ModelFileError, match="E101"):
        StartScorer.load(bad)
    other = tmp_path / "other.npz"
    np.savez(other, coef=np.zeros(3), intercept=np.zeros(1), header=np.asarray('{"format": "x"}'))
    with pytest.raises(ModelFileError, match="another format"):
        StartScorer.load(other)


def test_starts_model_rebuilds_byte_identical():
    pytest.importorskip("sklearn")
    result = subprocess.run(
        [sys.executable, str(ROOT / "models" / "build_start_model.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "identical" in result.stdout


# Two made-up stories on unrelated things, the second headline right after the first story's end.
TWO_TOPICS = """山村小学添了图书角
开学第一天，青石村小学的孩子们发现教室后面多了一排书架，书架上摆满了新到的图书。
书架上的图书由县图书馆统一配送，每学期轮换一次，孩子们可以把图书借回家阅读。
城东河道清淤工程完工
城东河道清淤工程全部完工，沿岸居民告别了多年的异味困扰，河水重新变得清澈。
下一步，区里将在河岸两侧修建步道和休闲广场，方便居民散步健身。
"""

# One story going on under a subhead: the text after it shares words with the text before it.
ONE_TOPIC = """老厂房变身创意园区
城北的老纺织厂停产十年后，老厂房一度闲置，园区里长满荒草。
去年，区里引入社会资本，把老厂房改造成文创园区，保留了老厂房的锯齿形屋顶。
园区里的新生意
如今，文创园区里入驻了四十多家小微企业，老厂房里有设计工作室，也有手工作坊。
"""


def _second_block(text: str) -> dict[str, float]:
    from newsnlp.segment.layout import plain_block_features, plain_blocks, plain_kinds
    from newsnlp.segment.lines import scan_lines

    lines = scan_lines(text)
    kinds = plain_kinds(lines)
    rows = plain_block_features(lines, kinds, plain_blocks(kinds))
    return dict(zip(FEATURES, rows[1]))


def test_starts_topic_features_tell_a_new_story_from_a_section():
    new_story, section = _second_block(TWO_TOPICS), _second_block(ONE_TOPIC)
    assert new_story["topic_around"] < section["topic_around"]
    assert new_story["head_before"] < section["head_before"]
    weights = dict(zip(FEATURES, StartScorer.load().coef))
    assert weights["topic_around"] < 0  # learned: going on with the same words is a section


# A roundup closes with a bracketed line naming many reporters (longer than a closing line is
# usually allowed to be); the next headline opens a new story all the same.
_REPORTERS = "、".join(["林晓东", "周安宁", "许文博", "陈思远", "赵一鸣", "吴承泽", "刘海燕", "孙秋实", "马建国"] * 2)
ROUNDUP_END = f"""各地迎春花市陆续开张
春节临近，各地花市陆续开张，市民们挑选年花、置办年货，处处洋溢着节日气氛。
花农们说，今年的年桔和蝴蝶兰卖得格外好，不少品种提前售罄。
（综合本报记者{_REPORTERS}报道）
老街夜市重新开张
南门老街夜市在修缮后重新开张，六十多个摊位前人头攒动，烟火气回来了。
街道办负责人介绍，夜市每晚营业到十一点，周末延长一小时。
"""


def test_starts_bracketed_closing_line_is_no_open_sentence():
    row = _second_block(ROUNDUP_END)
    assert len(ROUNDUP_END.splitlines()[3]) > 80
    assert row["prev_body_open"] == 0.0 and row["prev_bracketed"] == 1.0
    issue = PageSplitter(layout="plain").split(ROUNDUP_END)
    assert [a.title for a in issue] == ["各地迎春花市陆续开张", "老街夜市重新开张"]


class _AlwaysLikeness(StartScorer):
    """A scorer that never lets a block skip its likeness features."""

    def likeness_range(self) -> tuple[float, float]:
        return float("-inf"), float("inf")


def test_starts_likeness_skipped_only_where_it_cannot_change_a_decision():
    from newsnlp.segment.layout import classify_plain
    from newsnlp.segment.lines import scan_lines

    shipped = StartScorer.load()
    rng = np.random.default_rng(0)
    pages = [PLAIN_PAGE, SECTIONED, TWO_TOPICS, ONE_TOPIC, ROUNDUP_END, PLAIN_PAGE + SECTIONED + TWO_TOPICS]
    for trial in range(20):
        coef = shipped.coef + (rng.normal(0, 1.5, len(FEATURES)) if trial else 0)
        intercept = shipped.intercept + (rng.normal(0, 1.5) if trial else 0)
        for page in pages:
            lines = scan_lines(page)
            lazy = classify_plain(lines, scorer=StartScorer(coef, intercept))
            full = classify_plain(lines, scorer=_AlwaysLikeness(coef, intercept))
            assert lazy == full


def test_starts_byline_missing_is_the_page_style_a_block_lacks():
    """``byline_missing``: a block without a byline, on a page whose other blocks set them,
    carries the share of those; a block with one, or on a page without them, carries 0."""
    from newsnlp.segment.starts import add_neighbours

    byline, missing = FEATURES.index("byline_inside"), FEATURES.index("byline_missing")
    rows = [[0.0] * len(FEATURES) for _ in range(5)]
    rows[0][byline] = rows[1][byline] = 1.0
    add_neighbours(rows)
    assert [row[missing] for row in rows] == [0.0, 0.0, 0.5, 0.5, 0.5]
    plain = [[0.0] * len(FEATURES) for _ in range(3)]
    add_neighbours(plain)
    assert [row[missing] for row in plain] == [0.0, 0.0, 0.0]
    single = [[0.0] * len(FEATURES)]
    add_neighbours(single)
    assert single[0][missing] == 0.0


def test_starts_same_form_marks_blocks_set_alike_with_their_neighbours():
    """``same_form_prev`` / ``same_form_next``: the parts of one report (each a one-line head
    with its byline) are set alike; a separate story in a form of its own is not."""
    from newsnlp.segment.starts import add_neighbours

    one, two, byline = FEATURES.index("heads_1"), FEATURES.index("heads_2"), FEATURES.index("byline_inside")
    prev, nxt = FEATURES.index("same_form_prev"), FEATURES.index("same_form_next")
    rows = [[0.0] * len(FEATURES) for _ in range(4)]
    rows[0][two] = 1.0  # a kicker over the report's headline
    for row in rows[1:3]:
        row[one] = row[byline] = 1.0  # two parts, each a head and its reporter
    rows[3][one] = 1.0  # a story without a byline
    add_neighbours(rows)
    assert [row[prev] for row in rows] == [0.0, 0.0, 1.0, 0.0]
    assert [row[nxt] for row in rows] == [0.0, 1.0, 0.0, 0.0]


def test_starts_parts_of_a_composite_report_stay_in_it():
    """A report in parts, each under its own head with its reporter's byline, is one article:
    its parts are set alike, one after another."""
    from newsnlp.segment import segment_page

    page = "\n".join(
        [
            "小镇新开一家书店",
            "本报记者 林晓",
            "书店开在老街口，每天都有不少居民来这里读书、喝茶、聊天。",
            "店主说，明年还要办更多的读书会，请作家来和大家见面。",
            "新春走基层",
            "返乡路上暖意浓",
            "本报记者 王明远",
            "腊月二十六，火车站里人来人往，志愿者们忙着给旅客指路、送热水。",
            "一位回家的老人说，今年的车票好买多了，候车室里也不再拥挤。",
            "山村里的年货节",
            "本报记者 周海燕",
            "村里的年货节开张了，腊肉、米酒、手工布鞋摆满了村口的小广场。",
            "村支书说，年货节办了三年，村民的收入一年比一年多。",
            "渔港边的团圆饭",
            "本报记者 陈思远",
            "渔船回港了，渔民们把新打的鱼做成年夜饭，请邻居们一起尝鲜。",
            "老船长说，海上的日子苦，但一家人能团圆就是最大的福气。",
            "工地上的新春联",
            "本报记者 赵建国",
            "工友们在板房门口贴上了新春联，食堂也端出了热腾腾的饺子。",
            "项目经理说，留下来过年的工友都领到了一份年货和加班补贴。",
        ]
    )
    titles = [a.title for a in segment_page(page, layout="plain").articles]
    assert titles[:2] == ["小镇新开一家书店", "返乡路上暖意浓"]
    # the parts between two parts set alike are parts, not stories of their own
    assert "渔港边的团圆饭" not in titles


@pytest.mark.parametrize(
    ("line", "lead"),
    [
        ("2019年，小镇新开了三家书店。", True),
        ("临近春节，老街上的年货摊多了起来。", True),
        ("当地时间15日，展览在市中心开幕。", True),
        ("截至去年底，全县建成农家书屋120个。", True),
        ("书店开在老街口，每天都有不少居民来读书。", False),
    ],
)
def test_starts_next_news_lead_reads_time_leads(line: str, lead: bool) -> None:
    """A story's first sentence opens with a date, a year or a time word more often than a
    section's does: ``next_news_lead``."""
    from newsnlp.segment.starts import _NEWS_LEAD

    assert bool(_NEWS_LEAD.match(line)) is lead
