"""``newsnlp segment``: split pages into articles; one JSONL record per input, in input order."""

from __future__ import annotations

import argparse

from newsnlp.cli._common import add_input_options, add_output_option, documents_from_args, dumps_record, open_output
from newsnlp.formats import error_record, issue_markdown, issue_record
from newsnlp.segment.show import segment_markdown

__all__ = ["add_parser", "run"]


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "segment",
        help="split newspaper pages into articles",
        description="Split pages into articles. Writes one JSON record per input document, in input order: "
        '{"id", "articles": [...], "unassigned": [...]} or {"id", "error"}.',
    )
    add_input_options(parser)
    add_output_option(parser)
    parser.add_argument("--format", choices=("jsonl", "md"), default=None, help="jsonl, or md for people: each article's fields and paragraphs, ⏎ where a column-break cut was joined (default: from the -o suffix, else jsonl)")
    parser.add_argument("--layout", choices=("auto", "markdown", "epaper", "plain"), default="auto")
    parser.add_argument("--recursive", action="store_true", help="descend into sub-folders")
    return parser


def run(args: argparse.Namespace) -> int:
    from newsnlp.cli._options import format_from_output
    from newsnlp.config import PipelineConfig
    from newsnlp.errors import NewsNLPError
    from newsnlp.pipeline import Pipeline

    fmt = format_from_output(args.output, args.format, ("jsonl", "md"))
    nlp = Pipeline(PipelineConfig(layout=args.layout, disable=["classify", "keywords", "summarize"]))
    failures = 0
    with open_output(args.output, args) as out:
        for doc in documents_from_args(args):
            issue = None
            if doc.error is not None:
                record = error_record(doc.id, doc.error)
            else:
                try:
                    issue = nlp(doc.source or doc.text or "")
                    record = issue_record(doc.id, issue, encoding=doc.encoding)
                except NewsNLPError as exc:
                    record = error_record(doc.id, str(exc))
            failures += "error" in record
            if fmt != "md":
                out.write(dumps_record(record))
            elif issue is None or "error" in record:
                out.write(issue_markdown(record))
            else:
                out.write(segment_markdown(record, issue))  # paragraphs too, ⏎ at repaired cuts
            out.flush()
    return 1 if failures else 0
