"""The reader: a small span-extraction model that says, for a question and a short window of text,
where in the window the answer is and how sure it is that there is one at all.

It is all-MiniLM-L6-v2 (the packaged embedding model) with its upper layers fine-tuned as a SQuAD 2.0
style reader (``scripts/train_reader.py``, model card ``docs/reader.md``): the question and the
window go in as one pair, every word piece gets a start and an end score, and the pair's no-answer
score is the start + end score of the ``[CLS]`` piece. Only what training changed is committed
(``bot/data/reader/``: the replaced layers and the span head in fp16, with a manifest); the rest
comes from the packaged weights, and the whole graph is exported to ONNX by
``index.onnx_export.build_reader_graph`` and run by ``index.engine`` like the embedding model.

Encoding and span scoring live here and nowhere else: the trainer, the read stage and the
benchmarks call the same ``PairEncoder`` and ``best_spans``, so what the model learnt is what it is
asked at answer time.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from index.errors import QuotebotError

log = logging.getLogger(__name__)

#: The committed reader: weights (``reader.safetensors``) and manifest (``reader.json``).
READER_DIR = Path(__file__).resolve().parent / "data" / "reader"

#: Word pieces of one (question, window) pair, special tokens included.
MAX_LEN = 192
#: Word pieces of the question (longer questions are cut; the window gets the rest).
MAX_QUESTION = 48
#: Longest answer span the reader may propose, in word pieces.
MAX_SPAN = 48
#: Intra-op threads of the reader's session: a batch of five windows of ~150 pieces is big enough
#: for two (p50 65 against 115 ms for the read stage on 2 cores, docs/reader.md).
THREADS = 2


class ReaderError(QuotebotError):
    """The committed reader is missing, damaged, or does not fit the packaged base model."""


@dataclass(frozen=True)
class Encoded:
    """A batch of (question, window) pairs as the model reads them."""

    ids: np.ndarray  # batch × pieces, int64
    types: np.ndarray  # 0 for [CLS] question [SEP], 1 for window [SEP]
    mask: np.ndarray  # 1 for pieces, 0 for padding
    #: Each piece's character range in its window ((-1, -1) outside the window): batch × pieces × 2.
    offsets: np.ndarray


@dataclass(frozen=True)
class SpanReading:
    """What the reader made of one window (``bot.read.Reading`` is the read stage's, over several)."""

    #: Score of the best span minus the no-answer score: > 0 leans "the window answers".
    margin: float
    #: The best span's character range in the window (start, end).
    span: tuple[int, int]


class PairEncoder:
    """The base model's tokenizer, used for question + window pairs (see the module docstring)."""

    def __init__(self, model_path: Path) -> None:
        from tokenizers import Tokenizer

        file = model_path / "tokenizer.json"
        try:
            # Two copies, each set once: truncation is a setting of the tokenizer object, and a
            # pair-only setting makes a single text fail.
            self._single = Tokenizer.from_file(str(file))
            self._pair = Tokenizer.from_file(str(file))
        except Exception as exc:  # tokenizers raises its own Exception type
            raise ReaderError(f"cannot read the reader's tokenizer {file} ({exc})") from None
        self._single.no_truncation()
        self._single.no_padding()
        self._pair.no_padding()
        self._pair.enable_truncation(max_length=MAX_LEN, strategy="only_second")

    def _question(self, question: str) -> str:
        """The question, cut to ``MAX_QUESTION`` word pieces at a piece boundary."""
        enc = self._single.encode(question, add_special_tokens=False)
        if len(enc.ids) <= MAX_QUESTION:
            return question
        return question[: enc.offsets[MAX_QUESTION - 1][1]]

    def encode(self, question: str, windows: list[str]) -> Encoded:
        """Encode ``[CLS] question [SEP] window [SEP]`` for each window, cut to ``MAX_LEN`` pieces."""
        q = self._question(question)
        encs = self._pair.encode_batch([(q, w) for w in windows])
        n = max((len(e.ids) for e in encs), default=0)
        ids = np.zeros((len(encs), n), np.int64)
        types = np.zeros_like(ids)
        mask = np.zeros_like(ids)
        offsets = np.full((len(encs), n, 2), -1, np.int64)
        for r, e in enumerate(encs):
            k = len(e.ids)
            ids[r, :k], types[r, :k], mask[r, :k] = e.ids, e.type_ids, e.attention_mask
            seq = e.sequence_ids
            for t in range(k):
                if seq[t] == 1 and e.special_tokens_mask[t] == 0:
                    offsets[r, t] = e.offsets[t]
        return Encoded(ids, types, mask, offsets)


def best_spans(
    start: np.ndarray, end: np.ndarray, offsets: np.ndarray, focus: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each row: the best span's score minus the no-answer score, and its first and last piece.

    A span starts and ends on window pieces, ends no earlier than it starts and at most ``MAX_SPAN``
    pieces later; its score is start[i] + end[j]. The no-answer score is start[0] + end[0] ([CLS]).
    ``focus`` (rows × 2, character ranges in the windows): only spans that overlap it count.
    """
    inside = offsets[:, :, 0] >= 0
    starts_ok, ends_ok = inside, inside
    if focus is not None:
        starts_ok = inside & (offsets[:, :, 0] < focus[:, 1:2])
        ends_ok = inside & (offsets[:, :, 1] > focus[:, 0:1])
    neg = np.float32(-1e9)
    s = np.where(starts_ok, start, neg)
    e = np.where(ends_ok, end, neg)
    t = s.shape[1]
    pair = s[:, :, None] + e[:, None, :]  # rows × start × end
    i, j = np.indices((t, t))
    allowed = (j >= i) & (j - i < MAX_SPAN)
    pair = np.where(allowed[None], pair, neg)
    flat = pair.reshape(len(pair), -1).argmax(axis=1)
    si, ei = np.divmod(flat, t)
    rows = np.arange(len(pair))
    margin = pair[rows, si, ei] - (start[:, 0] + end[:, 0])
    return margin, si, ei


@dataclass(frozen=True)
class ReaderManifest:
    """``reader.json``: what the weights are, where they came from, and how the read stage uses them."""

    version: str
    base_model: str
    base_fingerprint: str
    layers: list[int]
    weights_sha256: str
    #: The answer decision's weights over named inputs (``bot.read``), fit on development questions.
    decision: dict[str, float]
    raw: dict[str, Any]
    #: The arithmetic the graph runs in: "fp32", or "int8" (dynamic quantisation of the weight
    #: products). The decision was fitted on this precision's margins, so it travels with it.
    precision: str = "fp32"
    #: Decisions fitted for the other precisions on these weights (``by_precision`` → precision →
    #: ``decision``, kept only where its ``weights_sha256`` is the manifest's: retrained weights make
    #: it stale). int8 margins differ from fp32's by ~0.65 on average, so each needs its own fit.
    other_decisions: dict[str, dict[str, float]] = field(default_factory=dict)
    #: How many of the base model's layers the reader keeps (its first ones): None for all of them.
    #: A shallower reader costs proportionally less per read (``train_reader.py --depth``).
    depth: int | None = None

    def decision_for(self, precision: str) -> dict[str, float]:
        """The decision fitted on ``precision``'s margins; a clear error when none was."""
        if precision == self.precision:
            return self.decision
        if precision in self.other_decisions:
            return self.other_decisions[precision]
        raise ReaderError(
            f"the reader {self.version} has no decision fitted for {precision} arithmetic on its "
            "weights; fit one "
            f"(`python scripts/fit_reader_decision.py --precision {precision}`) or set "
            f"QUOTEBOT_READER_PRECISION={self.precision}"
        )


PRECISIONS = ("fp32", "int8")


def _precision(value: Any) -> str:
    if value not in PRECISIONS:
        raise ValueError(f"precision {value!r} is not one of {', '.join(PRECISIONS)}")
    return str(value)


def _depth(value: Any) -> int | None:
    """A manifest's ``depth``: absent (all the base model's layers) or a whole number of layers."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"depth {value!r} is not a whole number of layers (1 or more)")
    return value


def load_manifest(folder: Path | None = None) -> ReaderManifest:
    """The manifest (of the committed reader by default), checked for the keys the read stage
    needs; a clear error if it is not there."""
    folder = folder or READER_DIR
    file = folder / "reader.json"
    try:
        raw = json.loads(file.read_text(encoding="utf-8"))
        return ReaderManifest(
            version=str(raw["version"]),
            base_model=str(raw["base_model"]["name"]),
            base_fingerprint=str(raw["base_model"]["fingerprint"]),
            layers=[int(x) for x in raw["layers"]],
            weights_sha256=str(raw["weights_sha256"]),
            decision={str(k): float(v) for k, v in raw.get("decision", {}).items()},
            raw=raw,
            precision=_precision(raw.get("precision", "fp32")),
            other_decisions={
                _precision(p): {str(k): float(v) for k, v in entry["decision"].items()}
                for p, entry in (raw.get("by_precision") or {}).items()
                if entry.get("weights_sha256") == raw["weights_sha256"]
            },
            depth=_depth(raw.get("depth")),
        )
    except FileNotFoundError:
        raise ReaderError(
            f"the reader's manifest {file} is missing; restore it (`git checkout -- {folder}`), retrain it "
            "(`python scripts/train_reader.py`), or set QUOTEBOT_READER=off"
        ) from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ReaderError(
            f"the reader's manifest {file} cannot be read ({type(exc).__name__}: {exc}); restore it "
            f"(`git checkout -- {folder}`) or set QUOTEBOT_READER=off"
        ) from None


#: An export version in a reader graph's name ("…-reader-v2-int8.onnx"); the first export's graphs
#: have none.
_EXPORT_IN_NAME = re.compile(r"-reader-v(\d+)-")


def prune_old_exports(folder: Path, version: str) -> list[Path]:
    """Remove the reader graphs in the cache ``folder`` that an older export than ``version``
    ("reader-v2") wrote, with their hash files; returns the files removed. This Quotebot never
    reads them again (the export version is part of a graph's name) and they take 50-90 MB each.
    Graphs of this export or a newer one (another checkout sharing the cache) stay, whatever their
    reader or precision. Called when a graph is exported, so an upgrade clears what the one before
    it left."""
    current = _EXPORT_IN_NAME.search(f"-{version}-")
    if current is None:
        return []
    removed = []
    for graph in folder.glob("reader-reader-*.onnx"):  # reader versions are named "reader-…"
        found = _EXPORT_IN_NAME.search(graph.name)
        if (int(found.group(1)) if found else 1) >= int(current.group(1)):
            continue
        for path in (graph, graph.with_name(graph.name + ".sha256")):
            try:
                if path.exists():
                    path.unlink()
                    removed.append(path)
            except OSError as exc:  # another process's, or a read-only cache: it only costs disk
                log.debug("could not remove the old reader graph %s: %s", path, exc)
    if removed:
        log.info("removed %d reader graph files of an older export from %s", len(removed), folder)
    return removed


class Reader:
    """The committed reader, run by ONNX Runtime over a graph exported on first use (cached)."""

    def __init__(
        self,
        folder: Path | None = None,
        base_path: Path | None = None,
        cache: Path | None = None,
        precision: str | None = None,
        unfitted_ok: bool = False,
    ) -> None:
        """``folder``: the reader's files (default: the committed ``READER_DIR``); ``cache``: where
        its ONNX graph is kept (default: ``index.engine.cache_dir()``); ``precision``: the manifest's
        unless given (``scripts/fit_reader_decision.py --precision`` fits a decision for another);
        ``unfitted_ok``: a precision without a fitted decision is no error (for that script, which
        fits one; the read stage then runs with ``bot.read``'s defaults)."""
        from index.embedder import default_model_path, model_fingerprint
        from index.engine import OnnxModel, file_sha256

        folder = folder or READER_DIR
        self.folder = folder
        self.manifest = load_manifest(folder)
        self.base_path = base_path or default_model_path()
        fingerprint = model_fingerprint(self.base_path)
        if fingerprint != self.manifest.base_fingerprint:
            raise ReaderError(
                f"the reader in {folder} was trained on another base model ({self.manifest.base_model} "
                f"{self.manifest.base_fingerprint}, installed: {fingerprint}); reinstall Quotebot's "
                "dependencies (`make install`), retrain it, or set QUOTEBOT_READER=off"
            )
        self.weights = folder / "reader.safetensors"
        sha = file_sha256(self.weights)  # "" when it cannot be read
        if not sha:
            raise ReaderError(
                f"the reader's weights {self.weights} are missing; restore them (`git checkout -- {folder}`; "
                "a Git LFS checkout needs `git lfs pull`) or set QUOTEBOT_READER=off"
            )
        if sha != self.manifest.weights_sha256:
            raise ReaderError(
                f"the reader's weights {self.weights} do not match its manifest (damaged or replaced); "
                f"restore them (`git checkout -- {folder}`), retrain, or set QUOTEBOT_READER=off"
            )
        self.version = self.manifest.version
        self.precision = _precision(precision or self.manifest.precision)
        #: The read stage's decision, fitted for this precision.
        try:
            self.decision = self.manifest.decision_for(self.precision)
        except ReaderError:
            if not unfitted_ok:
                raise
            self.decision = {}
        self.encoder = PairEncoder(self.base_path)
        from index.onnx_export import READER_EXPORT_VERSION

        depth = f"-d{self.manifest.depth}" if self.manifest.depth is not None else ""
        self.onnx = OnnxModel(
            f"reader-{self.version}-{sha[:12]}{depth}-{READER_EXPORT_VERSION}-{self.precision}",
            self._export,
            cache,
        )

    def _export(self, out: Path) -> None:
        from index.onnx_export import READER_EXPORT_VERSION, save_reader_graph

        save_reader_graph(
            self.base_path, self.weights, out, quantize=self.precision == "int8", depth=self.manifest.depth
        )
        prune_old_exports(self.onnx.folder, READER_EXPORT_VERSION)

    def prepare(self) -> threading.Thread:
        """Start making the session in a background thread (as ``Embedder.prepare_queries`` does:
        the graph is found or exported here, in the caller's thread; ONNX Runtime builds the session
        with the GIL released while the caller loads the index). A failure is raised by the first
        read."""
        self.onnx.sha256  # noqa: B018 - the cached graph found (or exported) here

        def make() -> None:
            try:
                self.onnx.session(THREADS)
            except Exception as exc:
                log.debug("background reader session failed (%s); the first read will raise it", exc)

        thread = threading.Thread(target=make, name="quotebot-reader", daemon=True)
        thread.start()
        return thread

    def logits(self, batch: Encoded, threads: int = THREADS) -> tuple[np.ndarray, np.ndarray]:
        """Start and end scores of every piece (batch × pieces)."""
        start, end = self.onnx.session(threads).run(
            ["start_logits", "end_logits"],
            {"input_ids": batch.ids, "attention_mask": batch.mask, "token_type_ids": batch.types},
        )
        return start, end

    def read(self, question: str, windows: list[str], threads: int = THREADS) -> list[SpanReading]:
        """One reading per window, in order."""
        if not windows:
            return []
        batch = self.encoder.encode(question, windows)
        start, end = self.logits(batch, threads)
        margin, si, ei = best_spans(start, end, batch.offsets)
        return [
            SpanReading(float(m), (int(batch.offsets[r, s, 0]), int(batch.offsets[r, e, 1])))
            for r, (m, s, e) in enumerate(zip(margin, si, ei, strict=True))
        ]

    def about(self) -> dict[str, Any]:
        """What the service's ``about()`` (``/about``, the chat) and an evaluation's results say
        about the reader (``index --status`` reads the manifest alone, without loading the reader)."""
        return {
            "version": self.version,
            "base_model": self.manifest.base_model,
            "layers": self.manifest.layers,
            "depth": self.manifest.depth,
            "precision": self.precision,
        }


__all__ = [
    "MAX_LEN",
    "PRECISIONS",
    "READER_DIR",
    "Encoded",
    "PairEncoder",
    "Reader",
    "ReaderError",
    "SpanReading",
    "best_spans",
    "prune_old_exports",
]
