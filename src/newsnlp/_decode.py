"""Bytes to text for Chinese newspaper files: which encoding, and is the result readable text?

The order of decisions:

1. a byte-order mark (UTF-8, UTF-16, UTF-32) decides;
2. strict UTF-8 decides;
3. data with zero bytes (the high bytes of ASCII characters and line breaks in UTF-16) is
   tried as UTF-16 without a mark, little- and big-endian, and kept when it reads as text;
4. other zero bytes mean binary data;
5. UTF-8 with at most 0.1 % of its bytes undecodable is UTF-8: those bytes become U+FFFD and
   a note says how many and where the first one was;
6. otherwise every candidate that decodes (GB18030, Big5, UTF-8 with replacement, Latin-1 as
   cp1252, charset-normalizer's guess) is scored by how much of it is *plausible* text:
   ASCII, common simplified or traditional characters, CJK punctuation, Latin-1 letters.
   Decoding Big5 bytes as GB18030 (or UTF-8 bytes as GBK) gives rare characters, so garbage
   scores low; the best candidate wins if at least half of it is plausible.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from functools import cache

from newsnlp.errors import Errors, InputError

__all__ = ["Decoded", "decode_text"]

_CONTROL_OK = frozenset("\t\n\r\f\v\x1b")
#: Largest share of undecodable bytes still read as UTF-8 (with U+FFFD in their place).
UTF8_REPLACE_SHARE = 0.001
#: Least share of plausible characters for a legacy-encoding reading to be accepted.
MIN_PLAUSIBLE = 0.5
#: A reading this plausible is taken without asking charset-normalizer.
GOOD_ENOUGH = 0.9
_SAMPLE_CHARS = 20_000
_ESCAPED = re.compile("[\udc80-\udcff]")


@dataclass
class Decoded:
    """Decoded text, the encoding used, and notes about anything replaced."""

    text: str
    encoding: str
    notes: list[str] = field(default_factory=list)


def looks_binary(text: str) -> bool:
    """A NUL, or more than 1 % control characters in the first 8192: binary, not text.

    The same rule holds for files and for the text field of JSONL/CSV records.
    """
    if "\x00" in text:
        return True
    sample = text[:8192]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in _CONTROL_OK)
    return controls / len(sample) > 0.01


@cache
def _common_characters() -> frozenset[str]:
    """GB2312 level-1 hanzi (the 3,755 most used simplified) and Big5's 5,401 frequent ones."""
    chars: set[str] = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    for lead in range(0xA4, 0xC7):
        for trail in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            if (lead, trail) > (0xC6, 0x7E):
                break
            try:
                chars.add(bytes((lead, trail)).decode("big5"))
            except UnicodeDecodeError:
                continue
    return frozenset(chars)


def plausibility(text: str) -> float:
    """Share of the non-space characters of ``text`` that ordinary prose is made of."""
    common = _common_characters()
    good = total = 0
    for ch in text[:_SAMPLE_CHARS]:
        if ch.isspace():
            continue
        total += 1
        code = ord(ch)
        if (
            0x20 < code < 0x7F
            or ch in common
            or 0x3000 <= code <= 0x303F  # CJK punctuation
            or 0xFF01 <= code <= 0xFF5E  # full-width forms
            or 0x2010 <= code <= 0x2027  # dashes, quotes, ellipsis
            or (0xC0 <= code <= 0xFF and code not in (0xD7, 0xF7))  # Latin-1 letters
        ):
            good += 1
    return good / total if total else 1.0


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when ``data`` (which has zero bytes) reads as plausible UTF-16."""
    if len(data) < 4 or len(data) % 2:
        return None
    # ASCII characters and line breaks put their zero byte at odd offsets in little-endian text.
    order = ("utf-16-le", "utf-16-be") if data[1::2].count(0) >= data[0::2].count(0) else ("utf-16-be", "utf-16-le")
    for encoding in order:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not looks_binary(text) and plausibility(text) >= GOOD_ENOUGH:
            return encoding
    return None


def _utf8_replaced(data: bytes) -> tuple[str, int, int]:
    """UTF-8 with each undecodable byte as U+FFFD: the text, how many, the first's offset."""
    escaped = data.decode("utf-8", "surrogateescape")
    bad = len(_ESCAPED.findall(escaped))
    if not bad:
        return escaped, 0, -1
    first_char = _ESCAPED.search(escaped)
    assert first_char is not None
    first_byte = len(escaped[: first_char.start()].encode("utf-8", "surrogateescape"))
    return _ESCAPED.sub("\ufffd", escaped), bad, first_byte


def decode_text(data: bytes, *, name: str = "<bytes>") -> Decoded:
    """Decode ``data`` (see the module notes); :class:`InputError` for binary or unreadable data."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _checked(Decoded(data.decode(encoding), encoding), name)
            except UnicodeDecodeError as exc:
                raise InputError(Errors.E004.format(path=name)) from exc
    try:
        return _checked(Decoded(data.decode("utf-8"), "utf-8"), name)
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return Decoded(data.decode(utf16), utf16)
        raise InputError(Errors.E005.format(path=name))
    replaced, bad, first = _utf8_replaced(data)
    utf8 = Decoded(replaced, "utf-8", [f"{bad} byte(s) that are not UTF-8 replaced with U+FFFD (the first at byte {first})"])
    nearly_utf8 = bad <= len(data) * UTF8_REPLACE_SHARE
    candidates = [utf8] if nearly_utf8 else []
    if not nearly_utf8:  # the common case, GBK/GB18030 files, is settled without the others
        try:
            gb = Decoded(data.decode("gb18030"), "gb18030")
        except UnicodeDecodeError:
            pass
        else:
            if plausibility(gb.text) >= GOOD_ENOUGH:
                return _checked(gb, name)
    for encoding in ("gb18030", "big5", "cp1252"):
        try:
            candidates.append(Decoded(data.decode(encoding), encoding))
        except UnicodeDecodeError:
            continue
    if utf8 not in candidates:
        candidates.append(utf8)
    best_score, best = _best(candidates)
    if best_score < GOOD_ENOUGH:
        guess = _charset_normalizer_guess(data)
        if guess is not None and guess.encoding not in {c.encoding for c in candidates}:
            best_score, best = _best([best, guess])
    if best_score < MIN_PLAUSIBLE:
        raise InputError(Errors.E075.format(path=name, detail=f"byte {first} is 0x{data[first]:02x}"))
    return _checked(best, name)


def _best(candidates: list[Decoded]) -> tuple[float, Decoded]:
    """The most plausible reading; the first wins a tie (UTF-8 when nearly clean, then GB18030)."""
    scored = [(plausibility(c.text) - c.text.count("\ufffd") / max(len(c.text), 1), c) for c in candidates]
    return max(scored, key=lambda pair: pair[0])


def _charset_normalizer_guess(data: bytes) -> Decoded | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        return None
    return Decoded(str(best), best.encoding)


def _checked(decoded: Decoded, name: str) -> Decoded:
    if looks_binary(decoded.text):
        raise InputError(Errors.E005.format(path=name))
    return decoded
