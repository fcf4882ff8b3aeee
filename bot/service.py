"""The one API every front end calls: ``QuoteService.ask`` and its async twin ``aask``.

It owns the embedder, the store connection, the in-memory index view and the chain. Building it
loads the model and the index once; each question then costs one query embedding plus a few
milliseconds of Chroma and in-memory scoring.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from index.embedder import Embedder
from index.pipeline import IndexConfig
from index.store import Store

from .chain import build_chain
from .index_view import IndexView
from .models import Answer, Quote, Turn
from .ranker import Ranker
from .retrieve import Retriever

log = logging.getLogger(__name__)


class QuoteService:
    def __init__(
        self,
        config: IndexConfig,
        top_k: int = 3,
        max_question_chars: int = 2000,
        abstain_threshold: float | None = None,
        embedder: Embedder | None = None,
        store: Store | None = None,
        ranker: Ranker | None = None,
        llm: Any | None = None,
        preload_model: bool = True,
    ) -> None:
        """``preload_model``: load the torch model now (long-running front ends: faster per query);
        a one-shot ``quotebot ask`` passes False and answers with the NumPy encoder alone."""
        t0 = time.perf_counter()
        self.config = config
        self.top_k = top_k
        self.embedder = embedder or Embedder(config.model_path, config.batch_size)
        self.store = store or Store(config.store)
        self.view = IndexView(self.store, self.embedder, config)
        self.ranker = ranker or Ranker.load()
        self.retriever = Retriever(self.view, self.embedder)
        self.llm = llm
        llm_step = None
        if llm is not None:
            from .llm import make_llm_step

            llm_step = make_llm_step(llm, self.view)
        self.chain = build_chain(
            self.view, self.retriever, self.ranker, max_question_chars, abstain_threshold, llm_step
        )
        if preload_model:
            self.embedder.for_queries()
        # Warm up the model and Chroma's vector index, so the first question is as fast as the rest.
        warm = self.embedder.encode_query("warm up")
        for kind in ("sentences", "passages"):
            self.store.query(self.view.generation, kind, warm.tolist(), 1)
        self.load_ms = (time.perf_counter() - t0) * 1000

    @classmethod
    def from_settings(cls, settings: Any, **kwargs: Any) -> QuoteService:
        llm = None
        if settings.llm_enabled:
            from .llm import make_chat_model

            llm = make_chat_model(settings)
        return cls(
            settings.index_config(),
            top_k=settings.top_k,
            max_question_chars=settings.max_question_chars,
            abstain_threshold=settings.abstain_threshold,
            llm=llm,
            **kwargs,
        )

    @property
    def sections(self) -> list[str]:
        return list(self.view.section_labels)

    def ask(
        self,
        question: str,
        history: list[Turn] | None = None,
        source: str | None = None,
        top_k: int | None = None,
        ranker: Ranker | None = None,
        threshold: float | None = None,
    ) -> Answer:
        """Answer with verified quotes, or abstain with the closest passage. Raises ``BadQuestionError``.

        ``ranker`` and ``threshold`` override the shipped ones (evaluation ablations, calibration).
        """
        t0 = time.perf_counter()
        state: dict[str, Any] = {
            "question": question,
            "history": history or [],
            "source": source,
            "top_k": top_k or self.top_k,
        }
        if ranker is not None:
            state["ranker"] = ranker
        if threshold is not None:
            state["threshold"] = threshold
        state = self.chain.invoke(state)
        answer: Answer = state["answer"]
        answer.timings_ms = {**state.get("timings", {}), "total": (time.perf_counter() - t0) * 1000}
        return answer

    async def aask(
        self,
        question: str,
        history: list[Turn] | None = None,
        source: str | None = None,
        top_k: int | None = None,
    ) -> Answer:
        """The async twin: the model and Chroma work run in a thread, off the event loop."""
        return await asyncio.to_thread(self.ask, question, history, source, top_k)

    def context(self, quote: Quote, chars: int = 400) -> tuple[str, str, str]:
        """Text before, the quote itself, and text after, from the stored canonical document."""
        text = self.view.text(quote.doc_id) or ""
        before = text[max(0, quote.start - chars) : quote.start]
        after = text[quote.end : quote.end + chars]
        return before, text[quote.start : quote.end], after

    def about(self) -> dict[str, Any]:
        m = self.view.manifest
        return {
            "documents": m.get("documents"),
            "sections": m.get("sections"),
            "sentences": m.get("sentences"),
            "passages": m.get("passages"),
            "model": m.get("model"),
            "dimension": m.get("dimension"),
            "corpus_hash": m.get("corpus_hash"),
            "updated_at": m.get("updated_at"),
            "store": self.config.store.describe(),
            "section_labels": self.sections,
            "titles": sorted({str(d.get("title")) for d in self.view.docs.values()}),
            "llm": self.llm is not None,
        }

    def turn(self, answer: Answer) -> Turn:
        """What a conversation remembers of an answer, for the next follow-up."""
        return Turn(
            question=answer.question,
            search_query=answer.search_query or answer.question,
            sources=answer.sources,
        )

