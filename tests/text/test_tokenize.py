from __future__ import annotations

import pickle

import pytest

from newsnlp.errors import ConfigError
from newsnlp.text import Tokenizer

SAMPLE = "县委坚持“书记抓、抓书记”，落实“六个一”要求，选派第一书记推动乡村振兴。"


@pytest.mark.parametrize("engine", ["rjieba", "jieba"])
def test_tokenize_user_dictionary_terms_stay_whole(engine: str) -> None:
    words = Tokenizer(engine=engine).words(SAMPLE)
    for term in ("书记抓", "抓书记", "六个一", "第一书记", "乡村振兴"):
        assert term in words


def test_tokenize_engines_agree_on_sample() -> None:
    assert Tokenizer(engine="rjieba").cut(SAMPLE) == Tokenizer(engine="jieba").cut(SAMPLE)


def test_tokenize_words_keep_single_characters_and_drop_punctuation() -> None:
    words = Tokenizer().words("党和村，“好”。")
    assert "党" in words and "村" in words
    assert not any(w in ("，", "“", "”", "。") for w in words)


def test_tokenize_pipelines_do_not_share_dictionaries(tmp_path) -> None:
    own = tmp_path / "dict.txt"
    own.write_text("蓝莓小镇 5000 nz\n", encoding="utf-8")
    custom = Tokenizer(user_dict=own)
    plain = Tokenizer()
    text = "蓝莓小镇的蓝莓熟了"
    assert "蓝莓小镇" in custom.words(text)
    assert "蓝莓小镇" not in plain.words(text)


def test_tokenize_pickles_configuration_only() -> None:
    tok = Tokenizer(engine="rjieba")
    tok.words("预热")
    clone = pickle.loads(pickle.dumps(tok))
    assert clone == tok
    assert "_backend" not in clone.__dict__
    assert clone.words(SAMPLE) == tok.words(SAMPLE)


def test_tokenize_unknown_engine_is_a_clear_error() -> None:
    with pytest.raises(ConfigError, match="engine"):
        Tokenizer(engine="nope").words("文本")
