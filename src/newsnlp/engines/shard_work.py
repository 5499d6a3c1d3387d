"""What a worker does with one shard, on any engine: read it, process it, write its part.

Records are made by :func:`newsnlp.batch.process_and_render`, the local engine's own function,
so a document gives the same bytes (and the same ``error`` record) whichever engine runs it.

A shard can also be done in two steps, so CPU and GPU work scale separately: :func:`analyze_shard`
runs every stage but the summarizer and returns the issues; :func:`summarize_shard` runs the
summarizer on them and writes the part. Nothing here imports Ray.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator
from typing import Any

from newsnlp.batch import BatchReport, process_and_render
from newsnlp.document import Issue
from newsnlp.engines.parts import OutputFolder, PartWriter, report_to_dict
from newsnlp.engines.shards import Shard, shard_documents
from newsnlp.errors import Errors, NewsNLPError
from newsnlp.io import Document
from newsnlp.pipeline import Pipeline

__all__ = ["ReadOptions", "analyze_shard", "process_shard", "summarize_shard"]

#: How documents are read from a shard: ``text_field``, ``id_field``, ``context_fields``, ``max_bytes``.
ReadOptions = dict[str, Any]


def _write_documents(work: Iterable[tuple[Any, Document]], shard: Shard, folder: OutputFolder) -> dict[str, Any]:
    """Render each ``(pipeline, document)`` and commit the part; a small summary row back."""
    started = time.perf_counter()
    report = BatchReport()
    writer = PartWriter(folder, shard)
    try:
        for nlp, doc in work:
            outcome = process_and_render(nlp, doc)
            writer.write(outcome.text)
            report.add(outcome)
        report.seconds = time.perf_counter() - started
        writer.commit(report)
    except BaseException:
        writer.abort()
        raise
    return {"shard": shard.id, "documents": report.documents, "report": json.dumps(report_to_dict(report))}


def process_shard(nlp: Pipeline, shard: Shard, folder: OutputFolder, read: ReadOptions) -> dict[str, Any]:
    """Process every document of ``shard`` and commit its part; return a small summary row."""
    return _write_documents(((nlp, doc) for doc in shard_documents(shard, **read)), shard, folder)


def analyze_shard(nlp: Pipeline, shard: Shard, read: ReadOptions) -> list[dict[str, Any]]:
    """The first step of a two-step shard: each document with its issue before summarizing.

    ``nlp`` has the summarize stage disabled. Each item holds the document and its issue (a dict
    with its text), or the error that stops it, exactly as the local engine would record it.
    """
    items: list[dict[str, Any]] = []
    for doc in shard_documents(shard, **read):
        error, issue = doc.error, None
        if error is None:
            try:
                issue = nlp(doc.text or "").to_dict(include_text=True)
            except NewsNLPError as exc:
                error = str(exc)
            except RecursionError:
                error = Errors.E060
        # The text travels inside the issue; a document the pipeline refused keeps its own (the
        # report counts its characters, as the local engine's does).
        text = doc.text if issue is None else None
        items.append({"id": doc.id, "text": text, "error": error, "encoding": doc.encoding, "context": doc.context,
                      "issue": issue})
    return items


class _Continue:
    """A pipeline that, for one document, carries on from the issue the first step made."""

    def __init__(self, nlp: Pipeline, issue: Issue | None) -> None:
        self.nlp = nlp
        self.issue = issue

    def __call__(self, text: str) -> Issue:
        assert self.issue is not None  # documents without an issue carry their error
        return self.nlp(self.issue)


def summarize_shard(nlp_summarize: Pipeline, shard: Shard, items: list[dict[str, Any]], folder: OutputFolder) -> dict[str, Any]:
    """The second step: summarize the issues of :func:`analyze_shard` and commit the part.

    ``nlp_summarize`` runs the summarize stage (segment is a no-op on a segmented issue).
    """

    def work() -> Iterator[tuple[Any, Document]]:
        for item in items:
            issue = Issue.from_dict(item["issue"]) if item["issue"] is not None else None
            text = issue.text if issue is not None else item["text"]
            doc = Document(id=item["id"], text=text, error=item["error"], encoding=item["encoding"],
                           context=item["context"] or {})
            yield _Continue(nlp_summarize, issue), doc

    return _write_documents(work(), shard, folder)
