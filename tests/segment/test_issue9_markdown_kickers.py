"""Issue 9: the lines a converter sets right above a ``#`` headline belong to that headline's
article (made-up pages in the seed page's form)."""

from __future__ import annotations

import pytest

from newsnlp.segment import segment_page

_FIRST = "# 小镇新开一家书店\n\n书店开在老街口，每天都有人来读书。\n\n"


@pytest.mark.parametrize("kicker", ["县府印发", "青川新闻", "山区公路"])
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
