"""A JSONL file named as FILE is read as one text document (records need --input): the run says
so instead of quietly splitting the JSON text as a page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsnlp.cli import main


def _records(tmp_path: Path) -> Path:
    path = tmp_path / "pages.jsonl"
    rows = [{"id": "a", "text": "# 小区议事会开到楼栋里\n\n街道党工委组织居民议事。"}, {"id": "b", "text": "# 乡村振兴\n\n村里建起合作社。"}]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [["run", "--disable", "summarize"], ["segment"]])
def test_cli_a_jsonl_file_given_as_file_gets_a_note_naming_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    path = _records(tmp_path)
    assert main([*command, str(path)]) == 0
    err = capsys.readouterr().err
    assert f"--input {path}" in err and "one text document" in err


def test_cli_no_note_with_input_or_quiet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _records(tmp_path)
    assert main(["run", "--input", str(path), "--disable", "summarize"]) == 0
    captured = capsys.readouterr()
    assert "one text document" not in captured.err
    assert [json.loads(line)["id"] for line in captured.out.splitlines()] == ["a", "b"]
    assert main(["run", str(path), "--quiet", "--disable", "summarize"]) == 0
    assert "one text document" not in capsys.readouterr().err
