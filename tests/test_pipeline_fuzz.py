"""The whole pipeline never crashes on odd text, and every non-blank line stays accounted for."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsnlp

LINES = st.one_of(
    st.text(min_size=0, max_size=60),
    st.sampled_from(["# 标题", "## 栏目", "本报记者 王小明", "　　正文第一段。", "西宁", "图为活动现场", "新华社北京1月1日电", "（完）", "核心阅读", "", "   "]),
    st.text(alphabet=st.sampled_from(list("党建乡村人才。，“”！？#　 \t\r")), max_size=40),
)


@pytest.fixture(scope="module")
def nlp() -> newsnlp.Pipeline:
    return newsnlp.load()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(LINES, max_size=25).map("\n".join))
def test_pipeline_fuzz_never_crashes_and_loses_no_line(nlp: newsnlp.Pipeline, text: str) -> None:
    issue = nlp(text)
    owned = sorted((line.start, line.end) for article in issue.articles for line in article.lines)
    owned += sorted((line.start, line.end) for line in issue.unassigned)
    covered = [False] * len(text)
    for start, end in owned:
        assert 0 <= start < end <= len(text)
        for i in range(start, end):
            assert not covered[i], "a character belongs to two lines"
            covered[i] = True
    position = 0
    for line in text.split("\n"):
        if line.strip():
            first = position + len(line) - len(line.lstrip())
            assert covered[first], f"line {line!r} belongs to no article and is not unassigned"
        position += len(line) + 1
    for article in issue.articles:
        assert article.topic in {"organization", "talent", "rural", "other"}
        assert article.summary == "".join(s.text for s in article.summary_sentences)
    assert newsnlp.Issue.from_dict(issue.to_dict(), text=text).to_dict() == issue.to_dict()
