"""Writing one document into a generation, crash-safely: its spans first, in slices of bounded size,
then the document record that points readers at them, then the removal of what it replaced.

A reader ignores spans whose document hash differs from the document record, so a run killed at
any point leaves an index that still answers; ``collect_orphans`` sweeps what such a run left.
"""

from __future__ import annotations

import hashlib
import json
import logging
from typing import Any

from . import token_vectors as tv
from .analysis import Analysis
from .embedder import Embedder
from .store import Store
from .types import Document, Sentence

log = logging.getLogger(__name__)


def span_id(doc: Document, start: int, end: int) -> str:
    """Stable id from document and span; includes the content hash so a changed text gets new ids."""
    key = hashlib.sha1(doc.doc_id.encode()).hexdigest()[:10]
    return f"{key}-{doc.sha256[:10]}-{start}-{end}"


#: Spans embedded and written per step of ``store_documents``: a document of any size is stored
#: slice by slice, so memory is bounded by the slice, not the document (a 7.6 MB one-line text has
#: ~35,000 sentences; their float lists alone would take ~0.5 GB at once).
STORE_SLICE = 1024


def store_documents(store: Store, gen: int, batch: list[tuple[Analysis, bool]], embedder: Embedder) -> int:
    """Write the spans of a few documents, slice by slice, then their records, in one call; return
    how many spans were embedded.

    ``batch`` holds (analysis, replaces): ``replaces`` says an earlier version may exist in this
    generation (its spans and text pieces are deleted after the switch). For a document new to the
    generation the deletes are skipped: on a large collection each is a metadata scan.

    Several small documents go together because every Chroma write costs ~5-20 ms whatever its size
    (240 one-paragraph documents took 720 writes and half of the indexing time); the caller keeps a
    batch to about ``STORE_SLICE`` spans. Readers ignore the new spans until a record points at them,
    however many slices it takes, so a run killed half-way leaves an index that answers as before.
    """
    rows: list[tuple[Document, Sentence, dict[int, int]]] = []
    for a, _ in batch:
        passage_of = _passage_of(a)  # once per document: a big one has tens of thousands of sentences
        rows += [(a.document, s, passage_of) for s in a.sentences]
    for at in range(0, len(rows), STORE_SLICE):
        part = rows[at : at + STORE_SLICE]
        vectors, token_vectors = embedder.encode_with_tokens([f"{s.section}: {s.text}" for _, s, _ in part])
        store.add(
            gen,
            "sentences",
            [span_id(doc, s.start, s.end) for doc, s, _ in part],
            vectors.tolist(),
            [s.text for _, s, _ in part],
            [
                {
                    "doc_id": doc.doc_id,
                    "doc_sha": doc.sha256,
                    "section": s.section,
                    "section_index": s.section_index,
                    "start": s.start,
                    "end": s.end,
                    "position": s.position,
                    "passage": passage_of.get(s.start, -1),
                    "quotation": s.quotation,
                    "tokens": tv.pack(tokens),
                }
                for (doc, s, passage_of), tokens in zip(part, token_vectors)
            ],
        )
    chunks = [(a.document, p) for a, _ in batch for p in a.passages]
    for at in range(0, len(chunks), STORE_SLICE):
        chunk = chunks[at : at + STORE_SLICE]
        store.add(
            gen,
            "passages",
            [span_id(doc, p.start, p.end) for doc, p in chunk],
            embedder.encode([f"{p.section}: {p.text}" for _, p in chunk]).tolist(),
            [p.text for _, p in chunk],
            [
                {
                    "doc_id": doc.doc_id,
                    "doc_sha": doc.sha256,
                    "section": p.section,
                    "section_index": p.section_index,
                    "start": p.start,
                    "end": p.end,
                    "position": p.position,
                    "n_sentences": len(p.sentence_starts),
                }
                for doc, p in chunk
            ],
        )
    # The switch: only now do the documents' records point readers at the new spans.
    store.put_documents(
        gen,
        [(a.document.doc_id, a.document.text, _record(a)) for a, _ in batch],
        replaces={a.document.doc_id for a, replaces in batch if replaces},
    )
    for a, replaces in batch:
        if replaces:
            store.delete_spans(gen, a.document.doc_id, keep_sha=a.document.sha256)
    return len(rows) + len(chunks)


def _passage_of(a: Analysis) -> dict[int, int]:
    """Each sentence start → the position of the passage it belongs to."""
    return {st: p.position for p in a.passages for st in p.sentence_starts}


def _record(a: Analysis) -> dict[str, Any]:
    """The document record's metadata: what a reader needs before it reads any span."""
    doc = a.document
    return {
        "title": doc.title,
        "path": doc.path,
        "sha256": doc.sha256,
        "sections": len(a.sections),
        "section_labels": json.dumps([s.label for s in a.sections], ensure_ascii=False),
        "sentences": len(a.sentences),
        "passages": len(a.passages),
    }


def collect_orphans(store: Store, gen: int, docs: dict[str, dict[str, Any]]) -> None:
    """Delete spans no document record points at (left by a run that was killed).

    Readers already ignore them; this keeps counts and dense top-k honest. The check is one count
    per collection, so a clean index pays almost nothing.
    """
    expected = sum(int(d.get("sentences", 0)) for d in docs.values())
    if store.count(gen, "sentences") == expected and store.count(gen, "passages") == sum(
        int(d.get("passages", 0)) for d in docs.values()
    ):
        return
    log.info("removing spans left by an interrupted run")
    for kind in ("sentences", "passages"):
        stale = [
            rid
            for rid, meta in store.scan_records(gen, kind)
            if docs.get(str(meta.get("doc_id")), {}).get("sha256") != meta.get("doc_sha")
        ]
        store.delete_ids(gen, kind, stale)
