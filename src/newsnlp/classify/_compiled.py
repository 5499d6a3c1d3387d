"""A fitted :class:`TopicClassifier` reduced to arrays, to predict without scikit-learn.

Why: importing scikit-learn and skops costs about 1.5 s and 200+ MB per process (more when torch
is installed, which skops' type discovery imports), while predicting with a linear model over
TF-IDF features needs only vocabularies, IDF weights, coefficients and the calibration's sigmoid
parameters. :class:`CompiledTopicModel` holds exactly those, computes the same features as
:class:`~newsnlp.classify._features.NewsVectorizer` and the same probabilities as the classifier
(a test checks the two agree to 1e-9), and is stored as a NumPy ``.npz`` archive read with
``allow_pickle=False``: plain arrays and one JSON header, nothing that can run code.

The shipped default model comes in both forms: ``topic_model.skops`` (the estimator, for
``TopicClassifier.load`` and retraining workflows) and ``topic_model.npz`` (what the pipeline loads).
"""

from __future__ import annotations

import json
import math
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from newsnlp.classify._labels import labels_from_proba
from newsnlp.errors import Errors, ModelFileError
from newsnlp.text.tokenize import Tokenizer

__all__ = ["COMPILED_FORMAT", "CompiledTopicModel"]

COMPILED_FORMAT = "newsnlp-compiled-topic-model"
COMPILED_VERSION = 1


def _word_grams(tokens: Sequence[str], lo: int, hi: int) -> list[str]:
    lowered = [t.lower() for t in tokens]
    grams: list[str] = []
    for n in range(lo, hi + 1):
        if n == 1:
            grams.extend(lowered)
        else:
            grams.extend(" ".join(lowered[i : i + n]) for i in range(len(lowered) - n + 1))
    return grams


def _char_grams(text: str, lo: int, hi: int) -> list[str]:
    grams: list[str] = []
    for piece in text.lower().split():
        size = len(piece)
        for n in range(lo, min(hi, size) + 1):
            grams.extend(piece[i : i + n] for i in range(size - n + 1))
    return grams


class _Block:
    """One TF-IDF block: vocabulary, IDF, column offset in the feature space, scale."""

    def __init__(self, terms: np.ndarray, idf: np.ndarray, offset: int, scale: float, sublinear: bool) -> None:
        self.index = {str(t): i for i, t in enumerate(terms.tolist())}
        self.idf = idf
        self.offset = offset
        self.scale = scale
        self.sublinear = sublinear
        # Word bigrams as first word -> second word -> column: looked up without building the
        # joined string for every pair (most pairs are not in the vocabulary).
        self.bigrams: dict[str, dict[str, int]] = {}
        for term, column in self.index.items():
            first, space, second = term.partition(" ")
            if space and " " not in second:
                self.bigrams.setdefault(first, {})[second] = column

    def count_words(self, counts: dict[int, float], tokens: Sequence[str], weight: float) -> None:
        """Add unigram and bigram counts of ``tokens`` (the (1, 2) word block's analyzer)."""
        index, bigrams = self.index, self.bigrams
        previous: dict[str, int] | None = None
        for token in tokens:
            word = token.lower()
            j = index.get(word)
            if j is not None:
                counts[j] = counts.get(j, 0.0) + weight
            if previous is not None:
                k = previous.get(word)
                if k is not None:
                    counts[k] = counts.get(k, 0.0) + weight
            previous = bigrams.get(word)

    def count_grams(self, counts: dict[int, float], grams: list[str], weight: float) -> None:
        index = self.index
        for gram in grams:
            j = index.get(gram)
            if j is not None:
                counts[j] = counts.get(j, 0.0) + weight

    def features(self, counts: dict[int, float]) -> tuple[np.ndarray, np.ndarray]:
        """Column indexes and TF-IDF values of one document from its (weighted) term counts."""
        if not counts:
            return np.empty(0, dtype=np.int64), np.empty(0)
        cols = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        if self.sublinear:
            tf = np.log(tf) + 1.0
        values = tf * self.idf[cols]
        norm = math.sqrt(float(values @ values))
        if norm > 0:
            values = values / norm
        return cols + self.offset, values * self.scale


class CompiledTopicModel:
    """Predict like a fitted :class:`TopicClassifier`, with NumPy only.

    Build one with :meth:`from_classifier`, store it with :meth:`save`, read it with :meth:`load`.
    ``predict_proba``, ``predict`` and ``top_k`` take the same arguments as the classifier's.
    """

    def __init__(self, header: dict[str, Any], arrays: dict[str, np.ndarray]) -> None:
        self.header = header
        self.classes_ = arrays["classes"].astype(object)
        self.threshold = header["threshold"]
        self.unknown_label = header["unknown_label"]
        self.multi_label = header["multi_label"]
        self.multi_label_threshold = header["multi_label_threshold"]
        self.tokenizer_ = Tokenizer(**header["tokenizer"])
        self._coef = arrays["coef"]
        self._intercept = arrays["intercept"]
        self._calib_a = arrays.get("calib_a")
        self._calib_b = arrays.get("calib_b")
        sublinear = header["sublinear_tf"]
        self._word = _Block(arrays["word_terms"], arrays["word_idf"], 0, 1.0, sublinear)
        self._char = None
        if "char_terms" in arrays:
            offset = len(arrays["word_terms"])
            self._char = _Block(arrays["char_terms"], arrays["char_idf"], offset, header["char_weight"], sublinear)

    # -- building ----------------------------------------------------------------------------
    @classmethod
    def from_classifier(cls, classifier: Any) -> CompiledTopicModel:
        """Reduce a fitted TopicClassifier (linear SVM with sigmoid calibration, or logistic
        regression) to arrays."""
        classifier._check_fitted()
        vec = classifier.vectorizer_
        arrays: dict[str, np.ndarray] = {"classes": np.asarray([str(c) for c in classifier.classes_])}
        arrays["word_terms"] = np.asarray(vec.word_counter_.get_feature_names_out(), dtype=str)
        arrays["word_idf"] = np.asarray(vec.word_tfidf_.idf_, dtype=np.float64)
        if vec.char_counter_ is not None:
            arrays["char_terms"] = np.asarray(vec.char_counter_.get_feature_names_out(), dtype=str)
            arrays["char_idf"] = np.asarray(vec.char_tfidf_.idf_, dtype=np.float64)
        model = classifier.model_
        if classifier.model == "svm":
            [calibrated] = model.calibrated_classifiers_
            svm = calibrated.estimator
            arrays["coef"] = np.asarray(svm.coef_, dtype=np.float64)
            arrays["intercept"] = np.asarray(svm.intercept_, dtype=np.float64)
            arrays["calib_a"] = np.asarray([c.a_ for c in calibrated.calibrators], dtype=np.float64)
            arrays["calib_b"] = np.asarray([c.b_ for c in calibrated.calibrators], dtype=np.float64)
            kind = "svm-sigmoid"
        else:
            arrays["coef"] = np.asarray(model.coef_, dtype=np.float64)
            arrays["intercept"] = np.asarray(model.intercept_, dtype=np.float64)
            kind = "logistic"
        header = {
            "format": COMPILED_FORMAT,
            "format_version": COMPILED_VERSION,
            "kind": kind,
            "word_ngram_range": list(vec.word_ngram_range),
            "char_ngram_range": None if vec.char_ngram_range is None else list(vec.char_ngram_range),
            "title_weight": float(vec.title_weight),
            "char_weight": float(vec.char_weight),
            "sublinear_tf": bool(vec.sublinear_tf),
            "threshold": classifier.threshold,
            "unknown_label": classifier.unknown_label,
            "multi_label": bool(classifier.multi_label),
            "multi_label_threshold": float(classifier.multi_label_threshold),
            "tokenizer": classifier.tokenizer_.get_params(),
        }
        return cls(header, arrays)

    # -- persistence -------------------------------------------------------------------------
    def save(self, path: str | Path) -> Path:
        arrays = {
            "classes": np.asarray([str(c) for c in self.classes_]),
            "coef": self._coef,
            "intercept": self._intercept,
            "word_terms": np.asarray(list(self._word.index), dtype=str),
            "word_idf": self._word.idf,
            "header": np.asarray(json.dumps(self.header, ensure_ascii=False, sort_keys=True)),
        }
        if self._calib_a is not None:
            arrays["calib_a"], arrays["calib_b"] = self._calib_a, self._calib_b
        if self._char is not None:
            arrays["char_terms"] = np.asarray(list(self._char.index), dtype=str)
            arrays["char_idf"] = self._char.idf
        target = Path(path)
        # Like np.savez_compressed, but with fixed entry timestamps and order, so the same model
        # always gives the same bytes (rebuilds are checked by hash).
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name in sorted(arrays):
                info = zipfile.ZipInfo(f"{name}.npy", date_time=(2020, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                with archive.open(info, "w", force_zip64=True) as handle:
                    np.lib.format.write_array(handle, np.asarray(arrays[name]), allow_pickle=False)
        return target

    @classmethod
    def load(cls, path: str | Path) -> CompiledTopicModel:
        """Read a model written by :meth:`save`; arrays only (``allow_pickle=False``)."""
        p = Path(path)
        if not p.is_file():
            raise ModelFileError(Errors.E043.format(path=path))
        try:
            with np.load(p, allow_pickle=False) as archive:
                arrays = {name: archive[name] for name in archive.files}
            header = json.loads(str(arrays.pop("header")))
        except Exception as exc:  # a zip of something else, a truncated file, bad JSON …
            raise ModelFileError(Errors.E040.format(path=path, reason=f"not a compiled topic model: {exc}")) from exc
        if header.get("format") != COMPILED_FORMAT:
            raise ModelFileError(Errors.E040.format(path=path, reason="its header names another format"))
        if header.get("format_version") != COMPILED_VERSION:
            raise ModelFileError(
                Errors.E041.format(path=path, found=header.get("format_version"), expected=COMPILED_VERSION)
            )
        return cls(header, arrays)

    # -- predicting --------------------------------------------------------------------------
    def set_params(self, **params: Any) -> CompiledTopicModel:
        for name in ("threshold", "unknown_label", "multi_label", "multi_label_threshold"):
            if name in params:
                setattr(self, name, params.pop(name))
        if params:
            raise ValueError(f"Unknown parameters for CompiledTopicModel: {sorted(params)}")
        return self

    def _decision(self, words: list[str], title_words: list[str], text: str, title: str) -> np.ndarray:
        lo, hi = self.header["word_ngram_range"]
        weight = self.header["title_weight"]
        counts: dict[int, float] = {}
        if (lo, hi) == (1, 2):
            self._word.count_words(counts, words, 1.0)
            self._word.count_words(counts, title_words, weight)
        else:
            self._word.count_grams(counts, _word_grams(words, lo, hi), 1.0)
            self._word.count_grams(counts, _word_grams(title_words, lo, hi), weight)
        cols, values = self._word.features(counts)
        if self._char is not None:
            clo, chi = self.header["char_ngram_range"]
            char_counts: dict[int, float] = {}
            self._char.count_grams(char_counts, _char_grams(text, clo, chi), 1.0)
            self._char.count_grams(char_counts, _char_grams(title, clo, chi), weight)
            ccols, cvalues = self._char.features(char_counts)
            cols, values = np.concatenate([cols, ccols]), np.concatenate([values, cvalues])
        return self._coef[:, cols] @ values + self._intercept

    def predict_proba(
        self,
        texts: Iterable[str],
        titles: Iterable[str] | None = None,
        *,
        words: Iterable[Sequence[str]] | None = None,
        title_words: Iterable[Sequence[str]] | None = None,
    ) -> np.ndarray:
        """Probabilities, shape ``(n_texts, n_classes)``, columns in ``classes_`` order."""
        if isinstance(texts, str):
            from newsnlp.errors import InputError

            raise InputError(Errors.E002)
        text_list = ["" if t is None else str(t) for t in texts]
        n = len(text_list)
        title_list = [""] * n if titles is None else ["" if t is None else str(t) for t in titles]
        tok = self.tokenizer_
        word_list = [tok.words(t) for t in text_list] if words is None else [list(w) for w in words]
        if title_words is None:
            title_word_list = [tok.words(t) if t else [] for t in title_list]
        else:
            title_word_list = [list(w) for w in title_words]
        n_classes = len(self.classes_)
        if n == 0:
            return np.zeros((0, n_classes))
        decision = np.vstack([
            self._decision(w, tw, x, t) for w, tw, x, t in zip(word_list, title_word_list, text_list, title_list, strict=True)
        ])
        proba = self._calibrate(decision, n_classes)
        return proba / proba.sum(axis=1, keepdims=True)

    def _calibrate(self, decision: np.ndarray, n_classes: int) -> np.ndarray:
        if self.header["kind"] == "svm-sigmoid":
            assert self._calib_a is not None and self._calib_b is not None
            sig = 1.0 / (1.0 + np.exp(self._calib_a * decision + self._calib_b))
            if n_classes == 2:
                return np.column_stack([1.0 - sig[:, 0], sig[:, 0]])
            total = sig.sum(axis=1, keepdims=True)
            uniform = np.full_like(sig, 1.0 / n_classes)
            return np.divide(sig, total, out=uniform, where=total != 0)
        if n_classes == 2:
            p1 = 1.0 / (1.0 + np.exp(-decision[:, 0]))
            return np.column_stack([1.0 - p1, p1])
        shifted = np.exp(decision - decision.max(axis=1, keepdims=True))
        return shifted / shifted.sum(axis=1, keepdims=True)

    def labels_from_proba(self, proba: np.ndarray) -> list[Any]:
        return labels_from_proba(
            proba,
            self.classes_,
            threshold=self.threshold,
            unknown_label=self.unknown_label,
            multi_label=self.multi_label,
            multi_label_threshold=self.multi_label_threshold,
        )

    _labels_from_proba = labels_from_proba

    def predict(
        self,
        texts: Iterable[str],
        titles: Iterable[str] | None = None,
        *,
        words: Iterable[Sequence[str]] | None = None,
        title_words: Iterable[Sequence[str]] | None = None,
    ) -> list[Any]:
        """The best label per text (``unknown_label`` below ``threshold``; lists with ``multi_label``)."""
        return self.labels_from_proba(self.predict_proba(texts, titles, words=words, title_words=title_words))

    def __repr__(self) -> str:
        return f"CompiledTopicModel(classes={list(self.classes_)}, kind={self.header['kind']!r}, threshold={self.threshold!r})"
