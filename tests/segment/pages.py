"""Sample pages written for these tests (invented text, no real newspaper content)."""

MARKDOWN_PAGE = """\
# 青川 小小茶叶串起乡村振兴大产业

本报记者 林晓峰 通讯员 何嘉怡

春茶开采以来，青川县各个茶园里一派繁忙景象，采茶工人穿梭在茶垄之间，指尖翻飞，嫩芽入篓。

去年，全县茶叶综合产值突破十亿元，带动一万多户茶农增收，茶产业成为当地群众致富的



茶农在茶园里采摘春茶

县委宣传部供图

主要渠道。县里还建起了茶叶交易中心，收购、加工、销售一条龙。

## 科技助力 茶园提质增效

在县农科所的指导下，茶农们学会了绿色防控技术，病虫害明显减少。技术员张强说：“以前打药靠经验，现在靠数

据，茶叶品质更稳定了。”

# 让读书成为一种生活方式

许 明

## 书香新语

读书是一个人精神成长的重要途径。在快节奏的生活中，我们更需要静下心来，读几本好书，涵养

心灵、开阔视野。

## 乡村振兴

白石

# 合作社带火民宿游

通讯员 刘芳 本报记者 林晓峰

周末的白石镇游人如织，村民开办的民宿家家客满。

“去年我家民宿收入有十几万元。”村民王大姐笑着说。
"""

EPAPER_PAGE = """\
本版责编：陈思远
沿江城市共护一江清水
　　本报江州3月5日电  （记者周明、李悦）记者5日从江州市生态环境局获悉：今年以来，沿江各市联合开展水质监测，断面达标率持续提高。
　　据介绍，各市建立了信息共享机制，发现问题及时通报、联合处置。
春耕时节备耕忙——
田间地头科技范儿
　　春分过后，平原各地陆续进入春耕备耕阶段。无人机播种、智能灌溉在不少村庄成了“新农具”。
　　技术下乡
　　农业技术人员深入田间，手把手教农民使用新设备。
　　本报记者  赵  磊摄
让老街焕发新活力（城市观察）
——记一座小城的更新之路
　　老街改造没有大拆大建，而是修旧如旧，留住了街坊四邻熟悉的味道。
　　（本报记者王晨、孙一鸣）
"""

PLAIN_PAGE = """\
沿江城市共护一江清水
本报江州3月5日电  （记者周明、李悦）记者5日从江州市生态环境局获悉：今年以来，沿江各市联合开展水质监测，断面达标率持续提高。
据介绍，各市建立了信息共享机制，发现问题及时通报、联合处置。
春耕时节备耕忙——
田间地头科技范儿
春分过后，平原各地陆续进入春耕备耕阶段。无人机播种、智能灌溉在不少村庄成了“新农具”。
农业技术人员深入田间，手把手教农民使用新设备。
本报记者  赵  磊摄
让老街焕发新活力（城市观察）
——记一座小城的更新之路
老街改造没有大拆大建，而是修旧如旧，留住了街坊四邻熟悉的味道。
（本报记者王晨、孙一鸣）
冬季运动进校园
新华社河州3月4日电  河州市今年将有一百所中小学开设冰雪运动课程。
"""


def hard_wrap(page: str, width: int) -> str:
    """The page as pdftotext gives it: every long line broken every ``width`` columns (CJK 1,
    ASCII ½), indentation kept; '#' headings and short lines (headlines, bylines) stay whole."""
    out: list[str] = []
    for line in page.split("\n"):
        columns = sum(0.5 if ch.isascii() else 1.0 for ch in line)
        if line.startswith("#") or columns <= width * 1.6:
            out.append(line)
            continue
        current, used = "", 0.0
        for ch in line:
            step = 0.5 if ch.isascii() else 1.0
            if used + step > width:
                out.append(current)
                current, used = "", 0.0
            current += ch
            used += step
        out.append(current)
    return "\n".join(out)
