"""Weighted keywords of an article: TF-IDF against a news IDF table, and TextRank.

Both take the words the pipeline computed once (``Analysis.words``) and return
``[(word, weight), ...]`` best first. Stopwords (the shipped Chinese news list), numbers, dates,
single characters and punctuation are never keywords. Two editorial rules apply to both:

- generic verbs (words the dictionary tags only as common verbs: 把握, 坚持, 加强; see
  :func:`~newsnlp.summarize._resources.load_generic_verbs`) have their weight multiplied by
  ``generic_verb_weight``, so they appear only when they dominate an article;
- a keyword contained in a longer chosen keyword is merged into it (基层党建 absorbs 党建 and
  基层), which keeps the better rank and weight of the two; the freed slot goes to the next word.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path

import numpy as np

from newsnlp.errors import ConfigError, Errors, InputError
from newsnlp.summarize._resources import IdfTable, load_generic_verbs, load_idf, load_stopwords, load_undictionaried

__all__ = ["TextRankKeywords", "TfidfKeywords", "merge_contained"]

_HAS_LETTER = re.compile(r"[\u4e00-\u9fffA-Za-z]")
# Numbers with a unit: 2020年, 3.5%, 12月, 100万元, 第三 …
_NUMERIC = re.compile(
    r"^(?:第)?[\d０-９.．,，%％十百千万亿零一二三四五六七八九两]+(?:年|月|日|号|时|分|秒|万|亿|元|个|人|次|家|名|项|倍|岁|天|届|期|批|条|户|%|％)?$"
)


#: Most candidate verdicts an extractor keeps between articles.
_MAX_VERDICTS = 200_000


def _check_words(words: Sequence[str]) -> None:
    if isinstance(words, str):
        raise InputError(
            Errors.E055.format(
                name="words",
                value=words[:20],
                expected="pass a list of words (Analysis.words or Tokenizer.words(text)), not a str",
            )
        )


def _check_top_k(top_k: int) -> None:
    if isinstance(top_k, bool) or not isinstance(top_k, int) or top_k < 1:
        raise ConfigError(Errors.E055.format(name="top_k", value=top_k, expected="give a positive int"))


def merge_contained(ranked: Iterable[tuple[str, float]], top_k: int) -> list[tuple[str, float]]:
    """The first ``top_k`` keywords of ``ranked`` (best first), a keyword contained in a longer
    chosen one merged into it: the longer word takes the better rank and weight.

    >>> merge_contained([("党建", 0.9), ("基层", 0.5), ("基层党建", 0.4), ("乡村", 0.3)], 3)
    [('基层党建', 0.9), ('乡村', 0.3)]
    """
    chosen: list[tuple[str, float]] = []
    for word, weight in ranked:
        if any(word in other for other, _ in chosen):
            continue
        inside = [k for k, (other, _) in enumerate(chosen) if other in word]
        if inside:
            best = max(weight, *(chosen[k][1] for k in inside))
            chosen[inside[0]] = (word, best)
            for k in reversed(inside[1:]):
                del chosen[k]
        else:
            chosen.append((word, weight))
        if len(chosen) >= top_k:
            break
    return chosen


class _KeywordBase:
    stopwords: str | Path | None
    min_chars: int
    generic_verb_weight: float

    def _demote_generic(self, scored: list[tuple[str, float]]) -> list[tuple[str, float]]:
        factor = self.generic_verb_weight
        if factor == 1:
            return scored
        generic = load_generic_verbs()
        return [(w, v * factor if w in generic else v) for w, v in scored]

    def _is_candidate(self, word: str, stopwords: frozenset[str]) -> bool:
        return (
            len(word) >= self.min_chars
            and word.lower() not in stopwords
            and _HAS_LETTER.search(word) is not None
            and _NUMERIC.match(word) is None
        )

    def _filtered(self, words: Iterable[str]) -> list[str | None]:
        """The words, with ``None`` in place of those that cannot be keywords."""
        stopwords = load_stopwords(self.stopwords)
        words = list(words)
        # Verdicts are remembered across articles (a batch repeats most of its words); the memo
        # belongs to this extractor and is emptied when it grows large.
        settings = (self.stopwords, self.min_chars)
        if self.__dict__.get("_verdicts_for") != settings:
            self.__dict__["_verdicts_for"], self.__dict__["_verdicts"] = settings, {}
        verdict: dict[str, bool] = self.__dict__["_verdicts"]
        if len(verdict) > _MAX_VERDICTS:
            verdict.clear()
        for w in set(words).difference(verdict):
            verdict[w] = self._is_candidate(w, stopwords)
        return [w if verdict[w] else None for w in words]


class TfidfKeywords(_KeywordBase):
    """Keywords by term frequency × inverse document frequency.

    Parameters
    ----------
    idf : str, Path or None, default=None
        IDF table (``word idf`` per line); default: jieba's installed table, whose unknown
        words get its median IDF.
    stopwords : str, Path or None, default=None
        Stopword list; default: the shipped Chinese news list.
    min_chars : int, default=2
        Shorter words are never keywords.
    min_unknown_count : int, default=2
        Words missing from the IDF table or from the dictionary (mostly words the HMM glued
        together, such as 比种, 从市 or 强多, but also names) must occur at least this often to be
        keywords: a real name recurs in its article, a glued fragment seldom does.
    dictionary : str, Path or None, default=None
        The word list (``word …`` per line) that vouches for IDF-table words; default: jieba's
        main dictionary. jieba's IDF table holds some 21,000 HMM fragments that it lacks.
    generic_verb_weight : float, default=0.3
        Weight factor of generic verbs (1 keeps them as they are, 0 drops them).
    known_words : collection of str or None, default=None
        Words exempt from that rule although the IDF table lacks them; default: the words of the
        shipped news dictionary (乡村振兴, 第一书记 …). The pipeline passes its own dictionary's.

    Examples
    --------
    >>> kw = TfidfKeywords()
    >>> kw.extract(["乡村", "学校", "的", "学校", "建设"], top_k=2)[0][0]
    '学校'
    """

    def __init__(
        self,
        *,
        idf: str | Path | None = None,
        stopwords: str | Path | None = None,
        min_chars: int = 2,
        min_unknown_count: int = 2,
        known_words: Collection[str] | None = None,
        dictionary: str | Path | None = None,
        generic_verb_weight: float = 0.3,
    ) -> None:
        self.idf = idf
        self.stopwords = stopwords
        self.min_chars = min_chars
        self.min_unknown_count = min_unknown_count
        self.known_words = known_words
        self.dictionary = dictionary
        self.generic_verb_weight = generic_verb_weight

    def _known(self) -> Collection[str]:
        known = self.__dict__.get("_known_cache")
        if known is None:
            if self.known_words is not None:
                known = frozenset(self.known_words)
            else:
                from newsnlp.text.tokenize import default_user_dict_words

                known = default_user_dict_words()
            self.__dict__["_known_cache"] = known
        return known

    def _tables(self) -> tuple[IdfTable, frozenset[str]]:
        """The IDF table and its words the dictionary lacks, resolved once per setting."""
        settings = (self.idf, self.dictionary)
        cached = self.__dict__.get("_tables_cache")
        if cached is None or cached[0] != settings:
            cached = (settings, load_idf(self.idf), load_undictionaried(self.idf, self.dictionary))
            self.__dict__["_tables_cache"] = cached
        return cached[1], cached[2]

    def load(self) -> TfidfKeywords:
        """Read the IDF table and stopwords now (the pipeline does, before workers start)."""
        self._tables()
        load_stopwords(self.stopwords)
        load_generic_verbs()
        self._known()
        return self

    def extract(self, words: Sequence[str], top_k: int = 10) -> list[tuple[str, float]]:
        """The ``top_k`` keywords of ``words`` with their TF-IDF weight, best first.

        Parameters
        ----------
        words : sequence of str
            The article's words in order (e.g. ``analysis.words``).
        top_k : int, default=10
            How many keywords at most.

        Returns
        -------
        list of (str, float)
            ``tf * idf`` with ``tf`` = count / number of words; ties broken by first occurrence.
        """
        _check_words(words)
        _check_top_k(top_k)
        idf, unvouched = self._tables()
        kept = [w for w in self._filtered(words) if w is not None]
        if not kept:
            return []
        counts = Counter(kept)
        first = {}
        for position, word in enumerate(kept):
            first.setdefault(word, position)
        total = len(words)
        lookup, in_table, default = idf.lookup, idf.contains, idf.default
        repeats, known = self.min_unknown_count, self._known()
        scored = [
            (word, count / total * lookup(word, default))
            for word, count in counts.items()
            if count >= repeats or word in known or (in_table(word) and word not in unvouched)
        ]
        scored = self._demote_generic(scored)
        scored.sort(key=lambda item: (-item[1], first[item[0]]))
        return merge_contained(scored, top_k)

    def __repr__(self) -> str:
        return (
            f"TfidfKeywords(idf={self.idf!r}, stopwords={self.stopwords!r}, min_chars={self.min_chars!r}, "
            f"min_unknown_count={self.min_unknown_count!r}, known_words={self.known_words!r}, "
            f"dictionary={self.dictionary!r}, generic_verb_weight={self.generic_verb_weight!r})"
        )


class TextRankKeywords(_KeywordBase):
    """Keywords by PageRank over the co-occurrence graph of the article's words.

    Parameters
    ----------
    window : int, default=5
        Two candidate words are linked when they occur within ``window`` words of each other.
    damping : float, default=0.85
        PageRank damping factor.
    stopwords : str, Path or None, default=None
        Stopword list; default: the shipped Chinese news list.
    min_chars : int, default=2
        Shorter words are never keywords.
    generic_verb_weight : float, default=0.3
        Weight factor of generic verbs (1 keeps them as they are, 0 drops them).

    Examples
    --------
    >>> kw = TextRankKeywords()
    >>> words = ["乡村", "学校", "建设", "学校", "教师", "学校", "乡村"]
    >>> kw.extract(words, top_k=1)[0][0]
    '学校'
    """

    def __init__(
        self,
        *,
        window: int = 5,
        damping: float = 0.85,
        stopwords: str | Path | None = None,
        min_chars: int = 2,
        generic_verb_weight: float = 0.3,
    ) -> None:
        self.window = window
        self.damping = damping
        self.stopwords = stopwords
        self.min_chars = min_chars
        self.generic_verb_weight = generic_verb_weight

    def load(self) -> TextRankKeywords:
        """Read the stopwords now (the pipeline does, before workers start)."""
        load_stopwords(self.stopwords)
        load_generic_verbs()
        return self

    def extract(self, words: Sequence[str], top_k: int = 10) -> list[tuple[str, float]]:
        """The ``top_k`` keywords of ``words`` with their TextRank weight (best = 1.0).

        Parameters
        ----------
        words : sequence of str
            The article's words in order (e.g. ``analysis.words``).
        top_k : int, default=10
            How many keywords at most.
        """
        _check_words(words)
        _check_top_k(top_k)
        if isinstance(self.window, bool) or not isinstance(self.window, int) or self.window < 2:
            raise ConfigError(Errors.E055.format(name="window", value=self.window, expected="give an int >= 2"))
        from scipy import sparse

        filtered = self._filtered(words)
        vocab: dict[str, int] = {}
        for word in filtered:
            if word is not None:
                vocab.setdefault(word, len(vocab))
        n = len(vocab)
        if n == 0:
            return []
        if n == 1:
            return [(next(iter(vocab)), 1.0)]
        rows: list[int] = []
        cols: list[int] = []
        for i, word in enumerate(filtered):
            if word is None:
                continue
            a = vocab[word]
            for other in filtered[i + 1 : i + self.window]:
                if other is not None and other != word:
                    b = vocab[other]
                    rows += [a, b]
                    cols += [b, a]
        graph = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
        out = np.asarray(graph.sum(axis=1)).ravel()
        inv = np.where(out > 0, 1.0 / np.where(out > 0, out, 1.0), 0.0)
        transition = sparse.diags(inv) @ graph
        dangling = out == 0
        rank = np.full(n, 1.0 / n)
        for _ in range(100):
            new = (1 - self.damping) / n + self.damping * (transition.T @ rank + rank[dangling].sum() / n)
            if np.abs(new - rank).sum() < 1e-8:
                rank = new
                break
            rank = new
        rank = rank / rank.max()
        scored = self._demote_generic([(word, float(rank[index])) for word, index in vocab.items()])
        order = sorted(range(n), key=lambda i: (-scored[i][1], i))  # vocab order = first occurrence
        return merge_contained((scored[i] for i in order), top_k)

    def __repr__(self) -> str:
        return (
            f"TextRankKeywords(window={self.window!r}, damping={self.damping!r}, "
            f"stopwords={self.stopwords!r}, min_chars={self.min_chars!r}, "
            f"generic_verb_weight={self.generic_verb_weight!r})"
        )
