"""The pipeline's classify stage: topics for articles, with any fitted topic model."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["article_title", "classify_articles"]


def article_title(article: Any) -> str:
    """The headline text an article is classified with: kicker, title and subtitle."""
    return " ".join(p for p in (article.kicker, article.title, article.subtitle) if p)


def classify_articles(classifier: Any, articles: Sequence[Any]) -> None:
    """Set ``topic`` and ``topic_scores`` on every article.

    ``classifier`` is a fitted :class:`TopicClassifier` or a :class:`CompiledTopicModel`. Uses
    the words of ``article.analysis`` when every article has one (the pipeline tokenizes once).
    """
    articles = list(articles)
    if not articles:
        return
    analyses = [a.analysis for a in articles]
    pre = all(x is not None for x in analyses)
    proba = classifier.predict_proba(
        [a.text for a in articles],
        [article_title(a) for a in articles],
        words=[x.words for x in analyses] if pre else None,
        title_words=[x.title_words for x in analyses] if pre else None,
    )
    labels = classifier._labels_from_proba(proba)
    for article, row, label in zip(articles, proba, labels, strict=True):
        article.topic = str(label[0] if isinstance(label, list) else label)
        article.topic_scores = {str(c): float(p) for c, p in zip(classifier.classes_, row, strict=True)}
