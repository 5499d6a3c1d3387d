"""How far the TF-IDF + linear family goes on the two THUCNews new-label tasks.

    PYTHONPATH=src python benchmarks/classify_ceiling.py [--data ../shared/data] [--tasks cnews,titles]

classify_eval.py measures the estimator as a user gets it. This script sweeps the settings a
user could reasonably change (C, min_df, character n-gram range, logistic regression instead of
the calibrated LinearSVC) and prints one accuracy per setting, so the best this model family
reaches on these data is on record, measured the same honest way:

* cnews_1000: 5-fold stratified CV (shuffle, seed 0); the whole estimator, vocabulary and IDF
  included, is fitted on the training folds only.
* headlines: fitted on dev, scored on test.

It also prints where the errors of the default settings fall (gold → predicted pairs), which is
where the remaining distance to a target lies. No text is printed.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from classify_eval import DATA, load_task  # noqa: E402

#: The settings swept; the first is the estimator's defaults.
SETTINGS: list[dict[str, Any]] = [
    {},
    {"C": 1.0},
    {"C": 3.0},
    {"min_df": 2, "C": 1.0},
    {"min_df": 2, "C": 3.0},
    {"min_df": 2, "C": 1.0, "char_ngram_range": (1, 3)},
    {"model": "logreg", "C": 10.0},
]


def _predict_cv(texts: list[str], labels: list[str], words: list[list[str]], params: dict[str, Any], tokenizer: Any) -> list[str]:
    import numpy as np
    from sklearn.model_selection import StratifiedKFold

    from newsnlp.classify import TopicClassifier

    predicted = np.empty(len(texts), dtype=object)
    for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(texts, labels):
        model = TopicClassifier(tokenizer=tokenizer, **params)
        model.fit([texts[i] for i in train], [labels[i] for i in train], words=[words[i] for i in train])
        predicted[test] = list(model.predict([texts[i] for i in test], words=[words[i] for i in test]))
    return list(predicted)


def _class_names(task: str, data: Path) -> dict[str, str]:
    """The headline set's labels are numbers; class.txt names them."""
    path = data / "thucnews_titles_10class" / "class.txt"
    if task != "titles" or not path.exists():
        return {}
    return {str(i): name.strip() for i, name in enumerate(path.read_text(encoding="utf-8").split())}


def sweep(task: str, data: Path) -> None:
    from newsnlp.classify import TopicClassifier
    from newsnlp.text import Tokenizer

    tokenizer = Tokenizer()
    d = load_task(task, data)
    print(f"\n## {task}")
    print(f"{'setting':<58} {'accuracy':>8} {'seconds':>8}")
    default_errors: Counter[tuple[str, str]] = Counter()
    for params in SETTINGS:
        start = time.perf_counter()
        if "train" in d:
            (xt, yt), (xe, ye) = d["train"], d["test"]
            model = TopicClassifier(tokenizer=tokenizer, **params)
            model.fit(xt, yt, words=[tokenizer.words(x) for x in xt])
            predicted, gold = list(model.predict(xe, words=[tokenizer.words(x) for x in xe])), ye
        else:
            gold = d["labels"]
            words = [tokenizer.words(x) for x in d["texts"]]
            predicted = _predict_cv(d["texts"], gold, words, params, tokenizer)
        accuracy = sum(g == p for g, p in zip(gold, predicted)) / len(gold)
        print(f"{str(params or 'defaults'):<58} {accuracy:>8.4f} {time.perf_counter() - start:>8.1f}", flush=True)
        if not params:
            default_errors = Counter((g, p) for g, p in zip(gold, predicted) if g != p)
    total = sum(default_errors.values())
    names = _class_names(task, data)
    pairs = ", ".join(f"{names.get(g, g)}→{names.get(p, p)} {n}" for (g, p), n in default_errors.most_common(8))
    print(f"defaults: {total} errors of {len(gold)}; most frequent gold→predicted: {pairs}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--tasks", default="cnews,titles")
    args = parser.parse_args(argv)
    if not (args.data / "thucnews_titles_10class").is_dir():
        print(f"skipped: {args.data} has no THUCNews data")
        return 0
    for task in filter(None, args.tasks.split(",")):
        sweep(task, args.data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
