"""Tokenize an article once: its sentences and words, shared by classifier, keywords, summarizer."""

from __future__ import annotations

from newsnlp.document import Analysis, Article
from newsnlp.text.sentences import split_sentences
from newsnlp.text.tokenize import Tokenizer

__all__ = ["analyze_article"]


def analyze_article(article: Article, tokenizer: Tokenizer) -> Analysis:
    """Split the article's paragraphs into sentences and each sentence into words.

    The result is stored on ``article.analysis`` and returned; an existing analysis is reused.
    """
    if article.analysis is not None:
        return article.analysis
    sentences: list[str] = []
    sentence_paragraphs: list[int] = []
    for index, paragraph in enumerate(article.paragraphs):
        for sentence in split_sentences(paragraph):
            sentences.append(sentence)
            sentence_paragraphs.append(index)
    analysis = Analysis(
        sentences=sentences,
        sentence_paragraphs=sentence_paragraphs,
        sentence_words=[tokenizer.words(s) for s in sentences],
        title_words=tokenizer.words(" ".join(p for p in (article.kicker, article.title, article.subtitle) if p)),
    )
    article.analysis = analysis
    return analysis
