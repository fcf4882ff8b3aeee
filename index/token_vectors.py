"""Token vectors: each content word piece's own contextual vector, kept for late interaction.

Why: one vector per sentence blurs *which* words matched. The word pieces' own vectors come out of
the very forward pass that gives the sentence embedding, so keeping them costs no extra model time.
The read path then scores a sentence by how closely each content word of the question finds a word
in it (MaxSim, as in ColBERT; ``maxsim``). Measured on XQuAD dev, that signal alone puts the right
sentence first for 0.80 of the questions, against 0.67 for the sentence cosine, and it adds about two
points to the learned ranker (docs/ranker-report.md).

Kept small: only content pieces (no stop words, no punctuation, no [CLS]/[SEP]), projected from
the model's 384 dimensions to 128 by a fixed random sign matrix (Johnson–Lindenstrauss: cosines
survive; on dev, 64 to 384 dimensions all gave the same ranking within noise), as int8 (unit
vectors x127), packed as base64 in the sentence record's metadata so they live and die with the
sentence in Chroma, embedded or server, and incremental indexing needs nothing new. About 2.5 KB a
sentence in memory; on disk Chroma keeps the string about three times (record, index, log).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from .stopwords import STOPWORDS

#: Stored in the manifest's chunker settings: an index without (or with other) token vectors is rebuilt.
TOKEN_VECTORS = "content-pieces-rp128-int8-v1"
SCALE = 127.0
PROJECTED = 128


@lru_cache(maxsize=4)
def projection(dimension: int) -> np.ndarray:
    """A fixed ``dimension`` x 128 matrix of random signs, scaled to keep lengths.

    Its bits come from SHA-256 in counter mode, not from a NumPy generator or a QR decomposition,
    so the indexer and every reader, on any machine and any library version, project alike.
    """
    k = width(dimension)
    need = dimension * k
    stream = b"".join(
        hashlib.sha256(b"quotebot token projection %d" % i).digest() for i in range((need + 255) // 256)
    )
    bits = np.unpackbits(np.frombuffer(stream, dtype=np.uint8))[:need].reshape(dimension, k)
    matrix = ((bits.astype(np.float32) * 2 - 1) / np.sqrt(k)).astype(np.float32)
    matrix.setflags(write=False)  # cached and shared: nobody may change it in place
    return matrix


def width(dimension: int) -> int:
    """How many dimensions the stored vectors of a model with this hidden size have."""
    return min(PROJECTED, max(dimension, 1))


def project(states: np.ndarray) -> np.ndarray:
    """Token states (n x d, any scale) to unit vectors in the projected space (n x 128)."""
    if len(states) == 0:
        return np.zeros((0, min(PROJECTED, states.shape[1])), dtype=np.float32)
    return normalise(normalise(states) @ projection(states.shape[1]))


def content_mask(pieces: Sequence[str]) -> np.ndarray:
    """Word pieces worth matching: alphanumeric, not a stop word (``##`` continuations are kept).
    The word-start marks of SentencePiece (``▁``) and byte-level BPE (``Ġ``) models are read too."""
    words = [p.removeprefix("▁").removeprefix("Ġ") for p in pieces]
    return np.array(
        [w.removeprefix("##").isalnum() and w.lower() not in STOPWORDS for w in words], dtype=bool
    )


def content_vectors(states: np.ndarray, pieces: Sequence[str], special: np.ndarray) -> np.ndarray:
    """What is stored (and what a question is scored with): the states of the content pieces,
    projected and quantised. ``special`` marks [CLS], [SEP] and padding to leave out."""
    plain = ~np.asarray(special, dtype=bool)
    content = content_mask([p for p, keep in zip(pieces, plain) if keep])
    return quantise(project(states[plain][content]))


def normalise(states: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(states, axis=1, keepdims=True)
    return (states / np.maximum(norms, 1e-12)).astype(np.float32)


def quantise(unit: np.ndarray) -> np.ndarray:
    return np.clip(np.rint(unit * SCALE), -127, 127).astype(np.int8)


def pack(matrix: np.ndarray) -> str:
    return base64.b64encode(np.ascontiguousarray(matrix, dtype=np.int8).tobytes()).decode("ascii")


def unpack(packed: str, dimension: int) -> np.ndarray:
    # binascii directly: base64.b64decode's argument checks cost as much as the decoding itself,
    # and an index view unpacks every sentence's vectors when it loads.
    try:
        raw = np.frombuffer(binascii.a2b_base64(packed), dtype=np.int8)
    except (binascii.Error, ValueError):
        raw = np.zeros(0, dtype=np.int8)
    if dimension <= 0 or raw.size % dimension:
        return np.zeros((0, max(dimension, 1)), dtype=np.int8)
    return raw.reshape(-1, dimension)


def content_words(
    text: str,
    pieces: Sequence[str],
    special: Sequence[int],
    word_ids: Sequence[int | None],
    offsets: Sequence[tuple[int, int]],
) -> tuple[str, ...]:
    """The word of ``text`` (as written) that each content piece belongs to, in the order of the
    rows ``content_vectors`` keeps: "drizzle" for both "dr" and "##izzle"."""
    plain = [i for i, s in enumerate(special) if not s]
    keep = content_mask([pieces[i] for i in plain])
    spans: dict[int | None, tuple[int, int]] = {}
    for i in plain:
        a, b = offsets[i]
        lo, hi = spans.get(word_ids[i], (a, b))
        spans[word_ids[i]] = (min(lo, a), max(hi, b))
    return tuple(text[slice(*spans[word_ids[i]])] for i, k in zip(plain, keep) if k)


def best_cosines(query: np.ndarray, matrices: Sequence[np.ndarray]) -> np.ndarray:
    """For each of the question's token vectors: its best cosine with any token vector of any of
    ``matrices`` (int8, as ``maxsim`` takes them); 0 where there are none."""
    mats = [m for m in matrices if len(m)]
    if len(query) == 0 or not mats:
        return np.zeros(len(query), dtype=np.float32)
    return (query.astype(np.float32) @ _stacked(mats).T).max(axis=1)


def _stacked(matrices: Sequence[np.ndarray]) -> np.ndarray:
    """Int8 piece vectors, one matrix after another, as float cosines' unit rows."""
    return np.concatenate(matrices).astype(np.float32) / SCALE


def maxsim(query: np.ndarray, matrices: Sequence[np.ndarray], credit: np.ndarray | None = None) -> np.ndarray:
    """For each sentence: the mean over the question's token vectors of the best cosine with any of
    the sentence's token vectors. ``query`` is float (k × d, unit rows); ``matrices`` are int8.
    ``credit`` (k × sentences, bool), where given, counts a question piece as fully matched in a
    sentence whatever its vectors say (a word that names the sentence's document).

    One matrix product over all candidates at once: ~50 candidates cost well under a millisecond.
    """
    out = np.zeros(len(matrices), dtype=np.float32)
    if len(query) == 0:
        return out
    rows = [i for i, mat in enumerate(matrices) if len(mat)]
    if not rows:
        return out
    sims = query.astype(np.float32) @ _stacked([matrices[i] for i in rows]).T  # k × total pieces
    starts = np.cumsum([0] + [len(matrices[i]) for i in rows[:-1]])
    best = np.maximum.reduceat(sims, starts, axis=1)  # k × sentences
    if credit is not None:
        best = np.where(credit[:, rows], np.float32(1.0), best)
    out[rows] = best.mean(axis=0)
    return out
