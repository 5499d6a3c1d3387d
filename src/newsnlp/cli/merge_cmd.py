"""``newsnlp merge``: join the part files of ``newsnlp run --engine ray`` into one JSONL file."""

from __future__ import annotations

import argparse
import sys

__all__ = ["add_parser", "run"]


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "merge",
        help="join the output folder of a sharded run (--engine ray) into one JSONL file",
        description="Write every record of OUT_DIR in input order: the same bytes a local `newsnlp run -o all.jsonl` "
        "writes for the same inputs, then the same closing report. Every shard must be done "
        "(finish an interrupted run with --resume first).",
    )
    parser.add_argument("folder", metavar="OUT_DIR", help="the folder given to `newsnlp run --engine ray -o`")
    parser.add_argument("-o", "--output", required=True, metavar="ALL.jsonl", help="the merged JSONL file")
    parser.add_argument("--quiet", action="store_true", help="no closing report")
    return parser


def run(args: argparse.Namespace) -> int:
    from newsnlp.engines import merge_parts

    report = merge_parts(args.folder, args.output)
    if not args.quiet:
        print(report.summary(output=args.output), file=sys.stderr)
    return 1 if report.errors else 0
