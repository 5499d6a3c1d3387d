"""Lines of a page and the kinds a line has by itself: the first step of splitting.

:func:`scan_lines` turns text into non-blank :class:`RawLine` s with exact offsets;
:func:`special_kind` and the other line features say what a line is wherever it stands
(furniture, a byline, a dateline, a caption or credit, a box label) or what it looks like (a
heading, a sentence end). Everything downstream uses them and nothing here imports it, so data
flows one way: lines -> kinds (:mod:`.wrapping`, :mod:`.layout`, :mod:`.markdown`) -> breaks
(:mod:`.breaks`, :mod:`.repair`) -> articles (:mod:`.splitter`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from newsnlp.segment.bylines import (
    dateline_prefix,
    is_byline,
    is_credit,
    is_end_marker,
)

__all__ = [
    "BOX_LABEL",
    "MD_HEADING",
    "NO_LINE_START",
    "OPEN_END",
    "RawLine",
    "Verdict",
    "column_tag",
    "ends_sentence",
    "heading_like",
    "is_furniture",
    "same_form",
    "scan_lines",
    "special_kind",
]

_INDENT = (" ", "\t", "\u3000", "\xa0")
_INDENT_WIDTH = {"\u3000": 1.0, "\t": 2.0}
MD_HEADING = re.compile(r"#{1,6}[ \t\u3000\xa0]")
_LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_OTHER_BREAKS = re.compile(r"[\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_FINAL = frozenset("。！？!?…；;")
#: Marks no paragraph (nor, in Chinese typesetting, any printed line) starts with: a line that
#: starts with one carries on the text before it.
NO_LINE_START = frozenset("，。、；：？！”’）》〉」』】…,.;:?!)%％")
_CLOSERS = frozenset("”’\"'）)]】』」》〉")
_FURNITURE = re.compile(
    r"^(?:责任编辑|本版责编|本版编辑|责编|版式设计|美术编辑|美编|校对|图片编辑|制版"
    r"|(?=.{0,60}$)(?:编辑|审核|审校|终审|[一二三]审|监制|值班编辑|统筹|来源|稿件来源|新闻来源))\s*[：:]"
    r"|^第?\s*[0-9０-９]{1,3}\s*版(?:\s|$|[：:（(])"
    r"|^[^。，]{1,12}[ \u3000·]第\s*[0-9０-９一二三四五六七八九十]{1,3}\s*版(?:\s|$|[：:·（(])"  # "青川日报 第3版"
    r"|^[0-9０-９]{4}年[0-9０-９]{1,2}月[0-9０-９]{1,2}日\s*(?:星期|周)[一二三四五六日天]"
    r"|^[-—\s]*[0-9０-９]{1,3}[-—\s]*$"
    r"|^(?:[-*_=~—─━＊·•]\s*){3,}$"  # a rule between articles: ---, ***, ————
    # A page separator: "=== 第2版 ===", "-- 3 --". The label neither starts nor ends with a rule
    # mark or a space, so a long run of "=" is read once, not tried at every split (issue 14).
    r"|^[-=~＝]{2,}[ \t\u3000]*[^-=~＝。，\s](?:[^。，]{0,22}[^-=~＝。，\s])?[ \t\u3000]*[-=~＝]{2,}$"
    r"|^[（(]?(?:下转|上接|转|接|续)(?:第|自)?\s*[0-9０-９一二三四五六七八九十]{1,3}\s*版[^）)]{0,8}[）)]?$"  # "（下转第3版）"
    r"|^(?=.{0,60}$)[^。，]{0,12}(?:信箱|邮箱|传真|热线|联系电话)\s*[：:]"  # "电子信箱：…" (short lines only)
    r"|^!\[[^\]]*\]\([^)]*\)$|^<img\b[^>]*>$"  # an image a converter left in place of a photo
)
_TAG_AT_END = re.compile(r"[（(]([^（）()]{1,16})[）)]$")
_NOT_A_TAG = re.compile(r"^(?:完|续|图|摄|人民视觉|新华社发|视觉中国|资料图片|上|下|中)$")
_ENUMERATED = re.compile(r"^(?:[0-9０-９]{1,2}(?:[.．](?![0-9０-９])|、)|[（(][一二三四五六七八九十0-9]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|[①-⑳])")
_CAPTION = re.compile(r"^(?:图为|上图|下图|左图|右图|图[①-⑳0-9]|图片说明[:：]?$|[▲△▼▽↑↓←→])")
# A caption that ends in its photo credit: "读者在书店里看书。（李华 摄）".
_CAPTION_CREDIT = re.compile(r"[（(][^（）()]{1,24}(?:摄|摄影|供图)[）)]$")
_DATE_ONLY = re.compile(r"^(?:[0-9０-９]{4}|[〇零一二三四五六七八九]{4})年[0-9０-９一二三四五六七八九十]{1,3}月[0-9０-９一二三四五六七八九十]{1,3}日$")
_GENERIC_TITLE = re.compile(r"^(?:图片报道|图片新闻|新闻图片|广告|公告|启事|更正|图说新闻)$")
_LEAD_LABELS = r"核心阅读|核心提示|内容提要|阅读提示|导读"
# The label alone ("核心阅读", "【核心阅读】") or with the box's text on its line ("【核心提示】…",
# "核心提示：…").
_LEAD_BOX = re.compile(rf"^(?:【?(?:{_LEAD_LABELS})】?[:：]?$|【(?:{_LEAD_LABELS})】|(?:{_LEAD_LABELS})[:：])")
_EDITOR_NOTE = re.compile(r"^【?编者按】?")
#: A label's marks, removed from the field's text: "【核心提示】", "编者按：".
BOX_LABEL = re.compile(rf"^【?(?:{_LEAD_LABELS}|编者按)】?[:：]?[ \u3000\xa0]*")


class RawLine(NamedTuple):
    """A non-blank line: ``start``/``end`` bound its text with surrounding whitespace trimmed.
    (A named tuple, not a frozen dataclass: a page has tens of thousands of them when it is
    hard-wrapped, and a tuple is made several times faster.)"""

    index: int
    start: int
    end: int
    text: str
    indented: bool
    indent: float = 0.0  # columns of leading whitespace (a full-width space 1, others ½, a tab 2)


@dataclass(slots=True)
class Verdict:
    """What the classifier decided about one line."""

    kind: str
    starts: bool = False
    continues: bool = False  # a hard-wrapped line that carries on the line before it


def _raw_lines(text: str) -> Iterator[tuple[int, str]]:
    """``(offset, line)`` for each line of ``text``, with the line breaks of ``str.splitlines``:
    ``\\r\\n``, a lone ``\\r`` (old Mac exports), form feeds between PDF pages and so on."""
    if not _OTHER_BREAKS.search(text):  # the common case, in one fast pass
        pos = 0
        for raw in text.split("\n"):
            yield pos, raw
            pos += len(raw) + 1
        return
    pos = 0
    for match in _LINE_BREAK.finditer(text):
        yield pos, text[pos : match.start()]
        pos = match.end()
    yield pos, text[pos:]


def scan_lines(text: str) -> list[RawLine]:
    """Split ``text`` into non-blank lines with offsets into ``text`` itself."""
    lines: list[RawLine] = []
    for index, (pos, raw) in enumerate(_raw_lines(text)):
        stripped = raw.strip()
        if stripped and raw[0] == stripped[0]:  # (the common case: nothing before the text)
            lines.append(RawLine(index, pos, pos + len(stripped), stripped, False, 0))
        elif stripped:
            lead = len(raw) - len(raw.lstrip())
            start = pos + lead
            indent = sum(_INDENT_WIDTH.get(ch, 0.5) for ch in raw[:lead]) if lead else 0
            lines.append(
                RawLine(index, start, start + len(stripped), stripped, raw.startswith(_INDENT), indent)
            )
    return lines



def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends a sentence: 。！？… possibly followed by closing quotes/brackets."""
    last = text[-1:]
    if last and last not in _CLOSERS and not last.isspace():
        return last in _FINAL  # (the common case: nothing to strip)
    t = text.rstrip()
    while t and t[-1] in _CLOSERS:
        t = t[:-1]
    return bool(t) and t[-1] in _FINAL


#: What a line :data:`_FURNITURE` matches starts with (whitespace aside), unless it holds one of
#: :data:`_FURNITURE_WORDS`: a quick test that passes over most lines without the long pattern.
#: (Keep in step with :data:`_FURNITURE`; a test compares the two on random lines.)
_FURNITURE_FIRST = frozenset("责本版美校图制编审终一二三监值统来稿新第0123456789０１２３４５６７８９-—*_=~─━＊·•＝!<（(下上转接续")
_FURNITURE_WORDS = re.compile("版|信箱|邮箱|传真|热线|联系电话")


def is_furniture(text: str) -> bool:
    """Page furniture: 责任编辑 lines, folios ("第3版", "- 12 -"), date headers, rules ("---"),
    and image links (``![](p3.jpg)``) that PDF-to-Markdown converters leave where a photo was."""
    first = text[:1]
    if first in _FURNITURE_FIRST or first.isspace() or _FURNITURE_WORDS.search(text):
        return bool(_FURNITURE.match(text))
    return False


def column_tag(text: str) -> str:
    """A column tag closing a headline, such as 金台锐评 in "…启示（金台锐评）", or ""."""
    match = _TAG_AT_END.search(text)
    if not match or match.start() == 0 or _NOT_A_TAG.match(match.group(1)):
        return ""
    return match.group(1)


def heading_like(text: str, *, max_len: int = 50) -> bool:
    """Short, no sentence-final punctuation, no full stop inside, balanced quotes."""
    if len(text) > max_len or "。" in text or text[-1] in "，,、；;":
        return False
    if ends_sentence(text):
        return False
    return text.count("“") == text.count("”")


#: Marks that give a heading its form: those that set its parts apart ("水管通了，心里亮了",
#: "压实责任 提升质效"), and quotes, brackets and dashes (a quoted line "“新教室真漂亮”" and a
#: plain one are not set alike).
_FORM_MARKS = frozenset("，、：: \u3000“”‘’《》（）()「」—")
#: A short label before a colon that opens a line: "农具类：".
_LABEL = re.compile(r"^[^，、：:。！？\s]{2,6}[：:]")
#: Particles, prepositions, conjunctions and the enumeration comma: a heading does not stop on
#: them, a sentence cut mid-clause does (了 may end a heading: "院子净了").
OPEN_END = frozenset("的和与在对将把被向从为同是及或而并且以于由给让使着地得之其等、")


def same_form(a: str, b: str) -> bool:
    """Whether two short heading-like lines are set in one form, as the subheads of one
    article are: one length give or take a character, the same marks (parts set apart, quotes,
    brackets, dashes) in the same order, or a label of one length before a colon ("农具类：…");
    neither stopping mid-clause ("…的"). A column break cuts a paragraph at a length and a place
    of chance, so two pieces it cut off seldom share a form."""
    a, b = a.strip(), b.strip()
    if not a or not b or a[-1] in OPEN_END or b[-1] in OPEN_END:
        return False
    label_a, label_b = _LABEL.match(a), _LABEL.match(b)
    if label_a and label_b and len(label_a.group()) == len(label_b.group()):
        return True  # "农具类：犁、耙、锄" / "炊具类：锅、碗、瓢": a label of one length, then what it lists
    if abs(len(a) - len(b)) > 1:
        return False
    return [ch for ch in a if ch in _FORM_MARKS] == [ch for ch in b if ch in _FORM_MARKS]


def special_kind(text: str) -> str:
    """Kinds a line has wherever it stands, or "" when it depends on context."""
    if is_furniture(text):
        return "furniture"
    if _LEAD_BOX.match(text):
        return "lead_summary"
    if _EDITOR_NOTE.match(text):
        return "editor_note"
    if is_end_marker(text):
        return "dateline" if dateline_prefix(text[1:]) else "byline"
    if is_credit(text):
        return "credit"
    if is_byline(text):
        return "byline"
    prefix = dateline_prefix(text)
    if prefix and len(prefix) >= len(text) - 1:
        return "dateline"
    if _CAPTION.match(text) or (len(text) <= 120 and _CAPTION_CREDIT.search(text)):
        return "caption"
    return ""
