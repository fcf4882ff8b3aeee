"""``run_discord``: one line on stderr and a documented exit code for every way it can end.

2 for a missing or rejected token (never printed), 1 for what a restart may fix (Discord unreachable,
an unexpected crash), 0 for a clean stop; never a traceback unless logging is verbose.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from unittest.mock import AsyncMock

import discord
import pytest

from bot.discord import runner
from bot.errors import IndexMissingError

REPO = Path(__file__).resolve().parents[3]


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


# -- staying up, and going down cleanly --------------------------------------------------------------


def fake_login(monkeypatch: pytest.MonkeyPatch) -> None:
    """Discord accepts the token: login then loads the real cogs (``setup_hook``), all offline."""

    async def accept(self: Any, token: str) -> Any:
        return {"id": "1100000000000000001", "username": "Quotebot", "discriminator": "0", "avatar": None}

    app = SimpleNamespace(id=1100000000000000002, interactions_endpoint_url=None, flags=None, owner=None)
    monkeypatch.setattr(discord.http.HTTPClient, "static_login", accept)
    monkeypatch.setattr(discord.Client, "application_info", AsyncMock(return_value=app))


def crash_at_login(monkeypatch: pytest.MonkeyPatch) -> None:
    async def boom(self: Any, token: str) -> Any:
        raise RuntimeError("something nobody expected\non two lines")

    monkeypatch.setattr(discord.http.HTTPClient, "static_login", boom)


def crash_when_connecting(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_login(monkeypatch)

    async def boom(self: Any, *, reconnect: bool = True) -> None:
        raise RuntimeError("something nobody expected\non two lines")

    monkeypatch.setattr(discord.Client, "connect", boom)


@pytest.fixture
def offline_run(settings_factory: Any, service: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """``run_discord`` over the session's service, with discord.py left to log as the CLI set it up."""
    monkeypatch.setattr(runner.QuoteService, "from_settings", classmethod(lambda cls, s: service))
    monkeypatch.setattr(discord.utils, "setup_logging", lambda **kwargs: None)
    return lambda: runner.run_discord(settings_factory(discord_token="MTIz.secret.token"))


@pytest.mark.parametrize("crash", [crash_at_login, crash_when_connecting], ids=["login", "connect"])
def test_an_unexpected_crash_is_one_line_and_a_non_zero_exit(
    offline_run: Any,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    crash: Any,
) -> None:
    crash(monkeypatch)
    with caplog.at_level(logging.WARNING):  # the default QUOTEBOT_LOG_LEVEL
        code = offline_run()
    assert code != 0  # so a supervisor (systemd Restart=on-failure) starts it again
    assert code == 1  # and not 2, which tells a supervisor that a restart cannot help
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert "Traceback" not in err and "Traceback" not in caplog.text
    assert (
        err.startswith("quotebot discord: ") and "RuntimeError: something nobody expected on two lines" in err
    )
    assert "-v" in err  # how to get the traceback
    assert "MTIz.secret.token" not in err + caplog.text


def test_a_crash_with_verbose_logging_logs_the_traceback_first(
    offline_run: Any,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    crash_at_login(monkeypatch)
    with caplog.at_level(logging.INFO):  # `quotebot -v discord`, or QUOTEBOT_LOG_LEVEL=INFO
        assert offline_run() == 1
    [record] = [r for r in caplog.records if r.exc_info]
    assert record.levelno == logging.ERROR and isinstance(record.exc_info[1], RuntimeError)  # type: ignore[index]
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "RuntimeError" in err  # the summary line is still there, and last


def test_the_bot_runs_with_reconnect_on_and_ctrl_c_is_a_clean_stop(
    offline_run: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """discord.py reconnects after gateway drops only with ``reconnect=True``; Ctrl-C (or systemd's
    KillSignal=SIGINT) ends the run with exit code 0."""
    fake_login(monkeypatch)
    seen: list[bool] = []

    async def connect(self: Any, *, reconnect: bool = True) -> None:
        seen.append(reconnect)
        raise KeyboardInterrupt

    monkeypatch.setattr(discord.Client, "connect", connect)
    assert offline_run() == 0
    assert seen == [True]
    assert capsys.readouterr().err == ""


STOP_SCRIPT = """
import asyncio, sys
import discord
from bot.discord import runner
from bot.settings import Settings

async def connected(self, token):  # stands in for a bot that is up and waiting for events
    print("running", flush=True)
    await asyncio.Event().wait()

real_close = discord.Client.close

async def close(self):
    print("closed", flush=True)
    await real_close(self)

discord.Client.close = close
discord.http.HTTPClient.static_login = connected
runner.QuoteService.from_settings = classmethod(lambda cls, s: object())
sys.exit(runner.run_discord(Settings(_env_file=None, discord_token="x.y.z")))
"""


def test_sigint_is_a_clean_stop_with_exit_code_0(tmp_path: Path) -> None:
    """What the systemd unit's KillSignal=SIGINT relies on: the bot closes its connection, exits 0,
    and prints nothing (SIGTERM, systemd's default, would kill it without closing)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env = {k: v for k, v in env.items() if not k.startswith("QUOTEBOT_")}
    proc = subprocess.Popen(
        [sys.executable, "-c", STOP_SCRIPT],
        cwd=tmp_path,  # no .env here
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # A child of a non-interactive shell may inherit "ignore SIGINT"; systemd's children do not.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline() == "running\n"
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert out == "closed\n" and err == ""
