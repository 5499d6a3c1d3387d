from __future__ import annotations

import io
import json
import os
import pickle
import zipfile
from pathlib import Path

import numpy as np
import pytest
import skops.io as sio

from newsnlp.classify import TopicClassifier
from newsnlp.errors import ModelFileError


def test_persistence_round_trip(fitted, saved_model):
    loaded = TopicClassifier.load(saved_model)
    texts = ["村民种果树增收", "引进博士人才", "党支部学习党章", "足球比赛"]
    np.testing.assert_array_equal(loaded.predict_proba(texts), fitted.predict_proba(texts))
    assert list(loaded.classes_) == list(fitted.classes_)
    assert loaded.get_params() == fitted.get_params()
    assert loaded.model_info_["format_version"] == 1


def test_persistence_missing_file(tmp_path):
    with pytest.raises(ModelFileError, match="E043"):
        TopicClassifier.load(tmp_path / "nope.skops")


def test_persistence_random_bytes_rejected(tmp_path):
    path = tmp_path / "random.skops"
    path.write_bytes(os.urandom(2048))
    with pytest.raises(ModelFileError, match="E040.*not a zip"):
        TopicClassifier.load(path)


def test_persistence_zip_without_schema_rejected(tmp_path):
    path = tmp_path / "other.skops"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "你好")
    with pytest.raises(ModelFileError, match="E040.*schema"):
        TopicClassifier.load(path)


def test_persistence_skops_file_of_other_object_rejected(tmp_path):
    from sklearn.linear_model import LogisticRegression

    path = tmp_path / "lr.skops"
    sio.dump(LogisticRegression(), path)
    with pytest.raises(ModelFileError, match="E040.*LogisticRegression"):
        TopicClassifier.load(path)


def test_persistence_other_format_version_rejected(tmp_path, fitted):
    path = tmp_path / "future.skops"
    sio.dump({"format": "newsnlp-topic-model", "format_version": 99, "model": fitted}, path)
    with pytest.raises(ModelFileError, match="E041.*format 99"):
        TopicClassifier.load(path)


def _tamper_schema(src: Path, dst: Path, edit) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "schema.json":
                schema = json.loads(data)
                edit(schema)
                data = json.dumps(schema).encode()
            zout.writestr(item, data)


def _find_nodes(node, predicate, found):
    if isinstance(node, dict):
        if predicate(node):
            found.append(node)
        for value in node.values():
            _find_nodes(value, predicate, found)
    elif isinstance(node, list):
        for value in node:
            _find_nodes(value, predicate, found)
    return found


def test_persistence_tampered_function_reference_rejected(tmp_path, saved_model):
    """A file whose word analyzer was swapped for ``os.system`` never loads, so never runs."""
    marker = tmp_path / "pwned"

    def swap(schema):
        nodes = _find_nodes(schema, lambda n: n.get("__class__") == "WordNgrams", [])
        assert nodes, "the schema should contain the WordNgrams analyzer"
        node = nodes[0]
        node.clear()
        node.update({"__class__": "system", "__module__": "os", "__loader__": "FunctionNode",
                     "content": {"module_path": "os", "function": "system"}, "is_self_ref": False})

    bad = tmp_path / "tampered.skops"
    _tamper_schema(saved_model, bad, swap)
    with pytest.raises(ModelFileError, match=r"E044.*os\.system"):
        TopicClassifier.load(bad)
    assert not marker.exists()


class Intruder:
    """A class that is not on the allow-list."""


def test_persistence_foreign_class_rejected(tmp_path, fitted):
    path = tmp_path / "foreign.skops"
    sio.dump({"format": "newsnlp-topic-model", "format_version": 1, "model": fitted, "x": Intruder()}, path)
    with pytest.raises(ModelFileError, match=r"E044.*Intruder"):
        TopicClassifier.load(path)


class _Exploit:
    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_persistence_pickle_refused_without_trust(tmp_path):
    marker = tmp_path / "marker.txt"
    for name in ("model.pkl", "model.skops"):  # refused by suffix and by content
        path = tmp_path / name
        path.write_bytes(pickle.dumps(_Exploit(str(marker))))
        with pytest.raises(ModelFileError, match="E042"):
            TopicClassifier.load(path)
        assert not marker.exists()


def test_persistence_pickle_loads_with_trust(tmp_path, fitted):
    path = tmp_path / "model.pkl"
    buffer = io.BytesIO()
    pickle.dump(fitted, buffer)
    path.write_bytes(buffer.getvalue())
    loaded = TopicClassifier.load(path, trust_pickle=True)
    assert list(loaded.predict(["村民种果树增收"])) == list(fitted.predict(["村民种果树增收"]))
