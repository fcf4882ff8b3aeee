"""Answers → Discord message payloads, as pure functions (no I/O, no bot state).

Everything Discord shows comes through here, so this is where its rules are enforced once:

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

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import discord
from discord.utils import escape_markdown

from bot.models import Answer, Quote

LIMIT_CONTENT = 2000
LIMIT_TITLE = 256
LIMIT_DESCRIPTION = 4096
LIMIT_FIELDS = 25
LIMIT_FIELD_NAME = 256
LIMIT_FIELD_VALUE = 1024
LIMIT_FOOTER = 2048
LIMIT_EMBED_TOTAL = 6000
LIMIT_EMBEDS_PER_MESSAGE = 10

ELLIPSIS = "…"
ZWSP = "\u200b"
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

# @everyone / @here ping regardless of case in practice: break them all.
_EVERYONE = re.compile(r"@(everyone|here)", re.IGNORECASE)
# <@123>, <@!123>, <@&123> (role), <#123> (channel): a zero-width space after the sigil defuses them.
_ID_MENTION = re.compile(r"<(@[!&]?|#)(?=\d)")


def dlen(text: str) -> int:
    """Length as Discord may count it (UTF-16 code units): an emoji counts 2, never less than ``len``."""
    return len(text.encode("utf-16-le")) // 2


def neutralise_mentions(text: str) -> str:
    """Make every mention inert by inserting a zero-width space; visible text is unchanged."""
    text = _EVERYONE.sub(lambda m: "@" + ZWSP + m.group(1), text)
    return _ID_MENTION.sub(lambda m: "<" + m.group(1) + ZWSP, text)


def safe_text(text: str) -> str:
    """Document or user text as Discord should show it: Markdown escaped, then mentions defused.

    Escaping comes first so the inserted zero-width spaces can never be taken for Markdown.
    """
    return neutralise_mentions(escape_markdown(text))


def block_quote(text: str) -> str:
    """Each line behind ``> `` (blank lines included, so the quote stays one block)."""
    return "\n".join(f"> {line}" for line in text.split("\n"))


def render_quote(text: str) -> str:
    """The exact field text of a quote that fits unshortened: what the property tests look for."""
    return block_quote(safe_text(text))


def fit(
    raw: str,
    limit: int,
    render: Callable[[str], str] = safe_text,
    *,
    suffix: str = "",
    keep_end: bool = False,
) -> tuple[str, bool]:
    """Render ``raw``; if it exceeds ``limit``, render the longest prefix (or suffix) that fits, with "…".

    Cutting happens on the raw text and the cut is rendered afresh, so it can never split an escape
    (a stray backslash) or a defused mention. Returns the rendered text and whether it was shortened.
    """
    full = render(raw)
    if dlen(full) <= limit:
        return full, False

    def cut(n: int) -> str:
        if keep_end:
            return render(ELLIPSIS + raw[len(raw) - n :].lstrip()) + suffix
        return render(raw[:n].rstrip() + ELLIPSIS) + suffix

    lo, hi = 0, len(raw)
    while lo < hi:  # the largest n whose rendering fits (rendering length grows with n)
        mid = (lo + hi + 1) // 2
        if dlen(cut(mid)) <= limit:
            lo = mid
        else:
            hi = mid - 1
    n = lo
    # Prefer a word boundary when one is close, so the cut reads as a cut and not a typo.
    window = raw[len(raw) - n :] if keep_end else raw[:n]
    space = window.find(" ") if keep_end else window.rfind(" ")
    if space > 0 and (n - space if keep_end else space) >= n * 0.8:
        n = n - space - 1 if keep_end else space
    text = cut(n)
    while dlen(text) > limit and n > 0:  # belt and braces: rendering is only nearly monotonic
        n -= 1
        text = cut(n)
    if dlen(text) > limit:  # the limit cannot even hold the suffix: hard cut, never over
        text = text[: max(0, limit - 1)] + ELLIPSIS
        while dlen(text) > limit:
            text = text[:-2] + ELLIPSIS
    return text, True


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


def quote_field(quote: Quote, *, prefix: str = "") -> tuple[str, str, bool]:
    """Field name and value for one quote, within the field limits; and whether it was shortened."""
    label = source_label(quote).replace("\n", " ")
    name, _ = fit(label, LIMIT_FIELD_NAME - dlen(prefix))
    name = prefix + name
    marker = f"\n*{SHORTENED_MARKER}*"
    value, shortened = fit(quote.text, LIMIT_FIELD_VALUE, render_quote, suffix=marker)
    if not quote.text.strip():
        value, shortened = "> " + ZWSP, False  # Discord rejects blank field values
    return name, value, shortened


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


def _question_line(question: str, limit: int) -> str:
    return fit(" ".join(question.split()), limit)[0]


def searched_line(answer: Answer) -> str:
    """The line "↳ searched: …" when the service searched a rewritten question (a follow-up), else "".

    A follow-up such as "and about exercises?" is searched as a standalone question built with the
    conversation so far. Showing it tells the reader why these quotes came back, and lets them see
    when the rewrite went wrong. It is made of users' words, so it is escaped and defused like the
    question, and cut to a fixed size so it can never crowd out the answer.
    """
    query = " ".join((answer.search_query or "").split())
    if not query or query == " ".join(answer.question.split()):
        return ""
    return SEARCHED_PREFIX + fit(query, SEARCHED_CHARS - dlen(SEARCHED_PREFIX))[0]


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
        asked = _question_line(answer.question, 1500)
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
        title = _question_line(answer.question, LIMIT_TITLE) or "Answer"
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


def split_content(text: str, limit: int = LIMIT_CONTENT) -> list[str]:
    """Split message content into pieces within ``limit``: at a newline, else a space, else anywhere.

    A piece never ends in an odd run of backslashes, so an escape is never separated from the
    character it escapes.
    """
    pieces: list[str] = []
    rest = text
    while dlen(rest) > limit:
        # The largest prefix within the limit (code points and UTF-16 units can differ).
        n = min(len(rest), limit)
        while dlen(rest[:n]) > limit:
            n -= 1
        cut = rest.rfind("\n", 0, n + 1)
        if cut < n // 2:
            cut = rest.rfind(" ", 0, n + 1)
        if cut < n // 2:
            cut = n
        while cut > 1 and (len(rest[:cut]) - len(rest[:cut].rstrip("\\"))) % 2 == 1:
            cut -= 1
        piece, rest = rest[:cut], rest[cut:]
        if piece.strip():
            pieces.append(piece.rstrip())
        rest = rest.lstrip("\n") if rest.startswith("\n") else rest
    if rest.strip():
        pieces.append(rest)
    return pieces


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
