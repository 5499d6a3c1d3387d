"""Rebuild the default party-press topic model from the corpus written for this project.

    PYTHONPATH=src python models/build_default_model.py            # CV report + write the model
    PYTHONPATH=src python models/build_default_model.py --no-cv    # just write the model

Reads every ``models/topic_corpus/*.jsonl`` (only complete lines; ``label`` field), prints a
5-fold stratified cross-validation report (fixed seed), then fits on all passages and writes
``src/newsnlp/resources/topic_model.skops``. Everything is seeded (fold split, LinearSVC,
calibration folds), tokenization is deterministic and the saved archive carries fixed timestamps,
so with the same library versions a rebuild gives a byte-identical file (see MODEL_CARD.md).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "models" / "topic_corpus"
OUTPUT = ROOT / "src" / "newsnlp" / "resources" / "topic_model.skops"
#: The same model compiled for prediction without scikit-learn (what the pipeline loads).
COMPILED_OUTPUT = OUTPUT.with_suffix(".npz")
LABELS = ("organization", "talent", "rural", "other")

#: Parameters of the default model (chosen by cross-validation on the corpus; see the card).
PARAMS: dict[str, Any] = {
    "title_weight": 2.0,
    "word_ngram_range": (1, 2),
    "char_ngram_range": (2, 3),
    "char_max_chars": 1000,
    "min_df": 2,
    "max_features": 60_000,
    "model": "svm",
    "C": 1.0,
    "class_weight": "balanced",
    "unknown_label": "other",
    "random_state": 0,
}
#: Below this best probability the default model answers ``other``.
THRESHOLD = 0.4


def read_corpus(folder: Path = CORPUS) -> list[dict[str, Any]]:
    """Every complete JSONL record of the corpus files, sorted by file name then line."""
    records: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if not line:
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue  # a line still being written
            if record.get("label") in LABELS and (record.get("text") or record.get("title")):
                records.append(record)
    return records


def build(records: list[dict[str, Any]], *, threshold: float | None = THRESHOLD) -> Any:
    """Fit the default model on corpus records."""
    from newsnlp.classify import TopicClassifier

    clf = TopicClassifier(**PARAMS, threshold=threshold)
    return clf.fit([r.get("text", "") for r in records], [r["label"] for r in records],
                   [r.get("title", "") for r in records])


def cross_validation(records: list[dict[str, Any]], folds: int = 5) -> None:
    """Print a stratified k-fold report, with and without the threshold."""
    import numpy as np
    from sklearn.model_selection import StratifiedKFold

    from newsnlp.classify import TopicClassifier, evaluation_report
    from newsnlp.cli.train_cmd import format_report
    from newsnlp.text import Tokenizer

    tok = Tokenizer()
    texts = [r.get("text", "") for r in records]
    titles = [r.get("title", "") for r in records]
    labels = [r["label"] for r in records]
    words = [tok.words(t) for t in texts]
    title_words = [tok.words(t) for t in titles]
    proba = np.zeros((len(records), len(LABELS)))
    classes = None
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=0)
    for train, test in splitter.split(texts, labels):
        clf = TopicClassifier(**PARAMS, tokenizer=tok)

        def pick(xs: list[Any], idx: Any) -> list[Any]:
            return [xs[i] for i in idx]

        clf.fit(pick(texts, train), pick(labels, train), pick(titles, train),
                words=pick(words, train), title_words=pick(title_words, train))
        proba[test] = clf.predict_proba(pick(texts, test), pick(titles, test),
                                        words=pick(words, test), title_words=pick(title_words, test))
        classes = clf.classes_
    assert classes is not None
    for thr in (None, 0.3, THRESHOLD, 0.5, 0.6):
        predicted = [
            "other" if thr is not None and row.max() < thr else classes[row.argmax()] for row in proba
        ]
        report = evaluation_report(labels, predicted)
        if thr in (None, THRESHOLD):
            print(format_report(report, title=f"\n{folds}-fold CV on the corpus, threshold={thr}"))
        else:
            print(f"threshold={thr}: accuracy {report['accuracy']:.4f} macro-F1 {report['macro_f1']:.4f}")
    hard = [i for i, r in enumerate(records) if r.get("hard_negative")]
    if hard:
        right = sum(classes[proba[i].argmax()] == "other" for i in hard)
        print(f"hard negatives labelled other (no threshold): {right}/{len(hard)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    parser.add_argument("--no-cv", action="store_true", help="skip the cross-validation report")
    args = parser.parse_args(argv)
    records = read_corpus(args.corpus)
    counts = Counter(r["label"] for r in records)
    print(f"{len(records)} passages: " + ", ".join(f"{k} {counts[k]}" for k in LABELS))
    print(f"params: {PARAMS}, threshold={THRESHOLD}")
    if not args.no_cv:
        cross_validation(records)
    start = time.perf_counter()
    clf = build(records)
    fit_s = time.perf_counter() - start
    clf.save(args.output, metadata={
        "name": "newsnlp default party-press topic model",
        "corpus_passages": len(records),
        "corpus_counts": {k: counts[k] for k in LABELS},
        "threshold": THRESHOLD,
        "card": "models/MODEL_CARD.md",
    })
    digest = hashlib.sha256(args.output.read_bytes()).hexdigest()[:16]
    size = args.output.stat().st_size
    print(f"\nwrote {args.output} ({size / 1e6:.2f} MB, {clf.n_features_} features, "
          f"fitted in {fit_s:.1f} s, sha256 {digest}…)")
    from newsnlp.classify import CompiledTopicModel

    compiled_path = args.output.with_suffix(".npz")
    CompiledTopicModel.from_classifier(clf).save(compiled_path)
    digest = hashlib.sha256(compiled_path.read_bytes()).hexdigest()[:16]
    print(f"wrote {compiled_path} ({compiled_path.stat().st_size / 1e6:.2f} MB, sha256 {digest}…)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
