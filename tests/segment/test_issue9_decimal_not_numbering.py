"""Issue 9: "1.3%" opens a sentence with a decimal number, not an item numbered "1."."""

from newsnlp.segment.layout import plain_kinds
from newsnlp.segment.lines import scan_lines
from newsnlp.segment.splitter import reclaim_threshold, segment_page

PAGE = (
    "小镇经济稳中有进\n"
    "今年前三季度，小镇的地区生产总值增速为\n"
    "1.3%，比上年同期提高了0.4个百分点，农民人均收入继续增长。\n"
    "2.加强基层服务\n"
    "镇里新建了三个便民服务站，群众办事不出村。\n"
)


def test_issue9_a_decimal_number_does_not_make_a_numbered_subhead() -> None:
    kinds = plain_kinds(scan_lines(PAGE))
    assert kinds[2] == "body"  # "1.3%，比上年…"
    assert kinds[3] == "subhead"  # "2.加强基层服务"
    assert reclaim_threshold("1.3%的农户已经") < reclaim_threshold("2.加强基层服务")


def test_issue9_a_cut_before_a_decimal_number_is_joined() -> None:
    (article,) = segment_page(PAGE).articles
    assert article.paragraphs[0] == "今年前三季度，小镇的地区生产总值增速为1.3%，比上年同期提高了0.4个百分点，农民人均收入继续增长。"
