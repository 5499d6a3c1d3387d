"""Issue 10 item 5: transformer model errors say what is wrong, at once, without the network.

No test here opens a connection beyond localhost: the hub probe is replaced or pointed at a
local port.
"""

from __future__ import annotations

import importlib.util
import socket

import pytest

from newsnlp.errors import ModelFileError
from newsnlp.summarize import TransformerSummarizer, _model_source, transformer

TEXT = "全县今年新建了十二所乡村小学。"
needs_extra = pytest.mark.skipif(
    importlib.util.find_spec("torch") is None or importlib.util.find_spec("transformers") is None,
    reason="needs the transformer extra: pip install 'newsnlp[transformer]'",
)


@pytest.mark.parametrize("name", ["/no/such/dir/mt5-model", "./no-such-model-dir/", "~/no-such-newsnlp-model"])
def test_issue10_transformer_missing_folder_says_no_such_folder(name):
    with pytest.raises(ModelFileError, match=r"E047.*no such folder") as info:
        TransformerSummarizer(model=name)(TEXT)
    assert "repo" not in str(info.value).lower()


def test_issue10_transformer_file_is_not_a_folder(tmp_path):
    path = tmp_path / "model.bin"
    path.write_bytes(b"\0")
    with pytest.raises(ModelFileError, match=r"E047.*a file, not a folder"):
        TransformerSummarizer(model=path)(TEXT)


def test_issue10_transformer_empty_folder_names_the_files_needed(tmp_path):
    with pytest.raises(ModelFileError, match="E048") as info:
        TransformerSummarizer(model=str(tmp_path))(TEXT)
    message = str(info.value)
    assert "config.json" in message and "model.safetensors" in message and "tokenizer.json" in message
    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ModelFileError, match=r"E048.*lacks weights.*tokenizer files.*found: config\.json"):
        TransformerSummarizer(model=str(tmp_path))(TEXT)


@needs_extra
def test_issue10_transformer_hub_name_without_network_fails_at_once(monkeypatch):
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    probes = []
    monkeypatch.setattr(transformer, "hub_reachable", lambda: probes.append(1) or False)
    with pytest.raises(ModelFileError, match=r"E051.*no network") as info:
        TransformerSummarizer(model="no-such-org/no-such-model")(TEXT)
    assert probes == [1]
    assert "no-such-org/no-such-model" in str(info.value)


@needs_extra
def test_issue10_transformer_offline_env_skips_the_probe(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setattr(transformer, "hub_reachable", lambda: pytest.fail("probed although offline"))
    with pytest.raises(ModelFileError, match=r"E051.*offline mode"):
        TransformerSummarizer(model="no-such-org/no-such-model")(TEXT)


def test_issue10_hub_probe_uses_the_endpoint(monkeypatch):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]
    try:
        monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{port}")
        assert _model_source.hub_reachable(timeout=2.0)
    finally:
        server.close()
    assert not _model_source.hub_reachable(timeout=0.5)  # the port is closed now


def test_issue10_path_like_names():
    assert not _model_source.is_path_like("org/model-name")
    assert not _model_source.is_path_like("t5-small")
    assert _model_source.is_path_like("/abs/model")
    assert _model_source.is_path_like("./rel")
    assert _model_source.is_path_like("a/b/c")
