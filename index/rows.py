"""Rows of plain-text tables, as a line shows them: "Vans ........ GBP 2,000" (dot leaders).

Shared by the write path, which makes each such line a sentence of its own (``index.sentences``),
and the read path, which reads such a sentence under its list's lead-in (``bot.lexical.is_item``).
Only ``re``: the read path imports it at start-up.
"""

from __future__ import annotations

import re

#: A run of dot leaders: four dots or more after a blank, six or more without one, or four spaced
#: dots (". . . ."); each taken whole (possessive), so a long run of dots is read once.
_LEADER_RUN = re.compile(r"(?:[ \t]\.{4,}+|(?<!\.)\.{6,}+|(?<![ \t]\.)(?:[ \t]\.){4,}+)[ \t]*+")
#: What a leader leads to: a short value ("GBP 2,000", "5", "Up to £75,000", "Included").
_VALUE_CHARS = 40
_NAME_CHARS = 80
_VALUE_OPENS = re.compile(r"[A-Z0-9£$€¥(+\-]")
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’')\]]*\s+\S")


def leader_row(line: str) -> bool:
    """Whether a line is a row with dot leaders: a short name, the dots, a short value that opens
    with a capital, a digit or a sign, or holds a digit, or is one word ("Included", "5", "£1,000").
    Prose with dots is not: "So we waited...... and waited.", a quotation cut short ". . . . The
    tenant shall pay the rent…", a form's blank ("my child ........ to attend")."""
    m = _LEADER_RUN.search(line)
    if m is None:
        return False
    name, value = line[: m.start()].strip(), line[m.end() :].strip()
    if not 0 < len(name) <= _NAME_CHARS or not 0 < len(value) <= _VALUE_CHARS:
        return False
    if _SENTENCE_BREAK.search(value):
        return False
    return bool(_VALUE_OPENS.match(value)) or any(c.isdigit() for c in value) or " " not in value


def has_leader(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``text[start:end]`` holds a run of dot leaders anywhere (a quick test before reading
    its lines one by one)."""
    return _LEADER_RUN.search(text, start, len(text) if end is None else end) is not None
