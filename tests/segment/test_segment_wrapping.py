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
