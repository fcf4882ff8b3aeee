"""Mention, DM, reply and owner prefix flows through dpytest's fake gateway, with the real service."""

from __future__ import annotations

import logging
from typing import Any
from unittest.mock import AsyncMock

import discord
import discord.ext.test as dpytest
import pytest
from discord.ext.test import backend, factories

from bot.discord.bot import QuoteBot
from bot.discord.format import NO_ANSWER_TITLE, MessagePayload, payload_problems
from bot.discord.text import safe_text

QUESTION = "Is NATO's door open to Ukraine?"


def bot_id(bot: QuoteBot) -> int:
    assert bot.user is not None
    return bot.user.id


def sent_messages() -> list[discord.Message]:
    out = []
    while not dpytest.sent_queue.empty():
        out.append(dpytest.sent_queue.get_nowait())
    return out


def check_answer_message(msg: discord.Message) -> discord.Embed:
    assert msg.embeds, msg.content
    assert not payload_problems(MessagePayload(embeds=msg.embeds, content=msg.content))
    return msg.embeds[0]


async def test_mention_in_a_channel_is_answered_with_embeds(dpy_bot: QuoteBot) -> None:
    cfg = dpytest.get_config()
    await dpytest.message(f"<@{bot_id(dpy_bot)}> {QUESTION}", member=1)
    [msg] = sent_messages()
    embed = check_answer_message(msg)
    assert embed.title == QUESTION
    assert embed.fields and all(str(f.value).startswith("> ") for f in embed.fields)
    assert any("Open Door" in str(f.value) for f in embed.fields)
    assert msg.channel.id == cfg.channels[0].id
    assert dpy_bot.memory.history(msg.id) is not None


async def test_plain_channel_messages_are_ignored(dpy_bot: QuoteBot) -> None:
    await dpytest.message(QUESTION, member=1)
    assert dpytest.verify().message().nothing()


async def test_mention_without_question_gets_a_hint(dpy_bot: QuoteBot) -> None:
    await dpytest.message(f"<@{bot_id(dpy_bot)}>", member=1)
    [msg] = sent_messages()
    assert "Ask me a question after the mention" in (msg.content or "") and not msg.embeds


async def test_dm_is_answered(dpy_bot: QuoteBot) -> None:
    member = dpytest.get_config().members[1]
    dm = await member.create_dm()
    await dpytest.message("What about military exercises?", channel=dm, member=member)
    [msg] = sent_messages()
    embed = check_answer_message(msg)
    assert embed.title == "What about military exercises?"
    assert any("military exercises" in str(f.value) for f in embed.fields)


async def test_dm_abstention(dpy_bot: QuoteBot) -> None:
    member = dpytest.get_config().members[1]
    dm = await member.create_dm()
    await dpytest.message("What is the recipe for pancakes?", channel=dm, member=member)
    [msg] = sent_messages()
    embed = check_answer_message(msg)
    assert embed.title == NO_ANSWER_TITLE
    assert str(embed.fields[0].name).startswith("Closest passage (not an answer)")


async def test_reply_to_an_answer_is_a_follow_up(dpy_bot: QuoteBot, monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = dpytest.get_config()
    channel, member = cfg.channels[0], cfg.members[1]
    await dpytest.message(f"<@{bot_id(dpy_bot)}> What does the U.S. response say about Ukraine?", member=1)
    [answer_msg] = sent_messages()

    seen: list[Any] = []
    answers: list[Any] = []
    real = dpy_bot.service.aask

    async def spy(question: str, history: Any = None, source: Any = None, top_k: Any = None) -> Any:
        seen.append(history)
        answers.append(await real(question, history=history, source=source, top_k=top_k))
        return answers[-1]

    monkeypatch.setattr(dpy_bot.service, "aask", spy)
    # A reply with its (default) ping: the bot is in `mentions`, so Discord delivers the content.
    make: Any = factories.make_message_dict  # its overloads do not admit a ClientUser
    data = make(
        channel,
        member,
        content="And about military exercises?",
        mentions=[dpy_bot.user],
        guild_id=channel.guild.id,
    )
    data["message_reference"] = {
        "message_id": answer_msg.id,
        "channel_id": channel.id,
        "guild_id": channel.guild.id,
    }
    backend.get_state().parse_message_create(data)
    await dpytest.run_all_events()
    [follow] = sent_messages()
    embed = check_answer_message(follow)
    # The follow-up was searched as a standalone question, and the answer says which.
    searched = answers[0].search_query
    assert searched and "military exercises" in searched and "say about Ukraine" in searched
    assert f"↳ searched: {safe_text(searched)}" in str(embed.description)
    assert seen and seen[0] is not None and seen[0][0].question.startswith("What does the U.S. response")
    history = dpy_bot.memory.history(follow.id)
    assert history is not None and [t.question for t in history][-1] == "And about military exercises?"
    assert len(history) == 2


async def test_quote_cannot_ping_and_mentions_are_off(
    dpy_bot: QuoteBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    sends: list[dict[str, Any]] = []
    channel = dpytest.get_config().channels[0]
    real_send = discord.TextChannel.send

    async def spy(self: discord.TextChannel, *args: Any, **kwargs: Any) -> Any:
        sends.append(kwargs)
        return await real_send(self, *args, **kwargs)

    monkeypatch.setattr(discord.TextChannel, "send", spy)
    await dpytest.message(f"<@{bot_id(dpy_bot)}> @everyone <@&1> is the door open? **now**", member=1)
    [msg] = sent_messages()
    assert msg.channel.id == channel.id
    assert sends and all(isinstance(k["allowed_mentions"], discord.AllowedMentions) for k in sends)
    am = sends[0]["allowed_mentions"]
    assert not (am.everyone or am.users or am.roles or am.replied_user)
    # The question is shown (as the title, or under "Asked:" when the bot abstains), escaped.
    shown = f"{msg.embeds[0].title}\n{msg.embeds[0].description}"
    assert "@everyone" not in shown and "\\*\\*now\\*\\*" in shown


@pytest.mark.parametrize("dpy_bot", [{"discord_cooldown_rate": 1, "discord_cooldown_s": 60}], indirect=True)
async def test_cooldown_message_in_channel(dpy_bot: QuoteBot) -> None:
    await dpytest.message(f"<@{bot_id(dpy_bot)}> {QUESTION}", member=1)
    sent_messages()
    await dpytest.message(f"<@{bot_id(dpy_bot)}> {QUESTION}", member=1)
    [msg] = sent_messages()
    assert "You're asking quickly" in (msg.content or "") and not msg.embeds


async def test_owner_sync_prefix_command(dpy_bot: QuoteBot, monkeypatch: pytest.MonkeyPatch) -> None:
    sync = AsyncMock(return_value=[discord.Object(1)])
    sync.return_value[0].name = "ask"
    monkeypatch.setattr(dpy_bot.tree, "sync", sync)
    await dpytest.message("qb!sync", member=0)
    [msg] = sent_messages()
    assert (msg.content or "").startswith("Synced 1 command(s) globally") and "/ask" in (msg.content or "")
    sync.assert_awaited_once_with()

    await dpytest.message(f"<@{bot_id(dpy_bot)}> sync guild", member=0)
    [msg] = sent_messages()
    assert "to this server" in (msg.content or "")
    assert (
        sync.await_args is not None
        and sync.await_args.kwargs["guild"].id == dpytest.get_config().guilds[0].id
    )


async def test_non_owner_cannot_sync(dpy_bot: QuoteBot, monkeypatch: pytest.MonkeyPatch) -> None:
    sync = AsyncMock(return_value=[])
    monkeypatch.setattr(dpy_bot.tree, "sync", sync)
    await dpytest.message("qb!sync", member=1)  # not a mention and not a DM: ignored
    await dpytest.message(f"<@{bot_id(dpy_bot)}> sync", member=1)  # a (short) question, not a command
    sync.assert_not_awaited()
    for msg in sent_messages():
        assert not msg.content or not msg.content.startswith("Synced")


async def test_owner_reload_keeps_conversations(dpy_bot: QuoteBot) -> None:
    await dpytest.message(f"<@{bot_id(dpy_bot)}> {QUESTION}", member=1)
    [answer_msg] = sent_messages()
    old_cog = dpy_bot.get_cog("Ask")
    await dpytest.message("qb!reload ask", member=0)
    [msg] = sent_messages()
    assert msg.content == "Reloaded `bot.discord.cogs.ask`."
    assert dpy_bot.get_cog("Ask") is not old_cog
    assert dpy_bot.memory.history(answer_msg.id) is not None
    await dpytest.message("qb!reload nosuchcog", member=0)
    [msg] = sent_messages()
    assert (msg.content or "").startswith("No cog named")


@pytest.mark.parametrize("dpy_bot", [{"discord_use_threads": True}], indirect=True)
async def test_mention_answered_in_a_thread(dpy_bot: QuoteBot, monkeypatch: pytest.MonkeyPatch) -> None:
    thread = AsyncMock(spec_set=discord.Thread)
    thread.id = 987654321098765432
    thread.send.side_effect = lambda **kwargs: AsyncMock(
        spec_set=discord.Message, id=len(thread.send.mock_calls)
    )
    created: list[str] = []

    async def create_thread(self: discord.Message, *, name: str, **kwargs: Any) -> Any:
        created.append(name)
        return thread

    # dpytest has no thread endpoints; everything else is the real mention path.
    monkeypatch.setattr(discord.Message, "create_thread", create_thread)
    await dpytest.message(f"<@{bot_id(dpy_bot)}> {QUESTION}", member=1)
    assert created == [QUESTION]
    assert not sent_messages()  # nothing in the channel itself
    kwargs = thread.send.await_args.kwargs
    assert kwargs["embeds"][0].title == QUESTION and "reference" not in kwargs
    am = kwargs["allowed_mentions"]
    assert not (am.everyone or am.users or am.roles or am.replied_user)
    assert dpy_bot.memory.history(thread.id) is not None  # mentions in the thread continue it


async def test_an_error_in_an_event_handler_is_logged_and_the_bot_stays_up(
    dpy_bot: QuoteBot, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken_listener(message: discord.Message) -> None:
        if not message.author.bot:  # dpytest also dispatches the bot's own answers
            raise RuntimeError("listener exploded")

    dpy_bot.add_listener(broken_listener, "on_message")
    with caplog.at_level(logging.ERROR):
        question = await dpytest.message(f"<@{bot_id(dpy_bot)}> {QUESTION}", member=1)
    [failure] = [r for r in caplog.records if r.exc_info]
    assert failure.name == "bot.discord.bot" and "listener exploded" in str(failure.exc_info[1])  # type: ignore[index]
    # Which event and which message: enough to find it again.
    assert "on_message" in failure.getMessage() and str(question.id) in failure.getMessage()
    # The question was still answered, and so is the next one: the bot did not stop.
    [msg] = sent_messages()
    check_answer_message(msg)
    dpy_bot.remove_listener(broken_listener, "on_message")
    await dpytest.message(f"<@{bot_id(dpy_bot)}> What about military exercises?", member=1)
    [msg] = sent_messages()
    check_answer_message(msg)
    assert not dpy_bot.is_closed()


async def test_ready_logs_who_the_bot_is_and_where(
    dpy_bot: QuoteBot, caplog: pytest.LogCaptureFixture
) -> None:
    """The line an operator looks for after a start (with -v or QUOTEBOT_LOG_LEVEL=INFO)."""
    with caplog.at_level(logging.INFO, logger="bot.discord.bot"):
        await dpy_bot.on_ready()
    [line] = [r.getMessage() for r in caplog.records if r.name == "bot.discord.bot"]
    assert line == f"connected as {dpy_bot.user}, in 1 server(s)"
