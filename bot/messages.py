"""One mapping from errors to the words a user reads, for every front end.

Two audiences: the *operator* (the person at the CLI or chat, who runs the bot and can fix its
setup) gets the core's own message, which names the fix; a *member* of a Discord server gets a
polite sentence that reveals nothing of the setup. A bad question is the asker's to fix, so both
audiences get its reason. Anything that is not a ``QuotebotError`` is a bug: the caller logs it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .errors import BadQuestionError, QuotebotError, StoreUnavailableError

APOLOGY = "Sorry, something went wrong while answering that. It has been logged; please try again later."
STORE_DOWN = "Sorry, the document store isn't answering right now. Please try again in a minute."

Kind = Literal["question", "unavailable", "error", "bug"]


@dataclass(frozen=True)
class UserMessage:
    text: str
    #: "question": the question cannot be asked as it is; "unavailable": the store is down;
    #: "error": another known failure; "bug": an unexpected exception (log it with its traceback).
    kind: Kind


def sentence(text: str) -> str:
    """Core messages are lower-case clauses ("the question is empty; …"); make one a sentence."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def user_message(exc: BaseException, operator: bool) -> UserMessage:
    """What to tell the user about ``exc``; ``operator``: the person who runs the bot (CLI, chat)."""
    if isinstance(exc, BadQuestionError):
        return UserMessage(sentence(str(exc)), "question")
    if isinstance(exc, StoreUnavailableError):
        return UserMessage(sentence(str(exc)) if operator else STORE_DOWN, "unavailable")
    if isinstance(exc, QuotebotError):
        return UserMessage(sentence(str(exc)) if operator else APOLOGY, "error")
    return UserMessage(APOLOGY, "bug")
