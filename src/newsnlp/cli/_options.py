"""Options several commands share, with one name per idea, and the old spellings that still work.

Names follow :class:`~newsnlp.config.PipelineConfig`: ``--summarizer`` (config ``summarizer``),
``--transformer-model`` (``transformer_model``), ``--classifier`` (``classifier``),
``--max-chars`` (the summary budget, ``summary_max_chars``), ``--keywords-top-k``
(``keywords_top_k``). An old spelling (``summarize --method``, ``classify --model``, ``--model``
for the transformer, ``--top-k-keywords``) still works and prints a one-line deprecation note.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = [
    "DeprecatedAlias",
    "add_deprecated_alias",
    "add_keep_fields_option",
    "check_workers",
    "format_from_output",
    "keep_fields",
]


class DeprecatedAlias(argparse.Action):
    """An old option spelling: stores into the new option's ``dest`` and says the new name once."""

    def __init__(self, option_strings: Sequence[str], dest: str, *, new: str = "", **kwargs: Any) -> None:
        self.new = new
        super().__init__(option_strings, dest, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any,
                 option_string: str | None = None) -> None:
        print(f"note: {option_string} is deprecated and will be removed; use {self.new}", file=sys.stderr)
        setattr(namespace, self.dest, values)


def add_deprecated_alias(parser: argparse.ArgumentParser, old: str, new: str, dest: str, **kwargs: Any) -> None:
    """Accept ``old`` as a hidden spelling of ``new`` (same ``dest``, same type and choices)."""
    parser.add_argument(old, dest=dest, action=DeprecatedAlias, new=new, help=argparse.SUPPRESS,
                        default=argparse.SUPPRESS, **kwargs)


def add_keep_fields_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--keep-fields", metavar="F1,F2", default="",
        help="JSONL/CSV input: copy these fields of each record into its output record as 'context' "
        "(e.g. --keep-fields date,page,label)",
    )


def keep_fields(args: argparse.Namespace) -> tuple[str, ...]:
    """The ``--keep-fields`` names, in order, without blanks or repeats."""
    names = [name.strip() for name in (getattr(args, "keep_fields", "") or "").split(",")]
    return tuple(dict.fromkeys(name for name in names if name))


def check_workers(workers: int) -> None:
    """``--workers`` is at least 1, or -1 for every CPU: a usage error otherwise, before loading."""
    from newsnlp.errors import ConfigError, Errors

    if workers == 0 or workers < -1:
        raise ConfigError(Errors.E080.format(value=workers))


#: Output formats recognised from the ``-o`` file suffix.
_SUFFIX_FORMATS = {".jsonl": "jsonl", ".json": "jsonl", ".ndjson": "jsonl", ".md": "md", ".markdown": "md", ".csv": "csv"}


def format_from_output(output: str | None, explicit: str | None, allowed: Sequence[str]) -> str:
    """``--format`` when given, else the one ``-o FILE``'s suffix names (``out.csv``), else jsonl."""
    if explicit:
        return explicit
    if output and not output.endswith(("/", "\\")) and not Path(output).is_dir():
        fmt = _SUFFIX_FORMATS.get(Path(output).suffix.lower())
        if fmt in allowed:
            return fmt
    return "jsonl"
