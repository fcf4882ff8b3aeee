"""The span records of an index, read from Chroma once and kept beside it as a derived copy.

A reader needs every sentence and passage record of the live generation (offsets, sections, token
vectors) before it can answer. Chroma's ``get`` of all of them costs ~0.9 s at 13,000 sentences,
most of a cold ``quotebot ask`` on a big index; reading the same records from one file costs a
small fraction of that.

Chroma stays the source of truth, and the copy can never be stale: its file is named by a hash of
everything the records are a function of (each document's id and text hash, and the index's model,
engine and chunker settings), so a changed document or setting names another file, and the copy of
an older state is simply never asked for. Span texts are not copied: they are slices of the
document texts, which are read from Chroma on every load and checked against their hashes
(``index.store``), so a quote is still cut from the text the index holds now (the indexer stores
``doc_text[start:end]`` as each span's text).

One file for the whole set, not one a document: a corpus of many short documents (XQuAD's are one
paragraph each) would pay a file open per document, more than Chroma's own scan. The first reader
of a new state of the index writes it, atomically (a temporary file, then a rename), and only from
records read in a consistent snapshot (``bot.index_view``). ``quotebot index`` deletes the copies
of older states but does not write the new one: reading every record back would cost it ~25 KB a
sentence at its peak, and indexing's memory stays bounded whatever the size of a document. Only an
embedded index has a copy: a Chroma server's readers may run on other machines.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from . import token_vectors as tv
from .store import Store

log = logging.getLogger(__name__)

#: The folder inside an embedded index that holds the copies.
SPAN_CACHE_DIR = "spans"
#: Bumped whenever the file layout changes: older files are then never read (the indexer deletes them).
CACHE_FORMAT = 1

#: Per kind of span: its integer fields, in the order of a file's ``*_ints`` columns, with the value
#: a record without the field stands for (as ``bot.index_view`` reads it).
KINDS: dict[str, dict[str, int]] = {
    "sentences": {"section_index": 0, "start": 0, "end": 0, "position": 0, "passage": -1, "quotation": 0},
    "passages": {"section_index": 0, "start": 0, "end": 0, "position": 0, "n_sentences": 0},
}

Record = tuple[str, dict[str, Any]]  # (span id, metadata without text; sentences: "vectors" int8)
Docs = Mapping[str, Mapping[str, Any]]  # document id -> its record (``sha256`` included)


@dataclass
class DocSpans:
    """One document's span records, in Chroma's metadata shape (texts left out, token vectors
    unpacked under ``"vectors"``)."""

    sentences: list[Record]
    passages: list[Record]

    def of(self, kind: str) -> list[Record]:
        return self.sentences if kind == "sentences" else self.passages


def settings_key(manifest: Mapping[str, Any]) -> str:
    """What a copy's name says of the index's model, engine and chunker settings."""
    fields = {k: manifest.get(k) for k in ("model_fingerprint", "dimension", "chunker", "engine")}
    fields["format"] = CACHE_FORMAT
    return hashlib.sha256(json.dumps(fields, sort_keys=True, default=str).encode()).hexdigest()


def _shas(docs: Docs) -> dict[str, str]:
    return {d: str(docs[d].get("sha256")) for d in sorted(docs)}


class SpanCache:
    """The copy of one index's span records: one file for one set of document versions."""

    def __init__(self, folder: Path, manifest: Mapping[str, Any]) -> None:
        self.folder = folder
        self.settings = settings_key(manifest)
        self.width = tv.width(int(manifest.get("dimension") or 0))

    @classmethod
    def for_store(cls, store: Store, manifest: Mapping[str, Any]) -> SpanCache | None:
        """The copy of an embedded index; None for a Chroma server."""
        config = store.config
        if config.server_mode:
            return None
        return cls(config.index_dir / SPAN_CACHE_DIR, manifest)

    def path(self, docs: Docs) -> Path:
        """The file for these documents (id and text hash of each) under these settings."""
        key = json.dumps([self.settings, _shas(docs)], ensure_ascii=True)
        return self.folder / f"{hashlib.sha256(key.encode()).hexdigest()[:40]}.npz"

    # -- reading -------------------------------------------------------------------------------
    def load(self, docs: Docs) -> dict[str, DocSpans] | None:
        """Every document's records, or None if there is no usable copy (missing, damaged, another's)."""
        file = self.path(docs)
        try:
            with np.load(file, allow_pickle=False) as z:
                if json.loads(str(z["head"])) != {"settings": self.settings, "docs": _shas(docs)}:
                    return None
                order = sorted(docs)
                out = {d: DocSpans([], []) for d in order}
                for kind in KINDS:
                    for doc, record in self._records(z, kind, order, docs):
                        out[doc].of(kind).append(record)
                return out
        except FileNotFoundError:
            return None
        except OSError as exc:  # unreadable (permissions, I/O): Chroma is read instead
            log.info("cannot read the span copy %s (%s); reading the index itself", file, exc)
            return None
        except Exception as exc:  # a damaged file of any kind is only a missed copy
            log.warning("ignoring the damaged span copy %s (%s)", file, exc)
            return None

    def _records(self, z: Any, kind: str, order: list[str], docs: Docs) -> list[tuple[str, Record]]:
        ids = z[f"{kind}_ids"].tolist()
        fields = KINDS[kind]
        ints = z[f"{kind}_ints"]
        if ints.shape != (len(ids), len(fields)):
            raise ValueError(f"{kind}: {ints.shape} integer fields for {len(ids)} records")
        labels = json.loads(str(z[f"{kind}_labels"]))
        out: list[tuple[str, Record]] = []
        for rid, doc, section, row in zip(
            ids, z[f"{kind}_docs"].tolist(), z[f"{kind}_sections"].tolist(), ints.tolist(), strict=True
        ):
            doc_id = order[doc]
            meta = dict(zip(fields, row))
            meta.update(doc_id=doc_id, doc_sha=docs[doc_id].get("sha256"), section=labels[section])
            if kind == "sentences":
                meta["quotation"] = bool(meta["quotation"])
            out.append((doc_id, (rid, meta)))
        if kind == "sentences":
            counts, vectors = z["sentences_counts"], z["sentences_vectors"]
            if (
                len(counts) != len(out)
                or int(counts.sum()) != len(vectors)
                or vectors.shape[1:] != (self.width,)
            ):
                raise ValueError("the token vectors do not match the sentences")
            bounds = np.concatenate([[0], np.cumsum(counts)])
            for (_, (_, meta)), a, b in zip(out, bounds[:-1], bounds[1:], strict=True):
                meta["vectors"] = vectors[a:b]
        return out

    # -- writing -------------------------------------------------------------------------------
    def save(self, docs: Docs, spans: Mapping[str, DocSpans]) -> None:
        """Write the copy atomically. Never raises: a folder that cannot be written, or records
        this layout cannot hold, only cost the next reader the scan of Chroma."""
        try:
            self._save(docs, spans)
        except Exception as exc:
            log.warning("could not write the span copy in %s (%s)", self.folder, exc)

    def _save(self, docs: Docs, spans: Mapping[str, DocSpans]) -> None:
        order = sorted(docs)
        index = {d: i for i, d in enumerate(order)}
        arrays: dict[str, np.ndarray] = {
            "head": np.array(json.dumps({"settings": self.settings, "docs": _shas(docs)}))
        }
        for kind, fields in KINDS.items():
            rows = [(d, rid, m) for d in order for rid, m in spans[d].of(kind)]
            labels = sorted({str(m["section"]) for _, _, m in rows})
            code = {label: i for i, label in enumerate(labels)}
            arrays[f"{kind}_ids"] = np.array([rid for _, rid, _ in rows], dtype=str)
            arrays[f"{kind}_docs"] = np.array([index[d] for d, _, _ in rows], dtype=np.int32)
            arrays[f"{kind}_ints"] = np.array(
                [[int(m.get(f, default)) for f, default in fields.items()] for _, _, m in rows],
                dtype=np.int64,
            ).reshape(len(rows), len(fields))
            arrays[f"{kind}_labels"] = np.array(json.dumps(labels, ensure_ascii=False))
            arrays[f"{kind}_sections"] = np.array([code[str(m["section"])] for _, _, m in rows], np.int32)
        vectors = [m["vectors"] for d in order for _, m in spans[d].sentences]
        arrays["sentences_counts"] = np.array([len(v) for v in vectors], dtype=np.int64)
        arrays["sentences_vectors"] = (
            np.concatenate(vectors).astype(np.int8) if vectors else np.zeros((0, self.width), np.int8)
        )
        file = self.path(docs)
        tmp: str | None = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".", suffix=".npz.tmp", dir=self.folder)
            with os.fdopen(fd, "wb") as out:
                np.savez(out, **arrays)  # type: ignore[arg-type]
            # mkstemp makes the file private (0600); a bot running as another user reads it too.
            os.chmod(tmp, 0o644)
            os.replace(tmp, file)
            tmp = None
        except OSError as exc:
            log.debug("could not write the span copy %s (%s)", file, exc)
        finally:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)

    def prune(self, docs: Docs) -> int:
        """Delete every file but the copy for ``docs``; return how many were deleted."""
        keep = self.path(docs).name
        removed = 0
        with contextlib.suppress(FileNotFoundError, NotADirectoryError):
            for file in self.folder.iterdir():
                if file.name != keep:
                    with contextlib.suppress(OSError):
                        file.unlink()
                        removed += 1
        return removed


def read_spans(
    store: Store, generation: int, docs: Docs, width: int, cache: SpanCache | None
) -> tuple[dict[str, DocSpans], bool]:
    """Every document's span records, from the copy if there is one for exactly these document
    versions, else from Chroma; True when they came from Chroma.

    ``width`` is the token vectors' (``token_vectors.width`` of the index's dimension). Records read
    from Chroma are saved by the caller (``SpanCache.save``) once it knows the snapshot was
    consistent: a document switched during the read must not be copied half-deleted.
    """
    got = cache.load(docs) if cache is not None else None
    if got is not None:
        return got, False
    return _from_store(store, generation, docs, width), True


def _from_store(store: Store, generation: int, docs: Docs, width: int) -> dict[str, DocSpans]:
    """Every document's span records from Chroma (texts left out: ``Store.scan_records``). Spans
    of another version of a document (left by an interrupted run) and of no document are dropped."""
    out: dict[str, DocSpans] = {d: DocSpans([], []) for d in sorted(docs)}
    for kind in KINDS:
        for rid, meta in store.scan_records(generation, kind):
            doc_id = str(meta.get("doc_id"))
            spans = out.get(doc_id)
            if spans is None or meta.get("doc_sha") != docs[doc_id].get("sha256"):
                continue
            if kind == "sentences":
                packed = meta.pop("tokens", None)
                meta["vectors"] = tv.unpack(packed, width) if packed else np.zeros((0, width), np.int8)
            spans.of(kind).append((rid, meta))
    return out
