"""PDFs made once per session from text written for this project (benchmarks/pdf_newspaper.py).

Every test here skips with a reason when the ``pdf`` extra (pdfplumber), reportlab or the CJK
font (Debian ``fonts-wqy-zenhei``) is absent.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]


def _generator() -> ModuleType:
    for module in ("pdfplumber", "reportlab"):
        try:
            importlib.import_module(module)
        except ImportError:
            pytest.skip(f"{module} is not installed (pip install 'newsnlp[pdf]' reportlab)")
    spec = importlib.util.spec_from_file_location("pdf_newspaper", REPO / "benchmarks" / "pdf_newspaper.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("pdf_newspaper", module)
    spec.loader.exec_module(module)
    if module.find_cjk_font() is None:
        pytest.skip("no CJK font: apt-get install -y fonts-wqy-zenhei")
    return module


def _stories(gen: ModuleType) -> list[list[object]]:
    """Two pages of stories written for these tests."""
    story = gen.Story
    page1 = [
        story(
            title="小镇新开一家书店",
            kicker="老街迎来新气象——",
            byline="本报记者 王明远",
            column="城事",
            caption="读者在书店里挑选图书",
            credit="李华 摄",
            subheads=[(1, "放学后的自习室")],
            paragraphs=[
                "书店开在老街口，原来是一家粮站，改造后保留了木梁和青砖墙。" * 3,
                "店主说，开业三个月来，每天都有附近的学生放学后来这里写作业，周末还有家长带着孩子来听故事会。" * 4,
                "镇文化站和书店合作，每月办一次读书分享会，已经办了十二场。" * 4,
                "书店还开辟了一个角落，专门陈列本地作者写的书和老照片，不少老人来这里找回年轻时的记忆。" * 4,
            ],
        ),
        story(
            title="社区食堂开张",
            subtitle="——老人吃饭不再犯愁",
            byline="通讯员 赵一鸣",
            paragraphs=[
                "食堂设在社区服务中心一楼，荤素搭配，一餐只要十元。" * 4,
                "七十岁以上的老人还能享受八折优惠，行动不便的可以预约送餐上门。" * 3,
            ],
        ),
        story(
            title="河道清淤工程完工",
            paragraphs=[
                "经过两个月的施工，城西河道清淤工程近日完工，共清理淤泥三万余方。" * 5,
                "河道两岸新建了步道和休闲广场，附近居民晚饭后多了一个散步的去处。" * 3,
            ],
        ),
    ]
    page2 = [
        story(
            title="果园里的新课堂",
            kicker="科技特派员进村",
            column="乡村振兴",
            paragraphs=[
                "在石桥村的果园里，农技专家手把手教果农修剪枝条、防治病虫害。" * 4,
                "专家说，修剪得当的果树第二年就能增产两成，果子也更大更甜。" * 3,
                "今年以来，全县已有四十多名科技特派员深入田间地头。" * 2,
            ],
            caption="农技专家在果园里讲解修剪技术",
            credit="县农业农村局供图",
        ),
        story(
            title="夜市重新开张",
            paragraphs=["每到傍晚，老城区的夜市就热闹起来，小吃摊前排起了长队。" * 6],
        ),
    ]
    return [page1, page2]


@dataclass
class Made:
    gen: ModuleType
    path: Path
    gold: list[list[object]]


@pytest.fixture(scope="session")
def pdf_gen() -> ModuleType:
    return _generator()


@pytest.fixture(scope="session")
def pdf_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pdfs")


@pytest.fixture(scope="session")
def made_pdfs(pdf_gen: ModuleType, pdf_dir: Path) -> dict[str, Made]:
    """The test stories as a two-page PDF in four styles (embedded subset font, wrap-around,
    centred headings, non-embedded CID font)."""
    made = {}
    for style in ("cols4", "wrap5", "center5", "cols4_cid"):
        path = pdf_dir / f"{style}.pdf"
        gold = pdf_gen.render_pages(_stories(pdf_gen), path, style=style)
        made[style] = Made(pdf_gen, path, gold)
    return made
