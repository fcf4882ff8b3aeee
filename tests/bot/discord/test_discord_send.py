"""``safe_send`` (never pings, splits at 2,000) and the bounded conversation memory."""

from __future__ import annotations

import re
from typing import Any
from unittest.mock import AsyncMock, MagicMock

import discord

from bot.discord.memory import LRU, MAX_TURNS, Memory
from bot.discord.send import safe_send
from bot.discord.text import LIMIT_CONTENT, dlen
from bot.models import Answer, Turn

RAW_MENTION = re.compile(r"@(everyone|here)|<@[!&]?\d+>|<#\d+>", re.IGNORECASE)


async def test_safe_send_splits_and_never_pings() -> None:
    dest = AsyncMock(spec_set=discord.TextChannel)
    dest.send.side_effect = lambda **kwargs: MagicMock(spec_set=discord.Message)
    reference = MagicMock(spec_set=discord.Message)
    embed = discord.Embed(title="t")
    text = ("@everyone look at <@123> and <@&5>\n" * 150).strip()
    sent = await safe_send(dest, text, embeds=[embed], reference=reference)
    calls: list[dict[str, Any]] = [c.kwargs for c in dest.send.await_args_list]
    assert len(sent) == len(calls) == 3
    for kwargs in calls:
        am = kwargs["allowed_mentions"]
        assert not (am.everyone or am.users or am.roles or am.replied_user)
        assert dlen(kwargs["content"]) <= LIMIT_CONTENT and not RAW_MENTION.search(kwargs["content"])
    assert calls[0]["reference"] is reference and calls[0]["mention_author"] is False
    assert "reference" not in calls[1] and "embeds" not in calls[0] and calls[-1]["embeds"] == [embed]
    joined = "\n".join(k["content"] for k in calls).replace("\u200b", "")
    assert joined == text


async def test_safe_send_embeds_only() -> None:
    dest = AsyncMock(spec_set=discord.DMChannel)
    await safe_send(dest, embeds=[discord.Embed(title="x")])
    [call] = dest.send.await_args_list
    assert "content" not in call.kwargs and call.kwargs["embeds"][0].title == "x"


def test_lru_is_bounded_and_keeps_recent() -> None:
    lru: LRU[int, str] = LRU(3)
    for i in range(5):
        lru.put(i, str(i))
    assert len(lru) == 3 and 0 not in lru and lru.get(2) == "2"
    lru.put(5, "5")  # 2 was just used, so 3 goes
    assert 3 not in lru and 2 in lru


def test_memory_caps_turns_per_conversation() -> None:
    memory = Memory(conversations=10, answers=10)
    turns = [Turn(question=f"q{i}") for i in range(20)]
    memory.remember([1, 2], 99, Answer(question="q19"), turns)
    history = memory.history(2)
    assert history is not None and len(history) == MAX_TURNS and history[-1].question == "q19"
    assert memory.answers.get(99) is not None and memory.history(None) is None
