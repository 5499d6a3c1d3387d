"""Breaks between two pieces of body text: a column-break cut to join, or a true paragraph end.

A page set in columns cuts paragraphs anywhere, and PDF-to-Markdown conversion turns each piece
into a paragraph of its own; an in-article subhead or a poem line also stops without a full
stop. Whether the piece on the left goes on in the piece on the right is scored from both sides
of the break by a logistic model (:class:`BreakScorer`):

- the left side: does it end a sentence, a clause (，、), a lead-in (：); does it leave a quote,
  bracket or book title (《) open; does it have inner punctuation (a subhead has none; a
  numbering "一、" does not count); its last character and the class of its last word
  (jieba's dictionary tags: a particle 的 or a preposition leaves a clause open);
- the right side: does it start with a mark no paragraph starts with (，。”）…); is it a
  dateline, byline, caption or credit; its first character and the class of its first word
  (a conjunction 但是 or a time word opens a clause);
- across the cut: would joining make a dictionary word (jieba's dictionary, ``汪洋主``+``持`` ->
  主持) longer than the words that end the left side and start the right side; digits or a date
  split across it (``2`` / ``019年``);
- the lengths of both sides relative to the page's typical body line;
- how much likelier the two characters around the break are to follow each other in running
  text than by chance (pointwise mutual information, counted in the training text);
- how much likelier the right side's first two characters are to open a clause, and the left
  side's last two to close one, than to stand anywhere in running text (:class:`ClauseEdges`,
  counted in the training text): a subhead ends and a paragraph starts where clauses do, a
  column break falls anywhere; likewise how much likelier the right side's first two
  characters are to open a paragraph, and the left side's last two to end a sentence (a
  summary line drops its full stop);
- two short lines of one length, the first ending in a comma: lines of a verse;
- whether the page itself prints, elsewhere, the characters that joining would put together
  (:func:`~newsnlp.segment.page_lookup.seam_echo`): the names and phrases of a story come back
  in it (``习近`` / ``平`` on a page that prints 习近平 a dozen times), while a subhead or a
  paragraph's end is rarely followed by the same characters twice; and where else on the page
  the right side's first three characters stand after a punctuation mark (they open a clause
  there), and the left side's last three before one, and how long a stretch of the side the
  page prints there (:func:`~newsnlp.segment.page_lookup.page_edge`: a subhead restates the
  story's own words, a cut piece ends on a word).

Each numeric feature has a linear weight and, split into up to 8 quantile bins, a weight per
bin (the score is additive, not linear, in each feature: a logistic model on one-hot bins).
The weights are learned with scikit-learn from pages made of text written for this project
(``models/build_break_model.py``) and shipped as plain arrays in
``newsnlp/resources/break_model.npz``, loaded with ``allow_pickle=False``.
"""

from __future__ import annotations

import bisect
import copy
import json
import math
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType

import numpy as np

from newsnlp.errors import Errors, ModelFileError
from newsnlp.segment._model_file import read_arrays
from newsnlp.segment.bylines import dateline_prefix
from newsnlp.segment.dictionary import MAX_WORD as _MAX_WORD
from newsnlp.segment.dictionary import seam_words, word_classes
from newsnlp.segment.lines import NO_LINE_START, ends_sentence, special_kind
from newsnlp.segment.page_lookup import (
    ECHO_RUN,
    ECHO_SIDE,
    MAX_EDGE_SEEN,
    MAX_PAGE_CHARS,
    PageEdge,
    page_edge,
    seam_echo,
)

__all__ = ["NUMERIC_FEATURES", "BreakScorer", "ClauseEdges", "break_features", "edge_tokens", "seam_words", "word_classes"]

FORMAT = "newsnlp-break-model"
FORMAT_VERSION = 5
#: A break-model file may unpack to at most this many bytes (the shipped one: under 1 MB).
MAX_MODEL_BYTES = 64 * 2**20
#: Names of the numeric features, in the order of :func:`break_features`.
NUMERIC_FEATURES: tuple[str, ...] = (
    "left_sentence_end",
    "left_clause_end",
    "left_colon",
    "left_open_quote",
    "left_inner_punct",
    "left_digit_right_digit",
    "right_no_line_start",
    "right_special",
    "right_dateline",
    "seam_word",
    "seam_beats_sides",
    "seam_log_freq",
    "left_word",
    "right_word",
    "left_len",
    "right_len",
    "left_rel",
    "right_rel",
    "left_short",
    "left_enumerated",
    "right_enumerated",
    "left_last_clause",
    "right_first_clause",
    "joined_clause",
    "joined_clause_long",
    "right_clause_short",
    "right_starts_clause",
    "left_ends_clause",
    "left_headline_shape",
    "left_balanced_parts",
    "seam_pmi",
    "seam_pair_unseen",
    "right_para_start",
    "left_sentence_gram",
    "verse_pair",
    "seam_echo",
    "right_opens_on_page",
    "right_seen_on_page",
    "left_closes_on_page",
    "left_seen_on_page",
    "left_closes_run",
    "right_opens_run",
)
_CLAUSE = frozenset("，、,")
_COLON = frozenset("：:")
_INNER_MARK = re.compile("[，。；、,;]")
_DATE_UNITS = frozenset("0123456789０１２３４５６７８９年月日号时分秒%％万亿元个岁")
#: How a numbered item or section starts: "一、", "（二）", "3.", "第一，", "首先".
_ENUMERATED = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、是要]|[（(][一二三四五六七八九十0-9]{1,3}[）)]|[0-9０-９]{1,2}[.．、]|第[一二三四五六七八九十]|首先|其次|最后|[①-⑳])")
#: How the parts of a two-part headline or subhead are set apart: "还路于行，兼顾停车需求".
_HEAD_SPLIT = re.compile(r"[，、 \u3000]")
_PUNCT = re.compile(r"[，。、；：！？,.;:!?“”（）()]")
_PUNCT_MARKS = frozenset("，。、；：！？,.;:!?“”（）()")


def _class_of(word: str, tags: Mapping[str, str]) -> str:
    """The word class of a word at a break's edge: its dictionary tag; ``m`` for digits,
    ``eng`` for Latin letters, ``x`` otherwise."""
    tag = tags.get(word)
    if tag is not None:
        return tag
    ch = word[-1:] or " "
    if ch.isdigit():
        return "m"
    return "eng" if ch.isascii() and ch.isalpha() else "x"


def edge_tokens(left: str, right: str, tags: Mapping[str, str] | None = None) -> tuple[str, str, str, str]:
    """The left side's last character and the class of its last word (``/v``), the right
    side's first character and the class of its first word (longest dictionary word at each
    edge): the tokens with a weight of their own in :class:`BreakScorer`."""
    tags = word_classes() if tags is None else tags
    left, right = left.rstrip(), right.lstrip()
    last = next((left[-n:] for n in range(min(_MAX_WORD, len(left)), 1, -1) if left[-n:] in tags), left[-1:])
    first = next((right[:n] for n in range(min(_MAX_WORD, len(right)), 1, -1) if right[:n] in tags), right[:1])
    return left[-1:], "/" + _class_of(last, tags), right[:1], "/" + _class_of(first, tags)


def _longest_suffix_word(text: str, words: Mapping[str, float]) -> int:
    for n in range(min(_MAX_WORD, len(text)), 1, -1):
        if text[-n:] in words:
            return n
    return 0


def _longest_prefix_word(text: str, words: Mapping[str, float]) -> int:
    for n in range(min(_MAX_WORD, len(text)), 1, -1):
        if text[:n] in words:
            return n
    return 0


def _open_quote(text: str) -> bool:
    """Whether a quote, bracket or book title opened in ``text`` is still open at its end."""
    return (
        text.count("“") > text.count("”")
        or text.count("（") + text.count("(") > text.count("）") + text.count(")")
        or text.rfind("《") > text.rfind("》")
    )


@dataclass(frozen=True)
class ClauseEdges:
    """How much likelier a character pair is to start (end) a clause than to stand anywhere in
    running text: log-ratios learned from the training text, ``default`` for pairs not listed."""

    starts: Mapping[str, float]
    ends: Mapping[str, float]
    default: float = 0.0
    #: pointwise mutual information of character pairs in running text (pairs seen twice or more)
    pairs: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    pair_default: float = 0.0
    #: log-ratios of the first two characters of paragraphs against anywhere in running text
    para_starts: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    #: log-ratios of the two characters before a sentence's final mark against anywhere
    sentence_ends: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))

    def para_start(self, text: str) -> float:
        """How much likelier ``text`` is to open a paragraph than a stretch of running text."""
        return self.para_starts.get(text[:2], self.default)

    def sentence_end(self, text: str) -> float:
        """How much likelier ``text`` is to end a sentence (its final mark dropped, as a
        summary line or subhead drops it) than a stretch of running text."""
        return self.sentence_ends.get(text[-2:], self.default)

    def start(self, text: str) -> float:
        return self.starts.get(text[:2], self.default)

    def end(self, text: str) -> float:
        return self.ends.get(text[-2:], self.default)

    def seam(self, left: str, right: str) -> float:
        """How much likelier the two characters around the break are to follow each other in
        running text than by chance."""
        return self.pairs.get(left[-1:] + right[:1], self.pair_default)


NO_EDGES = ClauseEdges(MappingProxyType({}), MappingProxyType({}))


def break_features(
    left: str,
    right: str,
    *,
    width: float,
    words: Mapping[str, float],
    edges: ClauseEdges = NO_EDGES,
    page: str = "",
) -> list[float]:
    """The numeric features of the break between ``left`` and ``right`` (see the module doc);
    ``width`` is the page's typical body-line length in characters, ``page`` the text of the
    page the break is on (as given: its own two sides are not run together there)."""
    left, right = left.rstrip(), right.lstrip()
    last, first = left[-1:], right[:1]
    seam = 0
    seam_freq = 0.0
    for i in range(1, min(_MAX_WORD - 1, len(left)) + 1):
        for j in range(1, min(_MAX_WORD - i, len(right)) + 1):
            word = left[-i:] + right[:j]
            if word in words and i + j > seam:
                seam, seam_freq = i + j, words[word]
    left_word = _longest_suffix_word(left, words)
    right_word = _longest_prefix_word(right, words)
    special = special_kind(right) if len(right) <= 120 else ""  # bylines, credits, captions are short
    width = max(width, 1.0)
    left_clause, right_clause = _last_clause_len(left), _clause_len(right)
    # the parts of a headline-shaped line: split at commas and spaces, nothing else inside
    parts = [] if _PUNCT.search(_HEAD_SPLIT.sub("", left)) else _HEAD_SPLIT.split(left)
    numbered = _ENUMERATED.match(left)  # "一、" numbers a subhead: not a mark inside its text
    return [
        float(ends_sentence(left)),
        float(last in _CLAUSE),
        float(last in _COLON),
        float(_open_quote(left)),
        float(_INNER_MARK.search(left, numbered.end() if numbered else 0, len(left) - 1) is not None),
        float(last.isdigit() and first in _DATE_UNITS),
        float(first in NO_LINE_START),
        float(special in ("byline", "credit", "caption", "furniture")),
        float(special == "dateline" or bool(dateline_prefix(right))),
        seam / _MAX_WORD,
        float(seam > max(left_word, right_word)),
        seam_freq / 10.0,
        left_word / _MAX_WORD,
        right_word / _MAX_WORD,
        math.log1p(len(left)) / 5.0,
        math.log1p(len(right)) / 5.0,
        min(len(left) / width, 3.0),
        min(len(right) / width, 3.0),
        float(len(left) <= 30),
        float(numbered is not None),
        float(bool(_ENUMERATED.match(right))),
        min(left_clause, 40) / 20.0,
        min(right_clause, 40) / 20.0,
        min(left_clause + right_clause, 60) / 20.0,
        float(left_clause + right_clause > 24),
        float(right_clause <= 3),
        edges.start(right) / 5.0,
        edges.end(left) / 5.0,
        float(2 <= len(parts) <= 3 and all(2 <= len(x) <= 12 for x in parts) and len(left) <= 30),
        float(len(parts) == 2 and abs(len(parts[0]) - len(parts[1])) <= 2),
        max(min(edges.seam(left, right), 8.0), -5.0) / 5.0,
        float((left[-1:] + right[:1]) not in edges.pairs),
        edges.para_start(right) / 5.0,
        edges.sentence_end(left) / 5.0,
        float(_verse_pair(left, right)),
        seam_echo(left, right, page) / (2 * ECHO_SIDE),
        *_page_edges(left, right, page),
    ]


def _page_edges(left: str, right: str, page: str) -> tuple[float, ...]:
    opens = page_edge(right, page, before=True)
    closes = page_edge(left, page, before=False)
    return (
        opens.share,
        opens.seen / MAX_EDGE_SEEN,
        closes.share,
        closes.seen / MAX_EDGE_SEEN,
        _run_feature(closes),
        _run_feature(opens),
    )


def _run_feature(edge: PageEdge) -> float:
    """The run of a side along the page, scaled; -1 (scaled) where the page prints its edge
    nowhere else: no evidence, which is not the same as a word that never closes a clause."""
    return (edge.run if edge.seen else -1) / ECHO_RUN


def _verse_pair(left: str, right: str) -> bool:
    """Two short lines of a verse or a couplet, set one per line: "江上渔舟晚，" / "山前稻谷香。"
    (lines of the same length; a column break cuts a paragraph at any length)."""
    return (
        len(left) <= 16
        and left[-1:] in _CLAUSE
        and abs(len(left) - len(right)) <= 1
        and ends_sentence(right)
        and _INNER_MARK.search(left, 0, len(left) - 1) is None
    )


def _last_clause_len(text: str) -> int:
    """Characters after the last punctuation mark (all of them when there is none)."""
    for k in range(len(text) - 1, -1, -1):
        if text[k] in _PUNCT_MARKS:
            return len(text) - 1 - k
    return len(text)


def _clause_len(text: str) -> int:
    """Characters before the first punctuation mark (all of them when there is none)."""
    match = _PUNCT.search(text)
    return match.start() if match else len(text)


class BreakScorer:
    """Probability that a break between two body pieces is a cut to join (not a paragraph end).

    Parameters
    ----------
    coef : array of shape (n_numeric + n_bins + n_left_chars + n_right_chars,)
        A weight per numeric feature, then per bin of each numeric feature (in feature order),
        then per character.
    intercept : float
    left_chars, right_chars : sequences of str
        Tokens with a weight of their own at the left side's end / the right side's start:
        characters, and word classes written ``/tag`` (see :func:`edge_tokens`).
    bin_edges : sequence of sequences of float, one per numeric feature
        Inner edges of the feature's bins (a feature with ``k`` edges has ``k + 1`` bins, each
        with a weight of its own: the score is additive but not linear in each feature).
    threshold : float, default=0.5
        Join when the probability reaches it.
    """

    def __init__(
        self,
        coef: np.ndarray,
        intercept: float,
        left_chars: Sequence[str],
        right_chars: Sequence[str],
        *,
        edges: ClauseEdges = NO_EDGES,
        threshold: float = 0.5,
        bin_edges: Sequence[Sequence[float]] = (),
    ) -> None:
        self.edges = edges
        self.coef = np.asarray(coef, dtype=np.float64)
        self.intercept = float(intercept)
        self.left_chars = {ch: k for k, ch in enumerate(left_chars)}
        self.right_chars = {ch: k for k, ch in enumerate(right_chars)}
        self.threshold = float(threshold)
        #: the text of the page being split (see :meth:`for_page`); empty: no page
        self.page = ""
        n = len(NUMERIC_FEATURES)
        self._numeric = [float(x) for x in self.coef[:n]]
        self._bins: list[tuple[list[float], list[float]]] = []
        k = n
        for feature_edges in bin_edges or [()] * n:
            inner = [float(e) for e in feature_edges]
            width_ = len(inner) + 1 if inner else 0
            self._bins.append((inner, [float(x) for x in self.coef[k : k + width_]]))
            k += width_
        self.n_bins = k - n
        self._left = [float(x) for x in self.coef[k : k + len(self.left_chars)]]
        self._right = [float(x) for x in self.coef[k + len(self.left_chars) :]]

    @classmethod
    def default_path(cls) -> Path:
        return Path(str(resources.files("newsnlp") / "resources" / "break_model.npz"))

    @classmethod
    def load(cls, path: str | Path | None = None) -> BreakScorer:
        """Read a model written by ``models/build_break_model.py`` (arrays only); the shipped
        one by default (read from disk once per process)."""
        parts = _read_default() if path is None else _read_model(Path(path))
        coef, intercept, left, right, edges, threshold, bin_edges = parts
        return cls(coef, intercept, left, right, edges=edges, threshold=threshold, bin_edges=bin_edges)

    def for_page(self, text: str) -> BreakScorer:
        """This model reading breaks on the page ``text``: a copy that shares the weights and
        looks up what it prints (:mod:`newsnlp.segment.page_lookup`) in ``text``. A text longer
        than :data:`~newsnlp.segment.page_lookup.MAX_PAGE_CHARS` (a whole issue in one file) is
        not read (those features are
        then as on a page that prints nothing else): each break's lookups read the page once
        or so, which over a long text's every break would grow with its square; the splitter
        hands such a text's articles their own stretch of it
        (:func:`~newsnlp.segment.page_lookup.page_around`)."""
        bound = copy.copy(self)
        bound.page = text if len(text) <= MAX_PAGE_CHARS else ""
        return bound

    def probability(self, left: str, right: str, *, width: float) -> float:
        """Probability that ``right`` carries on ``left`` (a cut paragraph)."""
        if not left.strip() or not right.strip() or ends_sentence(left):
            return 0.0  # a sentence end is a paragraph end: the model was not trained to ask
        features = break_features(left, right, width=width, words=seam_words(), edges=self.edges, page=self.page)
        z = self.intercept
        for x, w, (inner, weights) in zip(features, self._numeric, self._bins):
            z += w * x
            if weights:
                z += weights[bisect.bisect_right(inner, x)]
        last, last_class, first, first_class = edge_tokens(left, right)
        for token in (last, last_class):
            k = self.left_chars.get(token)
            if k is not None:
                z += self._left[k]
        for token in (first, first_class):
            k = self.right_chars.get(token)
            if k is not None:
                z += self._right[k]
        return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))

    def joins(self, left: str, right: str, *, width: float) -> bool:
        """Whether the break between ``left`` and ``right`` is a cut to join."""
        return self.probability(left, right, width=width) >= self.threshold


_Parts = tuple[np.ndarray, float, tuple[str, ...], tuple[str, ...], ClauseEdges, float, list[list[float]]]


def _read_model(p: Path) -> _Parts:
    """The validated contents of a break-model file; :class:`ModelFileError` (E100) otherwise."""
    try:
        arrays = read_arrays(p, max_unpacked=MAX_MODEL_BYTES)
        header = json.loads(str(arrays["header"]))
        left = tuple(str(c) for c in arrays["left_chars"])
        right = tuple(str(c) for c in arrays["right_chars"])
        coef = np.asarray(arrays["coef"], dtype=np.float64)
        intercept = float(np.asarray(arrays["intercept"]).reshape(-1)[0])
        threshold = float(arrays["threshold"])
        offsets = [int(k) for k in arrays["bin_offsets"]]
        flat = [float(e) for e in arrays["bin_edges"]]
        if len(offsets) != len(NUMERIC_FEATURES) + 1 or offsets[0] != 0 or offsets[-1] != len(flat):
            raise ValueError("bin_offsets do not match bin_edges")
        bin_edges = [flat[a:b] for a, b in zip(offsets, offsets[1:])]
        if any(b < a for a, b in zip(offsets, offsets[1:])) or any(e != sorted(e) for e in bin_edges):
            raise ValueError("bin_edges are not sorted runs")
        edges = ClauseEdges(
            MappingProxyType(dict(zip((str(g) for g in arrays["start_grams"]), arrays["start_llr"].tolist(), strict=True))),
            MappingProxyType(dict(zip((str(g) for g in arrays["end_grams"]), arrays["end_llr"].tolist(), strict=True))),
            float(arrays["edge_default"]),
            MappingProxyType(dict(zip((str(g) for g in arrays["pair_grams"]), arrays["pair_pmi"].tolist(), strict=True))),
            float(arrays["pair_default"]),
            MappingProxyType(dict(zip((str(g) for g in arrays["para_grams"]), arrays["para_llr"].tolist(), strict=True))),
            MappingProxyType(dict(zip((str(g) for g in arrays["send_grams"]), arrays["send_llr"].tolist(), strict=True))),
        )
    except (OSError, KeyError, ValueError, TypeError, IndexError, AttributeError, zipfile.BadZipFile) as exc:
        raise ModelFileError(Errors.E100.format(path=p, reason=str(exc) or type(exc).__name__)) from exc
    if not isinstance(header, dict) or header.get("format") != FORMAT or header.get("version") != FORMAT_VERSION:
        raise ModelFileError(Errors.E100.format(path=p, reason="its header names another format or version"))
    if tuple(header.get("numeric", ())) != NUMERIC_FEATURES:
        raise ModelFileError(Errors.E100.format(path=p, reason="its features are not this version's"))
    n_bins = sum(len(e) + 1 for e in bin_edges if e)
    if coef.shape != (len(NUMERIC_FEATURES) + n_bins + len(left) + len(right),) or not np.isfinite(coef).all():
        raise ModelFileError(Errors.E100.format(path=p, reason=f"coef has shape {coef.shape}"))
    coef.setflags(write=False)
    return coef, intercept, left, right, edges, threshold, bin_edges


@lru_cache(maxsize=1)
def _read_default() -> _Parts:
    return _read_model(BreakScorer.default_path())
