"""Issue 14 item 9: a model file is checked whole at load; bad files fail with a clear E04x.

Each test writes a valid compiled model, tampers with one thing, and expects a ModelFileError
naming it (before the fix: KeyError, TypeError, IndexError at prediction time, or silent
acceptance). Compression bombs are refused from the zip directory alone, before any member is
decompressed (checked with tracemalloc, not with a clock).
"""

from __future__ import annotations

import io
import json
import tracemalloc
import zipfile
from pathlib import Path

import numpy as np
import pytest

from newsnlp.classify import CompiledTopicModel, TopicClassifier, load_classifier
from newsnlp.classify._persistence import load_model
from newsnlp.errors import ModelFileError
from newsnlp.text import Tokenizer

TEXTS = [
    "村里的果园丰收，村民种苹果增收。", "合作社带农户种蔬菜，乡村产业兴旺。", "村里修好水渠，农田灌溉不再发愁。",
    "驻村书记帮农户发展养殖。", "乡村旅游火了，农家乐游客多。", "高标准农田建设，小麦亩产提高。",
    "市里出台人才新政，引进博士。", "人才工作站落户园区。", "培养高技能人才，工人评上技师。",
    "引进海外人才团队落户。", "人才公寓建成，青年人才扎根。", "技能人才培训计划启动。",
    "党支部召开组织生活会。", "党员学习党章，加强党的建设。", "干部考核突出政治标准。",
    "纪委通报违反八项规定问题。", "党员干部主题教育开展。", "社区党委推动党建引领治理。",
    "足球联赛今晚开赛。", "新电影春节上映。", "央行公布货币供应量数据。",
    "气象台预报明天有大雨。", "博物馆新展开幕。", "地铁新线路开通。",
]
LABELS = ["rural"] * 6 + ["talent"] * 6 + ["organization"] * 6 + ["other"] * 6


@pytest.fixture(scope="module")
def compiled() -> CompiledTopicModel:
    return CompiledTopicModel.from_classifier(TopicClassifier(calibration_cv=2).fit(TEXTS, LABELS))


def _parts(model: CompiledTopicModel, tmp_path: Path) -> tuple[dict, dict[str, np.ndarray]]:
    path = model.save(tmp_path / "good.npz")
    with np.load(path, allow_pickle=False) as archive:
        arrays = {name: archive[name] for name in archive.files}
    return json.loads(str(arrays.pop("header"))), arrays


def _write(path: Path, header: object, arrays: dict[str, np.ndarray]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, array in {**arrays, "header": np.asarray(json.dumps(header))}.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.asarray(array), allow_pickle=False)
            archive.writestr(f"{name}.npy", buffer.getvalue())
    return path


def _refused(path: Path, match: str) -> None:
    with pytest.raises(ModelFileError, match=match):
        CompiledTopicModel.load(path)


def test_issue14_model_missing_array_refused(compiled, tmp_path):
    header, arrays = _parts(compiled, tmp_path)
    del arrays["intercept"]
    _refused(_write(tmp_path / "m.npz", header, arrays), r"E040.*arrays intercept are missing")


def test_issue14_model_wrong_coef_shape_refused(compiled, tmp_path):
    header, arrays = _parts(compiled, tmp_path)
    arrays["coef"] = arrays["coef"][:, :10]
    _refused(_write(tmp_path / "m.npz", header, arrays), r"E040.*array coef is float64 \(4, 10\)")


def test_issue14_model_string_where_mapping_refused(compiled, tmp_path):
    header, arrays = _parts(compiled, tmp_path)
    header["tokenizer"] = "jieba"
    _refused(_write(tmp_path / "m.npz", header, arrays), r"E040.*header tokenizer is 'jieba', expected a mapping")
    _refused(_write(tmp_path / "list.npz", [header], arrays), r"E040.*another format|not a mapping")


def test_issue14_model_unknown_kind_refused(compiled, tmp_path):
    header, arrays = _parts(compiled, tmp_path)
    header["kind"] = "random-forest"
    _refused(_write(tmp_path / "m.npz", header, arrays), r"E040.*header kind is 'random-forest'")


def test_issue14_model_missing_header_key_and_nan_refused(compiled, tmp_path):
    header, arrays = _parts(compiled, tmp_path)
    _refused(_write(tmp_path / "k.npz", {k: v for k, v in header.items() if k != "threshold"}, arrays), "lacks threshold")
    arrays["word_idf"] = arrays["word_idf"].copy()
    arrays["word_idf"][0] = np.nan
    _refused(_write(tmp_path / "nan.npz", header, arrays), "word_idf holds NaN")


def test_issue14_model_declared_shape_larger_than_member_refused(compiled, tmp_path):
    header, arrays = _parts(compiled, tmp_path)
    path = _write(tmp_path / "m.npz", header, arrays)
    lie = io.BytesIO()
    np.lib.format.write_array_header_1_0(lie, {"descr": "<f8", "fortran_order": False, "shape": (10**9,)})
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("padding.npy", lie.getvalue() + b"\0" * 64)
    _refused(path, r"E040.*padding.*declares shape")


def _zeros_member(archive: zipfile.ZipFile, name: str, megabytes: int, prefix: bytes = b"") -> None:
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    with archive.open(info, "w", force_zip64=True) as member:
        member.write(prefix)
        chunk = b"\0" * (1 << 20)
        for _ in range(megabytes):
            member.write(chunk)


def test_issue14_npz_compression_bomb_refused_before_reading(compiled, tmp_path):
    header, arrays = _parts(compiled, tmp_path)
    path = _write(tmp_path / "bomb.npz", header, arrays)
    prefix = io.BytesIO()
    np.lib.format.write_array_header_1_0(prefix, {"descr": "<f8", "fortran_order": False, "shape": (100 << 17,)})
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        _zeros_member(archive, "padding.npy", 100, prefix.getvalue())
    assert path.stat().st_size < 2_000_000
    tracemalloc.start()
    try:
        with pytest.raises(ModelFileError, match=r"E045.*padding\.npy"):
            load_classifier(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000


def test_issue14_skops_compression_bomb_refused_before_reading(tmp_path):
    path = tmp_path / "bomb.skops"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        _zeros_member(archive, "schema.json", 100, b'{"x": "')
    with pytest.raises(ModelFileError, match=r"E045.*schema\.json"):
        load_model(path)


@pytest.mark.parametrize("target", ["/etc/passwd", "/dev/zero", "../userdict.txt"])
def test_issue14_model_user_dict_outside_refused(compiled, tmp_path, target):
    header, arrays = _parts(compiled, tmp_path)
    header["tokenizer"]["user_dict"] = target
    _refused(_write(tmp_path / "m.npz", header, arrays), r"E046.*neither stored in the model file nor shipped")


def test_issue14_model_shipped_user_dict_by_name_accepted(compiled, tmp_path):
    header, arrays = _parts(compiled, tmp_path)
    header["tokenizer"]["user_dict"] = "userdict.txt"
    model = CompiledTopicModel.load(_write(tmp_path / "m.npz", header, arrays))
    assert "乡村振兴" in model.tokenizer_.dictionary_words


def test_issue14_model_custom_user_dict_travels_inside(tmp_path):
    words = tmp_path / "words.txt"
    words.write_text("青禾果业 20 n\n", encoding="utf-8")
    clf = TopicClassifier(calibration_cv=2, tokenizer=Tokenizer(user_dict=words)).fit(TEXTS, LABELS)
    path = CompiledTopicModel.from_classifier(clf).save(tmp_path / "m.npz")
    words.unlink()  # the model must not depend on the file it was trained with
    model = CompiledTopicModel.load(path)
    assert "青禾果业" in model.tokenizer_.cut("青禾果业丰收")
    assert len(model.predict(["青禾果业带动村民增收"])) == 1
    assert model.save(tmp_path / "again.npz").read_bytes() == path.read_bytes()
