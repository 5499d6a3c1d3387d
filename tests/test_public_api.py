"""The public API: one sorted __all__, every name importable, light import."""

from __future__ import annotations

import subprocess
import sys

import newsnlp


def test_public_api_all_is_sorted_and_importable() -> None:
    assert newsnlp.__all__ == sorted(newsnlp.__all__)
    for name in newsnlp.__all__:
        assert getattr(newsnlp, name) is not None


def test_public_api_errors_share_one_root() -> None:
    for name in ("ConfigError", "InputError", "MissingDependencyError", "ModelFileError", "NotFittedError"):
        assert issubclass(getattr(newsnlp, name), newsnlp.NewsNLPError)


def test_public_api_import_and_default_pipeline_skip_heavy_libraries() -> None:
    code = (
        "import sys, newsnlp; nlp = newsnlp.load(); nlp('# 标题\\n\\n正文。'); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sklearn', 'skops', 'torch', 'transformers'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
