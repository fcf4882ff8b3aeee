"""``run_discord``: one-line messages and exit code 2 for a missing or rejected token, never the token."""

from __future__ import annotations

from typing import Any

import discord
import pytest

from bot.discord import runner
from bot.errors import IndexMissingError


def test_missing_token_exits_2_with_one_line(
    settings_factory: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    for token in (None, "   "):
        assert runner.run_discord(settings_factory(discord_token=token)) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "QUOTEBOT_DISCORD_TOKEN" in err and ".env" in err


def test_rejected_token_exits_2_without_printing_it(
    settings_factory: Any, service: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    async def reject(self: Any, token: str) -> Any:
        raise discord.LoginFailure("Improper token has been passed.")

    # The real bot.run path, up to the point where Discord answers the login.
    monkeypatch.setattr(runner.QuoteService, "from_settings", classmethod(lambda cls, s: service))
    monkeypatch.setattr(discord.http.HTTPClient, "static_login", reject)
    monkeypatch.setattr(discord.utils, "setup_logging", lambda **kwargs: None)
    assert runner.run_discord(settings_factory(discord_token="MTIz.bad.token")) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "rejected" in err and "QUOTEBOT_DISCORD_TOKEN" in err
    assert "MTIz.bad.token" not in err


def test_missing_index_is_one_line(
    settings_factory: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def missing(cls: Any, settings: Any) -> Any:
        raise IndexMissingError("no index in data/index; build one with `quotebot index`")

    monkeypatch.setattr(runner.QuoteService, "from_settings", classmethod(missing))
    assert runner.run_discord(settings_factory(discord_token="x")) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "quotebot index" in err
