"""Issue 10: the command line as a new user meets it (terminal, CSV rows, usage errors, names)."""

from __future__ import annotations

import csv
import io
import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

ARTICLE_A = "# 小区议事会开到楼栋里\n\n本报记者 王明\n\n街道党工委组织居民议事，解决了老旧小区停车难题。\n"
ARTICLE_B = "# 乡村振兴 产业先行\n\n本报讯 村里建起合作社，农民收入明显增加，集体经济有了起色。\n"


def _cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsnlp", *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


def _pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (folder / "b.txt").write_bytes(ARTICLE_B.encode("gbk"))  # not UTF-8: the run notes it
    (folder / "c.txt").write_bytes(ARTICLE_A.encode("gbk"))
    return folder


def _run_in_pty(args: list[str], timeout: float = 120, columns: int = 120) -> tuple[int, str]:
    """Run ``newsnlp ARGS`` with standard error on a pseudo-terminal (so the progress bar is on)
    ``columns`` wide (0: a terminal that does not tell its width)."""
    try:
        import fcntl
        import pty
        import struct
        import termios

        master, slave = pty.openpty()
    except (ImportError, OSError) as exc:  # not POSIX, or no pseudo-terminals in this container
        pytest.skip(f"no pseudo-terminal here: {exc}")
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24 if columns else 0, columns, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "newsnlp", *args], stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    try:
        code = proc.wait(timeout=max(1.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        proc.kill()
        raise
    return code, b"".join(chunks).decode("utf-8", "replace")


def test_issue10_progress_bar_on_a_terminal_survives_non_utf8_files(tmp_path: Path) -> None:
    folder = _pages(tmp_path)
    out = tmp_path / "out.jsonl"
    code, stderr = _run_in_pty(["run", str(folder), "-o", str(out)])
    assert "Traceback" not in stderr, stderr
    assert code == 0, stderr
    assert "decoded as gb18030" in stderr
    assert "3/3" in stderr  # the bar knows the file count
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3
    # --resume dies no more at the next GBK file either
    (folder / "d.txt").write_bytes(ARTICLE_B.encode("gbk"))
    code, stderr = _run_in_pty(["run", str(folder), "-o", str(out), "--resume"])
    assert "Traceback" not in stderr, stderr
    assert code == 0, stderr
    assert "4/4" in stderr  # the documents resume skips count as done
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()][-1].endswith("d.txt")


def test_issue10_progress_bar_drawn_on_a_terminal_without_a_width(tmp_path: Path) -> None:
    """A pseudo-terminal opened without a size reports 0 columns; the bar falls back to a fixed
    width instead of being drawn 0 columns wide (that is, not at all)."""
    folder = _pages(tmp_path)
    code, stderr = _run_in_pty(["run", str(folder), "-o", str(tmp_path / "out.jsonl")], columns=0)
    assert code == 0, stderr
    assert "3/3" in stderr and "newsnlp run" in stderr


def test_issue10_csv_error_rows_have_every_column(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(ARTICLE_A, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    result = _cli("run", str(tmp_path / "ok.txt"), str(tmp_path / "empty.txt"), "--format", "csv", "--quiet")
    assert result.returncode == 1
    header, *rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows and all(len(row) == len(header) for row in rows)
    failed = [row for row in csv.DictReader(io.StringIO(result.stdout)) if row["id"].endswith("empty.txt")]
    assert failed[0]["error"].startswith("[E006]") and failed[0]["summary"] == ""


@pytest.mark.parametrize("workers", ["0", "-3"])
def test_issue10_bad_workers_is_one_line_before_loading(tmp_path: Path, workers: str) -> None:
    (tmp_path / "ok.txt").write_text(ARTICLE_A, encoding="utf-8")
    started = time.perf_counter()
    result = _cli("run", str(tmp_path / "ok.txt"), "--workers", workers)
    elapsed = time.perf_counter() - started
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "--workers" in lines[0], result.stderr
    assert result.stdout == ""
    assert elapsed < 30  # generous: nothing is loaded, but the machine is shared


SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "sample_issue.md"


def test_issue10_summarize_a_page_gives_one_summary_per_article(capsys: pytest.CaptureFixture[str]) -> None:
    from newsnlp.cli import main

    assert main(["run", str(SAMPLE), "--quiet"]) == 0
    page = json.loads(capsys.readouterr().out)
    assert main(["summarize", str(SAMPLE)]) == 0
    record = json.loads(capsys.readouterr().out)
    assert "summary" not in record  # not the page summarized as one text
    assert [a["title"] for a in record["articles"]] == [a["title"] for a in page["articles"]]
    assert [a["summary"] for a in record["articles"]] == [a["summary"] for a in page["articles"]]
    assert [a["keywords"] for a in record["articles"]] == [a["keywords"] for a in page["articles"]]
    text = SAMPLE.read_text(encoding="utf-8")
    for article in record["articles"]:
        body = text[article["start"]:article["end"]]
        assert all(s["text"] in body.replace("\n", "") for s in article["summary_sentences"])
    # --article: the old behaviour, one summary of the whole text; --page: a list even for one article
    assert main(["summarize", str(SAMPLE), "--article"]) == 0
    assert "summary" in json.loads(capsys.readouterr().out)


def test_issue10_one_name_per_idea_old_spellings_still_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsnlp.cli import build_parser, main
    from newsnlp.config import PipelineConfig

    helps = {name: build_parser()._subparsers._group_actions[0].choices[name].format_help()  # type: ignore[union-attr]
             for name in ("run", "summarize", "classify")}
    assert "--summarizer" in helps["run"] and "--summarizer" in helps["summarize"]
    assert "--transformer-model" in helps["run"] and "--transformer-model" in helps["summarize"]
    assert "--classifier" in helps["run"] and "--classifier" in helps["classify"]
    assert "--keywords-top-k" in helps["run"] and "--keywords-top-k" in helps["summarize"]
    for name, text in helps.items():  # the old spellings are hidden
        assert "--method" not in text and "--model " not in text and "--top-k-keywords" not in text, name

    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "x", "text": ARTICLE_A}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["summarize", "--input", str(source), "--method", "lead", "--top-k-keywords", "2"]) == 0
    captured = capsys.readouterr()
    record = json.loads(captured.out)
    assert "summary_sentences" in record and "sentences" not in record and len(record["keywords"]) == 2
    assert "--method is deprecated" in captured.err and "use --summarizer" in captured.err
    assert main(["classify", "--input", str(source), "--model", "no-such-model.npz"]) == 2
    assert "use --classifier" in capsys.readouterr().err

    with pytest.warns(DeprecationWarning, match="max_input_chars"):
        assert PipelineConfig(max_chars=10).max_input_chars == 10
    with pytest.warns(DeprecationWarning):
        assert PipelineConfig.from_dict({"max_chars": 12}).max_input_chars == 12
    assert "max_chars" not in PipelineConfig().to_dict()


def test_issue10_input_limit_error_says_characters() -> None:
    import newsnlp
    from newsnlp.errors import InputError

    small = newsnlp.load(classifier=None, disable=["keywords", "summarize"], max_input_chars=10)
    with pytest.raises(InputError, match=r"E081.*11 characters.*10 characters"):
        small("党" * 11)


def test_issue10_short_version_flag(capsys: pytest.CaptureFixture[str]) -> None:
    from newsnlp import __version__
    from newsnlp.cli import main

    with pytest.raises(SystemExit) as stop:
        main(["-V"])
    assert stop.value.code == 0 and capsys.readouterr().out.strip() == f"newsnlp {__version__}"


@pytest.mark.parametrize(("name", "check"), [
    ("out.csv", lambda text: text.startswith("id,article,")),
    ("out.md", lambda text: text.startswith("## ")),
    ("out.jsonl", lambda text: json.loads(text.splitlines()[0])["articles"]),
])
def test_issue10_output_suffix_picks_the_format(tmp_path: Path, name: str, check: object) -> None:
    from newsnlp.cli import main

    (tmp_path / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    out = tmp_path / name
    assert main(["run", str(tmp_path / "a.txt"), "-o", str(out), "--quiet"]) == 0
    assert check(out.read_text(encoding="utf-8"))  # type: ignore[operator]
    if name != "out.csv":  # segment has jsonl and md
        out.unlink()
        assert main(["segment", str(tmp_path / "a.txt"), "-o", str(out)]) == 0
        assert check(out.read_text(encoding="utf-8"))  # type: ignore[operator]


def test_issue10_keep_fields_pass_through_as_context(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from newsnlp.cli import main

    source = tmp_path / "in.jsonl"
    rows = [{"id": "p1", "text": ARTICLE_A, "date": "2024-01-15", "page": 3, "label": "organization"},
            {"id": "p2", "text": ARTICLE_B, "date": "2024-01-16"}]
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    for command in ("run", "classify", "summarize"):
        extra = ["--quiet"] if command == "run" else []
        assert main([command, "--input", str(source), "--keep-fields", "date,page,label", *extra]) == 0
        records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
        assert [r["context"] for r in records] == [
            {"date": "2024-01-15", "page": 3, "label": "organization"},
            {"date": "2024-01-16", "page": None, "label": None},
        ], command


def test_issue10_closing_report_names_failed_documents(tmp_path: Path) -> None:
    names = [f"empty{i:02d}.txt" for i in range(12)]
    for name in names:
        (tmp_path / name).write_text("\n", encoding="utf-8")
    (tmp_path / "ok.txt").write_text(ARTICLE_A, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = _cli("run", str(tmp_path), "-o", str(out))
    assert result.returncode == 1
    failed_line = next(line for line in result.stderr.splitlines() if line.startswith("failed: "))
    assert [Path(p).name for p in failed_line[len("failed: "):].split(", ")] == names[:10]
    assert "2 more" in result.stderr and str(out) in result.stderr


def test_issue10_repr_of_an_issue_is_short() -> None:
    import newsnlp

    text = SAMPLE.read_text(encoding="utf-8")
    issue = newsnlp.load(classifier=None, disable=["keywords", "summarize"])(text)
    shown = repr(issue)
    assert len(shown) < 200 and "articles=4" in shown and issue.articles[0].title[:10] in shown
    assert len(repr(issue.articles[0])) < 200
