"""Rebuild the line-break model (``src/newsnlp/resources/break_model.npz``) from the project's corpus.

    PYTHONPATH=src python models/build_break_model.py           # held-out report + write the model
    PYTHONPATH=src python models/build_break_model.py --check   # rebuild in memory, compare bytes

The model scores a break between two pieces of body text (see :mod:`newsnlp.segment.breaks`):
a column-break cut to join, or a true paragraph end. Its training pages are made here from
``models/topic_corpus/*.jsonl``, text written for this project (never the ../shared evaluation
pages, which measure it): each passage's paragraphs are laid out as a converted page lays them
out, one piece per paragraph, and

- about half of the paragraphs of 20 characters or more are cut by a column break at a random
  place that is not a sentence end (mid-word included; pieces of 4 characters or more), a few twice;
- about a fifth of the paragraphs get an in-article subhead before them (another passage's
  headline, or one or two clauses of a paragraph, joined by a comma or a space;
  some numbered: 一、 （二） 3.; or a summary line: a sentence of at most 80 characters with
  its full stop dropped, sometimes after a bullet ●), which ends without a full stop and must
  not be joined;
- half of the passages are set under their headline (a column tag after it at times: "…（记者手记）"),
  which must not be joined to the first paragraph: on a page without marks the splitter asks
  whether a line read as a headline is a paragraph's start cut off by a column break;
- a few paragraphs get two lines of a verse before them (two clauses of one length, "，" then
  "。"), which must not be joined either.

Each page also holds other passages' text (about :data:`PAGE_CHARS` characters), which the
model reads for whether the page prints elsewhere what a break's two sides make joined
(:func:`~newsnlp.segment.page_lookup.seam_echo`); never the passage's own uncut text.

Each passage is laid out :data:`ROUNDS` times (other cuts and subheads each time). Every pair of
neighbouring pieces whose left side does not end a sentence is a training break (a sentence end
is a paragraph end, and the model is not asked), labelled join when a cut made it.

The character statistics behind some features (pair PMI, clause and paragraph edges) are
counted in the same corpus; a passage's breaks take them from the other four of five folds
(cross-fitting), since counted over a passage's own text every pair across its cuts looks
seen, which on a page never seen it is not. The shipped statistics are counted over all.

Passages are split 80/20 by a hash of their id: a model fit on the 80 % scores the 20 %, the
report shows cuts joined and wrong joins by threshold, and the threshold with the fewest wrong
paragraphs (missed cuts + wrong joins) there ships. The shipped model is fit on all passages.
Everything is seeded and the archive has fixed timestamps, so a rebuild gives the same bytes
(``--check``).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import random
import re
import statistics
import sys
import zipfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsnlp.segment.breaks import (  # noqa: E402
    FORMAT,
    FORMAT_VERSION,
    NUMERIC_FEATURES,
    ClauseEdges,
    break_features,
    edge_tokens,
    seam_words,
    word_classes,
)
from newsnlp.segment.lines import ends_sentence  # noqa: E402

CORPUS = ROOT / "models" / "topic_corpus"
OUTPUT = ROOT / "src" / "newsnlp" / "resources" / "break_model.npz"
SEED = 0
CUT_SHARE = 0.5
#: Paragraphs this long may be cut, into pieces of at least MIN_PIECE characters.
MIN_CUT = 20
MIN_PIECE = 4
SUBHEAD_SHARE = 0.2
#: A passage is laid out under its headline this often (else it is a later part of a story).
HEADLINE_SHARE = 0.5
COLUMN_TAG_SHARE = 0.3
#: Column tags set after a headline ("…（记者手记）"); the start model's pages use them too.
COLUMN_TAGS = ("记者手记", "新论", "时评", "观察", "评论员观察", "调查", "民生", "视点", "走基层", "一线", "聚焦", "声音")
VERSE_SHARE = 0.03
MAX_SUMMARY = 80
#: A passage is set on a page of about this many characters with other passages (a converted
#: newspaper page holds some 6,000).
PAGE_CHARS = 5000
#: Each passage is laid out this many times (different cuts and subheads each time). Six rather
#: than three: with the page's runs among the features, the larger sample gave dev pages (seed-like,
#: three seeds) 0.982 cuts joined at 0.47 % wrong joins against 0.981 at 0.49 %, and 0.983-0.984
#: at 0.48-0.51 % from generator seeds 1 and 2 against 0.982-0.983 at 0.53-0.54 %.
ROUNDS = 6
#: Character statistics for a passage's breaks are counted over the other folds' passages.
FOLDS = 5
MIN_CHAR_COUNT = 30
MAX_CHARS = 400
C = 1.0
THRESHOLD = 0.5
#: Grid steps (0.01 each) on each side over which wrong paragraphs are averaged to pick the threshold.
THRESHOLD_WINDOW = 5
#: Quantile bins per numeric feature (each bin a weight of its own).
N_BINS = 8
#: The right side's lengths stay linear: a generated subhead is followed by a whole paragraph
#: and a cut's right piece is a part of one, which bins would learn far more sharply than
#: pages show it.
LINEAR_ONLY = frozenset({"right_len", "right_rel"})
_SENTENCE_END = frozenset("。！？!?…；;”’\"'）)】》")


def read_passages(folder: Path = CORPUS) -> list[dict]:
    passages = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if record.get("text"):
                passages.append(record)
    return passages


def _cut(text: str, rng: random.Random) -> list[str]:
    places = [k for k in range(MIN_PIECE, len(text) - MIN_PIECE + 1) if text[k - 1] not in _SENTENCE_END]
    if not places:
        return [text]
    at = rng.choice(places)
    return [text[:at], text[at:]]


def _subhead(paragraphs: list[str], titles: list[str], rng: random.Random) -> str:
    """An in-article subhead: a headline, or one or two clauses of a paragraph set as a heading
    ("平安联创，不断完善防控体系", "压实责任链 提升党建质效"), or a summary line, without a full stop."""
    shape = rng.randrange(4)
    if shape == 3:
        return _summary_line(paragraphs, rng)
    clauses = [c for c in re.split(r"[，。！？；：]", rng.choice(paragraphs)) if 3 <= len(c) <= 20]
    if shape == 0 or not clauses:
        subhead = rng.choice(titles)
    elif shape == 1 or len(clauses) < 2:
        subhead = clauses[0]
    else:
        subhead = clauses[0] + rng.choice(("，", " ", "　")) + clauses[1]
    if rng.random() < 0.3:  # a numbered section: "一、", "（二）", "3."
        n = rng.randrange(9)
        subhead = rng.choice((f"{_ORDINALS[n]}、", f"（{_ORDINALS[n]}）", f"{n + 1}.")) + subhead
    return subhead


_ORDINALS = "一二三四五六七八九"
_SENTENCES = re.compile(r"[^。！？]+[。！？]”?")


def _summary_line(paragraphs: list[str], rng: random.Random) -> str:
    """A lead-in or summary line set as a paragraph of its own: a sentence of a paragraph (of
    at most :data:`MAX_SUMMARY` characters where there is one) with the final mark dropped, as
    pages print them ("●新桥通车方便两岸群众往来"), sometimes after a bullet."""
    sentences = _SENTENCES.findall(rng.choice(paragraphs))
    if not sentences:
        return rng.choice(paragraphs).rstrip("。！？")
    short = [s for s in sentences if len(s) <= MAX_SUMMARY] or [min(sentences, key=len)]
    line = rng.choice(short).rstrip("”").rstrip("。！？")
    if rng.random() < 0.3:
        line = rng.choice(("●", "■", "■ ", "◆")) + line
    return line


def _verse(clauses: list[str], rng: random.Random) -> list[str]:
    """Two lines of a verse or couplet set one per line: clauses of one length, "，" then "。"."""
    n = rng.randrange(5, 10)
    same = [c for c in rng.sample(clauses, min(len(clauses), 400)) if len(c) == n]
    if len(same) < 2:
        return []
    return [same[0] + "，", same[1] + "。"]


def page_breaks(
    passage: dict, titles: list[str], clauses: list[str], rng: random.Random, others: Sequence[str] = ()
) -> list[tuple[str, str, int, float, str]]:
    """(left, right, label, width, page) for every break of one passage laid out as a converted
    page; ``page`` is the text of that page: the passage's pieces, one a line, then ``others``
    (the texts of other passages set on the same page: a page prints several stories)."""
    paragraphs = [p.strip() for p in passage["text"].split("\n") if p.strip()]
    pieces: list[tuple[str, bool]] = []  # (text, joins the next piece)
    if passage.get("title", "").strip() and rng.random() < HEADLINE_SHARE:
        # the headline over the first paragraph, as a page without marks sets it (with a
        # column tag after it at times): the splitter asks whether a cut piece read as a
        # headline runs on, so it must know headlines that do not
        headline = passage["title"].strip()
        if rng.random() < COLUMN_TAG_SHARE:
            headline += f"（{rng.choice(COLUMN_TAGS)}）"
        pieces.append((headline, False))
    for k, paragraph in enumerate(paragraphs):
        if k > 0 and rng.random() < SUBHEAD_SHARE:
            pieces.append((_subhead(paragraphs, titles, rng), False))
        if rng.random() < VERSE_SHARE:
            pieces.extend((line, False) for line in _verse(clauses, rng))
        parts = [paragraph]
        if len(paragraph) >= MIN_CUT and rng.random() < CUT_SHARE:
            parts = _cut(paragraph, rng)
            if len(parts[-1]) >= MIN_CUT and rng.random() < 0.1:
                parts = parts[:-1] + _cut(parts[-1], rng)
        for j, part in enumerate(parts):
            pieces.append((part, j < len(parts) - 1))
    width = statistics.median(len(t) for t, _ in pieces) if pieces else 1.0
    page = "\n".join([*(t for t, _ in pieces), *others])
    return [(a, b, int(joins), width, page) for (a, joins), (b, _) in zip(pieces, pieces[1:])]


_MARKS = frozenset("，。！？；：、,;:!?")
MIN_EDGE_COUNT = 5
MIN_PARA_COUNT = 3
MIN_PAIR_COUNT = 2


def clause_edges(passages: list[dict], defaults: ClauseEdges | None = None) -> ClauseEdges:
    """Log-ratios of character pairs at clause starts / clause ends against all positions.

    ``defaults``: take the values for unseen pairs from these statistics (those counted over
    all the text, which ship): the cross-fitting folds' own would sit a little apart, and a bin
    edge between the two would send every unseen pair to another bin than in training."""
    starts: Counter = Counter()
    ends: Counter = Counter()
    anywhere: Counter = Counter()
    para_starts: Counter = Counter()
    sentence_ends: Counter = Counter()
    for passage in passages:
        for paragraph in passage["text"].split("\n"):
            paragraph = paragraph.strip()
            if len(paragraph) >= 2:
                para_starts[paragraph[:2]] += 1
            for k, ch in enumerate(paragraph):
                if ch in "。！？" and k >= 2:
                    sentence_ends[paragraph[k - 2 : k]] += 1
        for text in [passage.get("title", "")] + passage["text"].split("\n"):
            text = text.strip()
            cut = [0] + [k + 1 for k, ch in enumerate(text) if ch in _MARKS] + [len(text) + 1]
            for a, b in zip(cut, cut[1:]):
                clause = text[a : b - 1]
                if len(clause) >= 2:
                    starts[clause[:2]] += 1
                    ends[clause[-2:]] += 1
            for k in range(len(text) - 1):
                anywhere[text[k : k + 2]] += 1
    n_any = sum(anywhere.values())
    vocab = len(anywhere) + 1

    def llr(counts: Counter, min_count: int = MIN_EDGE_COUNT) -> dict[str, float]:
        total = sum(counts.values())
        return {
            g: float(np.log((n + 1) / (total + vocab)) - np.log((anywhere[g] + 1) / (n_any + vocab)))
            for g, n in sorted(counts.items())
            if n >= min_count
        }

    default = float(np.log(1 / (sum(starts.values()) + vocab)) - np.log(2 / (n_any + vocab)))
    first: Counter = Counter()
    second: Counter = Counter()
    for pair, n in anywhere.items():
        first[pair[0]] += n
        second[pair[1]] += n
    pairs = {
        g: float(np.log(n * n_any / (first[g[0]] * second[g[1]])))
        for g, n in sorted(anywhere.items())
        if n >= MIN_PAIR_COUNT and not (set(g) & _MARKS)
    }
    # an unseen pair: as if seen half a time between two characters of median frequency
    median_first = float(np.median(list(first.values())))
    median_second = float(np.median(list(second.values())))
    pair_default = float(np.log(0.5 * n_any / (median_first * median_second)))
    if defaults is not None:
        default, pair_default = defaults.default, defaults.pair_default
    return ClauseEdges(
        llr(starts), llr(ends), default, pairs, pair_default, llr(para_starts, MIN_PARA_COUNT), llr(sentence_ends, MIN_PARA_COUNT)
    )


def build_matrix(
    breaks: list[tuple], left_chars: list[str], right_chars: list[str], fold_edges: list[ClauseEdges]
) -> tuple[np.ndarray, np.ndarray]:
    """Features of every break, each from the character statistics of the folds its passage is
    not in (``fold_edges[fold]``): counted over text that includes the break itself, every pair
    across a cut would look seen and every subhead's edges familiar, which unseen pages are not."""
    words = seam_words()
    tags = word_classes()
    left_index = {ch: k for k, ch in enumerate(left_chars)}
    right_index = {ch: k for k, ch in enumerate(right_chars)}
    n_num = len(NUMERIC_FEATURES)
    X = np.zeros((len(breaks), n_num + len(left_chars) + len(right_chars)))
    y = np.zeros(len(breaks), dtype=np.int64)
    for row, (left, right, label, width, _held, fold, _asked, page) in enumerate(breaks):
        X[row, :n_num] = break_features(left, right, width=width, words=words, edges=fold_edges[fold], page=page)
        last, last_class, first, first_class = edge_tokens(left, right, tags)
        for token in (last, last_class):
            k = left_index.get(token)
            if k is not None:
                X[row, n_num + k] = 1.0
        for token in (first, first_class):
            k = right_index.get(token)
            if k is not None:
                X[row, n_num + len(left_chars) + k] = 1.0
        y[row] = label
    return X, y


def bin_edges(X: np.ndarray) -> list[list[float]]:
    """Inner edges of :data:`N_BINS` quantile bins of every numeric feature (fewer where values
    repeat; none for a feature with one value)."""
    n = len(NUMERIC_FEATURES)
    edges = []
    for i in range(n):
        if NUMERIC_FEATURES[i] in LINEAR_ONLY:
            edges.append([])
            continue
        qs = np.quantile(X[:, i], np.linspace(0.0, 1.0, N_BINS + 1)[1:-1])
        inner = sorted({float(q) for q in qs} - {float(X[:, i].min())})
        edges.append([round(e, 9) for e in inner])
    return edges


def with_bins(X: np.ndarray, edges: list[list[float]]) -> np.ndarray:
    """``X`` with a one-hot column per bin of each numeric feature after the numeric columns
    (the same bins :class:`BreakScorer` looks up with ``bisect_right``)."""
    n = len(NUMERIC_FEATURES)
    blocks = [X[:, :n]]
    for i, inner in enumerate(edges):
        if not inner:
            continue
        index = np.searchsorted(np.asarray(inner), X[:, i], side="right")
        block = np.zeros((X.shape[0], len(inner) + 1))
        block[np.arange(X.shape[0]), index] = 1.0
        blocks.append(block)
    blocks.append(X[:, n:])
    return np.hstack(blocks)


def frequent_chars(breaks: list[tuple[str, str, int, float]]) -> tuple[list[str], list[str]]:
    """The edge tokens (characters and word classes, see ``edge_tokens``) seen at least
    :data:`MIN_CHAR_COUNT` times on each side, :data:`MAX_CHARS` at most of each kind."""
    tags = word_classes()
    tokens = [edge_tokens(b[0], b[1], tags) for b in breaks]
    lefts = Counter(t[0] for t in tokens)
    rights = Counter(t[2] for t in tokens)
    left_classes = Counter(t[1] for t in tokens)
    right_classes = Counter(t[3] for t in tokens)

    def top(counts: Counter) -> list[str]:
        kept = [(n, ch) for ch, n in counts.items() if n >= MIN_CHAR_COUNT]
        return sorted(ch for _, ch in sorted(kept, key=lambda x: (-x[0], x[1]))[:MAX_CHARS])

    return top(lefts) + top(left_classes), top(rights) + top(right_classes)


def fit(X: np.ndarray, y: np.ndarray):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, max_iter=5000, random_state=SEED).fit(X, y)


def fold_of(passage: dict) -> tuple[bool, int]:
    """Whether a passage is held out for the report, and its cross-fitting fold."""
    digest = hashlib.sha256(str(passage.get("id", passage["title"])).encode()).digest()
    return digest[0] < 51, digest[1] % FOLDS


def all_breaks(passages: list[dict]) -> list[tuple[str, str, int, float, bool, int, bool, str]]:
    """Every break of the generated pages, with whether its passage is held out for the report,
    its fold, whether the model is asked (the left side does not end a sentence) and the text
    of its page."""
    rng = random.Random(SEED)
    mates_rng = random.Random(SEED + 1)  # its own stream: the layouts do not depend on it
    titles = [p["title"].strip() for p in passages if p.get("title", "").strip()]
    clauses = sorted({c for p in passages for c in re.split(r"[，。！？；：、“”\n]", p["text"]) if 5 <= len(c) <= 9})
    out = []
    for _ in range(ROUNDS):
        for k, passage in enumerate(passages):
            held, fold = fold_of(passage)
            mates = _page_mates(passages, k, mates_rng)
            for left, right, label, width, page in page_breaks(passage, titles, clauses, rng, mates):
                # a sentence end is a paragraph end: the model is not asked (kept for the counts)
                out.append((left, right, label, width, held, fold, not ends_sentence(left), page))
    return out


def _page_mates(passages: list[dict], own: int, rng: random.Random) -> list[str]:
    """The texts of passages other than ``passages[own]``, about :data:`PAGE_CHARS` characters
    in all: the rest of the page it is set on (what :func:`~newsnlp.segment.page_lookup.seam_echo`
    reads; never the passage's own uncut text, which holds every seam)."""
    texts: list[str] = []
    size = 0
    if len(passages) < 2:
        return texts  # a corpus of one passage: no other text to set beside it
    while size < PAGE_CHARS:
        k = rng.randrange(len(passages))
        if k != own:
            texts.append(passages[k]["text"])
            size += len(passages[k]["text"])
    return texts


def held_out(breaks: list, fold_edges: list[ClauseEdges]) -> tuple[np.ndarray, np.ndarray, int]:
    """Probabilities and labels of the held-out passages' breaks from a model fit on the
    others, and how many true paragraph ends those passages have (asked or not)."""
    train = [b for b in breaks if not b[4]]
    test = [b for b in breaks if b[4] and b[6]]
    left_chars, right_chars = frequent_chars(train)
    X, y = build_matrix([b for b in train if b[6]], left_chars, right_chars, fold_edges)
    edges = bin_edges(X)
    model = fit(with_bins(X, edges), y)
    Xt, yt = build_matrix(test, left_chars, right_chars, fold_edges)
    n_ends = sum(1 for b in breaks if b[4] and not b[2])
    return model.predict_proba(with_bins(Xt, edges))[:, 1], yt, n_ends


def choose_threshold(proba: np.ndarray, y: np.ndarray) -> float:
    """The threshold with the fewest wrong paragraphs (missed cuts + wrong joins) on the
    held-out generated pages, whose share of asked paragraph ends (a fifth of all true ends)
    is near that of converted newspaper pages.

    The count is flat near its bottom (within 4 % from 0.34 to 0.49), so its argmin jumps with
    any change to the training pages; the threshold is the best of the counts averaged over
    :data:`THRESHOLD_WINDOW` steps on each side, which moves only when the curve does."""
    grid = np.round(np.arange(0.05, 0.96, 0.01), 2)
    errors = []
    for threshold in grid:
        joined = proba >= threshold
        errors.append(-int((~joined[y == 1]).sum() + joined[y == 0].sum()))
    return float(grid[best_smoothed(errors, THRESHOLD_WINDOW)])


def best_smoothed(scores: list[float], window: int) -> int:
    """Index of the highest of ``scores`` averaged over ``window`` neighbours on each side (the
    first of equal ones): the middle of a flat top rather than wherever noise puts its peak."""
    smooth = [float(np.mean(scores[max(0, k - window) : k + window + 1])) for k in range(len(scores))]
    return max(range(len(scores)), key=smooth.__getitem__)


def arguments(argv: list[str] | None, description: str) -> argparse.Namespace:
    """The command line both model builds take: ``--output``, ``--check``, ``--no-report``."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--output", type=Path, default=None, help="where the model goes (default: the shipped file)")
    parser.add_argument("--check", action="store_true", help="rebuild in memory and compare with --output")
    parser.add_argument("--no-report", action="store_true")
    return parser.parse_args(argv)


def report(proba: np.ndarray, yt: np.ndarray, n_ends: int, chosen: float) -> None:
    print(f"held out: {len(yt)} breaks asked, {int(yt.sum())} cuts, {n_ends} true paragraph ends")
    print(f"{'threshold':>9} {'cuts joined':>12} {'wrong/asked':>12} {'wrong/ends':>12}")
    for threshold in sorted({0.3, 0.4, 0.5, 0.6, 0.7, chosen}):
        joined = proba >= threshold
        recall = joined[yt == 1].mean()
        wrong = joined[yt == 0].mean()
        mark = "  <- chosen" if threshold == chosen else ""
        print(f"{threshold:9.2f} {recall:12.4f} {wrong:12.4f} {joined[yt == 0].sum() / n_ends:12.4f}{mark}")


def check_or_write(data: bytes, output: Path, *, check: bool, what: str) -> int:
    """``--check``: compare ``data`` with ``output`` (exit 1 when they differ); else write it."""
    digest = hashlib.sha256(data).hexdigest()[:16]
    if check:
        same = output.exists() and output.read_bytes() == data
        print(f"rebuilt sha256 {digest}: {'identical to' if same else 'DIFFERENT from'} {output}")
        return 0 if same else 1
    output.write_bytes(data)
    print(f"{what} -> {output} sha256 {digest}")
    return 0


def npz_bytes(arrays: dict[str, np.ndarray]) -> bytes:
    """An ``.npz`` archive of ``arrays`` with fixed names, order and timestamps, so a rebuild gives the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(arrays):
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, "w") as handle:
                np.lib.format.write_array(handle, np.asarray(arrays[name]), allow_pickle=False)
    return buffer.getvalue()


def model_bytes(breaks: list, edges: ClauseEdges, fold_edges: list[ClauseEdges], threshold: float) -> bytes:
    asked = [b for b in breaks if b[6]]
    left_chars, right_chars = frequent_chars(asked)
    X, y = build_matrix(asked, left_chars, right_chars, fold_edges)
    bins = bin_edges(X)
    model = fit(with_bins(X, bins), y)
    header = {"format": FORMAT, "version": FORMAT_VERSION, "numeric": list(NUMERIC_FEATURES), "seed": SEED, "C": C}
    arrays = {
        "coef": model.coef_[0].astype(np.float64),
        "intercept": model.intercept_.astype(np.float64),
        "left_chars": np.asarray(left_chars, dtype=str),
        "right_chars": np.asarray(right_chars, dtype=str),
        "threshold": np.asarray(threshold, dtype=np.float64),
        "bin_edges": np.asarray([e for inner in bins for e in inner], dtype=np.float64),
        "bin_offsets": np.cumsum([0] + [len(inner) for inner in bins]).astype(np.int64),
        "start_grams": np.asarray(list(edges.starts), dtype=str),
        "start_llr": np.asarray(list(edges.starts.values()), dtype=np.float64),
        "end_grams": np.asarray(list(edges.ends), dtype=str),
        "end_llr": np.asarray(list(edges.ends.values()), dtype=np.float64),
        "edge_default": np.asarray(edges.default, dtype=np.float64),
        "pair_grams": np.asarray(list(edges.pairs), dtype=str),
        "pair_pmi": np.asarray(list(edges.pairs.values()), dtype=np.float32),
        "pair_default": np.asarray(edges.pair_default, dtype=np.float64),
        "para_grams": np.asarray(list(edges.para_starts), dtype=str),
        "para_llr": np.asarray(list(edges.para_starts.values()), dtype=np.float64),
        "send_grams": np.asarray(list(edges.sentence_ends), dtype=str),
        "send_llr": np.asarray(list(edges.sentence_ends.values()), dtype=np.float64),
        "header": np.asarray(json.dumps(header, ensure_ascii=False, sort_keys=True)),
    }
    return npz_bytes(arrays)


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv, __doc__.split("\n")[0])
    args.output = args.output or OUTPUT
    passages = read_passages()
    breaks = all_breaks(passages)
    edges = clause_edges(passages)  # shipped: counted over all the text
    fold_edges = [clause_edges([p for p in passages if fold_of(p)[1] != k], edges) for k in range(FOLDS)]
    proba, yt, n_ends = held_out(breaks, fold_edges)
    threshold = choose_threshold(proba, yt)
    if not args.no_report and not args.check:
        report(proba, yt, n_ends, threshold)
    data = model_bytes(breaks, edges, fold_edges, threshold)
    plain = [b for b in breaks if b[6]]
    return check_or_write(data, args.output, check=args.check,
                          what=f"{len(passages)} passages, {len(plain)} breaks ({sum(b[2] for b in plain)} cuts)")


if __name__ == "__main__":
    raise SystemExit(main())
