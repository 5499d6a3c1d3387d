from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np

SCRIPT = Path(__file__).resolve().parents[2] / "models" / "build_default_model.py"


def _build_module():
    spec = importlib.util.spec_from_file_location("build_default_model", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rebuild_is_deterministic(tmp_path, corpus):
    """Two rebuilds on a small corpus: identical predictions and byte-identical model files."""
    build = _build_module()
    texts, labels = corpus
    records = [{"text": t, "title": t[:5], "label": y} for t, y in zip(texts, labels)]
    build.PARAMS["min_df"] = 1  # tiny corpus: keep every term
    paths = []
    for name in ("a.skops", "b.skops"):
        model = build.build(records)
        paths.append(model.save(tmp_path / name))
    assert paths[0].read_bytes() == paths[1].read_bytes()
    from newsnlp.classify import TopicClassifier

    a, b = (TopicClassifier.load(p) for p in paths)
    probe = ["村里种果树", "人才政策", "党支部", "比赛"]
    np.testing.assert_array_equal(a.predict_proba(probe), b.predict_proba(probe))
