"""Labelled training data as public corpora ship it: JSONL, CSV, or TSV with or without a header.

:func:`read_training_table` reads one file into rows of the fields asked for, each with the line
it starts on, so every error names its line:

- ``.jsonl`` / ``.json`` / ``.ndjson``: one JSON object per line; a record without a field is
  ``E011`` with its line number;
- ``.csv``: comma-separated; ``.tsv``, ``.tab`` and ``.txt``: tab-separated (THUCNews, cnews and
  most Chinese topic corpora are ``label<TAB>text`` or ``text<TAB>label`` lines in a ``.txt``);
- ``header=False`` (CLI ``--no-header``): the first line is data and fields are named by number,
  1 being the first column (``--text-field 2 --label-field 1``); with a header a number that is
  not a column name also picks a column by position;
- a quoted field that is never closed is a parse error naming the line where it opened, not one
  giant field that swallows the rest of the file.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from pathlib import Path

from newsnlp.errors import Errors, InputError

__all__ = ["DELIMITED_SUFFIXES", "JSONL_SUFFIXES", "TrainingRow", "read_training_table"]

JSONL_SUFFIXES = (".jsonl", ".json", ".ndjson")
#: Suffix -> delimiter of delimited text.
DELIMITED_SUFFIXES = {".csv": ",", ".tsv": "\t", ".tab": "\t", ".txt": "\t"}


class TrainingRow(dict):  # type: ignore[type-arg]
    """The fields asked for, by the name they were asked by; ``line`` is where the record starts."""

    line: int = 0


def _decode(path: Path) -> str:
    from newsnlp.io import decode_bytes

    text, _ = decode_bytes(path.read_bytes(), name=str(path))
    return text


def _jsonl_rows(path: Path, fields: Sequence[str]) -> Iterator[TrainingRow]:
    for number, raw in enumerate(path.read_bytes().split(b"\n"), start=1):
        try:  # JSON is UTF-8 (as newsnlp.io reads JSONL); a first-line BOM is allowed
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(Errors.E010.format(line=number, path=path, reason="not UTF-8")) from exc
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(Errors.E010.format(line=number, path=path, reason=exc.msg)) from exc
        if not isinstance(record, dict):
            raise InputError(Errors.E010.format(line=number, path=path, reason="a JSON object is expected on each line"))
        row = TrainingRow()
        for name in fields:
            if name not in record:
                present = ", ".join(sorted(record)) or "none"
                raise InputError(Errors.E011.format(line=number, path=path, field=name, fields=present))
            row[name] = record[name]
        row.line = number
        yield row


def _records(text: str, delimiter: str, path: Path) -> Iterator[tuple[int, list[str]]]:
    """``(first line, fields)`` of each non-blank record; an unclosed quote is E082."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    while True:
        start = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(Errors.E082.format(line=start, path=path, reason=exc)) from exc
        if any(value.strip() for value in fields):
            yield start, fields


def _column(name: str, header: list[str] | None, path: Path, option: str) -> int:
    if header is not None and name in header:
        return header.index(name)
    if name.isdigit() and int(name) >= 1:
        return int(name) - 1
    if header is None:
        raise InputError(Errors.E083.format(option=option, value=name))
    raise InputError(Errors.E013.format(field=name, path=path, fields=", ".join(header) or "none"))


def _delimited_rows(
    path: Path, fields: Sequence[str], options: Sequence[str], delimiter: str, header: bool
) -> Iterator[TrainingRow]:
    records = _records(_decode(path), delimiter, path)
    names: list[str] | None = None
    if header:
        first = next(records, None)
        if first is None:
            return
        names = [name.strip().lstrip("\ufeff") for name in first[1]]
    columns = [_column(name, names, path, option) for name, option in zip(fields, options, strict=True)]
    for line, values in records:
        row = TrainingRow()
        for name, option, column in zip(fields, options, columns, strict=True):
            if column >= len(values):
                raise InputError(Errors.E084.format(line=line, path=path, count=len(values), option=option,
                                                    value=name, delimiter=repr(delimiter)))
            row[name] = values[column]
        row.line = line
        yield row


def read_training_table(
    path: str | Path,
    fields: Sequence[str],
    *,
    header: bool = True,
    options: Sequence[str] | None = None,
) -> list[TrainingRow]:
    """Every record of a labelled file, as the ``fields`` asked for (see the module docstring).

    ``options`` names the command-line option of each field (``--text-field`` …) for messages.
    Raises :class:`~newsnlp.errors.InputError` naming the file and line of the first problem.
    """
    p = Path(path)
    if p.is_dir():
        raise InputError(Errors.E008.format(path=p))
    if not p.exists():
        raise InputError(Errors.E003.format(path=p))
    options = list(options) if options is not None else [f"field {name!r}" for name in fields]
    suffix = p.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        if not header:
            raise InputError(Errors.E085.format(path=p))
        return list(_jsonl_rows(p, fields))
    delimiter = DELIMITED_SUFFIXES.get(suffix)
    if delimiter is None:  # an unknown suffix: JSONL when it looks like it, else tabs or commas
        sample = _decode(p).lstrip()[:4096]
        if sample.startswith("{") and header:
            return list(_jsonl_rows(p, fields))
        delimiter = "\t" if "\t" in sample.split("\n", 1)[0] else ","
    return list(_delimited_rows(p, fields, options, delimiter, header))

