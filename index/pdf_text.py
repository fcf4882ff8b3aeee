"""A PDF's pages as text a reader would quote: paragraphs kept apart, running headers and footers gone.

pypdf's plain extraction gives one line per printed line and nothing between paragraphs, so a
heading ("School Trips") runs into the paragraph under it, and a page's running header ("Evergreen
Primary - Newsletter - Page 2") into the first sentence of that page. Its layout extraction keeps the
blank lines a page shows, but also lays out columns side by side. So the plain text is kept, and
the layout text only says where the blank lines go, when both give the same lines in the same
order (a page of one column); otherwise the plain text stands as it is.
"""

from __future__ import annotations

import bisect
import logging
import math
import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, NamedTuple

from .rows import COLUMN_GAP, YEARS, header_labels, leader_row, short_leader_row, table_cells, table_row
from .sentences import SENTENCE_END_AT
from .types import FOOTER_LABEL, HEADER_LABEL, Heading

log = logging.getLogger(__name__)

#: A line that only numbers the page: "3", "- 3 -", "Page 3", "Page 3 of 10", "3 / 10".
_PAGE_NUMBER = re.compile(r"[-–\s]*(?:page\s*)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?[-–\s]*", re.I)
#: How many lines at the top and at the bottom of a page may be a running header or footer.
EDGE_LINES = 2


def page_text(page: Any) -> str:
    """One page's plain text, with a blank line wherever its layout shows one."""
    return page_text_and_type(page)[0]


@dataclass(frozen=True)
class PrintedLine:
    """A line as the page prints it: its text, and the size of its smallest letters in points."""

    text: str
    size: float


def page_text_and_type(page: Any) -> tuple[str, list[PrintedLine], list[str]]:
    """``page_text``, the page's printed lines with their type sizes (read in the same pass over
    the page as the plain text: pypdf hands each piece of text to a visitor with its font size and
    matrices), and the lines of a footer drawn first that end the text (``_drawn_first``)."""
    pieces: list[tuple[float, str, float]] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if not text.strip():
            return
        try:
            a, b, c, d, e, f = (float(v) for v in cm[:6])
            ta, tb, tc, td, te, tf = (float(v) for v in tm[:6])
        except (TypeError, ValueError, IndexError):
            return
        # The text's direction and its up on the page (rotated pages too), and where it starts.
        run = (ta * a + tb * c, ta * b + tb * d)
        up = (tc * a + td * c, tc * b + td * d)
        x, y = te * a + tf * c + e, te * b + tf * d + f
        length = math.hypot(*run)
        printed = abs(float(size)) * (math.hypot(*up) or 1.0)
        baseline = (run[0] * y - run[1] * x) / length if length else y
        if math.isfinite(printed) and math.isfinite(baseline):
            pieces.append((baseline, text, printed))

    # (a line's leading blanks are the gap pypdf saw before its first piece, not the page's
    # indentation: " The Importance of Being Earnest", " Charge")
    plain = "\n".join(line.lstrip(" ") for line in (page.extract_text(visitor_text=visit) or "").split("\n"))
    text, moved, slip = _with_layout(page, plain)
    return text, _furniture_last(_printed_lines(pieces), moved or slip), moved


def _furniture_last(printed: list[PrintedLine], moved: list[str]) -> list[PrintedLine]:
    """The printed lines with those of the ``moved`` plain lines (``_drawn_first``) last, as the
    text has them: a footer printed first, found at the text's end, moved the reading place of
    ``type_headings`` past every heading of a page whose footer is kept."""
    want = "".join("".join(line.split()) for line in moved)
    if not want:
        return printed
    keys = ["".join(line.text.split()) for line in printed]
    for first, key in enumerate(keys):
        # (printed first, or right after the header drawn before it: a bill's tear-off slip)
        if not key or not want.startswith(key):
            continue
        got = ""
        for k in range(first, len(keys)):
            got += keys[k]
            if got == want:
                return [*printed[:first], *printed[k + 1 :], *printed[first : k + 1]]
            if not want.startswith(got):
                break
    return printed


def _printed_lines(pieces: list[tuple[float, str, float]]) -> list[PrintedLine]:
    """Pieces on one baseline (within a third of their size) as one line, in the order printed."""
    lines: list[tuple[float, list[str], list[float]]] = []
    tallest = 0.0  # of the line being read
    for y, text, size in pieces:
        for k, part in enumerate(text.split("\n")):
            if k == 0 and lines and abs(lines[-1][0] - y) <= max(size, tallest) / 3:
                lines[-1][1].append(part)
                if part.strip():
                    lines[-1][2].append(size)
                    tallest = max(tallest, size)
            elif part.strip():
                lines.append((y, [part], [size]))
                tallest = size
    return [PrintedLine(" ".join("".join(parts).split()), min(sizes)) for _, parts, sizes in lines]


#: How much larger than the body's type a line must be set to head a part, in points; and the most
#: words a heading has (a pull quote set large is no heading).
LARGER_BY = 1.5
HEADING_WORDS = 15
#: A short printed line moves the reading place only when found this close ahead ("Yes", "£20"
#: are written again and again; a long line rarely is).
NEAR_LINES = 30
SHORT_CHARS = 20
#: A lone surrogate, which a broken ToUnicode map yields (pypdf decodes with "surrogatepass") and
#: the loader writes as U+FFFD in the text.
SURROGATE = re.compile("[\ud800-\udfff]")
#: A year or a span of years (``index.rows.YEARS``) may end a title on a line of its own: "2023",
#: "2023/24", "2022-2023"; after a line of some words ("… Annual Report Summary"), not a fact box's
#: "Founded" / "1987".
_WRAPPED_TITLE_WORDS = 3


#: The fewest words of a sentence set large that stays a sentence, not a heading.
_SENTENCE_WORDS = 5
#: The fewest lines set in one heading's size, one under the other, that are text set large when
#: they hold more words than a heading (``HEADING_WORDS``).
_SET_LARGE_LINES = 3


def type_headings(text: str, printed: list[PrintedLine]) -> list[Heading]:
    """The lines of ``text`` that the PDF sets larger than its body text: its title and the
    headings of its parts, by size (the largest is level 1). A heading wrapped over two lines in the
    same size is one heading ("Empty Cupboards: Food Insecurity Among University" / "Students");
    three lines or more below the largest type with more words than a heading are text set large
    (a programme's byline, dates and venue under its title), which is quoted.

    Each is placed by reading the printed lines and the text's lines together: every printed line
    found moves the reading place on, so a contents list that names the headings first is read
    past, and a line gone from the text (a running header) moves nothing. A heading not found
    ahead is left out."""
    body = _body_size(printed)
    if body is None:
        return []
    heads = [
        line.size >= body + LARGER_BY
        and len(line.text.split()) <= HEADING_WORDS
        # (a sentence's tail, "as you may need them as proof of income.", is no heading)
        and not (line.text[:1].islower() and line.text.rstrip().endswith((".", "!", "?", ",", ";")))
        # (nor a sentence set large, a notice's key fact: "A penalty charge of £70.00 is now
        # payable." is a quote, which a heading line never becomes)
        and not (line.text.rstrip().endswith((".", "!")) and len(line.text.split()) >= _SENTENCE_WORDS)
        and (any(c.isalpha() for c in line.text) or _title_year(printed, k))
        for k, line in enumerate(printed)
    ]
    heading_sizes = sorted(
        {_to_half_point(line.size) for line, h in zip(printed, heads, strict=True) if h}, reverse=True
    )
    levels = {size: k for k, size in enumerate(heading_sizes, 1)}
    # the printed lines in order, a heading wrapped over lines of one size as one
    groups: list[tuple[bool, list[PrintedLine]]] = []
    for k, line in enumerate(printed):
        if heads[k] and k and heads[k - 1] and printed[k - 1].size == line.size and groups:
            groups[-1][1].append(line)
        else:
            groups.append((heads[k], [line]))
    spans = _line_spans(text)
    where: dict[str, list[int]] = {}
    for n, (_, _, key) in enumerate(spans):
        where.setdefault(key, []).append(n)
    # (three lines or more in a heading's size, more words than a heading has, are text set large:
    # a programme's byline, dates and venue under its title)
    groups = [
        (
            heading
            and not (
                len(lines) >= _SET_LARGE_LINES
                and sum(len(ln.text.split()) for ln in lines) > HEADING_WORDS
                and levels[_to_half_point(lines[0].size)] > 1  # (a long title in the largest type stays)
            ),
            lines,
        )
        for heading, lines in groups
    ]
    out: list[Heading] = []
    at = 0  # the next text line to read
    for heading, lines in groups:
        for part in (lines, *([line] for line in lines)) if len(lines) > 1 else (lines,):
            found = _found(part, spans, where, at, heading)
            if found is None:
                continue
            if heading:
                start, end = spans[found][0], spans[found + len(part) - 1][1]
                label = " ".join(text[start:end].split())
                # a total set large is still its table's row; "Bill to" over an address labels
                # that block, not the invoice's items under it
                if not label.startswith("|") and not _ADDRESS_LABEL.fullmatch(label):
                    out.append(Heading(label, start, end, levels[_to_half_point(part[0].size)]))
            at = found + len(part)
            if part is lines:
                break
    return _without_strapline(text, _without_values_set_large(text, out))


def _without_values_set_large(text: str, headings: list[Heading]) -> list[Heading]:
    """The headings less a value set large right under a part's heading: "PASS WITH ADVISORIES"
    under "Test result", a balance under "Amount due". The line is set larger than the part's
    heading over it, in a size no other heading of the document shares, and nothing comes between
    them; a part's heading is set in a size that others share ("Vehicle details", "Mileage
    history"). It is the part's content, and can be quoted; as a heading it took the part's label
    and left "Test result" heading nothing."""
    sizes = Counter(h.level for h in headings)
    out: list[Heading] = []
    for h in headings:
        over = out[-1] if out else None
        if (
            over is not None
            and len(out) > 1  # (the first heading is the title, whatever follows it)
            and h.level < over.level
            and sizes[h.level] == 1
            and sizes[over.level] > 1
            and not text[over.end : h.start].strip()
        ):
            continue
        out.append(h)
    return out


#: An invoice's or an order's label over an address: "Bill to", "Invoice to:", "Ship to".
_ADDRESS_LABEL = re.compile(
    r"(?i:bill|billed|invoice|invoiced|ship|shipped|deliver|delivered|sold|charge)\s+to:?"
)
#: How many words a line under the title has, at least, to be its strapline rather than a part.
_STRAPLINE_WORDS = 6


def _without_strapline(text: str, headings: list[Heading]) -> list[Heading]:
    """The headings less a strapline: a line of some words right under the title, set smaller than
    the parts' headings that follow ("Birthday parties for ages 1 to 11 at Tollbridge's biggest
    indoor play centre" under "Jungle Jumpers Party Packages 2025", over "Party times"), with a
    blank line under it. It heads no part: the text under it is the title's, and the line itself
    can be quoted."""
    if len(headings) < 3:
        return headings
    title, second = headings[0], headings[1]
    parts = min(h.level for h in headings[2:])
    # (run into the paragraph under it, the line would be lost in it)
    apart = text.startswith("\n\n", second.end)
    if (
        parts <= title.level  # (the first heading is a part's, "1 Introduction", not the title)
        or text[: title.start].strip()
        or text[title.end : second.start].strip()
        or second.level <= parts  # (and so above the title's level too)
        or len(second.label.split()) < _STRAPLINE_WORDS
        or not apart
    ):
        return headings
    return [title, *headings[2:]]


def _body_size(printed: list[PrintedLine]) -> float | None:
    """The size most of a PDF's text is set in (to the half point), or None without text."""
    sizes: Counter[float] = Counter()
    for line in printed:
        sizes[_to_half_point(line.size)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else None


#: How many short lines a PDF may print over its title: a brand or a running head in small type
#: ("Harbourside Lettings" over "Your Deposit and Tenant Fees: A Guide for Tenants").
_OVER_TITLE_LINES = 2
_OVER_TITLE_CHARS = 60
#: How much larger than the text a title set alone in its size is, at least, for a line in the
#: text's own size over it to be no title.
_TITLE_SCALE = 1.5


def brand_title(text: str, headings: list[Heading], printed: list[PrintedLine]) -> str:
    """The PDF's title note ("title:" and a label, for ``load_document``) when a brand is printed
    over its title: its first heading is in its largest type, and the line or two before it are
    short and set smaller than its text ("Harbourside Lettings" in 9 points over the guide's title
    in 18, its text in 10), or it is one line over a title set alone in its size, far larger than
    the text. Else "" (the first line titles it): lines in the text's own size over the first
    heading ("Minutes" / "14 May 2025" over "1. Apologies") are the title and its date."""
    first = headings[0] if headings else None
    # or a line set large over it, but smaller ("The Harrowgate Players present" over the play's
    # name): the first heading of the largest type, alone in it
    titles = [h for h in headings if h.level == 1 and h.label not in (HEADER_LABEL, FOOTER_LABEL)]
    if first is not None and first.level != 1 and len(titles) == 1:
        over_title = headings[: headings.index(titles[0])]
        sizes = Counter(h.level for h in headings)
        # (each line over it in a size of its own: not "Your electricity bill", in the size of the
        # bill's parts, over an amount set large)
        if all(sizes[h.level] == 1 for h in over_title):
            first = titles[0]
    body = _body_size(printed)
    if first is None or first.level != 1 or not first.start or body is None:
        return ""
    over = [" ".join(line.split()) for line in text[: first.start].split("\n") if line.strip()]
    if len(over) > _OVER_TITLE_LINES or any(
        len(line) > _OVER_TITLE_CHARS or line.endswith((".", "!", "?", ":")) for line in over
    ):
        return ""
    size = {" ".join(line.text.split()): _to_half_point(line.size) for line in reversed(printed)}
    smaller = first is not headings[0] or all(line in size and size[line] < body for line in over)
    # or one line in the text's size over a title set far larger than anything else: the only
    # heading of its size ("Brightside Pet Cover" over "Pet Insurance: Policy Summary" in 18
    # points, its parts in 14, its text in 10)
    alone = (
        len(over) == 1
        and sum(h.level == 1 for h in headings) == 1
        and size.get(first.label, 0.0) >= _TITLE_SCALE * body
    )
    return f"title:{first.label[:200]}\n" if smaller or alone else ""


def _title_year(printed: list[PrintedLine], k: int) -> bool:
    """Whether printed line ``k`` is a year that a title of some words wrapped onto a line of its own,
    in the title's size ("… Annual Report Summary" / "2023")."""
    before = printed[k - 1] if k else None
    return (
        before is not None
        and before.size == printed[k].size
        and len(before.text.split()) >= _WRAPPED_TITLE_WORDS
        and YEARS.fullmatch(printed[k].text) is not None
    )


def _to_half_point(size: float) -> float:
    """A type size to the nearest half point: sizes that differ by rounding are one size."""
    return round(size * 2) / 2


def _found(
    lines: list[PrintedLine],
    spans: list[tuple[int, int, str]],
    where: dict[str, list[int]],
    at: int,
    far: bool,
) -> int | None:
    """The first text line at ``at`` or after where ``lines`` are written in a row, or None. A short
    body line is looked for only nearby; a heading or a long line anywhere ahead."""
    keys = [SURROGATE.sub("\ufffd", _NOT_LETTERS.sub("", line.text)) for line in lines]
    if not keys[0]:
        return None
    places = where.get(keys[0], [])
    limit = math.inf if far or len(keys[0]) >= SHORT_CHARS else at + NEAR_LINES
    for n in places[bisect.bisect_left(places, at) :]:
        if n > limit:
            return None
        if all(n + k < len(spans) and spans[n + k][2] == key for k, key in enumerate(keys)):
            return n
    return None


def _line_spans(text: str) -> list[tuple[int, int, str]]:
    """Each non-blank line of ``text``: its start, its end (trailing blanks left out) and its letters
    as ``_NOT_LETTERS`` compares them."""
    out = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            start = pos + len(line) - len(line.lstrip())
            out.append((start, pos + len(line.rstrip()), _NOT_LETTERS.sub("", line)))
        pos += len(line) + 1
    return out


def _with_layout(page: Any, plain: str) -> tuple[str, list[str], list[str]]:
    """``with_paragraphs`` of a page, the plain lines it moved to the page's foot as they are (a
    footer drawn first), and those it read there through the layout (a tear-off slip drawn first)."""
    try:
        layout = page.extract_text(extraction_mode="layout") or ""
    except Exception as exc:  # layout mode fails on some fonts; the plain text still stands
        log.debug("no layout text for a PDF page: %s", exc)
        return plain, [], []
    return _read_with_layout(plain, columns_read_down(plain, layout))


#: The fewest blanks between two columns of text, and the share of a page's lines (and the fewest
#: lines) that must hold text on both sides of them.
_GUTTER = 3
_TWO_SIDED_SHARE = 0.25
_TWO_SIDED_LINES = 5
#: How many lines above the first blank line (below the last) a page's running header (footer)
#: may take, which run across its columns.
_RUNNING_LINES = 2
#: How much closer to the plain text's order the columns read down must come than the layout's
#: lines read across, as a share of the words (``_in_order``).
_ORDER_GAIN = 0.2


def columns_read_down(plain: str, layout: str) -> str:
    """``layout`` with a page set in two columns of text read one column after the other, as the
    plain text gives them, or ``layout`` as it is. The layout lays the columns side by side, a
    line of the left column and a line of the right one on each line, so none of its lines lines
    up with the plain text and the page was read without it: a table in a column one cell per
    line, numbered steps with each number on a line of its own (round 31's mower manual).

    Two columns are a gutter of ``_GUTTER`` blanks or more that no line crosses (but a running
    header or footer: ``_RUNNING_LINES`` lines over the first blank line and under the last),
    with text on both sides on a quarter of the lines or more. A table of two columns looks the
    same, so the columns are read down only where that brings the words far closer to the plain
    text's order (``_ORDER_GAIN``): the plain text gives a column's lines together, a table's
    rows cell after cell. The page is read both with its edges across and without (two columns'
    headings over a shared blank line are no running header), the closer to the plain text kept."""
    lines = layout.split("\n")
    filled = [k for k, line in enumerate(lines) if line.strip()]
    words = len(plain.split())
    if len(filled) < _TWO_SIDED_LINES * 2 or words > _ORDER_WORDS:
        return layout
    best, best_order = layout, None

    def read_down(top: int, bottom: int) -> None:
        """Keep ``lines[top:bottom]`` read as columns where that comes closer to the plain text."""
        nonlocal best, best_order
        for deeper in (False, True):
            down = _read_down(lines, top, bottom, deeper)
            if down is None:
                return
            if best_order is None:  # (compared only where a gutter is found: most pages have none)
                best_order = _in_order(plain, layout) + _ORDER_GAIN
            if (order := _in_order(plain, down)) > best_order:
                best, best_order = down, order

    for top, bottom in dict.fromkeys([_running_edges(lines, filled), (0, len(lines))]):
        read_down(top, bottom)
    if best is layout:
        # Text across the page over two columns (a price page's paragraph over its two columns of
        # lists): the columns under the first blank line with columns under it are read down.
        top, bottom = _running_edges(lines, filled)
        under = next(
            (
                b
                for b in range(top + 1, bottom)
                if not lines[b].strip()
                and lines[b - 1].strip()
                and _columns_of(lines[b:bottom], 0) is not None
            ),
            None,
        )
        if under is not None:
            read_down(under, bottom)
    return best


#: The most words on a page whose columns are compared with the plain text (``_in_order`` takes
#: time that grows with the square of the words where they repeat): a page of two columns holds
#: far fewer.
_ORDER_WORDS = 3000


def _read_down(lines: list[str], top: int, bottom: int, deeper: bool = False) -> str | None:
    """The layout's lines with ``lines[top:bottom]`` read as two columns, the left one first, or
    None when no gutter splits them (``columns_read_down``). With ``deeper``, each column is split
    again where a gutter runs down it: a page in three columns splits at one gutter, and one of
    its halves still holds two columns side by side."""
    columns = _columns_of(lines[top:bottom], _MOST_SPLITS if deeper else 0)
    return None if columns is None else "\n".join([*lines[:top], *columns, *lines[bottom:]])


#: How many times a column may be split again (``_read_down``): four columns at most.
_MOST_SPLITS = 2


def _columns_of(body: list[str], splits: int) -> list[str] | None:
    """``body``'s lines as two columns, the left one's lines first, each split again up to
    ``splits`` times; None when no gutter splits ``body``."""
    width = max((len(line) for line in body), default=0)
    found: list[tuple[int, int]] = []  # (lines with text on both sides, the gutter's start)
    for g in range(1, width - _GUTTER):
        two = 0
        for line in body:
            if line[g : g + _GUTTER].strip():
                break  # a line crosses it
            two += bool(line[:g].strip() and line[g + _GUTTER :].strip())
        else:
            found.append((two, g))
    filled_body = sum(1 for line in body if line.strip())
    most = max((two for two, _ in found), default=0)
    if most < max(_TWO_SIDED_LINES, _TWO_SIDED_SHARE * filled_body):
        return None
    # of the gutters with the most lines on both sides (a wide gap), the one nearest the middle
    g = min((g for two, g in found if two == most), key=lambda g: abs(2 * g - width))
    halves = [(line[:g].rstrip(), line[g + _GUTTER :].rstrip()) for line in body]
    left = _column(halves, 0)
    right = _column(halves, 1)
    while left and not left[-1].strip():
        left.pop()  # (the left column's blank foot and the right one's blank top are no gap)
    while right and not right[0].strip():
        right.pop(0)
    indent = min((len(b) - len(b.lstrip()) for b in right if b.strip()), default=0)
    right = [b[indent:] for b in right]  # the right column from its own left edge
    if splits:
        left = _columns_of(left, splits - 1) or left
        right = _columns_of(right, splits - 1) or right
    # a column that ends its last sentence ends its paragraph: the next column's heading ("Monthly
    # membership" at the right column's top) is no line of it
    ended = (
        bool(left) and left[-1].rstrip().endswith((".", "!", "?")) and bool(right) and bool(right[0].strip())
    )
    return [*left, *([""] if ended else []), *right]


def _column(halves: list[tuple[str, str]], side: int) -> list[str]:
    """One column's lines (``side`` 0: the left, 1: the right) of a page's lines split at its
    gutter. A line blank on this side is a gap in this column where its text ends a sentence or
    a paragraph, or the next line opens one; where a sentence runs on across it to a small letter
    ("…or 10W-30 if" over "you mow in cool weather", "The mobile library now stops" over "outside
    the post office"), it is the other column's line falling between two of this one's (each
    column's lines lie at their own heights, or a cell of the other wraps), or a blank the layout
    set across the page for another column's gap, and no gap in this one. (A capital after the
    blank opens a paragraph or a heading: "The appeal has now raised" over "£18,400 …" keeps it;
    so does a heading, a short line, over "iPhone users open…" across the page.)"""
    out: list[str] = []
    above = ""  # this column's last line with text
    below_at = 0  # where its next line with text is (found once per stretch of blanks)
    width = max((len(pair[side].strip()) for pair in halves), default=0)
    for n, pair in enumerate(halves):
        text, other = pair[side], pair[1 - side]
        if text.strip():
            above = text
            out.append(text)
            continue
        below_at = max(below_at, n + 1)
        while below_at < len(halves) and not halves[below_at][side].strip():
            below_at += 1
        below = halves[below_at][side] if below_at < len(halves) else ""
        runs_on = not above.rstrip().endswith((".", "!", "?", ":")) and below.lstrip()[:1].islower()
        if runs_on and not other.strip():
            # a blank across the page: no gap only under a line as full as the column's lines
            # (a heading over "iPhone users open…" is short)
            runs_on = len(above.strip()) >= _RUN_ON_SHARE * width
        if not runs_on:
            out.append(text)
    return out


#: How full a column's line is, at least, for a sentence to run on from it across a blank line
#: the layout set across the page.
_RUN_ON_SHARE = 0.6


def _running_edges(lines: list[str], filled: list[int]) -> tuple[int, int]:
    """Where a page's body starts and ends among its layout lines (``filled``: those with text):
    past a running header of up to ``_RUNNING_LINES`` lines over the first blank line, and before
    such a footer under the last."""
    top, bottom = 0, len(lines)
    first_blank = next((b for b in range(filled[0], len(lines)) if not lines[b].strip()), 0)
    head = [k for k in filled if k < first_blank]
    if 0 < len(head) <= _RUNNING_LINES:
        top = head[-1] + 1
    last_blank = next((b for b in range(filled[-1], -1, -1) if not lines[b].strip()), -1)
    foot = [k for k in filled if k > last_blank]
    if 0 < len(foot) <= _RUNNING_LINES and last_blank >= top:
        bottom = last_blank
    return top, bottom


def _in_order(plain: str, layout: str) -> float:
    """How much of the plain text's words the layout's lines hold in the same order, as a share."""
    words = plain.split()
    matcher = SequenceMatcher(None, words, layout.split(), autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / max(1, len(words))


def with_paragraphs(plain: str, layout: str) -> str:
    """``plain`` with a blank line before each line that follows a blank line in ``layout``, where
    the two hold the same lines in the same order (spacing aside); where they do not, the plain
    lines as they are (see the end of this docstring).

    A table's row is one printed line that the plain text gives a line per cell ("D", "£68,001 to
    £88,000", "£2,247.93"): where one layout line holds the next few plain lines in order, with a
    column's gap (two blanks or more) between each, it is written as the other loaders write a row,
    "| D | £68,001 to £88,000 | £2,247.93 |" (with no blank line over it when it is the next row
    of a table whose rows are padded apart, ``_padded_on``, and with empty cells where it leaves
    the widest row's columns blank), and a bullet set apart
    from its text as a list item "- …"; without such gaps, as one line, unless it is right over
    rows of as many cells (a header row whose last columns were set too tight to split). Rows of a
    number and some words numbered 1, 2, 3…, with no table about them, are a numbered list's items
    ("1. The government should…"). Two columns of text side by side (or a table whose cells run
    over several lines) hold lines far apart in the plain text, which no run of plain lines
    matches: from the first layout line that does not match, the plain lines stand as they are
    (but for a bullet alone on its line, joined to its item: ``_bullets_joined``), up to where
    a layout line matches a plain line again with the same letters in between
    (``_lined_up_again``); from there the layout is read again. Lines the plain text gives first
    but the layout prints last (a footer drawn first) are read last, as they are (``_drawn_first``)."""
    return _read_with_layout(plain, layout)[0]


def _read_with_layout(plain: str, layout: str) -> tuple[str, list[str], list[str]]:
    """``with_paragraphs``, the plain lines it moved to the page's foot as they are, and those it
    read there through the layout (``_drawn_first``)."""
    printed = layout.split("\n")
    keys = ["".join(raw.split()) for raw in printed]
    lines = plain.split("\n")
    top, cut = _drawn_first(lines, [key for key in keys if key])
    moved, lines = lines[top:cut], lines[:top] + lines[cut:]
    slip: list[str] = []
    if sum(1 for line in moved if line.strip()) > _FURNITURE_LINES:
        # more than a footer (a bill's tear-off slip at the page's foot): read where it is printed,
        # last, through the layout as the rest of the page is
        lines, moved, slip = [*lines, *moved], [], moved
    out: list[str] = []
    #: Per line of ``out`` that joined several cells with blanks (a column gap between some, not
    #: all), the cells: a table's header row whose last columns the layout set too close to split.
    joined: dict[int, list[str]] = {}
    #: Per row of ``out`` of a number and some words ("| 1 | The government should… |"), its cells:
    #: a numbered list's item, when the numbers run 1, 2, 3… with no table about them.
    numbered: dict[int, list[str]] = {}
    #: Per row of ``out``, its cells and where each starts in its layout line.
    columns: dict[int, tuple[list[str], list[int]]] = {}
    #: Per line of ``out`` that joined the heads of two columns side by side, their cells and where
    #: the second starts in its layout line.
    heads_over: dict[int, tuple[list[str], int]] = {}
    #: The rows of ``out`` that a blank line of the layout set apart from the row above, as padding.
    padded_apart: set[int] = set()
    #: The run of table rows the last row of ``columns`` written ends (``_Run``).
    last_run: _Run | None = None
    blanks = 0  # blank lines of the layout right before the line read
    j = 0
    blank_before = False
    resume = 0  # the next layout line to read (past a stretch read without layout)
    rest_apart = False  # whether the plain lines left unread start a paragraph
    rest_at = len(printed)  # the layout line from which they are left unread
    for at, raw in enumerate(printed):
        if at < resume:
            continue
        key = keys[at]
        if not key:
            blank_before = True
            blanks += 1
            continue
        while j < len(lines) and not lines[j].strip():
            out.append("")  # a line of blanks (a spacer) is a blank line
            j += 1
        if j >= len(lines):
            break
        end = _lined_up(lines, j, key)
        wrapped = None
        #: Where a row the page centres in its cells' height (``_centred_row``) has its columns.
        centred_starts: tuple[list[int], list[int]] | None = None
        if end is None:  # only then: most lines line up, and this is read for each of them
            run_on = last_run if last_run is not None and last_run.last == len(out) - 1 else None
            first = _fragments(raw)
            first_starts = [x for x, _ in first]
            in_table = (
                run_on is not None
                and len(out) - 1 not in numbered
                and _aligned(first_starts, run_on.widest) is not None
                and (not blanks or _padded_on(run_on, first_starts, blanks, [x + len(t) for x, t in first]))
            )
            wrapped = _wrapped_row(printed, keys, at, lines, j, in_table)
            if wrapped is None and in_table and run_on is not None:
                wrapped = _centred_row(printed, keys, at, lines, j, run_on.widest)
                if wrapped is not None:
                    centred_starts = (run_on.widest, run_on.ends)
        wrapped_resume = None
        if wrapped is not None:
            # a table's row whose cells run over several printed lines, each cell whole
            wrapped_cells, wrapped_resume, end = wrapped
        if end is None:
            # columns, or lines cut differently: the stretch up to where the two line up again
            # (the same letters in between) is read as the plain text gives it
            again = _lined_up_again(keys, at, lines, j)
            if again is None:
                rest_apart = blank_before and bool(out)  # the rest starts a paragraph all the same
                rest_at = at
                break  # no safe way to line up the rest
            resume, j_again = again
            # tables side by side, which the plain text gives a column at a time, read as rows
            block = _side_by_side_rows(printed[at:resume], lines[j:j_again]) or _under_column_heads(
                out, heads_over, printed, at, _bullets_joined(lines[j:j_again])
            )
            if block and blank_before and out:
                block[0] = _apart(block[0])
            out.extend(block)
            j, last_run = j_again, None
            blanks = 0
            while blanks < resume and not keys[resume - 1 - blanks]:
                blanks += 1
            blank_before = blanks > 0
            continue
        cells = (
            wrapped_cells
            if wrapped_resume is not None
            else [line.strip() for line in lines[j:end] if line.strip()]
        )
        if len(cells) == 1:
            line = lines[j] if end == j + 1 else cells[0]
        elif _BULLET.fullmatch(cells[0]):
            line = "- " + " ".join(cells[1:])  # a bullet set apart from its text: a list item
        elif wrapped_resume is not None or (
            (gaps := len(COLUMN_GAP.split(raw.strip()))) == len(cells)
            and (
                not any(c.endswith((".", "!", "?")) and not _label_abbreviation(c) for c in cells[:-1])
                or _next_row(last_run, len(out), raw, len(cells), blanks)
            )
        ):  # ("It ended.  Then it rained." is a typist's two blanks, not two columns; "Lessa
            # arr." in the columns of a timetable's header row is a cell)
            line = table_row(cells)
            found = list(_CELL.finditer(raw))
            starts, ends = [m.start() for m in found], [m.end() for m in found]
            if centred_starts is not None:  # its first line holds only some cells: the table's
                starts, ends = centred_starts
            if len(starts) == len(cells):  # the layout's cells are the plain text's, one for one
                columns[len(out)] = (cells, starts)
                table_run = last_run if last_run is not None and last_run.last == len(out) - 1 else None
                if table_run is not None and blanks and not _padded_on(table_run, starts, blanks, ends):
                    table_run = None  # set apart: a new block (another table), even in the same columns
                if table_run is not None:
                    # the same table: a blank line over this row is its cells' padding
                    if blank_before:
                        padded_apart.add(len(out))
                    blank_before = False
                widest = table_run.widest if table_run is not None else None
                if widest is not None and len(starts) < len(widest):
                    aligned = _aligned(starts, widest)
                    if aligned is not None:  # empty cells the page leaves blank stay columns
                        padded = _spread(cells, aligned, len(widest))
                        line, starts = table_row(padded), widest
                        columns[len(out)] = (padded, starts)
                        ends = table_run.ends if table_run is not None else ends
                widest_ends = table_run.ends if table_run is not None else ends
                if widest is None or len(starts) >= len(widest):
                    widest, widest_ends = starts, ends
                if table_run is None:
                    last_run = _Run(len(out), widest, 1, 0, widest_ends)
                else:
                    last_run = _Run(
                        len(out), widest, table_run.rows + 1, max(table_run.gap, blanks), widest_ends
                    )
            if _numbered_item(cells):
                numbered[len(out)] = cells
        elif _cells_run_together(last_run, len(out), raw, cells, blanks):
            # a row of a table whose long cell the layout ran into the next ("Brennan)-" over
            # "Age"): the plain text gives its cells apart, as many as the table's columns
            line = table_row(cells)
            assert last_run is not None
            last_run = last_run._replace(last=len(out), rows=last_run.rows + 1)
        else:
            line = " ".join(cells)
            if 2 <= gaps < len(cells) and not any(c.endswith((".", "!", "?", ":")) for c in cells[:-1]):
                joined[len(out)] = cells
            elif gaps == len(cells) == 2 and all(_column_head(c) for c in cells):
                # "What is insured?" beside "What is not insured?": heads of two columns, if the
                # columns follow (``_under_column_heads``)
                found = list(_CELL.finditer(raw))
                if len(found) == 2:
                    heads_over[len(out)] = (cells, found[1].start())
        if wrapped_resume is not None:
            resume = wrapped_resume
        elif len(out) in columns and (
            tail := _wrapped_tail(printed, keys, at, columns[len(out)], lines, end)
        ):
            # its last cell runs on under it: "£1,000" over "(within the vet fee limit)"
            last, resume, end = tail
            row_cells, row_starts = columns[len(out)]
            cells = [*row_cells[:-1], last]
            columns[len(out)] = (cells, row_starts)
            if _numbered_item(cells):
                numbered[len(out)] = cells  # counted whole: "The council should:" goes on under it
            line = table_row(cells)
        out.append(("\n" + line) if blank_before and out else line)
        blank_before = False
        blanks = 0
        j = end
    rows = [_cells(line) for line in out]  # as read, before any line below is rewritten
    for k, cells in joined.items():
        # right over rows of as many cells, with no blank line between: their header row
        if k + 1 < len(out) and not out[k + 1].startswith("\n") and rows[k + 1] == len(cells):
            out[k] = _rewritten(out[k], table_row(cells))
    for k, (cells, starts) in columns.items():
        # a header row over rows of more cells, its first cells left empty ("", "Electricity", "Gas")
        below = columns.get(k + 1)
        # (set apart by a blank line only where the table pads its rows apart so too)
        if (
            below is not None
            and (not out[k + 1].startswith("\n") or k + 2 in padded_apart)
            and len(below[0]) > len(cells)
        ):
            # lined up with the row under it, or with one of the next (a centred column's cells
            # start where their widths put them: "£24.50" under "Jungle King" three places in)
            rows_under = [columns.get(k + d) for d in range(1, _HEADER_ROWS_LOOKED_AT + 1)]
            aligned = next(
                (
                    lined
                    for row in rows_under
                    if row is not None
                    and len(row[0]) == len(below[0])
                    and (lined := _aligned(starts, row[1])) is not None
                ),
                None,
            )
            if (
                aligned is None
                and len(below[0]) == len(cells) + 1
                and starts[0] > below[1][0] + len(below[0][0])
            ):
                # the rows' names end before the header's first cell starts, its cells set left in
                # columns whose figures are set right ("This period" over "122.92"): it names the
                # columns after the names
                aligned = list(range(1, len(cells) + 1))
            if aligned is not None:
                out[k] = _rewritten(out[k], table_row(_spread(cells, aligned, len(below[0]))))
                out[k + 1] = out[k + 1].lstrip("\n")  # the blank between is the rows' padding
    for k, (cells, _) in columns.items():
        # two lists with dot leaders side by side ("Lady Bracknell ...... Janet Moss" beside "John
        # Worthing, J.P. ...... Owen Paterson-Hale"): each cell is a row of its own, not a pair
        # (a name that fills its cell leaves room for three dots: "Costume ... Bernadette Quill…")
        if (
            len(cells) > 1
            and all(leader_row(cell) or short_leader_row(cell) for cell in cells)
            and any(leader_row(cell) for cell in cells)
        ):
            out[k] = _rewritten(out[k], "\n".join(cells))
    for run in _item_runs(numbered, rows, {k for k, line in enumerate(out) if line.startswith("\n")}):
        for k in run:
            number, text = numbered[k]
            # a number is written "1. ", a letter as the page marks it: "(a) Agree a date…"
            mark = f"{number.rstrip('.)')}." if number[0].isdigit() else number
            out[k] = _rewritten(out[k], f"{mark} {text}")
    rest = _under_column_heads(out, heads_over, printed, rest_at, _bullets_joined(lines[j:]))
    if rest_apart and rest and rest[0].strip():
        rest[0] = _apart(rest[0])
    foot = [line for line in moved if line.strip()]
    return "\n".join([*out, *rest, *([""] if foot and (out or rest) else []), *foot]), foot, slip


#: How many lines of a page's running header or footer the plain text may give out of place.
_FURNITURE_LINES = 3
#: The fewest letters of a block of more lines than that which the plain text gives first but the
#: layout prints last: a tear-off slip at the page's foot, drawn right after its header.
_SLIP_CHARS = 120
#: The most plain lines such a block has (each page is read in time linear in its lines).
_SLIP_LINES = 60


def _drawn_first(lines: list[str], printed: list[str]) -> tuple[int, int]:
    """Which plain lines (``lines[top:cut]``) the plain text gives first but the layout prints
    last, or (0, 0): a page's footer drawn before its text ("Harbourside Lettings Ltd · Tenant
    Guide TG-04" and "Page 1", drawn by the page's template) comes first in the plain text, or
    right after the running header the template draws before it, so no layout line lines up with
    the plain lines that follow (the line after it lines up with the next printed line, or opens
    it, ``_RESYNC_CHARS`` characters at least, blanks left out: a letter's address printed beside
    the council's) and the whole page would be read without its layout (no table
    rows, no paragraphs). Read last, each on its line as the plain text gives it, it is at the
    page's foot, as printed, and dropped there with the other pages' footers
    (``running_lines``, which compares each edge with the same edge of the other pages: a
    page whose footer the layout prints elsewhere keeps it at its top, and a footer read last on
    some pages and through the layout on others may differ in shape and stay), or as a lone page
    number. ``printed``: the layout's lines with text, blanks left out."""
    filled = [k for k, line in enumerate(lines) if line.strip()]
    at = 0  # the first plain line (of ``filled``) past the header lines lined up so far
    for header in range(min(_FURNITURE_LINES, len(printed) - 1) + 1):
        if header:  # the header's next printed line, as the plain text's next lines
            if at >= len(filled):
                break
            end = _lined_up(lines, filled[at], printed[header - 1])
            if end is None:
                break
            at = bisect.bisect_left(filled, end)
        if at >= len(filled) or _lined_up(lines, filled[at], printed[header]) is not None:
            continue  # no footer here: the plain text goes on as printed
        found = _footer_at(lines, filled, at, printed, header)
        if found != (0, 0):
            return found
        break
    # a letterhead printed in two columns ("Harebell Lane Dental Practice … NHS & Private
    # Dentistry"), which the plain text gives a column at a time: its letters, whatever their order
    shuffled = _header_shuffled(lines, filled, printed)
    if shuffled is not None:
        header, at = shuffled
        if at < len(filled) and _lined_up(lines, filled[at], printed[header]) is None:
            return _footer_at(lines, filled, at, printed, header)
    return 0, 0


def _footer_at(
    lines: list[str], filled: list[int], at: int, printed: list[str], header: int
) -> tuple[int, int]:
    """``_drawn_first``'s footer at the plain line ``filled[at]``, where the printed line
    ``header`` is due: the next few plain lines, when the line after them lines up with it and
    they are the layout's last printed lines; else (0, 0)."""
    head = ""
    rest = printed[header + 1 :]
    pieces: list[str] = []  # the layout's last printed lines, read from the end as far as needed
    got, t = 0, len(rest)
    for m in range(1, min(_SLIP_LINES, len(filled) - at - 1) + 1):
        head += "".join(lines[filled[at + m - 1]].split())
        if m > _FURNITURE_LINES and len(head) < _SLIP_CHARS:
            continue  # (a block of more lines must hold letters enough not to match by chance)
        after = "".join(lines[filled[at + m]].split())
        if _lined_up(lines, filled[at + m], printed[header]) is None and not (
            len(after) >= _RESYNC_CHARS
            and (
                printed[header].startswith(after)
                or any(after in key for key in printed[header + 1 : header + 1 + _FURNITURE_LINES])
            )
        ):  # (or the plain text gives the printed line's left column first: an address
            # printed beside the council's, "Mrs P. Okonkwo ... Thornbury Vale District Council";
            # or a letterhead's name printed beside its address, whose first line is printed higher)
            continue
        while t > 0 and got < len(head):
            t -= 1
            pieces.append(rest[t])
            got += len(rest[t])
        tail = "".join(reversed(pieces))
        # (the same letters in another order: a footer printed in two columns, "Harrowfield
        # District Council, …  Page 1 of 2" over "Council Tax enquiries: …", which the plain text
        # gives a column at a time)
        if tail == head or (len(tail) == len(head) and Counter(tail) == Counter(head)):
            return filled[at], filled[at + m]
    return 0, 0


#: The most plain lines a running header printed in columns gives.
_HEADER_PIECES = 2 * _FURNITURE_LINES


def _header_shuffled(lines: list[str], filled: list[int], printed: list[str]) -> tuple[int, int] | None:
    """Where a page's first printed lines (a letterhead of two columns) end in the plain text,
    which gives them in another order: (how many printed lines, how many plain lines of
    ``filled``) holding the same letters, the printed ones more than one plain line each; None
    when no such header opens the page."""
    for n in range(1, min(_FURNITURE_LINES, len(printed) - 1) + 1):
        want = Counter("".join(printed[:n]))
        size = sum(want.values())
        have: Counter[str] = Counter()
        got = 0
        for m, k in enumerate(filled[:_HEADER_PIECES], start=1):
            piece = "".join(lines[k].split())
            have.update(piece)
            got += len(piece)
            if got >= size:
                if got == size and have == want and m > n:
                    return n, m
                break
    return None


#: The most words of a column's head ("What is not insured?", "Included"), and how many letters of
#: the second column's first line must match a plain line to place its head over it.
_COLUMN_HEAD_WORDS = 8
_COLUMN_KEY = 16


def _column_head(cell: str) -> bool:
    """Whether a cell could head a column of text: a few words, no sentence."""
    return (
        any(c.isalpha() for c in cell)
        and len(cell.split()) <= _COLUMN_HEAD_WORDS
        and not cell.endswith((".", "!", ";", ","))
    )


def _under_column_heads(
    out: list[str],
    heads_over: dict[int, tuple[list[str], int]],
    printed: list[str],
    at: int,
    block: list[str],
) -> list[str]:
    """``block`` (plain lines read without the layout, from layout line ``at``) with the second
    of two columns' heads set over the second column's first line, when the line just written
    (the last of ``out``) joined both heads: an insurance summary prints "What is insured?" beside
    "What is not insured?", each over a list, and the plain text gives one list after the other,
    so the second list read as more of the first. Each head stands alone between blank lines
    over its column, the second over the second column's first line. Else ``block`` as it is."""
    head = heads_over.get(len(out) - 1)
    if head is None or not block:
        return block
    cells, second = head
    # the second column's first line: the first text the layout prints in its place
    key = ""
    for raw in printed[at:]:
        # (a list's items are indented under their head: "What is not insured?" over "■Conditions…")
        # (and its bullet, set apart, is no text: "\x7f    Conditions…")
        frags = [k for x, t in _fragments(raw) if x >= second - _ALIGN - 1 and (k := _NOT_LETTERS.sub("", t))]
        if frags:
            key = frags[0][:_COLUMN_KEY]
            break
    if len(key) < _RESYNC_CHARS:
        return block
    for b, line in enumerate(block):
        if b and _NOT_LETTERS.sub("", line).startswith(key):
            out[-1] = _apart(cells[0]) if len(out) > 1 else cells[0]
            # each head alone between blank lines, over its column: a part's heading
            return [
                _apart(block[0]),
                *block[1:b],
                "\n" + cells[1],
                _apart(line),
                *block[b + 1 :],
            ]
    return block


#: A field's label that ends in an abbreviation's full stop, not a sentence's: "Account no.",
#: "Customer ref.", "Tel.", "Porthvane dep.".
_LABEL_ABBREVIATION = re.compile(
    r"(?:^|\s)(?i:no|nos|ref|tel|mob|ext|approx|dept|dep|arr|est|reg|acc|qty|max|min|incl|excl)\.$"
)


#: How many rows under a header row with its first cells left empty it is lined up against.
_HEADER_ROWS_LOOKED_AT = 3


def _label_abbreviation(cell: str) -> bool:
    """Whether a cell is a field's label that ends in an abbreviation (``_LABEL_ABBREVIATION``): a
    few words opening with a capital and no other sentence's end in them ("Account no.", not "He
    said no." or "Did it rain? No.")."""
    words = cell.split()
    return (
        len(words) <= _LABEL_WORDS
        and cell[:1].isupper()
        and _LABEL_ABBREVIATION.search(cell) is not None
        and not any(mark in cell[:-1] for mark in ".!?")
        and not (len(words) > 1 and words[0] in _SENTENCE_OPENERS)
    )


#: The most words such a label has; and words that open a sentence, not a label ("He said no.").
_LABEL_WORDS = 3
_SENTENCE_OPENERS = frozenset(["I", "He", "She", "It", "We", "They", "You", "This", "That", "There"])


def _apart(line: str) -> str:
    """A line of ``with_paragraphs``' output with a blank line before it."""
    return line if line.startswith("\n") else "\n" + line


#: How many printed lines one table row's cells may run over.
_WRAPPED_LINES = 6
#: How a cell's text goes on under it: in words, in brackets or with an amount ("(within the vet
#: fee limit)", "up to £1,500", "Access 10am-4pm only" under "None (rolling monthly)"), where a row
#: of its own with its first cells blank would open with a number ("10:30" under "9:00") or a
#: mark ("* prices include VAT").
_CELL_GOES_ON = re.compile(r"[A-Za-z(£$€]")
#: A cell's line broken off mid-phrase: it ends with a word in lower case or a comma ("(8pm to").
_BROKEN_OFF = re.compile(r"[a-z,]$")
#: The fewest words of a cell of prose, whose line may break inside a number ("call us on 01632"
#: over "960 418.").
_PROSE_CELL_WORDS = 8


def _broken_off(cell: str) -> bool:
    """Whether a cell's line breaks off mid-phrase, so that a number under it goes on with it:
    it ends with a word in lower case or a comma (``_BROKEN_OFF``), or it is prose that ends with
    no closing mark, the next line going on with its number ("…call us on 01632" over "960 418.
    You are already…"). A figure under a few words ("9:00" over "10:30") is a row of its own."""
    return _BROKEN_OFF.search(cell) is not None or (
        len(cell.split()) >= _PROSE_CELL_WORDS and not cell.endswith(_ENDS)
    )


#: Marks that end a cell's phrase or sentence.
_ENDS = (".", "!", "?", ";", ":")
#: A cell's line that leaves its phrase open: the next line goes on with it ("Collection from" over
#: "London Bridge"), even in capitals.
_OPEN_END = re.compile(
    r"(?:[,&/-]|\b(?:a|about|after|an|and|at|before|between|by|during|except|for|from|in|including|"
    r"inside|into|near|of|off|on|or|outside|over|per|than|the|to|under|until|up|via|with|within|"
    r"without|exclude|excludes|include|includes))$"
)
#: A line of its own in a cell: a phrase of some words opening with a capitalised word ("Valid
#: student ID required"), not a word or an acronym that a narrow column wrapped ("VAT", "Term").
_OWN_LINE = re.compile(r"[A-Z][a-z]\S*\s+\S")


def _fragments(raw: str) -> list[tuple[int, str]]:
    """A layout line's cells: where each starts, and its text."""
    return [(m.start(), m.group(0)) for m in _CELL.finditer(raw)]


def _wrapped_row(
    printed: list[str], keys: list[str], at: int, lines: list[str], j: int, in_table: bool
) -> tuple[list[str], int, int] | None:
    """A table's row whose cells run over several printed lines (a narrow column wraps them), as
    (its cells, the next layout line, the next plain line), or None.

    The layout line ``at`` holds the first line of each cell, in columns; the lines right under it
    hold only further lines of those cells, each under its column's start. The plain text gives
    such a row cell by cell ("Co-payment", "20% of each claim", "once your pet is 8 or", "older",
    "20% of each claim", …), where rows of their own would come line by line: only when the plain
    lines from ``j`` are exactly the cells' lines in that order is it one row. Two columns of prose
    side by side read the same way, so a cell may not end a sentence where its column goes on
    (a wrapped cell breaks mid-sentence), and a line in every column is the next row, not a wrap;
    and a row of two cells must follow a table's row (``in_table``).

    A row that goes on a table of three columns or more (``_FULL_ROW_CELLS``) is read more
    freely, as a fees table sets its rows: a cell may hold two sentences over a line that leaves
    some column empty ("When rent is more than 14 days overdue." over "Charged from the date…"),
    and a line in every column goes on the row when no column's line above it ends a sentence
    and it goes on their phrases: each of its cells opens in lower case ("request", "rent",
    "early." under "Early termination at your", "Our costs and the landlord's lost", "Only if the
    landlord agrees to end the tenancy"), or some column's line above leaves its phrase open."""
    first = _fragments(printed[at])
    if len(first) < 2 or (len(first) == 2 and not in_table):
        return None
    wide = in_table and len(first) >= _FULL_ROW_CELLS
    starts = [x for x, _ in first]
    under: list[list[tuple[int, str]]] = []  # the lines right under it, each cell in its column
    k = at + 1
    while k < len(printed) and keys[k] and k - at < _WRAPPED_LINES:
        frags = _fragments(printed[k])
        placed = _aligned([x for x, _ in frags], starts)
        if placed is None or (len(placed) == len(starts) and not wide):
            break  # a line in every column is the next row (or prose in columns), not a wrap
        under.append([(c, t) for c, (_, t) in zip(placed, frags, strict=True)])
        k += 1
    # the most lines under it that are its own (the next row may sit in the same columns)
    for n in range(len(under), 0, -1):
        columns: list[list[str]] = [[t] for _, t in first]
        fits = True
        for line in under[:n]:
            above = [col[-1] for col in columns]
            ended = [t.endswith((".", "!", "?")) for t in above]
            if len(line) == len(starts):  # a line in every column (only in a wide table)
                fits = not any(ended) and (
                    all(t[:1].islower() for _, t in line) or any(_OPEN_END.search(t) for t in above)
                )
            elif not wide:
                fits = not any(ended[c] for c, _ in line)
            if not fits:
                break
            for c, t in line:
                columns[c].append(t)
        if not fits:
            continue  # prose, or rows of their own
        end = _given_cell_by_cell(columns, lines, j)
        if end is not None:
            return [" ".join(col) for col in columns], at + 1 + n, end
    return None


def _given_cell_by_cell(cells: list[list[str]], lines: list[str], j: int) -> int | None:
    """Where the plain text's lines from ``j`` end when they are exactly the lines of a row's
    ``cells`` (each cell's lines, one column after the other), blanks aside; else None."""
    expected = ["".join(t.split()) for col in cells for t in col]
    if ["".join(line.split()) for line in lines[j : j + len(expected)]] == expected:
        return j + len(expected)
    return None


def _centred_row(
    printed: list[str], keys: list[str], at: int, lines: list[str], j: int, columns: list[int]
) -> tuple[list[str], int, int] | None:
    """A table's row whose cells the page centres in the row's height, as (its cells, the next
    layout line, the next plain line), or None. A fines table's row "Ride ended outside the trial
    area" beside "£35 plus £5 per mile to" / "recover" and "£50 plus £5 per" / "mile" prints the
    wrapped cells' first lines above the row's one-line first cell: the layout's line ``at`` holds
    cells of later columns only, a line under it holds the first column's, and lines under that
    may hold later columns' last lines. The plain text gives the row cell by cell; only when its
    lines from ``j`` are exactly the cells' lines, column by column, is it one row. ``columns``:
    where the table's columns start (its widest row's cells)."""
    block: list[list[tuple[int, str]]] = []  # per layout line, each cell with its column
    k = at
    with_first = None  # the line that holds the first column's cell
    while k < len(printed) and keys[k] and k - at < _WRAPPED_LINES:
        frags = _fragments(printed[k])
        placed = _aligned([x for x, _ in frags], columns)
        if placed is None or (0 in placed and with_first is not None):
            break  # no cell of the table's, or the next row's first cell
        if 0 in placed:
            with_first = len(block)
        block.append([(c, t) for c, (_, t) in zip(placed, frags, strict=True)])
        k += 1
    if not with_first:  # none, or the first line holds it: a row read as rows are
        return None
    for n in range(len(block), with_first, -1):
        cells: list[list[str]] = [[] for _ in columns]
        for line in block[:n]:
            for c, t in line:
                cells[c].append(t)
        end = _given_cell_by_cell(cells, lines, j)
        if end is not None:
            return [" ".join(col) for col in cells], at + n, end
    return None


def _wrapped_tail(
    printed: list[str], keys: list[str], at: int, row: tuple[list[str], list[int]], lines: list[str], j: int
) -> tuple[str, int, int] | None:
    """The further lines of a table row's last cell, printed right under it in the last column
    and given next by the plain text ("(within the vet fee limit)"), as (the whole cell with them,
    the next layout line, the next plain line), or None. Only text that goes on (``_CELL_GOES_ON``), or a
    number under a cell broken off mid-phrase ("(8pm to" over "10pm) is 500Mbps."): a line that
    opens with a mark, or a number under a whole value ("10:30" under "9:00"), is a row of its own
    with its first cells left blank. A phrase of its own in capitals ("3 months" over "Valid student
    ID required") is set apart with "; ", as the printed lines set it apart."""
    starts = row[1]
    last_cell = list(_CELL.finditer(printed[at]))[-1:]
    # where the last cell's words end on its first line: a centred cell's next line starts inside
    # it, not under its first letter ("T-shirt + free play" over "pass")
    cell_end = last_cell[0].end() if last_cell and last_cell[0].start() == starts[-1] else starts[-1]
    tail: list[str] = []
    k = at + 1
    while k < len(printed) and keys[k] and k - at < _WRAPPED_LINES and j + len(tail) < len(lines):
        frags = _fragments(printed[k])
        if len(frags) != 1:
            break
        at_start = abs(frags[0][0] - starts[-1]) <= _ALIGN
        inside = starts[-1] < frags[0][0] and frags[0][0] + len(frags[0][1]) <= cell_end + _ALIGN
        if not (at_start or inside):
            break
        text = frags[0][1]
        so_far = tail[-1] if tail else row[0][-1]
        if not (_CELL_GOES_ON.match(text) or (text[0].isdigit() and _broken_off(so_far))):
            break
        if "".join(lines[j + len(tail)].split()) != keys[k]:
            break
        tail.append(text)
        k += 1
    if not tail:
        return None
    # A line of its own in the cell ("3 months" over "Valid student ID required") is set apart as
    # the printed lines set it; a phrase that wraps goes on after a blank.
    cell = row[0][-1]
    for text in tail:
        apart = _OWN_LINE.match(text) and not _OPEN_END.search(cell) and not cell.endswith(_ENDS)
        blank = "" if cell.endswith("-") else " "  # "Mon-" over "Fri" is "Mon-Fri"
        cell = f"{cell}{'; ' if apart else blank}{text}" if cell else text
    return cell, k, j + len(tail)


def _numbered_item(cells: list[str]) -> bool:
    """Whether a row's two cells are a number and some words: a numbered list's item, when the
    numbers run 1, 2, 3… with no table about them (``_item_runs``)."""
    return (
        len(cells) == 2
        and _ITEM_NUMBER.fullmatch(cells[0]) is not None
        and len(cells[1].split()) >= _ITEM_WORDS
    )


#: The most characters a cell of a side-by-side table has on average (a label, a figure); two
#: columns of prose hold longer pieces of lines.
_SIDE_CELL_CHARS = 24
#: The cells the first row of tables side by side has at least.
_SIDE_CELLS = 3


def _side_by_side_rows(printed: list[str], plain: list[str]) -> list[str] | None:
    """The rows of tables the page sets side by side (a payslip's payments beside its deductions,
    an employee's details in two pairs of columns), where the plain text gives their cells a line
    each and a table at a time ("Employee name", "Ms Hannah J. Preece", "Employee no.", …): the
    layout's lines read as rows instead, each cell written as the plain text gives it, and a row
    of fewer cells set in the widest row's columns by where its cells' middles fall ("| Basic
    salary |  |  | 2,458.33 | PAYE income tax |  |  | 343.80 |"). None unless the layout's cells
    are the plain lines one for one, short as a table's are on average (``_SIDE_CELL_CHARS``), some
    with figures and none opening in lower case (narrow columns of prose are not read across), from a first
    row of three cells or more, and no row goes on a first cell wrapped onto it (blocks of labels
    and values side by side, each with rows of its own heights, as a gas safety record's engineer,
    landlord and tenant: read across, each line would mix three blocks)."""
    pieces = [line.strip() for line in plain if line.strip()]
    rows: list[list[tuple[int, int, str]]] = []
    for raw in printed:
        found = [(m.start(), m.end(), m.group()) for m in _CELL.finditer(raw) if m.group().strip()]
        if found:
            rows.append(found)
    cells = [c for row in rows for _, _, c in row]
    widest = max(rows, key=len, default=[])
    if (
        not rows
        # columns of prose read across would cut every sentence: a table's cells open no
        # sentence's tail in lower case, and some of them hold figures
        or any(c[:1].islower() for c in cells)
        or not any(ch.isdigit() for c in cells for ch in c)
        or len(rows[0]) < _SIDE_CELLS  # (a letterhead beside the document's kind, "INVOICE", is none)
        or len(cells) != len(pieces)
        or sum(len(c) for c in cells) > _SIDE_CELL_CHARS * len(cells)
        or Counter("".join(c.split()) for c in cells) != Counter("".join(p.split()) for p in pieces)
    ):
        return None
    by_key: dict[str, list[str]] = {}
    for piece in pieces:
        by_key.setdefault("".join(piece.split()), []).append(piece)
    middles = [(a + z) / 2 for a, z, _ in widest]
    out = []
    for row in rows:
        texts = [by_key["".join(c.split())].pop(0) for _, _, c in row]
        if len(row) == 1:
            out.append(texts[0])
            continue
        places = [min(range(len(middles)), key=lambda k: abs(middles[k] - (a + z) / 2)) for a, z, _ in row]
        if len(row) < len(widest) and places == sorted(set(places)):
            if places[0] == 1:
                return None  # a first cell wrapped onto the next line: blocks of rows of their own
            texts = _spread(texts, places, len(widest))
        out.append(table_row(texts))
    return out


def _spread(cells: list[str], columns: list[int], width: int) -> list[str]:
    """A row's cells set in the columns ``_aligned`` found for them, of ``width`` columns in all,
    the rest empty: "| Family swim (2+2) | £14.00 |  |  |"."""
    row = [""] * width
    for cell, column in zip(cells, columns, strict=True):
        row[column] = cell
    return row


def _lined_up(lines: list[str], j: int, key: str) -> int | None:
    """Where the run of plain lines from ``j`` whose letters are exactly ``key`` (a layout line's,
    blanks left out) ends, or None when no run from ``j`` is."""
    end, got = j, ""
    while end < len(lines) and len(got) < len(key) and key.startswith(got):
        got += "".join(lines[end].split())
        end += 1
    return end if got == key else None


#: A layout line as long as this at least (blanks left out) may line the texts up again: a short
#: one ("Yes", "£25") could match a plain line by chance.
_RESYNC_CHARS = 12


def _lined_up_again(keys: list[str], at: int, lines: list[str], j: int) -> tuple[int, int] | None:
    """Past a layout line (``at``) that no run of plain lines from ``j`` matches, the first later
    layout line that lines up with a plain line again, with the same letters in between in both
    (the same text cut into lines differently: a table whose cells run over several lines):
    (that layout line, that plain line), or None."""
    want: Counter[str] = Counter()
    have: Counter[str] = Counter()
    want_n = have_n = 0
    k = j
    for later in range(at, len(keys)):
        if later > at and len(keys[later]) >= _RESYNC_CHARS:
            while k < len(lines) and have_n < want_n:
                piece = "".join(lines[k].split())
                have.update(piece)
                have_n += len(piece)
                k += 1
            while k < len(lines) and not lines[k].strip():
                k += 1
            if have_n == want_n and have == want and _lined_up(lines, k, keys[later]) is not None:
                return later, k
            # else a plain line runs on past this layout line, or the letters differ: read on
        want.update(keys[later])
        want_n += len(keys[later])
    return None


def _bullets_joined(lines: list[str]) -> list[str]:
    """Lines no layout line matched, with each bullet glyph that stands on a line of its own
    joined to the item's text on the next line as "- …" (a PDF's list, read without its layout,
    gives the glyph a line of its own: a lone "\x7f" or "•" over "in cash at any branch")."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if _LONE_BULLET.fullmatch(line.strip()) and nxt and not _BULLET.match(nxt):
            out.append("- " + nxt)
            i += 2
            continue
        out.append(line)
        i += 1
    return out


class _Run(NamedTuple):
    """A run of a table's rows as ``with_paragraphs`` writes them, each right under the one before
    or padded apart (``_padded_on``)."""

    last: int  #: the place of its last row in the lines written
    widest: list[int]  #: where the cells of its widest row start in their layout line
    rows: int  #: how many rows it has
    gap: int  #: the most blank layout lines between two of its rows
    ends: list[int]  #: where the cells of its widest row end in their layout line


#: How many cells a row needs for one blank line over it to be its padding whatever the rows above.
_FULL_ROW_CELLS = 3


def _padded_on(run: _Run, starts: list[int], blanks: int, ends: list[int]) -> bool:
    """Whether a table's row set ``blanks`` blank lines under a run of rows (``with_paragraphs``'
    ``last_run``) is that table's next row, set apart only by its cells' padding: the run's rows
    are set as far apart (a header alone over it: one blank line), and its cells sit in the
    columns of the run's widest row (a row may leave its first or last cells empty), or a header
    alone over it leaves its corner empty ("|  | Electricity | Gas |" over "| Day rate | … |"), or
    names the row's columns where the page centres them ("Medium" over "£48": each of the row's
    cells, ending at ``ends``, lies under one of the header's). Two tables one under the other
    are set further apart than a table's rows, or in columns of their own."""
    # cells the page centres lie under the run's (``_under``) where its rows are set as far apart,
    # or under a header alone; one blank line under rows set tight starts another table, even in
    # the same columns
    aligned = _aligned(starts, run.widest) is not None or (
        (run.rows == 1 or blanks <= run.gap) and _under(run, starts, ends)
    )
    full = aligned and len(starts) == len(run.widest) >= _FULL_ROW_CELLS
    if blanks > (run.gap if run.rows > 1 and not full else 1):
        # (one blank line over a row with a cell in each of three columns or more is row
        # padding, even where the rows above were set closer: the layout rounds each row's
        # height, so a table whose rows differ in height gets blank lines here and there)
        return False
    if aligned:
        return True
    return run.rows == 1 and len(starts) > len(run.widest) and _aligned(run.widest, starts) is not None


def _under(run: _Run, starts: list[int], ends: list[int]) -> bool:
    """Whether a row's cells (starting at ``starts``, ending at ``ends`` in their layout line) lie,
    cell for cell, in the columns of a run's widest row: each starts where its cell does, or lies
    under it where the page centres them ("Medium" over "£48", "—" under "08:55 a")."""
    return len(starts) == len(run.widest) == len(run.ends) == len(ends) and all(
        _in_column(a, b, head_start, head_end)
        for a, b, head_start, head_end in zip(starts, ends, run.widest, run.ends, strict=True)
    )


def _in_column(a: int, b: int, head_start: int, head_end: int) -> bool:
    """Whether a cell from ``a`` to ``b`` in its layout line lies in the column of a head from
    ``head_start`` to ``head_end``: starting where it does, or under it where the page centres it."""
    return abs(a - head_start) <= _ALIGN or (a < head_end and head_start < b)


def _next_row(run: _Run | None, at: int, raw: str, cells: int, blanks: int) -> bool:
    """Whether a layout line of ``cells`` cells, to be written at ``at``, is the next row of a
    table of three columns or more whose run ends right above it: its cells in the run's columns
    (some may be left blank), set as its rows are (``_padded_on``). Such a line's cells are cells
    even where one ends in a full stop ("Porthvane dep." under "Route"), which elsewhere marks two
    sentences a typist set apart."""
    if (
        run is None
        or run.last != at - 1
        or len(run.widest) < _FULL_ROW_CELLS
        or not 2 <= cells <= len(run.widest)
    ):
        return False
    found = list(_CELL.finditer(raw))  # as many as ``cells``: the caller split ``raw`` alike
    starts, ends = [m.start() for m in found], [m.end() for m in found]
    in_columns = _aligned(starts, run.widest) is not None or _under(run, starts, ends)
    return in_columns and (not blanks or _padded_on(run, starts, blanks, ends))


def _cells_run_together(run: _Run | None, at: int, raw: str, cells: list[str], blanks: int) -> bool:
    """Whether a layout line is the next row of the table whose run ends right above it (at
    ``at - 1``, no blank line between), the plain text's ``cells`` as many as the table's columns,
    but one of its pieces two cells run together with no blank between (a relay team's name
    printed up to the "-" in the Age column: "Kestrel Vale "A" (Horton, …, Brennan)-"): each
    piece is one cell or two in order, each in its column (``_in_column``)."""
    if run is None or run.last != at - 1 or blanks or len(cells) != len(run.widest):
        return False
    if len(cells) < _FULL_ROW_CELLS:  # ("Source:" and its words under a table of two columns)
        return False
    found = list(_CELL.finditer(raw))
    if len(found) != len(cells) - 1:
        return False
    k, merged = 0, 0
    for m in found:
        if not _in_column(m.start(), m.end(), run.widest[k], run.ends[k]):
            return False
        piece = "".join(m.group().split())
        one = "".join(cells[k].split())
        if piece == one:
            k += 1
        elif k + 1 < len(cells) and piece == one + "".join(cells[k + 1].split()):
            k, merged = k + 2, merged + 1
        else:
            return False
    return k == len(cells) and merged == 1


def _rewritten(line: str, new: str) -> str:
    """``new`` in place of a line of ``with_paragraphs``' output, keeping the blank line before it."""
    return ("\n" if line.startswith("\n") else "") + new


def _aligned(starts: list[int], columns: list[int]) -> list[int] | None:
    """The column each of a row's cells starts in (within two characters of a column's start, the
    columns in order), or None when one does not line up with any."""
    out: list[int] = []
    for at in starts:
        near = [c for c, col in enumerate(columns) if abs(col - at) <= _ALIGN and (not out or c > out[-1])]
        if not near:
            return None
        out.append(near[0])
    return out


def _item_count(mark: str) -> int:
    """Where an item's mark counts: 3 for "3.", "3)" or "3"; 2 for "(b)", "b)" or "b."."""
    bare = mark.strip("().")
    return int(bare) if bare.isdigit() else ord(bare) - ord("a") + 1


def _item_runs(numbered: dict[int, list[str]], rows: list[int], apart: set[int]) -> list[list[int]]:
    """The runs of ``numbered`` rows that are a list's items: numbered 1, 2, 3… in order, two or
    more, with no other table row among them or right next to them (a table whose first column
    counts, "| 24 | Emergency repairs… |", stays a table). A table set apart by a blank line
    (``apart``: the rows with one over them) is no neighbour: a leaflet's numbered cleaning steps
    over its "How often | Task" table are still steps."""
    runs: list[list[int]] = []
    run: list[int] = []
    last = 0  # the number of the row before
    for k in sorted(numbered):
        n = _item_count(numbered[k][0])
        if run and n == last + 1:
            run.append(k)
        else:
            runs.append(run)
            run = [k] if n == 1 else []
        last = n
    runs.append(run)

    def alone(run: list[int]) -> bool:
        lo = run[0] if run[0] in apart else max(0, run[0] - 1)
        hi = run[-1] + 1 if run[-1] + 1 in apart else min(len(rows), run[-1] + 2)
        return all(rows[i] == 0 for i in range(lo, hi) if i not in numbered)

    return [r for r in runs if len(r) >= 2 and alone(r)]


def _cells(line: str) -> int:
    """How many cells a row written by ``table_row`` has (0 for any other line)."""
    s = line.strip()
    return s.count(" | ") + 1 if s.startswith("| ") and s.endswith(" |") else 0


#: A list item's bullet glyph, which a PDF sets apart from the item's text (a font's glyph may come
#: out as a control character); not "-" or "–", which a table writes for an empty value.
_BULLET = re.compile(r"[•·▪‣●○■□◦\x7f\uf0b7\uf0a7]")
#: A bullet glyph that, alone on its line with no layout to go by, is a list item's for sure: not
#: a middle dot ("·", a separator) or an empty box ("□", a form's tick box). A filled box ("■") is
#: how a PDF's ticks and crosses in a symbol font come out.
_LONE_BULLET = re.compile(r"[•▪‣●◦■\x7f\uf0b7\uf0a7]")
#: What a line's letters are compared by (``type_headings``): no blanks, no table bars, no bullets
#: (the text writes a row as "| a | b |" and a bullet as "- ").
_NOT_LETTERS = re.compile(rf"[\s|-]|{_BULLET.pattern}")
#: A list item's number or letter set apart from its text ("1", "2.", "3)", "(a)", "b)", "c."), and
#: the fewest words of text that
#: make the pair an item rather than a table's row of a number and a name ("| 1 | Apples |").
_ITEM_NUMBER = re.compile(r"\d{1,2}[.)]?|\(?[a-z]\)|[a-z]\.")
_ITEM_WORDS = 4
#: A cell of a layout line: words with single blanks (of any kind) between them, as
#: ``index.rows.COLUMN_GAP`` splits them.
_CELL = re.compile(r"\S+(?:\s\S+)*")
#: How far (in characters) a header's cell may start from its column's start in the layout.
_ALIGN = 2


def _shape(line: str) -> str:
    """A line with its digits as one mark: "Newsletter - Page 2" and "- Page 3" share a shape."""
    return re.sub(r"\d+", "#", " ".join(line.split()).lower())


def _edges(text: str) -> list[tuple[str, int]]:
    """The indexes of a page's first and last ``EDGE_LINES`` lines that hold anything, each with its
    side ("top" or "bottom"): a running header repeats at the top, a footer at the bottom."""
    filled = [i for i, line in enumerate(text.split("\n")) if line.strip()]
    return [("top", i) for i in filled[:EDGE_LINES]] + [("bottom", i) for i in filled[-EDGE_LINES:]]


#: A line that ends mid-sentence, and one that goes on with it: "…the work done on it this" over
#: "month." is prose running over its line, whatever repeats at the page's edge.
_OPEN_LINE = re.compile(r"[\w,]\s*$")
_GOES_ON = re.compile(r"\s*[a-z]")
_ENDS_SENTENCE = re.compile(r"[.!?][\"”’)]?\s*$")


def _continues(lines: list[str], i: int) -> bool:
    """Whether line ``i`` ends a sentence that the line above it began ("month." under "…done on
    it this"); a lowercase footer ("www.hebdenparish.gov.uk") under prose ends no sentence."""
    above = next((line for line in reversed(lines[:i]) if line.strip()), None)
    return (
        above is not None
        and bool(_OPEN_LINE.search(above))
        and bool(_GOES_ON.match(lines[i]))
        and bool(_ENDS_SENTENCE.search(lines[i]))
    )


def _numbers_page(line: str, page: int, offset: int | None) -> bool:
    """Whether ``line`` names its page by number: it writes the page's number as printed (the PDF's
    page ``page``, from 0, plus the ``offset`` of the document's numbering) or, without one, as
    counted from 1."""
    numbers = {int(n) for n in re.findall(r"\d{1,3}", line)}
    return page + (offset if offset is not None else 1) in numbers


#: A footer line's end that numbers the only page, after a separator ("… · Page 1 of 1").
_ONE_PAGE_FOOTER = re.compile(r"\s[·|•–—-]\s*page\s*1(?:\s*(?:of|/)\s*1)?\s*$", re.I)


def running_lines(pages: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Each page without its running header and footer, and the lines of that header and of that
    footer, each once as first printed (a page number alone left out): a report's number or a
    firm's address may be printed nowhere else ("Brightwell Heating · Report BHP-25-11873 · Page
    1/2"), and is read once, as a Word document's header is.

    Running lines are those at the top (or at the bottom) of at
    least half of the pages (two at least) that are the same on each, or differ only by the page's
    own number ("Newsletter - Page 2"); and lines that only number the page, counted in order ("3",
    "- 4 -", "Page 5 of 9"). A number or a "Total £12" at a page's edge otherwise stays, and so does
    a line that carries on the sentence above it ("month." under "…done on it this", which the
    last line of one page and the second of the next both were).

    A header or footer of more lines than a page's edge (``EDGE_LINES``: a letterhead of five
    lines, the practice's name and address beside its phone and registration) is peeled an edge
    at a time, on a side whose whole edge was running lines on every page, while each page's new
    edge repeats too (a recipe's "Method", second from the foot over a page number, is the page's)."""
    out, top, bottom, full = _running_once(pages, frozenset(("top", "bottom")))
    for _ in range(_PEELS):
        if not full:
            break
        out, more_top, more_bottom, full = _running_once(out, full)
        top, bottom = top + more_top, more_bottom + bottom
    return out, top, bottom


#: How many more times ``running_lines`` peels a page's edges after the first.
_PEELS = 3


def _running_once(
    pages: list[str], sides: frozenset[str]
) -> tuple[list[str], list[str], list[str], frozenset[str]]:
    """``running_lines`` of each page's outermost ``EDGE_LINES`` lines on ``sides``, and the sides
    whose edge lines were all dropped on every page (of two or more)."""
    lines_of = [text.split("\n") for text in pages]
    edges = [[(side, i) for side, i in _edges(text) if side in sides] for text in pages]
    whole = {side: len(pages) >= 2 for side in sides}
    # How the document numbers its pages: the most common printed-minus-counted value of lone numbers.
    offsets: dict[int, int] = {}
    for page, (lines, edge) in enumerate(zip(lines_of, edges)):
        for _, i in edge:
            if _PAGE_NUMBER.fullmatch(lines[i].strip()):
                for n in re.findall(r"\d{1,3}", lines[i])[:1]:
                    offsets[int(n) - page] = offsets.get(int(n) - page, 0) + 1
    common = max(offsets, key=lambda k: offsets[k], default=None)
    offset = common if common is not None and offsets[common] >= 2 else None
    counts: dict[tuple[str, str], set[int]] = {}
    texts: dict[tuple[str, str], set[str]] = {}
    for page, (lines, edge) in enumerate(zip(lines_of, edges)):
        for side, i in edge:
            key = (side, _shape(lines[i]))
            counts.setdefault(key, set()).add(page)
            texts.setdefault(key, set()).add(" ".join(lines[i].split()))
    repeated = {k for k, on in counts.items() if len(on) >= 2 and len(on) * 2 >= len(pages)}
    out = []
    first: dict[tuple[str, str], str] = {}  # each running line's key, with its words as first printed
    for page, (lines, edge) in enumerate(zip(lines_of, edges)):
        drop = set()
        for side, i in edge:
            line = lines[i]
            key = (side, _shape(line))
            running = (
                key in repeated
                and (len(texts[key]) == 1 or _numbers_page(line, page, offset))
                and not _continues(lines, i)
            )
            numbered = _PAGE_NUMBER.fullmatch(line.strip()) is not None
            if running or (numbered and _numbers_page(line, page, offset)):
                drop.add(i)
            if running and not numbered:  # (a page's number is no words)
                first.setdefault(key, line.strip())
            elif side == "bottom" and len(pages) == 1 and (one := _ONE_PAGE_FOOTER.search(line)):
                # a one-page letter's or invoice's footer, which nothing repeats: its "Page 1 of 1"
                # names it ("Clearview Window Cleaning · … · Fully insured · Page 1 of 1")
                words = line[: one.start()].strip()
                if any(c.isalpha() for c in words):
                    drop.add(i)
                    first.setdefault(key, words)
        out.append("\n".join(line for i, line in enumerate(lines) if i not in drop).strip("\n"))
        for side in sides:
            on_side = [i for s, i in edge if s == side]
            whole[side] = whole[side] and len(on_side) == EDGE_LINES and all(i in drop for i in on_side)
    top = [line for (side, _), line in first.items() if side == "top"]
    bottom = [line for (side, _), line in first.items() if side == "bottom"]
    return out, top, bottom, frozenset(side for side, yes in whole.items() if yes)


#: A list item's opening as the loader writes it: "- Opened…", "3. Ran…"; and how many lines the
#: item ending a page may run to.
_ITEM_LINES = 3
_PAGE_ITEM = re.compile(r"\s*(?:- (?=[^\W\d_])|(\d{1,2})[.)] (?=\S))")


def _list_runs_on(before: str, page: str) -> bool:
    """Whether ``page`` opens with an item of the list that ends the page ``before``: the last
    paragraph of ``before`` opens with an item written the same way ("- Helped 1,150 people…" /
    "Brightwater Citizens Advice." over the break, then "- Replaced our delivery van…")."""
    first = _PAGE_ITEM.match(page)
    if first is None:
        return False
    lines = before.rstrip().rsplit("\n\n", 1)[-1].split("\n")
    # the last item of that paragraph, wrapped over two lines at most
    for line in reversed(lines[-_ITEM_LINES:]):
        opened = _PAGE_ITEM.match(line)
        if opened:
            number, last = first.group(1), opened.group(1)
            if number is None or last is None:  # bullets on both pages
                return number is None and last is None
            return int(number) == int(last) + 1  # "4." after "3.", not a part's "1. Finances"
    return False


def _ending_table(page: str, carried: str | None) -> str | None:
    """The first row (its header, if it has one) of the table whose rows end ``page``, or None
    when the page ends otherwise; ``carried``: that of the table the page goes on from the page
    before, when its rows run from the page's top (a table over three pages keeps its header)."""
    lines = page.rstrip().split("\n")
    width = _cells(lines[-1])
    if not width:
        return None
    top = len(lines) - 1
    while top and _cells(lines[top - 1]) == width:
        top -= 1
    return carried if top == 0 and carried is not None else lines[top]


def _table_runs_on(header: str, page: str) -> str | None:
    """``page`` as it goes on the table that ends the pages before it, whose first row is
    ``header``, when it opens with that table's next rows (as many cells each), or None. A header
    the page prints again over them (a long table printed with its header on every page) is left
    out: the rows read on under the first page's header, where a repeated header would start a
    table of its own ("| Ticket | Single |…" over "| Dog | Free |…"). A row of labels over rows of
    data, under a header, is another table's header ("| Name | Phone |" over "| Ann | 0123 |")."""
    lines = page.split("\n")
    width = _cells(header)
    if _cells(lines[0]) != width:
        return None
    labels = header_labels(table_cells(header))
    if lines[0].strip() == header.strip() and labels:
        if len(lines) < 2 or _cells(lines[1]) != width:
            return None  # the header alone: nothing to read on under it
        return "\n".join(lines[1:])
    if (
        labels
        and header_labels(table_cells(lines[0]))
        and len(lines) > 1
        and _cells(lines[1]) == width
        and not header_labels(table_cells(lines[1]))
    ):
        return None
    return page


#: A bullet a PDF's font gives no readable character for (reportlab's "•" comes out as U+007F,
#: Symbol's as a private-use glyph), at a line's or a table cell's start before its item's words.
_GLYPH_BULLET = re.compile(r"(?m)(^[ \t]*|\|[ \t]+)[\x7f\uf0b7\uf0a7](?=[ \t]+[^\s|])")
#: The same glyph anywhere else: a separator between words, which the page shows as "•".
_GLYPH_ANYWHERE = re.compile(r"[\x7f\uf0b7\uf0a7]")
#: A blank line between two items of a bulleted list.
_ITEM_GAP = re.compile(r"(?m)^([ \t]*[-•][ \t]+\S[^\n]*)\n[ \t]*\n(?=[ \t]*[-•][ \t]+\S)")


def readable_list(text: str) -> str:
    """A PDF's bulleted list as the loader writes lists: an unreadable bullet glyph at an item's
    start is "-" (one character for one), in a table's cell too ("| - 1 tbsp vegetable oil |"),
    and "•" elsewhere (a footer's separator, "Exams Office  •  01632 960 418", not a control
    character), and the items are lines of one paragraph. A race guide's water stations read "\x7f 3 km –
    Millbrook Road", with blank lines after every other item, as the layout's spacing fell."""
    text = _GLYPH_BULLET.sub(lambda m: m.group(1) + "-", text)
    return _ITEM_GAP.sub(lambda m: m.group(1) + "\n", shown_glyphs(text))


def shown_glyphs(text: str) -> str:
    """``text`` with the bullet glyph a font gives no readable character for written "•", as the
    page shows it: a separator between words ("Exams Office  •  01632 960 418" in a running
    footer), not a control character. One character for one: offsets stay."""
    return _GLYPH_ANYWHERE.sub("•", text)


#: A page's last line is full when it is this long beside the longest of the lines over it (a
#: line wrapped at the page's foot: "…please contact" over the next page's "Payroll on…").
_FULL_LINE = 0.85
_FULL_LINES_LOOKED_AT = 12


def _full_last_line(page: str) -> bool:
    """Whether a page's last line runs to the measure of the lines over it, as a wrapped line does
    (not a list's item)."""
    lines = [
        line.rstrip()
        for line in page.rstrip("\n").rsplit("\n", _FULL_LINES_LOOKED_AT)[-_FULL_LINES_LOOKED_AT:]
    ]
    last = lines[-1] if lines else ""
    if len(lines) < 2 or (not last[-1:].isalnum() and not last.endswith(",")) or _PAGE_ITEM.match(last):
        return False  # (nor a form's blank, "Date: ______", or a table's row)
    return len(last) >= _FULL_LINE * max(len(line) for line in lines)


def _prose_opens(page: str) -> bool:
    """Whether a page opens with a capital in prose that runs on: its first paragraph ends a
    sentence somewhere, and is more than one line or that line ends a sentence ("Emergency Service
    on 0800 111 999."); a part's heading alone over a blank line ("Contents insurance") is none."""
    first = page.split("\n\n", 1)[0].strip("\n")
    if not page[:1].isupper() or SENTENCE_END_AT.search(first) is None:
        return False
    return "\n" in first or _ENDS_SENTENCE.search(first) is not None


def joined_pages(pages: list[str]) -> str:
    """The pages' texts as one, a blank line between two pages, except where a sentence runs over
    the page break ("The council agreed to" / "move £10,000 into…"), a list does (one paragraph,
    not two), or a table does (its rows under one header: ``_table_runs_on``)."""
    out: list[str] = []
    header: str | None = None  # the first row of the table that ends the text so far
    for page in (p for p in pages if p):
        table_on = False
        if out:
            runs_on = _OPEN_LINE.search(out[-1][-40:]) and (
                _GOES_ON.match(page) or (_full_last_line(out[-1]) and _prose_opens(page))
            )
            if header is not None and (went_on := _table_runs_on(header, page)) is not None:
                page, table_on = went_on, True
            out.append("\n" if runs_on or table_on or _list_runs_on(out[-1], page) else "\n\n")
        out.append(page)
        header = _ending_table(page, header if table_on else None)
    return "".join(out)
