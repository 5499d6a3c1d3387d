"""Issue 9: a paragraph start cut off by a column break reads like a caption on its own; whether
it is taken back as body weighs the line-break model's join score against what the line says."""

import pytest

from newsnlp.segment.lines import same_form
from newsnlp.segment.splitter import RECLAIM_THRESHOLD, _short_heading_lines, reclaim_threshold, segment_page

PAGE = """# 小镇图书馆办起周末故事会

本报记者 林晓

小镇图书馆的志愿者们每个周末都会把

新到的绘本搬到广场上，给孩子们讲故事。开办半年来，听故事的孩子从十几个增加到一百多个。

馆长说，明年还打算请退休教师来教孩子们写毛笔字，让图书馆成为大家愿意来的地方。
"""


def test_issue9_cut_piece_ending_on_a_preposition_is_joined() -> None:
    (article,) = segment_page(PAGE).articles
    assert not article.captions
    assert article.paragraphs[0].startswith("小镇图书馆的志愿者们每个周末都会把新到的绘本")


def test_issue9_caption_evidence_asks_for_more_than_a_sentence_in_progress() -> None:
    in_progress = reclaim_threshold("小镇图书馆的志愿者们每个周末都会把")
    plain = reclaim_threshold("周末故事会")
    assert in_progress < plain == RECLAIM_THRESHOLD
    assert reclaim_threshold("舍小家，为大家") == RECLAIM_THRESHOLD  # short parallel phrases: a subhead
    assert reclaim_threshold("志愿者们在广场上给孩子们讲", credit_follows=True) > RECLAIM_THRESHOLD
    assert reclaim_threshold("● 志愿者们每个周末都会把") > RECLAIM_THRESHOLD
    assert reclaim_threshold("故事会开办以来的", prev_kind="caption") == RECLAIM_THRESHOLD


def test_issue9_dateline_spacing_is_not_a_heading_mark() -> None:
    assert reclaim_threshold("本报青山1月5日电\u3000\u3000（记者") <= RECLAIM_THRESHOLD
    assert reclaim_threshold("春节市场\u3000红红火火") > RECLAIM_THRESHOLD


BOX_PAGE = """# 小镇图书馆办起周末故事会

本报记者 林晓

核心阅读

开办半年来，听故事的孩子从十几个增加到一百多个，志愿者们也从最初的三个人

增加到了二十多人。图书馆还准备开设书法课。

馆长说，明年还打算请退休教师来教孩子们写毛笔字，让图书馆成为大家愿意来的地方。
"""


def test_issue9_lead_summary_box_cut_by_a_column_break_is_one_text() -> None:
    (article,) = segment_page(BOX_PAGE).articles
    assert article.lead_summary.endswith("志愿者们也从最初的三个人增加到了二十多人。图书馆还准备开设书法课。")
    assert article.paragraphs == ["馆长说，明年还打算请退休教师来教孩子们写毛笔字，让图书馆成为大家愿意来的地方。"]


DATELINE_PAGE = """# 小镇图书馆办起周末故事会

本报青山1月5日电\u3000（记者林晓）1

月4日至5日，青山镇图书馆的志愿者们在广场上给孩子们讲故事，还送出了三百多本绘本。

馆长说，明年还打算请退休教师来教孩子们写毛笔字。
"""


def test_issue9_paragraph_start_left_on_the_dateline_line_is_body() -> None:
    (article,) = segment_page(DATELINE_PAGE).articles
    assert article.dateline == "本报青山1月5日电\u3000（记者林晓）"
    assert article.paragraphs[0].startswith("1月4日至5日，青山镇图书馆")
    assert [a.name for a in article.authors] == ["林晓"]


def test_issue9_cut_piece_under_a_headline_is_not_its_subtitle():
    """On a page without marks, a column break right after a paragraph's first words leaves
    them alone under the headline, where a subtitle stands; where the line-break model says the
    next line carries them on, they are the paragraph's start again."""
    page = "春节将至——\n小镇新开一家书店\n书店开在老街口，每天都有不少居\n民来这里读书、喝茶、聊天。店主说，还要办更多读书会。\n"
    [article] = segment_page(page).articles
    assert (article.kicker, article.title, article.subtitle) == ("春节将至——", "小镇新开一家书店", "")
    assert article.paragraphs == ["书店开在老街口，每天都有不少居民来这里读书、喝茶、聊天。店主说，还要办更多读书会。"]


def test_issue9_a_real_subtitle_under_a_headline_stays_the_subtitle():
    page = "春节将至——\n小镇新开一家书店\n老街口多了读书声\n书店开在老街口，每天都有不少居民来这里读书。店主说，还要办更多读书会。\n"
    [article] = segment_page(page).articles
    assert (article.title, article.subtitle) == ("小镇新开一家书店", "老街口多了读书声")
    assert article.paragraphs == ["书店开在老街口，每天都有不少居民来这里读书。店主说，还要办更多读书会。"]


@pytest.mark.parametrize(
    ("page", "title", "paragraph"),
    [
        (
            "老街书店 读书声声\n书店开在老街口，每天都有不少\n居民来这里读书、喝茶、聊天。店主说，还要办更多读书会。\n",
            "老街书店 读书声声",
            "书店开在老街口，每天都有不少居民来这里读书、喝茶、聊天。店主说，还要办更多读书会。",
        ),
        (
            "小镇新开一家书店\n店主王明说，书店开在老街口，每天\n都有不少居民来这里读书、喝茶、聊天。他还要办更多读书会。\n",
            "小镇新开一家书店",
            "店主王明说，书店开在老街口，每天都有不少居民来这里读书、喝茶、聊天。他还要办更多读书会。",
        ),
    ],
)
def test_issue9_cut_piece_under_a_headline_is_not_its_title(page, title, paragraph):
    """Two heading-like lines read as kicker + title; when the second is a paragraph's start
    cut off by a column break, the first is the title again and the cut is joined."""
    [article] = segment_page(page).articles
    assert (article.kicker, article.title) == ("", title)
    assert article.paragraphs == [paragraph]


def test_issue9_headline_over_its_first_paragraph_is_not_taken_back():
    page = "乡村振兴一线：\n让老街书店成为文化客厅\n文化是一个地方的根脉。书店开在老街口，每天都有不少居民来这里读书。\n"
    [article] = segment_page(page).articles
    assert (article.kicker, article.title) == ("乡村振兴一线：", "让老街书店成为文化客厅")


def test_issue9_a_line_shorter_than_a_column_line_is_never_a_cut_piece():
    """A column break falls at the end of a printed line, so what it cuts off a paragraph's
    start is at least a column line long: a name set alone ("周明川") stays out of the paragraph
    after it, however well the two read on."""
    page = (
        "# 运动让孩子更快乐\n\n体育课是孩子们最盼望的课。\n\n周明川\n\n"
        "作为一名乡村体育老师，我最大的心愿是让每个孩子都爱上运动。\n"
    )
    [article] = segment_page(page).articles
    assert article.paragraphs == ["体育课是孩子们最盼望的课。", "作为一名乡村体育老师，我最大的心愿是让每个孩子都爱上运动。"]


def test_issue9_parallel_lines_ask_for_more_than_a_lone_line() -> None:
    """Subheads come in sets of one form; a piece cut off a paragraph has a length of chance."""
    lone = reclaim_threshold("农家书屋办在村口", partners=0)
    one_of_a_pair = reclaim_threshold("农家书屋办在村口", partners=1)
    one_of_a_set = reclaim_threshold("农家书屋办在村口", partners=2)
    assert lone < one_of_a_pair < one_of_a_set
    assert lone < RECLAIM_THRESHOLD < one_of_a_set
    # alone, a line that stops on a particle is a sentence in progress; one of a set is a
    # subhead even when it stops on 了 ("院子净了，笑声多了")
    assert reclaim_threshold("书屋里的图书都是", partners=0) < lone
    assert reclaim_threshold("院子净了，笑声多了", partners=3) == one_of_a_set


SUBHEAD_SET_PAGE = """# 小镇的日子越过越红火

本报记者 林晓

水管通了，心里亮了

去年秋天，通往镇上的水泥路修好了，村里的果子当天就能运进城里的超市。

院子净了，笑声多了

村里成立了红白理事会，办酒席的规矩写进了村规民约，乡亲们省下了不少开支。
"""


def test_issue9_partners_find_a_subhead_set() -> None:
    from newsnlp.segment.splitter import _partners

    texts = SUBHEAD_SET_PAGE.split("\n")
    first = texts.index("水管通了，心里亮了")
    assert _partners(texts[first], _short_heading_lines(texts), first) > 0
    lone = ["# 小镇的日子越过越红火", "农家书屋办在村口", "去年秋天，通往镇上的水泥路修好了，村里的果子当天就能运进城里的超市。"]
    assert _partners(lone[1], _short_heading_lines(lone), 1) == 0


def test_issue9_a_set_of_subheads_stays_apart_from_the_paragraphs() -> None:
    (article,) = segment_page(SUBHEAD_SET_PAGE).articles
    assert (article.subheads, article.captions) == (["水管通了，心里亮了", "院子净了，笑声多了"], [])
    assert all(not p.startswith(("水管通了", "院子净了")) for p in article.paragraphs)


def test_issue9_short_lines_of_different_lengths_or_photo_captions_stay_captions() -> None:
    page = (
        "# 小镇的日子越过越红火\n\n村民在新修的水泥路上晾晒玉米\n\n"
        "去年秋天，通往镇上的水泥路修好了，村里的果子当天就能运进城里的超市。\n\n"
        "图为合作社社员在分拣猕猴桃\n\n图为孩子们在文化广场上跳绳\n\n"
        "村里成立了红白理事会，办酒席的规矩写进了村规民约，乡亲们省下了不少开支。\n"
    )
    (article,) = segment_page(page).articles
    assert article.subheads == []
    assert article.captions == ["村民在新修的水泥路上晾晒玉米", "图为合作社社员在分拣猕猴桃", "图为孩子们在文化广场上跳绳"]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("水管通了，心里亮了", "院子净了，笑声多了", True),  # one length, one comma in the middle
        ("农家书屋办在村口", "文化广场建在河边", True),
        ("水管通了，心里亮了", "院子干净了笑声多了", False),  # the parts are not set apart alike
        ("村里的老人们都在", "镇上的学生们都在", False),  # stops mid-clause: cut pieces
        ("农家书屋办在村口", "文化广场建在河边的小树林旁", False),
    ],
)
def test_issue9_same_form_reads_a_set_of_subheads(a: str, b: str, expected: bool) -> None:
    from newsnlp.segment.lines import same_form

    assert same_form(a, b) is expected


def test_issue9_a_cut_right_after_the_dateline_counts_the_dateline_in_the_printed_line() -> None:
    """What a column break leaves of a paragraph holds a whole printed line; with the dateline
    taken off, "近日，" alone is shorter than any column line, the line as printed is not."""
    page = (
        "# 小镇图书馆办起周末故事会\n\n本报青山1月5日电\u3000\u3000（记者林晓）近日，\n\n"
        "青山镇图书馆的志愿者们在广场上给孩子们讲故事，还送出了三百多本绘本。\n\n"
        "馆长说，明年还打算请退休教师来教孩子们写毛笔字。\n"
    )
    (article,) = segment_page(page).articles
    assert article.dateline == "本报青山1月5日电\u3000\u3000（记者林晓）"
    assert article.paragraphs[0] == "近日，青山镇图书馆的志愿者们在广场上给孩子们讲故事，还送出了三百多本绘本。"


def test_issue9_labels_of_one_length_are_a_set() -> None:
    from newsnlp.segment.lines import same_form

    assert same_form("农具类：犁、耙、锄", "炊具类：锅、碗、瓢、盆、缸")  # a label, then what it lists
    assert not same_form("农具类：犁、耙、锄", "纺织用的器具：梭、筘")


def test_quotes_brackets_and_dashes_are_part_of_a_lines_form():
    assert same_form("“新教室真漂亮”", "“老校舍换新颜”")
    assert not same_form("“新教室真漂亮”", "新教室真的很漂亮")
    assert not same_form("——记山村小学的老师", "记山村小学的一位老师")


def test_a_byline_or_dateline_is_no_partner_of_a_subhead_set():
    texts = ["本报记者 王明远", "村里修路的那些日子", "（本报青山1月5日电）", "书店开在老街口，每天都有人来读书。"]
    assert [m for m, _ in _short_heading_lines(texts)] == [1]


def test_the_headline_stack_is_no_partner_of_a_subhead_set():
    texts = ["记山村小学的老师们", "村里修路的那些日子", "书店开在老街口，每天都有人来读书。"]
    assert [m for m, _ in _short_heading_lines(texts)] == [0, 1]
    assert [m for m, _ in _short_heading_lines(texts, ["subtitle", "caption", "body"])] == [1]


CARRIED_PAGE = """# 山村卫生室迎来新变化

本报记者 王明远

今年以来，青山县把村卫生室建设作为民生实事来抓，全县新建和改造村卫生室一百二十多个，群众看病难的问题得到缓解。

报道刊发后，青山县委、县政府高度重视，第一时间派出工作组进村入户，随即成立处置村医

补助款问题工作领导小组

三天后，拖欠的补助全部发放到位。村医们说，现在心里踏实了，干劲也更足了。
"""


def test_the_rest_of_a_paragraph_read_as_a_caption_is_taken_back() -> None:
    """A column break after "…处置村医" leaves the paragraph's rest on a short line of its own,
    read as a caption: it is body again, joined to its paragraph, and the paragraph after the
    caption is not joined across it."""
    (article,) = segment_page(CARRIED_PAGE).articles
    assert not article.captions
    assert "随即成立处置村医补助款问题工作领导小组" in article.paragraphs[1]
    assert article.paragraphs[2].startswith("三天后")


def test_a_numbered_item_after_a_line_stopping_mid_sentence_is_not_taken_back() -> None:
    page = CARRIED_PAGE.replace("补助款问题工作领导小组", "2.补助款问题工作领导小组")
    (article,) = segment_page(page).articles
    assert "2.补助款问题工作领导小组" not in "".join(article.paragraphs)
