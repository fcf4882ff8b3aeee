"""The formatter: examples, then properties over any Answer (limits, quotes intact, no mention can fire)."""

from __future__ import annotations

import re

import discord
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.discord.format import (
    CLOSEST_LABEL,
    NO_ANSWER_TITLE,
    SHORTENED_MARKER,
    MessagePayload,
    about_embed,
    answer_messages,
    context_embed,
    help_embed,
    payload_problems,
    quote_field,
    shown_quotes,
    source_label,
)
from bot.discord.text import (
    ELLIPSIS,
    LIMIT_CONTENT,
    LIMIT_FIELD_VALUE,
    ZWSP,
    dlen,
    fit,
    neutralise_mentions,
    render_quote,
    safe_text,
    split_content,
)
from bot.models import Answer, Quote

RAW_MENTION = re.compile(r"@(everyone|here)|<@[!&]?\d+>|<#\d+>", re.IGNORECASE)
TITLE = "Leak: NATO, U.S. Responses"


def quote(text: str, section: str = "NATO Response", title: str = TITLE, i: int = 0) -> Quote:
    return Quote(
        text=text, doc_id="doc.txt", title=title, section=section, start=i, end=i + len(text), score=0.9
    )


def mentions_off(am: discord.AllowedMentions) -> bool:
    """Nothing may ping: not everyone, no user, no role, not the author replied to."""
    return am.everyone is False and am.users is False and am.roles is False and am.replied_user is False


def all_texts(payloads: list[MessagePayload]) -> list[str]:
    out: list[str] = []
    for p in payloads:
        out.append(p.content or "")
        for e in p.embeds:
            out += [e.title or "", e.description or "", e.footer.text or "", e.author.name or ""]
            out += [f.name or "" for f in e.fields] + [f.value or "" for f in e.fields]
    return out


def field_values(payloads: list[MessagePayload]) -> list[str]:
    return [f.value or "" for p in payloads for e in p.embeds for f in e.fields]


# -- examples ------------------------------------------------------------------------------------------


def test_answer_embed_layout() -> None:
    answer = Answer(
        question="Is the door open?",
        quotes=[quote("We reaffirm **our** commitment.\n\nTo the Open Door."), quote(TITLE + " text", TITLE)],
        index={"model": "all-MiniLM-L6-v2", "corpus_hash": "d75784f4564fe8b1"},
        timings_ms={"total": 43.7},
    )
    [payload] = answer_messages(answer)
    [embed] = payload.embeds
    assert embed.title == "Is the door open?"
    assert [f.name for f in embed.fields] == [f"{TITLE} › NATO Response", TITLE]
    assert embed.fields[0].value == "> We reaffirm \\*\\*our\\*\\* commitment.\n> \n> To the Open Door."
    assert embed.footer.text == "Index all-MiniLM-L6-v2 · corpus d75784f4564fe8b1 · 44 ms"
    assert payload.quote_indexes == (0, 1)
    assert mentions_off(payload.allowed_mentions)


def test_abstention_says_so_and_labels_the_closest_passage() -> None:
    answer = Answer(question="pancakes?", abstained=True, closest=quote("Something else."), reason="x")
    [payload] = answer_messages(answer)
    [embed] = payload.embeds
    assert embed.title == NO_ANSWER_TITLE == "The documents don't say."
    assert str(embed.fields[0].name).startswith(CLOSEST_LABEL + " · ")
    assert "not an answer" in str(embed.description)
    assert embed.fields[0].value == "> Something else."
    assert shown_quotes(answer) == [answer.closest]

    nothing = answer_messages(Answer(question="?", abstained=True))
    assert nothing[0].embeds[0].title == NO_ANSWER_TITLE and not nothing[0].embeds[0].fields


def test_a_rewritten_follow_up_shows_what_was_searched() -> None:
    searched = "And about military exercises? What does the U.S. response say about Ukraine?"
    answer = Answer(
        question="And about military exercises?", search_query=searched, quotes=[quote("Exercises.")]
    )
    [payload] = answer_messages(answer)
    [embed] = payload.embeds
    assert embed.title == "And about military exercises?"
    assert str(embed.description).split("\n")[0] == f"↳ searched: {searched}"
    # When abstaining, under the question as asked.
    abstained = answer.model_copy(update={"abstained": True, "quotes": [], "closest": quote("Near.")})
    description = str(answer_messages(abstained)[0].embeds[0].description)
    assert description.endswith(f"**Asked:** And about military exercises?\n↳ searched: {searched}")


def test_no_searched_line_when_the_question_was_searched_as_asked() -> None:
    for search_query in (None, "", "Is the door  open?"):
        answer = Answer(question="Is the door open?", search_query=search_query, quotes=[quote("Yes.")])
        assert "searched" not in str(answer_messages(answer)[0].embeds[0].description)


def test_the_searched_line_is_escaped_defused_and_cut_to_fit() -> None:
    searched = "**and** @everyone <@123> ||hidden|| " + "and so on " * 500
    answer = Answer(
        question="and?", search_query=searched, answer="A" * 4000, dropped=["x"], quotes=[quote("Q.")]
    )
    payloads = answer_messages(answer)
    description = str(payloads[0].embeds[0].description)
    line = description.split("\n")[0]
    assert line.startswith("↳ searched: \\*\\*and\\*\\* @\u200beveryone <@\u200b123> \\|\\|hidden\\|\\|")
    assert line.endswith(ELLIPSIS) and dlen(line) <= 600
    assert not RAW_MENTION.search(description)
    assert all(payload_problems(p) == [] for p in payloads)
    assert "*1 quote the model gave could not be found" in description  # nothing else was crowded out


def test_long_quote_is_shortened_with_marker() -> None:
    text = "word " * 400
    _name, value, shortened = quote_field(quote(text))
    assert shortened and len(value) <= LIMIT_FIELD_VALUE
    assert value.endswith(f"*{SHORTENED_MARKER}*") and ELLIPSIS in value


def test_a_table_row_is_shown_under_its_columns_and_a_long_one_still_fits() -> None:
    """The header row goes above the row in italics, outside the block quote; with it, a long row
    is still shortened to fit the field, and the header cannot ping."""
    row = quote("| Mega Party | £16.00 | 12 | party host and games |").model_copy(
        update={"columns": "| Package | Price per child | Minimum children | What's included @everyone |"}
    )
    _name, value, shortened = quote_field(row)
    head, body = value.split("\n", 1)
    assert head.startswith("*") and head.endswith("*") and "Price per child" in head
    assert body == render_quote(row.text) and not shortened
    assert not RAW_MENTION.search(value)
    long = row.model_copy(
        update={"text": "| Row | " + "cell " * 400 + "|", "columns": "| Name | " + "h " * 300 + "|"}
    )
    _name, value, shortened = quote_field(long)
    assert shortened and dlen(value) <= LIMIT_FIELD_VALUE
    # a header of two rows: each on its own italic line, the lower one whole however long the upper
    two = row.model_copy(
        update={"columns": "| Ticket | " + "Weekday | " * 40 + "\n| Type | Before 5pm (£) | After 5pm (£) |"}
    )
    _name, value, _ = quote_field(two)
    upper, lower, body = value.split("\n", 2)
    assert upper.startswith("*") and "Ticket" in upper and "Type" not in upper
    assert lower.startswith("*") and lower.endswith("*") and "After 5pm (£)" in lower
    assert body == render_quote(row.text)


def test_long_answer_splits_between_quotes() -> None:
    answer = Answer(question="q", quotes=[quote(f"{i} " + "long words here " * 80, i=i) for i in range(30)])
    payloads = answer_messages(answer)
    assert len(payloads) > 1
    assert [i for p in payloads for i in p.quote_indexes] == list(range(30))
    assert payloads[-1].embeds[0].footer.text and not payloads[0].embeds[0].footer.text
    assert payloads[1].embeds[0].title == f"(continued 2/{len(payloads)})"
    assert all(not payload_problems(p) for p in payloads)


def test_mentions_and_markdown_are_neutralised() -> None:
    raw = "@everyone <@123> <@!45> <@&5> <#9> @here ||secret|| [x](http://e.com) # head\n-# small"
    out = safe_text(raw)
    assert not RAW_MENTION.search(out)
    assert out.replace(ZWSP, "").count("@everyone") == 1  # still readable
    assert "\\|\\|secret\\|\\|" in out
    assert neutralise_mentions("mail me@here.com") == "mail me@" + ZWSP + "here.com"


def test_source_label() -> None:
    assert source_label(quote("x", section=TITLE)) == TITLE
    assert source_label(quote("x")) == f"{TITLE} › NATO Response"


def test_whitespace_only_title_and_section_still_give_a_field_name() -> None:
    """Found by the property test below: a title of "\r" and no section made a blank field name,
    which Discord rejects (the whole answer would fail to send)."""
    for title, section in (("\r", ""), ("  ", "\t"), ("\r\n", "\r\n")):
        q = quote("@everyone spoke", section=section, title=title)
        assert source_label(q) == "Document"
        for p in answer_messages(Answer(question="q", quotes=[q])):
            assert payload_problems(p) == []
    assert source_label(quote("x", section="NATO\r\nResponse", title=" A\rB ")) == "A B › NATO Response"


def test_fit_never_splits_an_escape() -> None:
    text, cut = fit("*" * 3000, 100)
    assert cut and dlen(text) <= 100 and text.endswith(ELLIPSIS)
    assert not re.search(r"(?<!\\)(\\\\)*\\" + ELLIPSIS, text)


def test_split_content() -> None:
    text = ("line of text\n" * 400) + "x" * 4500
    pieces = split_content(text)
    assert all(dlen(p) <= LIMIT_CONTENT for p in pieces)
    assert "".join(pieces).replace("\n", "") == text.replace("\n", "")
    assert split_content("\\" * 2001)  # odd backslash runs at a cut move the cut
    assert all((len(p) - len(p.rstrip("\\"))) % 2 == 0 for p in split_content("\\" * 4001)[:-1])


def test_context_about_help_embeds_are_within_limits() -> None:
    q = quote("The quote @everyone.")
    e = context_embed(q, "before " * 200, q.text, " after" * 200)
    assert not payload_problems(MessagePayload(embeds=[e]))
    assert str(e.description).startswith(ELLIPSIS) and "> The quote @\u200beveryone." in str(e.description)
    about = {
        "documents": 1,
        "sections": 3,
        "model": "m",
        "store": "Chroma server h:1 (namespace x)",
        "titles": ["T"],
        "section_labels": ["A", "B"],
        "llm": False,
    }
    a = about_embed(about)
    assert "h:1" not in str(a.to_dict()) and not payload_problems(MessagePayload(embeds=[a]))
    # A folder of several documents lists each one's sources under its name.
    about["sources_by_document"] = [
        ["faq.md", ["Fees", "Q: Can I keep *bees*?"]],
        ["minutes.txt", ["Minutes"]],
    ]
    field = next(f for f in about_embed(about).fields if f.name == "Sources for /ask")
    assert field.value == "faq.md:\n• Fees\n• Q: Can I keep \\*bees\\*?\nminutes.txt:\n• Minutes"
    assert not payload_problems(MessagePayload(embeds=[help_embed("qb!")]))


# -- properties ----------------------------------------------------------------------------------------

NASTY = [
    "@everyone",
    "@here",
    "@EVERYONE",
    "<@123>",
    "<@!4567>",
    "<@&5>",
    "<#42>",
    "**bold**",
    "||spoiler||",
    "```py\ncode\n```",
    "`tick`",
    "__under__",
    "~~strike~~",
    "> quoted",
    "# Heading",
    "-# small",
    "- item",
    "[link](https://example.com)",
    "\\",
    "\\*",
    "\n",
    "\n\n",
    "😀",
    "🇺🇦",
    "é",
    "日本語",
    "‮rtl",
    ZWSP,
]
alphabet = st.characters(codec="utf-8")  # no lone surrogates
fragment = st.one_of(st.sampled_from(NASTY), st.text(alphabet, min_size=1, max_size=40))
quote_text = st.lists(fragment, min_size=1, max_size=30).map("".join).filter(lambda s: s.strip() != "")
long_text = st.builds(lambda a, n: a * n, fragment, st.integers(30, 600)).filter(lambda s: s.strip() != "")
label = st.one_of(
    st.sampled_from(["NATO Response", TITLE, "@everyone <@&1>", "x" * 300]),
    st.text(alphabet, min_size=0, max_size=80),
)


@st.composite
def quotes(draw: st.DrawFn) -> Quote:
    text = draw(st.one_of(quote_text, long_text))
    return quote(text, section=draw(label), title=draw(label))


@st.composite
def answers(draw: st.DrawFn) -> Answer:
    abstained = draw(st.booleans())
    qs = draw(st.lists(quotes(), min_size=0, max_size=30))
    return Answer(
        question=draw(st.one_of(quote_text, st.text(alphabet, max_size=2100))),
        abstained=abstained,
        quotes=[] if abstained else qs,
        closest=(qs[0] if qs else None) if abstained else None,
        answer=draw(st.one_of(st.none(), quote_text, long_text)),
        dropped=draw(st.lists(st.just("x"), max_size=3)),
        search_query=draw(st.one_of(st.none(), quote_text, long_text, st.text(alphabet, max_size=5000))),
        index={
            "model": draw(st.sampled_from(["all-MiniLM-L6-v2", "@everyone", "m" * 3000])),
            "corpus_hash": "ab",
        },
        timings_ms={"total": draw(st.floats(0, 1e6))},
    )


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers())
def test_any_answer_fits_every_limit_and_cannot_ping(answer: Answer) -> None:
    payloads = answer_messages(answer)
    assert payloads
    for p in payloads:
        assert payload_problems(p) == []
        for e in p.embeds:  # discord.py's own count agrees (it counts code points)
            assert len(e) <= 6000
        assert mentions_off(p.allowed_mentions)
        assert p.send_kwargs()["allowed_mentions"] is p.allowed_mentions
    for text in all_texts(payloads):
        assert not RAW_MENTION.search(text), text


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers())
def test_every_quote_appears_intact_or_marked_shortened(answer: Answer) -> None:
    payloads = answer_messages(answer)
    shown = shown_quotes(answer)
    values = field_values(payloads)
    assert len(values) == len(shown)  # one field per quote, none split, none lost
    assert sorted(i for p in payloads for i in p.quote_indexes) == list(range(len(shown)))
    for q, value in zip(shown, values, strict=True):
        full = render_quote(q.text)
        if value == full:
            continue
        assert value.endswith(f"*{SHORTENED_MARKER}*"), value
        kept = value[: -len(f"\n*{SHORTENED_MARKER}*")]
        assert kept.endswith(ELLIPSIS)
        # The shown part is the rendering of a prefix of the quote: undo the "> " prefixes, the
        # Markdown escapes and the zero-width spaces, and the quote's own text must start with it.
        shown_part = kept[: -len(ELLIPSIS)]
        assert all(line.startswith("> ") for line in shown_part.split("\n"))
        body = "\n".join(line[2:] for line in shown_part.split("\n"))
        plain = re.sub(r"\\(.)", r"\1", body, flags=re.DOTALL).replace(ZWSP, "")
        assert q.text.replace(ZWSP, "").startswith(plain)


@settings(max_examples=60, deadline=None)
@given(st.lists(fragment, min_size=1, max_size=400).map("".join))
def test_split_content_property(text: str) -> None:
    pieces = split_content(neutralise_mentions(text))
    for piece in pieces:
        assert dlen(piece) <= LIMIT_CONTENT
        assert not RAW_MENTION.search(piece)


def test_a_sentence_later_in_a_labelled_line_is_shown_under_its_label() -> None:
    """ "From £140." goes under its line's label in italics, outside the block quote."""
    price = quote("From £140.").model_copy(update={"line_label": "Intermediate @everyone:"})
    _name, value, shortened = quote_field(price)
    head, body = value.split("\n", 1)
    assert head.startswith("*") and head.endswith("*") and "Intermediate" in head
    assert body == render_quote(price.text) and not shortened
    assert not RAW_MENTION.search(value)
