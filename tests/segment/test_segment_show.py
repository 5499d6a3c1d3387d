"""``newsnlp segment FILE --format md``: paragraphs shown, ⏎ where a column-break cut was joined."""

from newsnlp.cli import main
from newsnlp.segment import segment_page
from newsnlp.segment.show import JOIN_MARK, repaired_cuts

from .pages import MARKDOWN_PAGE, hard_wrap

CUT_PAGE = """\
# 小镇新开一家书店

本报记者 王明远

书店开在老街口，每天都有人来读书。去年，全县农村贫

困人口全部脱贫，书店也办起了面向村民的读书会。

读者在书店里看书

李华摄

店主说，读书会每周一次，来的人越来越多，有时要

从隔壁借凳子。

这家书店还打算开一个儿童阅读角。
"""


def test_segment_show_marks_repaired_cuts(tmp_path, capsys):
    page = tmp_path / "page.md"
    page.write_text(CUT_PAGE, encoding="utf-8")
    assert main(["segment", str(page), "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert f"1. 书店开在老街口，每天都有人来读书。去年，全县农村贫{JOIN_MARK}困人口全部脱贫，书店也办起了面向村民的读书会。" in out
    # the caption and credit between the halves stay out of the paragraph
    assert f"2. 店主说，读书会每周一次，来的人越来越多，有时要{JOIN_MARK}从隔壁借凳子。" in out
    assert "3. 这家书店还打算开一个儿童阅读角。" in out
    assert "- Captions: 读者在书店里看书" in out
    assert out.count(JOIN_MARK) == 3  # two seams and the legend


def test_segment_show_hard_wrapped_lines_are_not_cuts():
    """Lines joined because the page was hard-wrapped (nothing between them) get no mark;
    the Markdown page's own column breaks still do."""
    issue = segment_page(MARKDOWN_PAGE)
    wrapped = segment_page(hard_wrap(MARKDOWN_PAGE, 12))
    assert [a.paragraphs for a in wrapped] == [a.paragraphs for a in issue]
    plain = [repaired_cuts(issue, a) for a in issue]
    assert any(any(c) for c in plain)
    assert [repaired_cuts(wrapped, a) for a in wrapped] == plain


def test_segment_show_error_document_still_one_section(tmp_path, capsys):
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x00\x01\x02" * 50)
    main(["segment", str(binary), "--format", "md"])
    out = capsys.readouterr().out
    assert out.startswith(f"## {binary}") and "Error" in out
