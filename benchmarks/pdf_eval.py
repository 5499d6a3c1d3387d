"""PDF input: dev pages laid out as newspaper PDFs, read back with geometry and without it.

For each style of ``benchmarks/pdf_newspaper.py`` the first ``--pages`` pages of
../shared/data/rmrb-dev/pages.jsonl are written as one multi-page PDF into a temporary folder
(never committed) and read three ways:

``newsnlp.read_pdf``
    the geometric reader (columns, type sizes, photo boxes);
``pdftotext | splitter``
    poppler's ``pdftotext`` (its own reading order, no geometry kept), each page's text through
    newsnlp's text splitter (``PageSplitter``, layout detected);
``pdftotext -layout | splitter``
    the same with ``-layout`` (columns kept side by side on each line).

Measures, per style (gold from the generator):

- *boundary F1*: an article boundary is where an article's body starts; a predicted article
  hits when the first 40 characters (whitespace removed; more where two gold articles of a page
  share them) of its body (dateline and paragraphs) are a gold article's; precision over predicted articles, recall over gold ones;
- *headline exact*: share of gold articles with a predicted article of the same start whose
  title is the gold title (whitespace removed);
- *paragraph integrity*: share of gold paragraphs that come out as one whole paragraph of the
  article with the same start, in order (a paragraph that is wholly a byline, "本报记者 …", is
  not counted: both readers move it to the byline);
- *pages/s*: reading (and, for the baselines, converting and splitting) the PDF, wall clock.

Then the unreadable PDFs (scan, no Unicode map, encrypted, damaged, 500 pages) with the message
each one gets. Needs ``pip install reportlab pdfplumber``, ``apt-get install -y fonts-wqy-zenhei
poppler-utils``.

    python benchmarks/pdf_eval.py [--pages 30] [--offset 0] [--styles cols2,cols4]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pdf_newspaper import (  # noqa: E402
    STYLES,
    Story,
    make_damaged_pdf,
    make_encrypted_pdf,
    make_long_pdf,
    make_scan_pdf,
    make_unmapped_pdf,
    render_pages,
    stories_from_dev_page,
)

from newsnlp.document import Article  # noqa: E402
from newsnlp.errors import NewsNLPError  # noqa: E402
from newsnlp.segment import PageSplitter  # noqa: E402
from newsnlp.segment.bylines import is_byline  # noqa: E402

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "rmrb-dev" / "pages.jsonl"
_WS = re.compile(r"\s+")
ANCHOR = 40


def norm(text: str) -> str:
    return _WS.sub("", text)


def pred_units(article: Article, anchor: int = ANCHOR) -> tuple[str, list[str]]:
    """(anchor, paragraphs) of a predicted article; the dateline goes back in front."""
    paragraphs = [norm(p) for p in article.paragraphs if norm(p)]
    if article.dateline and paragraphs:
        paragraphs[0] = norm(article.dateline) + paragraphs[0]
    elif article.dateline:
        paragraphs = [norm(article.dateline)]
    return "".join(paragraphs)[:anchor], paragraphs


def gold_units(story: Story, anchor: int = ANCHOR) -> tuple[str, list[str]]:
    """(anchor, paragraphs) of a gold article; a paragraph that is wholly a byline is left out
    (both readers give it as the byline)."""
    paragraphs = [norm(p) for p in story.paragraphs if norm(p) and not is_byline(p)]
    return "".join(paragraphs)[:anchor], paragraphs


def score_page(gold: list[Story], pred: list[Article], totals: dict[str, float]) -> None:
    # anchors long enough to tell this page's gold articles apart (two letters of greeting on
    # one page can share their first 40 characters)
    length = ANCHOR
    while len({gold_units(s, length)[0] for s in gold}) < len(gold) and length < 2000:
        length += ANCHOR
    gold_by_anchor = {gold_units(s, length)[0]: s for s in gold}
    pred_by_anchor: dict[str, Article] = {}
    for article in pred:
        anchor, paragraphs = pred_units(article, length)
        if paragraphs:
            pred_by_anchor.setdefault(anchor, article)
            totals["pred"] += 1
    totals["gold"] += len(gold)
    for anchor, story in gold_by_anchor.items():
        paragraphs = gold_units(story)[1]
        totals["paragraphs"] += len(paragraphs)
        article = pred_by_anchor.get(anchor)
        if article is None:
            continue
        totals["hits"] += 1
        totals["headline"] += norm(article.title) == norm(story.title)
        predicted = pred_units(article)[1]
        at = 0
        for paragraph in paragraphs:
            try:
                at = predicted.index(paragraph, at) + 1
            except ValueError:
                continue
            totals["whole"] += 1


def new_totals() -> dict[str, float]:
    return dict.fromkeys(("pred", "gold", "hits", "headline", "paragraphs", "whole", "seconds", "pages"), 0.0)


def row(name: str, t: dict[str, float]) -> str:
    p = t["hits"] / t["pred"] if t["pred"] else 0.0
    r = t["hits"] / t["gold"] if t["gold"] else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    head = t["headline"] / t["gold"] if t["gold"] else 0.0
    whole = t["whole"] / t["paragraphs"] if t["paragraphs"] else 0.0
    rate = t["pages"] / t["seconds"] if t["seconds"] else 0.0
    return f"| {name} | {p:.3f} | {r:.3f} | **{f1:.3f}** | {head:.3f} | {whole:.3f} | {rate:.2f} |"


def pdftotext_pages(pdf: Path, *, layout: bool) -> list[str]:
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + [str(pdf), "-"]
    out = subprocess.run(args, check=True, capture_output=True).stdout.decode("utf-8")
    return out.split("\f")


def unreadable_cases(folder: Path) -> list[tuple[str, str, float]]:
    from newsnlp.pdf import read_pdf

    sample = [Story(title="小镇新开一家书店", paragraphs=["书店开在老街口，每天都有人来读书。" * 6] * 4)]
    makers = {
        "scan (image only)": lambda p: make_scan_pdf(p),
        "no Unicode map ((cid:…))": lambda p: make_unmapped_pdf(p, sample),
        "encrypted (user password)": lambda p: make_encrypted_pdf(p, sample),
        "damaged (cut at 2 KB)": lambda p: make_damaged_pdf(p, sample),
        "500 pages": lambda p: make_long_pdf(p, 500),
    }
    out = []
    for k, (name, make) in enumerate(makers.items()):
        path = folder / f"bad{k}.pdf"
        make(path)
        start = time.perf_counter()
        try:
            read_pdf(path)
            message = "(read without error)"
        except NewsNLPError as exc:
            message = str(exc).replace(str(folder) + "/", "")
        out.append((name, message, time.perf_counter() - start))
    return out


def long_file_rows(folder: Path) -> list[str]:
    """Time and peak memory of reading 50- and 500-page files with the page limit raised, each in
    a fresh process: memory stays that of one page, time grows with the pages."""
    rows = []
    for pages in (50, 500):
        path = folder / f"long{pages}.pdf"
        make_long_pdf(path, pages)
        code = (
            "import resource, sys, time; from newsnlp import read_pdf; t = time.perf_counter(); "
            f"pdf = read_pdf(sys.argv[1], max_pages={pages}); s = time.perf_counter() - t; "
            "print(pdf.pages, round(s, 2), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)"
        )
        out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
        read, seconds, peak = out.stdout.split()
        rows.append(f"| {pages} pages, max_pages={pages} | {read} pages in {seconds} s | {peak} MB peak RSS |")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=30, help="dev pages per style (default 30)")
    parser.add_argument("--offset", type=int, default=0, help="skip this many dev pages first (held-out pages)")
    parser.add_argument("--styles", default=",".join(STYLES), help="comma-separated styles")
    parser.add_argument("--keep", help="write the PDFs to this folder instead of a temporary one")
    args = parser.parse_args(argv)
    if not DATA.exists():
        print(f"skipped: {DATA} not found (evaluation data lives beside the project)")
        return 0
    from newsnlp.pdf import read_pdf

    records = [json.loads(line) for line in DATA.open(encoding="utf-8")][args.offset : args.offset + args.pages]
    pages = [stories_from_dev_page(r) for r in records]
    pages = [p for p in pages if p]
    have_pdftotext = shutil.which("pdftotext") is not None
    splitter = PageSplitter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        print(f"{len(pages)} dev pages (from page {args.offset}), {sum(map(len, pages))} articles per style "
              f"(the machine is shared and loaded: compare rates within a row group)\n")
        print("| style / reader | precision | recall | boundary F1 | headline exact | paragraph integrity | pages/s |")
        print("|---|---|---|---|---|---|---|")
        for style in args.styles.split(","):
            pdf = folder / f"{style}.pdf"
            gold = render_pages(pages, pdf, style=style)
            totals = new_totals()
            start = time.perf_counter()
            issue = read_pdf(pdf, max_pages=len(gold) + 1).issue
            totals["seconds"] = time.perf_counter() - start
            totals["pages"] = len(gold)
            for number, stories in enumerate(gold, start=1):
                score_page(stories, [a for a in issue.articles if a.page == number], totals)
            print(row(f"{style}: read_pdf (geometry)", totals))
            if not have_pdftotext:
                continue
            for layout in (False, True):
                totals = new_totals()
                start = time.perf_counter()
                texts = pdftotext_pages(pdf, layout=layout)
                issues = [splitter.split(text) for text in texts[: len(gold)]]
                totals["seconds"] = time.perf_counter() - start
                totals["pages"] = len(gold)
                for stories, split in zip(gold, issues):
                    score_page(stories, split.articles, totals)
                print(row(f"{style}: pdftotext{' -layout' if layout else ''} → splitter", totals))
        if not have_pdftotext:
            print("\n(pdftotext not found: apt-get install -y poppler-utils for the text-only rows)")
        print("\nUnreadable PDFs (read_pdf with its defaults):\n")
        print("| case | seconds | message |")
        print("|---|---|---|")
        for name, message, seconds in unreadable_cases(folder):
            print(f"| {name} | {seconds:.2f} | {message} |")
        print("\nLong files read page by page (one short line per page; fresh process each):\n")
        print("| file | read | memory |")
        print("|---|---|---|")
        for line in long_file_rows(folder):
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
