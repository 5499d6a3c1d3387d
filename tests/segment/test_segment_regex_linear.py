"""Whole-line patterns of the segment modules read hostile lines in linear time (issue 14, item 5).

Each case took seconds before the patterns were rewritten (nested or adjacent quantifiers that
could split a long run of one character in many ways) and takes milliseconds now; the bound is
generous so a loaded machine does not fail it, yet the old patterns exceed it many times over.
"""

import time

import pytest

from newsnlp.segment import bylines, layout, lines, markdown

BOUND_S = 0.3


def _seconds(call, text: str) -> float:
    t0 = time.perf_counter()
    call(text)
    return time.perf_counter() - t0


@pytest.mark.parametrize("mark", ["=", "-", "~"])
def test_issue14_page_separator_regex_linear(mark):
    # 6,000 marks then another character: about 3 s with the old separator pattern.
    assert _seconds(layout.is_furniture, mark * 6000 + "x") < BOUND_S
    assert layout.is_furniture("=== 第2版 ===") and layout.is_furniture("-- 3 --")
    assert not layout.is_furniture("==" + "x" * 30 + "==")  # a label is at most 24 characters


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (bylines._TRAIL_WORDS, "记者" + " " * 20000 + "x"),  # about 4 s before
        (lines._CAPTION_CREDIT, "图" + " " * 20000 + "x"),
        (markdown._PLACE_PREFIX, "西" * 20000),
    ],
    ids=["trail-words", "caption-credit", "place-prefix"],
)
def test_issue14_line_patterns_linear_on_runs(pattern, text):
    assert _seconds(pattern.search, text) < BOUND_S


def test_issue14_rewritten_patterns_read_as_before():
    assert markdown.split_place_prefix("西宁 以小见大 建新格局  ") == ("西宁", "以小见大 建新格局")
    assert bylines._TRAIL_WORDS.sub("", "本报记者 王明远  报道") == "本报记者 王明远"
    assert lines._CAPTION_CREDIT.search("读者在书店里看书。 （李华 摄）")
