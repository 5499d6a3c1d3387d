r"""Newspaper PDFs in: printed lines with their geometry -> the same Issue/Article as for text.

Needs the optional extra ``pip install "newsnlp[pdf]"`` (pdfplumber / pdfminer.six, MIT). The
reader groups characters into printed lines, finds headlines, kickers, subtitles, column labels,
bylines, photo boxes with captions and credits, and body columns from the page's geometry (see
:mod:`newsnlp.pdf._layout`), and reads each article column by column.

>>> from newsnlp.pdf import read_pdf            # doctest: +SKIP
>>> pdf = read_pdf("page.pdf")                  # doctest: +SKIP
>>> [(a.page, a.title) for a in pdf.issue]      # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

from newsnlp.document import Issue
from newsnlp.pdf._extract import DEFAULT_MAX_PAGE_CHARS, DEFAULT_MAX_PAGES, iter_pages
from newsnlp.pdf._issue import PdfLine, PdfText, build_issue
from newsnlp.pdf._layout import lay_out_page

__all__ = ["PdfLine", "PdfText", "is_pdf_path", "read_pdf", "read_pdf_issue"]


def read_pdf(
    path: str | Path,
    *,
    max_pages: int = DEFAULT_MAX_PAGES,
    max_page_chars: int = DEFAULT_MAX_PAGE_CHARS,
) -> PdfText:
    """Read a newspaper PDF: its text in reading order, every line's page, box, type size and
    kind, and the :class:`~newsnlp.document.Issue` (``.issue``) with its articles.

    A multi-page PDF is one document; its pages are separated in ``text`` by a form feed on a
    line of its own. Pages are read one at a time (memory bounded by a page). Raises
    :class:`~newsnlp.errors.InputError` (E110-E115) when the PDF cannot be read (a scan without
    text, fonts without a Unicode map, encrypted, damaged, over ``max_pages`` pages or
    ``max_page_chars`` characters on a page), :class:`~newsnlp.errors.MissingDependencyError`
    without the ``pdf`` extra.
    """
    pages = [lay_out_page(page) for page in iter_pages(path, max_pages=max_pages, max_page_chars=max_page_chars)]
    result = build_issue(pages)
    result.issue.id = str(path)
    return result


def read_pdf_issue(path: str | Path, **options: int) -> Issue:
    """The :class:`~newsnlp.document.Issue` of a PDF, ready for the later pipeline stages."""
    return read_pdf(path, **options).issue


def is_pdf_path(path: object) -> bool:
    """Whether ``path`` names a PDF file by its suffix (``.pdf``, any case)."""
    return Path(str(path)).suffix.lower() == ".pdf"
