"""The output folder of a sharded run: a manifest, one part file and one done marker per shard.

::

    OUT_DIR/manifest.json            the shards in input order and the run's fingerprint
    OUT_DIR/part-<id>.jsonl          the records of one shard, in input order
    OUT_DIR/part-<id>.done           written after the part: its size and the shard's report
    OUT_DIR/.part-<id>.jsonl.*.tmp   a part being written (renamed into place when whole)

A part appears whole or not at all (written to a temporary name, flushed, renamed), and its done
marker is written after it, so a run killed at any moment leaves only parts that are whole; a
shard counts as done only when its marker names the part's exact size. Shard ids include the
fingerprint, so parts of another configuration are never mistaken for this run's. Nothing here
imports Ray: workers on any engine, and ``newsnlp merge``, use it.
"""

from __future__ import annotations

import json
import os
import uuid
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newsnlp.batch import BatchReport
from newsnlp.engines.shards import Shard
from newsnlp.errors import Errors, InputError

__all__ = ["MANIFEST", "OutputFolder", "PartWriter", "report_from_dict", "report_to_dict"]

MANIFEST = "manifest.json"
FORMAT_VERSION = 1


def report_to_dict(report: BatchReport) -> dict[str, Any]:
    """A shard's report as JSON (counters as pairs, so their order survives)."""
    return {
        "documents": report.documents,
        "articles": report.articles,
        "errors": report.errors,
        "characters": report.characters,
        "seconds": round(report.seconds, 6),
        "topics": list(report.topics.items()),
        "encodings": list(report.encodings.items()),
        "failed_ids": list(report.failed_ids),
    }


def report_from_dict(data: dict[str, Any]) -> BatchReport:
    return BatchReport(
        documents=data["documents"],
        articles=data["articles"],
        errors=data["errors"],
        characters=data["characters"],
        seconds=data["seconds"],
        topics=Counter(dict(data["topics"])),
        encodings=Counter(dict(data["encodings"])),
        failed_ids=list(data.get("failed_ids", [])),
    )


def add_reports(total: BatchReport, part: BatchReport) -> None:
    """Add ``part`` into ``total``; counters keep the order in which keys first appeared."""
    total.documents += part.documents
    total.articles += part.articles
    total.errors += part.errors
    total.characters += part.characters
    total.seconds += part.seconds
    total.topics.update(part.topics)
    total.encodings.update(part.encodings)
    room = BatchReport.FAILED_SHOWN - len(total.failed_ids)
    total.failed_ids.extend(part.failed_ids[: max(room, 0)])


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    with tmp.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


class PartWriter:
    """Writes one shard's records to a temporary file; :meth:`commit` renames it and marks it done."""

    def __init__(self, folder: OutputFolder, shard: Shard) -> None:
        self.folder = folder
        self.shard = shard
        self.target = folder.part_path(shard.id)
        self.tmp = self.target.with_name(f".{self.target.name}.{uuid.uuid4().hex[:8]}.tmp")
        self._handle = self.tmp.open("wb")
        self.bytes = 0

    def write(self, text: str) -> None:
        data = text.encode("utf-8")
        self._handle.write(data)
        self.bytes += len(data)

    def commit(self, report: BatchReport) -> None:
        self._handle.flush()
        os.fsync(self._handle.fileno())
        self._handle.close()
        os.replace(self.tmp, self.target)
        marker = {"id": self.shard.id, "bytes": self.bytes, "report": report_to_dict(report)}
        _write_atomic(self.folder.done_path(self.shard.id), json.dumps(marker).encode("utf-8"))

    def abort(self) -> None:
        self._handle.close()
        self.tmp.unlink(missing_ok=True)


class OutputFolder:
    """``OUT_DIR`` of a sharded run."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def part_path(self, shard_id: str) -> Path:
        return self.path / f"part-{shard_id}.jsonl"

    def done_path(self, shard_id: str) -> Path:
        return self.path / f"part-{shard_id}.done"

    # -- the manifest -------------------------------------------------------------------------
    def write_manifest(self, shards: list[Shard], fingerprint: str, settings: dict[str, Any]) -> None:
        self.path.mkdir(parents=True, exist_ok=True)
        manifest = {
            "format": FORMAT_VERSION,
            "fingerprint": fingerprint,
            "settings": settings,
            "shards": [shard.to_dict() for shard in shards],
        }
        _write_atomic(self.path / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=0).encode("utf-8"))

    def read_manifest(self) -> dict[str, Any] | None:
        path = self.path / MANIFEST
        if not path.is_file():
            return None
        return json.loads(path.read_text(encoding="utf-8"))

    def shards(self) -> list[Shard]:
        manifest = self.read_manifest()
        if manifest is None:
            raise InputError(Errors.E092.format(path=self.path))
        return [Shard.from_dict(data) for data in manifest["shards"]]

    # -- done markers -------------------------------------------------------------------------
    def marker(self, shard: Shard) -> dict[str, Any] | None:
        """The done marker of a finished shard whose part is whole; ``None`` otherwise."""
        try:
            marker = json.loads(self.done_path(shard.id).read_text(encoding="utf-8"))
            size = self.part_path(shard.id).stat().st_size
        except (OSError, ValueError):
            return None
        if marker.get("id") != shard.id or marker.get("bytes") != size:
            return None
        return marker

    def is_done(self, shard: Shard) -> bool:
        return self.marker(shard) is not None

    # -- housekeeping -------------------------------------------------------------------------
    def our_files(self) -> Iterable[Path]:
        if not self.path.is_dir():
            return []
        return [p for p in self.path.iterdir() if p.name.startswith(("part-", ".part-")) or p.name == MANIFEST]

    def prepare(self, shards: list[Shard], *, resume: bool) -> tuple[int, int]:
        """Make the folder ready for ``shards``; return ``(temporary files removed, stale parts removed)``.

        Without ``resume`` every earlier part is removed (a fresh run, like a truncated output
        file). With it, leftover temporary files go, and so do parts of shards this run does not
        have: made from other input content or under another fingerprint (model, configuration,
        newsnlp version). Parts of this run's shards stay.
        """
        self.path.mkdir(parents=True, exist_ok=True)
        keep = {shard.id for shard in shards}
        temporary = stale = 0
        for path in self.our_files():
            if path.name.startswith(".part-"):
                path.unlink(missing_ok=True)
                temporary += 1
            elif path.name.startswith("part-"):
                shard_id = path.name[len("part-"):].rsplit(".", 1)[0]
                if not resume or shard_id not in keep:
                    path.unlink(missing_ok=True)
                    stale += path.suffix == ".jsonl" and resume
        return temporary, stale

    def remove_temporary(self) -> int:
        """Remove the temporary files of attempts that died (call when no worker is writing)."""
        removed = 0
        for path in self.our_files():
            if path.name.startswith(".part-"):
                path.unlink(missing_ok=True)
                removed += 1
        return removed

    # -- merging ------------------------------------------------------------------------------
    def merge(self, output: str | Path) -> BatchReport:
        """Concatenate every part in input order into ``output`` (written whole, then renamed).

        Raises :class:`InputError` when a shard is not done yet. The report sums the shards'
        reports; its time is the workers' processing time, summed.
        """
        shards = self.shards()
        markers = [self.marker(shard) for shard in shards]
        missing = [shard for shard, marker in zip(shards, markers) if marker is None]
        if missing:
            raise InputError(Errors.E093.format(missing=len(missing), total=len(shards), path=self.path, first=missing[0].label))
        report = BatchReport()
        target = Path(output)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.tmp")
        try:
            with tmp.open("wb") as out:
                for shard, marker in zip(shards, markers):
                    assert marker is not None
                    with self.part_path(shard.id).open("rb") as part:
                        while chunk := part.read(1 << 20):
                            out.write(chunk)
                    add_reports(report, report_from_dict(marker["report"]))
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return report
