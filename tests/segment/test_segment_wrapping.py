"""Hard-wrapped pages (a line break at every printed line, as pdftotext gives them) split like
the same pages with whole paragraphs."""

from __future__ import annotations

import pytest

from newsnlp.segment import PageSplitter, segment_page
from newsnlp.segment.layout import scan_lines
from newsnlp.segment.wrapping import display_width, join_groups, wrap_widths

from .pages import EPAPER_PAGE, MARKDOWN_PAGE, PLAIN_PAGE, hard_wrap
from .test_segment_splitter import assert_covers


def _fields(issue):
    return [
        (a.title, a.kicker, a.subtitle, a.place, a.column, a.authors, a.paragraphs, a.captions, a.credits)
        for a in issue
    ]


@pytest.mark.parametrize("width", [12, 15])
@pytest.mark.parametrize("page", [MARKDOWN_PAGE, EPAPER_PAGE, PLAIN_PAGE], ids=["markdown", "epaper", "plain"])
def test_wrapping_hard_wrapped_page_splits_like_the_original(page, width):
    wrapped = hard_wrap(page, width)
    assert wrapped.count("\n") > page.count("\n") + 5  # the wrap really cut paragraphs
    issue = segment_page(wrapped)
    assert issue.layout == segment_page(page).layout
    assert _fields(issue) == _fields(segment_page(page))
    assert_covers(issue)


def test_wrapping_is_what_makes_the_difference():
    wrapped = hard_wrap(MARKDOWN_PAGE, 12)
    without = PageSplitter(unwrap=False).split(wrapped)
    assert _fields(without) != _fields(segment_page(MARKDOWN_PAGE))


def test_wrapping_leaves_paragraph_per_line_pages_alone():
    for page in (MARKDOWN_PAGE, EPAPER_PAGE, PLAIN_PAGE):
        lines = scan_lines(page)
        assert wrap_widths(lines) == []
        assert join_groups(lines) == [[k] for k in range(len(lines))]


def test_wrapping_width_counts_ascii_as_half_a_column():
    assert display_width("党建引领") == 4.0
    assert display_width("2020年") == 3.0
    lines = scan_lines(hard_wrap(PLAIN_PAGE, 15))
    assert wrap_widths(lines) == [15]


def test_wrapping_headline_as_wide_as_the_column_is_not_joined_to_its_story():
    # Hard-wrapped at 16 columns, indentation lost: the second headline is exactly 16 wide, has
    # no mark of prose in it, and its story's first printed line ends a sentence at the margin.
    page = "\n".join(
        [
            "城南社区开办四点半课堂",
            "每天下午放学后，社区活动室里坐满",
            "了来写作业的孩子，志愿者轮流值守",
            "，帮孩子们答疑解惑，家长们都说放",
            "心了。",
            "青石河两岸新修十二公里长滨河绿道",
            "绿道本月全线贯通，居民纷纷点赞。",
            "周边居民每天早晚都来散步健身，骑",
            "行的人也越来越多，沿岸还新设了三",
            "处休息驿站。",
        ]
    )
    assert join_groups(scan_lines(page)) == [[0], [1, 2, 3, 4], [5], [6, 7, 8, 9]]
    assert_covers(PageSplitter().split(page))
