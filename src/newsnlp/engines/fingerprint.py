"""The fingerprint of a run: what, besides the input, decides every byte of its records.

A part written under one fingerprint is only reused (``--resume``) by a run with the same one.
It covers the newsnlp version and source code, the configuration, and the content of every model
file the configuration names (the shipped resources, a topic model, a user dictionary, a local
transformer model folder). A hub name that is not a local path counts by its name.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from newsnlp.config import PipelineConfig

__all__ = ["fingerprint", "model_paths"]

_PACKAGE = Path(__file__).resolve().parents[1]


def model_paths(config: PipelineConfig) -> list[Path]:
    """Local files and folders whose content the configuration's records depend on."""
    paths = [_PACKAGE / "resources"]
    candidates = [config.classifier, config.user_dict]
    if config.summarizer == "transformer" and "summarize" not in config.disable:
        candidates.append(config.transformer_model)
    for value in candidates:
        if value and value != "default" and Path(value).exists():
            paths.append(Path(value))
    return paths


def _update_with_files(digest: hashlib._Hash, root: Path) -> None:
    files = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root]
    for path in files:
        if "__pycache__" in path.parts:
            continue
        digest.update(str(path.relative_to(root) if root.is_dir() else path.name).encode("utf-8", "surrogatepass"))
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)


def fingerprint(config: PipelineConfig) -> str:
    """A short hex digest of newsnlp's version and code, ``config`` and its model files."""
    from newsnlp import __version__

    digest = hashlib.blake2b(digest_size=10)
    digest.update(__version__.encode())
    for source in sorted(_PACKAGE.rglob("*.py")):
        if source.relative_to(_PACKAGE).parts[0] in ("engines", "cli"):
            continue  # how records are scheduled and printed does not change them
        digest.update(source.read_bytes())
    digest.update(json.dumps(config.to_dict(), sort_keys=True, ensure_ascii=False).encode("utf-8"))
    for path in model_paths(config):
        _update_with_files(digest, path)
    return digest.hexdigest()
