"""Line kinds for Markdown-like text converted from a PDF page.

``#`` lines are headlines. ``##`` lines are in-article subheads, or column labels (栏目) when they
are short and stand next to a byline, place tag or headline instead of between body paragraphs: a
label right before a place tag or headline belongs to the following article, one right after a
byline or headline to the current one. A short line alone before a headline is a place tag; the
line(s) right after a headline may be a subtitle, byline (a bare name too) or dateline; short
unpunctuated lines among body paragraphs are photo captions, unless two or more of them under one
headline are set in one form: a set of subheads.
"""

from __future__ import annotations

import re

from newsnlp.segment.bylines import dateline_prefix, is_byline
from newsnlp.segment.dictionary import is_place_name
from newsnlp.segment.layout import _heading_kinds
from newsnlp.segment.lines import (
    _DATE_ONLY,
    RawLine,
    Verdict,
    heading_like,
    is_furniture,
    same_form,
    special_kind,
)

__all__ = ["classify_markdown", "heading_level", "split_place_prefix", "strip_heading"]

_MARK = re.compile(r"^(#{1,6})[ \t\u3000\xa0]+")
_PLACE = re.compile(r"[\u4e00-\u9fff]{2,6}")
#: A whole line in bold, as converters mark subheads: "**一是办好读书会**".
_BOLD_LINE = re.compile(r"(\*\*|__).+?\1")
#: How a line that closes the article above starts ("（作者单位：…）", "（本报北京1月15日电）", "——编 者"):
#: such a line is never the kicker of the headline below it.
_NEVER_KICKER = ("（", "(", "——")
#: A column label in brackets: "【党建新论】", "〖先锋力量〗", "[一线调研]".
_BRACKET_LABEL = re.compile(r"【[^【】]{2,10}】|〖[^〖〗]{2,10}〗|\[[^\[\]]{2,10}\]")
_PLACE_PREFIX = re.compile(r"^(?P<head>[^ \u3000\xa0]+)[ \u3000\xa0]+(?P<rest>.*)")
#: A kicker set right above its headline has four characters or more ("国办印发", "澳网女单",
#: "湖北武汉"): shorter lines there are place tags (see _is_place) or names.
_KICKER_MIN = 4
_PLACE_SUFFIX = ("市", "县", "区", "州", "镇", "乡", "村", "省", "旗", "盟")


def heading_level(text: str) -> int:
    """Number of leading ``#`` of a Markdown heading line, 0 for other lines."""
    match = _MARK.match(text)
    return len(match.group(1)) if match else 0


def strip_heading(text: str) -> str:
    """The text of a line without its ``#`` marker."""
    return _MARK.sub("", text, count=1).strip()


def _is_place(text: str) -> bool:
    return bool(_PLACE.fullmatch(text)) and (len(text) <= 3 or text.endswith(_PLACE_SUFFIX))


def split_place_prefix(title: str) -> tuple[str, str]:
    """Split a place tag printed in front of a headline: "西宁 以…" -> ("西宁", "以…").

    Inside the headline's line the tag must be a place by name (the dictionary's place names,
    or a name ending in 市, 县, 区 …): a headline in two parts starts with any short phrase
    ("逛商场 玩攀岩", "住新房 暖心房")."""
    match = _PLACE_PREFIX.match(title)
    rest = match["rest"].rstrip(" \u3000\xa0") if match else ""
    head = match["head"] if match else ""
    if len(rest) >= 6 and _PLACE.fullmatch(head) and (is_place_name(head) or head.endswith(_PLACE_SUFFIX)):
        return head, rest
    return "", title


def _is_caption_like(text: str) -> bool:
    """Photo captions and credits also stand alone as short lines: 图为…, …摄, …供图, …制图
    (not every line ending in 图: 路线图, 蓝图 and 地图 end headlines)."""
    return text.startswith(("图为", "图片", "上图", "下图", "左图", "右图")) or text.endswith(_CREDIT_ENDS)


_CREDIT_ENDS = ("摄", "供图", "制图", "绘图", "作图", "配图", "摄影")


def _is_label(text: str) -> bool:
    """Short enough and plain enough to be a column label (党建新论, 先锋力量)."""
    return len(text) <= 8 and not any(space in text for space in " \u3000\xa0") and heading_like(text)


def _drop_page_title(levels: list[int], texts: list[str]) -> list[int]:
    """Unmark a page title ("# 青川日报") that tops headlines marked one level deeper.

    The page's highest level marks its headlines, unless that level is used once, on the first
    line, above at least two deeper marked lines that each open a signed story (a byline or a
    dateline right under them): then the first line names the page and the deeper lines are the
    headlines.
    """
    marked = [k for k, lv in enumerate(levels) if lv]
    if len(marked) < 3 or marked[0] != 0:
        return levels
    top = levels[0]
    if any(levels[k] <= top for k in marked[1:]):
        return levels  # the first line is not above the others ("## kicker" over "# headline")
    signed = sum(
        1
        for k in marked[1:]
        if k + 1 < len(levels) and not levels[k + 1] and (is_byline(texts[k + 1]) or dateline_prefix(texts[k + 1]))
    )
    if signed < 2:
        return levels
    return [0] + levels[1:]


def _mark_unmarked_headlines(levels: list[int], kinds: list[str], texts: list[str]) -> None:
    """On a page whose converter marked at most one headline (often just the page's own
    header), mark as headlines the headline-like lines right above a byline or a dateline,
    after the end of something else. Where headlines are marked, such a line titles one item of
    a longer article (a series of short reports, each signed) and stays in it."""
    starts = sum(1 for k, lv in enumerate(levels) if lv == 1 and (k == 0 or levels[k - 1] != 1))
    if starts > 1:
        return
    for k in range(len(levels) - 1):
        if levels[k] or kinds[k] or len(texts[k]) < 4 or levels[k + 1]:
            continue
        signed = kinds[k + 1] == "byline" or (kinds[k + 1] == "body" and bool(dateline_prefix(texts[k + 1])))
        after_end = k == 0 or (levels[k - 1] == 0 and kinds[k - 1] != "")
        if signed and after_end:
            levels[k], kinds[k] = 1, "title"


def _name_subhead_sets(levels: list[int], kinds: list[str], texts: list[str]) -> None:
    """Short unmarked lines among body paragraphs read as captions; two or more set in one form
    (:func:`~newsnlp.segment.lines.same_form`) under one headline are a set of subheads
    ("水管通了，心里亮了" / "院子净了，笑声多了"): subheads come in sets, captions describe one photo each."""
    start = 0
    for end in [k for k, level in enumerate(levels) if level == 1] + [len(levels)]:
        short = [k for k in range(start, end) if kinds[k] == "caption" and not _is_caption_like(texts[k])]
        for k in short:
            if any(m != k and same_form(texts[m], texts[k]) for m in short):
                kinds[k] = "subhead"
        start = end + 1


def classify_markdown(lines: list[RawLine]) -> list[Verdict]:
    """Classify the lines of a Markdown-like page; see the module docstring."""
    n = len(lines)
    marked = [heading_level(line.text) for line in lines]
    texts = [strip_heading(line.text) if lv else line.text for line, lv in zip(lines, marked)]
    # A marked page header ("# 青川日报 第3版") is furniture, not a headline.
    raw_levels = [0 if lv and is_furniture(t) else lv for lv, t in zip(marked, texts)]
    raw_levels = _drop_page_title(raw_levels, texts)
    # The page's highest heading level marks headlines (some converters never use a single '#'):
    # it plays the part of '#', every deeper level the part of '##'.
    top = min((lv for lv in raw_levels if lv), default=1)
    levels = [0 if lv == 0 else 1 if lv == top else 2 for lv in raw_levels]
    kinds = [""] * n
    for k in range(n):
        if levels[k] == 1:
            kinds[k] = "title"
        elif levels[k] == 0:
            kinds[k] = special_kind(texts[k]) or ("" if heading_like(texts[k]) else "body")
    _mark_unmarked_headlines(levels, kinds, texts)

    def next_index(k: int, skip: tuple[str, ...] = ()) -> int:
        k += 1
        while k < n and (levels[k] >= 2 and _is_label(texts[k]) and "column" in skip
                         or levels[k] == 0 and _BRACKET_LABEL.fullmatch(texts[k]) and "column" in skip
                         or levels[k] == 0 and _is_place(texts[k]) and "place" in skip
                         or kinds[k] == "furniture"):
            k += 1
        return k

    for_next = [False] * n
    # Place tags and column labels that sit right before a headline.
    for k in range(n):
        if levels[k] == 1:
            continue
        nxt = next_index(k, ("column", "place"))
        if nxt < n and levels[nxt] == 1:
            if levels[k] >= 2 and _is_label(texts[k]) or levels[k] == 0 and _BRACKET_LABEL.fullmatch(texts[k]):
                kinds[k], for_next[k] = "column", True  # "## 党建新论", or "【党建新论】" unmarked
            elif levels[k] == 0 and _is_place(texts[k]):
                kinds[k], for_next[k] = "place", True
            elif levels[k] == 0 and not marked[k] and nxt == k + 1 and not texts[k].startswith(_NEVER_KICKER) and not _DATE_ONLY.match(texts[k]) and (
                texts[k].endswith(("——", "：", ":")) or (not kinds[k] and _KICKER_MIN <= len(texts[k]) <= 40 and not _is_caption_like(texts[k]))
            ):
                # An unmarked headline-like line right above the headline is its kicker (引题).
                kinds[k], for_next[k] = "kicker", True
            elif levels[k] >= 2 and nxt == k + 1:
                # A subhead always has text under it: a marked line with a headline right under
                # it is that headline's kicker ("## 春节将至——" over "# 小镇新开一家书店").
                kinds[k], for_next[k] = "kicker", True
    # Consecutive '#' lines form one headline stack.
    k = 0
    while k < n:
        if levels[k] != 1:
            k += 1
            continue
        j = k
        while j < n and levels[j] == 1:
            j += 1
        for m, kind in zip(range(k, j), _heading_kinds(texts[k:j])):
            kinds[m] = kind
        # What follows a headline: subtitle, byline (bare names too), dateline, column label.
        m = j
        while m < n and m < j + 3:
            t = texts[m]
            if kinds[m] in ("", "body") and t.startswith("——") and m == j:
                kinds[m] = "subtitle"  # "——记…", marked '##' or not
            elif levels[m] == 0 and kinds[m] in ("", "byline") and is_byline(t, allow_bare=True):
                kinds[m] = "byline"
            elif levels[m] == 0 and kinds[m] == "dateline":
                pass
            elif levels[m] >= 2 and _is_label(t) and not for_next[m]:
                kinds[m] = "column"
            else:
                break
            m += 1
        k = j
    # A label right after the byline of an article (commentaries put it there).
    for k in range(n):
        if levels[k] >= 2 and not kinds[k]:
            prev = kinds[k - 1] if k > 0 else ""
            kinds[k] = "column" if _is_label(texts[k]) and prev in ("byline", "title") else "subhead"
        elif not kinds[k]:
            if _BOLD_LINE.fullmatch(texts[k]):
                kinds[k] = "subhead"  # "**一是办好读书会**": a bold line inside an article
            else:
                kinds[k] = "caption" if len(texts[k]) <= 30 else "body"
    _name_subhead_sets(levels, kinds, texts)
    verdicts = [Verdict(kind) for kind in kinds]
    # An article starts at its headline or at the place/column/kicker lines right before it.
    for k in range(n):
        if levels[k] == 1 and (k == 0 or levels[k - 1] != 1):
            start = probe = k
            while probe > 0 and (for_next[probe - 1] or kinds[probe - 1] == "furniture"):
                probe -= 1
                if for_next[probe]:
                    start = probe  # (a rule or folio between a place tag and its headline stays out)
            verdicts[start].starts = True
    return verdicts
