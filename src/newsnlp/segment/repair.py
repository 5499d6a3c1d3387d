"""Join paragraphs that column breaks cut in two.

A page set in columns breaks paragraphs anywhere, even mid-word ("合力推" / "动人才工作"), and PDF
extraction turns each piece into a paragraph of its own. A body piece that does not end a
sentence may be continued by the next body piece; whether it is (a cut) or is not (an in-article
subhead, a list item) the line-break model of :mod:`newsnlp.segment.breaks` decides. Chinese
needs no separator. Captions and credits
printed between the two halves do not stop the repair; headlines, subheads and bylines do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from newsnlp.segment.lines import ends_sentence

__all__ = ["JoinScorer", "Piece", "is_open_ended", "join_broken"]

#: Kinds that may sit between the halves of a broken paragraph without ending it.
TRANSPARENT: frozenset[str] = frozenset({"caption", "credit", "furniture"})
# A piece ending with one of these hands over to a new paragraph on purpose (a list follows).
_HANDOVER = frozenset("：:")


@dataclass(frozen=True)
class Piece:
    """One line of an article: its kind, its text, whether it was indented, whether it is
    already known to be cut off by a column break (joined to the next body piece unasked), and
    how many characters its line had as printed (a dateline taken off its start counts: the
    column break fell at the end of the whole line); 0 for the text's own length."""

    kind: str
    text: str
    indented: bool = False
    cut: bool = False
    printed: int = 0


def is_open_ended(text: str) -> bool:
    """Whether a body piece stops mid-sentence (no 。！？… and no colon at its end).

    >>> is_open_ended("推动基层党建"), is_open_ended("要始终坚持“两"), is_open_ended("完成了。”")
    (True, True, False)
    """
    t = text.rstrip()
    return bool(t) and not ends_sentence(t) and t[-1] not in _HANDOVER


class JoinScorer(Protocol):
    """What :func:`join_broken` asks at an open break (see :class:`~newsnlp.segment.breaks.BreakScorer`)."""

    def joins(self, left: str, right: str, *, width: float) -> bool: ...


def join_broken(
    pieces: Iterable[Piece],
    *,
    respect_indent: bool = False,
    scorer: JoinScorer | None = None,
    width: float = 0.0,
    min_piece: int = 0,
) -> tuple[list[str], int]:
    """Return the article's paragraphs with broken ones joined, and how many joins were made.

    Only ``body`` pieces become paragraphs. With ``respect_indent`` (e-paper text, where every
    paragraph starts indented) an indented piece always starts a new paragraph. A piece that
    stops mid-sentence is joined to the next body piece; with a ``scorer`` only where it says
    the break is a cut (an in-article subhead or a list item also stops without a full stop).
    ``width`` is the article's typical body-piece length, for the scorer. A piece shorter than
    ``min_piece`` characters is never taken for a cut (a column break leaves a whole printed line).
    """
    paragraphs: list[str] = []
    joins = 0
    open_para = False  # the last paragraph is open-ended and nothing blocking came after it
    last_piece = ""
    last_printed = 0
    last_cut = False
    for piece in pieces:
        if piece.kind != "body":
            if piece.kind not in TRANSPARENT:
                open_para = False
            continue
        text = piece.text.strip()
        if (
            open_para
            and not (respect_indent and piece.indented)
            and (last_cut or (max(len(last_piece), last_printed) >= min_piece and (scorer is None or scorer.joins(last_piece, text, width=width))))
        ):
            paragraphs[-1] += text
            joins += 1
        else:
            paragraphs.append(text)
        last_piece = text
        last_printed = piece.printed
        last_cut = piece.cut
        open_para = is_open_ended(paragraphs[-1])
    return paragraphs, joins
