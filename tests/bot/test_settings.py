"""Settings: every key documented in .env.example, and the example itself is a valid .env."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from bot.settings import Settings

REPO = Path(__file__).resolve().parents[2]


def test_env_example_lists_every_setting_and_nothing_else() -> None:
    keys = set(re.findall(r"QUOTEBOT_([A-Z_0-9]+)=", (REPO / ".env.example").read_text(encoding="utf-8")))
    assert keys == {name.upper() for name in Settings.model_fields}


def test_env_example_works_as_a_dotenv(clean_env: Path) -> None:
    shutil.copy(REPO / ".env.example", clean_env / ".env")
    settings = Settings()
    assert settings.top_k == 3 and settings.discord_token is None and not settings.llm_enabled


def test_secrets_do_not_show_in_reprs(clean_env: Path) -> None:
    (clean_env / ".env").write_text("QUOTEBOT_DISCORD_TOKEN=abc.def.secret\nQUOTEBOT_LLM_API_KEY=sk-secret\n")
    settings = Settings()
    assert "secret" not in repr(settings) and "secret" not in str(settings.model_dump())
    assert (
        settings.discord_token is not None and settings.discord_token.get_secret_value() == "abc.def.secret"
    )
