"""Lines of a page and what each one is: layout detection and the line-kind classifiers.

Every classifier returns, for the non-blank lines of a page, a kind from
:data:`newsnlp.document.LINE_KINDS` and whether an article starts at that line. The splitter
(:mod:`newsnlp.segment.splitter`) turns that into articles.

Three layouts:

``markdown``
    text converted from a PDF page: ``#`` headlines, ``##`` subheads or column labels, place tags,
    bylines, photo captions; paragraphs broken by column breaks (see :mod:`.markdown`).
``epaper``
    heading lines (kicker, title, subtitle) unindented, body lines indented with full-width spaces.
``plain``
    the same with the indentation lost: heading candidates are found from what they look like
    (short, no final punctuation); the article-start model (:mod:`.starts`) decides which runs of
    them open an article from what is around them (a dateline or byline after them, a ——
    kicker or subtitle, a credit or a story's end before them, their neighbours).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsnlp.segment.bylines import dateline_prefix, is_byline, looks_like_person
from newsnlp.segment.lines import (
    _DATE_ONLY,
    _ENUMERATED,
    BOX_LABEL,
    MD_HEADING,
    RawLine,
    Verdict,
    column_tag,
    ends_sentence,
    heading_like,
    is_furniture,
    scan_lines,
    special_kind,
)
from newsnlp.segment.starts import LIKENESS, StartScorer, add_neighbours, block_features, page_likeness
from newsnlp.segment.wrapping import logical_lines

__all__ = [
    "BOX_LABEL",
    "LAYOUTS",
    "RawLine",
    "Verdict",
    "classify_epaper",
    "classify_plain",
    "detect_layout",
    "ends_sentence",
    "scan_lines",
]

#: Layout names :func:`detect_layout` returns.
LAYOUTS: tuple[str, ...] = ("markdown", "epaper", "plain")


def detect_layout(text: str) -> str:
    """Guess the layout of a page: ``"markdown"``, ``"epaper"`` or ``"plain"``.

    Markdown when some line is a ``#`` heading; e-paper when at least a fifth of the non-blank
    lines are indented and some are not (the headings); plain otherwise. Hard-wrapped lines are
    joined first (:mod:`newsnlp.segment.wrapping`): their unindented continuation lines are
    not headings.
    """
    return layout_of_lines(logical_lines(scan_lines(text))[0])


def layout_of_lines(lines: list[RawLine]) -> str:
    """:func:`detect_layout` for lines already scanned (and joined where hard-wrapped)."""
    if not lines:
        return "plain"
    if any(MD_HEADING.match(line.text) for line in lines):
        return "markdown"
    indented = sum(line.indented for line in lines)
    if indented >= max(1, len(lines) // 5) and indented < len(lines):
        return "epaper"
    return "plain"


# A line under a meeting's headline saying who attended: "汪洋出席", "栗战书主持并讲话".
_WHO_ATTENDED = re.compile(r"^[^，。]{2,24}(?:出席|主持|参加|会见|讲话|致辞)(?:并讲话|并致辞|会议|活动)?$")


def _heading_kinds(texts: list[str]) -> list[str]:
    """Kicker / title / subtitle for the heading lines of one article, in order.

    Marked lines decide first (a kicker ends with —— or a colon, a subtitle starts with —— or is
    in brackets, a column tag closes the title); two unmarked lines are kicker + title, the usual
    order of Chinese headline stacks; three are kicker, title, subtitle.
    """
    n = len(texts)
    if n == 1:
        return ["title"]
    kinds = [""] * n
    for i, t in enumerate(texts):
        if i > 0 and (t.startswith("——") or (t[0] in "（(" and t[-1] in "）)") or _WHO_ATTENDED.search(t)):
            kinds[i] = "subtitle"
        elif i < n - 1 and t.endswith(("——", "：", ":")):
            kinds[i] = "kicker"
    free = [i for i in range(n) if not kinds[i]]
    if not free:
        # Everything marked: the first subtitle candidate after the kickers is the title.
        first_sub = next(i for i in range(n) if kinds[i] == "subtitle" or i == n - 1)
        kinds[first_sub] = "title"
        return kinds
    if len(free) == 1:
        kinds[free[0]] = "title"
    else:
        title = free[0]
        tagged = [i for i in free if column_tag(texts[i])]
        if tagged:
            title = tagged[0]
        elif free[0] == 0 and len(free) >= 2 and not any(k == "kicker" for k in kinds):
            title = free[1]
        kinds[title] = "title"
        for i in free:
            if i != title:
                kinds[i] = "kicker" if i < title else "subtitle"
    return kinds


# --------------------------------------------------------------------------- e-paper


def _bare_name(text: str) -> bool:
    """A line that is only a person's name, as printed under a headline."""
    return is_byline(text, allow_bare=True) and looks_like_person(text)


def _body_kind(line: RawLine) -> str:
    special = special_kind(line.text)
    if special:
        return special
    text = line.text
    if dateline_prefix(text) or (text.endswith(("：", ":")) and "，" in text):
        return "body"  # a dateline opens a story; "…，回信全文如下：" leads into a quote
    if heading_like(text, max_len=40):
        return "subhead"
    return "body"


def _salutation(text: str) -> bool:
    """A line that opens a letter or a speech: short, ending in a colon ("编辑同志：")."""
    return len(text) <= 24 and text.endswith(("：", ":")) and not text.startswith("——")


def classify_epaper(lines: list[RawLine]) -> list[Verdict]:
    """Unindented runs are heading stacks that start articles; indented lines are their bodies."""
    verdicts: list[Verdict] = []
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        if line.indented:
            under_heading = bool(verdicts) and verdicts[-1].kind in ("title", "kicker", "subtitle")
            verdicts.append(Verdict("byline" if under_heading and _bare_name(line.text) else _body_kind(line)))
            i += 1
            continue
        j = i
        while j < n and not lines[j].indented:
            j += 1
        run = lines[i:j]
        furniture = [is_furniture(x.text) for x in run]
        # A bare name under the headline lines ("赵磊", "吴 岚") is the byline, not a title; a
        # name-like line before any headline line (even after furniture) is a headline.
        names: list[bool] = []
        seen_head = False
        for x, f in zip(run, furniture):
            names.append(not f and seen_head and _bare_name(x.text))
            seen_head = seen_head or not (f or names[-1])
        heads = [x.text for x, f, b in zip(run, furniture, names) if not f and not b]
        if verdicts and len(heads) == 1 == len(run) and _salutation(heads[0]):
            # "编辑同志：", "“硬骨头六连”全体官兵：": a letter's salutation, flush left, inside it.
            verdicts.append(Verdict("body"))
            i = j
            continue
        kinds = iter(_heading_kinds(heads) if heads else [])
        first = True
        for x, f, b in zip(run, furniture, names):
            if f:
                verdicts.append(Verdict("furniture"))
                continue
            if b:
                verdicts.append(Verdict("byline"))
                continue
            special = special_kind(x.text)
            kind = next(kinds)
            if special in ("byline", "dateline", "credit") and not first:
                kind = special
            verdicts.append(Verdict(kind, starts=first))
            first = False
        i = j
    return verdicts


# --------------------------------------------------------------------------- plain


def _closing_line(text: str) -> bool:
    """A line that closes an article: wholly bracketed ("（作者为…）", "（本报开罗1月15日电）")
    """
    return text[0] in "（(" and text[-1] in "）)" and len(text) <= 80


def _series_key(
    lines: list[RawLine], kinds: list[str], i: int, j: int, heads: list[int]
) -> tuple[object, ...] | None:
    """The shape of a block that only its own form marks as a headline, else None."""
    if not heads or i == 0 or j < len(lines) and dateline_prefix(lines[j].text):
        return None
    first = lines[heads[0]].text
    if j - i == 1 and kinds[i - 1] in ("body", "credit") and _two_part(first):
        return (1, "two-part", False)  # "压实责任链 提升基层党建质效", one line between paragraphs
    if kinds[i - 1] != "body":
        return None
    mark = first[-2:] if first.endswith(("——", "：", ":")) else ""
    has_byline = any(kinds[k] == "byline" for k in range(i, j))
    if not mark and not has_byline:
        return None
    return (len(heads), mark, has_byline)


def _two_part(text: str) -> bool:
    """A heading in two parts set apart by a space, as section heads often are."""
    parts = text.split()
    return len(parts) == 2 and all(3 <= len(part) <= 12 for part in parts)


def _short_label(text: str) -> bool:
    """A column label (栏目) set on a line of its own: a few characters, no spaces, no marks."""
    return 2 <= len(text) <= 6 and heading_like(text) and not any(ch in text for ch in " \u3000\xa0，、：:——")


def _place_tag(text: str) -> bool:
    """A place tag set over a headline ("祁连", "共和", "西宁市")."""
    return bool(_PLACE_TAG.fullmatch(text)) and (len(text) <= 3 or text.endswith(_PLACE_SUFFIX))


_PLACE_TAG = re.compile(r"[\u4e00-\u9fff]{2,6}")
_PLACE_SUFFIX = ("市", "县", "区", "州", "镇", "乡", "村", "省", "旗", "盟")


def _tags_and_labels(lines: list[RawLine], kinds: list[str], heads: list[int], verdicts: list[Verdict]) -> list[int]:
    """Mark the column label and place tag over a headline ("先锋力量" / "祁连" / headline) and
    a column label under its byline ("黄 城" / "党建新论"); return the remaining heading lines."""
    rest = list(heads)
    texts = {k: lines[k].text for k in heads}
    # over the headline: [label] [place] headline…, the headline clearly longer
    if len(rest) >= 2 and _short_label(texts[rest[0]]) and _place_tag(texts[rest[1]]) and len(rest) >= 3:
        verdicts[rest[0]].kind = "column"
        rest = rest[1:]
    if len(rest) >= 2 and _place_tag(texts[rest[0]]) and len(texts[rest[1]]) >= 6 and rest[1] == rest[0] + 1:
        verdicts[rest[0]].kind = "place"
        rest = rest[1:]
    # under the byline: a short label
    for k in list(rest[1:]):
        if kinds[k - 1] == "byline" and _short_label(texts[k]):
            verdicts[k].kind = "column"
            rest.remove(k)
    return rest


def plain_kinds(lines: list[RawLine]) -> list[str]:
    """Each line's kind on a plain page, "" for a heading candidate (decided by the blocks)."""
    n = len(lines)
    kinds = [""] * n
    for k, line in enumerate(lines):
        t = line.text
        special = special_kind(t)
        after_body = k > 0 and kinds[k - 1] == "body"
        if special:
            kinds[k] = special
        elif t.startswith("——") and len(t) <= 12 and after_body:
            kinds[k] = "editor_note"  # "——编 者" signs off an editor's note at an article's top
        elif after_body and _closing_line(t):
            kinds[k] = "dateline" if dateline_prefix(t[1:]) else "byline"
        elif _DATE_ONLY.match(t):
            kinds[k] = "dateline"
        elif _ENUMERATED.match(t) and len(t) <= 50:
            kinds[k] = "subhead"
        elif dateline_prefix(t):
            kinds[k] = "body"  # a story's first words after its dateline, cut off by a break
        elif heading_like(t) or (
            heading_like(t, max_len=160) and k + 1 < n and dateline_prefix(lines[k + 1].text)
        ):
            kinds[k] = ""  # (a long unpunctuated line right before a dateline: a subtitle)
        elif len(t) <= 30 and t[-1] in "？！?!" and k + 1 < n and dateline_prefix(lines[k + 1].text):
            kinds[k] = ""  # a question headline right before a dateline
        else:
            kinds[k] = "body"
    for k in range(1, n):
        # A bare name right under a headline candidate, before the body, is a byline ("赵磊").
        body_next = k + 1 == n or kinds[k + 1] == "body"
        # (or a column label between the name and the body: "黄 城" / "党建新论" / …)
        body_next = body_next or (
            kinds[k + 1] == "" and _short_label(lines[k + 1].text) and (k + 2 == n or kinds[k + 2] == "body")
        )
        if kinds[k] == "" and kinds[k - 1] == "" and body_next and _bare_name(lines[k].text):
            kinds[k] = "byline"
    return kinds


def plain_blocks(kinds: list[str]) -> list[tuple[int, int]]:
    """The heading blocks of a plain page: a heading candidate and the heading candidates,
    bylines and datelines right after it, as ``(first, end)`` line indices."""
    blocks: list[tuple[int, int]] = []
    n = len(kinds)
    i = 0
    while i < n:
        if kinds[i] != "":
            i += 1
            continue
        j = i + 1
        while j < n and kinds[j] in ("", "byline", "dateline"):
            j += 1
        blocks.append((i, j))
        i = j
    return blocks


def plain_block_features(
    lines: list[RawLine], kinds: list[str], blocks: list[tuple[int, int]], *, likeness: bool = True
) -> list[list[float]]:
    """:func:`~newsnlp.segment.starts.block_features` of every block of a plain page (with the
    likeness features left at 0 unless ``likeness``; :func:`fill_likeness` fills them in)."""
    bodies = sorted(len(line.text) for line, kind in zip(lines, kinds) if kind == "body")
    width = float(bodies[len(bodies) // 2]) if bodies else 0.0
    rows = []
    for b, (i, j) in enumerate(blocks):
        gap = i - (blocks[b - 1][1] if b else 0)
        run = (blocks[b + 1][0] if b + 1 < len(blocks) else len(lines)) - j
        rows.append(block_features(lines, kinds, i, j, width=width, gap=gap, run=run))
    add_neighbours(rows)
    if likeness:
        fill_likeness(lines, kinds, blocks, rows, range(len(blocks)))
    return rows


def fill_likeness(
    lines: list[RawLine], kinds: list[str], blocks: list[tuple[int, int]], rows: list[list[float]], which: Iterable[int]
) -> None:
    """Fill in the likeness features (:func:`~newsnlp.segment.starts.page_likeness`) of the
    blocks numbered in ``which``."""
    which = list(which)
    for b, values in zip(which, page_likeness(lines, kinds, [blocks[b] for b in which])):
        rows[b][LIKENESS] = values


def classify_plain(lines: list[RawLine], *, scorer: StartScorer | None = None) -> list[Verdict]:
    """Find heading stacks without indentation to lean on; see the module docstring.

    Which heading blocks open an article is the article-start model's call
    (:mod:`newsnlp.segment.starts`; the shipped one unless ``scorer`` is given): a block opens
    one where its log-odds are 0 or more.
    """
    scorer = scorer or StartScorer.load()
    threshold = 0.0
    n = len(lines)
    kinds = plain_kinds(lines)
    verdicts = [Verdict(k or "subhead") for k in kinds]
    spans = plain_blocks(kinds)
    blocks: list[tuple[int, int, list[int], float, tuple[object, ...] | None]] = []
    # The likeness features (character pairs around each block, the costly part) are worked out
    # only for the blocks whose decisions they can change: each is bounded, so the others'
    # log-odds are known to lie wholly on one side of every cut used below (0 and 3).
    rows = plain_block_features(lines, kinds, spans, likeness=False)
    low, high = scorer.likeness_range()
    bonus = []
    seen_content = False
    last = 0
    for i, j in spans:
        seen_content = seen_content or any(kinds[k] not in ("", "furniture") for k in range(last, i))
        bonus.append(9.0 if not seen_content else 0.0)
        seen_content = True
        last = j
    partial = [scorer.logit(row) + extra for row, extra in zip(rows, bonus)]
    cuts = (threshold, threshold + 3)
    open_ = [b for b, score in enumerate(partial) if any(score + low < cut <= score + high for cut in cuts)]
    fill_likeness(lines, kinds, spans, rows, open_)
    for (i, j), features, extra in zip(spans, rows, bonus):
        heads = [k for k in range(i, j) if kinds[k] == ""]
        score = scorer.logit(features) + extra
        blocks.append((i, j, heads, score, _series_key(lines, kinds, i, j, heads)))
    # Section heads of one long article repeat a shape (a "伊朗——" kicker, a place line and a
    # byline …) with nothing around them that closes an article: three alike are not articles.
    series: dict[tuple[object, ...], int] = {}
    for *_, key in blocks:
        if key is not None:
            series[key] = series.get(key, 0) + 1
    for i, j, heads, score, key in blocks:
        if key is not None and series[key] >= 3:
            score = min(score, threshold - 0.5)
        if heads and j < n and kinds[j] == "credit" and score < threshold + 3 and (len(heads) == 1 or heads == list(range(i, j))):
            for k in heads:  # the lines right over a photo credit are its caption (a headline is followed by its text)
                verdicts[k].kind = "caption"
        elif heads and score >= threshold:
            heads = _tags_and_labels(lines, kinds, heads, verdicts)
            for k, kind in zip(heads, _heading_kinds([lines[k].text for k in heads])):
                verdicts[k].kind = kind
            verdicts[i].starts = True
    return verdicts
