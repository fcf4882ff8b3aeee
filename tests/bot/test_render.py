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


def test_a_table_s_rows_are_shown_under_the_names_of_their_cells_once() -> None:
    """A row ("| Mega Party | £16.00 | 12 |") cannot be read without its header; the header is shown
    above the first row of the table under a heading, apart from the quote, and not repeated."""
    header = "| Package | Price per child | Minimum children |"
    rows = ["| Mega Party | £16.00 | 12 |", "| Jump Party | £12.50 | 10 |"]
    quotes = [
        _quote(r, 0.6 - i / 10, 100 + 40 * i).model_copy(update={"columns": header})
        for i, r in enumerate(rows)
    ]
    console = Console(record=True, width=100, color_system=None)
    render_answer(console, Answer(question="How much is a Mega Party?", quotes=quotes), show_timing=False)
    lines = console.export_text().splitlines()
    assert sum(header in line for line in lines) == 1
    at = next(i for i, line in enumerate(lines) if header in line)
    assert rows[0] in lines[at + 1] and "▌" in lines[at + 1] and "▌" not in lines[at]


def test_a_sentence_later_in_a_labelled_line_is_shown_under_its_label() -> None:
    """ "From £140." is shown under "Intermediate:", the label that opens its line, apart from the
    quote; two prices of two courses each show their own."""
    quotes = [
        _quote("From £140.", 0.6, 100).model_copy(update={"line_label": "Intermediate:"}),
        _quote("From £180.", 0.5, 200).model_copy(update={"line_label": "Reactive Rovers:"}),
    ]
    console = Console(record=True, width=100, color_system=None)
    render_answer(console, Answer(question="How much is Intermediate?", quotes=quotes), show_timing=False)
    lines = console.export_text().splitlines()
    for label, text in (("Intermediate:", "From £140."), ("Reactive Rovers:", "From £180.")):
        at = next(i for i, line in enumerate(lines) if label in line)
        assert "▌" not in lines[at] and text in lines[at + 1] and "▌" in lines[at + 1]
