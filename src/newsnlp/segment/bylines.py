"""Recognise and parse bylines, datelines and photo credits of Chinese newspaper articles.

A byline names people with the role printed before them ("本报记者 林晓岚 通讯员 吴承泽"); it may
be a bare name (newspapers space out two-character names: "吴 岚" is 吴岚), sit in brackets at the
end of an article ("（本报记者王立新、陈静、刘洋）"), or be a photo credit ("宋  岩摄").
"""

from __future__ import annotations

import re

from newsnlp.document import Author

__all__ = [
    "ROLES",
    "dateline_prefix",
    "is_byline",
    "is_credit",
    "is_end_marker",
    "looks_like_name",
    "parse_authors",
    "strip_byline_marks",
]

#: Roles printed before names, longest first so that 本报记者 wins over 记者.
ROLES: tuple[str, ...] = (
    "本报特约通讯员",
    "本报融媒体记者",
    "本报全媒体记者",
    "本报首席记者",
    "本报特派记者",
    "本报摄影记者",
    "本报见习记者",
    "本报实习记者",
    "本报特约记者",
    "本报特约评论员",
    "新华社特约记者",
    "新华社摄影记者",
    "特约通讯员",
    "融媒体记者",
    "全媒体记者",
    "首席记者",
    "特派记者",
    "摄影记者",
    "驻站记者",
    "融媒记者",
    "全媒记者",
    "本报通讯员",
    "新华社记者",
    "中新社记者",
    "人民网记者",
    "特约评论员",
    "本报评论员",
    "本报记者",
    "特约记者",
    "见习记者",
    "实习记者",
    "评论员",
    "通讯员",
    "实习生",
    "记者",
    "编者",
)

_ROLE_RE = re.compile(r"本报驻[\u4e00-\u9fff]{1,8}记者|" + "|".join(ROLES))
#: The characters a :data:`_ROLE_RE` match starts with.
_ROLE_FIRST = frozenset("本" + "".join(role[0] for role in ROLES))
_SPACE = " \t\u3000\xa0"
_CJK_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,6}(?:·[\u4e00-\u9fff]{1,8}){1,3}")
_OPEN = "（("
_CLOSE = "）)"
# Inside a credit: a leading label, a trailing agency tag, and the marks after each name group
# ("曹  一图  吕  岩文", "本报记者  谷业凯文  本报记者  雷  声摄").
_CREDIT_LABEL = re.compile(r"^(?:本版)?(?:制图|摄影|插图|漫画)\s*[：:]")
_CREDIT_TAG = re.compile(r"(?:（[^）]{1,12}）|\([^)]{1,12}\))$")
_CREDIT_MARK = re.compile(r"(?:摄影报道|摄影|供图|制图|绘图|摄|绘|图|文)(?=[ \t\u3000\xa0]|$)")
_CREDIT_RE = re.compile(
    r"(?:摄影|摄|供图|制图|绘图|漫画|新华社发|人民视觉|视觉中国|资料图片)"
    r"(?:（[^）]{0,12}）|\([^)]{0,12}\))?$"
    r"|摄影报道(?:（[^）]{0,12}）|\([^)]{0,12}\))?$"
    r"|^(?:图片来源|图片提供|图片由|图片据|资料图片|新华社发|(?:本版)?(?:制图|摄影|插图|漫画)\s*[：:])"
    r"|^[\u4e00-\u9fff·\s]{2,12}(?:图|摄)\s+[\u4e00-\u9fff·\s]{2,12}文$"
    r"|^[\u4e00-\u9fff·\s]{2,12}[（(](?:人民视觉|视觉中国|新华社发|资料图片|[^（）()]{1,10}供图)[）)]$"  # "胥 鹏（人民视觉）"
)
_DATELINE_RE = re.compile(
    r"^(?:据)?(?:本报|新华社|中新社|人民网|新华网|央视网|央视新闻|本刊|中央社|法新社|路透社|美联社)"
    r"(?:[\u4e00-\u9fff]{0,10}?(?:\d{1,2}|[一二三四五六七八九十]{1,3})月"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})日)?[\u4e00-\u9fff]{0,6}?(?:电|讯)"
    r"(?:[ \u3000\xa0]*(?:（[^）]{1,40}）|\([^)]{1,40}\))"
    # or the people without brackets: "本报讯 记者王明远 通讯员李华 正文…"
    r"|(?:[ \u3000\xa0]+(?:" + "|".join(ROLES) + r")[ \u3000\xa0]*[\u4e00-\u9fff]{2,3}"
    r"(?:[、][\u4e00-\u9fff]{2,3})*(?=[ \u3000\xa0]))+)?"
)
#: Words one of which every :data:`_CREDIT_RE` match holds (keep in step with it).
_CREDIT_WORDS = re.compile("摄|图|漫画|新华社发|人民视觉|视觉中国")
#: The characters a :data:`_DATELINE_RE` match starts with (keep in step with it).
_DATELINE_FIRST = frozenset("据本新中人央法路美")
_END_MARKER_RE = re.compile(
    r"^[（(](?:完|本报记者[^）)]{0,40}|记者[^）)]{0,40}|通讯员[^）)]{0,40}"
    r"|[^）)]{0,20}(?:供稿|整理|综合报道|编译|报道)"
    r"|(?:据)?(?:本报|新华社|中新社)[^（）()]{0,30}[电讯]"  # "（本报北京1月15日电）" closing a story
    r"|作者[为系是][^（）()]{1,80})[）)]$"  # "（作者为中国科学院西安光机所副研究员）"
)


# Marks and labels printed before a byline: "□ 本报记者 …", "■…", "文/图 本报记者 …", "文／…".
_LEAD_MARKS = re.compile(
    r"^(?:[□■◎●○◆◇▲△★☆▶▷►]+[ \t\u3000\xa0]*"
    r"|(?:文[ \u3000]*[/／][ \u3000]*图|图[ \u3000]*[/／][ \u3000]*文)(?:[ \u3000]*[/／:：][ \u3000\xa0]*|[ \u3000\xa0]+)"
    r"|(?:文图|图文|文|撰文|采写)[ \u3000]*[/／:：][ \u3000\xa0]*)+"
)
# Words printed after the names, which are not names: "记者 王明远 报道", "… 文/图", "… 发自北京".
_TRAIL_WORDS = re.compile(
    r"(?<![ \t\u3000\xa0])(?:[ \t\u3000\xa0]*(?:综合报道|报道|采写|整理|编译|文[ \u3000]*[/／][ \u3000]*图|图[ \u3000]*[/／][ \u3000]*文"
    r"|发自[\u4e00-\u9fff]{1,8}))+$"
)

#: What a :data:`_LEAD_MARKS` match starts with, and what a :data:`_TRAIL_WORDS` match ends with
#: (or "发自" in the line): quick tests that pass over most lines (keep in step with the patterns).
_LEAD_FIRST = frozenset("□■◎●○◆◇▲△★☆▶▷►文图撰采")
_TRAIL_LAST = frozenset("道写理译图文")


def strip_byline_marks(text: str) -> str:
    """A byline without the marks and words around its names.

    >>> strip_byline_marks("□ 本报记者 王明远 报道"), strip_byline_marks("文/图 本报记者 李华")
    ('本报记者 王明远', '本报记者 李华')
    """
    body = text.strip(_SPACE)
    if body[:1] in _LEAD_FIRST:
        body = _LEAD_MARKS.sub("", body)
    if body[-1:] in _TRAIL_LAST or "发自" in body or body.endswith("\n"):  # ($ matches before a final \n)
        body = _TRAIL_WORDS.sub("", body)
    return body.strip(_SPACE)


def _compact(text: str) -> str:
    return "".join(ch for ch in text if ch not in _SPACE)


def looks_like_name(token: str) -> bool:
    """Whether ``token`` (spaces removed) can be a person's name: 2-4 CJK characters or X·Y."""
    return bool(_CJK_NAME.fullmatch(token))


# Common single-character surnames (words that often open a phrase, such as 党, 和, 时, 明, 全,
# 文, 安, 常, are left out), and double surnames. Used only to accept a bare name with no role.
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵钱严覃武戴"
    "莫孔汤康施牛樊葛邢齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单"
    "季裴霍涂苗谷盛曲翁冉骆蓝游辛靳柴蒙鲍喻祁蒲房滕屈饶解牟艾尤穆卓缪简项芦麦褚娄窦戚岑景宫费卜冷晏"
    "席卫柏宗瞿桂佟臧闵苟邬卞姬仇栾隋刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查苑迟邝"
)
_DOUBLE_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "令狐", "慕容", "宇文", "长孙", "夏侯", "端木", "司徒", "西门", "独孤", "南宫")


def looks_like_person(text: str) -> bool:
    """A bare personal name ("赵磊", "吴 岚", "欧阳明远"): 2-3 characters after a common surname.

    Stricter than :func:`looks_like_name`, for lines that carry no role to vouch for them.
    """
    name = re.sub(r"[ \t\u3000\xa0]", "", text)
    if not _CJK_NAME.fullmatch(name) or "·" in name:
        return False
    if name.startswith(_DOUBLE_SURNAMES):
        return 3 <= len(name) <= 4
    return name[0] in _SURNAMES and 2 <= len(name) <= 3


def _names(segment: str) -> list[str]:
    """Split the names after one role: separators 、，, and spaces; spaced 2-char names merged."""
    parts = [p for p in re.split(r"[、，,／/和及]", segment) if p.strip(_SPACE)]
    names: list[str] = []
    for part in parts:
        tokens = [t for t in re.split(r"[ \t\u3000\xa0]+", part) if t]
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if len(tok) == 1 and i + 1 < len(tokens) and len(tokens[i + 1]) == 1:
                tok += tokens[i + 1]
                i += 1
            elif len(tok) == 1 and i + 1 < len(tokens) and len(tokens[i + 1]) == 2 and tokens[i + 1][1] in _WORK_MARKS:
                tok += tokens[i + 1]  # "李 坚文": a spaced name with the credit mark 文 after it
                i += 1
            names.append(tok)
            i += 1
    return names


#: Words after a name that say what the person did: "周夏采访", "李栋参与", "刘晓宇文".
_WORK_SUFFIX = re.compile(r"(?:书面采访|参与采写|参与|采访|采写|整理|报道|摄影|摄|文|图)$")
_WORK_MARKS = "文摄图"
#: Words that follow a role but are titles or phrases, not names: "编者的话", "院长", "党委书记".
_NOT_NAMES = frozenset({"的话", "新华社电"})
_TITLE_ENDINGS = ("书记", "部长", "院长", "局长", "主任", "主席", "校长", "所长", "厅长", "处长", "社长", "董事长", "经理", "教授", "委员")


def _clean_name(raw: str) -> str:
    """The person's name in a token after a role, or "" when the token is not a name."""
    name = raw
    stripped = _WORK_SUFFIX.sub("", name)
    if stripped != name and len(stripped) >= 2:
        name = stripped
    if name in _NOT_NAMES or name.endswith(_TITLE_ENDINGS) or name.startswith(("本报", "新华社", "中新社")):
        return ""
    return name if looks_like_name(name) else ""


def parse_authors(text: str) -> list[Author]:
    """Parse the people named in a byline, end-of-article marker or photo credit.

    >>> [(a.name, a.role) for a in parse_authors("本报记者 林晓岚 通讯员 吴承泽")]
    [('林晓岚', '本报记者'), ('吴承泽', '通讯员')]
    >>> [a.name for a in parse_authors("吴 岚")]
    ['吴岚']
    >>> [(a.name, a.role) for a in parse_authors("（本报记者王立新、陈静、刘洋）")]
    [('王立新', '本报记者'), ('陈静', '本报记者'), ('刘洋', '本报记者')]
    >>> [(a.name, a.role) for a in parse_authors("宋  岩摄")]
    [('宋岩', '摄影')]
    """
    body = text.strip(_SPACE)
    if len(body) >= 2 and body[0] in _OPEN and body[-1] in _CLOSE:
        body = body[1:-1]
    credit = is_credit(body)
    photo = credit and "摄" in body
    if credit:
        body = _CREDIT_LABEL.sub("", body)
        body = _CREDIT_TAG.sub("", body)
        body = "、".join(_CREDIT_MARK.split(body))
    else:
        body = strip_byline_marks(body)
    pieces: list[tuple[str, str]] = []
    last = 0
    role = ""
    for match in _ROLE_RE.finditer(body):
        if match.start() > last:
            pieces.append((role, body[last : match.start()]))
        role = match.group(0)
        last = match.end()
    pieces.append((role, body[last:]))
    authors: list[Author] = []
    for piece_role, segment in pieces:
        for raw in _names(segment):
            name = _clean_name(raw)
            if name:
                authors.append(Author(name=name, role=piece_role or ("摄影" if photo else "")))
    return authors


def is_byline(text: str, *, allow_bare: bool = False) -> bool:
    """Whether a whole line is a byline ("本报记者 林晓岚", or a bare name when ``allow_bare``).

    A bare name ("吴 岚", "赵一鸣") is accepted only when the caller knows the position fits
    (right after a headline), because any 2-4 character line could otherwise be a name.
    """
    body = text.strip(_SPACE)
    if not body or len(body) > 50 or body[-1] in "。！？；，：":
        return False
    if len(body) >= 2 and body[0] in _OPEN and body[-1] in _CLOSE:
        return False  # an end marker, see is_end_marker
    marked = strip_byline_marks(body)
    if marked != body and marked and looks_like_person(marked):
        return True  # "◎王明远", "文/李华": a mark or label vouches for a bare name
    body = marked or body
    match = _ROLE_RE.match(body) if body[:1] in _ROLE_FIRST else None
    if match:
        rest = body[match.end() :].strip(_SPACE)
        return bool(rest) and bool(parse_authors(body)) and len(_compact(rest)) <= 30
    if allow_bare:
        tokens = [t for t in re.split(r"[ \t\u3000\xa0、]+", body) if t]
        if 1 <= len(tokens) <= 4 and all(len(t) <= 3 for t in tokens):
            names = _names(body)
            return all(looks_like_name(n) and len(n) <= 3 for n in names)
    return False


def is_credit(text: str) -> bool:
    """Whether a line is a photo/graphic credit ("映湖街道供图", "宋  岩摄", "图片来源：…")."""
    body = text.strip(_SPACE)
    if not body or len(body) > 40 or body[-1] in "。！？；，":
        return False
    # every credit pattern holds one of these (a quick test that passes over most lines)
    return bool(_CREDIT_WORDS.search(body)) and bool(_CREDIT_RE.search(body))


def is_end_marker(text: str) -> bool:
    """Whether a line closes an article: "（完）", a bracketed byline "（本报记者王立新、陈静）", a
    bracketed dateline "（本报北京1月15日电）" or an author note "（作者为…）"."""
    body = text.strip(_SPACE)
    return len(body) <= 90 and bool(_END_MARKER_RE.match(body))


def dateline_prefix(text: str) -> str:
    """The dateline a line starts with ("本报北京1月16日电  （记者冯春梅）"), or ""."""
    text = text.lstrip(_SPACE)
    if text[:1] not in _DATELINE_FIRST:
        return ""  # a quick test: every dateline starts with an agency (据本报, 新华社 …)
    match = _DATELINE_RE.match(text)
    return match.group(0).rstrip(_SPACE) if match else ""
