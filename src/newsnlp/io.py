"""Reading inputs: text files in any common Chinese encoding, folders and JSONL/CSV tables.

Every input yields exactly one :class:`Document`, in input order. A document that cannot be read
(missing, binary, undecodable, empty, too large) is still yielded, with ``error`` set, so a batch
never loses a record and never stops on one bad file.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsnlp.errors import Errors, InputError

__all__ = [
    "DEFAULT_GLOBS",
    "DEFAULT_MAX_BYTES",
    "Document",
    "decode_bytes",
    "iter_documents",
    "iter_path_documents",
    "iter_table_documents",
    "read_table",
    "read_text_file",
]

#: Files taken from a folder when no ``glob`` is given.
DEFAULT_GLOBS: tuple[str, ...] = ("*.txt", "*.md")
#: Largest file read by default (a page is ~20 KB, a whole issue well under 2 MB).
DEFAULT_MAX_BYTES = 16 * 1024 * 1024

_CONTROL_OK = frozenset("\t\n\r\f\v\x1b")


@dataclass
class Document:
    """One input document: its id (path or id field), text, and an error when it can't be used."""

    id: str
    text: str | None = None
    error: str | None = None
    encoding: str | None = None
    context: dict[str, Any] = field(default_factory=dict)
    source: Path | None = None  # a file read when processed (a PDF), instead of ``text``

    @property
    def ok(self) -> bool:
        return self.error is None


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:8192]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in _CONTROL_OK)
    return controls / len(sample) > 0.01


def decode_bytes(data: bytes, *, name: str = "<bytes>") -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``.

    Tries, in order: a UTF-8/UTF-16/UTF-32 byte-order mark, strict UTF-8, strict GB18030 (a
    superset of GBK and GB2312), then charset-normalizer's best guess. Binary data (NUL bytes or
    many control characters) raises :class:`InputError` rather than decoding to garbage.
    """
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise InputError(Errors.E004.format(path=name)) from exc
    if b"\x00" in data[:65536]:
        raise InputError(Errors.E005.format(path=name))
    candidates: list[tuple[str, str]] = []
    for encoding in ("utf-8", "gb18030"):
        try:
            candidates.append((data.decode(encoding), encoding))
            break
        except UnicodeDecodeError:
            continue
    if not candidates:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None or best.encoding is None:
            raise InputError(Errors.E004.format(path=name))
        candidates.append((str(best), best.encoding))
    text, encoding = candidates[0]
    if _looks_binary(text):
        raise InputError(Errors.E005.format(path=name))
    return text, encoding


def read_text_file(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, str]:
    """Read a text file in any supported encoding; return ``(text, encoding)``.

    Raises :class:`InputError` for a missing path, a folder, a file over ``max_bytes``, binary
    content or an undecodable encoding.
    """
    p = Path(path)
    if p.is_dir():
        raise InputError(Errors.E008.format(path=path))
    if not p.exists():
        raise InputError(Errors.E003.format(path=path))
    size = p.stat().st_size
    if max_bytes and size > max_bytes:
        raise InputError(Errors.E007.format(path=path, size=size, limit=max_bytes))
    return decode_bytes(p.read_bytes(), name=str(path))


def _document_from_file(path: Path, max_bytes: int) -> Document:
    if path.suffix.lower() == ".pdf" and path.is_file():
        return Document(id=str(path), source=path)  # read page by page when processed
    try:
        text, encoding = read_text_file(path, max_bytes=max_bytes)
    except InputError as exc:
        return Document(id=str(path), error=str(exc))
    except OSError as exc:
        return Document(id=str(path), error=f"Could not read {path}: {exc.strerror or exc}")
    if not text.strip():
        return Document(id=str(path), error=Errors.E006, encoding=encoding)
    return Document(id=str(path), text=text, encoding=encoding)


def _expand_folder(folder: Path, globs: Sequence[str], recursive: bool) -> list[Path]:
    found: set[Path] = set()
    for pattern in globs:
        found.update(folder.rglob(pattern) if recursive else folder.glob(pattern))
    return sorted(found)


def iter_path_documents(
    paths: Iterable[str | Path],
    *,
    recursive: bool = False,
    globs: Sequence[str] = DEFAULT_GLOBS,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document]:
    """Yield one :class:`Document` per file, in the order given; folders expand in sorted order.

    A folder expands to the files matching ``globs`` (recursively with ``recursive=True``); a
    match that is itself a folder (``issue.txt/``) yields an error record, and so does a folder
    with no matching files, so nothing a user pointed at disappears without a word.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            matches = _expand_folder(path, globs, recursive)
            if not matches:
                pattern = ", ".join(globs)
                yield Document(id=str(path), error=f"No files matching {pattern} in folder {path}.")
            for match in matches:
                if match.is_dir():
                    yield Document(id=str(match), error=Errors.E008.format(path=match))
                else:
                    yield _document_from_file(match, max_bytes)
        else:
            yield _document_from_file(path, max_bytes)


def _table_rows(path: Path) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """Yield ``(line_number, record, error)`` for a .jsonl/.json-lines or .csv/.tsv file."""
    if not path.exists():
        raise InputError(Errors.E003.format(path=path))
    if path.is_dir():
        raise InputError(Errors.E008.format(path=path))
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        text, _ = decode_bytes(path.read_bytes(), name=str(path))
        reader = csv.DictReader(io.StringIO(text), delimiter="\t" if suffix == ".tsv" else ",")
        for number, row in enumerate(reader, start=2):
            yield number, dict(row), None
        return
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                yield number, None, Errors.E010.format(line=number, path=path, reason="not UTF-8")
                continue
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield number, None, Errors.E010.format(line=number, path=path, reason=exc.msg)
                continue
            if not isinstance(record, dict):
                reason = "a JSON object is expected on each line"
                yield number, None, Errors.E010.format(line=number, path=path, reason=reason)
                continue
            yield number, record, None


def iter_table_documents(
    path: str | Path,
    *,
    text_field: str = "text",
    id_field: str | None = None,
    context_fields: Sequence[str] = (),
) -> Iterator[Document]:
    """Yield one :class:`Document` per record of a JSONL (or CSV/TSV) file, in file order.

    ``id`` is the record's ``id_field`` value; without ``id_field``, its ``"id"`` when it has one;
    else (or when the value is missing or empty) ``path:line``. ``context`` holds the
    ``context_fields`` values (for example a title field). A record without the text field, or
    whose line is not valid JSON, yields a Document with ``error``.
    """
    p = Path(path)
    for number, record, error in _table_rows(p):
        fallback_id = f"{p}:{number}"
        if record is None:
            yield Document(id=fallback_id, error=error)
            continue
        value = record.get(id_field or "id")
        doc_id = fallback_id if value is None or str(value).strip() == "" else str(value)
        context = {name: record.get(name) for name in context_fields}
        if text_field not in record:
            fields = ", ".join(sorted(record)) or "none"
            message = Errors.E011.format(line=number, path=p, field=text_field, fields=fields)
            yield Document(id=doc_id, error=message, context=context)
            continue
        text = record[text_field]
        if not isinstance(text, str):
            message = Errors.E012.format(field=text_field, line=number, path=p, type=type(text).__name__)
            yield Document(id=doc_id, error=message, context=context)
        elif not text.strip():
            yield Document(id=doc_id, error=Errors.E006, context=context)
        else:
            yield Document(id=doc_id, text=text, context=context)


def read_table(path: str | Path, *, fields: Sequence[str]) -> list[dict[str, Any]]:
    """Read every record of a JSONL/CSV/TSV file, checking that ``fields`` are present.

    Raises :class:`InputError` naming the first missing field and the fields that exist, or the
    first line that is not valid JSON.
    """
    p = Path(path)
    rows: list[dict[str, Any]] = []
    for _number, record, error in _table_rows(p):
        if record is None:
            raise InputError(error)
        missing = [name for name in fields if name not in record]
        if missing:
            present = ", ".join(sorted(record)) or "none"
            raise InputError(Errors.E013.format(field=missing[0], path=p, fields=present))
        rows.append(record)
    return rows


def iter_documents(
    paths: Sequence[str | Path] = (),
    *,
    input_path: str | Path | None = None,
    text_field: str = "text",
    id_field: str | None = None,
    context_fields: Sequence[str] = (),
    recursive: bool = False,
    globs: Sequence[str] = DEFAULT_GLOBS,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document]:
    """All documents of a command line: the ``--input`` table first, then files and folders."""
    if input_path is not None:
        yield from iter_table_documents(
            input_path, text_field=text_field, id_field=id_field, context_fields=context_fields
        )
    if paths:
        yield from iter_path_documents(paths, recursive=recursive, globs=globs, max_bytes=max_bytes)
