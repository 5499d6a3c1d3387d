"""The page as its own dictionary (issue 9): a column break whose two sides, joined, make
characters the page prints elsewhere is a cut; a right side the page opens clauses with, or a
left side it closes them with, is likelier a paragraph's start or end."""

from hypothesis import given, settings
from hypothesis import strategies as st

from newsnlp.segment import PageSplitter
from newsnlp.segment.breaks import BreakScorer
from newsnlp.segment.page_lookup import (
    ECHO_RUN,
    EDGE_GRAM,
    MAX_PAGE_CHARS,
    PAGE_CONTEXT,
    PageEdge,
    page_around,
    page_edge,
    seam_echo,
)

SIDE = 4


def echo_by_brute_force(left: str, right: str, page: str) -> int:
    left, right = left.rstrip(), right.lstrip()
    found = [
        a + b
        for a in range(1, min(SIDE, len(left)) + 1)
        for b in range(1, min(SIDE, len(right)) + 1)
        if left[-a:] + right[:b] in page
    ]
    return max(found, default=0)


def test_seam_echo_reads_the_longest_string_across_the_break():
    page = "会上，县委书记林远山作了发言。林远山指出，要把群众的事办好。"
    assert seam_echo("会议由县委书记林远", "山主持。", page) == 5  # 书记林远 + 山
    assert seam_echo("全面推进乡村振兴", "近年来，各地做了大量工作。", page) == 0
    assert seam_echo("林远", "山", "") == 0


@settings(max_examples=300, deadline=None)
@given(
    left=st.text(alphabet="甲乙丙丁", min_size=0, max_size=7),
    right=st.text(alphabet="甲乙丙丁", min_size=0, max_size=7),
    page=st.text(alphabet="甲乙丙丁\n", max_size=60),
)
def test_seam_echo_staircase_matches_brute_force(left, right, page):
    assert seam_echo(left, right, page) == echo_by_brute_force(left, right, page)


def test_a_page_that_prints_the_joined_name_makes_a_cut_likelier():
    scorer = BreakScorer.load()
    left, right = "会议由县委书记林远", "山主持。会议要求，各乡镇要把责任扛在肩上。"
    page = "林远山在会上讲话。" * 3
    alone = scorer.probability(left, right, width=30.0)
    on_page = scorer.for_page(page).probability(left, right, width=30.0)
    assert on_page > alone
    assert scorer.page == ""  # for_page gives a copy: the shared model reads no page


def test_splitter_gives_each_page_its_own_echo():
    """Two pages split by one splitter: what the first prints does not carry over to the second."""
    second_page = "# 乡镇会议\n\n会议由县委书记林远\n\n山主持。会议要求，各乡镇要把责任扛在肩上。\n"
    splitter = PageSplitter()
    splitter.split("# 县里来了新书记\n\n林远山在会上讲话。林远山说，要把群众的事办好。\n")
    after_first = splitter.split(second_page)
    fresh = PageSplitter().split(second_page)
    assert [a.paragraphs for a in after_first.articles] == [a.paragraphs for a in fresh.articles]
    assert splitter.scorer.page == ""


def test_page_edge_counts_places_after_and_before_marks():
    page = "去年，村里人修了路。村里人还建了书屋\n村里人都说好"
    # 村里人 after "，" and after "。"; its place at the third line's start is not read
    assert page_edge("村里人都来了", page, before=True)[:2] == ((2 + 0.5) / (2 + 1), 2)
    # 修了路 before "。" once
    assert page_edge("他们修了路", page, before=False)[:2] == ((1 + 0.5) / (1 + 1), 1)
    # at a line's end: not read
    assert page_edge("又建了书屋", page, before=False) == PageEdge(0.5, 0, 0)
    assert page_edge("村里", page, before=True) == PageEdge(0.5, 0, 0)  # shorter than EDGE_GRAM: says nothing


def test_page_edge_run_is_how_much_of_the_side_the_page_prints_next_to_a_mark():
    page = "今年，全县答好生态题。村民说，生态题答好了，日子就好了。"
    # a subhead restating the story's words: its whole second part stands before "。"
    assert page_edge("做活水文章，答好生态题", page, before=False).run == len("答好生态题")
    # a piece cut off after a word: only the word closes a clause on the page
    assert page_edge("我们要把生态题", page, before=False).run == EDGE_GRAM
    # a right side: how far its start goes on matching after a mark
    assert page_edge("生态题答好了才行", page, before=True).run == len("生态题答好了")
    assert page_edge("生态题答好了才行", page, before=True).run <= ECHO_RUN
    # printed, but never right after a mark: read, with no run
    assert page_edge("子就好起来", page, before=True) == PageEdge((0 + 0.5) / (1 + 1), 1, 0)


def test_a_right_side_the_page_opens_clauses_with_makes_a_paragraph_end_likelier():
    scorer = BreakScorer.load()
    left, right = "双方在合作领域的内容总体是平衡的", "中美双方就加强合作进行了深入讨论。"
    opens = "会谈中，中美双方交换了意见。中美双方同意继续磋商。" * 2
    runs_on = "本次会谈的中美双方代表团成员和中美双方工作人员出席。" * 2
    assert scorer.for_page(opens).probability(left, right, width=30.0) < scorer.for_page(runs_on).probability(
        left, right, width=30.0
    )


def test_a_long_text_is_read_around_each_article_not_whole():
    """Each break's page lookups read the page about once: over a whole issue in one file that
    would grow with its square, so a long text hands each article its own stretch."""
    scorer = BreakScorer.load()
    long_text = "村里修了路。" * (MAX_PAGE_CHARS // 6 + 1)
    assert scorer.for_page(long_text).page == ""
    short = "村里修了路。" * 10
    assert page_around(short, 6, 12) == short
    start, end = len(long_text) // 2, len(long_text) // 2 + 60
    window = page_around(long_text, start, end)
    assert long_text[start:end] in window
    assert len(window) == end - start + 2 * PAGE_CONTEXT
    assert scorer.for_page(window).page == window


def test_splitting_a_long_text_keeps_every_line_once():
    page = "# 乡镇会议\n\n会议由县委书记林远\n\n山主持。会议要求，各乡镇要把责任扛在肩上。\n\n"
    text = page * (MAX_PAGE_CHARS // len(page) + 2)
    issue = PageSplitter().split(text)
    owned = sorted(ln.start for a in issue.articles for ln in a.lines) + [u.start for u in issue.unassigned]
    assert len(owned) == len(set(owned)) == sum(1 for line in text.splitlines() if line.strip())
    assert all(a.paragraphs == ["会议由县委书记林远山主持。会议要求，各乡镇要把责任扛在肩上。"] for a in issue.articles)


MARKS = "，。"


def edge_by_brute_force(side: str, page: str, before: bool) -> PageEdge:
    """Every place of the edge gram, read one by one (no cap on places: short pages)."""
    gram = side[:EDGE_GRAM] if before else side[-EDGE_GRAM:]
    if len(gram) < EDGE_GRAM:
        return PageEdge(0.5, 0, 0)
    seen = marked = run = 0
    for at in range(len(page) - EDGE_GRAM + 1):
        if page[at : at + EDGE_GRAM] != gram:
            continue
        k = at - 1 if before else at + EDGE_GRAM
        neighbour = page[k] if 0 <= k < len(page) else "\n"
        if neighbour == "\n":
            continue
        seen += 1
        if neighbour in MARKS:
            marked += 1
            longest = max(
                n
                for n in range(EDGE_GRAM, min(ECHO_RUN, len(side)) + 1)
                if (page[at : at + n] == side[:n] if before else page[at + EDGE_GRAM - n : at + EDGE_GRAM] == side[-n:])
                and (before or at + EDGE_GRAM - n >= 0)
            )
            run = max(run, longest)
    return PageEdge((marked + 0.5) / (seen + 1), seen, run)


@settings(max_examples=300, deadline=None)
@given(
    side=st.text(alphabet="甲乙丙", min_size=0, max_size=16),
    page=st.text(alphabet="甲乙丙，。\n", max_size=60),
    before=st.booleans(),
)
def test_page_edge_matches_brute_force(side, page, before):
    assert page_edge(side, page, before=before) == edge_by_brute_force(side, page, before)
