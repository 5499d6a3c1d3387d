from newsnlp.segment.repair import Piece, is_open_ended, join_broken


def _body(*texts):
    return [Piece("body", t) for t in texts]


def test_repair_joins_mid_word_break():
    paras, joins = join_broken(_body("大家齐心合力推", "动工作落地见效。"))
    assert paras == ["大家齐心合力推动工作落地见效。"]
    assert joins == 1


def test_repair_joins_after_open_quote_and_digit():
    paras, _ = join_broken(_body("要坚持“两", "手都要硬”，不能偏废。", "共有6", "个方面20条措施。"))
    assert paras == ["要坚持“两手都要硬”，不能偏废。", "共有6个方面20条措施。"]


def test_repair_keeps_finished_paragraphs_apart():
    paras, joins = join_broken(_body("他说：“好。”", "第二段。", "第三段！"))
    assert paras == ["他说：“好。”", "第二段。", "第三段！"]
    assert joins == 0


def test_repair_caption_between_halves_does_not_stop():
    pieces = [Piece("body", "茶产业成为致富的"), Piece("caption", "茶农采茶"),
              Piece("credit", "某某供图"), Piece("body", "主要渠道。")]
    assert join_broken(pieces)[0] == ["茶产业成为致富的主要渠道。"]


def test_repair_never_joins_across_subhead():
    pieces = [Piece("body", "没有结束的句子"), Piece("subhead", "小标题"), Piece("body", "新段落。")]
    assert join_broken(pieces)[0] == ["没有结束的句子", "新段落。"]


def test_repair_respects_indent_in_epaper():
    pieces = [Piece("body", "数据如下", True), Piece("body", "一是增长。", True)]
    assert join_broken(pieces, respect_indent=True)[0] == ["数据如下", "一是增长。"]
    pieces = [Piece("body", "数据如", True), Piece("body", "下。", False)]
    assert join_broken(pieces, respect_indent=True)[0] == ["数据如下。"]


def test_repair_open_ended():
    assert is_open_ended("树立“红色名片”")
    assert not is_open_ended("完成了。”")
    assert not is_open_ended("注意以下四点：")
