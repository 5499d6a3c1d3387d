"""Retrain the topic classifier on your own labels and use it in the pipeline.

Run it as written (it trains on ``examples/my_labels.csv``, a small CSV written for this example):

    python examples/train_new_labels.py       # -> $TMPDIR/newsnlp-examples/my_model.skops and .npz
    python examples/train_new_labels.py DATA.csv MODEL.skops --text-field text --label-field label

The same from the command line:
``newsnlp train --input DATA.csv --text-field text --label-field label --title-field title -o MODEL.skops --cv 3``
(which also writes the compiled ``MODEL.npz``) and then ``newsnlp run PAGES_DIR --classifier MODEL.npz``.

``MODEL.skops`` is the estimator (reload it to evaluate or retrain); ``MODEL.npz`` is the same
model as plain arrays, which the pipeline loads without importing scikit-learn, so it starts
faster (the probabilities agree to 1e-9).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import newsnlp
from newsnlp.classify import TopicClassifier
from newsnlp.io import read_table

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description="Train a topic model on your labels and use it.")
    parser.add_argument("data", nargs="?", type=Path, default=HERE / "my_labels.csv")
    # by default into a temporary folder, never into your working copy
    default_model = Path(tempfile.gettempdir()) / "newsnlp-examples" / "my_model.skops"
    parser.add_argument("model", nargs="?", type=Path, default=default_model)
    parser.add_argument("--text-field", default="text")
    parser.add_argument("--label-field", default="label")
    parser.add_argument("--title-field", default="title")
    args = parser.parse_args()

    rows = read_table(args.data, fields=[args.text_field, args.label_field])
    texts = [row[args.text_field] for row in rows]
    labels = [row[args.label_field] for row in rows]
    titles = [row.get(args.title_field) or "" for row in rows]

    classifier = TopicClassifier().fit(texts, labels, titles)
    args.model.parent.mkdir(parents=True, exist_ok=True)
    path = classifier.save(args.model)
    compiled = classifier.compile().save(args.model.with_suffix(".npz"))
    report = classifier.evaluate(texts, labels, titles)
    print(f"trained on {len(rows)} texts, labels {sorted(set(labels))}; training accuracy {report['accuracy']:.2f}")
    print(f"saved {path} and its compiled form {compiled}")

    # The new model inside the whole pipeline: every article gets one of your labels.
    nlp = newsnlp.load(classifier=str(compiled))
    issue = nlp((HERE / "sample_issue.md").read_text(encoding="utf-8"))
    for article in issue.articles:
        print(f"{article.topic:<10} {article.topic_scores[article.topic]:.2f}  {article.title}")


if __name__ == "__main__":
    main()
