import sys, json; sys.path.insert(0, __import__("os").path.dirname(__import__("os").path.abspath(__file__)))
from gen import build
from add import add
import org_content as oc, org_g as og, tal_content as tc, tal_g as tg
og.G["cross"] = oc.CROSS; tg.G["cross"] = tc.CROSS
N = int(sys.argv[1])
for label, C, G, fn, seed in [("organization", oc, og, "organization.jsonl", 101), ("talent", tc, tg, "talent.jsonl", 202)]:
    seen = set(json.loads(l)["text"] for l in open(__import__("os").path.join(__import__("os").path.dirname(__import__("os").path.abspath(__file__)), "..", "topic_corpus", fn), encoding="utf-8"))
    items = build(C.T, G.G, label, N, seed, seen)
    add(label, items)
