"""The "Show context" button: the text before and after a quote, shown only to the person who clicked.

The buttons are ``ContextButton`` dynamic items (see ``bot.discord.views``); this cog registers them
while it is loaded and handles the clicks. The reply is ephemeral: context is a reading aid for one
person, not something to post to the whole channel.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from ..format import context_embed, shown_quotes
from ..send import NO_MENTIONS, apologise, reply_text
from ..views import APOLOGY, ContextButton

if TYPE_CHECKING:
    from ..bot import QuoteBot

log = logging.getLogger(__name__)

#: Characters of document text shown on each side of the quote.
CONTEXT_CHARS = 600
GONE = (
    "I no longer have that answer in memory (it is old, or I restarted since). "
    "Ask the question again to see its context."
)


class ContextCog(commands.Cog, name="Context"):
    """Handles "Show context" clicks."""

    def __init__(self, bot: QuoteBot) -> None:
        self.bot = bot

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(ContextButton)

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(ContextButton)

    async def show_context(self, interaction: discord.Interaction, key: int, index: int) -> None:
        """Acknowledge at once (ephemeral), then fetch the surrounding text off the event loop.

        ``service.context`` may read the document's text from Chroma the first time, hence the thread.
        Every step can fail (Discord refuses the acknowledgement, memory, the service, the embed, the
        follow-up), and the clicker must never be left with Discord's bare "This interaction failed":
        like ``/ask``, a failure is a short private apology to them and a traceback in the log that
        names the interaction, so an operator can match a user's report to its log entry. The one
        exception is an interaction that expired before it was acknowledged: nothing can be sent to
        it any more, and it is not a bug, so it is one warning line.
        """
        try:
            await interaction.response.defer(ephemeral=True, thinking=True)
        except discord.NotFound:
            log.warning(
                "Show context: interaction %s expired before it could be acknowledged", interaction.id
            )
            return
        except Exception:
            log.exception("Show context: acknowledging interaction %s failed", interaction.id)
            await apologise(interaction, APOLOGY)
            return
        try:
            await self._send_context(interaction, key, index)
        except Exception:
            log.exception(
                "Show context for quote %d of answer %d failed (interaction %s)", index, key, interaction.id
            )
            await apologise(interaction, APOLOGY)

    async def _send_context(self, interaction: discord.Interaction, key: int, index: int) -> None:
        """The context of quote ``index`` of answer ``key`` as an ephemeral follow-up (after ``defer``)."""
        answer = self.bot.memory.answers.get(key)
        quotes = shown_quotes(answer) if answer is not None else []
        if not 0 <= index < len(quotes):
            await reply_text(interaction, GONE)
            return
        quote = quotes[index]
        before, text, after = await asyncio.to_thread(self.bot.service.context, quote, CONTEXT_CHARS)
        embed = context_embed(quote, before, text, after)
        await interaction.followup.send(embed=embed, ephemeral=True, allowed_mentions=NO_MENTIONS)


async def setup(bot: QuoteBot) -> None:
    await bot.add_cog(ContextCog(bot))
