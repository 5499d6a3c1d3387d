"""Reading inputs: text files in any common Chinese encoding, folders and JSONL/CSV tables.

Every input yields exactly one :class:`Document`, in input order. A document that cannot be read
(missing, binary, undecodable, empty, too large) is still yielded, with ``error`` set, so a batch
never loses a record and never stops on one bad file.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import stat
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsnlp._decode import decode_text, looks_binary
from newsnlp.errors import Errors, InputError
from newsnlp.sanitize import escape_lone_surrogates, printable_name, replace_lone_surrogates

__all__ = [
    "DEFAULT_GLOBS",
    "DEFAULT_MAX_BYTES",
    "STDIN",
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
#: The input name that means standard input (``newsnlp run -``, ``--input -``).
STDIN = "-"


@dataclass
class Document:
    """One input document: its id (path or id field), text, and an error when it can't be used."""

    id: str
    text: str | None = None
    error: str | None = None
    encoding: str | None = None
    context: dict[str, Any] = field(default_factory=dict)
    #: What was repaired on the way in (bytes that were not UTF-8, lone surrogates).
    notes: list[str] = field(default_factory=list)
    source: Path | None = None  # a file read when processed (a PDF), instead of ``text``

    @property
    def ok(self) -> bool:
        return self.error is None


def decode_bytes(data: bytes, *, name: str = "<bytes>") -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``.

    A byte-order mark, then strict UTF-8, then UTF-16 without a mark, then UTF-8 with a few
    bytes replaced, GB18030 (a superset of GBK and GB2312), Big5 or Latin-1, whichever reads as
    text (see :mod:`newsnlp._decode`). Binary data (NUL bytes or many control characters)
    raises :class:`InputError` rather than decoding to garbage.
    """
    decoded = decode_text(data, name=name)
    return decoded.text, decoded.encoding


_FILE_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def file_kind(mode: int) -> str:
    """What a non-regular file is, in words (for messages)."""
    for test, kind in _FILE_KINDS:
        if test(mode):
            return kind
    return "not a regular file"


def _read_limited(stream: Any, max_bytes: int, name: str, size: int = 0) -> bytes:
    """At most ``max_bytes`` bytes of ``stream``; more is an error, whatever the size said."""
    if not max_bytes:
        return stream.read()
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        shown = size if size > max_bytes else f"more than {max_bytes}"
        raise InputError(Errors.E007.format(path=name, size=shown, limit=max_bytes))
    return data


def read_bytes(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a regular file (or of standard input for ``-``), at most ``max_bytes``.

    A named pipe, a device or a socket is refused before anything is read from it: they may
    never end (``/dev/zero``) or never start (a FIFO nobody writes to).
    """
    if str(path) == STDIN:
        return _read_limited(sys.stdin.buffer, max_bytes, "standard input")
    try:
        # O_NONBLOCK: opening a FIFO would otherwise wait for a writer before we can look at it.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(Errors.E003.format(path=printable_name(str(path)))) from None
    except IsADirectoryError:
        raise InputError(Errors.E008.format(path=printable_name(str(path)))) from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(Errors.E008.format(path=printable_name(str(path))))
        if not stat.S_ISREG(info.st_mode):
            raise InputError(Errors.E067.format(path=printable_name(str(path)), kind=file_kind(info.st_mode)))
        os.set_blocking(fd, True)
        return _read_limited(handle, max_bytes, printable_name(str(path)), info.st_size)


def read_text_file(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, str]:
    """Read a text file in any supported encoding; return ``(text, encoding)``.

    Raises :class:`InputError` for a missing path, a folder, something that is not a regular
    file, more than ``max_bytes`` bytes, binary content or an undecodable encoding.
    """
    data = read_bytes(path, max_bytes=max_bytes)
    return decode_bytes(data, name=printable_name(str(path)))


def _document_from_file(path: Path | str, max_bytes: int) -> Document:
    name = "<stdin>" if str(path) == STDIN else printable_name(str(path))
    if str(path) != STDIN and Path(path).suffix.lower() == ".pdf" and Path(path).is_file():
        return Document(id=name, source=Path(path))  # read page by page when processed
    try:
        decoded = decode_text(read_bytes(path, max_bytes=max_bytes), name=name)
    except InputError as exc:
        return Document(id=name, error=str(exc))
    except OSError as exc:
        return Document(id=name, error=f"Could not read {name}: {exc.strerror or exc}")
    if not decoded.text.strip():
        return Document(id=name, error=Errors.E006, encoding=decoded.encoding)
    return Document(id=name, text=decoded.text, encoding=decoded.encoding, notes=decoded.notes)


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
    exclude: Sequence[str | Path] = (),
) -> Iterator[Document]:
    """Yield one :class:`Document` per file, in the order given; folders expand in sorted order.

    ``-`` is standard input. A file a folder expands to that is one of ``exclude`` (this run's
    output, say ``-o pages/report.md`` with ``pages/`` as input) is left out: it is not an input.

    A folder expands to the files matching ``globs`` (recursively with ``recursive=True``); a
    match that is itself a folder (``issue.txt/``) yields an error record, and so does a folder
    with no matching files, so nothing a user pointed at disappears without a word.
    """
    excluded = {os.path.realpath(p) for p in exclude}
    for raw in paths:
        if str(raw) == STDIN:
            yield _document_from_file(STDIN, max_bytes)
            continue
        path = Path(raw)
        if path.is_dir():
            matches = _expand_folder(path, globs, recursive)
            if not matches:
                pattern = ", ".join(globs)
                yield Document(id=str(path), error=f"No files matching {pattern} in folder {path}.")
            for match in matches:
                if match.is_dir():
                    name = printable_name(str(match))
                    yield Document(id=name, error=Errors.E008.format(path=name))
                elif os.path.realpath(match) in excluded:
                    continue  # this run's own output, which the folder's pattern happens to match
                else:
                    yield _document_from_file(match, max_bytes)
        else:
            yield _document_from_file(path, max_bytes)


def _open_table(path: Path) -> Any:
    """A binary stream over a table file (or standard input); refuses what is not a regular file."""
    if str(path) == STDIN:
        return sys.stdin.buffer
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(Errors.E003.format(path=path)) from None
    except IsADirectoryError:
        raise InputError(Errors.E008.format(path=path)) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(Errors.E008.format(path=path))
        raise InputError(Errors.E067.format(path=path, kind=file_kind(info.st_mode)))
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def _csv_rows(path: Path, handle: Any) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    text, _ = decode_bytes(handle.read(), name=str(path))
    # newline="": lone-CR and CRLF line ends are both rows, and quoted fields keep their breaks.
    lines = io.StringIO(text, newline="")
    reader = csv.reader(lines, delimiter="\t" if path.suffix.lower() == ".tsv" else ",")
    # The whole file is in memory already, so no field can be longer than it: lift csv's
    # 131,072-character cap for this read only.
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text) + 1))
    try:
        rows: list[tuple[int, dict[str, Any] | None, str | None]] = []
        header: list[str] | None = None
        number = 1  # records are numbered as before: the header is 1, blank rows don't count
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                number += 1
                rows.append((number, None, Errors.E070.format(line=number, path=path, reason=exc)))
                continue
            if header is None:
                header = row
                continue
            if not row:
                continue
            number += 1
            if len(row) != len(header):
                reason = f"it has {len(row)} fields and the header {len(header)}"
                rows.append((number, None, Errors.E070.format(line=number, path=path, reason=reason)))
                continue
            rows.append((number, dict(zip(header, row)), None))
    finally:
        csv.field_size_limit(limit)
    yield from rows


def _table_rows(
    path: Path, *, byte_range: tuple[int, int] | None = None, first_line: int = 1
) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """Yield ``(line_number, record, error)`` for a .jsonl/.json-lines or .csv/.tsv file.

    Every record that cannot be read gives an error (never an exception), and reading goes on.
    ``byte_range=(start, stop)`` reads only the JSONL lines in those bytes (a shard of a large
    file; ``start`` must begin a line, numbered ``first_line``).
    """
    handle = _open_table(path)
    with handle if handle is not sys.stdin.buffer else contextlib.nullcontext():
        if path.suffix.lower() in (".csv", ".tsv"):
            yield from _csv_rows(path, handle)
            return
        lines: Iterable[bytes] = handle
        if byte_range is not None:
            handle.seek(byte_range[0])
            lines = io.BytesIO(handle.read(byte_range[1] - byte_range[0]))
        for number, raw in enumerate(lines, start=first_line):
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
            except ValueError as exc:  # a number with thousands of digits, …
                yield number, None, Errors.E010.format(line=number, path=path, reason=exc)
                continue
            except RecursionError:
                yield number, None, Errors.E010.format(line=number, path=path, reason="nested too deeply")
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
    byte_range: tuple[int, int] | None = None,
    first_line: int = 1,
) -> Iterator[Document]:
    """Yield one :class:`Document` per record of a JSONL (or CSV/TSV) file, in file order.

    ``id`` is the record's ``id_field`` value; without ``id_field``, its ``"id"`` when it has one;
    else (or when the value is missing or empty) ``path:line``. ``context`` holds the
    ``context_fields`` values (for example a title field). A record without the text field, or
    whose line is not valid JSON, yields a Document with ``error``. ``-`` reads standard input
    (JSON Lines). Lone surrogates in texts become U+FFFD (noted in ``notes``); a text with a
    NUL or many control characters is binary, as a file would be.
    ``byte_range`` and ``first_line`` read one slice of a JSONL file (see :func:`_table_rows`).
    """
    p = Path(path)
    for number, record, error in _table_rows(p, byte_range=byte_range, first_line=first_line):
        fallback_id = f"{p}:{number}"
        if record is None:
            yield Document(id=fallback_id, error=error)
            continue
        value = record.get(id_field or "id")
        doc_id = fallback_id if value is None or str(value).strip() == "" else escape_lone_surrogates(str(value))
        context = {name: _clean_value(record.get(name)) for name in context_fields}
        if text_field not in record:
            fields = ", ".join(sorted(map(str, record))) or "none"
            message = Errors.E011.format(line=number, path=p, field=text_field, fields=fields)
            yield Document(id=doc_id, error=message, context=context)
            continue
        text = record[text_field]
        if not isinstance(text, str):
            message = Errors.E012.format(field=text_field, line=number, path=p, type=type(text).__name__)
            yield Document(id=doc_id, error=message, context=context)
            continue
        text, replaced = replace_lone_surrogates(text)
        notes = [f"{replaced} lone surrogate(s) replaced with U+FFFD"] if replaced else []
        if not text.strip():
            yield Document(id=doc_id, error=Errors.E006, context=context)
        elif looks_binary(text):
            name = f"The text of record {number} in {p}"
            yield Document(id=doc_id, error=Errors.E005.format(path=name), context=context)
        else:
            yield Document(id=doc_id, text=text, context=context, notes=notes)


def _clean_value(value: Any) -> Any:
    """A context value that can be written as UTF-8 (strings lose their lone surrogates)."""
    if isinstance(value, str):
        return replace_lone_surrogates(value)[0]
    if isinstance(value, (list, dict)):
        try:
            json.dumps(value, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            return json.loads(replace_lone_surrogates(json.dumps(value, ensure_ascii=False))[0])
    return value


def read_table(path: str | Path, *, fields: Sequence[str]) -> list[dict[str, Any]]:
    """Read every record of a JSONL/CSV/TSV file, checking that ``fields`` are present.

    Raises :class:`InputError` naming the first missing field and the fields that exist, or the
    first line that is not valid JSON. Lone surrogates in the values become U+FFFD.
    """
    p = Path(path)
    rows: list[dict[str, Any]] = []
    for _number, record, error in _table_rows(p):
        if record is None:
            raise InputError(error)
        missing = [name for name in fields if name not in record]
        if missing:
            present = ", ".join(sorted(map(str, record))) or "none"
            raise InputError(Errors.E013.format(field=missing[0], path=p, fields=present))
        rows.append({key: _clean_value(value) for key, value in record.items()})
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
    exclude: Sequence[str | Path] = (),
) -> Iterator[Document]:
    """All documents of a command line: the ``--input`` table first, then files and folders.

    The options are checked now (a usage error raises :class:`InputError` at once); the files
    are read lazily, as the documents are taken. ``exclude`` names this run's output, never
    read as an input even when a folder's pattern matches it.
    """
    if max_bytes is None or max_bytes < 1:
        raise InputError(Errors.E055.format(name="max_bytes", value=max_bytes, expected="give a positive number of bytes"))
    for pattern in globs:
        if not pattern or Path(pattern).is_absolute() or pattern.startswith(("/", "\\")):
            raise InputError(Errors.E074.format(pattern=pattern))
    return _iter_documents(
        paths, input_path=input_path, text_field=text_field, id_field=id_field,
        context_fields=context_fields, recursive=recursive, globs=globs, max_bytes=max_bytes, exclude=exclude,
    )


def _iter_documents(
    paths: Sequence[str | Path],
    *,
    input_path: str | Path | None,
    text_field: str,
    id_field: str | None,
    context_fields: Sequence[str],
    recursive: bool,
    globs: Sequence[str],
    max_bytes: int,
    exclude: Sequence[str | Path],
) -> Iterator[Document]:
    if input_path is not None:
        yield from iter_table_documents(
            input_path, text_field=text_field, id_field=id_field, context_fields=context_fields
        )
    if paths:
        yield from iter_path_documents(paths, recursive=recursive, globs=globs, max_bytes=max_bytes, exclude=exclude)
