"""Pipeline configuration: every option of a run in one object that round-trips to dict and TOML.

Saving the configuration next to a run's output lets anyone repeat that run exactly.
"""

from __future__ import annotations

import sys
import warnings
from dataclasses import InitVar, asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from newsnlp.errors import ConfigError, Errors

__all__ = ["STAGES", "SUMMARIZERS", "PipelineConfig"]

#: The stages of a pipeline, in the order they run. ``segment`` always runs.
STAGES: tuple[str, ...] = ("segment", "classify", "keywords", "summarize")
SUMMARIZERS: tuple[str, ...] = ("extractive", "lead", "transformer")
KEYWORD_METHODS: tuple[str, ...] = ("tfidf", "textrank")
_RENAMED = "PipelineConfig option '{old}' is now '{new}' (the input size limit, in characters); the old name will be removed."


@dataclass
class PipelineConfig:
    """Options of a :class:`~newsnlp.pipeline.Pipeline`.

    Parameters
    ----------
    layout : str, default="auto"
        Page layout: ``"auto"``, ``"markdown"``, ``"epaper"`` or ``"plain"``.
    tokenizer_engine : str, default="auto"
        ``"rjieba"`` (fast), ``"jieba"`` or ``"auto"``.
    user_dict : str or None, default="default"
        The shipped news dictionary, a path to your own, or ``None``.
    classifier : str or None, default="default"
        ``"default"`` for the shipped party-press model, a path to a model saved with
        ``TopicClassifier.save``, or ``None`` to skip topic classification.
    trust_pickle : bool, default=False
        Allow a pickled classifier (pickles can run code when loaded).
    topic_threshold : float or None, default=None
        Below this probability an article gets ``unknown_label`` instead of its best label.
    summarizer : {"extractive", "lead", "transformer"}, default="extractive"
    summary_max_chars : int, default=150
    summary_max_sentences : int or None, default=None
    transformer_model : str or None, default=None
        Local path or hub name of a seq2seq model (``summarizer="transformer"``).
    transformer_options : dict
        Extra options for :class:`~newsnlp.summarize.TransformerSummarizer` (device, strategy …).
    keywords : {"tfidf", "textrank"}, default="tfidf"
    keywords_top_k : int, default=10
    disable : list of str
        Stages to skip, e.g. ``["summarize"]``.
    max_input_chars : int, default=4_000_000
        Texts longer than this many characters are refused with a clear error (E081) instead of
        being processed. (Called ``max_chars`` before 0.2, a name now kept for the summary
        budget, ``summary_max_chars``; ``max_chars=`` still works here, with a DeprecationWarning.)
    """

    layout: str = "auto"
    tokenizer_engine: str = "auto"
    user_dict: str | None = "default"
    classifier: str | None = "default"
    trust_pickle: bool = False
    topic_threshold: float | None = None
    summarizer: str = "extractive"
    summary_max_chars: int = 150
    summary_max_sentences: int | None = None
    transformer_model: str | None = None
    transformer_options: dict[str, Any] = field(default_factory=dict)
    keywords: str = "tfidf"
    keywords_top_k: int = 10
    disable: list[str] = field(default_factory=list)
    max_input_chars: int = 4_000_000
    max_chars: InitVar[int | None] = None  # deprecated spelling of max_input_chars

    def __post_init__(self, max_chars: int | None = None) -> None:
        if max_chars is not None:
            warnings.warn(_RENAMED.format(old="max_chars", new="max_input_chars"), DeprecationWarning, stacklevel=3)
            self.max_input_chars = max_chars
        self.disable = list(self.disable)
        for name in self.disable:
            if name not in STAGES or name == "segment":
                known = ", ".join(s for s in STAGES if s != "segment")
                raise ConfigError(Errors.E020.format(name=name, known=known))
        if self.summarizer not in SUMMARIZERS:
            raise ConfigError(Errors.E021.format(name=self.summarizer, known=", ".join(SUMMARIZERS)))
        if self.summarizer == "transformer" and not self.transformer_model and "summarize" not in self.disable:
            raise ConfigError(Errors.E025)
        for name in ("summary_max_chars", "max_chars", "max_input_chars"):
            value = getattr(self, name, None)
            if value is None or (name == "summary_max_chars" and isinstance(value, str)):
                continue  # not set, no budget, or a share such as "20%" (the summarizer checks it)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ConfigError(Errors.E055.format(name=name, value=value, expected="give a positive whole number"))
        if self.keywords not in KEYWORD_METHODS:
            known = ", ".join(KEYWORD_METHODS)
            raise ConfigError(Errors.E022.format(name=self.keywords, owner="keywords", known=known))

    @property
    def stages(self) -> list[str]:
        """The stages that run, in order."""
        skipped = set(self.disable)
        if self.classifier is None:
            skipped.add("classify")
        return [s for s in STAGES if s not in skipped]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PipelineConfig:
        data = dict(data)
        if "max_chars" in data:  # the old name of max_input_chars (a saved run.toml may have it)
            warnings.warn(_RENAMED.format(old="max_chars", new="max_input_chars"), DeprecationWarning, stacklevel=2)
            data.setdefault("max_input_chars", data.pop("max_chars"))
            data.pop("max_chars", None)
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ConfigError(Errors.E022.format(name=unknown[0], owner="PipelineConfig", known=", ".join(sorted(known))))
        return cls(**data)

    def to_toml(self) -> str:
        """The configuration as TOML (``None`` values are left out: TOML has no null)."""
        lines: list[str] = []
        tables: list[str] = []
        for key, value in self.to_dict().items():
            if value is None:
                continue
            if isinstance(value, dict):
                tables.append(f"\n[{key}]")
                tables.extend(f"{k} = {_toml_value(v)}" for k, v in value.items() if v is not None)
            else:
                lines.append(f"{key} = {_toml_value(value)}")
        return "\n".join(lines + tables) + "\n"

    @classmethod
    def from_toml(cls, source: str | Path) -> PipelineConfig:
        """Read a TOML file written by :meth:`to_toml` (missing keys take their defaults).

        Keys that a default sets but the file leaves out because they were ``None`` come back as
        ``None``: ``to_toml`` writes every non-``None`` key, so an absent key meant ``None``.
        """
        if sys.version_info >= (3, 11):
            import tomllib
        else:  # pragma: no cover - Python 3.10
            import tomli as tomllib
        try:
            data = tomllib.loads(Path(source).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise ConfigError(Errors.E073.format(path=source, reason=reason)) from None
        for f in fields(cls):
            if f.name not in data and f.default is not None and not isinstance(f.default, dict):
                optional = "None" in str(f.type)
                if optional:
                    data[f.name] = None
        return cls.from_dict(data)


def _toml_value(value: Any) -> str:
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise ConfigError(Errors.E024.format(type=type(value).__name__))
