"""Summary quality and speed: newsnlp's extractive summarizer vs Lead, SnowNLP and TextRank4ZH.

All rows are measured in one run, on the same articles, single-threaded::

    PYTHONPATH=src python benchmarks/summarize_eval.py [--data ../shared/data] [--limit N]

Data (read-only, beside the project; never copied into it):

- ``rmrb-dev/summaries.jsonl``: People's Daily articles whose editors wrote a 核心阅读 box;
  reference = that box, budget 150 characters. Also reported per half (2019-10 / 2020-01),
  since the default weights were chosen on the 2019-10 half only.
- ``rmrb-dev/articles.jsonl``: 988 People's Daily articles without references: counted are the
  summaries that start with a dateline or agency head (新华社北京1月15日电, （记者…）) and those that
  start with a word referring back to a sentence left out (这, 此外, 因此 …): what an editor
  would reject. Counted for newsnlp and the Lead baselines (the peers would take minutes here).
- ``lcsts_part3/PART_III.txt``: Weibo posts with human summaries, score >= 3 (725 pairs);
  budget 30 characters. LCSTS texts have no headline, so none is given to any system.

Scoring: character-level ROUGE-1/2/L F1 (rouge-chinese on space-joined characters). Every
system's output is joined and cut at the budget (the same rule for all; it only matters for a
system whose chosen text overshoots, e.g. one sentence longer than 30 characters, and for
"Lead (first N chars)", which is exactly the first N characters of the body). Peers are used as
their documentation shows: their top-ranked sentences in their own (rank) order, added until the
budget is full. TextRank4ZH needs ``networkx.from_numpy_matrix``, removed in networkx 3; it is
aliased to ``from_numpy_array`` inside this script only.

Speed: characters of input per second on one core (BLAS threads pinned to 1), each system timed
on the same articles after one warm-up call, tokenization included for every system.

Needs: rouge-chinese, snownlp, textrank4zh (and networkx), plus newsnlp itself.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

from newsnlp.document import Article  # noqa: E402
from newsnlp.summarize import ExtractiveSummarizer, LeadSummarizer  # noqa: E402
from newsnlp.text import Tokenizer, analyze_article  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@dataclass
class Item:
    id: str
    group: str
    article: Article
    body: str
    reference: str


def load_rmrb(path: Path) -> list[Item]:
    items = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            r = json.loads(line)
            paragraphs = [p.strip() for p in r["article"].split("\n") if p.strip()]
            article = Article(
                title=r["title"], kicker=r.get("kicker", ""), subtitle=r.get("subtitle", ""), paragraphs=paragraphs
            )
            items.append(Item(r["id"], r["date"][:7], article, "\n".join(paragraphs), r["summary"].replace("\n", "")))
    return items


_LCSTS = re.compile(
    r"<doc id=(\d+)>\s*<human_label>(\d)</human_label>\s*<summary>\s*(.*?)\s*</summary>\s*"
    r"<short_text>\s*(.*?)\s*</short_text>",
    re.S,
)


def load_lcsts(path: Path, min_score: int = 3) -> list[Item]:
    items = []
    for doc_id, score, summary, text in _LCSTS.findall(path.read_text(encoding="utf-8")):
        if int(score) >= min_score:
            body = text.strip()
            items.append(Item(doc_id, "lcsts", Article(paragraphs=[body]), body, summary.strip()))
    return items


# -- systems: each maps (item, budget) -> summary text -----------------------------------------
def newsnlp_system(summarizer_factory: Callable[[int], object], tokenizer: Tokenizer) -> Callable[[Item, int], str]:
    cache: dict[int, object] = {}

    def run(item: Item, budget: int) -> str:
        summarizer = cache.get(budget)
        if summarizer is None:
            summarizer = cache[budget] = summarizer_factory(budget)
        article = Article(
            title=item.article.title,
            kicker=item.article.kicker,
            subtitle=item.article.subtitle,
            paragraphs=item.article.paragraphs,
        )
        analysis = analyze_article(article, tokenizer)  # tokenization is part of the timed run
        return "".join(s.text for s in summarizer.summarize_article(article, analysis))

    return run


def lead_chars(item: Item, budget: int) -> str:
    return item.body.replace("\n", "")[:budget]


def fill_ranked(sentences: Sequence[str], budget: int) -> str:
    """Top-ranked sentences in the given order until the budget is full (the peers' usage)."""
    out = ""
    for sentence in sentences:
        if out and len(out) + len(sentence) > budget:
            break
        out += sentence
        if len(out) >= budget:
            break
    return out


def snownlp_system(item: Item, budget: int) -> str:
    from snownlp import SnowNLP

    doc = SnowNLP(item.body)
    ranked = doc.summary(limit=max(1, budget // 8))
    return fill_ranked(ranked, budget)


def textrank4zh_system(item: Item, budget: int) -> str:
    import networkx as nx

    if not hasattr(nx, "from_numpy_matrix"):  # networkx 3 removed it; patch for this script only
        nx.from_numpy_matrix = nx.from_numpy_array
    from textrank4zh import TextRank4Sentence

    tr = TextRank4Sentence()
    tr.analyze(text=item.body, lower=True, source="all_filters")
    ranked = [s.sentence for s in tr.get_key_sentences(num=max(1, budget // 8))]
    return fill_ranked(ranked, budget)


# -- editor checks: what a summary must not start with -------------------------------------------
# Written for this benchmark, independently of the library's own rules, so that the count is
# the same for every system and for older versions of newsnlp.
_DATELINE_START = re.compile(
    r"^\s*(?:据)?(?:[^\s。，！？]{1,16}?(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})日"
    r"(?:电|讯|消息)|本报讯|[（(](?:本报)?记者)"
)
_DANGLING_START = re.compile(
    r"^[“‘「]?(?:这|那|此|该|其|上述|对此|为此|因此|所以|同时|与此同时|此外|另外|但|而|然而|不过|于是|随后|"
    r"其中|由此|他|她|它)"
)


def editor_counts(summaries: Sequence[str]) -> tuple[int, int]:
    """How many summaries start with a dateline or agency head, and how many with a word that
    refers back to a sentence the summary left out (这, 此外, 因此, 他 …)."""
    dateline = sum(1 for s in summaries if _DATELINE_START.match(s))
    dangling = sum(1 for s in summaries if _DANGLING_START.match(s.lstrip()))
    return dateline, dangling


def load_rmrb_articles(path: Path) -> list[Item]:
    items = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            r = json.loads(line)
            paragraphs = [p.strip() for p in r["body"].split("\n") if p.strip()]
            article = Article(
                title=r["title"], kicker=r.get("kicker", ""), subtitle=r.get("subtitle", ""), paragraphs=paragraphs
            )
            items.append(Item(r["id"], r["date"][:7], article, "\n".join(paragraphs), ""))
    return items


def editor_section(items: list[Item], budget: int, systems: dict[str, Callable[[Item, int], str]]) -> None:
    print(f"\n## Editor checks over rmrb-dev articles: {len(items)} articles, budget {budget} characters")
    header = f"{'system':34s} {'dateline start':>15s} {'dangling start':>15s}"
    print(header)
    print("-" * len(header))
    for label, system in systems.items():
        dateline, dangling = editor_counts([system(item, budget) for item in items])
        print(f"{label:34s} {dateline:15d} {dangling:15d}", flush=True)


# -- scoring ---------------------------------------------------------------------------------
def rouge_f1(hyps: Sequence[str], refs: Sequence[str]) -> tuple[float, float, float]:
    from rouge_chinese import Rouge

    rouge = Rouge()
    totals = [0.0, 0.0, 0.0]
    for hyp, ref in zip(hyps, refs):
        h = " ".join(hyp.replace(" ", "")) or "_"
        r = " ".join(ref.replace(" ", "")) or "_"
        score = rouge.get_scores(h, r)[0]
        for k, key in enumerate(("rouge-1", "rouge-2", "rouge-l")):
            totals[k] += score[key]["f"]
    n = max(len(hyps), 1)
    return tuple(100 * t / n for t in totals)  # type: ignore[return-value]


def run_system(system: Callable[[Item, int], str], items: Sequence[Item], budget: int) -> tuple[list[str], float]:
    system(items[0], budget)  # warm-up: loads dictionaries and models
    start = time.process_time()
    outputs = [system(item, budget)[:budget] for item in items]
    return outputs, time.process_time() - start


def evaluate(
    name: str, items: list[Item], budget: int, systems: dict[str, Callable[[Item, int], str]], groups: Sequence[str]
) -> dict:
    chars = sum(len(item.body) for item in items)
    print(f"\n## {name}: {len(items)} articles, {chars} characters, budget {budget} characters")
    header = f"{'system':34s} {'R-1':>6s} {'R-2':>6s} {'R-L':>6s}"
    for group in groups:
        header += f" | {group + ' R-1/R-2/R-L':>22s}"
    header += f" | {'chars/s/core':>12s}"
    print(header)
    print("-" * len(header))
    results = {}
    for label, system in systems.items():
        outputs, seconds = run_system(system, items, budget)
        refs = [item.reference for item in items]
        scores = rouge_f1(outputs, refs)
        line = f"{label:34s} {scores[0]:6.2f} {scores[1]:6.2f} {scores[2]:6.2f}"
        by_group = {}
        for group in groups:
            idx = [i for i, item in enumerate(items) if item.group == group]
            g = rouge_f1([outputs[i] for i in idx], [refs[i] for i in idx])
            by_group[group] = g
            line += f" | {g[0]:6.2f} {g[1]:6.2f} {g[2]:6.2f}".rjust(25)
        speed = chars / seconds if seconds > 0 else float("inf")
        line += f" | {speed:12,.0f}"
        print(line, flush=True)
        results[label] = {"rouge": scores, "groups": by_group, "speed": speed, "outputs": outputs}
    return results


def print_speed_ratios(name: str, results: dict, ours: str) -> None:
    base = results[ours]["speed"]
    for label, result in results.items():
        if label.startswith(("SnowNLP", "TextRank4ZH")):
            peer = label.split()[0]
            print(
                f"[{name}] speed: {ours} is {base / result['speed']:,.0f}x {peer} (same {name} articles)"
            )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None, help="first N items of each set (quick runs)")
    parser.add_argument("--no-peers", action="store_true", help="skip SnowNLP and TextRank4ZH")
    parser.add_argument("--no-ablations", action="store_true")
    parser.add_argument("--json", type=Path, default=None, help="also write the numbers here")
    args = parser.parse_args(argv)
    rmrb_path = args.data / "rmrb-dev" / "summaries.jsonl"
    lcsts_path = args.data / "lcsts_part3" / "PART_III.txt"
    if not rmrb_path.exists():
        print(f"no evaluation data at {args.data} (needs ../shared/data); nothing to do", file=sys.stderr)
        return 0
    warnings.filterwarnings("ignore")
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = Tokenizer()
    ours = "newsnlp extractive"
    systems: dict[str, Callable[[Item, int], str]] = {
        ours: newsnlp_system(lambda b: ExtractiveSummarizer(max_chars=b), tokenizer),
    }
    if not args.no_ablations:
        systems["  ablation: no MMR"] = newsnlp_system(
            lambda b: ExtractiveSummarizer(max_chars=b, redundancy_tradeoff=1.0), tokenizer
        )
        systems["  ablation: no position"] = newsnlp_system(
            lambda b: ExtractiveSummarizer(max_chars=b, weights={"position": 0.0}), tokenizer
        )
        systems["  ablation: no headline"] = newsnlp_system(
            lambda b: ExtractiveSummarizer(max_chars=b, weights={"title": 0.0}), tokenizer
        )
        systems["  ablation: no dependency penalty"] = newsnlp_system(
            lambda b: ExtractiveSummarizer(max_chars=b, dependency_penalty=1.0), tokenizer
        )
        systems["  ablation: section lines allowed"] = newsnlp_system(
            lambda b: ExtractiveSummarizer(max_chars=b, section_penalty=1.0), tokenizer
        )
        systems["  ablation: LexRank only"] = newsnlp_system(
            lambda b: ExtractiveSummarizer(
                max_chars=b, weights={"position": 0.0, "title": 0.0, "centroid": 0.0}, redundancy_tradeoff=1.0
            ),
            tokenizer,
        )
    systems["Lead (whole sentences)"] = newsnlp_system(
        lambda b: LeadSummarizer(max_chars=b, skip_fragments=False), tokenizer
    )
    systems["Lead (first N chars, cut)"] = lead_chars
    if not args.no_peers:
        systems["SnowNLP 0.12"] = snownlp_system
        systems["TextRank4ZH 0.3 (nx3 patched)"] = textrank4zh_system
    report = {}
    rmrb = load_rmrb(rmrb_path)[: args.limit]
    groups = sorted({item.group for item in rmrb})
    report["rmrb"] = evaluate("rmrb-dev summaries (核心阅读)", rmrb, 150, systems, groups)
    articles_path = args.data / "rmrb-dev" / "articles.jsonl"
    if articles_path.exists():
        editor_systems = {
            k: v for k, v in systems.items() if k == ours or k.startswith(("Lead", "  ablation: no dependency"))
        }
        editor_section(load_rmrb_articles(articles_path)[: args.limit], 150, editor_systems)
    if lcsts_path.exists():
        lcsts = load_lcsts(lcsts_path)[: args.limit]
        report["lcsts"] = evaluate("LCSTS PART III, human score >= 3", lcsts, 30, systems, [])
    print()
    for name, results in report.items():
        print_speed_ratios(name, results, ours)
    if args.json:
        slim = {k: {s: {x: y for x, y in v.items() if x != "outputs"} for s, v in r.items()} for k, r in report.items()}
        args.json.write_text(json.dumps(slim, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
