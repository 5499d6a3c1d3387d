"""One-liners over the default pipeline: ``newsnlp.summarize``, ``keywords``, ``classify``, ``segment``.

::

    >>> import newsnlp
    >>> newsnlp.summarize(article_text, max_chars=150)      # doctest: +SKIP
    '...'
    >>> newsnlp.keywords(article_text, top_k=5)             # doctest: +SKIP
    ['小区', '党员', ...]
    >>> newsnlp.classify(article_text)                      # doctest: +SKIP
    Topic(label='organization', scores={'organization': 0.98, ...})
    >>> [a.title for a in newsnlp.segment(page_text)]       # doctest: +SKIP

Each takes one article's text or a whole page. A text in which the page splitter finds two or
more articles, the first with a headline, is a page (:func:`looks_like_page`), and the answer is
a list with one result per article, in page order;
``page=True`` always answers per article (a list, even of one), ``page=False`` always treats the
whole text as one article. :func:`segment` always returns the list of articles.

The default pipeline (``newsnlp.load()``: its tokenizer, topic model and keyword table) is
loaded on the first call and then kept for the life of the process (a per-process cache, as
jieba keeps its dictionary); so are summarizers for each ``max_chars`` asked for. For control
over every option, and for many texts at once (``nlp.pipe``), build your own with
:func:`newsnlp.load`. Nothing here is imported by ``import newsnlp`` until first used.
"""

from __future__ import annotations

import sys
import types
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from newsnlp.document import Article
    from newsnlp.pipeline import Pipeline

__all__ = ["Topic", "classify", "keywords", "looks_like_page", "make_module_callable", "segment", "summarize"]


class Topic(NamedTuple):
    """The topic of one article: the label and the probability of every label."""

    label: str
    scores: dict[str, float]


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    """The process-wide default pipeline behind the one-liners (built on first use)."""
    from newsnlp.pipeline import Pipeline

    return Pipeline()


@lru_cache(maxsize=16)
def _summarizer(max_chars: int | str | None) -> Any:
    from newsnlp.summarize import make_summarizer

    nlp = default_pipeline()
    return make_summarizer(nlp.config.summarizer, max_chars=max_chars, tokenizer=nlp.tokenizer).load()


def looks_like_page(articles: list[Article]) -> bool:
    """Whether the articles the splitter found make a page: two or more, the first with a headline.

    An article body with sub-sections can split in two; it starts with body text, a page with a
    headline. ``benchmarks/page_detection_eval.py`` counts the mistakes on the dev set (at the
    time of writing: no page of 2+ articles missed, 1.4 % of bare article bodies, those with
    sections, taken for pages, none once their headline line is included).
    """
    return len(articles) >= 2 and bool(articles[0].title)


def _articles(text: str, page: bool | None) -> tuple[list[Article], bool]:
    """The articles of ``text`` and whether it was taken as a page (see the module docstring)."""
    from newsnlp.document import Issue
    from newsnlp.errors import Errors, InputError
    from newsnlp.summarize._base import as_article

    if not isinstance(text, str):
        raise InputError(Errors.E001.format(type=type(text).__name__))
    if page is not False:
        nlp = default_pipeline()
        limit = nlp.config.max_input_chars
        if len(text) > limit:
            raise InputError(Errors.E081.format(size=len(text), limit=limit))
        segment_stage = dict(nlp.stages)["segment"]
        found = segment_stage(Issue(text=text)).articles
        if page or looks_like_page(found):
            return found, True
    return [as_article(text)], False


def _analyses(articles: list[Article]) -> list[Any]:
    from newsnlp.text import analyze_article

    tokenizer = default_pipeline().tokenizer
    return [analyze_article(a, tokenizer) for a in articles]


def summarize(text: str, max_chars: int | str | None = 150, *, page: bool | None = None) -> str | list[str]:
    """The extractive summary of an article (whole sentences, at most ``max_chars`` characters).

    ``max_chars`` may also be a share of the article (``"20%"``) or ``None`` (no limit). A page
    gives one summary per article.
    """
    articles, is_page = _articles(text, page)
    chosen = _summarizer(max_chars).summarize_articles(articles, _analyses(articles))
    summaries = ["".join(s.text for s in sentences) for sentences in chosen]
    return summaries if is_page else summaries[0]


def keywords(
    text: str, top_k: int = 10, *, with_weights: bool = False, page: bool | None = None
) -> list[str] | list[tuple[str, float]] | list[list[Any]]:
    """The ``top_k`` keywords of an article, best first (``(word, weight)`` with ``with_weights``).

    A page gives one keyword list per article.
    """
    from newsnlp.summarize import keyword_words

    articles, is_page = _articles(text, page)
    extractor = default_pipeline().keyword_extractor
    results: list[Any] = []
    for analysis in _analyses(articles):
        pairs = extractor.extract(keyword_words(analysis), top_k=top_k) if top_k > 0 else []
        results.append([(w, float(s)) for w, s in pairs] if with_weights else [w for w, _ in pairs])
    return results if is_page else results[0]


def classify(text: str, *, page: bool | None = None) -> Topic | list[Topic]:
    """The topic of an article: ``Topic(label, scores)`` with the probability of every label.

    A page gives one :class:`Topic` per article (its headline counts, as in the pipeline).
    """
    from newsnlp.classify import classify_articles

    articles, is_page = _articles(text, page)
    for article, analysis in zip(articles, _analyses(articles), strict=True):
        article.analysis = analysis
    classify_articles(default_pipeline().classifier, articles)
    topics = [Topic(str(a.topic), dict(a.topic_scores)) for a in articles]
    return topics if is_page else topics[0]


def segment(text: str) -> list[Article]:
    """The articles of a page (headline, byline, paragraphs, offsets …); an article gives one."""
    articles, _ = _articles(text, True)
    return articles


class _CallableModule(types.ModuleType):
    """A package that can be called: ``newsnlp.summarize(text)`` runs the one-liner while
    ``from newsnlp.summarize import ...`` keeps importing from the package."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return getattr(sys.modules[__name__], self.__oneliner__)(*args, **kwargs)


def make_module_callable(module_name: str, function_name: str) -> None:
    """Let calling the package ``module_name`` run the one-liner ``function_name`` of this module.

    ``newsnlp.summarize``, ``newsnlp.classify`` and ``newsnlp.segment`` are sub-packages, and
    importing a sub-package sets that attribute of ``newsnlp`` to it; so the package itself
    answers the call. Used at the end of each of those packages' ``__init__``.
    """
    module = sys.modules[module_name]
    module.__class__ = _CallableModule
    module.__oneliner__ = function_name  # type: ignore[attr-defined]
