"""Answers → Discord message payloads, as pure functions (no I/O, no bot state).

Everything Discord shows comes through here, so this is where its rules are enforced once (the
text-level rules live in ``bot.discord.text``):

- limits (2,000 chars of content, 256 title, 4,096 description, 25 fields of 256/1,024, 6,000 per
  message's embeds, 10 embeds per message) — measured in UTF-16 code units, which is never less than
  the code-point count, so a payload within our count is within Discord's however it counts;
- safety: every text that comes from a document or a user has its Markdown escaped (a document cannot
  bold, spoil, link or hide text) and its mentions broken with a zero-width space (a quote can never
  ping @everyone, a role, a user or a channel), on top of ``AllowedMentions.none()`` on every send;
- layout: one field per quote, the quote as a ``> `` block quote; long answers are split across
  messages at quote boundaries, never inside a quote; a quote longer than a field is cut with "…" and
  a visible marker, since the full text stays one click away behind "Show context".

Keeping this pure is what makes it property-testable: any ``Answer`` in, payloads within limits out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import discord
from discord.utils import escape_markdown

from bot.models import Answer, Quote

from .text import (
    ELLIPSIS,
    LIMIT_CONTENT,
    LIMIT_DESCRIPTION,
    LIMIT_EMBED_TOTAL,
    LIMIT_EMBEDS_PER_MESSAGE,
    LIMIT_FIELD_NAME,
    LIMIT_FIELD_VALUE,
    LIMIT_FIELDS,
    LIMIT_FOOTER,
    LIMIT_TITLE,
    ZWSP,
    dlen,
    fit,
    neutralise_mentions,
    render_quote,
)

SHORTENED_MARKER = "(quote shortened; use Show context)"
NO_ANSWER_TITLE = "The documents don't say."
CLOSEST_LABEL = "Closest passage (not an answer)"
SOURCE_SEPARATOR = " › "
SEARCHED_PREFIX = "↳ searched: "
#: Characters of the searched question shown: the rewrite is the question plus a little context.
SEARCHED_CHARS = 500
#: Room kept for "(continued 2/3)" titles, decided before the number of pages is known.
_CONTINUED_RESERVE = 40

COLOUR_ANSWER = discord.Colour.blurple()
COLOUR_ABSTAIN = discord.Colour.light_grey()
COLOUR_CONTEXT = discord.Colour.dark_teal()


def source_label(quote: Quote) -> str:
    """The field title: "document › section", or the label alone when the section is the title."""
    # Whitespace collapsed: a title or section of only "\r" or spaces would make a blank field name,
    # which Discord rejects.
    title = " ".join(quote.title.split())
    section = " ".join(quote.source_label.split())
    if not title or section == title:
        return section or title or "Document"
    if not section:
        return title
    return f"{title}{SOURCE_SEPARATOR}{section}"


#: The most of a field each line of a table's header may take (the quote keeps the rest).
COLUMNS_LIMIT = 200


def quote_field(quote: Quote, *, prefix: str = "") -> tuple[str, str, bool]:
    """Field name and value for one quote, within the field limits; and whether it was shortened."""
    label = source_label(quote).replace("\n", " ")
    name, _ = fit(label, LIMIT_FIELD_NAME - dlen(prefix))
    name = prefix + name
    marker = f"\n*{SHORTENED_MARKER}*"
    # A table's row goes under the names of its cells (not part of the quote), in italics: each
    # row of a header of two on its own line ("| Ticket | Weekday | Weekday |" over "| Type |
    # Before 5pm (£) | After 5pm (£) |"), each shortened alone, so the lower row is never cut off.
    head = ""
    # (or a line's later sentence under the label that opens the line: "Intermediate:")
    for line in (quote.shown_above or "").split("\n"):
        if line.strip():
            names, _ = fit(" ".join(line.split()), COLUMNS_LIMIT)
            head += f"*{names}*\n"
    value, shortened = fit(quote.text, LIMIT_FIELD_VALUE - dlen(head), render_quote, suffix=marker)
    if not quote.text.strip():
        value, shortened = "> " + ZWSP, False  # Discord rejects blank field values
    return name, head + value, shortened


def shown_quotes(answer: Answer) -> list[Quote]:
    """The quotes a message shows, in order: the answer's quotes, or the closest passage when abstaining.

    "Show context" buttons refer to quotes by their index in this list.
    """
    if answer.abstained:
        return [answer.closest] if answer.closest is not None else []
    return list(answer.quotes)


def _took(ms: float | None) -> str:
    if ms is None:
        return "time unknown"
    return f"{ms:.0f} ms" if ms < 1000 else f"{ms / 1000:.1f} s"


FOOTER_BUDGET = 200


def footer_text(answer: Answer, elapsed_ms: float | None = None) -> str:
    """Index fingerprint (model, corpus hash) and time taken: enough to tell which index answered."""
    model = answer.index.get("model") or "unknown model"
    corpus = answer.index.get("corpus_hash") or "unknown"
    took = _took(elapsed_ms if elapsed_ms is not None else answer.timings_ms.get("total"))
    text = neutralise_mentions(f"Index {model} · corpus {corpus} · {took}")
    # A fingerprint, not prose: kept short so it never crowds the 6,000-character embed budget.
    return fit(text, FOOTER_BUDGET, lambda s: s)[0]


@dataclass(frozen=True)
class MessagePayload:
    """One message to send: content and embeds within limits, mentions off, and which quotes it shows."""

    embeds: list[discord.Embed]
    content: str | None = None
    #: Indexes into ``shown_quotes(answer)`` of the quotes whose fields are in this message.
    quote_indexes: tuple[int, ...] = ()
    allowed_mentions: discord.AllowedMentions = field(default_factory=discord.AllowedMentions.none)

    def send_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for ``Messageable.send`` / ``Webhook.send``; callers add view and reference."""
        kwargs: dict[str, Any] = {"embeds": self.embeds, "allowed_mentions": self.allowed_mentions}
        if self.content:
            kwargs["content"] = self.content
        return kwargs


def _embed_size(title: str, description: str, footer: str, fields: Sequence[tuple[str, str]]) -> int:
    return dlen(title) + dlen(description) + dlen(footer) + sum(dlen(n) + dlen(v) for n, v in fields)


def question_line(question: str, limit: int) -> str:
    """The question on one line (whitespace collapsed), cut to ``limit`` characters."""
    return fit(" ".join(question.split()), limit)[0]


def searched_line(answer: Answer) -> str:
    """The line "↳ searched: …" when the service searched a rewritten question (a follow-up), else "".

    A follow-up such as "and about exercises?" is searched as a standalone question built with the
    conversation so far. Showing it tells the reader why these quotes came back, and lets them see
    when the rewrite went wrong. It is made of users' words, so it is escaped and defused like the
    question, and cut to a fixed size so it can never crowd out the answer.
    """
    if not answer.rewritten:
        return ""
    return SEARCHED_PREFIX + fit(answer.rewritten, SEARCHED_CHARS - dlen(SEARCHED_PREFIX))[0]


def answer_messages(answer: Answer, elapsed_ms: float | None = None) -> list[MessagePayload]:
    """An answer as one or more messages of one embed each, split between quotes when it is too long.

    The first embed carries the question (or "The documents don't say."), what was searched when a
    follow-up was rewritten (``searched_line``) and any LLM-written answer;
    every quote is one field; the last embed carries the footer. One embed per message keeps each
    message's 6,000-char total simple to guarantee, and splitting between fields means a quote is
    never split across messages.
    """
    footer = footer_text(answer, elapsed_ms)
    searched = searched_line(answer)
    quotes = shown_quotes(answer)
    fields: list[tuple[int, str, str]] = []
    if answer.abstained:
        colour = COLOUR_ABSTAIN
        title = NO_ANSWER_TITLE
        asked = question_line(answer.question, 1500)
        if answer.closest is not None:
            lead = (
                "No passage in the documents answers this. "
                "The closest passage is shown below; it is not an answer."
            )
            name, value, _ = quote_field(answer.closest, prefix=f"{CLOSEST_LABEL} · ")
            fields.append((0, name, value))
        else:
            lead = "Nothing in the documents matches this question."
        description = f"{lead}\n**Asked:** {asked}" if asked else lead
        if searched:
            description += f"\n{searched}"
    else:
        colour = COLOUR_ANSWER
        title = question_line(answer.question, LIMIT_TITLE) or "Answer"
        parts: list[str] = []
        note = ""
        if answer.dropped:
            n = len(answer.dropped)
            plural = n != 1
            note = (
                f"*{n} quote{'s' if plural else ''} the model gave could not be found in the documents "
                f"and {'were' if plural else 'was'} left out.*"
            )
        if answer.answer:
            room = (
                LIMIT_DESCRIPTION - (dlen(note) + 2 if note else 0) - (dlen(searched) + 2 if searched else 0)
            )
            parts.append(fit(answer.answer, room)[0])
        if note:
            parts.append(note)
        if not quotes and not parts:
            parts.append("No quotes to show.")
        description = "\n\n".join([searched, *parts] if searched else parts)
        for i, quote in enumerate(quotes):
            name, value, _ = quote_field(quote)
            fields.append((i, name, value))

    # Pack fields into pages; every page reserves room for the footer, the first for title + description.
    pages: list[list[tuple[int, str, str]]] = [[]]
    used = _embed_size(title, description, footer, [])
    for item in fields:
        size = dlen(item[1]) + dlen(item[2])
        page = pages[-1]
        if page and (len(page) >= LIMIT_FIELDS or used + size > LIMIT_EMBED_TOTAL):
            pages.append([])
            used = _CONTINUED_RESERVE + dlen(footer)
        elif not page and used + size > LIMIT_EMBED_TOTAL:
            # The first page's header leaves no room (a very long LLM answer): quotes start on page 2.
            pages.append([])
            used = _CONTINUED_RESERVE + dlen(footer)
        pages[-1].append(item)
        used += size

    payloads: list[MessagePayload] = []
    for n, page in enumerate(pages):
        if n == 0:
            embed = discord.Embed(title=title, description=description or None, colour=colour)
        else:
            embed = discord.Embed(title=f"(continued {n + 1}/{len(pages)})", colour=colour)
        for _, name, value in page:
            embed.add_field(name=name, value=value, inline=False)
        if n == len(pages) - 1:
            embed.set_footer(text=footer)
        payloads.append(MessagePayload(embeds=[embed], quote_indexes=tuple(i for i, _, _ in page)))
    return payloads


def context_embed(quote: Quote, before: str, text: str, after: str) -> discord.Embed:
    """The text around a quote: before and after as plain (escaped) text, the quote as a block quote."""
    title, _ = fit(f"Context · {source_label(quote)}".replace("\n", " "), LIMIT_TITLE)
    marker = f"\n*{SHORTENED_MARKER.replace('use Show context', 'full text in the document')}*"
    quoted, _ = fit(text or quote.text, 2400, render_quote, suffix=marker)
    room = (LIMIT_DESCRIPTION - dlen(quoted) - 4) // 2
    head = tail = ""
    if before.strip():
        head, cut = fit(before.lstrip(), room - 1, keep_end=True)
        head = head if cut else ELLIPSIS + head
    if after.strip():
        tail, cut = fit(after.rstrip(), room - 1)
        tail = tail if cut else tail + ELLIPSIS
    description = "\n".join(part for part in (head.rstrip("\n"), quoted, tail.lstrip("\n")) if part)
    embed = discord.Embed(title=title, description=description, colour=COLOUR_CONTEXT)
    embed.set_footer(text=f"characters {quote.start}–{quote.end} of {fit(quote.doc_id, 200)[0]}")
    return embed


def about_embed(about: dict[str, Any]) -> discord.Embed:
    """Corpus, model and index figures from ``QuoteService.about()``; where the store lives is reduced to
    its kind, since a server address is nobody's business in a public channel (and no key ever is)."""

    def num(key: str) -> str:
        value = about.get(key)
        return f"{value:,}" if isinstance(value, int) else str(value if value is not None else "–")

    embed = discord.Embed(
        title="About Quotebot",
        description="Answers questions about these documents with verbatim quotes, checked against them.",
        colour=COLOUR_ANSWER,
    )
    for label, key in (("Documents", "documents"), ("Sections", "sections"), ("Passages", "passages")):
        embed.add_field(name=label, value=num(key), inline=True)
    embed.add_field(name="Sentences", value=num("sentences"), inline=True)
    model = f"{about.get('model') or 'unknown'} ({about.get('dimension') or '?'} dimensions)"
    embed.add_field(name="Model", value=fit(model, LIMIT_FIELD_VALUE)[0], inline=True)
    embed.add_field(name="Corpus hash", value=fit(str(about.get("corpus_hash") or "–"), 200)[0], inline=True)
    embed.add_field(name="Updated", value=fit(str(about.get("updated_at") or "–"), 200)[0], inline=True)
    store = str(about.get("store") or "")
    kind = "Chroma server" if store.startswith("Chroma server") else "Local index"
    embed.add_field(name="Store", value=kind)
    embed.add_field(name="Mode", value="quotes + LLM summary" if about.get("llm") else "quotes only")
    titles = "\n".join(f"• {t}" for t in about.get("titles") or []) or "–"
    embed.add_field(name="Titles", value=fit(titles, LIMIT_FIELD_VALUE)[0], inline=False)
    # A folder of several documents: each one's sources under its name, in reading order (``fit``
    # escapes it all, a document's name included).
    groups = about.get("sources_by_document") or []
    if len(groups) > 1:
        labels = "\n".join(
            "\n".join([f"{doc}:", *(f"• {t}" for t in doc_labels)]) for doc, doc_labels in groups
        )
    else:
        labels = "\n".join(f"• {t}" for t in about.get("section_labels") or []) or "–"
    embed.add_field(name="Sources for /ask", value=fit(labels, LIMIT_FIELD_VALUE)[0], inline=False)
    return embed


def help_embed(prefix: str) -> discord.Embed:
    """How to ask, in a server and in DMs, and what the answer shows."""
    embed = discord.Embed(title="How to use Quotebot", colour=COLOUR_ANSWER)
    embed.description = (
        "I answer questions about a fixed set of documents with **verbatim quotes**, each checked against "
        "the source. When the documents don't say, I say so and show the closest passage, marked as such."
    )
    embed.add_field(
        name="Ask",
        value=(
            "• `/ask question:` — optionally pick a `source:` to search only that part.\n"
            "• Mention me with your question in a channel, or just write to me in a DM.\n"
            "• Reply to one of my answers to ask a follow-up in the same conversation."
        ),
        inline=False,
    )
    embed.add_field(
        name="Read more",
        value="**Show context** under an answer shows the text around a quote.\n`/about` shows the index.",
        inline=False,
    )
    p = escape_markdown(prefix)
    embed.set_footer(text=f"Owners: {p}sync and {p}reload in DMs.")
    return embed


def payload_problems(payload: MessagePayload) -> list[str]:
    """Every Discord limit this payload breaks (empty when it can be sent); used by tests and as a guard."""
    problems: list[str] = []
    if payload.content is not None and dlen(payload.content) > LIMIT_CONTENT:
        problems.append("content over 2000")
    if len(payload.embeds) > LIMIT_EMBEDS_PER_MESSAGE:
        problems.append("more than 10 embeds")
    total = 0
    for e in payload.embeds:
        title, desc = e.title or "", e.description or ""
        footer = e.footer.text or ""
        if dlen(title) > LIMIT_TITLE:
            problems.append("title over 256")
        if dlen(desc) > LIMIT_DESCRIPTION:
            problems.append("description over 4096")
        if dlen(footer) > LIMIT_FOOTER:
            problems.append("footer over 2048")
        if len(e.fields) > LIMIT_FIELDS:
            problems.append("more than 25 fields")
        total += dlen(title) + dlen(desc) + dlen(footer) + dlen(e.author.name or "")
        for f in e.fields:
            name, value = f.name or "", f.value or ""
            if not name.strip() or not value.strip():
                problems.append("blank field")
            if dlen(name) > LIMIT_FIELD_NAME:
                problems.append("field name over 256")
            if dlen(value) > LIMIT_FIELD_VALUE:
                problems.append("field value over 1024")
            total += dlen(name) + dlen(value)
    if total > LIMIT_EMBED_TOTAL:
        problems.append("embeds over 6000 in one message")
    return problems
