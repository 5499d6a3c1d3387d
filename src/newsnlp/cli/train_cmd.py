"""``newsnlp train``: fit a topic model on your own labels and save it as a skops file.

::

    newsnlp train --input data.jsonl --text-field text --label-field label \\
        [--title-field title] -o model.skops [--cv 5]

The input is JSONL, CSV, or tab-separated text (``.tsv``/``.txt``, as public corpora ship it);
``--no-header`` reads a file without a header line, naming fields by number (``label<TAB>text``:
``--label-field 1 --text-field 2``). See :mod:`newsnlp.training_data`. With ``--cv N`` a
stratified N-fold cross-validation report (per-class precision/recall/F1, accuracy, macro-F1) is
printed before the final model is fitted on all records, with a progress line per fold on
standard error. Records whose text and headline are both empty are skipped with a warning.

Beside ``model.skops`` (the estimator: reload it to inspect, evaluate or retrain) it writes
``model.npz``, the same model as plain arrays, which the pipeline loads without importing
scikit-learn or skops (``--no-compiled`` skips it).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from newsnlp.cli._common import warn

__all__ = ["add_parser", "cross_validate", "format_report", "load_training_data", "run"]


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "train",
        help="train a topic model on your labels (skops file out)",
        description="Train a TopicClassifier on a labelled JSONL/CSV/TSV file and save it.",
    )
    parser.add_argument("--input", required=True, metavar="F", help="labelled data: .jsonl, .csv, or tab-separated .tsv/.txt")
    parser.add_argument("--text-field", default="text", metavar="F", help="field holding the text (default: text; a number with --no-header)")
    parser.add_argument("--label-field", default="label", metavar="L", help="field holding the label (default: label; a number with --no-header)")
    parser.add_argument("--title-field", default=None, metavar="T", help="field holding the headline")
    parser.add_argument("--no-header", dest="header", action="store_false",
                        help="CSV/TSV without a header line: name fields by number, 1 = first column")
    parser.add_argument("-o", "--output", required=True, metavar="MODEL.skops", help="where to save the model")
    parser.add_argument("--force", action="store_true", help="overwrite an existing model file")
    parser.add_argument("--cv", type=int, default=None, metavar="N", help="print an N-fold cross-validation report first")
    parser.add_argument("--C", type=float, default=0.5, help="inverse regularization strength (default: 0.5)")
    parser.add_argument("--title-weight", type=float, default=2.0, metavar="W", help="headline word weight (default: 2)")
    parser.add_argument("--threshold", type=float, default=None, metavar="P", help="below this, answer --unknown-label")
    parser.add_argument("--unknown-label", default="other", metavar="L", help="label for unconfident texts (default: other)")
    parser.add_argument("--min-df", type=int, default=1, metavar="N", help="drop terms seen in fewer texts (default: 1)")
    parser.add_argument("--max-features", type=int, default=None, metavar="N", help="keep at most N terms per block")
    parser.add_argument("--no-compiled", action="store_true", help="do not also write the compiled MODEL.npz")
    return parser


def load_training_data(
    path: str, text_field: str, label_field: str, title_field: str | None = None, *, header: bool = True
) -> tuple[list[str], list[str], list[str] | None]:
    """Texts, labels and titles of a labelled table, with clear errors for bad input."""
    from newsnlp.errors import Errors, InputError
    from newsnlp.training_data import read_training_table

    fields = [text_field, label_field] + ([title_field] if title_field else [])
    options = ["--text-field", "--label-field"] + (["--title-field"] if title_field else [])
    rows = read_training_table(path, fields, header=header, options=options)
    if not rows:
        raise InputError(Errors.E034 + f" ({path} has no records)")
    texts: list[str] = []
    labels: list[str] = []
    titles: list[str] = []
    skipped = 0
    for row in rows:
        number = row.line
        label = row[label_field]
        if label is None or not str(label).strip():
            raise InputError(Errors.E036.format(line=number, path=path, field=label_field))
        text = row[text_field]
        title = row[title_field] if title_field else ""
        for name, value in ((text_field, text), (title_field, title)):
            if value is not None and not isinstance(value, str):
                raise InputError(Errors.E012.format(field=name, line=number, path=path, type=type(value).__name__))
        text, title = text or "", title or ""
        if not text.strip() and not title.strip():
            skipped += 1
            continue
        texts.append(text)
        labels.append(str(label).strip())
        titles.append(title)
    if not texts:
        raise InputError(Errors.E034 + f" (field '{text_field}' of {path})")
    if skipped:
        warn(f"newsnlp train: skipped {skipped} record(s) with empty text")
    return texts, labels, titles if title_field else None


def cross_validate(
    make: Any, texts: list[str], labels: list[str], titles: list[str] | None, folds: int, *, random_state: int = 0,
    progress: Any = None,
) -> dict[str, Any]:
    """Stratified k-fold predictions of ``make()`` models; returns :func:`evaluation_report`.

    ``progress(message)``, when given, is called after each fold (the CLI prints it on stderr).
    """
    import numpy as np
    from sklearn.model_selection import StratifiedKFold

    from newsnlp.classify import evaluation_report
    from newsnlp.errors import Errors, InputError

    counts = Counter(labels)
    label, count = min(counts.items(), key=lambda kv: (kv[1], kv[0]))
    if count < folds:
        raise InputError(Errors.E032.format(label=label, count=count, needed=folds, purpose=f"{folds}-fold cross-validation"))
    probe = make()
    tokenizer = probe.tokenizer if probe.tokenizer is not None else None
    if tokenizer is None:
        from newsnlp.text import Tokenizer

        tokenizer = Tokenizer()
    words = [tokenizer.words(t) for t in texts]
    title_words = [tokenizer.words(t) if t else [] for t in titles] if titles else None
    predicted = np.empty(len(texts), dtype=object)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=random_state)
    started = time.perf_counter()
    for fold, (train, test) in enumerate(splitter.split(np.zeros(len(labels)), labels), start=1):
        def pick(values: list[Any] | None, idx: Any) -> list[Any] | None:
            return None if values is None else [values[i] for i in idx]

        model = make().set_params(tokenizer=tokenizer)
        model.fit(pick(texts, train), pick(labels, train), pick(titles, train),
                  words=pick(words, train), title_words=pick(title_words, train))
        predicted[test] = list(
            model.predict(pick(texts, test), pick(titles, test), words=pick(words, test), title_words=pick(title_words, test))
        )
        if progress is not None:
            right = sum(predicted[i] == labels[i] for i in test)
            elapsed = time.perf_counter() - started
            left = elapsed / fold * (folds - fold)
            progress(f"fold {fold}/{folds}: trained on {len(train)}, tested on {len(test)}, "
                     f"accuracy {right / len(test):.3f} ({elapsed:.1f} s so far, about {left:.0f} s left)")
    return evaluation_report(labels, list(predicted))


def format_report(report: dict[str, Any], *, title: str = "") -> str:
    """A plain-text per-class table with accuracy and macro-F1."""
    lines = [title] if title else []
    lines.append(f"{'label':<20} {'precision':>9} {'recall':>9} {'f1':>9} {'support':>8}")
    per_class = report["report"]
    for label in report["labels"]:
        row = per_class.get(label)
        if not isinstance(row, dict):
            continue
        lines.append(
            f"{label:<20} {row['precision']:>9.3f} {row['recall']:>9.3f} {row['f1-score']:>9.3f} {int(row['support']):>8}"
        )
    lines.append(f"accuracy {report['accuracy']:.4f}   macro-F1 {report['macro_f1']:.4f}")
    return "\n".join(lines)


def check_model_outputs(args: argparse.Namespace) -> None:
    """Before training: the model files may not be the input, a device, or (without --force) existing files."""
    from newsnlp.errors import Errors, InputError
    from newsnlp.io import file_kind
    from newsnlp.outputs import check_output, is_regular_or_new, make_parent

    targets = [args.output] + ([] if args.no_compiled else [str(compiled_path(args.output))])
    for target in targets:
        check_output(target, [args.input], force=args.force)
        if not is_regular_or_new(target):
            kind = file_kind(Path(target).stat().st_mode)
            raise InputError(Errors.E069.format(what="newsnlp train", path=target, kind=kind))
        make_parent(target)


def compiled_path(model_path: str | Path) -> Path:
    """Where ``newsnlp train`` writes the compiled form of ``model.skops``: ``model.npz``."""
    return Path(model_path).with_suffix(".npz")


def run(args: argparse.Namespace) -> int:
    from newsnlp.classify import TopicClassifier
    from newsnlp.errors import Errors, InputError

    if Path(args.output).suffix == ".npz":
        raise InputError(Errors.E038.format(path=args.output))
    check_model_outputs(args)
    texts, labels, titles = load_training_data(
        args.input, args.text_field, args.label_field, args.title_field, header=args.header
    )

    def make() -> TopicClassifier:
        return TopicClassifier(
            C=args.C, title_weight=args.title_weight, threshold=args.threshold,
            unknown_label=args.unknown_label, min_df=args.min_df, max_features=args.max_features,
        )

    counts = Counter(labels)
    print(f"{len(texts)} texts, {len(counts)} labels: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    if args.cv is not None:
        if args.cv < 2:
            raise InputError(Errors.E037.format(cv=args.cv))
        start = time.perf_counter()
        report = cross_validate(make, texts, labels, titles, args.cv, progress=lambda m: warn(f"newsnlp train: {m}"))
        print(format_report(report, title=f"{args.cv}-fold stratified cross-validation ({time.perf_counter() - start:.1f} s)"))
    start = time.perf_counter()
    model = make().fit(texts, labels, titles)
    path = model.save(args.output, metadata={"trained_on": str(args.input), "n_texts": len(texts)})
    print(f"saved {path} ({len(model.classes_)} labels, {model.n_features_} features, "
          f"fitted in {time.perf_counter() - start:.1f} s)")
    if not args.no_compiled:
        compiled = model.compile().save(compiled_path(path))
        print(f"saved {compiled}, its compiled form: the pipeline starts faster with "
              f"--classifier {compiled} (same probabilities; it cannot be retrained)")
    sys.stdout.flush()
    return 0
