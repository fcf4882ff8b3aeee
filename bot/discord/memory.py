"""What the bot remembers between messages: bounded, in-process, and lost on restart by design.

A public bot sees an unbounded stream of questions, so every map here is an LRU with a fixed size:
memory stays flat however long the bot runs. Two things are remembered:

- conversations: the id of each message the bot answered with → the turns so far, so a reply to an
  answer is a follow-up (and, in answer threads, the thread id → the turns, for mentions in it);
- answers: the id of the question (interaction or message) → the ``Answer``, so a "Show context"
  button, whose ``custom_id`` carries that id and a quote index, can find its quote again.

It lives on the bot, not on a cog, so reloading a cog keeps every conversation.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from typing import Generic, TypeVar

from bot.models import Answer, Turn

K = TypeVar("K")
V = TypeVar("V")

#: Turns kept per conversation: older ones no longer help resolve "and what about …?".
MAX_TURNS = 8


class LRU(Generic[K, V]):
    """A dict with a size bound that drops the least recently used entry first."""

    def __init__(self, maxsize: int) -> None:
        if maxsize < 1:
            raise ValueError("maxsize must be at least 1")
        self.maxsize = maxsize
        self._data: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V | None:
        if key not in self._data:
            return None
        self._data.move_to_end(key)
        return self._data[key]

    def put(self, key: K, value: V) -> None:
        self._data[key] = value
        self._data.move_to_end(key)
        while len(self._data) > self.maxsize:
            self._data.popitem(last=False)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def __len__(self) -> int:
        return len(self._data)


class Memory:
    """Conversations and recent answers, each in its own LRU."""

    def __init__(self, conversations: int = 5000, answers: int = 2000) -> None:
        self.histories: LRU[int, list[Turn]] = LRU(conversations)
        self.answers: LRU[int, Answer] = LRU(answers)

    def history(self, message_id: int | None) -> list[Turn] | None:
        """The conversation an answer message (or answer thread) belongs to; None when unknown."""
        if message_id is None:
            return None
        turns = self.histories.get(message_id)
        return list(turns) if turns is not None else None

    def remember(
        self,
        message_ids: Iterable[int],
        answer_key: int,
        answer: Answer,
        turns: list[Turn],
    ) -> None:
        """Record an answer under its question id and the conversation under each message that shows it."""
        self.answers.put(answer_key, answer)
        kept = turns[-MAX_TURNS:]
        for mid in message_ids:
            self.histories.put(mid, kept)
