"""``newsnlp run --engine ray``: the options of the Ray engine and the run itself.

Kept apart from ``run_cmd`` so the local engine's command stays as it is; Ray is imported only
when a run starts, and without the ``ray`` extra the command says in one line how to install it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from newsnlp.config import PipelineConfig
from newsnlp.errors import Errors, InputError, NewsNLPError

__all__ = ["add_engine_options", "run_on_ray"]


def add_engine_options(parser: argparse.ArgumentParser) -> None:
    """``--engine``, ``--address``, ``--shard-size``, ``--gpu-workers``."""
    group = parser.add_argument_group("engine", "where the work runs (--engine ray: pip install 'newsnlp[ray]')")
    group.add_argument("--engine", choices=("local", "ray"), default="local",
                       help="local: worker processes on this machine (default); ray: shards on a Ray cluster, -o OUT_DIR/")
    group.add_argument("--address", metavar="ADDR", help='Ray cluster: "auto", "ray://head:10001"; default: the running one, else a local one')
    group.add_argument("--shard-size", type=int, default=None, metavar="N", help="lines of a JSONL/CSV input per shard (default 1000)")
    group.add_argument("--gpu-workers", type=int, default=0, metavar="N",
                       help="with --summarizer transformer: N actors with one GPU each run the summarizer as its own stage")


def run_on_ray(args: argparse.Namespace, config: PipelineConfig) -> int:
    """Run the pipeline over ``args``' inputs on Ray; print notes and the closing report."""
    from newsnlp.engines.ray import import_ray, run_ray
    from newsnlp.engines.shards import DEFAULT_SHARD_SIZE
    from newsnlp.io import DEFAULT_GLOBS, DEFAULT_MAX_BYTES

    import_ray()  # the one-line install hint comes before anything else
    if not args.output or args.output == "-":
        raise InputError(Errors.E095)
    if args.format not in (None, "jsonl"):
        raise InputError(Errors.E096.format(format=args.format))
    if args.save_config:
        Path(args.save_config).write_text(config.to_toml(), encoding="utf-8")

    def note(message: str) -> None:
        if not args.quiet:
            print(message, file=sys.stderr)

    def on_shard(row: dict[str, Any]) -> None:
        if not args.quiet and sys.stderr.isatty():
            print(f"\rshards done: {result_count[0] + 1}", end="", file=sys.stderr, flush=True)
        result_count[0] += 1

    result_count = [0]
    workers = args.workers if args.workers and args.workers > 1 else None  # default: one actor per cluster CPU
    try:
        result = run_ray(
            config,
            args.files,
            out_dir=args.output,
            input_path=args.input,
            text_field=args.text_field,
            id_field=args.id_field,
            recursive=args.recursive,
            globs=tuple(args.glob) if args.glob else DEFAULT_GLOBS,
            max_bytes=args.max_bytes or DEFAULT_MAX_BYTES,
            shard_size=args.shard_size or DEFAULT_SHARD_SIZE,
            workers=workers,
            address=args.address,
            resume=args.resume,
            gpu_workers=args.gpu_workers,
            on_shard=on_shard,
            note=note,
        )
    except NewsNLPError:
        raise
    except Exception as exc:  # a failure inside Ray (the job, not a document): one line, parts kept
        reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        print(f"newsnlp run: error: {Errors.E098.format(reason=reason[:300])}", file=sys.stderr)
        return 1
    if not args.quiet:
        if result_count[0] and sys.stderr.isatty():
            print(file=sys.stderr)
        print(f"shards: {result.shards} ({result.shards_done_before} already done, {result.shards_processed} processed) "
              f"in {args.output}; join them with: newsnlp merge {args.output} -o all.jsonl", file=sys.stderr)
        print(result.report.summary(), file=sys.stderr)
    return 1 if result.report.errors else 0
