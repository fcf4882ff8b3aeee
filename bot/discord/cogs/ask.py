"""Asking: ``/ask``, @mentions, DMs, and replies to an answer as follow-ups.

Both entry points share one path, ``AskCog.answer``: check the question (length, cooldown) without
touching the service, acknowledge (``defer`` for interactions, "typing…" for messages), wait for a
slot behind the bot's semaphore, run ``QuoteService.aask`` (a worker thread, so the gateway
heartbeat never stalls), then send the formatted payloads with their "Show context" buttons and
remember the conversation under every message sent, so replying to any of them continues it. What
differs between a slash command and a message is an ``Origin`` (``bot/discord/origins.py``); what
a failure says to the user comes from ``bot.messages``.
"""

from __future__ import annotations

import logging
import math
import re
import time
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.messages import APOLOGY, user_message
from bot.models import Answer, Turn

from ..format import answer_messages, shown_quotes
from ..origins import InteractionOrigin, MessageOrigin, Origin
from ..send import safe_send

if TYPE_CHECKING:
    from ..bot import QuoteBot

log = logging.getLogger(__name__)

EMPTY_MENTION = (
    "Ask me a question after the mention, for example: **@{name} what does the NATO response say about "
    "the Open Door Policy?** — or use `/ask`."
)
HIDDEN_REPLY = (
    "I can only read replies that mention me. Reply again with the **@ mention** switched on (the "
    "default), or mention me in your reply."
)


class AskCog(commands.Cog, name="Ask"):
    """Slash ``/ask`` and the mention / DM / reply listener."""

    def __init__(self, bot: QuoteBot) -> None:
        self.bot = bot
        self.mention_re: re.Pattern[str] | None = None

    # -- shared steps ------------------------------------------------------------------------------

    def precheck(self, user_id: int, question: str) -> str | None:
        """Why the question is refused before any work (too long, asking too fast), or None.

        Length is checked first so an over-long question does not use up the user's cooldown.
        """
        limit = self.bot.settings.max_question_chars
        if len(question) > limit:
            return (
                f"That question is {len(question):,} characters long; the limit is {limit:,}. "
                "Please ask about one thing at a time, in fewer words."
            )
        retry = self.bot.cooldowns.update_rate_limit(user_id)
        if retry:
            rate, per = self.bot.settings.discord_cooldown_rate, self.bot.settings.discord_cooldown_s
            return (
                f"You're asking quickly — I take {rate} question{'s' if rate != 1 else ''} per "
                f"{per:g} s from each person. Please try again in {math.ceil(retry)} s."
            )
        return None

    async def get_answer(self, question: str, history: list[Turn] | None, source: str | None) -> Answer:
        """One question through the service, behind the bot's concurrency limit."""
        async with self.bot.answer_slots:
            return await self.bot.service.aask(question, history=history, source=source)

    def full_label(self, value: str | None) -> str | None:
        """Map an autocomplete value (a label cut to Discord's 100 chars) back to its full label."""
        if not value:
            return None
        labels = self.bot.service.sections
        if value in labels:
            return value
        longer = [label for label in labels if label.startswith(value)]
        return longer[0] if len(longer) == 1 else value

    def remember(
        self, sent_ids: list[int], key: int, answer: Answer, history: list[Turn] | None
    ) -> list[Turn]:
        turns = [*(history or []), self.bot.service.turn(answer)]
        self.bot.memory.remember(sent_ids, key, answer, turns)
        return turns

    # -- /ask ----------------------------------------------------------------------------------------

    @app_commands.command(name="ask", description="Ask the documents; answers are verbatim quotes.")
    @app_commands.describe(
        question="Your question about the documents",
        source="Search only this source (a section of the documents)",
    )
    async def ask(self, interaction: discord.Interaction, question: str, source: str | None = None) -> None:
        await self.answer_interaction(interaction, question, source)

    @ask.autocomplete("source")
    async def source_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """The index's section labels matching what was typed (Discord shows at most 25)."""
        needle = current.casefold().strip()
        labels = [label for label in self.bot.service.sections if needle in label.casefold()]
        return [app_commands.Choice(name=label[:100], value=label[:100]) for label in labels[:25]]

    async def answer_interaction(
        self, interaction: discord.Interaction, question: str, source: str | None = None
    ) -> list[int]:
        """The /ask path; returns the ids of the answer messages sent (empty when refused).

        This is also what the load check drives, with fake interactions and the real service.
        """
        return await self.answer(InteractionOrigin(interaction), question, None, self.full_label(source))

    async def answer(
        self, origin: Origin, question: str, history: list[Turn] | None, source: str | None
    ) -> list[int]:
        """The one answer path, for /ask and for messages: check the question, acknowledge, ask the
        service behind the concurrency limit, send the answer with its buttons, remember it.
        Returns the ids of what was sent."""
        started = time.perf_counter()
        problem = self.precheck(origin.user_id, question)
        if problem:
            await self._refuse(origin, problem)
            return []
        if not await origin.acknowledge():
            return []
        try:
            async with origin.working():
                answer = await self.get_answer(question, history, source)
        except Exception as exc:
            message = user_message(exc, operator=False)
            if message.kind == "bug":
                log.exception("answering %s from user %s failed", origin.describe(), origin.user_id)
            elif message.kind != "question":
                log.warning("answering %s: %s", origin.describe(), exc)
            await self._refuse(origin, message.text)
            return []
        payloads = answer_messages(answer, elapsed_ms=(time.perf_counter() - started) * 1000)
        sent: list[int] = []
        try:
            await origin.deliver(
                payloads, len(shown_quotes(answer)), question, self.bot.settings.discord_use_threads, sent
            )
        except discord.HTTPException:
            log.exception("sending the answer to %s failed", origin.describe())
            await self._refuse(origin, APOLOGY)
        if sent:  # what the user sees of the answer, however much, can be replied to
            self.remember(sent, origin.key, answer, history)
        return sent

    async def _refuse(self, origin: Origin, text: str) -> None:
        """Tell the asker why there is no answer; best effort, since this runs on error paths and a
        second failure (an expired interaction, Discord down) must not hide the first."""
        try:
            await origin.refuse(text)
        except discord.HTTPException as exc:
            log.warning("could not tell %s why it got no answer (%s)", origin.describe(), exc)

    # -- mentions, DMs, replies --------------------------------------------------------------------

    def strip_mentions(self, content: str, self_role: discord.Role | None = None) -> str:
        """The question without the bot's own mention(s), including its managed role's."""
        me = self.bot.user
        if me is None:
            return content.strip()
        if self.mention_re is None:
            self.mention_re = re.compile(rf"<@!?{me.id}>")
        content = self.mention_re.sub(" ", content)
        if self_role is not None:
            content = content.replace(f"<@&{self_role.id}>", " ")
        return " ".join(content.split())

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        me = self.bot.user
        if message.author.bot or me is None:
            return
        is_dm = message.guild is None
        # Typing "@Quotebot" in a server sometimes picks the bot's managed role instead of the bot.
        self_role = message.guild.self_role if message.guild is not None else None
        mentioned = any(user.id == me.id for user in message.mentions) or (
            self_role is not None and self_role in message.role_mentions
        )
        ref_id = message.reference.message_id if message.reference else None
        history = self.bot.memory.history(ref_id)
        if history is None and (mentioned or is_dm) and isinstance(message.channel, discord.Thread):
            history = self.bot.memory.history(message.channel.id)
        if not (is_dm or mentioned or history is not None):
            return
        if await self.bot.usable_command(message) is not None:
            return  # an owner's prefix command, handled by the bot
        question = self.strip_mentions(message.content, self_role)
        if not question:
            if not message.content and not is_dm and not mentioned:
                await safe_send(message.channel, HIDDEN_REPLY, reference=message)
            else:
                name = discord.utils.escape_markdown(me.display_name)
                await safe_send(message.channel, EMPTY_MENTION.format(name=name), reference=message)
            return
        await self.answer_message(message, question, history)

    async def answer_message(
        self, message: discord.Message, question: str, history: list[Turn] | None
    ) -> list[int]:
        """The mention / DM / reply path; returns the ids of the answer messages sent."""
        in_answer_thread = (
            isinstance(message.channel, discord.Thread) and message.channel.id in self.bot.memory.histories
        )
        return await self.answer(MessageOrigin(message, in_answer_thread), question, history, None)


async def setup(bot: QuoteBot) -> None:
    await bot.add_cog(AskCog(bot))
