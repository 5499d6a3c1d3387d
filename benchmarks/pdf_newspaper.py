"""Lay stories out as newspaper PDF pages (reportlab), with the gold answer for every article.

Used by ``benchmarks/pdf_eval.py`` (dev pages from ../shared, written to a temporary folder and
never committed) and by the tests (text written for this project). Styles:

``cols2`` / ``cols4`` / ``cols6``
    2, 4 or 6 columns; each article a rectangular module whose headline runs across all of its
    columns, body flowed top to bottom, left to right; modules side by side in rows.
``wrap5``
    5 columns; articles wrap around each other: article A's headline runs across 3 columns, its
    body fills the first column to the bottom of the pair and only the top of the other two,
    under which article B sits (an L-shaped article around a rectangular one).
``center5``
    5 columns, kicker, headline and subtitle centred over their article (so the headline's
    left edge is not its article's);
``cols4_cid``
    as ``cols4`` but set in the non-embedded CID font STSong-Light (the reader must map the CIDs).

Every style prints kickers and subtitles (when the story has them) in a middle type size,
column labels in a stroked box, bylines under the headline, grey photo boxes with the caption and
the credit (right-aligned) under them. The embedded font is WenQuanYi Zen Hei (Debian package
``fonts-wqy-zenhei``), embedded as a subset.

Needs ``reportlab`` (``pip install reportlab``).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "STYLES",
    "Story",
    "find_cjk_font",
    "make_damaged_pdf",
    "make_encrypted_pdf",
    "make_long_pdf",
    "make_scan_pdf",
    "make_unmapped_pdf",
    "render_pages",
    "stories_from_dev_page",
]

FONT_PATHS = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
)


@dataclass
class Story:
    """One article as the generator prints it (and as the reader should give it back)."""

    title: str
    paragraphs: list[str]
    kicker: str = ""
    subtitle: str = ""
    column: str = ""
    byline: str = ""
    caption: str = ""
    credit: str = ""
    subheads: list[tuple[int, str]] = field(default_factory=list)  # (paragraph index, subhead) printed before it


@dataclass(frozen=True)
class Style:
    columns: int
    rows: tuple[tuple[int, ...], ...]  # column spans of the modules of each row, cycled
    wrap: bool = False
    font: str = "embedded"  # or "cid"
    body_size: float = 9.0
    center: bool = False  # kicker, headline and subtitle centred over the article


STYLES: dict[str, Style] = {
    "cols2": Style(columns=2, rows=((2,), (1, 1))),
    "cols4": Style(columns=4, rows=((4,), (2, 2), (3, 1), (1, 3))),
    "cols6": Style(columns=6, rows=((6,), (3, 3), (2, 2, 2), (4, 2)), body_size=8.5),
    "wrap5": Style(columns=5, rows=((3, 2),), wrap=True),
    "center5": Style(columns=5, rows=((5,), (3, 2), (2, 3), (2, 2, 1)), center=True),
    "cols4_cid": Style(columns=4, rows=((4,), (2, 2), (1, 3)), font="cid"),
}

PAGE_W = 842.0  # A3 width in points
MIN_PAGE_H = 1191.0
MARGIN = 40.0
GUTTER = 12.0
GAP = 18.0  # between modules
GREY = 0.82
SUBHEAD = 1.2  # subhead type size, times the body's


def find_cjk_font() -> str | None:
    """Path of the WenQuanYi Zen Hei collection when the machine has it."""
    for path in FONT_PATHS:
        if Path(path).exists():
            return path
    return None


@dataclass
class _Ops:
    """Drawing operations in top-down page coordinates, and the gold answer."""

    ops: list[tuple[Any, ...]] = field(default_factory=list)
    bottom: float = 0.0

    def text(self, x: float, top: float, size: float, string: str, font: str) -> None:
        self.ops.append(("text", x, top, size, string, font))
        self.bottom = max(self.bottom, top + size * 1.2)

    def rect(self, x: float, top: float, w: float, h: float, *, fill: bool) -> None:
        self.ops.append(("rect", x, top, w, h, fill))
        self.bottom = max(self.bottom, top + h)


class _Fonts:
    def __init__(self, kind: str) -> None:
        from reportlab.pdfbase import pdfmetrics

        self.pdfmetrics = pdfmetrics
        if kind == "cid":
            from reportlab.pdfbase.cidfonts import UnicodeCIDFont

            pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
            self.name = "STSong-Light"
        else:
            from reportlab.pdfbase.ttfonts import TTFont

            path = find_cjk_font()
            if path is None:
                raise FileNotFoundError("no CJK font: apt-get install -y fonts-wqy-zenhei")
            pdfmetrics.registerFont(TTFont("WQYZenHei", path, subfontIndex=0))
            self.name = "WQYZenHei"

    def width(self, text: str, size: float) -> float:
        return self.pdfmetrics.stringWidth(text, self.name, size)

    def wrap(self, text: str, size: float, width: float, *, indent: float = 0.0) -> list[str]:
        """Break ``text`` into lines no wider than ``width`` (CJK: any character may start a line)."""
        lines: list[str] = []
        current = ""
        avail = width - indent
        for ch in text:
            if current and self.width(current + ch, size) > avail:
                lines.append(current)
                current = ch
                avail = width
            else:
                current += ch
        if current:
            lines.append(current)
        return lines


def _clean(text: str) -> str:
    return " ".join(text.replace("\u3000", " ").replace("\xa0", " ").split())


def _title_size(span: int, columns: int) -> float:
    return 16.0 if span == 1 else 20.0 if span * 2 <= columns else 24.0


def _heading(story: Story, fonts: _Fonts, ops: _Ops, x: float, top: float, width: float, span: int, style: Style) -> float:
    """Label box, kicker, title, subtitle, byline, photo with caption and credit; returns the y below."""
    y = top
    body = style.body_size

    def at(line: str, size: float) -> float:
        return x + (width - fonts.width(line, size)) / 2 if style.center else x

    if story.column:
        size = body + 1
        w = fonts.width(story.column, size) + 8
        ops.rect(x, y, w, size + 8, fill=False)
        ops.text(x + 4, y + 4, size, story.column, fonts.name)
        y += size + 14
    if story.kicker:
        for line in fonts.wrap(story.kicker, 13, width):
            ops.text(at(line, 13), y, 13, line, fonts.name)
            y += 13 * 1.35
        y += 2
    size = _title_size(span, style.columns)
    for line in fonts.wrap(story.title, size, width):
        ops.text(at(line, size), y, size, line, fonts.name)
        y += size * 1.25
    y += 3
    if story.subtitle:
        for line in fonts.wrap(story.subtitle, 12, width):
            ops.text(at(line, 12), y, 12, line, fonts.name)
            y += 12 * 1.35
        y += 2
    if story.byline:
        ops.text(x, y, body, story.byline, fonts.name)
        y += body * 1.5
    y += 4
    if story.caption:
        photo_h = min(0.45 * width, 150.0)
        ops.rect(x, y, width, photo_h, fill=True)
        y += photo_h + 4
        for line in fonts.wrap(story.caption, body - 1.5, width):
            ops.text(x, y, body - 1.5, line, fonts.name)
            y += (body - 1.5) * 1.4
        if story.credit:
            csize = body - 2
            ops.text(x + width - fonts.width(story.credit, csize), y, csize, story.credit, fonts.name)
            y += csize * 1.4
        y += 8
    return y


def _body_lines(story: Story, fonts: _Fonts, size: float, col_w: float) -> list[tuple[str, str]]:
    """``(line, role)`` for the body: role "first" (a paragraph's first line, indented by two
    characters), "rest", or "subhead" (a subhead in slightly larger type, flush left)."""
    out: list[tuple[str, str]] = []
    subheads: dict[int, list[str]] = {}
    for index, text in story.subheads:
        subheads.setdefault(index, []).append(text)
    for k, para in enumerate(story.paragraphs):
        for subhead in subheads.get(k, []):
            out.extend((line, "subhead") for line in fonts.wrap(subhead, size * SUBHEAD, col_w))
        for j, line in enumerate(fonts.wrap(para, size, col_w, indent=2 * size)):
            out.append((line, "first" if j == 0 else "rest"))
    return out


def _set_lines(ops: _Ops, fonts: _Fonts, lines: list[tuple[str, str]], x: float, top: float, size: float) -> float:
    y = top
    for line, role in lines:
        if role == "subhead":
            ops.text(x, y, size * SUBHEAD, line, fonts.name)
        else:
            ops.text(x + (2 * size if role == "first" else 0.0), y, size, line, fonts.name)
        y += size * 1.5
    return y


def _module(story: Story, fonts: _Fonts, ops: _Ops, x: float, top: float, span: int, col_w: float, style: Style) -> float:
    """A rectangular article: heading across ``span`` columns, body balanced over them."""
    width = span * col_w + (span - 1) * GUTTER
    y = _heading(story, fonts, ops, x, top, width, span, style)
    lines = _body_lines(story, fonts, style.body_size, col_w)
    per_col = -(-len(lines) // span) if lines else 0
    bottom = y
    for c in range(span):
        chunk = lines[c * per_col : (c + 1) * per_col]
        bottom = max(bottom, _set_lines(ops, fonts, chunk, x + c * (col_w + GUTTER), y, style.body_size))
    return bottom


def _wrapped_pair(a: Story, b: Story, fonts: _Fonts, ops: _Ops, top: float, col_w: float, style: Style, span: int) -> float:
    """Article ``a`` in an L around article ``b``: a's first column runs down beside b."""
    x = MARGIN
    width = span * col_w + (span - 1) * GUTTER
    head = _Ops()
    y = _heading(a, fonts, head, x, top, width, span, style)
    lines = _body_lines(a, fonts, style.body_size, col_w)
    lead = style.body_size * 1.5
    # b under a's columns 2..span: measure it on a scratch canvas first.
    scratch = _Ops()
    b_height = _module(b, fonts, scratch, 0.0, 0.0, span - 1, col_w, style) + GAP
    b_lines = int(b_height / lead) + 1
    top_lines = (len(lines) - b_lines) // span
    if top_lines < 3:  # too short to wrap: two plain modules
        bottom = _module(a, fonts, ops, x, top, span, col_w, style)
        return _module(b, fonts, ops, x, bottom + GAP, span, col_w, style)
    ops.ops.extend(head.ops)
    first_col = len(lines) - top_lines * (span - 1)
    bottom = _set_lines(ops, fonts, lines[:first_col], x, y, style.body_size)
    for c in range(1, span):
        chunk = lines[first_col + (c - 1) * top_lines : first_col + c * top_lines]
        _set_lines(ops, fonts, chunk, x + c * (col_w + GUTTER), y, style.body_size)
    b_top = y + top_lines * lead + GAP
    b_bottom = _module(b, fonts, ops, x + col_w + GUTTER, b_top, span - 1, col_w, style)
    return max(bottom, b_bottom)


def _layout_page(stories: list[Story], fonts: _Fonts, style: Style) -> tuple[_Ops, list[Story]]:
    """Place the stories in rows; returns the operations and the stories in placement order."""
    col_w = (PAGE_W - 2 * MARGIN - (style.columns - 1) * GUTTER) / style.columns
    ops = _Ops(bottom=MARGIN)
    ops.text(MARGIN, 16.0, 8.0, "新闻日报 第3版 要闻", fonts.name)  # page header (furniture)
    y = MARGIN
    placed: list[Story] = []
    queue = list(stories)
    for row in itertools.cycle(style.rows):
        if not queue:
            break
        if style.wrap and len(queue) >= 2:
            a, b = queue.pop(0), queue.pop(0)
            placed += [a, b]
            bottom = _wrapped_pair(a, b, fonts, ops, y, col_w, style, row[0])
            if queue and len(row) > 1:  # the columns right of the pair take one plain module
                story = queue.pop(0)
                placed.append(story)
                x = MARGIN + row[0] * (col_w + GUTTER)
                bottom = max(bottom, _module(story, fonts, ops, x, y, row[1], col_w, style))
            y = bottom + GAP
            continue
        x = MARGIN
        bottom = y
        taken = [queue.pop(0) for _ in row if queue]
        # the longest story of the row gets its widest module
        by_width = sorted(range(len(taken)), key=lambda k: -row[k])
        by_length = sorted(taken, key=lambda st: -sum(map(len, st.paragraphs)))
        assigned = dict(zip(by_width, by_length))
        for k, span in enumerate(row[: len(taken)]):
            story = assigned[k]
            placed.append(story)
            bottom = max(bottom, _module(story, fonts, ops, x, y, span, col_w, style))
            x += span * (col_w + GUTTER)
        y = bottom + GAP
    return ops, placed


def render_pages(pages: list[list[Story]], path: str | Path, *, style: str = "cols4") -> list[list[Story]]:
    """Write ``pages`` (each a list of stories) to one PDF; return each page's stories in the
    order they were placed (the gold answer)."""
    from reportlab.pdfgen import canvas

    spec = STYLES[style]
    fonts = _Fonts(spec.font)
    laid = [_layout_page(stories, fonts, spec) for stories in pages]
    pdf = canvas.Canvas(str(path), pagesize=(PAGE_W, MIN_PAGE_H))
    gold: list[list[Story]] = []
    for ops, placed in laid:
        height = max(MIN_PAGE_H, ops.bottom + MARGIN)
        pdf.setPageSize((PAGE_W, height))
        for op in ops.ops:
            if op[0] == "text":
                _, x, top, size, string, font = op
                if spec.font == "cid":
                    # STSong-Light's UCS2 encoding drops U+00B7; U+30FB prints the same dot and
                    # its CID reads back as U+00B7, so the gold text stays what is printed
                    string = string.replace("·", "・")
                pdf.setFont(font, size)
                pdf.drawString(x, height - top - size * 0.88, string)
            else:
                _, x, top, w, h, fill = op
                if fill:
                    pdf.setFillGray(GREY)
                    pdf.rect(x, height - top - h, w, h, stroke=0, fill=1)
                    pdf.setFillGray(0)
                else:
                    pdf.setLineWidth(0.8)
                    pdf.rect(x, height - top - h, w, h, stroke=1, fill=0)
        pdf.showPage()
        gold.append(placed)
    pdf.save()
    return gold


_LABELS = ("要闻", "综合", "时评", "民生", "经济")


def stories_from_dev_page(record: dict[str, Any], *, photo_every: int = 3, label_every: int = 4) -> list[Story]:
    """The articles of a ../shared/data/rmrb-dev page as stories.

    Heading lines (unindented) before the gold title are the kicker, those after it and before
    the first paragraph the subtitle, later ones subheads; indented lines are paragraphs. Every ``photo_every``-th article gets a photo box with a
    caption and a credit, every ``label_every``-th a column label (the dev pages have neither, so
    the generator supplies both; they are part of the gold answer).
    """
    text = record["text"]
    stories: list[Story] = []
    for k, span in enumerate(record["spans"]):
        lines = [line for line in text[span["start"] : span["end"]].split("\n") if line.strip()]
        indented = [line.startswith(("\u3000", " ", "\xa0")) for line in lines]
        first_body = indented.index(True) if True in indented else len(lines)
        heads = [_clean(line) for line in lines[:first_body] if _clean(line)]
        title = _clean(span["title"])
        if title in heads:
            at = heads.index(title)
            kicker, subtitle = " ".join(heads[:at]), " ".join(heads[at + 1 :])
        else:
            kicker, subtitle = "", ""
        paragraphs: list[str] = []
        subheads: list[tuple[int, str]] = []
        for line, body in zip(lines[first_body:], indented[first_body:]):
            if not _clean(line):
                continue
            if body:
                paragraphs.append(_clean(line))
            else:
                subheads.append((len(paragraphs), _clean(line)))
        subheads = [(k, s) for k, s in subheads if k < len(paragraphs)]  # (none after the last paragraph)
        if not paragraphs:
            continue
        story = Story(title=title, paragraphs=paragraphs, kicker=kicker, subtitle=subtitle, subheads=subheads)
        if k % photo_every == 1:
            story.caption = f"图为{title[:14]}的现场。"
            story.credit = "本报记者 林远 摄"
        if k % label_every == 2:
            story.column = _LABELS[k % len(_LABELS)]
        stories.append(story)
    return stories


# --------------------------------------------------------------------------- unreadable PDFs


def make_scan_pdf(path: str | Path) -> None:
    """A page that is only an image (a scan): no text layer."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("L", (200, 280), 235)
    for x in range(20, 180):
        for y in range(30, 250, 12):
            image.putpixel((x, y), 40)
    pdf = canvas.Canvas(str(path), pagesize=(PAGE_W, MIN_PAGE_H))
    pdf.drawImage(ImageReader(image), 40, 40, PAGE_W - 80, MIN_PAGE_H - 80)
    pdf.showPage()
    pdf.save()


def make_unmapped_pdf(path: str | Path, stories: list[Story]) -> None:
    """An embedded-font page whose font has no Unicode map: text extracts as ``(cid:…)``.

    Written with an uncompressed page stream and the font's ``/ToUnicode`` key renamed in place
    (same length, so the cross-reference table stays valid).
    """
    render_pages([stories], path, style="cols2")
    data = Path(path).read_bytes().replace(b"/ToUnicode", b"/NoUnicode")
    Path(path).write_bytes(data)


def make_encrypted_pdf(path: str | Path, stories: list[Story]) -> None:
    """A page that needs a user password to open."""
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    fonts = _Fonts("embedded")
    enc = pdfencrypt.StandardEncryption("secret", ownerPassword="owner", strength=128)
    pdf = canvas.Canvas(str(path), pagesize=(PAGE_W, MIN_PAGE_H), encrypt=enc)
    pdf.setFont(fonts.name, 12)
    pdf.drawString(40, 1100, stories[0].title)
    pdf.showPage()
    pdf.save()


def make_damaged_pdf(path: str | Path, stories: list[Story]) -> None:
    """A PDF cut off after its first kilobytes (an interrupted download)."""
    render_pages([stories], path, style="cols2")
    data = Path(path).read_bytes()
    Path(path).write_bytes(data[:2048])


def make_long_pdf(path: str | Path, pages: int = 500) -> None:
    """A ``pages``-page file (a book or an archive bundle, not a newspaper issue)."""
    from reportlab.pdfgen import canvas

    fonts = _Fonts("embedded")
    pdf = canvas.Canvas(str(path), pagesize=(PAGE_W, MIN_PAGE_H))
    for number in range(1, pages + 1):
        pdf.setFont(fonts.name, 10)
        pdf.drawString(40, 1100, f"第{number}页 合订本正文")
        pdf.showPage()
    pdf.save()
