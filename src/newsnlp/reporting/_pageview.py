"""A page laid out line by line with each line's part marked, rebuilt from a record and its text.

A record stores, per article, every input line it owns as ``[start, end, kind]`` offsets, and the
lines no article owns in ``unassigned``; it does not store the page text (``newsnlp run`` leaves it
out to keep the output small). With the page text the page is rebuilt exactly, line by line.

Repaired column breaks are not a field of the record either. They are derived from what the record
does hold: an article's body lines are walked along its ``paragraphs`` (the repaired text), and a
body line that does not start a paragraph was joined onto the line before it. On a hard-wrapped
page (every printed line ends in a line break) lines run on by design: a join inside one logical
line (the wrapping module's own grouping) is a wrapped line run on, a join between logical lines a
repaired column break. On the 200 rmrb-dev pages this finds exactly the joins the splitter makes
(78 on the pages with indentation stripped).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any

__all__ = ["PageLine", "PageView", "build_page_view"]

# What the splitter ignores when it reads a body line: emphasis marks and all white space.
_NOISE = re.compile(r"[\s*_#]+")
#: Characters of a line's end looked up in its paragraph to place the line.
_TAIL = 12


@dataclass
class PageLine:
    """One non-blank line of the page as the report shows it."""

    start: int
    end: int
    kind: str
    text: str
    article: int  # index of the owning article, -1 for unassigned lines
    gap_before: bool = False  # a blank line (or more) stands before this line
    join: str = ""  # "repair" (column break joined), "wrap" (hard-wrapped line run on) or ""
    first_of_article: bool = False


@dataclass
class PageView:
    """The page's lines in reading order, with how many repaired breaks were found."""

    lines: list[PageLine] = field(default_factory=list)
    repairs: int = 0
    wraps: int = 0
    lines_unplaced: int = 0  # body lines not found in their article's paragraphs (joins there unknown)


def _text_matches(record: dict[str, Any], text: str) -> bool:
    """Whether ``text`` is the text the record was made from (offsets fit, furniture and titles agree)."""
    n = len(text)
    for u in record.get("unassigned", []):
        if u.get("end", 0) > n or text[u["start"] : u["end"]] != u.get("text", text[u["start"] : u["end"]]):
            return False
    for article in record.get("articles", []):
        lines = article.get("lines", [])
        if any(end > n or not text[start:end].strip() for start, end, _ in lines):
            return False
        title = _NOISE.sub("", article.get("title", ""))[:6]
        if title:
            heads = _NOISE.sub("", "".join(text[s:e] for s, e, k in lines if k in ("title", "kicker", "subtitle")))
            if title not in heads:
                return False
    return True


def _wrap_groups(text: str) -> dict[int, int]:
    """On a hard-wrapped page, each physical line's start -> its logical line (the splitter's grouping)."""
    from newsnlp.segment.layout import scan_lines
    from newsnlp.segment.wrapping import logical_lines, wrap_widths

    raw = scan_lines(text)
    if not wrap_widths(raw):
        return {}
    _, groups = logical_lines(raw)
    return {raw[k].start: n for n, group in enumerate(groups) for k in group}


def _mark_joins(
    article: dict[str, Any], lines: list[PageLine], groups: dict[int, int]
) -> tuple[int, int, int]:
    """Set ``join`` on the article's body lines that continue a paragraph.

    Returns (repaired breaks, wrapped lines run on, body lines that could not be placed).
    ``groups`` maps a line's start to its logical line on a hard-wrapped page (empty otherwise).
    """
    paragraphs = [_NOISE.sub("", p) for p in article.get("paragraphs", [])]
    dateline = _NOISE.sub("", article.get("dateline", ""))
    joined = "".join(paragraphs)
    boundaries = set()
    pos = 0
    for p in paragraphs:
        boundaries.add(pos)
        pos += len(p)
    boundaries.add(pos)
    pos = 0
    previous: PageLine | None = None
    repairs = wraps = unplaced = 0
    for line in lines:
        if line.kind != "body":
            continue
        norm = _NOISE.sub("", line.text)
        if dateline and pos == 0:
            # the splitter keeps the dateline (本报北京1月15日电) out of the body: skip what it took
            common = len(os.path.commonprefix([norm, dateline]))
            norm, dateline = norm[common:], dateline[common:]
        if not norm:
            continue
        start = pos if joined.startswith(norm, pos) else joined.find(norm, pos)
        if start >= 0:
            end = start + len(norm)
        else:  # the splitter changed the line: place it by its end
            tail = norm[-_TAIL:]
            found = joined.find(tail, pos)
            if found < 0:
                unplaced += 1
                continue
            end = found + len(tail)
            start = max(pos, end - len(norm))
        if start not in boundaries and previous is not None:
            group = groups.get(line.start)
            if group is not None and group == groups.get(previous.start):
                line.join = "wrap"
                wraps += 1
            else:
                line.join = "repair"
                repairs += 1
        pos = end
        previous = line
    return repairs, wraps, unplaced


def build_page_view(record: dict[str, Any], text: str) -> PageView | None:
    """The page view of ``record`` laid out from ``text``; None when the text does not fit the record."""
    if not _text_matches(record, text):
        return None
    view = PageView()
    owned: list[PageLine] = []
    per_article: list[list[PageLine]] = []
    for index, article in enumerate(record.get("articles", [])):
        mine = [PageLine(s, e, k, text[s:e], index) for s, e, k in article.get("lines", [])]
        if mine:
            mine[0].first_of_article = True
        per_article.append(mine)
        owned.extend(mine)
    for u in record.get("unassigned", []):
        owned.append(PageLine(u["start"], u["end"], u.get("kind", "furniture"), text[u["start"] : u["end"]], -1))
    owned.sort(key=lambda line: line.start)
    previous_end = 0
    for line in owned:
        between = text[previous_end : line.start]
        line.gap_before = previous_end > 0 and between.count("\n") + between.count("\r") - between.count("\r\n") > 1
        previous_end = line.end
    groups = _wrap_groups(text)
    for article, lines in zip(record.get("articles", []), per_article):
        repairs, wraps, unplaced = _mark_joins(article, lines, groups)
        view.repairs += repairs
        view.wraps += wraps
        view.lines_unplaced += unplaced
    view.lines = owned
    return view
