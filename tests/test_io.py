from __future__ import annotations

import json

import pytest

from newsnlp.errors import InputError
from newsnlp.io import decode_bytes, iter_path_documents, iter_table_documents, read_table

TEXT = "驻村第一书记带领村民发展产业。"


@pytest.mark.parametrize(("encoding", "name"), [("utf-8", "utf-8"), ("gbk", "gb18030"), ("gb18030", "gb18030"), ("utf-16", "utf-16")])
def test_io_decodes_common_chinese_encodings(encoding: str, name: str) -> None:
    assert decode_bytes(TEXT.encode(encoding)) == (TEXT, name)


def test_io_utf8_bom_is_removed() -> None:
    assert decode_bytes(b"\xef\xbb\xbf" + TEXT.encode())[0] == TEXT


def test_io_binary_is_refused() -> None:
    with pytest.raises(InputError, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)


def test_io_paths_give_one_document_each_in_order(tmp_path) -> None:
    good = tmp_path / "a.txt"
    good.write_text(TEXT, encoding="utf-8")
    gbk = tmp_path / "b.txt"
    gbk.write_bytes(TEXT.encode("gbk"))
    empty = tmp_path / "c.txt"
    empty.write_text("  \n", encoding="utf-8")
    binary = tmp_path / "d.txt"
    binary.write_bytes(bytes(range(256)))
    folder_like = tmp_path / "e.txt"
    folder_like.mkdir()
    missing = tmp_path / "missing.txt"
    docs = list(iter_path_documents([good, gbk, empty, binary, folder_like, missing]))
    assert [d.id for d in docs] == [str(p) for p in (good, gbk, empty, binary, folder_like, missing)]
    assert docs[0].text == TEXT and docs[1].text == TEXT and docs[1].encoding == "gb18030"
    assert [d.ok for d in docs] == [True, True, False, False, False, False]
    assert "empty" in docs[2].error and "binary" in docs[3].error
    assert "folder" in docs[4].error and "No such file" in docs[5].error


def test_io_folder_expands_and_reports_matching_folders(tmp_path) -> None:
    (tmp_path / "2.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "1.md").write_text(TEXT, encoding="utf-8")
    (tmp_path / "x.txt").mkdir()
    (tmp_path / "skip.json").write_text("{}", encoding="utf-8")
    docs = list(iter_path_documents([tmp_path]))
    assert [d.id.rsplit("/", 1)[1] for d in docs] == ["1.md", "2.txt", "x.txt"]
    assert docs[2].error is not None


def test_io_too_large_file_is_an_error_record(tmp_path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("党" * 1000, encoding="utf-8")
    [doc] = iter_path_documents([big], max_bytes=100)
    assert "over the limit" in doc.error


def test_io_jsonl_records_bad_lines_and_missing_fields(tmp_path) -> None:
    path = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": "a", "text": TEXT, "title": "标题"}, ensure_ascii=False), "{not json", json.dumps({"id": "c"}), json.dumps({"id": "d", "text": ""})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs = list(iter_table_documents(path, id_field="id", context_fields=("title",)))
    assert [d.id for d in docs] == ["a", f"{path}:2", "c", "d"]
    assert docs[0].context == {"title": "标题"}
    assert "not valid JSON" in docs[1].error
    assert "no field 'text'" in docs[2].error
    assert "empty" in docs[3].error


def test_io_read_table_names_missing_column(tmp_path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes("text,label\n文本,a\n".encode("gbk"))
    assert read_table(path, fields=["text", "label"]) == [{"text": "文本", "label": "a"}]
    with pytest.raises(InputError, match="'topic' is not in"):
        read_table(path, fields=["text", "topic"])


def test_io_jsonl_ids_default_to_the_id_field_then_file_and_line(tmp_path) -> None:
    source = tmp_path / "pages.jsonl"
    rows = [{"id": "A-1", "text": "甲"}, {"text": "乙"}, {"id": "", "text": "丙"}, {"id": 7, "text": "丁"}, {"doc": "x", "text": "戊"}]
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    ids = [d.id for d in iter_table_documents(source)]
    assert ids == ["A-1", f"{source}:2", f"{source}:3", "7", f"{source}:5"]
    assert [d.id for d in iter_table_documents(source, id_field="doc")] == [f"{source}:{n}" for n in (1, 2, 3, 4)] + ["x"]
