"""The documented output record: every record the CLI writes validates against the shipped schema."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from newsnlp.cli import main


@pytest.fixture(scope="module")
def schema() -> dict:
    text = (resources.files("newsnlp") / "resources" / "record.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def test_schema_is_valid(schema: dict) -> None:
    jsonschema.Draft202012Validator.check_schema(schema)


def test_schema_validates_run_records(tmp_path, schema: dict, sample_issue_text: str) -> None:
    page = tmp_path / "page.md"
    page.write_text(sample_issue_text, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    main(["run", str(page), str(tmp_path / "missing.txt"), "-o", str(out), "--quiet"])
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 2
    for record in records:
        jsonschema.validate(record, schema)
    assert records[0]["articles"] and all(a["topic"] and a["summary"] for a in records[0]["articles"])


def test_schema_rejects_a_record_missing_fields(schema: dict) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"id": "x", "articles": []}, schema)
