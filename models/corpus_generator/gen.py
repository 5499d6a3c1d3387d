import random, sys
sys.path.insert(0, __import__("os").path.dirname(__import__("os").path.abspath(__file__)))
from common import slots, fill

NUMS = "一二三四五六七八九十"
def L(s): return len(s.replace("\n", ""))

def build(T, G, label, n, seed, seen):
    r = random.Random(seed)
    keys = list(T.keys())
    out = []
    tries = 0
    while len(out) < n and tries < n * 20:
        tries += 1
        k = r.choice(keys)
        S = T[k]
        d = slots(r)
        band = r.choices(["s", "m", "l"], weights=[0.31, 0.31, 0.38])[0]
        if band == "s":
            genre = r.choice(["brief", "brief", "brief", "news", "commentary"])
        elif band == "m":
            genre = r.choice(["news", "news", "commentary", "notice", "interview", "feature", "brief"])
        else:
            genre = r.choice(["news", "news", "news", "feature", "feature", "commentary", "interview", "notice"])
        f = lambda t: fill(t, d, r)
        also = []
        prov = d["prov"]
        xs = r.sample(S["x"], len(S["x"]))
        qs = r.sample(S["q"], len(S["q"]))
        cs = r.sample(S["c"], len(S["c"]))
        title = f(r.choice(S["t"]))
        paras = []
        if genre == "brief":
            lead = f(r.choice(S["l"]))
            text = lead
            if band == "m":
                text = lead + f(xs[0])
                if L(text) < 100: text += f(xs[1])
            elif band == "s" and r.random() < 0.4:
                ops = [o for o in G["brief_open"] if not (("近日" in lead or "日前" in lead) and ("日" in o))]
                text = fill(r.choice(ops), d, r) + lead
            if band == "s" and L(text) < 40:
                text += f(xs[0])
            if band == "s" and L(text) > 100:
                continue
            paras = [text]
        elif genre == "news":
            lead = f(r.choice(S["l"]))
            if band == "s":
                paras = [lead if L(lead) >= 40 else lead + f(xs[0])]
                if L(paras[0]) > 100: continue
            else:
                ops = [o for o in G["news_open"] if not (("近日" in lead or "日前" in lead or "月" in lead[:8]) and ("日，" in o or "日前" in o))]
                op = f(r.choice(ops)) if r.random() < 0.6 else ""
                body = [xs[0], xs[1]] if band == "m" else xs[: r.randint(3, 5)]
                p1 = op + lead
                if op.endswith("\n"): p1 = op + lead
                paras = [p1]
                bt = "".join(f(x) for x in body)
                if band == "l":
                    half = len(body) // 2 or 1
                    paras.append("".join(f(x) for x in body[:half]))
                    paras.append("".join(f(x) for x in body[half:]))
                    role, qt = qs[0]
                    paras.append(r.choice(["{r}说：“{q}”", "“{q}”{r}说。", "{r}表示：“{q}”", "谈及变化，{r}说：“{q}”"]).format(r=f(role), q=f(qt)))
                    if r.random() < 0.6: paras.append(f(r.choice(G["close"])))
                    if r.random() < 0.15: paras.insert(2, G["cross"][r.randrange(len(G["cross"]))])
                else:
                    paras.append(bt)
                    if r.random() < 0.1: paras[-1] += r.choice(G["cross"])
        elif genre == "commentary":
            prov = ""
            title = r.choice([t for t in S["t"] if "{" not in t] + G["com_titles"]) if r.random() < 0.5 else r.choice(G["com_titles"])
            title = f(title)
            if "{" in title: title = f(title)
            if band == "s":
                paras = [cs[0]]
                if L(cs[0]) < 40 and len(cs) > 1: paras = [cs[0] + cs[1]]
                if L(paras[0]) > 100: continue
            elif band == "m":
                paras = [cs[0], cs[1] if len(cs) > 1 else f(r.choice(G["com_end"]))]
            else:
                paras = [cs[0], "".join(cs[1:3]), f(r.choice(G["com_mid"])), f(r.choice(G["com_end"]))]
            if band != "s" and r.random() < 0.5:
                paras[0] = f(r.choice(G["com_hook"])) + paras[0]
        elif genre == "feature":
            op = f(r.choice(S["f"]))
            if band == "m":
                paras = [op, f(xs[0])]
            else:
                paras = [op, f(xs[0]) + f(xs[1])]
                role, qt = qs[0]
                paras.append("“{q}”{r}说。".format(q=f(qt), r=f(role)))
                if len(xs) > 2: paras.append(f(xs[2]) + (f(xs[3]) if len(xs) > 3 and r.random() < 0.5 else ""))
                paras.append(f(r.choice(G["feat_end"])))
        elif genre == "interview":
            who = f(r.choice(G["iv_who"]))
            qa = r.sample(S["qa"], len(S["qa"]))
            fmt = r.choice([("问：", "答："), ("记者：", who + "：")])
            intro = f(r.choice(G["iv_intro"]).replace("{who}", who))
            paras = [intro] if band == "l" or r.random() < 0.5 else []
            for qq, aa in qa[: (1 if band == "m" else 3)]:
                paras.append(fmt[0] + f(qq)); paras.append(fmt[1] + f(aa))
            if band == "l" and len(qa) < 2:
                paras.append(fmt[0] + f(r.choice(G["iv_q"]))); paras.append(fmt[1] + f(cs[0]))
            if band == "l":
                paras.append(fmt[0] + "下一步有什么打算？"); paras.append(fmt[1] + f(r.choice(G["iv_close"])))
        elif genre == "notice":
            title = f(r.choice(G["nt_titles"]).replace("{topic}", G["nt_topic"].get(k, k)))
            head = f(r.choice(G["nt_head"]))
            items = [f(x) for x in r.sample(S["nt"], len(S["nt"]))]
            if band == "l": items = items + [f(x) for x in r.sample(G["nt_extra"], 2)]
            else: items = items[:2]
            paras = [head] + [NUMS[i] + "、" + it + "。" for i, it in enumerate(items)]
            paras.append(f(r.choice(G["nt_end"])))
        if S.get("also") and r.random() < 0.45 and band != "s":
            also = list(S["also"])
            sent = f(r.choice(G["also_sent"][also[0]]))
            if genre == "notice": paras.insert(len(paras) - 1, sent)
            else: paras.append(sent)
        paras = [p for p in paras if p]
        extra_x = [f(x) for x in xs if f(x) not in "".join(paras)]
        extra_q = [q for q in qs[1:]]
        def tot(): return sum(L(p) for p in paras)
        if band == "l":
            guard = 0
            while tot() < 270 and guard < 8:
                guard += 1
                if genre in ("news", "feature", "brief"):
                    if extra_x:
                        pos = max(1, len(paras) - 1)
                        paras.insert(pos, extra_x.pop(0) + (extra_x.pop(0) if extra_x else ""))
                    elif extra_q:
                        role, qt = extra_q.pop(0)
                        paras.insert(max(1, len(paras) - 1), "{r}也有同感：“{q}”".format(r=f(role), q=f(qt)))
                    else:
                        break
                elif genre == "commentary":
                    rest = [c for c in cs if c not in "".join(paras)]
                    if rest: paras.insert(len(paras) - 1, rest[0])
                    else:
                        ms = [f(m) for m in G["com_mid"] if f(m) not in "".join(paras)]
                        if not ms: break
                        paras.insert(len(paras) - 1, r.choice(ms))
                elif genre == "interview":
                    qq = f(r.choice(G["iv_q"]))
                    if qq in "".join(paras) or not extra_x: break
                    paras.insert(len(paras) - 2, fmt[0] + qq)
                    paras.insert(len(paras) - 2, fmt[1] + extra_x.pop(0) + (extra_x.pop(0) if extra_x else ""))
                elif genre == "notice":
                    pool = [x for x in G["nt_extra"] if f(x) not in "".join(paras)]
                    body = paras[1:-1]
                    if not pool or len(body) >= 9: break
                    body.append(NUMS[len(body)] + "、" + f(pool[0]) + "。")
                    paras = [paras[0]] + body + [paras[-1]]
        elif band == "m" and tot() < 100 and extra_x:
            if genre in ("interview", "notice"): paras[-1 if genre == "interview" else -2] += ("" if genre == "interview" else "") + extra_x.pop(0) if genre == "interview" else ""
            else: paras.append(extra_x.pop(0))
        text = "\n".join(paras)
        if text in seen: continue
        seen.add(text)
        out.append((title, genre, prov, text, also))
    return out
