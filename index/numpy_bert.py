"""A NumPy forward pass of a BERT sentence-transformers model (mean pooling, L2 normalisation).

Why: importing torch and sentence-transformers costs 5–6 s, which a one-shot `quotebot ask` would pay
for a single query embedding. This module needs only numpy, the `tokenizers` library and the
model's safetensors file, and gives the same embedding (cosine > 0.9999, checked in the tests). It
is used for query embeddings when the model folder has the plain BERT layout; indexing keeps the
batched sentence-transformers path.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np


def supported(path: Path) -> bool:
    """Plain BERT + mean pooling + Normalize, the layout of all-MiniLM-L6-v2 and its siblings."""
    try:
        config = json.loads((path / "config.json").read_text(encoding="utf-8"))
        modules = json.loads((path / "modules.json").read_text(encoding="utf-8"))
        pooling = json.loads((path / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    types = [m.get("type", "") for m in modules]
    return (
        config.get("model_type") == "bert"
        and config.get("hidden_act") == "gelu"
        and config.get("position_embedding_type", "absolute") == "absolute"
        and types
        == [
            "sentence_transformers.models.Transformer",
            "sentence_transformers.models.Pooling",
            "sentence_transformers.models.Normalize",
        ]
        and bool(pooling.get("pooling_mode_mean_tokens"))
        and not any(pooling.get(k) for k in ("pooling_mode_cls_token", "pooling_mode_max_tokens"))
        and (path / "model.safetensors").exists()
        and (path / "tokenizer.json").exists()
    )


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


class NumpyBert:
    def __init__(self, path: Path) -> None:
        from safetensors.numpy import load_file
        from scipy.special import erf
        from tokenizers import Tokenizer

        self._erf = erf
        # For a dozen tokens BLAS threads only cost: one thread, set once (a per-call limit would
        # rescan every loaded library each time, which is slow once torch is in the process).
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=1, user_api="blas")
        config = json.loads((path / "config.json").read_text(encoding="utf-8"))
        st = json.loads((path / "sentence_bert_config.json").read_text(encoding="utf-8"))
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        self.w: dict[str, Any] = load_file(str(path / "model.safetensors"))
        # Linear weights transposed once, contiguous, so every matmul is a plain row-major GEMM.
        for name in [
            k for k in self.w if k.endswith(".weight") and self.w[k].ndim == 2 and "embeddings" not in k
        ]:
            self.w[name] = np.ascontiguousarray(self.w[name].T)
        self.tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=int(st.get("max_seq_length", 256)))
        self.tokenizer.no_padding()

    def _linear(self, x: np.ndarray, name: str) -> np.ndarray:
        out: np.ndarray = x @ self.w[f"{name}.weight"] + self.w[f"{name}.bias"]
        return out

    def encode(self, text: str) -> np.ndarray:
        return self.encode_with_tokens(text)[0]

    def encode_with_tokens(self, text: str) -> tuple[np.ndarray, np.ndarray, list[str], np.ndarray]:
        """The sentence embedding, the last layer's token states, the word pieces and which of them
        are special ([CLS], [SEP]: the tokenizer's own mask, not an assumed position)."""
        enc = self.tokenizer.encode(text)
        ids = np.array(enc.ids, dtype=np.int64)
        w = self.w
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][: len(ids)]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps)
        n, d = x.shape
        hd = d // self.heads
        for i in range(self.layers):
            p = f"encoder.layer.{i}"
            q = self._linear(x, f"{p}.attention.self.query").reshape(n, self.heads, hd).transpose(1, 0, 2)
            k = self._linear(x, f"{p}.attention.self.key").reshape(n, self.heads, hd).transpose(1, 0, 2)
            v = self._linear(x, f"{p}.attention.self.value").reshape(n, self.heads, hd).transpose(1, 0, 2)
            scores = q @ k.transpose(0, 2, 1) / np.sqrt(hd)
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            ctx = (scores @ v).transpose(1, 0, 2).reshape(n, d)
            attn = self._linear(ctx, f"{p}.attention.output.dense")
            x = _layer_norm(
                attn + x,
                w[f"{p}.attention.output.LayerNorm.weight"],
                w[f"{p}.attention.output.LayerNorm.bias"],
                self.eps,
            )
            h = self._linear(x, f"{p}.intermediate.dense")
            h = 0.5 * h * (1.0 + self._erf(h / np.sqrt(2.0)))
            out = self._linear(h, f"{p}.output.dense")
            x = _layer_norm(
                out + x, w[f"{p}.output.LayerNorm.weight"], w[f"{p}.output.LayerNorm.bias"], self.eps
            )
        pooled = x.mean(0)
        special = np.array(enc.special_tokens_mask, dtype=bool)
        return (
            (pooled / max(float(np.linalg.norm(pooled)), 1e-12)).astype(np.float32),
            x,
            list(enc.tokens),
            special,
        )
