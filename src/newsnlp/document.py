"""The document model every stage reads and enriches: an :class:`Issue` holding :class:`Article` s.

Offsets (``start``/``end``) always point into the caller's original string, so anything shown to a
user can be traced back. Every non-blank input line belongs to exactly one :class:`Line` of one
article or to ``Issue.unassigned``; the article's text fields (``title``, ``paragraphs`` …) are
built from those lines, with column-broken paragraphs joined back together.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from typing import Any

__all__ = ["LINE_KINDS", "Analysis", "Article", "Author", "Issue", "Line", "ScoredSentence"]

#: What a line of a page can be. ``furniture`` is page furniture (page headers, folios, editor
#: credits of the page) that belongs to no article; such lines live in ``Issue.unassigned``.
LINE_KINDS: tuple[str, ...] = (
    "kicker",
    "title",
    "subtitle",
    "column",
    "place",
    "byline",
    "dateline",
    "subhead",
    "body",
    "caption",
    "credit",
    "editor_note",
    "lead_summary",
    "furniture",
)


@dataclass(frozen=True)
class Line:
    """One classified line of the input: ``text[start:end]`` is the line without its newline and
    without surrounding whitespace (indentation, ``\\r``)."""

    start: int
    end: int
    kind: str

    def to_list(self) -> list[Any]:
        return [self.start, self.end, self.kind]

    @classmethod
    def from_list(cls, data: list[Any]) -> Line:
        start, end, kind = data
        return cls(int(start), int(end), str(kind))


@dataclass(frozen=True)
class Author:
    """A person named in a byline, with the role printed before the name (本报记者, 通讯员 …)."""

    name: str
    role: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "role": self.role}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Author:
        return cls(name=data["name"], role=data.get("role", ""))


@dataclass(frozen=True)
class ScoredSentence:
    """A sentence chosen by a summarizer: its index among the article's sentences and its score."""

    index: int
    text: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "text": self.text, "score": round(self.score, 6)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ScoredSentence:
        return cls(index=int(data["index"]), text=data["text"], score=float(data["score"]))


@dataclass
class Analysis:
    """Sentences and word tokens of one article, computed once and shared by every later stage.

    Built by :func:`newsnlp.text.analyze_article`; never serialized (it can be recomputed).
    ``sentence_paragraphs[i]`` is the index of the paragraph sentence ``i`` comes from.
    """

    sentences: list[str]
    sentence_paragraphs: list[int]
    sentence_words: list[list[str]]
    title_words: list[str]

    @property
    def words(self) -> list[str]:
        """All body words in order."""
        return [w for sentence in self.sentence_words for w in sentence]


@dataclass
class Article:
    """One article of a page, with its character span in the issue text and its parts."""

    start: int = 0
    end: int = 0
    title: str = ""
    kicker: str = ""
    subtitle: str = ""
    column: str = ""
    place: str = ""
    dateline: str = ""
    byline: str = ""
    authors: list[Author] = field(default_factory=list)
    subheads: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    editor_note: str = ""
    lead_summary: str = ""
    lines: list[Line] = field(default_factory=list)
    # Set for articles read from a PDF (absent from text records): 1-based page, and the box
    # [x0, top, x1, bottom] in points from the page's top-left corner.
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    # Set by later pipeline stages.
    topic: str | None = None
    topic_scores: dict[str, float] = field(default_factory=dict)
    keywords: list[tuple[str, float]] = field(default_factory=list)
    summary: str = ""
    summary_sentences: list[ScoredSentence] = field(default_factory=list)
    analysis: Analysis | None = field(default=None, repr=False, compare=False)

    @property
    def text(self) -> str:
        """The body: repaired paragraphs joined by newlines (no headline, captions or byline)."""
        return "\n".join(self.paragraphs)

    def __repr__(self) -> str:
        """Short: headline, span, paragraph count and topic, not every part of the article."""
        topic = f", topic={self.topic!r}" if self.topic else ""
        return (f"Article(title={_clip(self.title)!r}, start={self.start}, end={self.end}, "
                f"paragraphs={len(self.paragraphs)}{topic})")

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for f in fields(self):
            if f.name == "analysis":
                continue
            value = getattr(self, f.name)
            if f.name in ("page", "bbox"):
                if value is not None:
                    data[f.name] = list(value) if f.name == "bbox" else value
                continue
            if f.name == "authors":
                value = [a.to_dict() for a in value]
            elif f.name == "lines":
                value = [line.to_list() for line in value]
            elif f.name == "keywords":
                value = [[word, round(float(weight), 6)] for word, weight in value]
            elif f.name == "summary_sentences":
                value = [s.to_dict() for s in value]
            elif f.name == "topic_scores":
                value = {k: round(float(v), 6) for k, v in value.items()}
            elif isinstance(value, list):
                value = list(value)
            data[f.name] = value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        known = {f.name for f in fields(cls)} - {"analysis"}
        kwargs = {k: v for k, v in data.items() if k in known}
        kwargs["authors"] = [Author.from_dict(a) for a in data.get("authors", [])]
        kwargs["lines"] = [Line.from_list(x) for x in data.get("lines", [])]
        kwargs["keywords"] = [(str(w), float(s)) for w, s in data.get("keywords", [])]
        kwargs["summary_sentences"] = [
            ScoredSentence.from_dict(s) for s in data.get("summary_sentences", [])
        ]
        for name in ("subheads", "paragraphs", "captions", "credits"):
            kwargs[name] = list(data.get(name, []))
        kwargs["topic_scores"] = dict(data.get("topic_scores", {}))
        if data.get("bbox") is not None:
            kwargs["bbox"] = tuple(float(v) for v in data["bbox"])
        return cls(**kwargs)


@dataclass
class Issue:
    """A page or a whole issue: the source text, its articles and the lines no article owns."""

    text: str
    articles: list[Article] = field(default_factory=list)
    unassigned: list[Line] = field(default_factory=list)
    layout: str = ""
    id: str | None = None

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    def __len__(self) -> int:
        return len(self.articles)

    def __repr__(self) -> str:
        """Short: counts and the first headline, never the whole text (``to_dict`` has it all)."""
        first = next((a.title for a in self.articles if a.title), "")
        head = f", first={_clip(first)!r}" if first else ""
        ident = f"id={self.id!r}, " if self.id is not None else ""
        return (f"Issue({ident}layout={self.layout!r}, articles={len(self.articles)}, "
                f"unassigned={len(self.unassigned)}, chars={len(self.text)}{head})")

    def line_text(self, line: Line) -> str:
        """The text of a line of this issue."""
        return self.text[line.start : line.end]

    def to_dict(self, *, include_text: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "layout": self.layout,
            "articles": [a.to_dict() for a in self.articles],
            "unassigned": [
                {"start": u.start, "end": u.end, "kind": u.kind, "text": self.line_text(u)}
                for u in self.unassigned
            ],
        }
        if include_text:
            data["text"] = self.text
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any], text: str | None = None) -> Issue:
        """Rebuild an issue; ``text`` is needed when the dict was written without it."""
        source = data.get("text", text)
        if source is None:
            raise ValueError("Issue.from_dict needs the source text: pass text= or include_text")
        return cls(
            text=source,
            articles=[Article.from_dict(a) for a in data.get("articles", [])],
            unassigned=[Line(u["start"], u["end"], u["kind"]) for u in data.get("unassigned", [])],
            layout=data.get("layout", ""),
            id=data.get("id"),
        )


def _clip(text: str, width: int = 30) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
