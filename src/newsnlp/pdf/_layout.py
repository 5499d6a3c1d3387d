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
    owner: int | None = None  # index of the stack (article) it belongs to


def _body_size(lines: list[PrintedLine]) -> float:
    weights: Counter[float] = Counter()
    for line in lines:
        weights[round(line.size * 2) / 2] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 10.0


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return max(0.0, min(a1, b1) - max(a0, b0))


def _framed(line: PrintedLine, rects: list[Rect]) -> bool:
    return any(
        not r.filled and r.x0 - 1 <= line.x0 and line.x1 <= r.x1 + 1 and r.top - 1 <= line.top
        and line.bottom <= r.bottom + 1 and r.bottom - r.top < 4 * line.size
        for r in rects
    )


def _stacks(lines: list[PrintedLine], tiers: list[str], body: float, rects: list[Rect]) -> list[_Unit]:
    """Headline stacks with kicker, subtitle, column label and byline attached."""
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
            if used[j] or abs(cand.size - line.size) > 0.05 * line.size or abs(cand.x0 - line.x0) > line.size:
                continue
            if 0 <= cand.top - last.bottom < 0.8 * line.size:
                group.append(j)
                used[j] = True
        top, bottom = lines[group[0]].top, lines[group[-1]].bottom
        x0 = min(lines[j].x0 for j in group)
        kinds = {j: "title" for j in group}

        def near(j: int, kind: str, x0: float = x0) -> bool:
            """An unused line of this tier, left-aligned with the headline."""
            other = lines[j]
            return not used[j] and tiers[j] == kind and abs(other.x0 - x0) < max(other.size, 6.0)

        # kicker lines above, subtitle lines below (middle type, left-aligned with the headline)
        above = sorted((j for j in range(len(lines)) if near(j, "mid") and lines[j].bottom <= top + 1), key=lambda j: -lines[j].bottom)
        for j in above:
            if top - lines[j].bottom < 1.2 * lines[j].size:
                kinds[j], used[j], top = "kicker", True, lines[j].top
        below = sorted((j for j in range(len(lines)) if near(j, "mid") and lines[j].top >= bottom - 1), key=lambda j: lines[j].top)
        for j in below:
            if lines[j].top - bottom < 1.2 * lines[j].size:
                kinds[j], used[j], bottom = "subtitle", True, lines[j].bottom
        labels = [j for j in range(len(lines)) if near(j, "label") and 0 <= top - lines[j].bottom < 3 * lines[j].size]
        for j in labels[:1]:
            kinds[j], used[j], top = "column", True, lines[j].top
        under = [j for j in range(len(lines)) if near(j, "body") and 0 <= lines[j].top - bottom < 1.6 * body]
        for j in under[:1]:
            if is_byline(lines[j].text, allow_bare=True):
                kinds[j], used[j], bottom = "byline", True, lines[j].bottom
        members = sorted(kinds, key=lambda j: (lines[j].top, lines[j].x0))
        unit = _Unit("stack", min(lines[j].x0 for j in members), top, max(lines[j].x1 for j in members), bottom, members)
        unit.owner = len(stacks)
        stacks.append(unit)
        for j, kind in kinds.items():
            tiers[j] = kind
    return stacks


def _reach(stack: _Unit, lines: list[PrintedLine], members: set[int], rects: list[Rect], width: float) -> float:
    """How far right a headline's article reaches: up to the first thing printed beside it."""
    edge = width
    for k, line in enumerate(lines):
        if k not in members and line.x0 >= stack.x1 - 1 and _overlap(line.top, line.bottom, stack.top, stack.bottom) > 0:
            edge = min(edge, line.x0 - 1)
    for r in rects:
        if r.x0 >= stack.x1 - 1 and _overlap(r.top, r.bottom, stack.top, stack.bottom) > 0:
            edge = min(edge, r.x0 - 1)
    return edge


def _blocks(lines: list[PrintedLine], body_idx: list[int], body: float) -> list[_Unit]:
    """Body lines that follow each other down a column at the body's line spacing."""
    blocks: list[_Unit] = []
    open_blocks: list[_Unit] = []
    for k in sorted(body_idx, key=lambda k: (lines[k].top, lines[k].x0)):
        line = lines[k]
        open_blocks = [b for b in open_blocks if line.top - b.bottom < 1.0 * body]
        home = None
        for b in open_blocks:
            # against the block's whole width: a paragraph's short last line ("级。") must not
            # cut the column
            if line.top > lines[b.lines[-1]].top and _overlap(line.x0, line.x1, b.x0, b.x1) > 0.5 * (line.x1 - line.x0):
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
    counts = Counter(round(lines[k].x0) for k in body_idx)
    return sorted(x for x, n in counts.items() if n >= 3)


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
    for stack in stacks:
        stack.reach = _reach(stack, lines, set(stack.lines), page.rects, page.width)
    photos = _photos(lines, tiers, page.rects)
    body_idx = [k for k, t in enumerate(tiers) if t == "body"]
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
            if _overlap(unit.x0, unit.x1, other.x0, max(other.reach, other.x1)) < 0.5 * width:
                continue
            if best is None or other.bottom > best.bottom:
                best = other
        unit.owner = best.owner if best is not None else None
        placed.append(unit)
    lefts = _column_lefts(lines, body_idx)
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
            target.lines.append((line, "body", starts))
            owned.add(k)
    furniture = [line for k, line in enumerate(lines) if k not in owned]
    result = [a for a in articles if a.lines]
    if headless.lines:
        result.insert(0, headless)
    return result, furniture
