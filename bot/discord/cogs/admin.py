"""Owner-only prefix commands: ``sync`` the slash commands and ``reload`` a cog.

These are prefix commands on purpose (the RoboDanny convention): syncing is rare, rate limited and
must not happen on every ``on_ready``, and a prefix command keeps working even when the slash
commands are out of sync. Owners are ``QUOTEBOT_DISCORD_OWNER_IDS``, or the application's owner (or
team) when that is empty. Without the message-content intent, Discord only delivers the text of
messages that mention the bot or are DMs, so owners type ``@Quotebot sync`` in a server or
``qb!sync`` in a DM. For anyone else these commands do not exist (``Bot.usable_command``).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import discord
from discord.ext import commands

from ..send import safe_send

if TYPE_CHECKING:
    from ..bot import QuoteBot

log = logging.getLogger(__name__)

COG_PACKAGE = "bot.discord.cogs"


class AdminCog(commands.Cog, name="Admin"):
    """Bot maintenance for its owners."""

    def __init__(self, bot: QuoteBot) -> None:
        self.bot = bot

    async def cog_check(self, ctx: commands.Context[Any]) -> bool:
        return await self.bot.is_owner(ctx.author)

    @commands.command(name="sync")
    async def sync(self, ctx: commands.Context[Any], scope: str = "global") -> None:
        """``sync`` (global; up to an hour to show), ``sync guild`` (this server, instant), ``sync clear``."""
        scope = scope.lower()
        if scope == "global":
            synced = await self.bot.tree.sync()
            where = "globally (it can take up to an hour to show everywhere)"
        elif scope in ("guild", "clear"):
            if ctx.guild is None:
                await safe_send(ctx.channel, f"`sync {scope}` only works in a server.")
                return
            if scope == "guild":
                self.bot.tree.copy_global_to(guild=ctx.guild)
            else:
                self.bot.tree.clear_commands(guild=ctx.guild)
            synced = await self.bot.tree.sync(guild=ctx.guild)
            where = "to this server"
        else:
            await safe_send(ctx.channel, "Usage: `sync`, `sync guild` or `sync clear`.")
            return
        log.info("owner %s synced %d commands %s", ctx.author.id, len(synced), scope)
        names = ", ".join(f"/{c.name}" for c in synced) or "none"
        await safe_send(ctx.channel, f"Synced {len(synced)} command(s) {where}: {names}.")

    @commands.command(name="reload")
    async def reload(self, ctx: commands.Context[Any], cog: str) -> None:
        """Reload one cog by short name (``ask``) or full extension name, keeping all bot state."""
        name = cog if "." in cog else f"{COG_PACKAGE}.{cog.lower()}"
        try:
            try:
                await self.bot.reload_extension(name)
            except commands.ExtensionNotLoaded:
                await self.bot.load_extension(name)
        except commands.ExtensionNotFound:
            await safe_send(ctx.channel, f"No cog named `{discord.utils.escape_markdown(cog)}`.")
            return
        except commands.ExtensionError:
            log.exception("reloading %s failed", name)
            await safe_send(ctx.channel, f"Reloading `{name}` failed; the traceback is in the log.")
            return
        await safe_send(ctx.channel, f"Reloaded `{name}`.")


async def setup(bot: QuoteBot) -> None:
    await bot.add_cog(AdminCog(bot))
