import pytest

from newsnlp.document import Author
from newsnlp.segment import parse_authors, segment_page
from newsnlp.segment.bylines import dateline_prefix, is_byline, is_credit, is_end_marker


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本报记者 林晓峰 通讯员 何嘉怡", [("林晓峰", "本报记者"), ("何嘉怡", "通讯员")]),
        ("通讯员 刘芳 本报记者 林晓峰", [("刘芳", "通讯员"), ("林晓峰", "本报记者")]),
        ("许 明", [("许明", "")]),
        ("（本报记者王晨、孙一鸣）", [("王晨", "本报记者"), ("孙一鸣", "本报记者")]),
        ("赵  磊摄", [("赵磊", "摄影")]),
        ("本报记者 何 静 欧阳晓", [("何静", "本报记者"), ("欧阳晓", "本报记者")]),
        ("特约评论员 周文涛", [("周文涛", "特约评论员")]),
        ("实习生 马小雨", [("马小雨", "实习生")]),
        ("县委宣传部供图", []),
        ("本报记者 崔 佳 李 坚文", [("崔佳", "本报记者"), ("李坚", "本报记者")]),
        ("本报记者 刘晓宇文", [("刘晓宇", "本报记者")]),
        ("（周夏采访）", [("周夏", "")]),
        ("（李栋参与采写）", [("李栋", "")]),
        ("编者的话", []),
        ("记者 王明远 院长", [("王明远", "记者")]),
    ],
)
def test_bylines_parse_authors(text, expected):
    assert parse_authors(text) == [Author(name, role) for name, role in expected]


def test_bylines_bare_name_needs_context():
    assert not is_byline("许 明")
    assert is_byline("许 明", allow_bare=True)
    assert not is_byline("读书是一个人精神成长的重要途径。", allow_bare=True)
    assert is_byline("本报记者 林晓峰")


def test_bylines_credit_and_end_marker():
    assert is_credit("县委宣传部供图")
    assert is_credit("本报记者  赵  磊摄")
    assert not is_credit("茶农在茶园里采摘春茶")
    assert is_end_marker("（本报记者王晨、孙一鸣）")
    assert is_end_marker("（完）")
    assert not is_end_marker("（二）")


def test_bylines_dateline_prefix():
    assert dateline_prefix("本报江州3月5日电  （记者周明）记者5日获悉") == "本报江州3月5日电  （记者周明）"
    assert dateline_prefix("新华社河州3月4日电  河州市今年") == "新华社河州3月4日电"
    assert dateline_prefix("春分过后，平原各地") == ""


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("□ 本报记者 王明远", [("王明远", "本报记者")]),
        ("■本报记者 王明远 实习生 李华", [("王明远", "本报记者"), ("李华", "实习生")]),
        ("文/图 本报记者 王明远", [("王明远", "本报记者")]),
        ("本报记者 王明远 文/图", [("王明远", "本报记者")]),
        ("记者 王明远 报道", [("王明远", "记者")]),
        ("◎王明远", [("王明远", "")]),
        ("文/王明远", [("王明远", "")]),
        ("融媒体记者 王明远", [("王明远", "融媒体记者")]),
        ("全媒体记者 王明远 见习记者 李华", [("王明远", "全媒体记者"), ("李华", "见习记者")]),
        ("本报特约通讯员 赵  磊", [("赵磊", "本报特约通讯员")]),
    ],
)
def test_bylines_local_paper_variants_under_a_headline(line, expected):
    """Marks (□ ■ ◎), labels (文/图), newer roles (融媒体记者) and trailing words (报道)."""
    article = segment_page(f"# 小镇新开一家书店\n\n{line}\n\n书店开在老街口，每天都有人来读书。\n").articles[0]
    assert [(a.name, a.role) for a in article.authors] == expected
    assert article.paragraphs == ["书店开在老街口，每天都有人来读书。"] and not article.captions


@pytest.mark.parametrize(
    ("lead", "dateline", "expected"),
    [
        ("本报讯 记者王明远 通讯员李华 书店开在老街口。", "本报讯 记者王明远 通讯员李华", [("王明远", "记者"), ("李华", "通讯员")]),
        ("本报北京3月5日电 记者王明远、李华 书店开在老街口。", "本报北京3月5日电 记者王明远、李华", [("王明远", "记者"), ("李华", "记者")]),
        ("本报讯 书店开在老街口。", "本报讯", []),
    ],
)
def test_bylines_people_named_after_a_dateline_without_brackets(lead, dateline, expected):
    article = segment_page(f"# 小镇新开一家书店\n\n{lead}\n").articles[0]
    assert article.dateline == dateline
    assert [(a.name, a.role) for a in article.authors] == expected
    assert article.paragraphs == ["书店开在老街口。"]
