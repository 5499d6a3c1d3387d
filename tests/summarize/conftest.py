"""Articles written for these tests (invented events, invented people)."""

from __future__ import annotations

import pytest

from newsnlp.document import Article
from newsnlp.text import Tokenizer

#: An invented county report: lead, subhead, quotes, a caption, a credit and a cut-off end.
BODY = [
    "本报青禾1月8日电　青禾县今年新建二十所乡村小学，全部学校已在九月开学，一万两千名学生就近入学。",
    "县教育局局长林晓川介绍，新学校按照统一标准建设，每所学校都配备了图书室、实验室和标准操场。",
    "图为青禾县新建的石门乡小学。",
    "教师队伍同步补齐",
    "为了让新学校留得住老师，青禾县从省内师范院校招聘了三百名青年教师，并为乡村教师提供周转住房。",
    "“以前孩子每天要走一个多小时山路，现在十分钟就到学校了。”石门乡村民赵桂兰说。",
    "县里还开通了二十条校车线路，覆盖全县所有偏远村组。",
    "青禾县计划明年再新建十所学校，继续改善乡村办学条件，让每个孩子都能上好学。",
    "（本报记者 周明远）",
    "李 华摄",
    "在下一阶段，县里将重点推进",
]
TITLE = "青禾县新建二十所乡村小学"


@pytest.fixture(scope="session")
def tokenizer() -> Tokenizer:
    return Tokenizer()


@pytest.fixture
def article() -> Article:
    return Article(title=TITLE, paragraphs=list(BODY))
