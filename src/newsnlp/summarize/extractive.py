"""News-aware extractive summarizer: graph centrality + headline + position, then MMR.

Each candidate sentence gets a score from four signals, each scaled to [0, 1]:

- ``centrality``: continuous LexRank (PageRank over the TF-IDF cosine graph of the sentences);
- ``centroid``: cosine similarity to the whole article's TF-IDF vector;
- ``title``: cosine similarity to the kicker, headline, subtitle and subheads;
- ``position``: ``1 / (1 + i) ** position_decay`` for the i-th sentence, with a bonus for the
  first sentence of a paragraph (a news lead and section leads carry the facts).

The weighted sum is damped for very short sentences. Bare section lines (a short paragraph of
one sentence without facts, such as ``把握好引领与协同的关系。``) serve as headings instead and,
by default, are never chosen. A sentence that leans on the one before it (:func:`~newsnlp.summarize.
depends_on_previous`: 这, 此外, a quotation announced by a colon …) has its score multiplied by
``dependency_penalty`` while it would open the summary without that sentence. When two
sentences tie (gains within 0.001), the one stating more facts (numbers, dates, named places and
bodies: :func:`~newsnlp.summarize.fact_count`) wins over a slogan. Datelines and agency heads
(新华社北京1月15日电) are left out of the chosen sentences and of the budget. Sentences are then chosen by maximal
marginal relevance (MMR): each step takes the sentence with the best
``redundancy_tradeoff * score - (1 - redundancy_tradeoff) * max similarity to those taken`` that
still fits the budget, and the summary is returned in document order. Only sentences that pass
:func:`~newsnlp.summarize.is_summary_candidate` are chosen (no subheads, bylines, captions,
credits or half sentences), though all sentences shape the graph.

Cost is linear in the article: the TF-IDF vectors are sparse beyond a million sentence x word
cells (dense below, which is faster for an ordinary article), and the three linear signals
(centroid, title, position) score every sentence with one matrix-vector product each. The graph signal
and MMR need pairwise similarities, so they run on a shortlist of at most ``max_candidates``
sentences: all of them in an ordinary article (a few dozen sentences), else the leading quarter
of that many plus the best by the linear signals. Memory is therefore about a dozen bytes per
word plus ``max_candidates ** 2`` floats (1.3 MB at the default), whatever the article's length.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from newsnlp.document import Analysis, Article, ScoredSentence
from newsnlp.errors import ConfigError, Errors
from newsnlp.summarize._base import (
    BaseSummarizer,
    Budget,
    Size,
    depends_on_previous,
    fact_count,
    fill_budget,
    is_summary_candidate,
    strip_dateline,
)
from newsnlp.summarize._resources import IdfTable, load_idf, load_stopwords
from newsnlp.summarize.lead import LeadSummarizer

if TYPE_CHECKING:
    from scipy import sparse

    from newsnlp.text.tokenize import Tokenizer

__all__ = ["DEFAULT_WEIGHTS", "ExtractiveSummarizer", "lexrank"]

#: Default weights of the four signals (chosen on the 2019-10 half of the dev summaries).
DEFAULT_WEIGHTS: Mapping[str, float] = {
    "centrality": 0.2,
    "centroid": 0.6,
    "title": 0.6,
    "position": 1.0,
}
#: Largest sentences x vocabulary matrix held dense (8 MB); larger articles use a sparse one.
_DENSE_CELLS = 1_000_000
#: Longest sentence (in characters) that, alone in its paragraph and without facts, is a section line.
SECTION_LINE_CHARS = 20


def lexrank(similarity: np.ndarray, *, damping: float = 0.85, tol: float = 1e-6, max_iter: int = 100) -> np.ndarray:
    """Continuous LexRank: stationary distribution of the similarity graph (sums to 1).

    >>> sim = np.array([[1.0, 0.5, 0.0], [0.5, 1.0, 0.5], [0.0, 0.5, 1.0]])
    >>> r = lexrank(sim)
    >>> bool(r[1] > r[0] and abs(r[0] - r[2]) < 1e-9)
    True
    """
    n = similarity.shape[0]
    if n == 0:
        return np.zeros(0)
    graph = similarity.astype(float, copy=True)
    np.fill_diagonal(graph, 0.0)
    out = graph.sum(axis=1, keepdims=True)
    # A sentence linked to nothing links to everything (teleports), keeping the chain stochastic.
    transition = np.where(out > 0, graph / np.where(out > 0, out, 1.0), 1.0 / n)
    if n <= 32:
        # Small graphs: solve r = (1 - d) / n + d * r T exactly (faster than iterating).
        rank = np.linalg.solve(np.eye(n) - damping * transition.T, np.full(n, (1.0 - damping) / n))
        return rank / rank.sum()
    rank = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        new = (1.0 - damping) / n + damping * (rank @ transition)
        if np.abs(new - rank).sum() < tol:
            return new
        rank = new
    return rank


def _scaled(values: np.ndarray) -> np.ndarray:
    top = values.max() if values.size else 0.0
    return values / top if top > 0 else np.zeros_like(values)


class ExtractiveSummarizer(BaseSummarizer):
    """The default summarizer: centrality, headline and position signals, with MMR.

    Parameters
    ----------
    max_chars : int, str or None, default=150
        Character budget (``int`` or ``"N%"`` of the article); whole sentences only.
    max_sentences : int, str or None, default=None
        Sentence budget (``int`` or ``"N%"``); both limits apply when both are given.
    tokenizer : Tokenizer or None, default=None
        Used for plain-text input only; a default Tokenizer is made on first use.
    weights : mapping or None, default=None
        Weights of ``centrality``, ``centroid``, ``title`` and ``position``; missing keys take
        :data:`DEFAULT_WEIGHTS`. A weight of 0 switches a signal off.
    position_decay : float, default=0.5
        Exponent of the position prior ``1 / (1 + i) ** position_decay``.
    paragraph_bonus : float, default=0.3
        Added to the position prior of the first sentence of each paragraph after the first.
    redundancy_tradeoff : float, default=0.7
        MMR trade-off in (0, 1]; 1 disables redundancy removal.
    min_chars : int, default=12
        Sentences shorter than this are damped proportionally (they say little).
    idf : str, Path or None, default=None
        An IDF table (``word idf`` per line); default: jieba's installed table.
    stopwords : str, Path or None, default=None
        A stopword list; default: the shipped ``stopwords.txt``.
    dependency_penalty : float, default=0.5
        Score factor of a sentence that leans on the sentence before it (这, 此外 …) while it would
        open the summary without that sentence (1 disables it).
    section_penalty : float, default=0.0
        Score factor of a bare section line: 0 (the default) never spends the budget on one,
        1 treats it as any other sentence.
    max_candidates : int, default=400
        Most sentences the similarity graph and MMR consider (see the module docstring); it
        bounds the time and memory spent on a very long article.

    Examples
    --------
    >>> summarizer = ExtractiveSummarizer(max_chars=60)
    >>> text = "市里今年新建二十所学校。新学校九月开学。家长对新学校很满意。"
    >>> [s.index for s in summarizer(text, title="市里新建二十所学校")]  # doctest: +SKIP
    [0, 1]
    """

    def __init__(
        self,
        *,
        max_chars: Size = 150,
        max_sentences: Size = None,
        tokenizer: Tokenizer | None = None,
        weights: Mapping[str, float] | None = None,
        position_decay: float = 0.5,
        paragraph_bonus: float = 0.3,
        redundancy_tradeoff: float = 0.7,
        min_chars: int = 12,
        idf: str | Path | None = None,
        stopwords: str | Path | None = None,
        dependency_penalty: float = 0.5,
        section_penalty: float = 0.0,
        max_candidates: int = 400,
    ) -> None:
        super().__init__(max_chars=max_chars, max_sentences=max_sentences, tokenizer=tokenizer)
        self.weights = weights
        self.position_decay = position_decay
        self.paragraph_bonus = paragraph_bonus
        self.redundancy_tradeoff = redundancy_tradeoff
        self.min_chars = min_chars
        self.idf = idf
        self.stopwords = stopwords
        self.dependency_penalty = dependency_penalty
        self.section_penalty = section_penalty
        self.max_candidates = max_candidates

    # -- resources ----------------------------------------------------------------------------
    def load(self) -> ExtractiveSummarizer:
        """Read the IDF table and stopwords now, and check the weights."""
        self._resources()
        return self

    def _resources(self) -> tuple[IdfTable, frozenset[str], dict[str, float]]:
        cached = self.__dict__.get("_resources_cache")
        if cached is None:
            weights = dict(DEFAULT_WEIGHTS)
            for name, value in (self.weights or {}).items():
                if name not in DEFAULT_WEIGHTS:
                    known = ", ".join(DEFAULT_WEIGHTS)
                    raise ConfigError(Errors.E022.format(name=name, owner="ExtractiveSummarizer.weights", known=known))
                weights[name] = float(value)
            if not 0 < self.redundancy_tradeoff <= 1:
                raise ConfigError(
                    Errors.E055.format(
                        name="redundancy_tradeoff", value=self.redundancy_tradeoff, expected="give a number in (0, 1]"
                    )
                )
            for name in ("dependency_penalty", "section_penalty"):
                value = getattr(self, name)
                if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
                    raise ConfigError(Errors.E055.format(name=name, value=value, expected="give a number in [0, 1]"))
            cap = self.max_candidates
            if isinstance(cap, bool) or not isinstance(cap, int) or cap < 4:
                raise ConfigError(Errors.E055.format(name="max_candidates", value=cap, expected="give an int >= 4"))
            cached = (load_idf(self.idf), load_stopwords(self.stopwords), weights)
            self.__dict__["_resources_cache"] = cached
        return cached

    # -- scoring ------------------------------------------------------------------------------
    def _vectors(
        self, analysis: Analysis, heading_words: list[str]
    ) -> tuple[np.ndarray | sparse.csr_matrix, np.ndarray]:
        """Row-normalized TF-IDF vectors of the sentences, and the dense heading vector.

        Dense when sentences x vocabulary is small (an ordinary article: faster), else sparse, so
        memory stays linear in the article's words (one stored entry per distinct word of a
        sentence) however long it is.
        """
        idf, stopwords, _ = self._resources()
        vocab: dict[str, int] = {}
        cols: list[int] = []
        indptr = [0]
        for words in analysis.sentence_words:
            for word in words:
                if word.lower() in stopwords or word.isdigit():
                    continue
                cols.append(vocab.setdefault(word, len(vocab)))
            indptr.append(len(cols))
        n = len(analysis.sentences)
        width = max(len(vocab), 1)
        lookup, default = idf.lookup, idf.default
        weights = np.ones(width)
        if vocab:
            weights[: len(vocab)] = np.fromiter((lookup(w, default) for w in vocab), dtype=np.float64, count=len(vocab))
        head = np.zeros(width)
        for word in heading_words:
            col = vocab.get(word)
            if col is not None:
                head[col] = 1.0
        head *= weights
        head_norm = np.linalg.norm(head)
        head = head / head_norm if head_norm > 0 else head
        columns = np.asarray(cols, dtype=np.int64)
        if n * width <= _DENSE_CELLS:
            rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(np.asarray(indptr, dtype=np.int64)))
            counts = np.bincount(rows * width + columns, minlength=n * width).astype(np.float64).reshape(n, width)
            dense = np.log1p(counts) * weights
            norms = np.linalg.norm(dense, axis=1, keepdims=True)
            return dense / np.where(norms > 0, norms, 1.0), head
        from scipy import sparse

        matrix = sparse.csr_matrix((np.ones(len(cols)), columns, np.asarray(indptr, dtype=np.int64)), shape=(n, width))
        matrix.sum_duplicates()  # counts per (sentence, word)
        matrix.data = np.log1p(matrix.data) * weights[matrix.indices]
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        matrix = sparse.diags(1.0 / np.where(norms > 0, norms, 1.0)) @ matrix
        return matrix.tocsr(), head

    def _shortlist(self, prescore: np.ndarray) -> np.ndarray:
        """Indices (sorted) of the sentences the graph is built on: all of them when there are at
        most ``max_candidates``, else the leading quarter of that many plus the best by the linear
        pre-score (``prescore`` is 0 for sentences that may not be chosen)."""
        n = prescore.shape[0]
        cap = self.max_candidates
        if n <= cap:
            return np.arange(n)
        lead = max(1, cap // 4)
        rest = prescore[lead:]
        take = min(cap - lead, int(np.count_nonzero(rest > 0)))
        best = np.argpartition(-rest, take - 1)[:take] + lead if take > 0 else np.zeros(0, dtype=np.int64)
        return np.union1d(np.arange(lead), best)

    @staticmethod
    def _section_lines(analysis: Analysis, lengths: np.ndarray, facts: np.ndarray) -> np.ndarray:
        """Bare section lines: short, fact-free sentences that make up a paragraph alone."""
        paragraphs = np.asarray(analysis.sentence_paragraphs, dtype=np.int64)
        if not paragraphs.size:
            return np.zeros(0, dtype=bool)
        sizes = np.bincount(paragraphs - paragraphs.min())[paragraphs - paragraphs.min()]
        return (sizes == 1) & (lengths <= SECTION_LINE_CHARS) & (facts == 0)

    def _scores(
        self, article: Article, analysis: Analysis
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Scores of all sentences, the shortlist, the dense similarity of its sentences, and the
        number of facts of every sentence."""
        _, _, weights = self._resources()
        sentences = analysis.sentences
        n = len(sentences)
        candidate = np.fromiter((is_summary_candidate(s) for s in sentences), dtype=bool, count=n)
        lengths = np.fromiter((len(strip_dateline(s)) for s in sentences), dtype=float, count=n)
        facts = np.fromiter(map(fact_count, sentences), dtype=float, count=n)
        section = self._section_lines(analysis, lengths, facts)
        # Subheads still in the body (short lines without final punctuation, or bare section
        # lines) help as headings.
        heading_words = list(analysis.title_words)
        for i, sentence in enumerate(sentences):
            if (not candidate[i] and len(sentence) <= 40) or section[i]:
                heading_words.extend(analysis.sentence_words[i])
        matrix, head = self._vectors(analysis, heading_words)
        # The linear signals: each costs one sparse product over the whole article.
        total = np.zeros(n)
        if weights["centroid"]:
            centroid = np.asarray(matrix.sum(axis=0)).ravel()
            norm = np.linalg.norm(centroid)
            if norm > 0:
                total += weights["centroid"] * _scaled(np.clip(matrix @ (centroid / norm), 0, None))
        if weights["title"] and head.any():
            total += weights["title"] * _scaled(np.clip(matrix @ head, 0, None))
        if weights["position"]:
            position = 1.0 / (1.0 + np.arange(n)) ** self.position_decay
            paragraphs = np.asarray(analysis.sentence_paragraphs)
            if n > 1:
                position[1:] += np.where(paragraphs[1:] != paragraphs[:-1], self.paragraph_bonus * position[1:], 0.0)
            total += weights["position"] * _scaled(position)
        damping = np.minimum(1.0, lengths / max(self.min_chars, 1))
        damping[section] *= self.section_penalty
        shortlist = self._shortlist(np.where(candidate, total * damping, 0.0))
        # The graph signal only on the shortlist: at most max_candidates² similarities.
        rows = matrix[shortlist]
        similarity = rows @ rows.T
        if not isinstance(similarity, np.ndarray):
            similarity = similarity.toarray()
        if weights["centrality"]:
            central = np.zeros(n)
            central[shortlist] = _scaled(lexrank(similarity))
            total += weights["centrality"] * central
        total *= damping
        total[~candidate] = 0.0
        if shortlist.shape[0] < n:
            outside = np.ones(n, dtype=bool)
            outside[shortlist] = False
            total[outside] = 0.0
        return total, shortlist, similarity, facts

    def score(self, article: Article, analysis: Analysis) -> np.ndarray:
        """Scores of all sentences: 0 for those that may not be chosen (non-candidates, and in an
        article of more than ``max_candidates`` sentences, those outside the shortlist).

        Parameters
        ----------
        article : Article
            Its headline fields and subheads steer the ``title`` signal.
        analysis : Analysis
            The article's sentences and words.

        Returns
        -------
        ndarray of shape (n_sentences,)
        """
        return self._scores(article, analysis)[0]

    def _select(self, article: Article, analysis: Analysis, budget: Budget) -> list[ScoredSentence]:
        sentences = analysis.sentences
        try:
            scores, shortlist, similarity, all_facts = self._scores(article, analysis)
        except MemoryError:
            # Everything above is linear in the article, but a huge article on a full machine can
            # still fail: the lead is a fair summary and the batch goes on.
            return LeadSummarizer(max_chars=None)._select(article, analysis, budget)
        local = scores[shortlist]
        candidates = np.flatnonzero(local > 0)
        if not candidates.size:
            # Nothing looks like a whole body sentence: fall back to the first sentences.
            candidates = np.arange(shortlist.shape[0])
            local = 1.0 / (1.0 + shortlist)
        relevance = _scaled(local)
        tradeoff = self.redundancy_tradeoff
        texts = [strip_dateline(sentences[i]) or sentences[i] for i in shortlist]
        lengths = [len(t) for t in texts]
        facts = np.minimum(all_facts[shortlist], 3).tolist()
        # A sentence leaning on the one before it (这, 此外, 他 …) must not open the summary with
        # that one left out: while it would, its relevance is multiplied by the penalty. After
        # another chosen sentence, a connective reads well enough.
        leans = [
            k for k, i in enumerate(shortlist.tolist()) if i > 0 and depends_on_previous(sentences[i], sentences[i - 1])
        ]
        preceding = {k: k - 1 if k > 0 and shortlist[k - 1] == shortlist[k] - 1 else -1 for k in leans}
        penalty = self.dependency_penalty
        order: list[int] = []
        chosen: set[int] = set()
        first = shortlist.shape[0]
        chars = 0
        remaining = set(candidates.tolist())
        redundancy = np.zeros(shortlist.shape[0])
        while remaining:
            fitting = [k for k in remaining if budget.fits(chars + lengths[k], len(order) + 1)]
            if not fitting:
                break
            effective = relevance.copy()
            for k in leans:
                if k < first and preceding[k] not in chosen:
                    effective[k] *= penalty
            # Gains within 0.001 tie; then the sentence stating more facts wins (not a slogan).
            gains = np.round(tradeoff * effective - (1 - tradeoff) * redundancy, 3).tolist()
            best = max(fitting, key=lambda k: (gains[k], facts[k], -k))
            order.append(best)
            chosen.add(best)
            first = min(first, best)
            chars += lengths[best]
            remaining.discard(best)
            redundancy = np.maximum(redundancy, similarity[best])
        if not order:
            order = [max(candidates.tolist(), key=lambda k: (relevance[k], -k))]
        full = np.zeros(len(sentences))
        full[shortlist] = relevance
        return fill_budget([int(shortlist[k]) for k in order], sentences, full, budget)
