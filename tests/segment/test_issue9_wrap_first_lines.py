"""Issue 9: hard-wrapped pages whose indentation was lost (pdftotext of a page set in columns).
A paragraph's first line is two columns short of the margin; headlines are not wrapped at all.
Made-up text."""

from __future__ import annotations

from newsnlp.segment.breaks import BreakScorer
from newsnlp.segment.lines import scan_lines
from newsnlp.segment.wrapping import logical_lines

WIDTH = 18


def _paragraph(text: str) -> list[str]:
    """``text`` set as an indented paragraph wrapped at :data:`WIDTH`, its indent then lost."""
    lines = [text[: WIDTH - 2]]
    rest = text[WIDTH - 2 :]
    lines += [rest[k : k + WIDTH] for k in range(0, len(rest), WIDTH)]
    return lines


def _logical(*lines: str, scorer: BreakScorer | None = None) -> list[str]:
    logical, _ = logical_lines(scan_lines("\n".join(lines)), scorer)
    return [line.text for line in logical]


#: ends a sentence exactly at the margin (16 + 3 x 18 characters)
_ENDS_AT_MARGIN = (
    "青川县今年把乡村道路建设作为民生实事来抓，县里成立了专门的工作专班，每个乡镇都明确了责任人和完成时限，"
    "确保全县道路在年底前全部按期建成通车。"
)
_NEXT = "在白水镇，新修的水泥路一直通到村民家门口。村民王大爷说，以前下雨天出门一身泥，现在骑着电动车就能去镇上赶集，方便多了。"
_FILLER = [
    "县交通局负责人介绍，全县还将建立道路养护长效机制，每条村道都有专人负责日常巡查和养护，做到有路必养、养必到位，让村民走得放心、走得舒心。",
    "下一步，青川县将继续加大投入，推动乡村道路与旅游景点、产业园区连通，让好路带来好日子，让村民得实惠。村民们说，路通了，心也亮了，日子越过越有奔头。",
]


def test_issue9_wrap_a_first_line_two_columns_short_opens_a_paragraph_after_a_margin_full_stop():
    assert len(_ENDS_AT_MARGIN) == WIDTH - 2 + 3 * WIDTH
    texts = _logical(*_paragraph(_ENDS_AT_MARGIN), *_paragraph(_NEXT), *_paragraph(_FILLER[0]))
    assert _ENDS_AT_MARGIN in texts and _NEXT in texts


def test_issue9_wrap_a_short_open_line_after_a_margin_full_stop_is_a_heading():
    """A kicker with a comma after a story that ends at the margin: more of that story would fill
    its line or end a sentence on it."""
    kicker = "群众出主意、干部跑腿，青川县——"
    texts = _logical(*_paragraph(_ENDS_AT_MARGIN), kicker, "老街巷有了新模样", *_paragraph(_NEXT), *_paragraph(_FILLER[0]))
    assert kicker in texts and _ENDS_AT_MARGIN in texts


def test_issue9_wrap_a_kicker_ending_in_a_dash_takes_no_short_headline():
    kicker = "乡村道路养护难题，县交通局回应——"
    assert len(kicker) == WIDTH - 1  # as wide as the column, give or take its tolerance
    texts = _logical(*_paragraph(_FILLER[0]), kicker, "一月一查 道路常年畅通", *_paragraph(_NEXT), *_paragraph(_FILLER[1]))
    assert kicker in texts and "一月一查 道路常年畅通" in texts


def test_issue9_wrap_a_dateline_closed_by_its_reporter_goes_on_into_its_story():
    """"（记者陈颖）" closes the dateline, not a headline's column tag."""
    dateline = "本报青川3月5日电  （记者陈颖）"  # 15 columns: a first line, two short of the margin
    story = "县里15日召开乡村道路建设推进会，部署今年的道路建设任务，要求各乡镇倒排工期、挂图作战。"
    lines = [dateline, *[story[k : k + WIDTH] for k in range(0, len(story), WIDTH)]]
    texts = _logical(*_paragraph(_FILLER[0]), "青川部署乡村道路建设", *lines, *_paragraph(_FILLER[1]))
    assert dateline + story in texts


def test_issue9_wrap_a_dateline_alone_on_its_line_goes_on_into_its_story():
    """The wrap fell in the spaces after the dateline, which the line lost at its end."""
    rest = "（记者周安宁）县里21日下午举行仪式，为参加道路建设的二十名青年突击队员颁发奖章，表彰他们的贡献。"
    lines = [rest[k : k + WIDTH] for k in range(0, len(rest), WIDTH)]
    texts = _logical(*_paragraph(_FILLER[0]), "青年突击队获表彰", "据新华社青川3月5日电", *lines, *_paragraph(_FILLER[1]))
    assert "据新华社青川3月5日电" + rest in texts


def test_issue9_wrap_a_bracket_left_open_over_several_lines_holds_them_together():
    dateline = "（本报青川、广元、剑阁、苍溪、旺苍、昭化、朝天、利州、南江、通江、巴州、恩阳、平昌、仪陇三月五日电　记者王明远、周小红、李华）"
    lines = _paragraph(dateline)
    assert len(lines) >= 4
    texts = _logical(*_paragraph(_FILLER[0]), *lines, "山区公路通到了家门口（记者调查）", *_paragraph(_NEXT))
    assert dateline in texts


def test_issue9_wrap_the_line_break_model_joins_a_first_line_cut_inside_a_word():
    """A two-line paragraph without a comma in its first line: the rules alone leave it cut (it
    could be a headline as wide as the column); the model reads 文化发 + 展 as one word."""
    first, rest = "建好“乡村书屋”新阵地推动文化发", "展"
    assert len(first) == WIDTH - 2
    lines = [*_paragraph(_FILLER[0]), first, rest, *_paragraph(_NEXT), *_paragraph(_FILLER[1])]
    assert first in _logical(*lines)
    assert first + rest in _logical(*lines, scorer=BreakScorer.load())


def test_issue9_wrap_a_dashed_list_item_goes_on_but_a_signature_does_not():
    item = "——抓好道路养护，夯实乡村发展基础。全县每条村道都有专人负责日常巡查，做到有路必养、养必到位。"
    signature = "——青川县交通局局长 王明远"
    texts = _logical(*_paragraph(_FILLER[0]), *_paragraph(item), *_paragraph(_NEXT), signature, *_paragraph(_FILLER[1]))
    assert item in texts and signature in texts


def test_issue9_wrap_a_dash_moved_to_a_line_of_its_own_goes_back():
    """"…敲响祝福木鼓——" one column too wide: the wrap set the dash on the next line."""
    speaker = "照村里的老规矩，长辈们挂起大红灯笼"
    assert len(speaker) == WIDTH - 1
    texts = _logical(*_paragraph(_FILLER[0]), speaker, "——", *_paragraph(_NEXT), *_paragraph(_FILLER[1]))
    assert speaker + "——" in texts


def test_issue9_wrap_a_kicker_as_wide_as_the_column_after_a_margin_full_stop_is_not_more_prose():
    """A full line with commas after a full stop at the margin reads as more of the paragraph,
    unless the line after it stops short and open, as a headline under its kicker does."""
    kicker = "群众出主意、干部跑腿办实事，青川县——"
    assert len(kicker) == WIDTH + 1
    texts = _logical(*_paragraph(_ENDS_AT_MARGIN), kicker, "老街巷有了新模样", *_paragraph(_NEXT), *_paragraph(_FILLER[0]))
    assert kicker in texts and _ENDS_AT_MARGIN in texts and "老街巷有了新模样" in texts
