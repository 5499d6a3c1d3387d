"""An HTML report of newsnlp records: overview, topic charts, an article table and page views.

>>> import newsnlp
>>> newsnlp.report("out.jsonl", "report.html")                          # doctest: +SKIP
>>> newsnlp.report(nlp.pipe(texts), "report.html")                      # doctest: +SKIP

One self-contained file: styles, script, charts (inline SVG) and data are inlined and a
Content-Security-Policy forbids every fetch, so it opens offline. Records are streamed: counts and
the shown rows are gathered in one pass, and only the first ``pages`` records are kept whole, for
their page views. Needs the ``report`` extra (Jinja2, matplotlib); ``import newsnlp`` never
imports it.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsnlp.errors import Errors, InputError, MissingDependencyError
from newsnlp.reporting._aggregate import SUMMARY_CHARS, ReportData
from newsnlp.reporting._pageview import PageView, build_page_view
from newsnlp.reporting._records import (
    iter_records,
    load_source_texts,
    read_source_dates,
    text_from_file,
)

__all__ = ["DEFAULT_PAGES", "ReportStats", "report"]

#: Page views written by default (the first pages of the batch).
DEFAULT_PAGES = 200

_FIELD_PARTS = (("kicker", "kicker"), ("title", "title"), ("subtitle", "subtitle"), ("column", "column"),
                ("place", "place"), ("byline", "byline"), ("dateline", "dateline"),
                ("editor_note", "editor_note"), ("lead_summary", "lead_summary"))


@dataclass(frozen=True)
class ReportStats:
    """What was written: the file, its size, and what it covers."""

    path: Path
    bytes: int
    documents: int
    articles: int
    errors: int
    pages: int
    repairs: int


def _as_record(item: Any) -> dict[str, Any]:
    if isinstance(item, dict):
        if "articles" in item or "error" in item:
            return item
        raise InputError(Errors.E109.format(type="a dict with neither 'articles' nor 'error'"))
    from newsnlp.document import Issue

    if isinstance(item, Issue):
        return item.to_dict(include_text=True)
    raise InputError(Errors.E109.format(type=type(item).__name__))


def _field_parts(article: dict[str, Any]) -> list[tuple[str, str]]:
    """An article's parts from its fields, for a page whose text is not at hand."""
    parts = [(kind, article[name]) for name, kind in _FIELD_PARTS if article.get(name)]
    parts += [("subhead", s) for s in article.get("subheads", [])]
    parts += [("body", p) for p in article.get("paragraphs", [])]
    parts += [("caption", c) for c in article.get("captions", [])]
    parts += [("credit", c) for c in article.get("credits", [])]
    return parts


def _page(record: dict[str, Any], date: str, text: str | None) -> dict[str, Any]:
    articles = [
        {
            "topic": a.get("topic"),
            "score": float((a.get("topic_scores") or {}).get(a.get("topic"), 0.0)),
            "parts": _field_parts(a),
        }
        for a in record.get("articles", [])
    ]
    view: PageView | None = build_page_view(record, text) if text is not None else None
    note = ""
    if text is None:
        note = ("The page text was not found, so the parts below are the record's fields and repaired column "
                "breaks cannot be shown. Give the JSONL the records were made from (--text pages.jsonl), or "
                "make the report where the input files are.")
    elif view is None:
        note = ("The text found for this page does not fit the record (was the file changed after the run?); "
                "the parts below are the record's fields.")
    elif view.lines_unplaced:
        note = (f"{view.lines_unplaced} body line(s) were not found in their article's repaired paragraphs; "
                "a break next to them may be left unmarked.")
    return {
        "id": str(record.get("id") or ""),
        "date": date,
        "layout": record.get("layout", ""),
        "n_articles": len(articles),
        "articles": articles,
        "furniture": [u.get("text", "") for u in record.get("unassigned", [])],
        "view": view,
        "repairs": view.repairs if view else 0,
        "wraps": view.wraps if view else 0,
        "note": note,
    }


def _page_texts(pages: list[dict[str, Any]], texts: str | Path | Mapping[str, str] | None,
                text_field: str, id_field: str | None) -> dict[str, str]:
    ids = {str(p["record"].get("id")) for p in pages if "text" not in p["record"]}
    if isinstance(texts, Mapping):
        return {k: texts[k] for k in ids if k in texts}
    found = load_source_texts(texts, ids, text_field=text_field, id_field=id_field) if texts is not None else {}
    for doc_id in ids - set(found):
        if (text := text_from_file(doc_id)) is not None:
            found[doc_id] = text
    return found


def _environment():
    try:
        import jinja2
    except ImportError as exc:
        raise MissingDependencyError(Errors.E050.format(package="jinja2", extra="report")) from exc
    return jinja2.Environment(
        loader=jinja2.PackageLoader("newsnlp.reporting", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _script_json(value: Any) -> str:
    """JSON that can sit inside a <script> element."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/").replace("<!--", "<\\!--")


def report(
    records: Iterable[Any] | str | Path | list[str | Path],
    path: str | Path,
    *,
    pages: int = DEFAULT_PAGES,
    date_field: str | None = None,
    texts: str | Path | Mapping[str, str] | None = None,
    text_field: str = "text",
    id_field: str | None = None,
    title: str | None = None,
) -> ReportStats:
    """Write an HTML report of ``records`` to ``path``.

    Parameters
    ----------
    records : iterable of dict or Issue, or str or Path
        Records as ``newsnlp run`` writes them (or Issues from ``nlp.pipe``), or JSONL files of them
        (a path or a list of paths), read one record at a time.
    path : str or Path
        The HTML file to write (replaced whole once complete).
    pages : int, default=200
        Page views for the first ``pages`` documents; 0 leaves them out.
    date_field : str, optional
        Field holding each document's date: in the record, its ``context``, or the ``texts`` JSONL.
        Without it (or where it is empty) a date in the id (2020-01-16, 20200116) is used.
    texts : str, Path or mapping, optional
        Where the page texts are: the JSONL the records were made from (matched by id as
        ``newsnlp run --input`` names records, see ``text_field``/``id_field``) or a mapping
        ``id -> text``. Records that hold their ``text`` (Issues do) need none; otherwise a record
        whose id is a readable file is laid out from that file.
    title : str, optional
        The report's title (default: "newsnlp report").

    Returns
    -------
    ReportStats
    """
    if isinstance(pages, bool) or not isinstance(pages, int) or pages < 0:
        raise InputError(Errors.E105.format(value=pages))
    env = _environment()
    from newsnlp.reporting._charts import date_chart, topic_chart, topic_colors

    files = _record_files(records)
    source = ", ".join(str(f) for f in files)
    stream = iter_records(files) if files else records
    known: dict[str, str] = {}
    if date_field and texts is not None and not isinstance(texts, Mapping):
        known = read_source_dates(texts, date_field=date_field, id_field=id_field)
    data = ReportData(date_field=date_field, max_pages=pages, known_dates=known)
    for item in stream:
        data.add(_as_record(item))
    if data.documents == 0:
        raise InputError(Errors.E107.format(source=source or "the records given"))

    page_texts = _page_texts(data.pages, texts, text_field, id_field)
    shown = []
    for page in data.pages:
        record = page["record"]
        text = record.get("text") if "text" in record else page_texts.get(str(record.get("id")))
        shown.append(_page(record, page["date"], text))
    data.pages = []  # the whole records are no longer needed

    topic_order = [t for t, _ in data.topics.most_common() if t not in ("other", "(none)")]
    topic_order += [t for t in ("other", "(none)") if t in data.topics]
    colors = topic_colors(topic_order)
    dates = sorted(data.topics_by_date)
    html_stream = env.get_template("report.html.j2").stream(
        title=title or "newsnlp report",
        version=_version(),
        sources=source,
        d=data,
        dates=dates,
        topic_order=topic_order,
        colors=colors,
        colors_json=_script_json(colors),
        topic_svg=topic_chart(data.topics, topic_order, colors) if data.articles else "",
        date_svg=date_chart(data.topics_by_date, topic_order, colors) if dates else "",
        rows_json=_script_json(data.rows),
        docs_json=_script_json(data.docs),
        topics_json=_script_json(data.topic_names),
        summary_chars=SUMMARY_CHARS,
        pages=shown,
        more_pages=data.documents > len(shown),
        any_wraps=any(p["wraps"] for p in shown),
    )
    out = Path(path)
    _write(html_stream, out)
    return ReportStats(
        path=out,
        bytes=out.stat().st_size,
        documents=data.documents,
        articles=data.articles,
        errors=data.n_errors,
        pages=len(shown),
        repairs=sum(p["repairs"] for p in shown),
    )


def _record_files(records: Any) -> list[str | Path]:
    """The files named by ``records`` (one path, or a list of paths); [] for records themselves."""
    if isinstance(records, (str, Path)):
        return [records]
    if isinstance(records, (list, tuple)) and records and all(isinstance(r, (str, Path)) for r in records):
        return list(records)
    return []


def _version() -> str:
    from newsnlp import __version__

    return __version__


def _write(html_stream: Any, out: Path) -> None:
    """Write the report next to its place and rename it there, so no half-written file is left."""
    directory = out.parent if str(out.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise InputError(Errors.E108.format(path=out, reason=exc.strerror or exc)) from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            html_stream.dump(handle)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, out)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(Errors.E108.format(path=out, reason=exc.strerror or exc)) from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

