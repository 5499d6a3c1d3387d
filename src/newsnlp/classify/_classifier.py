"""TopicClassifier: TF-IDF words + characters, a calibrated linear model, any label set."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, classification_report, confusion_matrix, f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import LinearSVC
from sklearn.utils.validation import check_is_fitted

from newsnlp.classify._features import NewsVectorizer
from newsnlp.classify._inputs import as_list, news_docs
from newsnlp.classify._labels import LabelRules
from newsnlp.errors import ConfigError, Errors, InputError, NotFittedError
from newsnlp.text.tokenize import Tokenizer

if TYPE_CHECKING:
    from newsnlp.classify._compiled import CompiledTopicModel

__all__ = ["TopicClassifier", "evaluation_report"]

_MODELS = ("svm", "logreg")


class TopicClassifier(LabelRules, ClassifierMixin, BaseEstimator):
    """Topic classifier for Chinese news: TF-IDF of words and characters, a linear model.

    Works with any label set. Texts are tokenized with the pipeline's :class:`Tokenizer`
    (single-character words such as 党 and 村 are kept), word unigrams and bigrams are combined
    with character n-grams, headline terms count ``title_weight`` times, and a class-weighted
    linear model gives calibrated probabilities.

    Parameters
    ----------
    tokenizer : Tokenizer or None, default=None
        Word tokenizer; ``None`` builds ``Tokenizer()`` in :meth:`fit`. Pre-tokenized words passed
        to :meth:`predict` must come from a tokenizer with the same configuration.
    title_weight : float, default=2.0
        How many times a headline word counts relative to a body word.
    word_ngram_range : tuple of int, default=(1, 2)
        Word n-gram lengths.
    char_ngram_range : tuple of int or None, default=(1, 2)
        Character n-gram lengths; ``None`` uses words only.
    char_max_chars : int or None, default=None
        Take character n-grams from at most this many leading body characters (faster; the
        headline always counts whole). ``None``: the whole body.
    char_weight : float, default=1.0
        Weight of the character block relative to the word block.
    min_df : int or float, default=1
        Drop rarer terms (per block).
    max_features : int or None, default=None
        Keep at most this many terms per block (the most frequent first).
    model : {"svm", "logreg"}, default="svm"
        ``"svm"``: LinearSVC with sigmoid calibration (cross-validated); ``"logreg"``:
        multinomial logistic regression. LinearSVC measured better (see benchmarks).
    C : float, default=0.5
        Inverse regularization strength.
    class_weight : "balanced", dict or None, default="balanced"
        Class weights for the linear model.
    calibration_cv : int, default=3
        Folds for calibrating LinearSVC scores (lowered to the smallest class size, at least 2).
    threshold : float or None, default=None
        When set, a text whose best probability is below it gets ``unknown_label``.
    unknown_label : str, default="other"
        The answer when no label is confident enough.
    multi_label : bool, default=False
        :meth:`predict` returns, per text, every label with probability >= ``multi_label_threshold``
        (best first; at least the best one).
    multi_label_threshold : float, default=0.3
        Probability needed for a second (third …) label in multi-label mode.
    random_state : int, default=0
        Seed for the linear model and calibration folds; fitting is deterministic.

    Attributes
    ----------
    classes_ : ndarray
        The labels, sorted; columns of :meth:`predict_proba` follow this order.
    tokenizer_ : Tokenizer
        The tokenizer used.
    vectorizer_ : NewsVectorizer
        Fitted features.
    model_ : CalibratedClassifierCV or LogisticRegression
        Fitted linear model.
    n_features_ : int
        Number of features.

    Examples
    --------
    >>> clf = TopicClassifier(char_ngram_range=None).fit(
    ...     ["村里种果树", "乡村振兴产业", "人才引进政策", "引进高层次人才"],
    ...     ["rural", "rural", "talent", "talent"])
    >>> clf.classes_.tolist()
    ['rural', 'talent']
    """

    def __init__(
        self,
        *,
        tokenizer: Tokenizer | None = None,
        title_weight: float = 2.0,
        word_ngram_range: tuple[int, int] = (1, 2),
        char_ngram_range: tuple[int, int] | None = (1, 2),
        char_weight: float = 1.0,
        char_max_chars: int | None = None,
        min_df: int | float = 1,
        max_features: int | None = None,
        model: str = "svm",
        C: float = 0.5,
        class_weight: str | dict[Any, float] | None = "balanced",
        calibration_cv: int = 3,
        threshold: float | None = None,
        unknown_label: str = "other",
        multi_label: bool = False,
        multi_label_threshold: float = 0.3,
        random_state: int = 0,
    ) -> None:
        self.tokenizer = tokenizer
        self.title_weight = title_weight
        self.word_ngram_range = word_ngram_range
        self.char_ngram_range = char_ngram_range
        self.char_weight = char_weight
        self.char_max_chars = char_max_chars
        self.min_df = min_df
        self.max_features = max_features
        self.model = model
        self.C = C
        self.class_weight = class_weight
        self.calibration_cv = calibration_cv
        self.threshold = threshold
        self.unknown_label = unknown_label
        self.multi_label = multi_label
        self.multi_label_threshold = multi_label_threshold
        self.random_state = random_state

    # -- scikit-learn plumbing ----------------------------------------------------------------
    def __sklearn_clone__(self) -> TopicClassifier:
        from sklearn.base import clone

        params = self.get_params(deep=False)
        for name, value in params.items():
            if isinstance(value, Tokenizer):
                params[name] = Tokenizer(**value.get_params())
            else:
                params[name] = clone(value, safe=False)
        return type(self)(**params)

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        return tags

    def _validate_params(self) -> None:
        def bad(name: str, value: Any, expected: str) -> ConfigError:
            return ConfigError(Errors.E035.format(name=name, value=value, expected=expected))

        if self.tokenizer is not None and not isinstance(self.tokenizer, Tokenizer):
            raise bad("tokenizer", self.tokenizer, "a newsnlp Tokenizer or None (a trusted type that can be saved safely)")
        if self.model not in _MODELS:
            raise bad("model", self.model, f"one of {', '.join(_MODELS)}")
        for name in ("title_weight", "char_weight"):
            value = getattr(self, name)
            if not isinstance(value, (int, float)) or value < 0:
                raise bad(name, value, "a number >= 0")
        if not isinstance(self.C, (int, float)) or self.C <= 0:
            raise bad("C", self.C, "a number > 0")
        for name in ("threshold", "multi_label_threshold"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, (int, float)) or not 0 <= value <= 1):
                raise bad(name, value, "a probability between 0 and 1" + (" or None" if name == "threshold" else ""))
        if not isinstance(self.calibration_cv, int) or self.calibration_cv < 2:
            raise bad("calibration_cv", self.calibration_cv, "an int >= 2")
        lo, hi = self.word_ngram_range
        if not 1 <= lo <= hi:
            raise bad("word_ngram_range", self.word_ngram_range, "(min_n, max_n) with 1 <= min_n <= max_n")
        if self.char_ngram_range is not None and not 1 <= self.char_ngram_range[0] <= self.char_ngram_range[1]:
            raise bad("char_ngram_range", self.char_ngram_range, "(min_n, max_n) or None")
        if self.char_max_chars is not None and (not isinstance(self.char_max_chars, int) or self.char_max_chars < 1):
            raise bad("char_max_chars", self.char_max_chars, "an int >= 1 or None")

    def _check_fitted(self) -> None:
        try:
            check_is_fitted(self, ["classes_", "model_", "vectorizer_"])
        except Exception as exc:
            raise NotFittedError(Errors.E030.format(name=type(self).__name__)) from exc

    # -- fitting ------------------------------------------------------------------------------
    def fit(
        self,
        texts: Iterable[str],
        labels: Iterable[Any],
        titles: Iterable[str] | None = None,
        *,
        words: Iterable[Sequence[str]] | None = None,
        title_words: Iterable[Sequence[str]] | None = None,
    ) -> TopicClassifier:
        """Learn the features and the linear model from labelled texts.

        Parameters
        ----------
        texts : iterable of str
            Article bodies (or whole texts).
        labels : iterable
            One label per text; any hashable labels, at least two distinct, each used at least
            twice.
        titles : iterable of str, optional
            Headlines; their words count ``title_weight`` times.
        words, title_words : iterable of list of str, optional
            Pre-tokenized body and headline words (same tokenizer configuration), to skip
            tokenizing.

        Returns
        -------
        self : TopicClassifier
        """
        self._validate_params()
        tokenizer = self.tokenizer if self.tokenizer is not None else Tokenizer()
        text_list = as_list(texts, "texts")
        label_list = as_list(labels, "labels")
        if len(text_list) != len(label_list):
            raise InputError(Errors.E033.format(n_texts=len(text_list), n_labels=len(label_list)))
        counts = Counter(label_list)
        if len(counts) < 2:
            raise InputError(Errors.E031.format(labels=sorted(map(str, counts)) or "none"))
        docs = news_docs(text_list, titles, words, title_words, tokenizer)
        if not any(d.text.strip() or d.title.strip() for d in docs):
            raise InputError(Errors.E034)
        rare = sorted((c, str(label)) for label, c in counts.items() if c < 2)
        if rare:
            count, label = rare[0]
            raise InputError(Errors.E032.format(label=label, count=count, needed=2, purpose="training"))
        y = np.asarray(label_list)
        self.tokenizer_ = tokenizer
        self.vectorizer_ = NewsVectorizer(
            word_ngram_range=tuple(self.word_ngram_range),
            char_ngram_range=None if self.char_ngram_range is None else tuple(self.char_ngram_range),
            title_weight=float(self.title_weight),
            char_weight=float(self.char_weight),
            char_max_chars=self.char_max_chars,
            min_df=self.min_df,
            max_features=self.max_features,
        )
        x = self.vectorizer_.fit_transform(docs)
        if self.model == "svm":
            svm = LinearSVC(C=self.C, class_weight=self.class_weight, random_state=self.random_state, max_iter=5000)
            folds = max(2, min(self.calibration_cv, min(counts.values())))
            cv = StratifiedKFold(n_splits=folds, shuffle=True, random_state=self.random_state)
            self.model_ = CalibratedClassifierCV(svm, method="sigmoid", cv=cv, ensemble=False)
        else:
            self.model_ = LogisticRegression(
                C=self.C, class_weight=self.class_weight, max_iter=2000, random_state=self.random_state
            )
        self.model_.fit(x, y)
        self.classes_ = self.model_.classes_
        self.n_features_ = x.shape[1]
        return self

    # -- predicting ---------------------------------------------------------------------------
    def predict_proba(
        self,
        texts: Iterable[str],
        titles: Iterable[str] | None = None,
        *,
        words: Iterable[Sequence[str]] | None = None,
        title_words: Iterable[Sequence[str]] | None = None,
    ) -> np.ndarray:
        """Calibrated probabilities, shape ``(n_texts, n_classes)``, columns in ``classes_`` order.

        ``words``/``title_words`` are optional pre-tokenized words (as the pipeline's
        ``Article.analysis`` holds them); the result equals tokenizing the texts here.
        """
        self._check_fitted()
        docs = news_docs(texts, titles, words, title_words, self.tokenizer_)
        if not docs:
            return np.zeros((0, len(self.classes_)))
        proba = self.model_.predict_proba(self.vectorizer_.transform(docs))
        return proba / proba.sum(axis=1, keepdims=True)

    def predict(
        self,
        texts: Iterable[str],
        titles: Iterable[str] | None = None,
        *,
        words: Iterable[Sequence[str]] | None = None,
        title_words: Iterable[Sequence[str]] | None = None,
    ) -> np.ndarray | list[list[Any]]:
        """The best label per text (``unknown_label`` below ``threshold``).

        With ``multi_label=True``, a list per text of every label whose probability reaches
        ``multi_label_threshold``, best first.
        """
        proba = self.predict_proba(texts, titles, words=words, title_words=title_words)
        labels = self._labels_from_proba(proba)
        if self.multi_label:
            return labels
        if self.threshold is None:
            return np.asarray(labels, dtype=self.classes_.dtype) if labels else self.classes_[:0]
        return np.asarray(labels, dtype=object)

    def top_k(
        self,
        texts: Iterable[str],
        k: int = 3,
        titles: Iterable[str] | None = None,
        *,
        words: Iterable[Sequence[str]] | None = None,
        title_words: Iterable[Sequence[str]] | None = None,
    ) -> list[list[tuple[Any, float]]]:
        """The ``k`` most probable labels per text, as ``(label, probability)``, best first."""
        proba = self.predict_proba(texts, titles, words=words, title_words=title_words)
        result = []
        for row in proba:
            order = np.argsort(-row, kind="stable")[: max(1, k)]
            result.append([(_plain(self.classes_[i]), float(row[i])) for i in order])
        return result

    def evaluate(
        self,
        texts: Iterable[str],
        labels: Iterable[Any],
        titles: Iterable[str] | None = None,
        *,
        words: Iterable[Sequence[str]] | None = None,
        title_words: Iterable[Sequence[str]] | None = None,
    ) -> dict[str, Any]:
        """Accuracy, macro-F1, a per-class report and the confusion matrix on labelled texts.

        Returns
        -------
        dict
            ``accuracy``, ``macro_f1``, ``report`` (scikit-learn's ``classification_report`` as a
            dict), ``labels`` (row/column order) and ``confusion_matrix`` (rows: true labels).
        """
        gold = as_list(labels, "labels")
        if self.multi_label:
            predicted = [row[0] for row in self.predict(texts, titles, words=words, title_words=title_words)]
        else:
            predicted = list(self.predict(texts, titles, words=words, title_words=title_words))
        return evaluation_report(gold, predicted)

    # -- persistence --------------------------------------------------------------------------
    def save(self, path: str | Path, *, metadata: dict[str, Any] | None = None) -> Path:
        """Write the fitted model to a skops file (format version and newsnlp metadata inside)."""
        from newsnlp.classify._persistence import save_model

        self._check_fitted()
        return save_model(self, path, metadata=metadata)

    def compile(self) -> CompiledTopicModel:
        """The fitted model as plain arrays, for fast start-up (same probabilities to 1e-9).

        Save it with ``.save("model.npz")`` and give that path to the pipeline
        (``newsnlp.load(classifier="model.npz")``): loading it imports neither scikit-learn nor
        skops. The compiled model predicts; it cannot be refitted.
        """
        from newsnlp.classify._compiled import CompiledTopicModel

        return CompiledTopicModel.from_classifier(self)

    @classmethod
    def load(cls, path: str | Path, *, trust_pickle: bool = False) -> TopicClassifier:
        """Load a model saved by :meth:`save`, trusting only an explicit allow-list of types.

        A pickle file is refused unless ``trust_pickle=True``. Raises
        :class:`~newsnlp.errors.ModelFileError` for anything that is not a newsnlp model of this
        format version.
        """
        from newsnlp.classify._persistence import load_model

        return load_model(path, trust_pickle=trust_pickle)


def _plain(value: Any) -> Any:
    return value.item() if isinstance(value, np.generic) else value


def evaluation_report(gold: Sequence[Any], predicted: Sequence[Any]) -> dict[str, Any]:
    """Accuracy, macro-F1 (over the gold labels), per-class report and confusion matrix."""
    gold_s = [str(g) for g in gold]
    pred_s = [str(p) for p in predicted]
    labels = sorted(set(gold_s) | set(pred_s))
    gold_labels = sorted(set(gold_s))
    return {
        "accuracy": float(accuracy_score(gold_s, pred_s)),
        "macro_f1": float(f1_score(gold_s, pred_s, labels=gold_labels, average="macro", zero_division=0)),
        "report": classification_report(gold_s, pred_s, labels=labels, output_dict=True, zero_division=0),
        "labels": labels,
        "confusion_matrix": confusion_matrix(gold_s, pred_s, labels=labels).tolist(),
    }
