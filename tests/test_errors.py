"""Error messages: codes are unique templates in one place, and each says how to fix things."""

from __future__ import annotations

import re
from pathlib import Path

import newsnlp
from newsnlp.errors import Errors

SRC = Path(newsnlp.__file__).resolve().parent


def test_errors_codes_are_prefixed_and_unique() -> None:
    codes = [name for name in vars(Errors) if re.fullmatch(r"E\d{3}", name)]
    assert len(codes) == len(set(codes)) > 30
    assert Errors.E001.startswith("[E001] ")


def test_errors_no_inline_codes_outside_the_catalogue() -> None:
    inline = [
        f"{path.relative_to(SRC)}:{number}"
        for path in SRC.rglob("*.py")
        if path.name != "errors.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"[\"']\[E\d{3}\]", line)
    ]
    assert inline == []
