"""The Ray engine: a run over shards on a Ray cluster (``newsnlp run --engine ray``).

The driver plans the shards (:mod:`~newsnlp.engines.shards`), writes the manifest and hands the
shards that are not done yet to Ray Data. Workers are actors of a callable class
(``map_batches``): each builds its pipeline, and so loads its models, once, then takes shards
one at a time, writes each shard's part straight into the output folder and returns one small row.
Records never travel through the driver or the object store, so neither grows with the archive;
the output folder must be one that every node can write (a shared file system).

An actor that dies (a killed process, a lost node) is restarted and its shard retried by Ray; the
part being written is a temporary file that the retry replaces. With a transformer summarizer and
``gpu_workers > 0`` the summarizer runs as its own stage on actors with ``num_gpus`` each, after
the CPU stages, so CPU and GPU work scale separately.

Workers get the model paths (absolute, in the configuration) and the offline settings
(``HF_HUB_OFFLINE=1`` …, in the runtime environment): nothing is downloaded at run time.
"""

from __future__ import annotations

import json
import logging
import os
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsnlp.batch import BatchReport
from newsnlp.config import PipelineConfig
from newsnlp.engines.fingerprint import fingerprint
from newsnlp.engines.parts import OutputFolder, add_reports, report_from_dict
from newsnlp.engines.shard_work import analyze_shard, process_shard, summarize_shard
from newsnlp.engines.shards import DEFAULT_SHARD_SIZE, Shard, plan_shards
from newsnlp.errors import Errors, InputError, MissingDependencyError
from newsnlp.io import DEFAULT_GLOBS, DEFAULT_MAX_BYTES

__all__ = ["OFFLINE_ENV", "AnalyzeWorker", "RayRun", "ShardWorker", "SummarizeWorker", "import_ray", "run_ray"]

#: Environment every worker runs with: no model hub, no telemetry, one thread per library.
OFFLINE_ENV: dict[str, str] = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "TOKENIZERS_PARALLELISM": "false",
    "OMP_NUM_THREADS": "1",
}


def import_ray() -> Any:
    """``ray`` with Ray Data, or a one-line :class:`MissingDependencyError` saying how to install it."""
    try:
        import ray
        import ray.data  # noqa: F401 - Ray Data is part of the extra
    except ImportError as exc:
        raise MissingDependencyError(Errors.E090) from exc
    return ray


def _one_thread() -> None:
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
    except ImportError:  # pragma: no cover - threadpoolctl comes with scikit-learn
        pass


class _Worker:
    """Shared by the actor classes: a pipeline built once per actor, and the rows it returns."""

    #: The stage a row comes from (Ray wraps the class, so its name is not a reliable label).
    stage = "shards"

    def __init__(self, config: dict[str, Any], out_dir: str) -> None:
        started = time.perf_counter()
        os.environ.update({k: v for k, v in OFFLINE_ENV.items() if k not in os.environ})
        self.actor = uuid.uuid4().hex[:12]
        self.pipelines_built = 0
        self.folder = OutputFolder(out_dir)
        self.nlp = self.build_pipeline(PipelineConfig.from_dict(config))
        _one_thread()
        self.load_seconds = time.perf_counter() - started

    def build_pipeline(self, config: PipelineConfig) -> Any:
        """The actor's pipeline (models load here, once per actor)."""
        from newsnlp.pipeline import Pipeline

        self.pipelines_built += 1
        return Pipeline(config)

    def _facts(self, started: float) -> dict[str, Any]:
        """Who did a shard and when (wall clock), for the run's rows and benchmarks."""
        try:
            import resource

            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        except ImportError:  # pragma: no cover - Windows
            peak = -1
        return {"stage": self.stage, "actor": self.actor, "pid": os.getpid(), "pipelines_built": self.pipelines_built,
                "load_seconds": self.load_seconds, "started": started, "finished": time.time(),
                "peak_rss_kb": peak,
                "offline": os.environ.get("HF_HUB_OFFLINE", "")}

    @staticmethod
    def _columns(rows: list[dict[str, Any]]) -> dict[str, list[Any]]:
        return {key: [row[key] for row in rows] for key in rows[0]} if rows else {}


class ShardWorker(_Worker):
    """A ``map_batches`` callable class: processes whole shards and commits their parts."""

    def __init__(self, config: dict[str, Any], out_dir: str, read: dict[str, Any]) -> None:
        super().__init__(config, out_dir)
        self.read = read

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        rows = []
        for data in batch["shard"]:
            shard, started = Shard.from_dict(json.loads(data)), time.time()
            rows.append({**self.process(shard), **self._facts(started)})
        return self._columns(rows)

    def process(self, shard: Shard) -> dict[str, Any]:
        return process_shard(self.nlp, shard, self.folder, self.read)


class AnalyzeWorker(ShardWorker):
    """The CPU stage of a two-stage run: every stage but the summarizer; issues go on to the GPU stage."""

    stage = "analyze"

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        rows = []
        for data in batch["shard"]:
            shard = Shard.from_dict(json.loads(data))
            items = analyze_shard(self.nlp, shard, self.read)
            rows.append({"shard": data, "items": json.dumps(items, ensure_ascii=False)})
        return self._columns(rows)


class SummarizeWorker(_Worker):
    """The GPU stage: the transformer summarizer (loaded once per actor) on analysed shards."""

    stage = "summarize"

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        rows = []
        for data, items in zip(batch["shard"], batch["items"]):
            shard, started = Shard.from_dict(json.loads(data)), time.time()
            rows.append({**summarize_shard(self.nlp, shard, json.loads(items), self.folder), **self._facts(started)})
        return self._columns(rows)


@dataclass
class RayRun:
    """What :func:`run_ray` did: the report of this run's shards, and the facts around it."""

    report: BatchReport
    shards: int = 0
    shards_done_before: int = 0
    shards_processed: int = 0
    temporary_removed: int = 0
    stale_removed: int = 0
    stale_fingerprint: str | None = None
    startup_seconds: float = 0.0
    rows: list[dict[str, Any]] = field(default_factory=list)


def _absolute_models(config: PipelineConfig) -> PipelineConfig:
    """Model paths made absolute, so workers on other hosts (other working folders) find them."""
    data = config.to_dict()
    for key in ("classifier", "user_dict", "transformer_model"):
        value = data.get(key)
        if value and value != "default" and Path(value).exists():
            data[key] = str(Path(value).resolve())
    return PipelineConfig.from_dict(data)


def run_ray(
    config: PipelineConfig,
    paths: Sequence[str | Path] = (),
    *,
    out_dir: str | Path,
    input_path: str | Path | None = None,
    text_field: str = "text",
    id_field: str | None = None,
    context_fields: Sequence[str] = (),
    recursive: bool = False,
    globs: Sequence[str] = DEFAULT_GLOBS,
    max_bytes: int = DEFAULT_MAX_BYTES,
    shard_size: int = DEFAULT_SHARD_SIZE,
    workers: int | None = None,
    address: str | None = None,
    resume: bool = False,
    gpu_workers: int = 0,
    gpus_per_worker: float = 1.0,
    worker_class: type[ShardWorker] = ShardWorker,
    on_shard: Callable[[dict[str, Any]], None] | None = None,
    note: Callable[[str], None] | None = None,
) -> RayRun:
    """Run ``config``'s pipeline over the inputs on Ray; one part per shard in ``out_dir``.

    Parameters
    ----------
    config : PipelineConfig
    paths, input_path, text_field, id_field, context_fields, recursive, globs, max_bytes
        The inputs, as for :func:`newsnlp.io.iter_documents`.
    out_dir : path
        The output folder (``newsnlp merge OUT_DIR -o all.jsonl`` joins it); on a cluster, a
        folder every node can write.
    shard_size : int, default=1000
        Lines of a JSONL file (records of a CSV file) per shard; a text file is one shard.
    workers : int, optional
        CPU actors (one CPU each); default: the cluster's CPUs.
    address : str, optional
        ``"auto"``, ``"ray://head:10001"`` …; default: the running Ray, else a local one.
    resume : bool, default=False
        Keep the parts already done under the same fingerprint; without it the folder starts empty.
    gpu_workers : int, default=0
        With ``summarizer="transformer"``: actors of a separate summarizer stage, each with
        ``gpus_per_worker`` GPUs (0 runs the stage on CPU, for tests); 0 actors: summarize on
        the CPU workers.
    worker_class : type
        The CPU actor class (tests pass a subclass that injects faults).
    on_shard : callable, optional
        Called with each finished shard's row.
    note : callable, optional
        Receives one-line notes for people (stale parts, leftovers removed).
    """
    ray = import_ray()
    if gpu_workers and (config.summarizer != "transformer" or "summarize" not in config.stages):
        raise InputError(Errors.E094)
    config = _absolute_models(config)
    fp = fingerprint(config)
    shards = plan_shards(paths, input_path=input_path, fingerprint=fp, shard_size=shard_size,
                         recursive=recursive, globs=globs)
    folder = OutputFolder(out_dir)
    if folder.path.exists() and not folder.path.is_dir():
        raise InputError(Errors.E091.format(path=out_dir))
    previous = folder.read_manifest() if resume else None
    temporary, stale = folder.prepare(shards, resume=resume)
    folder.write_manifest(shards, fp, {"text_field": text_field, "id_field": id_field, "shard_size": shard_size})
    result = RayRun(report=BatchReport(), shards=len(shards), temporary_removed=temporary, stale_removed=stale)
    if previous is not None and previous.get("fingerprint") != fp:
        result.stale_fingerprint = previous.get("fingerprint")
    if note is not None:
        if result.stale_fingerprint:
            note(f"note: the parts in {out_dir} were made with another newsnlp version, model or configuration "
                 f"(fingerprint {result.stale_fingerprint}, now {fp}): they are stale; {stale} removed, every shard is processed again")
        elif stale:
            note(f"note: {stale} parts in {out_dir} came from inputs that changed since; removed and processed again")
        if temporary:
            note(f"note: {temporary} unfinished part files of an interrupted run removed")
    todo: list[Shard] = []
    for shard in shards:
        marker = folder.marker(shard)
        if marker is None:
            todo.append(shard)
        else:
            result.shards_done_before += 1
            result.report.skipped += marker["report"]["documents"]
    started = time.perf_counter()
    if todo:
        if not ray.is_initialized():
            options: dict[str, Any] = {"runtime_env": {"env_vars": dict(OFFLINE_ENV)}, "logging_level": "WARNING"}
            if not (address or "").startswith("ray://"):  # Ray Client takes fewer options
                options.update(include_dashboard=False, log_to_driver=False)
            ray.init(address=address, **options)
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        context.verbose_stats_logs = False
        logging.getLogger("ray.data").setLevel(logging.WARNING)
        cpus = int(ray.cluster_resources().get("CPU", 1))
        result.startup_seconds = time.perf_counter() - started
        rows = _dataset(ray, todo, config, str(Path(out_dir).absolute()), worker_class,
                        read={"text_field": text_field, "id_field": id_field, "context_fields": list(context_fields),
                              "max_bytes": max_bytes},
                        workers=max(1, min(workers or cpus, len(todo))),
                        gpu_workers=gpu_workers, gpus_per_worker=gpus_per_worker)
        reports: dict[str, BatchReport] = {}  # shards finish in any order; the report adds them in input order
        for row in rows.iter_rows():
            row = dict(row)
            reports[row["shard"]] = report_from_dict(json.loads(row["report"]))
            result.shards_processed += 1
            result.rows.append(row)
            if on_shard is not None:
                on_shard(row)
        for shard in todo:
            if shard.id in reports:
                add_reports(result.report, reports[shard.id])
        folder.remove_temporary()  # left by attempts Ray retried; every shard is done now
    result.report.seconds = time.perf_counter() - started
    return result


#: Ray retries a shard whose worker died this many times, then the run stops (a shard that kills
#: every worker it meets must not loop for ever); --resume carries on after the cause is fixed.
SHARD_RETRIES = 3


def _pool(ray: Any, size: int) -> Any:
    """A fixed pool of ``size`` actors, each given at most two shards at a time (even load)."""
    return ray.data.ActorPoolStrategy(size=size, max_tasks_in_flight_per_actor=2)


def _dataset(ray: Any, todo: list[Shard], config: PipelineConfig, out_dir: str, worker_class: type[ShardWorker], *,
             read: dict[str, Any], workers: int, gpu_workers: int, gpus_per_worker: float) -> Any:
    """The Ray Data plan: one block (one batch) per shard through the actor stage(s)."""
    runtime_env = {"env_vars": dict(OFFLINE_ENV)}
    items = [{"shard": json.dumps(shard.to_dict(), ensure_ascii=False)} for shard in todo]
    dataset = ray.data.from_items(items, override_num_blocks=len(items))
    if not gpu_workers:
        return dataset.map_batches(
            worker_class, fn_constructor_kwargs={"config": config.to_dict(), "out_dir": out_dir, "read": read},
            batch_size=1, compute=_pool(ray, workers), num_cpus=1, runtime_env=runtime_env, max_restarts=-1, max_task_retries=SHARD_RETRIES,
        )
    cpu_config = PipelineConfig.from_dict({**config.to_dict(), "disable": sorted({*config.disable, "summarize"})})
    gpu_config = PipelineConfig.from_dict({**config.to_dict(), "disable": ["classify", "keywords"]})
    analysed = dataset.map_batches(
        AnalyzeWorker, fn_constructor_kwargs={"config": cpu_config.to_dict(), "out_dir": out_dir, "read": read},
        batch_size=1, compute=_pool(ray, workers), num_cpus=1, runtime_env=runtime_env, max_restarts=-1, max_task_retries=SHARD_RETRIES,
    )
    return analysed.map_batches(
        SummarizeWorker, fn_constructor_kwargs={"config": gpu_config.to_dict(), "out_dir": out_dir},
        batch_size=1, compute=_pool(ray, gpu_workers), num_gpus=gpus_per_worker,
        num_cpus=1 if not gpus_per_worker else 0.5, runtime_env=runtime_env, max_restarts=-1, max_task_retries=SHARD_RETRIES,
    )
