"""Strings that cannot be written as UTF-8: lone surrogates in text, ids and file names.

JSON allows ``"\\ud800"`` (half of a UTF-16 pair) and Python keeps it as a lone surrogate; a
file name with bytes that are not UTF-8 comes back from the file system with such surrogates
too (``surrogateescape``). Neither can be encoded as UTF-8, so the tokenizer and every writer
would fail on them. Texts get U+FFFD in their place (one character for one, so every offset
stays right); names show the raw bytes as ``\\xff`` escapes, so two such names stay apart.
"""

from __future__ import annotations

import os
import re

__all__ = ["escape_lone_surrogates", "printable_name", "replace_lone_surrogates"]

_SURROGATE = re.compile("[\ud800-\udfff]")


def replace_lone_surrogates(text: str) -> tuple[str, int]:
    """``text`` with every lone surrogate replaced by U+FFFD, and how many there were."""
    if _SURROGATE.search(text) is None:
        return text, 0
    return _SURROGATE.subn("\ufffd", text)


def printable_name(name: str) -> str:
    """A file name (or id) that encodes as UTF-8: undecodable bytes shown as ``\\xNN``."""
    if _SURROGATE.search(name) is None:
        return name
    raw = os.fsencode(name) if all(0xDC80 <= ord(c) <= 0xDCFF for c in _SURROGATE.findall(name)) else None
    if raw is not None:
        return raw.decode("utf-8", "backslashreplace")
    return name.encode("utf-8", "backslashreplace").decode("utf-8")


def escape_lone_surrogates(text: str) -> str:
    """``text`` with each lone surrogate written as its escape (``\\ud800``): ids stay distinct."""
    if _SURROGATE.search(text) is None:
        return text
    return text.encode("utf-8", "backslashreplace").decode("utf-8")
