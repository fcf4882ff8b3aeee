"""A read-only snapshot of one index generation, held in memory for fast lexical scoring.

Dense search stays in Chroma; this view keeps what BM25, neighbours and verification need: every
sentence and passage (id, span, section, text) of the live generation, filtered to spans whose
document sha matches the document record (see ``index.store``), and the canonical texts.

The snapshot is taken whole, texts included, and checked: if an indexer switched a document while
it was being read, it is read again. So a quote is always verified against the very text its spans
were cut from, even while ``quotebot index`` runs beside the bot; the service swaps in a new view
when the manifest changes.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from itertools import pairwise
from types import MappingProxyType
from typing import Any

import numpy as np

from index import token_vectors as tv
from index.aliases import freeze
from index.connection import missing_index_message
from index.embedder import Embedder
from index.errors import IndexChangedError, IndexEmptyError, IndexMissingError
from index.manifest import IndexConfig, check_compatible, expected_manifest
from index.rows import filled_cells, table_cells
from index.sentences import column_headers, indent_end
from index.span_cache import DocSpans, SpanCache, read_spans
from index.store import Store

from .lexical import (
    BM25,
    groups_columns,
    has_table_rule,
    heads_table,
    is_table_row,
    labels_only,
    record_table,
    terms,
)
from .understand import Sources

#: Span embeddings a view remembers of each kind (``IndexView.embeddings``): 1.5 KB each, so at most
#: ~12 MB a kind however big the index.
REMEMBERED_EMBEDDINGS = 8192

log = logging.getLogger(__name__)

#: How many times a snapshot is read again when an indexer changes documents under it.
SNAPSHOT_ATTEMPTS = 3


@dataclass(frozen=True)
class SpanRec:
    """A sentence or passage of the live index, as the read path sees it."""

    row: int
    id: str
    doc_id: str
    section: str
    section_index: int
    start: int
    end: int
    position: int
    text: str
    quotation: bool = False
    passage: int = -1


@dataclass(frozen=True)
class _RowCodes:
    """Each row's section label and document id as integer codes (see ``IndexView.row_mask``)."""

    sections: np.ndarray
    docs: np.ndarray
    section_ids: dict[str, int]
    doc_ids: dict[str, int]


def _codes(spans: list[SpanRec]) -> _RowCodes:
    section_ids: dict[str, int] = {}
    doc_ids: dict[str, int] = {}
    sections = np.fromiter(
        (section_ids.setdefault(s.section, len(section_ids)) for s in spans), np.int32, len(spans)
    )
    docs = np.fromiter((doc_ids.setdefault(s.doc_id, len(doc_ids)) for s in spans), np.int32, len(spans))
    return _RowCodes(sections, docs, section_ids, doc_ids)


def plain_table_headers(
    by_start: Mapping[tuple[str, int], SpanRec], texts: Mapping[str, str]
) -> dict[int, int]:
    """Per row of a plain-text table in columns (by its sentence's ``row``), its header sentence's
    row, where a rule of dashes marks the header (``index.sentences.column_headers``): such rows
    are sentences of their own, and their own text rarely names what their columns hold ("Red,
    steady   Drum unit worn out" under "Light   Meaning"). ``by_start``: the sentences by document
    and start. Only the rows found are looked up, so a document without such a table costs one scan."""
    out: dict[int, int] = {}
    for doc_id, text in texts.items():
        for line, (header, _) in column_headers(text).items():
            row = by_start.get((doc_id, indent_end(text, line)))
            head = by_start.get((doc_id, indent_end(text, header)))
            if row is not None and head is not None and row.section_index == head.section_index:
                out[row.row] = head.row
    return out


def _table_headers(
    sentences: list[SpanRec],
    term_lists: list[list[str]],
    texts: Mapping[str, str],
    plain: Mapping[int, int] = MappingProxyType({}),
    is_record: Callable[[SpanRec], bool] | None = None,
) -> dict[int, list[str]]:
    """Per table row (by its place in ``sentences``) after a table's first row, that first row's
    terms when it is the table's header: it holds labels only, or the document marks it with a
    rule under it (``lexical.has_table_rule``: "| Band | 2023/24 |", a web page's ``<th>`` row)
    and names the next row's cells as ``Quote.columns`` would (``lexical.names_columns``); under a
    header of two rows, the second row's terms as well. A row's own text rarely names its columns
    ("| H | More than £320,000 | £4,495.86 |"). A plain-text table's rows under a header ruled off
    (``plain``: ``plain_table_headers``) get their header's terms too. A first row of labels over
    no rule is no header where its table is one record (``is_record``: ``IndexView.is_record``)."""
    out: dict[int, list[str]] = {}
    first = 0  # the row of the table's first row, once a table row is seen
    heads = False  # whether that first row is the table's header
    header_terms: list[str] = []  # the terms of the header's rows
    for i, h in plain.items():  # a plain-text table's rows, under a header ruled off
        out[i] = term_lists[h]
    for i, s in enumerate(sentences):
        if not is_table_row(s.text):
            continue
        prev = sentences[i - 1] if i else None
        if (
            prev is None
            or prev.doc_id != s.doc_id
            or prev.position != s.position - 1
            or not is_table_row(prev.text)
        ):
            first = i  # a table starts here
            continue
        text = texts.get(s.doc_id, "")
        if i == first + 1:
            head = sentences[first]
            between = text[head.end : s.start]
            heads = heads_table(head.text, s.text, between)
            if heads and is_record is not None and not has_table_rule(between):
                heads = not is_record(head)  # a record's first row names nothing
            header_terms = term_lists[first]
        elif i == first + 2 and heads and _second_header_row(prev, s, text):
            # a header of two rows ("| Room | Monday to Friday |  | Saturday and Sunday |  |" over
            # "| Room | Community groups | Private hire | …"): a row's columns are named by both
            seen = set(header_terms)
            header_terms = header_terms + [t for t in term_lists[i - 1] if t not in seen]
        elif i > first + 1 and _marked_header_over(prev, s, text):
            # the header the document marks lower down, under a title line ("| Pool prices 2026 |  |"
            # over "| Type | Before 5pm (£) | After 5pm (£) |" and its rule), with the row of groups
            # right above it where the header has two ("| Ticket | Weekday | Weekday |")
            heads, header_terms = True, list(term_lists[i - 1])
            upper = sentences[i - 2]
            if (
                upper.doc_id == s.doc_id
                and upper.position == prev.position - 1
                and groups_columns(upper.text, prev.text, text[upper.end : prev.start])
            ):
                seen_terms = set(header_terms)
                header_terms += [t for t in term_lists[i - 2] if t not in seen_terms]
        if heads:
            out[i] = header_terms
    return out


def _marked_header_over(prev: SpanRec, row: SpanRec, text: str) -> bool:
    """Whether ``prev``, a later row of its table than the first, is the header the document marks
    over ``row``: labels only in two cells at least (a one-cell row of a web table's ``<th>``,
    "Concessions", heads a group of rows, not their columns), with its rule under it (a
    spreadsheet's header under a title line)."""
    return filled_cells(table_cells(prev.text)) >= 2 and _second_header_row(prev, row, text)


def _second_header_row(prev: SpanRec, row: SpanRec, text: str) -> bool:
    """Whether a table's second row is the lower row of its header: labels only, with the
    document's rule under it (``has_table_rule``), as the loaders write under a web page's
    ``<thead>`` or a Word table's two header rows."""
    return labels_only(prev.text) and has_table_rule(text[prev.end : row.start])


class IndexView:
    def __init__(self, store: Store, embedder: Embedder, config: IndexConfig) -> None:
        manifest = store.read_manifest()
        where = config.store.describe()
        if manifest is None:
            store.check_not_renamed()
            raise IndexMissingError(missing_index_message(where))
        check_compatible(manifest, expected_manifest(embedder, config), where)
        if not manifest.get("documents"):
            # Every file was skipped (empty, binary, unsupported): there is nothing to read, and the
            # generation's collections were never made, so say that rather than "the index changed".
            raise IndexEmptyError(
                f"the index in {where} holds no documents (every file given to `quotebot index` was "
                "skipped; its report says why); add .txt, .md, .html, .pdf, .docx, .csv or .tsv files "
                "with text and run `quotebot index PATH`"
            )
        self.store = store
        for attempt in range(1, SNAPSHOT_ATTEMPTS + 1):
            self.manifest: dict[str, Any] = manifest
            self.generation = int(manifest["generation"])
            try:
                if self._snapshot() or attempt == SNAPSHOT_ATTEMPTS:
                    break
            except IndexChangedError:  # a rebuild switched generations under us
                if attempt == SNAPSHOT_ATTEMPTS:
                    raise
            log.info("the index changed while it was being read; reading it again")
            manifest = store.read_manifest() or manifest
            check_compatible(manifest, expected_manifest(embedder, config), where)
        self.by_id = {s.id: s for s in self.sentences}
        self.passage_by_id = {p.id: p for p in self.passages}
        self._by_pos = {(s.doc_id, s.position): s for s in self.sentences}
        self._passage_by_pos = {(p.doc_id, p.position): p for p in self.passages}
        self._by_start = {(s.doc_id, s.start): s for s in self.sentences}
        term_lists = [terms(s.text) for s in self.sentences]
        self.sentence_terms = [set(t) for t in term_lists]
        self._term_docs: dict[str, frozenset[str]] | None = None
        self._bigrams: dict[int, set[tuple[str, str]]] = {}
        #: Span embeddings read so far (``embeddings``), by kind and id.
        self._embeddings: dict[str, dict[str, np.ndarray]] = {"sentences": {}, "passages": {}}
        self._embeddings_lock = threading.Lock()  # a bot answers questions in several threads
        self._title_terms: dict[str, frozenset[str]] = {}
        self._all_title_terms: frozenset[str] | None = None
        self._heading_terms: dict[str, frozenset[str]] = {}
        #: Per table row, whether its table is one record (``is_record``).
        self._records: dict[int, bool] = {}
        # BM25 reads each sentence under its section label; the sentence's own terms are reused.
        self._label_terms = {label: terms(label) for label in {s.section for s in self.sentences}}
        self._label_sets = {label: frozenset(t) for label, t in self._label_terms.items()}
        # ... and a table's row under its header row too: "| H | More than £320,000 | £4,495.86 |"
        # under "| Band | Property value | Annual charge |" is found by "band H annual charge"
        #: Per row of a plain-text table in columns, its header row's place (``plain_table_headers``).
        self.plain_headers = plain_table_headers(self._by_start, self._texts)
        headers = _table_headers(self.sentences, term_lists, self._texts, self.plain_headers, self.is_record)
        self.bm25_sentences = BM25(
            tokenized=[
                self._label_terms[s.section] + t + headers.get(i, [])
                for i, (s, t) in enumerate(zip(self.sentences, term_lists))
            ]
        )
        self.bm25_passages = BM25([f"{p.section} {p.text}" for p in self.passages])
        self.section_labels = sorted({s.section for s in self.sentences})
        self.sources = Sources(tuple(self.section_labels), freeze(self.manifest.get("aliases")))
        self.titles = {str(d.get("title")) for d in self.docs.values()}
        # Section and document of every row as small integers, so a question's source filter is one
        # vectorised comparison instead of a Python loop over the whole index.
        self._codes = {
            kind: _codes(spans)
            for kind, spans in (("sentences", self.sentences), ("passages", self.passages))
        }
        log.info("index view: %d sentences, %d passages", len(self.sentences), len(self.passages))

    def _snapshot(self) -> bool:
        """Read documents, texts and spans of the generation; True if no document changed meanwhile."""
        # Records and texts in one read: a document whose text is incomplete (mid-update) is absent.
        texts = self.store.document_texts(self.generation)
        self.docs = {d: record for d, (record, _) in texts.items()}
        self._texts = {d: text for d, (_, text) in texts.items()}
        # Span records from the index's derived copy where it has one (``index.span_cache``), else
        # from Chroma; each span's text is the slice of its document's text that it names.
        cache = SpanCache.for_store(self.store, self.manifest)
        width = tv.width(int(self.manifest.get("dimension") or 0))
        spans, from_chroma = read_spans(self.store, self.generation, self.docs, width, cache)
        # Content-piece vectors per sentence row (int8, ``index.token_vectors``): held in memory, about
        # 2.5 KB a sentence, so late interaction costs no store round trip per question.
        self.sentences, self.token_vectors = self._spans(spans, "sentences")
        self.passages, _ = self._spans(spans, "passages")
        after = self.store.documents(self.generation)
        same = set(after) == set(self.docs) and all(
            after[d].get("sha256") == m.get("sha256") for d, m in self.docs.items()
        )
        if same and from_chroma and cache is not None:
            cache.save(self.docs, spans)  # only the records of a consistent snapshot
        return same

    def _spans(self, spans: Mapping[str, DocSpans], kind: str) -> tuple[list[SpanRec], list[np.ndarray]]:
        """The spans of ``kind`` in document order and, for sentences, each one's token vectors."""
        recs = sorted(
            (
                (doc_id, int(meta["position"]), rid, meta)
                for doc_id, got in spans.items()
                for rid, meta in got.of(kind)
            ),
            key=lambda r: (r[0], r[1]),
        )
        out = [
            SpanRec(
                row=i,
                id=rid,
                doc_id=doc_id,
                section=str(meta["section"]),
                section_index=int(meta["section_index"]),
                start=int(meta["start"]),
                end=int(meta["end"]),
                position=pos,
                text=self._texts[doc_id][int(meta["start"]) : int(meta["end"])],
                quotation=bool(meta.get("quotation", False)),
                passage=int(meta.get("passage", -1)),
            )
            for i, (doc_id, pos, rid, meta) in enumerate(recs)
        ]
        return out, [meta["vectors"] for *_, meta in recs] if kind == "sentences" else []

    def row_mask(
        self, kind: str, sections: Collection[str] | None = None, exclude_docs: Collection[str] = ()
    ) -> np.ndarray:
        """1.0 for each row of ``kind`` ("sentences" or "passages") in one of ``sections`` (all when
        None) and not in ``exclude_docs``; 0.0 otherwise."""
        codes = self._codes[kind]
        keep = np.ones(len(codes.sections), dtype=bool)
        if sections is not None:
            keep &= np.isin(
                codes.sections, [codes.section_ids[s] for s in sections if s in codes.section_ids]
            )
        if exclude_docs:
            keep &= ~np.isin(codes.docs, [codes.doc_ids[d] for d in exclude_docs if d in codes.doc_ids])
        return keep.astype(np.float32)

    @property
    def fingerprint(self) -> dict[str, Any]:
        m = self.manifest
        return {
            "model": m.get("model"),
            "dimension": m.get("dimension"),
            "chunker": m.get("chunker", {}).get("version"),
            "corpus_hash": m.get("corpus_hash"),
            "documents": m.get("documents"),
            "generation": self.generation,
        }

    def title(self, doc_id: str) -> str:
        return str(self.docs.get(doc_id, {}).get("title", doc_id))

    def title_terms(self, doc_id: str) -> frozenset[str]:
        """The terms of a document's title, made at the first question that needs them."""
        found = self._title_terms.get(doc_id)
        if found is None:
            found = self._title_terms[doc_id] = frozenset(terms(self.title(doc_id)))
        return found

    @property
    def all_title_terms(self) -> frozenset[str]:
        """The terms of every document's title, made at the first question that needs them."""
        if self._all_title_terms is None:
            self._all_title_terms = frozenset(t for d in self.docs for t in self.title_terms(d))
        return self._all_title_terms

    def section_terms(self, label: str) -> frozenset[str]:
        """The terms of a section label, as BM25 reads them beside each of its sentences."""
        return self._label_sets.get(label, frozenset())

    def labels_of(self, doc_id: str) -> list[str]:
        """A document's section labels in reading order, once each, as its record keeps them."""
        labels = json.loads(str(self.docs.get(doc_id, {}).get("section_labels") or "[]"))
        return [str(label) for label in dict.fromkeys(labels)]

    def heading_terms(self, doc_id: str) -> frozenset[str]:
        """The terms of a document's section labels other than its title ("NATO Response",
        "Storing"), made at the first question that needs them."""
        found = self._heading_terms.get(doc_id)
        if found is None:
            labels = set(self.labels_of(doc_id))
            labels.discard(self.title(doc_id))
            found = self._heading_terms[doc_id] = frozenset(t for label in labels for t in terms(label))
        return found

    @property
    def texts(self) -> Mapping[str, str]:
        """Every document's canonical text, by id (read-only)."""
        return MappingProxyType(self._texts)

    def bigrams(self, row: int) -> set[tuple[str, str]]:
        """The term bigrams of sentence ``row``, made at the first question that asks: only candidates
        need them, and making them for every sentence at load was a tenth of a big index's load."""
        found = self._bigrams.get(row)
        if found is None:
            found = self._bigrams[row] = set(pairwise(terms(self.sentences[row].text)))
        return found

    def term_docs(self) -> Mapping[str, frozenset[str]]:
        """Each term (as BM25 counts it) -> the documents whose sentences use it. Built at the first
        call: only a question asked with documents hidden needs it (``NameIndex``)."""
        if self._term_docs is None:
            table: dict[str, set[str]] = {}
            for s, words in zip(self.sentences, self.sentence_terms):
                for t in (*words, *self._label_terms[s.section]):  # BM25 reads the labels too
                    table.setdefault(t, set()).add(s.doc_id)
            self._term_docs = {t: frozenset(d) for t, d in table.items()}
        return self._term_docs

    def embeddings(self, kind: str, ids: Collection[str]) -> dict[str, np.ndarray]:
        """The stored embeddings of some spans (``kind``: "sentences" or "passages"), read from Chroma
        once and remembered, up to ``REMEMBERED_EMBEDDINGS`` of each kind (then the oldest go). The
        candidates that lexical search adds to the dense search's need their dense similarity, and
        Chroma's ``get`` by id costs about what a vector query does (~3 ms on XQuAD's index); the
        same sentences come back question after question. The view is one generation's, so a new
        index state never reads an old embedding."""
        memo = self._embeddings[kind]
        with self._embeddings_lock:
            out = {i: memo[i] for i in ids if i in memo}
        missing = [i for i in ids if i not in out]
        if missing:
            got = self.store.embeddings(self.generation, kind, missing)  # outside the lock: I/O
            with self._embeddings_lock:
                for i, emb in got.items():
                    vec = np.asarray(emb, dtype=np.float32)
                    vec.setflags(write=False)
                    memo[i] = out[i] = vec
                while len(memo) > REMEMBERED_EMBEDDINGS:
                    memo.pop(next(iter(memo)))
        return out

    def text(self, doc_id: str) -> str | None:
        """The canonical text, as stored in the index: what quotes are verified against."""
        return self._texts.get(doc_id)

    def sentence_at(self, doc_id: str, position: int) -> SpanRec | None:
        """A document's sentence by its place in the document (0 the first), or None."""
        return self._by_pos.get((doc_id, position))

    def neighbour(self, s: SpanRec, step: int) -> SpanRec | None:
        n = self._by_pos.get((s.doc_id, s.position + step))
        return n if n is not None and n.section_index == s.section_index else None

    def is_record(self, s: SpanRec) -> bool:
        """Whether the table a row is in is one record, a label and a value a row
        (``lexical.record_table``): its rows are the table rows around it in its section, up to a
        blank line. Each table is read once per view."""
        if s.row in self._records:
            return self._records[s.row]
        text = self.text(s.doc_id) or ""
        above: list[SpanRec] = []
        below: list[SpanRec] = []
        for step, found in ((-1, above), (1, below)):
            cur = s
            while (nb := self.neighbour(cur, step)) is not None and is_table_row(nb.text):
                lo, hi = (nb, cur) if step < 0 else (cur, nb)
                if "\n\n" in text[lo.end : hi.start]:
                    break  # a blank line ends a table
                found.append(nb)
                cur = nb
        rows = [*reversed(above), s, *below]
        record = record_table([r.text for r in rows])
        for r in rows:
            self._records[r.row] = record
        return record

    def passage_of(self, s: SpanRec) -> SpanRec | None:
        return self._passage_by_pos.get((s.doc_id, s.passage))

    def sentences_of_passage(self, p: SpanRec) -> list[SpanRec]:
        out = []
        s = self._by_start.get((p.doc_id, p.start))
        while s is not None and s.end <= p.end:
            out.append(s)
            s = self._by_pos.get((s.doc_id, s.position + 1))
        return out
