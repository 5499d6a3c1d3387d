"""Engines: ways to run a pipeline over many documents, around the pipeline and never inside it.

The local engine (:func:`newsnlp.batch.run_batch`, worker processes on one machine) is the
default. :func:`run_ray` runs the same pipeline over shards on a Ray cluster (the ``ray`` extra,
imported only when a run starts) and :func:`merge_parts` joins its output folder into one JSONL
file with the same bytes as a local run.

>>> from newsnlp.engines import merge_parts, run_ray   # doctest: +SKIP
>>> run = run_ray(newsnlp.PipelineConfig(), ["pages/"], out_dir="out/", workers=8)  # doctest: +SKIP
>>> report = merge_parts("out/", "all.jsonl")           # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

from newsnlp.batch import BatchReport
from newsnlp.engines.parts import OutputFolder
from newsnlp.engines.ray import RayRun, run_ray

__all__ = ["RayRun", "merge_parts", "run_ray"]


def merge_parts(out_dir: str | Path, output: str | Path) -> BatchReport:
    """Join the parts of a sharded run, in input order, into ``output``; return the run's report."""
    return OutputFolder(out_dir).merge(output)
