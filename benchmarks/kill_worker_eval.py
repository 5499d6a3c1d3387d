"""Kill a worker (and then the whole run) under ``newsnlp run --workers 2``; check the bytes.

Three runs of the full pipeline over N copies of the sample page (written to a temporary
folder), through the real command line:

1. ``--workers 1``: the reference output;
2. ``--workers 2`` where one worker process is killed with SIGKILL once 10 % of the records are
   written: the run must finish (exit 0) with every record, byte-identical to the reference;
3. ``--workers 2`` killed itself with SIGKILL (parent and workers) once 40 % are written, then
   the same command with ``--resume``: byte-identical to the reference.

Prints a table: records, exit code, seconds (with the reference's seconds beside them: the
machine may be loaded), identical or not. Linux only (worker pids come from /proc).

    python benchmarks/kill_worker_eval.py [--pages 400]
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found += [int(x) for x in task.read_text().split()]
    return found


def lines(path: Path) -> int:
    try:
        with path.open("rb") as handle:
            return sum(1 for _ in handle)
    except FileNotFoundError:
        return 0


def start(inputs: Path, out: Path, workers: int, *extra: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "newsnlp", "run", str(inputs), "-o", str(out), "--quiet", "--workers", str(workers), *extra]
    return subprocess.Popen(command, stderr=subprocess.PIPE)


def wait_for(out: Path, count: int, process: subprocess.Popen[bytes]) -> None:
    while lines(out) < count and process.poll() is None:
        time.sleep(0.01)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=400)
    args = parser.parse_args()
    sample = (REPO / "examples" / "sample_issue.md").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        for i in range(args.pages):
            (folder / f"page{i:05d}.md").write_text(sample.replace("临川", f"临川{i}"), encoding="utf-8")
        rows = []

        ref = Path(tmp) / "reference.jsonl"
        began = time.perf_counter()
        code = start(folder, ref, 1).wait()
        ref_seconds = time.perf_counter() - began
        rows.append(("--workers 1 (reference)", lines(ref), code, ref_seconds, True, ""))

        out = Path(tmp) / "worker_killed.jsonl"
        began = time.perf_counter()
        run = start(folder, out, 2)
        wait_for(out, args.pages // 10, run)
        victims = children(run.pid)
        at_kill = lines(out)
        if victims:
            os.kill(victims[0], signal.SIGKILL)
        code = run.wait()
        seconds = time.perf_counter() - began
        note = f"worker SIGKILLed when {at_kill} records were written" if victims else "no worker found"
        rows.append(("--workers 2, one worker SIGKILLed", lines(out), code, seconds, out.read_bytes() == ref.read_bytes(), note))

        out = Path(tmp) / "resumed.jsonl"
        began = time.perf_counter()
        run = start(folder, out, 2)
        wait_for(out, args.pages * 4 // 10, run)
        for pid in [*children(run.pid), run.pid]:
            os.kill(pid, signal.SIGKILL)
        run.wait()
        at_kill = lines(out)
        code = start(folder, out, 2, "--resume").wait()
        seconds = time.perf_counter() - began
        rows.append(("--workers 2, killed, then --resume", lines(out), code, seconds, out.read_bytes() == ref.read_bytes(),
                     f"{at_kill} records when killed"))

    print(f"{args.pages} pages (examples/sample_issue.md, each changed), full pipeline; machine shared, times noisy")
    print("| run | records | exit | seconds | ratio to reference | identical bytes | note |")
    print("| --- | ---: | ---: | ---: | ---: | --- | --- |")
    for name, count, code, seconds, same, note in rows:
        print(f"| {name} | {count} | {code} | {seconds:.1f} | {seconds / ref_seconds:.2f} | {same} | {note} |")


if __name__ == "__main__":
    main()
