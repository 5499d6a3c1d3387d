"""What every topic model takes in: texts, optional headlines, optional pre-tokenized words.

Shared by the estimator and the compiled model so both accept exactly the same arguments and
reject the same mistakes (a bare string, lists of different lengths).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from newsnlp.errors import Errors, InputError
from newsnlp.text.tokenize import Tokenizer

__all__ = ["NewsDoc", "as_list", "news_docs"]


class NewsDoc(NamedTuple):
    """One text as a topic model sees it: raw body and headline, and their word tokens."""

    text: str
    title: str
    words: list[str]
    title_words: list[str]


def as_list(values: Any, name: str) -> list[Any]:
    """``values`` as a list; a bare ``str`` (one text where many are expected) is an error."""
    if isinstance(values, str):
        raise InputError(Errors.E002 + f" (argument '{name}')")
    if values is None:
        raise InputError(Errors.E026.format(name=name))
    return list(values)


def _optional_list(values: Any, name: str, n: int) -> list[Any] | None:
    if values is None:
        return None
    items = as_list(values, name)
    if len(items) != n:
        raise InputError(Errors.E033.format(n_texts=n, n_labels=f"{len(items)} {name}"))
    return items


def news_docs(
    texts: Iterable[str],
    titles: Iterable[str] | None,
    words: Iterable[Sequence[str]] | None,
    title_words: Iterable[Sequence[str]] | None,
    tokenizer: Tokenizer,
) -> list[NewsDoc]:
    """Pair texts with headlines and words, tokenizing only what was not given."""
    text_list = [t if isinstance(t, str) else "" if t is None else str(t) for t in as_list(texts, "texts")]
    n = len(text_list)
    title_list = _optional_list(titles, "titles", n)
    title_list = [""] * n if title_list is None else [t or "" for t in title_list]
    word_list = _optional_list(words, "words", n)
    title_word_list = _optional_list(title_words, "title_words", n)
    if word_list is None:
        word_list = [tokenizer.words(t) for t in text_list]
    if title_word_list is None:
        title_word_list = [tokenizer.words(t) if t else [] for t in title_list]
    return [
        NewsDoc(text, title, list(w), list(tw))
        for text, title, w, tw in zip(text_list, title_list, word_list, title_word_list, strict=True)
    ]
