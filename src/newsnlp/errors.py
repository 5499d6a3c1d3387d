"""Errors newsnlp raises on purpose.

Every error a user can cause derives from one root, so callers (and the CLI) can catch it::

    NewsNLPError
    ├── InputError(NewsNLPError, ValueError)          bad text, file, encoding or column
    ├── ModelFileError(NewsNLPError, ValueError)      not a newsnlp model, wrong version, untrusted
    ├── NotFittedError(NewsNLPError, ValueError, AttributeError)
    ├── ConfigError(NewsNLPError, ValueError)         unknown stage, option or summarizer name
    ├── OutputError(NewsNLPError, OSError)            the output cannot be written (exit code 1)
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
    "OutputError",
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
    E105 = "--pages must be 0 or more (got {value}); 0 leaves the page views out."
    E106 = "Line {line} of {path} is not a newsnlp record: it has neither 'articles' nor 'error' (fields: {fields}). Give the output of `newsnlp run -o OUT.jsonl`; the pages it was made from go to --text."
    E107 = "No records to report on in {source}; give the output of `newsnlp run -o OUT.jsonl`."
    E108 = "Cannot write the report to {path}: {reason}."
    E109 = "A report is made of newsnlp records (dicts as `newsnlp run` writes them) or Issues; got {type}."
    E062 = "--resume needs an output file or folder (-o), not standard output."
    E063 = "--resume into one file needs --format jsonl; for md or csv write to a folder (-o out_dir/)."
    E064 = "A worker process died twice while processing {item} (killed, or out of memory); it was left out. Process it alone, or give the machine more memory."
    E065 = "-o {output} is the same file as the input {input}; writing it would destroy the input. Choose another output path."
    E066 = "{path} already exists; pass --force to overwrite it{resume}."
    E067 = "{path} is not a regular file ({kind}); newsnlp reads only regular files. Pipe it in as standard input with '-' instead."
    E068 = "Cannot write {path}: {reason}."
    E069 = "{what} needs a regular file as output, and {path} is {kind}."
    E070 = "Record {line} of {path} cannot be read: {reason}."
    E071 = "Processing failed unexpectedly ({kind}: {message}); this document was left out and the batch went on. Please report it with the input."
    E073 = "Cannot read the configuration file {path}: {reason}."
    E074 = "--glob {pattern!r}: patterns are matched inside the folders given; give a relative pattern such as '*.txt' and pass the folder as an input."
    E075 = "Could not decode {path}: it is not UTF-8 ({detail}), and neither GB18030/GBK, Big5, UTF-16 nor Latin-1 gives readable text."
    E076 = "{path} holds {count} record(s) after the last input (the first is '{first}'): the input is shorter than the run being resumed. Delete them, or run without --resume."
    E077 = "interrupted after {written} record(s) written to {path}; run the same command with --resume to continue."
    E078 = "Could not write {path} after {written} record(s): {reason}. Fix the cause (free space, permissions), then run the same command with --resume."
    E079 = "interrupted; {path} was left as it was (nothing written)."
    E080 = "--workers {value}: give a number of worker processes of at least 1, or -1 for every CPU."
    E081 = "The text is {size} characters long, over the limit of {limit} characters (raise max_input_chars to process it)."
    E082 = "Line {line} of {path} cannot be parsed ({reason}): most likely a quote opened on that line is never closed. Close or double the quote (\"\"), or remove it."
    E083 = "{option} {value!r}: without a header line (--no-header), name fields by number, 1 being the first column (e.g. --text-field 2 --label-field 1)."
    E084 = "Line {line} of {path} has {count} field(s) separated by {delimiter}; {option} {value} asks for a field it does not have."
    E085 = "{path} is JSON Lines, whose records name their own fields; --no-header is for delimited text (.csv, .tsv, .txt)."
    E110 = "{path} has no text layer (a scanned page?): run OCR first, e.g. `ocrmypdf --language chi_sim {path} out.pdf`, then read out.pdf."
    E111 = "{path}: {share:.0%} of its characters extract as (cid:…) or private-use codes (fonts without a Unicode map), so its text cannot be read. Run OCR on it (e.g. `ocrmypdf --force-ocr --language chi_sim`) or get a PDF with searchable text."
    E112 = "{path} is encrypted and needs a password to open. Decrypt it first (e.g. `qpdf --decrypt --password=PASSWORD {path} out.pdf`)."
    E113 = "{path} is damaged or not a PDF ({reason}). Re-download or re-export it, or try repairing it with `qpdf {path} out.pdf`."
    E114 = "{path} has {pages} pages, over the limit of {limit}; split it (e.g. `qpdf --split-pages {path} page.pdf`) or pass a higher max_pages to newsnlp.read_pdf."
    E115 = "Page {page} of {path} holds {chars} characters, over the limit of {limit} per page; it is not a newspaper page (raise max_page_chars to read it anyway)."
    E116 = "Got the path {path}; a pipeline reads .pdf paths (os.PathLike) or text as a str. Read other files first, e.g. newsnlp.io.read_text_file(path)[0]."
    E056 = "Model '{model}' needs {needed} input tokens for its prompt alone, but its window is {window}; raise max_input_tokens or shorten the prefix."
    E090 = "--engine ray needs Ray, which is not installed. Install it with: pip install 'newsnlp[ray]'"
    E091 = "{path} is a file; the Ray engine writes part files into a folder: give -o OUT_DIR/."
    E092 = "{path} has no manifest.json, so it is not the output folder of `newsnlp run --engine ray`; give the folder passed to -o there."
    E093 = "{missing} of {total} shards in {path} are not done yet (first: {first}); finish them with the same `newsnlp run ... --engine ray --resume -o {path}/` command, then merge."
    E094 = "gpu_workers (CLI: --gpu-workers) runs the transformer summarizer as its own stage; it needs --summarizer transformer with the summarize stage on."
    E095 = "--engine ray writes one part file per shard into a folder: give -o OUT_DIR/ (then `newsnlp merge OUT_DIR -o all.jsonl`)."
    E096 = "--engine ray writes JSONL parts; drop --format {format} (merge gives all.jsonl, the same bytes as a local run)."
    E097 = "Invalid shard size {value!r}; give a positive number of lines per shard (e.g. --shard-size 1000)."
    E098 = "The Ray run stopped: {reason}. The parts already written are kept: run the same command with --resume to finish."
    E100 = "Cannot use the line-break model {path}: {reason}. Reinstall newsnlp, or rebuild the model with python models/build_break_model.py."
    E101 = "Cannot use the article-start model {path}: {reason}. Reinstall newsnlp, or rebuild the model with python models/build_start_model.py."


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


class OutputError(NewsNLPError, OSError):
    """The output could not be written (disk full, read-only, permissions): exit code 1, not 2."""

    exit_code = 1


class MissingDependencyError(NewsNLPError, ImportError):
    """An optional extra (for example ``newsnlp[transformer]``) is not installed."""
