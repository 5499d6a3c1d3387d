"""``newsnlp run``: the whole pipeline over files, folders and JSONL, one record per input."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from newsnlp.cli._common import add_input_options, note_table_files
from newsnlp.cli._options import (
    add_deprecated_alias,
    add_keep_fields_option,
    check_workers,
    format_from_output,
    keep_fields,
)
from newsnlp.cli.ray_run import add_engine_options, run_on_ray

FORMATS = ("jsonl", "md", "csv")

__all__ = ["add_parser", "run"]


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "run",
        help="segment, classify, keyword and summarize every article of many pages",
        description="Run the whole pipeline. Every input document gives exactly one record, in input order; "
        "a document that fails gives a record with 'error' and the batch goes on (exit code 1).",
    )
    add_input_options(parser)
    add_keep_fields_option(parser)
    parser.add_argument("--recursive", action="store_true", help="descend into sub-folders")
    parser.add_argument("--glob", action="append", metavar="PATTERN", help='files taken from folders (default: "*.txt" and "*.md"; repeatable)')
    parser.add_argument("-o", "--output", metavar="OUT", help="out.jsonl, out.md or out.csv (one file; the suffix picks the format) or out_dir/ (one file per document); default: standard output")
    parser.add_argument("--format", choices=FORMATS, default=None, help="jsonl, md or csv (default: from the -o suffix, else jsonl)")
    parser.add_argument("--workers", type=int, default=1, metavar="N", help="worker processes (-1: all CPUs)")
    parser.add_argument("--resume", action="store_true", help="skip inputs already in the output")
    parser.add_argument("--force", action="store_true", help="overwrite an existing output (else: --resume, or an error)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar, notes or report")
    parser.add_argument("--config", metavar="RUN.toml", help="a saved pipeline configuration")
    parser.add_argument("--save-config", metavar="RUN.toml", help="write the configuration used, to repeat the run")
    parser.add_argument("--classifier", metavar="PATH", help='topic model: "default", a model file, or "none"')
    parser.add_argument("--trust-pickle", action="store_true", help="allow a pickled topic model (runs code when loaded)")
    parser.add_argument("--summarizer", choices=("extractive", "lead", "transformer"))
    parser.add_argument("--transformer-model", metavar="M", help="transformer model folder or name (with --summarizer transformer)")
    add_deprecated_alias(parser, "--model", "--transformer-model", "transformer_model", metavar="M")
    parser.add_argument("--max-chars", type=int, metavar="N", help="summary budget in characters (default 150)")
    parser.add_argument("--keywords", choices=("tfidf", "textrank"), help="keyword method (default: tfidf)")
    parser.add_argument("--keywords-top-k", type=int, metavar="K", help="keywords per article (default: 10)")
    parser.add_argument("--disable", action="append", choices=("classify", "keywords", "summarize"), help="skip a stage (repeatable)")
    parser.add_argument("--layout", choices=("auto", "markdown", "epaper", "plain"))
    parser.add_argument("--max-bytes", type=int, default=None, metavar="N", help="refuse files larger than this (default 16 MB)")
    add_engine_options(parser)
    return parser


def _options(args: argparse.Namespace) -> dict[str, Any]:
    options: dict[str, Any] = {}
    if args.classifier is not None:
        options["classifier"] = None if args.classifier.lower() == "none" else args.classifier
    if args.trust_pickle:
        options["trust_pickle"] = True
    if args.summarizer:
        options["summarizer"] = args.summarizer
    if getattr(args, "transformer_model", None):
        options["transformer_model"] = args.transformer_model
    if args.max_chars:
        options["summary_max_chars"] = args.max_chars
    if args.keywords:
        options["keywords"] = args.keywords
    if args.keywords_top_k is not None:
        options["keywords_top_k"] = args.keywords_top_k
    if args.disable:
        options["disable"] = sorted(set(args.disable))
    if args.layout:
        options["layout"] = args.layout
    return options


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from newsnlp.batch import Outcome, open_sink, run_batch
    from newsnlp.config import PipelineConfig
    from newsnlp.io import DEFAULT_GLOBS, DEFAULT_MAX_BYTES, iter_documents
    from newsnlp.pipeline import Pipeline

    if not args.files and not args.input:
        from newsnlp.errors import Errors, InputError

        raise InputError(Errors.E009)
    check_workers(args.workers)  # usage errors come before anything loads
    note_table_files(args)
    fmt = format_from_output(args.output, args.format, FORMATS)
    base = PipelineConfig.from_toml(args.config) if args.config else PipelineConfig()
    config = PipelineConfig.from_dict({**base.to_dict(), **_options(args)})
    if args.engine == "ray":  # shards on a Ray cluster; the models load in the workers, not here
        return run_on_ray(args, config)
    nlp = Pipeline(config)  # resources load here, once, before any worker starts
    try:  # after loading (limits apply to loaded libraries): this process (and each worker) uses one BLAS thread: parallelism comes from --workers
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
    except ImportError:  # pragma: no cover - threadpoolctl comes with scikit-learn
        pass
    if args.save_config:
        Path(args.save_config).write_text(config.to_toml(), encoding="utf-8")
    globs = tuple(args.glob) if args.glob else DEFAULT_GLOBS
    documents = iter_documents(
        args.files,
        input_path=args.input,
        text_field=args.text_field,
        id_field=args.id_field,
        context_fields=keep_fields(args),
        recursive=args.recursive,
        globs=globs,
        max_bytes=args.max_bytes or DEFAULT_MAX_BYTES,
        exclude=[args.output] if args.output else [],  # the output is never read as an input
    )
    sink = open_sink(args.output, fmt=fmt, resume=args.resume, inputs=[*args.files, args.input], force=args.force)
    show = not args.quiet and sys.stderr.isatty()
    progress = None
    if show:
        from newsnlp.cli._progress import count_path_inputs, count_table_records, open_progress

        total: int | None = count_path_inputs(args.files, recursive=args.recursive, globs=globs)
        if args.input:
            records = count_table_records(args.input)
            total = None if records is None else total + records
        progress = open_progress(total)
        sink_done = sink.done

        def done(doc_id: str) -> bool:  # documents --resume skips count as done on the bar
            skipped = sink_done(doc_id)
            if skipped:
                progress.update(1)
            return skipped

        sink.done = done
    chars = [0]

    def on_record(outcome: Outcome) -> None:
        characters = outcome.characters
        if not args.quiet and outcome.encoding:
            note = f"note: {outcome.id} decoded as {outcome.encoding}"
            if progress is not None:  # a tqdm bar has no truth value before it knows its total
                progress.write(note, file=sys.stderr)
            else:
                print(note, file=sys.stderr)
        if progress is not None:
            chars[0] += characters
            progress.update(1)
            elapsed = progress.format_dict.get("elapsed") or 1e-9
            progress.set_postfix_str(f"{chars[0] / elapsed / 1000:.0f}k chars/s", refresh=False)

    try:
        report = run_batch(nlp, documents, sink, fmt=fmt, workers=args.workers, on_record=on_record)
    finally:
        if progress is not None:
            progress.close()
    if not args.quiet:
        for doc_id, path in getattr(sink, "renamed", []):
            print(f"note: {doc_id} shares its output name with an earlier document; written to {path}", file=sys.stderr)
        print(report.summary(output=args.output), file=sys.stderr)
    return 1 if report.errors else 0
