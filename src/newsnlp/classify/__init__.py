"""Topic classification: :class:`TopicClassifier` and the shipped party-press model.

>>> from newsnlp.classify import load_default_classifier
>>> clf = load_default_classifier()
>>> sorted(clf.classes_.tolist())
['organization', 'other', 'rural', 'talent']
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from newsnlp.classify._classifier import TopicClassifier, classify_articles, evaluation_report
from newsnlp.classify._features import NewsVectorizer, WordNgrams
from newsnlp.classify._persistence import FORMAT_VERSION, TRUSTED_TYPES, load_model, save_model

__all__ = [
    "DEFAULT_THRESHOLD",
    "FORMAT_VERSION",
    "TRUSTED_TYPES",
    "NewsVectorizer",
    "TopicClassifier",
    "WordNgrams",
    "classify_articles",
    "default_model_path",
    "evaluation_report",
    "load_default_classifier",
    "load_model",
    "save_model",
]

#: Confidence threshold of the default model (see models/MODEL_CARD.md); below it → ``other``.
DEFAULT_THRESHOLD = 0.4


def default_model_path() -> Path:
    """Path of the shipped default topic model (package data)."""
    return Path(str(resources.files("newsnlp") / "resources" / "topic_model.skops"))


def load_default_classifier() -> TopicClassifier:
    """Load the default party-press topic model: organization, talent, rural, other.

    Its ``threshold`` is set as stated in the model card, so an article whose best label is not
    confident enough is ``other``.
    """
    return TopicClassifier.load(default_model_path())
