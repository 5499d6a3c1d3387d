"""Small Chinese texts written for these tests (not copied from anywhere)."""

from __future__ import annotations

import pytest

RURAL = [
    "村里的果园今年丰收，村民种苹果收入翻了一番。",
    "合作社带着农户种植蔬菜，乡村振兴有了新产业。",
    "村里修好了水渠，农田灌溉不再发愁，粮食产量提高。",
    "驻村第一书记帮助贫困户发展养殖，脱贫致富。",
    "乡村旅游火了，农家乐接待游客，农民增收。",
    "高标准农田建设推进，小麦亩产再创新高。",
]
TALENT = [
    "市里出台人才新政，引进博士给予生活补贴。",
    "高层次人才创新创业，人才工作站落户园区。",
    "培养高技能人才，技术工人评上高级技师。",
    "引进海外人才团队，科研人员带项目落户。",
    "人才公寓建成，青年人才安心扎根城市。",
    "技能人才培训计划启动，一万名工人参加。",
]
ORGANIZATION = [
    "基层党组织召开组织生活会，党员开展批评与自我批评。",
    "党支部书记带领党员学习党章，加强党的建设。",
    "干部考核突出政治标准，选拔任用优秀干部。",
    "纪委监委通报违反中央八项规定精神问题。",
    "党员干部主题教育深入开展，党性修养不断提高。",
    "社区党委推动党建引领基层治理，党员亮身份。",
]
OTHER = [
    "足球联赛今晚开赛，主队球员状态很好。",
    "新电影春节上映，票房预计突破十亿元。",
    "央行公布数据，三月份货币供应量增长。",
    "气象台预报明天有大雨，请市民注意出行。",
    "博物馆新展开幕，展出百余件青铜器。",
    "地铁新线路开通，市民出行更方便了。",
]


@pytest.fixture(scope="session")
def corpus() -> tuple[list[str], list[str]]:
    texts = RURAL + TALENT + ORGANIZATION + OTHER
    labels = ["rural"] * 6 + ["talent"] * 6 + ["organization"] * 6 + ["other"] * 6
    return texts, labels


@pytest.fixture(scope="session")
def fitted(corpus):
    from newsnlp.classify import TopicClassifier

    texts, labels = corpus
    return TopicClassifier().fit(texts, labels)


@pytest.fixture(scope="session")
def saved_model(fitted, tmp_path_factory):
    path = tmp_path_factory.mktemp("model") / "model.skops"
    fitted.save(path)
    return path
