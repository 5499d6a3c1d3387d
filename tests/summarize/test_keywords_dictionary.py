"""Words missing from the IDF table: glued fragments need to recur, dictionary terms do not."""

from __future__ import annotations

from newsnlp.summarize import TfidfKeywords


def test_keywords_keep_news_dictionary_terms_seen_once() -> None:
    words = ["党建引领", "乡村振兴", "村里", "合作社", "合作社"]
    found = [w for w, _ in TfidfKeywords().extract(words, top_k=10)]
    assert "党建引领" in found and "乡村振兴" in found


def test_keywords_drop_unknown_fragments_seen_once() -> None:
    words = ["比种", "合作社", "合作社", "桂苑", "桂苑"]
    found = [w for w, _ in TfidfKeywords().extract(words, top_k=10)]
    assert "比种" not in found
    assert "桂苑" in found  # an unknown name that recurs is kept


def test_keywords_known_words_can_be_given() -> None:
    words = ["比种", "合作社"]
    found = [w for w, _ in TfidfKeywords(known_words={"比种"}).extract(words, top_k=10)]
    assert "比种" in found


def test_keywords_idf_words_missing_from_the_dictionary_must_recur():
    """jieba's IDF table holds HMM fragments (强多 from 比种玉米强多了) that its dictionary lacks."""
    from newsnlp.summarize._resources import load_idf, load_undictionaried

    unvouched = load_undictionaried()
    idf = load_idf()
    assert "强多" in unvouched and "学校" not in unvouched
    assert 10_000 < len(unvouched) < 0.2 * len(idf)
    keywords = TfidfKeywords(known_words=())
    once = [w for w, _ in keywords.extract(["强多", "学校", "学校", "建设", "道路"], top_k=10)]
    twice = [w for w, _ in keywords.extract(["强多", "强多", "学校", "学校", "建设"], top_k=10)]
    assert "强多" not in once and "学校" in once and "道路" in once
    assert "强多" in twice


def test_keywords_shipped_unvouched_list_matches_the_installed_jieba(tmp_path):
    """The precomputed list serves only when it was made from the files in use."""
    from newsnlp.summarize._resources import (
        compute_undictionaried,
        default_dictionary_path,
        default_idf_path,
        load_undictionaried,
    )

    assert load_undictionaried() == compute_undictionaried(default_idf_path(), default_dictionary_path())
    small = tmp_path / "dict.txt"
    small.write_text("学校 100 n\n建设 100 vn\n", encoding="utf-8")
    custom = load_undictionaried(dictionary=small)
    assert "学校" not in custom and "道路" in custom and "强多" in custom


def test_keywords_remembered_verdicts_follow_the_settings():
    keywords = TfidfKeywords(known_words=())
    words = ["学校", "学校", "建设", "道路", "道路"]
    assert "道路" in [w for w, _ in keywords.extract(words)]
    keywords.min_chars = 3
    assert keywords.extract(words) == []
