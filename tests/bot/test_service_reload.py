"""A running service follows the index: it picks up a finished `quotebot index` without a restart,
and a question caught by a rebuild is answered again from the new index."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bot.service import QuoteService
from index.pipeline import IndexConfig, run_index
from index.store import StoreConfig

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def _fresh(tmp_path: Path, embedder: Any, reload_check_s: float) -> tuple[IndexConfig, Path, QuoteService]:
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(CORPUS / "nato-us-responses-2022.txt", docs / "report.txt")
    config = IndexConfig(store=StoreConfig(index_dir=tmp_path / "index"))
    run_index(config, [docs], embedder=embedder)
    return config, docs, QuoteService(config, embedder=embedder, reload_check_s=reload_check_s)


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
