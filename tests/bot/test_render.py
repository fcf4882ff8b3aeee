"""Terminal rendering: what a user reads of an answer (bot.render)."""

from __future__ import annotations

from rich.console import Console

from bot.models import Answer, Quote
from bot.render import render_answer


def _quote(text: str, score: float, start: int) -> Quote:
    return Quote(
        text=text,
        doc_id="rules.txt",
        title="Rules",
        section="3. Bonfires",
        start=start,
        end=start + len(text),
        score=score,
    )


def test_a_quote_the_bot_hardly_believes_in_is_marked_weak() -> None:
    answer = Answer(
        question="When can I have a bonfire?",
        quotes=[
            _quote("Bonfires are allowed in winter.", 0.91, 0),
            _quote("Sheds need approval.", 0.003, 40),
        ],
    )
    console = Console(record=True, width=100, color_system=None)
    render_answer(console, answer, show_timing=False)
    lines = console.export_text().splitlines()
    strong = next(line for line in lines if "score 0.91" in line)
    weak = next(line for line in lines if "score 0.00" in line)
    assert "weak match" in weak and "weak match" not in strong
