"""Fuzzing the front door: whatever a user types, ``QuoteService.ask`` gives an answer whose every quote
verifies against the stored document, or a ``BadQuestionError`` with a friendly one-line message.

Questions are random Unicode, control and zero-width characters, right-to-left text and overrides,
Discord mention look-alikes, Markdown, lines of up to 20,000 characters and blanks. The same answers go
through the Discord formatter (which must never let them ping anyone) and a few through the CLI
(``quotebot ask``: exit code 0 or 2, no traceback, ``--json`` parses).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bot.cli import app
from bot.discord.format import answer_messages, context_embed, payload_problems
from bot.errors import BadQuestionError
from bot.models import Answer
from bot.service import QuoteService

MENTIONS = ["<@123>", "<@!45>", "<@&5>", "<#1>", "@everyone", "@here", "@EVERYONE", "<@&>", "<@123"]
MARKDOWN = [
    "```",
    "```py\nprint('NATO')\n```",
    "**bold**",
    "__under__",
    "||spoiler||",
    "> quoted",
    "# Heading",
    "-# small",
    "[link](https://example.com)",
    "[NATO](javascript:alert(1))",
    "`tick`",
    "~~strike~~",
    "\\",
    "[/]",
    "[bold red]",
]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\ufeff", "\u2060", "\u00ad"]
RTL = [
    "\u202e",
    "\u202b",
    "\u202c",
    "\u200f",
    "\u2067",
    "\u2069",
    "שלום עולם",
    "مرحبا",
    "\u202eesnopser OTAN",
]
CONTROL = [*(chr(i) for i in range(32)), "\x7f", "\x85", "\u2028", "\u2029", "\x1b[31m", "\x1b]0;title\x07"]
WORDS = [
    "NATO",
    "Ukraine",
    "missiles",
    "Tomahawk",
    "What does the U.S. say about",
    "and what about",
    "both responses",
    "When",
    "How many",
    "Who",
    "?",
    " ",
    "\n",
    "\t",
]
#: Lone surrogates (a terminal passing invalid UTF-8 in argv; a JSON "\ud800" escape) are excluded here:
#: they crash the read path today (see test_lone_surrogates_are_a_bad_question below).
UNICODE = st.text(st.characters(codec="utf-8"), max_size=40)
FRAGMENT = st.one_of(
    st.sampled_from(MENTIONS + MARKDOWN + ZERO_WIDTH + RTL + CONTROL + WORDS),
    UNICODE,
    st.builds(
        lambda s, n: s * n,
        st.sampled_from(["x", " ", "NATO ", "\u200b", "@everyone ", "```", "ﷺ", "\n"]),
        st.integers(1, 20_000),
    ).map(lambda s: s[:20_000]),
)
QUESTIONS = st.one_of(
    st.lists(FRAGMENT, min_size=0, max_size=12).map("".join),
    st.text(
        st.sampled_from([" ", "\t", "\n", "\r", "\u00a0", "\u3000", "\u200b", "\ufeff", "\u2028"]),
        max_size=50,
    ),
    UNICODE,
)
SOURCES = st.one_of(
    st.none(), st.sampled_from(["NATO", "US", "U.S. Response", "@everyone", "<@&5>", "[/]", "\u202eOTAN"])
)
RAW_MENTION = re.compile(r"@(everyone|here)|<@[!&]?\d+>|<#\d+>", re.IGNORECASE)


def verbatim(service: QuoteService, answer: Answer) -> None:
    shown = answer.quotes + ([answer.closest] if answer.closest else [])
    for q in shown:
        assert (service.view.text(q.doc_id) or "")[q.start : q.end] == q.text, q
        assert q.text and q.end > q.start
    if answer.abstained:
        assert answer.quotes == [] and answer.reason


def friendly(exc: BaseException) -> None:
    message = str(exc)
    assert message and "\n" not in message and len(message) < 400, message
    assert "Traceback" not in message and "Error" not in message


def no_pings(answer: Answer, service: QuoteService) -> None:
    """The real answer, as the Discord front end would send it: within limits, and nothing can ping."""
    payloads = answer_messages(answer)
    shown = answer.quotes + ([answer.closest] if answer.closest else [])
    contexts = [context_embed(q, *service.context(q, 300)) for q in shown]
    for p in payloads:
        assert payload_problems(p) == []
        am = p.send_kwargs()["allowed_mentions"]
        assert am.everyone is False and am.users is False and am.roles is False and am.replied_user is False
    for embed in [e for p in payloads for e in p.embeds] + contexts:
        texts = [embed.title or "", embed.description or "", embed.footer.text or ""]
        texts += [f.name or "" for f in embed.fields] + [f.value or "" for f in embed.fields]
        for text in texts:
            assert not RAW_MENTION.search(text), text


def ask(service: QuoteService, question: str, source: str | None = None) -> Answer | None:
    try:
        answer = service.ask(question, source=source)
    except BadQuestionError as exc:
        friendly(exc)
        return None
    verbatim(service, answer)
    json.dumps(answer.to_json_dict(), ensure_ascii=False).encode("utf-8")
    no_pings(answer, service)
    return answer


@pytest.mark.timeout(180)
@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(question=QUESTIONS, source=SOURCES)
@example(question="", source=None)
@example(question=" \t\n\u200b\ufeff\u200c\u200d ", source=None)
@example(question="x" * 20_000, source=None)
@example(question=("NATO " * 4000)[:20_000], source=None)
@example(question="@everyone <@123> <#1> <@&5> what does NATO say about Ukraine?", source=None)
@example(question="```\nWhat about **missiles**?\n```\n> [link](https://example.com)", source="US")
@example(question="\u202eeniarkU tuoba yas OTAN seod tahW", source=None)
@example(question="ما رأي الناتو في أوكرانيا؟ מה אומרת נאט״ו", source=None)
@example(question="\x00\x01\x1b[31mNATO\x1b[0m\x7f?", source=None)
@example(question="Tomahawk missiles?", source="@everyone")
@example(question="¹", source=None)  # a footnote's figure alone: no word (it crashed the read)
@example(question="NATO² missiles₃?", source=None)
def test_any_question_gives_verified_quotes_or_a_friendly_error(
    default_service: QuoteService, question: str, source: str | None
) -> None:
    ask(default_service, question, source)


def test_follow_ups_of_hostile_questions(default_service: QuoteService) -> None:
    """History is user text too: a follow-up after a hostile question is still verified or refused."""
    first = ask(default_service, "@everyone **What** does the U.S. say about \u202emissiles\u202c?")
    assert first is not None
    for follow in ("and NATO?", "<@123>", "\u200b", "and what about ```exercises```?"):
        try:
            answer = default_service.ask(follow, history=[default_service.turn(first)])
        except BadQuestionError as exc:
            friendly(exc)
            continue
        verbatim(default_service, answer)


@pytest.mark.parametrize("question", ["\udcff NATO?", "NATO \ud800 Ukraine?"])
def test_lone_surrogates_are_a_bad_question_or_answered(default_service: QuoteService, question: str) -> None:
    ask(default_service, question)


# -- the CLI ----------------------------------------------------------------------------------------------

runner = CliRunner()
HOSTILE_CLI = [
    "@everyone <@123> what does NATO say about Ukraine?",
    "```\n**Tomahawk** [missiles](https://example.com)?\n```",
    "\u202eeniarkU\u202c \u200b\ufeff NATO?",
    "\x1b[31mred\x1b[0m \x00 U.S.?",
    "[bold red]NATO[/] [link=https://example.com]x[/link]?",
    "x" * 20_000,
    " \u200b\t\n ",
]


def _cli(index: Any, *args: str) -> Any:
    return runner.invoke(app, ["--index-dir", str(index.store.index_dir), "ask", *args])


@pytest.mark.parametrize("question", HOSTILE_CLI)
def test_cli_ask_survives_hostile_questions(default_index: Any, clean_env: Path, question: str) -> None:
    plain = _cli(default_index, question)
    assert plain.exit_code in (0, 2), (plain.exit_code, plain.output, plain.exception)
    assert "Traceback" not in plain.output
    as_json = _cli(default_index, question, "--json")
    assert as_json.exit_code in (0, 2), (as_json.exit_code, as_json.output, as_json.exception)
    assert "Traceback" not in as_json.output
    if as_json.exit_code == 0:
        data = json.loads(as_json.stdout)
        assert {"question", "abstained", "answer", "quotes", "timings_ms"} <= set(data)
        text = (Path(__file__).resolve().parents[2] / "corpus" / "nato-us-responses-2022.txt").read_text(
            encoding="utf-8"
        )
        for q in data["quotes"] + ([data["closest"]] if data["closest"] else []):
            assert text[q["start"] : q["end"]] == q["text"]
    else:
        assert "error:" in as_json.output and as_json.stdout.strip() == ""


@pytest.mark.parametrize("source", ["[/]", "[bold]Kremlin"])
def test_cli_source_with_markup_is_a_clean_error(default_index: Any, clean_env: Path, source: str) -> None:
    result = _cli(default_index, "Tomahawk missiles?", "--source", source)
    assert result.exit_code == 2, (result.exit_code, result.exception)
    assert f"no source matches '{source}'" in result.output
