"""``newsnlp classify``: a topic label and scores for every input text, one JSONL record each.

Records come out in input order, one per input::

    {"id": ..., "label": "rural", "score": 0.91, "scores": {"organization": 0.03, ...}}

``--multi-label`` adds ``labels`` (every label over the multi-label threshold), ``--top-k K``
adds ``top_k`` ([[label, score], ...]). An input that cannot be read, or is empty with no
headline, gives ``{"id": ..., "error": "..."}``. Without ``--classifier`` the shipped party-press
model (organization, talent, rural, other) is used. (``--classifier`` is the name ``newsnlp run``
uses; the old ``--model`` still works, with a deprecation note.)
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from newsnlp.cli._common import add_input_options, add_output_option, documents_from_args, dumps_record, open_output
from newsnlp.cli._options import add_deprecated_alias, add_keep_fields_option, keep_fields

if TYPE_CHECKING:
    from newsnlp.classify import TopicClassifier
    from newsnlp.io import Document

__all__ = ["add_parser", "classify_documents", "run"]

_CHUNK = 256


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "classify",
        help="topic label and scores of each text (JSONL out)",
        description="Label every input text with a topic; one JSONL record per input, in input order.",
    )
    add_input_options(parser)
    parser.add_argument("--title-field", default=None, metavar="T", help="field holding the headline (JSONL/CSV input)")
    parser.add_argument("--classifier", default=None, metavar="PATH", help="a model from `newsnlp train` (default: the shipped model)")
    add_deprecated_alias(parser, "--model", "--classifier", "classifier", metavar="PATH")
    parser.add_argument(
        "--threshold", type=float, default=None, metavar="P",
        help="below this best probability the label is the model's unknown label (default: the model's own)",
    )
    parser.add_argument("--top-k", type=int, default=0, metavar="K", help="also list the K best labels with scores")
    parser.add_argument("--multi-label", action="store_true", help="also list every label over the multi-label threshold")
    parser.add_argument("--trust-pickle", action="store_true", help="allow loading a pickle model (only files you made)")
    add_keep_fields_option(parser)
    add_output_option(parser)
    return parser


def _chunks(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def classify_documents(
    docs: Iterable[Document],
    classifier: TopicClassifier,
    *,
    title_field: str | None = None,
    top_k: int = 0,
    multi_label: bool = False,
    context_fields: tuple[str, ...] = (),
) -> Iterator[dict[str, Any]]:
    """One record per document, in input order; unreadable or empty documents give ``error``."""
    from newsnlp.errors import Errors
    from newsnlp.segment.wrapping import text_paragraphs

    classes = [str(c) for c in classifier.classes_]
    for batch in _chunks(docs, _CHUNK):
        records: list[dict[str, Any]] = []
        ready: list[tuple[int, str, str]] = []
        for doc in batch:
            title = doc.context.get(title_field) if title_field else None
            title = title if isinstance(title, str) else ""
            if doc.error is not None and not (doc.error == Errors.E006 and title.strip()):
                records.append({"id": doc.id, "error": doc.error})
                continue
            records.append({"id": doc.id, **({"notes": doc.notes} if doc.notes else {})})
            # Hard-wrapped text (a break at every printed line) would cut words at each break.
            ready.append((len(records) - 1, "\n".join(text_paragraphs(doc.text or "")), title))
        if ready:
            proba = classifier.predict_proba([t for _, t, _ in ready], [h for _, _, h in ready])
            labels = classifier._labels_from_proba(proba)
            ml = classifier.multi_label
            for (slot, _, _), row, label in zip(ready, proba, labels):
                record = records[slot]
                best = int(row.argmax())
                main = label[0] if ml else label
                record["label"] = str(main)
                record["score"] = round(float(row[best]), 6)
                record["scores"] = {c: round(float(p), 6) for c, p in zip(classes, row)}
                if multi_label:
                    record["labels"] = [str(x) for x in label] if ml else [str(label)]
                if top_k > 0:
                    order = row.argsort()[::-1][:top_k]
                    record["top_k"] = [[classes[i], round(float(row[i]), 6)] for i in order]
        if context_fields:
            for doc, record in zip(batch, records, strict=True):
                record["context"] = {name: doc.context.get(name) for name in context_fields}
        yield from records


def run(args: argparse.Namespace) -> int:
    from newsnlp.classify import load_classifier, load_default_classifier

    if args.classifier:
        classifier = load_classifier(args.classifier, trust_pickle=args.trust_pickle)
    else:
        classifier = load_default_classifier(compiled=True)  # same answers, no scikit-learn import
    params: dict[str, Any] = {}
    if args.threshold is not None:
        params["threshold"] = args.threshold
    if args.multi_label:
        params["multi_label"] = True
    if params:
        classifier.set_params(**params)
        if hasattr(classifier, "_validate_params"):
            classifier._validate_params()
    title_field = args.title_field
    kept = keep_fields(args)
    docs = documents_from_args(args, context_fields=tuple(dict.fromkeys(((title_field,) if title_field else ()) + kept)))
    failed = 0
    with open_output(args.output, args) as out:
        for record in classify_documents(
            docs, classifier, title_field=title_field, top_k=args.top_k, multi_label=args.multi_label,
            context_fields=kept,
        ):
            failed += "error" in record
            out.write(dumps_record(record))
    return 1 if failed else 0
