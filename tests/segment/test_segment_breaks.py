"""The line-break model: which breaks between body pieces are column-break cuts to join."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from newsnlp.errors import ModelFileError
from newsnlp.segment import segment_page
from newsnlp.segment.breaks import NUMERIC_FEATURES, BreakScorer

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def scorer():
    return BreakScorer.load()


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("会议由市政协主席汪洋主", "持。他指出，要把群众的事办好。"),  # 主持 formed across the cut
        ("要让全县农村贫", "困人口全部脱贫，这是硬任务。"),  # 贫困
        ("新桥于2", "019年12月建成通车，方便了两岸群众。"),  # a year split across the cut
        ("茶农们学会了绿色防控技术", "，病虫害明显减少。"),  # a comma never starts a paragraph
    ],
)
def test_breaks_cut_shapes_are_joined(scorer, left, right):
    assert scorer.joins(left, right, width=40.0)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("全面推进乡村振兴", "近年来，各地围绕产业发展做了大量工作。"),  # a subhead, then a paragraph
        ("书店开在老街口，每天都有人来读书。", "去年，书店还办起了读书会。"),  # a sentence end
        ("一、压实责任链", "各级党组织要把责任扛在肩上，层层传导压力。"),  # a numbered subhead
    ],
)
def test_breaks_paragraph_ends_are_kept(scorer, left, right):
    assert not scorer.joins(left, right, width=40.0)


def test_breaks_issue9_short_piece_cut_off_is_not_a_caption():
    """A paragraph cut after a few characters: the short first piece was taken for a photo
    caption and lost from the paragraphs before the break model."""
    page = (
        "# 小镇新开一家书店\n\n本报记者 王明远\n\n"
        "书店开在老街口，每天都有人来读书。\n\n"
        "去年，全县农村贫\n\n困人口全部脱贫，书店也办起了面向村民的读书会，每周一次。\n"
    )
    article = segment_page(page).articles[0]
    assert article.paragraphs[-1] == "去年，全县农村贫困人口全部脱贫，书店也办起了面向村民的读书会，每周一次。"
    assert article.captions == []


def test_breaks_model_file_refused_when_broken(tmp_path):
    bad = tmp_path / "bad.npz"
    np.savez(bad, coef=np.zeros(3))
    with pytest.raises(ModelFileError, match="E100"):
        BreakScorer.load(bad)
    with pytest.raises(ModelFileError, match="E100"):
        BreakScorer.load(tmp_path / "missing.npz")


def test_breaks_model_file_refused_when_it_unpacks_too_large(tmp_path, monkeypatch):
    from newsnlp.segment import breaks

    monkeypatch.setattr(breaks, "MAX_MODEL_BYTES", 1000)
    with pytest.raises(ModelFileError, match="unpack"):
        BreakScorer.load(BreakScorer.default_path())


def test_breaks_model_shapes(scorer):
    n = len(NUMERIC_FEATURES) + scorer.n_bins + len(scorer.left_chars) + len(scorer.right_chars)
    assert scorer.coef.shape == (n,)
    assert scorer.n_bins > 0
    assert 0.0 < scorer.threshold < 1.0


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("江上渔舟晚，", "山前稻谷香。"),  # two lines of a verse, one per line
        ("●新桥通车方便两岸群众往来", "去年以来，镇里筹资修建了跨河大桥，全长三百多米。"),  # a summary line
    ],
)
def test_issue9_verse_and_summary_lines_are_kept(scorer, left, right):
    assert not scorer.joins(left, right, width=40.0)


def test_issue9_cut_inside_a_book_title_is_joined(scorer):
    """A book or document title left open (《…) never ends a paragraph."""
    assert scorer.joins("他向村民推荐了新出版的《乡村振兴的", "实践与探索》一书，大家争相传阅。", width=40.0)


def test_breaks_bins_add_their_weight(scorer):
    """A numeric feature's bin weight is looked up by bisection of its inner edges."""
    n = len(NUMERIC_FEATURES)
    edges = [[] for _ in range(n)]
    edges[0] = [0.5]  # left_sentence_end: two bins
    coef = np.zeros(n + 2)
    low = BreakScorer(coef, 0.0, (), (), bin_edges=edges)
    coef_high = coef.copy()
    coef_high[n] = 3.0  # the weight of bin 0 (values under 0.5: no sentence end)
    high = BreakScorer(coef_high, 0.0, (), (), bin_edges=edges)
    assert low.probability("要让全县农村贫", "困人口全部脱贫。", width=20.0) == pytest.approx(0.5)
    assert high.probability("要让全县农村贫", "困人口全部脱贫。", width=20.0) == pytest.approx(1 / (1 + np.exp(-3.0)))


def test_breaks_model_file_refused_when_bins_are_unsorted(tmp_path):
    with np.load(BreakScorer.default_path(), allow_pickle=False) as archive:
        arrays = {name: archive[name] for name in archive.files}
    offsets = arrays["bin_offsets"]
    k = next(i for i in range(len(offsets) - 1) if offsets[i + 1] - offsets[i] >= 2)
    flat = arrays["bin_edges"].copy()
    flat[offsets[k]], flat[offsets[k] + 1] = flat[offsets[k] + 1], flat[offsets[k]]
    arrays["bin_edges"] = flat
    bad = tmp_path / "unsorted.npz"
    np.savez(bad, **arrays)
    with pytest.raises(ModelFileError, match="E100"):
        BreakScorer.load(bad)


def test_breaks_model_rebuilds_byte_identical():
    """models/build_break_model.py gives the shipped file's bytes again (text written for the
    project, seeded generation, fixed archive timestamps)."""
    pytest.importorskip("sklearn")
    result = subprocess.run(
        [sys.executable, str(ROOT / "models" / "build_break_model.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "identical" in result.stdout


def test_breaks_edge_tokens_carry_the_word_class_of_each_side():
    """Besides the characters at a break, the classes of the words that end the left side and
    start the right side have weights of their own: a particle (的) or a digit leaves a clause
    open, a conjunction (但是) opens one."""
    from newsnlp.segment.breaks import edge_tokens

    assert edge_tokens("老街上开了一家新的", "书店，每天都有人") == ("的", "/uj", "书", "/n")
    assert edge_tokens("全县去年新修公路2", "00公里") == ("2", "/m", "0", "/m")
    assert edge_tokens("村民们说", "但是这条路") == ("说", "/v", "但", "/c")
    scorer = BreakScorer.load()
    assert any(token.startswith("/") for token in scorer.left_chars)
    assert any(token.startswith("/") for token in scorer.right_chars)
