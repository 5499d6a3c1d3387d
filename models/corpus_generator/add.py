import json, os
BASE = __import__("os").path.join(__import__("os").path.dirname(__import__("os").path.abspath(__file__)), "..", "topic_corpus")
FILES = {"organization": ("organization.jsonl", "org"), "talent": ("talent.jsonl", "tal")}
def add(label, items):
    fn, pre = FILES[label]
    path = os.path.join(BASE, fn)
    n = 0
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            n = sum(1 for l in f if l.strip())
    with open(path, "a", encoding="utf-8") as f:
        for it in items:
            title, genre, prov, text = it[:4]
            also = it[4] if len(it) > 4 else []
            n += 1
            rec = {"id": f"{pre}-{n:04d}", "label": label, "title": title.strip(),
                   "text": text.strip(), "genre": genre, "province": prov, "also": also}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(label, "now", n)
