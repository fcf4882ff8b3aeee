"""``/about`` and ``/help``: what the bot knows and how to ask it.

``/about`` shows only what ``QuoteService.about()`` returns (corpus, model and index figures); the
settings, and so the token and any key, never reach this cog. Both answer directly instead of
deferring: the data is in memory and the reply goes out well within Discord's 3 seconds.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from ..format import about_embed, help_embed
from ..send import NO_MENTIONS

if TYPE_CHECKING:
    from ..bot import QuoteBot

log = logging.getLogger(__name__)


class MetaCog(commands.Cog, name="Meta"):
    """Information commands."""

    def __init__(self, bot: QuoteBot) -> None:
        self.bot = bot

    @app_commands.command(name="about", description="What Quotebot knows: documents, model, index figures.")
    async def about(self, interaction: discord.Interaction) -> None:
        embed = about_embed(self.bot.service.about())
        await interaction.response.send_message(embed=embed, allowed_mentions=NO_MENTIONS)

    @app_commands.command(name="help", description="How to ask Quotebot questions.")
    async def help(self, interaction: discord.Interaction) -> None:
        embed = help_embed(self.bot.settings.discord_prefix)
        await interaction.response.send_message(embed=embed, ephemeral=True, allowed_mentions=NO_MENTIONS)


async def setup(bot: QuoteBot) -> None:
    await bot.add_cog(MetaCog(bot))
