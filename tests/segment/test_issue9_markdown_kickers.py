"""Issue 9: the lines a converter sets right above a ``#`` headline belong to that headline's
article (made-up pages in the seed page's form)."""

from __future__ import annotations

import pytest

from newsnlp.segment import segment_page

_FIRST = "# 小镇新开一家书店\n\n书店开在老街口，每天都有人来读书。\n\n"


@pytest.mark.parametrize("kicker", ["县府印发", "青川新闻", "山区公路", "王明："])
def test_issue9_four_character_kicker_right_above_a_headline_opens_its_article(kicker):
    page = _FIRST + f"{kicker}\n# 乡村道路养护管理办法出台\n\n本报讯 全县乡村道路今年起按新办法养护。\n"
    issue = segment_page(page)
    assert len(issue.articles) == 2
    second = issue.articles[1]
    assert page[second.start :].startswith(kicker)
    assert (second.kicker, second.title) == (kicker, "乡村道路养护管理办法出台")
    assert issue.articles[0].paragraphs == ["书店开在老街口，每天都有人来读书。"]


def test_issue9_headline_line_ending_in_tu_is_a_kicker_not_a_caption():
    page = _FIRST + "绘好山区道路路线图\n# 乡村道路养护管理办法出台\n\n本报讯 全县乡村道路今年起按新办法养护。\n"
    second = segment_page(page).articles[1]
    assert (second.kicker, second.title) == ("绘好山区道路路线图", "乡村道路养护管理办法出台")


def test_issue9_marked_label_on_the_first_line_is_not_taken_for_a_page_title():
    """A ``##`` line over ``#`` headlines is a kicker or column label, not a page title marked
    one level higher (that one would be ``#`` over ``##`` headlines)."""
    page = (
        "## 先锋力量\n# 乡村道路有人管\n\n本报讯（记者 李华）全县乡村道路今年起按新办法养护。\n\n"
        "# 小镇新开一家书店\n\n本报记者 王明远\n\n书店开在老街口，每天都有人来读书。\n"
    )
    issue = segment_page(page)
    assert not issue.unassigned
    assert issue.articles[0].start == 0
    assert [(a.column, a.title) for a in issue] == [("先锋力量", "乡村道路有人管"), ("", "小镇新开一家书店")]


@pytest.mark.parametrize(
    ("headline", "place", "title"),
    [
        ("逛老街 品年味（新春走基层）", "", "逛老街 品年味（新春走基层）"),
        ("住新房 过新年 乡亲笑开颜", "", "住新房 过新年 乡亲笑开颜"),
        ("西宁 以读书会为引领 建设书香社区", "西宁", "以读书会为引领 建设书香社区"),
        ("青川县 乡村道路通到家门口", "青川县", "乡村道路通到家门口"),
    ],
)
def test_issue9_only_a_place_name_in_front_of_a_headline_is_its_place_tag(headline, place, title):
    """A headline in two parts starts with any short phrase; only a place by name (the
    dictionary's place names, or a name ending in 县, 市 …) is split off as the place tag."""
    page = f"# {headline}\n\n本报讯 老街上的年味一天比一天浓了。\n"
    article = segment_page(page).articles[0]
    assert (article.place, article.title) == (place, title)
