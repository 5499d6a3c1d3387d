"""``newsnlp report``: one self-contained HTML page of a batch's records, to look at and check by eye.

    newsnlp run pages/ -o out.jsonl && newsnlp report out.jsonl -o report.html
    newsnlp run --input pages.jsonl -o out.jsonl && newsnlp report out.jsonl --text pages.jsonl -o report.html
"""

from __future__ import annotations

import argparse
import sys
import time

__all__ = ["add_parser", "run"]


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "report",
        help="an HTML report of output records: topics, articles, page views",
        description="Write one self-contained HTML file (opens offline) from the JSONL that "
        "`newsnlp run -o` wrote: overview, topic charts, a sortable and filterable article table, "
        "and page views with each line's part and every repaired column break marked.",
    )
    parser.add_argument("records", nargs="+", metavar="OUT.jsonl", help="output of newsnlp run: JSONL files, or the folder of `-o out_dir/`")
    parser.add_argument("-o", "--output", default="report.html", metavar="REPORT.html", help="the HTML file to write (default: report.html)")
    parser.add_argument("--pages", type=int, default=None, metavar="N", help="page views for the first N documents (default 200; 0: none)")
    parser.add_argument("--text", metavar="PAGES.jsonl", help="the JSONL the records were made from, to lay pages out from their text (file inputs are read from the paths in the ids)")
    parser.add_argument("--text-field", default="text", metavar="F", help="field of --text holding the page text (default: text)")
    parser.add_argument("--id-field", default=None, metavar="I", help="field of --text holding the id, as given to newsnlp run (default: 'id' when records have it, else FILE:LINE)")
    parser.add_argument("--date-field", default=None, metavar="F", help="field holding each document's date (in the record's context or in --text); default: a date in the id")
    parser.add_argument("--title", default=None, help='the report\'s title (default: "newsnlp report")')
    parser.add_argument("--quiet", action="store_true", help="no closing line")
    return parser


def run(args: argparse.Namespace) -> int:
    from newsnlp.reporting import DEFAULT_PAGES, report

    began = time.perf_counter()
    stats = report(
        list(args.records),
        args.output,
        pages=DEFAULT_PAGES if args.pages is None else args.pages,
        date_field=args.date_field,
        texts=args.text,
        text_field=args.text_field,
        id_field=args.id_field,
        title=args.title,
    )
    if not args.quiet:
        print(
            f"newsnlp report: {stats.path} ({stats.bytes / 1e6:.1f} MB): {stats.documents:,} documents, "
            f"{stats.articles:,} articles, {stats.errors:,} errors, {stats.pages:,} page views, "
            f"{stats.repairs:,} repaired column breaks shown; {time.perf_counter() - began:.1f} s",
            file=sys.stderr,
        )
    return 0
