"""Reading what a report is made of: output records, their dates, and the page texts they came from.

Records are streamed one at a time from ``newsnlp run`` output (JSON Lines). The page text is not
part of a record unless it was written with it (``Issue.to_dict(include_text=True)``); the report
finds it, in this order, in the record's own ``text``, in the JSONL the records were made from
(``--text pages.jsonl``, its records matched by id exactly as ``newsnlp run --input`` names them),
or in the file the record's id names (``newsnlp run page.txt`` uses the path as the id).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from newsnlp.errors import Errors, InputError

__all__ = ["date_of", "iter_records", "load_source_texts", "read_source_dates", "text_from_file"]

# 2020-01-16, 2020/1/16, 2020.01.16, 2020年1月16日, 20200116 - not inside a longer number.
_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d\d)(?:[-/.年](\d{1,2})[-/.月](\d{1,2})|(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01]))(?!\d)"
)


def _normal_date(value: str) -> str | None:
    for match in _DATE.finditer(value):
        year, month, day = match.group(1), match.group(2) or match.group(4), match.group(3) or match.group(5)
        if 1 <= int(month) <= 12 and 1 <= int(day) <= 31:
            return f"{year}-{int(month):02d}-{int(day):02d}"
    return None


def date_of(record: Mapping[str, Any], *, date_field: str | None = None, known: Mapping[str, str] | None = None) -> str:
    """The record's date as ``YYYY-MM-DD``, or "" when none is known.

    From ``date_field`` (in the record, its ``context``, or ``known``: dates read from the source
    JSONL by id), else from a date written in the id (``…/2020-01-16/…``, ``20200116-01``).
    """
    if date_field:
        for holder in (record, record.get("context") or {}):
            value = holder.get(date_field)
            if value is not None and (date := _normal_date(str(value))):
                return date
        if known and (value := known.get(str(record.get("id")))):
            return value
    return _normal_date(str(record.get("id") or "")) or ""


def _rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    from newsnlp.io import _table_rows

    for number, record, error in _table_rows(path):
        if record is None:
            raise InputError(error)
        yield number, record


def _record_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The files named, a folder standing for its ``*.json``/``*.jsonl`` files (``newsnlp run -o out_dir/``)."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            yield from sorted(p for p in path.iterdir() if p.suffix in (".json", ".jsonl") and not p.name.startswith(".") and p.is_file())
        elif path.is_file():
            yield path
        else:
            raise InputError(Errors.E003.format(path=path))


def iter_records(paths: Iterable[str | Path]) -> Iterator[dict[str, Any]]:
    """Stream the records of ``newsnlp run`` output (JSONL files, or a folder of one file per
    document), checking each is a newsnlp record."""
    for path in _record_files(paths):
        for number, record in _rows(path):
            if "articles" not in record and "error" not in record:
                fields = ", ".join(sorted(record)[:8]) or "none"
                raise InputError(Errors.E106.format(line=number, path=path, fields=fields))
            yield record


def _source_id(record: dict[str, Any], path: Path, number: int, id_field: str | None) -> str:
    value = record.get(id_field or "id")
    return f"{path}:{number}" if value is None or str(value).strip() == "" else str(value)


def read_source_dates(path: str | Path, *, date_field: str, id_field: str | None = None) -> dict[str, str]:
    """``id -> date`` for the records of the source JSONL that carry ``date_field``."""
    p = Path(path)
    if not p.is_file():
        raise InputError(Errors.E003.format(path=p))
    dates: dict[str, str] = {}
    for number, record in _rows(p):
        value = record.get(date_field)
        if value is not None and (date := _normal_date(str(value))):
            dates[_source_id(record, p, number, id_field)] = date
    return dates


def load_source_texts(
    path: str | Path, wanted: set[str], *, text_field: str = "text", id_field: str | None = None
) -> dict[str, str]:
    """The texts of the ``wanted`` ids from the source JSONL (only those are kept in memory)."""
    p = Path(path)
    if not p.is_file():
        raise InputError(Errors.E003.format(path=p))
    texts: dict[str, str] = {}
    for number, record in _rows(p):
        doc_id = _source_id(record, p, number, id_field)
        value = record.get(text_field)
        if doc_id in wanted and isinstance(value, str):
            texts.setdefault(doc_id, value)
    return texts


def text_from_file(doc_id: str, *, max_bytes: int = 16 * 1024 * 1024) -> str | None:
    """The text of the file a record's id names, decoded as ``newsnlp run`` decodes it; None if absent."""
    from newsnlp.io import decode_bytes

    path = Path(doc_id)
    try:
        if not path.is_file() or path.stat().st_size > max_bytes:
            return None
        text, _ = decode_bytes(path.read_bytes(), name=str(path))
    except (OSError, ValueError):
        return None
    return text
