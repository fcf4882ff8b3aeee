"""The answering chain:

    understand → embed → retrieve → pick quotes → verify → answer

Each step is a plain function over a state dict, timed as it runs; the chain (``Chain``, composed
with ``|`` like a LangChain runnable) is what ``QuoteService.ask`` invokes. It is a plain sequence
on purpose: langchain-core's runnables import its tracers and langsmith (~0.5 s, a third of a cold
`quotebot ask`) and wrap every call in callback machinery that no step here uses. LangChain is still
what the optional LLM step is built with (``bot.llm``), imported only when it is enabled. That step
only adds a short answer text: the quotes it may cite were verified before it runs, and whatever it
claims is verified again after.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from .focus import detail_missing
from .index_view import IndexView
from .models import Answer, Turn
from .quotes import pick, verify
from .ranker import Ranker, softmax
from .retrieve import Retriever
from .understand import understand

State = dict[str, Any]


class Chain:
    """Named steps run in order over one state dict, each one's time recorded in ``state["timings"]``
    (milliseconds). ``a | b`` is the chain of a's steps then b's."""

    def __init__(self, steps: list[tuple[str, Callable[[State], State]]]) -> None:
        self.steps = list(steps)

    def __or__(self, other: Chain) -> Chain:
        return Chain(self.steps + other.steps)

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.steps]

    def invoke(self, state: State) -> State:
        for name, fn in self.steps:
            t0 = time.perf_counter()
            state = fn(state)
            state.setdefault("timings", {})[name] = (time.perf_counter() - t0) * 1000
        return state


def _timed(name: str, fn: Callable[[State], State]) -> Chain:
    return Chain([(name, fn)])


def build_chain(
    view: IndexView,
    retriever: Retriever,
    ranker: Ranker,
    max_question_chars: int,
    abstain_threshold: float | None = None,
    llm_step: Callable[[State], State] | None = None,
) -> Chain:
    threshold = ranker.abstain_threshold if abstain_threshold is None else abstain_threshold

    def step_understand(state: State) -> State:
        history: list[Turn] = state.get("history") or []
        state["u"] = understand(
            state["question"], view.section_labels, history, state.get("source"), max_question_chars
        )
        return state

    def step_embed(state: State) -> State:
        state["qvec"], state["qtok"] = retriever.embedder.encode_query_with_tokens(state["u"].search_query)
        return state

    def step_retrieve(state: State) -> State:
        state["cands"] = retriever.candidates(
            state["u"], state["qvec"], state.get("qtok"), exclude_docs=state.get("hide_docs", frozenset())
        )
        return state

    def step_pick(state: State) -> State:
        cands = state["cands"]
        u = state["u"]
        r: Ranker = state.get("ranker") or ranker
        raw = r.score(cands.features)
        scores = softmax(raw)
        state["confidence"] = r.confidence(cands.features, raw)
        spread = None
        if u.wants_both:
            present = sorted({s.section for s in cands.sentences}, key=view.section_labels.index)
            # "What do both responses say…": spread over the headed sections, not the documents'
            # own narrative (sections labelled with a document's title).
            headed = [lab for lab in present if lab not in view.titles]
            routable = [lab for lab in (u.sources or headed) if lab in present]
            spread = routable[: state["top_k"]] if len(routable) >= 2 else None
        picked = pick(view, cands.sentences, scores, state["top_k"], r.merge_ratio, spread)
        # A quote's score: the confidence that the documents answer, scaled by its share of belief
        # relative to the best candidate (so the top quote's score is the confidence itself).
        best = float(scores.max()) if len(scores) else 1.0
        for p in picked:
            p.score = state["confidence"] * p.score / best if best > 0 else 0.0
        # Filler is not an answer: drop quotes far weaker than the best one.
        if picked and r.keep_ratio > 0:
            floor = r.keep_ratio * max(p.score for p in picked)
            # A question about both responses keeps the best quote of each, however weak: the
            # user asked what each one says.
            kept = {
                id(next(p for p in picked if p.first.section == sec))
                for sec in spread or []
                if any(p.first.section == sec for p in picked)
            }
            picked = [p for p in picked if p.score >= floor or id(p) in kept]
        state["picked"] = picked
        return state

    def step_verify(state: State) -> State:
        quotes = []
        for p in state["picked"]:
            q = verify(view, p)
            if q is not None:
                quotes.append(q)
        state["quotes"] = quotes
        return state

    def step_answer(state: State) -> State:
        u = state["u"]
        quotes = state["quotes"]
        confidence = state["confidence"]
        answer = Answer(
            question=u.question,
            sources=u.sources,
            search_query=u.search_query if u.follow_up else None,
            confidence=confidence,
            index=view.fingerprint,
        )
        r: Ranker = state.get("ranker") or ranker
        limit = state.get("threshold", r.abstain_threshold if "ranker" in state else threshold)
        if not quotes:
            answer.abstained = True
            answer.reason = "nothing in the documents matches this question"
        elif confidence < limit:
            answer.abstained = True
            answer.reason = "no passage answers this question"
            answer.closest = quotes[0]
        elif (
            limit >= 0
            and r.require_answer_type
            and (gap := detail_missing([q.text for q in quotes], u.question, u.answer_type))
        ):
            # "When…" with no date, "How many missiles…" with no number of missiles, "What does
            # Article 5 say…" without Article 5: on topic, but the detail itself is not there.
            answer.abstained = True
            answer.reason = gap
            answer.closest = quotes[0]
        else:
            answer.quotes = quotes
        state["answer"] = answer
        return state

    chain = (
        _timed("understand", step_understand)
        | _timed("embed", step_embed)
        | _timed("retrieve", step_retrieve)
        | _timed("pick", step_pick)
        | _timed("verify", step_verify)
        | _timed("answer", step_answer)
    )
    if llm_step is not None:
        chain = chain | _timed("llm", llm_step)
    return chain
