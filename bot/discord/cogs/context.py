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
from ..send import NO_MENTIONS, reply_text
from ..views import ContextButton

if TYPE_CHECKING:
    from ..bot import QuoteBot

log = logging.getLogger(__name__)

#: Characters of document text shown on each side of the quote.
CONTEXT_CHARS = 600
GONE = (
    "I no longer have that answer in memory (it is old, or I restarted since). "
    "Ask the question again to see its context."
)
APOLOGY = "Sorry, I couldn't load the context for that quote. It has been logged; please try again later."


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
        """
        await interaction.response.defer(ephemeral=True, thinking=True)
        answer = self.bot.memory.answers.get(key)
        quotes = shown_quotes(answer) if answer is not None else []
        if not 0 <= index < len(quotes):
            await reply_text(interaction, GONE)
            return
        quote = quotes[index]
        try:
            before, text, after = await asyncio.to_thread(self.bot.service.context, quote, CONTEXT_CHARS)
        except Exception:
            log.exception("context for quote %d of answer %d failed", index, key)
            await reply_text(interaction, APOLOGY)
            return
        embed = context_embed(quote, before, text, after)
        await interaction.followup.send(embed=embed, ephemeral=True, allowed_mentions=NO_MENTIONS)


async def setup(bot: QuoteBot) -> None:
    await bot.add_cog(ContextCog(bot))
