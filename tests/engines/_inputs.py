"""Inputs for the engine tests: pages written for these tests, a JSONL table and hostile files."""

from __future__ import annotations

import json
from pathlib import Path

from newsnlp.batch import BatchReport, JsonlFileSink, run_batch
from newsnlp.config import PipelineConfig
from newsnlp.engines.shards import plan_shards
from newsnlp.io import iter_documents
from newsnlp.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[2]

#: Invented pages (invented places and people), one article or two each.
PAGES = {
    "p1.txt": "# 石桥镇建起村级养老服务站\n\n本报讯 石桥镇今年在十二个村建起养老服务站，为老人提供助餐、助浴和日间照料。"
    "镇党委书记方立新说，服务站由村党支部牵头管理，党员志愿者每周上门走访独居老人。\n",
    "p2.md": "# 青川县引进两百名青年人才\n\n本报讯（记者 何远舟）青川县今年面向高校引进两百名青年人才，"
    "为他们提供人才公寓和创业补贴。县人才办负责人介绍，引进的人才将充实到乡镇农业、教育和卫生一线。\n\n"
    "# 柳湾村发展特色茶园\n\n本报讯 柳湾村把撂荒的山地改种茶树，合作社统一收购鲜叶，去年村民人均增收三千元。\n",
    "p3.txt": "# 城南片区完成老旧管网改造\n\n本报讯 城南片区一千二百户居民用上了新的供水管网，停水次数明显减少。\n",
}

#: JSONL records: good ones, one without text, one not JSON, a blank line between.
TABLE_LINES = [
    json.dumps({"id": "t1", "text": "# 东岭乡修通产业路\n\n本报讯 东岭乡修通三条产业路，果农的脐橙可以直接运到山下的收购点。"}, ensure_ascii=False),
    json.dumps({"id": "t2", "body": "没有正文字段"}, ensure_ascii=False),
    "{not json",
    "",
    json.dumps({"text": "# 南溪街道开办社区食堂\n\n本报讯 南溪街道开办的社区食堂每天供应三百份午餐，老人用餐打八折。"}, ensure_ascii=False),
    json.dumps({"id": "t5", "text": "# 北坡村举办农民丰收节\n\n本报讯 北坡村举办农民丰收节，村民展示自家种植的小米、红薯和核桃。"}, ensure_ascii=False),
]


def make_inputs(folder: Path) -> tuple[list[str], Path]:
    """Write the pages, hostile files and the table; return (paths, table) in input order."""
    pages = folder / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    for name, text in PAGES.items():
        (pages / name).write_text(text, encoding="utf-8")
    (pages / "q_gbk.txt").write_bytes(PAGES["p3.txt"].replace("城南", "城北").encode("gb18030"))
    (pages / "x_binary.txt").write_bytes(b"\x00\x01\x02\x03 not text \x00" * 20)
    (pages / "y_empty.txt").write_bytes(b"")
    (pages / "z_undecodable.txt").write_bytes(b"\xff\xfe\xfd\x80abc")  # a UTF-16 mark, then an odd byte count
    table = folder / "table.jsonl"
    table.write_text("\n".join(TABLE_LINES) + "\n", encoding="utf-8")
    example = str(REPO / "examples" / "sample_issue.md")
    return [str(pages), example, str(folder / "missing.txt")], table


def local_output(config: PipelineConfig, paths: list[str], table: Path | None, output: Path) -> tuple[bytes, BatchReport]:
    """What the local engine writes for the same inputs, and its report."""
    report = run_batch(Pipeline(config), iter_documents(paths, input_path=table), JsonlFileSink(output))
    return output.read_bytes(), report


def report_lines(report: BatchReport) -> list[str]:
    """A closing report without its time line (the only line that differs between runs)."""
    return [line for line in report.summary().splitlines() if not line.startswith("time:")]


def shard_count(paths: list[str], table: Path, shard_size: int) -> int:
    return len(plan_shards(paths, input_path=table, fingerprint="x", shard_size=shard_size))
