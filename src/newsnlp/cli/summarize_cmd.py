"""``newsnlp summarize``: a summary and keywords for every input article, one JSONL record each.

Each input text is an article body (paragraphs separated by newlines); ``--title-field`` names
the headline field of a JSONL/CSV record. Records come out in input order, one per input::

    {"id": ..., "summary": "...", "sentences": [{"index": 0, "text": "...", "score": 0.9}],
     "keywords": [["word", 0.12], ...]}

or ``{"id": ..., "error": "..."}`` for an input that could not be read. An empty article gets
an empty summary, not an error.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from newsnlp.cli._common import (
    add_input_options,
    add_output_option,
    documents_from_args,
    dumps_record,
    open_output,
    warn,
)

if TYPE_CHECKING:
    from newsnlp.document import Analysis, Article
    from newsnlp.io import Document
    from newsnlp.summarize import BaseSummarizer

__all__ = ["add_parser", "run", "summarize_documents"]

_CHUNK = 64


def _budget(value: str) -> int | str | None:
    text = value.strip().lower()
    if text in ("none", "0", ""):
        return None
    if text.isdigit():
        return int(text)
    if text.endswith("%"):
        return text
    raise argparse.ArgumentTypeError(f"expected a number of characters, 'N%' or 'none', got {value!r}")


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "summarize",
        help="summary and keywords of each article (JSONL out)",
        description="Write a summary and keywords for every input article, one JSONL record each, in input order.",
    )
    add_input_options(parser)
    parser.add_argument("--title-field", default=None, metavar="T", help="field holding the headline (JSONL/CSV input)")
    parser.add_argument(
        "--max-chars",
        type=_budget,
        default=150,
        metavar="N",
        help="summary budget in characters, or 'N%%' of the article (default: 150; 'none': no limit)",
    )
    parser.add_argument(
        "--max-sentences", type=_budget, default=None, metavar="N", help="summary budget in sentences, or 'N%%'"
    )
    parser.add_argument(
        "--method",
        choices=("extractive", "lead", "transformer"),
        default="extractive",
        help="summarizer (default: extractive)",
    )
    parser.add_argument(
        "--model", default=None, metavar="M", help="transformer: local folder or Hugging Face model name"
    )
    parser.add_argument(
        "--strategy",
        choices=("lead", "truncate", "chunk"),
        default="lead",
        help="transformer: what to do with input longer than the model's window (default: lead)",
    )
    parser.add_argument("--device", default="auto", help="transformer: auto, cpu, cuda, cuda:1 … (default: auto)")
    parser.add_argument(
        "--batch-size", type=int, default=8, metavar="N", help="transformer: articles per batch (default: 8)"
    )
    parser.add_argument(
        "--keywords", choices=("tfidf", "textrank"), default="tfidf", help="keyword method (default: tfidf)"
    )
    parser.add_argument(
        "--top-k-keywords", type=int, default=10, metavar="K", help="keywords per article (default: 10; 0: none)"
    )
    add_output_option(parser)
    return parser


def _make_summarizer(args: argparse.Namespace, tokenizer: Any) -> BaseSummarizer:
    from newsnlp.errors import ConfigError, Errors
    from newsnlp.summarize import make_summarizer

    budget = {"max_chars": args.max_chars, "max_sentences": args.max_sentences}
    if args.method == "transformer":
        if not args.model:
            raise ConfigError(
                Errors.E055.format(
                    name="--model", value=None, expected="--method transformer needs --model PATH_OR_NAME"
                )
            )
        return make_summarizer(
            "transformer",
            model=args.model,
            device=args.device,
            strategy=args.strategy,
            batch_size=args.batch_size,
            tokenizer=tokenizer,
            **budget,
        )
    return make_summarizer(args.method, tokenizer=tokenizer, **budget)


def _article(doc: Document, title_field: str | None) -> Article:
    from newsnlp.summarize._base import as_article

    title = doc.context.get(title_field) if title_field else None
    return as_article(doc.text or "", title=title if isinstance(title, str) else "")


def summarize_documents(
    docs: Iterator[Document],
    summarizer: BaseSummarizer,
    keywords: Any,
    *,
    tokenizer: Any,
    title_field: str | None = None,
    top_k: int = 10,
) -> Iterator[dict[str, Any]]:
    """One record per document, in order; a failing document gives an ``error`` record."""
    from newsnlp.errors import ConfigError, Errors, MissingDependencyError, ModelFileError
    from newsnlp.summarize import keyword_words
    from newsnlp.text import analyze_article

    def chunks() -> Iterator[list[Document]]:
        batch: list[Document] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= _CHUNK:
                yield batch
                batch = []
        if batch:
            yield batch

    for batch in chunks():
        ready: list[tuple[int, Article, Analysis]] = []
        records: list[dict[str, Any]] = []
        for doc in batch:
            if doc.error is not None and doc.error != Errors.E006:
                records.append({"id": doc.id, "error": doc.error})
                continue
            try:
                article = _article(doc, title_field)
                analysis = analyze_article(article, tokenizer)
            except Exception as exc:  # one bad document never stops the batch
                records.append({"id": doc.id, "error": f"{type(exc).__name__}: {exc}"})
                continue
            records.append({"id": doc.id, **({"notes": doc.notes} if doc.notes else {})})
            ready.append((len(records) - 1, article, analysis))
        try:
            results = summarizer.summarize_articles([a for _, a, _ in ready], [x for _, _, x in ready])
        except (ConfigError, MissingDependencyError, ModelFileError):
            raise  # the whole run is misconfigured: one clear message, exit code 2
        except Exception:
            results = None  # find the culprit: retry one by one below
        for k, (slot, article, analysis) in enumerate(ready):
            record = records[slot]
            try:
                chosen = results[k] if results is not None else summarizer.summarize_article(article, analysis)
                words = keywords.extract(keyword_words(analysis), top_k) if top_k > 0 else []
            except Exception as exc:
                record["error"] = f"{type(exc).__name__}: {exc}"
                continue
            record["summary"] = "".join(s.text for s in chosen)
            record["sentences"] = [s.to_dict() for s in chosen]
            record["keywords"] = [[word, round(float(weight), 6)] for word, weight in words]
        yield from records


def run(args: argparse.Namespace) -> int:
    from newsnlp.summarize import TextRankKeywords, TfidfKeywords
    from newsnlp.text import Tokenizer

    tokenizer = Tokenizer()
    summarizer = _make_summarizer(args, tokenizer)
    keywords = TextRankKeywords() if args.keywords == "textrank" else TfidfKeywords()
    title_field = args.title_field
    docs = documents_from_args(args, context_fields=(title_field,) if title_field else ())
    failed = 0
    with open_output(args.output, args) as out:
        for record in summarize_documents(
            docs, summarizer, keywords, tokenizer=tokenizer, title_field=title_field, top_k=args.top_k_keywords
        ):
            if "error" in record:
                failed += 1
                warn(f"newsnlp summarize: {record['id']}: {record['error']}")
            out.write(dumps_record(record))
    return 1 if failed else 0
