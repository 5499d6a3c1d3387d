"""Hard-wrapped pages: lines cut at a fixed width, joined back into logical lines.

pdftotext and many copies of e-paper pages end every printed line with a line break, so one
paragraph arrives as several lines of the same width::

    春茶开采以来，青川县各个茶园里
    一派繁忙景象，采茶工人穿梭在茶
    垄之间，指尖翻飞，嫩芽入篓。

Classified one at a time, such short lines look like headlines or photo captions. A page is
hard-wrapped when many of its lines share a width (within 1.5 columns; a half-width character
counts half, leading indentation counts) and hardly any is wider. Pages whose lines are whole
paragraphs, as most e-paper copies and the Markdown-like conversions are, have no shared width
and are left as they are.

On a wrapped page a line carries on the line before it when no blank line and no indent
separate them, and:

- the paragraph so far left a bracket open ("（记" / "者王明远）…"), or the line before is a
  dateline alone (the wrap fell in the spaces after it), or this line starts with a mark no
  printed line starts with (，。”）…);
- or the line before is full width and stops mid-sentence, inside a paragraph already, or at a
  paragraph's start (indented, or led by a dateline, or reading as prose: commas, a third full
  line running on, or the line-break model reading the two as one sentence);
- or, after a full stop at the margin, this line reads as more prose (it fills its line or ends a
  sentence, and has commas), not as a headline, byline or credit.

Where the indentation was lost, a paragraph's first line counts as full two columns short, and a
line that stops open there is such a first line: it starts a paragraph of its own.

The splitter classifies the joined logical lines and hands each verdict back to every physical
line of its group, so offsets and line ownership stay exact.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from newsnlp.segment.bylines import dateline_prefix, is_credit
from newsnlp.segment.lines import (
    MD_HEADING,
    NO_LINE_START,
    RawLine,
    Verdict,
    column_tag,
    ends_sentence,
    is_furniture,
    scan_lines,
    special_kind,
)
from newsnlp.segment.repair import JoinScorer

__all__ = [
    "display_width",
    "expand_verdicts",
    "join_groups",
    "logical_lines",
    "merge_group",
    "text_paragraphs",
    "wrap_widths",
]

#: A width shared by at least this share of the page's lines (and :data:`MIN_LINES`) is a wrap
#: width.
MIN_SHARE = 0.2
MIN_LINES = 5
#: How far (in columns) a full line's width may be from the wrap width.
TOLERANCE = 1.5
#: Columns of a paragraph's indent (two full-width spaces).
INDENT = 2
#: At most this share of lines may be wider than the widest wrap width (headlines, tables).
MAX_WIDER = 0.15
_PROSE_MARK = re.compile("[，。、；：,;]")
_SENTENCE_MARK = re.compile("[，。、；,;]")
#: Marks a byline never holds: a line with one is prose even where it starts like a byline.
_CLAUSE_MARK = re.compile("[，。；：]")


def display_width(text: str) -> float:
    """Columns a line takes in print: ASCII characters ½, all others (CJK, full-width forms) 1.

    >>> display_width("党建引领"), display_width("2020年1月"), display_width("\u3000\u3000春")
    (4.0, 4.5, 3.0)
    """
    return len(text) - 0.5 * len(text.encode("ascii", "ignore"))


def _width(line: RawLine) -> float:
    return line.indent + display_width(line.text)


def wrap_widths(lines: Sequence[RawLine]) -> list[int]:
    """The widths at which this page's lines are wrapped (none for paragraph-per-line pages).

    A wrap width is shared by many lines, and hardly any line is wider: where lines are whole
    paragraphs, most are far wider than any width a few headlines happen to share.
    """
    return _shared_widths([_width(line) for line in lines])


def _shared_widths(widths: list[float]) -> list[int]:
    """:func:`wrap_widths` from the lines' widths in columns."""
    counts = Counter(round(w) for w in widths if w >= 8)
    total = sum(counts.values())
    need = max(MIN_LINES, MIN_SHARE * total)
    shared: list[int] = []
    top = 0
    for width, _ in counts.most_common():  # peaks first; a peak's neighbours are not widths of their own
        near = counts[width - 1] + counts[width] + counts[width + 1]
        if near < max(need, top / 2):
            continue  # a second width (a sidebar set narrower) needs half the main one's lines
        if all(abs(width - other) > 2 * TOLERANCE for other in shared):
            shared.append(width)
            top = max(top, near)
    if not shared or sum(w > max(shared) + 2 * TOLERANCE for w in widths) > MAX_WIDER * total:
        return []
    return sorted(shared)


def join_groups(lines: Sequence[RawLine], scorer: JoinScorer | None = None) -> list[list[int]]:
    """Indices of ``lines`` grouped into logical lines; all singletons when nothing is wrapped.
    With a ``scorer`` (the line-break model), a paragraph's full first line that the rules
    would leave alone goes on into the next where the model reads the two as one sentence."""
    # (:func:`_width` of every line, inlined: this runs over every line of every page)
    columns = [line.indent + (len(line.text) - 0.5 * len(line.text.encode("ascii", "ignore"))) for line in lines]
    widths = _shared_widths(columns)
    if not widths:
        return [[k] for k in range(len(lines))]
    return _Page(lines, columns, widths, scorer).groups()


def _bracket_balance(text: str) -> int:
    """Brackets the line opens and does not close (negative: closes more than it opens)."""
    if "（" not in text and "(" not in text and "）" not in text and ")" not in text:
        return 0
    return text.count("（") + text.count("(") - text.count("）") - text.count(")")


#: A bracket left open ("（本报青川、广元、剑阁、苍" / … / "记者王明远、周小红）") holds at most
#: this many printed lines together: past them, an unclosed bracket is a typo, not a wrap.
MAX_BRACKET_LINES = 6


#: A box label set alone ("【核心阅读】", "编者按：") is at most this long.
_MAX_LABEL = 8
#: A column tag closing a headline has at least this many characters (see :func:`_tagged`).
_MIN_TAG = 3


def _tagged(text: str) -> bool:
    """A line closed by a column tag, as headlines are: "…（以案说法）", "…（今日谈）". (A tag
    of one or two characters is more often a word in brackets inside a sentence: "农村（社区）".)"""
    return text[-1:] in "）)" and len(column_tag(text)) >= _MIN_TAG


def _closed_bracket_line(texts: list[str]) -> bool:
    """Whether lines that open with a bracket close it at the last one's end: a whole
    "（作者为…）" or "（记者 王明远）" line, wrapped."""
    if not texts[0].startswith(("（", "(")) or not texts[-1].endswith(("）", ")")):
        return False
    opened = sum(t.count("（") + t.count("(") - t.count("）") - t.count(")") for t in texts)
    return opened == 0


def _md_heading(text: str) -> bool:
    return text[0] == "#" and bool(MD_HEADING.match(text))


class _Page:
    """The lines of one hard-wrapped page, with what each line is worked out once: its width,
    whether it is a Markdown heading, the brackets it leaves open, whether it starts with a
    dateline (or is one alone), is furniture, ends a sentence or is closed by a column tag (all
    needed for nearly every line), and its kind (on demand)."""

    def __init__(
        self, lines: Sequence[RawLine], columns: list[float], widths: list[int], scorer: JoinScorer | None = None
    ) -> None:
        self.lines = lines
        self.scorer = scorer
        self.width = float(max(widths))  # the line-break model's "typical line" for its length features
        if len(widths) == 1:
            self.full = [abs(c - widths[0]) <= TOLERANCE for c in columns]
        else:
            self.full = [any(abs(c - w) <= TOLERANCE for w in widths) for c in columns]
        # Where the indentation was lost (PDF text), a paragraph's first line is full two
        # columns short of the others.
        if any(line.indented for line in lines):
            self.full_first = self.full
            self.opens = [False] * len(lines)
        else:
            self.full_first = [f or any(abs(c - w + INDENT) <= TOLERANCE for w in widths) for f, c in zip(self.full, columns)]
            # A line two columns short of the margin is such a first line: one that stops open
            # there opens a paragraph (a paragraph going on would fill its line, one ending here
            # would end a sentence).
            self.opens = [first and not f for f, first in zip(self.full, self.full_first)]
        # A line wider than every shared width is not a wrapped line: a headline set across
        # columns, never the rest of a paragraph (which wraps at the column's width).
        widest = max(widths) + TOLERANCE
        self.wide = [c > widest for c in columns]
        texts = [line.text for line in lines]
        self.md = [_md_heading(t) for t in texts]
        self.balance = [_bracket_balance(t) for t in texts]
        datelines = [dateline_prefix(t) for t in texts]
        self.dateline = [bool(d) for d in datelines]
        # a dateline alone on its line: the wrap fell in the spaces after it ("据新华社青川3月5日电")
        self.bare_dateline = [bool(d) and len(d) == len(t.rstrip()) for d, t in zip(datelines, texts)]
        self.furniture = [is_furniture(t) for t in texts]
        self.ends = [ends_sentence(t) for t in texts]
        self.tagged = [_tagged(t) for t in texts]
        self._kinds: dict[int, str] = {}

    def groups(self) -> list[list[int]]:
        """The indices of the lines grouped into logical lines (see :func:`join_groups`)."""
        lines, md, balance, full, full_first = self.lines, self.md, self.balance, self.full, self.full_first
        dateline, furniture, ends, wide = self.dateline, self.furniture, self.ends, self.wide
        groups: list[list[int]] = [[0]] if lines else []
        group = groups[0] if groups else []
        prev = lines[0] if lines else None
        depth = max(0, balance[0]) if lines else 0  # brackets the group has left open
        for k in range(1, len(lines)):
            line = lines[k]
            inside = len(group) > 1
            # The common cases of :meth:`continues` first, in its order: a line cut mid-sentence
            # inside a paragraph goes on; a blank line, an indent or a mark starts something new.
            if line.index != prev.index + 1 or line.indented or md[k] or wide[k]:
                joined = False
            elif depth > 0 and not md[k - 1] and len(group) < MAX_BRACKET_LINES:
                joined = True
            elif line.text == "——":
                joined = True  # a dash is never a line of its own: the wrap moved it off a full line
            elif self.bare_dateline[k - 1] and (full[k] or ends[k]):
                joined = True  # the wrap fell in the spaces after a dateline: its story goes on
            elif not (full if inside else full_first)[k - 1]:
                joined = False
            elif line.text[0] in NO_LINE_START:
                joined = True
            elif dateline[k] or md[k - 1] or furniture[k]:
                joined = False
            elif self.tagged[k - 1] and not dateline[k - 1]:
                joined = False  # a headline closed by its column tag: "…（以案说法）"
            elif inside and lines[group[0]].text[0] in "（(" and _closed_bracket_line([lines[m].text for m in group]):
                joined = False  # "（作者为…" / "…研究员）": the closing line is whole, what follows is new
            elif inside and not ends[k - 1]:
                joined = True
            else:
                joined = self.continues(k, inside=inside)
            if joined:
                group.append(k)
                depth = max(0, depth + balance[k])
            else:
                group = [k]
                groups.append(group)
                depth = max(0, balance[k])
            prev = line
        return groups

    def kind(self, k: int) -> str:
        if k not in self._kinds:
            self._kinds[k] = special_kind(self.lines[k].text)
        return self._kinds[k]

    def stands_alone(self, k: int) -> bool:
        """A byline, credit or page furniture: a line of its own, never a paragraph's first line.
        (A line with commas is prose even where it starts like a byline: "记者了解到，…".)"""
        if self.furniture[k]:
            return True
        text = self.lines[k].text
        if _CLAUSE_MARK.search(text) and not is_credit(text):
            return False  # not a credit, and a byline with these marks is prose (no kind needed)
        kind = self.kind(k)
        if kind in ("credit", "furniture"):
            return True
        return kind == "byline" and not _CLAUSE_MARK.search(text)

    def continues(self, k: int, *, inside: bool) -> bool:
        """Whether line ``k`` carries on line ``k - 1``; ``inside``: that line already continues
        the one before it. (:meth:`groups` has settled open brackets and bare datelines first.)"""
        prev, line = self.lines[k - 1], self.lines[k]
        if line.index != prev.index + 1 or line.indented or self.md[k] or self.wide[k]:
            return False  # a blank line, an indent or a line wider than the column starts something new
        if not (self.full if inside else self.full_first)[k - 1]:
            return False  # only a full line goes on to the next
        if line.text[0] in NO_LINE_START:
            return True  # "”", "，" or "）" never start a line of their own: the wrap cut before them
        if self.dateline[k] or self.md[k - 1] or self.furniture[k] or (self.tagged[k - 1] and not self.dateline[k - 1]):
            return False  # (a headline closed by its column tag takes nothing after it)
        if self.opens[k] and not self.ends[k] and (self.ends[k - 1] or not inside):
            return False  # a paragraph's first line whose indent was lost: "县里召开推进会，部" (two columns short)
        if self.ends[k - 1]:
            # A paragraph may end exactly at the margin: then a heading, a byline or a new
            # paragraph can follow. Only a line with commas or stops reads as more of it.
            # More of it fills this line too, or ends a sentence on it (and a full line that
            # stops open is followed by more of it: "…，青川县——" over "老街巷有了新模样" is not).
            # (in the cheap order: no kind, no bracket, and a mark or a third full line)
            if not (self.ends[k] or (self.full[k] and self.goes_on(k))):
                return False
            if _bracketed(line.text) or self.tagged[k] or not (_SENTENCE_MARK.search(line.text) or self.runs_on(k)):
                return False
            return not self.kind(k)
        if inside or self.dateline[k - 1]:
            return True  # mid-paragraph (or mid-dateline) at the margin: the line goes on
        if self.stands_alone(k - 1):
            # a byline or credit at the margin is not a paragraph's first line, but it may
            # itself be cut by the wrap: "本报记者 王明远文  本报记" / "者 李华摄"
            return not _SENTENCE_MARK.search(line.text) and special_kind(prev.text + line.text) in (
                "byline", "credit"
            )
        if _bracketed(prev.text):
            return False
        if prev.indented:
            return True  # an indented paragraph (or caption) start at the margin goes on
        if prev.text.endswith("——") and not (self.full[k] or self.ends[k]):
            return False  # a kicker "…，县交通局回应——" over its headline, which stops short and open
        # A paragraph's first line, or a headline that happens to be as wide: prose has commas.
        # (a signature "——县交通局局长 王明远" has no clause marks; a dashed list item is prose)
        signature = prev.text.startswith("——") and not _CLAUSE_MARK.search(prev.text)
        if self.stands_alone(k) or _bracketed(line.text) or signature or line.text.startswith("——"):
            return False
        if len(line.text) <= _MAX_LABEL and self.kind(k) in ("lead_summary", "editor_note"):
            return False  # a box's bare label ("核心阅读", "编者按") opens the box: it goes on nothing
        # A line without a mark is a headline as wide as the column (the prose after it is its
        # story), unless it left a quotation open, is a caption ("图为…" at the margin goes on)
        # or runs on over a third full line.
        return bool(
            _PROSE_MARK.search(prev.text)
            or prev.text.count("“") > prev.text.count("”")
            or self.kind(k - 1) == "caption"
            or self.runs_on(k)
            or (self.scorer is not None and self.scorer.joins(prev.text, line.text, width=self.width))
        )

    def goes_on(self, k: int) -> bool:
        """The line after line ``k`` could be more of its paragraph: it fills its line, ends a
        sentence or starts with a mark no printed line starts with (or there is none)."""
        if k + 1 >= len(self.lines) or self.lines[k + 1].index != self.lines[k].index + 1:
            return True
        return self.full[k + 1] or self.ends[k + 1] or self.lines[k + 1].text[0] in NO_LINE_START

    def runs_on(self, k: int) -> bool:
        """Line ``k`` is full, stops mid-sentence and goes on into the next: a paragraph's body."""
        if k + 1 >= len(self.lines):
            return False
        line, after = self.lines[k], self.lines[k + 1]
        return (
            after.index == line.index + 1
            and not after.indented
            and self.full[k]
            and not self.ends[k]
            and not self.dateline[k + 1]  # a headline as wide as the column, then its story
            and not self.opens[k + 1]  # (or its first paragraph, whose first line stops short)
            and not self.stands_alone(k + 1)
        )


def _bracketed(text: str) -> bool:
    return text[0] in "（(" and text[-1] in "）)"


def merge_group(lines: Sequence[RawLine]) -> RawLine:
    """One logical line from the physical lines of a group (Latin words keep a space between;
    digits do not, since CJK typesetting breaks a line anywhere but inside a number)."""
    first = lines[0]
    if len(lines) == 1:
        return first
    parts = [first.text]
    for line in lines[1:]:
        # (a piece's last character is the text's so far: pieces are stripped, never empty)
        left, right = parts[-1][-1], line.text[0]
        if left.isascii() and left.isalpha() and right.isascii() and right.isalpha():
            parts.append(" ")
        parts.append(line.text)
    return RawLine(first.index, first.start, lines[-1].end, "".join(parts), first.indented, first.indent)


def logical_lines(
    lines: Sequence[RawLine], scorer: JoinScorer | None = None
) -> tuple[list[RawLine], list[list[int]]]:
    """The logical lines of a page and, for each, the indices of its physical ``lines`` (see
    :func:`join_groups` for ``scorer``)."""
    groups = join_groups(lines, scorer)
    return [merge_group([lines[k] for k in group]) for group in groups], groups


def expand_verdicts(verdicts: Sequence[Verdict], groups: Sequence[Sequence[int]], n_lines: int) -> list[Verdict]:
    """Hand each logical line's verdict to the physical lines of its group (in order)."""
    physical: list[Verdict | None] = [None] * n_lines
    for verdict, group in zip(verdicts, groups):
        physical[group[0]] = verdict
        if len(group) > 1:
            kind = verdict.kind
            for k in group[1:]:
                physical[k] = Verdict(kind, False, True)  # (kind, starts, continues)
    assert all(v is not None for v in physical), "every line belongs to one group"
    return physical  # type: ignore[return-value]


def text_paragraphs(text: str) -> list[str]:
    """The paragraphs of an article's text: one per non-blank line, hard-wrapped lines joined.

    >>> text_paragraphs("第一段。\\n\\n第二段，\\n还是第二段。")
    ['第一段。', '第二段，', '还是第二段。']
    """
    logical, _ = logical_lines(scan_lines(text))
    return [line.text for line in logical]
