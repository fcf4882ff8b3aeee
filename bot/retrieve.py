"""Hybrid retrieval: dense search in Chroma and BM25 in memory, over sentences and passages, turned
into one feature vector per candidate sentence for the ranker.

Candidates are the union of the best sentences by each signal and the sentences of the best
passages, so a sentence can be found by its own words, by its meaning, or by its context.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace

import numpy as np

from index.embedder import Embedder
from index.sentences import BULLET, FOOTNOTE_DEFINITION
from index.stopwords import STOPWORDS
from index.token_vectors import best_cosines, maxsim

from .acronyms import Acronyms
from .features import (
    DETAIL_WORDS,
    FeatureTable,
    QuestionFeatures,
    answer_text,
    detail_terms,
    has_answer_type,
    priced_rows,
    vocab_share,
    z_score,
)
from .focus import focus_of, named_owner, satisfies
from .index_view import IndexView, SpanRec
from .lexical import (
    CODE,
    asks_whether,
    coverage,
    frame_terms,
    groups_columns,
    has_table_rule,
    heads_as_question,
    heads_table,
    is_item,
    is_question,
    is_table_row,
    labels_only,
    names_columns,
    terms,
    words,
)
from .names import NameIndex
from .numbers import NumberIndex, askers_preamble
from .understand import Understood


def _bigrams(seq: list[str]) -> set[tuple[str, str]]:
    return set(itertools.pairwise(seq))


@dataclass(frozen=True)
class Candidates:
    """The sentences that may answer a question, with what the ranker and abstention model see."""

    sentences: list[SpanRec]
    features: FeatureTable
    question: QuestionFeatures = field(default_factory=QuestionFeatures)
    #: Per sentence: it only leads into what follows it (``leads_in``), so the rank stage puts it
    #: behind every sentence that answers. Empty: none does.
    leads: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    #: Per sentence: how much of a follow-up's own topic (``Understood.own_terms``) its own words
    #: cover, IDF-weighted. Empty: the question is no follow-up with a topic of its own.
    own_cov: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float32))


#: A label that opens a line and names what the line's sentences tell of ("Intermediate: For dogs who
#: … Eight weekly sessions. From £140."; "Marmalade: Confident and chatty. Fine with older
#: children."): one to five words from a capital, a bullet, a box or an item's number allowed
#: before it, in bold or not, then a colon.
_LINE_LABEL = re.compile(
    rf"[ \t]*(?:{BULLET}[ \t]+|\d{{1,2}}[.)][ \t]+)?(?:\*\*|__)?"
    r"(?P<label>[A-Z][\w&'’/().+-]*(?:[ \t]+[\w&'’/().+-]+){0,4}?)(?:\*\*|__)?:(?:\*\*|__)?(?=[ \t]+\S)"
)
#: Words that make a "label" a clause ("In 2024 we did this:", "Here is what you need:").
_CLAUSE_WORDS = frozenset([
    "i", "we", "you", "they", "he", "she", "it", "this", "that", "these", "those", "is", "are", "was",
    "were", "be", "been", "do", "does", "did", "have", "has", "had", "will", "would", "can", "could",
    "should", "may", "might", "must", "here", "there", "what",
])  # fmt: skip
#: How many sentences back, on its line, a sentence looks for the label that opens the line, and
#: how many characters.
_LABEL_REACH = 6
_LABEL_CHARS = 2000


#: How many sentences back a footnote's definition looks for the sentences that mark it.
_FOOTNOTE_REACH = 2000


def _line_label_in(sentence: str) -> tuple[int, int] | None:
    """Where the label that opens a sentence lies in it (``_LINE_LABEL``), with its colon when the
    colon follows it right away, or None (also for a clause: "In 2024 we did this:")."""
    m = _LINE_LABEL.match(sentence)
    if m is None or _CLAUSE_WORDS & set(m.group("label").lower().split()):
        return None
    end = m.end("label")
    return m.start("label"), end + 1 if sentence[end : end + 1] == ":" else end


def leads_in(view: IndexView, s: SpanRec) -> bool:
    """Whether a sentence only leads into what follows it: an FAQ's own question ("**Can I leave
    the bike outside a station?**", answered by the next sentence) or a list's lead-in line ("The
    surgery is open at these times:", answered by its items). It matches a question's words as
    well as its answer does, and says nothing itself."""
    if is_question(s.text) or asks_whether(s.text):
        return True
    after = view.neighbour(s, 1)
    if is_table_row(s.text):
        # a table's header row ("| Session | Warm-up | Start |", "| Type | Weeks 1-6 |") names the
        # columns of the rows under it, which answer; a row of names and values ("| Founded | 1987
        # |") is no header, unless the document marks it as one ("| Band | 2023/24 |" over its rule)
        prev = view.neighbour(s, -1)
        if after is None or not is_table_row(after.text):
            return False
        text = view.text(s.doc_id) or ""
        if prev is not None and is_table_row(prev.text):
            # a later row of labels that the document marks as the header, or as the upper row of
            # a header of two rows ("| Ticket | Weekday | Weekday |" under a title line, over "|
            # Type | Before 5pm (£) | After 5pm (£) |" and its rule)
            if not labels_only(s.text):
                return False
            if has_table_rule(text[s.end : after.start]):
                return True
            below = view.neighbour(after, 1)
            return (
                below is not None
                and is_table_row(below.text)
                and labels_only(after.text)
                and has_table_rule(text[after.end : below.start])
                and groups_columns(s.text, after.text, text[s.end : after.start])
            )
        return heads_table(s.text, after.text, text[s.end : after.start])
    if not s.text.rstrip().endswith(":"):
        return False
    return after is not None and is_item(after.text)


def _asked_terms(label_terms: frozenset[str], frames: frozenset[str], distinct: set[str]) -> frozenset[str]:
    """The question's terms that a section label asking a question covers: "How many books can I
    borrow?" covers all of "How many books can I borrow?", "many" too; "How much does it cost?"
    covers nothing of "How much time off do I get?", whose "much" only frames it."""
    shared = label_terms & distinct
    return shared if shared - frames else frozenset()


#: A question word the documents never write is still theirs when a candidate sentence writes
#: another form of it, the same word with a short ending more or less ("pray" of "prayer", "sell"
#: of "selling"), and the word's token vectors meet that sentence's at this cosine or more: "mill"
#: is no form of "million". The form alone is not enough, nor the cosine alone: synonyms, antonyms
#: and sister words meet at 0.76-0.79 ("permitted" and "allowed", "Saturday" and "Fridays"), mere
#: kin lower ("pet" of "dogs" 0.64), and "weekends" meets "weekdays" closer than "week".
ECHO = 0.7
#: The shorter form has at least this many letters ("pray"; "art" is no form of "artist"), and the
#: longer at most ``FORM_ENDING`` more ("weekends" is no form of "week", nor "downstairs" of "down").
FORM_LETTERS = 4
FORM_ENDING = 3


def _form_of(word: str, other: str) -> bool:
    """Whether ``other`` is another form of ``word`` (both lower-cased): see ``FORM_LETTERS``."""
    short, long = sorted((word, other), key=len)
    return (
        len(short) >= FORM_LETTERS
        and 0 < len(long) - len(short) <= FORM_ENDING
        and long.startswith(short)
        and other not in STOPWORDS
    )


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
        self._numbers: NumberIndex | None = None
        self._acronyms: Acronyms | None = None
        #: Per list item's row: its list's lead-in line and first item (``_list_start``).
        self._list_starts: dict[int, tuple[SpanRec | None, SpanRec]] = {}
        #: Per table row: its table's marked header row (True), else the nearest row above it in its
        #: block of lines that holds labels only (False): ``columns_row``.
        self._labels_above: dict[int, tuple[SpanRec | None, bool]] = {}
        #: Per sentence's row: where the label that opens its line lies (``line_label``): read for
        #: every candidate of every question, and again for each quote shown.
        self._line_labels: dict[int, tuple[int, int] | None] = {}
        #: Per footnote's definition row: the terms of the sentences that mark it (``_marked_by_terms``).
        self._footnote_terms: dict[int, frozenset[str]] = {}

    @property
    def names(self) -> NameIndex:
        if self._names is None:
            # A title's words are the documents' own even where no sentence or label writes them
            # (a plain text's title line right over its first numbered part heads no text).
            vocab = frozenset(self.view.bm25_sentences.vocab) | self.view.all_title_terms
            self._names = NameIndex(vocab, self.view.sources.aliases, term_docs=self.view.term_docs)
        return self._names

    @property
    def acronyms(self) -> Acronyms:
        if self._acronyms is None:
            self._acronyms = Acronyms(self.view.texts, self.view.bm25_sentences.vocab)
        return self._acronyms

    @property
    def numbers(self) -> NumberIndex:
        if self._numbers is None:
            self._numbers = NumberIndex(self.view.texts)
        return self._numbers

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
        query_vec: np.ndarray,
        query_tokens: np.ndarray,
        exclude_docs: frozenset[str] = frozenset(),
    ) -> Candidates:
        """Candidate sentences and their features, for a question embedded once by the caller.

        ``exclude_docs`` hides whole documents from both searches: training and ``eval
        --near-misses`` use it to turn an answerable question into a near miss (its gold paragraph
        gone, the rest of its article still there). Term statistics (IDF) stay those of the whole
        index."""
        view = self.view
        qv = query_vec.tolist()
        q_terms = terms(u.search_query)
        allowed = set(u.sources) if u.explicit_source else None
        where = self._where(u, exclude_docs)
        gen = view.generation

        dense_s = {i: sim for i, sim in view.store.query(gen, "sentences", qv, self.k_dense, where)}
        dense_p = {i: sim for i, sim in view.store.query(gen, "passages", qv, self.k_passages, where)}

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
        owner = named_owner(u.question)
        owner_docs = (
            self.names.documents_using({t for _, owned in owner for t in owned}, exclude_docs)
            if owner
            else frozenset()
        )
        question = QuestionFeatures(
            vocab_share=vocab_share(q_terms, view.bm25_sentences.vocab),
            # the asker's own names ("my 1.6 Focus") are theirs, not what they ask the documents for
            names_known=self.names.known_share(
                u.search_query[len(askers_preamble(u.search_query)) :], exclude_docs
            ),
            off_topic_words=self.names.off_topic_words(u.search_query),
            unmentioned_words=self.names.beyond_titles(u.search_query, view.all_title_terms),
            slips=self.names.slips(u.question),
            # The user's own words: a follow-up ("And in 2022?") must not inherit the last
            # question's number ("… in 2019?") from the search query.
            # "Q4" is no number a text that writes "the fourth quarter" never mentions
            unknown_numbers=self.numbers.unknown(self.acronyms.spell_periods(u.question), exclude_docs),
            owner=tuple(written for written, _ in owner) if owner_docs else (),
            owner_docs=owner_docs,
        )
        if not cands:
            return Candidates([], FeatureTable.empty(0), question)
        if question.off_topic_words or question.unmentioned_words:
            question = self._echoes_known(u, question, cands, query_tokens)

        missing = [s.id for s in cands if s.id not in dense_s]
        if missing:
            for sid, emb in view.embeddings("sentences", missing).items():
                dense_s[sid] = float(np.dot(emb, query_vec))
        passage_ids = {s.id: view.passage_of(s) for s in cands}
        missing_p = sorted({p.id for p in passage_ids.values() if p is not None and p.id not in dense_p})
        if missing_p:
            for pid, emb in view.embeddings("passages", missing_p).items():
                dense_p[pid] = float(np.dot(emb, query_vec))
        table = self._features(u, cands, q_terms, dense_s, dense_p, bm_s, bm_p, passage_ids, query_tokens)
        leads = np.fromiter((leads_in(view, s) for s in cands), dtype=bool, count=len(cands))
        own_cov = np.zeros(0, dtype=np.float32)
        if u.own_terms:
            own = list(u.own_terms)
            idf = {t: view.bm25_sentences.idf(t) for t in own}
            # The sentence's own words: its neighbours may be about anything (the extra bags line
            # stands next to the Christmas trees line).
            own_cov = np.array(
                [coverage(own, view.sentence_terms[s.row], idf) for s in cands], dtype=np.float32
            )
        return Candidates(cands, table, question, leads, own_cov)

    def _features(
        self,
        u: Understood,
        cands: list[SpanRec],
        q_terms: list[str],
        dense_s: dict[str, float],
        dense_p: dict[str, float],
        bm_s: np.ndarray,
        bm_p: np.ndarray,
        passage_ids: dict[str, SpanRec | None],
        query_tokens: np.ndarray,
    ) -> FeatureTable:
        """Every candidate's features, set by name (``bot.features.CANDIDATE_FEATURES``)."""
        view = self.view
        idf = {t: view.bm25_sentences.idf(t) for t in set(q_terms)}
        q_bigrams = _bigrams(q_terms)
        distinct = set(q_terms)
        best_s = float(bm_s.max()) if len(bm_s) else 0.0
        best_p = float(bm_p.max()) if len(bm_p) else 0.0
        routed = set(u.sources)
        table = FeatureTable.empty(len(cands))
        rows = [s.row for s in cands]
        dense = np.array([dense_s.get(s.id, 0.0) for s in cands], dtype=np.float32)
        table["dense"] = dense
        table["bm25_rel"] = bm_s[rows] / best_s if best_s > 0 else 0.0
        passages = [passage_ids[s.id] for s in cands]
        table["passage_dense"] = [
            dense_p.get(p.id, 0.0) if p is not None else d for p, d in zip(passages, dense)
        ]
        table["passage_bm25_rel"] = [
            (bm_p[p.row] / best_p if best_p > 0 else 0.0) if p is not None else rel
            for p, rel in zip(passages, table["bm25_rel"])
        ]
        own = [view.sentence_terms[r] for r in rows]
        # Terms a sentence covers beyond its own words; only coverage sees them, the sentence's own
        # terms stay as they are (lengths, novelty):
        # - a sentence that writes an email address covers "email" (``detail_terms``);
        # - words of the question that name a sentence's document ("the lemon drizzle cake",
        #   "ibuprofen", "HIST 214") are covered by every sentence of it: they pick the document, not
        #   the sentence, and the one step that repeats "lemon drizzle" must not outrank "4 large eggs".
        # - so are words of a question that heads a sentence's section (an interview's "TOM: What
        #   was your first job?" over "I was a bobbin girl.", an FAQ's question, a guidance page's
        #   "Who can apply"); the words that only frame it ("many" of "How many…") only with others.
        #   A code's parts name nothing by themselves: "F28" is no mention of the "Combi 28" a title
        #   names, though "X200" is of "X200 User Guide".
        codes = [(m.group(0).lower(), terms(m.group(0))) for m in CODE.finditer(u.search_query)]
        named = {}
        for d in {s.doc_id for s in cands}:
            title = view.title(d).lower()
            parts = {t for code, code_terms in codes if code not in title for t in code_terms}
            named[d] = view.title_terms(d) & (distinct - parts)
        asked = {
            label: _asked_terms(view.section_terms(label), frame_terms(label), distinct)
            for label in {s.section for s in cands}
            if heads_as_question(label)
        }
        asks_detail = bool(distinct & DETAIL_WORDS)
        covered = [
            (detail_terms(s.text) if asks_detail else frozenset())
            | named[s.doc_id]
            | asked.get(s.section, frozenset())
            | self._header_terms(s)
            | self._line_label_terms(s)
            | self._marked_by_terms(s)
            for s in cands
        ]
        table["cov"] = [coverage(q_terms, t | c, idf) for t, c in zip(own, covered)]
        table["cov_ctx"] = [
            coverage(q_terms, self._context_terms(s) | c, idf) for s, c in zip(cands, covered)
        ]
        if q_bigrams:
            table["bigram_cov"] = [len(q_bigrams & view.bigrams(r)) / len(q_bigrams) for r in rows]
        table["log_len"] = np.log1p([len(t) for t in own])
        table["novel"] = [len(t - distinct) / len(t) if t else 0.0 for t in own]
        prevs = [view.neighbour(s, -1) for s in cands]
        table["prev_cov"] = [
            coverage(q_terms, view.sentence_terms[p.row], idf) if p is not None else 0.0 for p in prevs
        ]
        if u.answer_type:
            # The kind asked for, and the question's own focus where it has one: "How many cities…"
            # wants a count of cities ("in 42 European cities"), not any number ("30% in every city").
            focus = focus_of(u.question)
            # a table's row is read with its header, which names what its cells give (a price
            # under "Price (GBP)")
            texts = [
                answer_text(priced_rows(s.text, self.table_header(s), u.question), s.section, u.answer_type)
                for s in cands
            ]
            ok = np.array(
                [
                    has_answer_type(t, u.answer_type, u.question) and (focus.empty or satisfies(t, focus))
                    for t in texts
                ],
                dtype=bool,
            )
            table["type_ok"] = ok
            table["type_missing"] = ~ok
        # A question that names a document's title ("the lemon drizzle cake") names all of it, not
        # only the part before its first heading, which carries the title as its label.
        table["section_match"] = [
            1.0 if routed and (s.section in routed or view.title(s.doc_id) in routed) else 0.0 for s in cands
        ]
        table["short"] = [1.0 if len(t) <= 4 else 0.0 for t in own]
        mats = [view.token_vectors[r] for r in rows]
        if mats and query_tokens.shape[1] == mats[0].shape[1]:  # else: no late interaction (0)
            table["maxsim"] = maxsim(
                query_tokens, mats, self._title_credit(u, cands, named, len(query_tokens))
            )
        table["maxsim_z"] = z_score(table["maxsim"])
        table["dense_z"] = z_score(dense)
        table["bm25_z"] = z_score(bm_s[rows])
        return table

    def _echoes_known(
        self, u: Understood, question: QuestionFeatures, cands: list[SpanRec], query_tokens: np.ndarray
    ) -> QuestionFeatures:
        """``question`` without the unknown words a candidate writes in another form (``ECHO``):
        "When can I pop in to pray?" of a text that writes "prayer" is on its topic."""
        pieces = self.embedder.content_words(u.search_query)
        if len(pieces) != len(query_tokens):
            return question
        # each candidate's words as the question's are read (a possessive's "'s" off)
        written = [{w.removesuffix("'s") for w in words(s.text)} for s in cands]
        known = set()
        for word in (*question.off_topic_words, *question.unmentioned_words):
            rows = [i for i, p in enumerate(pieces) if p.lower() == word]
            if not rows:
                continue
            # the sentences that write another form of it; its vectors must meet theirs
            holders = [s for s, ws in zip(cands, written) if any(_form_of(word, w) for w in ws)]
            mats = [self.view.token_vectors[s.row] for s in holders]
            if not mats or query_tokens.shape[1] != mats[0].shape[1]:
                continue
            if bool((best_cosines(query_tokens[rows], mats) >= ECHO).all()):
                known.add(word)
        if not known:
            return question
        return replace(
            question,
            # one word of its own on the documents' topic puts the question on it
            off_topic_words=() if known.intersection(question.off_topic_words) else question.off_topic_words,
            unmentioned_words=tuple(w for w in question.unmentioned_words if w not in known),
        )

    def _title_credit(
        self, u: Understood, cands: list[SpanRec], named: dict[str, frozenset[str]], pieces: int
    ) -> np.ndarray | None:
        """Which question pieces count as matched in which candidate (``maxsim``'s ``credit``): the
        pieces of words that name the candidate's document, as coverage counts them (``named``).
        A sentence under the title heading was embedded with the title ("Sunday Lemon Drizzle Cake:
        Serves 10."), so without this "How many eggs for the lemon drizzle cake?" matches it best."""
        view = self.view
        # A word that also names a section ("NATO" of "NATO Response") tells sentences apart.
        named = {d: t - view.heading_terms(d) for d, t in named.items() if t}
        if not any(named.values()):
            return None
        words = self.embedder.content_words(u.search_query)
        if len(words) != pieces:
            return None
        piece_terms = [frozenset(terms(w)) for w in words]
        none: frozenset[str] = frozenset()
        # Only where the title was not embedded with the sentence: under the title it is matched.
        per_cand = [none if s.section == view.title(s.doc_id) else named.get(s.doc_id, none) for s in cands]
        return np.array([[bool(t & c) for c in per_cand] for t in piece_terms], dtype=bool)

    def _list_start(self, s: SpanRec) -> tuple[SpanRec | None, SpanRec]:
        """For a list item (or table row): the line that leads into its list (None at its
        section's start) and the list's first item. Walked back over the siblings once per view
        and remembered for each of them: every row of a long table would walk it again."""
        walked: list[SpanRec] = []
        cur = s
        while (found := self._list_starts.get(cur.row)) is None:
            walked.append(cur)
            prev = self.view.neighbour(cur, -1)
            if prev is None or not is_item(prev.text):
                found = (prev, cur)
                break
            cur = prev
        for w in walked:
            self._list_starts[w.row] = found
        return found

    def _header_terms(self, s: SpanRec) -> frozenset[str]:
        """The terms of the header row a table's row is under (the one it is shown with,
        ``columns_row``, else its table's first row when that holds labels only): a row covers the
        names of its columns, both rows of a header of two (``shown_columns``) ("| H | … | £4,495.86 |" under "| Band | … | Annual charge |" covers
        "band" and "annual charge"; "| Average download speed | 36 Mbps | 150 Mbps |" under "|  |
        Essential | Superfast |" covers "superfast")."""
        header = self.columns_row(s)
        if header is None:
            header = self.header_row(s)
            if header is None or not labels_only(header.text) or self.view.is_record(s):
                return frozenset()
            return frozenset(self.view.sentence_terms[header.row])  # read once, when the index was
        upper = self._groups_row(header)
        if upper is None:
            return frozenset(self.view.sentence_terms[header.row])
        # a header of two rows: "weekday" from the groups' row, "5pm" from the row under it
        return frozenset(self.view.sentence_terms[header.row]) | frozenset(
            self.view.sentence_terms[upper.row]
        )

    def line_label(self, s: SpanRec) -> tuple[int, int] | None:
        """Where the label lies that opens the line a sentence goes on in, ``(start, end)`` with its
        colon, or None: "From £140." is told of "Intermediate:" three sentences before it on its line
        (a definition list's term and its description, a card's name and its lines). The label
        opens the line's first sentence, at most ``_LABEL_REACH`` sentences back. None for a
        sentence that opens its line or a label of its own, for a table's row, and for a line of
        several labels ("Cats: £12.50 a month. Rabbits: £9.95. A second pet gets 20% off." says
        nothing of the last sentence's label)."""
        if s.row not in self._line_labels:
            self._line_labels[s.row] = self._find_line_label(s)
        return self._line_labels[s.row]

    def _find_line_label(self, s: SpanRec) -> tuple[int, int] | None:
        """``line_label``, read from the document."""
        text = self.view.text(s.doc_id)
        if text is None or is_table_row(s.text) or _line_label_in(s.text) is not None:
            return None
        floor = max(0, s.start - _LABEL_CHARS)
        line = text.rfind("\n", floor, s.start) + 1
        if (not line and floor) or not text[line : s.start].strip():
            return None  # (a line longer than any labelled line, a text of one line: no label)
        cur = s
        for _ in range(_LABEL_REACH):
            prev = self.view.neighbour(cur, -1)
            if prev is None or prev.start < line:
                return None  # the line opens in another part, or mid-sentence
            label = _line_label_in(prev.text)
            if not text[line : prev.start].strip():  # the line's first sentence
                return None if label is None else (prev.start + label[0], prev.start + label[1])
            if label is not None:
                return None  # a line of several labels
            cur = prev
        return None

    def _line_label_terms(self, s: SpanRec) -> frozenset[str]:
        """The terms of the label that opens a sentence's line (``line_label``): "From £140." covers
        "intermediate", as a table's row covers its header's names."""
        span = self.line_label(s)
        text = self.view.text(s.doc_id) if span is not None else None
        return (
            frozenset(terms(text[span[0] : span[1]]))
            if span is not None and text is not None
            else frozenset()
        )

    def _marked_by_terms(self, s: SpanRec) -> frozenset[str]:
        """For a footnote's definition ("[^1]: Bring gloves and loppers…"): the terms of the
        sentences before it that carry its mark ("The June work party is on Saturday 21 June from
        10am.[^1]"), which say what it is about: it covers "work party", as a table's row covers its
        header's names. Read once per definition, up to ``_FOOTNOTE_REACH`` sentences back."""
        m = FOOTNOTE_DEFINITION.match(s.text)
        if m is None:
            return frozenset()
        if s.row in self._footnote_terms:
            return self._footnote_terms[s.row]
        mark = m.group(1)
        found: set[str] = set()
        for position in range(s.position - 1, max(-1, s.position - 1 - _FOOTNOTE_REACH), -1):
            other = self.view.sentence_at(s.doc_id, position)
            if other is None:
                break
            if mark in other.text and not other.text.startswith(mark):
                found |= self.view.sentence_terms[other.row]
        self._footnote_terms[s.row] = frozenset(found)
        return self._footnote_terms[s.row]

    def table_header(self, s: SpanRec) -> str | None:
        """The header row of the table a sentence is a row of, as the checks of what a row gives
        read it (``features.priced_rows``) and as the quote shows it (``columns_row``), or None."""
        header = self.columns_row(s)
        return header.text if header is not None else None

    def columns_row(self, s: SpanRec) -> SpanRec | None:
        """The header row to show above a quoted row (``Quote.columns``), or None.

        Where the document marks its header (a rule under it: a Markdown table's, or the one the
        loaders write under a web page's ``<th>`` row and a spreadsheet's first line), that row,
        whatever its cells hold ("| Band | 2023/24 |", "| Feature | Basic | Premium |"), unless it
        is a day's row (``lexical.names_columns``: a Markdown table without a header). Else the
        nearest row above in the table that holds labels only, if it names the row's cells
        (``lexical.names_columns``). A blank line ends a table: a table set right under another
        must not show the other's header, nor a table without one the header of the table before
        it. Each table is walked once per view, and every row passed is remembered (a long CSV's
        last rows would walk it all again)."""
        if not is_table_row(s.text):
            return None
        header, marked = self._header_of(s)
        if header is None or (not marked and self.view.is_record(s)):
            return None  # a record's rows are labels and values: none names another's cells
        return header if names_columns(header.text, s.text, marked) else None

    def shown_columns(self, s: SpanRec) -> SpanRec | None:
        """The header to show above a quoted row: ``columns_row``, with the row of groups right
        above it where the header has two rows ("| Ticket | Weekday | Weekday | Weekend | Weekend |"
        over "| Type | Before 5pm (£) | After 5pm (£) | …"), which alone says which "Before 5pm" is a
        weekday's. One span of the document, from the upper row to the lower, checked like a quote."""
        header = self.columns_row(s)
        upper = self._groups_row(header) if header is not None else None
        if header is None or upper is None:
            return header
        text = self.view.text(s.doc_id) or ""
        return replace(header, start=upper.start, text=text[upper.start : header.end])

    def _groups_row(self, header: SpanRec) -> SpanRec | None:
        """The row of groups right above a table's header row, where the header has two rows
        (``lexical.groups_columns``), or None."""
        upper = self.view.neighbour(header, -1)
        text = self.view.text(header.doc_id) or ""
        if upper is None or not groups_columns(upper.text, header.text, text[upper.end : header.start]):
            return None
        return upper

    def _header_of(self, s: SpanRec) -> tuple[SpanRec | None, bool]:
        """For a table's row: the row marked as its table's header (True), else the nearest row
        above it that holds labels only (False), or (None, False)."""
        if s.row in self._labels_above:
            return self._labels_above[s.row]
        text = self.view.text(s.doc_id) or ""
        chain: list[SpanRec] = []  # the rows walked, from ``s`` up
        cur = s
        while True:
            chain.append(cur)
            prev = self.view.neighbour(cur, -1)
            if prev is None or not is_table_row(prev.text) or "\n\n" in text[prev.end : cur.start]:
                above: tuple[SpanRec | None, bool] = (None, False)  # the table starts at ``cur``
                break
            if has_table_rule(text[prev.end : cur.start]):
                above = (prev, True)
                break
            known = self._labels_above.get(prev.row)
            if known is not None:
                above = known if known[1] else (prev if labels_only(prev.text) else known[0], False)
                break
            cur = prev
        # down the rows walked: a marked header holds for all; else each row's nearest labels row
        for i in range(len(chain) - 1, -1, -1):
            self._labels_above[chain[i].row] = above
            if i and not above[1] and labels_only(chain[i].text):
                above = (chain[i], False)
        return self._labels_above[s.row]

    def header_row(self, s: SpanRec) -> SpanRec | None:
        """The first row of the table a sentence is a later row of, or None."""
        if not is_table_row(s.text):
            return None
        _, first = self._list_start(s)
        return first if first is not s and is_table_row(first.text) else None

    def _context_terms(self, s: SpanRec) -> set[str]:
        """The terms of a sentence and of its neighbours in the same section.

        A list item's (or table row's) context is the list's lead-in line (its part's heading when
        the list opens the part), not its sibling items:
        "- Monday to Friday: 9:00 a.m. to 7:30 p.m." must not borrow "Saturday" from the next item
        and outrank the Saturday line for "Saturday opening times?". A table row's context also
        holds the table's header row ("| Stage | Where | Capacity |"), which names its columns."""
        view = self.view
        ctx = set(view.sentence_terms[s.row])
        head = view.plain_headers.get(s.row)
        if head is not None:
            # a row of a table in columns: read with its header, not its sibling rows
            return ctx | view.sentence_terms[head]
        if not is_item(s.text):
            for nb in (view.neighbour(s, -1), view.neighbour(s, 1)):
                if nb is not None:
                    ctx |= view.sentence_terms[nb.row]
            return ctx
        lead, first = self._list_start(s)
        if lead is not None:
            ctx |= view.sentence_terms[lead.row]
        elif s.section != view.title(s.doc_id):
            # a list that opens its part is led in by the part's heading: "Opening times" over
            # "| Monday | Closed | Closed |" answers "are you open mondays"
            ctx |= view.section_terms(s.section)
        after = view.neighbour(s, 1)
        if after is not None and not is_item(after.text):
            ctx |= view.sentence_terms[after.row]
        if self.header_row(s) is not None:
            ctx |= view.sentence_terms[first.row]  # a table's header names what each column holds
        return ctx
