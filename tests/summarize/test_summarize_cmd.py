from __future__ import annotations

import json

from newsnlp.cli import main

from .conftest import BODY, TITLE


def _write(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def test_summarize_cmd_jsonl_records_in_order(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    _write(
        source,
        [
            {"id": "a", "headline": TITLE, "body": "\n".join(BODY)},
            {"id": "b", "body": ""},
            {"id": "c", "headline": "降雨", "body": "今天全市降雨量达到五十毫米。"},
            {"id": "d"},
        ],
    )
    code = main(
        [
            "summarize",
            "--input",
            str(source),
            "--text-field",
            "body",
            "--title-field",
            "headline",
            "--id-field",
            "id",
            "--max-chars",
            "120",
        ]
    )
    captured = capsys.readouterr()
    records = [json.loads(line) for line in captured.out.splitlines()]
    assert code == 1  # record d has no text field
    assert [r["id"] for r in records] == ["a", "b", "c", "d"]
    a = records[0]
    assert a["summary"] == "".join(s["text"] for s in a["summary_sentences"])
    assert len(a["summary"]) <= 120
    assert [s["index"] for s in a["summary_sentences"]] == sorted(s["index"] for s in a["summary_sentences"])
    assert a["keywords"] and all(isinstance(w, str) and isinstance(x, float) for w, x in a["keywords"])
    assert records[1] == {"id": "b", "summary": "", "summary_sentences": [], "keywords": []}
    assert records[2]["summary"] == "今天全市降雨量达到五十毫米。"
    assert "error" in records[3] and "E011" in records[3]["error"]
    assert "E011" in captured.err


def test_summarize_cmd_output_file_and_options(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    _write(source, [{"text": "\n".join(BODY)}])
    out = tmp_path / "out.jsonl"
    code = main(
        [
            "summarize",
            "--input",
            str(source),
            "--max-sentences",
            "1",
            "--max-chars",
            "none",
            "--method",
            "lead",
            "--keywords",
            "textrank",
            "--top-k-keywords",
            "3",
            "-o",
            str(out),
        ]
    )
    assert code == 0
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [s["index"] for s in record["summary_sentences"]] == [0]
    assert len(record["keywords"]) == 3


def test_summarize_cmd_transformer_needs_model(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    _write(source, [{"text": "今天全市降雨量达到五十毫米。"}])
    code = main(["summarize", "--input", str(source), "--method", "transformer"])
    assert code == 2
    assert "--transformer-model" in capsys.readouterr().err
