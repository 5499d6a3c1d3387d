"""PDF paths through `newsnlp segment`/`run` and Pipeline.__call__/pipe."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsnlp.errors import InputError
from newsnlp.pipeline import Pipeline, PipelineConfig

SCHEMA = Path(__file__).resolve().parents[2] / "src" / "newsnlp" / "resources" / "record.schema.json"


def test_pdf_cli_segment_writes_pdf_records_and_error_records(made_pdfs, pdf_gen, pdf_dir) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    scan = pdf_dir / "cli_scan.pdf"
    pdf_gen.make_scan_pdf(scan)
    good = made_pdfs["cols4"].path
    proc = subprocess.run(
        [sys.executable, "-m", "newsnlp", "segment", str(good), str(scan)], capture_output=True, text=True
    )
    assert proc.returncode == 1, proc.stderr  # one document failed
    assert "Traceback" not in proc.stderr
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    for record in records:
        jsonschema.validate(record, schema)
    first, second = records
    assert first["id"] == str(good) and first["layout"] == "pdf"
    assert sorted(a["title"] for a in first["articles"] if a["page"] == 2) == ["夜市重新开张", "果园里的新课堂"]
    assert all(len(a["bbox"]) == 4 for a in first["articles"])
    assert second["error"].startswith("[E110]") and "run OCR first" in second["error"]


def test_pdf_cli_run_gives_topics_and_summaries(made_pdfs, tmp_path) -> None:
    out = tmp_path / "out.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "newsnlp", "run", str(made_pdfs["wrap5"].path), "-o", str(out), "--quiet"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(record["articles"]) == 5
    assert all(a["topic"] and a["summary"] and a["keywords"] for a in record["articles"])


def test_pdf_pipeline_accepts_pdf_paths_in_call_and_pipe(made_pdfs) -> None:
    nlp = Pipeline(PipelineConfig(disable=["classify", "keywords", "summarize"]))
    path = made_pdfs["cols4"].path
    issue = nlp(path)
    assert issue.layout == "pdf" and len(issue.articles) == 5
    piped = list(nlp.pipe([path, made_pdfs["cols4_cid"].path]))
    assert [a.title for a in piped[0]] == [a.title for a in issue]
    assert sorted(a.title for a in piped[1]) == sorted(a.title for a in issue)
    # a str is always text, never a path
    assert nlp(str(path)).layout != "pdf"


def test_pdf_pipeline_refuses_other_paths(tmp_path) -> None:
    nlp = Pipeline(PipelineConfig(disable=["classify", "keywords", "summarize"]))
    with pytest.raises(InputError, match=r"^\[E116\]"):
        nlp(tmp_path / "page.txt")


def test_pdf_import_newsnlp_does_not_import_pdfplumber() -> None:
    code = "import sys, newsnlp, newsnlp.pdf; print('pdfplumber' in sys.modules or 'pdfminer' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
