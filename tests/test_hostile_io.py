"""Issue 14: hostile input and faults. Nothing lost, nothing destroyed, nothing hangs, nothing blows up.

Commands that could hang on the defect they test run in a subprocess with a timeout and a memory
cap, so a regression fails instead of stalling the suite or eating the machine's memory.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsnlp.batch import JsonlFileSink, run_batch
from newsnlp.cli import main
from newsnlp.io import iter_path_documents, iter_table_documents

REPO = Path(__file__).resolve().parents[1]
SEGMENT_ONLY = ["--disable", "classify", "--disable", "keywords", "--disable", "summarize"]
PAGE = "# 村里来了新书记\n\n本报记者 王小明\n\n驻村第一书记带领村民发展产业，群众收入稳步提高。\n\n村里新建了厂房，道路也整洁了。\n"
linux_only = pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes (mkfifo)")


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (3 * 1024**3, 3 * 1024**3))


def _newsnlp(*args: str, timeout: float = 90, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """The command in a fresh process, with a timeout and a 3 GB memory cap."""
    return subprocess.run(
        [sys.executable, "-m", "newsnlp", *args], input=stdin.decode("utf-8") if stdin is not None else None,
        capture_output=True, text=True, timeout=timeout, preexec_fn=_cap_memory, cwd=REPO,
    )


def _pages(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"page{i:03d}.md"
        path.write_text(PAGE.replace("新书记", f"新书记{i}"), encoding="utf-8")
        paths.append(path)
    return paths


# -- 1. output paths ------------------------------------------------------------------------------
@pytest.mark.parametrize("command", ["run", "segment", "classify", "summarize"])
def test_issue14_output_that_is_an_input_is_refused(tmp_path, command, capsys) -> None:
    page = tmp_path / "page.md"
    page.write_text(PAGE, encoding="utf-8")
    table = tmp_path / "pages.jsonl"
    table.write_text(json.dumps({"id": "a", "text": PAGE}, ensure_ascii=False) + "\n", encoding="utf-8")
    link = tmp_path / "other_name.md"
    os.link(page, link)  # the same file under another name: caught by device and inode
    before = (page.read_bytes(), table.read_bytes())
    extra = SEGMENT_ONLY if command == "run" else []
    assert main([command, str(page), "-o", str(page), *extra]) == 2
    assert main([command, "--input", str(table), "-o", str(table), *extra]) == 2
    assert main([command, str(page), "-o", str(link), *extra]) == 2
    assert (page.read_bytes(), table.read_bytes()) == before
    err = capsys.readouterr().err
    assert err.count("[E065]") == 3 and "Traceback" not in err


def test_issue14_train_output_that_is_its_input_is_refused(tmp_path, capsys) -> None:
    data = tmp_path / "labels.skops"  # odd name, but it is the input
    data.write_bytes(b"text,label\n")
    assert main(["train", "--input", str(data), "-o", str(data)]) == 2
    assert data.read_bytes() == b"text,label\n"
    assert "[E065]" in capsys.readouterr().err


def test_issue14_output_inside_an_input_folder_is_not_read_as_an_input(tmp_path) -> None:
    folder = tmp_path / "pages"
    _pages(folder, 2)
    out = folder / "report.md"
    for force in ([], ["--force"]):
        assert main(["run", str(folder), "-o", str(out), "--format", "md", "--quiet", *force, *SEGMENT_ONLY]) == 0
        report = out.read_text(encoding="utf-8")
        headings = [line for line in report.splitlines() if line.startswith("## ")]
        assert len(headings) == 2 and "report.md" not in report


@needs_fifo
@pytest.mark.parametrize("command", ["run", "segment", "classify", "summarize"])
def test_issue14_output_fifo_and_symlink_are_written_through_never_replaced(tmp_path, command) -> None:
    page = tmp_path / "page.md"
    page.write_text(PAGE, encoding="utf-8")
    extra = SEGMENT_ONLY if command == "run" else []
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader is waiting, as `cat out.fifo` would
    try:
        result = _newsnlp(command, str(page), "-o", str(fifo), *extra, timeout=60)
        received = b""
        while chunk := os.read(reader, 65536):
            received += chunk
    finally:
        os.close(reader)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert json.loads(received.decode("utf-8").splitlines()[0])["id"] == str(page)
    target = tmp_path / "real.jsonl"
    link = tmp_path / "link.jsonl"
    link.symlink_to(target)
    assert main([command, str(page), "-o", str(link), *extra]) == 0
    assert link.is_symlink() and json.loads(target.read_text(encoding="utf-8").splitlines()[0])["id"] == str(page)


def test_issue14_output_dev_stdout_and_dev_full_are_clear(tmp_path) -> None:
    page = tmp_path / "page.md"
    page.write_text(PAGE, encoding="utf-8")
    if Path("/dev/stdout").exists():
        result = _newsnlp("run", str(page), "-o", "/dev/stdout", "--quiet", *SEGMENT_ONLY)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["id"] == str(page)
    if Path("/dev/full").exists():
        for command in (["run", "--quiet", *SEGMENT_ONLY], ["segment"]):
            result = _newsnlp(command[0], str(page), "-o", "/dev/full", *command[1:])
            assert result.returncode == 1
            assert "No space left on device" in result.stderr and "Traceback" not in result.stderr
            assert len(result.stderr.strip().splitlines()) == 1


def test_issue14_output_under_a_file_is_one_line_not_a_traceback(tmp_path, capsys) -> None:
    page = tmp_path / "page.md"
    page.write_text(PAGE, encoding="utf-8")
    blocker = tmp_path / "afile.txt"
    blocker.write_text("x", encoding="utf-8")
    for command in (["run", *SEGMENT_ONLY], ["segment"], ["run", "--format", "md", *SEGMENT_ONLY]):
        assert main([command[0], str(page), "-o", str(blocker / "out.jsonl"), *command[1:]]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 3 and all("[E068]" in line and "is a file, not a folder" in line for line in err)


# -- issue 10 item 8: overwriting needs --force -----------------------------------------------------
@pytest.mark.parametrize("command", ["run", "segment", "classify", "summarize"])
def test_issue14_existing_output_needs_force(tmp_path, command, capsys) -> None:
    page = tmp_path / "page.md"
    page.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text("precious earlier results\n", encoding="utf-8")
    extra = SEGMENT_ONLY if command == "run" else []
    assert main([command, str(page), "-o", str(out), *extra]) == 2
    assert out.read_text(encoding="utf-8") == "precious earlier results\n"
    err = capsys.readouterr().err
    assert "[E066]" in err and "--force" in err
    assert main([command, str(page), "-o", str(out), "--force", *extra]) == 0
    assert _records(out)[0]["id"] == str(page)


def test_issue14_existing_output_folder_needs_force_or_resume(tmp_path, capsys) -> None:
    paths = [str(p) for p in _pages(tmp_path / "in", 2)]
    folder = tmp_path / "out"
    assert main(["run", *paths, "-o", f"{folder}/", "--quiet", *SEGMENT_ONLY]) == 0
    assert main(["run", *paths, "-o", f"{folder}/", "--quiet", *SEGMENT_ONLY]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["run", *paths, "-o", f"{folder}/", "--quiet", "--resume", *SEGMENT_ONLY]) == 0
    assert main(["run", *paths, "-o", f"{folder}/", "--quiet", "--force", *SEGMENT_ONLY]) == 0


# -- 2. lone surrogates -----------------------------------------------------------------------------
def _surrogate_table(tmp_path: Path) -> Path:
    table = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "ok1", "text": PAGE}, ensure_ascii=False),
        '{"id": "bad-text", "text": "# \\u6807\\u9898\\n\\n\\u6b63\\u6587\\ud800\\u3002\\n"}',
        '{"id": "bad-id-\\udc80", "text": "# \\u6807\\u9898\\n\\n\\u6b63\\u6587\\u3002\\n"}',
        json.dumps({"id": "ok2", "text": PAGE}, ensure_ascii=False),
    ]
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return table


@pytest.mark.parametrize("workers", ["1", "2"])
def test_issue14_lone_surrogates_in_jsonl_are_cleaned_and_noted_by_run(tmp_path, workers) -> None:
    table = _surrogate_table(tmp_path)
    out = tmp_path / "out.jsonl"
    assert main(["run", "--input", str(table), "-o", str(out), "--quiet", "--workers", workers]) == 0
    records = _records(out)
    assert [r["id"] for r in records] == ["ok1", "bad-text", "bad-id-\\udc80", "ok2"]
    assert all("articles" in r for r in records)
    assert "\ufffd" in "".join(records[1]["articles"][0]["paragraphs"])
    assert records[1]["notes"] == ["1 lone surrogate(s) replaced with U+FFFD"]
    jsonschema = pytest.importorskip("jsonschema")
    from importlib import resources

    schema = json.loads((resources.files("newsnlp") / "resources" / "record.schema.json").read_text(encoding="utf-8"))
    for record in records:
        jsonschema.validate(record, schema)


@pytest.mark.parametrize("command", ["segment", "classify", "summarize"])
def test_issue14_lone_surrogates_in_jsonl_never_stop_other_commands(tmp_path, command) -> None:
    table = _surrogate_table(tmp_path)
    out = tmp_path / "out.jsonl"
    assert main([command, "--input", str(table), "-o", str(out)]) == 0
    assert [r["id"] for r in _records(out)] == ["ok1", "bad-text", "bad-id-\\udc80", "ok2"]


def test_issue14_lone_surrogate_text_through_the_api_and_non_utf8_file_names(tmp_path) -> None:
    import newsnlp

    issue = newsnlp.load(classifier=None, disable=["keywords", "summarize"])("# 标题\n\n正文\ud800。\n")
    assert "\ufffd" in issue.articles[0].paragraphs[0]
    folder = tmp_path / "pages"
    folder.mkdir()
    try:
        (folder / os.fsdecode(b"\xff\xfe-page.md")).write_text(PAGE, encoding="utf-8")
    except (OSError, UnicodeError):
        pytest.skip("this file system does not take file names that are not UTF-8")
    (folder / "z.md").write_text(PAGE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    for workers in ("1", "2"):
        assert main(["run", str(folder), "-o", str(out), "--quiet", "--force", "--workers", workers, *SEGMENT_ONLY]) == 0
        records = _records(out)
        assert [r["id"].rsplit("/", 1)[1] for r in records] == ["z.md", "\\xff\\xfe-page.md"]  # sorted by the bytes
        assert all("articles" in r for r in records)


def test_issue14_tokenizer_takes_lone_surrogates() -> None:
    from newsnlp.text import Tokenizer

    tokens = Tokenizer().cut("驻村书记\ud800带领村民")  # every command's text goes through here
    assert "".join(tokens) == "驻村书记\ufffd带领村民"


def test_issue14_lone_surrogates_in_training_data_are_cleaned(tmp_path) -> None:
    from newsnlp.io import read_table

    table = tmp_path / "labels.jsonl"
    table.write_text('{"text": "\\u6b63\\u6587\\ud800", "label": "a\\udc80"}\n', encoding="utf-8")
    assert read_table(table, fields=["text", "label"]) == [{"text": "正文\ufffd", "label": "a\ufffd"}]


# -- 4. a dead worker -------------------------------------------------------------------------------
_KILL_ONCE = """
import os, signal, sys
from newsnlp._parallel import ordered_map
marker = sys.argv[1]
def work(x):
    if x == 13 and not os.path.exists(marker):
        open(marker, "w").close()
        os.kill(os.getpid(), signal.SIGKILL)
    if x == 40:
        os.kill(os.getpid(), signal.SIGKILL)  # every time: this item can never be done
    return x * x
print(list(ordered_map(work, range(60), n_process=2, batch_size=4, on_lost=lambda x: -1)))
"""


def test_issue14_dead_worker_batch_runs_again_and_the_map_finishes(tmp_path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _KILL_ONCE, str(tmp_path / "killed")], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [-1 if x == 40 else x * x for x in range(60)]


_KILL_WHILE_SUBMITTING = """
import os, signal, sys, time
from newsnlp._parallel import ordered_map
marker = sys.argv[1]
def work(x):
    if x == 3 and not os.path.exists(marker):
        open(marker, "w").close()
        os.kill(os.getpid(), signal.SIGKILL)
    return x + 1
results = []
for value in ordered_map(work, range(7), n_process=2, batch_size=1, window=4):
    results.append(value)
    time.sleep(0.3)  # a slow consumer: the pool breaks before the next batch is submitted
print(results)
"""


def test_issue14_worker_death_found_at_submission_is_survived(tmp_path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _KILL_WHILE_SUBMITTING, str(tmp_path / "killed")], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert json.loads(result.stdout) == list(range(1, 8))


class _KillsItsWorkerOnce:
    """A pipeline stand-in that SIGKILLs the worker process it runs in, once, on one page."""

    def __init__(self, nlp, victim: str, marker: Path) -> None:
        self.nlp, self.victim, self.marker = nlp, victim, marker

    def __call__(self, text: str):
        if self.victim in text and not self.marker.exists():
            self.marker.write_text("killed", encoding="utf-8")
            os.kill(os.getpid(), signal.SIGKILL)
        return self.nlp(text)


def test_issue14_killed_worker_run_finishes_and_resume_gives_identical_bytes(tmp_path) -> None:
    from newsnlp.config import PipelineConfig
    from newsnlp.pipeline import Pipeline

    paths = _pages(tmp_path / "in", 30)
    nlp = Pipeline(PipelineConfig(classifier=None, disable=["keywords", "summarize"]))
    reference = tmp_path / "reference.jsonl"
    run_batch(nlp, iter_path_documents(paths), JsonlFileSink(reference), workers=1)

    killed = tmp_path / "killed.jsonl"
    dying = _KillsItsWorkerOnce(nlp, "新书记9", tmp_path / "marker1")
    with pytest.warns(RuntimeWarning, match="worker process died"):
        report = run_batch(dying, iter_path_documents(paths), JsonlFileSink(killed), workers=2, batch_size=2)
    assert (tmp_path / "marker1").exists()  # a worker really was killed
    assert report.documents == 30 and report.errors == 0
    assert killed.read_bytes() == reference.read_bytes()

    def interrupted():
        for index, doc in enumerate(iter_path_documents(paths)):
            if index == 24:
                raise KeyboardInterrupt
            yield doc

    resumed = tmp_path / "resumed.jsonl"
    dying = _KillsItsWorkerOnce(nlp, "新书记3", tmp_path / "marker2")
    with pytest.raises(KeyboardInterrupt, match="--resume"), pytest.warns(RuntimeWarning, match="worker process died"):
        run_batch(dying, interrupted(), JsonlFileSink(resumed), workers=2, batch_size=2)
    assert 0 < len(_records(resumed)) <= 24
    dying = _KillsItsWorkerOnce(nlp, "新书记20", tmp_path / "marker3")
    with pytest.warns(RuntimeWarning, match="worker process died"):
        run_batch(dying, iter_path_documents(paths), JsonlFileSink(resumed, resume=True), workers=2, batch_size=2)
    assert (tmp_path / "marker3").exists()
    assert resumed.read_bytes() == reference.read_bytes()


@linux_only
def test_issue14_orphaned_workers_end_quietly_when_the_run_is_killed(tmp_path) -> None:
    folder = tmp_path / "in"
    _pages(folder, 400)
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "newsnlp", "run", str(folder), "-o", str(out), "--quiet", "--workers", "2"]
    with (tmp_path / "stderr.txt").open("w") as err:
        run = subprocess.Popen(command, stderr=err, cwd=REPO)
        deadline = time.monotonic() + 60
        workers: list[int] = []
        while time.monotonic() < deadline and run.poll() is None:
            workers = [int(x) for f in Path(f"/proc/{run.pid}/task").glob("*/children") for x in f.read_text().split()]
            if len(workers) >= 2 and out.exists() and out.stat().st_size > 0:
                break
            time.sleep(0.02)
        if run.poll() is not None:
            pytest.skip("the run finished before it could be killed")
        run.send_signal(signal.SIGKILL)
        run.wait()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in workers):
            time.sleep(0.1)
    alive = [pid for pid in workers if Path(f"/proc/{pid}").exists() and "Z" not in Path(f"/proc/{pid}/stat").read_text().split()[2]]
    for pid in alive:
        os.kill(pid, signal.SIGKILL)
    assert alive == []
    assert "Traceback" not in (tmp_path / "stderr.txt").read_text()


# -- 6. inputs that never end ---------------------------------------------------------------------
@needs_fifo
def test_issue14_fifo_inputs_are_refused_not_waited_on(tmp_path) -> None:
    folder = tmp_path / "in"
    _pages(folder, 1)
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(tmp_path / "table.jsonl")
    result = _newsnlp("run", str(folder / "pipe.txt"), str(folder), "--quiet", *SEGMENT_ONLY, timeout=60)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.returncode == 1
    assert [r["id"].rsplit("/", 1)[1] for r in records] == ["pipe.txt", "page000.md", "pipe.txt"]
    assert "[E067]" in records[0]["error"] and "FIFO" in records[0]["error"] and "articles" in records[1]
    result = _newsnlp("run", "--input", str(tmp_path / "table.jsonl"), "--quiet", timeout=60)
    assert result.returncode == 2 and "[E067]" in result.stderr


def test_issue14_devices_are_refused_and_max_bytes_counts_bytes_read(tmp_path) -> None:
    if Path("/dev/zero").exists():
        result = _newsnlp("run", "/dev/zero", "--quiet", *SEGMENT_ONLY, timeout=60)
        assert result.returncode == 1 and "[E067]" in json.loads(result.stdout)["error"]
    # A file whose size reads as 0 but that has content (procfs): the limit holds on what is read.
    if Path("/proc/self/status").exists():
        result = _newsnlp("run", "/proc/self/status", "--max-bytes", "100", "--quiet", *SEGMENT_ONLY, timeout=60)
        assert result.returncode == 1
        assert "over the limit of 100 bytes" in json.loads(result.stdout)["error"]


def test_issue14_dash_reads_standard_input(tmp_path) -> None:
    result = _newsnlp("run", "-", "--quiet", *SEGMENT_ONLY, stdin=PAGE.encode("utf-8"))
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["id"] == "<stdin>" and record["articles"][0]["title"] == "村里来了新书记"
    table = json.dumps({"id": "piped", "text": PAGE}, ensure_ascii=False) + "\n"
    result = _newsnlp("segment", "--input", "-", stdin=table.encode("utf-8"))
    assert result.returncode == 0 and json.loads(result.stdout)["id"] == "piped"


# -- 7. records that raised other exceptions -------------------------------------------------------
def _hostile_tables(tmp_path: Path) -> tuple[Path, Path]:
    csv_path = tmp_path / "in.csv"
    long_text = PAGE + "长" * 140_000
    csv_path.write_bytes(
        (
            "id,text\r"  # lone-CR line ends
            f"a,{PAGE.splitlines()[2]}\r"
            f"b,\"{long_text}\"\r"
            "c,正文,多出来的字段\r"
            f"d,{PAGE.splitlines()[2]}\r"
        ).encode()
    )
    jsonl = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "a", "text": PAGE}, ensure_ascii=False),
        '{"id": "big", "text": "x", "n": ' + "9" * 5000 + "}",
        '{"id": "deep", "text": "x", "n": ' + "[" * 100_000 + "]" * 100_000 + "}",
        json.dumps({"id": "nul", "text": "正文\x00二进制"}, ensure_ascii=False),
        json.dumps({"id": "d", "text": PAGE}, ensure_ascii=False),
    ]
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return csv_path, jsonl


@pytest.mark.parametrize("workers", ["1", "2"])
def test_issue14_hostile_csv_and_jsonl_records_are_error_records(tmp_path, workers) -> None:
    csv_path, jsonl = _hostile_tables(tmp_path)
    out = tmp_path / "csv.jsonl"
    assert main(["run", "--input", str(csv_path), "-o", str(out), "--quiet", "--workers", workers, *SEGMENT_ONLY]) == 1
    records = _records(out)
    assert [r["id"] for r in records] == ["a", "b", f"{csv_path}:4", "d"]
    assert ["error" in r for r in records] == [False, False, True, False]
    assert "[E070]" in records[2]["error"] and "3 fields" in records[2]["error"]
    out = tmp_path / "jsonl.jsonl"
    assert main(["run", "--input", str(jsonl), "-o", str(out), "--quiet", "--workers", workers, *SEGMENT_ONLY]) == 1
    records = _records(out)
    assert [r["id"] for r in records] == ["a", f"{jsonl}:2", f"{jsonl}:3", "nul", "d"]
    assert ["error" in r for r in records] == [False, True, True, True, False]
    assert "nested too deeply" in records[2]["error"]
    assert "binary" in records[3]["error"]  # the same rule as a file with a NUL


@pytest.mark.parametrize("command", ["segment", "classify", "summarize"])
def test_issue14_hostile_tables_never_stop_other_commands(tmp_path, command) -> None:
    csv_path, jsonl = _hostile_tables(tmp_path)
    for table, count in ((csv_path, 4), (jsonl, 5)):
        out = tmp_path / f"{table.suffix[1:]}.jsonl"
        assert main([command, "--input", str(table), "-o", str(out)]) == 1
        assert len(_records(out)) == count


# -- 8. errors that were tracebacks ---------------------------------------------------------------
def test_issue14_usage_errors_are_one_line_and_exit_2(tmp_path, capsys) -> None:
    page = tmp_path / "page.md"
    page.write_text(PAGE, encoding="utf-8")
    bad_toml = tmp_path / "bad.toml"
    bad_toml.write_text("layout = [unclosed\n", encoding="utf-8")
    cases = [
        ["run", str(page), "--config", str(tmp_path / "missing.toml")],
        ["run", str(page), "--config", str(bad_toml)],
        ["run", str(tmp_path), "--glob", "/etc/*"],
        ["run", str(page), "--max-bytes", "-5"],
        ["run", str(page), "--max-chars", "-5"],
        ["classify", str(page), "--threshold", "nan"],
    ]
    for case in cases:
        capsys.readouterr()
        assert main(case) == 2, case
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "[E0" in err[0], (case, err)


# -- 10. encodings --------------------------------------------------------------------------------
ZH = "驻村第一书记带领村民发展产业，群众收入稳步提高。本报记者在临川区走访了十多个村庄。\n" * 4
TW = "駐村第一書記帶領村民發展產業，群眾收入穩步提高。本報記者在臨川區走訪了十多個村莊。\n" * 4


@pytest.mark.parametrize(
    ("data", "encoding", "text"),
    [
        (TW.encode("big5"), "big5", TW),
        ("Le café est très bon à Noël, où l'été déçoit.\n".encode("latin-1") * 3, "cp1252", "Le café est très bon à Noël, où l'été déçoit.\n" * 3),
        (ZH.encode("utf-16-le"), "utf-16-le", ZH),
        (ZH.encode("utf-16-be"), "utf-16-be", ZH),
    ],
    ids=["big5", "latin-1", "utf-16-le-without-bom", "utf-16-be-without-bom"],
)
def test_issue14_encodings_are_read_as_the_text_they_are(tmp_path, data, encoding, text) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(data)
    [doc] = iter_path_documents([path])
    assert (doc.encoding, doc.text) == (encoding, text)


def test_issue14_one_stray_byte_keeps_a_utf8_file_and_says_where(tmp_path) -> None:
    data = (ZH * 10).encode("utf-8")
    cut = len((ZH * 10)[:200].encode("utf-8"))  # between two characters
    path = tmp_path / "page.txt"
    path.write_bytes(data[:cut] + b"\xff" + data[cut:])
    [doc] = iter_path_documents([path])
    assert doc.encoding == "utf-8" and doc.text.replace("\ufffd", "") == ZH * 10
    assert doc.notes == [f"1 byte(s) that are not UTF-8 replaced with U+FFFD (the first at byte {cut})"]
    garbage = tmp_path / "garbage.txt"
    garbage.write_bytes(bytes(range(0x80, 0x100)) * 8)
    [doc] = iter_path_documents([garbage])
    assert "[E075]" in doc.error and "byte 0 is 0x80" in doc.error


# -- 11. smaller ----------------------------------------------------------------------------------
def test_issue14_pipe_none_is_a_clear_error() -> None:
    import newsnlp
    from newsnlp.errors import InputError

    nlp = newsnlp.load(classifier=None, disable=["keywords", "summarize"])
    with pytest.raises(InputError, match="E026"):
        list(nlp.pipe(None))  # type: ignore[arg-type]


def test_issue14_failing_input_iterator_keeps_records_already_computed() -> None:
    from newsnlp._parallel import ordered_map

    def source():
        yield from range(30)
        raise ValueError("the input broke")

    results: list[int] = []
    with pytest.raises(ValueError, match="the input broke"):
        for value in ordered_map(abs, source(), n_process=2, batch_size=4):
            results.append(value)
    assert results == list(range(30))


def test_issue14_resume_with_a_shorter_input_says_so(tmp_path, capsys) -> None:
    paths = [str(p) for p in _pages(tmp_path / "in", 3)]
    out = tmp_path / "out.jsonl"
    assert main(["run", *paths, "-o", str(out), "--quiet", *SEGMENT_ONLY]) == 0
    assert main(["run", *paths[:2], "-o", str(out), "--quiet", "--resume", *SEGMENT_ONLY]) == 2
    err = capsys.readouterr().err
    assert "[E076]" in err and "1 record(s) after the last input" in err


def test_issue14_ctrl_c_says_how_many_records_were_written_and_how_to_resume(tmp_path, monkeypatch, capsys) -> None:
    import newsnlp.batch

    paths = [str(p) for p in _pages(tmp_path / "in", 5)]
    out = tmp_path / "out.jsonl"
    real_write = newsnlp.batch.JsonlFileSink.write

    def write_then_interrupt(self, outcome):
        real_write(self, outcome)
        if self.written == 3:
            raise KeyboardInterrupt

    monkeypatch.setattr(newsnlp.batch.JsonlFileSink, "write", write_then_interrupt)
    assert main(["run", *paths, "-o", str(out), "--quiet", *SEGMENT_ONLY]) == 130
    err = capsys.readouterr().err
    assert "interrupted after 3 record(s) written to" in err and "--resume" in err
    monkeypatch.undo()
    assert main(["run", *paths, "-o", str(out), "--quiet", "--resume", *SEGMENT_ONLY]) == 0
    assert len(_records(out)) == 5


def test_issue14_ctrl_c_in_segment_leaves_the_output_as_it_was_and_says_so(tmp_path, monkeypatch, capsys) -> None:
    import newsnlp.cli.segment_cmd

    paths = [str(p) for p in _pages(tmp_path / "in", 3)]
    out = tmp_path / "out.jsonl"
    out.write_text("earlier\n", encoding="utf-8")

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(newsnlp.cli.segment_cmd, "issue_record", interrupt)
    assert main(["segment", *paths, "-o", str(out), "--force"]) == 130
    assert "[E079]" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "earlier\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out.jsonl"]  # no temporary file left


def test_issue14_table_reader_lone_cr_rows(tmp_path) -> None:
    path = tmp_path / "cr.csv"
    path.write_bytes("id,text\ra,甲\rb,\"乙\r丙\"\r".encode())
    docs = list(iter_table_documents(path))
    assert [(d.id, d.text) for d in docs] == [("a", "甲"), ("b", "乙\r丙")]
