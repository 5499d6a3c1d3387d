"""Features for the topic classifier: TF-IDF over words and characters, headline words weighted.

Everything here is an importable class with plain attributes, so a fitted model saved with skops
can be loaded without trusting any lambda or closure: the word analyzer is :class:`WordNgrams`,
a callable class, and the word vectorizer is fed lists of tokens that the classifier (or the
pipeline, which tokenizes every article once) made with its own :class:`~newsnlp.text.Tokenizer`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

from newsnlp.classify._inputs import NewsDoc

__all__ = ["CharNgrams", "NewsDoc", "NewsVectorizer", "WordNgrams"]


class WordNgrams:
    """Word n-grams of a token list: ``["党建", "引领"]`` → ``["党建", "引领", "党建 引领"]``.

    Unlike scikit-learn's default token pattern, single-character words (党, 村) are kept: the
    tokens come from the pipeline's tokenizer, which keeps them.

    Parameters
    ----------
    min_n, max_n : int, default=1, 2
        Smallest and largest n-gram length.
    """

    def __init__(self, min_n: int = 1, max_n: int = 2) -> None:
        self.min_n = min_n
        self.max_n = max_n

    def __call__(self, tokens: Sequence[str]) -> list[str]:
        tokens = [t.lower() for t in tokens]
        grams: list[str] = []
        for n in range(self.min_n, self.max_n + 1):
            if n == 1:
                grams.extend(tokens)
                continue
            grams.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
        return grams

    def __eq__(self, other: object) -> bool:
        return isinstance(other, WordNgrams) and (self.min_n, self.max_n) == (other.min_n, other.max_n)

    def __hash__(self) -> int:
        return hash((self.min_n, self.max_n))

    def __repr__(self) -> str:
        return f"WordNgrams(min_n={self.min_n}, max_n={self.max_n})"


class CharNgrams:
    """Character n-grams of a text, lowercased, never spanning whitespace or a line break.

    Parameters
    ----------
    min_n, max_n : int, default=1, 3
        Smallest and largest n-gram length.
    """

    def __init__(self, min_n: int = 1, max_n: int = 3) -> None:
        self.min_n = min_n
        self.max_n = max_n

    def __call__(self, text: str) -> list[str]:
        grams: list[str] = []
        for piece in text.lower().split():
            size = len(piece)
            for n in range(self.min_n, min(self.max_n, size) + 1):
                grams.extend(piece[i : i + n] for i in range(size - n + 1))
        return grams

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CharNgrams) and (self.min_n, self.max_n) == (other.min_n, other.max_n)

    def __hash__(self) -> int:
        return hash(("char", self.min_n, self.max_n))

    def __repr__(self) -> str:
        return f"CharNgrams(min_n={self.min_n}, max_n={self.max_n})"


def _counter(analyzer: Any, ngram_range: tuple[int, int], min_df: int | float, max_features: int | None) -> CountVectorizer:
    if callable(analyzer):
        return CountVectorizer(analyzer=analyzer, min_df=min_df, max_features=max_features, dtype=np.float64)
    return CountVectorizer(
        analyzer=analyzer, ngram_range=ngram_range, lowercase=True, min_df=min_df,
        max_features=max_features, dtype=np.float64,
    )


class NewsVectorizer(TransformerMixin, BaseEstimator):
    """TF-IDF of word n-grams and character n-grams, with headline terms counted ``title_weight`` times.

    A term's count is ``body_count + title_weight * title_count``; then sublinear TF
    (``1 + log tf``), IDF and L2 normalization per block. The word block and the character block
    (scaled by ``char_weight``) are stacked side by side.

    Parameters
    ----------
    word_ngram_range : tuple of int, default=(1, 2)
        Word n-gram lengths (over the tokenizer's words, single characters kept).
    char_ngram_range : tuple of int or None, default=(1, 2)
        Character n-gram lengths; ``None`` turns the character block off.
    title_weight : float, default=2.0
        How many times a headline occurrence counts, relative to a body occurrence.
    char_weight : float, default=1.0
        Scale of the character block relative to the word block.
    min_df : int or float, default=1
        Drop terms in fewer documents than this (per block).
    max_features : int or None, default=None
        Keep at most this many terms per block, the most frequent first.
    sublinear_tf : bool, default=True
        Use ``1 + log(tf)`` instead of raw counts.
    char_max_chars : int or None, default=None
        Character n-grams come from at most this many leading characters of the body (the
        headline always counts whole): news puts its subject first, and the character block is
        the costliest part of prediction. ``None``: the whole body.

    Attributes
    ----------
    word_counter_, char_counter_ : CountVectorizer
        Fitted vocabularies (``char_counter_`` is None without the character block).
    word_tfidf_, char_tfidf_ : TfidfTransformer
        Fitted IDF weights.
    """

    def __init__(
        self,
        *,
        word_ngram_range: tuple[int, int] = (1, 2),
        char_ngram_range: tuple[int, int] | None = (1, 2),
        title_weight: float = 2.0,
        char_weight: float = 1.0,
        min_df: int | float = 1,
        max_features: int | None = None,
        sublinear_tf: bool = True,
        char_max_chars: int | None = None,
    ) -> None:
        self.word_ngram_range = word_ngram_range
        self.char_ngram_range = char_ngram_range
        self.title_weight = title_weight
        self.char_weight = char_weight
        self.min_df = min_df
        self.max_features = max_features
        self.sublinear_tf = sublinear_tf
        self.char_max_chars = char_max_chars

    # -- helpers -----------------------------------------------------------------------------
    def _weighted_counts(self, counter: CountVectorizer, body: list[Any], titles: list[Any]) -> sp.csr_matrix:
        counts = counter.transform(body)
        if any(len(t) for t in titles):
            counts = counts + self.title_weight * counter.transform(titles)
        return sp.csr_matrix(counts)

    def _blocks(self, docs: Sequence[NewsDoc]) -> tuple[list[Any], list[Any], list[str], list[str]]:
        words = [list(d.words) for d in docs]
        title_words = [list(d.title_words) for d in docs]
        limit = getattr(self, "char_max_chars", None)
        texts = [d.text if limit is None else d.text[:limit] for d in docs]
        titles = [d.title for d in docs]
        return words, title_words, texts, titles

    # -- estimator API -----------------------------------------------------------------------
    def fit(self, docs: Sequence[NewsDoc], y: Any = None) -> NewsVectorizer:
        self.fit_transform(docs)
        return self

    def fit_transform(self, docs: Sequence[NewsDoc], y: Any = None, **fit_params: Any) -> sp.csr_matrix:
        words, title_words, texts, titles = self._blocks(docs)
        lo, hi = self.word_ngram_range
        self.word_counter_ = _counter(WordNgrams(lo, hi), (lo, hi), self.min_df, self.max_features)
        self.word_counter_.fit([w + t for w, t in zip(words, title_words)])
        self.word_tfidf_ = TfidfTransformer(sublinear_tf=self.sublinear_tf)
        xw = self.word_tfidf_.fit_transform(self._weighted_counts(self.word_counter_, words, title_words))
        blocks = [xw]
        self.char_counter_: CountVectorizer | None = None
        self.char_tfidf_: TfidfTransformer | None = None
        if self.char_ngram_range is not None:
            cmin, cmax = self.char_ngram_range
            self.char_counter_ = _counter(CharNgrams(cmin, cmax), (cmin, cmax), self.min_df, self.max_features)
            self.char_counter_.fit([f"{t}\n{x}" for t, x in zip(titles, texts)])
            self.char_tfidf_ = TfidfTransformer(sublinear_tf=self.sublinear_tf)
            xc = self.char_tfidf_.fit_transform(self._weighted_counts(self.char_counter_, texts, titles))
            blocks.append(self.char_weight * xc)
        # The pruned terms are not needed to transform and would bloat the model file.
        for counter in (self.word_counter_, self.char_counter_):
            if counter is not None and hasattr(counter, "stop_words_"):
                del counter.stop_words_
        return sp.hstack(blocks, format="csr")

    def transform(self, docs: Sequence[NewsDoc]) -> sp.csr_matrix:
        words, title_words, texts, titles = self._blocks(docs)
        xw = self.word_tfidf_.transform(self._weighted_counts(self.word_counter_, words, title_words))
        blocks = [xw]
        if self.char_counter_ is not None and self.char_tfidf_ is not None:
            xc = self.char_tfidf_.transform(self._weighted_counts(self.char_counter_, texts, titles))
            blocks.append(self.char_weight * xc)
        return sp.hstack(blocks, format="csr")

    @property
    def n_features_(self) -> int:
        n = len(self.word_counter_.vocabulary_)
        if self.char_counter_ is not None:
            n += len(self.char_counter_.vocabulary_)
        return n

    def feature_names(self) -> np.ndarray:
        """Feature names in column order: ``w:`` word n-grams, then ``c:`` character n-grams."""
        names = [f"w:{t}" for t in self.word_counter_.get_feature_names_out()]
        if self.char_counter_ is not None:
            names += [f"c:{t}" for t in self.char_counter_.get_feature_names_out()]
        return np.asarray(names, dtype=object)

    # -- compact persistence: vocabularies as arrays, not dicts of 100k entries ---------------
    def __getstate__(self) -> dict[str, Any]:
        state = dict(super().__getstate__())
        for name in ("word_counter_", "char_counter_"):
            counter = state.get(name)
            if counter is not None and hasattr(counter, "vocabulary_"):
                terms = np.empty(len(counter.vocabulary_), dtype=object)
                for term, index in counter.vocabulary_.items():
                    terms[index] = term
                clone = CountVectorizer(**counter.get_params())
                state[name] = clone
                state[name.replace("counter_", "terms_")] = terms.astype(str)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        state = dict(state)
        for name in ("word_counter_", "char_counter_"):
            terms = state.pop(name.replace("counter_", "terms_"), None)
            counter = state.get(name)
            if counter is not None and terms is not None:
                counter.vocabulary_ = {str(t): i for i, t in enumerate(terms.tolist())}
        super().__setstate__(state)
