"""The example scripts run as written (the transformer example is tested in tests/summarize)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _run(script: str, *args: str, cwd: Path, tmpdir: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "TMPDIR": str(tmpdir)} if tmpdir else None
    return subprocess.run([sys.executable, str(EXAMPLES / script), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env=env)


def test_examples_batch_issues_writes_one_record_per_document(tmp_path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    sample = (EXAMPLES / "sample_issue.md").read_text(encoding="utf-8")
    (pages / "a.md").write_text(sample, encoding="utf-8")
    (pages / "b.txt").write_bytes(sample.encode("gbk"))
    (pages / "c.txt").write_bytes(b"\x00\x01binary")
    proc = _run("batch_issues.py", str(pages), "out.jsonl", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [Path(r["id"]).name for r in records] == ["a.md", "b.txt", "c.txt"]
    assert records[0]["articles"] == records[1]["articles"] and "error" in records[2]
    assert "rural" in proc.stdout and "3 documents" in proc.stdout


def test_examples_train_new_labels_uses_the_new_model(tmp_path) -> None:
    work, temp = tmp_path / "work", tmp_path / "temp"
    work.mkdir()
    temp.mkdir()
    proc = _run("train_new_labels.py", cwd=work, tmpdir=temp)
    assert proc.returncode == 0, proc.stderr
    assert list(work.iterdir()) == []  # issue 10: examples write into a temporary folder, not here
    models = temp / "newsnlp-examples"
    assert (models / "my_model.skops").exists() and (models / "my_model.npz").exists()
    topics = [line.split()[0] for line in proc.stdout.splitlines()[2:]]
    assert len(topics) == 4 and set(topics) <= {"culture", "health", "sports"}


def test_issue10_examples_write_into_a_temporary_folder(tmp_path) -> None:
    work, temp = tmp_path / "work", tmp_path / "temp"
    work.mkdir()
    temp.mkdir()
    proc = _run("batch_issues.py", cwd=work, tmpdir=temp)
    assert proc.returncode == 0, proc.stderr
    assert list(work.iterdir()) == []
    assert (temp / "newsnlp-examples" / "issues.jsonl").read_text(encoding="utf-8").count("\n") >= 1
