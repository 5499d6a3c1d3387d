"""The quick tests that let most lines skip the long line patterns must never change an answer.

Each pattern (furniture, credits, datelines, byline marks and roles) has a cheap test in front
of it (the characters its matches start or end with, words every match holds). These tests
compare the guarded functions with the bare patterns on many random lines made of the pieces
those patterns look for, so a pattern edited without its quick test fails here.
"""

from __future__ import annotations

import random

from newsnlp.segment import bylines, lines
from newsnlp.segment.lines import scan_lines
from newsnlp.segment.wrapping import _Page, _shared_widths, _width, join_groups

_PIECES = (
    "责任编辑", "本版责编", "版式设计", "校对", "编辑", "审核", "值班编辑", "来源", "：", ":", "第", "3", "１２",
    "版", "2020年1月16日", "星期四", "- 12 -", "---", "***", "———", "=== ", " ===", "（下转第3版）", "上接",
    "电子信箱", "联系电话", "![](p3.jpg)", "<img src=x>", "本报", "新华社", "据", "中新社", "北京", "1月15日",
    "电", "讯", "（记者王明远）", "记者", "本报记者", "通讯员", "本报驻埃及记者", "王明远", "吴 岚", "李华",
    " ", "\u3000", "\xa0", "\t", "摄", "供图", "制图", "人民视觉", "视觉中国", "新华社发", "资料图片", "漫画",
    "图", "文", "/", "／", "文/图", "图/文", "撰文", "采写", "□", "■", "◎", "报道", "综合报道", "整理", "编译",
    "发自", "上海", "（", "）", "(", ")", "——", "-", "=", "·", "。", "，", "小镇", "书店", "开在老街口", "\n",
)


def _random_lines(seed: int, n: int = 4000) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 6))) for _ in range(n)]


def test_lines_furniture_quick_test_agrees_with_the_pattern():
    for text in _random_lines(1) + ["", " ", "第3版", "责任编辑：王明远", "电子信箱：a@b.cn", "青川日报 第3版"]:
        assert lines.is_furniture(text) == bool(lines._FURNITURE.match(text)), text


def test_bylines_credit_quick_test_agrees_with_the_pattern():
    for text in _random_lines(2) + ["宋  岩摄", "曹  一图  吕  岩文", "胥 鹏（人民视觉）", "本版制图：蔡华伟"]:
        body = text.strip(bylines._SPACE)
        expected = bool(body) and len(body) <= 40 and body[-1] not in "。！？；，" and bool(bylines._CREDIT_RE.search(body))
        assert bylines.is_credit(text) == expected, text


def test_bylines_dateline_quick_test_agrees_with_the_pattern():
    for text in _random_lines(3) + ["本报北京1月15日电  （记者王明远）", "据新华社北京电", "\u3000新华社北京1月15日电 正文"]:
        match = bylines._DATELINE_RE.match(text.lstrip(bylines._SPACE))
        assert bylines.dateline_prefix(text) == (match.group(0).rstrip(bylines._SPACE) if match else ""), text


def test_bylines_marks_and_roles_quick_tests_agree_with_the_patterns():
    extra = ["□ 本报记者 王明远 报道", "文/图 本报记者 李华", "记者 王明远 发自上海", "记者 王明远 报道\n", "本报记者 李华 文/图\n"]
    for text in _random_lines(4) + extra:
        body = bylines._LEAD_MARKS.sub("", text.strip(bylines._SPACE))
        assert bylines.strip_byline_marks(text) == bylines._TRAIL_WORDS.sub("", body).strip(bylines._SPACE), text
        if bylines._ROLE_RE.match(text):
            assert text[:1] in bylines._ROLE_FIRST, text


def _wrap(text: str, width: int) -> str:
    return "\n".join(line[k : k + width] for line in text.split("\n") for k in range(0, max(1, len(line)), width))


def test_wrapping_groups_fast_path_agrees_with_continues():
    rng = random.Random(5)
    paragraphs = [
        "春茶开采以来，青川县各个茶园里一派繁忙景象，采茶工人穿梭在茶垄之间，指尖翻飞，嫩芽入篓。",
        "小镇新开一家书店",
        "本报记者 王明远",
        "书店开在老街口（记者李华）每天都有人来读书，周末还有孩子们的读书会。",
        "“我们想让大家有个去处。”店主说。",
        "宋  岩摄",
        "图为读者在书店里看书。",
    ]
    for _ in range(40):
        text = "\n".join(rng.choice(paragraphs) for _ in range(rng.randint(5, 20)))
        raw = scan_lines(_wrap(text, rng.randint(15, 20)))
        columns = [_width(line) for line in raw]
        widths = _shared_widths(columns)
        if not widths:
            continue
        page = _Page(raw, columns, widths)
        slow: list[list[int]] = []
        for k in range(len(raw)):
            if slow and page.continues(k, inside=len(slow[-1]) > 1):
                slow[-1].append(k)
            else:
                slow.append([k])
        assert join_groups(raw) == slow


def _reference_groups(raw):
    """The hard-wrap joining rules in their plain order (as written before they were reordered
    for speed), with every line's kind worked out: the reference the fast path must match."""
    from newsnlp.segment.bylines import dateline_prefix
    from newsnlp.segment.lines import MD_HEADING, NO_LINE_START, column_tag, ends_sentence, is_furniture, special_kind
    from newsnlp.segment.wrapping import (
        INDENT,
        MAX_BRACKET_LINES,
        TOLERANCE,
        _bracket_balance,
        _bracketed,
        _closed_bracket_line,
    )

    columns = [_width(line) for line in raw]
    widths = _shared_widths(columns)
    if not widths:
        return [[k] for k in range(len(raw))]
    full = [any(abs(c - w) <= TOLERANCE for w in widths) for c in columns]
    wide = [c > max(widths) + TOLERANCE for c in columns]
    first = full if any(x.indented for x in raw) else [
        f or any(abs(c - w + INDENT) <= TOLERANCE for w in widths) for f, c in zip(full, columns)
    ]
    opens = [a and not b for a, b in zip(first, full)] if first is not full else [False] * len(raw)

    def depth(group):
        left_open = 0
        for m in group:
            left_open = max(0, left_open + _bracket_balance(raw[m].text))
        return left_open

    def bare_dateline(k):
        prefix = dateline_prefix(raw[k].text)
        return bool(prefix) and len(prefix) == len(raw[k].text.rstrip())

    def alone(k):
        kind = special_kind(raw[k].text)
        return kind in ("credit", "furniture") or (kind == "byline" and not any(c in "，。；：" for c in raw[k].text))

    def runs_on(k):
        return (
            k + 1 < len(raw) and raw[k + 1].index == raw[k].index + 1 and not raw[k + 1].indented and full[k]
            and not ends_sentence(raw[k].text) and not dateline_prefix(raw[k + 1].text) and not alone(k + 1)
            and not opens[k + 1]
        )

    def continues(k, group):
        prev, line = raw[k - 1], raw[k]
        inside = len(group) > 1
        if line.index != prev.index + 1 or line.indented or MD_HEADING.match(line.text) or wide[k]:
            return False
        if depth(group) > 0 and not MD_HEADING.match(prev.text) and len(group) < MAX_BRACKET_LINES:
            return True
        if line.text == "——":
            return True
        if bare_dateline(k - 1) and (full[k] or ends_sentence(line.text)):
            return True
        if not (full if inside else first)[k - 1]:
            return False
        if line.text[0] in NO_LINE_START:
            return True
        if dateline_prefix(line.text) or MD_HEADING.match(prev.text) or is_furniture(line.text):
            return False
        if len(column_tag(prev.text)) >= 3 and not dateline_prefix(prev.text):
            return False
        if inside and _closed_bracket_line([raw[m].text for m in group]):
            return False
        if opens[k] and not ends_sentence(line.text) and (ends_sentence(prev.text) or not inside):
            return False
        if ends_sentence(prev.text):
            after = raw[k + 1] if k + 1 < len(raw) and raw[k + 1].index == line.index + 1 else None
            goes_on = after is None or full[k + 1] or ends_sentence(after.text) or after.text[0] in NO_LINE_START
            if not (ends_sentence(line.text) or (full[k] and goes_on)):
                return False
            if special_kind(line.text) or _bracketed(line.text) or len(column_tag(line.text)) >= 3:
                return False
            return any(c in "，。、；,;" for c in line.text) or runs_on(k)
        if inside or dateline_prefix(prev.text):
            return True
        if alone(k - 1):
            return not any(c in "，。、；,;" for c in line.text) and special_kind(prev.text + line.text) in ("byline", "credit")
        if _bracketed(prev.text):
            return False
        if prev.indented:
            return True
        if prev.text.endswith("——") and not (full[k] or ends_sentence(line.text)):
            return False
        signature = prev.text.startswith("——") and not any(c in "，。；：" for c in prev.text)
        if alone(k) or _bracketed(line.text) or signature or line.text.startswith("——"):
            return False
        if len(line.text) <= 8 and special_kind(line.text) in ("lead_summary", "editor_note"):
            return False
        if special_kind(prev.text) == "caption":
            return True
        return any(c in "，。、；：,;" for c in prev.text) or prev.text.count("“") > prev.text.count("”") or runs_on(k)

    groups: list[list[int]] = []
    for k in range(len(raw)):
        if groups and continues(k, groups[-1]):
            groups[-1].append(k)
        else:
            groups.append([k])
    return groups


def test_wrapping_reordered_rules_join_as_the_plain_rules():
    rng = random.Random(6)
    pieces = [
        "春茶开采以来，青川县各个茶园里一派繁忙景象，采茶工人穿梭在茶垄之间。",
        "小镇新开一家书店", "老街口的书店开张了", "本报记者 王明远", "记者了解到，书店每天都有人来读书",
        "（本报记者 李华）", "宋  岩摄", "图为读者在书店里看书，孩子们围坐在一起读绘本", "本报杭州3月2日电  （记者周安宁）夜市开张了，人头攒动。",
        "“我们想让大家有个去处。”店主说，“周末还有读书会。”", "——编 者", "责任编辑：赵一鸣", "“书店开在家门口",
        "区里表示，改造中将继续保留老厂房的历史风貌，新增展览空间和青年公寓", "（作者为某大学教授）", "\u3000\u3000一段缩进的正文，说的是老街口的新鲜事。",
        "图片来源：新华社发", "本版制图：蔡文", "问：书店什么时候开门", "答：每天早上九点开门", "书店开在老街口。",
    ]
    for _ in range(300):
        text = "\n".join(rng.choice(pieces) for _ in range(rng.randint(5, 25)))
        raw = scan_lines(_wrap(text, rng.randint(12, 20)))
        assert join_groups(raw) == _reference_groups(raw)


def test_lines_ends_sentence_short_path_agrees():
    def plain(text: str) -> bool:
        t = text.rstrip()
        while t and t[-1] in lines._CLOSERS:
            t = t[:-1]
        return bool(t) and t[-1] in lines._FINAL

    extra = ["", " ", "好。", "好。”", "好。” ", "好”", "（好）", "好！）」", "好", "好, ", "…", "”"]
    for text in _random_lines(7) + extra:
        assert lines.ends_sentence(text) == plain(text), text
