"""Topic classification: :class:`TopicClassifier` and the shipped party-press model.

>>> from newsnlp.classify import load_default_classifier
>>> clf = load_default_classifier()
>>> sorted(clf.classes_.tolist())
['organization', 'other', 'rural', 'talent']

The estimator needs scikit-learn; the pipeline predicts with a :class:`CompiledTopicModel`
(NumPy only, see ``_compiled.py``), so the heavy modules load only when you train or load a
``.skops`` model. Names are imported on first use for the same reason.
"""

from __future__ import annotations

import importlib
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsnlp.classify._articles import article_title, classify_articles
from newsnlp.classify._compiled import CompiledTopicModel

if TYPE_CHECKING:
    from newsnlp.classify._classifier import TopicClassifier, evaluation_report
    from newsnlp.classify._features import NewsVectorizer, WordNgrams
    from newsnlp.classify._persistence import FORMAT_VERSION, TRUSTED_TYPES, load_model, save_model

__all__ = [
    "DEFAULT_THRESHOLD",
    "FORMAT_VERSION",
    "TRUSTED_TYPES",
    "CompiledTopicModel",
    "NewsVectorizer",
    "TopicClassifier",
    "WordNgrams",
    "article_title",
    "classify_articles",
    "default_compiled_path",
    "default_model_path",
    "evaluation_report",
    "load_classifier",
    "load_default_classifier",
    "load_model",
    "save_model",
]

#: Confidence threshold of the default model (see models/MODEL_CARD.md); below it → ``other``.
DEFAULT_THRESHOLD = 0.4

_LAZY = {
    "TopicClassifier": "newsnlp.classify._classifier",
    "evaluation_report": "newsnlp.classify._classifier",
    "NewsVectorizer": "newsnlp.classify._features",
    "WordNgrams": "newsnlp.classify._features",
    "FORMAT_VERSION": "newsnlp.classify._persistence",
    "TRUSTED_TYPES": "newsnlp.classify._persistence",
    "load_model": "newsnlp.classify._persistence",
    "save_model": "newsnlp.classify._persistence",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'newsnlp.classify' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def default_model_path() -> Path:
    """Path of the shipped default topic model, as an estimator (skops file)."""
    return Path(str(resources.files("newsnlp") / "resources" / "topic_model.skops"))


def default_compiled_path() -> Path:
    """Path of the shipped default topic model, compiled for prediction (NumPy archive)."""
    return Path(str(resources.files("newsnlp") / "resources" / "topic_model.npz"))


def load_default_classifier(*, compiled: bool = False) -> Any:
    """Load the default party-press topic model: organization, talent, rural, other.

    Its ``threshold`` is the one stated in the model card, so an article whose best label is not
    confident enough is ``other``. ``compiled=True`` returns the :class:`CompiledTopicModel`
    (same predictions, no scikit-learn import: what the pipeline uses).
    """
    if compiled:
        return CompiledTopicModel.load(default_compiled_path())
    from newsnlp.classify._classifier import TopicClassifier

    return TopicClassifier.load(default_model_path())


def load_classifier(path: str | Path, *, trust_pickle: bool = False) -> Any:
    """Load a topic model file: a compiled ``.npz`` or a ``TopicClassifier`` (skops, or a pickle
    with ``trust_pickle=True``)."""
    if str(path).endswith(".npz"):
        return CompiledTopicModel.load(path)
    from newsnlp.classify._classifier import TopicClassifier

    return TopicClassifier.load(path, trust_pickle=trust_pickle)


# ``newsnlp.classify(text)`` calls the one-liner newsnlp.quick.classify (see that module).
from newsnlp.quick import make_module_callable  # noqa: E402

make_module_callable(__name__, "classify")
