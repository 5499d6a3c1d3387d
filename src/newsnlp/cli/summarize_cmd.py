"""``newsnlp summarize``: a summary and keywords for every input article, one JSONL record each.

An input text is an article (paragraphs separated by newlines; ``--title-field`` names the
headline field of a JSONL/CSV record) or a whole page. A text in which the page splitter finds
two or more articles, the first with a headline, is a page, unless ``--title-field`` is given
(records with a headline field are articles); ``--page`` says every input is a page,
``--article`` that none is. A page is split and repaired first and gets one summary per article. Records come out in input
order, one per input::

    {"id": ..., "summary": "...", "summary_sentences": [{"index": 0, "text": "...", "score": 0.9}],
     "keywords": [["word", 0.12], ...]}
    {"id": ..., "articles": [{"title": ..., "start": 0, "end": 420, "summary": ...,
                              "summary_sentences": [...], "keywords": [...]}, ...]}    # a page

or ``{"id": ..., "error": "..."}`` for an input that could not be read. An empty article gets
an empty summary, not an error. (``summary_sentences`` was called ``sentences`` before 0.2: the
name ``newsnlp run`` uses is now used everywhere.)
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
from newsnlp.cli._options import add_deprecated_alias, add_keep_fields_option, keep_fields

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
    kind = parser.add_mutually_exclusive_group()
    kind.add_argument("--page", dest="kind", action="store_const", const="page", default="auto",
                      help="every input is a page: split it and summarize each article (default: detected)")
    kind.add_argument("--article", dest="kind", action="store_const", const="article",
                      help="every input is one article, never split")
    summarizers = ("extractive", "lead", "transformer")
    parser.add_argument("--summarizer", choices=summarizers, default="extractive", help="summarizer (default: extractive)")
    add_deprecated_alias(parser, "--method", "--summarizer", "summarizer", choices=summarizers)
    parser.add_argument(
        "--transformer-model", default=None, metavar="M", help="transformer: local folder or Hugging Face model name"
    )
    add_deprecated_alias(parser, "--model", "--transformer-model", "transformer_model", metavar="M")
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
        "--keywords-top-k", type=int, default=10, metavar="K", help="keywords per article (default: 10; 0: none)"
    )
    add_deprecated_alias(parser, "--top-k-keywords", "--keywords-top-k", "keywords_top_k", type=int, metavar="K")
    add_keep_fields_option(parser)
    add_output_option(parser)
    return parser


def _make_summarizer(args: argparse.Namespace, tokenizer: Any) -> BaseSummarizer:
    from newsnlp.errors import ConfigError, Errors
    from newsnlp.summarize import make_summarizer

    budget = {"max_chars": args.max_chars, "max_sentences": args.max_sentences}
    if args.summarizer == "transformer":
        if not args.transformer_model:
            raise ConfigError(
                Errors.E055.format(
                    name="--transformer-model", value=None,
                    expected="--summarizer transformer needs --transformer-model PATH_OR_NAME",
                )
            )
        return make_summarizer(
            "transformer",
            model=args.transformer_model,
            device=args.device,
            strategy=args.strategy,
            batch_size=args.batch_size,
            tokenizer=tokenizer,
            **budget,
        )
    return make_summarizer(args.summarizer, tokenizer=tokenizer, **budget)


def _article(doc: Document, title_field: str | None) -> Article:
    from newsnlp.summarize._base import as_article

    title = doc.context.get(title_field) if title_field else None
    return as_article(doc.text or "", title=title if isinstance(title, str) else "")


def _page_articles(doc: Document, kind: str, splitter: Any) -> list[Article] | None:
    """The articles of ``doc`` when it is a page (``kind`` "page", or "auto" and it looks like
    one: :func:`newsnlp.quick.looks_like_page`), else ``None``: it is summarized as one article."""
    from newsnlp.quick import looks_like_page

    if kind == "article" or splitter is None or not (doc.text or "").strip():
        return None
    found = splitter.split(doc.text).articles
    return found if kind == "page" or looks_like_page(found) else None


def summarize_documents(
    docs: Iterator[Document],
    summarizer: BaseSummarizer,
    keywords: Any,
    *,
    tokenizer: Any,
    title_field: str | None = None,
    top_k: int = 10,
    kind: str = "auto",
    splitter: Any = None,
    context_fields: tuple[str, ...] = (),
) -> Iterator[dict[str, Any]]:
    """One record per document, in order; a failing document gives an ``error`` record.

    With a ``splitter`` (a :class:`~newsnlp.segment.PageSplitter`), a page (see
    :func:`_page_articles`) gets ``articles``: one summary and keyword list per article.
    """
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
        # (record, where the results go: the record itself or one of its page articles, article, analysis)
        ready: list[tuple[dict[str, Any], dict[str, Any], Article, Analysis]] = []
        records: list[dict[str, Any]] = []
        for doc in batch:
            record: dict[str, Any] = {"id": doc.id, **({"notes": doc.notes} if doc.notes else {})}
            records.append(record)
            if doc.error is not None and doc.error != Errors.E006:
                record["error"] = doc.error
                continue
            try:
                page = _page_articles(doc, kind, splitter)
                if page is None:
                    article = _article(doc, title_field)
                    ready.append((record, record, article, analyze_article(article, tokenizer)))
                else:
                    record["articles"] = []
                    for article in page:
                        slot = {"title": article.title, "start": article.start, "end": article.end}
                        record["articles"].append(slot)
                        ready.append((record, slot, article, analyze_article(article, tokenizer)))
            except Exception as exc:  # one bad document never stops the batch
                record.clear()
                record.update({"id": doc.id, "error": f"{type(exc).__name__}: {exc}"})
                ready = [item for item in ready if item[0] is not record]
                continue
        try:
            results = summarizer.summarize_articles([a for _, _, a, _ in ready], [x for _, _, _, x in ready])
        except (ConfigError, MissingDependencyError, ModelFileError):
            raise  # the whole run is misconfigured: one clear message, exit code 2
        except Exception:
            results = None  # find the culprit: retry one by one below
        for k, (record, slot, article, analysis) in enumerate(ready):
            if "error" in record:
                continue
            try:
                chosen = results[k] if results is not None else summarizer.summarize_article(article, analysis)
                words = keywords.extract(keyword_words(analysis), top_k) if top_k > 0 else []
            except Exception as exc:
                record.pop("articles", None)
                record["error"] = f"{type(exc).__name__}: {exc}"
                continue
            slot["summary"] = "".join(s.text for s in chosen)
            slot["summary_sentences"] = [s.to_dict() for s in chosen]
            slot["keywords"] = [[word, round(float(weight), 6)] for word, weight in words]
        for doc, record in zip(batch, records, strict=True):
            if context_fields:
                record["context"] = {name: doc.context.get(name) for name in context_fields}
        yield from records


def run(args: argparse.Namespace) -> int:
    from newsnlp.summarize import TextRankKeywords, TfidfKeywords
    from newsnlp.text import Tokenizer

    tokenizer = Tokenizer()
    summarizer = _make_summarizer(args, tokenizer)
    # the same extractor as the pipeline builds, so `summarize` and `run` give the same keywords
    keywords = TextRankKeywords() if args.keywords == "textrank" else TfidfKeywords(known_words=tokenizer.dictionary_words)
    title_field = args.title_field
    kept = keep_fields(args)
    docs = documents_from_args(args, context_fields=tuple(dict.fromkeys(((title_field,) if title_field else ()) + kept)))
    splitter = None
    if args.kind == "auto" and title_field:  # records that name their headline are articles
        args.kind = "article"
    if args.kind != "article":
        from newsnlp.segment import PageSplitter

        splitter = PageSplitter()
    failed = 0
    with open_output(args.output, args) as out:
        for record in summarize_documents(
            docs, summarizer, keywords, tokenizer=tokenizer, title_field=title_field, top_k=args.keywords_top_k,
            kind=args.kind, splitter=splitter, context_fields=kept,
        ):
            if "error" in record:
                failed += 1
                warn(f"newsnlp summarize: {record['id']}: {record['error']}")
            out.write(dumps_record(record))
    return 1 if failed else 0
