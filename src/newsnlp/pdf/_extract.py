"""PDF pages -> printed lines with their box and type size (pdfplumber / pdfminer.six).

Opening checks turn every PDF that cannot be read into an :class:`~newsnlp.errors.InputError`
that says why and what to do: encrypted, damaged, too many pages, no text layer (a scan), or
text without a Unicode map (``(cid:…)`` / private-use codes). Pages are read one at a time and
closed after use, so memory is bounded by one page, not by the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsnlp.errors import Errors, InputError, MissingDependencyError

__all__ = ["PageContent", "PrintedLine", "Rect", "iter_pages"]

#: A newspaper issue is at most a few dozen pages; more is another kind of document.
DEFAULT_MAX_PAGES = 64
#: A dense broadsheet page holds ~15,000 characters.
DEFAULT_MAX_PAGE_CHARS = 100_000
_UNMAPPED_SHARE = 0.1


@dataclass(frozen=True)
class PrintedLine:
    """One printed line: its text, page (1-based), box in points from the page's top-left
    corner, and type size."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    text: str


@dataclass(frozen=True)
class Rect:
    """A rectangle drawn on the page: ``filled`` ones are photo boxes, stroked ones frames."""

    x0: float
    top: float
    x1: float
    bottom: float
    filled: bool


@dataclass
class PageContent:
    number: int
    width: float
    height: float
    lines: list[PrintedLine]
    rects: list[Rect]


def _pdfplumber() -> Any:
    try:
        import pdfplumber
    except ImportError as exc:  # the optional extra is not installed
        raise MissingDependencyError(Errors.E050.format(package="pdfplumber", extra="pdf")) from exc
    return pdfplumber


def _unmapped(ch: str) -> bool:
    if ch.startswith("(cid:"):
        return True
    code = ord(ch[0]) if ch else 0
    return 0xE000 <= code <= 0xF8FF or code >= 0xF0000


def _rows(chars: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    """Characters grouped into rows: same baseline band, left to right."""
    chars = sorted(chars, key=lambda c: (round(c["bottom"], 1), c["x0"]))
    row: list[dict[str, Any]] = []
    for ch in chars:
        if row and abs(ch["bottom"] - row[-1]["bottom"]) > 0.3 * min(ch["size"], row[-1]["size"]):
            yield sorted(row, key=lambda c: c["x0"])
            row = []
        row.append(ch)
    if row:
        yield sorted(row, key=lambda c: c["x0"])


def _lines_of_row(row: list[dict[str, Any]], page: int) -> Iterator[PrintedLine]:
    """Cut a row where the gap between characters is wider than a character or the size changes:
    the columns of a page share baselines, never a line."""
    run: list[dict[str, Any]] = []
    for ch in row:
        if run:
            prev = run[-1]
            size = max(prev["size"], ch["size"])
            # spaces are characters too, so an empty gap of half a character is a gutter
            if ch["x0"] - prev["x1"] > 0.45 * size or abs(ch["size"] - prev["size"]) > 0.1 * size:
                yield from _line(run, page)
                run = []
        run.append(ch)
    if run:
        yield from _line(run, page)


def _line(run: list[dict[str, Any]], page: int) -> Iterator[PrintedLine]:
    """A run of characters as a line; a gap of a quarter character or more reads as a space."""
    parts = [run[0]["text"]]
    for prev, ch in zip(run, run[1:]):
        if ch["x0"] - prev["x1"] > 0.25 * min(ch["size"], prev["size"]):
            parts.append(" ")
        parts.append(ch["text"])
    text = "".join(parts)
    if not text.strip():
        return
    while not run[0]["text"].strip():
        run = run[1:]
    while not run[-1]["text"].strip():
        run = run[:-1]
    sizes = sorted(c["size"] for c in run)
    yield PrintedLine(
        page=page,
        x0=min(c["x0"] for c in run),
        top=min(c["top"] for c in run),
        x1=max(c["x1"] for c in run),
        bottom=max(c["bottom"] for c in run),
        size=round(sizes[len(sizes) // 2], 2),
        text=text.strip(),
    )


def _open(pdfplumber: Any, path: Path) -> Any:
    if not path.exists():
        raise InputError(Errors.E003.format(path=path))
    if path.is_dir():
        raise InputError(Errors.E008.format(path=path))
    with path.open("rb") as handle:
        head = handle.read(1024)
    if b"%PDF-" not in head:
        raise InputError(Errors.E113.format(path=path, reason="no %PDF- header"))
    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:  # pdfminer raises many kinds on a broken file
        raise _open_error(path, exc) from exc
    return pdf


def _open_error(path: Path, exc: Exception) -> InputError:
    """E112 for a password-protected file, E113 for anything else pdfminer cannot parse
    (pdfplumber wraps pdfminer's exception: the original is its first argument)."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
    if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
        return InputError(Errors.E112.format(path=path))
    reason = f"{type(cause).__name__}: {cause}" if str(cause) else type(cause).__name__
    return InputError(Errors.E113.format(path=path, reason=reason))


def iter_pages(
    path: str | Path,
    *,
    max_pages: int = DEFAULT_MAX_PAGES,
    max_page_chars: int = DEFAULT_MAX_PAGE_CHARS,
) -> Iterator[PageContent]:
    """Yield each page's printed lines and rectangles, one page at a time.

    Raises :class:`InputError` (E110-E115) for a PDF that cannot be read, before yielding
    anything when the whole file is concerned (encrypted, damaged, too many pages) and at the
    first page that shows it otherwise (after the last page for a file with no text at all).
    """
    pdfplumber = _pdfplumber()
    p = Path(path)
    pdf = _open(pdfplumber, p)
    try:
        try:
            pages = pdf.pages
        except Exception as exc:
            raise _open_error(p, exc) from exc
        if not pages:
            raise InputError(Errors.E113.format(path=p, reason="no pages"))
        if max_pages and len(pages) > max_pages:
            raise InputError(Errors.E114.format(path=p, pages=len(pages), limit=max_pages))
        seen_text = False
        for number, page in enumerate(pages, start=1):
            try:
                chars = [c for c in page.chars if c["text"] and c.get("upright", True)]
                rects = [
                    Rect(r["x0"], r["top"], r["x1"], r["bottom"], bool(r.get("fill")))
                    for r in page.rects
                    if r["x1"] - r["x0"] > 2 and r["bottom"] - r["top"] > 2
                ]
            except Exception as exc:
                raise _open_error(p, exc) from exc
            if max_page_chars and len(chars) > max_page_chars:  # (before any work on them)
                raise InputError(Errors.E115.format(page=number, path=p, chars=len(chars), limit=max_page_chars))
            inked = [c["text"] for c in chars if c["text"].strip()]
            if inked:
                unmapped = sum(map(_unmapped, inked)) / len(inked)
                if unmapped > _UNMAPPED_SHARE:
                    raise InputError(Errors.E111.format(path=p, share=unmapped))
                seen_text = True
            lines = [line for row in _rows(chars) for line in _lines_of_row(row, number)]
            content = PageContent(number, float(page.width), float(page.height), lines, rects)
            page.close()
            yield content
        if not seen_text:
            raise InputError(Errors.E110.format(path=p))
    finally:
        pdf.close()
