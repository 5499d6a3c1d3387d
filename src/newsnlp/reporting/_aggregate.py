"""What a report shows, gathered from records in one streaming pass.

Only aggregates and what the page displays are kept: counts, the keyword weights per topic, the few
most confident articles per topic, one compact table row per article (summary cut to
:data:`SUMMARY_CHARS`), and the first pages' records for the page views. A record is dropped as soon
as it has been counted.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from newsnlp.reporting._records import date_of

__all__ = ["SUMMARY_CHARS", "ReportData"]

#: Characters of each summary kept for the article table (the full summary stays in the JSONL).
SUMMARY_CHARS = 60
#: Most confident articles listed per topic.
TOP_ARTICLES = 5
#: Keywords listed per topic.
TOP_KEYWORDS = 15
#: Errors listed by id and message (all are counted).
MAX_ERRORS_LISTED = 200


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class ReportData:
    """The report's content, filled by :meth:`add` one record at a time."""

    date_field: str | None = None
    max_pages: int = 200
    known_dates: dict[str, str] = field(default_factory=dict)
    documents: int = 0
    articles: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    n_errors: int = 0
    empty_pages: int = 0
    unassigned_lines: int = 0
    layouts: Counter[str] = field(default_factory=Counter)
    encodings: Counter[str] = field(default_factory=Counter)
    topics: Counter[str] = field(default_factory=Counter)
    topics_by_date: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    keywords: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    confident: dict[str, list[tuple[float, int, dict[str, Any]]]] = field(default_factory=lambda: defaultdict(list))
    #: Documents the table refers to: [record id, date, page view number (-1: none)].
    docs: list[list[Any]] = field(default_factory=list)
    #: Topic names the table refers to, by first appearance.
    topic_names: list[str] = field(default_factory=list)
    #: Table rows, one per article: [document (index into docs), headline, column, authors,
    #: topic (index into topic_names), score, summary]. Shared values are stored once.
    rows: list[list[Any]] = field(default_factory=list)
    _topic_refs: dict[str, int] = field(default_factory=dict, repr=False)
    pages: list[dict[str, Any]] = field(default_factory=list)

    def add(self, record: dict[str, Any]) -> None:
        """Count one record (a dict as ``newsnlp run`` writes it)."""
        self.documents += 1
        doc_id = str(record.get("id") or "")
        if record.get("error"):
            self.n_errors += 1
            if len(self.errors) < MAX_ERRORS_LISTED:
                self.errors.append((doc_id, str(record["error"])))
            return
        self.layouts[record.get("layout") or "unknown"] += 1
        self.encodings[record.get("encoding") or "utf-8"] += 1
        self.unassigned_lines += len(record.get("unassigned", []))
        articles = record.get("articles") or []
        if not articles:
            self.empty_pages += 1
        date = date_of(record, date_field=self.date_field, known=self.known_dates)
        page_index = -1
        if len(self.pages) < self.max_pages:
            page_index = len(self.pages)
            self.pages.append({"record": record, "date": date})
        if articles:
            self.docs.append([doc_id, date, page_index])
        for article in articles:
            self._add_article(article, date, page_index, doc_id)

    def _add_article(self, article: dict[str, Any], date: str, page_index: int, doc_id: str) -> None:
        self.articles += 1
        topic = article.get("topic") or "(none)"
        score = float((article.get("topic_scores") or {}).get(topic, 0.0))
        if topic not in self._topic_refs:
            self.topic_names.append(topic)
        self.topics[topic] += 1
        if date:
            self.topics_by_date[date][topic] += 1
        weights = self.keywords[topic]
        for word, weight in article.get("keywords") or []:
            weights[word] += float(weight)
        title = article.get("title") or "(no headline)"
        authors = "、".join(a.get("name", "") for a in article.get("authors") or []) or article.get("byline", "")
        summary = _cut(article.get("summary") or "", SUMMARY_CHARS)
        topic_ref = self._topic_refs.setdefault(topic, len(self._topic_refs))
        self.rows.append([len(self.docs) - 1, title, article.get("column", ""), authors, topic_ref, round(score, 4), summary])
        best = self.confident[topic]
        shown = {"title": title, "id": doc_id, "page": page_index, "score": score}
        item = (score, -self.articles, shown)
        if len(best) < TOP_ARTICLES:
            heapq.heappush(best, item)
        elif item > best[0]:
            heapq.heapreplace(best, item)

    def top_keywords(self, topic: str) -> list[tuple[str, float]]:
        """The topic's keywords by summed weight, heaviest first, weights relative to the first."""
        top = self.keywords[topic].most_common(TOP_KEYWORDS)
        if not top:
            return []
        first = top[0][1] or 1.0
        return [(word, weight / first) for word, weight in top]

    def top_articles(self, topic: str) -> list[dict[str, Any]]:
        """The topic's most confident articles (title, id, page, score), most confident first."""
        return [shown for _, _, shown in sorted(self.confident[topic], key=lambda item: item[:2], reverse=True)]
