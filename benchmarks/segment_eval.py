"""Page-splitting accuracy and speed on People's Daily pages (../shared/data/rmrb-dev/pages.jsonl).

Metric
------
An *article boundary* is the index (0-based, counting every ``\\n``-separated line of the page,
blank ones included) of the line on which an article starts. Gold boundaries are the lines of the
gold ``spans[*].start`` offsets; predicted ones the lines of ``article.start``. Precision, recall
and F1 are micro-averaged over all pages: a predicted boundary is a hit when the same line index
is a gold boundary.

Conditions (``--condition``, repeatable; the random ones run once per ``--seeds`` value and the
table shows the mean with the spread, min-max, over seeds):

``as-given``
    e-paper text as given (headings unindented, body lines indented with full-width spaces);
``stripped``
    every line's leading indentation removed, as PDF extraction gives it;
``seed-like``
    what a PDF-to-Markdown converter gives for a page set in columns (the seed page's form): the
    headline line marked ``# `` (kicker and subtitle ``## `` or unmarked, at random), body
    paragraphs flush left with a blank line after each, and column breaks: about a third of the
    body paragraphs over 60 characters cut once at a random place that is not a sentence end
    (mid-word included), the two pieces separated by a blank line;
``unmarked``
    the same without any ``#`` marks;
``unmarked-blocks``
    the same with a blank line after heading lines too, so every line is a block of its own
    (the seed page's form with its marks removed);
``wrapped-stripped``
    body lines hard-wrapped at a width drawn per page from 15-20 columns (CJK one column, ASCII
    half), as pdftotext gives a page set in columns, then indentation stripped.

Gold offsets are mapped through each transform, so they still point at the same characters (a
gold start maps to the line that holds its first character).

Also printed: the title exact-match rate over hit boundaries (predicted ``title`` == gold
``title``); for the cut conditions the *cut-repair recall* (share of cuts whose two pieces end up
in one predicted paragraph) and the *wrong-join rate* (share of true paragraph ends, between two
body paragraphs of one article, that end up inside one predicted paragraph) and the
*heads-joined rate* (share of heading lines of 4 characters or more, kicker, title, subtitle,
subhead or caption, followed by a body paragraph, that end up inside one predicted paragraph:
a heading taken for a cut piece). For these three, each break is judged in the predicted
article that holds it (the same words elsewhere on the page, a speech quoted in full in another
article, do not count), whitespace does not count, and the dateline the splitter takes into a
field of its own is read in front of the article's first paragraph, where gold has it. The speed of the
splitting alone on one core (MB/s of UTF-8 input), beside jieba.lcut over the same pages.

Usage: ``python benchmarks/segment_eval.py [--pages PATH] [--condition NAME ...] [--seeds 0 1 2] [--errors N]``
"""

from __future__ import annotations

import argparse
import bisect
import json
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsnlp.document import Article, Issue  # noqa: E402
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


_SENTENCE_END = frozenset("。！？!?…；;”’\"'）)】》")


@dataclass
class Cuts:
    """What a seed-like transform did to one page: the column-break cuts it made and the true
    paragraph ends it kept, each as (end of the left text, start of the right text, offset of
    the right text in the transformed page)."""

    cuts: list[tuple[str, str, int]] = field(default_factory=list)
    ends: list[tuple[str, str, int]] = field(default_factory=list)
    #: heading lines (kicker, title, subtitle, subhead, caption...) followed by a body paragraph
    heads: list[tuple[str, str, int]] = field(default_factory=list)


def seed_like(
    rng: random.Random, *, marks: bool, cut_share: float = 1 / 3, blocks: bool = False
) -> Callable[[str, list[dict]], tuple[str, list[int], Cuts]]:
    """A transform giving the page as a PDF-to-Markdown converter gives a page set in columns
    (the seed page's form): the headline line marked ``# `` (other heading lines, kicker and
    subtitle, marked ``## `` or left unmarked at random; no marks at all without ``marks``),
    body paragraphs flush left with a blank line after each, and about ``cut_share`` of the
    body paragraphs over 60 characters cut once by a column break at a random place that is not
    a sentence end (mid-word included), the two pieces separated by a blank line."""

    def transform(text: str, spans: list[dict]) -> tuple[str, list[int], Cuts]:
        titles = [s["title"].strip() for s in spans]
        out: list[str] = []
        mapping = [0] * (len(text) + 1)
        record = Cuts()
        pos = new = 0
        prev_body: str | None = None  # the previous body paragraph of the same article
        prev_head: str | None = None  # the heading line right before, if any
        span_ends = sorted(s["end"] for s in spans)
        for raw in text.split("\n"):
            body = raw.lstrip(_INDENT)
            cut = len(raw) - len(body)
            if body and not cut:  # a heading line
                prefix = ""
                if marks:
                    is_title = any(body in t for t in titles)
                    prefix = "# " if is_title else rng.choice(("## ", ""))
                for k in range(len(raw) + 1):
                    mapping[pos + k] = new + len(prefix) + k
                out.append(prefix + body)
                new += len(prefix) + len(body) + 1
                if blocks:  # a blank line after heading lines too
                    out.append("")
                    new += 1
                prev_body = None
                prev_head = body
            elif body:
                offset = new  # where this paragraph starts in the transformed page
                at = -1
                if len(body) > 60 and rng.random() < cut_share:
                    places = [k for k in range(8, len(body) - 8) if body[k - 1] not in _SENTENCE_END]
                    at = rng.choice(places) if places else -1
                for k in range(len(raw) + 1):
                    j = max(0, k - cut)
                    mapping[pos + k] = new + j + (2 if at >= 0 and j >= at else 0)
                if at >= 0:
                    out += [body[:at], "", body[at:], ""]
                    record.cuts.append((body[at - 8 : at], body[at : at + 8], offset + at + 2))
                    new += len(body) + 4
                else:
                    out += [body, ""]
                    new += len(body) + 2
                if prev_body is not None and not any(pos - 1 <= e <= pos for e in span_ends):
                    record.ends.append((prev_body[-8:], body[:8], offset))
                if prev_head is not None and len(prev_head) >= 4:
                    record.heads.append((prev_head[-8:], body[:8], offset))
                prev_body = body
                prev_head = None
            else:
                for k in range(len(raw) + 1):
                    mapping[pos + k] = new + k
                out.append(raw)
                new += len(raw) + 1
                prev_body = None
                prev_head = None
            pos += len(raw) + 1
        return "\n".join(out), mapping, record

    return transform


def line_starts(text: str) -> list[int]:
    starts = [0]
    for k, ch in enumerate(text):
        if ch == "\n":
            starts.append(k + 1)
    return starts


Transform = Callable[[str, list[dict]], tuple[str, list[int], Cuts]]


def plain(fn: Callable[[str], tuple[str, list[int]]]) -> Transform:
    """A text-only transform as one that also reports (no) cuts."""

    def transform(text: str, spans: list[dict]) -> tuple[str, list[int], Cuts]:
        new, mapping = fn(text)
        return new, mapping, Cuts()

    return transform


def _no_space(text: str) -> str:
    return "".join(text.split())


def _in_one_unit(left: str, right: str, joined: str) -> bool:
    """Whether the text on both sides of a break stands in one predicted unit (whitespace aside;
    a side that is all whitespace, a blank gold paragraph, joins nothing)."""
    left, right = _no_space(left), _no_space(right)
    return bool(left and right) and left + right in joined


def _joined_units(article: Article) -> str:
    """The article's predicted text units, whitespace removed, ``\\x00`` between units:
    paragraphs, and a 核心阅读 / 编者按 box (gold sets it as a paragraph). The dateline the splitter
    takes into a field of its own goes back in front of the first paragraph, where gold has it:
    a cut right after "…电（记者…）" joined back is a cut joined, not a miss."""
    paragraphs = list(article.paragraphs)
    if article.dateline and paragraphs:
        paragraphs[0] = article.dateline + paragraphs[0]
    return "\x00".join(_no_space(unit) for unit in [*paragraphs, article.lead_summary, article.editor_note])


class _UnitsByPlace:
    """The predicted text units of the article that holds a given offset of the page: a break
    is judged in its own article only, so the same words elsewhere on the page (a speech quoted
    in full in another article) do not count."""

    def __init__(self, issue: Issue) -> None:
        self.articles = sorted(issue.articles, key=lambda a: a.start)
        self.starts = [a.start for a in self.articles]
        self.units: dict[int, str] = {}

    def joins(self, left: str, right: str, offset: int) -> bool:
        k = bisect.bisect_right(self.starts, offset) - 1
        if k < 0 or offset >= self.articles[k].end:
            return False  # not in any article
        if k not in self.units:
            self.units[k] = _joined_units(self.articles[k])
        return _in_one_unit(left, right, self.units[k])


def evaluate(
    pages: list[dict],
    splitter: PageSplitter,
    *,
    transform: Transform | None = None,
    show: int = 0,
) -> dict:
    tp = fp = fn = 0
    titles_ok = titles_n = 0
    shown = 0
    texts = []
    golds = []
    records: list[Cuts] = []
    for page in pages:
        text = page["text"]
        spans = page["spans"]
        record = Cuts()
        if transform is not None:
            text, mapping, record = transform(text, spans)
            spans = [dict(s, start=mapping[s["start"]], end=mapping[s["end"]]) for s in spans]
        texts.append(text)
        golds.append(spans)
        records.append(record)
    t0 = time.perf_counter()
    issues = [splitter.split(text) for text in texts]
    elapsed = time.perf_counter() - t0
    cuts = cuts_joined = ends = ends_joined = heads = heads_joined = 0
    for page, text, spans, issue, record in zip(pages, texts, golds, issues, records):
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
        units = _UnitsByPlace(issue)
        cuts += len(record.cuts)
        cuts_joined += sum(units.joins(*item) for item in record.cuts)
        ends += len(record.ends)
        ends_joined += sum(units.joins(*item) for item in record.ends)
        heads += len(record.heads)
        heads_joined += sum(units.joins(*item) for item in record.heads)
        if show and shown < show and (pred.keys() ^ gold.keys()):
            shown += 1
            lines = text.split("\n")
            print(f"--- {page['page_id']}")
            for k in sorted(pred.keys() ^ gold.keys()):
                tag = "MISS" if k in gold else "FALSE"
                ctx = " | ".join(x[:30] for x in lines[max(0, k - 2) : k + 2])
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
        "mb_per_s": nbytes / 1e6 / elapsed,
        "cut_recall": cuts_joined / cuts if cuts else float("nan"),
        "wrong_join": ends_joined / ends if ends else float("nan"),
        "head_join": heads_joined / heads if heads else float("nan"),
        "gold": tp + fn,
    }


def hard_wrapped_stripped(rng: random.Random) -> Transform:
    """Hard-wrapped at a width drawn per page from 15..20 columns, then indentation stripped."""

    def transform(text: str, spans: list[dict]) -> tuple[str, list[int], Cuts]:
        return plain(wrapped(rng.randint(15, 20), strip=True))(text, spans)

    return transform


#: Condition name -> (whether it is random, transform factory taking a seeded RNG).
CONDITIONS: dict[str, tuple[bool, Callable[[random.Random], Transform | None]]] = {
    "as-given": (False, lambda rng: None),
    "stripped": (False, lambda rng: plain(strip_indent)),
    "seed-like": (True, lambda rng: seed_like(rng, marks=True)),
    "unmarked": (True, lambda rng: seed_like(rng, marks=False)),
    "unmarked-blocks": (True, lambda rng: seed_like(rng, marks=False, blocks=True)),
    "wrapped-stripped": (True, hard_wrapped_stripped),
}


def _spread(values: list[float], *, percent: bool = False) -> str:
    """Mean (min-max) of ``values``, as fractions or, for rates that must stay under 1 %
    (wrong joins, heads joined), as percentages with two decimals."""
    values = [v * 100 if percent else v for v in values if v == v]  # drop NaN
    if not values:
        return "     -"
    mean = sum(values) / len(values)
    unit = " %" if percent else ""
    digits = 2 if percent else 3
    if len(values) == 1 or max(values) == min(values):
        return f"{mean:6.{digits}f}{unit}"
    return f"{mean:6.{digits}f}{unit} ({min(values):.{digits}f}-{max(values):.{digits}f})"


def jieba_mb_per_s(texts: list[str]) -> float:
    """A peer timed in the same run: jieba.lcut over the same pages (MB/s)."""
    import jieba

    jieba.setLogLevel(60)
    jieba.lcut("预热")
    t0 = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6 / (time.perf_counter() - t0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES)
    parser.add_argument(
        "--condition", action="append", choices=sorted(CONDITIONS), help="run only these (repeatable)"
    )
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2], help="random seeds of the transforms")
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
    t0 = time.perf_counter()
    splitter.scorer.probability("预热", "一下", width=20.0)  # load the break model and dictionary once
    load_s = time.perf_counter() - t0
    names = args.condition or list(CONDITIONS)
    rows = []
    for name in names:
        random_, factory = CONDITIONS[name]
        runs = [
            evaluate(pages, splitter, transform=factory(random.Random(seed)), show=args.errors)
            for seed in (args.seeds if random_ else [0])
        ]
        rows.append((name, len(runs), runs))
    peer = jieba_mb_per_s([p["text"] for p in pages])
    print(f"\n{len(pages)} pages, {rows[0][2][0]['gold']} gold articles ({args.pages.name}); seeds {args.seeds}")
    print("mean over seeds (min-max); cut-repair recall and wrong-join rate where paragraphs are cut")
    header = (
        f"{'condition':<17} {'runs':>4} {'P':>6} {'R':>6} {'F1':<22} {'title=':<22} "
        f"{'cuts joined':<22} {'wrong joins':<22} {'heads joined':<22} {'MB/s':>6}"
    )
    print(header)
    print("-" * len(header))
    for name, n, runs in rows:
        cells = [_spread([r[key] for r in runs]) for key in ("f1", "title_match", "cut_recall")]
        cells += [_spread([r[key] for r in runs], percent=True) for key in ("wrong_join", "head_join")]
        p = sum(r["precision"] for r in runs) / n
        r_ = sum(r["recall"] for r in runs) / n
        mb = sum(r["mb_per_s"] for r in runs) / n
        print(f"{name:<17} {n:>4} {p:6.3f} {r_:6.3f} " + " ".join(f"{c:<22}" for c in cells) + f" {mb:6.2f}")
    print(f"line-break model and seam dictionary loaded once per process in {load_s:.2f} s (not in MB/s)")
    print(f"peer, same run: jieba.lcut over the as-given pages {peer:.2f} MB/s (machine shared, timings noisy)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
