"""Sending helpers that cannot ping anyone and never exceed the content limit.

``allowed_mentions`` is also set on the bot, but passing ``AllowedMentions.none()`` on every call
means a send stays safe even if that default is changed or the call goes through a webhook
(interaction follow-ups), which does not use the bot's default in every code path.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import discord

from .format import MessagePayload
from .text import neutralise_mentions, split_content

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()


async def safe_send(
    destination: discord.abc.Messageable,
    content: str | None = None,
    *,
    embeds: Sequence[discord.Embed] | None = None,
    view: discord.ui.View | None = None,
    reference: discord.Message | None = None,
) -> list[discord.Message]:
    """Send ``content`` split into 2,000-char pieces with mentions defused; embeds and view go on the
    last piece, the reply reference on the first. Returns the messages sent, in order."""
    pieces: list[str | None] = list(split_content(neutralise_mentions(content))) if content else []
    if not pieces and (embeds or view):
        pieces = [None]
    sent: list[discord.Message] = []
    for i, piece in enumerate(pieces):
        kwargs: dict[str, Any] = {"allowed_mentions": NO_MENTIONS}
        if piece:
            kwargs["content"] = piece
        if i == len(pieces) - 1:
            if embeds:
                kwargs["embeds"] = list(embeds)
            if view is not None:
                kwargs["view"] = view
        if i == 0 and reference is not None:
            kwargs["reference"] = reference
            kwargs["mention_author"] = False
        sent.append(await destination.send(**kwargs))
    return sent


async def send_payload(
    destination: discord.abc.Messageable,
    payload: MessagePayload,
    *,
    view: discord.ui.View | None = None,
    reference: discord.Message | None = None,
) -> discord.Message:
    """Send one formatted payload (already within limits) to a channel, thread or DM."""
    kwargs = payload.send_kwargs()
    if view is not None:
        kwargs["view"] = view
    if reference is not None:
        kwargs["reference"] = reference
        kwargs["mention_author"] = False
    return await destination.send(**kwargs)


async def followup_payload(
    interaction: discord.Interaction,
    payload: MessagePayload,
    *,
    view: discord.ui.View | None = None,
    ephemeral: bool = False,
) -> discord.WebhookMessage:
    """Send one payload as an interaction follow-up (after ``defer``); returns the message for its id."""
    kwargs = payload.send_kwargs()
    if view is not None:
        kwargs["view"] = view
    return await interaction.followup.send(**kwargs, ephemeral=ephemeral, wait=True)


async def reply_text(interaction: discord.Interaction, text: str, *, ephemeral: bool = True) -> None:
    """A short text answer to an interaction, whether or not it has been acknowledged yet.

    Before acknowledgement it is the interaction response (this is how rejections stay within the
    3-second window without a defer); after, it is a follow-up. Long text is split, mentions defused.
    """
    pieces = split_content(neutralise_mentions(text)) or ["…"]
    first, rest = pieces[0], pieces[1:]
    if not interaction.response.is_done():
        await interaction.response.send_message(first, ephemeral=ephemeral, allowed_mentions=NO_MENTIONS)
    else:
        await interaction.followup.send(first, ephemeral=ephemeral, allowed_mentions=NO_MENTIONS)
    for piece in rest:
        await interaction.followup.send(piece, ephemeral=ephemeral, allowed_mentions=NO_MENTIONS)


async def apologise(interaction: discord.Interaction, text: str) -> bool:
    """Tell the user, privately, that their interaction failed; best effort, and it never raises.

    It runs on error paths, after the real failure has been logged with its traceback. A second
    exception here (the interaction has expired, Discord is down) would hide that first one behind
    discord.py's generic handler, so any failure to apologise is one warning line instead.
    Returns whether the apology was sent.
    """
    try:
        await reply_text(interaction, text, ephemeral=True)
    except Exception as exc:  # a last resort on an error path: log, never raise
        log.warning(
            "could not tell the user that interaction %s failed: %s: %s",
            interaction.id,
            type(exc).__name__,
            exc,
        )
        return False
    return True
