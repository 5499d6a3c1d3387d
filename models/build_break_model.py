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
  some numbered: 一、 （二） 3.), which ends without a full stop and must not be
  joined.

Every pair of neighbouring pieces whose left side does not end a sentence is a training break
(a sentence end is a paragraph end, and the model is not asked), labelled join when a cut made it.
Passages are split 80/20 by a hash of their id for the held-out report; the shipped model is fit
on all of them. Everything is seeded and the archive has fixed timestamps, so a rebuild gives
the same bytes (``--check``).
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
    seam_words,
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
MIN_CHAR_COUNT = 30
MAX_CHARS = 400
C = 1.0
THRESHOLD = 0.5
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
    ("平安联创，不断完善防控体系", "压实责任链 提升党建质效"), without a full stop."""
    clauses = [c for c in re.split(r"[，。！？；：]", rng.choice(paragraphs)) if 3 <= len(c) <= 20]
    shape = rng.randrange(3)
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


def page_breaks(passage: dict, titles: list[str], rng: random.Random) -> list[tuple[str, str, int, float]]:
    """(left, right, label, width) for every break of one passage laid out as a converted page."""
    paragraphs = [p.strip() for p in passage["text"].split("\n") if p.strip()]
    pieces: list[tuple[str, bool]] = []  # (text, joins the next piece)
    for k, paragraph in enumerate(paragraphs):
        if k > 0 and rng.random() < SUBHEAD_SHARE:
            pieces.append((_subhead(paragraphs, titles, rng), False))
        parts = [paragraph]
        if len(paragraph) >= MIN_CUT and rng.random() < CUT_SHARE:
            parts = _cut(paragraph, rng)
            if len(parts[-1]) >= MIN_CUT and rng.random() < 0.1:
                parts = parts[:-1] + _cut(parts[-1], rng)
        for j, part in enumerate(parts):
            pieces.append((part, j < len(parts) - 1))
    width = statistics.median(len(t) for t, _ in pieces) if pieces else 1.0
    return [(a, b, int(joins), width) for (a, joins), (b, _) in zip(pieces, pieces[1:])]


_MARKS = frozenset("，。！？；：、,;:!?")
MIN_EDGE_COUNT = 5
MIN_PAIR_COUNT = 2


def clause_edges(passages: list[dict]) -> ClauseEdges:
    """Log-ratios of character pairs at clause starts / clause ends against all positions."""
    starts: Counter = Counter()
    ends: Counter = Counter()
    anywhere: Counter = Counter()
    for passage in passages:
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

    def llr(counts: Counter) -> dict[str, float]:
        total = sum(counts.values())
        return {
            g: float(np.log((n + 1) / (total + vocab)) - np.log((anywhere[g] + 1) / (n_any + vocab)))
            for g, n in sorted(counts.items())
            if n >= MIN_EDGE_COUNT
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
    return ClauseEdges(llr(starts), llr(ends), default, pairs, pair_default)


def build_matrix(
    breaks: list[tuple[str, str, int, float]], left_chars: list[str], right_chars: list[str], edges: ClauseEdges
) -> tuple[np.ndarray, np.ndarray]:
    words = seam_words()
    left_index = {ch: k for k, ch in enumerate(left_chars)}
    right_index = {ch: k for k, ch in enumerate(right_chars)}
    n_num = len(NUMERIC_FEATURES)
    X = np.zeros((len(breaks), n_num + len(left_chars) + len(right_chars)))
    y = np.zeros(len(breaks), dtype=np.int64)
    for row, (left, right, label, width) in enumerate(breaks):
        X[row, :n_num] = break_features(left, right, width=width, words=words, edges=edges)
        k = left_index.get(left.rstrip()[-1])
        if k is not None:
            X[row, n_num + k] = 1.0
        k = right_index.get(right.lstrip()[0])
        if k is not None:
            X[row, n_num + len(left_chars) + k] = 1.0
        y[row] = label
    return X, y


def frequent_chars(breaks: list[tuple[str, str, int, float]]) -> tuple[list[str], list[str]]:
    lefts = Counter(b[0].rstrip()[-1] for b in breaks)
    rights = Counter(b[1].lstrip()[0] for b in breaks)

    def top(counts: Counter) -> list[str]:
        kept = [(n, ch) for ch, n in counts.items() if n >= MIN_CHAR_COUNT]
        return sorted(ch for _, ch in sorted(kept, key=lambda x: (-x[0], x[1]))[:MAX_CHARS])

    return top(lefts), top(rights)


def fit(X: np.ndarray, y: np.ndarray):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, max_iter=5000, random_state=SEED).fit(X, y)


def all_breaks(passages: list[dict]) -> list[tuple[str, str, int, float, bool]]:
    """Every training break, with whether its passage is held out for the report."""
    rng = random.Random(SEED)
    titles = [p["title"].strip() for p in passages if p.get("title", "").strip()]
    out = []
    for passage in passages:
        held = hashlib.sha256(str(passage.get("id", passage["title"])).encode()).digest()[0] < 51
        for left, right, label, width in page_breaks(passage, titles, rng):
            if not ends_sentence(left):  # a sentence end is a paragraph end: the model is not asked
                out.append((left, right, label, width, held))
    return out


def report(train: list, test: list, edges: ClauseEdges) -> None:
    left_chars, right_chars = frequent_chars(train)
    X, y = build_matrix(train, left_chars, right_chars, edges)
    model = fit(X, y)
    Xt, yt = build_matrix(test, left_chars, right_chars, edges)
    proba = model.predict_proba(Xt)[:, 1]
    print(f"held out: {len(test)} breaks, {int(yt.sum())} cuts")
    print(f"{'threshold':>9} {'cuts joined':>12} {'wrong joins':>12}")
    for threshold in (0.3, 0.4, 0.5, 0.6, 0.7):
        joined = proba >= threshold
        recall = joined[yt == 1].mean()
        wrong = joined[yt == 0].mean()
        print(f"{threshold:9.1f} {recall:12.4f} {wrong:12.4f}")


def model_bytes(breaks: list, edges: ClauseEdges) -> bytes:
    left_chars, right_chars = frequent_chars(breaks)
    X, y = build_matrix(breaks, left_chars, right_chars, edges)
    model = fit(X, y)
    header = {"format": FORMAT, "version": FORMAT_VERSION, "numeric": list(NUMERIC_FEATURES), "seed": SEED, "C": C}
    arrays = {
        "coef": model.coef_[0].astype(np.float64),
        "intercept": model.intercept_.astype(np.float64),
        "left_chars": np.asarray(left_chars, dtype=str),
        "right_chars": np.asarray(right_chars, dtype=str),
        "threshold": np.asarray(THRESHOLD, dtype=np.float64),
        "start_grams": np.asarray(list(edges.starts), dtype=str),
        "start_llr": np.asarray(list(edges.starts.values()), dtype=np.float64),
        "end_grams": np.asarray(list(edges.ends), dtype=str),
        "end_llr": np.asarray(list(edges.ends.values()), dtype=np.float64),
        "edge_default": np.asarray(edges.default, dtype=np.float64),
        "pair_grams": np.asarray(list(edges.pairs), dtype=str),
        "pair_pmi": np.asarray(list(edges.pairs.values()), dtype=np.float32),
        "pair_default": np.asarray(edges.pair_default, dtype=np.float64),
        "header": np.asarray(json.dumps(header, ensure_ascii=False, sort_keys=True)),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(arrays):
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, "w") as handle:
                np.lib.format.write_array(handle, np.asarray(arrays[name]), allow_pickle=False)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true", help="rebuild in memory and compare with --output")
    parser.add_argument("--no-report", action="store_true")
    args = parser.parse_args(argv)
    passages = read_passages()
    breaks = all_breaks(passages)
    plain = [b[:4] for b in breaks]
    edges = clause_edges(passages)
    if not args.no_report and not args.check:
        report([b[:4] for b in breaks if not b[4]], [b[:4] for b in breaks if b[4]], edges)
    data = model_bytes(plain, edges)
    digest = hashlib.sha256(data).hexdigest()[:16]
    if args.check:
        same = args.output.exists() and args.output.read_bytes() == data
        print(f"rebuilt sha256 {digest}: {'identical to' if same else 'DIFFERENT from'} {args.output}")
        return 0 if same else 1
    args.output.write_bytes(data)
    print(f"{len(passages)} passages, {len(plain)} breaks ({sum(b[2] for b in plain)} cuts) -> {args.output} sha256 {digest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
