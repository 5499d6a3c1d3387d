"""Build a tiny random seq2seq model and a character tokenizer offline, for tests and examples."""

from __future__ import annotations

from pathlib import Path

#: Characters of the tiny vocabulary: enough for the test articles; others map to <unk>.
CHARS = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理世车"
    "县乡村校学生新建开办教师住房校车线路覆盖偏远计划明年继续改善条件孩子每天山路分钟到今全市降雨量达毫米交通总体稳"
    "。，、；：？！“”（）《》0123456789"
)


def build_tiny_model(folder: str | Path, *, window: int = 64, seed: int = 0) -> Path:
    """Write a random 1-layer BART (d_model=16) and its character tokenizer to ``folder``."""
    import torch
    from tokenizers import Regex, pre_tokenizers, processors
    from tokenizers import Tokenizer as HFTokenizer
    from tokenizers.models import WordLevel
    from transformers import BartConfig, BartForConditionalGeneration, PreTrainedTokenizerFast

    folder = Path(folder)
    specials = ["<pad>", "</s>", "<unk>", "<s>"]
    vocab = {token: i for i, token in enumerate(specials)}
    for ch in dict.fromkeys(CHARS):
        vocab.setdefault(ch, len(vocab))
    backend = HFTokenizer(WordLevel(vocab, unk_token="<unk>"))
    backend.pre_tokenizer = pre_tokenizers.Split(Regex(r"\S"), behavior="isolated")
    backend.post_processor = processors.TemplateProcessing(single="$A </s>", special_tokens=[("</s>", 1)])
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=backend,
        pad_token="<pad>",
        eos_token="</s>",
        unk_token="<unk>",
        bos_token="<s>",
        model_max_length=window,
    )
    config = BartConfig(
        vocab_size=len(vocab),
        d_model=16,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=32,
        decoder_ffn_dim=32,
        max_position_embeddings=window,
        pad_token_id=0,
        eos_token_id=1,
        bos_token_id=3,
        decoder_start_token_id=1,
        forced_bos_token_id=None,
        forced_eos_token_id=None,
        init_std=1.0,
    )
    torch.manual_seed(seed)
    model = BartForConditionalGeneration(config)
    folder.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder
