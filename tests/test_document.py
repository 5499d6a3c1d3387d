from __future__ import annotations

from newsnlp.document import Article, Author, Issue, Line, ScoredSentence


def _article() -> Article:
    return Article(
        start=0,
        end=40,
        title="小区有了党支部",
        place="临川",
        byline="本报记者 林晓岚",
        authors=[Author("林晓岚", "本报记者")],
        paragraphs=["第一段。", "第二段。"],
        captions=["图为议事会现场"],
        credits=["街道供图"],
        lines=[Line(0, 7, "title"), Line(8, 16, "byline")],
        topic="organization",
        topic_scores={"organization": 0.9, "other": 0.1},
        keywords=[("党支部", 0.5)],
        summary="第一段。",
        summary_sentences=[ScoredSentence(0, "第一段。", 0.7)],
    )


def test_document_article_round_trip() -> None:
    article = _article()
    assert Article.from_dict(article.to_dict()) == article


def test_document_issue_round_trip_with_text() -> None:
    issue = Issue(text="x" * 50, articles=[_article()], unassigned=[Line(45, 50, "furniture")], layout="markdown", id="p1")
    data = issue.to_dict(include_text=True)
    assert data["unassigned"][0]["text"] == "xxxxx"
    assert Issue.from_dict(data) == issue


def test_document_article_text_is_body_only() -> None:
    assert _article().text == "第一段。\n第二段。"


def test_document_to_dict_leaves_out_analysis() -> None:
    article = _article()
    from newsnlp.text import Tokenizer, analyze_article

    analyze_article(article, Tokenizer())
    assert article.analysis is not None
    assert "analysis" not in article.to_dict()
