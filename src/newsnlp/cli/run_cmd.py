"""``newsnlp run``: the whole pipeline over files, folders and JSONL, one record per input."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from newsnlp.cli._common import add_input_options

__all__ = ["add_parser", "run"]


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "run",
        help="segment, classify, keyword and summarize every article of many pages",
        description="Run the whole pipeline. Every input document gives exactly one record, in input order; "
        "a document that fails gives a record with 'error' and the batch goes on (exit code 1).",
    )
    add_input_options(parser)
    parser.add_argument("--recursive", action="store_true", help="descend into sub-folders")
    parser.add_argument("--glob", action="append", metavar="PATTERN", help='files taken from folders (default: "*.txt" and "*.md"; repeatable)')
    parser.add_argument("-o", "--output", metavar="OUT", help="out.jsonl (one file) or out_dir/ (one file per document); default: standard output")
    parser.add_argument("--format", choices=("jsonl", "md", "csv"), default="jsonl")
    parser.add_argument("--workers", type=int, default=1, metavar="N", help="worker processes (-1: all CPUs)")
    parser.add_argument("--resume", action="store_true", help="skip inputs already in the output")
    parser.add_argument("--force", action="store_true", help="overwrite an existing output (else: --resume, or an error)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar, notes or report")
    parser.add_argument("--config", metavar="RUN.toml", help="a saved pipeline configuration")
    parser.add_argument("--save-config", metavar="RUN.toml", help="write the configuration used, to repeat the run")
    parser.add_argument("--classifier", metavar="PATH", help='topic model: "default", a model file, or "none"')
    parser.add_argument("--trust-pickle", action="store_true", help="allow a pickled topic model (runs code when loaded)")
    parser.add_argument("--summarizer", choices=("extractive", "lead", "transformer"))
    parser.add_argument("--model", metavar="M", help="transformer model path or name (with --summarizer transformer)")
    parser.add_argument("--max-chars", type=int, metavar="N", help="summary budget in characters (default 150)")
    parser.add_argument("--disable", action="append", choices=("classify", "keywords", "summarize"), help="skip a stage (repeatable)")
    parser.add_argument("--layout", choices=("auto", "markdown", "epaper", "plain"))
    parser.add_argument("--max-bytes", type=int, default=None, metavar="N", help="refuse files larger than this (default 16 MB)")
    return parser


def _options(args: argparse.Namespace) -> dict[str, Any]:
    options: dict[str, Any] = {}
    if args.classifier is not None:
        options["classifier"] = None if args.classifier.lower() == "none" else args.classifier
    if args.trust_pickle:
        options["trust_pickle"] = True
    if args.summarizer:
        options["summarizer"] = args.summarizer
    if args.model:
        options["transformer_model"] = args.model
    if args.max_chars:
        options["summary_max_chars"] = args.max_chars
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
    base = PipelineConfig.from_toml(args.config) if args.config else PipelineConfig()
    config = PipelineConfig.from_dict({**base.to_dict(), **_options(args)})
    nlp = Pipeline(config)  # resources load here, once, before any worker starts
    try:  # after loading (limits apply to loaded libraries): this process (and each worker) uses one BLAS thread: parallelism comes from --workers
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
    except ImportError:  # pragma: no cover - threadpoolctl comes with scikit-learn
        pass
    if args.save_config:
        Path(args.save_config).write_text(config.to_toml(), encoding="utf-8")
    documents = iter_documents(
        args.files,
        input_path=args.input,
        text_field=args.text_field,
        id_field=args.id_field,
        recursive=args.recursive,
        globs=tuple(args.glob) if args.glob else DEFAULT_GLOBS,
        max_bytes=args.max_bytes or DEFAULT_MAX_BYTES,
        exclude=[args.output] if args.output else [],  # the output is never read as an input
    )
    sink = open_sink(args.output, fmt=args.format, resume=args.resume, inputs=[*args.files, args.input], force=args.force)
    show = not args.quiet and sys.stderr.isatty()
    progress = None
    if show:
        from tqdm import tqdm

        progress = tqdm(unit="doc", desc="newsnlp run", file=sys.stderr, dynamic_ncols=True)
    chars = [0]

    def on_record(outcome: Outcome) -> None:
        characters = outcome.characters
        if not args.quiet and outcome.encoding:
            note = f"note: {outcome.id} decoded as {outcome.encoding}"
            (progress.write(note, file=sys.stderr) if progress else print(note, file=sys.stderr))
        if progress is not None:
            chars[0] += characters
            progress.update(1)
            elapsed = progress.format_dict.get("elapsed") or 1e-9
            progress.set_postfix_str(f"{chars[0] / elapsed / 1000:.0f}k chars/s", refresh=False)

    try:
        report = run_batch(nlp, documents, sink, fmt=args.format, workers=args.workers, on_record=on_record)
    finally:
        if progress is not None:
            progress.close()
    if not args.quiet:
        for doc_id, path in getattr(sink, "renamed", []):
            print(f"note: {doc_id} shares its output name with an earlier document; written to {path}", file=sys.stderr)
        print(report.summary(), file=sys.stderr)
    return 1 if report.errors else 0
