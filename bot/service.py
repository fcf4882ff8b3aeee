"""The one API every front end calls: ``QuoteService.ask`` and its async twin ``aask``.

It owns the embedder, the store connection, the in-memory index view and the chain. Building it
loads the model and the index once; each question then costs one query embedding plus a few
milliseconds of Chroma and in-memory scoring.

A long-running service follows the index: at most every ``reload_check_s`` seconds it reads the
manifest (one small Chroma call) and, when an indexer has finished a run, swaps in a new view and
chain. A question in flight keeps the view it started with; if a rebuild dropped that view's
generation under it, the question is answered again from the new one.

Loading a view takes time in proportion to the index (~0.2 ms a sentence: 20 s for 100,000), so the
question that notices a new index waits at most ``reload_wait_s`` for it; a longer load goes on in
a background thread while every question is answered from the current view, and the new one is
swapped in when it is ready. Small indexes load within the wait, so their first answer after an
index run already comes from the new one. A rebuild is the exception: it drops the old generation
as soon as the new one is complete, so the questions caught then wait for the load (one load
serves them all).
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from typing import Any, NamedTuple

from langchain_core.runnables import Runnable

from index.embedder import Embedder
from index.errors import IndexChangedError
from index.manifest import IndexConfig
from index.store import Store

from .chain import Request, Stages, Trip, answer_of, build_chain
from .index_view import IndexView
from .models import Answer, Quote, Turn
from .ranker import Ranker
from .reader import Reader
from .retrieve import Retriever
from .understand import resolve_sources

log = logging.getLogger(__name__)


class _Live(NamedTuple):
    """What answering needs from one index snapshot, swapped as a whole on reload."""

    view: IndexView
    stages: Stages
    chain: Runnable[Trip, Trip]


#: After a background load fails, the same index is tried again only this much later (seconds).
RETRY_FAILED_S = 30.0


def _version(manifest: dict[str, Any]) -> tuple[Any, ...]:
    return (manifest.get("generation"), manifest.get("updated_at"), manifest.get("corpus_hash"))


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
        reader: Reader | None = None,
        reload_check_s: float = 5.0,
        reload_wait_s: float | None = None,
    ) -> None:
        """The model's single-query session is made during construction, in a background thread
        while the index view loads (the two overlap on two cores: a cold `quotebot ask` pays for
        the longer of them, not for both). ``reload_check_s``: how often to look for a newer index (0: before every question; a
        negative value: never). ``reload_wait_s``: how long a question waits for a newer index to
        load before it is answered from the current one while the load goes on in the background
        (None: always wait, as a script or a test expects)."""
        t0 = time.perf_counter()
        self.config = config
        self.top_k = top_k
        self.max_question_chars = max_question_chars
        self.abstain_threshold = abstain_threshold
        self.reload_check_s = reload_check_s
        self.reload_wait_s = reload_wait_s
        self.embedder = embedder or Embedder.for_config(config)
        # The model's session is made while Chroma opens and the index view loads.
        loading = self.embedder.prepare_queries()
        reading = reader.prepare() if reader is not None else None
        try:
            self.store = store or Store(config.store, create=False)  # a reader never creates an index
            self.ranker = ranker or Ranker.load()
            self.llm = llm
            self.reader = reader
            self._reload_lock = threading.Lock()
            self._loader: threading.Thread | None = None
            self._load_error: str | None = None
            self._failed_version: tuple[Any, ...] | None = None
            self._failed_at = 0.0
            self._checked = time.monotonic()
            self._live = self._build(IndexView(self.store, self.embedder, config))
        finally:
            loading.join()
            if reading is not None:
                reading.join()
        # Warm up the model and Chroma's vector index, so the first question is as fast as the rest.
        warm = self.embedder.encode_query("warm up")
        for kind in ("sentences", "passages"):
            self.store.query(self.view.generation, kind, warm.tolist(), 1)
        if reader is not None:
            reader.read("warm up", ["Warm up."])
        self.load_ms = (time.perf_counter() - t0) * 1000

    def _build(self, view: IndexView) -> _Live:
        stages = Stages(
            view,
            Retriever(view, self.embedder),
            self.ranker,
            self.max_question_chars,
            self.abstain_threshold,
            self.reader,
        )
        llm_step = None
        if self.llm is not None:
            from .llm import make_llm_step

            llm_step = make_llm_step(self.llm, view)
        return _Live(view, stages, build_chain(stages, llm_step))

    @property
    def view(self) -> IndexView:
        return self._live.view

    @property
    def stages(self) -> Stages:
        """The current index's stages, to call one at a time (training, benchmarks)."""
        return self._live.stages

    @property
    def retriever(self) -> Retriever:
        return self._live.stages.retriever

    @property
    def chain(self) -> Runnable[Trip, Trip]:
        return self._live.chain

    def refresh(self, force: bool = False, stale: IndexView | None = None) -> bool:
        """Swap in the live index if an indexer has changed it since this view was read.

        Returns True when a new view is in place. Called before each question (rate-limited by
        ``reload_check_s``) and, with ``force``, when the view ``stale`` lost its generation (a
        rebuild dropped it): then it waits for the load, however long, since that view can no
        longer answer; if another thread already replaced ``stale``, it returns at once.
        """
        if not force and (self.reload_check_s < 0 or time.monotonic() - self._checked < self.reload_check_s):
            return False
        joined = False
        while True:
            with self._reload_lock:
                if stale is not None and self._live.view is not stale:
                    return True
                loader = self._loader
                if loader is not None and loader.is_alive():
                    if not force:
                        return False  # a load is under way: answer from the current view meanwhile
                else:
                    started = self._check_and_load(force, joined)
                    if isinstance(started, bool):
                        return started
                    loader, before = started
            # Waited for outside the lock, so other questions go on from the current view.
            if force:
                loader.join()
                joined = True
                continue
            loader.join(self.reload_wait_s)
            if loader.is_alive():
                log.info("a newer index is loading; answering from the current one until it is ready")
            return self._live is not before

    def _check_and_load(self, force: bool, joined: bool) -> bool | tuple[threading.Thread, _Live]:
        """Under the reload lock: read the manifest and load what is new, in this thread (``force``,
        or ``reload_wait_s`` None: returns True) or in a new one (returns it, and the live state it
        replaces). False: nothing to load."""
        if not force and time.monotonic() - self._checked < self.reload_check_s:
            return False  # another thread checked while we waited for the lock
        self._checked = time.monotonic()
        manifest = self.store.read_manifest()
        if manifest is None:
            return False
        version = _version(manifest)
        if version == _version(self.view.manifest) and (not force or joined):
            return joined  # nothing new, or the load just waited for brought it
        if (
            not force
            and version == self._failed_version
            and time.monotonic() - self._failed_at < RETRY_FAILED_S
        ):
            return False  # this index failed to load a moment ago: not again at every question
        t0 = time.perf_counter()
        if force or self.reload_wait_s is None:
            self._swap(self._load(), t0)
            return True
        loader = threading.Thread(
            target=self._load_in_background, args=(t0, version), name="quotebot-reload", daemon=True
        )
        self._loader = loader
        loader.start()
        return loader, self._live

    def _load(self) -> _Live:
        self.store.reconnect()  # embedded mode: see what another process wrote
        return self._build(IndexView(self.store, self.embedder, self.config))

    def _swap(self, live: _Live, t0: float) -> None:
        self._live = live  # one assignment: a question sees the old view or the new, never a mix
        self._load_error = self._failed_version = None
        log.info(
            "index changed (generation %s, updated %s): reloaded in %.0f ms",
            live.view.generation,
            live.view.manifest.get("updated_at"),
            (time.perf_counter() - t0) * 1000,
        )

    def _load_in_background(self, t0: float, version: tuple[Any, ...]) -> None:
        """Load the new view off the question path. On failure keep the current one, say so once
        per distinct error, and try that index again only after ``RETRY_FAILED_S``."""
        try:
            self._swap(self._load(), t0)
        except BaseException as exc:  # anything (a Rust panic is a BaseException): keep the current view
            self._failed_version, self._failed_at = version, time.monotonic()
            message = f"{type(exc).__name__}: {exc}"
            if message != self._load_error:
                log.warning("could not load the newer index (%s); answering from the current one", message)
            self._load_error = message

    def wait_for_reload(self, timeout: float | None = None) -> bool:
        """Wait for a background load to finish (tests, shutdown); True if none is running after."""
        loader = self._loader
        if loader is not None:
            loader.join(timeout)
        return loader is None or not loader.is_alive()

    @classmethod
    def from_settings(cls, settings: Any, **kwargs: Any) -> QuoteService:
        llm = None
        if settings.llm_enabled:
            from .llm import make_chat_model

            llm = make_chat_model(settings)
        if settings.reader:
            kwargs.setdefault("reader", Reader(cache=settings.cache_dir, precision=settings.reader_precision))
        return cls(
            settings.index_config(),
            top_k=settings.top_k,
            max_question_chars=settings.max_question_chars,
            abstain_threshold=settings.abstain_threshold,
            reload_check_s=settings.reload_check_s,
            reload_wait_s=settings.reload_wait_s,
            llm=llm,
            **kwargs,
        )

    @property
    def sections(self) -> list[str]:
        return list(self.view.section_labels)

    def sources_by_document(self) -> list[tuple[str, list[str]]]:
        """Each document (by id: its file's path in the folder) with its section labels in reading
        order: how ``/sources`` lists a folder of several documents."""
        return [(doc_id, self.view.labels_of(doc_id)) for doc_id in sorted(self.view.docs)]

    def resolve_sources(self, value: str) -> list[str]:
        """The section labels a source name ("NATO", "US", a label) stands for in this index."""
        return resolve_sources(value, self.view.sources)

    def ask(
        self,
        question: str,
        history: list[Turn] | None = None,
        source: str | None = None,
        top_k: int | None = None,
        ranker: Ranker | None = None,
        threshold: float | None = None,
        hide_docs: frozenset[str] = frozenset(),
        abstain: bool = True,
        reader: bool = True,
    ) -> Answer:
        """Answer with verified quotes, or abstain with the closest passage. Raises ``BadQuestionError``.

        ``ranker`` and ``threshold`` override the shipped ones (evaluation ablations, calibration);
        ``abstain=False`` answers whenever a quote is found; ``reader=False`` skips the reader for
        this question (the evaluation's "reader off" row). ``hide_docs`` answers as if those
        documents were not indexed: evaluation hides a question's gold paragraph to turn it into a
        near miss (its topic still present, its answer gone).
        """
        return self.ask_request(
            Request(
                question=question,
                history=tuple(history or ()),
                source=source,
                top_k=top_k or self.top_k,
                hide_docs=hide_docs,
                ranker=ranker,
                threshold=threshold,
                abstain=abstain,
                reader=reader,
            )
        )

    def ask_request(self, request: Request) -> Answer:
        """``ask`` for a ready-made ``Request``: the whole chain, on the newest index."""
        t0 = time.perf_counter()
        self.refresh()
        live = self._live
        try:
            trip = live.chain.invoke(Trip(request))
        except IndexChangedError:
            log.info("the index changed during a question; answering again from the new one")
            self.refresh(force=True, stale=live.view)
            trip = self.chain.invoke(Trip(request))
        answer = answer_of(trip)
        answer.timings_ms["total"] = (time.perf_counter() - t0) * 1000
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
        """Text before, the quote itself, and text after, from the stored canonical document.

        The quote may come from an answer given before the index was updated: if its offsets no
        longer hold, it is looked up in the current text; if it is gone, only the quote is shown.
        """
        text = self.view.text(quote.doc_id) or ""
        start = quote.start
        if text[start : quote.end] != quote.text:
            start = text.find(quote.text)
            if start < 0:
                return "", quote.text, ""
        end = start + len(quote.text)
        return text[max(0, start - chars) : start], text[start:end], text[end : end + chars]

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
            "sources_by_document": [[doc, labels] for doc, labels in self.sources_by_document()],
            "titles": sorted({str(d.get("title")) for d in self.view.docs.values()}),
            "llm": self.llm is not None,
            "reader": self.reader.about() if self.reader is not None else None,
        }

    def turn(self, answer: Answer) -> Turn:
        """What a conversation remembers of an answer, for the next follow-up."""
        return Turn(
            question=answer.question,
            search_query=answer.search_query or answer.question,
            sources=answer.sources,
        )
