"""The pipeline's word tokenizer: jieba-compatible, with a news-domain user dictionary.

Each :class:`Tokenizer` owns its own dictionary (no global jieba state), so two pipelines with
different dictionaries never interfere. Two engines give the same tokens on the same dictionary:

- ``"rjieba"``: the Rust port (jieba-rs), many times faster; the default (see benchmarks);
- ``"jieba"``: the reference Python implementation.

The engine is built on first use, not in ``__init__``, and only the configuration is pickled, so
a tokenizer can be sent to worker processes and saved inside a model file safely.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Any

from newsnlp.errors import ConfigError, Errors, MissingDependencyError
from newsnlp.sanitize import replace_lone_surrogates

__all__ = ["ENGINES", "Tokenizer", "default_user_dict_path", "default_user_dict_words"]

ENGINES = ("auto", "rjieba", "jieba")

_WORDLIKE = re.compile(r"[^\W_]")  # a letter or digit in any script


def default_user_dict_path() -> Path:
    """Path of the shipped news-domain user dictionary (``word freq [tag]`` per line)."""
    return Path(str(resources.files("newsnlp") / "resources" / "userdict.txt"))


def default_user_dict_words() -> frozenset[str]:
    """The words of the shipped news-domain dictionary."""
    return frozenset(word for word, _, _ in _read_user_dict(default_user_dict_path()))


def _read_user_dict(path: str | Path) -> list[tuple[str, int | None, str | None]]:
    entries: list[tuple[str, int | None, str | None]] = []
    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        parts = raw.split()
        if not parts or parts[0].startswith("#"):
            continue
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        tag = parts[2] if len(parts) > 2 else None
        entries.append((parts[0], freq, tag))
    return entries


def is_word(token: str) -> bool:
    """True for tokens that carry meaning: those with a letter or digit (so not whitespace,
    punctuation or symbols)."""
    return _WORDLIKE.search(token) is not None


class Tokenizer:
    """Segment Chinese text into words.

    Parameters
    ----------
    engine : {"auto", "rjieba", "jieba"}, default="auto"
        ``"auto"`` takes rjieba when it is installed, jieba otherwise.
    user_dict : str, Path or None, default="default"
        ``"default"`` loads the shipped news-domain dictionary; a path loads your own
        (jieba's ``word freq tag`` format); ``None`` loads none.
    hmm : bool, default=True
        Let the HMM join unknown words (names, new terms), as jieba does by default.

    Examples
    --------
    >>> tok = Tokenizer()
    >>> "乡村振兴" in tok.cut("党建引领乡村振兴")
    True
    """

    def __init__(
        self, *, engine: str = "auto", user_dict: str | Path | None = "default", hmm: bool = True
    ) -> None:
        self.engine = engine
        self.user_dict = user_dict
        self.hmm = hmm

    # -- construction -------------------------------------------------------------------------
    def _resolved_engine(self) -> str:
        if self.engine not in ENGINES:
            raise ConfigError(Errors.E022.format(name=self.engine, owner="Tokenizer.engine", known=", ".join(ENGINES)))
        if self.engine != "auto":
            return self.engine
        try:
            import rjieba  # noqa: F401
        except ImportError:
            return "jieba"
        return "rjieba"

    @property
    def dictionary_words(self) -> frozenset[str]:
        """The words of this tokenizer's user dictionary."""
        return frozenset(word for word, _, _ in self._user_dict_entries())

    def _user_dict_entries(self) -> list[tuple[str, int | None, str | None]]:
        if self.user_dict is None:
            return []
        path = default_user_dict_path() if self.user_dict == "default" else Path(self.user_dict)
        return _read_user_dict(path)

    def _build(self) -> Any:
        engine = self._resolved_engine()
        entries = self._user_dict_entries()
        if engine == "rjieba":
            try:
                import rjieba
            except ImportError as exc:
                raise MissingDependencyError(Errors.E050.format(package="rjieba", extra="fast")) from exc
            backend = rjieba.Jieba()
            for word, freq, tag in entries:
                backend.add_word(word, freq, tag)
            return backend
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        backend = jieba.Tokenizer()
        backend.initialize()
        for word, freq, tag in entries:
            backend.add_word(word, freq, tag)
        return backend

    @property
    def backend(self) -> Any:
        """The engine object, built on first use."""
        backend = self.__dict__.get("_backend")
        if backend is None:
            backend = self._build()
            self.__dict__["_backend"] = backend
            self.__dict__["_engine_name"] = self._resolved_engine()
        return backend

    @property
    def engine_name(self) -> str:
        """The engine actually used (``auto`` resolved)."""
        self.backend  # noqa: B018 - builds the engine
        return self.__dict__["_engine_name"]

    # -- tokenizing ---------------------------------------------------------------------------
    def cut(self, text: str) -> list[str]:
        """All tokens of ``text``, whitespace and punctuation included, in order.

        A lone surrogate (from JSON's ``"\\ud800"``) cannot reach the engine; it is cut as U+FFFD,
        one character for one, so token lengths still add up to the text's.
        """
        if not text:
            return []
        text = replace_lone_surrogates(text)[0]
        backend = self.backend
        if self.__dict__["_engine_name"] == "rjieba":
            return backend.cut(text, self.hmm)
        return list(backend.cut(text, HMM=self.hmm))

    def words(self, text: str) -> list[str]:
        """Tokens that carry meaning: no whitespace or punctuation. Single characters are kept."""
        search = _WORDLIKE.search
        return [t for t in self.cut(text) if search(t) is not None]

    def __call__(self, text: str) -> list[str]:
        """Same as :meth:`words`; lets a tokenizer serve as a scikit-learn ``analyzer``."""
        return self.words(text)

    # -- persistence: the configuration only, never the engine --------------------------------
    def __getstate__(self) -> dict[str, Any]:
        return {"engine": self.engine, "user_dict": _portable(self.user_dict), "hmm": self.hmm}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.engine = state["engine"]
        self.user_dict = state["user_dict"]
        self.hmm = state["hmm"]

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """The constructor arguments (scikit-learn's ``clone`` calls this)."""
        return self.__getstate__()

    def __repr__(self) -> str:
        return f"Tokenizer(engine={self.engine!r}, user_dict={_portable(self.user_dict)!r}, hmm={self.hmm!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Tokenizer) and self.__getstate__() == other.__getstate__()

    def __hash__(self) -> int:
        return hash(tuple(self.__getstate__().items()))


def _portable(user_dict: str | Path | None) -> str | None:
    return None if user_dict is None else str(user_dict)
