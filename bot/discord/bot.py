"""The Discord bot: a ``commands.Bot`` (or ``AutoShardedBot``) that owns the shared state of the cogs.

Shared state lives here rather than in cogs so that ``reload <cog>`` keeps it: the one
``QuoteService``, the conversation memory, the concurrency limit in front of the service and the
per-user cooldown. Cogs are extensions (``bot.discord.cogs.*``) loaded in ``setup_hook``.

Intents: no privileged intent. Without message content the bot still receives the content of
messages that mention it and of DMs, which is all the mention and DM flows need; slash commands and
buttons arrive as interactions, which need no intent at all.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.service import QuoteService
from bot.settings import Settings

from .memory import Memory
from .send import apologise

log = logging.getLogger(__name__)

EXTENSIONS = (
    "bot.discord.cogs.ask",
    "bot.discord.cogs.context",
    "bot.discord.cogs.meta",
    "bot.discord.cogs.admin",
)
APOLOGY = "Sorry, something went wrong on my side. It has been logged; please try again later."


def make_intents() -> discord.Intents:
    """Default intents minus everything privileged or unused (typing events are pure traffic)."""
    intents = discord.Intents.default()
    intents.message_content = False
    intents.members = False
    intents.presences = False
    intents.typing = False
    return intents


class QuoteBot(commands.Bot):
    """Quotebot on Discord; see the module docstring for what it holds and why."""

    def __init__(
        self,
        settings: Settings,
        service: QuoteService,
        *,
        extensions: tuple[str, ...] = EXTENSIONS,
        **options: Any,
    ) -> None:
        owner_ids = set(settings.discord_owner_ids)
        # ``intents`` may be overridden by tests only (dpytest needs the member cache).
        options.setdefault("intents", make_intents())
        super().__init__(
            command_prefix=commands.when_mentioned_or(settings.discord_prefix),
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
            # Empty → discord.py asks Discord for the application owner (or team) on first use.
            owner_ids=owner_ids or None,
            **options,
        )
        self.settings = settings
        self.service = service
        self.memory = Memory()
        #: At most this many questions are in the service at once; the rest wait their turn here,
        #: after their interaction has been deferred, so no acknowledgement is ever late.
        self.answer_slots = asyncio.Semaphore(settings.discord_max_concurrency)
        self.cooldowns: commands.CooldownMapping[int] = commands.CooldownMapping(
            commands.Cooldown(settings.discord_cooldown_rate, settings.discord_cooldown_s),
            lambda user_id: user_id,
        )
        self.initial_extensions = extensions

    async def setup_hook(self) -> None:
        for name in self.initial_extensions:
            await self.load_extension(name)
        self.tree.on_error = self.on_app_command_error  # type: ignore[method-assign]

    async def on_error(self, event_method: str, /, *args: Any, **kwargs: Any) -> None:
        """An event handler raised: log the traceback with what it was handling, and keep running.

        discord.py calls this for whatever escapes an event handler (``on_message`` and the cogs'
        listeners) and carries on with the next event: one bad event must never take the bot down.
        discord.py's own version logs "Ignoring exception in on_message" without saying which
        message; the ids here let an operator match a user's report to its log entry.
        """
        log.exception("event %s failed (%s)", event_method, _event_subject(args))

    async def on_ready(self) -> None:
        # Deliberately no tree.sync() here: on_ready fires on every reconnect and syncing is rate
        # limited; owners sync once with the `sync` prefix command after changing commands.
        log.info("connected as %s, in %d server(s)", self.user, len(self.guilds))

    async def usable_command(self, message: discord.Message) -> commands.Context[Any] | None:
        """The prefix command this message invokes, if its author may run it; else None.

        Owner-only commands are invisible to everyone else: "@Quotebot sync …" from a user is a
        question, not a refused command.
        """
        ctx: commands.Context[Any] = await self.get_context(message)
        if ctx.command is None:
            return None
        try:
            return ctx if await ctx.command.can_run(ctx) else None
        except commands.CommandError:
            return None

    async def on_message(self, message: discord.Message) -> None:
        # Replaces BotBase.on_message: most mentions are questions, and invoking them as commands
        # would raise CommandNotFound for each one. Questions are handled by the Ask cog's listener.
        if message.author.bot:
            return
        ctx = await self.usable_command(message)
        if ctx is not None:
            await self.invoke(ctx)

    async def on_command_error(
        self, context: commands.Context[Any], exception: commands.CommandError, /
    ) -> None:
        if isinstance(exception, commands.CommandNotFound | commands.CheckFailure):
            return
        if isinstance(exception, commands.UserInputError):
            await context.send(str(exception), allowed_mentions=discord.AllowedMentions.none())
            return
        original = getattr(exception, "original", exception)
        log.error(
            "prefix command %s failed",
            context.command.qualified_name if context.command else "?",
            exc_info=(type(original), original, original.__traceback__),
        )
        await context.send(APOLOGY, allowed_mentions=discord.AllowedMentions.none())

    async def on_app_command_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError, /
    ) -> None:
        """Last resort for slash commands: log the traceback here, tell the user only that it failed."""
        original = getattr(error, "original", error)
        log.error(
            "slash command %s failed (interaction %s)",
            interaction.command.qualified_name if interaction.command else "?",
            interaction.id,
            exc_info=(type(original), original, original.__traceback__),
        )
        await apologise(interaction, APOLOGY)


def _event_subject(args: tuple[Any, ...]) -> str:
    """What an event was about, by id (never by content, which may be anyone's private text)."""
    first = args[0] if args else None
    if isinstance(first, discord.Message):
        return f"message {first.id} in channel {first.channel.id}"
    if isinstance(first, discord.Interaction):
        return f"interaction {first.id}"
    return f"{len(args)} argument(s)"


class ShardedQuoteBot(QuoteBot, commands.AutoShardedBot):
    """The same bot on ``AutoShardedBot``: one process runs every shard Discord recommends."""


def build_bot(settings: Settings, service: QuoteService, **options: Any) -> QuoteBot:
    """The bot class the settings ask for (``QUOTEBOT_DISCORD_SHARDED``), built around ``service``."""
    cls = ShardedQuoteBot if settings.discord_sharded else QuoteBot
    return cls(settings, service, **options)
