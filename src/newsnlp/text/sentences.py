"""Chinese sentence splitting that keeps every character and the closing marks with their sentence.

Rules:
- a sentence ends after 。！？!? (runs such as ？！ count as one end), after …… (or ...),
  and after a half-width ``.`` only when a space or the end of text follows (so 3.5 stays whole);
- closing quotes and brackets right after the end mark stay with the sentence (。” / ！）);
- a newline always ends a sentence; commas, colons and semicolons never do;
- trailing text without final punctuation is a sentence of its own, never dropped.
"""

from __future__ import annotations

import re

__all__ = ["sentence_spans", "split_sentences"]

_SPACES = frozenset(" \t\r\n\u3000\xa0")


# A sentence end: a run of 。！？!?… marks, three or more dots, or one dot before a space or the
# end; then any closing quotes or brackets. A newline ends a sentence too, without closers.
_END = re.compile(
    r"(?:[。！？!?…]+|\.{3,}|\.(?=[ \t\r\n\u3000\xa0]|$))[”’\"'）)\]】』」》〉]*|\n"
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the sentences of ``text``, whitespace trimmed.

    >>> text = "他说：“好！”然后走了。还有"
    >>> [text[s:e] for s, e in sentence_spans(text)]
    ['他说：“好！”', '然后走了。', '还有']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(text):
        mark = match.group()
        if mark == "\n":
            _add(text, spans, start, match.start())
            start = match.end()
        elif mark[0] == "." and mark[:3] != "..." and match.start() == start:
            continue  # a lone dot opening a sentence ends nothing
        else:
            _add(text, spans, start, match.end())
            start = match.end()
    _add(text, spans, start, len(text))
    return spans


def _add(text: str, spans: list[tuple[int, int]], start: int, end: int) -> None:
    while start < end and text[start] in _SPACES:
        start += 1
    while end > start and text[end - 1] in _SPACES:
        end -= 1
    if end > start:
        spans.append((start, end))


def split_sentences(text: str) -> list[str]:
    """Split ``text`` into sentences (see the module docstring for the rules).

    >>> split_sentences("真的吗？！当然……好的。OK. Done")
    ['真的吗？！', '当然……', '好的。', 'OK.', 'Done']
    """
    return [text[s:e] for s, e in sentence_spans(text)]
