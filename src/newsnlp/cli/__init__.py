"""The ``newsnlp`` command: one sub-command per module, each a thin wrapper over the library.

Each command module defines ``add_parser(subparsers) -> argparse.ArgumentParser`` and
``run(args) -> int``. Errors a user can cause (:class:`~newsnlp.errors.NewsNLPError`) end with one
clear message on standard error and exit code 2, never a traceback. argparse keeps start-up fast:
the heavy libraries are imported inside ``run``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from newsnlp.errors import NewsNLPError

__all__ = ["COMMANDS", "build_parser", "main"]

#: Sub-command name -> module under newsnlp.cli.
COMMANDS: dict[str, str] = {
    "run": "newsnlp.cli.run_cmd",
    "segment": "newsnlp.cli.segment_cmd",
    "classify": "newsnlp.cli.classify_cmd",
    "train": "newsnlp.cli.train_cmd",
    "summarize": "newsnlp.cli.summarize_cmd",
    "report": "newsnlp.cli.report_cmd",
    "merge": "newsnlp.cli.merge_cmd",
}


def build_parser() -> argparse.ArgumentParser:
    from newsnlp import __version__

    parser = argparse.ArgumentParser(
        prog="newsnlp",
        description="Chinese newspaper text: articles, topics, keywords and summaries.",
    )
    parser.add_argument("-V", "--version", action="version", version=f"newsnlp {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in COMMANDS.values():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        sub = module.add_parser(subparsers)
        sub.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 1 some documents failed, 2 usage error)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "_run", None) is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args._run(args) or 0)
    except NewsNLPError as exc:
        print(f"newsnlp {args.command}: error: {exc}", file=sys.stderr)
        return getattr(exc, "exit_code", 2)
    except KeyboardInterrupt as exc:
        print(f"newsnlp {args.command}: {exc or 'interrupted'}", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # an I/O failure no layer below could name better: one line, exit 1
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"newsnlp {args.command}: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1
