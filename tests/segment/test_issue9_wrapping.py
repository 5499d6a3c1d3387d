"""Issue 9: hard-wrapped pages (pdftotext): a line wider than the column is never the rest of a
paragraph, and a credit cut by the wrap is one line again (made-up text)."""

from __future__ import annotations

from newsnlp.segment.lines import scan_lines
from newsnlp.segment.wrapping import logical_lines

WIDTH = 18


def _wrap(text: str) -> str:
    return "\n".join(text[k : k + WIDTH] for k in range(0, len(text), WIDTH))


_BODY = [
    "青川县今年把乡村道路建设作为民生实事来抓，县里成立了专门的工作专班，每个乡镇都明确了责任人和完成时限，确保道路按期建成。",
    "在白水镇，新修的水泥路一直通到村民家门口。村民王大爷说，以前下雨天出门一身泥，现在骑着电动车就能去镇上赶集，方便多了。",
    "县交通局负责人介绍，全县还将建立道路养护长效机制，每条村道都有专人负责日常巡查和养护，做到有路必养、养必到位。",
    "下一步，青川县将继续加大投入，推动乡村道路与旅游景点、产业园区连通，让好路带来好日子。村民们说，路通了，心也亮了。",
]
#: ends a sentence exactly at the margin (three full lines)
_LAST = "老街坊们说，书店让老街有了新的生气，也让大家多了一个好去处。书店还办起了读书会和故事会，很受老老少少的喜爱。"
_CREDIT = "本报记者　王明远　通讯员　周小红文　本报记者　李华摄"
_KICKER = "小镇新开书店，老街再添一处文化好去处——"

PAGE = "\n".join(
    ["乡村道路通到家门口", _wrap(_BODY[0]), _wrap(_BODY[1]), _wrap(_CREDIT), _wrap(_LAST), _KICKER, "书店开在老街口",
     _wrap(_BODY[2]), _wrap(_BODY[3])]
)


def _logical_texts() -> list[str]:
    logical, _ = logical_lines(scan_lines(PAGE))
    return [line.text for line in logical]


def test_issue9_wrapping_a_line_wider_than_the_column_is_not_the_rest_of_a_paragraph():
    assert len(_LAST) % WIDTH == 0 and len(_KICKER) > WIDTH
    texts = _logical_texts()
    assert _KICKER in texts
    assert any(t.endswith("的喜爱。") for t in texts)


def test_issue9_wrapping_a_credit_cut_by_the_wrap_is_one_line_again():
    texts = _logical_texts()
    [credit] = [t for t in texts if t.startswith("本报记者")]
    assert credit.endswith("李华摄") and "周小红文" in credit


#: a closing line of two full lines: the bracket closes at the margin
_CLOSING = "（作者为青川县某大学马克思主义学院教授、博士生导师，研究基层治理的问题）"


def test_issue9_wrapping_a_whole_bracketed_closing_line_takes_nothing_after_it():
    assert len(_CLOSING) == 2 * WIDTH
    page = "\n".join(
        ["乡村道路通到家门口", _wrap(_BODY[0]), _wrap(_BODY[1]), _wrap(_CLOSING), "优化基层行政区划设置", "书店开在老街口",
         _wrap(_BODY[2]), _wrap(_BODY[3])]
    )
    logical, _ = logical_lines(scan_lines(page))
    texts = [line.text for line in logical]
    assert _CLOSING in texts and "优化基层行政区划设置" in texts


def test_issue9_wrapping_a_headline_closed_by_its_column_tag_takes_nothing_after_it():
    """A headline as wide as the column, with a comma in it, and its column tag at the end: the
    paragraph's first line after it (two columns short: its indent was lost) is not its rest."""
    headline = "学游泳，先问教练有没有证（安全提示）"
    story = "暑假到了，不少家长给孩子报了游泳班。教练有没有资质、场地是否安全，都要事先问清楚。"
    assert len(headline) == WIDTH
    page = "\n".join(
        ["乡村道路通到家门口", _wrap(_BODY[0]), _wrap(_BODY[1]), headline, story[: WIDTH - 2], _wrap(story[WIDTH - 2 :]),
         _wrap(_BODY[2]), _wrap(_BODY[3])]
    )
    logical, _ = logical_lines(scan_lines(page))
    texts = [line.text for line in logical]
    assert headline in texts and story in texts


def test_issue9_wrapping_a_box_label_goes_on_nothing():
    """A headline two columns short of the margin (it looks like a paragraph's first line) with
    a comma in it, then the label of the summary box under it: the label opens the box."""
    headline = "乡村道路越修越好，群众出行更方便"
    assert len(headline) == WIDTH - 2
    page = "\n".join(
        ["乡村道路通到家门口", _wrap(_BODY[0]), _wrap(_BODY[1]), headline, "核心阅读", _wrap(_BODY[2]), _wrap(_BODY[3])]
    )
    logical, _ = logical_lines(scan_lines(page))
    texts = [line.text for line in logical]
    assert headline in texts and "核心阅读" in texts


def test_issue9_wrapping_a_tagged_headline_under_a_full_kicker_takes_nothing_after_it():
    """Kicker and headline both as wide as the column: the headline, closed by its column tag,
    ends the run even inside a run of full lines; and after a story's last sentence at the
    margin, a tagged headline is no more of it."""
    kicker, headline = "青川县科技特派员帮扶茶农增收致富——", "把一片片茶园种上高高的山坡（百姓影像）"
    page = "\n".join(
        ["乡村道路通到家门口", _wrap(_BODY[0]), _wrap(_BODY[1]), kicker, headline, _wrap(_BODY[2]), _wrap(_LAST),
         "茶香飘出大山（今日谈）", _wrap(_BODY[3])]
    )
    logical, _ = logical_lines(scan_lines(page))
    texts = [line.text for line in logical]
    assert kicker + headline in texts or (kicker in texts and headline in texts)
    assert _BODY[2] in texts and "茶香飘出大山（今日谈）" in texts and _BODY[3] in texts


def test_issue9_wrapping_a_word_in_brackets_at_the_margin_is_no_column_tag():
    """"农村（社区）" ending a full line inside a paragraph is a word in brackets, not the column
    tag that closes a headline: the paragraph goes on."""
    story = "县里今年梳理出困扰农村和城市（社区）基层的九个方面问题，逐项制定整改措施，明确了责任。"
    assert story[: WIDTH].endswith("（社区）")
    page = "\n".join(["乡村道路通到家门口", _wrap(_BODY[0]), _wrap(story), _wrap(_BODY[1]), _wrap(_BODY[2])])
    logical, _ = logical_lines(scan_lines(page))
    assert story in [line.text for line in logical]
