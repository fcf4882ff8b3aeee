"""A running service follows the index: it picks up a finished `quotebot index` without a restart,
and a question caught by a rebuild is answered again from the new index."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

import bot.service as bot_service
from bot.service import QuoteService
from bot.settings import Settings
from index.errors import StoreUnavailableError
from index.manifest import IndexConfig
from index.pipeline import run_index
from index.store import StoreConfig

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def _fresh(
    tmp_path: Path, embedder: Any, reload_check_s: float, reload_wait_s: float | None = None
) -> tuple[IndexConfig, Path, QuoteService]:
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(CORPUS / "nato-us-responses-2022.txt", docs / "report.txt")
    config = IndexConfig(store=StoreConfig(index_dir=tmp_path / "index"))
    run_index(config, [docs], embedder=embedder)
    service = QuoteService(
        config, embedder=embedder, reload_check_s=reload_check_s, reload_wait_s=reload_wait_s
    )
    return config, docs, service


def _verbatim(service: QuoteService, quotes: list[Any]) -> bool:
    return all((service.view.text(q.doc_id) or "")[q.start : q.end] == q.text for q in quotes)


def test_a_new_document_is_answered_after_an_index_run(tmp_path: Path, shared_embedder: Any) -> None:
    config, docs, service = _fresh(tmp_path, shared_embedder, reload_check_s=0)
    question = "How many days of fuel did the convoy carry?"
    assert all(q.doc_id != "convoy.txt" for q in service.ask(question).quotes)

    (docs / "convoy.txt").write_text("Logistics\n\nThe convoy left at dawn with fuel for nine days.\n")
    run_index(config, [docs], embedder=shared_embedder)
    answer = service.ask(question)
    assert answer.quotes and answer.quotes[0].doc_id == "convoy.txt"
    assert "nine days" in answer.quotes[0].text and _verbatim(service, answer.quotes)


def test_a_question_caught_by_a_rebuild_is_answered_from_the_new_index(
    tmp_path: Path, shared_embedder: Any, caplog: pytest.LogCaptureFixture
) -> None:
    # Never look for changes on its own: only the vanished generation makes it reload.
    config, docs, service = _fresh(tmp_path, shared_embedder, reload_check_s=-1)
    old_generation = service.view.generation
    run_index(config, [docs], rebuild=True, embedder=shared_embedder)  # drops the old generation

    with caplog.at_level(logging.INFO, logger="bot.service"):
        answer = service.ask("Tomahawk missiles in Romania and Poland?")
    assert "the index changed during a question" in caplog.text
    assert service.view.generation > old_generation
    assert answer.index["generation"] == service.view.generation
    assert answer.quotes and _verbatim(service, answer.quotes)


def test_without_changes_nothing_is_reloaded(tmp_path: Path, shared_embedder: Any) -> None:
    _, _, service = _fresh(tmp_path, shared_embedder, reload_check_s=0)
    view = service.view
    assert service.refresh() is False and service.view is view
    service.ask("Tomahawk missiles?")
    assert service.view is view


def test_an_embedded_index_updated_by_another_process_is_picked_up(
    tmp_path: Path, shared_embedder: Any
) -> None:
    """The everyday case: a bot runs on the on-disk index while `quotebot index` runs in a shell."""
    config, docs, service = _fresh(tmp_path, shared_embedder, reload_check_s=0)
    question = "How many days of fuel did the convoy carry?"
    (docs / "convoy.txt").write_text("Logistics\n\nThe convoy left at dawn with fuel for nine days.\n")
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    env.pop("QUOTEBOT_CHROMA_HOST", None)
    for extra in ([], ["--rebuild"]):
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "bot",
                "--index-dir",
                str(config.store.index_dir),
                "index",
                *extra,
                str(docs),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            env=env,
        )
        assert run.returncode == 0, run.stderr
        answer = service.ask(question)
        assert answer.quotes and answer.quotes[0].doc_id == "convoy.txt", answer
        assert _verbatim(service, answer.quotes)
        assert service.ask("Tomahawk missiles in Romania and Poland?").quotes


def test_context_of_an_answer_given_before_an_update_still_shows_the_quote(
    tmp_path: Path, shared_embedder: Any
) -> None:
    config, docs, service = _fresh(tmp_path, shared_embedder, reload_check_s=0)
    [quote, *_] = service.ask("Tomahawk missiles in Romania and Poland?").quotes
    # The document gains a paragraph at the top: every offset after it moves.
    report = docs / "report.txt"
    report.write_text("Editor's note\n\nThis copy was updated.\n\n" + report.read_text(encoding="utf-8"))
    run_index(config, [docs], embedder=shared_embedder)
    service.refresh(force=True)
    before, middle, after = service.context(quote)
    assert middle == quote.text and before and after
    assert (service.view.text("report.txt") or "").count(before + middle + after) == 1


class _GatedView:
    """Stands in for ``IndexView`` in ``bot.service``: builds the real view only once ``gate`` is
    open (a big index loading slowly), or raises ``error`` (a server that went away). Counts builds."""

    def __init__(self, real: Any, gate: threading.Event, error: Exception | None = None) -> None:
        self.real, self.gate, self.error, self.builds = real, gate, error, 0

    def __call__(self, *args: Any) -> Any:
        self.builds += 1
        assert self.gate.wait(60), "the test never opened the gate"
        if self.error is not None:
            raise self.error
        return self.real(*args)


def _add_convoy(config: IndexConfig, docs: Path, embedder: Any) -> str:
    (docs / "convoy.txt").write_text("Logistics\n\nThe convoy left at dawn with fuel for nine days.\n")
    run_index(config, [docs], embedder=embedder)
    return "How many days of fuel did the convoy carry?"


def test_a_slow_load_goes_on_in_the_background_while_questions_are_answered(
    tmp_path: Path, shared_embedder: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    config, docs, service = _fresh(tmp_path, shared_embedder, reload_check_s=0, reload_wait_s=0.05)
    old_view, gate = service.view, threading.Event()
    gated = _GatedView(bot_service.IndexView, gate)
    monkeypatch.setattr(bot_service, "IndexView", gated)
    question = _add_convoy(config, docs, shared_embedder)

    with caplog.at_level(logging.INFO, logger="bot.service"):
        t0 = time.monotonic()
        first = service.ask(question)  # finds the new index, waits 50 ms, answers from the old one
        second = service.ask(question)  # the load is under way: no second load, no wait
        waited = time.monotonic() - t0
    assert service.view is old_view and gated.builds == 1
    assert all(q.doc_id != "convoy.txt" for q in first.quotes + second.quotes)
    assert first.index["corpus_hash"] == second.index["corpus_hash"] == old_view.fingerprint["corpus_hash"]
    assert _verbatim(service, first.quotes + second.quotes)
    assert waited < 30 and "a newer index is loading" in caplog.text

    gate.set()
    assert service.wait_for_reload(60)
    answer = service.ask(question)
    assert service.view is not old_view and gated.builds == 1
    assert answer.quotes and answer.quotes[0].doc_id == "convoy.txt" and _verbatim(service, answer.quotes)


def test_a_small_index_loads_within_the_wait_and_answers_at_once(
    tmp_path: Path, shared_embedder: Any
) -> None:
    config, docs, service = _fresh(tmp_path, shared_embedder, reload_check_s=0, reload_wait_s=30)
    answer = service.ask(_add_convoy(config, docs, shared_embedder))
    assert answer.quotes and answer.quotes[0].doc_id == "convoy.txt"


def test_a_failed_background_load_keeps_the_current_index_and_is_retried(
    tmp_path: Path, shared_embedder: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    config, docs, service = _fresh(tmp_path, shared_embedder, reload_check_s=0, reload_wait_s=30)
    old_view, gate = service.view, threading.Event()
    gate.set()
    failing = _GatedView(
        bot_service.IndexView, gate, StoreUnavailableError("the Chroma server is not answering")
    )
    monkeypatch.setattr(bot_service, "IndexView", failing)
    question = _add_convoy(config, docs, shared_embedder)

    with caplog.at_level(logging.WARNING, logger="bot.service"):
        for _ in range(3):
            answer = service.ask(question)
            assert answer.index["corpus_hash"] == old_view.fingerprint["corpus_hash"]
            assert all(q.doc_id != "convoy.txt" for q in answer.quotes)
        assert failing.builds == 1  # not tried again at every question
        monkeypatch.setattr(bot_service, "RETRY_FAILED_S", 0.0)  # ... but after a while
        service.ask(question)
        assert failing.builds == 2 and service.view is old_view
    assert caplog.text.count("could not load the newer index") == 1  # said once, not at every try

    monkeypatch.setattr(bot_service, "IndexView", failing.real)  # the server is back
    answer = service.ask(question)
    assert answer.quotes and answer.quotes[0].doc_id == "convoy.txt"


def test_questions_do_not_queue_behind_a_question_waiting_for_a_load(
    tmp_path: Path, shared_embedder: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    config, docs, service = _fresh(tmp_path, shared_embedder, reload_check_s=0, reload_wait_s=60)
    gate = threading.Event()
    gated = _GatedView(bot_service.IndexView, gate)
    monkeypatch.setattr(bot_service, "IndexView", gated)
    _add_convoy(config, docs, shared_embedder)
    first = threading.Thread(target=service.refresh)  # finds the new index, waits up to 60 s for it
    first.start()
    try:
        while gated.builds == 0:  # the load has started (and is held at the gate)
            time.sleep(0.01)
        done = threading.Event()
        threading.Thread(target=lambda: (service.refresh(), done.set()), daemon=True).start()
        assert done.wait(20), "a second question waited behind the first one's wait"
    finally:
        gate.set()
        first.join(60)
    assert service.wait_for_reload(60)


def test_a_forced_refresh_for_a_view_already_replaced_loads_nothing(
    tmp_path: Path, shared_embedder: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a rebuild every question in flight fails and forces a reload: one load serves them all."""
    config, docs, service = _fresh(tmp_path, shared_embedder, reload_check_s=-1)
    old_view, gate = service.view, threading.Event()
    gate.set()
    gated = _GatedView(bot_service.IndexView, gate)
    monkeypatch.setattr(bot_service, "IndexView", gated)
    run_index(config, [docs], rebuild=True, embedder=shared_embedder)
    assert service.refresh(force=True, stale=old_view) is True
    assert service.refresh(force=True, stale=old_view) is True
    assert gated.builds == 1 and service.view is not old_view


def test_a_forced_refresh_waits_for_the_load_under_way(
    tmp_path: Path, shared_embedder: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the current view's generation is gone it cannot answer: the question waits for the load
    already running rather than starting a second one."""
    config, docs, service = _fresh(tmp_path, shared_embedder, reload_check_s=0, reload_wait_s=0)
    old_view, gate = service.view, threading.Event()
    gated = _GatedView(bot_service.IndexView, gate)
    monkeypatch.setattr(bot_service, "IndexView", gated)
    _add_convoy(config, docs, shared_embedder)
    assert service.refresh() is False  # started in the background, not waited for

    threading.Timer(0.3, gate.set).start()
    assert service.refresh(force=True) is True
    assert service.view is not old_view and gated.builds == 1


def test_the_reload_settings_reach_the_service(
    tmp_path: Path, shared_embedder: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    config, _, _ = _fresh(tmp_path, shared_embedder, reload_check_s=0)
    monkeypatch.delenv("QUOTEBOT_CHROMA_HOST", raising=False)
    monkeypatch.setenv("QUOTEBOT_RELOAD_WAIT_S", "0.25")
    monkeypatch.setenv("QUOTEBOT_RELOAD_CHECK_S", "7")
    settings = Settings(_env_file=None, index_dir=config.store.index_dir)
    service = QuoteService.from_settings(settings, embedder=shared_embedder)
    assert (service.reload_wait_s, service.reload_check_s) == (0.25, 7.0)
