"""The interface every summarizer shares: budgets, input handling and sentence selection.

A summarizer reads the sentences of one article (``Analysis.sentences``, computed once by the
pipeline) and returns some of them as :class:`~newsnlp.document.ScoredSentence` in document
order. Subclasses implement one hook, :meth:`BaseSummarizer._select`; everything else (accepting
an :class:`~newsnlp.document.Article` or a plain string, building the analysis, resolving the
budget) lives here once.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsnlp.document import Analysis, Article, ScoredSentence
from newsnlp.errors import ConfigError, Errors, InputError
from newsnlp.segment.wrapping import text_paragraphs

if TYPE_CHECKING:
    from newsnlp.text.tokenize import Tokenizer

__all__ = [
    "BaseSummarizer",
    "Budget",
    "as_article",
    "depends_on_previous",
    "fact_count",
    "fill_budget",
    "is_credit",
    "is_summary_candidate",
    "parse_budget",
    "strip_dateline",
]

Size = int | str | None

_PERCENT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%\s*$")
_END_MARKS = "。！？!?…"
_CLOSERS = "”’\"'）)]】』」》〉"
# A sentence that continues one cut by a column break starts with one of these.
_CONTINUATION_START = "，,、；;：:。！？!?）)”’》」』】"
_WORDY = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
# Whole-sentence brackets: （完）, （本报记者 某某）, （新华社发）, (图片来源：……).
_BRACKETED = re.compile(r"^[（(【\[][^（()）]*[）)】\]][。.]?$")
# Credits, bylines and captions a body may still carry.
_CREDIT_START = re.compile(
    r"^(?:图为|上图|下图|左图|右图|图[一二三四五六七八九十\d]+[：:为]|图片来源|数据来源|资料来源|本版编辑|"
    r"本版责编|责任编辑|责编|美编|校对|本期统筹|版式设计|制图[：:]|供图[：:]|作者系|作者为|作者单位)"
)
# A byline that ends like a sentence: 本报记者 王小明 李 华。
_BYLINE = re.compile(
    r"^(?:本报|新华社|特约|见习|实习)?(?:记者|通讯员|实习生|评论员)[\s　：:]*"
    r"[\u4e00-\u9fff·]{2,5}(?:[\s　、，,]+[\u4e00-\u9fff·]{1,5})*[。.]?$"
)
# What is left of a quotation after the splitter: 张三说。 / 他笑着告诉记者。
_SPEAKER_TAG = re.compile(
    r"^[\u4e00-\u9fff·，,、\s　]{1,16}(?:说|表示|介绍|指出|认为|坦言|感叹|笑着说|告诉记者|对记者说|解释说|强调|补充道|说道)[。！.]?$"
)
_OPEN_QUOTES = "“‘「『"
_CLOSE_QUOTES = "”’」』"
_CREDIT_END = re.compile(r"(?<![拍航])(?:摄影?|供图|制图|绘图|新华社发|资料图片|视觉中国|人民视觉)$")


# A dateline or agency head opening a report: 新华社北京1月15日电, 本报华盛顿1月14日电, 据中新社
# 上海3月2日消息, 本报讯; then a reporter bracket such as （记者冯春梅）. The lead before the date is a
# short run of letters (agency + place), so any agency and any place is recognised, not a list.
_DATELINE = re.compile(
    r"^[\s　]*(?:据)?(?:[\u4e00-\u9fffA-Za-z·]{1,16}?(?:\d{1,2}|[一二三四五六七八九十]{1,3})月"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})日(?:电|讯|消息)|本报讯|本刊讯)"
    r"(?=$|[\s　（(：:，,])[\s　：:，,]*"
    r"(?:[（(](?:[^（()）]{0,12}记者|通讯员|特约)[^（()）]{0,40}[）)][\s　]*)?"
)
# A reporter bracket alone at the start: （记者 王小明）……
_REPORTER_HEAD = re.compile(r"^[\s　]*[（(](?:本报)?(?:记者|通讯员|特约记者)[^（()）]{1,40}[）)][\s　]*")
# Words that make a sentence lean on the one before it (an anaphor or a connective at its start).
_BACK_REFERENCE = re.compile(
    r"^(?:这|那|此|该(?!不该)|其(?!他|它|余)|上述|以上|对此|为此|因此|因而|所以|同时|与此同时|此外|另外|另一方面|但|而|然而|不过|"
    r"可是|于是|随后|之后|然后|接着|其中|由此|总之|换言之|也就是说|比如|例如|他|她|它)"
)
# Facts: numbers (Arabic or Chinese with a unit), dates, and named places or organisations.
_FACTS = re.compile(
    r"\d+(?:\.\d+)?|[一二三四五六七八九十百千万亿两]+(?:年|月|日|个|万|亿|元|人|家|项|所|次|倍|名|座|条|户|公里|吨)|"
    r"[\u4e00-\u9fff]{2,6}(?:省|市|县|区|乡|镇|村|街道|公司|集团|大学|医院|委员会)|"
    r"《[^》]{1,30}》"
)


def strip_dateline(sentence: str) -> str:
    """The sentence without a leading dateline, agency head or reporter bracket.

    >>> strip_dateline("新华社北京1月15日电  国务院常务会议今天召开。")
    '国务院常务会议今天召开。'
    >>> strip_dateline("本报青禾1月8日电　（记者 周明远）全县新建二十所学校。")
    '全县新建二十所学校。'
    >>> strip_dateline("我们在1月15日电话采访了他。")
    '我们在1月15日电话采访了他。'
    """
    head = sentence[:40]
    if "日" not in head and "讯" not in head and "（" not in head and "(" not in head:
        return sentence  # the common case, without a regex: no date, 讯 or bracket up front
    match = _DATELINE.match(sentence) or _REPORTER_HEAD.match(sentence)
    return sentence[match.end() :] if match else sentence


def depends_on_previous(sentence: str, previous: str | None) -> bool:
    """Whether a sentence leans on the one before it: it opens with an anaphor or connective
    (这, 此外, 因此, 他 …), or it is the quotation a previous sentence ending in a colon announced.

    >>> depends_on_previous("此外，县里还开通了校车。", "全县新建学校。")
    True
    >>> depends_on_previous("“孩子上学方便了。”", "村民赵桂兰说：")
    True
    >>> depends_on_previous("全县新建学校。", None)
    False
    """
    if previous is not None and previous.rstrip().endswith(("：", ":")):
        return True
    return _BACK_REFERENCE.match(strip_dateline(sentence).lstrip("“‘「『 　")) is not None


def fact_count(sentence: str) -> int:
    """How many facts a sentence states: numbers, dates, named places and bodies, titles.

    >>> fact_count("青禾县今年新建20所学校。"), fact_count("把握好引领与协同的关系。")
    (2, 0)
    """
    return len(_FACTS.findall(sentence))


def is_summary_candidate(sentence: str) -> bool:
    """Whether a sentence may appear in an extractive summary.

    Rejected: half sentences (no final punctuation, or starting with a comma or closing mark,
    as a column break leaves them; a quotation split in two, with unbalanced quote marks; a
    bare speaker tag such as ``张三说。``), subheads (no final punctuation), bracketed notes such
    as ``（完）`` or ``（本报记者 某某）``, bylines, photo captions and credits, and sentences with
    fewer than six letters or digits.

    >>> is_summary_candidate("全县今年新建了十二所乡村小学。")
    True
    >>> is_summary_candidate("（本报记者 王小明）")
    False
    >>> is_summary_candidate("乡村学校迎来新变化")
    False
    """
    text = strip_dateline(sentence).strip()
    if len(_WORDY.findall(text)) < 6:
        return False
    if text[0] in _CONTINUATION_START:
        return False
    core = text.rstrip(_CLOSERS)
    if not core or core[-1] not in _END_MARKS:
        return False
    if _SPEAKER_TAG.match(text) or is_credit(text):
        return False
    # A quotation cut in two by the sentence splitter leaves an unbalanced half.
    return sum(text.count(q) for q in _OPEN_QUOTES) == sum(text.count(q) for q in _CLOSE_QUOTES)


def is_credit(sentence: str) -> bool:
    """Whether a sentence is a byline, photo caption, credit or bracketed note, not content.

    >>> is_credit("（本报记者 王小明）"), is_credit("张 华摄"), is_credit("图为新建的乡村学校。")
    (True, True, True)
    >>> is_credit("记者近日来到乡村学校。")
    False
    """
    text = sentence.strip()
    core = text.rstrip(_CLOSERS + "。.")
    return bool(
        _BRACKETED.match(text)
        or _CREDIT_START.match(text)
        or _BYLINE.match(text)
        or (len(core) <= 40 and _CREDIT_END.search(core))
    )


def _count(size: Size, total: int, name: str) -> int | None:
    """Resolve an ``int`` or ``"N%"`` budget against ``total``; ``None`` means no limit."""
    if size is None:
        return None
    if isinstance(size, bool):
        raise ConfigError(Errors.E053.format(name=name, value=size))
    if isinstance(size, int):
        if size < 1:
            raise ConfigError(Errors.E053.format(name=name, value=size))
        return size
    if isinstance(size, str):
        match = _PERCENT.match(size)
        if match:
            share = float(match.group(1))
            if 0 < share <= 100:
                return max(1, math.ceil(total * share / 100))
        elif size.strip().isdigit() and int(size) >= 1:
            return int(size)
    raise ConfigError(Errors.E053.format(name=name, value=size))


@dataclass(frozen=True)
class Budget:
    """How much a summary may hold: characters and/or sentences (``None``: no limit)."""

    max_chars: int | None
    max_sentences: int | None

    def fits(self, chars: int, sentences: int) -> bool:
        """Whether a summary of ``chars`` characters in ``sentences`` sentences fits."""
        if self.max_chars is not None and chars > self.max_chars:
            return False
        return self.max_sentences is None or sentences <= self.max_sentences


def parse_budget(max_chars: Size, max_sentences: Size, *, n_chars: int, n_sentences: int) -> Budget:
    """Resolve budgets given as ``int``, digit strings or ``"20%"`` for one article.

    >>> parse_budget("10%", None, n_chars=2000, n_sentences=40)
    Budget(max_chars=200, max_sentences=None)
    >>> parse_budget(None, "25%", n_chars=2000, n_sentences=10)
    Budget(max_chars=None, max_sentences=3)
    """
    return Budget(
        max_chars=_count(max_chars, n_chars, "max_chars"),
        max_sentences=_count(max_sentences, n_sentences, "max_sentences"),
    )


class BaseSummarizer:
    """Base class of the summarizers: one public interface, one hook (:meth:`_select`).

    Parameters
    ----------
    max_chars : int, str or None, default=150
        Character budget of a summary: an ``int``, or ``"N%"`` of the article's characters.
        Whole sentences only; when not even one candidate fits, the best one is returned alone.
    max_sentences : int, str or None, default=None
        Sentence budget (``int`` or ``"N%"`` of the article's sentences); both limits apply.
    tokenizer : Tokenizer or None, default=None
        Used only when a plain text (or an Article without analysis) is given; a default
        :class:`~newsnlp.text.Tokenizer` is made on first use when ``None``.
    """

    def __init__(
        self, *, max_chars: Size = 150, max_sentences: Size = None, tokenizer: Tokenizer | None = None
    ) -> None:
        self.max_chars = max_chars
        self.max_sentences = max_sentences
        self.tokenizer = tokenizer

    # -- the hook -----------------------------------------------------------------------------
    def _select(self, article: Article, analysis: Analysis, budget: Budget) -> list[ScoredSentence]:
        """Choose sentences of ``analysis.sentences`` within ``budget``, in document order."""
        raise NotImplementedError

    # -- public interface ---------------------------------------------------------------------
    def load(self) -> BaseSummarizer:
        """Load resources now rather than on first use (the pipeline calls this once, before
        any worker process starts). Subclasses with resources override it."""
        return self

    def _get_tokenizer(self) -> Tokenizer:
        tokenizer = self.tokenizer if self.tokenizer is not None else self.__dict__.get("_tokenizer")
        if tokenizer is None:
            from newsnlp.text.tokenize import Tokenizer

            tokenizer = Tokenizer()
            self.__dict__["_tokenizer"] = tokenizer
        return tokenizer

    def _budget(self, analysis: Analysis, max_chars: Size, max_sentences: Size) -> Budget:
        return parse_budget(
            max_chars,
            max_sentences,
            n_chars=sum(len(s) for s in analysis.sentences),
            n_sentences=len(analysis.sentences),
        )

    def analyze(self, article: Article) -> Analysis:
        """The article's analysis: the pipeline's when present, else built with our tokenizer."""
        if article.analysis is not None:
            return article.analysis
        from newsnlp.text.analysis import analyze_article

        return analyze_article(article, self._get_tokenizer())

    def summarize_article(
        self,
        article: Article,
        analysis: Analysis | None = None,
        *,
        max_chars: Size | str = "default",
        max_sentences: Size | str = "default",
    ) -> list[ScoredSentence]:
        """Summarize one article; ``index`` of each result indexes ``analysis.sentences``.

        Parameters
        ----------
        article : Article
            The article (its title, kicker and subtitle guide the choice).
        analysis : Analysis, optional
            Its sentences and words; built (and stored on the article) when omitted.
        max_chars, max_sentences : int, str or None, optional
            Override the budgets given to the constructor for this call.

        Returns
        -------
        list of ScoredSentence
            In document order; empty only when the article has no sentence.
        """
        if analysis is None:
            analysis = self.analyze(article)
        budget = self._budget(
            analysis,
            self.max_chars if max_chars == "default" else max_chars,
            self.max_sentences if max_sentences == "default" else max_sentences,
        )
        if not analysis.sentences:
            return []
        return self._select(article, analysis, budget)

    def summarize_articles(
        self,
        articles: Sequence[Article],
        analyses: Sequence[Analysis] | None = None,
        **budget: Size,
    ) -> list[list[ScoredSentence]]:
        """Summarize many articles, one result per article in input order."""
        analyses = self._analyses_for(articles, analyses)
        return [self.summarize_article(a, x, **budget) for a, x in zip(articles, analyses)]

    def _analyses_for(self, articles: Sequence[Article], analyses: Sequence[Analysis] | None) -> Sequence[Analysis]:
        """The given analyses (one per article, checked) or ones built now."""
        if analyses is None:
            return [self.analyze(a) for a in articles]
        if len(analyses) != len(articles):
            raise InputError(Errors.E054.format(n_articles=len(articles), n_analyses=len(analyses)))
        return analyses

    def summarize(
        self,
        article_or_text: Article | str,
        *,
        title: str = "",
        max_chars: Size | str = "default",
        max_sentences: Size | str = "default",
    ) -> list[ScoredSentence]:
        """Summarize an :class:`Article` or a body text (paragraphs separated by newlines).

        Parameters
        ----------
        article_or_text : Article or str
            The article, or its body text.
        title : str, default=""
            The headline, when a text is given (ignored for an Article, which has its own).
        max_chars, max_sentences : int, str or None, optional
            Override the constructor's budgets for this call.
        """
        article = as_article(article_or_text, title=title)
        return self.summarize_article(article, None, max_chars=max_chars, max_sentences=max_sentences)

    __call__ = summarize

    def __repr__(self) -> str:
        params = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items() if not k.startswith("_"))
        return f"{type(self).__name__}({params})"


def as_article(article_or_text: Article | str, *, title: str = "") -> Article:
    """An :class:`Article` for a text (one paragraph per non-blank line, hard-wrapped lines
    joined back: see :func:`newsnlp.segment.wrapping.text_paragraphs`), or the article itself."""
    if isinstance(article_or_text, Article):
        return article_or_text
    if not isinstance(article_or_text, str):
        raise InputError(Errors.E001.format(type=type(article_or_text).__name__))
    return Article(title=title.strip(), paragraphs=text_paragraphs(article_or_text))


def fill_budget(
    order: Sequence[int], sentences: Sequence[str], scores: Sequence[float], budget: Budget
) -> list[ScoredSentence]:
    """Take sentences in ``order`` while they fit ``budget``; return them in document order.

    Each sentence is taken without a leading dateline or agency head (:func:`strip_dateline`),
    which neither counts against the budget nor appears in the summary. A sentence that does not
    fit is skipped (a shorter later one may still fit). When none fits, the first of ``order`` is
    returned alone, so a non-empty article never gets an empty summary.
    """
    chosen: list[int] = []
    texts: dict[int, str] = {}
    chars = 0
    for index in order:
        text = texts[index] = strip_dateline(sentences[index]) or sentences[index]
        if budget.fits(chars + len(text), len(chosen) + 1):
            chosen.append(index)
            chars += len(text)
        elif budget.max_sentences is not None and len(chosen) >= budget.max_sentences:
            break
    if not chosen and order:
        chosen = [order[0]]
    return [ScoredSentence(i, texts[i], float(scores[i])) for i in sorted(chosen)]
