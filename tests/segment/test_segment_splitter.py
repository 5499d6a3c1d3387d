import pytest

from newsnlp.errors import ConfigError, InputError
from newsnlp.segment import PageSplitter, detect_layout, segment_page

from .pages import EPAPER_PAGE, MARKDOWN_PAGE, PLAIN_PAGE


def _nonblank_lines(text):
    """Offsets of the non-blank lines, lines as ``str.splitlines`` cuts them (\\r, \\f … too)."""
    out, pos = [], 0
    for raw in text.splitlines(keepends=True):
        body = raw.splitlines()[0] if raw.splitlines() else ""
        if body.strip():
            out.append((pos, pos + len(body)))
        pos += len(raw)
    return out


def assert_covers(issue):
    """Every non-blank line is owned exactly once; spans ordered and inside the text."""
    owned = [ln for a in issue.articles for ln in a.lines] + list(issue.unassigned)
    for ln in owned:
        assert 0 <= ln.start < ln.end <= len(issue.text)
    starts = sorted(ln.start for ln in owned)
    assert len(starts) == len(set(starts))
    expected = _nonblank_lines(issue.text)
    assert len(owned) == len(expected)
    for (lo, hi), start in zip(expected, starts):
        assert lo <= start < hi
    prev_end = -1
    for a in issue.articles:
        assert a.start == a.lines[0].start and a.end == a.lines[-1].end
        assert prev_end <= a.start <= a.end
        prev_end = a.end


def test_layout_detects_three_layouts():
    assert detect_layout(MARKDOWN_PAGE) == "markdown"
    assert detect_layout(EPAPER_PAGE) == "epaper"
    assert detect_layout(PLAIN_PAGE) == "plain"
    assert detect_layout("") == "plain"


def test_splitter_markdown_page_fields():
    issue = segment_page(MARKDOWN_PAGE)
    assert issue.layout == "markdown"
    assert [a.title for a in issue] == ["小小茶叶串起乡村振兴大产业", "让读书成为一种生活方式", "合作社带火民宿游"]
    tea, essay, inn = issue.articles
    assert tea.place == "青川" and tea.column == ""
    assert [(x.name, x.role) for x in tea.authors] == [("林晓峰", "本报记者"), ("何嘉怡", "通讯员")]
    assert tea.captions == ["茶农在茶园里采摘春茶"] and tea.credits == ["县委宣传部供图"]
    assert tea.subheads == ["科技助力 茶园提质增效"]
    # Both column breaks repaired, the caption between the halves kept out of the body.
    assert any("致富的主要渠道。" in p for p in tea.paragraphs)
    assert any("现在靠数据，茶叶品质" in p for p in tea.paragraphs)
    assert not any("采摘春茶" in p for p in tea.paragraphs)
    assert essay.column == "书香新语" and essay.place == ""
    assert essay.byline == "许 明" and essay.authors[0].name == "许明"
    assert essay.paragraphs[0].endswith("涵养心灵、开阔视野。")
    assert inn.column == "乡村振兴" and inn.place == "白石"
    assert issue.text[inn.start :].startswith("## 乡村振兴")
    assert [x.role for x in inn.authors] == ["通讯员", "本报记者"]
    assert_covers(issue)


@pytest.mark.parametrize(
    ("name", "convert"),
    [
        ("CR line ends (old Mac exports)", lambda t: t.replace("\n", "\r")),
        ("CRLF", lambda t: t.replace("\n", "\r\n")),
        ("form feeds between PDF pages", lambda t: t.replace("\n\n# ", "\n\f# ")),
        ("no-break spaces (HTML copies)", lambda t: t.replace(" ", "\xa0")),
        ("image links from PDF-to-Markdown converters", lambda t: t.replace("\n茶农在", "\n![](images/p3_1.jpg)\n\n茶农在")),
        ("rules between articles", lambda t: t.replace("\n# ", "\n---\n\n# ").replace("\n## 乡村振兴", "\n* * *\n## 乡村振兴")),
    ],
)
def test_splitter_markdown_page_survives_converter_variants(name, convert):
    base = segment_page(MARKDOWN_PAGE)
    text = convert(MARKDOWN_PAGE)
    issue = segment_page(text)
    assert issue.layout == "markdown", name
    assert [a.title.replace("\xa0", " ") for a in issue] == [a.title for a in base]
    assert [(a.place, a.column, [x.name for x in a.authors]) for a in issue] == [
        (a.place, a.column, [x.name for x in a.authors]) for a in base
    ]
    assert [[p.replace("\xa0", " ") for p in a.paragraphs] for a in issue] == [a.paragraphs for a in base]
    assert [a.captions for a in issue] == [a.captions for a in base]
    assert all(issue.text[ln.start : ln.end] in ("---", "* * *", "![](images/p3_1.jpg)") for ln in issue.unassigned)
    assert_covers(issue)


def test_splitter_epaper_page_fields():
    issue = segment_page(EPAPER_PAGE)
    assert issue.layout == "epaper"
    assert [a.title for a in issue] == ["沿江城市共护一江清水", "田间地头科技范儿", "让老街焕发新活力（城市观察）"]
    river, farm, street = issue.articles
    assert river.dateline.startswith("本报江州3月5日电")
    assert [a.name for a in river.authors] == ["周明", "李悦"]
    assert river.paragraphs[0].startswith("记者5日从江州市")
    assert farm.kicker == "春耕时节备耕忙——"
    assert farm.subheads == ["技术下乡"]
    assert farm.credits == ["本报记者  赵  磊摄"]
    assert street.subtitle == "——记一座小城的更新之路"
    assert [a.name for a in street.authors] == ["王晨", "孙一鸣"]
    assert [issue.line_text(u) for u in issue.unassigned] == ["本版责编：陈思远"]
    assert_covers(issue)


def test_splitter_plain_page_finds_headlines_without_indent():
    issue = segment_page(PLAIN_PAGE)
    assert issue.layout == "plain"
    assert [a.title for a in issue] == [
        "沿江城市共护一江清水",
        "田间地头科技范儿",
        "让老街焕发新活力（城市观察）",
        "冬季运动进校园",
    ]
    assert issue.articles[1].kicker == "春耕时节备耕忙——"
    assert issue.articles[3].dateline == "新华社河州3月4日电"
    assert_covers(issue)


def test_splitter_offsets_point_into_original():
    text = "\r\n\u3000\u3000" + EPAPER_PAGE.replace("\n", "\r\n")
    issue = segment_page(text)
    for art in issue:
        for ln in art.lines:
            assert text[ln.start : ln.end] == text[ln.start : ln.end].strip()
        assert text[art.start : art.end].startswith(art.title) or art.kicker
    first = issue.articles[0]
    assert text[first.start : first.start + len(first.title)] == first.title


def test_splitter_rejects_non_str():
    with pytest.raises(InputError, match="E001"):
        segment_page(b"bytes")  # type: ignore[arg-type]


def test_splitter_blank_text_gives_no_articles():
    for text in ("", "   \n\u3000\n"):
        issue = segment_page(text)
        assert issue.articles == [] and issue.unassigned == []


def test_splitter_unknown_layout():
    with pytest.raises(ConfigError, match="layout"):
        PageSplitter(layout="pdf").split("标题")


def test_splitter_furniture_only_page():
    issue = segment_page("责任编辑：王小明\n第 3 版")
    assert issue.articles == []
    assert [u.kind for u in issue.unassigned] == ["furniture", "furniture"]


def test_splitter_stores_params_only():
    splitter = PageSplitter(layout="plain", repair=False)
    assert vars(splitter) == {"layout": "plain", "repair": False, "unwrap": True}


def test_splitter_epaper_name_like_line_after_furniture_does_not_crash():
    """Furniture, then a name-like line, then a headline, flush left (found by hypothesis)."""
    page = "本版责编：陈思远\n许明\n小镇新开一家书店\n\u3000\u3000书店开在老街口，每天都有人来读书。\n"
    issue = segment_page(page, layout="epaper")
    assert [a.title for a in issue] == ["小镇新开一家书店"]
    assert_covers(issue)
