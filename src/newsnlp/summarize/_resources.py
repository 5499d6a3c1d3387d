"""Read-only word resources of the summarizers and keyword extractors: stopwords and IDF.

- Stopwords: ``newsnlp/resources/stopwords.txt``, a list written for this project (function
  words, pronouns, adverbs, measure words and reporting fillers of Chinese news). jieba ships
  only English stopwords.
- IDF: by default the ``word idf`` table that jieba installs (``jieba/analyse/idf.txt``), read
  at run time from the installed package (no running text, word→number only); words it lacks
  get its median IDF, as jieba does. Pass any table of the same format instead.
- Words of the IDF table missing from jieba's dictionary (``jieba/dict.txt``): about 21,000 of
  its 270,000 entries are fragments its HMM once glued together (强多, 既想, 拖上), which
  keyword extraction must not trust as words.

Loaded tables are cached by path and returned as immutable mappings, so sharing them is safe.
"""

from __future__ import annotations

import hashlib
import re
import statistics
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType

__all__ = [
    "IdfTable",
    "default_dictionary_path",
    "default_idf_path",
    "default_stopwords_path",
    "load_generic_verbs",
    "load_idf",
    "load_stopwords",
    "load_undictionaried",
]


def default_stopwords_path() -> Path:
    """Path of the shipped stopword list."""
    return Path(str(resources.files("newsnlp") / "resources" / "stopwords.txt"))


def default_idf_path() -> Path:
    """Path of jieba's installed IDF table (``word idf`` per line).

    Found without importing ``jieba.analyse``, whose import alone loads two dictionaries (~1 s).
    """
    return Path(str(resources.files("jieba") / "analyse" / "idf.txt"))


@lru_cache(maxsize=8)
def _read_stopwords(path: str) -> frozenset[str]:
    words = set()
    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        word = raw.strip()
        if word and not word.startswith("#"):
            words.add(word.lower())
    return frozenset(words)


def load_stopwords(path: str | Path | None = None) -> frozenset[str]:
    """The stopwords in ``path`` (default: the shipped list), one word a line, ``#`` comments."""
    return _read_stopwords(str(path or default_stopwords_path()))


@dataclass(frozen=True)
class IdfTable:
    """Inverse document frequencies: ``table[word]``, with ``default`` for unknown words.

    ``idf`` is a read-only view. ``lookup(word, default)`` and ``contains(word)`` are the
    underlying dict's own ``get`` and ``__contains__`` (read-only too, and about twice as fast as
    the view's in the per-word loops of keywords and summaries).
    """

    idf: Mapping[str, float]
    default: float
    lookup: Callable[[str, float], float] = field(repr=False, compare=False, default=None)  # type: ignore[assignment]
    contains: Callable[[str], bool] = field(repr=False, compare=False, default=None)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.lookup is None:
            object.__setattr__(self, "lookup", self.idf.get)
        if self.contains is None:
            object.__setattr__(self, "contains", self.idf.__contains__)

    def __getitem__(self, word: str) -> float:
        return self.idf.get(word, self.default)

    def get(self, word: str, default: float | None = None) -> float:
        return self.idf.get(word, self.default if default is None else default)

    def __len__(self) -> int:
        return len(self.idf)


@lru_cache(maxsize=4)
def _read_idf(path: str) -> IdfTable:
    # One split of the whole file is several times faster than parsing line by line, which
    # matters for start-up: jieba's table has 270,000 entries.
    parts = Path(path).read_text(encoding="utf-8").split()
    if len(parts) % 2:
        raise ValueError(f"{path}: expected 'word idf' pairs, one per line")
    table = dict(zip(parts[0::2], map(float, parts[1::2]), strict=True))
    default = statistics.median(table.values()) if table else 1.0
    return IdfTable(MappingProxyType(table), default, table.get, table.__contains__)


def default_dictionary_path() -> Path:
    """Path of jieba's installed main dictionary (``word freq tag`` per line)."""
    return Path(str(resources.files("jieba") / "dict.txt"))


def shipped_undictionaried_path() -> Path:
    """The precomputed list for jieba's own two files (``newsnlp/resources/idf_unvouched.txt``)."""
    return Path(str(resources.files("newsnlp") / "resources" / "idf_unvouched.txt"))


def fingerprint(idf_path: str | Path, dictionary_path: str | Path) -> str:
    """What the precomputed list was made from: sha256 of the IDF table and of the dictionary."""
    digests = (hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16] for path in (idf_path, dictionary_path))
    return "idf={} dict={}".format(*digests)


def compute_undictionaried(idf_path: str | Path, dictionary_path: str | Path) -> frozenset[str]:
    """The words of the IDF table that the dictionary lacks (about 0.15 s for jieba's files)."""
    text = Path(dictionary_path).read_text(encoding="utf-8")
    return frozenset(_read_idf(str(idf_path)).idf.keys() - set(_FIRST_FIELD.findall(text)))


@lru_cache(maxsize=4)
def _read_undictionaried(idf_path: str, dictionary_path: str) -> frozenset[str]:
    # The shipped list serves when it was made from these very files (checked by hash, about
    # 20 ms); any other table or dictionary is compared afresh.
    shipped = shipped_undictionaried_path()
    if shipped.is_file():
        header, _, body = shipped.read_text(encoding="utf-8").partition("\n")
        if header == f"# {fingerprint(idf_path, dictionary_path)}":
            return frozenset(body.split())
    return compute_undictionaried(idf_path, dictionary_path)


_FIRST_FIELD = re.compile(r"^(\S+)", re.MULTILINE)


def load_undictionaried(idf: str | Path | None = None, dictionary: str | Path | None = None) -> frozenset[str]:
    """The words of the IDF table (default: jieba's) that the dictionary (default: jieba's)
    lacks: HMM fragments such as 强多, and some names."""
    return _read_undictionaried(str(idf or default_idf_path()), str(dictionary or default_dictionary_path()))


def load_idf(path: str | Path | None = None) -> IdfTable:
    """The IDF table in ``path`` (``word idf`` a line); default: jieba's installed table."""
    return _read_idf(str(path or default_idf_path()))


#: Dictionary frequency from which a word tagged only as a verb (``v``) counts as generic.
GENERIC_VERB_FREQ = 2000


@lru_cache(maxsize=4)
def _read_generic_verbs(path: str, min_freq: int) -> frozenset[str]:
    text = Path(path).read_text(encoding="utf-8")
    return frozenset(w for w, f in _VERB_ENTRY.findall(text) if int(f) >= min_freq)


_VERB_ENTRY = re.compile(r"^(\S+) (\d+) v$", re.MULTILINE)


def load_generic_verbs(dictionary: str | Path | None = None, min_freq: int = GENERIC_VERB_FREQ) -> frozenset[str]:
    """Generic verbs: words the dictionary (default: jieba's, ``word freq tag`` a line) tags only
    as a verb (``v``, not the noun-like ``vn``) and that are common in general text (frequency
    >= ``min_freq``): 把握, 坚持, 加强, 提高 … but not 脱贫 or 扶贫, which name a topic."""
    return _read_generic_verbs(str(dictionary or default_dictionary_path()), min_freq)
