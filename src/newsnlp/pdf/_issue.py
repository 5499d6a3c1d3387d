"""Laid-out PDF pages -> the text in reading order and an :class:`~newsnlp.document.Issue`.

The text holds one printed line per line, pages separated by a form feed on its own line (as
pdftotext separates them); every :class:`PdfLine` knows its offsets into it, its page, box, type
size and kind. Articles are built from those kinds directly (the geometry already said which line
is what), with the same fields and offsets as for text input, plus ``page`` and ``bbox``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsnlp.document import Article, Author, Issue, Line
from newsnlp.pdf._extract import PrintedLine
from newsnlp.pdf._layout import PageArticle
from newsnlp.segment.bylines import dateline_prefix, is_byline, parse_authors

__all__ = ["PdfLine", "PdfText", "build_issue"]

_PAREN = re.compile(r"[（(]([^（）()]{2,40})[）)]")
PAGE_BREAK = "\n\f\n"


@dataclass(frozen=True)
class PdfLine:
    """A printed line of the PDF: ``text[start:end]`` of :attr:`PdfText.text`."""

    start: int
    end: int
    kind: str  # a kind of newsnlp.document.LINE_KINDS
    page: int
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom in points from the top-left
    size: float
    starts_paragraph: bool = False
    article: int | None = None  # index into the issue's articles; None for furniture


@dataclass
class PdfText:
    """What :func:`newsnlp.read_pdf` returns: the text in reading order and every line's place."""

    text: str
    lines: list[PdfLine]
    pages: int
    issue: Issue = field(repr=False)


def _join(parts: list[str]) -> str:
    out = ""
    for part in parts:
        if out and out[-1].isascii() and out[-1].isalnum() and part[:1].isascii() and part[:1].isalnum():
            out += " "
        out += part
    return out


def _article(lines: list[PdfLine], texts: list[str], number: int, box: tuple[float, float, float, float]) -> Article:
    art = Article(start=lines[0].start, end=max(line.end for line in lines), page=number, bbox=box)
    art.lines = [Line(line.start, line.end, line.kind) for line in lines]
    fields: dict[str, list[str]] = {}
    paragraphs: list[list[str]] = []
    subheads: list[list[str]] = []
    previous = ""
    for line, text in zip(lines, texts):
        if line.kind == "body":
            if line.starts_paragraph or previous != "body":
                paragraphs.append([])
            paragraphs[-1].append(text)
        elif line.kind == "subhead":
            if previous != "subhead":
                subheads.append([])
            subheads[-1].append(text)  # a subhead wrapped onto two lines is one subhead
        else:
            fields.setdefault(line.kind, []).append(text)
        previous = line.kind
    art.kicker = _join(fields.get("kicker", []))
    art.title = _join(fields.get("title", []))
    art.subtitle = _join(fields.get("subtitle", []))
    art.column = " ".join(fields.get("column", []))
    art.byline = " ".join(fields.get("byline", []))
    art.captions = [_join(fields["caption"])] if fields.get("caption") else []
    art.credits = fields.get("credit", [])
    art.subheads = [_join(s) for s in subheads]
    art.paragraphs = [_join(p) for p in paragraphs]
    if art.paragraphs:
        prefix = dateline_prefix(art.paragraphs[0])
        if prefix:
            art.dateline = prefix
            art.paragraphs[0] = art.paragraphs[0][len(prefix) :].lstrip(" \u3000\xa0")
            match = _PAREN.search(prefix)
            art.authors.extend(parse_authors(match.group(1)) if match else [])
    authors: list[Author] = list(art.authors)
    for byline in fields.get("byline", []):
        authors.extend(parse_authors(byline))
    for credit in art.credits:
        authors.extend(a for a in parse_authors(credit) if a.role)
    art.authors = []
    for author in authors:
        if author not in art.authors:
            art.authors.append(author)
    return art


def _trailing_bylines(article: PageArticle) -> None:
    """A one-line paragraph that is a byline ("本报记者 王明远", set at the article's end) is the
    byline, as the text splitter reads it."""
    items = article.lines
    for k, (line, kind, starts) in enumerate(items):
        alone = starts and (k + 1 == len(items) or items[k + 1][2] or items[k + 1][1] != "body")
        if kind == "body" and alone and is_byline(line.text):
            items[k] = (line, "byline", False)


def build_issue(pages: list[tuple[list[PageArticle], list[PrintedLine]]], *, layout: str = "pdf") -> PdfText:
    """The text and the :class:`Issue` of laid-out pages (``(articles, furniture)`` per page)."""
    chunks: list[str] = []
    pos = 0
    out_lines: list[PdfLine] = []
    articles: list[Article] = []
    unassigned: list[Line] = []

    def emit(line: PrintedLine, kind: str, starts: bool, article: int | None) -> PdfLine:
        nonlocal pos
        text = line.text.strip()
        box = (round(line.x0, 1), round(line.top, 1), round(line.x1, 1), round(line.bottom, 1))
        pdf_line = PdfLine(pos, pos + len(text), kind, line.page, box, line.size, starts, article)
        chunks.append(text + "\n")
        pos += len(text) + 1
        out_lines.append(pdf_line)
        return pdf_line

    for number, (page_articles, furniture) in enumerate(pages, start=1):
        if number > 1:
            chunks.append("\f\n")
            pos += 2
        for line in sorted(furniture, key=lambda x: (x.top, x.x0)):
            if line.text.strip():
                placed = emit(line, "furniture", False, None)
                unassigned.append(Line(placed.start, placed.end, "furniture"))
        for page_article in page_articles:
            _trailing_bylines(page_article)
            emitted = [
                emit(line, kind, starts, len(articles))
                for line, kind, starts in page_article.lines
                if line.text.strip()
            ]
            if emitted:
                texts = [line.text.strip() for line, _, _ in page_article.lines if line.text.strip()]
                articles.append(_article(emitted, texts, page_article.page, page_article.bbox))
    text = "".join(chunks)
    issue = Issue(text=text, articles=articles, unassigned=unassigned, layout=layout)
    return PdfText(text=text, lines=out_lines, pages=len(pages), issue=issue)
