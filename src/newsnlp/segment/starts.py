"""Where an article starts on a page without indentation: a learned score per heading block.

On a plain page (indentation lost, as PDF text gives it) :func:`newsnlp.segment.layout.classify_plain`
finds *heading blocks*: runs of short unpunctuated lines, with the bylines and datelines among
them. Some open an article, others are subheads, captions or labels inside one. This module
scores each block from what it is and what is around it (:func:`block_features`); the weights are
a logistic regression fit by ``models/build_start_model.py`` on pages made from the project's own
corpus (``models/topic_corpus``), stripped of indentation and hard-wrapped, and shipped as
``newsnlp/resources/start_model.npz`` (arrays only, read with ``allow_pickle=False``).
"""

from __future__ import annotations

import json
import math
import re
import zipfile
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from operator import mul
from pathlib import Path

import numpy as np

from newsnlp.errors import Errors, ModelFileError
from newsnlp.segment._model_file import read_arrays
from newsnlp.segment.bylines import dateline_prefix
from newsnlp.segment.lines import (
    _EDITOR_NOTE,
    _GENERIC_TITLE,
    _LEAD_BOX,
    RawLine,
    column_tag,
    ends_sentence,
)

__all__ = ["FEATURES", "LIKENESS", "StartScorer", "add_neighbours", "block_features", "page_likeness", "photo_story"]

FORMAT = "newsnlp-start-model"
FORMAT_VERSION = 1
#: Largest unpacked size of a start-model file (it holds a few dozen numbers).
MAX_UNPACKED = 1 << 20

#: Names of the block features, in the order of :func:`block_features`.
FEATURES: tuple[str, ...] = (
    "prev_closes",  # the page's start, a credit, byline, dateline or furniture before the block
    "prev_body_open",  # a body line that stops mid-sentence before it (not a bracketed closing line)
    "prev_body_closed",  # a body line that ends a sentence before it
    "prev_bracketed",  # a bracketed closing line before it: "（作者为…）", "（记者 王明）"
    "next_opens_box",  # a dateline, 核心阅读 or 编者按 right after it
    "next_none",  # nothing after it
    "photo_story",  # a few body lines, then a caption or credit
    "byline_inside",  # a byline among its lines
    "heads_1",
    "heads_2",
    "heads_3plus",
    "head_tiny",  # one heading line of at most 3 characters
    "generic_title",  # 图片报道, 广告, 公告 …
    "subtitle_mark",  # a later line starts with —— or is bracketed
    "kicker_mark",  # an earlier line ends with ——, ：
    "column_tag",  # "…（金台锐评）"
    "head_dash",  # the first line starts with ——: a signature or a quoted source
    "head_colon",  # the first (only) line ends with a colon: a speaker's label
    "head_question",  # ends with ？ or ！
    "head_spaced",  # set in two parts with a space: "压实责任链 提升质效"
    "head_len",  # the longest heading line over the page's body width (capped at 2)
    "next_len",  # the line after over the page's body width (capped at 2)
    "prev_len",  # the line before over the page's body width (capped at 2)
    "next_news_lead",  # the line after opens like a news story: a date or year, 近日, 日前, 本报 …
    "gap_log",  # log(1 + non-heading lines since the previous block)
    "run_log",  # log(1 + body lines after it before the next block)
    "single_after_close",  # one heading line right after a credit, byline, dateline …
    "single_after_end",  # one heading line right after a body line that ends a sentence
    "near_marked",  # share of the two blocks before and after with a mark of an article start
    "byline_missing",  # no byline among its lines, on a page whose other blocks have them (the share of those)
    "same_form_prev",  # set in the same form (see :data:`FORM`) as the block before it: parts of one report, subheads of a set
    "same_form_next",  # ... as the block after it
    # log(0.02 + cosine) of the character-pair counts of two texts (body text up to CONTEXT_CHARS;
    # see :func:`page_likeness`):
    "topic_around",  # the text before the block and the text after it (a subhead goes on with its story)
    "head_after",  # the heading lines and the text after them (a headline names its story)
    "head_before",  # the heading lines and the text before them
)

#: Features that mark a block as an article's start by its form (a dateline after it, a byline
#: in it, a kicker or subtitle, a closing line before it): pages of news items have many such
#: blocks, a long article's subheads have none.
_MARKS = ("prev_bracketed", "next_opens_box", "byline_inside", "subtitle_mark", "kicker_mark", "column_tag")
MARK_INDEX: tuple[int, ...] = tuple(k for k, name in enumerate(FEATURES) if name in _MARKS)

#: How a news story's first sentence opens, in its first 15 characters: a date or a year, a time
#: word (近日, 今年, 岁末, 临近…, …将至), 截至 (a figure's date), 当地时间, an agency or 记者.
_NEWS_LEAD = re.compile(
    r"^.{0,14}?(?:[0-9０-９]{1,2}月[0-9０-９]{1,2}日|[0-9０-９]{1,2}日[，,上下晚早凌]|近日|日前|近期|近年来|"
    r"今年|去年|昨天|今天|当天|本报|新华社|记者|日电|(?:19|20)[0-9]{2}年|临近|将至|岁末|年初|截至|当地时间)"
)


def photo_story(kinds: Sequence[str], j: int) -> bool:
    """A few body lines, then a "图为…" caption or a credit: a photo story starts at ``j``."""
    for k in range(j, min(j + 4, len(kinds))):
        if kinds[k] in ("credit", "caption"):
            return k > j or kinds[k] == "caption"
        if kinds[k] != "body":
            return False
    return False


#: Characters of body text read on each side of a block for the likeness features.
CONTEXT_CHARS = 240
_HAN_PAIR = re.compile(r"(?=([\u4e00-\u9fff]{2}))")  # every pair, overlapping


def _bigrams(text: str) -> dict[str, int]:
    """Counts of the adjacent Chinese character pairs of ``text``."""
    return Counter(_HAN_PAIR.findall(text))


def _body_text(lines: Sequence[RawLine], kinds: Sequence[str], start: int, step: int) -> str:
    """Up to :data:`CONTEXT_CHARS` of the body lines from ``start`` on, going by ``step``,
    up to the next heading line."""
    parts: list[str] = []
    size = 0
    k = start
    while 0 <= k < len(lines) and size < CONTEXT_CHARS and kinds[k] != "":
        if kinds[k] == "body":
            parts.append(lines[k].text)
            size += len(lines[k].text)
        k += step
    text = "".join(parts[::step])
    return text[-CONTEXT_CHARS:] if step < 0 else text[:CONTEXT_CHARS]


def _ratio(n: int, width: float) -> float:
    return min(2.0, n / width) if width > 0 else 1.0


def block_features(
    lines: Sequence[RawLine],
    kinds: Sequence[str],
    i: int,
    j: int,
    *,
    width: float,
    gap: int,
    run: int,
) -> list[float]:
    """The :data:`FEATURES` of the heading block ``lines[i:j]``; ``kinds`` holds each line's
    kind, "" for a heading line; ``width`` is the page's median body line length; ``gap`` and
    ``run`` count the body lines before (since the last block) and after it (to the next)."""
    heads = [lines[k].text for k in range(i, j) if kinds[k] == ""]
    prev = kinds[i - 1] if i > 0 else "start"
    prev_text = lines[i - 1].text if i > 0 else ""
    nxt = lines[j].text if j < len(lines) else ""
    closes = prev in ("start", "credit", "byline", "dateline", "furniture") or (
        prev == "caption" and i > 1 and kinds[i - 2] == "credit"
    )
    bracketed = bool(prev_text) and prev_text[0] in "（(" and prev_text[-1] in "）)"
    body = prev == "body"
    first = heads[0] if heads else ""
    n = len(heads)
    return [
        float(closes),
        float(body and not ends_sentence(prev_text) and not bracketed),
        float(body and ends_sentence(prev_text)),
        float(bracketed),
        float(bool(nxt) and bool(dateline_prefix(nxt) or _LEAD_BOX.match(nxt) or _EDITOR_NOTE.match(nxt))),
        float(not nxt),
        float(photo_story(kinds, j)),
        float(any(kinds[k] == "byline" for k in range(i + 1, j)) and n > 0),
        float(n == 1),
        float(n == 2),
        float(n >= 3),
        float(n == 1 and len(first) <= 3),
        float(bool(first) and bool(_GENERIC_TITLE.match(first))),
        float(any(p > 0 and (t.startswith("——") or (t[0] in "（(" and t[-1] in "）)")) for p, t in enumerate(heads))),
        float(any(p < n - 1 and t.endswith(("——", "：", ":")) for p, t in enumerate(heads))),
        float(bool(first) and bool(column_tag(first) or (n > 1 and column_tag(heads[1])))),
        float(first.startswith("——")),
        float(n == 1 and first.endswith(("：", ":"))),
        float(bool(first) and first[-1] in "？！?!"),
        float(len(first.split()) == 2),
        _ratio(max((len(t) for t in heads), default=0), width),
        _ratio(len(nxt), width),
        _ratio(len(prev_text), width),
        float(bool(nxt) and bool(_NEWS_LEAD.match(nxt))),
        math.log1p(gap),
        math.log1p(run),
        float(n == 1 and closes),
        float(n == 1 and body and ends_sentence(prev_text)),
        0.0,  # near_marked: filled in by :func:`add_neighbours`, from the page's other blocks
        0.0,  # byline_missing: likewise
        0.0,  # same_form_prev: likewise
        0.0,  # same_form_next: likewise
        *[0.0] * 3,  # the likenesses: filled in by :func:`page_likeness`, from the page's other blocks
    ]


_NEAR = FEATURES.index("near_marked")
_BYLINE = FEATURES.index("byline_inside")
_MISSING = FEATURES.index("byline_missing")
_SAME_PREV = FEATURES.index("same_form_prev")
_SAME_NEXT = FEATURES.index("same_form_next")
#: What a block's form is read from: its number of heading lines, a byline among them, a kicker
#: or subtitle mark, a column tag, a dash, colon, space or question mark in its first line, a
#: one-word or generic headline, a photo story under it, a closing line before it and a dateline
#: after it. Consecutive blocks of one form are the parts of one report or the subheads of one
#: story more often than separate stories, which a page sets in forms of their own.
FORM: tuple[int, ...] = tuple(
    FEATURES.index(name)
    for name in (
        "heads_1", "heads_2", "heads_3plus", "byline_inside", "kicker_mark", "subtitle_mark", "column_tag",
        "head_dash", "head_colon", "head_spaced", "head_question", "head_tiny", "generic_title", "photo_story",
        "prev_bracketed", "next_opens_box",
    )
)
#: Where the likeness features sit in a row of :data:`FEATURES` (filled by :func:`page_likeness`).
LIKENESS = slice(FEATURES.index("topic_around"), FEATURES.index("head_before") + 1)
#: Bounds of a likeness feature, log(0.02 + cosine) with the cosine in [0, 1], a hair wider.
_LIKENESS_BOUNDS = (math.log(0.02) - 1e-6, math.log(1.02) + 1e-6)


def add_neighbours(rows: list[list[float]]) -> None:
    """Fill in the features a block takes from the page's other blocks: ``near_marked``, the
    share of its neighbours (up to two blocks on each side) that carry a mark of an article
    start; ``byline_missing``: for a block without a byline among its lines, the share of
    all the others with one (0 for a block with one); ``same_form_prev`` and
    ``same_form_next``: whether the block before / after it is set in the same form
    (:data:`FORM`).

    A page keeps one style: where its stories set a byline under the headline, a headline
    without one is less likely a story's; where none does (most web copies, many sections),
    its absence says nothing."""
    marked = [float(any(row[k] for k in MARK_INDEX)) for row in rows]
    forms = [tuple(row[k] for k in FORM) for row in rows]
    bylines = sum(row[_BYLINE] for row in rows)
    others = len(rows) - 1
    for b, row in enumerate(rows):
        near = marked[max(0, b - 2) : b] + marked[b + 1 : b + 3]
        row[_NEAR] = sum(near) / len(near) if near else 0.5
        row[_MISSING] = bylines / others if others and not row[_BYLINE] else 0.0
        row[_SAME_PREV] = float(b > 0 and forms[b] == forms[b - 1])
        row[_SAME_NEXT] = float(b < others and forms[b] == forms[b + 1])


def _cosine(a: dict[str, int], b: dict[str, int]) -> float:
    if not a or not b:
        return 0.0
    dot = sum([a[k] * b[k] for k in a.keys() & b.keys()])
    va, vb = a.values(), b.values()
    return dot / math.sqrt(sum(map(mul, va, va)) * sum(map(mul, vb, vb)))


def page_likeness(
    lines: Sequence[RawLine], kinds: Sequence[str], blocks: Sequence[tuple[int, int]]
) -> list[tuple[float, ...]]:
    """The likeness features of every block of a page: ``topic_around``, ``head_after``, ``head_before``."""
    contexts = []
    for i, j in blocks:
        heads = "".join(lines[k].text for k in range(i, j) if kinds[k] == "")
        contexts.append(
            (_bigrams(_body_text(lines, kinds, i - 1, -1)), _bigrams(_body_text(lines, kinds, j, 1)), _bigrams(heads))
        )
    return [
        (
            math.log(0.02 + _cosine(before, after)),
            math.log(0.02 + _cosine(head, after)),
            math.log(0.02 + _cosine(head, before)),
        )
        for before, after, head in contexts
    ]


class StartScorer:
    """Log-odds that a heading block opens an article (see :func:`block_features`).

    Parameters
    ----------
    coef : array of shape (len(FEATURES),)
    intercept : float
    """

    def __init__(self, coef: np.ndarray, intercept: float) -> None:
        self.coef = np.asarray(coef, dtype=np.float64)
        self.intercept = float(intercept)
        self._weights = [float(x) for x in self.coef]

    @classmethod
    def default_path(cls) -> Path:
        return Path(str(resources.files("newsnlp") / "resources" / "start_model.npz"))

    @classmethod
    def load(cls, path: str | Path | None = None) -> StartScorer:
        """Read a model written by ``models/build_start_model.py``; the shipped one by default
        (read from disk once per process)."""
        coef, intercept = _read_default() if path is None else _read_model(Path(path))
        return cls(coef, intercept)

    def likeness_range(self) -> tuple[float, float]:
        """The least and the most the likeness features can add to a block's log-odds (a hair
        wider): a block whose other features put it clear of a cut by more is decided without
        them."""
        lo, hi = _LIKENESS_BOUNDS
        weights = self._weights[LIKENESS]
        return (
            sum(min(w * lo, w * hi) for w in weights) - 1e-6,
            sum(max(w * lo, w * hi) for w in weights) + 1e-6,
        )

    def logit(self, features: Sequence[float]) -> float:
        """Log-odds that the block with these :data:`FEATURES` opens an article."""
        return self.intercept + sum(map(mul, self._weights, features))


def _read_model(p: Path) -> tuple[np.ndarray, float]:
    """The validated weights of a start-model file; :class:`ModelFileError` (E101) otherwise."""
    try:
        arrays = read_arrays(p, max_unpacked=MAX_UNPACKED)
        header = json.loads(str(arrays["header"]))
        coef = np.asarray(arrays["coef"], dtype=np.float64)
        intercept = float(arrays["intercept"].reshape(-1)[0])
    except (OSError, ValueError, KeyError, IndexError, zipfile.BadZipFile) as exc:
        raise ModelFileError(Errors.E101.format(path=p, reason=str(exc) or type(exc).__name__)) from exc
    if not isinstance(header, dict) or header.get("format") != FORMAT or header.get("version") != FORMAT_VERSION:
        raise ModelFileError(Errors.E101.format(path=p, reason="its header names another format or version"))
    if tuple(header.get("features", ())) != FEATURES:
        raise ModelFileError(Errors.E101.format(path=p, reason="its features are not this version's"))
    if coef.shape != (len(FEATURES),) or not np.isfinite(coef).all() or not math.isfinite(intercept):
        raise ModelFileError(Errors.E101.format(path=p, reason=f"coef has shape {coef.shape}"))
    coef.setflags(write=False)
    return coef, intercept


@lru_cache(maxsize=1)
def _read_default() -> tuple[np.ndarray, float]:
    return _read_model(StartScorer.default_path())
