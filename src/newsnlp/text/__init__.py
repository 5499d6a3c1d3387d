"""Text utilities every stage shares: sentences, the pipeline's tokenizer, per-article analysis."""

from newsnlp.text.analysis import analyze_article
from newsnlp.text.sentences import sentence_spans, split_sentences
from newsnlp.text.tokenize import Tokenizer, is_word

__all__ = ["Tokenizer", "analyze_article", "is_word", "sentence_spans", "split_sentences"]
