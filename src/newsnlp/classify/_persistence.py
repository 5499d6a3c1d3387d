"""Saving and loading topic models with skops, without running untrusted code.

A model file is a skops archive holding a dict::

    {"format": "newsnlp-topic-model", "format_version": 1, "newsnlp_version": ...,
     "sklearn_version": ..., "classes": [...], "metadata": {...}, "model": TopicClassifier}

Loading first lists the types the archive would build (``skops.io.get_untrusted_types``) and
refuses any that is not on :data:`TRUSTED_TYPES`, an explicit allow-list of the scikit-learn,
NumPy, SciPy and newsnlp types a topic model is made of. Function references are allowed only
where named there, so a tampered file cannot smuggle in ``os.system`` or a foreign class. Pickle
files are refused unless the caller passes ``trust_pickle=True``.
"""

from __future__ import annotations

import pickle
import zipfile
from pathlib import Path
from typing import Any

from newsnlp.classify._model_checks import check_zip_directory
from newsnlp.errors import Errors, ModelFileError

__all__ = ["FORMAT_NAME", "FORMAT_VERSION", "TRUSTED_TYPES", "load_model", "save_model"]

FORMAT_NAME = "newsnlp-topic-model"
FORMAT_VERSION = 1

#: Every type a saved TopicClassifier may contain beyond skops' own defaults. Nothing else loads.
TRUSTED_TYPES: frozenset[str] = frozenset(
    {
        "newsnlp.classify._classifier.TopicClassifier",
        "newsnlp.classify._features.CharNgrams",
        "newsnlp.classify._features.NewsVectorizer",
        "newsnlp.classify._features.WordNgrams",
        "newsnlp.text.tokenize.Tokenizer",
        "sklearn.calibration._CalibratedClassifier",
        "sklearn.calibration._SigmoidCalibration",
        "sklearn.calibration.CalibratedClassifierCV",
        "sklearn.feature_extraction.text.CountVectorizer",
        "sklearn.feature_extraction.text.TfidfTransformer",
        "sklearn.linear_model._logistic.LogisticRegression",
        "sklearn.model_selection._split.StratifiedKFold",
        "sklearn.svm._classes.LinearSVC",
        "numpy.float64",
        "numpy.int64",
        "numpy.ndarray",
        "numpy.dtype",
        "numpy.str_",
        "builtins.str",
        "builtins.int",
        "builtins.float",
        "builtins.bool",
        "builtins.dict",
        "builtins.list",
        "builtins.tuple",
    }
)

_PICKLE_SUFFIXES = (".pkl", ".pickle", ".joblib", ".pck")


def _newsnlp_version() -> str:
    try:
        from importlib.metadata import version

        return version("newsnlp")
    except Exception:
        return "unknown"


def save_model(model: Any, path: str | Path, *, metadata: dict[str, Any] | None = None) -> Path:
    """Write ``model`` to ``path`` as a newsnlp skops model file; return the path."""
    import sklearn
    import skops.io as sio

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "newsnlp_version": _newsnlp_version(),
        "sklearn_version": sklearn.__version__,
        "classes": [str(c) for c in model.classes_],
        "metadata": dict(metadata or {}),
        "model": model,
    }
    tmp = target.with_name(f".{target.name}.partial")
    sio.dump(payload, tmp, compression=zipfile.ZIP_DEFLATED, compresslevel=6)
    _canonicalize(tmp)
    tmp.replace(target)
    return target


def _canonicalize(path: Path) -> None:
    """Rewrite the archive so equal models give equal bytes.

    skops names array members and memo ids after ``id(obj)`` (memory addresses) and stamps the
    current time; both are replaced by their order of first appearance and a fixed date.
    """
    import io
    import re

    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    schema = members.pop("schema.json").decode("utf-8")
    order: dict[str, str] = {}
    for number in re.findall(r'"__id__": (\d+)', schema):
        order.setdefault(number, str(len(order) + 1))

    def renumber(match: re.Match[str]) -> str:
        return match.group(0).replace(match.group(2), order.get(match.group(2), match.group(2)))

    schema = re.sub(r'("__id__": )(\d+)', renumber, schema)
    schema = re.sub(r'("file": ")(\d+)(?=\.npy")', renumber, schema)
    renamed = {"schema.json": schema.encode("utf-8")}
    for name, data in members.items():
        stem = name[: -len(".npy")] if name.endswith(".npy") else None
        renamed[f"{order.get(stem, stem)}.npy" if stem is not None else name] = data
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for name in sorted(renamed):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            out.writestr(info, renamed[name], compresslevel=6)
    path.write_bytes(buffer.getvalue())


def _looks_like_pickle(path: Path, head: bytes) -> bool:
    # Protocol 2+ pickles start with PROTO (0x80) and a protocol number 2..5.
    return path.suffix.lower() in _PICKLE_SUFFIXES or (len(head) >= 2 and head[0] == 0x80 and 2 <= head[1] <= 5)


def _load_pickle(path: Path) -> Any:
    with path.open("rb") as handle:
        return pickle.load(handle)  # noqa: S301 - only with trust_pickle=True


def _check_payload(path: Path, payload: Any) -> Any:
    from newsnlp.classify._classifier import TopicClassifier

    if isinstance(payload, TopicClassifier):
        return payload
    if not isinstance(payload, dict) or payload.get("format") != FORMAT_NAME:
        reason = f"it holds a {type(payload).__name__}, not a newsnlp topic model"
        raise ModelFileError(Errors.E040.format(path=path, reason=reason))
    found = payload.get("format_version")
    if found != FORMAT_VERSION:
        raise ModelFileError(Errors.E041.format(path=path, found=found, expected=FORMAT_VERSION))
    model = payload.get("model")
    if not isinstance(model, TopicClassifier):
        reason = f"its model entry is a {type(model).__name__}, not a TopicClassifier"
        raise ModelFileError(Errors.E040.format(path=path, reason=reason))
    model.model_info_ = {k: v for k, v in payload.items() if k != "model"}
    return model


def read_model_payload_types(path: str | Path) -> list[str]:
    """The types a skops model file would build that skops does not trust by default."""
    import skops.io as sio

    return list(sio.get_untrusted_types(file=path))


def load_model(path: str | Path, *, trust_pickle: bool = False) -> Any:
    """Load a TopicClassifier saved by :func:`save_model`.

    Raises
    ------
    ModelFileError
        The file is missing, a pickle without ``trust_pickle``, not a skops archive, a zip whose
        members would expand beyond the limits (E045), a skops file of some other object, a model of another format version, or holds untrusted types.
    """
    p = Path(path)
    if not p.is_file():
        raise ModelFileError(Errors.E043.format(path=path))
    with p.open("rb") as handle:
        head = handle.read(4)
    if _looks_like_pickle(p, head):
        if not trust_pickle:
            raise ModelFileError(Errors.E042.format(path=path))
        try:
            payload = _load_pickle(p)
        except Exception as exc:
            raise ModelFileError(Errors.E040.format(path=path, reason=f"unreadable pickle: {exc}")) from exc
        return _check_payload(p, payload)
    if not zipfile.is_zipfile(p):
        raise ModelFileError(Errors.E040.format(path=path, reason="it is not a skops archive (not a zip file)"))
    check_zip_directory(p)  # declared sizes first: skops would read a 3 GB schema.json whole
    with zipfile.ZipFile(p) as archive:
        if "schema.json" not in archive.namelist():
            raise ModelFileError(Errors.E040.format(path=path, reason="a zip archive without a skops schema.json"))
    try:
        untrusted = read_model_payload_types(p)
    except Exception as exc:
        raise ModelFileError(Errors.E040.format(path=path, reason=f"unreadable skops schema: {exc}")) from exc
    refused = sorted(t for t in untrusted if t not in TRUSTED_TYPES)
    if refused:
        raise ModelFileError(Errors.E044.format(path=path, types=", ".join(refused)))
    import skops.io as sio

    try:
        payload = sio.load(p, trusted=list(untrusted))
    except Exception as exc:
        raise ModelFileError(Errors.E040.format(path=path, reason=f"skops could not load it: {exc}")) from exc
    return _check_payload(p, payload)
