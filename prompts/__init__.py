"""Prompt and message templates, kept as files and checked when loaded.

Each template declares the placeholders it must contain; a missing or unknown placeholder fails at
start-up with the file named, not in the middle of a conversation.
"""

from __future__ import annotations

import string
from pathlib import Path

PROMPTS_DIR = Path(__file__).resolve().parent

#: Placeholders each template must use, and may only use.
REQUIRED: dict[str, set[str]] = {
    "answer_system.txt": set(),
    "answer_user.txt": {"question", "quotes"},
}


class PromptError(ValueError):
    """A prompt file is missing or its placeholders are wrong."""


def load_prompt(name: str, directory: Path | None = None) -> str:
    path = (directory or PROMPTS_DIR) / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PromptError(f"prompt file {path} cannot be read ({exc.strerror or exc})") from None
    fields = {f for _, f, _, _ in string.Formatter().parse(text) if f}
    want = REQUIRED.get(name, set())
    if fields != want:
        raise PromptError(
            f"prompt file {path} has placeholders {sorted(fields)}; expected exactly {sorted(want)} "
            "(write literal braces as {{ and }})"
        )
    return text


def load_all(directory: Path | None = None) -> dict[str, str]:
    """Load and check every known template: call at start-up."""
    return {name: load_prompt(name, directory) for name in REQUIRED}
