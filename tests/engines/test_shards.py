"""Shards, fingerprints, part files and merging: the Ray engine's logic, tested without Ray."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsnlp.cli import main
from newsnlp.config import PipelineConfig
from newsnlp.engines import merge_parts
from newsnlp.engines.fingerprint import fingerprint
from newsnlp.engines.parts import OutputFolder
from newsnlp.engines.shard_work import process_shard
from newsnlp.engines.shards import plan_shards, shard_documents
from newsnlp.io import iter_documents
from newsnlp.pipeline import Pipeline
from tests.engines._inputs import local_output, make_inputs, report_lines

CONFIG = PipelineConfig(disable=["summarize"])


def _by_hand(config: PipelineConfig, paths: list[str], table: Path, out: Path, shard_size: int) -> list:
    """Every shard processed in this process, as a Ray worker would, into ``out``."""
    shards = plan_shards(paths, input_path=table, fingerprint=fingerprint(config), shard_size=shard_size)
    folder = OutputFolder(out)
    folder.prepare(shards, resume=False)
    folder.write_manifest(shards, fingerprint(config), {})
    nlp = Pipeline(config)
    for shard in shards:
        process_shard(nlp, shard, folder, {})
    return shards


def test_shards_yield_the_local_documents_in_input_order(tmp_path: Path) -> None:
    paths, table = make_inputs(tmp_path)
    shards = plan_shards(paths, input_path=table, fingerprint="f", shard_size=2)
    ours = [doc for shard in shards for doc in shard_documents(shard)]
    local = list(iter_documents(paths, input_path=table))
    assert [(d.id, d.text, d.error, d.encoding) for d in ours] == [(d.id, d.text, d.error, d.encoding) for d in local]
    kinds = [shard.kind for shard in shards]
    assert kinds[:3] == ["jsonl"] * 3  # six lines, two per shard
    assert kinds.count("file") == 9 and [s.index for s in shards] == list(range(len(shards)))


def test_shards_jsonl_slices_are_contiguous_and_fixed_size(tmp_path: Path) -> None:
    _, table = make_inputs(tmp_path)
    shards = plan_shards(input_path=table, fingerprint="f", shard_size=4)
    assert [(s.first_line, s.start) for s in shards] == [(1, 0), (5, shards[0].stop)]
    assert shards[-1].stop == table.stat().st_size


def test_shards_id_depends_on_content_slice_and_fingerprint(tmp_path: Path) -> None:
    paths, table = make_inputs(tmp_path)
    first = [s.id for s in plan_shards(paths, input_path=table, fingerprint="f", shard_size=2)]
    assert len(set(first)) == len(first)
    assert [s.id for s in plan_shards(paths, input_path=table, fingerprint="f", shard_size=2)] == first
    assert not set(first) & {s.id for s in plan_shards(paths, input_path=table, fingerprint="g", shard_size=2)}
    (tmp_path / "pages" / "p1.txt").write_text("# 改过的稿子\n\n本报讯 内容变了。\n", encoding="utf-8")
    changed = [s.id for s in plan_shards(paths, input_path=table, fingerprint="f", shard_size=2)]
    assert sum(a != b for a, b in zip(first, changed)) == 1


def test_shards_invalid_size_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"\[E097\]"):
        plan_shards(["x.txt"], fingerprint="f", shard_size=0)


def test_fingerprint_changes_with_configuration_and_model_files(tmp_path: Path) -> None:
    words = tmp_path / "words.txt"
    words.write_text("养老服务站 5 n\n", encoding="utf-8")
    base = fingerprint(PipelineConfig(user_dict=str(words)))
    assert fingerprint(PipelineConfig(user_dict=str(words))) == base
    assert fingerprint(PipelineConfig(user_dict=str(words), summary_max_chars=60)) != base
    words.write_text("养老服务站 9 n\n", encoding="utf-8")
    assert fingerprint(PipelineConfig(user_dict=str(words))) != base


def test_parts_merge_gives_the_local_bytes_and_report(tmp_path: Path) -> None:
    paths, table = make_inputs(tmp_path)
    expected, local_report = local_output(CONFIG, paths, table, tmp_path / "local.jsonl")
    _by_hand(CONFIG, paths, table, tmp_path / "out", shard_size=2)
    report = merge_parts(tmp_path / "out", tmp_path / "all.jsonl")
    assert (tmp_path / "all.jsonl").read_bytes() == expected
    assert report_lines(report) == report_lines(local_report)
    assert local_report.errors >= 6  # binary, empty, undecodable, missing, no text field, not JSON


def test_parts_torn_or_missing_part_is_not_done(tmp_path: Path) -> None:
    paths, table = make_inputs(tmp_path)
    shards = _by_hand(CONFIG, paths, table, tmp_path / "out", shard_size=2)
    folder = OutputFolder(tmp_path / "out")
    assert all(folder.is_done(s) for s in shards)
    with folder.part_path(shards[1].id).open("ab") as part:
        part.write(b'{"id": "torn')  # bytes the done marker does not vouch for
    folder.part_path(shards[4].id).unlink()
    (tmp_path / "out" / f".part-{shards[2].id}.jsonl.dead.tmp").write_bytes(b"half")
    assert [s.index for s in shards if not folder.is_done(s)] == [1, 4]
    with pytest.raises(ValueError, match=r"\[E093\] 2 of"):
        merge_parts(tmp_path / "out", tmp_path / "all.jsonl")
    assert not (tmp_path / "all.jsonl").exists()
    assert folder.prepare(shards, resume=True) == (1, 0)


def test_merge_cli_on_a_folder_without_manifest_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["merge", str(tmp_path), "-o", str(tmp_path / "all.jsonl")]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "[E092]" in err


def test_run_engine_ray_without_the_extra_says_how_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray now fails, as without the extra
    paths, _ = make_inputs(tmp_path)
    assert main(["run", paths[0], "--engine", "ray", "-o", str(tmp_path / "out") + "/"]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "[E090]" in err and "pip install 'newsnlp[ray]'" in err


def test_import_newsnlp_never_imports_ray() -> None:
    code = (
        "import sys, newsnlp, newsnlp.engines, newsnlp.engines.ray\n"
        "from newsnlp.cli import build_parser\n"
        "build_parser().parse_args(['run', 'x.txt', '--engine', 'ray'])\n"
        "assert 'ray' not in sys.modules, 'ray imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_manifest_lists_shards_in_input_order(tmp_path: Path) -> None:
    paths, table = make_inputs(tmp_path)
    shards = _by_hand(CONFIG, paths, table, tmp_path / "out", shard_size=2)
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in manifest["shards"]] == [s.id for s in shards]
    assert manifest["fingerprint"] == fingerprint(CONFIG)
