"""Where a question came from on Discord (a slash command, or a message), and how to answer there.

The answer path in ``cogs/ask.py`` is one function for both; what differs — how to refuse, how to
acknowledge, where the answer goes, whether it opens a thread — is an ``Origin``.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Sequence
from typing import Protocol

import discord

from .format import MessagePayload, question_line
from .send import followup_payload, reply_text, safe_send, send_payload
from .views import context_view

log = logging.getLogger(__name__)

THREAD_NOTE = "Answering in a thread: **{question}**"


def thread_name(question: str) -> str:
    name = " ".join(question.split())
    return (name[:90] + "…") if len(name) > 90 else (name or "Question")


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


class Origin(Protocol):
    """What the answer path needs to know and do where a question was asked."""

    #: Who asked (for the cooldown) and the id the answer is remembered and its buttons keyed under.
    user_id: int
    key: int

    def describe(self) -> str:
        """For log lines: "interaction 123" or "message 456"."""
        ...

    async def refuse(self, text: str) -> None:
        """Say why the question gets no answer."""
        ...

    async def acknowledge(self) -> bool:
        """Tell Discord the question is being worked on; False when it is too late to answer."""
        ...

    def working(self) -> contextlib.AbstractAsyncContextManager[None]:
        """Shown while the service works (the "typing…" indicator for messages)."""
        ...

    async def deliver(
        self,
        payloads: Sequence[MessagePayload],
        total: int,
        question: str,
        use_threads: bool,
        sent: list[int],
    ) -> None:
        """Send the answer, appending to ``sent`` the id of each message (and answer thread) as it is
        made, so a failure halfway still leaves what the user sees to reply to."""
        ...


class InteractionOrigin:
    """``/ask``: answered as the interaction's follow-ups (or in a thread under a short header)."""

    def __init__(self, interaction: discord.Interaction) -> None:
        self.interaction = interaction
        self.user_id = interaction.user.id
        self.key = interaction.id

    def describe(self) -> str:
        return f"interaction {self.interaction.id}"

    async def refuse(self, text: str) -> None:
        await reply_text(self.interaction, text)  # private: only the asker sees a refusal

    async def acknowledge(self) -> bool:
        try:
            await self.interaction.response.defer(thinking=True)
        except discord.NotFound:
            log.warning("interaction %s expired before it could be acknowledged", self.interaction.id)
            return False
        return True

    def working(self) -> contextlib.AbstractAsyncContextManager[None]:
        return contextlib.nullcontext()  # the deferred response already shows "thinking…"

    async def deliver(
        self,
        payloads: Sequence[MessagePayload],
        total: int,
        question: str,
        use_threads: bool,
        sent: list[int],
    ) -> None:
        interaction = self.interaction
        thread = None
        if use_threads and isinstance(interaction.channel, discord.TextChannel):
            note = THREAD_NOTE.format(question=question_line(question, 300))
            header = await interaction.followup.send(
                note, wait=True, allowed_mentions=discord.AllowedMentions.none()
            )
            try:
                thread = await header.create_thread(name=thread_name(question))
            except discord.HTTPException:
                log.warning("no thread in channel %s; answering in the channel", interaction.channel_id)
        if thread is not None:
            sent.append(thread.id)  # a mention inside the answer thread continues the conversation
        for payload in payloads:
            view = context_view(interaction.id, payload.quote_indexes, total)
            if thread is not None:
                msg: discord.Message = await send_payload(thread, payload, view=view)
            else:
                msg = await followup_payload(interaction, payload, view=view)
            sent.append(msg.id)


class MessageOrigin:
    """A mention, a DM or a reply: answered as a reply to the message (or in a thread on it)."""

    def __init__(self, message: discord.Message, continues_thread: bool = False) -> None:
        """``continues_thread``: the message is inside an answer thread whose conversation goes on."""
        self.message = message
        self.user_id = message.author.id
        self.key = message.id
        self.continues_thread = continues_thread

    def describe(self) -> str:
        return f"message {self.message.id}"

    async def refuse(self, text: str) -> None:
        await safe_send(self.message.channel, text, reference=self.message)  # a reply: no private ones

    async def acknowledge(self) -> bool:
        return True  # messages need no acknowledgement; "typing…" shows while working

    def working(self) -> contextlib.AbstractAsyncContextManager[None]:
        return typing_indicator(self.message.channel)

    async def deliver(
        self,
        payloads: Sequence[MessagePayload],
        total: int,
        question: str,
        use_threads: bool,
        sent: list[int],
    ) -> None:
        message = self.message
        destination: discord.abc.Messageable = message.channel
        reference: discord.Message | None = message
        thread: discord.Thread | None = None
        if use_threads and isinstance(message.channel, discord.TextChannel):
            try:
                thread = await message.create_thread(name=thread_name(question))
                destination, reference = thread, None
            except discord.HTTPException:
                log.warning("no thread in channel %s; answering in the channel", message.channel.id)
        if thread is not None:
            sent.append(thread.id)
        elif self.continues_thread:
            sent.append(message.channel.id)  # the answer thread's conversation moves on too
        for i, payload in enumerate(payloads):
            view = context_view(message.id, payload.quote_indexes, total)
            msg = await send_payload(destination, payload, view=view, reference=reference if i == 0 else None)
            sent.append(msg.id)
