from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsnlp.text import sentence_spans, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("他说：“今天很好。”然后走了。", ["他说：“今天很好。”", "然后走了。"]),
        ("真的吗？！当然。", ["真的吗？！", "当然。"]),
        ("等一等……好吧", ["等一等……", "好吧"]),
        ("产量增长3.5%，效益提高。", ["产量增长3.5%，效益提高。"]),
        ("Hello world. 你好!", ["Hello world.", "你好!"]),
        ("（完）", ["（完）"]),
        ("第一行没有标点\n第二行也没有", ["第一行没有标点", "第二行也没有"]),
        ("一，二；三：四", ["一，二；三：四"]),
        ("他问：“来吗？”（笑）我说来。", ["他问：“来吗？”", "（笑）我说来。"]),
    ],
)
def test_sentences_split_cases(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_sentences_keep_trailing_text_without_final_punctuation() -> None:
    assert split_sentences("会议强调。要抓好落实")[-1] == "要抓好落实"


def test_sentences_empty_and_blank() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \u3000\n ") == []


@given(st.text(alphabet=st.sampled_from(list("党建人才乡村振兴。！？!?，；…”）\n .3a ")), max_size=80))
def test_sentences_never_drop_a_character(text: str) -> None:
    spans = sentence_spans(text)
    kept = "".join(text[s:e] for s, e in spans)
    assert kept == "".join(ch for ch in text if not ch.isspace()) or _same_without_space(kept, text)
    for (_, e1), (s2, _) in zip(spans, spans[1:]):
        assert e1 <= s2
    assert all(0 <= s < e <= len(text) for s, e in spans)


def _same_without_space(kept: str, text: str) -> bool:
    squeeze = lambda s: "".join(ch for ch in s if not ch.isspace())  # noqa: E731
    return squeeze(kept) == squeeze(text)
