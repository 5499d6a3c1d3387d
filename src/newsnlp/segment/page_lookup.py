"""What a page prints elsewhere, read for the line-break model (:mod:`newsnlp.segment.breaks`).

The page a break is on is its own dictionary: the names and phrases of a story come back in
it, and the places where it prints a string show whether that string opens or closes clauses.
The lookups here read the page text as given (one search reads it about once); a long text is
read in stretches around each article (:func:`page_around`), so splitting stays linear in its
length.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = [
    "ECHO_RUN", "ECHO_SIDE", "EDGE_GRAM", "MAX_EDGE_SEEN", "MAX_PAGE_CHARS", "PAGE_CONTEXT", "PageEdge",
    "page_around", "page_edge", "seam_echo",
]

#: :func:`page_edge` reads this many characters at the edge of a side ...
EDGE_GRAM = 3
#: ... and at most this many of their places on the page (of at most MAX_EDGE_PLACES read,
#: those at a line's edge included: one search reads the page once at most).
MAX_EDGE_SEEN = 20
MAX_EDGE_PLACES = 4 * MAX_EDGE_SEEN
#: ... and follows a side that far along the page where it is next to a mark.
ECHO_RUN = 12
_EDGE_MARKS = frozenset("，。！？；：、“”‘’（）《》,.;:!?()")


class PageEdge(NamedTuple):
    """How ``page`` prints a break's side elsewhere (see :func:`page_edge`)."""

    share: float  #: of its places, the share next to a punctuation mark (0.5 where none)
    seen: int  #: how many places were read
    run: int  #: the most characters of the side printed next to a mark (0, or EDGE_GRAM to ECHO_RUN)


def page_edge(side: str, page: str, *, before: bool) -> PageEdge:
    """Where else ``page`` prints the edge of a break's side: the first :data:`EDGE_GRAM`
    characters of the right side (``before``: read for a mark before them) or the last ones of
    the left side (read for a mark after them).

    ``share`` is the share of those places next to a mark, smoothed to 0.5 where there are
    none: a paragraph's first words open clauses elsewhere on the page too, the words after a
    cut run on. ``run`` is how far the side goes on matching the page at such a place, up to
    :data:`ECHO_RUN` characters: a subhead or a summary line restates the story's own words, a
    whole phrase that the page prints before a mark, where the piece a column break cut off
    ends on a word that may close a clause elsewhere but seldom on a longer stretch. Places at
    a line's start (end) are not read: on a page with column breaks a line may start (end)
    anywhere, the break read now among them."""
    gram = side[:EDGE_GRAM] if before else side[-EDGE_GRAM:]
    if len(gram) < EDGE_GRAM or not page:
        return PageEdge(0.5, 0, 0)
    longest = min(ECHO_RUN, len(side))
    marked = seen = run = 0
    at = page.find(gram)
    for _ in range(MAX_EDGE_PLACES):
        if at < 0 or seen >= MAX_EDGE_SEEN:
            break
        k = at - 1 if before else at + EDGE_GRAM
        ch = page[k] if 0 <= k < len(page) else "\n"
        if ch != "\n":
            seen += 1
            if ch in _EDGE_MARKS:
                marked += 1
                run = max(run, _run(side, page, at, before=before, longest=longest))
        at = page.find(gram, at + 1)
    return PageEdge((marked + 0.5) / (seen + 1), seen, run)


def _run(side: str, page: str, at: int, *, before: bool, longest: int) -> int:
    """How many characters of ``side`` match ``page`` from its edge gram at ``at`` on (into the
    side: forwards for a right side, backwards for a left one)."""
    n = EDGE_GRAM
    if before:
        while n < longest and at + n < len(page) and page[at + n] == side[n]:
            n += 1
    else:
        while n < longest and at + EDGE_GRAM - n - 1 >= 0 and page[at + EDGE_GRAM - n - 1] == side[-n - 1]:
            n += 1
    return n


#: The longest page text :meth:`~newsnlp.segment.breaks.BreakScorer.for_page` reads; a newspaper
#: page has some 6,000 characters.
MAX_PAGE_CHARS = 40_000
#: How much text on each side of an article stands for its page in a long text.
PAGE_CONTEXT = 5_000


def page_around(text: str, start: int, end: int) -> str:
    """The stretch of ``text`` that stands for the page of the article at ``start:end``: all
    of it when it is short enough to read (:data:`MAX_PAGE_CHARS`), else the article with
    :data:`PAGE_CONTEXT` characters on each side."""
    if len(text) <= MAX_PAGE_CHARS:
        return text
    return text[max(0, start - PAGE_CONTEXT) : end + PAGE_CONTEXT]


#: :func:`seam_echo` reads up to this many characters on each side of a break.
ECHO_SIDE = 4


def seam_echo(left: str, right: str, page: str) -> int:
    """The length of the longest string ``left[-a:] + right[:b]`` (``a``, ``b`` from 1 to 4)
    that ``page`` holds: what joining the two sides would put together, printed elsewhere on
    the page. 0 when even the two characters around the break never follow each other there.

    A longer string holds the shorter ones, so the search climbs a staircase: for each ``a``
    it goes on from the longest ``b`` found for ``a - 1`` (at most eight lookups)."""
    left, right = left.rstrip(), right.lstrip()
    if not left or not right or not page:
        return 0
    best = 0
    b = 1
    for a in range(1, min(ECHO_SIDE, len(left)) + 1):
        tail = left[-a:]
        if tail + right[:b] not in page:
            break  # nor any longer tail: each holds this one
        while b < min(ECHO_SIDE, len(right)) and tail + right[: b + 1] in page:
            b += 1
        best = a + b
    return best
