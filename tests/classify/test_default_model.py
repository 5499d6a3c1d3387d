from __future__ import annotations

import time

import pytest

from newsnlp.classify import default_model_path, load_default_classifier

pytestmark = pytest.mark.skipif(not default_model_path().exists(), reason="default model not built")


@pytest.fixture(scope="module")
def default():
    return load_default_classifier()


def test_default_model_labels(default):
    assert sorted(default.classes_) == ["organization", "other", "rural", "talent"]
    assert default.threshold is not None


@pytest.mark.parametrize(
    ("title", "text", "label"),
    [
        ("果园里的丰收年", "合作社带着村民种下三百亩猕猴桃，村里修通了产业路，农户人均收入比前年多了四千元，乡村振兴有了底气。", "rural"),
        ("引才新政吸引青年博士", "开发区出台人才新政，对新引进的博士给予安家补贴，建设人才公寓，为高技能人才评定职称开辟绿色通道。", "talent"),
        ("支部建在项目上", "公司党委把党支部建在项目一线，党员带头攻坚，定期召开组织生活会，基层党组织的战斗堡垒作用更加突出。", "organization"),
        ("主队主场取胜", "昨晚的联赛中，主队凭借下半场的两个进球战胜客队，球迷在看台上欢呼了很久。", "other"),
    ],
)
def test_default_model_obvious_texts(default, title, text, label):
    assert default.predict([text], [title])[0] == label


def test_default_model_loads_fast():
    load_default_classifier()  # imports warm
    start = time.perf_counter()
    load_default_classifier()
    assert time.perf_counter() - start < 0.5
    assert default_model_path().stat().st_size < 5_000_000


def test_default_model_articles_get_topic(default):
    from newsnlp.classify import classify_articles
    from newsnlp.document import Article
    from newsnlp.text import analyze_article

    articles = [Article(title="村里通了公交", paragraphs=["村民进城方便了，农产品也好卖了。"]), Article()]
    analyze_article(articles[0], default.tokenizer_)
    classify_articles(default, articles)
    assert articles[0].topic == "rural"
    for article in articles:
        assert article.topic in set(default.classes_)
        assert abs(sum(article.topic_scores.values()) - 1) < 1e-6
