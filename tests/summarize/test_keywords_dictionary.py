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
