"""Summaries and keywords: one small module per algorithm behind one interface.

- :class:`ExtractiveSummarizer` (default): graph centrality + headline + position, with MMR;
- :class:`LeadSummarizer`: the first sentences, the news baseline;
- :class:`TransformerSummarizer`: any Hugging Face seq2seq model (extra ``newsnlp[transformer]``,
  imported only when used);
- :class:`TfidfKeywords` and :class:`TextRankKeywords`: weighted keywords (pass
  :func:`keyword_words` of an analysis to leave bylines and credits out).

>>> from newsnlp.summarize import ExtractiveSummarizer
>>> summarizer = ExtractiveSummarizer(max_chars=150)
>>> sentences = summarizer(body_text, title=headline)             # doctest: +SKIP
>>> "".join(s.text for s in sentences)                            # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsnlp.document import Analysis
from newsnlp.errors import ConfigError, Errors
from newsnlp.summarize._base import (
    BaseSummarizer,
    Budget,
    depends_on_previous,
    fact_count,
    is_credit,
    is_summary_candidate,
    parse_budget,
    strip_dateline,
)
from newsnlp.summarize.extractive import ExtractiveSummarizer
from newsnlp.summarize.keywords import TextRankKeywords, TfidfKeywords
from newsnlp.summarize.lead import LeadSummarizer

if TYPE_CHECKING:
    from newsnlp.summarize.transformer import TransformerSummarizer

__all__ = [
    "SUMMARIZERS",
    "BaseSummarizer",
    "Budget",
    "ExtractiveSummarizer",
    "LeadSummarizer",
    "TextRankKeywords",
    "TfidfKeywords",
    "TransformerSummarizer",
    "depends_on_previous",
    "fact_count",
    "is_credit",
    "is_summary_candidate",
    "keyword_words",
    "make_summarizer",
    "parse_budget",
    "strip_dateline",
]

#: Summarizer name -> class path, for configuration files and the CLI's ``--method``.
SUMMARIZERS: dict[str, str] = {
    "extractive": "newsnlp.summarize.extractive:ExtractiveSummarizer",
    "lead": "newsnlp.summarize.lead:LeadSummarizer",
    "transformer": "newsnlp.summarize.transformer:TransformerSummarizer",
}


def keyword_words(analysis: Analysis) -> list[str]:
    """The words of an analysis that keywords should come from: bylines and credits left out."""
    return [
        word
        for sentence, words in zip(analysis.sentences, analysis.sentence_words)
        if not is_credit(sentence)
        for word in words
    ]


def make_summarizer(name: str = "extractive", **params: Any) -> BaseSummarizer:
    """Build a summarizer by name (``extractive``, ``lead`` or ``transformer``).

    >>> make_summarizer("lead", max_sentences=2)
    LeadSummarizer(max_chars=150, max_sentences=2, tokenizer=None, skip_fragments=True)
    """
    import importlib

    target = SUMMARIZERS.get(name)
    if target is None:
        raise ConfigError(Errors.E021.format(name=name, known=", ".join(SUMMARIZERS)))
    module_name, _, class_name = target.partition(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    return cls(**params)


def __getattr__(name: str) -> Any:
    if name == "TransformerSummarizer":
        from newsnlp.summarize.transformer import TransformerSummarizer

        return TransformerSummarizer
    raise AttributeError(f"module 'newsnlp.summarize' has no attribute {name!r}")


# ``newsnlp.summarize(text)`` calls the one-liner newsnlp.quick.summarize (see that module).
from newsnlp.quick import make_module_callable  # noqa: E402

make_module_callable(__name__, "summarize")
