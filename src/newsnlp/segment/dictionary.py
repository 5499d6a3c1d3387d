"""jieba's dictionary as the segmenter reads it: words with their frequency and word class.

The line-break model (:mod:`newsnlp.segment.breaks`) asks whether joining two pieces makes a
word and what class of word ends and starts them; the headline reader asks whether the first
part of a headline is a place name ("西宁 以…"). Both read the dictionary jieba ships (and
newsnlp's user dictionary), once per process, into read-only mappings.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from functools import lru_cache
from importlib import resources
from types import MappingProxyType

__all__ = ["MAX_WORD", "MIN_WORD_FREQ", "is_place_name", "seam_words", "word_classes"]

#: Longest word read, in characters.
MAX_WORD = 5
#: Rarer dictionary words (most of jieba's 330,000 of 2-5 characters) cost memory and add noise.
MIN_WORD_FREQ = 5


def seam_words() -> Mapping[str, float]:
    """Words of 2-5 characters from jieba's dictionary (and newsnlp's user dictionary) seen at
    least :data:`MIN_WORD_FREQ` times, with their log frequency; read once, read-only."""
    return _dictionary()[0]


def word_classes() -> Mapping[str, str]:
    """The part-of-speech tag jieba's dictionary gives each word of 1-5 characters seen at
    least :data:`MIN_WORD_FREQ` times (``n`` noun, ``v`` verb, ``p`` preposition, ``u``
    particle, ``t`` time word, ``nr`` person name …); read once, read-only."""
    return _dictionary()[1]


@lru_cache(maxsize=1)
def _dictionary() -> tuple[Mapping[str, float], Mapping[str, str]]:
    words: dict[str, float] = {}
    tags: dict[str, str] = {}
    interned: dict[str, str] = {}
    sources = [resources.files("jieba") / "dict.txt", resources.files("newsnlp") / "resources" / "userdict.txt"]
    for source in sources:
        try:
            handle = source.open("r", encoding="utf-8")  # one line at a time: a low peak
        except OSError:  # pragma: no cover - jieba always ships its dictionary
            continue
        with handle:
            for line in _kept(handle):
                parts = line.split()
                if len(parts) < 2 or parts[0].startswith("#"):
                    continue
                try:
                    freq = float(parts[1])
                except ValueError:
                    continue
                if freq < MIN_WORD_FREQ:
                    continue
                word = parts[0]
                if len(parts) > 2 and word not in tags:
                    tags[word] = interned.setdefault(parts[2], parts[2])
                if len(word) >= 2:
                    words[word] = max(words.get(word, 0.0), math.log(freq))
    return MappingProxyType(words), MappingProxyType(tags)


def _kept(handle: Iterator[str]) -> Iterator[str]:
    """Dictionary lines whose word has 1 to :data:`MAX_WORD` characters."""
    for line in handle:
        end = line.find(" ")
        if 1 <= end <= MAX_WORD:
            yield line


def is_place_name(word: str) -> bool:
    """Whether the dictionary tags ``word`` as a place name (``ns``: 西宁, 青岛, 湟中)."""
    return word_classes().get(word) == "ns"
