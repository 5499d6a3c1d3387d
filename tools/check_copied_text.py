"""Report passages of 32+ characters that a project file shares with ../shared/data.

The evaluation data beside the project must never be copied into it. This is the same test the
project's pre-stop hook runs, but on any files you name (tracked or not), so authors of corpora,
fixtures and examples can check their text before committing it.

Usage: python tools/check_copied_text.py FILE [FILE ...]
Exit code 1 when any shared passage is found.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

WINDOW = 32
RUN = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’…—,.;:!?()0-9]{" + str(WINDOW) + ",}")


def windows_of(paths: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for path in paths:
        text = Path(path).read_text(encoding="utf-8")
        for match in RUN.finditer(text):
            run = match.group()
            for i in range(0, len(run) - WINDOW + 1, 4):
                found.setdefault(run[i : i + WINDOW], path)
    return found


def main(argv: list[str]) -> int:
    shared = Path(__file__).resolve().parents[2] / "shared"
    if not shared.is_dir():
        print(f"no shared folder at {shared}: nothing to compare against")
        return 0
    mine = windows_of(argv)
    hits: dict[str, set[str]] = {}
    for root, _, names in os.walk(shared):
        for name in names:
            if not name.endswith((".txt", ".jsonl", ".json", ".tsv")):
                continue
            try:
                text = Path(root, name).read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue
            text = re.sub(r"\s+", "", text)
            for i in range(len(text) - WINDOW + 1):
                owner = mine.get(text[i : i + WINDOW])
                if owner:
                    hits.setdefault(owner, set()).add(text[i : i + WINDOW])
    for owner, passages in sorted(hits.items()):
        print(f"{owner}: {len(passages)} shared passages")
        for passage in sorted(passages)[:20]:
            print(f"  {passage}")
    return 1 if hits else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
