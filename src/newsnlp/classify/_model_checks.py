"""Checks a model file passes before anything in it is trusted (issue 14 item 9).

- :func:`check_zip_directory`: the sizes a zip archive (``.npz`` or skops) declares in its
  central directory, read before any member is decompressed: a file that would expand to more
  than :data:`MAX_EXPANDED_BYTES`, or a large member compressed beyond :data:`MAX_RATIO` (a
  deflate bomb; real model arrays compress 1-25x), is refused. Reading a member never yields
  more than its declared size, so these numbers bound the memory loading can take.
- :func:`read_npz_arrays`: each ``.npy`` member's header (dtype, shape) is read and checked
  against the member's declared size before the array is allocated; object arrays never load.
- :func:`validate_compiled`: every key of a compiled model's JSON header with its type, the set
  of arrays and each array's dtype and shape, so a bad file fails at load with a clear reason
  instead of with ``KeyError`` or ``IndexError`` in the middle of a batch.
- :func:`resolve_user_dict`: a model file may only name a user dictionary stored inside it or
  shipped with newsnlp, never a path elsewhere on the machine.
"""

from __future__ import annotations

import hashlib
import math
import tempfile
import zipfile
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from newsnlp.errors import Errors, ModelFileError

__all__ = [
    "EMBEDDED_USER_DICT",
    "MAX_EXPANDED_BYTES",
    "MAX_RATIO",
    "check_zip_directory",
    "read_npz_arrays",
    "resolve_user_dict",
    "validate_compiled",
]

#: Most bytes all members of a model archive may expand to (the shipped model: 9 MB).
MAX_EXPANDED_BYTES = 1 << 30
#: Highest compression ratio accepted for a member larger than :data:`_RATIO_FLOOR`.
MAX_RATIO = 100
_RATIO_FLOOR = 1 << 20
_MAX_MEMBERS = 10_000

#: ``tokenizer.user_dict`` value of a model whose dictionary is the ``user_dict`` array inside it.
EMBEDDED_USER_DICT = "embedded"


def check_zip_directory(path: Path) -> None:
    """Refuse an archive whose declared sizes are a compression bomb (reads the directory only)."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ModelFileError(Errors.E040.format(path=path, reason=f"not a readable zip archive: {exc}")) from exc
    if len(infos) > _MAX_MEMBERS:
        raise ModelFileError(Errors.E040.format(path=path, reason=f"{len(infos):,} archive members"))
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > _RATIO_FLOOR and ratio > MAX_RATIO:
            raise ModelFileError(
                Errors.E045.format(path=path, member=info.filename, size=info.file_size, reason=f"{ratio:,.0f}x compressed")
            )
    if total > MAX_EXPANDED_BYTES:
        raise ModelFileError(
            Errors.E045.format(path=path, member="all members", size=total, reason=f"over {MAX_EXPANDED_BYTES:,} bytes")
        )


def read_npz_arrays(path: Path) -> dict[str, np.ndarray]:
    """The arrays of an ``.npz`` archive, each checked against its declared size before it is read."""
    fmt = np.lib.format
    arrays: dict[str, np.ndarray] = {}
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            if not info.filename.endswith(".npy"):
                raise ModelFileError(Errors.E040.format(path=path, reason=f"unexpected member {info.filename!r}"))
            name = info.filename[: -len(".npy")]
            with archive.open(info) as member:
                try:
                    version = fmt.read_magic(member)
                    readers = {(1, 0): fmt.read_array_header_1_0, (2, 0): fmt.read_array_header_2_0}
                    if version not in readers:
                        raise ValueError(f"unsupported .npy version {version}")
                    shape, _, dtype = readers[version](member, max_header_size=10_000)
                except ValueError as exc:
                    raise ModelFileError(Errors.E040.format(path=path, reason=f"array {name!r}: {exc}")) from exc
                if dtype.hasobject:
                    raise ModelFileError(Errors.E040.format(path=path, reason=f"array {name!r} holds Python objects"))
                needed = math.prod(shape) * dtype.itemsize
                if needed > info.file_size:
                    reason = f"array {name!r} declares shape {shape} ({needed:,} bytes) in a {info.file_size:,}-byte member"
                    raise ModelFileError(Errors.E040.format(path=path, reason=reason))
            with archive.open(info) as member:
                arrays[name] = fmt.read_array(member, allow_pickle=False)
    return arrays


# -- the compiled model's header and arrays ------------------------------------------------------
def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _is_range(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        and 1 <= value[0] <= value[1] <= 20
    )


def _optional(check: Any) -> Any:
    return lambda value: value is None or check(value)


_TOKENIZER_KEYS = {
    "engine": lambda v: v in ("auto", "rjieba", "jieba"),
    "user_dict": lambda v: v is None or isinstance(v, str),
    "hmm": lambda v: isinstance(v, bool),
}

#: Each header key, and what its value must be (``format`` and ``format_version`` are checked first).
_HEADER_KEYS: dict[str, tuple[str, Any]] = {
    "format": ("a string", lambda v: isinstance(v, str)),
    "format_version": ("an int", lambda v: isinstance(v, int)),
    "kind": ("'svm-sigmoid' or 'logistic'", lambda v: v in ("svm-sigmoid", "logistic")),
    "word_ngram_range": ("a [low, high] pair of ints", _is_range),
    "char_ngram_range": ("null or a [low, high] pair of ints", _optional(_is_range)),
    "title_weight": ("a finite number", _is_number),
    "char_weight": ("a finite number", _is_number),
    "sublinear_tf": ("true or false", lambda v: isinstance(v, bool)),
    "char_max_chars": ("null or a positive int", _optional(lambda v: isinstance(v, int) and not isinstance(v, bool) and v > 0)),
    "threshold": ("null or a number in [0, 1]", _optional(lambda v: _is_number(v) and 0 <= v <= 1)),
    "unknown_label": ("a string", lambda v: isinstance(v, str)),
    "multi_label": ("true or false", lambda v: isinstance(v, bool)),
    "multi_label_threshold": ("a number in [0, 1]", lambda v: _is_number(v) and 0 <= v <= 1),
    "tokenizer": (
        "a mapping with engine, user_dict and hmm",
        lambda v: isinstance(v, dict) and set(v) == set(_TOKENIZER_KEYS) and all(c(v[k]) for k, c in _TOKENIZER_KEYS.items()),
    ),
}


def _bad(path: Path, reason: str) -> ModelFileError:
    return ModelFileError(Errors.E040.format(path=path, reason=reason))


def validate_compiled(path: Path, header: Any, arrays: Mapping[str, np.ndarray]) -> None:
    """Check a compiled model's header (every key, its type) and arrays (names, dtypes, shapes)."""
    if not isinstance(header, dict):
        raise _bad(path, f"its header is a {type(header).__name__}, not a mapping")
    missing = sorted(set(_HEADER_KEYS) - set(header))
    if missing:
        raise _bad(path, f"its header lacks {', '.join(missing)}")
    unknown = sorted(set(header) - set(_HEADER_KEYS))
    if unknown:
        raise _bad(path, f"its header has unknown keys {', '.join(unknown)}")
    for key, (expected, check) in _HEADER_KEYS.items():
        if not check(header[key]):
            raise _bad(path, f"header {key} is {header[key]!r}, expected {expected}")
    has_char = header["char_ngram_range"] is not None
    needed = {"classes", "coef", "intercept", "word_terms", "word_idf"}
    if has_char:
        needed |= {"char_terms", "char_idf"}
    if header["kind"] == "svm-sigmoid":
        needed |= {"calib_a", "calib_b"}
    optional = {"user_dict"} if header["tokenizer"]["user_dict"] == EMBEDDED_USER_DICT else set()
    missing = sorted(needed - set(arrays))
    if missing:
        raise _bad(path, f"arrays {', '.join(missing)} are missing")
    extra = sorted(set(arrays) - needed - optional)
    if extra:
        raise _bad(path, f"unexpected arrays {', '.join(extra)} for a {header['kind']} model")
    if optional - set(arrays):
        raise _bad(path, "its header names an embedded user dictionary but the user_dict array is missing")

    def expect(name: str, kind: str, shape: tuple[int, ...]) -> None:
        array = arrays[name]
        if array.dtype.kind not in kind or array.shape != shape:
            raise _bad(path, f"array {name} is {array.dtype} {array.shape}, expected {kind!r} dtype of shape {shape}")
        if array.dtype.kind == "f" and not np.isfinite(array).all():
            raise _bad(path, f"array {name} holds NaN or infinite values")

    classes = arrays["classes"]
    if classes.dtype.kind != "U" or classes.ndim != 1 or classes.shape[0] < 2:
        raise _bad(path, f"array classes is {classes.dtype} {classes.shape}, expected at least two labels")
    n_word = arrays["word_terms"].shape[0] if arrays["word_terms"].ndim == 1 else -1
    expect("word_terms", "U", (n_word,))
    expect("word_idf", "f", (n_word,))
    n_features = n_word
    if has_char:
        n_char = arrays["char_terms"].shape[0] if arrays["char_terms"].ndim == 1 else -1
        expect("char_terms", "U", (n_char,))
        expect("char_idf", "f", (n_char,))
        n_features += n_char
    rows = 1 if classes.shape[0] == 2 else classes.shape[0]
    expect("coef", "f", (rows, n_features))
    expect("intercept", "f", (rows,))
    if header["kind"] == "svm-sigmoid":
        expect("calib_a", "f", (rows,))
        expect("calib_b", "f", (rows,))
    if "user_dict" in arrays:
        expect("user_dict", "U", (arrays["user_dict"].shape[0] if arrays["user_dict"].ndim == 1 else -1,))


# -- the user dictionary a model names ------------------------------------------------------------
def _shipped_dictionaries() -> dict[str, Path]:
    folder = resources.files("newsnlp") / "resources"
    return {p.name: Path(str(p)) for p in folder.iterdir() if p.name.startswith("userdict") and p.name.endswith(".txt")}


def resolve_user_dict(path: Path, value: str | None, arrays: Mapping[str, np.ndarray]) -> str | None:
    """The ``user_dict`` to give the model's Tokenizer: ``None``, ``"default"``, a dictionary
    shipped with newsnlp (by file name), or the one stored in the model file (written once to a
    private file named by its hash). Anything else, such as ``/etc/passwd``, is refused."""
    if value is None or value == "default":
        return value
    if value == EMBEDDED_USER_DICT:
        lines = "\n".join(str(x) for x in arrays["user_dict"].tolist()) + "\n"
        data = lines.encode("utf-8")
        target = Path(tempfile.gettempdir()) / f"newsnlp-userdict-{hashlib.sha256(data).hexdigest()[:20]}.txt"
        if not target.is_file() or target.read_bytes() != data:
            partial = target.with_name(f"{target.name}.{id(data)}.partial")
            partial.write_bytes(data)
            partial.replace(target)
        return str(target)
    shipped = _shipped_dictionaries()
    if value in shipped:
        return str(shipped[value])
    known = ", ".join(["default", EMBEDDED_USER_DICT, *sorted(shipped)])
    raise ModelFileError(Errors.E046.format(path=path, value=value, known=known))
