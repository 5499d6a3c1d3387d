"""newsnlp: Chinese newspaper text in, articles with topics, keywords and summaries out.

>>> import newsnlp
>>> nlp = newsnlp.load()                                   # doctest: +SKIP
>>> issue = nlp(page_text)                                 # doctest: +SKIP
>>> [(a.title, a.topic, a.summary) for a in issue.articles]  # doctest: +SKIP

The heavy parts (scikit-learn, the topic model, transformers) load only when first used, so
``import newsnlp`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsnlp.document import Analysis, Article, Author, Issue, Line, ScoredSentence
from newsnlp.errors import (
    ConfigError,
    InputError,
    MissingDependencyError,
    ModelFileError,
    NewsNLPError,
    NotFittedError,
)
from newsnlp.text import Tokenizer, split_sentences

if TYPE_CHECKING:
    from newsnlp.classify import TopicClassifier
    from newsnlp.pdf import read_pdf
    from newsnlp.pipeline import Pipeline, PipelineConfig, load
    from newsnlp.quick import Topic, keywords
    from newsnlp.reporting import report
    from newsnlp.segment import PageSplitter, segment_page

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "Article",
    "Author",
    "ConfigError",
    "InputError",
    "Issue",
    "Line",
    "MissingDependencyError",
    "ModelFileError",
    "NewsNLPError",
    "NotFittedError",
    "PageSplitter",
    "Pipeline",
    "PipelineConfig",
    "ScoredSentence",
    "Tokenizer",
    "Topic",
    "TopicClassifier",
    "__version__",
    "classify",
    "keywords",
    "load",
    "read_pdf",
    "report",
    "segment",
    "segment_page",
    "split_sentences",
    "summarize",
]

_LAZY = {
    "Pipeline": "newsnlp.pipeline",
    "PipelineConfig": "newsnlp.pipeline",
    "load": "newsnlp.pipeline",
    "TopicClassifier": "newsnlp.classify",
    "PageSplitter": "newsnlp.segment",
    "segment_page": "newsnlp.segment",
    "keywords": "newsnlp.quick",
    "Topic": "newsnlp.quick",
    "report": "newsnlp.reporting",
    "read_pdf": "newsnlp.pdf",  # the pdf extra (pdfplumber) is imported only when a PDF is read
}
#: Sub-packages that are also one-liners: calling ``newsnlp.summarize(text)`` runs
#: :func:`newsnlp.quick.summarize` (see newsnlp.quick.make_module_callable).
_CALLABLE_PACKAGES = ("classify", "segment", "summarize")


def __getattr__(name: str) -> Any:
    import importlib

    if name in _CALLABLE_PACKAGES:
        return importlib.import_module(f"newsnlp.{name}")
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'newsnlp' has no attribute {name!r}")

    return getattr(importlib.import_module(module_name), name)
