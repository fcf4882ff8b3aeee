"""Discord's limits, and text made safe to show there: pure functions, no I/O.

- limits are measured in UTF-16 code units (``dlen``), which is never less than the code-point
  count, so a text within our count is within Discord's however it counts;
- every text that comes from a document or a user has its Markdown escaped and its mentions broken
  with a zero-width space (``safe_text``), so a quote can never format itself or ping anyone;
- ``fit`` shortens a text to a limit without splitting an escape, ``split_content`` cuts message
  content into pieces.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from discord.utils import escape_markdown

LIMIT_CONTENT = 2000
LIMIT_TITLE = 256
LIMIT_DESCRIPTION = 4096
LIMIT_FIELDS = 25
LIMIT_FIELD_NAME = 256
LIMIT_FIELD_VALUE = 1024
LIMIT_FOOTER = 2048
LIMIT_EMBED_TOTAL = 6000
LIMIT_EMBEDS_PER_MESSAGE = 10

ELLIPSIS = "…"
ZWSP = "\u200b"
# @everyone / @here ping regardless of case in practice: break them all.
_EVERYONE = re.compile(r"@(everyone|here)", re.IGNORECASE)
# <@123>, <@!123>, <@&123> (role), <#123> (channel): a zero-width space after the sigil defuses them.
_ID_MENTION = re.compile(r"<(@[!&]?|#)(?=\d)")


def dlen(text: str) -> int:
    """Length as Discord may count it (UTF-16 code units): an emoji counts 2, never less than ``len``."""
    return len(text.encode("utf-16-le")) // 2


def neutralise_mentions(text: str) -> str:
    """Make every mention inert by inserting a zero-width space; visible text is unchanged."""
    text = _EVERYONE.sub(lambda m: "@" + ZWSP + m.group(1), text)
    return _ID_MENTION.sub(lambda m: "<" + m.group(1) + ZWSP, text)


def safe_text(text: str) -> str:
    """Document or user text as Discord should show it: Markdown escaped, then mentions defused.

    Escaping comes first so the inserted zero-width spaces can never be taken for Markdown.
    """
    return neutralise_mentions(escape_markdown(text))


def block_quote(text: str) -> str:
    """Each line behind ``> `` (blank lines included, so the quote stays one block)."""
    return "\n".join(f"> {line}" for line in text.split("\n"))


def render_quote(text: str) -> str:
    """The exact field text of a quote that fits unshortened: what the property tests look for."""
    return block_quote(safe_text(text))


def fit(
    raw: str,
    limit: int,
    render: Callable[[str], str] = safe_text,
    *,
    suffix: str = "",
    keep_end: bool = False,
) -> tuple[str, bool]:
    """Render ``raw``; if it exceeds ``limit``, render the longest prefix (or suffix) that fits, with "…".

    Cutting happens on the raw text and the cut is rendered afresh, so it can never split an escape
    (a stray backslash) or a defused mention. Returns the rendered text and whether it was shortened.
    """
    full = render(raw)
    if dlen(full) <= limit:
        return full, False

    def cut(n: int) -> str:
        if keep_end:
            return render(ELLIPSIS + raw[len(raw) - n :].lstrip()) + suffix
        return render(raw[:n].rstrip() + ELLIPSIS) + suffix

    lo, hi = 0, len(raw)
    while lo < hi:  # the largest n whose rendering fits (rendering length grows with n)
        mid = (lo + hi + 1) // 2
        if dlen(cut(mid)) <= limit:
            lo = mid
        else:
            hi = mid - 1
    n = lo
    # Prefer a word boundary when one is close, so the cut reads as a cut and not a typo.
    window = raw[len(raw) - n :] if keep_end else raw[:n]
    space = window.find(" ") if keep_end else window.rfind(" ")
    if space > 0 and (n - space if keep_end else space) >= n * 0.8:
        n = n - space - 1 if keep_end else space
    text = cut(n)
    while dlen(text) > limit and n > 0:  # belt and braces: rendering is only nearly monotonic
        n -= 1
        text = cut(n)
    if dlen(text) > limit:  # the limit cannot even hold the suffix: hard cut, never over
        text = text[: max(0, limit - 1)] + ELLIPSIS
        while dlen(text) > limit:
            text = text[:-2] + ELLIPSIS
    return text, True


def split_content(text: str, limit: int = LIMIT_CONTENT) -> list[str]:
    """Split message content into pieces within ``limit``: at a newline, else a space, else anywhere.

    A piece never ends in an odd run of backslashes, so an escape is never separated from the
    character it escapes.
    """
    pieces: list[str] = []
    rest = text
    while dlen(rest) > limit:
        # The largest prefix within the limit (code points and UTF-16 units can differ).
        n = min(len(rest), limit)
        while dlen(rest[:n]) > limit:
            n -= 1
        cut = rest.rfind("\n", 0, n + 1)
        if cut < n // 2:
            cut = rest.rfind(" ", 0, n + 1)
        if cut < n // 2:
            cut = n
        while cut > 1 and (len(rest[:cut]) - len(rest[:cut].rstrip("\\"))) % 2 == 1:
            cut -= 1
        piece, rest = rest[:cut], rest[cut:]
        if piece.strip():
            pieces.append(piece.rstrip())
        rest = rest.lstrip("\n") if rest.startswith("\n") else rest
    if rest.strip():
        pieces.append(rest)
    return pieces
