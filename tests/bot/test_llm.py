"""LLM mode with langchain-core's fake chat models: what the model claims is verified, always."""

from __future__ import annotations

import json
from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from bot.service import QuoteService
from prompts import PromptError, load_all, load_prompt

QUESTION = "Which missiles does the U.S. offer transparency on?"
EXACT = "absence of Tomahawk cruise missiles in Romania and Poland"


def _service(index: Any, embedder: Any, responses: list[str]) -> QuoteService:
    return QuoteService(index, embedder=embedder, llm=FakeListChatModel(responses=responses))


def test_exact_citation_is_kept(default_index: Any, shared_embedder: Any) -> None:
    reply = json.dumps(
        {
            "answer": f"It offers a mechanism to confirm the {EXACT} [1].",
            "citations": [{"quote": 1, "text": EXACT}],
        }
    )
    answer = _service(default_index, shared_embedder, [reply]).ask(QUESTION)
    assert answer.answer and EXACT in answer.answer
    assert answer.dropped == []
    assert not any(q.repaired for q in answer.quotes)


def test_near_match_is_repaired_to_the_exact_span(default_index: Any, shared_embedder: Any) -> None:
    near = "absence of Tomahawk cruise missile in Romania and Poland"  # one letter off
    reply = json.dumps(
        {"answer": f"It would confirm the “{near}” [1].", "citations": [{"quote": 1, "text": near}]}
    )
    service = _service(default_index, shared_embedder, [reply])
    answer = service.ask(QUESTION)
    repaired = [q for q in answer.quotes if q.repaired]
    assert repaired, answer
    for q in repaired:
        assert (service.view.text(q.doc_id) or "")[q.start : q.end] == q.text
        assert "Tomahawk cruise missiles" in q.text
    assert near not in (answer.answer or "")
    assert answer.dropped == []


def test_fabricated_quote_is_dropped_and_reported(default_index: Any, shared_embedder: Any) -> None:
    fake = "the United States will withdraw all troops from Europe by March"
    reply = json.dumps({"answer": f"The U.S. says “{fake}” [1].", "citations": [{"quote": 1, "text": fake}]})
    answer = _service(default_index, shared_embedder, [reply]).ask(QUESTION)
    assert answer.dropped == [fake]
    assert fake not in (answer.answer or "")
    assert "[unverified quote removed]" in (answer.answer or "")
    assert all(not q.repaired for q in answer.quotes)


def test_model_ignoring_the_format_still_gets_checked(default_index: Any, shared_embedder: Any) -> None:
    reply = 'Sure! The U.S. talks about "secret hypersonic weapons in Estonia and Latvia" mostly.'
    answer = _service(default_index, shared_embedder, [reply]).ask(QUESTION)
    assert answer.answer is not None and "hypersonic" not in answer.answer
    assert answer.dropped == ["secret hypersonic weapons in Estonia and Latvia"]
    assert answer.quotes  # the verified quotes are still the answer


def test_failing_endpoint_keeps_the_quotes(default_index: Any, shared_embedder: Any) -> None:
    class Broken(FakeListChatModel):
        def _call(self, *args: Any, **kwargs: Any) -> str:
            raise ConnectionError("endpoint down")

    service = QuoteService(default_index, embedder=shared_embedder, llm=Broken(responses=["x"]))
    answer = service.ask(QUESTION)
    assert answer.quotes and answer.answer is None
    assert any("LLM endpoint failed" in n for n in answer.notes)


def test_abstention_does_not_call_the_model(default_index: Any, shared_embedder: Any) -> None:
    answer = _service(default_index, shared_embedder, ["should not be used"]).ask(
        "Best chocolate cake recipe?"
    )
    assert answer.abstained and answer.answer is None


def test_prompts_load_and_are_checked(tmp_path: Any) -> None:
    assert set(load_all()) == {"answer_system.txt", "answer_user.txt"}
    (tmp_path / "answer_user.txt").write_text("Question only: {question} {extra}", encoding="utf-8")
    with pytest.raises(PromptError, match="expected exactly"):
        load_prompt("answer_user.txt", tmp_path)


def _citing(config: Any, embedder: Any, near: str) -> QuoteService:
    """A service over ``config`` whose model answers citing ``near`` as quote 1 (a near miss of it)."""
    reply = json.dumps({"answer": f"It says “{near}” [1].", "citations": [{"quote": 1, "text": near}]})
    return QuoteService(config, embedder=embedder, llm=FakeListChatModel(responses=[reply]))


def test_a_repaired_quote_of_a_table_row_keeps_the_row_s_header(
    index_files: Any, shared_embedder: Any
) -> None:
    """A quote repaired from a model's near miss is cut from a quoted row: it shows that row's
    header, as the row does."""
    page = "# Prices\n\n| Activity | Adult | Junior |\n|---|---|---|\n| Sauna and steam | £7.00 | Not allowed |\n"
    near = "Sauna and steem | £7.00 | Not allowed"  # one letter off
    service = _citing(index_files("llm-table", {"prices.md": page}), shared_embedder, near)
    answer = service.ask("How much is the sauna for adults?")
    repaired = [q for q in answer.quotes if q.repaired]
    assert repaired and all(q.columns == "| Activity | Adult | Junior |" for q in repaired), answer


def test_a_repaired_quote_keeps_the_label_of_its_line(index_files: Any, shared_embedder: Any) -> None:
    """A quote repaired from a model's near miss of "From £140." still shows "Intermediate:", the
    label that opens its line, checked against the document."""
    page = (
        "# Courses\n\nIntermediate: For dogs who have completed Foundation. Eight weekly sessions. "
        "From £140 per dog.\nPuppy Start: For puppies. Six weekly sessions. From £95 per dog.\n"
    )
    near = "From £140 per dgo."  # one letter off
    service = _citing(index_files("llm-label", {"courses.md": page}), shared_embedder, near)
    answer = service.ask("How much is the Intermediate course?")
    repaired = [q for q in answer.quotes if q.repaired]
    assert repaired and all(q.line_label == "Intermediate:" for q in repaired), answer
    assert all(page[q.line_label_start : q.line_label_end] == q.line_label for q in repaired)
