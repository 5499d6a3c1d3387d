"""Conventions of local and provincial papers: ▲ captions, captions ending in their credit,
核心提示 / 编者按 boxes with the text on the label's line, bracketed column labels."""

from __future__ import annotations

import pytest

from newsnlp.segment import segment_page

_PAGE = (
    "# 小镇新开一家书店\n\n本报记者 王明远\n\n"
    "书店开在老街口，每天都有人来读书。去年书店接待读者三万人次，\n\n{caption}\n\n"
    "成为小镇的文化地标。\n\n店主说，还要办更多读书会。\n"
)


@pytest.mark.parametrize("caption", ["▲读者在书店里看书。", "读者在书店里看书。（李华 摄）", "读者在书店里看书（李华摄）"])
def test_local_captions_stay_out_of_the_broken_paragraph(caption):
    article = segment_page(_PAGE.format(caption=caption)).articles[0]
    assert article.captions == [caption]
    assert article.paragraphs == ["书店开在老街口，每天都有人来读书。去年书店接待读者三万人次，成为小镇的文化地标。", "店主说，还要办更多读书会。"]


@pytest.mark.parametrize(
    ("box", "field"),
    [
        ("核心提示：\n\n书店开在老街口。", "lead_summary"),
        ("【核心提示】书店开在老街口。", "lead_summary"),
        ("【核心阅读】\n\n书店开在老街口。", "lead_summary"),
        ("编者按：书店开在老街口。", "editor_note"),
        ("【编者按】\n\n书店开在老街口。", "editor_note"),
    ],
)
def test_local_boxes_with_the_label_inline_or_alone(box, field):
    article = segment_page(f"# 让读书成为一种生活方式\n\n{box}\n\n读书是一个人精神成长的重要途径。\n").articles[0]
    assert getattr(article, field) == "书店开在老街口。"
    assert article.paragraphs == ["读书是一个人精神成长的重要途径。"]


@pytest.mark.parametrize("label", ["## 【党建新论】", "【党建新论】", "## 党建新论"])
def test_local_bracketed_column_labels(label):
    issue = segment_page(f"{label}\n\n西宁\n\n# 让读书成为一种生活方式\n\n许 明\n\n读书是一个人精神成长的重要途径。\n")
    [article] = issue.articles
    assert (article.column, article.place, article.title) == ("党建新论", "西宁", "让读书成为一种生活方式")
    assert article.start == 0


def test_local_editing_and_source_lines_are_furniture():
    page = (
        "# 我省召开全省组织工作会议\n\n■本报记者 张明远\n\n本报讯 3月5日，全省组织工作会议在省会召开。\n\n（完）\n\n"
        "编辑：王芳 审核：李强\n\n# 乡村道路通到家门口\n\n本报记者 李华\n\n今年以来，全县新修乡村道路一百公里。\n\n"
        "来源：青川日报\n\n责任编辑：陈思远\n"
    )
    issue = segment_page(page)
    assert [(a.title, a.kicker, [x.name for x in a.authors]) for a in issue] == [
        ("我省召开全省组织工作会议", "", ["张明远"]),
        ("乡村道路通到家门口", "", ["李华"]),
    ]
    assert [page[u.start : u.end] for u in issue.unassigned] == ["编辑：王芳 审核：李强", "来源：青川日报", "责任编辑：陈思远"]
    assert all(not a.captions for a in issue)


@pytest.mark.parametrize("kicker", ["## 春节将至，老街焕发新活力——", "### 春节将至，老街焕发新活力"])
def test_local_marked_kicker_over_a_headline_and_marked_subtitle_under_it(kicker):
    page = (
        "# 上一篇文章标题\n\n上一篇的正文内容，到这里就结束了。\n\n"
        f"{kicker}\n\n# 小镇新开一家书店\n\n## ——记青川县的一家社区书店\n\n本报记者 王明远\n\n书店开在老街口，每天都有人来读书。\n"
    )
    first, second = segment_page(page).articles
    assert first.subheads == [] and first.paragraphs == ["上一篇的正文内容，到这里就结束了。"]
    assert second.kicker == kicker.lstrip("# ")
    assert (second.title, second.subtitle) == ("小镇新开一家书店", "——记青川县的一家社区书店")
    assert page[second.start :].startswith(kicker)


@pytest.mark.parametrize(
    "closing",
    ["（本报北京3月5日电）", "（作者为青川县图书馆馆员）", "（作者单位：青川师范学院）", "（本系列评论到此结束）", "（李 华）", "——编 者", "2026年3月5日"],
)
def test_local_closing_lines_are_never_the_next_kicker(closing):
    page = (
        "# 小镇新开一家书店\n\n本报记者 王明远\n\n书店开在老街口，每天都有人来读书。\n\n"
        f"{closing}\n\n# 乡村道路通到家门口\n\n本报记者 李华\n\n今年全县新修乡村道路一百公里。\n"
    )
    first, second = segment_page(page).articles
    assert second.kicker == "" and second.title == "乡村道路通到家门口"
    assert page[second.start :].startswith("# 乡村道路")
    assert closing in page[first.start : first.end] or any(page[u.start : u.end] == closing for u in segment_page(page).unassigned)


@pytest.mark.parametrize("line", ["电子信箱：qingchuan@example.com", "栏目投稿邮箱：tougao@example.com", "读者热线：0839-1234567"])
def test_local_contact_lines_are_furniture(line):
    issue = segment_page(f"# 小镇新开一家书店\n\n书店开在老街口，每天都有人来读书。\n\n{line}\n\n# 乡村道路通到家门口\n\n今年全县新修乡村道路一百公里。\n")
    assert [issue.text[u.start : u.end] for u in issue.unassigned] == [line]
    assert [a.title for a in issue] == ["小镇新开一家书店", "乡村道路通到家门口"]


def test_local_agency_credit_in_brackets():
    from newsnlp.segment.bylines import is_credit

    assert is_credit("胥 鹏（人民视觉）") and is_credit("李华（县委宣传部供图）")
    assert not is_credit("读书是一种生活方式（随笔）")


def test_local_marked_page_header_and_unmarked_headlines():
    """A converter that marked only the page header ('# 青川日报 第3版') and no headline."""
    page = (
        "# 青川日报 第3版\n\n小镇新开一家书店\n\n本报记者 王明远\n\n书店开在老街口，每天都有人来读书。\n\n"
        "店主说，还要办更多读书会。\n\n乡村道路通到家门口\n\n本报讯（记者 李华）今年全县新修乡村道路一百公里。\n\n村民出行更方便了。\n"
    )
    issue = segment_page(page)
    assert issue.layout == "markdown"
    assert [(a.title, [x.name for x in a.authors], len(a.paragraphs)) for a in issue] == [
        ("小镇新开一家书店", ["王明远"], 2),
        ("乡村道路通到家门口", ["李华"], 2),
    ]
    assert [page[u.start : u.end] for u in issue.unassigned] == ["# 青川日报 第3版"]


def test_local_signed_items_of_a_marked_article_stay_in_it():
    """Where headlines are marked, an unmarked signed item title belongs to the article above."""
    page = (
        "# 新春走基层\n\n春联见证乡村之变\n\n本报记者 王明远\n\n村里家家户户贴上了新春联。\n\n"
        "黑木耳富了新安村\n\n本报记者 李华\n\n新安村的黑木耳今年卖了好价钱。\n\n# 乡村道路通到家门口\n\n今年全县新修乡村道路一百公里。\n"
    )
    assert [a.title for a in segment_page(page)] == ["新春走基层", "乡村道路通到家门口"]


def test_local_bold_lines_inside_a_markdown_article_are_subheads():
    page = (
        "# 小镇新开一家书店\n\n本报记者 王明远\n\n书店开在老街口，每天都有人来读书。\n\n**一是办好读书会**\n\n"
        "店主说，还要办更多读书会。\n\n**二是延长开放时间**\n\n书店晚上开到十点。\n"
    )
    article = segment_page(page).articles[0]
    assert article.subheads == ["一是办好读书会", "二是延长开放时间"] and not article.captions
    assert len(article.paragraphs) == 3


@pytest.mark.parametrize("second", ["王明远出席", "王明远主持并讲话", "县领导李华出席活动"])
def test_local_who_attended_line_is_the_subtitle(second):
    page = f"# 全县乡村振兴工作会议召开\n\n# {second}\n\n本报讯（记者 李华）3月5日，全县乡村振兴工作会议召开。\n"
    article = segment_page(page).articles[0]
    assert (article.kicker, article.title, article.subtitle) == ("", "全县乡村振兴工作会议召开", second)


def test_local_letter_salutation_flush_left_stays_in_the_letter():
    page = (
        "乡村道路通到家门口\n\u3000\u3000本报讯 今年全县新修乡村道路一百公里，回信全文如下：\n"
        "青川县全体养路工人：\n\u3000\u3000你们好！来信收悉。希望你们继续把路修好、养好。\n"
    )
    issue = segment_page(page)
    assert issue.layout == "epaper"
    [article] = issue.articles
    assert article.paragraphs[1] == "青川县全体养路工人："


def test_local_page_separators_in_a_whole_issue_are_furniture():
    page = (
        "=== 第1版 ===\n\n# 小镇新开一家书店\n\n书店开在老街口，每天都有人来读书。\n\n"
        "=== 第2版 要闻 ===\n\n# 乡村道路通到家门口\n\n今年全县新修乡村道路一百公里。\n"
    )
    issue = segment_page(page)
    assert [a.paragraphs for a in issue] == [["书店开在老街口，每天都有人来读书。"], ["今年全县新修乡村道路一百公里。"]]
    assert [page[u.start : u.end] for u in issue.unassigned] == ["=== 第1版 ===", "=== 第2版 要闻 ==="]


def test_local_page_title_above_headlines_marked_one_level_deeper():
    page = (
        "# 青川日报\n\n## 小镇新开一家书店\n\n本报记者 王明远\n\n书店开在老街口，每天都有人来读书。\n\n### 读书会越办越火\n\n"
        "店主说，还要办更多读书会。\n\n## 乡村道路通到家门口\n\n本报讯（记者 李华）今年全县新修乡村道路一百公里。\n"
    )
    issue = segment_page(page)
    assert [(a.title, a.subheads, [x.name for x in a.authors]) for a in issue] == [
        ("小镇新开一家书店", ["读书会越办越火"], ["王明远"]),
        ("乡村道路通到家门口", [], ["李华"]),
    ]
    assert [page[u.start : u.end] for u in issue.unassigned] == ["# 青川日报"]


def test_local_one_headline_with_deeper_subheads_keeps_its_title():
    page = (
        "# 小镇新开一家书店\n\n本报记者 王明远\n\n书店开在老街口，每天都有人来读书。\n\n## 读书会越办越火\n\n"
        "店主说，还要办更多读书会。\n\n## 晚上开到十点\n\n书店晚上开到十点。\n"
    )
    assert [(a.title, a.subheads) for a in segment_page(page)] == [("小镇新开一家书店", ["读书会越办越火", "晚上开到十点"])]


@pytest.mark.parametrize("jump", ["（下转第3版）", "（上接第一版）", "（转第2版）"])
def test_local_jump_lines_between_pages_are_furniture(jump):
    page = f"# 小镇新开一家书店\n\n书店开在老街口，每天都有人来读书。店主说，还要办更多\n\n{jump}\n\n# 乡村道路通到家门口\n\n今年全县新修乡村道路一百公里。\n"
    issue = segment_page(page)
    assert [a.title for a in issue] == ["小镇新开一家书店", "乡村道路通到家门口"]
    assert [page[u.start : u.end] for u in issue.unassigned] == [jump]
