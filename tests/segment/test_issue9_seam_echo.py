"""The page as its own dictionary: a column break whose two sides, joined, make characters the
page prints elsewhere is a cut (issue 9)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from newsnlp.segment import PageSplitter
from newsnlp.segment.breaks import BreakScorer, seam_echo

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
