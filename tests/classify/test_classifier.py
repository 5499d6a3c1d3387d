from __future__ import annotations

import numpy as np
import pytest

from newsnlp.classify import TopicClassifier
from newsnlp.errors import ConfigError, InputError, NotFittedError
from newsnlp.text import Tokenizer


def test_classifier_fit_returns_self_and_sets_fitted_attributes(corpus):
    texts, labels = corpus
    clf = TopicClassifier()
    assert clf.fit(texts, labels) is clf
    assert list(clf.classes_) == ["organization", "other", "rural", "talent"]
    assert isinstance(clf.tokenizer_, Tokenizer)
    assert clf.n_features_ > 0


def test_classifier_proba_rows_sum_to_one_and_follow_classes(fitted):
    proba = fitted.predict_proba(["村民种果树增收", "引进博士人才", "党支部学习党章"])
    assert proba.shape == (3, 4)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    predicted = fitted.predict(["村民种果树增收", "引进博士人才", "党支部学习党章"])
    assert list(fitted.classes_[proba.argmax(axis=1)]) == list(predicted)
    assert list(predicted) == ["rural", "talent", "organization"]


def test_classifier_arbitrary_labels():
    texts = ["苹果好吃", "香蕉很甜", "苹果丰收", "香蕉成熟", "苹果树", "香蕉林", "汽车跑得快", "汽车新款"]
    labels = [3, 7, 3, 7, 3, 7, 11, 11]
    clf = TopicClassifier(calibration_cv=2).fit(texts, labels)
    assert list(clf.classes_) == [3, 7, 11]
    assert clf.predict(["苹果园"])[0] == 3
    top = clf.top_k(["汽车"], k=2)[0]
    assert top[0][0] == 11 and len(top) == 2 and top[0][1] >= top[1][1]


def test_classifier_binary_labels():
    texts = ["村里种地", "农民种粮", "乡村振兴", "足球比赛", "篮球比赛", "电影上映"]
    clf = TopicClassifier(calibration_cv=2).fit(texts, ["rural"] * 3 + ["other"] * 3)
    assert clf.predict_proba(["村里"]).shape == (1, 2)


def test_classifier_threshold_gives_unknown_label(fitted):
    from sklearn.base import clone

    text = ["今天天气不错"]
    best = fitted.predict_proba(text).max()
    strict = clone(fitted).set_params(threshold=min(1.0, best + 0.01), unknown_label="unknown")
    strict.__dict__.update({k: v for k, v in fitted.__dict__.items() if k.endswith("_")})
    assert strict.predict(text)[0] == "unknown"
    assert strict.predict(["村民种果树增收"] * 0).shape == (0,)


def test_classifier_multi_label_lists_both_themes(corpus):
    texts, labels = corpus
    clf = TopicClassifier(multi_label=True, multi_label_threshold=0.2).fit(texts, labels)
    result = clf.predict(["党建引领乡村振兴，党支部带领农民种果树增收"])
    assert isinstance(result[0], list)
    assert set(result[0]) >= {"organization", "rural"}
    single = clf.predict(["足球联赛开赛"])[0]
    assert single[0] == "other"


def test_classifier_title_weight_moves_the_answer(corpus):
    texts, labels = corpus
    body = ["会议提到了人才，也提到了村里的果园和农民种粮增收。"]
    title = ["人才新政出台"]
    flat = TopicClassifier(title_weight=1.0).fit(texts, labels)
    heavy = TopicClassifier(title_weight=6.0).fit(texts, labels)
    i = list(flat.classes_).index("talent")
    assert heavy.predict_proba(body, title)[0, i] > flat.predict_proba(body, title)[0, i]


def test_classifier_pretokenized_equals_own_tokenizing(fitted):
    tok = fitted.tokenizer_
    texts = ["村民种果树增收，乡村振兴。", "引进博士人才。", "党支部学习党章"]
    titles = ["村里丰收", "", "党建"]
    own = fitted.predict_proba(texts, titles)
    pre = fitted.predict_proba(texts, titles, words=[tok.words(t) for t in texts], title_words=[tok.words(t) for t in titles])
    np.testing.assert_array_equal(own, pre)


def test_classifier_keeps_single_character_words(fitted):
    from newsnlp.classify import TopicClassifier

    texts = ["热爱党，建设村", "党让村变了样", "球赛", "电影"]
    clf = TopicClassifier(calibration_cv=2).fit(texts, ["a", "a", "b", "b"])
    tokens = clf.tokenizer_.words(texts[0])
    names = set(clf.vectorizer_.feature_names())
    assert "党" in tokens and "w:党" in names and "w:村" in names
    assert not any("\n" in name for name in names)


def test_classifier_evaluate_report(fitted, corpus):
    texts, labels = corpus
    result = fitted.evaluate(texts, labels)
    assert result["accuracy"] == pytest.approx(1.0)
    assert result["macro_f1"] == pytest.approx(1.0)
    assert result["labels"] == sorted(set(labels))
    assert np.trace(np.array(result["confusion_matrix"])) == len(texts)


def test_classifier_rejects_bare_string(fitted):
    with pytest.raises(InputError, match="E002"):
        fitted.predict("村民种果树")
    with pytest.raises(InputError, match="E002"):
        TopicClassifier().fit("abc", ["a", "b", "c"])


def test_classifier_not_fitted():
    with pytest.raises(NotFittedError, match="E030"):
        TopicClassifier().predict(["村里"])


@pytest.mark.parametrize(
    ("texts", "labels", "code"),
    [
        (["a", "b"], ["x"], "E033"),
        (["村里", "村庄"], ["x", "x"], "E031"),
        (["村里", "村庄", "人才"], ["x", "x", "y"], "E032"),
        (["", " ", "", ""], ["x", "x", "y", "y"], "E034"),
    ],
)
def test_classifier_bad_training_data(texts, labels, code):
    with pytest.raises(InputError, match=code):
        TopicClassifier().fit(texts, labels)


@pytest.mark.parametrize(
    "params", [{"model": "tree"}, {"C": 0}, {"threshold": 2.0}, {"tokenizer": lambda s: list(s)}, {"calibration_cv": 1}]
)
def test_classifier_bad_params_raise_in_fit(params, corpus):
    clf = TopicClassifier(**params)  # no validation in __init__
    with pytest.raises(ConfigError, match="E035"):
        clf.fit(*corpus)


def test_classifier_logreg_model(corpus):
    clf = TopicClassifier(model="logreg", C=10).fit(*corpus)
    assert clf.predict(["村民种果树增收"])[0] == "rural"


def test_classifier_fit_is_deterministic(corpus):
    a = TopicClassifier().fit(*corpus).predict_proba(["村里人才党建", "电影"])
    b = TopicClassifier().fit(*corpus).predict_proba(["村里人才党建", "电影"])
    np.testing.assert_array_equal(a, b)


def test_classifier_sklearn_api_checks():
    """The data-free parts of scikit-learn's estimator checks.

    The data-driven checks (``parametrize_with_checks``) feed numeric 2-D arrays, which a text
    classifier cannot take, so only these run: no attributes set in ``__init__``, default
    construction, ``get_params``/``set_params`` and ``clone`` invariance, a readable repr.
    """
    from sklearn.base import clone
    from sklearn.utils.estimator_checks import (
        check_get_params_invariance,
        check_no_attributes_set_in_init,
        check_parameters_default_constructible,
        check_set_params,
    )

    est = TopicClassifier()
    check_no_attributes_set_in_init("TopicClassifier", est)
    check_parameters_default_constructible("TopicClassifier", est)
    check_get_params_invariance("TopicClassifier", est)
    check_set_params("TopicClassifier", est)
    with_tok = TopicClassifier(tokenizer=Tokenizer(hmm=False), threshold=0.5)
    copy = clone(with_tok)
    assert copy.get_params()["tokenizer"] == with_tok.tokenizer and copy.threshold == 0.5
    assert "threshold=0.5" in repr(with_tok)
