"""Hybrid retrieval: dense search in Chroma and BM25 in memory, over sentences and passages, turned
into one feature vector per candidate sentence for the ranker.

Candidates are the union of the best sentences by each signal and the sentences of the best
passages, so a sentence can be found by its own words, by its meaning, or by its context.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

import numpy as np

from index.embedder import Embedder
from index.tokens import maxsim

from .index_view import IndexView, SpanRec
from .lexical import coverage, terms
from .names import NameIndex
from .understand import Understood

FEATURES = (
    "dense",  # cosine of question and sentence (section-prefixed)
    "dense_z",  # the same, z-scored among candidates
    "bm25_rel",  # sentence BM25 / best sentence BM25 for this question
    "bm25_z",
    "passage_dense",  # cosine of question and the sentence's passage
    "passage_bm25_rel",
    "cov",  # IDF-weighted share of question terms in the sentence
    "cov_ctx",  # ... in the sentence and its neighbours
    "type_ok",  # the sentence holds the kind of answer asked for (date, number, name, place)
    "type_missing",  # a kind was asked for and the sentence lacks it
    "section_match",  # the sentence's section is one the question names
    "short",  # very short sentence (few content words)
    "bigram_cov",  # share of the question's adjacent term pairs found adjacent in the sentence
    "log_len",  # log of the sentence's number of terms
    "q_vocab",  # share of the question's terms found anywhere in the corpus (same for every candidate)
    "novel",  # share of the sentence's terms the question does not use: room for the answer itself
    "prev_cov",  # IDF-weighted coverage of the question by the previous sentence ("He…" follows it)
    "q_names",  # share of the question's names the documents mention (same for every candidate)
    "maxsim",  # late interaction: mean best cosine of each question content piece in the sentence
    "maxsim_z",  # the same, z-scored among candidates
)

_MONTHS = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_DATE = re.compile(
    rf"\b(?:{_MONTHS}\.?\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTHS}|\d{{3,4}}s?|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow|"
    r"(?:\d+(?:st|nd|rd|th)) century|spring|summer|autumn|winter)\b",
    re.I,
)
_NUMBER = re.compile(
    r"\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
    r"fifty|hundred|thousand|million|billion|dozen|several|half|once|twice|percent)\b",
    re.I,
)
_PROPER = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z\u00e0-\u00ff]+(?:\s+[A-Z][a-z\u00e0-\u00ff]+)*")


def has_answer_type(text: str, kind: str, question: str = "") -> bool:
    """Whether ``text`` holds an answer of the kind asked for that the question does not already name."""
    asked = question.lower()
    if kind == "date":
        return any(m.group(0).lower() not in asked for m in _DATE.finditer(text))
    if kind == "number":
        return any(m.group(0).lower() not in asked for m in _NUMBER.finditer(text))
    if kind in ("name", "place"):
        return any(m.group(0).lower() not in asked for m in _PROPER.finditer(text, 1))
    return True


def _bigrams(seq: list[str]) -> set[tuple[str, str]]:
    return set(itertools.pairwise(seq))


@dataclass
class Candidates:
    sentences: list[SpanRec]
    features: np.ndarray  # (n, len(FEATURES))
    query_terms: list[str] = field(default_factory=list)


def _z(x: np.ndarray) -> np.ndarray:
    if len(x) < 2:
        return np.zeros_like(x)
    sd = float(x.std())
    return (x - float(x.mean())) / sd if sd > 1e-6 else np.zeros_like(x)


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    """Rows of the ``k`` highest scores, best first, ties by row: linear in the index size (a full
    sort of every row per question is not)."""
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    if len(scores) > k:
        kth = -np.partition(-scores, k - 1)[k - 1]  # the k-th best score
        above = np.flatnonzero(scores > kth)
        part = np.concatenate([above, np.flatnonzero(scores == kth)[: k - len(above)]])
    else:
        part = np.arange(len(scores))
    return part[np.lexsort((part, -scores[part]))]


class Retriever:
    """Finds and describes candidate sentences for a question in one index view."""

    def __init__(
        self, view: IndexView, embedder: Embedder, k_dense: int = 40, k_lex: int = 40, k_passages: int = 6
    ):
        self.view = view
        self.embedder = embedder
        self.k_dense = k_dense
        self.k_lex = k_lex
        self.k_passages = k_passages
        self._names: NameIndex | None = None

    @property
    def names(self) -> NameIndex:
        if self._names is None:
            self._names = NameIndex(self.view.bm25_sentences.vocab)
        return self._names

    def _where(self, u: Understood, exclude_docs: frozenset[str]) -> dict[str, object] | None:
        conditions: list[dict[str, object]] = []
        if u.explicit_source and u.sources:
            conditions.append(
                {"section": {"$in": list(u.sources)}} if len(u.sources) > 1 else {"section": u.sources[0]}
            )
        if exclude_docs:
            conditions.append({"doc_id": {"$nin": sorted(exclude_docs)}})
        if not conditions:
            return None
        return conditions[0] if len(conditions) == 1 else {"$and": conditions}

    def candidates(
        self,
        u: Understood,
        query_vec: np.ndarray | None = None,
        query_tokens: np.ndarray | None = None,
        exclude_docs: frozenset[str] = frozenset(),
    ) -> Candidates:
        """Candidate sentences and their features. ``exclude_docs`` hides whole documents from both
        searches: training and ``eval --near-misses`` use it to turn an answerable question into a
        near miss (its gold paragraph gone, the rest of its article still there). Term statistics
        (IDF) stay those of the whole index."""
        view = self.view
        if query_vec is None or query_tokens is None:  # the chain passes both, from its embed stage
            qv, qt = self.embedder.encode_query_with_tokens(u.search_query)
        else:
            qv, qt = query_vec, query_tokens
        q_terms = terms(u.search_query)
        allowed = set(u.sources) if u.explicit_source else None
        where = self._where(u, exclude_docs)
        gen = view.generation

        dense_s = {i: sim for i, sim in view.store.query(gen, "sentences", qv.tolist(), self.k_dense, where)}
        dense_p = {
            i: sim for i, sim in view.store.query(gen, "passages", qv.tolist(), self.k_passages, where)
        }

        bm_s = view.bm25_sentences.scores(q_terms)
        bm_p = view.bm25_passages.scores(q_terms)
        if allowed is not None or exclude_docs:
            bm_s = bm_s * view.row_mask("sentences", allowed, exclude_docs)
            bm_p = bm_p * view.row_mask("passages", allowed, exclude_docs)

        chosen: dict[str, SpanRec] = {}
        for sid in dense_s:
            if sid in view.by_id:
                chosen[sid] = view.by_id[sid]
        for row in _top(bm_s, self.k_lex):
            if bm_s[row] > 0:
                s = view.sentences[int(row)]
                chosen[s.id] = s
        top_p = [view.passage_by_id[pid] for pid in dense_p if pid in view.passage_by_id]
        for row in _top(bm_p, self.k_passages):
            if bm_p[row] > 0:
                top_p.append(view.passages[int(row)])
        for p in top_p:
            for s in view.sentences_of_passage(p):
                chosen[s.id] = s
        cands = [
            s
            for s in chosen.values()
            if (allowed is None or s.section in allowed) and s.doc_id not in exclude_docs
        ]
        if not cands:
            return Candidates([], np.zeros((0, len(FEATURES)), dtype=np.float32), q_terms)

        missing = [s.id for s in cands if s.id not in dense_s]
        if missing:
            for sid, emb in view.store.embeddings(gen, "sentences", missing).items():
                dense_s[sid] = float(np.dot(np.asarray(emb, dtype=np.float32), qv))
        passage_ids = {s.id: view.passage_of(s) for s in cands}
        missing_p = sorted({p.id for p in passage_ids.values() if p is not None and p.id not in dense_p})
        if missing_p:
            for pid, emb in view.store.embeddings(gen, "passages", missing_p).items():
                dense_p[pid] = float(np.dot(np.asarray(emb, dtype=np.float32), qv))

        idf = {t: view.bm25_sentences.idf(t) for t in set(q_terms)}
        q_bigrams = _bigrams(q_terms)
        distinct = set(q_terms)
        q_vocab = (
            sum(1 for t in distinct if t in view.bm25_sentences.vocab) / len(distinct) if distinct else 0.0
        )
        best_s = float(bm_s.max()) if len(bm_s) else 0.0
        best_p = float(bm_p.max()) if len(bm_p) else 0.0
        routed = set(u.sources)
        n = len(cands)
        f = np.zeros((n, len(FEATURES)), dtype=np.float32)
        for i, s in enumerate(cands):
            passage = passage_ids[s.id]
            own = view.sentence_terms[s.row]
            ctx = set(own)
            for step in (-1, 1):
                nb = view.neighbour(s, step)
                if nb is not None:
                    ctx |= view.sentence_terms[nb.row]
            f[i, 0] = dense_s.get(s.id, 0.0)
            f[i, 2] = bm_s[s.row] / best_s if best_s > 0 else 0.0
            f[i, 3] = bm_s[s.row]
            f[i, 4] = dense_p.get(passage.id, 0.0) if passage is not None else f[i, 0]
            f[i, 5] = (bm_p[passage.row] / best_p if best_p > 0 else 0.0) if passage is not None else f[i, 2]
            f[i, 6] = coverage(q_terms, own, idf)
            f[i, 7] = coverage(q_terms, ctx, idf)
            if q_bigrams:
                f[i, 12] = len(q_bigrams & view.sentence_bigrams[s.row]) / len(q_bigrams)
            f[i, 13] = np.log1p(len(own))
            f[i, 14] = q_vocab
            f[i, 15] = len(own - distinct) / len(own) if own else 0.0
            prev = view.neighbour(s, -1)
            f[i, 16] = coverage(q_terms, view.sentence_terms[prev.row], idf) if prev is not None else 0.0
            if u.answer_type:
                ok = has_answer_type(s.text, u.answer_type, u.question)
                f[i, 8] = 1.0 if ok else 0.0
                f[i, 9] = 0.0 if ok else 1.0
            f[i, 10] = 1.0 if routed and s.section in routed else 0.0
            f[i, 11] = 1.0 if len(own) <= 4 else 0.0
        f[:, 17] = self.names.known_share(u.search_query)
        mats = [view.token_vectors[s.row] for s in cands]
        if mats and qt.shape[1] == mats[0].shape[1]:  # else: no late interaction (0)
            f[:, 18] = maxsim(qt, mats)
        f[:, 19] = _z(f[:, 18])
        f[:, 1] = _z(f[:, 0])
        f[:, 3] = _z(f[:, 3])
        return Candidates(cands, f, q_terms)
