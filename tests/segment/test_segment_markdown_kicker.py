"""Markdown pages: an unmarked line right above a '#' headline is its kicker, not furniture."""

from newsnlp.segment import segment_page

PAGE = """第5版 2024年3月8日 星期五

小小菌菇撑起致富伞
# 石桥村合作社带动百户增收

本报记者 赵一鸣

村里的食用菌大棚连成一片，合作社今年带动126户农户增收。

图为村民在大棚里采收羊肚菌。
宋 岩摄
# 地铁四号线年底通车

四号线全长31.6公里，设站24座。
"""


def test_segment_markdown_kicker_above_headline() -> None:
    issue = segment_page(PAGE)
    assert [a.title for a in issue] == ["石桥村合作社带动百户增收", "地铁四号线年底通车"]
    first, second = issue.articles
    assert first.kicker == "小小菌菇撑起致富伞"
    assert PAGE[first.start :].startswith("小小菌菇撑起致富伞")
    assert [u.kind for u in issue.unassigned] == ["furniture"]
    # a photo credit right above the next headline stays with the article it belongs to
    assert second.kicker == "" and first.credits == ["宋 岩摄"]


def test_segment_markdown_without_single_hash_headlines() -> None:
    page = (
        "## 石桥村合作社带动百户增收\n\n本报记者 赵一鸣\n\n村里的食用菌大棚连成一片，合作社今年带动126户农户增收。\n\n"
        "### 一个大棚一本账\n\n合作社给每个大棚建了台账，收入按月公开。\n\n"
        "## 地铁四号线年底通车\n\n四号线全长31.6公里，设站24座。\n"
    )
    issue = segment_page(page)
    assert [a.title for a in issue] == ["石桥村合作社带动百户增收", "地铁四号线年底通车"]
    assert issue.articles[0].subheads == ["一个大棚一本账"]
    assert issue.articles[0].byline == "本报记者 赵一鸣"


def test_segment_bold_headlines_lose_their_markers() -> None:
    page = (
        "**石桥村合作社带动百户增收**\n\n本报记者 赵一鸣\n\n村里的食用菌大棚连成一片，合作社今年带动126户农户增收。\n\n"
        "**地铁四号线年底通车**\n\n本报讯（记者 宋佳）四号线全长31.6公里，设站24座，年底开通运营。\n"
    )
    issue = segment_page(page)
    assert [a.title for a in issue] == ["石桥村合作社带动百户增收", "地铁四号线年底通车"]
    assert page[issue.articles[1].start :].startswith("**地铁")  # offsets still point at the raw line
