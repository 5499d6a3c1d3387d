"""The compiled model predicts exactly like the estimator it came from, and loads safely."""

from __future__ import annotations

import io
import zipfile

import numpy as np
import pytest

from newsnlp.classify import CompiledTopicModel, TopicClassifier, load_default_classifier
from newsnlp.errors import ModelFileError

TEXTS = [
    "村里成立合作社种植羊肚菌，农民增收",
    "驻村第一书记带领村民发展乡村旅游",
    "高标准农田建设助力粮食丰收",
    "县里出台人才新政吸引博士返乡",
    "技能人才评价改革让工匠有奔头",
    "高校毕业生落户享受人才公寓",
    "社区党支部召开主题党日活动",
    "纪委通报违反八项规定精神问题",
    "年轻干部到基层一线接受锻炼",
    "高铁新线开通运营",
    "博物馆推出新春特展",
    "女排联赛主队取得三连胜",
]
LABELS = ["rural"] * 3 + ["talent"] * 3 + ["organization"] * 3 + ["other"] * 3
TITLES = ["乡村产业", "乡村旅游", "粮食", "人才新政", "技能人才", "人才服务", "党建", "纪检", "干部", "交通", "文化", "体育"]
PROBES = ["合作社带动农户种菌增收", "博士后工作站引进人才", "党员干部作风建设", "新开通的高铁线路", ""]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"char_ngram_range": None},
        {"model": "logreg"},
        {"char_ngram_range": (2, 3), "title_weight": 3.0},
    ],
)
def test_compiled_matches_estimator(params: dict, tmp_path) -> None:
    clf = TopicClassifier(calibration_cv=2, **params).fit(TEXTS, LABELS, TITLES)
    compiled = CompiledTopicModel.load(CompiledTopicModel.from_classifier(clf).save(tmp_path / "m.npz"))
    titles = ["乡村", "", "作风", "交通", ""]
    np.testing.assert_allclose(compiled.predict_proba(PROBES, titles), clf.predict_proba(PROBES, titles), atol=1e-9)
    assert list(compiled.predict(PROBES, titles)) == [str(x) for x in clf.predict(PROBES, titles)]


def test_compiled_binary_models_match(tmp_path) -> None:
    for model in ("svm", "logreg"):
        clf = TopicClassifier(model=model, calibration_cv=2).fit(TEXTS[:6], LABELS[:6])
        compiled = CompiledTopicModel.from_classifier(clf)
        np.testing.assert_allclose(compiled.predict_proba(PROBES), clf.predict_proba(PROBES), atol=1e-9)


def test_compiled_save_is_deterministic(tmp_path) -> None:
    clf = TopicClassifier(calibration_cv=2).fit(TEXTS, LABELS, TITLES)
    compiled = CompiledTopicModel.from_classifier(clf)
    a, b = compiled.save(tmp_path / "a.npz"), compiled.save(tmp_path / "b.npz")
    assert a.read_bytes() == b.read_bytes()


def test_compiled_default_model_matches_the_shipped_estimator() -> None:
    compiled, estimator = load_default_classifier(compiled=True), load_default_classifier()
    np.testing.assert_allclose(compiled.predict_proba(PROBES), estimator.predict_proba(PROBES), atol=1e-9)
    assert compiled.threshold == estimator.threshold


def test_compiled_load_refuses_foreign_files(tmp_path) -> None:
    random_file = tmp_path / "random.npz"
    random_file.write_bytes(b"not a zip at all")
    with pytest.raises(ModelFileError, match="E040"):
        CompiledTopicModel.load(random_file)
    pickled = tmp_path / "objects.npz"
    np.savez(pickled, header=np.array([{"format": "x"}], dtype=object))  # needs pickle to read
    with pytest.raises(ModelFileError, match="E040"):
        CompiledTopicModel.load(pickled)
    other = tmp_path / "other.npz"
    buffer = io.BytesIO()
    np.save(buffer, np.asarray('{"format": "something-else"}'))
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("header.npy", buffer.getvalue())
    with pytest.raises(ModelFileError, match="another format"):
        CompiledTopicModel.load(other)
    with pytest.raises(ModelFileError, match="E043"):
        CompiledTopicModel.load(tmp_path / "missing.npz")
