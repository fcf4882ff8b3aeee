"""Mark navigation lines ("Back to top button", "This post is also available in: …"), rules
("=====", "* * *"), a Markdown note's front matter, its link references and HTML comments as
boilerplate.

They are kept in the canonical text, so offsets never move, but no sentence or passage is made from
them. The patterns describe kinds of web-page furniture, not the wording of any one document.
"""

from __future__ import annotations

import re

from .rows import YEARS

_PATTERNS = [
    r"back to top( button)?",
    r"(scroll|go) to top",
    r"skip to (main )?content",
    r"this (post|article|page|story) is also available in:.*",
    r"also available in:.*",
    r"read (more )?(for )?background:?",
    r"(read|see) (also|more):?",
    r"related (posts?|articles?|stories|content|reading):?",
    r"(you may|you might) also like:?",
    r"share( this)?( (post|article|story|page))?( (on|via) (facebook|twitter|x|linkedin|whatsapp|telegram"
    r"|reddit|email|pinterest|bluesky|mastodon|threads))?:?",
    r"(print|email|tweet|share|facebook|twitter|linkedin|whatsapp|telegram)( (this|article))?",
    r"(previous|next) (post|article|story)( ?[:»«>].*)?",
    r"(tags|categories|filed under|posted in):.*",
    r"advertisement",
    r"subscribe to (our|the) newsletter.*",
    r"(accept|manage) (all )?cookies.*",
    r"(leave|post) a (comment|reply)",
    r"all rights reserved.*",
    r"©.*",
    r"copyright( ©| \(c\))? ?(\d{4}|©).*",  # "Copyright © 2022 …", not prose about copyright
    r"([=\-_~*#+.][ \t]?){3,}",  # a rule: "=====" under a plain-text title, "-----", "* * *"
    # a Markdown link's reference ("[1]: https://…" under the text), an address, not words
    r"\[[^\]\n]{1,100}\]:[ \t]*<?(?:https?://|mailto:|www\.)\S*?>?"
    r"(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?",
]
_LINE = re.compile(r"^[ \t\u00a0]*(?:" + "|".join(_PATTERNS) + r")[ \t\u00a0]*$", re.IGNORECASE)


#: YAML front matter at a document's very start ("---\ntitle: …\ntags: …\n---"): a note's or a
#: static site's metadata, not its text (the Markdown loader takes its title). Its first line is a
#: key ("title:"), so a document that opens with a rule ("---") and prose keeps its prose.
FRONT_MATTER = re.compile(
    r"\A---[ \t]*\n(?=[A-Za-z_][\w-]*:)(?:[^\n]*\n){1,60}?(?:---|\.\.\.)[ \t]*(?=\n|\Z)"
)


def boilerplate_spans(text: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, int]]:
    """Spans of whole lines in ``text[lo:hi]`` that are navigation furniture, and the front matter
    that opens a document."""
    hi = len(text) if hi is None else hi
    spans = []
    pos = lo
    front = FRONT_MATTER.match(text) if lo == 0 else None
    if front is not None and front.end() <= hi:
        spans.append((0, front.end()))
        pos = front.end() + 1
    # an HTML comment on lines of its own (a Markdown author's "<!-- TODO: check with … -->"):
    # never shown, so never quoted
    comments = _comments(text, pos, hi)
    at = 0
    while pos < hi:
        if at < len(comments) and comments[at][0] <= pos:
            spans.append(comments[at])
            pos = comments[at][1] + 1
            at += 1
            continue
        nl = text.find("\n", pos, hi)
        end = hi if nl == -1 else nl
        line = text[pos:end]
        if line.strip() and len(line) <= 300 and _LINE.match(line) and not _copyright_with_details(line):
            spans.append((pos, end))
        pos = end + 1
    return spans


def _copyright_with_details(line: str) -> bool:
    """Whether a copyright line also gives the company's details, a number besides its years ("©
    2025 Pantry & Pan Foods Ltd, Unit 7, Wharfside Park, Leicester LE4 1QT. Company no. 11482093.
    Customer care: 0330 808 4610"): a page's only phone number may be there, to quote. "© 2025
    Pantry & Pan. All rights reserved." is furniture."""
    if _COPYRIGHT.match(line) is None:
        return False
    return any(c.isdigit() for c in YEARS.sub("", line))


_COPYRIGHT = re.compile(r"[ \t\u00a0]*(?:©|copyright\b)", re.IGNORECASE)


#: A line that opens an HTML comment, and the blanks a comment's last line may end with.
_COMMENT_OPENS = re.compile(r"^[ \t]*<!--", re.MULTILINE)
_TRAILING_BLANKS = re.compile(r"[ \t]*(?:\n|\Z)")


def _comments(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The HTML comments in ``text[lo:hi]`` that take whole lines: from a line's start (blanks
    aside) to a "-->" that ends a line. Linear: each "-->" is looked for once."""
    out: list[tuple[int, int]] = []
    close = -1
    for m in _COMMENT_OPENS.finditer(text, lo, hi):
        if m.start() < (out[-1][1] if out else lo):
            continue  # inside the comment found before
        if close < m.end():
            close = text.find("-->", m.end(), hi)
            if close < 0:
                break  # no comment closes after here
        tail = _TRAILING_BLANKS.match(text, close + 3)
        if tail is not None and tail.end() <= hi + 1:
            # the span ends where its last line does (its line break left out)
            out.append((m.start(), tail.end() - 1 if text.endswith("\n", 0, tail.end()) else tail.end()))
    return out
