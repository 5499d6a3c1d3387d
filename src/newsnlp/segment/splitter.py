"""Page text -> :class:`~newsnlp.document.Issue`: classify lines, group them into articles, fill fields.

Article boundaries are exact: ``article.start`` is the offset of its first line (kicker, column,
place tag or title), ``article.end`` the end of its last line, both into the caller's string.
Every non-blank line is owned by exactly one article's ``lines`` or by ``Issue.unassigned``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsnlp.document import Article, Author, Issue, Line
from newsnlp.errors import ConfigError, Errors, InputError
from newsnlp.segment.breaks import BreakScorer
from newsnlp.segment.bylines import dateline_prefix, parse_authors
from newsnlp.segment.layout import LAYOUTS, _heading_kinds, classify_epaper, classify_plain, layout_of_lines
from newsnlp.segment.lines import (
    _ENUMERATED,
    BOX_LABEL,
    NO_LINE_START,
    OPEN_END,
    RawLine,
    Verdict,
    heading_like,
    same_form,
    scan_lines,
    special_kind,
)
from newsnlp.segment.markdown import classify_markdown, heading_level, split_place_prefix, strip_heading
from newsnlp.segment.page_lookup import MAX_PAGE_CHARS, page_around
from newsnlp.segment.repair import Piece, is_open_ended, join_broken
from newsnlp.segment.starts import StartScorer
from newsnlp.segment.wrapping import expand_verdicts, logical_lines, merge_group

__all__ = ["PageSplitter", "segment_page"]

_PAREN = re.compile(r"[（(]([^（）()]{2,40})[）)]")
_AGENCY_END = re.compile(r"[电讯](?=[ \u3000\xa0])")


_EMPHASIS = re.compile(r"^(\*\*|__)(?P<inner>.+?)\1$")


def _strip_emphasis(text: str) -> str:
    """``**标题**`` (bold from a PDF-to-Markdown converter) reads as ``标题``."""
    match = _EMPHASIS.match(text)
    return match.group("inner").strip() if match else text


class PageSplitter:
    """Split the text of a newspaper page (or a whole issue) into articles.

    Parameters
    ----------
    layout : {"auto", "markdown", "epaper", "plain"}, default="auto"
        How the page is laid out; ``"auto"`` asks :func:`detect_layout`.
    repair : bool, default=True
        Join paragraphs that column breaks cut in two (see :mod:`newsnlp.segment.repair`); the
        line-break model (:mod:`newsnlp.segment.breaks`) decides which breaks are cuts.
    unwrap : bool, default=True
        Join hard-wrapped lines (every printed line ending in a line break, as pdftotext gives
        them) back into paragraphs before classifying (see :mod:`newsnlp.segment.wrapping`).

    Examples
    --------
    >>> page = "小镇新开一家书店\\n本报记者 王明远\\n书店开在老街口，每天都有人来读书。"
    >>> issue = PageSplitter().split(page)
    >>> [(a.title, a.authors[0].name, a.paragraphs) for a in issue]
    [('小镇新开一家书店', '王明远', ['书店开在老街口，每天都有人来读书。'])]
    """

    def __init__(self, *, layout: str = "auto", repair: bool = True, unwrap: bool = True) -> None:
        self.layout = layout
        self.repair = repair
        self.unwrap = unwrap

    @property
    def scorer(self) -> BreakScorer:
        """The line-break model that decides which column-break cuts to join, loaded on first
        use and kept as ``scorer_`` (the constructor stores its parameters only)."""
        scorer: BreakScorer | None = getattr(self, "scorer_", None)
        if scorer is None:
            scorer = self.scorer_ = BreakScorer.load()
        return scorer

    @property
    def start_scorer(self) -> StartScorer:
        """The article-start model that decides which heading blocks of a plain page open an
        article, loaded on first use and kept as ``start_scorer_``."""
        scorer: StartScorer | None = getattr(self, "start_scorer_", None)
        if scorer is None:
            scorer = self.start_scorer_ = StartScorer.load()
        return scorer

    def split(self, text: str) -> Issue:
        """Return an :class:`Issue` whose articles carry spans and fields taken from ``text``."""
        if not isinstance(text, str):
            raise InputError(Errors.E001.format(type=type(text).__name__))
        if self.layout != "auto" and self.layout not in LAYOUTS:
            known = ", ".join(("auto",) + LAYOUTS)
            raise ConfigError(
                Errors.E022.format(name=f"layout={self.layout!r}", owner="PageSplitter", known=known)
            )
        lines = scan_lines(text)
        # the line-break model reads this page's text too (what it prints elsewhere)
        scorer = self.scorer.for_page(text) if self.repair else None
        logical, groups = logical_lines(lines, scorer) if self.unwrap else (lines, [[k] for k in range(len(lines))])
        layout = layout_of_lines(logical) if self.layout == "auto" else self.layout
        issue = Issue(text=text, layout=layout)
        if not lines:
            return issue
        if layout == "markdown":
            verdicts = classify_markdown(logical)
        elif layout == "epaper":
            verdicts = classify_epaper(logical)
        else:
            verdicts = classify_plain(logical, scorer=self.start_scorer)
        _attach_boxes(verdicts, [line.text for line in logical], scorer=scorer)
        if len(logical) < len(lines):
            verdicts = expand_verdicts(verdicts, groups, len(lines))
        for group in _group(lines, verdicts, issue):
            article_scorer = scorer
            if scorer is not None and len(text) > MAX_PAGE_CHARS:  # a long text: the article's own stretch
                article_scorer = self.scorer.for_page(page_around(text, group[0][0].start, group[-1][0].end))
            issue.articles.append(self._article(group, layout, article_scorer))
        if layout == "plain" and any(a.place for a in issue.articles):
            # A page that sets place tags over its headlines ("祁连") also prints them before a
            # headline on its line ("西宁 以…"); elsewhere such a prefix is part of the title.
            for art in issue.articles:
                if not art.place:
                    art.place, art.title = split_place_prefix(art.title)
        return issue

    def _article(self, group: list[tuple[RawLine, Verdict]], layout: str, scorer: BreakScorer | None) -> Article:
        """The article of ``group``'s lines; ``scorer``: the line-break model on this page, or
        None to leave column breaks as they are."""
        first, last = group[0][0], group[-1][0]
        art = Article(start=first.start, end=last.end)
        reclaimed: set[int] = set()
        if scorer is not None and layout != "epaper":
            reclaimed = self._reclaim_cut_pieces(group, layout, scorer)
        art.lines = [Line(line.start, line.end, v.kind) for line, v in group]
        texts: dict[str, list[str]] = {}
        pieces: list[Piece] = []
        credit_authors: list[Author] = []
        dateline_authors: list[Author] = []
        seen_body = False
        carried = ""
        rows = _rejoin_wrapped(group)
        widths = sorted(len(line.text) for line, v in rows if v.kind == "body")
        width = float(widths[len(widths) // 2]) if widths else 0.0
        for index, (line, v) in enumerate(rows):
            text = _strip_emphasis(strip_heading(line.text) if layout == "markdown" else line.text)
            printed = len(text)  # the line as printed, dateline and all (a column line at least)
            if carried:  # the paragraph's first characters, left on the dateline's line
                text, carried = carried + text, ""
            if v.kind == "body" and not art.dateline and not seen_body:
                prefix = dateline_prefix(text)
                if prefix:
                    art.dateline = prefix
                    dateline_authors = _dateline_authors(prefix)
                    text = text[len(prefix) :].lstrip(" \u3000\xa0")
            elif v.kind == "dateline" and not art.dateline:
                prefix = dateline_prefix(text)
                rest = text[len(prefix) :].lstrip(" \u3000\xa0") if prefix else ""
                after = rows[index + 1] if index + 1 < len(rows) else None
                if (
                    rest and scorer is not None and after is not None and after[1].kind == "body"
                    and scorer.joins(rest, after[0].text, width=width)
                ):
                    # a column break right after the dateline left the paragraph's first
                    # characters on its line ("…电（记者王明）1" / "月5日…"): they are body
                    art.dateline = prefix
                    dateline_authors = _dateline_authors(prefix)
                    pieces.append(Piece("dateline", prefix))
                    texts.setdefault("dateline", []).append(prefix)
                    carried = rest
                    continue
                art.dateline = text
                dateline_authors = _dateline_authors(text)
            elif v.kind == "credit":
                # people credited with a role (摄影, 制图 …); "…供图" names a provider, not an author
                credit_authors.extend(a for a in parse_authors(text) if a.role)
            seen_body = seen_body or v.kind == "body"
            if v.kind in _BOXES and pieces and pieces[-1].kind == v.kind and _box_goes_on(pieces[-1].text):
                # a box text cut by a column break (see _attach_boxes) is one text again
                texts[v.kind][-1] += text
            else:
                texts.setdefault(v.kind, []).append(text)
            pieces.append(Piece(v.kind, text, line.indented, cut=index in reclaimed, printed=printed))
        art.kicker = " ".join(texts.get("kicker", []))
        art.title = "".join(texts.get("title", []))
        art.subtitle = " ".join(texts.get("subtitle", []))
        art.column = " ".join(t.strip("【】〖〗[]") for t in texts.get("column", []))
        art.place = " ".join(texts.get("place", []))
        if layout == "markdown" and not art.place and art.title:
            art.place, art.title = split_place_prefix(art.title)
        bylines = texts.get("byline", [])
        art.byline = " ".join(bylines)
        art.subheads = texts.get("subhead", [])
        art.captions = texts.get("caption", [])
        art.credits = texts.get("credit", [])
        art.editor_note = "\n".join(filter(None, (BOX_LABEL.sub("", t) for t in texts.get("editor_note", []))))
        art.lead_summary = "\n".join(filter(None, (BOX_LABEL.sub("", t) for t in texts.get("lead_summary", []))))
        authors: list[Author] = []
        for byline in bylines:
            authors.extend(parse_authors(byline))
        for author in dateline_authors + authors + credit_authors:
            if author not in art.authors:
                art.authors.append(author)
        if scorer is not None:
            bodies = sorted(len(p.text) for p in pieces if p.kind == "body")
            width = float(bodies[len(bodies) // 2]) if bodies else 0.0
            art.paragraphs, _ = join_broken(
                pieces, respect_indent=layout == "epaper", scorer=scorer, width=width, min_piece=MIN_CUT_PIECE
            )
        else:
            art.paragraphs = [p.text for p in pieces if p.kind == "body"]
        return art


    def _reclaim_cut_pieces(self, group: list[tuple[RawLine, Verdict]], layout: str, scorer: BreakScorer) -> set[int]:
        """A short piece cut off a paragraph by a column break ("越不能丢掉马克思") reads like a
        caption or subhead on its own, or like the subtitle when the paragraph is the first
        under its headline; where the line-break model says the body line right
        after it carries it on (surely enough, see :func:`reclaim_threshold`), it is body again.
        Returns the indices of the lines taken back: each is joined to the body line after it."""
        reclaimed: set[int] = set()
        if any(v.continues for _, v in group):
            return reclaimed  # hard-wrapped: no column breaks between blank lines to repair
        bodies = sorted(len(line.text) for line, v in group if v.kind == "body")
        width = float(bodies[len(bodies) // 2]) if bodies else 0.0
        shorts: list[tuple[int, str]] | None = None  # the article's short heading-like lines, read once
        for k in range(len(group) - 1):
            (line, v), (after, w) = group[k], group[k + 1]
            if v.kind == "body" and w.kind in _CARRIED and not w.starts:
                if self._carried_on(group, k, layout, scorer, width):
                    w.kind = "body"  # and line k, cut, joins it
                    reclaimed.add(k)
                continue
            if v.kind not in _RECLAIMABLE or w.kind != "body" or v.starts or w.starts:
                continue
            stack = _heading_stack(group, k) if v.kind == "title" else []
            if v.kind == "title" and not stack:
                continue  # the article's only headline line
            text = line.text
            if _stands_as_it_reads(text, layout) or not is_open_ended(text):
                continue
            prev = group[k - 1][1].kind if k else ""
            following = [u.kind for _, u in group[k + 2 : k + 4]]
            if shorts is None:
                shorts = _short_heading_lines([g.text for g, _ in group], [u.kind for _, u in group])
            threshold = reclaim_threshold(
                text,
                prev_kind=prev,
                credit_follows="credit" in following,
                partners=_partners(text, shorts, k),
            )
            if v.kind == "title":  # a headline line: no discount for a dangling end
                threshold = max(threshold, RECLAIM_THRESHOLD)
            if after.text.lstrip()[:1] in NO_LINE_START:
                # the body line cannot start a paragraph ("，潜力巨大。…"): whatever the line
                # looks like, what it carries on is most likely this line
                threshold = min(threshold, LONE_THRESHOLD)
            if scorer.probability(text, after.text, width=width) >= threshold:
                v.kind = "body"
                reclaimed.add(k)
                # the headline read as its kicker ("广东醒狮 威猛提气" over "醒狮是一种地道的")
                # is the title again: the stack's kinds are read anew without the cut piece
                if stack:
                    for m, kind in zip(stack, _heading_kinds([group[m][0].text for m in stack])):
                        group[m][1].kind = kind
        return reclaimed

    @staticmethod
    def _carried_on(group: list[tuple[RawLine, Verdict]], k: int, layout: str, scorer: BreakScorer, width: float) -> bool:
        """Whether the line after body line ``k``, read as a caption or subhead, is the rest of
        ``k``'s paragraph that a column break cut off ("…随即成立处置村医" / "补助款问题工作领导小组，…"):
        ``k`` stops mid-sentence, the line is no numbered item, credit, photo caption (a credit
        follows) or marked heading, and the line-break model is as sure as it must be to take
        back a caption the other way round (:data:`RECLAIM_THRESHOLD`)."""
        text, after = group[k][0].text, group[k + 1][0].text.strip()
        if not is_open_ended(text) or _stands_as_it_reads(after, layout):
            return False
        if _ENUMERATED.match(after):  # "45.歌曲《难忘今宵》": the next item of a list
            return False
        if "credit" in [u.kind for _, u in group[k + 2 : k + 4]]:
            return False  # a photo's caption, its credit under it
        return scorer.probability(text, after, width=width) >= RECLAIM_THRESHOLD


def _stands_as_it_reads(text: str, layout: str) -> bool:
    """Whether a line is what it reads as, whatever the line-break model says: shorter than a
    printed column line (a name, a label), a marked heading, a byline, dateline or credit, or
    a photo caption by its words ("图为…", "…摄"). Such a line is never a piece of a paragraph
    cut off by a column break."""
    t = text.strip()
    return (
        len(t) < MIN_CUT_PIECE
        or (layout == "markdown" and bool(heading_level(t)))
        or bool(special_kind(t))
        or bool(_CAPTION_LIKE.match(t))
    )


#: What the line after a body line stopping mid-sentence may be read as, yet be its paragraph's rest.
_CARRIED = frozenset({"caption", "subhead"})


#: A column break falls at the end of a printed line, so the piece of a paragraph it cuts off
#: holds at least one column line: fewer characters than this (a name "王明远", a label
#: "钟、镈") is never such a piece (narrow columns set 8 to 12 characters a line).
MIN_CUT_PIECE = 6
#: A heading-like line taken back as body needs more evidence than a join of two body pieces:
#: most such lines are captions or subheads (dev pages, seed-like: at 0.5 cuts joined 0.950 and
#: wrong joins 2.3 %; at 0.65, 0.943 and 1.8 %; at 0.8, 0.932 and 1.6 %).
RECLAIM_THRESHOLD = 0.8
#: ... and a line that stops on a particle or preposition ("…都会把") less.
DANGLING_THRESHOLD = 0.3
_CAPTION_LIKE = re.compile(r"^(?:图为|图片|上图|下图|左图|右图)|(?:摄|供图)$")
#: Heading marks: a bullet, a dash, an item number ("3.", "三、", "（二）") or a space set
#: inside the line ("春节市场 人来人往", a name spaced out as "林 晓") are typesetting, not prose.
_HEADING_MARK = re.compile(
    r"^(?:[●■◆▲★☆◎○•—－-]|\d+(?:[.．](?!\d)|、)|[一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）)|\S[ \u3000\xa0]+\S"
)
#: Characters a heading or caption does not end on but a sentence cut mid-clause does:
#: particles, prepositions, conjunctions and the enumeration comma.
_DANGLING_END = OPEN_END | frozenset("了")


def reclaim_threshold(
    text: str, *, prev_kind: str = "", credit_follows: bool = False, partners: int | None = None
) -> float:
    """How sure the line-break model must be that the body line after ``text`` carries it on
    before a line read as a caption or subhead is taken back as the cut-off start of a paragraph.

    The join score is weighed against what the line itself says. Caption or heading evidence
    (a photo credit right after, a heading mark, a run of heading-like lines) asks for more;
    a line that stops on a particle or preposition ("…每个周末都会把", "…都集中在") is a sentence
    in progress and asks for less. A line of a set (``partners``: how many other lines of the
    article are set like it) asks for more, the more so with two partners or more than with
    one (two pieces cut off paragraphs may share a form by chance, three seldom do), and one
    alone for less; ``None`` when not known. (Asking less of
    a long clause after a comma, "来到村里以后，他们…分别", joined more cuts but also more true
    paragraph ends: dev pages, seed-like, +0.15 pt cuts joined for +0.11 pt wrong joins; dropped.)

    >>> reclaim_threshold("小镇的志愿者们每个周末都会把") < reclaim_threshold("春节市场") < reclaim_threshold("● 春节市场")
    True
    """
    t = text.strip()
    if credit_follows or (_HEADING_MARK.search(t) and not dateline_prefix(t)):
        return 0.95  # (a dateline sets spaces after 电: "本报青山1月5日电  （记者…")
    if partners:
        threshold = PAIR_THRESHOLD if partners == 1 else PARALLEL_THRESHOLD
    elif t[-1] in _DANGLING_END:
        threshold = DANGLING_THRESHOLD
    else:
        threshold = RECLAIM_THRESHOLD if partners is None else LONE_THRESHOLD
    if prev_kind == "caption":  # one of a block of short lines: a caption or a heading stack
        threshold = max(threshold, RECLAIM_THRESHOLD)
    return threshold


#: A heading-like line with a partner in its article (see :func:`_short_heading_lines`)
#: is most likely one of a set of subheads, even when it stops on 了 ("院子净了，笑声多了"): it is
#: taken back only when the model is all but sure. One without is likelier a piece cut off a
#: paragraph. (Dev pages, three seeds, judged per article, seed-like / unmarked, with the
#: line-break model of the time: one threshold of 0.8 for both gave cuts joined 0.941 / 0.932,
#: wrong joins 0.75 / 0.57 %; 0.99 / 0.6 gave 0.947 / 0.943, 0.62 / 0.48 %; 0.95 / 0.6 gave
#: 0.949 / 0.946, 0.69 / 0.53 %.) A line with one partner only asks for PAIR_THRESHOLD (with
#: the page-reading model, 0.95 there gives 0.9775 / 0.9770 cuts joined and 0.45 / 0.42 %
#: wrong joins, against 0.9770 / 0.9758 and 0.45 / 0.40 % at 0.99).
PARALLEL_THRESHOLD = 0.99
PAIR_THRESHOLD = 0.95
LONE_THRESHOLD = 0.6
#: Lines a subhead set is made of: short, and heading-like (no full stop).
_MAX_PARALLEL = 30


def _short_heading_lines(texts: list[str], kinds: Sequence[str] = ()) -> list[tuple[int, str]]:
    """The index and text of each short heading-like line of an article (the headline stack,
    bylines, datelines and credits aside; ``kinds``: the lines' kinds where known, else the
    headline is told by its mark): the lines a line of a set of subheads finds its partners
    among (see :func:`~newsnlp.segment.lines.same_form`: "院子净了，笑声多了" / "水管通了，心里亮了").
    Subheads come in sets of one form; the piece a column break cuts off a paragraph has a
    length and an end of chance."""
    shorts = []
    for m, raw in enumerate(texts):
        text = raw.strip()
        other = strip_heading(text)
        if (
            other and len(other) <= _MAX_PARALLEL and heading_like(other) and heading_level(text) != 1
            and not special_kind(other)  # a byline, a dateline, a credit: not a subhead
            and (m >= len(kinds) or kinds[m] not in _STACK)  # nor a kicker or subtitle
        ):
            shorts.append((m, other))
    return shorts


def _partners(text: str, shorts: list[tuple[int, str]], k: int) -> int:
    """How many lines among ``shorts`` (not line ``k``, which is ``text``) are set in the same
    form as ``text``."""
    return sum(1 for m, other in shorts if m != k and same_form(other, text))


_BOXES = frozenset({"lead_summary", "editor_note"})
#: Kinds a cut-off paragraph start is read as: alone among body lines a caption or subhead,
#: right under a headline its subtitle, or (with the headline taken for a kicker) its title.
_RECLAIMABLE = frozenset({"caption", "subhead", "subtitle", "title"})
_STACK = frozenset({"kicker", "title", "subtitle"})


def _heading_stack(group: list[tuple[RawLine, Verdict]], k: int) -> list[int]:
    """Indices of the headline-stack lines (kicker, title, subtitle) right before line ``k``."""
    m = k
    while m > 0 and group[m - 1][1].kind in _STACK:
        m -= 1
    return list(range(m, k))


def _box_goes_on(text: str) -> bool:
    """Whether a line of a 核心阅读 / 编者按 box stops mid-sentence (not a bare label)."""
    rest = BOX_LABEL.sub("", strip_heading(text)).strip()
    return bool(rest) and is_open_ended(rest)


def _rejoin_wrapped(group: list[tuple[RawLine, Verdict]]) -> list[tuple[RawLine, Verdict]]:
    """The article's lines with hard-wrapped continuations joined to the line they continue,
    so a dateline or byline cut by the wrap is read whole."""
    if not any(v.continues for _, v in group):
        return group
    runs: list[tuple[list[RawLine], Verdict]] = []
    for line, v in group:
        if v.continues and runs:
            runs[-1][0].append(line)
        else:
            runs.append(([line], v))
    return [(merge_group(lines), v) for lines, v in runs]


def _dateline_authors(dateline: str) -> list[Author]:
    """The people a dateline names: in brackets ("…电（记者王明远）"), or after it ("本报讯 记者王明远")."""
    match = _PAREN.search(dateline)
    if match:
        return parse_authors(match.group(1))
    agency = _AGENCY_END.search(dateline)
    return parse_authors(dateline[agency.end() :]) if agency else []


def _attach_boxes(verdicts: list[Verdict], texts: list[str], *, scorer: BreakScorer | None = None) -> None:
    """The body line after a lone 核心阅读 / 编者按 label is the box's text (a label with text
    on its own line, "【核心提示】…", holds the whole box). With a ``scorer``, a box text cut by a
    column break takes the body pieces that carry it on (where the line-break model says so)."""
    bodies = sorted(len(t) for t, v in zip(texts, verdicts) if v.kind == "body")
    width = float(bodies[len(bodies) // 2]) if bodies else 0.0
    for k in range(len(verdicts) - 1):
        kind = verdicts[k].kind
        if (
            kind in ("lead_summary", "editor_note")
            and verdicts[k + 1].kind == "body"
            and (k == 0 or verdicts[k - 1].kind != kind)
            and not BOX_LABEL.sub("", strip_heading(texts[k])).strip()
        ):
            verdicts[k + 1].kind = kind
            j = k + 1
            while (
                scorer is not None
                and j + 1 < len(verdicts)
                and verdicts[j + 1].kind == "body"
                and not verdicts[j + 1].starts
                and is_open_ended(texts[j])
                and scorer.joins(texts[j], texts[j + 1], width=width)
            ):
                j += 1
                verdicts[j].kind = kind


def _group(
    lines: list[RawLine], verdicts: list[Verdict], issue: Issue
) -> list[list[tuple[RawLine, Verdict]]]:
    """Cut the page at article starts; furniture and leading noise go to ``issue.unassigned``."""
    groups: list[list[tuple[RawLine, Verdict]]] = []
    first_start = next((k for k, v in enumerate(verdicts) if v.starts), len(lines))
    lead = range(first_start)
    headless = any(verdicts[k].kind == "body" for k in lead)
    current: list[tuple[RawLine, Verdict]] | None = None
    for k, (line, v) in enumerate(zip(lines, verdicts)):
        if v.kind == "furniture":
            issue.unassigned.append(Line(line.start, line.end, "furniture"))
            continue
        if v.starts or (k < first_start and headless and current is None):
            current = []
            groups.append(current)
        if current is None:
            issue.unassigned.append(Line(line.start, line.end, "furniture"))
            continue
        current.append((line, v))
    issue.unassigned.sort(key=lambda u: u.start)
    return groups


def segment_page(text: str, *, layout: str = "auto") -> Issue:
    """Split one page of text into articles: ``PageSplitter(layout=layout).split(text)``."""
    return PageSplitter(layout=layout).split(text)
