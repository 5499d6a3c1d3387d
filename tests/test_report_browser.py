"""The report in a real browser: headless Chromium (the machine's package) driven by Playwright.

Skips when Chromium or Playwright is absent (``apt-get install chromium``; ``pip install playwright``,
never ``playwright install``: the system Chromium is used). Checks that the report of the sample
issue and of a 200-page batch load with no console error and no network request, that the filter,
the topic menu, sorting and the page views work, and writes screenshots to the test's tmp folder.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

import newsnlp
from newsnlp.cli import main

pytest.importorskip("jinja2", reason="the report extra is not installed: pip install 'newsnlp[report]'")
pytest.importorskip("matplotlib", reason="the report extra is not installed: pip install 'newsnlp[report]'")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed: pip install playwright")

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
PLACES = ["临川", "南溪", "丰禾", "青石", "河湾", "桂苑", "石桥", "映湖"]

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


class Loaded:
    """A report opened in a fresh page, with what the page logged and requested."""

    def __init__(self, browser, path: Path) -> None:
        self.url = path.resolve().as_uri()
        self.page = browser.new_page(viewport={"width": 1366, "height": 900})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(self.url, wait_until="load")

    def foreign_requests(self) -> list[str]:
        return [url for url in self.requests if url.split("#")[0] != self.url]

    def rows(self) -> list[list[str]]:
        return self.page.eval_on_selector_all(
            "#article-rows tr", "trs => trs.map(tr => [...tr.cells].map(td => td.textContent))"
        )


def _filter(loaded: Loaded, words: str) -> None:
    loaded.page.fill("#filter", words)
    # the filter runs 120 ms after the last key and notes the words it applied
    loaded.page.wait_for_function("w => document.body.dataset.filtered === w", arg=words)


def _variant(text: str, k: int) -> str:
    """The sample page rewritten for page ``k`` of a batch: other places, numbers and article order."""
    text = text.replace("临川", PLACES[k % len(PLACES)]).replace("丰禾", PLACES[(k + 3) % len(PLACES)])
    text = re.sub(r"\d+", lambda m: str(int(m.group()) + k), text)
    parts = re.split(r"(?m)^(?=# )", text)
    head, articles = parts[0], parts[1:]
    shift = k % len(articles)
    return head + "".join(articles[shift:] + articles[:shift])


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """A 200-page batch (the project's sample page, varied), run like `newsnlp run --input`."""
    folder = tmp_path_factory.mktemp("batch")
    sample = (REPO / "examples" / "sample_issue.md").read_text(encoding="utf-8")
    pages = [(f"2024-03-{k % 20 + 1:02d}-p{k:03d}", _variant(sample, k)) for k in range(200)]
    source = folder / "pages.jsonl"
    with source.open("w", encoding="utf-8") as handle:
        for page_id, text in pages:
            handle.write(json.dumps({"page_id": page_id, "text": text}, ensure_ascii=False) + "\n")
    nlp = newsnlp.load()
    records = folder / "out.jsonl"
    with records.open("w", encoding="utf-8") as handle:
        for issue, page_id in nlp.pipe(((text, page_id) for page_id, text in pages), as_tuples=True):
            record = issue.to_dict()
            record["id"] = page_id
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        handle.write(json.dumps({"id": "scan-0001.txt", "error": "[E005] scan-0001.txt looks like a binary file, not text."}) + "\n")
    return source, records


def test_report_browser_sample_issue(browser, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(REPO)
    records = tmp_path / "sample.jsonl"
    assert main(["run", "examples/sample_issue.md", "-o", str(records), "--quiet"]) == 0
    report = tmp_path / "report.html"
    assert main(["report", str(records), "-o", str(report), "--quiet"]) == 0
    loaded = Loaded(browser, report)
    assert loaded.errors == [] and loaded.foreign_requests() == []
    assert len(loaded.rows()) == 4
    _filter(loaded, "羊肚菌")
    rows = loaded.rows()
    assert len(rows) == 1 and "羊肚菌" in rows[0][2]
    assert loaded.page.text_content("#row-count").startswith("1 of 4")
    _filter(loaded, "")
    assert len(loaded.rows()) == 4
    loaded.page.screenshot(path=str(tmp_path / "report-sample.png"), full_page=True)
    # the page view: every part marked, the repaired break shown
    assert loaded.page.is_visible("#page-0 .ln.k-caption") and loaded.page.is_visible("#page-0 .join")
    loaded.page.goto(loaded.url + "#page-0")
    loaded.page.screenshot(path=str(tmp_path / "report-sample-page.png"))
    assert (tmp_path / "report-sample.png").stat().st_size > 10_000
    assert loaded.errors == [] and loaded.foreign_requests() == []


def test_report_browser_200_page_batch(browser, batch, tmp_path) -> None:
    source, records = batch
    report = tmp_path / "batch.html"
    code = main(["report", str(records), "--text", str(source), "--id-field", "page_id", "-o", str(report), "--quiet"])
    assert code == 0
    loaded = Loaded(browser, report)
    assert loaded.errors == [] and loaded.foreign_requests() == []
    assert loaded.page.text_content("#row-count").startswith("800 of 800")
    assert len(loaded.rows()) == 50  # paginated
    assert loaded.page.is_visible("#error-list") and "scan-0001.txt" in loaded.page.text_content("#error-list")
    # type a word, rows hide
    _filter(loaded, "南溪")
    rows = loaded.rows()
    assert 0 < len(rows) <= 50 and all("南溪" in "".join(cells) for cells in rows)
    count = int(loaded.page.text_content("#row-count").split(" of ")[0].replace(",", ""))
    assert 0 < count < 800
    _filter(loaded, "没有这个词")
    assert loaded.rows() == []
    _filter(loaded, "")
    # the topic menu, then sorting by score (highest first)
    loaded.page.select_option("#topic-filter", "rural")
    loaded.page.wait_for_timeout(100)
    assert {cells[5] for cells in loaded.rows()} == {"rural"}
    loaded.page.select_option("#topic-filter", "")
    loaded.page.click("th[data-key=score]")
    scores = [float(cells[6]) for cells in loaded.rows()]
    assert scores == sorted(scores, reverse=True)
    loaded.page.click("#next-rows")
    assert "page 2 /" in loaded.page.text_content("#table-page")
    loaded.page.screenshot(path=str(tmp_path / "report-batch.png"))
    # a page view, reached by its link
    loaded.page.goto(loaded.url + "#page-7")
    assert loaded.page.is_visible("#page-7") and not loaded.page.is_visible("#page-0")
    assert loaded.page.locator("#page-7 .join").count() == 1
    loaded.page.screenshot(path=str(tmp_path / "report-batch-page.png"))
    assert loaded.errors == [] and loaded.foreign_requests() == []
