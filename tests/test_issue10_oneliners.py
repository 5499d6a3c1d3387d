"""Issue 10: the one-liners people expect (newsnlp.summarize / keywords / classify / segment)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import newsnlp

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "sample_issue.md"
ARTICLE = (
    "街道党工委组织居民议事，解决了老旧小区停车难题。居民们纷纷点赞，说党员带头办实事。\n"
    "下一步，街道将在全部小区推广楼栋议事会，让每一位党员都亮出身份。"
)


def test_issue10_oneliners_are_exported_and_documented() -> None:
    for name in ("summarize", "keywords", "classify", "segment"):
        assert name in newsnlp.__all__ and callable(getattr(newsnlp, name))
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    first_python = readme.split("```python", 1)[1].split("```", 1)[0]
    for call in ("newsnlp.summarize(", "newsnlp.keywords(", "newsnlp.classify(", "newsnlp.segment("):
        assert call in first_python


def test_issue10_oneliners_on_one_article() -> None:
    summary = newsnlp.summarize(ARTICLE, max_chars=40)
    assert isinstance(summary, str) and 0 < len(summary) <= 40 and summary in ARTICLE.replace("\n", "")
    words = newsnlp.keywords(ARTICLE, top_k=3)
    assert isinstance(words, list) and len(words) == 3 and all(isinstance(w, str) and w in ARTICLE for w in words)
    weighted = newsnlp.keywords(ARTICLE, top_k=3, with_weights=True)
    assert [w for w, _ in weighted] == words
    topic = newsnlp.classify(ARTICLE)
    assert topic.label in topic.scores and abs(sum(topic.scores.values()) - 1) < 1e-6
    assert len(newsnlp.segment(ARTICLE)) == 1


def test_issue10_oneliners_on_a_page_give_one_result_per_article_like_the_pipeline() -> None:
    page = SAMPLE.read_text(encoding="utf-8")
    issue = newsnlp.load()(page)
    assert len(issue.articles) >= 2
    assert [a.title for a in newsnlp.segment(page)] == [a.title for a in issue.articles]
    assert newsnlp.summarize(page) == [a.summary for a in issue.articles]
    assert newsnlp.keywords(page, top_k=5) == [[w for w, _ in a.keywords[:5]] for a in issue.articles]
    assert [t.label for t in newsnlp.classify(page)] == [a.topic for a in issue.articles]
    # page=False: the whole text is one article; page=True: a list even for one article
    assert isinstance(newsnlp.summarize(page, page=False), str)
    assert isinstance(newsnlp.summarize(ARTICLE, page=True), list)


def test_issue10_oneliners_keep_import_light_and_submodules_importable() -> None:
    code = (
        "import sys, newsnlp; newsnlp.summarize, newsnlp.keywords, newsnlp.classify, newsnlp.segment; "
        "from newsnlp.summarize import make_summarizer; import newsnlp.segment as seg; seg.PageSplitter; "
        "newsnlp.keywords('党员干部深入基层，为群众办实事。'); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sklearn', 'skops', 'torch', 'transformers'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
