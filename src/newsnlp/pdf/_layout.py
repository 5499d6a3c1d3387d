"""One page's printed lines -> articles, from geometry alone.

1. The body type size is the page's most common size; each line is headline type (≥1.6×),
   middle type (kickers, subtitles), body type or small type (captions, credits, folios).
2. Headline lines stacked on each other form a headline; middle-type lines right above it are its
   kicker, right below its subtitle; a framed line above it is its column label, a byline-like
   body line right under it its byline. A headline *reaches* right until the first thing printed
   beside it, so a short headline still covers every column of its article.
3. Body lines that follow each other down a column at the body's line spacing form blocks.
4. Photo boxes (filled rectangles), their captions (small lines under them) and credits (the
   small right-aligned line) and blocks belong to what sits right above them: a headline, a photo
   or a block (then the same article). Things under no headline are page furniture, unless
   they are body text (an article whose headline is on another page).
5. Within an article the blocks are read column by column, left to right, top to bottom, and a
   paragraph starts at a line indented from its column's left edge, so a paragraph that runs on
   into the next column stays one paragraph.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from newsnlp.pdf._extract import PageContent, PrintedLine, Rect
from newsnlp.segment.bylines import is_byline, is_credit

__all__ = ["PageArticle", "lay_out_page"]

_HEAD, _MID, _SMALL = 1.6, 1.12, 0.93


@dataclass
class PageArticle:
    """The lines of one article on one page in reading order: ``(line, kind, starts_paragraph)``."""

    page: int
    lines: list[tuple[PrintedLine, str, bool]] = field(default_factory=list)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        boxes = [line for line, _, _ in self.lines]
        return (
            round(min(b.x0 for b in boxes), 1),
            round(min(b.top for b in boxes), 1),
            round(max(b.x1 for b in boxes), 1),
            round(max(b.bottom for b in boxes), 1),
        )


@dataclass
class _Unit:
    """Something that belongs to one article: a headline stack, a photo or a body block."""

    kind: str  # "stack", "photo", "block"
    x0: float
    top: float
    x1: float
    bottom: float
    lines: list[int] = field(default_factory=list)
    reach: float = 0.0  # right edge this unit covers (a headline: up to what stands beside it)
    reach_left: float = 0.0
    left_of: tuple[float, _Unit | None] = (0.0, None)  # nearest thing printed left of a stack
    right_of: tuple[float, _Unit | None] = (0.0, None)
    owner: int | None = None  # index of the stack (article) it belongs to


def _body_size(lines: list[PrintedLine]) -> float:
    weights: Counter[float] = Counter()
    for line in lines:
        weights[round(line.size * 2) / 2] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 10.0


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return max(0.0, min(a1, b1) - max(a0, b0))


def _aligned(line: PrintedLine, other: PrintedLine | _Unit) -> bool:
    """Left edges or centres within a character of each other (left-set or centred headings)."""
    tol = max(line.size, 6.0)
    centre = (line.x0 + line.x1) / 2 - (other.x0 + other.x1) / 2
    return abs(line.x0 - other.x0) < tol or abs(centre) < tol


def _framed(line: PrintedLine, rects: list[Rect]) -> bool:
    return any(
        not r.filled and r.x0 - 1 <= line.x0 and line.x1 <= r.x1 + 1 and r.top - 1 <= line.top
        and line.bottom <= r.bottom + 1 and r.bottom - r.top < 4 * line.size
        for r in rects
    )


def _stacks(lines: list[PrintedLine], tiers: list[str], body: float, rects: list[Rect]) -> list[_Unit]:
    """Headline stacks: headline lines with the kicker above and the subtitle below."""
    used = [False] * len(lines)
    heads = sorted((k for k, t in enumerate(tiers) if t == "head"), key=lambda k: (lines[k].top, lines[k].x0))
    stacks: list[_Unit] = []
    for k in heads:
        if used[k]:
            continue
        line = lines[k]
        group = [k]
        used[k] = True
        for j in heads:
            last = lines[group[-1]]
            cand = lines[j]
            if used[j] or abs(cand.size - line.size) > 0.05 * line.size or not _aligned(cand, line):
                continue
            if 0 <= cand.top - last.bottom < 0.8 * line.size:
                group.append(j)
                used[j] = True
        top, bottom = lines[group[0]].top, lines[group[-1]].bottom
        x0 = min(lines[j].x0 for j in group)
        kinds = {j: "title" for j in group}

        title = _Unit("stack", x0, top, max(lines[j].x1 for j in group), bottom)

        def near(j: int, kind: str, title: _Unit = title) -> bool:
            """An unused line of this tier, left-aligned or centred with the headline."""
            return not used[j] and tiers[j] == kind and _aligned(lines[j], title)

        # kicker lines above, subtitle lines below (middle type, left-aligned with the headline)
        above = sorted((j for j in range(len(lines)) if near(j, "mid") and lines[j].bottom <= top + 1), key=lambda j: -lines[j].bottom)
        for j in above:
            if top - lines[j].bottom < 1.2 * lines[j].size:
                kinds[j], used[j], top = "kicker", True, lines[j].top
        below = sorted((j for j in range(len(lines)) if near(j, "mid") and lines[j].top >= bottom - 1), key=lambda j: lines[j].top)
        for j in below:
            if lines[j].top - bottom < 1.2 * lines[j].size:
                kinds[j], used[j], bottom = "subtitle", True, lines[j].bottom
        members = sorted(kinds, key=lambda j: (lines[j].top, lines[j].x0))
        unit = _Unit("stack", min(lines[j].x0 for j in members), top, max(lines[j].x1 for j in members), bottom, members)
        unit.owner = len(stacks)
        stacks.append(unit)
        for j, kind in kinds.items():
            tiers[j] = kind
    return stacks


def _neighbours(stack: _Unit, page: PageContent, owner_of: dict[int, _Unit]) -> None:
    """The nearest things printed left and right of a headline stack, at its height."""

    def beside(top: float, bottom: float) -> bool:
        return _overlap(top, bottom, stack.top, stack.bottom) > 0

    right: tuple[float, _Unit | None] = (page.width, None)
    left: tuple[float, _Unit | None] = (0.0, None)
    for k, line in enumerate(page.lines):
        other = owner_of.get(k)
        if other is stack or not beside(line.top, line.bottom):
            continue
        if line.x0 >= stack.x1 - 1 and line.x0 < right[0]:
            right = (line.x0, other)
        elif line.x1 <= stack.x0 + 1 and line.x1 > left[0]:
            left = (line.x1, other)
    for r in page.rects:
        if beside(r.top, r.bottom) and r.x0 >= stack.x1 - 1 and r.x0 < right[0]:
            right = (r.x0, None)
        elif beside(r.top, r.bottom) and r.x1 <= stack.x0 + 1 and r.x1 > left[0]:
            left = (r.x1, None)
    stack.left_of, stack.right_of = left, right


def _flush(stack: _Unit, edges: list[float]) -> bool:
    """A headline set flush left: it starts at a column edge, and no column left of it stands
    empty up to the margin or to body text (an empty stretch up to another headline is that
    headline's, set flush left and shorter than its article)."""
    if not edges:
        return True
    if not any(abs(stack.x0 - e) < 2 for e in edges):
        return False
    edge, neighbour = stack.left_of
    return neighbour is not None or not any(edge - 1 <= e < stack.x0 - 2 for e in edges)


def _reach(stack: _Unit, edges: list[float]) -> None:
    """How far left and right a headline's article reaches (``reach_left`` .. ``reach``).

    A headline set flush left starts its article and reaches right up to the first thing
    printed beside it. A centred one reaches left to the first column edge after whatever is
    printed left of it (the margin when nothing is). Where two headlines share an empty stretch and the right one is
    centred, they split it at the column edge nearest its middle.
    """

    def split(a: float, b: float) -> float:
        inside = [e for e in edges if a <= e <= b]
        middle = (a + b) / 2
        return min(inside, key=lambda e: abs(e - middle)) if inside else middle

    edge, neighbour = stack.right_of
    stack.reach = (split(stack.x1, edge) if neighbour is not None and not _flush(neighbour, edges) else edge) - 1
    if _flush(stack, edges):
        stack.reach_left = stack.x0
        return
    edge, neighbour = stack.left_of
    if neighbour is not None:
        stack.reach_left = split(edge, stack.x0)
    elif edge <= 0:
        stack.reach_left = 0.0  # nothing printed left of it: its article starts at the margin
    else:
        stack.reach_left = min(min((e for e in edges if e >= edge - 1), default=edge), stack.x0)


def _attach(stack: _Unit, lines: list[PrintedLine], tiers: list[str], used: set[int], body: float, edges: list[float]) -> None:
    """The framed column label right above a stack and the byline right under it (a byline
    is not indented: an indented line is a paragraph's first, "源流" is no bare name there)."""
    def inside(line: PrintedLine) -> bool:
        return stack.reach_left - 1 <= line.x0 and line.x1 <= stack.reach + 1

    def indented(line: PrintedLine) -> bool:
        return any(0 < line.x0 - e < 2.5 * line.size and line.x0 - e > 1.2 * line.size for e in edges)

    labels = [k for k, line in enumerate(lines) if tiers[k] == "label" and k not in used and inside(line)
              and 0 <= stack.top - line.bottom < 3 * line.size]
    for k in labels[:1]:
        tiers[k] = "column"
        stack.lines.insert(0, k)
        stack.top = lines[k].top
        used.add(k)
    under = sorted((k for k, line in enumerate(lines) if tiers[k] == "body" and k not in used and inside(line)
                    and 0 <= line.top - stack.bottom < 1.6 * body), key=lambda k: lines[k].top)
    for k in under[:1]:
        if not indented(lines[k]) and is_byline(lines[k].text, allow_bare=True):
            tiers[k] = "byline"
            stack.lines.append(k)
            stack.bottom = lines[k].bottom
            used.add(k)


def _blocks(lines: list[PrintedLine], body_idx: list[int], body: float) -> list[_Unit]:
    """Body lines that follow each other down a column at the body's line spacing."""
    blocks: list[_Unit] = []
    open_blocks: list[_Unit] = []
    for k in sorted(body_idx, key=lambda k: (lines[k].top, lines[k].x0)):
        line = lines[k]
        open_blocks = [b for b in open_blocks if line.top - b.bottom < 1.0 * body]
        home = None
        for b in open_blocks:
            # against the block's whole width, and half the narrower of the two: neither a
            # paragraph's short last line ("级。") nor a one-line paragraph on top cuts the column
            narrower = min(line.x1 - line.x0, b.x1 - b.x0)
            if line.top > lines[b.lines[-1]].top and _overlap(line.x0, line.x1, b.x0, b.x1) > 0.5 * narrower:
                home = b
                break
        if home is None:
            home = _Unit("block", line.x0, line.top, line.x1, line.bottom)
            blocks.append(home)
            open_blocks.append(home)
        home.lines.append(k)
        home.x0, home.x1, home.bottom = min(home.x0, line.x0), max(home.x1, line.x1), line.bottom
        home.reach = home.x1
    return blocks


def _photos(lines: list[PrintedLine], tiers: list[str], rects: list[Rect]) -> list[_Unit]:
    """Photo boxes with the small lines under them: caption lines, then a right-aligned credit."""
    photos: list[_Unit] = []
    for r in rects:
        if not r.filled or r.x1 - r.x0 < 20 or r.bottom - r.top < 20:
            continue
        unit = _Unit("photo", r.x0, r.top, r.x1, r.bottom, reach=r.x1)
        bottom = r.bottom
        for k in sorted(range(len(lines)), key=lambda k: lines[k].top):
            line = lines[k]
            if tiers[k] != "small" or line.x0 < r.x0 - 1 or line.x1 > r.x1 + 1:
                continue
            if 0 <= line.top - bottom < 1.2 * line.size:
                right = abs(line.x1 - r.x1) < 3 and line.x0 > r.x0 + 2 * line.size
                tiers[k] = "credit" if right or is_credit(line.text) else "caption"
                unit.lines.append(k)
                bottom = line.bottom
        unit.bottom = bottom
        photos.append(unit)
    return photos


def _column_lefts(lines: list[PrintedLine], body_idx: list[int]) -> list[float]:
    """Frequent body line starts: column edges and paragraph indents."""
    counts = Counter(round(lines[k].x0) for k in body_idx)
    return sorted(x for x, n in counts.items() if n >= 3)


def _column_edges(lefts: list[float], body: float) -> list[float]:
    """The column edges among frequent line starts (not the indents a little right of one)."""
    return [x for x in lefts if not any(0 < x - y < 2.5 * body for y in lefts)]


def lay_out_page(page: PageContent) -> tuple[list[PageArticle], list[PrintedLine]]:
    """The page's articles (lines in reading order, with kinds) and its furniture lines."""
    lines = page.lines
    if not lines:
        return [], []
    body = _body_size(lines)
    tiers: list[str] = []
    for line in lines:
        ratio = line.size / body
        if _framed(line, page.rects):
            tiers.append("label")
        elif ratio >= _HEAD:
            tiers.append("head")
        elif ratio >= _MID:
            tiers.append("mid")
        elif ratio <= _SMALL:
            tiers.append("small")
        else:
            tiers.append("body")
    stacks = _stacks(lines, tiers, body, page.rects)
    body_idx = [k for k, t in enumerate(tiers) if t == "body"]
    lefts = _column_lefts(lines, body_idx)
    edges = _column_edges(lefts, body)
    used = {k for stack in stacks for k in stack.lines}
    owner_of = {k: stack for stack in stacks for k in stack.lines}
    for stack in stacks:
        _neighbours(stack, page, owner_of)
    for stack in stacks:
        _reach(stack, edges)
    for stack in stacks:
        _attach(stack, lines, tiers, used, body, edges)
    photos = _photos(lines, tiers, page.rects)
    # middle type that is no kicker or subtitle: a subhead among the body lines
    tiers = ["subhead" if t == "mid" else t for t in tiers]
    body_idx = [k for k, t in enumerate(tiers) if t in ("body", "subhead")]
    blocks = _blocks(lines, body_idx, body)
    # Each photo and block belongs to what sits right above it (top to bottom, so what is above
    # is settled first).
    placed: list[_Unit] = list(stacks)
    for unit in sorted(photos + blocks, key=lambda u: (u.top, u.x0)):
        best: _Unit | None = None
        width = unit.x1 - unit.x0
        for other in placed:
            if other.bottom > unit.top + 2:
                continue
            left = min(other.reach_left, other.x0) if other.kind == "stack" else other.x0
            if _overlap(unit.x0, unit.x1, left, max(other.reach, other.x1)) < 0.5 * width:
                continue
            if best is None or other.bottom > best.bottom:
                best = other
        unit.owner = best.owner if best is not None else None
        placed.append(unit)
    articles = [PageArticle(page.number) for _ in stacks]
    headless = PageArticle(page.number)
    owned: set[int] = set()
    for s, stack in enumerate(stacks):
        for k in stack.lines:
            articles[s].lines.append((lines[k], tiers[k], False))
            owned.add(k)
    for photo in sorted(photos, key=lambda u: (u.top, u.x0)):
        if photo.owner is None:
            continue
        for k in photo.lines:
            articles[photo.owner].lines.append((lines[k], tiers[k], False))
            owned.add(k)
    def column_left(block: _Unit) -> float:
        # the leftmost frequent line start within an indent of the block: its column's edge
        return min((x for x in lefts if x <= block.x0 + 1 and block.x0 - x < 2.5 * body), default=block.x0)

    first_head = min((st.top for st in stacks), default=page.height)
    for block in sorted(blocks, key=lambda u: (round(column_left(u) / body), u.top)):
        if block.owner is None and len(block.lines) <= 2 and block.bottom <= first_head:
            continue  # a running head above every headline ("新闻日报 第3版"): furniture
        target = articles[block.owner] if block.owner is not None else headless
        left = column_left(block)
        for k in block.lines:
            line = lines[k]
            starts = line.x0 - left > 1.2 * line.size
            target.lines.append((line, "subhead" if tiers[k] == "subhead" else "body", starts))
            owned.add(k)
    furniture = [line for k, line in enumerate(lines) if k not in owned]
    result = [a for a in articles if a.lines]
    if headless.lines:
        result.insert(0, headless)
    return result, furniture
