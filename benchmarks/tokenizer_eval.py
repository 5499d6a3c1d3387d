"""Tokenizer parity and speed: jieba (reference) vs rjieba (fast engine), same news dictionary.

Parity is measured on token *spans*: a token counts as identical when both engines cut the same
characters at the same offsets. Prints the share of identical tokens, the share of articles whose
whole token lists are identical, and MB/s of each engine on one core (UTF-8 bytes of the text),
for both the shipped user dictionary and no user dictionary.

Usage: python benchmarks/tokenizer_eval.py [--articles PATH]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from newsnlp.text import Tokenizer

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "rmrb-dev" / "articles.jsonl"


def spans(tokens: list[str]) -> set[tuple[int, int]]:
    out, pos = set(), 0
    for token in tokens:
        out.add((pos, pos + len(token)))
        pos += len(token)
    return out


def timed(tokenizer: Tokenizer, texts: list[str]) -> tuple[list[list[str]], float]:
    tokenizer.cut("预热")  # build the engine outside the timing
    started = time.perf_counter()
    result = [tokenizer.cut(t) for t in texts]
    return result, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=DEFAULT)
    args = parser.parse_args()
    if not args.articles.exists():
        raise SystemExit(f"{args.articles} not found: this benchmark needs ../shared/data")
    texts = []
    for line in args.articles.open(encoding="utf-8"):
        row = json.loads(line)
        texts.append("\n".join(p for p in (row.get("kicker"), row.get("title"), row.get("subtitle"), row.get("body")) if p))
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"{len(texts)} articles, {megabytes:.2f} MB")
    print("| user dictionary | identical tokens | identical articles | jieba MB/s | rjieba MB/s | speed-up |")
    print("|---|---|---|---|---|---|")
    for user_dict in ("default", None):
        ref, ref_seconds = timed(Tokenizer(engine="jieba", user_dict=user_dict), texts)
        fast, fast_seconds = timed(Tokenizer(engine="rjieba", user_dict=user_dict), texts)
        same_tokens = sum(len(spans(a) & spans(b)) for a, b in zip(ref, fast, strict=True))
        total = sum(len(a) for a in ref)
        same_articles = sum(a == b for a, b in zip(ref, fast, strict=True))
        print(
            f"| {user_dict or 'none'} | {same_tokens / total:.5f} ({total - same_tokens} of {total} differ) | "
            f"{same_articles}/{len(texts)} | {megabytes / ref_seconds:.2f} | {megabytes / fast_seconds:.2f} | "
            f"{ref_seconds / fast_seconds:.1f}x |"
        )


if __name__ == "__main__":
    main()
