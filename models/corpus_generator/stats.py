import json, collections
for fn in ["organization","talent"]:
    rows=[json.loads(l) for l in open(f"{__import__('os').path.dirname(__import__('os').path.abspath(__file__))}/../topic_corpus/{fn}.jsonl",encoding="utf-8")]
    g=collections.Counter(r["genre"] for r in rows)
    def band(r):
        n=len(r["text"].replace("\n",""))
        return "short" if n<=100 else ("medium" if n<=250 else "long")
    b=collections.Counter(band(r) for r in rows)
    ls=sorted(len(r["text"]) for r in rows)
    print(fn,len(rows),dict(g),dict(b),ls[0],ls[-1], collections.Counter(tuple(r["also"]) for r in rows))
