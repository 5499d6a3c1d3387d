"""``newsnlp report`` and ``newsnlp.report``: content, page views, streaming, errors (no browser here)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import newsnlp
from newsnlp.cli import main
from newsnlp.errors import InputError, MissingDependencyError
from newsnlp.reporting._pageview import build_page_view
from newsnlp.reporting._records import date_of
from newsnlp.segment import segment_page

pytest.importorskip("jinja2", reason="the report extra is not installed: pip install 'newsnlp[report]'")
pytest.importorskip("matplotlib", reason="the report extra is not installed: pip install 'newsnlp[report]'")

REPO = Path(__file__).resolve().parents[1]

# A page written for these tests: the second paragraph is cut by a column break, with a photo
# caption and its credit printed between the two halves.
BROKEN_PAGE = """# 河湾村修起了便民桥

本报记者 周明远

河湾村地处两河交汇处,过去村民进城要绕行十多里山路。

去年春天,村里召开村民代表大会,决定由村集体牵头、群众投工投劳,在河上修一座

村民在新桥上合影

周明远摄

便民桥。经过半年施工,大桥顺利通车,村民出行时间缩短了一个多小时。

如今,桥头新开了农产品展销点,山货顺着新桥卖到了城里。
"""

# The same kind of text hard-wrapped at 16 columns, as pdftotext gives it.
WRAPPED_BODY = (
    "青石镇的竹编合作社今年接到的订单比去年翻了一番,社员们从早忙到晚,编出的果篮、"
    "茶盘和灯罩销往全国二十多个省份。合作社负责人说,下一步要请设计师进村,把老手艺"
    "做出新花样,让更多年轻人愿意回乡学竹编。镇里还把闲置的老粮站改成了竹编工坊,"
    "村民在家门口就能上班,每月能多挣两千多元。"
)


def _wrapped_page() -> str:
    lines = ["竹编订单翻了一番", "本报记者 孙立新", ""]
    lines += [WRAPPED_BODY[i : i + 16] for i in range(0, len(WRAPPED_BODY), 16)]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def nlp():
    return newsnlp.load()


@pytest.fixture(scope="module")
def sample_records(nlp, tmp_path_factory) -> Path:
    text = (REPO / "examples" / "sample_issue.md").read_text(encoding="utf-8")
    issue = nlp(text)
    issue.id = "examples/sample_issue.md"
    path = tmp_path_factory.mktemp("records") / "sample.jsonl"
    path.write_text(json.dumps(issue.to_dict(), ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def test_report_sample_issue_is_self_contained(sample_records, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(REPO)  # the record's id names the file the page view is laid out from
    out = tmp_path / "report.html"
    stats = newsnlp.report(sample_records, out)
    html = out.read_text(encoding="utf-8")
    assert stats.documents == 1 and stats.articles == 4 and stats.pages == 1
    assert "default-src 'none'" in html  # the browser may fetch nothing
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert "<svg" in html and "小小羊肚菌 撑起致富伞" in html
    # the page view is the page itself, line by line, with its repaired break (限期 / 办结) marked
    assert "k-caption" in html and "k-credit" in html and "k-byline" in html
    assert stats.repairs == 1
    assert re.search(r'class="join"[^>]*>⏎</span>办结。', html)


def test_report_pageview_marks_the_break_the_splitter_repaired() -> None:
    issue = segment_page(BROKEN_PAGE)
    article = issue.articles[0]
    assert any(p.startswith("去年春天") and "便民桥。经过" in p for p in article.paragraphs)
    view = build_page_view(issue.to_dict(), BROKEN_PAGE)
    assert view is not None and view.repairs == 1 and view.wraps == 0
    (joined,) = [line for line in view.lines if line.join]
    assert joined.join == "repair" and joined.text.startswith("便民桥。") and joined.gap_before
    kinds = [line.kind for line in view.lines]
    assert kinds[:3] == ["title", "byline", "body"] and "caption" in kinds and "credit" in kinds


def test_report_pageview_line_repeating_its_own_ending_is_not_a_join() -> None:
    """Regression: a line placed by its last characters was placed at their first occurrence, so
    a line that repeats its own ending ended "mid-paragraph" and the next paragraph was marked as
    a repaired break."""
    text = (
        "# 新桥通车了\n\n本报记者 周明远\n\n"
        "大家都说这座桥修得好走得稳。老人孩子都说这座桥修得好走得稳。\n\n"
        "下一步,村里还要在桥头修一座停车场。\n"
    )
    issue = segment_page(text)
    assert len(issue.articles[0].paragraphs) == 2
    view = build_page_view(issue.to_dict(), text)
    assert view is not None and view.repairs == 0 and not any(line.join for line in view.lines)


def test_report_pageview_wrapped_lines_are_not_repairs() -> None:
    text = _wrapped_page()
    issue = segment_page(text)
    view = build_page_view(issue.to_dict(), text)
    assert view is not None
    body = [line for line in view.lines if line.kind == "body"]
    assert len(body) > 4
    assert view.repairs == 0 and view.wraps == len(body) - 1
    assert all(line.join == "wrap" for line in body[1:])


def test_report_pageview_refuses_text_that_does_not_fit() -> None:
    record = segment_page(BROKEN_PAGE).to_dict()
    assert build_page_view(record, BROKEN_PAGE) is not None
    assert build_page_view(record, BROKEN_PAGE.replace("河湾村修起了便民桥", "另一篇文章的标题")) is None
    assert build_page_view(record, BROKEN_PAGE[:40]) is None


def test_report_without_page_text_shows_fields_and_says_why(tmp_path) -> None:
    record = segment_page(BROKEN_PAGE).to_dict()
    record["id"] = "not-a-file-anywhere.md"
    out = tmp_path / "r.html"
    stats = newsnlp.report([record], out)
    html = out.read_text(encoding="utf-8")
    assert stats.repairs == 0
    assert "The page text was not found" in html and "--text pages.jsonl" in html
    assert "河湾村修起了便民桥" in html and "村民在新桥上合影" in html


def test_report_text_from_source_jsonl_by_id(tmp_path) -> None:
    source = tmp_path / "pages.jsonl"
    source.write_text(json.dumps({"page_id": "p-2024-03-05", "day": "2024年3月5日", "text": BROKEN_PAGE},
                                 ensure_ascii=False) + "\n", encoding="utf-8")
    record = segment_page(BROKEN_PAGE).to_dict()
    record["id"] = "p-2024-03-05"
    records = tmp_path / "out.jsonl"
    records.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "r.html"
    code = main(["report", str(records), "--text", str(source), "--id-field", "page_id", "--date-field", "day",
                 "-o", str(out), "--quiet"])
    assert code == 0
    html = out.read_text(encoding="utf-8")
    assert "The page text was not found" not in html and ">⏎</span>便民桥。" in html
    assert "2024-03-05" in html


def test_report_dates_from_field_context_or_id() -> None:
    assert date_of({"id": "pages.jsonl:3"}) == ""
    assert date_of({"id": "rmrb/20200116-01"}) == "2020-01-16"
    assert date_of({"id": "issues/2021-7-4/p1.txt"}) == "2021-07-04"
    assert date_of({"id": "x", "context": {"d": "2022年5月6日"}}, date_field="d") == "2022-05-06"
    assert date_of({"id": "x"}, date_field="d", known={"x": "2023-01-02"}) == "2023-01-02"
    assert date_of({"id": "120200116"}) == ""  # a date inside a longer number is not a date


def test_report_date_chart_counts_per_month_beyond_62_dates() -> None:
    from collections import Counter
    from datetime import date, timedelta

    from newsnlp.reporting._charts import date_chart, topic_colors

    colors = topic_colors(["rural", "other"])
    assert colors["other"] == "#999999" and colors["rural"] != colors["other"]
    days = [(date(2024, 1, 1) + timedelta(days=k)).isoformat() for k in range(100)]
    daily = date_chart({d: Counter(rural=1, other=2) for d in days[:30]}, ["rural", "other"], colors)
    monthly = date_chart({d: Counter(rural=1, other=2) for d in days}, ["rural", "other"], colors)
    assert daily.startswith("<svg") and "articles per date" in daily and ">01-30<" in daily
    assert "articles per month" in monthly and ">2024-04<" in monthly and ">04-09<" not in monthly
    assert not re.search(r"""(?:href|src)\s*=\s*["'](?:https?:)?//""", monthly)


def test_report_streams_and_keeps_only_the_shown_pages(tmp_path) -> None:
    record = segment_page(BROKEN_PAGE).to_dict()
    seen = 0

    def records():
        nonlocal seen
        for i in range(30):
            seen += 1
            yield {**record, "id": f"batch/2024-03-{i % 28 + 1:02d}/p{i}.md"}
        yield {"id": "broken.txt", "error": "[E005] broken.txt looks like a binary file, not text."}

    out = tmp_path / "r.html"
    stats = newsnlp.report(records(), out, pages=3)
    html = out.read_text(encoding="utf-8")
    assert seen == 30 and stats.documents == 31 and stats.errors == 1 and stats.pages == 3
    assert html.count('class="page" id="page-') == 3
    assert "broken.txt" in html and "[E005]" in html
    docs = json.loads(re.search(r'id="docs-data">(.*?)</script>', html, re.S).group(1))
    rows = json.loads(re.search(r'id="rows-data">(.*?)</script>', html, re.S).group(1))
    assert len(docs) == 30 and docs[0][1] == "2024-03-01"
    assert [d[2] for d in docs[:4]] == [0, 1, 2, -1]  # only the first pages link to a page view
    assert len(rows) == 30 and [r[0] for r in rows[:3]] == [0, 1, 2] and rows[0][1] == "河湾村修起了便民桥"


def test_report_of_records_without_topics_says_so(tmp_path) -> None:
    out = tmp_path / "r.html"
    stats = newsnlp.report([segment_page(BROKEN_PAGE).to_dict()], out)  # segment only: no topic
    html = out.read_text(encoding="utf-8")
    assert stats.articles == 1 and "carry no topics" in html and "<svg" not in html


def test_report_accepts_issues_from_pipe(nlp, tmp_path) -> None:
    out = tmp_path / "r.html"
    stats = newsnlp.report(nlp.pipe([BROKEN_PAGE, _wrapped_page()]), out)
    assert stats.documents == 2 and stats.repairs == 1  # Issues carry their own text
    for not_records in ([42], [{"text": "正文"}]):
        with pytest.raises(InputError, match="E109"):
            newsnlp.report(not_records, out)


def test_report_cli_usage_errors_are_one_line(tmp_path, capsys) -> None:
    not_records = tmp_path / "pages.jsonl"
    not_records.write_text(json.dumps({"text": "正文"}) + "\n", encoding="utf-8")
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    out = str(tmp_path / "r.html")
    assert main(["report", str(not_records), "-o", out]) == 2
    assert "[E106]" in capsys.readouterr().err
    assert main(["report", str(empty), "-o", out]) == 2
    assert "[E107]" in capsys.readouterr().err
    assert main(["report", str(tmp_path / "missing.jsonl"), "-o", out]) == 2
    assert "[E003]" in capsys.readouterr().err
    assert main(["report", str(empty), "--pages", "-2", "-o", out]) == 2
    assert "[E105]" in capsys.readouterr().err
    assert main(["report", str(not_records), "-o", str(tmp_path / "no" / "dir" / "r.html")]) == 2
    assert not (tmp_path / "r.html").exists()


def test_report_reads_a_folder_of_one_record_per_file(tmp_path) -> None:
    folder = tmp_path / "out_dir"
    folder.mkdir()
    for k in range(3):
        record = {**segment_page(BROKEN_PAGE).to_dict(), "id": f"p{k}.md"}
        (folder / f"p{k}.md.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    (folder / ".p3.md.json.partial").write_text("{", encoding="utf-8")  # a file being written
    out = tmp_path / "r.html"
    assert main(["report", str(folder), "-o", str(out), "--quiet"]) == 0
    assert out.read_text(encoding="utf-8").count('class="page" id="page-') == 3


def test_report_write_failure_is_e108(sample_records, tmp_path) -> None:
    with pytest.raises(InputError, match="E108"):
        newsnlp.report(sample_records, tmp_path / "missing-dir" / "r.html")


def test_report_missing_extra_names_it(monkeypatch, tmp_path) -> None:
    monkeypatch.setitem(sys.modules, "jinja2", None)
    with pytest.raises(MissingDependencyError, match=r"newsnlp\[report\]"):
        newsnlp.report([segment_page(BROKEN_PAGE).to_dict()], tmp_path / "r.html")


def test_report_import_newsnlp_never_imports_the_extra() -> None:
    code = (
        "import sys, newsnlp, newsnlp.cli; newsnlp.report; newsnlp.cli.build_parser(); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'jinja2', 'matplotlib'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_report_dev_pages_joins_match_the_splitter(shared_dir, monkeypatch) -> None:
    """On real pages (indentation stripped, so columns break paragraphs), the page view marks
    exactly as many repaired breaks as the splitter made joins."""
    import newsnlp.segment.splitter as splitter
    from newsnlp.segment.repair import join_broken

    joins: list[int] = []

    def counting(pieces, **kwargs):
        paragraphs, n = join_broken(pieces, **kwargs)
        joins.append(n)
        return paragraphs, n

    monkeypatch.setattr(splitter, "join_broken", counting)
    made = marked = 0
    with open(shared_dir / "data" / "rmrb-dev" / "pages.jsonl", encoding="utf-8") as handle:
        for k, line in enumerate(handle):
            if k == 60:
                break
            text = "\n".join(x.strip() for x in json.loads(line)["text"].split("\n"))
            joins.clear()
            view = build_page_view(segment_page(text).to_dict(), text)
            assert view is not None and view.lines_unplaced == 0
            made += sum(joins)
            marked += view.repairs
    assert made > 10 and marked == made
