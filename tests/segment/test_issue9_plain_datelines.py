"""Issue 9: on a page without indentation, a line that opens with a dateline is the story's first
words (cut off by a column break or not), never a heading candidate (made-up text)."""

from __future__ import annotations

from newsnlp.segment import segment_page

PAGE = (
    "小镇新开一家书店\n本报青川1月5日电  （记者王明远）书店开在老街口，每天都有不少居民\n"
    "来这里读书、喝茶、聊天。店主说，还要办更多读书会。\n"
    "乡村道路通到家门口\n本报青川1月6日电  （记者李华）全县今年新修乡村道\n路一百公里，村民出行更方便了。\n"
)


def test_issue9_a_line_opening_with_a_dateline_is_never_a_heading():
    issue = segment_page(PAGE)
    assert issue.layout == "plain"
    assert [(a.title, a.dateline.strip(), [x.name for x in a.authors]) for a in issue] == [
        ("小镇新开一家书店", "本报青川1月5日电  （记者王明远）", ["王明远"]),
        ("乡村道路通到家门口", "本报青川1月6日电  （记者李华）", ["李华"]),
    ]
    assert issue.articles[1].paragraphs == ["全县今年新修乡村道路一百公里，村民出行更方便了。"]
