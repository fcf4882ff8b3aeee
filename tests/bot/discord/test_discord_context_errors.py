"""The "Show context" button when something on its path fails: the clicker gets a short private
apology, the log gets a traceback naming the interaction, and nothing escapes into discord.py's
generic handler.

Each failure is injected into the real path (the button callback → the Context cog → memory, the
service, the formatter, the follow-up), with the real service behind it.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Callable
from typing import Any

import discord
import pytest

from bot.discord.bot import QuoteBot
from bot.discord.views import TEMPLATE, ContextButton

QUESTION = "Is NATO's door open to Ukraine?"
APOLOGY_START = "Sorry, I couldn't load the context"


def mentions_off(am: Any) -> bool:
    return isinstance(am, discord.AllowedMentions) and not (
        am.everyone or am.users or am.roles or am.replied_user
    )


def http_error(status: int = 500, text: str = "Internal Server Error") -> discord.HTTPException:
    response: Any = type("Response", (), {"status": status, "reason": text})()
    return discord.HTTPException(response, text)


async def answered_button(bot: QuoteBot, fake_interaction: Any) -> ContextButton:
    """Ask through the real /ask handler, then rebuild its first button as discord.py does on a click."""
    cog: Any = bot.get_cog("Ask")
    fake = fake_interaction(bot)
    await cog.ask.callback(cog, fake.interaction, QUESTION, None)
    button = fake.events[1][1]["view"].children[0]
    match = re.fullmatch(TEMPLATE, button.custom_id)
    assert match is not None
    return await ContextButton.from_custom_id(fake.interaction, button.item, match)


def context_module(bot: QuoteBot) -> Any:
    """The module the loaded Context cog runs from (extensions are loaded as fresh module objects)."""
    return sys.modules[type(bot.get_cog("Context")).__module__]


def fail_defer(bot: QuoteBot, click: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    click.interaction.response.defer.side_effect = http_error(503, "Service Unavailable")


def fail_memory(bot: QuoteBot, click: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(key: int) -> Any:
        raise RuntimeError("memory lookup exploded")

    monkeypatch.setattr(bot.memory.answers, "get", broken)


def fail_embed(bot: QuoteBot, click: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise ValueError("embed exploded")

    monkeypatch.setattr(context_module(bot), "context_embed", broken)


def fail_followup(bot: QuoteBot, click: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    record = click.interaction.followup.send.side_effect

    def send(*args: Any, **kwargs: Any) -> Any:
        if "embed" in kwargs:  # the context itself fails; the apology after it goes through
            raise http_error(400, "Invalid Form Body")
        return record(*args, **kwargs)

    click.interaction.followup.send.side_effect = send


def fail_service(bot: QuoteBot, click: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("chroma fell over")

    monkeypatch.setattr(bot.service, "context", broken)


@pytest.mark.parametrize(
    "inject",
    [fail_defer, fail_memory, fail_service, fail_embed, fail_followup],
    ids=["defer", "memory", "service", "embed", "followup"],
)
async def test_a_failing_show_context_apologises_privately_and_logs_the_interaction(
    slash_bot: QuoteBot,
    fake_interaction: Any,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    inject: Callable[[QuoteBot, Any, pytest.MonkeyPatch], None],
) -> None:
    item = await answered_button(slash_bot, fake_interaction)
    click = fake_interaction(slash_bot)
    inject(slash_bot, click, monkeypatch)
    with caplog.at_level(logging.ERROR):
        await item.callback(click.interaction)  # must not raise into discord.py's generic handler

    # The clicker sees one short apology, only they can see it, and it can ping nobody.
    replies = [kw for name, kw in click.events if name in ("response.send_message", "followup.send")]
    assert len(replies) == 1, click.events
    reply = replies[0]
    assert reply["content"].startswith(APOLOGY_START)
    assert reply["ephemeral"] is True and mentions_off(reply["allowed_mentions"])
    assert "exploded" not in reply["content"] and "chroma" not in reply["content"]
    # The log has the traceback, and says which interaction it was.
    failures = [r for r in caplog.records if r.levelno >= logging.ERROR and r.exc_info]
    assert len(failures) == 1, [r.getMessage() for r in caplog.records]
    assert str(click.interaction.id) in failures[0].getMessage()


async def test_an_apology_that_cannot_be_sent_is_logged_not_raised(
    slash_bot: QuoteBot,
    fake_interaction: Any,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    item = await answered_button(slash_bot, fake_interaction)
    click = fake_interaction(slash_bot)
    fail_memory(slash_bot, click, monkeypatch)
    click.interaction.followup.send.side_effect = http_error(404, "Unknown Webhook")
    with caplog.at_level(logging.WARNING):
        await item.callback(click.interaction)
    messages = [r.getMessage() for r in caplog.records]
    assert any("memory lookup exploded" in str(r.exc_info[1]) for r in caplog.records if r.exc_info)
    assert any("could not tell" in m and str(click.interaction.id) in m for m in messages), messages


async def test_an_expired_click_is_one_warning_without_a_reply(
    slash_bot: QuoteBot, fake_interaction: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """Discord forgets an interaction after 3 s (a paused bot, a slow network): nothing can be sent."""
    item = await answered_button(slash_bot, fake_interaction)
    click = fake_interaction(slash_bot)
    click.interaction.response.defer.side_effect = discord.NotFound(
        type("Response", (), {"status": 404, "reason": "Not Found"})(), "Unknown interaction"
    )
    with caplog.at_level(logging.WARNING):
        await item.callback(click.interaction)
    click.interaction.response.defer.assert_awaited_once()
    assert click.names() == []  # no reply attempted: it could only fail again
    [record] = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert record.levelno == logging.WARNING and record.exc_info is None
    assert str(click.interaction.id) in record.getMessage() and "expired" in record.getMessage()


async def test_a_broken_context_cog_still_gets_an_apology_from_the_button(
    slash_bot: QuoteBot,
    fake_interaction: Any,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A cog reloaded with a bug that lets an error escape: the button itself is the last resort."""
    item = await answered_button(slash_bot, fake_interaction)
    cog = slash_bot.get_cog("Context")

    async def leaky(interaction: discord.Interaction, key: int, index: int) -> None:
        raise KeyError("leaked past the cog")

    monkeypatch.setattr(cog, "show_context", leaky)
    click = fake_interaction(slash_bot)
    with caplog.at_level(logging.ERROR):
        await item.callback(click.interaction)
    assert click.names() == ["response.send_message"]
    reply = click.events[0][1]
    assert reply["content"].startswith(APOLOGY_START)
    assert reply["ephemeral"] is True and mentions_off(reply["allowed_mentions"])
    [record] = [r for r in caplog.records if r.exc_info]
    assert str(click.interaction.id) in record.getMessage()
