"""Where a transformer model comes from, checked before transformers is asked (issue 10 item 5).

- A name that is a path (``/models/mt5``, ``./mt5``, ``~/m``, ``C:\\m``, anything that exists
  on disk) must be a folder: else "no such folder", not a hub error about repo ids.
- A model folder must hold a configuration, weights and tokenizer files: an empty or partial
  folder is named with what is missing (not a tokenizer traceback).
- A hub name is only looked up online when the hub answers at once: with ``HF_HUB_OFFLINE`` (or
  ``TRANSFORMERS_OFFLINE``) set, or no connection within a second, only the local cache is
  tried, so a machine without network fails in a moment instead of after a minute of retries.
"""

from __future__ import annotations

import os
import re
import socket
import threading
from pathlib import Path
from urllib.parse import urlparse

from newsnlp.errors import Errors, ModelFileError

__all__ = ["check_model_folder", "env_offline", "hub_reachable", "is_path_like"]

# A hub repo id: "name" or "org/name" of letters, digits, - _ . (no leading separator or dots).
_REPO_ID = re.compile(r"^[A-Za-z0-9][\w.-]*(?:/[A-Za-z0-9][\w.-]*)?$")

_CONFIG = ("config.json",)
_WEIGHTS = (
    "model.safetensors",
    "model.safetensors.index.json",
    "pytorch_model.bin",
    "pytorch_model.bin.index.json",
    "tf_model.h5",
    "flax_model.msgpack",
)
_TOKENIZER = (
    "tokenizer.json",
    "tokenizer_config.json",
    "spiece.model",
    "sentencepiece.bpe.model",
    "vocab.txt",
    "vocab.json",
)


def is_path_like(name: str | os.PathLike[str]) -> bool:
    """Whether ``name`` means a folder on this machine rather than a hub repo id.

    >>> is_path_like("IDEA-CCNL/Randeng-Pegasus-238M-Summary-Chinese"), is_path_like("./models/mt5")
    (False, True)
    >>> is_path_like("/models/mt5"), is_path_like("~/mt5"), is_path_like("a/b/c")
    (True, True, True)
    """
    if isinstance(name, os.PathLike):
        return True
    text = str(name)
    return Path(text).expanduser().exists() or _REPO_ID.match(text) is None or ".." in text


def check_model_folder(folder: Path) -> None:
    """Refuse a path that is not a folder, or a folder without a model's files (E047, E048)."""
    if not folder.is_dir():
        what = "it is a file, not a folder" if folder.exists() else "no such folder"
        raise ModelFileError(Errors.E047.format(path=folder, what=what))
    names = {p.name for p in folder.iterdir()}
    missing = [
        label
        for label, wanted in (
            ("config.json", _CONFIG),
            ("weights (" + " or ".join(_WEIGHTS[:3]) + ")", _WEIGHTS),
            ("tokenizer files (" + " or ".join(_TOKENIZER[:3]) + ")", _TOKENIZER),
        )
        if not names.intersection(wanted)
    ]
    if missing:
        found = ", ".join(sorted(names)[:8]) or "nothing"
        raise ModelFileError(Errors.E048.format(path=folder, missing="; ".join(missing), found=found))


def env_offline() -> bool:
    """Whether ``HF_HUB_OFFLINE`` or ``TRANSFORMERS_OFFLINE`` asks for no network."""
    return any(os.environ.get(v, "").strip().lower() in ("1", "true", "yes", "on") for v in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"))


def hub_reachable(timeout: float = 1.0) -> bool:
    """Whether a TCP connection to the hub (``HF_ENDPOINT`` or huggingface.co, port 443) opens
    within ``timeout`` seconds. Name resolution can hang on a machine without network, so the
    probe runs in a daemon thread and an unfinished probe counts as unreachable."""
    endpoint = urlparse(os.environ.get("HF_ENDPOINT") or "https://huggingface.co")
    host = endpoint.hostname or "huggingface.co"
    port = endpoint.port or (80 if endpoint.scheme == "http" else 443)
    result: list[bool] = []

    def probe() -> None:
        try:
            with socket.create_connection((host, port), timeout=timeout):
                result.append(True)
        except OSError:
            result.append(False)

    thread = threading.Thread(target=probe, daemon=True)
    thread.start()
    thread.join(timeout + 0.2)
    return bool(result and result[0])
