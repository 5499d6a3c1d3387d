"""Checks on the real seed page and the rmrb-dev pages, read from ../shared at run time.

That text is for measurement only: it is never copied into the repository, and these tests skip
when ../shared is absent (a fresh clone).
"""

import hashlib
import json
import re
from pathlib import Path

import pytest

from newsnlp.segment import segment_page
from newsnlp.segment.layout import scan_lines

from .pages import hard_wrap
from .test_segment_splitter import assert_covers

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = SHARED / "seeds" / "000_50fb352426c234d0.txt"
PAGES = SHARED / "data" / "rmrb-dev" / "pages.jsonl"

_FINAL = tuple("。！？…”）")
# sha256[:12] of the expected headlines, photo captions and photo credit of the seed page.
TITLE_HASHES = ["00fd5b2919de", "989841851b48", "6704eca0446c", "aa63f1b5dec0"]
CAPTION_HASHES = ["810d53e8f2fd", "ea5d370f7899"]
CREDIT_HASHES = ["bdffd324b07b"]


def _sha(text: str) -> str:
    """Expected strings of the real page are compared by hash, so its text is not copied here."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _column_breaks(raw: str) -> list[tuple[str, str]]:
    """(end of first half, start of second half) of every body line cut without final
    punctuation, found in the raw page at run time: a long line (body text) that does not end a
    sentence, and the next text line."""
    lines = [line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#")]
    return [(a[-6:], b[:6]) for a, b in zip(lines, lines[1:]) if len(a) > 40 and not a.endswith(_FINAL)]


@pytest.fixture(scope="module")
def seed_issue():
    if not SEED.exists():
        pytest.skip(f"seed page not found at {SEED} (../shared is not beside this checkout)")
    return segment_page(SEED.read_text(encoding="utf-8"))


def test_seed_page_articles(seed_issue):
    issue = seed_issue
    assert issue.layout == "markdown"
    assert [_sha(a.title) for a in issue] == TITLE_HASHES
    assert [a.place for a in issue] == ["西宁", "", "祁连", "共和"]
    assert [a.column for a in issue] == ["", "党建新论", "先锋力量", ""]
    assert [[(_sha(x.name), x.role) for x in a.authors] for a in issue] == [
        [("ce4efd5f804a", "本报记者"), ("30ead2a8e05f", "通讯员")],
        [("def7ff0c810c", "")],  # a bare name under the headline
        [("ce4efd5f804a", "本报记者"), ("d34d897838d9", "通讯员")],
        [("43bafa9bd687", "通讯员"), ("ce4efd5f804a", "本报记者")],
    ]
    first = issue.articles[0]
    assert [_sha(c) for c in first.captions] == CAPTION_HASHES
    assert [_sha(c) for c in first.credits] == CREDIT_HASHES
    assert len(first.subheads) == 3
    paragraphs = [p for a in issue for p in a.paragraphs]
    for furniture in first.captions + first.credits:
        assert not any(p.startswith(furniture) or p.endswith(furniture) for p in paragraphs)
    assert not any(c in p for c in first.credits for p in paragraphs)
    # The 先锋力量 label and the 祁连 tag open the third article.
    assert issue.text[issue.articles[2].start :].startswith("## 先锋力量")
    assert_covers(issue)


@pytest.mark.parametrize("width", [12, 16, 22, 30])
def test_seed_page_hard_wrapped_splits_the_same(seed_issue, width):
    """The seed page as pdftotext would give it, every printed line ending in a line break."""
    issue = segment_page(hard_wrap(seed_issue.text, width))
    assert [(a.title, a.place, a.column, a.authors, a.captions, a.credits, a.paragraphs) for a in issue] == [
        (a.title, a.place, a.column, a.authors, a.captions, a.credits, a.paragraphs) for a in seed_issue
    ]
    assert_covers(issue)


def test_seed_page_all_column_breaks_repaired(seed_issue):
    paragraphs = [p for a in seed_issue for p in a.paragraphs]
    breaks = _column_breaks(seed_issue.text)
    assert len(breaks) == 11  # the page's known column breaks
    repaired = 0
    for head, tail in breaks:
        joined = [p for p in paragraphs if head + tail in p]
        assert joined, f"break {head!r} / {tail!r} not repaired"
        repaired += 1
    assert repaired == 11


def test_rmrb_dev_boundaries_as_given_and_stripped():
    if not PAGES.exists():
        pytest.skip(f"rmrb-dev pages not found at {PAGES} (../shared is not beside this checkout)")
    pages = [json.loads(line) for line in PAGES.open(encoding="utf-8")][:60]
    for strip in (False, True):
        tp = n_pred = n_gold = 0
        for page in pages:
            text = page["text"]
            gold = {text.count("\n", 0, s["start"]) for s in page["spans"]}
            if strip:
                text = "\n".join(line.lstrip(" \t\u3000\xa0") for line in text.split("\n"))
            issue = segment_page(text)
            pred = {text.count("\n", 0, a.start) for a in issue}
            tp += len(gold & pred)
            n_pred += len(pred)
            n_gold += len(gold)
            assert len(scan_lines(text)) == sum(len(a.lines) for a in issue) + len(issue.unassigned)
        f1 = 2 * tp / (n_pred + n_gold)
        assert f1 >= (0.85 if strip else 0.98), (strip, f1)


def test_issue9_seed_page_without_marks_splits_the_same(seed_issue):
    """The seed page with its ``#``/``##`` marks removed (blank lines kept), as a new user might
    paste it: the same 4 articles, headlines, places, columns and authors."""
    unmarked = re.sub(r"(?m)^#{1,6}[ \t]+", "", seed_issue.text)
    assert "#" not in unmarked
    issue = segment_page(unmarked)
    assert [_sha(a.title) for a in issue] == TITLE_HASHES
    assert [a.place for a in issue] == [a.place for a in seed_issue]
    assert [a.column for a in issue] == [a.column for a in seed_issue]
    assert [a.authors for a in issue] == [a.authors for a in seed_issue]
    first = issue.articles[0]
    assert [_sha(c) for c in first.captions] == CAPTION_HASHES
    assert [_sha(c) for c in first.credits] == CREDIT_HASHES
    assert len(first.subheads) == 3
    assert_covers(issue)
