"""Lead: the first sentences of the article, up to the budget; the baseline to beat in news."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsnlp.document import Analysis, Article, ScoredSentence
from newsnlp.summarize._base import BaseSummarizer, Budget, Size, fill_budget, is_summary_candidate

if TYPE_CHECKING:
    from newsnlp.text.tokenize import Tokenizer

__all__ = ["LeadSummarizer"]


class LeadSummarizer(BaseSummarizer):
    """The first whole sentences of the article that fit the budget, in order.

    Parameters
    ----------
    max_chars : int, str or None, default=150
        Character budget (``int`` or ``"N%"`` of the article).
    max_sentences : int, str or None, default=None
        Sentence budget (``int`` or ``"N%"``).
    tokenizer : Tokenizer or None, default=None
        Used for plain-text input only.
    skip_fragments : bool, default=True
        Skip subheads, bylines, captions, credits and half sentences, as the other summarizers
        do; ``False`` gives the textbook Lead baseline.

    Examples
    --------
    >>> lead = LeadSummarizer(max_sentences=1)
    >>> [s.text for s in lead("第一句。第二句。", title="")]  # doctest: +SKIP
    ['第一句。']
    """

    def __init__(
        self,
        *,
        max_chars: Size = 150,
        max_sentences: Size = None,
        tokenizer: Tokenizer | None = None,
        skip_fragments: bool = True,
    ) -> None:
        super().__init__(max_chars=max_chars, max_sentences=max_sentences, tokenizer=tokenizer)
        self.skip_fragments = skip_fragments

    def _select(self, article: Article, analysis: Analysis, budget: Budget) -> list[ScoredSentence]:
        sentences = analysis.sentences
        order = list(range(len(sentences)))
        if self.skip_fragments:
            order = [i for i in order if is_summary_candidate(sentences[i])] or order
        scores = [1.0 / (1 + i) for i in range(len(sentences))]
        chosen: list[int] = []
        chars = 0
        for index in order:
            if not budget.fits(chars + len(sentences[index]), len(chosen) + 1):
                break
            chosen.append(index)
            chars += len(sentences[index])
        return fill_budget(chosen or order[:1], sentences, scores, budget)
