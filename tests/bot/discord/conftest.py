"""Fixtures for the Discord tests: one real service over a temp index, bots, and fake interactions.

The service is real (built once per session over the repository's default corpus) so the tests see
the answers users would see; only Discord itself is faked — by dpytest for messages, and by
``spec_set`` mocks for interactions, which dpytest cannot drive.

No ``__init__.py`` in this folder on purpose: with one, pytest would import it as a package named
``discord`` and shadow discord.py.
"""

from __future__ import annotations

import asyncio
import itertools
import os
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any
from unittest.mock import AsyncMock, MagicMock

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

import discord
import discord.ext.test as dpytest
import pytest
from discord.ext.test import backend

from bot.discord.bot import QuoteBot, make_intents
from bot.service import QuoteService
from bot.settings import Settings

CORPUS = Path(__file__).resolve().parents[3] / "corpus"

_ids = itertools.count(1_100_000_000_000_000_000)


def next_id() -> int:
    """Snowflake-sized ids, unique across a session."""
    return next(_ids)


@pytest.fixture(scope="session")
def service(tmp_path_factory: pytest.TempPathFactory) -> QuoteService:
    from index.embedder import Embedder
    from index.manifest import IndexConfig
    from index.pipeline import run_index
    from index.store import StoreConfig

    config = IndexConfig(store=StoreConfig(index_dir=tmp_path_factory.mktemp("discord-index")))
    embedder = Embedder(config.model_path, config.batch_size)
    run_index(config, [CORPUS], embedder=embedder)
    return QuoteService(config, embedder=embedder)


def make_settings(**overrides: Any) -> Settings:
    """Settings from code only: no .env and no QUOTEBOT_* variables leak into the tests."""
    saved = {k: os.environ.pop(k) for k in list(os.environ) if k.startswith("QUOTEBOT_")}
    try:
        return Settings(_env_file=None, **overrides)  # type: ignore[call-arg]
    finally:
        os.environ.update(saved)


@pytest.fixture
def settings_factory() -> Callable[..., Settings]:
    return make_settings


@pytest.fixture
async def slash_bot(service: QuoteService) -> AsyncIterator[QuoteBot]:
    """A bot with its cogs loaded but not connected: enough for calling command callbacks."""
    bot = QuoteBot(make_settings(discord_cooldown_rate=100), service)
    await bot.setup_hook()
    yield bot
    await bot.close()


@pytest.fixture
async def dpy_bot(service: QuoteService, request: pytest.FixtureRequest) -> AsyncIterator[QuoteBot]:
    """A bot wired to dpytest's fake gateway; the first configured member is its owner."""
    overrides: dict[str, Any] = getattr(request, "param", {})
    # dpytest builds its fake members through the member cache, which needs the members intent;
    # the production intents (no privileged ones) are asserted in test_discord_slash.py.
    intents = make_intents()
    intents.members = True
    bot = QuoteBot(make_settings(**{"discord_cooldown_rate": 100, **overrides}), service, intents=intents)
    await bot._async_setup_hook()
    await bot.setup_hook()
    dpytest.configure(bot, members=2)
    # dpytest's fake connection state has no loop, which `channel.typing()` needs.
    backend.get_state().loop = asyncio.get_running_loop()
    bot.owner_ids = {dpytest.get_config().members[0].id}
    yield bot
    await dpytest.empty_queue()


class FakeInteraction:
    """Builds ``spec_set`` interaction mocks and records what the handler did, in order."""

    def __init__(self, bot: QuoteBot, user_id: int | None = None, channel: Any = None) -> None:
        self.events: list[tuple[str, dict[str, Any]]] = []
        self.sent: list[MagicMock] = []
        self._done = False
        inter = MagicMock(spec_set=discord.Interaction)
        inter.client = bot
        inter.id = next_id()
        user = MagicMock(spec_set=discord.User)
        user.id = user_id or next_id()
        user.bot = False
        inter.user = user
        inter.channel = channel
        inter.channel_id = getattr(channel, "id", None)
        inter.guild = None
        inter.command = None
        response = AsyncMock(spec_set=discord.InteractionResponse)
        response.is_done.side_effect = lambda: self._done
        response.defer.side_effect = self._record("defer")
        response.send_message.side_effect = self._record("response.send_message")
        followup = AsyncMock(spec_set=discord.Webhook)
        followup.send.side_effect = self._record("followup.send", returns=True)
        inter.response = response
        inter.followup = followup
        self.interaction = inter

    def _record(self, name: str, returns: bool = False) -> Callable[..., Any]:
        def record(*args: Any, **kwargs: Any) -> Any:
            if args:
                kwargs = {"content": args[0], **kwargs}
            self.events.append((name, kwargs))
            if name in ("defer", "response.send_message"):
                self._done = True
            if returns:
                msg = MagicMock(spec_set=discord.WebhookMessage)
                msg.id = next_id()
                thread = MagicMock(spec_set=discord.Thread)
                thread.id = next_id()
                thread.send = AsyncMock(side_effect=self._record("thread.send", returns=True))
                msg.create_thread = AsyncMock(return_value=thread)
                self.sent.append(msg)
                return msg
            return None

        return record

    def names(self) -> list[str]:
        return [name for name, _ in self.events]

    def embeds(self) -> list[discord.Embed]:
        return [
            e
            for _, kw in self.events
            for e in kw.get("embeds", []) + ([kw["embed"]] if "embed" in kw else [])
        ]


@pytest.fixture
def fake_interaction() -> Callable[..., FakeInteraction]:
    return FakeInteraction


@pytest.fixture
def fresh_ids() -> Iterator[Callable[[], int]]:
    yield next_id
