"""Rebuild the article-start model (``src/newsnlp/resources/start_model.npz``) from the project's corpus.

    PYTHONPATH=src python models/build_start_model.py           # held-out report + write the model
    PYTHONPATH=src python models/build_start_model.py --check   # rebuild in memory, compare bytes

The model scores the heading blocks of a page without indentation (see
:mod:`newsnlp.segment.starts`): does this block open an article, or is it a subhead, label or
caption inside one? Its training pages are made here from ``models/topic_corpus/*.jsonl``, text
written for this project (never the ../shared evaluation pages, which measure it), with the
passage reader and the subhead maker of ``models/build_break_model.py``:

- a page is a run of articles; an article is one to three passages of one topic, the first
  one's title as its headline, the later ones' titles (or clauses, see ``_subhead``) set as
  subheads between their paragraphs, so a headline and a subhead look alike and only what is
  around them tells them apart;
- a headline may get a kicker (a clause, ending in —— or ： or not) and a subtitle (a clause
  or another title, led by —— or not), a byline ("本报记者 王明远", or a bare name), a closing
  line ("（作者为…）", "（记者 王明远）"); subheads may come in series ("名字：" speakers, "——" kickers);
- a long article is at times a composite report: each later part under its own head and its
  reporter's byline, all one article (so a byline under a head marks a part as well as a story);
- the page is laid out without indentation, as PDF text gives it, and half the pages are
  hard-wrapped at 15-20 columns and joined back by :mod:`newsnlp.segment.wrapping` before the
  blocks are found, as the splitter does.

Every heading block :func:`newsnlp.segment.layout.plain_blocks` finds is a training example,
labelled 1 when an article's first line is in it; starts and other blocks weigh alike in the fit
and in the choice of the cut (even odds): the share of starts among the generated blocks (about
40 %) is set by the generator's shares, not by anything users' pages have in common, so it should
not become the model's prior. Passages are split 80/20 by a hash of the
first passage's id for the held-out report; the log-odds cut with the best F1 over 5 folds of
pages, each scored by a model fit on the others, is folded into the intercept; the shipped model is fit on all pages. Everything
is seeded and the archive has fixed timestamps, so a rebuild gives the same bytes (``--check``).
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "models"))

from build_break_model import COLUMN_TAGS, _subhead, arguments, best_smoothed, check_or_write, npz_bytes, read_passages  # noqa: E402

from newsnlp.segment.bylines import dateline_prefix  # noqa: E402
from newsnlp.segment.layout import plain_block_features, plain_blocks, plain_kinds  # noqa: E402
from newsnlp.segment.lines import scan_lines  # noqa: E402
from newsnlp.segment.starts import FEATURES, FORMAT, FORMAT_VERSION  # noqa: E402
from newsnlp.segment.wrapping import display_width, logical_lines  # noqa: E402

OUTPUT = ROOT / "src" / "newsnlp" / "resources" / "start_model.npz"
SEED = 0
N_PAGES = 3000
C = 1.0
#: Grid steps (0.05 each) on each side over which the cross-fitted F1 is averaged to pick the cut.
CUT_WINDOW = 2
#: Folds of pages for choosing the log-odds cut on pages the model was not fit on.
N_FOLDS = 5
WRAP_SHARE = 0.5
#: Pages laid out as a converter gives a page set in columns (paragraphs cut by column breaks),
#: and the share of their long paragraphs cut.
COLUMN_CUT_SHARE = 0.25
COLUMN_CUT_RATE = 1 / 3
_SENTENCE_END = frozenset("。！？!?…；;”’\"'）)】》")
#: A page keeps one style, as a paper's sections do: how often its stories have a byline under
#: the headline, a dateline, or a time lead ("1月14日，", "近日，"), each drawn per page from
#: these. Many pages set none of them (commentary, culture and feature pages): there only the
#: story's end before a headline and the change of story after it mark an article's start.
BYLINE_SHARES = (0.0, 0.0, 0.4, 0.8)
DATELINE_SHARES = (0.0, 0.0, 0.4, 0.7)
TIME_LEAD_SHARES = (0.0, 0.2, 0.4)
#: A long story is set in sections under subheads, every 2-4 paragraphs, on this share of
#: feature pages and of news stories of 5 paragraphs or more: the text goes on with the same
#: story across such a subhead, as real sections do.
SECTIONED_SHARE = 0.5
TWO_LINE_SECTION_SHARE = 0.15
#: A later passage of an article is set under a subhead this often; any other paragraph this often.
SECTION_HEAD_SHARE = 0.4
#: A long article is a composite report this often: several reporters' parts under one
#: headline, each under its own head with its reporter's byline (a 走基层 or 记者手记 series).
COMPOSITE_SHARE = 0.1
PHOTO_SHARE = 0.08
#: Photo news often runs under a title of a word or two ("赶大集", "冬捕"): this share of photo
#: stories gets a title of two or three characters.
TINY_PHOTO_TITLE_SHARE = 0.4
#: A credit or a layout line (版式设计, 本版制图) after a story, this often; a photo with its
#: caption and credit between two paragraphs of a story, this often per paragraph.
FURNITURE_SHARE = 0.1
INNER_PHOTO_SHARE = 0.02
NOTICE_SHARE = 0.03
COLUMN_TAG_SHARE = 0.3
TWO_PART_SHARE = 0.2
#: Pages of one or two long articles in sections (features, reports); the others carry 3-8 news items.
FEATURE_PAGE_SHARE = 0.35
#: Pages whose stories all share one topic (a page of rural news): neighbouring stories share
#: words, so a new story's start is not told from a subhead by a change of topic alone.
THEMED_PAGE_SHARE = 0.5
SUBHEAD_SHARE = 0.03
_PLACES = ("北京", "上海", "广州", "成都", "西安", "南京", "杭州", "武汉", "长沙", "昆明", "兰州", "拉萨", "乌鲁木齐", "哈尔滨", "合肥", "贵阳", "南宁", "海口")
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
_GIVEN = "明远华丽志强建国海燕文静晓东春雨秋实伟红军玲洁敏杰磊娜涛斌勇艳鹏飞宇轩博凯琳颖欣悦思远航宁安平新德春晖嘉怡婷浩然子涵梓"


def _name(rng: random.Random) -> str:
    given = "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2, 2))))
    name = rng.choice(_SURNAMES) + given
    return name[0] + " " + name[1] if len(name) == 2 and rng.random() < 0.5 else name


def _clause(passage: dict, rng: random.Random) -> str:
    clauses = [c for c in re.split(r"[，。！？；：\n]", passage["text"]) if 4 <= len(c) <= 18]
    return rng.choice(clauses) if clauses else passage["title"].strip()


def _heading(first: dict, others: list[dict], rng: random.Random) -> list[str]:
    """Kicker, headline and subtitle lines, the usual stacks of a Chinese newspaper."""
    lines = [first["title"].strip()]
    if rng.random() < TWO_PART_SHARE:  # a headline in two parts: "老街开书店 居民有去处"
        lines = [_clause(first, rng) + rng.choice((" ", "  ", "　")) + _clause(first, rng)]
    if rng.random() < 0.25:
        kicker = _clause(rng.choice(others), rng)
        lines.insert(0, kicker + rng.choice(("——", "：", "", "")))
    if rng.random() < 0.3:
        lines.append(rng.choice(("——", "", "")) + rng.choice((_clause(first, rng), rng.choice(others)["title"].strip())))
    return lines


def _byline(rng: random.Random) -> str:
    shape = rng.randrange(4)
    if shape == 0:
        return "本报记者 " + " ".join(_name(rng) for _ in range(rng.choice((1, 1, 2))))
    if shape == 1:
        return "本报记者  " + _name(rng) + "  通讯员  " + _name(rng)
    return _name(rng)  # a bare name under the headline


def _dateline(rng: random.Random) -> str:
    place = rng.choice(_PLACES)
    date = f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日电"
    if rng.random() < 0.3:
        return f"新华社{place}{date}  "
    return f"本报{place}{date}  （记者{_name(rng).replace(' ', '')}）"


def _closing(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"（记者 {_name(rng)}）"
    return "（作者为" + rng.choice(("某大学教授", "本报评论员", "某研究院研究员", "县委书记")) + "）"


def make_page(
    articles: list[list[dict]], titles: list[str], rng: random.Random, *, feature: bool = False
) -> tuple[list[str], list[int]]:
    """The lines of one page and the indices of the lines on which its articles start."""
    out: list[str] = []
    starts: list[int] = []
    pool = [p for article in articles for p in article]
    byline_share = rng.choice(BYLINE_SHARES)
    dateline_share = rng.choice(DATELINE_SHARES)
    time_lead_share = rng.choice(TIME_LEAD_SHARES)
    for article in articles:
        starts.append(len(out))
        if rng.random() < NOTICE_SHARE:  # a notice without a story: "广告", "图片报道" over a photo
            out.append(rng.choice(("广告", "图片报道", "图片新闻", "公告")))
            continue
        if rng.random() < PHOTO_SHARE:  # a photo story: a short title, a line or two, the credit
            first = [p.strip() for p in article[0]["text"].split("\n") if p.strip()][0]
            title = _clause(article[0], rng)
            if rng.random() < TINY_PHOTO_TITLE_SHARE:
                title = title[: rng.choice((2, 3))]
            out.extend([title, first, f"{_name(rng)}摄" if rng.random() < 0.5 else f"（{_name(rng)} 摄）"])
            continue
        heading = _heading(article[0], pool, rng)
        if rng.random() < COLUMN_TAG_SHARE:  # a column's tag closes the headline: "…（记者手记）"
            title = 1 if len(heading) > 1 and heading[0].endswith(("——", "：")) else 0
            heading[title] += f"（{rng.choice(COLUMN_TAGS)}）"
        out.extend(heading)
        if rng.random() < byline_share:
            out.append(_byline(rng))
        n_paragraphs = sum(len([p for p in passage["text"].split("\n") if p.strip()]) for passage in article)
        sectioned = (feature or n_paragraphs >= 5) and rng.random() < SECTIONED_SHARE
        since_head = 0
        series = rng.random() < 0.2  # subheads of one shape: speakers "名字：", kickers "…——"
        composite = len(article) > 2 and not series and rng.random() < COMPOSITE_SHARE
        # a composite report sets every part in one form: so many head lines, a kicker's dash or not
        part_lines, part_dash = rng.choice((1, 1, 2, 3)), rng.random() < 0.3
        for n, passage in enumerate(article):
            paragraphs = [p.strip() for p in passage["text"].split("\n") if p.strip()]
            if n > 0 and len(paragraphs) > 1:
                paragraphs = paragraphs[1:]  # a section goes on with the story: no fresh lead
            prefix = dateline_prefix(paragraphs[0])
            if n > 0 and prefix:  # a dateline opens a story, never a section of one
                paragraphs[0] = paragraphs[0][len(prefix) :].lstrip()
            elif n == 0 and not prefix and rng.random() < dateline_share:
                paragraphs[0] = _dateline(rng) + paragraphs[0]
            elif n == 0 and not prefix and rng.random() < time_lead_share:  # "1月14日，…", "近日，…"
                lead = rng.choice((f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日，", "近日，", "日前，", "记者近日从有关部门获悉，"))
                paragraphs[0] = lead + paragraphs[0]
            if n > 0 and (composite or rng.random() < SECTION_HEAD_SHARE):
                since_head = 0
                if series:
                    out.append(_name(rng).replace(" ", "") + "：")
                elif composite:
                    if part_lines > 1:  # a kicker naming the part's subject: "船舶调度员王明——"
                        out.append(_clause(passage, rng) + ("——" if part_dash else ""))
                    out.append(passage["title"].strip())
                    if part_lines > 2:
                        out.append(_clause(passage, rng))
                    out.append(_byline(rng))
                else:
                    out.append(passage["title"].strip() if rng.random() < 0.5 else _subhead(paragraphs, titles, rng))
                    if rng.random() < TWO_LINE_SECTION_SHARE:  # a section head in two lines
                        out.insert(len(out) - rng.randrange(2), _clause(passage, rng))
            for k, paragraph in enumerate(paragraphs):
                if sectioned and since_head >= 2 and k < len(paragraphs) - 1 and rng.random() < 0.45:
                    # a section of the same story: its head names what the next paragraphs say
                    since_head = 0
                    out.append(_subhead(paragraphs[k:], titles, rng))
                elif k > 0 and rng.random() < SUBHEAD_SHARE:
                    out.append(_subhead(paragraphs, titles, rng))
                out.append(paragraph)
                since_head += 1
                if k < len(paragraphs) - 1 and rng.random() < INNER_PHOTO_SHARE:
                    out.extend(_photo(passage, rng))
        if rng.random() < 0.15:
            out.append(_closing(rng))
        if rng.random() < FURNITURE_SHARE:  # the layout's credits between stories
            out.append(_furniture(rng))
    return out, starts


def _furniture(rng: random.Random) -> str:
    """A line of page furniture or a graphic's credit, as set between stories."""
    name = _name(rng)
    return rng.choice((f"版式设计：{name}", f"本版制图：{name}", f"制图：{name}", f"{name}摄", f"（{name} 摄）"))


def _photo(passage: dict, rng: random.Random) -> list[str]:
    """A photo inside a story: a caption ("图为…") and its credit."""
    return ["图为" + _clause(passage, rng) + "。", f"{_name(rng)}摄" if rng.random() < 0.5 else f"（{_name(rng)} 摄）"]


def _cut_by_columns(lines: list[str], starts: list[int], rng: random.Random) -> tuple[list[str], list[int]]:
    """The page as a PDF-to-Markdown converter gives a page set in columns, marks lost: about a
    third of the paragraphs over 60 characters cut once by a column break at a place that is not
    a sentence end, the cut-off start set as a line of its own (it reads like a heading)."""
    out: list[str] = []
    index: list[int] = []
    for line in lines:
        index.append(len(out))
        places = [k for k in range(8, len(line) - 8) if line[k - 1] not in _SENTENCE_END]
        if len(line) > 60 and places and rng.random() < COLUMN_CUT_RATE:
            at = rng.choice(places)
            out.extend([line[:at], line[at:]])
        else:
            out.append(line)
    return out, [index[s] for s in starts]


def _wrap(lines: list[str], starts: list[int], width: int) -> tuple[list[str], list[int]]:
    """Hard-wrap every line wider than ``width`` columns (headings included, as pdftotext does)."""
    out: list[str] = []
    index: list[int] = []
    for line in lines:
        index.append(len(out))
        piece = ""
        for ch in line:
            if display_width(piece + ch) > width:
                out.append(piece)
                piece = ""
            piece += ch
        out.append(piece)
    return out, [index[s] for s in starts]


def page_examples(lines: list[str], starts: list[int]) -> tuple[list[list[float]], list[int]]:
    """Features and labels of every heading block of one page, found as the splitter finds them."""
    raw = scan_lines("\n".join(lines))
    logical, groups = logical_lines(raw)
    first_of = {group[0]: k for k, group in enumerate(groups)}
    gold = {first_of[s] for s in starts if s in first_of}
    kinds = plain_kinds(logical)
    blocks = plain_blocks(kinds)
    rows = plain_block_features(logical, kinds, blocks)
    labels = [int(any(k in gold for k in range(i, j))) for i, j in blocks]
    # the page's first block is decided by position in the splitter; it teaches nothing here
    return rows[1:], labels[1:]


def all_examples(passages: list[dict]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(X, y, held out, fold) over :data:`N_PAGES` pages."""
    rng = random.Random(SEED)
    titles = [p["title"].strip() for p in passages if p.get("title", "").strip()]
    by_label: dict[str, list[dict]] = {}
    for passage in passages:
        if passage.get("title", "").strip():
            by_label.setdefault(passage.get("label", ""), []).append(passage)
    labels = sorted(by_label)
    X: list[list[float]] = []
    y: list[int] = []
    held: list[bool] = []
    fold: list[int] = []
    for page in range(N_PAGES):
        articles = []
        feature_page = rng.random() < FEATURE_PAGE_SHARE
        theme = rng.choice(labels) if rng.random() < THEMED_PAGE_SHARE else None
        for _ in range(rng.randint(1, 2) if feature_page else rng.randint(3, 8)):
            group = by_label[theme or rng.choice(labels)]
            size = rng.randint(4, 8) if feature_page else rng.choice((1, 1, 1, 2, 3))
            articles.append([rng.choice(group) for _ in range(size)])
        lines, starts = make_page(articles, titles, rng, feature=feature_page)
        layout = rng.random()
        if layout < WRAP_SHARE:
            lines, starts = _wrap(lines, starts, rng.randint(15, 20))
        elif layout < WRAP_SHARE + COLUMN_CUT_SHARE:
            lines, starts = _cut_by_columns(lines, starts, rng)
        is_held = hashlib.sha256(str(articles[0][0].get("id", "")).encode()).digest()[0] < 51
        rows, ys = page_examples(lines, starts)
        X.extend(rows)
        y.extend(ys)
        held.extend([is_held] * len(rows))
        fold.extend([page % N_FOLDS] * len(rows))
    return np.asarray(X, dtype=np.float64), np.asarray(y, dtype=np.int64), np.asarray(held), np.asarray(fold)


def fit(X: np.ndarray, y: np.ndarray):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, max_iter=5000, random_state=SEED, class_weight="balanced").fit(X, y)


def report(X: np.ndarray, y: np.ndarray, held: np.ndarray, folds: np.ndarray) -> None:
    model = fit(X[~held], y[~held])
    pred = model.predict(X[held])
    truth = y[held]
    tp = int(((pred == 1) & (truth == 1)).sum())
    p = tp / max(1, int(pred.sum()))
    r = tp / max(1, int(truth.sum()))
    print(f"intercept {fit(X, y).intercept_[0]:+.2f}")
    print(f"held out: {int(held.sum())} blocks, {int(truth.sum())} article starts; P {p:.3f} R {r:.3f} at log-odds 0")
    cut, f1 = held_out_threshold(X, y, folds)
    print(f"log-odds cut with the best cross-fitted F1 ({f1:.4f}, {N_FOLDS} folds), folded into the intercept: {cut:+.2f}")
    for name, w in sorted(zip(FEATURES, fit(X, y).coef_[0]), key=lambda x: -abs(x[1])):
        print(f"  {name:<18} {w:+.2f}")


def held_out_threshold(X: np.ndarray, y: np.ndarray, folds: np.ndarray) -> tuple[float, float]:
    """The log-odds cut (a multiple of 0.05 in [-2, 2]) with the best F1 over the pages of each
    fold scored by a model fit on the other folds (cross-fitted, so every page is held out
    once); the shipped model's intercept is shifted by it, so the splitter's cut stays at 0.

    Near its top the F1 curve is flat (within 0.001 over half a unit of log-odds), so its
    argmax jumps with any change to the training pages; the cut is the best of the F1 averaged
    over :data:`CUT_WINDOW` grid steps on each side, which moves only when the curve does."""
    logits = np.zeros(len(y))
    for f in np.unique(folds):
        out = folds == f
        logits[out] = fit(X[~out], y[~out]).decision_function(X[out])
    truth = y == 1
    weight = np.where(truth, len(y) / (2 * truth.sum()), len(y) / (2 * (~truth).sum()))  # as the fit's class weights
    cuts = np.round(np.arange(-2.0, 2.001, 0.05), 2)
    scores = []
    for cut in cuts:
        pred = logits >= cut
        tp = float(weight[pred & truth].sum())
        scores.append(2 * tp / max(1.0, float(weight[pred].sum()) + float(weight[truth].sum())))
    best = best_smoothed(scores, CUT_WINDOW)
    return float(cuts[best]), float(scores[best])


def model_bytes(X: np.ndarray, y: np.ndarray, folds: np.ndarray) -> bytes:
    model = fit(X, y)
    cut, _ = held_out_threshold(X, y, folds)
    header = {"format": FORMAT, "version": FORMAT_VERSION, "features": list(FEATURES), "seed": SEED, "C": C, "cut": cut}
    arrays = {
        "coef": model.coef_[0].astype(np.float64),
        "intercept": (model.intercept_ - cut).astype(np.float64),
        "header": np.asarray(json.dumps(header, ensure_ascii=False, sort_keys=True)),
    }
    return npz_bytes(arrays)


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv, __doc__.split("\n")[0])
    args.output = args.output or OUTPUT
    X, y, held, folds = all_examples(read_passages())
    if not args.no_report and not args.check:
        report(X, y, held, folds)
    data = model_bytes(X, y, folds)
    return check_or_write(data, args.output, check=args.check, what=f"{len(y)} blocks ({int(y.sum())} article starts)")


if __name__ == "__main__":
    raise SystemExit(main())
