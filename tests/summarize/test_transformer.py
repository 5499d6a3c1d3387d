"""TransformerSummarizer on a tiny random BART built on the fly (no download, no real weights)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("torch", reason="needs the transformer extra: pip install 'newsnlp[transformer]'")
pytest.importorskip("transformers", reason="needs the transformer extra: pip install 'newsnlp[transformer]'")

from newsnlp.cli import main  # noqa: E402
from newsnlp.document import Article  # noqa: E402
from newsnlp.errors import ConfigError, ModelFileError  # noqa: E402
from newsnlp.summarize import TransformerSummarizer, is_credit  # noqa: E402
from newsnlp.summarize.transformer import InputTruncatedWarning  # noqa: E402
from newsnlp.text import analyze_article  # noqa: E402

from ._tiny_model import build_tiny_model  # noqa: E402
from .conftest import BODY, TITLE  # noqa: E402

pytestmark = pytest.mark.slow

GEN = {"max_new_tokens": 6, "min_new_tokens": 2}
SHORT = [
    "今天全市降雨量达到五十毫米。",
    "县里开通了二十条校车线路。",
    "新学校配备了图书室和实验室，家长们十分满意。",
    "青禾县计划明年再新建十所学校。",
    "教师队伍同步补齐，三百名青年教师到岗。",
]


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory) -> str:
    return str(build_tiny_model(tmp_path_factory.mktemp("tiny-bart"), window=64))


def _make(model_dir, tokenizer, **params):
    params.setdefault("generation_kwargs", GEN)
    return TransformerSummarizer(model=model_dir, device="cpu", tokenizer=tokenizer, **params)


def test_transformer_loads_from_path(model_dir, tokenizer):
    result = _make(model_dir, tokenizer)(SHORT[0], title="降雨")
    assert result and all(s.index == -1 and s.text for s in result)


def test_transformer_batches_in_input_order(model_dir, tokenizer):
    articles = [Article(paragraphs=[t]) for t in SHORT]
    single = [_make(model_dir, tokenizer).summarize(a) for a in articles]
    for batch_size in (1, 2, 8):
        assert _make(model_dir, tokenizer, batch_size=batch_size).summarize_articles(articles) == single
    assert len({json.dumps([s.text for s in r]) for r in single}) > 1  # inputs really differ


def test_transformer_deterministic(model_dir, tokenizer):
    text = "\n".join(BODY)
    assert _make(model_dir, tokenizer)(text) == _make(model_dir, tokenizer)(text)


def test_transformer_truncate_warns(model_dir, tokenizer):
    summarizer = _make(model_dir, tokenizer, strategy="truncate")
    with pytest.warns(InputTruncatedWarning, match="cut"):
        result = summarizer("\n".join(BODY), title=TITLE)
    assert result


def test_transformer_lead_fits_window(model_dir, tokenizer, recwarn):
    summarizer = _make(model_dir, tokenizer, strategy="lead")
    article = Article(title=TITLE, paragraphs=list(BODY))
    analysis = analyze_article(article, tokenizer)
    (text,) = summarizer.input_texts(article, analysis)
    assert summarizer._count(text) <= summarizer._room()
    # whole sentences, in document order, no credits or captions
    rest, positions = text.replace("\n", ""), []
    for i, sentence in enumerate(analysis.sentences):
        if rest.startswith(sentence):
            positions.append(i)
            rest = rest[len(sentence) :]
    assert rest == "" and positions[0] == 0 and len(positions) < len(analysis.sentences)
    assert "图为" not in text and "周明远" not in text
    assert summarizer.summarize_article(article, analysis)
    assert not [w for w in recwarn if issubclass(w.category, InputTruncatedWarning)]


def test_transformer_chunk_covers_all_windows(model_dir, tokenizer, monkeypatch):
    summarizer = _make(model_dir, tokenizer, strategy="chunk")
    article = Article(title=TITLE, paragraphs=list(BODY))
    analysis = analyze_article(article, tokenizer)
    windows = summarizer.input_texts(article, analysis)
    assert len(windows) > 1
    assert all(summarizer._count(w) <= summarizer._room() for w in windows)
    body = "".join(s for s in analysis.sentences if not is_credit(s))
    assert "".join(w.replace("\n", "") for w in windows) == body
    calls = []
    original = summarizer.generate
    monkeypatch.setattr(summarizer, "generate", lambda texts: calls.append(list(texts)) or original(texts))
    assert summarizer.summarize_article(article, analysis)
    assert calls[0] == windows  # first pass: every window; then the joined partial summaries
    assert len(calls) >= 2 and len(calls[-1]) == 1


def test_transformer_empty_and_bad_options(model_dir, tokenizer):
    assert _make(model_dir, tokenizer)("") == []
    with pytest.raises(ConfigError, match="E052"):
        _make(model_dir, tokenizer, strategy="middle")(SHORT[0])


def test_transformer_offline_error_names_model(tmp_path):
    summarizer = TransformerSummarizer(model="no-such-org/no-such-model", local_files_only=True)
    with pytest.raises(ModelFileError, match="E051") as info:
        summarizer(SHORT[0])
    assert "no-such-org/no-such-model" in str(info.value) and "local folder" in str(info.value)
    with pytest.raises(ModelFileError, match="E048"):
        TransformerSummarizer(model=str(tmp_path))(SHORT[0])  # a folder without a model


def test_transformer_cli(model_dir, tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in SHORT[:3]), encoding="utf-8")
    code = main(
        [
            "summarize",
            "--input",
            str(source),
            "--method",
            "transformer",
            "--model",
            model_dir,
            "--device",
            "cpu",
            "--batch-size",
            "2",
        ]
    )
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 0 and len(records) == 3
    assert all(r["summary"] and r["summary_sentences"][0]["index"] == -1 and r["keywords"] for r in records)


def test_transformer_example_script_runs():
    script = Path(__file__).resolve().parents[2] / "examples" / "transformer_summary.py"
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "random" in done.stdout and "summary" in done.stdout.lower()
