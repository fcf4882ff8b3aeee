"""Asking: ``/ask``, @mentions, DMs, and replies to an answer as follow-ups.

Both entry points share one path: check the question (length, cooldown) without touching the
service, acknowledge (``defer`` for interactions, "typing…" for messages), wait for a slot behind
the bot's semaphore, run ``QuoteService.aask`` (a worker thread, so the gateway heartbeat never
stalls), then send the formatted payloads with their "Show context" buttons and remember the
conversation under every message sent, so replying to any of them continues it.
"""

from __future__ import annotations

import contextlib
import logging
import math
import re
import time
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.errors import BadQuestionError
from bot.models import Answer, Turn
from index.errors import StoreUnavailableError

from ..format import answer_messages, fit, shown_quotes
from ..send import followup_payload, reply_text, safe_send, send_payload
from ..views import context_view

if TYPE_CHECKING:
    from ..bot import QuoteBot

log = logging.getLogger(__name__)

APOLOGY = "Sorry, something went wrong while answering that. It has been logged; please try again later."
STORE_DOWN = "Sorry, the document store isn't answering right now. Please try again in a minute."
EMPTY_MENTION = (
    "Ask me a question after the mention, for example: **@{name} what does the NATO response say about "
    "the Open Door Policy?** — or use `/ask`."
)
HIDDEN_REPLY = (
    "I can only read replies that mention me. Reply again with the **@ mention** switched on (the "
    "default), or mention me in your reply."
)
THREAD_NOTE = "Answering in a thread: **{question}**"


def _sentence(text: str) -> str:
    """Service messages are lower-case clauses ("the question is empty; …"); make them a sentence."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


@contextlib.asynccontextmanager
async def typing_indicator(channel: discord.abc.Messageable) -> AsyncIterator[None]:
    """Show "Bot is typing…" while the answer is worked out; best effort, since a failed indicator
    (missing permission, a hiccup) must never cost the user the answer."""
    typing = channel.typing()
    try:
        await typing.__aenter__()
        started = True
    except discord.HTTPException:
        started = False
    try:
        yield
    finally:
        if started:
            await typing.__aexit__(None, None, None)


def _thread_name(question: str) -> str:
    name = " ".join(question.split())
    return (name[:90] + "…") if len(name) > 90 else (name or "Question")


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

    def resolve_source(self, value: str | None) -> str | None:
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
        """The whole /ask path; returns the ids of the answer messages sent (empty when refused).

        This is also what the load check drives, with fake interactions and the real service.
        """
        started = time.perf_counter()
        problem = self.precheck(interaction.user.id, question)
        if problem:
            await reply_text(interaction, problem, ephemeral=True)
            return []
        try:
            await interaction.response.defer(thinking=True)
        except discord.NotFound:
            log.warning("interaction %s expired before it could be acknowledged", interaction.id)
            return []
        try:
            answer = await self.get_answer(question, None, self.resolve_source(source))
        except BadQuestionError as exc:
            await reply_text(interaction, _sentence(str(exc)))
            return []
        except StoreUnavailableError as exc:
            log.warning("answering /ask: %s", exc)
            await reply_text(interaction, STORE_DOWN)
            return []
        except Exception:
            log.exception("answering /ask for user %s failed", interaction.user.id)
            await reply_text(interaction, APOLOGY)
            return []
        try:
            sent = await self._send_interaction_answer(interaction, question, answer, started)
        except discord.HTTPException:
            log.exception("sending the answer to interaction %s failed", interaction.id)
            await reply_text(interaction, APOLOGY)
            return []
        self.remember(sent, interaction.id, answer, None)
        return sent

    async def _send_interaction_answer(
        self, interaction: discord.Interaction, question: str, answer: Answer, started: float
    ) -> list[int]:
        elapsed = (time.perf_counter() - started) * 1000
        payloads = answer_messages(answer, elapsed_ms=elapsed)
        total = len(shown_quotes(answer))
        thread = None
        if self.bot.settings.discord_use_threads and isinstance(interaction.channel, discord.TextChannel):
            note = THREAD_NOTE.format(question=fit(" ".join(question.split()), 300)[0])
            header = await interaction.followup.send(
                note, wait=True, allowed_mentions=discord.AllowedMentions.none()
            )
            try:
                thread = await header.create_thread(name=_thread_name(question))
            except discord.HTTPException:
                log.warning("no thread in channel %s; answering in the channel", interaction.channel_id)
        sent: list[int] = []
        for payload in payloads:
            view = context_view(interaction.id, payload.quote_indexes, total)
            if thread is not None:
                msg: discord.Message = await send_payload(thread, payload, view=view)
            else:
                msg = await followup_payload(interaction, payload, view=view)
            sent.append(msg.id)
        if thread is not None:
            sent.append(thread.id)  # a mention inside the answer thread continues the conversation
        return sent

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
        started = time.perf_counter()
        problem = self.precheck(message.author.id, question)
        if problem:
            await safe_send(message.channel, problem, reference=message)
            return []
        try:
            async with typing_indicator(message.channel):
                answer = await self.get_answer(question, history, None)
        except BadQuestionError as exc:
            await safe_send(message.channel, _sentence(str(exc)), reference=message)
            return []
        except StoreUnavailableError as exc:
            log.warning("answering a message: %s", exc)
            await safe_send(message.channel, STORE_DOWN, reference=message)
            return []
        except Exception:
            log.exception("answering a message from user %s failed", message.author.id)
            await safe_send(message.channel, APOLOGY, reference=message)
            return []
        elapsed = (time.perf_counter() - started) * 1000
        payloads = answer_messages(answer, elapsed_ms=elapsed)
        total = len(shown_quotes(answer))
        destination: discord.abc.Messageable = message.channel
        reference: discord.Message | None = message
        thread: discord.Thread | None = None
        if self.bot.settings.discord_use_threads and isinstance(message.channel, discord.TextChannel):
            try:
                thread = await message.create_thread(name=_thread_name(question))
                destination, reference = thread, None
            except discord.HTTPException:
                log.warning("no thread in channel %s; answering in the channel", message.channel.id)
        sent: list[int] = []
        try:
            for i, payload in enumerate(payloads):
                view = context_view(message.id, payload.quote_indexes, total)
                first = reference if i == 0 else None
                msg = await send_payload(destination, payload, view=view, reference=first)
                sent.append(msg.id)
        except discord.HTTPException:
            log.exception("sending the answer to message %s failed", message.id)
            await safe_send(message.channel, APOLOGY, reference=message)
        if thread is not None:
            sent.append(thread.id)
        elif isinstance(message.channel, discord.Thread) and message.channel.id in self.bot.memory.histories:
            sent.append(message.channel.id)  # the answer thread's conversation moves on too
        if sent:
            self.remember(sent, message.id, answer, history)
        return sent


async def setup(bot: QuoteBot) -> None:
    await bot.add_cog(AskCog(bot))
