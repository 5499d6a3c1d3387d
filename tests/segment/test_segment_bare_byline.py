"""A headline followed by a bare author name starts a new article, in e-paper and plain text."""

import pytest

from newsnlp.segment import segment_page
from newsnlp.segment.bylines import looks_like_person

HEADS = ("东山县以生态旅游带动群众增收", "全市新增城镇就业超过十万人", "强化党建引领 激发基层治理活力")
LINES = [
    HEADS[0],
    "本报东山11月26日电（记者刘文静）初冬时节，东山县青石村游人如织，村里把闲置农房改造成民宿。",
    "东山县把生态保护放在首位，先后关停矿山企业14家，修复植被3200亩，村集体经济持续壮大。",
    HEADS[1],
    "本报讯（记者王海燕）记者从市人社局获悉，今年1至10月，全市城镇新增就业10.3万人。",
    "市人社局相关负责人表示，将继续做好高校毕业生、农民工等重点群体就业工作。",
    HEADS[2],
    "赵磊",
    "基层治理是国家治理的基石。近年来，各地坚持党建引领，把党组织建在网格上，推动服务资源下沉。",
    "实践证明，只有把党的组织优势转化为治理效能，才能打通服务群众的“最后一米”。",
]


@pytest.mark.parametrize("indent", ["", "\u3000\u3000"])
def test_segment_bare_name_byline_under_headline(indent: str) -> None:
    text = "\n".join(line if line in HEADS else indent + line for line in LINES)
    issue = segment_page(text)
    assert issue.layout == ("epaper" if indent else "plain")
    assert [a.title for a in issue] == list(HEADS)
    last = issue.articles[-1]
    assert last.byline == "赵磊" and [a.name for a in last.authors] == ["赵磊"]
    assert last.kicker == ""


@pytest.mark.parametrize(("text", "expected"), [("赵磊", True), ("吴 岚", True), ("欧阳明远", True), ("建议", False), ("活水", False), ("编者的话", False)])
def test_segment_looks_like_person(text: str, expected: bool) -> None:
    assert looks_like_person(text) is expected
