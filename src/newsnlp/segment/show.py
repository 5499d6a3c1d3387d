"""A split shown for people to check by eye: ``newsnlp segment FILE --format md``.

Each article with its headline fields, authors, subheads, captions and credits, then every
paragraph in full, with ``⏎`` where a paragraph cut in two by a column break (the pieces apart,
with a blank line or a photo caption between them) was joined back.
"""

from __future__ import annotations

from typing import Any

from newsnlp.document import Article, Issue

__all__ = ["JOIN_MARK", "repaired_cuts", "segment_markdown"]

#: Shown where a column-break cut was repaired.
JOIN_MARK = "⏎"


def repaired_cuts(issue: Issue, article: Article) -> list[list[int]]:
    """For each of ``article.paragraphs``, the offsets in it where two body lines that stood
    apart on the page (a blank line or another kind of line between them) were joined.

    Lines joined because the page was hard-wrapped (one after the other, nothing between) are
    not cuts and are not listed.
    """
    cuts: list[list[int]] = [[] for _ in article.paragraphs]
    if not article.paragraphs:
        return cuts
    paragraphs = article.paragraphs
    para, pos = 0, 0
    prev_end: int | None = None  # end offset of the previous body line, None after other kinds
    for line in article.lines:
        if line.kind != "body":
            prev_end = None
            continue
        text = issue.text[line.start : line.end].strip()
        found = paragraphs[para].find(text, pos)
        if found < 0 or paragraphs[para][pos:found].strip():
            nxt = paragraphs[para + 1].find(text) if para + 1 < len(paragraphs) else -1
            if nxt < 0:
                prev_end = line.end
                continue  # a line whose text was trimmed (a dateline taken off): no seam here
            para, pos, found = para + 1, 0, nxt
        apart = prev_end is None or issue.text.count("\n", prev_end, line.start) >= 2
        if found == pos > 0 and apart:
            cuts[para].append(pos)
        pos = found + len(text)
        prev_end = line.end
    return cuts


def _marked(paragraph: str, offsets: list[int]) -> str:
    out, last = [], 0
    for offset in offsets:
        out += [paragraph[last:offset], JOIN_MARK]
        last = offset
    out.append(paragraph[last:])
    return "".join(out)


def _facts(article: Article) -> list[str]:
    facts = []
    for label, value in (
        ("Kicker", article.kicker),
        ("Subtitle", article.subtitle),
        ("Column", article.column),
        ("Place", article.place),
        ("Byline", article.byline),
        ("Dateline", article.dateline),
    ):
        if value:
            facts.append(f"- {label}: {value}")
    if article.authors:
        facts.append("- Authors: " + "、".join(f"{a.role} {a.name}".strip() for a in article.authors))
    for label, values in (("Subheads", article.subheads), ("Captions", article.captions), ("Credits", article.credits)):
        if values:
            facts.append(f"- {label}: " + " / ".join(values))
    return facts


def segment_markdown(record: dict[str, Any], issue: Issue) -> str:
    """The split of one document as Markdown: fields and paragraphs of every article."""
    lines = [f"## {record['id']}", "", f"{len(issue.articles)} articles, layout {issue.layout}"]
    joins = 0
    for index, article in enumerate(issue.articles, start=1):
        cuts = repaired_cuts(issue, article)
        joins += sum(len(c) for c in cuts)
        lines += ["", f"### {index}. {article.title or '(untitled)'}"]
        lines += _facts(article)
        lines.append(f"- Characters {article.start}–{article.end}, {len(article.paragraphs)} paragraphs")
        for number, (paragraph, offsets) in enumerate(zip(article.paragraphs, cuts), start=1):
            lines += ["", f"{number}. {_marked(paragraph, offsets)}"]
    if issue.unassigned:
        lines += ["", "Unassigned lines: " + " | ".join(issue.text[u.start : u.end] for u in issue.unassigned)]
    if joins:
        lines += ["", f"{JOIN_MARK} marks where a paragraph cut by a column break was joined back ({joins} on this page)."]
    return "\n".join(lines) + "\n\n"
