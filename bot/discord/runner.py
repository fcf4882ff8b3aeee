"""``quotebot discord``: build the service, build the bot, run it, and turn failures into exit codes.

Exit codes are a public promise, and a supervisor (``deploy/quotebot-discord.service``) acts on them:

- **0**: a clean stop (Ctrl-C, or SIGINT from systemd's ``KillSignal=SIGINT``);
- **2**: a problem a restart cannot fix — no token, a rejected token, refused intents (and a bad
  setting, via the CLI); the unit's ``RestartPreventExitStatus=2`` stops systemd from retrying a bad
  token against Discord's login every few seconds;
- **1**: what a restart may fix — Discord unreachable, a missing index, or any unexpected crash.

A missing or rejected token is the most common first-run mistake, so each ends with one line that
names the fix (``QUOTEBOT_DISCORD_TOKEN`` in ``.env``), never a traceback. The token check comes
before the service is built, so a missing token fails at once instead of after loading the model.
The token itself is never printed or logged.

Staying up is discord.py's job while the bot runs: ``reconnect=True`` makes it reconnect (with
backoff) after gateway drops and network errors, and errors in event handlers and commands are
logged by the bot's handlers (``QuoteBot.on_error``, ``on_command_error``,
``on_app_command_error``) and never end the run. What does end it is something the process cannot
recover from by itself; see ``crashed`` for what that prints.
"""

from __future__ import annotations

import logging
import sys

import aiohttp
import discord

from bot.errors import QuotebotError
from bot.service import QuoteService
from bot.settings import Settings

from .bot import build_bot

log = logging.getLogger(__name__)

MISSING_TOKEN = (
    "quotebot discord: no Discord bot token; set QUOTEBOT_DISCORD_TOKEN in .env (see docs/discord.md)"
)
REJECTED_TOKEN = (
    "quotebot discord: Discord rejected the token; copy a fresh one from the Developer Portal "
    "(Bot → Reset Token) into QUOTEBOT_DISCORD_TOKEN in .env"
)
UNREACHABLE = "quotebot discord: cannot reach Discord; check the network connection and try again"
PRIVILEGED = (
    "quotebot discord: Discord refused the requested intents; Quotebot needs no privileged intent, "
    "so check that this is the right application"
)
CRASHED = (
    "quotebot discord: stopped by an unexpected error: {error}; exit code 1, so a supervisor restarts "
    "it (for the traceback, run `quotebot -v discord` or set QUOTEBOT_LOG_LEVEL=INFO)"
)
#: Characters of the exception's message kept in the one line: enough to name the cause.
ERROR_CHARS = 300


def run_discord(settings: Settings) -> int:
    """Run the bot until it is stopped; return the process exit code (see the module docstring)."""
    token = settings.discord_token.get_secret_value().strip() if settings.discord_token else ""
    if not token:
        print(MISSING_TOKEN, file=sys.stderr)
        return 2
    try:
        return _run(settings, token)
    except Exception as exc:
        return crashed(exc, token)


def _run(settings: Settings, token: str) -> int:
    """Build and run; every failure with a known meaning becomes its line and exit code here."""
    try:
        service = QuoteService.from_settings(settings)
    except QuotebotError as exc:
        print(f"quotebot discord: {exc}", file=sys.stderr)
        return int(getattr(exc, "exit_code", 1))
    # Voice is not used, so its "PyNaCl is not installed" warnings (logged when the client is
    # created) are noise.
    logging.getLogger("discord.client").setLevel(logging.ERROR)
    bot = build_bot(settings, service)
    try:
        # The CLI already configured logging (stderr, QUOTEBOT_LOG_LEVEL): no second handler, so no
        # doubled lines. reconnect=True is discord.py's default, spelled out because staying up
        # through gateway drops depends on it.
        bot.run(token, reconnect=True, log_handler=None)
    except discord.LoginFailure:
        print(REJECTED_TOKEN, file=sys.stderr)
        return 2
    except discord.PrivilegedIntentsRequired:
        print(PRIVILEGED, file=sys.stderr)
        return 2
    except (OSError, aiohttp.ClientError, discord.GatewayNotFound) as exc:
        # No route to Discord (offline machine, DNS, firewall): say so in one line, never a traceback.
        print(f"{UNREACHABLE} ({type(exc).__name__})", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    return 0


def crashed(exc: BaseException, token: str = "") -> int:
    """Report a crash nothing else handled as one line on stderr, and return exit code 1.

    Why one line and no traceback by default: the bot runs under a supervisor that restarts it, so a
    crash that repeats would otherwise put a 40-line traceback into the journal every few seconds
    and bury the cause, and a person starting the bot by hand reads one sentence more easily than
    discord.py's internals. The line names the exception's type and message, which is enough to
    tell a network hiccup from a bug, and is easy to find again (``journalctl -u quotebot-discord
    | grep "stopped by"``). When the log is verbose (``-v``, or ``QUOTEBOT_LOG_LEVEL`` INFO or
    DEBUG: an operator who asked for detail) the traceback is logged first, so the summary stays
    the last line. It is not logged at DEBUG only, because ``-v`` means INFO and that is the switch
    the line tells people to use. The token is masked in the line in case an error ever quotes it.
    """
    error = " ".join(f"{type(exc).__name__}: {exc}".split())
    if token:
        error = error.replace(token, "[token]")
    if len(error) > ERROR_CHARS:
        error = error[: ERROR_CHARS - 1] + "…"
    if logging.getLogger().isEnabledFor(logging.INFO):
        log.error("the Discord bot stopped on an unexpected error", exc_info=exc)
    print(CRASHED.format(error=error), file=sys.stderr)
    return 1
