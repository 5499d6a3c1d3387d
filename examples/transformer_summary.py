"""Summarize an article with a Hugging Face seq2seq model through newsnlp.

Usage::

    python examples/transformer_summary.py [MODEL_PATH_OR_NAME] [--strategy lead|chunk|truncate]

With a model (a local folder, or a hub name when you have network access) it summarizes the
sample article below. With no argument it builds a tiny *random* BART and a character tokenizer
in a temporary folder, only to show the API end to end: a random model writes gibberish.
Needs ``pip install 'newsnlp[transformer]'``.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from newsnlp.summarize import TransformerSummarizer

# An invented article written for this example.
TITLE = "青禾县新建二十所乡村小学"
BODY = """青禾县今年新建二十所乡村小学，全部学校已在九月开学，一万两千名学生就近入学。
县教育局介绍，新学校按照统一标准建设，每所学校都配备了图书室、实验室和标准操场。
为了让新学校留得住老师，青禾县招聘了三百名青年教师，并为乡村教师提供周转住房。
“以前孩子每天要走一个多小时山路，现在十分钟就到学校了。”一位村民说。
青禾县计划明年再新建十所学校，继续改善乡村办学条件。"""


def build_random_model(folder: Path) -> Path:
    """A 1-layer BART with d_model=16 and a character vocabulary over the sample text."""
    import torch
    from tokenizers import Regex, pre_tokenizers, processors
    from tokenizers import Tokenizer as HFTokenizer
    from tokenizers.models import WordLevel
    from transformers import BartConfig, BartForConditionalGeneration, PreTrainedTokenizerFast

    vocab = {token: i for i, token in enumerate(["<pad>", "</s>", "<unk>", "<s>"])}
    for ch in dict.fromkeys(TITLE + BODY):
        if not ch.isspace():
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
        model_max_length=64,
    )
    config = BartConfig(
        vocab_size=len(vocab), d_model=16, encoder_layers=1, decoder_layers=1, encoder_attention_heads=2,
        decoder_attention_heads=2, encoder_ffn_dim=32, decoder_ffn_dim=32, max_position_embeddings=64,
        pad_token_id=0, eos_token_id=1, bos_token_id=3, decoder_start_token_id=1, forced_eos_token_id=None, init_std=1.0,
    )  # fmt: skip
    torch.manual_seed(0)
    BartForConditionalGeneration(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model", nargs="?", help="local model folder or hub name (default: a tiny random model)")
    parser.add_argument("--strategy", default="lead", choices=("lead", "chunk", "truncate"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        model = args.model
        generation = None
        if model is None:
            print("No model given: building a tiny random model. A random model writes gibberish;")
            print("pass a real Chinese seq2seq checkpoint (mT5, Pegasus, BART) for real summaries.")
            model = str(build_random_model(Path(tmp)))
            generation = {"max_new_tokens": 12, "min_new_tokens": 4}
        summarizer = TransformerSummarizer(model=model, strategy=args.strategy, generation_kwargs=generation)
        for strategy in (args.strategy, "chunk") if args.model is None else (args.strategy,):
            summarizer.strategy = strategy if strategy == args.strategy else strategy
            sentences = TransformerSummarizer(model=model, strategy=strategy, generation_kwargs=generation)(
                BODY, title=TITLE
            )
            print(f"summary ({strategy}): {''.join(s.text for s in sentences)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
