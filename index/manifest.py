"""The manifest: what an index was built with, and the contract both paths read.

The write path (``index/pipeline.py``) records it after every run; the read path
(``bot/index_view.py``) checks it before answering. An index built with other settings is refused
with the fix named: ``quotebot index`` when the difference comes from upgrading Quotebot (it
rebuilds by itself), ``quotebot index --rebuild`` when it comes from a setting the user chose.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import token_vectors as tv
from .embedder import Embedder
from .errors import IndexMismatchError
from .passages import CHUNKER_VERSION
from .sentences import MAX_SENTENCE_CHARS
from .store import StoreConfig

MANIFEST_FORMAT = 1
#: Manifest keys that must match the current settings for an index to be usable.
COMPAT_KEYS = ("format", "model_fingerprint", "dimension", "normalize", "chunker", "engine")


@dataclass(frozen=True)
class IndexConfig:
    """The settings an index is built and read with."""

    store: StoreConfig
    model_path: Path | None = None
    #: Where the model's exported ONNX graph is cached (None: ``engine.cache_dir()``).
    cache_dir: Path | None = None
    max_tokens: int = 128
    max_file_bytes: int = 20_000_000
    batch_size: int = 64


def chunker_settings(config: IndexConfig) -> dict[str, Any]:
    from importlib.metadata import PackageNotFoundError, version

    try:
        segmenter = f"sentencex {version('sentencex')}"
    except PackageNotFoundError:
        segmenter = "sentencex"
    return {
        "version": CHUNKER_VERSION,
        "max_tokens": config.max_tokens,
        "max_sentence_chars": MAX_SENTENCE_CHARS,
        "segmenter": segmenter,
        "sentence_text": "section-prefixed",
        "token_vectors": tv.TOKEN_VECTORS,
    }


def expected_manifest(embedder: Embedder, config: IndexConfig) -> dict[str, Any]:
    return {
        "format": MANIFEST_FORMAT,
        "model": embedder.name,
        "model_path": str(embedder.path),
        "model_fingerprint": embedder.fingerprint,
        "dimension": embedder.dimension,
        "normalize": embedder.normalize,
        "chunker": chunker_settings(config),
        "engine": embedder.engine,
    }


#: Differences that come from upgrading Quotebot itself, not from a user's setting: `quotebot index`
#: rebuilds for them on its own (a changed model or passage size still needs --rebuild). The engine
#: (the exported graph's hash, its precision) changes the vectors themselves: an index built before
#: it existed or with another graph is rebuilt alike.
CODE_VERSIONED = ("chunker.version ", "chunker.segmenter ", "chunker.token_vectors ", "engine.")


def differences(stored: dict[str, Any], expected: dict[str, Any]) -> list[str]:
    out = []
    for k in COMPAT_KEYS:
        a, b = stored.get(k), expected.get(k)
        if a == b:
            continue
        if a is None and isinstance(b, dict):
            a = {}  # a section an older Quotebot did not record: each of its fields differs
        if isinstance(a, dict) and isinstance(b, dict):
            out += [
                f"{k}.{sub} {a.get(sub)!r} → {b.get(sub)!r}"
                for sub in sorted(set(a) | set(b))
                if a.get(sub) != b.get(sub)
            ]
        else:
            out.append(f"{k} {a!r} → {b!r}")
    return out


def check_compatible(stored: dict[str, Any], expected: dict[str, Any], where: str) -> None:
    """Refuse an index built with other settings, naming what differs and the fix."""
    diffs = differences(stored, expected)
    if diffs and all(d.startswith(CODE_VERSIONED) for d in diffs):
        raise IndexMismatchError(
            f"the index in {where} was built by another version of Quotebot ({'; '.join(diffs[:3])}); "
            "run `quotebot index` to bring it up to date (it rebuilds by itself)"
        )
    if diffs:
        raise IndexMismatchError(
            f"the index in {where} was built with other settings ({'; '.join(diffs[:3])}); "
            "run `quotebot index --rebuild` to rebuild it with the current ones"
        )
