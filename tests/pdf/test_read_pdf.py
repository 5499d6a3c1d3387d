"""newsnlp.read_pdf on PDFs made from the project's own stories: every field comes back."""

from __future__ import annotations

import re

import pytest

from newsnlp.errors import InputError, MissingDependencyError

_WS = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _WS.sub("", text)


@pytest.mark.parametrize("style", ["cols4", "wrap5", "center5", "cols4_cid"])
def test_pdf_read_pdf_gives_back_every_field(made_pdfs, style: str) -> None:
    from newsnlp import read_pdf

    made = made_pdfs[style]
    issue = read_pdf(made.path).issue
    assert issue.layout == "pdf"
    for number, stories in enumerate(made.gold, start=1):
        got = sorted((a for a in issue.articles if a.page == number), key=lambda a: a.title)
        want = sorted(stories, key=lambda s: s.title)
        assert [a.title for a in got] == [s.title for s in want]
        for article, story in zip(got, want):
            assert article.kicker == story.kicker
            assert article.subtitle == story.subtitle
            assert article.column == story.column
            assert article.byline == story.byline
            assert article.subheads == [s for _, s in story.subheads]
            assert article.captions == ([story.caption] if story.caption else [])
            assert [_norm(c) for c in article.credits] == ([_norm(story.credit)] if story.credit else [])
            # paragraphs come out whole, in order, even where one runs on into the next column
            assert [_norm(p) for p in article.paragraphs] == [_norm(p) for p in story.paragraphs]


def test_pdf_lines_carry_offsets_page_box_and_size(made_pdfs) -> None:
    from newsnlp import read_pdf

    pdf = read_pdf(made_pdfs["cols4"].path)
    assert pdf.pages == 2 and pdf.text.count("\f") == 1
    kinds = {line.kind for line in pdf.lines}
    assert {"title", "kicker", "subtitle", "column", "byline", "body", "caption", "credit", "furniture"} <= kinds
    for line in pdf.lines:
        printed = pdf.text[line.start : line.end]
        assert printed and printed == printed.strip() and "\n" not in printed
        x0, top, x1, bottom = line.bbox
        assert 0 <= x0 < x1 and 0 <= top < bottom and line.page in (1, 2)
    sizes = {line.kind: line.size for line in pdf.lines}
    assert sizes["title"] > sizes["kicker"] > sizes["body"] > sizes["caption"]
    issue = pdf.issue
    for article in issue.articles:
        # offsets point into the extracted text; the article's lines are its PdfLines
        assert issue.text[article.start : article.end].startswith(issue.line_text(article.lines[0]))
        assert article.page in (1, 2) and article.bbox is not None
        owned = [line for line in pdf.lines if line.article == issue.articles.index(article)]
        assert [(line.start, line.end, line.kind) for line in owned] == [(x.start, x.end, x.kind) for x in article.lines]


def test_pdf_wrap_around_article_reads_its_first_column_past_the_article_it_surrounds(made_pdfs) -> None:
    from newsnlp import read_pdf

    issue = read_pdf(made_pdfs["wrap5"].path).issue
    by_title = {a.title: a for a in issue.articles if a.page == 1}
    outer, inner = by_title["小镇新开一家书店"], by_title["社区食堂开张"]
    assert outer.bbox is not None and inner.bbox is not None
    # the L-shaped article starts left of the inner one and runs further down than its top
    assert outer.bbox[0] < inner.bbox[0] and outer.bbox[3] > inner.bbox[1]


def test_pdf_text_records_have_no_page_or_box() -> None:
    from newsnlp.segment import segment_page

    article = segment_page("小镇新开一家书店\n本报记者 王明远\n书店开在老街口，每天都有人来读书。").articles[0]
    data = article.to_dict()
    assert "page" not in data and "bbox" not in data
    article.page, article.bbox = 3, (1.0, 2.0, 3.0, 4.0)
    again = type(article).from_dict(article.to_dict())
    assert (again.page, again.bbox) == (3, (1.0, 2.0, 3.0, 4.0))


@pytest.mark.parametrize(
    ("case", "code", "hint"),
    [
        ("scan", "E110", "run OCR first"),
        ("unmapped", "E111", "(cid:…)"),
        ("encrypted", "E112", "qpdf --decrypt"),
        ("damaged", "E113", "Re-download"),
        ("long", "E114", "qpdf --split-pages"),
        ("not_pdf", "E113", "no %PDF- header"),
    ],
)
def test_pdf_unreadable_files_say_why_and_what_to_do(pdf_gen, pdf_dir, case: str, code: str, hint: str) -> None:
    from newsnlp import read_pdf

    path = pdf_dir / f"bad_{case}.pdf"
    stories = [pdf_gen.Story(title="小镇新开一家书店", paragraphs=["书店开在老街口，每天都有人来读书。" * 6] * 3)]
    if case == "scan":
        pdf_gen.make_scan_pdf(path)
    elif case == "long":
        pdf_gen.make_long_pdf(path, 80)
    elif case == "not_pdf":
        path.write_text("这不是PDF文件", encoding="utf-8")
    else:
        getattr(pdf_gen, f"make_{case}_pdf")(path, stories)
    with pytest.raises(InputError, match=re.escape(hint)) as info:
        read_pdf(path)
    assert str(info.value).startswith(f"[{code}]")


def test_pdf_page_limit_can_be_raised(pdf_gen, pdf_dir) -> None:
    from newsnlp import read_pdf

    path = pdf_dir / "long_ok.pdf"
    pdf_gen.make_long_pdf(path, 80)
    pdf = read_pdf(path, max_pages=100)
    assert pdf.pages == 80 and pdf.text.count("\f") == 79


def test_pdf_too_many_characters_on_a_page_is_refused(made_pdfs) -> None:
    from newsnlp import read_pdf

    with pytest.raises(InputError, match=r"^\[E115\] Page 1 "):
        read_pdf(made_pdfs["cols4"].path, max_page_chars=100)


def test_pdf_missing_extra_names_the_install_command(monkeypatch, tmp_path) -> None:
    import builtins

    from newsnlp.pdf import read_pdf

    real_import = builtins.__import__

    def no_pdfplumber(name, *args, **kwargs):
        if name == "pdfplumber":
            raise ImportError("No module named 'pdfplumber'")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(__import__("sys").modules, "pdfplumber", raising=False)
    monkeypatch.setattr(builtins, "__import__", no_pdfplumber)
    with pytest.raises(MissingDependencyError, match=re.escape("pip install 'newsnlp[pdf]'")):
        read_pdf(tmp_path / "page.pdf")


def test_pdf_unmapped_characters_are_cid_codes_and_private_use() -> None:
    from newsnlp.pdf._extract import _unmapped

    assert _unmapped("(cid:1234)") and _unmapped("\ue001") and _unmapped("\U000f0001")
    assert not _unmapped("中") and not _unmapped("，") and not _unmapped("A")
