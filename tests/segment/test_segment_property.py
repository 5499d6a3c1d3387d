"""Property: whatever the page looks like, every non-blank line is owned exactly once."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsnlp.document import LINE_KINDS
from newsnlp.segment import segment_page

from .test_segment_splitter import assert_covers

_LINES = st.one_of(
    st.sampled_from(
        [
            "# 新区建设再提速",
            "## 党建新论",
            "## 抓好落实 务求实效",
            "东湖",
            "本报记者 林晓峰 通讯员 何嘉怡",
            "许 明",
            "（本报记者王晨、孙一鸣）",
            "赵  磊摄",
            "县委宣传部供图",
            "春耕时节备耕忙——",
            "——记一座小城的更新之路",
            "本报江州3月5日电  （记者周明）记者5日获悉，全市新增绿地两千亩。",
            "核心阅读",
            "编者按：",
            "责任编辑：王小明",
            "茶农在茶园里采摘春茶",
            "春分过后，平原各地陆续进入春耕备耕阶段，无人机播种成了新农具。",
            "县里还建起了茶叶交易中心，收购、加工、销售一条龙，茶产业成为致富的",
            "（完）",
            "",
            "   ",
        ]
    ),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=30),
)
_INDENT = st.sampled_from(["", "", "\u3000\u3000", "  ", "\t"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_INDENT, _LINES), max_size=25), st.sampled_from(["\n", "\r\n", "\r", "\n\f"]))
def test_splitter_property_lines_covered_once(rows, newline):
    text = newline.join(indent + line for indent, line in rows)
    for layout in ("auto", "markdown", "epaper", "plain"):
        issue = segment_page(text, layout=layout)
        assert_covers(issue)
        for art in issue.articles:
            assert all(ln.kind != "furniture" and ln.kind in LINE_KINDS for ln in art.lines)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_INDENT, _LINES), min_size=3, max_size=25), st.integers(min_value=6, max_value=24))
def test_splitter_property_hard_wrapped_pages_keep_every_line_once(rows, width):
    """Wrapping cuts lines at one width, which is what makes join_groups group them."""
    from .pages import hard_wrap

    text = hard_wrap("\n".join(indent + line for indent, line in rows), width)
    for layout in ("auto", "markdown", "epaper", "plain"):
        issue = segment_page(text, layout=layout)
        assert_covers(issue)
        for art in issue.articles:
            assert all(ln.kind != "furniture" and ln.kind in LINE_KINDS for ln in art.lines)
