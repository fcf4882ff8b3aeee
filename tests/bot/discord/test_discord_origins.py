"""The one answer path (``AskCog.answer``) through a stand-in ``Origin``: an answer that fails halfway
still lets the user reply to what was sent, and a refusal that cannot be sent never raises."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import Any

import discord
import pytest

from bot.discord.bot import QuoteBot
from bot.discord.cogs.ask import AskCog
from bot.discord.format import MessagePayload


class _Response:
    status, reason = 500, "Server Error"


class HalfwayOrigin:
    """Sends the first message of an answer, then Discord fails; refusals fail too when asked."""

    user_id, key = 42, 1001

    def __init__(self, refusals_fail: bool = False) -> None:
        self.refused: list[str] = []
        self.refusals_fail = refusals_fail

    def describe(self) -> str:
        return "a test origin"

    async def refuse(self, text: str) -> None:
        if self.refusals_fail:
            raise discord.HTTPException(_Response(), "gone")  # type: ignore[arg-type]
        self.refused.append(text)

    async def acknowledge(self) -> bool:
        return True

    def working(self) -> contextlib.AbstractAsyncContextManager[None]:
        return contextlib.nullcontext()

    async def deliver(
        self,
        payloads: Sequence[MessagePayload],
        total: int,
        question: str,
        use_threads: bool,
        sent: list[int],
    ) -> None:
        sent.append(5001)
        raise discord.HTTPException(_Response(), "second message failed")  # type: ignore[arg-type]


@pytest.mark.parametrize("refusals_fail", [False, True])
async def test_a_half_sent_answer_is_remembered_and_apologised_for(
    service: Any, settings_factory: Any, refusals_fail: bool
) -> None:
    bot = QuoteBot(settings_factory(), service)
    await bot.setup_hook()
    cog: Any = bot.get_cog("Ask")
    assert type(cog).__name__ == AskCog.__name__  # loaded as an extension: its own module object
    origin = HalfwayOrigin(refusals_fail)
    sent = await cog.answer(origin, "What does NATO say about the Open Door Policy?", None, None)  # type: ignore[arg-type]
    assert sent == [5001]
    assert bot.memory.history(5001), "a reply to the message that did arrive continues the conversation"
    assert origin.refused == ([] if refusals_fail else [origin.refused[0]])
    if not refusals_fail:
        assert origin.refused[0].startswith("Sorry")
    await bot.close()
