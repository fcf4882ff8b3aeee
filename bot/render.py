"""Terminal rendering of answers with rich: quotes grouped by source, each with its location."""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.padding import Padding
from rich.text import Text

from .models import Answer, Quote


def source_heading(q: Quote) -> Text:
    """The source as the document itself names it: its section heading, or its title for text
    before the first heading. Nothing is added that assumes a genre (a news report's "reporter's
    summary" would mislabel a handbook or minutes)."""
    return Text(q.section, style="bold cyan")


def display_order(answer: Answer) -> list[Quote]:
    """Quotes grouped by source, groups in order of their best quote: the numbering users see."""
    groups: dict[str, list[Quote]] = {}
    for q in answer.quotes:
        groups.setdefault(q.section, []).append(q)
    return [q for items in groups.values() for q in items]


#: A quote with less than this share of the ranker's belief is shown dimmed as a weak match: the top
#: three are always shown (the right one is often second or third), but a user should see at a
#: glance which of them the bot hardly believes in.
WEAK_SCORE = 0.05


def quote_block(n: int, q: Quote, width: int, columns: bool = True) -> Group:
    """One numbered quote; ``columns``: show a table row's header line above it (once per table
    under a heading: the rows after the first read under the same names)."""
    weak = q.score < WEAK_SCORE
    head = Text(f"[{n}] ", style="bold")
    head.append(f"{q.doc_id} {q.start}–{q.end}", style="dim")
    head.append(f"  score {q.score:.2f}", style="dim")
    if weak:
        head.append("  weak match", style="dim italic")
    if q.quotation:  # read from the text's own quotation marks, so it holds in any genre
        head.append("  in quotation marks", style="dim italic")
    if q.repaired:
        head.append("  repaired", style="yellow")
    # Wrap first, then put the gutter on every visual line, so a long quote reads as one block.
    body = Text()
    inner = max(20, width - 8)
    wrapper = Console(width=inner)
    # a table's row under the names of its cells, or a line's later sentence under the label that
    # opens the line ("Intermediate:"): neither is part of the quote
    names = q.shown_above
    if columns and names:
        for line in Text(names).wrap(wrapper, inner):
            body.append("  ", style="dim")
            line.stylize("dim italic")
            body.append_text(line)
            body.append("\n")
    wrapped = Text(q.text).wrap(wrapper, inner)
    for i, line in enumerate(wrapped):
        if i:
            body.append("\n")
        body.append("▌ ", style="cyan")
        if weak:
            line.stylize("dim")
        body.append_text(line)
    return Group(head, Padding(body, (0, 0, 0, 4)))


def render_answer(console: Console, answer: Answer, show_timing: bool = True) -> list[Quote]:
    """Print an answer: the optional short answer, then quotes grouped by source, then the time.

    Returns the quotes in the order they were numbered on screen.
    """
    shown: list[Quote] = []
    width = console.width
    if answer.rewritten:
        # A follow-up was read with the conversation: show what was actually searched.
        console.print(Text(f"↳ searched: {answer.rewritten}", style="dim"), highlight=False)
    if answer.abstained:
        reason = Text(f"  ({answer.reason})" if answer.reason else "", style="dim")
        console.print(Text("The documents don't say.", style="bold yellow") + reason)
        if answer.closest is not None:
            console.print(Text("Closest passage (not an answer):", style="dim"))
            console.print(Padding(quote_block(1, answer.closest, width), (0, 0, 0, 2)))
            shown = [answer.closest]
    else:
        if answer.answer:
            console.print(Text(answer.answer, style="bold"))
            console.print()
        shown = display_order(answer)
        current = None
        header = None
        for n, q in enumerate(shown, 1):
            if q.section != current:
                console.print(source_heading(q))
                current, header = q.section, None
            head = q.shown_above
            console.print(Padding(quote_block(n, q, width, head != header), (0, 0, 0, 2)))
            header = head or header
        for note in answer.notes:
            console.print(Text(note, style="yellow"))
        if answer.dropped:
            console.print(
                Text(
                    f"{len(answer.dropped)} unverifiable quote(s) from the model were dropped.",
                    style="yellow",
                )
            )
    if show_timing and "total" in answer.timings_ms:
        console.print(Text(f"{answer.timings_ms['total']:.0f} ms", style="dim"), justify="right")
    return shown


def render_context(console: Console, n: int, quote: Quote, before: str, text: str, after: str) -> None:
    t = Text()
    t.append("…" + before, style="dim")
    t.append(text, style="bold")
    t.append(after + "…", style="dim")
    console.print(Text(f"[{n}] {quote.section} — {quote.doc_id} {quote.start}–{quote.end}", style="cyan"))
    console.print(Padding(t, (0, 0, 0, 2)))


def summary_rows(report: Any) -> list[tuple[str, str]]:
    return [
        ("documents", str(report.documents)),
        ("sections", str(report.sections)),
        ("sentences", str(report.sentences)),
        ("passages", str(report.passages)),
        (
            "added / updated / unchanged / removed",
            f"{report.added} / {report.updated} / {report.unchanged} / {report.removed}",
        ),
        ("spans embedded", str(report.embedded_spans)),
        ("skipped files", str(len(report.skipped))),
        ("time", f"{report.seconds:.1f} s"),
    ]
