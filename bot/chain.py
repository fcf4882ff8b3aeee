"""A question's journey: typed values passed between named stages, composed with langchain-core.

    understand → embed → candidates → rank → read → pick → verify → decide → answer (→ llm)

Each stage is a method of ``Stages`` that takes and returns plain typed values, so it can be called
alone: ``scripts/train_ranker.py`` stops after ``candidates``, the merge benchmark after ``rank``,
the service runs them all. ``read`` (the trained reader, ``bot.read``) passes the trip on
unchanged when the reader is off (``QUOTEBOT_READER``, the default, or ``Request.reader=False``).
``build_chain`` composes the same methods into one langchain-core Runnable over a ``Trip`` (the
values so far) and records each stage's time. Verification comes before the decision on purpose:
only text that holds against the stored document may count as evidence that the documents answer. ``docs/architecture.md`` draws the whole path.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

import numpy as np
from langchain_core.runnables import Runnable, RunnableConfig

from .decide import DETAIL_QUOTES, Decision, decide
from .index_view import IndexView
from .models import Answer, Quote, Turn
from .quotes import Picked, pick, verify
from .ranker import Ranked, Ranker, rank
from .read import Read, read
from .reader import Reader
from .retrieve import Candidates, Retriever
from .understand import Understood, understand

T = TypeVar("T")


@dataclass(frozen=True)
class Request:
    """What is asked, and how it should be answered."""

    question: str
    history: tuple[Turn, ...] = ()
    #: Answer only from this source (a section label or a name such as "NATO").
    source: str | None = None
    top_k: int = 3
    #: Answer as if these documents were not indexed (evaluation's near misses).
    hide_docs: frozenset[str] = frozenset()
    #: Another ranker than the shipped one (evaluation's ablations).
    ranker: Ranker | None = None
    #: Another abstention threshold than the configured one.
    threshold: float | None = None
    #: False: answer whenever a quote is found (ablations, side-by-side benchmarks).
    abstain: bool = True
    #: False: skip the reader for this question (the evaluation's "reader off" row).
    reader: bool = True


@dataclass(frozen=True)
class Query:
    """The embed stage's output: the question as understood, and its vectors from one forward pass."""

    understood: Understood
    vector: np.ndarray
    #: Content-piece vectors for late interaction (``index.token_vectors``).
    tokens: np.ndarray


@dataclass
class Trip:
    """Everything a question has gathered so far on its way through the chain."""

    request: Request
    understood: Understood | None = None
    query: Query | None = None
    candidates: Candidates | None = None
    ranked: Ranked | None = None
    #: None when the reader is off; its ``ranked`` then replaces the rank stage's.
    read: Read | None = None
    picks: list[Picked] | None = None
    quotes: list[Quote] | None = None
    decision: Decision | None = None
    answer: Answer | None = None
    timings_ms: dict[str, float] = field(default_factory=dict)


def _got(value: T | None, what: str) -> T:
    if value is None:
        raise RuntimeError(f"the chain reached a stage before '{what}' was made")  # a wiring bug
    return value


class Stages:
    """The read path's stages over one index view; each can be called alone."""

    def __init__(
        self,
        view: IndexView,
        retriever: Retriever,
        ranker: Ranker,
        max_question_chars: int = 2000,
        threshold: float | None = None,
        reader: Reader | None = None,
    ) -> None:
        """``threshold``: the abstention threshold (None: the ranker's own, or the reader's decision's
        when the reader is on; a negative value turns abstention off, as the
        QUOTEBOT_ABSTAIN_THRESHOLD setting documents). ``reader``: None turns the read stage off."""
        self.view = view
        self.retriever = retriever
        self.ranker = ranker
        self.max_question_chars = max_question_chars
        self.threshold = threshold
        self.reader = reader

    def understand(self, request: Request) -> Understood:
        """The question read (``bot.understand``), its acronyms spelled out as the documents write
        them (``bot.acronyms``) for the search."""
        u = understand(
            request.question,
            self.view.sources,
            list(request.history),
            request.source,
            self.max_question_chars,
        )
        spelled = self.retriever.acronyms.spell_out(u.search_query, request.hide_docs)
        return u if spelled == u.search_query else replace(u, search_query=spelled)

    def embed(self, u: Understood) -> Query:
        vector, tokens = self.retriever.embedder.encode_query_with_tokens(u.search_query)
        return Query(u, vector, tokens)

    def candidates(self, query: Query, hide_docs: frozenset[str] = frozenset()) -> Candidates:
        return self.retriever.candidates(query.understood, query.vector, query.tokens, hide_docs)

    def rank(self, candidates: Candidates, ranker: Ranker | None = None) -> Ranked:
        return rank(candidates, ranker or self.ranker)

    def read(self, ranked: Ranked, u: Understood, request: Request) -> Read | None:
        """The reader's reading of the best candidates (None when the reader is off)."""
        if self.reader is None or not request.reader or request.ranker is not None:
            return None
        return read(self.view, self.reader, ranked, u)

    def pick(
        self,
        ranked: Ranked,
        u: Understood,
        top_k: int,
        ranker: Ranker | None = None,
        read: Read | None = None,
    ) -> list[Picked]:
        merges = read.merges if read is not None else None
        return pick(self.view, ranked, u, top_k, (ranker or self.ranker).merge_ratio, merges)

    def verify(self, picks: list[Picked]) -> list[Quote]:
        quotes = (
            verify(self.view, p, self.retriever.shown_columns(p.first), self.retriever.line_label(p.first))
            for p in picks
        )
        return [q for q in quotes if q is not None]

    def decide(
        self, u: Understood, ranked: Ranked, quotes: list[Quote], request: Request, read: Read | None = None
    ) -> Decision:
        ranker = request.ranker or self.ranker
        if request.threshold is not None:
            threshold = request.threshold
        elif self.threshold is not None and self.threshold < 0:
            threshold = self.threshold
        elif read is not None:
            threshold = read.threshold
        elif request.ranker is not None or self.threshold is None:
            threshold = ranker.abstain_threshold
        else:
            threshold = self.threshold
        detail_rule = ranker.require_answer_type and (read is None or read.detail_rule)
        headers = self.headers(ranked, quotes) if detail_rule else None
        return decide(u, ranked, quotes, threshold, request.abstain and threshold >= 0, detail_rule, headers)

    def headers(self, ranked: Ranked, quotes: list[Quote]) -> list[str | None]:
        """Per quote whose detail is checked, the header row of the table it opens with, or None."""
        spans = {(s.doc_id, s.start): s for s in ranked.candidates.sentences}
        out: list[str | None] = []
        for q in quotes[:DETAIL_QUOTES]:
            span = spans.get((q.doc_id, q.start))
            out.append(self.retriever.table_header(span) if span is not None else None)
        return out

    def answer(
        self, u: Understood, ranked: Ranked, quotes: list[Quote], decision: Decision, read: Read | None = None
    ) -> Answer:
        reader = self.reader if read is not None else None
        answer = Answer(
            question=u.question,
            sources=u.sources,
            # A follow-up, or a question whose acronyms were spelled out: what was searched.
            search_query=u.search_query if u.search_query != u.question else None,
            confidence=ranked.confidence,
            index={
                **self.view.fingerprint,
                "reader": reader.version if reader is not None else None,
                "reader_precision": reader.precision if reader is not None else None,
            },
        )
        if decision.answers:
            answer.quotes = quotes
        else:
            answer.abstained = True
            answer.reason = decision.reason
            answer.closest = quotes[0] if quotes else None
        return answer

    def through_candidates(self, request: Request) -> Candidates:
        """understand → embed → candidates: what training and benchmarks score."""
        return self.candidates(self.embed(self.understand(request)), request.hide_docs)


class _Stage(Runnable[Trip, Trip]):
    """One named stage of the chain; its time goes into ``Trip.timings_ms``.

    A Runnable of its own rather than a ``RunnableLambda``: a RunnableLambda inspects its function's
    signature and opens a callback run on every call, ~0.12 ms a stage, over 1 ms of a 10 ms answer.
    The sequence composing the stages is still one langchain-core run (callbacks and tracing see the
    chain as a whole); ``scripts/draw_chain.py`` still draws each stage by name.
    """

    def __init__(self, name: str, step: Callable[[Trip], Trip]) -> None:
        self.name = self.stage = name  # ``name``: what langchain-core shows; ``stage``: the timing key
        self.step = step

    def invoke(self, input: Trip, config: RunnableConfig | None = None, **kwargs: Any) -> Trip:
        t0 = time.perf_counter()
        out = self.step(input)
        out.timings_ms[self.stage] = (time.perf_counter() - t0) * 1000
        return out


def build_chain(stages: Stages, llm_step: Callable[[Answer], Answer] | None = None) -> Runnable[Trip, Trip]:
    """The stages as one Runnable over a ``Trip``; ``QuoteService.ask`` invokes it."""
    s = stages

    def understood(t: Trip) -> Understood:
        return _got(t.understood, "understand")

    def ranked(t: Trip) -> Ranked:
        return _got(t.ranked, "rank")

    def quotes(t: Trip) -> list[Quote]:
        return _got(t.quotes, "verify")

    def with_read(t: Trip) -> Trip:
        got = s.read(ranked(t), understood(t), t.request)
        return replace(t, read=got, ranked=got.ranked) if got is not None else t

    steps: list[tuple[str, Callable[[Trip], Trip]]] = [
        ("understand", lambda t: replace(t, understood=s.understand(t.request))),
        ("embed", lambda t: replace(t, query=s.embed(understood(t)))),
        (
            "retrieve",
            lambda t: replace(t, candidates=s.candidates(_got(t.query, "embed"), t.request.hide_docs)),
        ),
        ("rank", lambda t: replace(t, ranked=s.rank(_got(t.candidates, "retrieve"), t.request.ranker))),
        ("read", with_read),
        (
            "pick",
            lambda t: replace(
                t, picks=s.pick(ranked(t), understood(t), t.request.top_k, t.request.ranker, t.read)
            ),
        ),
        ("verify", lambda t: replace(t, quotes=s.verify(_got(t.picks, "pick")))),
        (
            "decide",
            lambda t: replace(t, decision=s.decide(understood(t), ranked(t), quotes(t), t.request, t.read)),
        ),
        (
            "answer",
            lambda t: replace(
                t, answer=s.answer(understood(t), ranked(t), quotes(t), _got(t.decision, "decide"), t.read)
            ),
        ),
    ]
    if llm_step is not None:
        steps.append(("llm", lambda t: replace(t, answer=llm_step(_got(t.answer, "answer")))))
    chain: Runnable[Trip, Trip] = _Stage(*steps[0])
    for name, step in steps[1:]:
        chain = chain | _Stage(name, step)
    return chain


def answer_of(trip: Trip) -> Answer:
    """The answer a finished trip carries, its stage times filled in."""
    answer = _got(trip.answer, "answer")
    answer.timings_ms = dict(trip.timings_ms)
    return answer


__all__ = ["Query", "Request", "Stages", "Trip", "answer_of", "build_chain"]
