"""Write ``src/newsnlp/resources/idf_unvouched.txt``: the words of jieba's IDF table that jieba's
dictionary lacks (HMM fragments such as 强多), precomputed so start-up need not compare the two
files (about 0.1 s). It is derived from jieba's two files (MIT licence), word forms only. Its
first line fingerprints the two files it was made from; when the
installed jieba's files differ, newsnlp computes the list itself at run time.

Usage: PYTHONPATH=src python tools/build_idf_unvouched.py
"""

from __future__ import annotations

from newsnlp.summarize._resources import (
    compute_undictionaried,
    default_dictionary_path,
    default_idf_path,
    fingerprint,
    shipped_undictionaried_path,
)


def main() -> None:
    idf, dictionary = default_idf_path(), default_dictionary_path()
    words = sorted(compute_undictionaried(idf, dictionary))
    target = shipped_undictionaried_path()
    target.write_text(f"# {fingerprint(idf, dictionary)}\n" + "\n".join(words) + "\n", encoding="utf-8")
    print(f"wrote {target}: {len(words)} words")


if __name__ == "__main__":
    main()
