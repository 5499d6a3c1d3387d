from __future__ import annotations

import sys

import pytest

from newsnlp.errors import MissingDependencyError
from newsnlp.summarize import TransformerSummarizer, make_summarizer


@pytest.mark.parametrize("package", ["torch", "transformers"])
def test_transformer_missing_dependency_hint(monkeypatch, package):
    monkeypatch.setitem(sys.modules, package, None)  # import now raises ImportError
    summarizer = TransformerSummarizer(model="any/model")
    with pytest.raises(MissingDependencyError, match=r"pip install 'newsnlp\[transformer\]'"):
        summarizer("今天全市降雨量达到五十毫米。")


def test_transformer_init_does_no_work():
    summarizer = make_summarizer("transformer", model="any/model", strategy="chunk")
    assert isinstance(summarizer, TransformerSummarizer)
    assert summarizer.strategy == "chunk" and "_loaded" not in summarizer.__dict__
