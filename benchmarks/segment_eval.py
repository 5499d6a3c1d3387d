"""Page-splitting accuracy and speed on People's Daily pages (../shared/data/rmrb-dev/pages.jsonl).

Metric
------
An *article boundary* is the index (0-based, counting every ``\\n``-separated line of the page,
blank ones included) of the line on which an article starts. Gold boundaries are the lines of the
gold ``spans[*].start`` offsets; predicted ones the lines of ``article.start``. Precision, recall
and F1 are micro-averaged over all pages: a predicted boundary is a hit when the same line index
is a gold boundary.

Conditions:

(a) the text as given (e-paper: headings unindented, body lines indented with full-width spaces);
(b) every line's leading indentation (spaces, full-width spaces, tabs, no-break spaces) removed,
    as PDF extraction gives it. Gold offsets are mapped into the stripped text by subtracting
    the characters removed before them, so they still point at the same characters;
(c) converted to Markdown as the seed page is: heading lines marked ``# ``, body paragraphs
    separated by blank lines;
(d) hard-wrapped: every body line broken every 16 (or 24) columns, as pdftotext gives a page
    set in columns (CJK characters one column, ASCII half), with and without (b); each beside
    the same splitter with ``unwrap=False``, which shows what joining wrapped lines is worth.
    Boundaries still count lines of the transformed text (a gold start maps to the line that
    holds its first character).

Also printed: the title exact-match rate over hit boundaries (predicted ``title`` == gold
``title``), and speed of the splitting alone on one core (pages/s and MB/s of UTF-8 input).

Usage: ``python benchmarks/segment_eval.py [--pages PATH] [--errors N]``
"""

from __future__ import annotations

import argparse
import bisect
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsnlp.segment import PageSplitter  # noqa: E402

DEFAULT_PAGES = ROOT.parent / "shared" / "data" / "rmrb-dev" / "pages.jsonl"
_INDENT = " \t\u3000\xa0"


def strip_indent(text: str) -> tuple[str, list[int]]:
    """Remove leading indentation of every line; return the text and a map old offset -> new."""
    out: list[str] = []
    mapping = [0] * (len(text) + 1)
    new = 0
    pos = 0
    for raw in text.split("\n"):
        kept = raw.lstrip(_INDENT)
        cut = len(raw) - len(kept)
        for k in range(len(raw) + 1):  # +1: the newline (or the end of text)
            mapping[pos + k] = new + max(0, k - cut)
        out.append(kept)
        new += len(kept) + 1
        pos += len(raw) + 1
    return "\n".join(out), mapping


def hard_wrap(text: str, width: int) -> tuple[str, list[int]]:
    """Break every body line (the indented ones) wider than ``width`` columns (CJK 1, ASCII ½,
    as print sets them) the way pdftotext does, with a bare line break; headings, set in larger
    type across columns, stay whole. Return the text and a map old offset -> new."""
    out: list[str] = []
    mapping = [0] * (len(text) + 1)
    added = 0
    col = 0.0
    body = text.startswith(tuple(_INDENT))
    for pos, ch in enumerate(text):
        if ch == "\n":
            col = 0.0
            body = text.startswith(tuple(_INDENT), pos + 1)
        elif body:
            step = 0.5 if ch.isascii() else 1.0
            if col + step > width:
                out.append("\n")
                added += 1
                col = 0.0
            col += step
        mapping[pos] = pos + added
        out.append(ch)
    mapping[len(text)] = len(text) + added
    return "".join(out), mapping


def as_markdown(text: str) -> tuple[str, list[int]]:
    """The page as a PDF-to-Markdown converter gives it (the seed page's form): every heading
    line (unindented) marked ``# ``, body lines unindented with a blank line after each."""
    out: list[str] = []
    mapping = [0] * (len(text) + 1)
    pos = new = 0
    for raw in text.split("\n"):
        body = raw.lstrip(_INDENT)
        cut = len(raw) - len(body)
        prefix = "# " if body and not cut else ""
        for k in range(len(raw) + 1):
            mapping[pos + k] = new + len(prefix) + max(0, k - cut)
        out.append(prefix + body)
        new += len(prefix) + len(body) + 1
        if body and not prefix:
            out.append("")
            new += 1
        pos += len(raw) + 1
    return "\n".join(out), mapping


def wrapped(width: int, *, strip: bool = False) -> Callable[[str], tuple[str, list[int]]]:
    """A transform: hard-wrap at ``width`` (then strip indentation)."""

    def transform(text: str) -> tuple[str, list[int]]:
        new, first = hard_wrap(text, width)
        if not strip:
            return new, first
        new, second = strip_indent(new)
        return new, [second[k] for k in first]

    return transform


def line_starts(text: str) -> list[int]:
    starts = [0]
    for k, ch in enumerate(text):
        if ch == "\n":
            starts.append(k + 1)
    return starts


def evaluate(
    pages: list[dict],
    splitter: PageSplitter,
    *,
    transform: Callable[[str], tuple[str, list[int]]] | None = None,
    show: int = 0,
) -> dict:
    tp = fp = fn = 0
    titles_ok = titles_n = 0
    shown = 0
    texts = []
    golds = []
    for page in pages:
        text = page["text"]
        spans = page["spans"]
        if transform is not None:
            text, mapping = transform(text)
            spans = [dict(s, start=mapping[s["start"]], end=mapping[s["end"]]) for s in spans]
        texts.append(text)
        golds.append(spans)
    t0 = time.perf_counter()
    issues = [splitter.split(text) for text in texts]
    elapsed = time.perf_counter() - t0
    for page, text, spans, issue in zip(pages, texts, golds, issues):
        starts = line_starts(text)
        gold = {bisect.bisect_right(starts, s["start"]) - 1: s for s in spans}
        pred = {bisect.bisect_right(starts, a.start) - 1: a for a in issue.articles}
        hits = gold.keys() & pred.keys()
        tp += len(hits)
        fp += len(pred.keys() - gold.keys())
        fn += len(gold.keys() - pred.keys())
        for k in hits:
            titles_n += 1
            titles_ok += pred[k].title.strip() == gold[k]["title"].strip()
        if show and shown < show and (pred.keys() ^ gold.keys()):
            shown += 1
            lines = text.split("\n")
            print(f"--- {page['page_id']}")
            for k in sorted(pred.keys() ^ gold.keys()):
                tag = "MISS" if k in gold else "FALSE"
                ctx = " | ".join(x[:30] for x in lines[max(0, k - 1) : k + 2])
                print(f"  {tag} line {k}: {ctx}")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "title_match": titles_ok / titles_n if titles_n else 0.0,
        "pages_per_s": len(texts) / elapsed,
        "mb_per_s": nbytes / 1e6 / elapsed,
        "gold": tp + fn,
        "pred": tp + fp,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES)
    parser.add_argument("--errors", type=int, default=0, help="print boundary errors of N pages")
    args = parser.parse_args(argv)
    if not args.pages.exists():
        print(
            f"error: {args.pages} not found. This benchmark needs the rmrb-dev pages "
            "(../shared/data/rmrb-dev/pages.jsonl beside the repository) or --pages PATH.",
            file=sys.stderr,
        )
        return 2
    with args.pages.open(encoding="utf-8") as fh:
        pages = [json.loads(line) for line in fh if line.strip()]
    splitter = PageSplitter()
    no_unwrap = PageSplitter(unwrap=False)
    rows = [
        ("as given", evaluate(pages, splitter, show=args.errors)),
        ("indent stripped", evaluate(pages, splitter, transform=strip_indent, show=args.errors)),
        ("markdown (converted)", evaluate(pages, splitter, transform=as_markdown)),
    ]
    for width in (16, 24):
        for strip in (False, True):
            name = f"wrap {width}{' stripped' if strip else ''}"
            rows.append((name, evaluate(pages, splitter, transform=wrapped(width, strip=strip))))
            rows.append((f"{name} (no unwrap)", evaluate(pages, no_unwrap, transform=wrapped(width, strip=strip))))
    print(f"\n{len(pages)} pages, {rows[0][1]['gold']} gold articles ({args.pages.name})")
    header = f"{'condition':<28} {'P':>6} {'R':>6} {'F1':>6} {'title=':>7} {'pred':>5} {'pages/s':>8} {'MB/s':>6}"
    print(header)
    print("-" * len(header))
    for name, r in rows:
        print(
            f"{name:<28} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} "
            f"{r['title_match']:7.3f} {r['pred']:5d} {r['pages_per_s']:8.0f} {r['mb_per_s']:6.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
