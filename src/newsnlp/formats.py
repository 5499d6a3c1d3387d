"""Output records: one JSON object (or Markdown section, or CSV rows) per input document.

The JSON record is documented in the README and as a JSON Schema in
``newsnlp/resources/record.schema.json``::

    {"id": str, "encoding": str?, "layout": str, "articles": [Article.to_dict()...],
     "unassigned": [{"start", "end", "kind", "text"}...]}
    {"id": str, "error": str}            # a document that could not be processed
"""

from __future__ import annotations

import csv
import io
from typing import Any

from newsnlp.document import Article, Issue

__all__ = ["CSV_COLUMNS", "csv_rows", "error_record", "issue_markdown", "issue_record", "write_csv_header"]


def issue_record(doc_id: str, issue: Issue, *, encoding: str | None = None) -> dict[str, Any]:
    """The JSONL record of a processed document."""
    record: dict[str, Any] = {"id": doc_id}
    if encoding and encoding not in ("utf-8", "utf-8-sig"):
        record["encoding"] = encoding
    data = issue.to_dict()
    record["layout"] = data["layout"]
    record["articles"] = data["articles"]
    record["unassigned"] = data["unassigned"]
    return record


def error_record(doc_id: str, message: str) -> dict[str, Any]:
    """The record of a document that could not be processed: the batch goes on."""
    return {"id": doc_id, "error": message}


def _article_markdown(index: int, article: dict[str, Any]) -> list[str]:
    out = [f"### {index}. {article.get('title') or '(untitled)'}"]
    facts = []
    for key, label in (("kicker", "Kicker"), ("subtitle", "Subtitle"), ("column", "Column"), ("place", "Place"), ("byline", "Byline")):
        if article.get(key):
            facts.append(f"- {label}: {article[key]}")
    if article.get("topic"):
        scores = article.get("topic_scores") or {}
        score = scores.get(article["topic"])
        facts.append(f"- Topic: {article['topic']}" + (f" ({score:.2f})" if score is not None else ""))
    if article.get("keywords"):
        facts.append("- Keywords: " + "、".join(w for w, _ in article["keywords"]))
    facts.append(f"- Characters {article['start']}–{article['end']}, {len(article.get('paragraphs', []))} paragraphs")
    out.extend(facts)
    if article.get("lead_summary"):
        out += ["", f"> 核心阅读: {article['lead_summary']}"]
    if article.get("summary"):
        out += ["", f"> {article['summary']}"]
    if article.get("captions"):
        out += ["", "Captions: " + " / ".join(article["captions"])]
    return out


def issue_markdown(record: dict[str, Any]) -> str:
    """A record as Markdown for people: per article its headline, column, byline, topic, summary."""
    lines = [f"## {record['id']}", ""]
    if "error" in record:
        lines += [f"**Error:** {record['error']}", ""]
        return "\n".join(lines) + "\n"
    articles = record.get("articles", [])
    lines.append(f"{len(articles)} articles, layout {record.get('layout', '?')}")
    for index, article in enumerate(articles, start=1):
        lines.append("")
        lines.extend(_article_markdown(index, article))
    if record.get("unassigned"):
        lines += ["", "Unassigned lines: " + " | ".join(u["text"] for u in record["unassigned"])]
    return "\n".join(lines) + "\n\n"


CSV_COLUMNS = (
    "id", "article", "start", "end", "title", "kicker", "subtitle", "column", "place", "byline",
    "authors", "topic", "topic_score", "keywords", "summary", "error",
)


def write_csv_header() -> str:
    return _csv_line(CSV_COLUMNS)


def _csv_line(values: Any) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(values)
    return buffer.getvalue()


def csv_rows(record: dict[str, Any]) -> str:
    """CSV lines for a record: one per article, or one carrying the error."""
    if "error" in record:
        return _csv_line([record["id"]] + [""] * (len(CSV_COLUMNS) - 2) + [record["error"]])
    out = []
    for index, data in enumerate(record.get("articles", []), start=1):
        article = Article.from_dict(data)
        score = article.topic_scores.get(article.topic or "", "")
        out.append(_csv_line([
            record["id"], index, article.start, article.end, article.title, article.kicker,
            article.subtitle, article.column, article.place, article.byline,
            "; ".join(f"{a.role} {a.name}".strip() for a in article.authors),
            article.topic or "", score, "、".join(w for w, _ in article.keywords), article.summary, "",
        ]))
    if not out:  # a page with no articles still gets a row, so no input disappears
        out.append(_csv_line([record["id"]] + [""] * (len(CSV_COLUMNS) - 1)))
    return "".join(out)
