"""Batch runs: many documents through one pipeline, one record each, in input order, resumable.

:func:`run_batch` is what ``newsnlp run`` calls. Records go to a *sink*:

- :class:`JsonlFileSink`: one JSON line per document, appended and flushed as soon as it is
  ready, each in a single write; on ``--resume`` a torn last line (a crash mid-write) is cut off
  and the documents already written are skipped;
- :class:`FolderSink`: one file per document, written to a temporary name and renamed, so a file
  is either whole or absent; on ``--resume`` documents whose file exists are skipped;
- :class:`StreamSink`: standard output (JSONL, Markdown or CSV).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from newsnlp._parallel import ordered_map
from newsnlp.errors import Errors, InputError, NewsNLPError
from newsnlp.formats import csv_rows, error_record, issue_markdown, issue_record, write_csv_header
from newsnlp.io import Document, file_kind
from newsnlp.outputs import BatchInterrupted, check_output, make_parent, output_error, sync_if_regular
from newsnlp.pipeline import Pipeline
from newsnlp.sanitize import printable_name

__all__ = [
    "BatchReport",
    "FolderSink",
    "JsonlFileSink",
    "Outcome",
    "StreamSink",
    "process_and_render",
    "lost_outcome",
    "open_sink",
    "process_document",
    "run_batch",
]

FORMATS = ("jsonl", "md", "csv")


def render(record: dict[str, Any], fmt: str) -> str:
    if fmt == "md":
        return issue_markdown(record)
    if fmt == "csv":
        return csv_rows(record)
    return json.dumps(record, ensure_ascii=False) + "\n"


@dataclass(frozen=True)
class Outcome:
    """A processed document as the writing process needs it: the rendered output and a few facts.

    Workers render the record themselves, so what travels back between processes is one string,
    not a deep dictionary, and the parent only writes.
    """

    id: str
    text: str
    error: bool
    articles: int = 0
    topics: tuple[str, ...] = ()
    encoding: str | None = None
    characters: int = 0


@dataclass
class BatchReport:
    """What a batch run did."""

    documents: int = 0
    skipped: int = 0
    articles: int = 0
    errors: int = 0
    characters: int = 0
    seconds: float = 0.0
    topics: Counter[str] = field(default_factory=Counter)
    encodings: Counter[str] = field(default_factory=Counter)
    #: Ids of the first failed documents (the closing report names them).
    failed_ids: list[str] = field(default_factory=list)
    FAILED_SHOWN = 10

    def add(self, outcome: Outcome) -> None:
        self.documents += 1
        self.characters += outcome.characters
        if outcome.error:
            self.errors += 1
            if len(self.failed_ids) < self.FAILED_SHOWN:
                self.failed_ids.append(outcome.id)
            return
        self.articles += outcome.articles
        self.topics.update(outcome.topics)
        if outcome.encoding:
            self.encodings[outcome.encoding] += 1

    def summary(self, output: str | None = None) -> str:
        """The closing report; ``output`` (the ``-o`` value) says where every failed record is."""
        rate = self.documents / self.seconds if self.seconds else 0.0
        lines = [
            f"documents: {self.documents} ({self.skipped} skipped as already done)"
            if self.skipped
            else f"documents: {self.documents}",
            f"articles: {self.articles}",
        ]
        if self.topics:
            lines.append("articles per topic: " + ", ".join(f"{k} {v}" for k, v in self.topics.most_common()))
        if self.encodings:
            lines.append("not UTF-8: " + ", ".join(f"{k} {v}" for k, v in self.encodings.most_common()))
        lines.append(f"errors: {self.errors}")
        if self.failed_ids:
            lines.append("failed: " + ", ".join(self.failed_ids))
            where = f"in {output}" if output and output != "-" else "in the output"
            more = f"{self.errors - len(self.failed_ids)} more, and " if self.errors > len(self.failed_ids) else ""
            lines.append(f"  ({more}every failed document's reason, are {where} as records with an 'error' field)")
        lines.append(f"time: {self.seconds:.1f} s, {rate:.1f} documents/s, {self.characters / max(self.seconds, 1e-9) / 1e6:.2f} M characters/s")
        return "\n".join(lines)


def process_document(nlp: Pipeline, doc: Document) -> dict[str, Any]:
    """The record of one document; whatever goes wrong becomes an ``error`` record.

    Errors a user can cause keep their message; anything else (a bug, memory running out on
    one document) is reported as E071 with its type, so one document never stops a batch.
    """
    doc_id = printable_name(doc.id)
    if doc.error is not None:
        return error_record(doc_id, doc.error)
    try:
        record = issue_record(doc_id, nlp(doc.source or doc.text or ""), encoding=doc.encoding)
    except NewsNLPError as exc:
        return error_record(doc_id, str(exc))
    except RecursionError:
        return error_record(doc_id, Errors.E060)
    except Exception as exc:
        message = printable_name(str(exc))[:300]
        return error_record(doc_id, Errors.E071.format(kind=type(exc).__name__, message=message))
    if doc.notes:
        record["notes"] = list(doc.notes)
    if doc.context:
        record["context"] = doc.context
    return record


def lost_outcome(doc: Document, fmt: str = "jsonl") -> Outcome:
    """The error record of a document whose worker process died on it twice."""
    doc_id = printable_name(doc.id)
    record = error_record(doc_id, Errors.E064.format(item=doc_id))
    return Outcome(id=doc.id, text=render(record, fmt), error=True)


def process_and_render(nlp: Pipeline, doc: Document, fmt: str = "jsonl") -> Outcome:
    """Process a document and render its record in ``fmt`` (what each worker does)."""
    record = process_document(nlp, doc)
    articles = record.get("articles", [])
    return Outcome(
        id=doc.id,
        text=render(record, fmt),
        error="error" in record,
        articles=len(articles),
        topics=tuple(a["topic"] for a in articles if a.get("topic")),
        encoding=record.get("encoding"),
        characters=len(doc.text or ""),
    )


class StreamSink:
    """Records to an open text stream (standard output)."""

    def __init__(self, stream: TextIO, fmt: str = "jsonl", *, name: str = "standard output") -> None:
        self.stream = stream
        self.fmt = fmt
        self.name = name
        self.written = 0
        if fmt == "csv":
            stream.write(write_csv_header())

    def done(self, doc_id: str) -> bool:
        return False

    def write(self, outcome: Outcome) -> None:
        try:
            self.stream.write(outcome.text)
            self.stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise output_error(self.name, exc) from None
        self.written += 1

    def close(self) -> None:
        self.stream.flush()
        if self.stream is not sys.stdout:
            self.stream.close()


class JsonlFileSink:
    """Records appended to a JSONL file, each line written whole; resumable."""

    def __init__(self, path: str | Path, *, resume: bool = False) -> None:
        self.path = Path(path)
        self.name = str(path)
        self.written = 0
        try:
            kind = os.stat(self.path).st_mode
        except OSError:  # missing (or under a file: make_parent says so)
            kind = None
        regular = kind is None or stat.S_ISREG(kind)
        if resume and not regular:
            raise InputError(Errors.E069.format(what="--resume", path=path, kind=file_kind(kind or 0)))
        make_parent(self.path)
        self._written_ids: list[str] = self._recover() if resume else []
        self._position = 0
        # A device or FIFO (/dev/null, /dev/stdout) is written through: never truncated or replaced.
        flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if resume else os.O_TRUNC if regular else 0)
        try:
            self._fd = os.open(self.path, flags, 0o644)
        except OSError as exc:
            raise output_error(path, exc) from None

    def _recover(self) -> list[str]:
        """Ids of the complete records already in the file; a torn last line is cut off."""
        if not self.path.exists():
            return []
        ids: list[str] = []
        good_bytes = 0
        with self.path.open("rb") as handle:
            for raw in handle:
                if not raw.endswith(b"\n"):
                    break
                try:
                    ids.append(str(json.loads(raw)["id"]))
                except (ValueError, KeyError, TypeError):
                    break
                good_bytes += len(raw)
        with self.path.open("r+b") as handle:
            handle.truncate(good_bytes)
        return ids

    def done(self, doc_id: str) -> bool:
        """True for the documents of the earlier run, which must come first and in order."""
        if self._position < len(self._written_ids):
            expected = self._written_ids[self._position]
            if expected != doc_id:
                raise InputError(
                    Errors.E061.format(number=self._position + 1, path=self.path, expected=expected, found=doc_id)
                )
            self._position += 1
            return True
        return False

    def stale(self) -> list[str]:
        """Ids of earlier records that no input of this run matched (its input was shorter)."""
        return self._written_ids[self._position :]

    def write(self, outcome: Outcome) -> None:
        view = memoryview(outcome.text.encode("utf-8"))
        try:
            while view:
                view = view[os.write(self._fd, view):]
        except OSError as exc:
            raise output_error(self.path, exc, self.written) from None
        self.written += 1

    def close(self) -> None:
        try:
            sync_if_regular(self._fd)
        finally:
            os.close(self._fd)


class FolderSink:
    """One output file per document in a folder, written atomically; resumable.

    File names come from document ids. Two documents whose ids map to the same name (the same
    id twice in a JSONL input, or ``a/b.txt`` beside ``a_b.txt``) never overwrite each other:
    names are handed out in input order, and the later one gets ``name~2``, ``name~3`` and so
    on, so a resumed run finds the same names again. :attr:`renamed` lists those documents.
    """

    #: Longest file-name stem, in UTF-8 bytes, taken from an id (file systems allow 255 bytes);
    #: longer ids are cut and get a hash suffix.
    MAX_STEM_BYTES = 150

    def __init__(self, folder: str | Path, *, fmt: str = "jsonl", resume: bool = False) -> None:
        self.folder = Path(folder)
        self.name = str(folder)
        self.written = 0
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise output_error(folder, exc) from None
        self.fmt = fmt
        self.resume = resume
        self.suffix = {"jsonl": ".json", "md": ".md", "csv": ".csv"}[fmt]
        self.renamed: list[tuple[str, Path]] = []
        self._claimed: set[str] = set()
        self._pending: dict[str, deque[Path]] = {}

    def stem(self, doc_id: str) -> str:
        """The file-name stem for an id, before any ``~N`` that keeps it unique."""
        name = re.sub(r"[^\w.\-]+", "_", doc_id.strip("./")) or "document"
        encoded = name.encode("utf-8", "surrogatepass")
        if len(encoded) > self.MAX_STEM_BYTES:
            digest = hashlib.sha1(encoded).hexdigest()[:12]
            name = f"{encoded[: self.MAX_STEM_BYTES - 13].decode('utf-8', 'ignore')}-{digest}"
        return name

    def _claim(self, doc_id: str) -> Path:
        stem = name = self.stem(doc_id)
        number = 1
        while name.casefold() in self._claimed:
            number += 1
            name = f"{stem}~{number}"
        self._claimed.add(name.casefold())
        path = self.folder / (name + self.suffix)
        if number > 1:
            self.renamed.append((doc_id, path))
        return path

    def done(self, doc_id: str) -> bool:
        """Claim this document's file name (in input order); True when ``--resume`` finds it."""
        path = self._claim(doc_id)
        if self.resume and path.exists():
            return True
        self._pending.setdefault(doc_id, deque()).append(path)
        return False

    def write(self, outcome: Outcome) -> None:
        waiting = self._pending.get(outcome.id)
        target = waiting.popleft() if waiting else self._claim(outcome.id)
        tmp = target.with_name(f".{target.name}.partial")
        text = outcome.text
        if self.fmt == "csv":
            text = write_csv_header() + text
        try:
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, target)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise output_error(target, exc, self.written) from None
        self.written += 1

    def close(self) -> None:
        pass


def open_sink(
    output: str | None,
    *,
    fmt: str = "jsonl",
    resume: bool = False,
    inputs: Iterable[str | Path | None] = (),
    force: bool = False,
) -> Any:
    """A sink for ``-o``: nothing → standard output, a folder (or a path ending in /) → one
    file per document, anything else → one file.

    Before anything is opened, the output is checked (:func:`newsnlp.outputs.check_output`): it
    must not be one of ``inputs``, and an existing one is only replaced with ``force``.
    """
    if not output or output == "-":
        if resume:
            raise InputError(Errors.E062)
        return StreamSink(sys.stdout, fmt)
    folder = output.endswith(("/", os.sep)) or Path(output).is_dir()
    check_output(output, inputs, force=force, resume=resume, resumable=folder or fmt == "jsonl", folder=folder)
    if folder:
        return FolderSink(output, fmt=fmt, resume=resume)
    if fmt != "jsonl":
        if resume:
            raise InputError(Errors.E063)
        make_parent(output)
        try:
            stream = open(output, "w", encoding="utf-8")  # noqa: SIM115 - closed by the sink
        except OSError as exc:
            raise output_error(output, exc) from None
        return StreamSink(stream, fmt, name=output)
    return JsonlFileSink(output, resume=resume)


def run_batch(
    nlp: Pipeline,
    documents: Iterable[Document],
    sink: Any,
    *,
    fmt: str = "jsonl",
    workers: int = 1,
    batch_size: int = 8,
    on_record: Callable[[Outcome], None] | None = None,
) -> BatchReport:
    """Process every document and write its record to ``sink`` in ``fmt``, in input order.

    Documents the sink already has (``--resume``) are skipped. ``on_record(outcome)`` is called
    after each write (the CLI's progress bar). A worker process that dies is replaced and its
    documents run again; one that kills its worker twice gets an error record (E064).

    Ctrl-C raises :class:`~newsnlp.outputs.BatchInterrupted`, whose message says how many
    records were written and how to resume; a failed write raises
    :class:`~newsnlp.errors.OutputError` saying the same. When a resumed output holds records
    past the end of this run's input, :class:`InputError` (E076) is raised after the run.
    """
    report = BatchReport()
    started = time.perf_counter()

    def pending() -> Iterator[Document]:
        for doc in documents:
            if sink.done(doc.id):
                report.skipped += 1
                continue
            yield doc

    def work(doc: Document) -> Outcome:
        return process_and_render(nlp, doc, fmt)

    def lost(doc: Document) -> Outcome:
        return lost_outcome(doc, fmt)

    completed = False
    try:
        for outcome in ordered_map(work, pending(), n_process=workers, batch_size=batch_size, on_lost=lost):
            sink.write(outcome)
            report.add(outcome)
            if on_record is not None:
                on_record(outcome)
        completed = True
    except KeyboardInterrupt:
        written = report.skipped + getattr(sink, "written", report.documents)
        name = getattr(sink, "name", "the output")
        if isinstance(sink, StreamSink):
            raise BatchInterrupted(f"interrupted after {written} record(s) written to {name}") from None
        raise BatchInterrupted(Errors.E077.format(written=written, path=name)) from None
    finally:
        report.seconds = time.perf_counter() - started
        try:
            sink.close()
        except OSError as exc:
            if completed:  # else the error already on its way says more
                raise output_error(getattr(sink, "name", "the output"), exc, report.documents) from None
    stale = sink.stale() if hasattr(sink, "stale") else []
    if stale:
        raise InputError(Errors.E076.format(path=sink.name, count=len(stale), first=stale[0]))
    return report

