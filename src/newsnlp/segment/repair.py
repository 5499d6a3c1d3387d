"""Join paragraphs that column breaks cut in two.

A page set in columns breaks paragraphs anywhere, even mid-word ("合力推" / "动人才工作"), and PDF
extraction turns each piece into a paragraph of its own. A body piece that does not end a
sentence is continued by the next body piece; Chinese needs no separator. Captions and credits
printed between the two halves do not stop the repair; headlines, subheads and bylines do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from newsnlp.segment.lines import ends_sentence

__all__ = ["Piece", "is_open_ended", "join_broken"]

#: Kinds that may sit between the halves of a broken paragraph without ending it.
TRANSPARENT: frozenset[str] = frozenset({"caption", "credit", "furniture"})
# A piece ending with one of these hands over to a new paragraph on purpose (a list follows).
_HANDOVER = frozenset("：:")


@dataclass(frozen=True)
class Piece:
    """One line of an article: its kind, its text, and whether it was indented."""

    kind: str
    text: str
    indented: bool = False


def is_open_ended(text: str) -> bool:
    """Whether a body piece stops mid-sentence (no 。！？… and no colon at its end).

    >>> is_open_ended("推动基层党建"), is_open_ended("要始终坚持“两"), is_open_ended("完成了。”")
    (True, True, False)
    """
    t = text.rstrip()
    return bool(t) and not ends_sentence(t) and t[-1] not in _HANDOVER


def join_broken(pieces: Iterable[Piece], *, respect_indent: bool = False) -> tuple[list[str], int]:
    """Return the article's paragraphs with broken ones joined, and how many joins were made.

    Only ``body`` pieces become paragraphs. With ``respect_indent`` (e-paper text, where every
    paragraph starts indented) an indented piece always starts a new paragraph.
    """
    paragraphs: list[str] = []
    joins = 0
    open_para = False  # the last paragraph is open-ended and nothing blocking came after it
    for piece in pieces:
        if piece.kind != "body":
            if piece.kind not in TRANSPARENT:
                open_para = False
            continue
        text = piece.text.strip()
        if open_para and not (respect_indent and piece.indented):
            paragraphs[-1] += text
            joins += 1
        else:
            paragraphs.append(text)
        open_para = is_open_ended(paragraphs[-1])
    return paragraphs, joins
