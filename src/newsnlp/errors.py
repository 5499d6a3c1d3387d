"""Errors newsnlp raises on purpose.

Every error a user can cause derives from one root, so callers (and the CLI) can catch it::

    NewsNLPError
    ├── InputError(NewsNLPError, ValueError)          bad text, file, encoding or column
    ├── ModelFileError(NewsNLPError, ValueError)      not a newsnlp model, wrong version, untrusted
    ├── NotFittedError(NewsNLPError, ValueError, AttributeError)
    ├── ConfigError(NewsNLPError, ValueError)         unknown stage, option or summarizer name
    └── MissingDependencyError(NewsNLPError, ImportError)   an optional extra is not installed

Messages are ``[E0xx]`` templates in :class:`Errors` that say how to fix the problem.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "Errors",
    "InputError",
    "MissingDependencyError",
    "ModelFileError",
    "NewsNLPError",
    "NotFittedError",
]


class _ErrorCodes(type):
    """Prefix every message template with its code: ``E001 = "..."`` reads ``[E001] ...``."""

    def __getattribute__(cls, code: str) -> str:
        message = super().__getattribute__(code)
        if code.startswith("E") and code[1:].isdigit():
            return f"[{code}] {message}"
        return message


class Errors(metaclass=_ErrorCodes):
    E001 = "Expected text as a str, got {type}."
    E002 = "Expected an iterable of texts, got a bare str; wrap a single text in a list."
    E026 = "Expected an iterable for '{name}', got None."
    E003 = "No such file or folder: {path}."
    E004 = "Could not decode {path}: it is not UTF-8, GB18030/GBK or UTF-16 text."
    E005 = "{path} looks like a binary file, not text."
    E006 = "The input text is empty or blank."
    E007 = "{path} is {size} bytes, over the limit of {limit} bytes (raise max_bytes to read it)."
    E008 = "{path} is a folder; pass --recursive or a file."
    E009 = "Give input files or folders, or --input F.jsonl."
    E010 = "Line {line} of {path} is not valid JSON: {reason}."
    E011 = "Record {line} of {path} has no field '{field}'; fields present: {fields}."
    E012 = "Field '{field}' of record {line} in {path} is not text (got {type})."
    E013 = "Column '{field}' is not in {path}; columns present: {fields}."
    E020 = "Unknown pipeline stage '{name}'; known stages: {known}."
    E021 = "Unknown summarizer '{name}'; choose one of: {known}."
    E022 = "Unknown option '{name}' for {owner}; known options: {known}."
    E023 = "Stage '{name}' returned {type} instead of the Issue it was given."
    E024 = "Cannot write {type} to TOML."
    E025 = "summarizer='transformer' needs transformer_model: a local model folder or a Hugging Face model name (CLI: --model)."
    E030 = "This {name} is not fitted yet; call fit() first."
    E031 = "Need at least two labels to train; got {labels}."
    E032 = "Label '{label}' has {count} example(s); each label needs at least {needed} for {purpose}."
    E033 = "Got {n_texts} texts but {n_labels} labels; they must have the same length."
    E034 = "All training texts are empty."
    E040 = "{path} is not a newsnlp model file ({reason})."
    E041 = "{path} was saved by newsnlp model format {found}; this version reads format {expected}. Retrain with `newsnlp train` or install a matching newsnlp."
    E042 = "{path} is a pickle file; pickles can run arbitrary code when loaded. Pass trust_pickle=True (CLI: --trust-pickle) only if you made the file yourself."
    E043 = "No model file at {path}."
    E044 = "{path} contains types that are not trusted: {types}."
    E045 = "{path} is refused: {member} would expand to {size:,} bytes ({reason}), a possible compression bomb. Use a model file written by newsnlp (`newsnlp train`, CompiledTopicModel.save)."
    E046 = "{path} names the user dictionary {value!r}, which is neither stored in the model file nor shipped with newsnlp; a model file may only name: {known}. Re-save the model with CompiledTopicModel.from_classifier(...).save(...), which stores its dictionary inside."
    E047 = "The model folder {path} cannot be used: {what}. Pass the folder that holds the model's config.json, weights and tokenizer files, or a Hugging Face model name such as 'org/model'."
    E048 = "{path} is not a complete model folder: it lacks {missing} (found: {found}). A model folder needs config.json, the weights (model.safetensors or pytorch_model.bin) and the tokenizer files (tokenizer.json or tokenizer_config.json with its vocabulary), as save_pretrained() writes them."
    E050 = "The optional dependency '{package}' is missing. Install it with: pip install 'newsnlp[{extra}]'"
    E051 = "Model '{model}' is not on this machine and could not be downloaded ({reason}). Download it where you have network access and pass its local folder path (e.g. --model /path/to/{model_dir})."
    E052 = "Unknown long-input strategy '{name}'; choose one of: truncate, lead, chunk."
    E035 = "TopicClassifier parameter {name}={value!r} is invalid; expected {expected}."
    E036 = "Record {line} of {path} has an empty label in field '{field}'; label every training text or drop the record."
    E037 = "--cv must be an integer of at least 2 (got {cv}); leave it out to skip cross-validation."
    E038 = "-o {path}: name the trained model MODEL.skops; newsnlp train writes its compiled form MODEL.npz beside it."
    E053 = "Invalid summary budget {name}={value!r}; give a positive int (e.g. 150) or a percentage string such as '20%'."
    E054 = "Got {n_articles} articles but {n_analyses} analyses; pass one analysis per article (or none)."
    E055 = "Invalid {name}={value!r}; {expected}."
    E060 = "The text is too deeply nested to process."
    E061 = "Cannot resume: record {number} of {path} is '{expected}' but the input at that position is '{found}'. Run with the same inputs, or drop --resume."
    E062 = "--resume needs an output file or folder (-o), not standard output."
    E063 = "--resume into one file needs --format jsonl; for md or csv write to a folder (-o out_dir/)."
    E056 = "Model '{model}' needs {needed} input tokens for its prompt alone, but its window is {window}; raise max_input_tokens or shorten the prefix."


class NewsNLPError(Exception):
    """Root of every error newsnlp raises on purpose."""


class InputError(NewsNLPError, ValueError):
    """The caller's text, file, encoding or column cannot be used."""


class ModelFileError(NewsNLPError, ValueError):
    """A model file is missing, foreign, of another format version, or not trusted."""


class NotFittedError(NewsNLPError, ValueError, AttributeError):
    """An estimator was used before ``fit``."""


class ConfigError(NewsNLPError, ValueError):
    """An unknown stage, option or component name."""


class MissingDependencyError(NewsNLPError, ImportError):
    """An optional extra (for example ``newsnlp[transformer]``) is not installed."""
