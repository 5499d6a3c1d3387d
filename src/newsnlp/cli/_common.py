"""Helpers every sub-command shares: input options, output streams, one record per input."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from newsnlp.errors import Errors, InputError
from newsnlp.io import STDIN, Document, iter_documents
from newsnlp.outputs import open_text_output

__all__ = [
    "add_input_options",
    "add_output_option",
    "documents_from_args",
    "dumps_record",
    "input_paths",
    "note_table_files",
    "open_output",
    "warn",
]


def add_input_options(parser: argparse.ArgumentParser, *, files: bool = True, id_field: bool = True) -> None:
    """``FILE...`` (optional), ``--input F.jsonl``, ``--text-field``, ``--id-field``."""
    if files:
        parser.add_argument("files", nargs="*", metavar="FILE", help="text files (.txt/.md) or folders; - reads standard input")
    parser.add_argument("--input", metavar="F.jsonl", help="a JSONL (or CSV) file with one document per record; - reads JSON Lines from standard input")
    parser.add_argument("--text-field", default="text", metavar="F", help="field holding the text (default: text)")
    if id_field:
        parser.add_argument("--id-field", default=None, metavar="I", help="field holding the document id (default: 'id' when records have it, else FILE:LINE)")


def add_output_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    add_force_option(parser)


def add_force_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--force", action="store_true", help="overwrite an existing output file")


def input_paths(args: argparse.Namespace) -> list[str]:
    """Every input named on the command line (files, folders, --input): an output may be none of them."""
    return [*(getattr(args, "files", None) or []), *([args.input] if getattr(args, "input", None) else [])]


#: Suffixes of files that hold one document per record: read as records only with ``--input``.
TABLE_SUFFIXES = (".jsonl", ".csv", ".tsv")


def note_table_files(args: argparse.Namespace) -> None:
    """A note for each ``FILE`` that looks like records (``pages.jsonl``): a FILE is read as one
    text document, which a new user rarely means for a JSONL file; ``--input`` reads records."""
    if getattr(args, "quiet", False):
        return
    for name in getattr(args, "files", None) or []:
        if name.lower().endswith(TABLE_SUFFIXES) and Path(name).is_file():
            warn(f"note: {name} is read as one text document; for one document per record use --input {name}")


def documents_from_args(args: argparse.Namespace, *, context_fields: tuple[str, ...] = ()) -> Iterator[Document]:
    """Documents named on the command line, in order; a usage error when none were named."""
    files = list(getattr(args, "files", None) or [])
    if not files and not args.input:
        raise InputError(Errors.E009)
    note_table_files(args)
    if args.input and args.input != STDIN and not Path(args.input).exists():
        raise InputError(Errors.E003.format(path=args.input))
    yield from iter_documents(
        files,
        input_path=args.input,
        text_field=args.text_field,
        id_field=getattr(args, "id_field", None),
        context_fields=context_fields,
        recursive=getattr(args, "recursive", False),
        exclude=[args.output] if getattr(args, "output", None) else [],
    )


def dumps_record(record: dict[str, Any]) -> str:
    """One JSONL line (UTF-8 text kept readable, no ASCII escapes)."""
    return json.dumps(record, ensure_ascii=False) + "\n"


@contextmanager
def open_output(path: str | None, args: argparse.Namespace | None = None) -> Iterator[TextIO]:
    """Standard output, or ``path`` opened safely (:func:`newsnlp.outputs.open_text_output`).

    With the command's ``args``, the output may not be one of its inputs, and an existing file
    is only replaced with ``--force``. A regular file is written through a temporary file and
    renamed when done, so an interrupted run never leaves a half-written output behind.
    """
    inputs = input_paths(args) if args is not None else []
    force = bool(getattr(args, "force", False))
    with open_text_output(path, inputs=inputs, force=force) as handle:
        yield handle


def warn(message: str) -> None:
    print(message, file=sys.stderr)
