"""Helpers every sub-command shares: input options, output streams, one record per input."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from newsnlp.errors import Errors, InputError
from newsnlp.io import Document, iter_documents

__all__ = [
    "add_input_options",
    "add_output_option",
    "documents_from_args",
    "dumps_record",
    "open_output",
    "warn",
]


def add_input_options(parser: argparse.ArgumentParser, *, files: bool = True, id_field: bool = True) -> None:
    """``FILE...`` (optional), ``--input F.jsonl``, ``--text-field``, ``--id-field``."""
    if files:
        parser.add_argument("files", nargs="*", metavar="FILE", help="text files (.txt/.md) or folders")
    parser.add_argument("--input", metavar="F.jsonl", help="a JSONL (or CSV) file with one document per record")
    parser.add_argument("--text-field", default="text", metavar="F", help="field holding the text (default: text)")
    if id_field:
        parser.add_argument("--id-field", default=None, metavar="I", help="field holding the document id (default: 'id' when records have it, else FILE:LINE)")


def add_output_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")


def documents_from_args(args: argparse.Namespace, *, context_fields: tuple[str, ...] = ()) -> Iterator[Document]:
    """Documents named on the command line, in order; a usage error when none were named."""
    files = list(getattr(args, "files", None) or [])
    if not files and not args.input:
        raise InputError(Errors.E009)
    if args.input and not Path(args.input).exists():
        raise InputError(Errors.E003.format(path=args.input))
    yield from iter_documents(
        files,
        input_path=args.input,
        text_field=args.text_field,
        id_field=getattr(args, "id_field", None),
        context_fields=context_fields,
        recursive=getattr(args, "recursive", False),
    )


def dumps_record(record: dict[str, Any]) -> str:
    """One JSONL line (UTF-8 text kept readable, no ASCII escapes)."""
    return json.dumps(record, ensure_ascii=False) + "\n"


@contextmanager
def open_output(path: str | None) -> Iterator[TextIO]:
    """Standard output, or ``path`` written through a temporary file and renamed when done.

    The rename makes the file appear whole or not at all: an interrupted run never leaves a
    half-written output file behind.
    """
    if not path or path == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.partial")
    try:
        with tmp.open("w", encoding="utf-8", newline="\n") as handle:
            yield handle
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, target)


def warn(message: str) -> None:
    print(message, file=sys.stderr)
