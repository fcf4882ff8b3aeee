"""The one module that talks to Chroma.

Layout of an index (``ns`` is the namespace, ``g`` the generation):

- ``{ns}-meta``: one record, the manifest (JSON), naming the live generation;
- ``{ns}-g{g}-documents``: canonical text of each document, in pieces of at most ``TEXT_PIECE`` chars;
- ``{ns}-g{g}-sentences`` and ``{ns}-g{g}-passages``: exact spans with their embeddings.

Every span record carries its document's sha256. A document record is written only after all its
spans, and old spans are deleted only after it; a reader ignores spans whose sha differs from the
document record. So a run killed at any point leaves an index that still answers consistently.
A rebuild fills a new generation and switches the manifest in one write.

Chroma's default embedding function is never used: collections are opened with
``embedding_function=None`` and every add and query passes vectors computed by ``Embedder``.

Every call to Chroma goes through ``Store._call``: a server that stops answering is retried with
backoff for ``StoreConfig.retry_s`` seconds, then reported as ``StoreUnavailableError``; the same
client works again as soon as the server is back. A generation that disappeared under a reader (a
rebuild finished and dropped it) is reported as ``IndexChangedError`` so the reader reloads.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from .connection import (
    StoreConfig,
    connect,
    is_not_found,
    is_stale,
    is_transient,
    renamed_index_message,
)
from .errors import IndexChangedError, IndexMissingError, StoreUnavailableError

__all__ = ["TEXT_PIECE", "Store", "StoreConfig", "connect"]

T = TypeVar("T")

log = logging.getLogger(__name__)

TEXT_PIECE = 200_000


def _assemble(pieces: list[tuple[dict[str, Any], str | None]]) -> tuple[dict[str, Any], str] | None:
    """Join the stored pieces of one document: (first piece's metadata, text), or None if incomplete.

    Only pieces of the first piece's version count: a run killed mid-write may leave others behind.
    A text that does not hash to its record's sha256 (damaged in the store) counts as absent: the
    spans' offsets were cut from the text that does, and a reader takes each span's text from them.
    """
    heads = [m for m, _ in pieces if int(m["piece"]) == 0]
    if not heads:
        return None
    head = heads[0]
    count = int(head["pieces"])
    parts = sorted(
        (int(m["piece"]), t or "")
        for m, t in pieces
        if m.get("sha256") == head.get("sha256") and int(m["piece"]) < count
    )
    if len(parts) != count:
        return None
    text = "".join(t for _, t in parts)
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != head.get("sha256"):
        log.warning(
            "the stored text of %s does not match its hash; it is left out until `quotebot index "
            "--rebuild` writes it again",
            head.get("doc_id"),
        )
        return None
    return dict(head), text


class Store:
    """Typed access to the collections of one index namespace."""

    def __init__(self, config: StoreConfig, client: Any | None = None, create: bool = True) -> None:
        """``create=False``: open an existing index only (readers), see ``connect``."""
        self.config = config
        self._create = create
        self.client = client if client is not None else connect(config, create)
        self.ns = config.ns
        self._collections: dict[str, Any] = {}

    def reconnect(self) -> None:
        """Embedded mode: open the folder afresh, so that writes made by *another process* are seen.

        An embedded Chroma keeps its vector segments in memory and never rereads what another process
        wrote (queries then fail with "Error finding id"). A long-running reader calls this when the
        manifest shows that an indexer has finished; the server mode needs nothing of the kind.
        """
        if self.config.server_mode:
            return
        from chromadb.api.shared_system_client import SharedSystemClient

        # Chroma shares one system per folder within a process; drop ours from that cache (without
        # stopping it: a question in flight may still be using it) so that connect() builds a new one.
        identifier = getattr(self.client, "_identifier", None)
        if identifier is not None:
            SharedSystemClient._identifier_to_system.pop(identifier, None)
            SharedSystemClient._identifier_to_refcount.pop(identifier, None)
        self.client = connect(self.config, self._create)
        self._collections = {}

    # -- resilience ----------------------------------------------------------------------------
    def _call(self, what: str, fn: Callable[[], T]) -> T:
        """Run one Chroma call, retrying network failures with exponential backoff."""
        deadline = time.monotonic() + self.config.retry_s
        delay = 0.1
        while True:
            try:
                return fn()
            except Exception as exc:
                if not is_transient(exc):
                    raise
                left = deadline - time.monotonic()
                if left <= 0:
                    raise StoreUnavailableError(self._down_message(exc)) from None
                wait = min(delay, left)
                log.warning("Chroma %s failed (%s); retrying in %.1f s", what, type(exc).__name__, wait)
                time.sleep(wait)
                delay = min(delay * 2, 2.0)

    def _down_message(self, exc: BaseException) -> str:
        c = self.config
        if c.server_mode:
            return (
                f"the Chroma server at {c.host}:{c.port} is not answering ({type(exc).__name__}, "
                f"retried for {c.retry_s:g} s). Check that `chroma run` is up; Quotebot reconnects "
                "by itself when it is back"
            )
        return f"the index in {c.index_dir} cannot be read ({type(exc).__name__}: {exc})"

    def _read(self, name: str, what: str, fn: Callable[[Any], T]) -> T:
        """A read of one generation collection. A collection that vanished (a rebuild switched) or an
        embedded reader gone stale (another process wrote) raises ``IndexChangedError``: reload."""
        try:
            col = self._collection(name, create=False)
            return self._call(what, lambda: fn(col))
        except Exception as exc:
            if not (is_not_found(exc) or is_stale(exc)):
                raise
            self._collections.pop(name, None)
            raise IndexChangedError(
                f"the index changed while it was being read ({name}); ask again"
            ) from None

    # -- collections -------------------------------------------------------------------------
    def _collection(self, name: str, create: bool) -> Any:
        if name in self._collections:
            return self._collections[name]
        if create:
            col = self._call(
                "get_or_create_collection",
                lambda: self.client.get_or_create_collection(
                    name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
                ),
            )
        else:
            col = self._call(
                "get_collection", lambda: self.client.get_collection(name, embedding_function=None)
            )
        self._collections[name] = col
        return col

    def _name(self, generation: int, kind: str) -> str:
        return f"{self.ns}-g{generation}-{kind}"

    def collection(self, generation: int, kind: str, create: bool = False) -> Any:
        return self._collection(self._name(generation, kind), create)

    def generations(self) -> list[int]:
        """Generations that have collections in this namespace (live or left over by a crash)."""
        gens = set()
        prefix = f"{self.ns}-g"
        for name in self._collection_names():
            if name.startswith(prefix):
                head = name[len(prefix) :].split("-", 1)[0]
                if head.isdigit():
                    gens.add(int(head))
        return sorted(gens)

    def _collection_names(self) -> list[str]:
        """Every collection's name in the store (Chroma versions list names or objects)."""
        return [
            col if isinstance(col, str) else col.name
            for col in self._call("list_collections", self.client.list_collections)
        ]

    def other_namespaces(self) -> list[str]:
        """Namespaces besides this one that hold an index (a manifest) in the same store."""
        names = self._collection_names()
        return sorted(
            n.removesuffix("-meta") for n in names if n.endswith("-meta") and n != f"{self.ns}-meta"
        )

    def check_not_renamed(self) -> None:
        """Called where this namespace holds no index. An embedded index is named after its folder
        (``StoreConfig.ns``): a folder renamed or copied since still holds its index under the old
        name, and reading nothing, or building the bundled corpus beside it, would hide the user's
        documents. Say so, and how to reach it."""
        if self.config.server_mode or self.config.namespace:
            return
        others = self.other_namespaces()
        if others:
            raise IndexMissingError(renamed_index_message(self.config.describe(), self.ns, others))

    def drop_generation(self, generation: int) -> None:
        for kind in ("documents", "sentences", "passages"):
            name = self._name(generation, kind)
            self._collections.pop(name, None)
            try:
                self._call("delete_collection", lambda n=name: self.client.delete_collection(n))  # type: ignore[misc]
            except Exception as exc:
                if not is_not_found(exc):
                    raise
                log.debug("collection %s not present", name)

    # -- manifest ----------------------------------------------------------------------------
    def read_manifest(self) -> dict[str, Any] | None:
        try:
            meta = self._collection(f"{self.ns}-meta", create=False)
        except Exception as exc:
            if is_not_found(exc):
                return None
            raise
        got = self._call("read manifest", lambda: meta.get(ids=["manifest"], include=["documents"]))
        docs = got.get("documents") or []
        if not docs:
            return None
        manifest: dict[str, Any] = json.loads(docs[0])
        return manifest

    def write_manifest(self, manifest: dict[str, Any]) -> None:
        meta = self._collection(f"{self.ns}-meta", create=True)
        self._call(
            "write manifest",
            lambda: meta.upsert(ids=["manifest"], documents=[json.dumps(manifest)], embeddings=[[1.0]]),
        )

    # -- writing -------------------------------------------------------------------------------
    def max_batch(self) -> int:
        try:
            return max(1, min(int(self.client.get_max_batch_size()), 2000))
        except Exception:
            return 1000

    def add(
        self,
        generation: int,
        kind: str,
        ids: list[str],
        embeddings: Any,
        documents: list[str],
        metadatas: list[dict[str, Any]],
    ) -> None:
        col = self.collection(generation, kind, create=True)
        step = self.max_batch()
        for i in range(0, len(ids), step):
            sl = slice(i, i + step)
            self._call(
                "upsert",
                lambda sl=sl: col.upsert(  # type: ignore[misc]
                    ids=ids[sl], embeddings=embeddings[sl], documents=documents[sl], metadatas=metadatas[sl]
                ),
            )

    def put_documents(
        self, generation: int, records: list[tuple[str, str, dict[str, Any]]], replaces: set[str]
    ) -> None:
        """Store the canonical texts of (doc id, text, metadata) records, in pieces, in one upsert (a
        reader never sees half a document); the piece count goes in every piece's metadata. For the
        doc ids in ``replaces``, pieces beyond the new count (left by a longer version) are deleted."""
        col = self.collection(generation, "documents", create=True)
        ids: list[str] = []
        texts: list[str] = []
        metas: list[dict[str, Any]] = []
        counts: dict[str, int] = {}
        for doc_id, text, meta in records:
            pieces = [text[i : i + TEXT_PIECE] for i in range(0, len(text), TEXT_PIECE)] or [""]
            counts[doc_id] = len(pieces)
            ids += [f"{doc_id}#{k}" for k in range(len(pieces))]
            texts += pieces
            metas += [
                {**meta, "doc_id": doc_id, "piece": k, "pieces": len(pieces)} for k in range(len(pieces))
            ]
        self._call(
            "upsert document",
            lambda: col.upsert(ids=ids, documents=texts, metadatas=metas, embeddings=[[1.0]] * len(ids)),
        )
        for doc_id in sorted(replaces & counts.keys()):
            where = {"$and": [{"doc_id": doc_id}, {"piece": {"$gte": counts[doc_id]}}]}
            stale = self._call("get", lambda where=where: col.get(where=where, include=[]))  # type: ignore[misc]
            if stale["ids"]:
                self._call("delete", lambda stale=stale: col.delete(ids=stale["ids"]))  # type: ignore[misc]

    def delete_document(self, generation: int, doc_id: str) -> None:
        col = self.collection(generation, "documents", create=True)
        self._call("delete", lambda: col.delete(where={"doc_id": doc_id}))
        self.delete_spans(generation, doc_id, keep_sha=None)

    def delete_spans(self, generation: int, doc_id: str, keep_sha: str | None) -> None:
        where: dict[str, Any] = {"doc_id": doc_id}
        if keep_sha is not None:
            where = {"$and": [{"doc_id": doc_id}, {"doc_sha": {"$ne": keep_sha}}]}
        for kind in ("sentences", "passages"):
            col = self.collection(generation, kind, create=True)
            self._call("delete", lambda col=col: col.delete(where=where))  # type: ignore[misc]

    def delete_ids(self, generation: int, kind: str, ids: list[str]) -> None:
        col = self.collection(generation, kind, create=True)
        for i in range(0, len(ids), 1000):
            self._call("delete", lambda i=i: col.delete(ids=ids[i : i + 1000]))  # type: ignore[misc]

    # -- reading -------------------------------------------------------------------------------
    def documents(self, generation: int) -> dict[str, dict[str, Any]]:
        """Metadata of every document (first piece), keyed by doc id."""
        name = self._name(generation, "documents")

        def scan(col: Any) -> dict[str, dict[str, Any]]:
            return {
                str(meta["doc_id"]): dict(meta)
                for _, _, meta in self._scan(col, where={"piece": 0}, include=["metadatas"])
            }

        return self._read(name, "documents", scan)

    def document_text(self, generation: int, doc_id: str) -> str | None:
        """The canonical text of a document, or None if it is absent or incomplete."""
        got = self._read(
            self._name(generation, "documents"),
            "document text",
            lambda col: col.get(where={"doc_id": doc_id}, include=["documents", "metadatas"]),
        )
        whole = _assemble(list(zip(got["metadatas"], got["documents"])))
        return whole[1] if whole else None

    def document_texts(self, generation: int) -> dict[str, tuple[dict[str, Any], str]]:
        """Every complete document of a generation, in one scan: doc id -> (record, canonical text).

        The record is the metadata of the text's first piece, as ``documents`` returns it.
        """

        def scan(col: Any) -> dict[str, list[tuple[dict[str, Any], str | None]]]:
            grouped: dict[str, list[tuple[dict[str, Any], str | None]]] = {}
            for _, text, meta in self._scan(col):
                grouped.setdefault(str(meta["doc_id"]), []).append((meta, text))
            return grouped

        grouped = self._read(self._name(generation, "documents"), "document texts", scan)
        return {doc_id: whole for doc_id, pieces in grouped.items() if (whole := _assemble(pieces))}

    def _scan(
        self,
        col: Any,
        where: dict[str, Any] | None = None,
        include: list[str] | None = None,
        page: int = 5000,
    ) -> Iterator[tuple[str, str | None, dict[str, Any]]]:
        offset = 0
        include = include or ["documents", "metadatas"]
        while True:
            got = self._call(
                "get",
                lambda o=offset: col.get(where=where, include=include, limit=page, offset=o),  # type: ignore[misc]
            )
            ids = got["ids"]
            if not ids:
                return
            docs = got.get("documents") or [None] * len(ids)
            metas = got.get("metadatas") or [{}] * len(ids)
            yield from zip(ids, docs, metas)
            if len(ids) < page:
                return
            offset += page

    def scan(self, generation: int, kind: str) -> Iterator[tuple[str, str | None, dict[str, Any]]]:
        """Every record of a span collection: (id, text, metadata)."""
        return iter(self._read(self._name(generation, kind), "scan", lambda col: list(self._scan(col))))

    def scan_records(self, generation: int, kind: str) -> Iterator[tuple[str, dict[str, Any]]]:
        """Every record of a span collection without its text: (id, metadata). A third faster than
        ``scan``: a span's text is a slice of its document's, so a reader that holds the documents
        needs only the offsets."""
        got = self._read(
            self._name(generation, kind),
            "scan",
            lambda col: list(self._scan(col, include=["metadatas"])),
        )
        return ((rid, meta) for rid, _, meta in got)

    def count(self, generation: int, kind: str) -> int:
        try:
            return int(self._read(self._name(generation, kind), "count", lambda col: col.count()))
        except IndexChangedError:
            return 0

    def query(
        self, generation: int, kind: str, embedding: Any, k: int, where: dict[str, Any] | None = None
    ) -> list[tuple[str, float]]:
        """Nearest spans by cosine similarity: (id, similarity), best first."""

        # No count() first: Chroma returns what it has when asked for more (an empty collection
        # included), and a count costs a scan per question (~2.6 ms at 21,000 sentences).
        if k <= 0:
            return []
        got = self._read(
            self._name(generation, kind),
            "query",
            lambda col: col.query(
                query_embeddings=[embedding], n_results=k, where=where, include=["distances"]
            ),
        )
        return [(i, 1.0 - float(d)) for i, d in zip(got["ids"][0], got["distances"][0])]

    def embeddings(self, generation: int, kind: str, ids: list[str]) -> dict[str, Any]:
        if not ids:
            return {}
        got = self._read(
            self._name(generation, kind), "embeddings", lambda col: col.get(ids=ids, include=["embeddings"])
        )
        return dict(zip(got["ids"], got["embeddings"]))
