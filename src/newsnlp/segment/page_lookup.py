"""What a page prints elsewhere, read for the line-break model (:mod:`newsnlp.segment.breaks`).

The page a break is on is its own dictionary: the names and phrases of a story come back in
it, and the places where it prints a string show whether that string opens or closes clauses.
The lookups here read the page text as given (one search reads it about once); a long text is
read in stretches around each article (:func:`page_around`), so splitting stays linear in its
length.
"""

from __future__ import annotations

__all__ = ["ECHO_SIDE", "EDGE_GRAM", "MAX_EDGE_SEEN", "MAX_PAGE_CHARS", "PAGE_CONTEXT", "page_around", "page_edge_share", "seam_echo"]

#: :func:`page_edge_share` reads this many characters at the edge of a side ...
EDGE_GRAM = 3
#: ... and at most this many of their places on the page (of at most MAX_EDGE_PLACES read,
#: those at a line's edge included: one search reads the page once at most).
MAX_EDGE_SEEN = 20
MAX_EDGE_PLACES = 4 * MAX_EDGE_SEEN
_EDGE_MARKS = frozenset("，。！？；：、“”‘’（）《》,.;:!?()")


def page_edge_share(gram: str, page: str, *, before: bool) -> tuple[float, int]:
    """Where else ``page`` prints ``gram``: the share of its places that follow a punctuation
    mark (``before``; that precede one otherwise), smoothed to 0.5 where there are none, and
    how many places were read. Places at a line's start (end) are not counted: on a page with
    column breaks a line may start (end) anywhere, the break read now among them."""
    if len(gram) < 2 or not page:
        return 0.5, 0
    marked = seen = 0
    at = page.find(gram)
    for _ in range(MAX_EDGE_PLACES):
        if at < 0 or seen >= MAX_EDGE_SEEN:
            break
        k = at - 1 if before else at + len(gram)
        ch = page[k] if 0 <= k < len(page) else "\n"
        if ch != "\n":
            seen += 1
            marked += ch in _EDGE_MARKS
        at = page.find(gram, at + 1)
    return (marked + 0.5) / (seen + 1), seen


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
