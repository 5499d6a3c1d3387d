"""The progress bar of ``newsnlp run``: documents done of how many, an ETA, characters per second."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = ["count_path_inputs", "count_table_records", "open_progress"]


def count_table_records(path: str) -> int | None:
    """Records in a JSONL file (its non-blank lines); ``None`` for CSV, where a record may span lines."""
    p = Path(path)
    if p.suffix.lower() not in (".jsonl", ".ndjson", ".json", ".txt"):
        return None
    try:
        with p.open("rb") as handle:
            return sum(1 for line in handle if line.strip())
    except OSError:
        return None


def count_path_inputs(paths: Sequence[str], *, recursive: bool, globs: Sequence[str]) -> int:
    """How many documents files and folders give (one per file; a folder, its matching files).

    Mirrors :func:`newsnlp.io.iter_path_documents`, which yields one document per match and one
    error record for a folder with no match. Only names are listed; nothing is read.
    """
    total = 0
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found: set[Path] = set()
            for pattern in globs:
                found.update(path.rglob(pattern) if recursive else path.glob(pattern))
            total += max(len(found), 1)
        else:
            total += 1
    return total


#: Size assumed for a terminal that does not tell its own (a pseudo-terminal opened without a
#: size reports 0 x 0, and tqdm draws no bar as wide as that, nor on row 0 of 0).
FALLBACK_COLUMNS, FALLBACK_ROWS = 80, 24


def open_progress(total: int | None) -> Any:
    """A tqdm bar on standard error; with ``total`` it shows n/total and the time left."""
    from tqdm import tqdm

    try:
        sized = os.get_terminal_size(sys.stderr.fileno()).columns > 0
    except (OSError, ValueError):
        sized = False
    size: dict[str, Any] = {"dynamic_ncols": True} if sized else {"ncols": FALLBACK_COLUMNS, "nrows": FALLBACK_ROWS}
    return tqdm(total=total, unit="doc", desc="newsnlp run", file=sys.stderr, **size)
