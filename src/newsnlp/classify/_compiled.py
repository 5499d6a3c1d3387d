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
from collections import Counter
from collections.abc import Iterable, Sequence
from operator import add
from pathlib import Path
from typing import Any

import numpy as np

from newsnlp.classify._inputs import news_docs
from newsnlp.classify._labels import LabelRules
from newsnlp.classify._model_checks import (
    EMBEDDED_USER_DICT,
    check_zip_directory,
    read_npz_arrays,
    resolve_user_dict,
    validate_compiled,
)
from newsnlp.errors import ConfigError, Errors, ModelFileError
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


def _char_grams(text: str, lo: int, hi: int) -> Counter[str]:
    """Counts of the character n-grams of ``text`` as ``CharNgrams`` makes them (lowercased,
    never across whitespace); each n-gram list is built from the previous one in C."""
    grams: Counter[str] = Counter()
    for piece in text.lower().split():
        current: list[str] = list(piece)
        for n in range(1, hi + 1):
            if n > 1:
                current = list(map(add, current, piece[n - 1 :]))
            if not current:
                break
            if n >= lo:
                grams.update(current)
    return grams


def _word_counts(tokens: Sequence[str], lo: int, hi: int) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    """Word n-gram counts as ``WordNgrams`` makes them; bigrams as pairs when the range is (1, 2)."""
    lowered = list(map(str.lower, tokens))
    if (lo, hi) == (1, 2):
        return Counter(lowered), Counter(zip(lowered, lowered[1:]))
    return Counter(_word_grams(lowered, lo, hi)), Counter()


def _add_weighted(total: Counter[Any], extra: Counter[Any], weight: float) -> Counter[Any]:
    for key, n in extra.items():
        total[key] += n * weight
    return total


class _Block:
    """One TF-IDF block: vocabulary, IDF, column offset in the feature space, scale."""

    def __init__(self, terms: np.ndarray, idf: np.ndarray, offset: int, scale: float, sublinear: bool) -> None:
        self.index = {str(t): i for i, t in enumerate(terms.tolist())}
        self.idf = idf
        self.offset = offset
        self.scale = scale
        self.sublinear = sublinear
        # Word bigrams ("党建 引领") also keyed by their pair of words, so counted pairs are matched
        # by one C-level set intersection instead of joining every pair into a string.
        self.pairs: dict[tuple[str, str], int] = {}
        for term, column in self.index.items():
            first, space, second = term.partition(" ")
            if space and " " not in second:
                self.pairs[(first, second)] = column

    def vector(self, counts: Counter[str], pair_counts: Counter[tuple[str, str]] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Column indexes (sorted) and TF-IDF values of one document from its weighted counts."""
        index = self.index
        common = counts.keys() & index.keys()
        cols = [index[k] for k in common]
        tf = [counts[k] for k in common]
        if pair_counts:
            pairs = self.pairs
            common_pairs = pair_counts.keys() & pairs.keys()
            cols += [pairs[k] for k in common_pairs]
            tf += [pair_counts[k] for k in common_pairs]
        if not cols:
            return np.empty(0, dtype=np.int64), np.empty(0)
        columns = np.asarray(cols, dtype=np.int64)
        order = np.argsort(columns, kind="stable")  # a fixed summation order: identical bits every run
        columns = columns[order]
        values = np.asarray(tf, dtype=np.float64)[order]
        if self.sublinear:
            values = np.log(values) + 1.0
        values = values * self.idf[columns]
        norm = math.sqrt(float(values @ values))
        if norm > 0:
            values = values / norm
        return columns + self.offset, values * self.scale


class CompiledTopicModel(LabelRules):
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
        self._user_dict = arrays.get("user_dict")
        user_dict = resolve_user_dict(Path("the model"), header["tokenizer"]["user_dict"], arrays)
        self.tokenizer_ = Tokenizer(**{**header["tokenizer"], "user_dict": user_dict})
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
            "char_max_chars": getattr(vec, "char_max_chars", None),
            "threshold": classifier.threshold,
            "unknown_label": classifier.unknown_label,
            "multi_label": bool(classifier.multi_label),
            "multi_label_threshold": float(classifier.multi_label_threshold),
            "tokenizer": classifier.tokenizer_.get_params(),
        }
        user_dict = header["tokenizer"]["user_dict"]
        if user_dict not in (None, "default"):
            # A model file never names a path on this machine: the dictionary travels inside it.
            lines = Path(user_dict).read_text(encoding="utf-8").splitlines()
            arrays["user_dict"] = np.asarray([x for x in lines if x.strip() and not x.startswith("#")], dtype=str)
            header["tokenizer"] = {**header["tokenizer"], "user_dict": EMBEDDED_USER_DICT}
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
        if self._user_dict is not None:
            arrays["user_dict"] = self._user_dict
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
        """Read a model written by :meth:`save`; arrays only (``allow_pickle=False``).

        Before anything is used, the zip directory is checked for compression bombs, each array's
        declared size against its member, and the whole header and every array's shape against
        the format (see :mod:`newsnlp.classify._model_checks`); a bad file raises
        :class:`~newsnlp.errors.ModelFileError` saying what is wrong.
        """
        p = Path(path)
        if not p.is_file():
            raise ModelFileError(Errors.E043.format(path=path))
        check_zip_directory(p)
        try:
            arrays = read_npz_arrays(p)
        except ModelFileError:
            raise
        except Exception as exc:  # a truncated member, a bad CRC …
            raise ModelFileError(Errors.E040.format(path=path, reason=f"not a compiled topic model: {exc}")) from exc
        raw = arrays.pop("header", None)
        if raw is None or raw.shape != () or raw.dtype.kind != "U":
            raise ModelFileError(Errors.E040.format(path=path, reason="it has no JSON header"))
        try:
            header = json.loads(str(raw))
        except ValueError as exc:
            raise ModelFileError(Errors.E040.format(path=path, reason=f"its header is not JSON: {exc}")) from exc
        if not isinstance(header, dict) or header.get("format") != COMPILED_FORMAT:
            raise ModelFileError(Errors.E040.format(path=path, reason="its header names another format"))
        if header.get("format_version") != COMPILED_VERSION:
            raise ModelFileError(
                Errors.E041.format(path=path, found=header.get("format_version"), expected=COMPILED_VERSION)
            )
        validate_compiled(p, header, arrays)
        resolve_user_dict(p, header["tokenizer"]["user_dict"], arrays)
        return cls(header, arrays)

    # -- predicting --------------------------------------------------------------------------
    def set_params(self, **params: Any) -> CompiledTopicModel:
        for name in ("threshold", "multi_label_threshold"):
            value = params.get(name)
            if value is not None and (not isinstance(value, (int, float)) or not 0 <= value <= 1):  # NaN too
                raise ConfigError(Errors.E035.format(name=name, value=value, expected="a probability between 0 and 1"))
        for name in ("threshold", "unknown_label", "multi_label", "multi_label_threshold"):
            if name in params:
                setattr(self, name, params.pop(name))
        if params:
            raise ValueError(f"Unknown parameters for CompiledTopicModel: {sorted(params)}")
        return self

    def _decision(self, words: list[str], title_words: list[str], text: str, title: str) -> np.ndarray:
        lo, hi = self.header["word_ngram_range"]
        weight = self.header["title_weight"]
        body_words, body_pairs = _word_counts(words, lo, hi)
        head_words, head_pairs = _word_counts(title_words, lo, hi)
        cols, values = self._word.vector(
            _add_weighted(body_words, head_words, weight), _add_weighted(body_pairs, head_pairs, weight)
        )
        if self._char is not None:
            clo, chi = self.header["char_ngram_range"]
            limit = self.header.get("char_max_chars")
            body = text if limit is None else text[:limit]
            grams = _add_weighted(_char_grams(body, clo, chi), _char_grams(title, clo, chi), weight)
            ccols, cvalues = self._char.vector(grams)
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
        docs = news_docs(texts, titles, words, title_words, self.tokenizer_)
        n_classes = len(self.classes_)
        if not docs:
            return np.zeros((0, n_classes))
        decision = np.vstack([self._decision(d.words, d.title_words, d.text, d.title) for d in docs])
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

    def predict(
        self,
        texts: Iterable[str],
        titles: Iterable[str] | None = None,
        *,
        words: Iterable[Sequence[str]] | None = None,
        title_words: Iterable[Sequence[str]] | None = None,
    ) -> list[Any]:
        """The best label per text (``unknown_label`` below ``threshold``; lists with ``multi_label``)."""
        return self._labels_from_proba(self.predict_proba(texts, titles, words=words, title_words=title_words))

    def __repr__(self) -> str:
        return f"CompiledTopicModel(classes={list(self.classes_)}, kind={self.header['kind']!r}, threshold={self.threshold!r})"
