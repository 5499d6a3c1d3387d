"""The report's charts: matplotlib figures written as inline SVG (no script, nothing fetched).

Text stays text in the SVG (``svg.fonttype = "none"``), so the browser draws it with the page's
fonts (Chinese topic labels included) and the files stay small.
"""

from __future__ import annotations

import io
import re
import warnings
from collections import Counter
from collections.abc import Mapping, Sequence

__all__ = ["PALETTE", "date_chart", "topic_chart", "topic_colors"]

#: Topic colours (Okabe-Ito, readable by colour-blind people), shared by charts and page badges.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")
#: Beyond this many dates, the date chart counts per month.
MAX_DAILY_BARS = 62
_SVG_SIZE = re.compile(r'<svg([^>]*?) width="[\d.]+pt" height="[\d.]+pt"')


def topic_colors(topics: Sequence[str]) -> dict[str, str]:
    """A colour per topic, in the order given; "other" and "(none)" always grey."""
    colors: dict[str, str] = {}
    k = 0
    for topic in topics:
        if topic in ("other", "(none)"):
            colors[topic] = "#999999"
        else:
            colors[topic] = PALETTE[k % (len(PALETTE) - 1)]
            k += 1
    return colors


def _matplotlib():
    """matplotlib without pyplot: figures are plain objects, no GUI backend, no global figure list."""
    try:
        import matplotlib
        from matplotlib.figure import Figure
        from matplotlib.ticker import MaxNLocator, StrMethodFormatter
    except ImportError as exc:
        from newsnlp.errors import Errors, MissingDependencyError

        raise MissingDependencyError(Errors.E050.format(package="matplotlib", extra="report")) from exc
    return matplotlib, Figure, MaxNLocator, StrMethodFormatter


def _svg(fig) -> str:
    buffer = io.StringIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # glyphs missing from the layout font: the browser draws the text
        fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    return _SVG_SIZE.sub(r'<svg\1 class="chart"', svg, count=1)


def _style() -> dict[str, object]:
    return {
        "svg.fonttype": "none",
        "svg.hashsalt": "newsnlp",
        "font.family": ["sans-serif"],
        "font.sans-serif": ["Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "DejaVu Sans"],
        "font.size": 10,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }


def topic_chart(topics: Counter[str], order: Sequence[str], colors: Mapping[str, str]) -> str:
    """Horizontal bars: articles per topic (in ``order``), with count and share."""
    matplotlib, Figure, MaxNLocator, StrMethodFormatter = _matplotlib()
    names = list(order)
    total = sum(topics.values()) or 1
    with matplotlib.rc_context(_style()):
        fig = Figure(figsize=(5.0, 0.4 * len(names) + 0.8))
        ax = fig.subplots()
        counts = [topics[t] for t in names]
        ax.barh(names, counts, color=[colors[t] for t in names])
        ax.invert_yaxis()
        for y, count in enumerate(counts):
            ax.text(count, y, f"  {count:,} ({100 * count / total:.1f}%)", va="center")
        ax.set_xlim(0, max(counts) * 1.35)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        ax.xaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
        ax.set_xlabel("articles")
        ax.tick_params(axis="y", length=0)
        return _svg(fig)


def date_chart(by_date: Mapping[str, Counter[str]], order: Sequence[str], colors: Mapping[str, str]) -> str:
    """Stacked bars: articles per topic for each date (each month when there are many dates)."""
    matplotlib, Figure, MaxNLocator, StrMethodFormatter = _matplotlib()
    dates = sorted(by_date)
    unit = "date"
    if len(dates) > MAX_DAILY_BARS:
        monthly: dict[str, Counter[str]] = {}
        for date in dates:
            monthly.setdefault(date[:7], Counter()).update(by_date[date])
        by_date, dates, unit = monthly, sorted(monthly), "month"
    with matplotlib.rc_context(_style()):
        width = min(11.0, max(6.4, 0.22 * len(dates) + 2.5))
        fig = Figure(figsize=(width, 3.2))
        ax = fig.subplots()
        x = range(len(dates))
        bottom = [0] * len(dates)
        for topic in order:
            values = [by_date[d].get(topic, 0) for d in dates]
            ax.bar(x, values, bottom=bottom, color=colors[topic], label=topic, width=0.8)
            bottom = [b + v for b, v in zip(bottom, values)]
        step = max(1, len(dates) // 16)
        ax.set_xticks(list(x)[::step], [d if unit == "month" else d[5:] if len(dates) > 1 else d for d in dates][::step])
        ax.tick_params(axis="x", labelrotation=45 if len(dates) > 8 else 0)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
        ax.set_ylabel(f"articles per {unit}")
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
        return _svg(fig)
