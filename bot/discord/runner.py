"""``quotebot discord``: build the service, build the bot, run it, and turn failures into exit codes.

A missing or rejected token is the most common first-run mistake, so each ends with one line that
names the fix (``QUOTEBOT_DISCORD_TOKEN`` in ``.env``) and exit code 2, never a traceback. The token
check comes before the service is built, so a missing token fails at once instead of after loading
the model. The token itself is never printed or logged.
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


def run_discord(settings: Settings) -> int:
    """Run the bot until it is stopped; return the process exit code (0 clean, 2 token problems)."""
    token = settings.discord_token.get_secret_value().strip() if settings.discord_token else ""
    if not token:
        print(MISSING_TOKEN, file=sys.stderr)
        return 2
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
        # doubled lines.
        bot.run(token, log_handler=None)
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
