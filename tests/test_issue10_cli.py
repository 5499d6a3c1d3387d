"""Issue 10: the command line as a new user meets it (terminal, CSV rows, usage errors, names)."""

from __future__ import annotations

import csv
import io
import json
import os
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


def _run_in_pty(args: list[str], timeout: float = 120) -> tuple[int, str]:
    """Run ``newsnlp ARGS`` with standard error on a pseudo-terminal (so the progress bar is on)."""
    pty = pytest.importorskip("pty")  # POSIX only
    import fcntl
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))  # a real width
    proc = subprocess.Popen([sys.executable, "-m", "newsnlp", *args], stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return proc.wait(timeout=max(1.0, deadline - time.monotonic())), b"".join(chunks).decode("utf-8", "replace")


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
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()][-1].endswith("d.txt")


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
