"""The Ray engine on a local Ray cluster: same records as the local engine, kill and resume."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from newsnlp.config import PipelineConfig
from newsnlp.engines import merge_parts, run_ray
from newsnlp.engines.parts import OutputFolder, PartWriter
from newsnlp.engines.ray import ShardWorker
from newsnlp.engines.shards import Shard
from tests.engines._inputs import local_output, make_inputs, report_lines

CONFIG = PipelineConfig(disable=["summarize"])
SHARD_SIZE = 2


class KillOnce(ShardWorker):
    """Kills its own process halfway through writing one shard, the first time only."""

    def __init__(self, *args: Any, flag: str = "", victim: int = 0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.flag, self.victim = Path(flag), victim

    def process(self, shard: Shard) -> dict[str, Any]:
        if shard.index == self.victim and not self.flag.exists():
            self.flag.write_text(str(os.getpid()))
            PartWriter(self.folder, shard).write('{"id": "half a record')
            os._exit(1)  # the worker process dies: no cleanup, a temporary part left behind
        return super().process(shard)


class FailAt(ShardWorker):
    """Stops the whole job at one shard, after leaving half a part behind (a crash mid-write)."""

    def __init__(self, *args: Any, victim: int = 0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.victim = victim

    def process(self, shard: Shard) -> dict[str, Any]:
        if shard.index == self.victim:
            writer = PartWriter(self.folder, shard)
            writer.write('{"id": "half a record')
            writer._handle.flush()
            raise RuntimeError("injected failure")
        return super().process(shard)


@pytest.fixture(scope="module")
def ray_env(ray_cluster: Any) -> Any:
    import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # workers need these test classes
    return ray_cluster


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("ray_inputs")
    paths, table = make_inputs(folder)
    expected, report = local_output(CONFIG, paths, table, folder / "local.jsonl")
    return {"paths": paths, "table": table, "expected": expected, "report": report, "folder": folder}


def _run(inputs: dict[str, Any], out: Path, **options: Any) -> Any:
    options.setdefault("workers", 2)
    return run_ray(options.pop("config", CONFIG), inputs["paths"], input_path=inputs["table"], out_dir=out,
                   shard_size=SHARD_SIZE, **options)


def _merged(out: Path) -> tuple[bytes, Any]:
    report = merge_parts(out, out.parent / (out.name + ".all.jsonl"))
    return (out.parent / (out.name + ".all.jsonl")).read_bytes(), report


def _ids(data: bytes) -> list[str]:
    return [json.loads(line)["id"] for line in data.splitlines()]


@pytest.fixture(scope="module")
def finished(ray_env: Any, inputs: dict[str, Any]) -> dict[str, Any]:
    out = inputs["folder"] / "out"
    run = _run(inputs, out)
    return {"out": out, "run": run}


def test_ray_engine_same_records_and_report_as_local(inputs: dict[str, Any], finished: dict[str, Any]) -> None:
    data, report = _merged(finished["out"])
    assert data == inputs["expected"]
    assert report_lines(report) == report_lines(inputs["report"])
    assert report_lines(finished["run"].report) == report_lines(inputs["report"])


def test_ray_engine_hostile_files_are_error_records(finished: dict[str, Any]) -> None:
    data, _ = _merged(finished["out"])
    errors = {json.loads(line)["id"].rsplit("/", 1)[-1]: json.loads(line).get("error", "") for line in data.splitlines()}
    assert errors["x_binary.txt"].startswith("[E005]")
    assert errors["y_empty.txt"].startswith("[E006]")
    assert errors["z_undecodable.txt"].startswith("[E004]")
    assert errors["missing.txt"].startswith("[E003]")


def test_ray_engine_models_load_once_per_actor_offline(finished: dict[str, Any]) -> None:
    run = finished["run"]
    actors = {row["actor"] for row in run.rows}
    assert run.shards_processed == run.shards == len(run.rows) > 2 * len(actors)
    assert len(actors) <= 2 and {row["pipelines_built"] for row in run.rows} == {1}
    assert {row["offline"] for row in run.rows} == {"1"}


def test_ray_engine_finished_run_rerun_does_nothing(inputs: dict[str, Any], finished: dict[str, Any]) -> None:
    out = finished["out"]
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.name.startswith("part-")}
    again = _run(inputs, out, resume=True)
    assert (again.shards_processed, again.shards_done_before) == (0, again.shards)
    assert again.report.skipped == inputs["report"].documents and again.report.documents == 0
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.name.startswith("part-")} == before


def test_ray_engine_killed_worker_is_retried(ray_env: Any, inputs: dict[str, Any], tmp_path: Path) -> None:
    out, flag = tmp_path / "out", tmp_path / "killed"
    run = run_ray(CONFIG, inputs["paths"], input_path=inputs["table"], out_dir=out, shard_size=SHARD_SIZE,
                  workers=2, worker_class=_with(KillOnce, flag=str(flag), victim=3))
    assert flag.exists()  # a worker process did die mid-shard
    data, _ = _merged(out)
    assert data == inputs["expected"] and run.shards_processed == run.shards
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # its temporary part is gone


def test_ray_engine_failed_job_then_resume_identical(ray_env: Any, inputs: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(Exception, match="injected failure"):
        run_ray(CONFIG, inputs["paths"], input_path=inputs["table"], out_dir=out, shard_size=SHARD_SIZE,
                workers=1, worker_class=_with(FailAt, victim=5))
    folder = OutputFolder(out)
    shards = folder.shards()
    done_before = sum(folder.is_done(s) for s in shards)
    assert done_before < len(shards) and any(p.name.startswith(".part-") for p in out.iterdir())
    resumed = _run(inputs, out, resume=True)
    assert resumed.shards_done_before == done_before and resumed.shards_processed == len(shards) - done_before
    data, _ = _merged(out)
    assert data == inputs["expected"]
    assert _ids(data) == _ids(inputs["expected"])  # no record twice, none lost, in input order


def _with(cls: type, **extra: Any) -> type:
    """``cls`` with extra constructor arguments (run_ray builds the worker with its own)."""

    class Configured(cls):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs, **extra)

    return Configured


@pytest.mark.slow
def test_ray_engine_transformer_gpu_stage_wiring_on_cpu(ray_env: Any, inputs: dict[str, Any], tmp_path: Path) -> None:
    """The summarizer as its own stage (num_gpus=0 here: no GPU) gives the local engine's records."""
    pytest.importorskip("torch", reason="needs the transformer extra: pip install 'newsnlp[transformer]'")
    pytest.importorskip("transformers", reason="needs the transformer extra: pip install 'newsnlp[transformer]'")
    from tests.summarize._tiny_model import build_tiny_model

    model = build_tiny_model(tmp_path / "tiny")
    config = PipelineConfig(summarizer="transformer", transformer_model=str(model), summary_max_chars=8,
                            transformer_options={"device": "cpu", "generation_kwargs": {"max_new_tokens": 8}})
    paths = [str(inputs["folder"] / "pages" / name) for name in ("p2.md", "x_binary.txt")]
    expected, _ = local_output(config, paths, inputs["table"], tmp_path / "local.jsonl")
    out = tmp_path / "out"
    run = run_ray(config, paths, input_path=inputs["table"], out_dir=out, shard_size=3, workers=1,
                  gpu_workers=1, gpus_per_worker=0)
    assert {row["stage"] for row in run.rows} == {"summarize"}
    assert len({row["actor"] for row in run.rows}) == 1 and {row["pipelines_built"] for row in run.rows} == {1}
    assert merge_parts(out, tmp_path / "all.jsonl").errors == 3
    assert (tmp_path / "all.jsonl").read_bytes() == expected


def test_ray_engine_cli_stale_fingerprint_forces_reprocessing(inputs: dict[str, Any], finished: dict[str, Any],
                                                             tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The command line over a finished run of another configuration: stale parts are redone, then merged."""
    from newsnlp.cli import main

    out = tmp_path / "out"
    shutil.copytree(finished["out"], out)  # a finished run of CONFIG
    assert main(["run", *inputs["paths"], "--engine", "ray"]) == 2  # no -o OUT_DIR/
    assert "[E095]" in capsys.readouterr().err
    args = ["run", *inputs["paths"], "--input", str(inputs["table"]), "--engine", "ray", "--workers", "2",
            "--shard-size", str(SHARD_SIZE), "--disable", "summarize", "--disable", "keywords", "-o", f"{out}/", "--resume"]
    assert main(args) == 1  # the hostile files are error records
    err = capsys.readouterr().err
    total = len(OutputFolder(out).shards())
    assert "stale" in err and f"shards: {total} (0 already done, {total} processed)" in err
    assert len(list(out.glob("part-*.jsonl"))) == total  # the old parts are gone
    assert main(args) == 0 and f"shards: {total} ({total} already done, 0 processed)" in capsys.readouterr().err
    assert main(["merge", str(out), "-o", str(tmp_path / "all.jsonl")]) == 1
    changed = PipelineConfig(disable=["keywords", "summarize"])
    expected, report = local_output(changed, inputs["paths"], inputs["table"], tmp_path / "local.jsonl")
    assert (tmp_path / "all.jsonl").read_bytes() == expected
    assert report_lines(report)[0] in capsys.readouterr().err
