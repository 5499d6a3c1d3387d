"""Shards: the unit of work of a distributed run, planned in input order without reading a text twice.

A shard is one input file, or a fixed-size slice of a JSONL/CSV table (``shard_size`` lines), so a
10 GB JSONL file splits into many shards. Planning reads each input once, to hash its bytes: a
shard's :attr:`Shard.id` is derived from where it comes from (path and slice), what it holds
(content hash) and the run's fingerprint (newsnlp version, model files, configuration; see
:mod:`newsnlp.engines.fingerprint`), so a shard done by an earlier run with the same inputs and
settings is recognised, and a changed file, model or setting is not mistaken for it.

:func:`shard_documents` yields exactly the documents the local engine would yield for the same
part of the input, with the same ids, so the records are the same. Nothing here imports Ray.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from newsnlp.errors import Errors, InputError
from newsnlp.io import DEFAULT_GLOBS, DEFAULT_MAX_BYTES, Document, iter_path_documents, iter_table_documents

__all__ = ["DEFAULT_SHARD_SIZE", "Shard", "plan_shards", "shard_documents"]

#: Lines of a JSONL file (records of a CSV file) per shard.
DEFAULT_SHARD_SIZE = 1000
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Shard:
    """One unit of work.

    ``kind`` is ``"file"`` (one text file), ``"jsonl"`` (lines ``first_line``… of a JSONL file,
    bytes ``start``–``stop``), ``"csv"`` (records ``start``–``stop`` of a CSV/TSV file) or
    ``"error"`` (an input that yields one error record without being read, such as a folder with no
    matching files). ``source`` is the path as the user gave it (document ids come from it);
    ``path`` is absolute, for workers whose working folder differs.
    """

    id: str
    index: int
    kind: str
    source: str
    path: str
    start: int = 0
    stop: int = 0
    first_line: int = 1
    content_hash: str = ""
    message: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Shard:
        return cls(**{key: data[key] for key in cls.__dataclass_fields__ if key in data})

    @property
    def label(self) -> str:
        """Where the shard comes from, for people (``a.jsonl lines 1001-2000``)."""
        if self.kind == "jsonl":
            return f"{self.source} from line {self.first_line}"
        if self.kind == "csv":
            return f"{self.source} records {self.start + 1}-{self.stop}"
        return self.source


def _shard_id(fingerprint: str, kind: str, source: str, start: int, stop: int, content_hash: str) -> str:
    key = "\0".join([fingerprint, kind, source, str(start), str(stop), content_hash])
    return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def _file_hash(path: Path) -> str:
    """Content hash of a file; a file that cannot be read hashes to what stops it (its record says so)."""
    digest = hashlib.blake2b(digest_size=16)
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
    except OSError as exc:
        return f"unreadable:{exc.errno}"
    return digest.hexdigest()


def _jsonl_slices(path: Path, shard_size: int) -> Iterator[tuple[int, int, int, str]]:
    """``(first_line, start, stop, hash)`` of each run of ``shard_size`` lines, in one pass."""
    digest = hashlib.blake2b(digest_size=16)
    first_line, start, position, lines = 1, 0, 0, 0
    with path.open("rb") as handle:
        for raw in handle:
            digest.update(raw)
            position += len(raw)
            lines += 1
            if lines == shard_size:
                yield first_line, start, position, digest.hexdigest()
                digest = hashlib.blake2b(digest_size=16)
                first_line, start, lines = first_line + shard_size, position, 0
    if lines:
        yield first_line, start, position, digest.hexdigest()


def _csv_slices(path: Path, shard_size: int) -> Iterator[tuple[int, int, str]]:
    """``(start, stop, hash)`` record ranges of a CSV/TSV file (quoted newlines keep it whole)."""
    whole = _file_hash(path)
    count = sum(1 for _ in iter_table_documents(path))
    for start in range(0, max(count, 1), shard_size):
        yield start, min(start + shard_size, count), whole


def plan_shards(
    paths: Sequence[str | Path] = (),
    *,
    input_path: str | Path | None = None,
    fingerprint: str,
    shard_size: int = DEFAULT_SHARD_SIZE,
    recursive: bool = False,
    globs: Sequence[str] = DEFAULT_GLOBS,
) -> list[Shard]:
    """The shards of a command line, in input order: the ``--input`` table first, then files.

    Folders expand exactly as :func:`newsnlp.io.iter_path_documents` expands them.
    """
    if shard_size < 1:
        raise InputError(Errors.E097.format(value=shard_size))
    shards: list[Shard] = []

    def add(kind: str, source: str, path: Path, start: int = 0, stop: int = 0, first_line: int = 1,
            content_hash: str = "", message: str = "") -> None:
        shard_id = _shard_id(fingerprint, kind, source, start, stop, content_hash or message)
        shards.append(Shard(shard_id, len(shards), kind, source, str(path.absolute()), start, stop,
                            first_line, content_hash, message))

    if input_path is not None:
        table = Path(input_path)
        if not table.is_file():
            raise InputError((Errors.E008 if table.is_dir() else Errors.E003).format(path=input_path))
        if table.suffix.lower() in (".csv", ".tsv"):
            for start, stop, digest in _csv_slices(table, shard_size):
                add("csv", str(table), table, start, stop, content_hash=digest)
        else:
            for first_line, start, stop, digest in _jsonl_slices(table, shard_size):
                add("jsonl", str(table), table, start, stop, first_line, digest)
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            add("file", str(path), path, content_hash=_file_hash(path))
            continue
        # A folder: the same expansion, in the same order, as the local engine; only errors
        # (no match, a match that is a folder) come back as documents without reading a file.
        for doc in iter_path_documents([path], recursive=recursive, globs=globs, max_bytes=1):
            match = Path(doc.id)
            if match.is_file():
                add("file", doc.id, match, content_hash=_file_hash(match))
            else:
                add("error", doc.id, match, message=doc.error or "")
    return shards


def shard_documents(
    shard: Shard,
    *,
    text_field: str = "text",
    id_field: str | None = None,
    context_fields: Sequence[str] = (),
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document]:
    """The documents of a shard, as the local engine reads them (same ids, same errors)."""
    path = Path(shard.path)
    table = {"text_field": text_field, "id_field": id_field, "context_fields": context_fields}
    if shard.kind == "error":
        yield Document(id=shard.source, error=shard.message)
    elif shard.kind == "file":
        for doc in iter_path_documents([path], max_bytes=max_bytes):
            doc.id = shard.source
            if doc.error:
                doc.error = doc.error.replace(str(path), shard.source)
            yield doc
    elif shard.kind == "jsonl":
        for doc in iter_table_documents(path, byte_range=(shard.start, shard.stop), first_line=shard.first_line, **table):
            yield _as_source(doc, path, shard.source)
    elif shard.kind == "csv":
        for doc in islice(iter_table_documents(path, **table), shard.start, shard.stop):
            yield _as_source(doc, path, shard.source)
    else:
        raise ValueError(f"unknown shard kind {shard.kind!r}")


def _as_source(doc: Document, path: Path, source: str) -> Document:
    """Ids and messages name the table as the user gave it, not the absolute path read."""
    absolute = str(path)
    if doc.id.startswith(absolute + ":"):
        doc.id = source + doc.id[len(absolute):]
    if doc.error:
        doc.error = doc.error.replace(absolute, source)
    return doc
