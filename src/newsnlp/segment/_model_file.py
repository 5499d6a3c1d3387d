"""Reading the segment package's small ``.npz`` model files (line breaks, article starts).

The unpacked size is taken from the zip directory before any array is read, so a tampered file
cannot make the loader allocate more than the model could ever need. Callers turn the
``ValueError``/``OSError``/``zipfile.BadZipFile`` raised here into their own model-file error.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np

__all__ = ["read_arrays"]


def read_arrays(path: Path, *, max_unpacked: int) -> dict[str, np.ndarray]:
    """Every array of the ``.npz`` at ``path``, refusing (``ValueError``) one that unpacks past ``max_unpacked``."""
    with zipfile.ZipFile(path) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > max_unpacked:
        raise ValueError(f"it would unpack to {unpacked:,} bytes (at most {max_unpacked:,})")
    with np.load(path, allow_pickle=False) as archive:
        return {name: archive[name] for name in archive.files}
