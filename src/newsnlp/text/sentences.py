"""Chinese sentence splitting that keeps every character and the closing marks with their sentence.

Rules:
- a sentence ends after 。！？!? (runs such as ？！ count as one end), after …… (or ...),
  and after a half-width ``.`` only when a space or the end of text follows (so 3.5 stays whole);
- closing quotes and brackets right after the end mark stay with the sentence (。” / ！）);
- a newline always ends a sentence; commas, colons and semicolons never do;
- trailing text without final punctuation is a sentence of its own, never dropped.
"""

from __future__ import annotations

__all__ = ["sentence_spans", "split_sentences"]

_FULL_STOPS = frozenset("。！？!?")
_ELLIPSIS = frozenset("…")
_CLOSERS = frozenset("”’\"'）)]】』」》〉")
_SPACES = frozenset(" \t\r\n\u3000\xa0")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the sentences of ``text``, whitespace trimmed.

    >>> text = "他说：“好！”然后走了。还有"
    >>> [text[s:e] for s, e in sentence_spans(text)]
    ['他说：“好！”', '然后走了。', '还有']
    """
    spans: list[tuple[int, int]] = []
    n = len(text)
    start = 0
    i = 0
    while i < n:
        ch = text[i]
        end = -1
        if ch == "\n":
            end = i
            _add(text, spans, start, end)
            start = i + 1
            i += 1
            continue
        if ch in _FULL_STOPS or ch in _ELLIPSIS:
            j = i + 1
            while j < n and (text[j] in _FULL_STOPS or text[j] in _ELLIPSIS):
                j += 1
            end = j
        elif ch == "." and (i + 1 == n or text[i + 1] in _SPACES) and i > start:
            j = i + 1
            end = j
        elif ch == "." and text.startswith("...", i):
            j = i
            while j < n and text[j] == ".":
                j += 1
            end = j
        if end < 0:
            i += 1
            continue
        while end < n and text[end] in _CLOSERS:
            end += 1
        _add(text, spans, start, end)
        start = end
        i = end
    _add(text, spans, start, n)
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
