"""Slash commands and buttons, driven by calling their callbacks with ``spec_set`` interaction mocks.

dpytest cannot create interactions, so these tests check what Discord would see from the handler:
acknowledged first (``defer`` or an immediate response), then follow-ups with embeds, buttons and
``allowed_mentions`` that cannot ping. The service behind them is the real one.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any

import discord
import pytest
from discord import app_commands
from discord.ext import commands

from bot.discord.bot import QuoteBot, ShardedQuoteBot, build_bot
from bot.discord.cogs.ask import AskCog
from bot.discord.cogs.context import GONE
from bot.discord.format import NO_ANSWER_TITLE, MessagePayload, payload_problems
from bot.discord.views import TEMPLATE, ContextButton
from bot.messages import STORE_DOWN
from index.errors import StoreUnavailableError

QUESTION = "Is NATO's door open to Ukraine?"


def mentions_off(am: Any) -> bool:
    return isinstance(am, discord.AllowedMentions) and not (
        am.everyone or am.users or am.roles or am.replied_user
    )


def ask_cog(bot: QuoteBot) -> AskCog:
    # Extensions are loaded as fresh module objects, so compare by name, not with isinstance.
    cog = bot.get_cog("Ask")
    assert type(cog).__name__ == "AskCog"
    return cog  # type: ignore[return-value]


async def ask(bot: QuoteBot, fake: Any, question: str = QUESTION, source: str | None = None) -> None:
    cog = ask_cog(bot)
    callback: Any = cog.ask.callback  # the unbound function: (cog, interaction, question, source)
    await callback(cog, fake.interaction, question, source)


def test_command_tree_names_and_options(slash_bot: QuoteBot) -> None:
    tree = {c.name: c for c in slash_bot.tree.get_commands()}
    assert set(tree) == {"ask", "about", "help"}
    ask_cmd = tree["ask"]
    assert isinstance(ask_cmd, app_commands.Command)
    params = {p.name: p for p in ask_cmd.parameters}
    assert list(params) == ["question", "source"]
    assert params["question"].required and not params["source"].required
    assert params["source"].autocomplete
    about, help_ = tree["about"], tree["help"]
    assert isinstance(about, app_commands.Command) and isinstance(help_, app_commands.Command)
    assert about.parameters == [] == help_.parameters
    assert {c.name for c in slash_bot.commands} == {"sync", "reload"}  # prefix, owner-only


def test_intents_and_defaults(slash_bot: QuoteBot, settings_factory: Any, service: Any) -> None:
    intents = slash_bot.intents
    assert not intents.message_content and not intents.members and not intents.presences
    assert intents.guild_messages and intents.dm_messages and intents.guilds
    assert mentions_off(slash_bot.allowed_mentions)
    sharded = build_bot(settings_factory(discord_sharded=True), service)
    assert isinstance(sharded, ShardedQuoteBot) and isinstance(sharded, commands.AutoShardedBot)
    assert not isinstance(build_bot(settings_factory(), service), commands.AutoShardedBot)


async def test_ask_defers_then_follows_up_with_embeds(slash_bot: QuoteBot, fake_interaction: Any) -> None:
    fake = fake_interaction(slash_bot)
    await ask(slash_bot, fake)
    assert fake.names() == ["defer", "followup.send"]
    assert fake.events[0][1] == {"thinking": True}
    sent = fake.events[1][1]
    assert mentions_off(sent["allowed_mentions"]) and sent["wait"] is True
    [embed] = sent["embeds"]
    assert embed.title == QUESTION and embed.fields
    assert all(str(f.value).startswith("> ") for f in embed.fields)
    assert "corpus" in embed.footer.text and "ms" in embed.footer.text
    assert not payload_problems(MessagePayload(embeds=sent["embeds"]))
    view = sent["view"]
    assert len(view.children) == len(embed.fields)
    for i, button in enumerate(view.children):
        assert isinstance(button, ContextButton)
        assert button.custom_id == f"qb:ctx:{fake.interaction.id}:{i}"
        assert re.fullmatch(TEMPLATE, button.custom_id)
    # The conversation is remembered under the answer message, for follow-ups by reply.
    history = slash_bot.memory.history(fake.sent[0].id)
    assert history is not None and history[-1].question == QUESTION


async def test_ask_with_source_restricts_quotes(slash_bot: QuoteBot, fake_interaction: Any) -> None:
    fake = fake_interaction(slash_bot)
    await ask(slash_bot, fake, "What does the response say about military exercises?", "U.S. Response")
    [embed] = fake.embeds()
    assert embed.fields and all(str(f.name).endswith("U.S. Response") for f in embed.fields)


async def test_source_autocomplete_offers_section_labels(slash_bot: QuoteBot, fake_interaction: Any) -> None:
    cog: Any = ask_cog(slash_bot)
    fake = fake_interaction(slash_bot)
    choices = await cog.source_autocomplete(fake.interaction, "respon")
    assert [c.value for c in choices] == [
        "Leak: NATO, U.S. Responses to Moscow’s Security Demands",
        "NATO Response",
        "U.S. Response",
    ]
    assert all(len(c.name) <= 100 and len(c.value) <= 100 for c in choices)
    assert len(await cog.source_autocomplete(fake.interaction, "")) <= 25


async def test_ask_abstains_plainly(slash_bot: QuoteBot, fake_interaction: Any) -> None:
    fake = fake_interaction(slash_bot)
    await ask(slash_bot, fake, "What is the recipe for pancakes?")
    [embed] = fake.embeds()
    assert embed.title == NO_ANSWER_TITLE
    assert str(embed.fields[0].name).startswith("Closest passage (not an answer)")


async def test_unknown_source_is_a_bad_question(slash_bot: QuoteBot, fake_interaction: Any) -> None:
    fake = fake_interaction(slash_bot)
    await ask(slash_bot, fake, QUESTION, "Martian Response")
    assert fake.names() == ["defer", "followup.send"]
    content = fake.events[1][1]["content"]
    assert content.startswith("No source matches 'Martian Response'") and "NATO Response" in content
    assert mentions_off(fake.events[1][1]["allowed_mentions"])


async def test_too_long_question_is_refused_at_once(
    slash_bot: QuoteBot, fake_interaction: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    called: list[str] = []
    monkeypatch.setattr(slash_bot.service, "aask", lambda *a, **k: called.append("aask"))
    fake = fake_interaction(slash_bot)
    await ask(slash_bot, fake, "why " * 600)
    assert fake.names() == ["response.send_message"] and not called
    kwargs = fake.events[0][1]
    assert kwargs["ephemeral"] is True and "limit is 2,000" in kwargs["content"]
    assert mentions_off(kwargs["allowed_mentions"])


async def test_cooldown_is_per_user_and_friendly(
    service: Any, settings_factory: Any, fake_interaction: Any
) -> None:
    bot = QuoteBot(settings_factory(discord_cooldown_rate=2, discord_cooldown_s=60), service)
    await bot.setup_hook()
    fakes = [fake_interaction(bot, user_id=42) for _ in range(3)]
    for fake in fakes:
        await ask(bot, fake)
    assert fakes[0].names()[0] == fakes[1].names()[0] == "defer"
    assert fakes[2].names() == ["response.send_message"]
    text = fakes[2].events[0][1]["content"]
    assert "2 questions per 60 s" in text and "try again in" in text
    other = fake_interaction(bot, user_id=43)
    await ask(bot, other)
    assert other.names()[0] == "defer"
    await bot.close()


async def test_unexpected_error_apologises_and_logs_without_token(
    service: Any,
    settings_factory: Any,
    fake_interaction: Any,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    bot = QuoteBot(settings_factory(discord_token="SECRET-TOKEN-123"), service)
    await bot.setup_hook()

    async def boom(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("chroma fell over")

    monkeypatch.setattr(bot.service, "aask", boom)
    fake = fake_interaction(bot)
    with caplog.at_level(logging.ERROR):
        await ask(bot, fake)
    assert fake.names() == ["defer", "followup.send"]
    assert fake.events[1][1]["content"].startswith("Sorry")
    assert "chroma fell over" not in fake.events[1][1]["content"]
    assert any(r.exc_info and "chroma fell over" in str(r.exc_info[1]) for r in caplog.records)
    assert "SECRET-TOKEN-123" not in caplog.text
    await bot.close()


async def test_a_store_outage_is_explained_without_a_traceback(
    service: Any,
    settings_factory: Any,
    fake_interaction: Any,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    bot = QuoteBot(settings_factory(), service)
    await bot.setup_hook()

    async def down(*args: Any, **kwargs: Any) -> Any:
        raise StoreUnavailableError("the Chroma server at 127.0.0.1:8000 is not answering")

    monkeypatch.setattr(bot.service, "aask", down)
    fake = fake_interaction(bot)
    with caplog.at_level(logging.WARNING):
        await ask(bot, fake)
    assert fake.names() == ["defer", "followup.send"]
    content = fake.events[1][1]["content"]
    assert content == STORE_DOWN and "127.0.0.1" not in content
    # Logged once as a warning naming the cause, with no traceback: an outage is not a bug.
    [record] = [r for r in caplog.records if r.name == "bot.discord.cogs.ask"]
    assert (
        record.levelno == logging.WARNING
        and record.exc_info is None
        and "not answering" in record.getMessage()
    )
    await bot.close()


async def test_concurrency_is_bounded_and_every_interaction_deferred_first(
    service: Any, settings_factory: Any, fake_interaction: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    bot = QuoteBot(settings_factory(discord_max_concurrency=2), service)
    await bot.setup_hook()
    running, peak, real = 0, 0, bot.service.aask
    deferred_before_any_answer: list[bool] = []
    fakes = [fake_interaction(bot) for _ in range(8)]

    async def counting(*args: Any, **kwargs: Any) -> Any:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        try:
            await asyncio.sleep(0.02)
            # While the first questions are still being answered, every queued one is acknowledged.
            deferred_before_any_answer.append(all(f.names()[:1] == ["defer"] for f in fakes))
            return await real(*args, **kwargs)
        finally:
            running -= 1

    monkeypatch.setattr(bot.service, "aask", counting)
    await asyncio.gather(*(ask(bot, f) for f in fakes))
    assert peak == 2
    assert all(deferred_before_any_answer)
    assert all(f.names() == ["defer", "followup.send"] for f in fakes)
    await bot.close()


async def test_answer_in_thread(service: Any, settings_factory: Any, fake_interaction: Any) -> None:
    bot = QuoteBot(settings_factory(discord_use_threads=True), service)
    await bot.setup_hook()
    channel = discord.TextChannel.__new__(discord.TextChannel)  # isinstance check only
    channel.id = 77
    fake = fake_interaction(bot, channel=channel)
    await ask(bot, fake)
    assert fake.names() == ["defer", "followup.send", "thread.send"]
    assert fake.events[1][1]["content"].startswith("Answering in a thread")
    header = fake.sent[0]
    header.create_thread.assert_awaited_once()
    assert fake.events[2][1]["embeds"] and mentions_off(fake.events[2][1]["allowed_mentions"])
    await bot.close()


async def test_show_context_button(slash_bot: QuoteBot, fake_interaction: Any) -> None:
    fake = fake_interaction(slash_bot)
    await ask(slash_bot, fake)
    button = fake.events[1][1]["view"].children[0]
    # What discord.py does on a click: rebuild the item from its custom_id, then call it.
    click = fake_interaction(slash_bot)
    match = re.fullmatch(TEMPLATE, button.custom_id)
    assert match is not None
    item = await ContextButton.from_custom_id(click.interaction, button.item, match)
    await item.callback(click.interaction)
    assert click.names() == ["defer", "followup.send"]
    assert click.events[0][1] == {"ephemeral": True, "thinking": True}
    sent = click.events[1][1]
    assert sent["ephemeral"] is True and mentions_off(sent["allowed_mentions"])
    embed = sent["embed"]
    assert str(embed.title).startswith("Context · ")
    first_quote = fake.embeds()[0].fields[0].value
    assert first_quote.split("\n")[0] in str(embed.description)  # the quote, block-quoted, inside its context
    assert not payload_problems(MessagePayload(embeds=[embed]))


async def test_show_context_for_forgotten_answer(slash_bot: QuoteBot, fake_interaction: Any) -> None:
    click = fake_interaction(slash_bot)
    await ContextButton(123, 0).callback(click.interaction)
    assert click.names() == ["defer", "followup.send"]
    assert click.events[1][1]["content"] == GONE


async def test_about_and_help(service: Any, settings_factory: Any, fake_interaction: Any) -> None:
    bot = QuoteBot(settings_factory(discord_token="SECRET-TOKEN-123", llm_api_key="sk-KEY"), service)
    await bot.setup_hook()
    meta = bot.get_cog("Meta")
    fake = fake_interaction(bot)
    await meta.about.callback(meta, fake.interaction)  # type: ignore[union-attr]
    assert fake.names() == ["response.send_message"]
    embed = fake.events[0][1]["embed"]
    text = str(embed.to_dict())
    assert "all-MiniLM-L6-v2" in text and "NATO Response" in text and "Documents" in text
    assert "SECRET" not in text and "sk-KEY" not in text
    fake = fake_interaction(bot)
    await meta.help.callback(meta, fake.interaction)  # type: ignore[union-attr]
    assert fake.events[0][1]["ephemeral"] is True and "/ask" in str(fake.events[0][1]["embed"].to_dict())
    await bot.close()


async def test_a_failing_slash_command_apologises_and_logs_the_interaction(
    slash_bot: QuoteBot, fake_interaction: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """The command tree's last resort (any slash command whose own handling let an error escape)."""
    assert slash_bot.tree.on_error == slash_bot.on_app_command_error
    fake = fake_interaction(slash_bot)
    cause = RuntimeError("handler exploded")
    error = app_commands.AppCommandError("wrapped")
    error.original = cause  # type: ignore[attr-defined]  # how CommandInvokeError carries it
    with caplog.at_level(logging.ERROR):
        await slash_bot.tree.on_error(fake.interaction, error)
    assert fake.names() == ["response.send_message"]
    reply = fake.events[0][1]
    assert reply["content"].startswith("Sorry") and "exploded" not in reply["content"]
    assert reply["ephemeral"] is True and mentions_off(reply["allowed_mentions"])
    [record] = [r for r in caplog.records if r.exc_info]
    assert record.exc_info[1] is cause  # type: ignore[index]
    assert str(fake.interaction.id) in record.getMessage()
