"""A PDF's pages as text a reader would quote: paragraphs kept apart, running headers and footers gone.

pypdf's plain extraction gives one line per printed line and nothing between paragraphs, so a
heading ("School Trips") runs into the paragraph under it, and a page's running header ("Evergreen
Primary - Newsletter - Page 2") into the first sentence of that page. Its layout extraction keeps the
blank lines a page shows, but also lays out columns side by side. So the plain text is kept, and
the layout text only says where the blank lines go, when both give the same lines in the same
order (a page of one column); otherwise the plain text stands as it is.
"""

from __future__ import annotations

import logging
import re
from typing import Any

log = logging.getLogger(__name__)

#: A line that only numbers the page: "3", "- 3 -", "Page 3", "Page 3 of 10", "3 / 10".
_PAGE_NUMBER = re.compile(r"[-–\s]*(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?[-–\s]*", re.I)
#: How many lines at the top and at the bottom of a page may be a running header or footer.
EDGE_LINES = 2


def page_text(page: Any) -> str:
    """One page's plain text, with a blank line wherever its layout shows one."""
    plain = page.extract_text() or ""
    try:
        layout = page.extract_text(extraction_mode="layout") or ""
    except Exception as exc:  # layout mode fails on some fonts; the plain text still stands
        log.debug("no layout text for a PDF page: %s", exc)
        return plain
    return with_paragraphs(plain, layout)


def with_paragraphs(plain: str, layout: str) -> str:
    """``plain`` with a blank line before each line that follows a blank line in ``layout``, when
    the two hold the same lines in the same order (spacing aside); else ``plain`` unchanged."""
    lines = plain.split("\n")
    breaks: set[int] = set()
    j = 0
    blank_before = False
    for raw in layout.split("\n"):
        key = "".join(raw.split())
        if not key:
            blank_before = True
            continue
        while j < len(lines) and not lines[j].strip():
            j += 1
        if j >= len(lines) or "".join(lines[j].split()) != key:
            return plain  # columns, or lines cut differently: no safe way to line them up
        if blank_before and j:
            breaks.add(j)
        blank_before = False
        j += 1
    if any(line.strip() for line in lines[j:]):
        return plain
    return "\n".join(("\n" + line) if i in breaks else line for i, line in enumerate(lines))


def _shape(line: str) -> str:
    """A line with its digits as one mark: "Newsletter - Page 2" and "- Page 3" share a shape."""
    return re.sub(r"\d+", "#", " ".join(line.split()).lower())


def without_running_lines(pages: list[str]) -> list[str]:
    """Each page without the lines that only number it and the lines repeated at the top or the
    bottom of at least half of the pages (two at least): a running header or footer."""
    edges: list[list[str]] = []
    for text in pages:
        lines = [line for line in text.split("\n") if line.strip()]
        edges.append([_shape(x) for x in lines[:EDGE_LINES] + lines[-EDGE_LINES:]])
    counts: dict[str, int] = {}
    for shapes in edges:
        for shape in set(shapes):
            counts[shape] = counts.get(shape, 0) + 1
    repeated = {s for s, n in counts.items() if n >= 2 and n * 2 >= len(pages)}
    out = []
    for text in pages:
        lines = text.split("\n")
        filled = [i for i, line in enumerate(lines) if line.strip()]
        edge = set(filled[:EDGE_LINES] + filled[-EDGE_LINES:])
        kept = [
            line
            for i, line in enumerate(lines)
            if i not in edge or not (_shape(line) in repeated or _PAGE_NUMBER.fullmatch(line.strip()))
        ]
        out.append("\n".join(kept).strip("\n"))
    return out
