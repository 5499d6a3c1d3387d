"""Hostile input at doubling sizes: does time (and memory) grow linearly? (issue 14)

Every row is one operation run at doubling sizes; ``growth`` is the factor per doubling
(``(t_last / t_first) ** (1 / doublings)``), so linear is about 2x and quadratic about 4x. Rows
over 2.2x are flagged ``<<``. Each size of the summarizer, keyword, splitter and model-file rows
runs in a fresh subprocess under an address-space limit, so its peak memory (``ru_maxrss`` of
that process, which includes Python, jieba's dictionary and the input itself) is honest, and a
run that blows up or hangs costs one row, not the benchmark::

    PYTHONPATH=src python benchmarks/hostile_eval.py                 # everything (a few minutes)
    PYTHONPATH=src python benchmarks/hostile_eval.py --only summarizer,keywords
    PYTHONPATH=src python benchmarks/hostile_eval.py --only regex --regex-sizes 1000,2000,4000

Sections (``--only``): ``summarizer`` (10k-80k sentences; targets <= 2.2x per doubling and
<= 500 MB at the largest), ``keywords``, ``splitter`` (the Pipeline's segment stage on
pathological pages, and the whole pipeline on punctuation-only lines), ``regex`` (every
compiled ``re.Pattern`` found at module level, directly or in a tuple/list/dict, in the modules of
``newsnlp.segment``, ``newsnlp.text`` and ``newsnlp.summarize``, discovered by introspection, fed
long runs of each adversarial character followed by another character) and ``model`` (model
files whose zip members expand to hundreds of MB: time and memory to refuse).

Timings on a shared machine are noisy: the growth factor is a ratio within one row, and the peer
row (``jieba.lcut`` on the same prose, linear by construction) shows how much noise to expect.
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

FLAG = 2.2

# -- inputs (all written for this benchmark) ---------------------------------------------------
_PLACES = ["东城", "西山", "南湖", "北港", "青禾", "石门", "海川", "云岭"]
_THINGS = ["学校", "医院", "公园", "道路", "工厂", "农田", "水库", "车站", "图书馆", "菜市场"]
_VERBS = ["新建", "改造", "扩建", "开通", "修缮", "规划"]


def prose_sentence(i: int) -> str:
    """The ``i``-th of the varied news-like sentences (numbers differ, so no two are equal)."""
    return f"{_PLACES[i % 8]}区{_VERBS[i % 6]}{_THINGS[i % 10]}{i % 97 + 3}座，投入资金{i * 7 % 1000 + 1}万元，惠及居民{i + 100}户。"


def prose_sentences(n: int) -> list[str]:
    """``n`` varied news-like sentences."""
    return [prose_sentence(i) for i in range(n)]


def prose_paragraphs(n: int, per: int = 8) -> list[str]:
    sentences = prose_sentences(n)
    return ["".join(sentences[i : i + per]) for i in range(0, n, per)]


def punctuation_lines(n: int) -> str:
    marks = ["。。。", "！？", "……", "，，、", "——", "：；", "《》", "“”"]
    return "\n".join(marks[i % len(marks)] for i in range(n))


def page_many_headlines(n_lines: int) -> str:
    out = []
    for i in range(0, n_lines, 4):
        out += [f"# {_PLACES[i % 8]}{_THINGS[i % 10]}建设提速{i}", "", prose_sentence(i) * 2, ""]
    return "\n".join(out[:n_lines])


def page_wrapped_no_punctuation(n_lines: int) -> str:
    return "\n".join(f"{_PLACES[i % 8]}{_VERBS[i % 6]}{_THINGS[i % 10]}工程进展顺利{i}" for i in range(n_lines))


def page_separators(n_lines: int) -> str:
    return "\n".join(("=" * 30 + " 第" + str(i) + "版 " + "=" * 30) if i % 3 == 0 else prose_sentence(i)
                     for i in range(n_lines))


def page_bylines(n_lines: int) -> str:
    names = ["王小明", "李 华", "张建国", "陈一鸣", "周明远", "赵桂兰"]
    return "\n".join(
        f"本报记者 {names[i % 6]}" if i % 2 else f"　　{prose_sentence(i)}" for i in range(n_lines)
    )


def page_one_line(n_lines: int) -> str:
    return "".join(prose_sentences(n_lines))


# -- one measurement (runs in a child process) --------------------------------------------------
def _summarizer_case(make_text: Callable[[int], Any], *, tokenized: bool = True) -> Callable[[int], Callable[[], Any]]:
    def setup(n: int) -> Callable[[], Any]:
        from newsnlp.document import Article
        from newsnlp.summarize import ExtractiveSummarizer
        from newsnlp.text import Tokenizer, analyze_article

        tokenizer = Tokenizer()
        summarizer = ExtractiveSummarizer(tokenizer=tokenizer).load()
        summarizer("预热。预热一下。", title="预热")
        paragraphs = make_text(n)
        article = Article(title="新建学校和医院", paragraphs=paragraphs)
        if not tokenized:
            text = "\n".join(paragraphs)
            return lambda: summarizer(text, title="新建学校和医院")
        analysis = analyze_article(article, tokenizer)
        return lambda: summarizer.summarize_article(article, analysis)

    return setup


def _keywords_case(kind: str) -> Callable[[int], Callable[[], Any]]:
    def setup(n: int) -> Callable[[], Any]:
        from newsnlp.summarize import TextRankKeywords, TfidfKeywords
        from newsnlp.text import Tokenizer

        tokenizer = Tokenizer()
        words = [w for s in prose_sentences(n) for w in tokenizer.words(s)]
        extractor = (TfidfKeywords() if kind == "tfidf" else TextRankKeywords()).load()
        extractor.extract(["预热", "一下"], top_k=2)
        return lambda: extractor.extract(words, top_k=10)

    return setup


def _jieba_case(n: int) -> Callable[[], Any]:
    import jieba

    jieba.lcut("预热一下")
    text = "".join(prose_sentences(n))
    return lambda: jieba.lcut(text)


def _pipeline_case(make_page: Callable[[int], str], *, segment_only: bool) -> Callable[[int], Callable[[], Any]]:
    def setup(n: int) -> Callable[[], Any]:
        from newsnlp.pipeline import Pipeline, PipelineConfig

        disable = ["classify", "keywords", "summarize"] if segment_only else []
        nlp = Pipeline(PipelineConfig(disable=disable))
        nlp("# 预热\n\n预热一下。")
        page = make_page(n)
        return lambda: nlp(page)

    return setup


def _model_bomb_case(kind: str) -> Callable[[int], Callable[[], Any]]:
    """A model file whose one member expands to ``n`` MB of zeros; the op is loading it."""

    def setup(n: int) -> Callable[[], Any]:
        import atexit
        import shutil
        import zipfile

        import newsnlp.classify._classifier  # noqa: F401 - imports (scikit-learn) outside the timed op

        folder = Path(tempfile.mkdtemp(prefix="newsnlp-bomb-"))
        atexit.register(shutil.rmtree, folder, True)
        chunk = b"\0" * (1 << 20)
        if kind == "npz":
            from newsnlp.classify import load_classifier

            path = folder / "bomb.npz"
            with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
                archive.writestr("header.npy", _npy_header_bytes())
                with archive.open("coef.npy", "w", force_zip64=True) as member:
                    member.write(_npy_prefix((n << 20) // 8))
                    for _ in range(n):
                        member.write(chunk)
            return lambda: _refused(load_classifier, path)
        path = folder / "bomb.skops"
        with (
            zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
            archive.open("schema.json", "w", force_zip64=True) as member,
        ):
            member.write(b'{"a": "')
            for _ in range(n):
                member.write(b" " * len(chunk))
            member.write(b'"}')
        from newsnlp.classify import load_classifier

        return lambda: _refused(load_classifier, path)

    return setup


def _npy_prefix(count: int) -> bytes:
    import numpy as np

    header = {"descr": np.dtype(np.float64).str, "fortran_order": False, "shape": (count,)}
    buffer = __import__("io").BytesIO()
    np.lib.format.write_array_header_1_0(buffer, header)
    return buffer.getvalue()


def _npy_header_bytes() -> bytes:
    import io

    import numpy as np

    buffer = io.BytesIO()
    np.save(buffer, np.array(json.dumps({"kind": "logistic", "format": 1})))
    return buffer.getvalue()


def _refused(load: Callable[[Path], Any], path: Path) -> str:
    try:
        load(path)
    except Exception as exc:  # the row reports what the refusal said (less the temporary path)
        return f"{type(exc).__name__}: {str(exc).replace(str(path), 'FILE')[:110]}"
    return "accepted"


CASES: dict[str, tuple[str, list[int], Callable[[int], Callable[[], Any]]]] = {
    # name: (section, sizes, setup)
    "summarize 短句。x n (analysed)": ("summarizer", [10_000, 20_000, 40_000, 80_000],
                                      _summarizer_case(lambda n: ["短句。" * n])),
    "summarize prose, n sentences (analysed)": ("summarizer", [10_000, 20_000, 40_000, 80_000],
                                               _summarizer_case(prose_paragraphs)),
    "summarize prose text, n sentences (+tokenize)": ("summarizer", [10_000, 20_000, 40_000, 80_000],
                                                     _summarizer_case(prose_paragraphs, tokenized=False)),
    "summarize n punctuation-only lines (+tokenize)": ("summarizer", [5_000, 10_000, 20_000, 40_000],
                                                      _summarizer_case(lambda n: punctuation_lines(n).split("\n"),
                                                                       tokenized=False)),
    "peer: jieba.lcut prose, n sentences": ("summarizer", [10_000, 20_000, 40_000, 80_000], _jieba_case),
    "keywords tfidf, prose n sentences": ("keywords", [10_000, 20_000, 40_000, 80_000], _keywords_case("tfidf")),
    "keywords textrank, prose n sentences": ("keywords", [10_000, 20_000, 40_000, 80_000],
                                            _keywords_case("textrank")),
    "segment: n lines, a headline every 4": ("splitter", [2_500, 5_000, 10_000, 20_000],
                                            _pipeline_case(page_many_headlines, segment_only=True)),
    "segment: n wrapped lines, no punctuation": ("splitter", [2_500, 5_000, 10_000, 20_000],
                                                _pipeline_case(page_wrapped_no_punctuation, segment_only=True)),
    "segment: n lines, separator every 3": ("splitter", [2_500, 5_000, 10_000, 20_000],
                                           _pipeline_case(page_separators, segment_only=True)),
    "segment: n lines, byline every 2": ("splitter", [2_500, 5_000, 10_000, 20_000],
                                        _pipeline_case(page_bylines, segment_only=True)),
    "segment: one line of n sentences": ("splitter", [2_500, 5_000, 10_000, 20_000],
                                        _pipeline_case(page_one_line, segment_only=True)),
    "pipeline: n punctuation-only lines": ("splitter", [2_500, 5_000, 10_000, 20_000],
                                          _pipeline_case(punctuation_lines, segment_only=False)),
    "model: .npz member of n MB": ("model", [128, 256, 512, 1024], _model_bomb_case("npz")),
    "model: skops schema.json of n MB": ("model", [128, 256, 512, 1024], _model_bomb_case("skops")),
}


def measure_one(case: str, size: int) -> dict[str, Any]:
    """Set up ``case`` at ``size``, time it (best of three when fast), report seconds and memory."""
    setup = CASES[case][2]
    op = setup(size)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    result = op()
    seconds = time.perf_counter() - start
    for _ in range(2 if seconds < 1 else 1 if seconds < 5 else 0):  # best of 2-3: less noise
        start = time.perf_counter()
        op()
        seconds = min(seconds, time.perf_counter() - start)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    note = result if isinstance(result, str) else ""
    return {"seconds": seconds, "peak_mb": peak / 1024, "op_mb": max(0, peak - before) / 1024, "note": note}


def run_child(case: str, size: int, *, timeout: float, mem_mb: int) -> dict[str, Any]:
    """Measure one case at one size in a fresh interpreter, under an address-space limit."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (mem_mb << 20, mem_mb << 20))

    command = [sys.executable, __file__, "--child", case, str(size)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, preexec_fn=limit)
    except subprocess.TimeoutExpired:
        return {"error": f"> {timeout:.0f} s"}
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        return {"error": "MemoryError" if "MemoryError" in done.stderr else last[:50]}
    return json.loads(lines[-1])


def growth(times: list[float]) -> float | None:
    """Factor per doubling between the first and the last size."""
    if len(times) < 2 or times[0] <= 0:
        return None
    return (times[-1] / times[0]) ** (1 / (len(times) - 1))


# -- whole-line regexes -------------------------------------------------------------------------
REGEX_PACKAGES = ("newsnlp.segment", "newsnlp.text", "newsnlp.summarize")
# A long run of each of these, then another character: the inputs that make ambiguous nested
# quantifiers backtrack (separators, headings marks, spaces, digits, CJK text and punctuation).
RUNS = ["=", "-", "~", "＝", "—", "#", "*", " ", "　", "\t", "1", "１", "a", "中", "。", "，", "、", "…", "·",
        "=-", "= ", "中 ", "。，", "中。"]
TAILS = ["x", "。", "\u3000中"]


def discover_patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    """``(module.name, pattern)`` for every compiled str pattern held at module level."""
    seen: set[int] = set()
    for package_name in REGEX_PACKAGES:
        package = importlib.import_module(package_name)
        names = [package_name] + [
            m.name for m in pkgutil.walk_packages(package.__path__, prefix=package_name + ".")
        ]
        for module_name in names:
            try:
                module = importlib.import_module(module_name)
            except ImportError:  # an optional extra (transformers) that is not installed
                continue
            for attr, value in sorted(vars(module).items()):
                for label, pattern in _patterns_in(attr, value):
                    if isinstance(pattern.pattern, str) and id(pattern) not in seen:
                        seen.add(id(pattern))
                        yield f"{module_name}.{label}", pattern


def _patterns_in(name: str, value: Any) -> Iterator[tuple[str, re.Pattern[str]]]:
    if isinstance(value, re.Pattern):
        yield name, value
    elif isinstance(value, (tuple, list, frozenset, set)):
        for k, item in enumerate(value):
            if isinstance(item, re.Pattern):
                yield f"{name}[{k}]", item
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, re.Pattern):
                yield f"{name}[{key!r}]", item


def _time_search(pattern: re.Pattern[str], text: str) -> float:
    """Best of three timings of ``pattern.search(text)``, looped so each timing is >= 0.5 ms."""
    start = time.perf_counter()
    pattern.search(text)
    once = time.perf_counter() - start
    if once > 0.05:
        return once
    loops = max(1, int(0.0005 / max(once, 1e-7)))
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(loops):
            pattern.search(text)
        best = min(best, (time.perf_counter() - start) / loops)
    return best


def regex_worker(start: int, sizes: list[int]) -> None:
    """Child: stream one JSON line per (pattern, input), from pattern number ``start`` on."""
    patterns = list(discover_patterns())
    for index in range(start, len(patterns)):
        label, pattern = patterns[index]
        for run in RUNS:
            for tail in TAILS:
                times: list[float] = []
                for size in sizes:
                    line = run * (size // len(run)) + tail
                    print(json.dumps({"index": index, "run": run, "tail": tail, "size": size}), flush=True)
                    times.append(_time_search(pattern, line))
                    if times[-1] > 1.0:
                        break  # superlinear already: the next doubling could take minutes
                print(json.dumps({"index": index, "label": label, "run": run, "tail": tail, "times": times}),
                      flush=True)
        print(json.dumps({"index": index, "done": label}), flush=True)


def regex_section(sizes: list[int], hang_s: float) -> list[dict[str, Any]]:
    """Run the regex worker; when it hangs on an input, record that and go on after it."""
    results: dict[int, dict[str, Any]] = {}
    start = 0
    while True:
        command = [sys.executable, __file__, "--regex-worker", str(start), ",".join(map(str, sizes))]
        child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        last_start: dict[str, Any] | None = None
        hung = False
        assert child.stdout is not None
        import selectors

        selector = selectors.DefaultSelector()
        selector.register(child.stdout, selectors.EVENT_READ)
        while True:
            if not selector.select(timeout=hang_s):
                hung = True
                child.kill()
                break
            line = child.stdout.readline()
            if not line:
                break
            record = json.loads(line)
            if "times" in record:
                row = results.setdefault(record["index"], {"label": record["label"], "worst": None})
                g = growth(record["times"])
                stopped = len(record["times"]) < len(sizes)
                rank = (stopped, g or 0)
                if row["worst"] is None or rank > row["worst"]["rank"]:
                    row["worst"] = {"growth": g, "times": record["times"], "stopped": stopped, "rank": rank,
                                    "input": record["run"] + "…" + record["tail"]}
            elif "size" in record:
                last_start = record
        child.wait()
        if not hung:
            return [results[k] for k in sorted(results)]
        # The worker hung on last_start: record it and restart after that pattern.
        assert last_start is not None
        index = last_start["index"]
        row = results.setdefault(index, {"label": f"pattern #{index}", "worst": None})
        row["worst"] = {"growth": None, "times": [], "stopped": True, "rank": (True, float("inf")),
                        "input": f"{last_start['run']}…{last_start['tail']}",
                        "note": f"hung > {hang_s:.0f} s at {last_start['size']} chars"}
        start = index + 1


# -- report ------------------------------------------------------------------------------------
def _fmt_time(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e6:.0f} µs"


def case_section(names: list[str], *, timeout: float, mem_mb: int) -> None:
    header = f"{'case':48s} {'sizes':>22s} | {'time per size':>44s} | {'growth':>7s} | {'peak MB':>7s} {'op MB':>6s}"
    print(header)
    print("-" * len(header))
    for name in names:
        _, sizes, _ = CASES[name]
        times: list[float] = []
        peaks: list[float] = []
        ops: list[float] = []
        notes = set()
        error = ""
        for size in sizes:
            result = run_child(name, size, timeout=timeout, mem_mb=mem_mb)
            if "error" in result:
                error = f"{size}: {result['error']}"
                break
            times.append(result["seconds"])
            peaks.append(result["peak_mb"])
            ops.append(result["op_mb"])
            if result["note"]:
                notes.add(result["note"])
        g = growth(times) if not error else None
        flag = " <<" if error or (g is not None and g > FLAG) else ""
        if len(times) > 2:  # each doubling's own factor, to tell a noisy step from a trend
            flag += "  (steps " + " ".join(f"{b / a:.1f}" for a, b in zip(times, times[1:]) if a > 0) + ")"
        shown = " ".join(_fmt_time(t) for t in times) + (f" [{error}]" if error else "")
        size_text = "/".join(f"{s / 1000:g}k" if s >= 2000 else str(s) for s in sizes)
        growth_text = f"{g:.2f}x" if g is not None else "-"
        peak = f"{peaks[-1]:7.0f} {ops[-1]:6.0f}" if peaks else f"{'-':>7s} {'-':>6s}"
        print(f"{name:48s} {size_text:>22s} | {shown:>44s} | {growth_text:>7s} | {peak}{flag}", flush=True)
        for note in sorted(notes):
            print(f"{'':50s}refusal: {note}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="summarizer,keywords,splitter,regex,model",
                        help="comma-separated sections")
    parser.add_argument("--timeout", type=float, default=60, help="seconds per case and size")
    parser.add_argument("--mem-mb", type=int, default=4000, help="address-space limit per case, MB")
    parser.add_argument("--regex-sizes", default="2000,4000,8000,16000")
    parser.add_argument("--regex-hang", type=float, default=30, help="seconds without progress = hung")
    parser.add_argument("--child", nargs=2, metavar=("CASE", "SIZE"), help=argparse.SUPPRESS)
    parser.add_argument("--regex-worker", nargs=2, metavar=("START", "SIZES"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        print(json.dumps(measure_one(args.child[0], int(args.child[1]))))
        return 0
    if args.regex_worker:
        regex_worker(int(args.regex_worker[0]), [int(s) for s in args.regex_worker[1].split(",")])
        return 0
    sections = args.only.split(",")
    print(f"# hostile_eval: growth per doubling (linear ~2x, flagged << over {FLAG}x); "
          f"each case and size in its own process, limit {args.mem_mb} MB, {args.timeout:.0f} s")
    print("# peak MB: the process's peak RSS (Python + dictionary + input); op MB: its rise during the timed op")
    for section in ("summarizer", "keywords", "splitter", "model"):
        if section in sections:
            print(f"\n## {section}")
            case_section([n for n, (s, _, _) in CASES.items() if s == section], timeout=args.timeout,
                         mem_mb=args.mem_mb)
    if "regex" in sections:
        sizes = [int(s) for s in args.regex_sizes.split(",")]
        print(f"\n## module-level regexes of {', '.join(REGEX_PACKAGES)}: pattern.search on a run of each of "
              f"{len(RUNS)} inputs + {len(TAILS)} tails, {'/'.join(map(str, sizes))} characters; worst input shown")
        header = f"{'pattern':60s} {'worst input':>14s} | {'time per size':>44s} | {'growth':>7s}"
        print(header)
        print("-" * len(header))
        rows = regex_section(sizes, args.regex_hang)
        flagged = 0
        noisy = 0
        for row in rows:
            worst = row["worst"] or {"growth": None, "times": [], "input": "-", "stopped": False}
            g = worst["growth"]
            flag = worst["stopped"] or g is None or g > FLAG
            flagged += flag
            shown = " ".join(_fmt_time(t) for t in worst["times"])
            if worst["stopped"]:
                shown += f" [{worst.get('note', 'stopped: over 1 s')}]"
            growth_text = "-" if g is None else f"{g:.2f}x"
            note = ""
            if flag and not worst["stopped"] and worst["times"] and worst["times"][-1] < 5e-4:
                note, noisy = " (under 0.5 ms: timer noise?)", noisy + 1
            print(f"{row['label'][:60]:60s} {worst['input'][:14]!r:>14s} | {shown:>44s} | {growth_text:>7s}"
                  + (" <<" if flag else "") + note, flush=True)
        print(f"{len(rows)} patterns, {flagged} flagged ({noisy} of them with times under 0.5 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
