"""Batch runs: one record per input in input order, hostile inputs as errors, resume after Ctrl-C."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsnlp.batch import JsonlFileSink, run_batch
from newsnlp.cli import main
from newsnlp.config import PipelineConfig
from newsnlp.io import iter_path_documents
from newsnlp.pipeline import Pipeline

SEGMENT_ONLY = ["--disable", "classify", "--disable", "keywords", "--disable", "summarize"]


def _pages(tmp_path: Path, sample: str, count: int = 6) -> list[Path]:
    paths = []
    for i in range(count):
        path = tmp_path / f"page{i:02d}.md"
        path.write_text(sample.replace("临川", f"临川{i}"), encoding="utf-8")
        paths.append(path)
    return paths


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_batch_hostile_inputs_give_one_record_each_in_order(tmp_path, sample_issue_text) -> None:
    good = _pages(tmp_path, sample_issue_text, 3)
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(good[0].read_text(encoding="utf-8").encode("gbk"))
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    empty = tmp_path / "empty.txt"
    empty.write_text("\n \u3000\n", encoding="utf-8")
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    huge = tmp_path / "huge.txt"
    huge.write_text("党" * 5000, encoding="utf-8")
    inputs = [good[0], binary, gbk, empty, good[1], folder, huge, tmp_path / "missing.txt", good[2]]
    out = tmp_path / "out.jsonl"
    code = main(["run", *map(str, inputs), "-o", str(out), "--quiet", "--max-bytes", "10000", *SEGMENT_ONLY])
    records = _records(out)
    assert code == 1
    assert [r["id"] for r in records] == [str(p) for p in inputs]
    errors = [("error" in r) for r in records]
    assert errors == [False, True, False, True, False, True, True, True, False]
    assert records[2]["articles"] == records[0]["articles"]
    assert records[2]["encoding"] == "gb18030"


def test_batch_workers_give_the_same_records_as_one_process(tmp_path, sample_issue_text) -> None:
    paths = [str(p) for p in _pages(tmp_path, sample_issue_text, 7)]
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["run", *paths, "-o", str(one), "--quiet", *SEGMENT_ONLY]) == 0
    assert main(["run", *paths, "-o", str(two), "--quiet", "--workers", "2", *SEGMENT_ONLY]) == 0
    assert one.read_bytes() == two.read_bytes()


def test_batch_resume_after_interrupt_matches_uninterrupted_run(tmp_path, sample_issue_text) -> None:
    paths = _pages(tmp_path, sample_issue_text, 8)
    nlp = Pipeline(PipelineConfig(classifier=None, disable=["keywords", "summarize"]))
    full = tmp_path / "full.jsonl"
    run_batch(nlp, iter_path_documents(paths), JsonlFileSink(full))

    def interrupted():
        for index, doc in enumerate(iter_path_documents(paths)):
            if index == 4:
                raise KeyboardInterrupt
            yield doc

    partial = tmp_path / "partial.jsonl"
    with pytest.raises(KeyboardInterrupt):
        run_batch(nlp, interrupted(), JsonlFileSink(partial))
    assert len(_records(partial)) == 4
    with partial.open("ab") as handle:  # a record torn by a crash mid-write
        handle.write(b'{"id": "torn", "arti')
    report = run_batch(nlp, iter_path_documents(paths), JsonlFileSink(partial, resume=True))
    assert report.skipped == 4 and report.documents == 4
    assert partial.read_bytes() == full.read_bytes()


def test_batch_resume_refuses_other_inputs(tmp_path, sample_issue_text) -> None:
    paths = [str(p) for p in _pages(tmp_path, sample_issue_text, 3)]
    out = tmp_path / "out.jsonl"
    main(["run", *paths, "-o", str(out), "--quiet", *SEGMENT_ONLY])
    code = main(["run", *reversed(paths), "-o", str(out), "--quiet", "--resume", *SEGMENT_ONLY])
    assert code == 2


def test_batch_output_folder_and_formats(tmp_path, sample_issue_text) -> None:
    paths = [str(p) for p in _pages(tmp_path, sample_issue_text, 2)]
    folder = tmp_path / "out"
    assert main(["run", *paths, "-o", f"{folder}/", "--format", "md", "--quiet", *SEGMENT_ONLY]) == 0
    files = sorted(folder.iterdir())
    assert len(files) == 2 and all(f.suffix == ".md" for f in files)
    assert "### 1." in files[0].read_text(encoding="utf-8")
    csv_out = tmp_path / "out.csv"
    assert main(["run", *paths, "-o", str(csv_out), "--format", "csv", "--quiet", *SEGMENT_ONLY]) == 0
    rows = csv_out.read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("id,article,start,end,title")
    assert len(rows) == 1 + 2 * 4


def test_batch_no_input_is_a_usage_error(capsys) -> None:
    assert main(["run", "--quiet"]) == 2
    assert "Give input files" in capsys.readouterr().err


def test_batch_jsonl_input_keeps_ids_and_order(tmp_path, sample_issue_text) -> None:
    source = tmp_path / "pages.jsonl"
    rows = [{"page_id": "p2", "text": sample_issue_text}, {"page_id": "p1", "text": ""}, {"page_id": "p3"}]
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["run", "--input", str(source), "--id-field", "page_id", "-o", str(out), "--quiet", *SEGMENT_ONLY]) == 1
    records = _records(out)
    assert [r["id"] for r in records] == ["p2", "p1", "p3"]
    assert "articles" in records[0] and "error" in records[1] and "error" in records[2]


def test_batch_output_folder_never_overwrites_shared_names(tmp_path, sample_issue_text, capsys) -> None:
    source = tmp_path / "pages.jsonl"
    long_id = "页" * 300
    rows = [
        {"id": "a/b", "text": sample_issue_text.replace("临川", "甲县")},
        {"id": "a_b", "text": sample_issue_text.replace("临川", "乙县")},
        {"id": "a/b", "text": sample_issue_text.replace("临川", "丙县")},
        {"id": long_id, "text": sample_issue_text},
    ]
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    folder = tmp_path / "out"
    args = ["run", "--input", str(source), "--id-field", "id", "-o", f"{folder}/", *SEGMENT_ONLY]
    assert main(args) == 0
    assert capsys.readouterr().err.count("shares its output name") == 2
    files = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in folder.iterdir()}
    assert sorted(files) == sorted(["a_b.json", "a_b~2.json", "a_b~3.json", next(n for n in files if n.startswith("页"))])
    assert [files[n]["id"] for n in ("a_b.json", "a_b~2.json", "a_b~3.json")] == ["a/b", "a_b", "a/b"]
    places = ["".join(files[n]["articles"][0]["paragraphs"]) for n in ("a_b.json", "a_b~2.json", "a_b~3.json")]
    assert all(county in text for county, text in zip(("甲县", "乙县", "丙县"), places))
    assert all(len(n.encode("utf-8")) < 255 for n in files)
    (folder / "a_b~3.json").unlink()
    assert main([*args, "--resume", "--quiet"]) == 0
    assert json.loads((folder / "a_b~3.json").read_text(encoding="utf-8"))["id"] == "a/b"
    assert len(list(folder.iterdir())) == 4
