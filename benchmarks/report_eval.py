"""Size, generation time and browser load time of ``newsnlp report``, on the 200 rmrb-dev pages and
on a 100,000-article batch (the dev records repeated).

Prints, all measured in this one run:

1. ``newsnlp report`` as a whole process: wall time and peak memory (``/usr/bin/time -v``), the
   report's size; beside it the peer, a Python process that only reads and parses the same JSONL
   (``json.loads`` per line, nothing kept), so the ratio says what the report adds to reading;
2. load in headless Chromium (the system package, through Playwright): from navigation to the
   ``load`` event and to the first table page drawn; beside it the peer, an HTML page of the same
   size that shows nothing (the records as an inert JSON script block: the floor for any
   self-contained file that big); console errors and requests to anything
   but the file itself, which must both be 0;
3. screenshots of each report (paths printed);
4. the page view's repaired column breaks against the joins the splitter made, on the dev pages
   as given, with indentation stripped, and (the first 60) hard-wrapped at 24 columns.

Usage: python benchmarks/report_eval.py [--pages PATH] [--out DIR] [--articles 100000]
Needs ../shared (the dev pages), the report extra, playwright and chromium.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_PAGES = REPO.parent / "shared" / "data" / "rmrb-dev" / "pages.jsonl"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def timed(args: list[str]) -> tuple[float, int, float]:
    """Wall seconds, peak RSS (MB) and CPU seconds (user + system) of a process."""
    started = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-v", *args], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        sys.exit(f"failed: {' '.join(args)}\n{proc.stderr[-2000:]}")
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    cpu = sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", proc.stderr))
    return seconds, int(match.group(1)) // 1024 if match else -1, cpu


def repeat_records(records: Path, target: Path, articles: int) -> int:
    """Write the records again and again (ids made unique, dates kept) until ``articles`` articles."""
    lines = records.read_text(encoding="utf-8").splitlines()
    total = 0
    with target.open("w", encoding="utf-8") as out:
        round_no = 0
        while total < articles:
            for line in lines:
                record = json.loads(line)
                if round_no:
                    record["id"] = f"{record['id']}~{round_no}"
                total += len(record.get("articles", []))
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                if total >= articles:
                    break
            round_no += 1
    return total


def browser_load(chromium, path: Path, shot: Path | None) -> dict[str, float]:
    page = chromium.new_page(viewport={"width": 1366, "height": 900})
    errors: list[str] = []
    requests: list[str] = []
    url = path.resolve().as_uri()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    started = time.perf_counter()
    page.goto(url, wait_until="load")
    loaded = time.perf_counter() - started
    if shot is not None:
        page.wait_for_function("document.querySelectorAll('#article-rows tr').length > 0")
    drawn = time.perf_counter() - started
    if shot is not None:
        page.screenshot(path=str(shot))
    page.close()
    return {"load": loaded, "drawn": drawn, "errors": len(errors),
            "foreign": len([u for u in requests if u.split("#")[0] != url])}


def _wrap(text: str, width: int = 24) -> str:
    lines = []
    for line in text.split("\n"):
        stripped = line.strip()
        lines += [stripped[i : i + width] for i in range(0, len(stripped), width)] or [""]
    return "\n".join(lines)


def joins_check(pages: Path) -> None:
    """Repaired breaks the page view marks vs joins the splitter made (counted inside join_broken)."""
    import newsnlp.segment.splitter as splitter
    from newsnlp.reporting._pageview import build_page_view
    from newsnlp.segment import segment_page
    from newsnlp.segment.repair import join_broken

    made: list[int] = []

    def counting(pieces, **kwargs):
        paragraphs, n = join_broken(pieces, **kwargs)
        made.append(n)
        return paragraphs, n

    splitter.join_broken = counting
    texts = [json.loads(line)["text"] for line in pages.open(encoding="utf-8")]
    variants = [
        ("as given", texts),
        ("indentation stripped", ["\n".join(x.strip() for x in t.split("\n")) for t in texts]),
        ("hard-wrapped at 24 (first 60)", [_wrap(t) for t in texts[:60]]),
    ]
    print("\n| pages | splitter joins | page view: repaired breaks | wrapped lines run on | body lines not placed | texts refused |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, variant in variants:
        made.clear()
        marked = wraps = unplaced = refused = 0
        for text in variant:
            view = build_page_view(segment_page(text).to_dict(), text)
            if view is None:
                refused += 1
                continue
            marked, wraps, unplaced = marked + view.repairs, wraps + view.wraps, unplaced + view.lines_unplaced
        print(f"| {name} ({len(variant)}) | {sum(made)} | {marked} | {wraps} | {unplaced} | {refused} |")
    splitter.join_broken = join_broken


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES)
    parser.add_argument("--out", type=Path, default=Path("/tmp/newsnlp_report_eval"))
    parser.add_argument("--articles", type=int, default=100_000)
    args = parser.parse_args()
    if not args.pages.is_file():
        sys.exit(f"no dev pages at {args.pages} (the evaluation data is not part of the repository)")
    chromium_path = shutil.which("chromium") or shutil.which("chromium-browser")
    args.out.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "newsnlp"]

    dev = args.out / "dev.jsonl"
    seconds, _, _ = timed([*cmd, "run", "--input", str(args.pages), "--id-field", "page_id", "-o", str(dev), "--quiet"])
    print(f"newsnlp run over {args.pages.name}: {seconds:.1f} s (records in {dev})")
    big = args.out / "big.jsonl"
    n_big = repeat_records(dev, big, args.articles)

    cases = [("200 dev pages", dev), (f"{n_big:,} articles", big)]
    rows = []
    for name, records in cases:
        report = records.with_suffix(".html")
        gen, rss, gen_cpu = timed([*cmd, "report", str(records), "--text", str(args.pages), "--id-field", "page_id",
                          "--date-field", "date", "-o", str(report), "--quiet"])
        read, read_rss, read_cpu = timed([sys.executable, "-c",
                                "import json,sys\nfor line in open(sys.argv[1], encoding='utf-8'): json.loads(line)",
                                str(records)])
        plain = report.with_name(report.stem + "_plain.html")
        with records.open("rb") as handle:
            inert = handle.read(report.stat().st_size).replace(b"</", b"<\\/")
        plain.write_text("<!DOCTYPE html><meta charset=utf-8><p>records</p><script type=application/json>"
                         + inert.decode("utf-8", "ignore") + "</script>", encoding="utf-8")
        rows.append({"name": name, "records": records, "report": report, "plain": plain, "gen": gen, "rss": rss,
                     "read": read, "read_rss": read_rss, "gen_cpu": gen_cpu, "read_cpu": read_cpu, "mb": report.stat().st_size / 1e6,
                     "records_mb": records.stat().st_size / 1e6})

    if chromium_path:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=chromium_path, args=FLAGS)
            browser_load(chromium, rows[0]["plain"], None)  # warm the browser once
            for row in rows:
                shot = row["report"].with_suffix(".png")
                row["browser"] = min((browser_load(chromium, row["report"], shot) for _ in range(3)),
                                     key=lambda r: r["load"])
                row["peer"] = min((browser_load(chromium, row["plain"], None) for _ in range(3)),
                                  key=lambda r: r["load"])
                row["shot"] = shot
            chromium.close()

    print("\nMachine shared with other jobs: timings are noisy; compare within a row.\n")
    print("| batch | records JSONL | report | `newsnlp report`: wall, CPU (peak RSS) | peer: read+parse JSONL: wall, CPU (peak RSS) | ratio (wall) |")
    print("| --- | --- | --- | --- | --- | --- |")
    for r in rows:
        print(f"| {r['name']} | {r['records_mb']:.1f} MB | {r['mb']:.1f} MB | {r['gen']:.2f} s, {r['gen_cpu']:.2f} s "
              f"({r['rss']} MB) | {r['read']:.2f} s, {r['read_cpu']:.2f} s ({r['read_rss']} MB) | {r['gen'] / r['read']:.1f}x |")
    if chromium_path:
        print("\n| batch | Chromium: load event | first table page drawn | peer: inert page of the same size, load | ratio | console errors | requests off the file |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for r in rows:
            b, p = r["browser"], r["peer"]
            print(f"| {r['name']} | {b['load']:.2f} s | {b['drawn']:.2f} s | {p['load']:.2f} s | "
                  f"{b['drawn'] / p['load']:.1f}x | {b['errors']} | {b['foreign']} |")
        print("\nscreenshots: " + ", ".join(str(r["shot"]) for r in rows))
    else:
        print("\nchromium not found: no browser timings (apt-get install chromium)")
    joins_check(args.pages)


if __name__ == "__main__":
    main()
