"""Page or article? How often the one-liners' and ``newsnlp summarize``'s auto-detection is wrong.

``newsnlp.summarize(text)`` and ``newsnlp summarize FILE`` treat a text as a page (split it, one
result per article) when :func:`newsnlp.quick.looks_like_page` says so. This counts, on the dev
set (../shared/data/rmrb-dev: People's Daily pages and their articles, not in this repository):

- pages of two or more articles taken for one article (a whole page summarized as one text),
- articles taken for a page: the bare body, and the headline line followed by the body.

Run: ``python benchmarks/page_detection_eval.py [--data ../shared/data/rmrb-dev]``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from newsnlp.quick import looks_like_page
from newsnlp.segment import PageSplitter

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "rmrb-dev"


def _jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder with pages.jsonl and articles.jsonl")
    args = parser.parse_args()
    pages_path, articles_path = args.data / "pages.jsonl", args.data / "articles.jsonl"
    if not pages_path.exists() or not articles_path.exists():
        print(f"No evaluation data at {args.data}: put ../shared/data/rmrb-dev beside the repository "
              "or pass --data PATH.", file=sys.stderr)
        return 2
    splitter = PageSplitter()

    def is_page(text: str) -> bool:
        return looks_like_page(splitter.split(text).articles)

    pages = [p for p in _jsonl(pages_path) if p.get("n_articles", 0) >= 2]
    articles = _jsonl(articles_path)
    rows = [
        ("pages of 2+ articles taken for one article", sum(not is_page(p["text"]) for p in pages), len(pages)),
        ("article bodies taken for a page", sum(is_page(a["body"]) for a in articles), len(articles)),
        ("headline + body taken for a page",
         sum(is_page("\n".join(x for x in (a.get("title", ""), a["body"]) if x)) for a in articles), len(articles)),
    ]
    print(f"| {'case':<44} | {'wrong':>5} | {'of':>5} | {'rate':>6} |")
    print(f"| {'-' * 44} | {'-' * 5}:| {'-' * 5}:| {'-' * 6}:|")
    for name, wrong, total in rows:
        print(f"| {name:<44} | {wrong:>5} | {total:>5} | {wrong / max(total, 1):>6.1%} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
