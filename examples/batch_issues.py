"""A folder of newspaper issues to JSONL, and a table of articles per topic.

Run it as written (it processes the sample issue shipped beside it):

    python examples/batch_issues.py                 # examples/ -> $TMPDIR/newsnlp-examples/issues.jsonl
    python examples/batch_issues.py PAGES_DIR out.jsonl --workers 2

The same job from the command line: ``newsnlp run PAGES_DIR -o out.jsonl --workers 2``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter
from pathlib import Path

import newsnlp
from newsnlp.formats import error_record, issue_record
from newsnlp.io import iter_path_documents


def main() -> None:
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description="A folder of issues to JSONL and a topic table.")
    parser.add_argument("folder", nargs="?", type=Path, default=here)
    # by default into a temporary folder, never into your working copy
    default_output = Path(tempfile.gettempdir()) / "newsnlp-examples" / "issues.jsonl"
    parser.add_argument("output", nargs="?", type=Path, default=default_output)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()

    nlp = newsnlp.load()  # loads the dictionary and topic model once, before workers start
    documents = list(iter_path_documents([args.folder], globs=("*.txt", "*.md")))
    readable = [(doc.text, doc) for doc in documents if doc.ok]
    issues = {id(doc): issue for issue, doc in nlp.pipe(readable, as_tuples=True, n_process=args.workers)}

    per_topic: Counter[str] = Counter()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("w", encoding="utf-8") as out:
        for doc in documents:  # every input gives one record, in input order
            if doc.ok:
                issue = issues[id(doc)]
                record = issue_record(doc.id, issue, encoding=doc.encoding)
                per_topic.update(a.topic for a in issue.articles if a.topic)
            else:
                record = error_record(doc.id, doc.error or "unreadable")
            out.write(json.dumps(record, ensure_ascii=False) + "\n")

    print(f"{len(documents)} documents -> {args.output}")
    print(f"{'topic':<14}articles")
    for topic, count in per_topic.most_common():
        print(f"{topic:<14}{count}")


if __name__ == "__main__":
    main()
