from __future__ import annotations

import csv
import json

import pytest

from newsnlp.cli import main
from newsnlp.text import Tokenizer  # noqa: F401  (imported early: keeps CLI timings honest)

_TEXTS = {
    "rural": ["村里的果园今年丰收，村民种苹果收入翻了一番。", "合作社带着农户种植蔬菜，乡村振兴有了新产业。",
              "村里修好了水渠，农田灌溉不再发愁。", "驻村第一书记帮助贫困户发展养殖。"],
    "talent": ["市里出台人才新政，引进博士给予生活补贴。", "高层次人才创新创业，人才工作站落户园区。",
               "培养高技能人才，技术工人评上高级技师。", "引进海外人才团队，科研人员带项目落户。"],
    "organization": ["基层党组织召开组织生活会，党员开展批评。", "党支部书记带领党员学习党章。",
                     "干部考核突出政治标准，选拔优秀干部。", "纪委监委通报违反八项规定问题。"],
    "other": ["足球联赛今晚开赛，主队球员状态很好。", "新电影春节上映，票房预计突破十亿元。",
              "央行公布数据，货币供应量增长。", "气象台预报明天有大雨。"],
}
RURAL, TALENT, ORGANIZATION, OTHER = (_TEXTS[k] for k in ("rural", "talent", "organization", "other"))


def _write_training(path, *, title=True):
    rows = []
    for label, texts in (("rural", RURAL), ("talent", TALENT), ("organization", ORGANIZATION), ("other", OTHER)):
        for text in texts:
            row = {"body": text, "topic": label}
            if title:
                row["head"] = text[:6]
            rows.append(row)
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli")
    data = _write_training(folder / "train.jsonl")
    model = folder / "model.skops"
    code = main(["train", "--input", str(data), "--text-field", "body", "--label-field", "topic",
                 "--title-field", "head", "-o", str(model)])
    assert code == 0
    return model


def test_cli_train_with_cv_prints_report(tmp_path, capsys):
    data = _write_training(tmp_path / "train.jsonl")
    code = main(["train", "--input", str(data), "--text-field", "body", "--label-field", "topic",
                 "-o", str(tmp_path / "m.skops"), "--cv", "3"])
    out = capsys.readouterr().out
    assert code == 0
    assert "3-fold stratified cross-validation" in out and "macro-F1" in out and "rural" in out
    assert (tmp_path / "m.skops").exists()


def test_cli_classify_writes_records_in_order(trained, tmp_path, capsys):
    inp = tmp_path / "in.jsonl"
    items = [{"id": "a", "text": "村民种果树增收"}, {"id": "b", "text": ""}, {"id": "c", "text": "引进博士人才"}]
    inp.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in items), encoding="utf-8")
    code = main(["classify", "--input", str(inp), "--id-field", "id", "--model", str(trained), "--top-k", "2"])
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert code == 1  # one empty input
    assert [r["id"] for r in lines] == ["a", "b", "c"]
    assert lines[0]["label"] == "rural" and lines[2]["label"] == "talent"
    assert "error" in lines[1]
    assert set(lines[0]["scores"]) == {"organization", "other", "rural", "talent"}
    assert lines[0]["score"] == max(lines[0]["scores"].values())
    assert len(lines[0]["top_k"]) == 2


def test_cli_train_writes_compiled_twin_with_same_scores(trained, tmp_path, capsys):
    compiled = trained.with_suffix(".npz")
    assert compiled.exists()
    inp = tmp_path / "in.jsonl"
    items = [{"text": "村民种果树增收"}, {"text": "引进博士人才", "title": "人才新政"}, {"text": "党支部开展主题党日"}]
    inp.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in items), encoding="utf-8")
    outputs = []
    for model in (trained, compiled):
        assert main(["classify", "--input", str(inp), "--title-field", "title", "--model", str(model)]) == 0
        outputs.append([json.loads(x) for x in capsys.readouterr().out.splitlines()])
    skops_records, compiled_records = outputs
    assert [r["label"] for r in skops_records] == [r["label"] for r in compiled_records]
    for a, b in zip(skops_records, compiled_records):
        assert a["scores"].keys() == b["scores"].keys()
        assert all(abs(a["scores"][k] - b["scores"][k]) < 1e-6 for k in a["scores"])


def test_cli_train_no_compiled_and_npz_output_names(tmp_path, capsys):
    data = _write_training(tmp_path / "train.jsonl")
    base = ["train", "--input", str(data), "--text-field", "body", "--label-field", "topic"]
    assert main([*base, "-o", str(tmp_path / "a.skops"), "--no-compiled"]) == 0
    assert not (tmp_path / "a.npz").exists()
    assert main([*base, "-o", str(tmp_path / "b.npz")]) == 2
    assert "MODEL.skops" in capsys.readouterr().err and not (tmp_path / "b.npz").exists()


def test_cli_classify_output_file_threshold_and_multi_label(trained, tmp_path, capsys):
    inp = tmp_path / "in.jsonl"
    inp.write_text(json.dumps({"text": "党建引领乡村振兴，党支部带领农民种果树"}, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code = main(["classify", "--input", str(inp), "--model", str(trained), "--multi-label", "-o", str(out)])
    assert code == 0
    record = json.loads(out.read_text(encoding="utf-8"))
    assert "labels" in record and record["labels"][0] == record["label"]
    main(["classify", "--input", str(inp), "--model", str(trained), "--threshold", "1.0"])
    assert json.loads(capsys.readouterr().out)["label"] == "other"


def _train(args, capsys):
    code = main(["train", *args])
    return code, capsys.readouterr().err


def test_cli_train_label_with_one_example(tmp_path, capsys):
    data = tmp_path / "d.jsonl"
    rows = [{"text": t, "label": "a"} for t in ("村里", "村庄", "农民")] + [{"text": "人才", "label": "b"}]
    data.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    code, err = _train(["--input", str(data), "-o", str(tmp_path / "m.skops")], capsys)
    assert code == 2 and "E032" in err and "'b'" in err and "Traceback" not in err


def test_cli_train_missing_column(tmp_path, capsys):
    data = _write_training(tmp_path / "d.jsonl")
    code, err = _train(["--input", str(data), "--text-field", "content", "-o", str(tmp_path / "m.skops")], capsys)
    assert code == 2 and "E011" in err and "Record 1 " in err and "content" in err  # issue 10: names the record


def test_cli_train_all_empty_texts(tmp_path, capsys):
    data = tmp_path / "d.jsonl"
    data.write_text("\n".join(json.dumps({"text": "", "label": x}) for x in "aabb"), encoding="utf-8")
    code, err = _train(["--input", str(data), "-o", str(tmp_path / "m.skops")], capsys)
    assert code == 2 and "E034" in err


def test_cli_train_cv_more_folds_than_examples(tmp_path, capsys):
    data = _write_training(tmp_path / "d.jsonl")
    code, err = _train(["--input", str(data), "--text-field", "body", "--label-field", "topic",
                        "-o", str(tmp_path / "m.skops"), "--cv", "10"], capsys)
    assert code == 2 and "E032" in err and "10-fold" in err


def test_cli_train_gbk_csv_is_read(tmp_path, capsys):
    path = tmp_path / "d.csv"
    with path.open("w", encoding="gbk", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "label"])
        for label, texts in (("rural", RURAL), ("talent", TALENT)):
            for text in texts:
                writer.writerow([text, label])
    code = main(["train", "--input", str(path), "-o", str(tmp_path / "m.skops")])
    assert code == 0, capsys.readouterr().err


def test_cli_train_undecodable_jsonl(tmp_path, capsys):
    path = tmp_path / "d.jsonl"
    path.write_bytes('{"text": "村里", "label": "a"}\n'.encode("gbk"))
    code, err = _train(["--input", str(path), "-o", str(tmp_path / "m.skops")], capsys)
    assert code == 2 and "E010" in err and "Traceback" not in err


def test_cli_classify_refuses_pickle(tmp_path, capsys):
    path = tmp_path / "m.pkl"
    path.write_bytes(b"\x80\x04N.")
    inp = tmp_path / "in.jsonl"
    inp.write_text('{"text": "村里"}', encoding="utf-8")
    code = main(["classify", "--input", str(inp), "--model", str(path)])
    assert code == 2 and "E042" in capsys.readouterr().err
