"""Issue 10, defect 7: training input as public corpora ship it, and errors that name the line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsnlp.cli import main

RURAL = ["村里建起合作社，农民收入明显增加。", "乡村振兴产业先行，大棚蔬菜喜获丰收。", "驻村干部帮助农户发展特色种植。",
         "农村人居环境整治让村容村貌焕然一新。", "合作社带动村民种植羊肚菌增收致富。", "乡村旅游让山村集体经济壮大起来。"]
TALENT = ["县里出台政策吸引高校毕业生返乡创业。", "人才公寓和科研经费留住了年轻博士。", "技能人才评价改革让工匠有了盼头。",
          "引进高层次人才团队攻关关键技术。", "人才服务专员上门解决落户难题。", "青年人才驿站为求职者提供免费住宿。"]


def _train(args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["train", *args, "-o", str(tmp_path / "m.skops"), "--no-compiled"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("suffix", [".txt", ".tsv"])
def test_issue10_train_headerless_tsv_fields_by_number(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       suffix: str) -> None:
    data = tmp_path / f"labels{suffix}"
    lines = [f"rural\t{t}" for t in RURAL] + [f"talent\t{t}" for t in TALENT]
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = _train(["--input", str(data), "--no-header", "--label-field", "1", "--text-field", "2",
                             "--cv", "2"], tmp_path, capsys)
    assert code == 0, err
    assert "12 texts, 2 labels: rural 6, talent 6" in out
    assert "fold 1/2" in err and "fold 2/2" in err  # cross-validation shows progress per fold
    # text<TAB>label works the same way; a text field name without a header is a clear usage error
    data.write_text("\n".join(f"{t}\t{lab}" for lab, texts in (("rural", RURAL), ("talent", TALENT))
                              for t in texts) + "\n", encoding="utf-8")
    assert _train(["--input", str(data), "--no-header", "--text-field", "1", "--label-field", "2", "--force"],
                  tmp_path, capsys)[0] == 0  # --force: the model files of the first run are replaced
    code, _, err = _train(["--input", str(data), "--no-header", "--text-field", "text", "--force"], tmp_path, capsys)
    assert code == 2 and "E083" in err and "--text-field 'text'" in err


def test_issue10_train_tsv_with_a_header_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "labels.txt"
    rows = ["label\ttext"] + [f"rural\t{t}" for t in RURAL] + [f"talent\t{t}" for t in TALENT]
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    code, out, err = _train(["--input", str(data)], tmp_path, capsys)
    assert code == 0, err
    assert "12 texts, 2 labels" in out


def test_issue10_train_jsonl_record_without_text_names_its_line(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "labels.jsonl"
    records = [{"text": RURAL[0], "label": "rural"}, {"text": TALENT[0], "label": "talent"},
               {"body": RURAL[1], "label": "rural"}]
    data.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records[:2]) + "\n\n"
                    + json.dumps(records[2], ensure_ascii=False) + "\n", encoding="utf-8")
    code, _, err = _train(["--input", str(data)], tmp_path, capsys)
    assert code == 2 and "E011" in err and "Record 4 " in err and "'text'" in err and "body" in err


def test_issue10_train_unclosed_csv_quote_is_a_parse_error_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "labels.csv"
    rows = ["label,text"] + [f"rural,{t}" for t in RURAL] + ['talent,"引号没有关上的一行'] + [f"talent,{t}" for t in TALENT]
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    code, _, err = _train(["--input", str(data)], tmp_path, capsys)
    assert code == 2 and "E082" in err and "Line 8 " in err and "quote" in err


def test_issue10_train_short_row_names_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "labels.tsv"
    data.write_text(f"rural\t{RURAL[0]}\ntalent\n", encoding="utf-8")
    code, _, err = _train(["--input", str(data), "--no-header", "--label-field", "1", "--text-field", "2"],
                          tmp_path, capsys)
    assert code == 2 and "E084" in err and "Line 2 " in err and "--text-field 2" in err
