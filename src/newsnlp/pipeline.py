"""The pipeline: page text in, an :class:`~newsnlp.document.Issue` with every article enriched out.

Stages run in one direction (see DESIGN.md): ``segment`` → (per-article analysis: sentences and
words, computed once) → ``classify`` → ``keywords`` → ``summarize``. Each stage is a callable
``Issue -> Issue`` built once, when the pipeline is built, so resources (dictionary, topic
model) load once per process and before any worker starts.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any, overload

from newsnlp._parallel import ordered_map
from newsnlp.config import PipelineConfig
from newsnlp.document import Issue
from newsnlp.errors import ConfigError, Errors, InputError
from newsnlp.sanitize import replace_lone_surrogates
from newsnlp.text import Tokenizer, analyze_article

__all__ = ["Pipeline", "PipelineConfig", "load"]

Stage = Callable[[Issue], Issue]


class Pipeline:
    """A configured newsnlp pipeline. Build one with :func:`newsnlp.load`.

    Parameters
    ----------
    config : PipelineConfig, optional
        All options; defaults give the full pipeline with the shipped topic model.

    Attributes
    ----------
    tokenizer : Tokenizer
        This pipeline's own tokenizer (its dictionary is not shared with other pipelines).
    stages : list of (str, callable)
        The stages that run, in order.

    Examples
    --------
    >>> nlp = Pipeline(PipelineConfig(disable=["classify", "keywords", "summarize"]))
    >>> issue = nlp("# 标题\\n\\n正文第一段。")
    >>> issue.articles[0].title
    '标题'
    """

    def __init__(self, config: PipelineConfig | None = None) -> None:
        self.config = config or PipelineConfig()
        self.tokenizer = Tokenizer(engine=self.config.tokenizer_engine, user_dict=self.config.user_dict)
        builders: dict[str, Callable[[], Stage]] = {
            "segment": self._build_segment,
            "classify": self._build_classify,
            "keywords": self._build_keywords,
            "summarize": self._build_summarize,
        }
        self.stages: list[tuple[str, Stage]] = [(name, builders[name]()) for name in self.config.stages]
        if len(self.stages) > 1:
            self.tokenizer.backend  # noqa: B018 - load the dictionary now, not per document

    @property
    def stage_names(self) -> list[str]:
        return [name for name, _ in self.stages]

    # -- stage builders -----------------------------------------------------------------------
    def _build_segment(self) -> Stage:
        from newsnlp.segment import PageSplitter

        splitter = PageSplitter(layout=self.config.layout)

        def segment(issue: Issue) -> Issue:
            if not issue.articles and not issue.unassigned:
                split = splitter.split(issue.text)
                issue.articles, issue.unassigned, issue.layout = split.articles, split.unassigned, split.layout
            return issue

        return segment

    def _build_classify(self) -> Stage:
        from newsnlp.classify import classify_articles, load_classifier, load_default_classifier

        if self.config.classifier == "default":
            classifier = load_default_classifier(compiled=True)
        else:
            classifier = load_classifier(self.config.classifier, trust_pickle=self.config.trust_pickle)
        if self.config.topic_threshold is not None:
            classifier.set_params(threshold=self.config.topic_threshold)
        self.classifier = classifier

        def classify(issue: Issue) -> Issue:
            for article in issue.articles:
                analyze_article(article, self.tokenizer)
            classify_articles(classifier, issue.articles)
            return issue

        return classify

    def _build_keywords(self) -> Stage:
        from newsnlp.summarize import TextRankKeywords, TfidfKeywords, keyword_words

        if self.config.keywords == "tfidf":
            extractor: Any = TfidfKeywords(known_words=self.tokenizer.dictionary_words).load()
        else:
            extractor = TextRankKeywords().load()
        self.keyword_extractor = extractor
        top_k = self.config.keywords_top_k

        def keywords(issue: Issue) -> Issue:
            for article in issue.articles:
                analysis = analyze_article(article, self.tokenizer)
                article.keywords = list(extractor.extract(keyword_words(analysis), top_k=top_k))
            return issue

        return keywords

    def _build_summarize(self) -> Stage:
        from newsnlp.summarize import make_summarizer

        cfg = self.config
        params: dict[str, Any] = {
            "max_chars": cfg.summary_max_chars,
            "max_sentences": cfg.summary_max_sentences,
            "tokenizer": self.tokenizer,
        }
        if cfg.summarizer == "transformer":
            params.update(model=cfg.transformer_model, **cfg.transformer_options)
        summarizer = make_summarizer(cfg.summarizer, **params).load()
        self.summarizer = summarizer

        def summarize_stage(issue: Issue) -> Issue:
            articles = issue.articles
            if not articles:
                return issue
            analyses = [analyze_article(a, self.tokenizer) for a in articles]
            results = summarizer.summarize_articles(articles, analyses)
            for article, chosen in zip(articles, results, strict=True):
                article.summary_sentences = list(chosen)
                article.summary = "".join(s.text for s in chosen)
            return issue

        return summarize_stage

    # -- running ------------------------------------------------------------------------------
    def __call__(self, text: str | Issue | os.PathLike[str]) -> Issue:
        """Run every stage on a page (a ``str``), on a newspaper PDF (a ``.pdf`` path such as
        ``pathlib.Path("page.pdf")``; needs ``newsnlp[pdf]``), or re-run the later stages on an
        ``Issue``. A ``str`` is always text, never a path."""
        if isinstance(text, str):  # lone surrogates can be neither tokenized nor written: U+FFFD,
            text = replace_lone_surrogates(text)[0]  # one character for one, keeps every offset
        if isinstance(text, Issue):
            issue = text
        elif isinstance(text, os.PathLike):
            issue = _read_pdf(text)
        elif isinstance(text, str):
            if len(text) > self.config.max_input_chars:
                raise InputError(Errors.E081.format(size=len(text), limit=self.config.max_input_chars))
            issue = Issue(text=text)
        else:
            raise InputError(Errors.E001.format(type=type(text).__name__))
        for name, stage in self.stages:
            result = stage(issue)
            if not isinstance(result, Issue):
                raise ConfigError(Errors.E023.format(name=name, type=type(result).__name__))
            issue = result
        return issue

    @overload
    def pipe(
        self, texts: Iterable[str], *, batch_size: int = ..., n_process: int = ..., as_tuples: bool = ...
    ) -> Iterator[Issue]: ...

    @overload
    def pipe(
        self, texts: Iterable[tuple[str, Any]], *, batch_size: int = ..., n_process: int = ..., as_tuples: bool = ...
    ) -> Iterator[tuple[Issue, Any]]: ...

    def pipe(
        self,
        texts: Iterable[Any],
        *,
        batch_size: int = 16,
        n_process: int = 1,
        as_tuples: bool = False,
    ) -> Iterator[Any]:
        """Process a stream of texts, yielding issues in input order.

        Parameters
        ----------
        texts : iterable of str (or ``.pdf`` paths), or of (str, context) with ``as_tuples=True``
        batch_size : int, default=16
            Texts sent to a worker at a time.
        n_process : int, default=1
            Worker processes; ``-1`` uses every CPU; ``1`` never forks.
        as_tuples : bool, default=False
            Pass ``(text, context)`` pairs and get ``(issue, context)`` pairs back.
        """
        if isinstance(texts, str):
            raise InputError(Errors.E002)
        if texts is None:
            raise InputError(Errors.E026.format(name="texts"))
        # In worker processes the per-article analysis is dropped before results travel back.
        process = self if n_process == 1 else self._process_for_transfer
        if as_tuples:
            pairs = iter(texts)
            contexts: list[Any] = []

            def texts_only() -> Iterator[str]:
                for text, context in pairs:
                    contexts.append(context)
                    yield text

            results = ordered_map(process, texts_only(), n_process=n_process, batch_size=batch_size)
            for index, issue in enumerate(results):
                yield issue, contexts[index]
                contexts[index] = None
        else:
            yield from ordered_map(process, texts, n_process=n_process, batch_size=batch_size)

    def _process_for_transfer(self, text: str) -> Issue:
        issue = self(text)
        for article in issue.articles:
            article.analysis = None  # recomputable; not worth sending between processes
        return issue

    def __repr__(self) -> str:
        return f"Pipeline(stages={self.stage_names})"


def _read_pdf(path: os.PathLike[str]) -> Issue:
    """The articles of a PDF, laid out from its geometry (segment stage then has nothing to do)."""
    from newsnlp.pdf import is_pdf_path, read_pdf_issue

    if not is_pdf_path(path):
        raise InputError(Errors.E116.format(path=os.fspath(path)))
    return read_pdf_issue(os.fspath(path))


def load(
    classifier: str | None = "default",
    summarizer: str = "extractive",
    *,
    config: PipelineConfig | dict[str, Any] | str | None = None,
    **options: Any,
) -> Pipeline:
    """Build a :class:`Pipeline`.

    Parameters
    ----------
    classifier : str or None, default="default"
        ``"default"`` (the shipped party-press model), a model path, or ``None`` for no topics.
    summarizer : {"extractive", "lead", "transformer"}, default="extractive"
    config : PipelineConfig, dict or path to a TOML file, optional
        A saved configuration; ``classifier``, ``summarizer`` and ``options`` override it.
    **options
        Any :class:`PipelineConfig` field, e.g. ``disable=["summarize"]``, ``summary_max_chars=100``.

    Examples
    --------
    >>> import newsnlp
    >>> nlp = newsnlp.load(disable=["summarize"])  # doctest: +SKIP
    """
    if config is None:
        base = PipelineConfig()
    elif isinstance(config, PipelineConfig):
        base = config
    elif isinstance(config, dict):
        base = PipelineConfig.from_dict(config)
    else:
        base = PipelineConfig.from_toml(config)
    data = base.to_dict()
    data.update(options)
    data["classifier"] = classifier if config is None or classifier != "default" else data["classifier"]
    data["summarizer"] = summarizer if config is None or summarizer != "extractive" else data["summarizer"]
    return Pipeline(PipelineConfig.from_dict(data))

