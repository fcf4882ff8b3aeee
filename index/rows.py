"""Rows of tables: read from plain text as a line shows them ("Vans ........ GBP 2,000" with dot
leaders, "Day Pass (24 hours)  GBP 6.50" with a gap), and written by the loaders that extract a
table ("| Item | Price |").

``leader_row`` is shared by the write path, which makes each such line a sentence of its own
(``index.sentences``), and the read path, which reads such a sentence under its list's lead-in
(``bot.lexical.is_item``); ``gap_row`` lets a short line over such rows head them
(``index.sections``); ``table_row`` writes a row as the HTML, Word and CSV loaders all do. Only
``re``: the read path imports it at start-up.
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
#: An amount in a table's cell: a price, a share, a sum with pence ("£14.50/month", "15%", "4.50");
#: the HTML loader asks whether a cell opens with one, the read side whether a value holds one.
AMOUNT = re.compile(r"[£$€]\s?\d|\d+(?:[.,]\d+)?\s?%|\b\d+[.,]\d{2}\b")


def leader_row(line: str) -> bool:
    """Whether a line is a row with dot leaders: a short name, the dots, a short value that opens
    with a capital, a digit or a sign, or holds a digit, or is one word ("Included", "5", "£1,000").
    Prose with dots is not: "So we waited...... and waited.", a quotation cut short ". . . . The
    tenant shall pay the rent…", a form's blank ("my child ........ to attend")."""
    m = _LEADER_RUN.search(line)
    return m is not None and _name_and_value(line[: m.start()], line[m.end() :])


def leader_value_column(line: str) -> int | None:
    """Where the value of a row with dot leaders starts in its line (past the dots and the blanks
    after them), or None for a line without leaders."""
    m = _LEADER_RUN.search(line)
    return m.end() if m is not None else None


#: Three dots between blanks: a leader a name that fills its line left room for.
_SHORT_LEADER = re.compile(r"(?<=\S) \.{3} (?=\S)")


def short_leader_row(line: str) -> bool:
    """Whether a line is a row whose leader is three dots ("Costume ... Bernadette Quill and the
    Wardrobe Team", "Main hall - Friday and Saturday evenings after 6pm ... £28.00"), a name and a
    value as ``leader_row`` takes them. Prose cut short is written so too ("We waited ... Then it
    rained."), so this only confirms what a neighbour with a full leader suggests."""
    found = list(_SHORT_LEADER.finditer(line))
    return len(found) == 1 and _name_and_value(line[: found[0].start()], line[found[0].end() :])


#: The gap between two columns of a table laid out with blanks (a PDF's layout text, a plain-text
#: table): two blanks or more.
COLUMN_GAP = re.compile(r"\s{2,}")
#: The gap between a row's name and its value when the row has no leaders: two blanks or more (or a
#: tab) after the name's last character, which is no sentence's or clause's end.
_GAP = re.compile(r"(?<=[^\s.!?:;,])(?: {2,}|\t+ *)(?=\S)")


def gap_row(line: str) -> bool:
    """Whether a line is a row of a price list or a table without leaders: a short name, a gap of
    blanks, then a short value as ``leader_row`` takes it ("Day Pass (24 hours)  GBP 6.50"). One
    line alone does not say it is a row (typed prose may hold a double space), so this only
    confirms what its neighbours suggest."""
    stripped = line.strip()
    gaps = list(_GAP.finditer(stripped))
    if len(gaps) != 1:
        return False
    return _name_and_value(stripped[: gaps[0].start()], stripped[gaps[0].end() :])


def table_row(cells: list[str]) -> str:
    """A table's row as every loader writes it, one line: "| Sauna | 45 min | 7.50 |"."""
    return "| " + " | ".join(cells) + " |"


#: The most columns one table cell is read as merged across (Word's ``gridSpan``, HTML's
#: ``colspan``): each column it spans is written as an empty cell after it.
MOST_SPAN = 64
#: The longest words a cell spanning rows has written again in each row it spans (a label: "Winter",
#: "Staffed"); a longer one, or a table in it, stands in its first row only, the others' cell empty.
SPANNED_CHARS = 80


def table_cells(row: str) -> list[str]:
    """The cells of a table's row as the loaders write it ("| Sauna | 45 min | 7.50 |"), stripped."""
    return [c.strip() for c in row.strip().strip("|").split("|")]


def filled_cells(cells: list[str]) -> int:
    """How many of a table row's cells hold text."""
    return sum(1 for c in cells if c)


#: A year or a span of years: "2024", "2023/24", "2024-2025", "2024 – 25" (a column's label, the
#: end of a PDF's title, a copyright line's dates).
YEARS = re.compile(r"\b(?:19|20)\d\d(?:\s*[-–/]\s*(?:\d\d|(?:19|20)\d\d))?\b")


def numbers_besides_years(text: str) -> bool:
    """Whether a text holds a number once its years and spans of years (``YEARS``) are left out."""
    return any(ch.isdigit() for ch in YEARS.sub("", text))


def column_label(cell: str) -> bool:
    """Whether a table's cell could name its column: it opens with a letter ("Weeks 1-6", "Under
    5s") or holds no number but a year ("2024/25")."""
    return bool(cell) and (cell[0].isalpha() or not numbers_besides_years(cell))


def header_labels(cells: list[str], named: list[bool] | None = None) -> bool:
    """Whether a table's row could name its columns: two cells of text or more, each opening with
    a letter ("Weeks 1-6") or holding no number but a year ("2024/25"), where a row of data holds
    an amount, a time or a phone number ("| Adult swim | £5.40 |"). Unlike the read side's
    ``bot.lexical.labels_only``, which tells a header from a row it is shown over, a year passes
    here: this decides what a document marks, not what one row says. ``named``: per cell, whether
    it names its column, where a loader knows more than the cell (a spreadsheet's column under
    it); ``column_label`` by default."""
    return filled_cells(cells) >= 2 and all(
        named[col] if named is not None else column_label(c) for col, c in enumerate(cells) if c
    )


def table_rule(columns: int) -> str:
    """The line a loader writes under a table's header row when the document marks one (a web
    page's ``<th>`` cells, a Word table's repeated or bold header, a spreadsheet's header line), as a
    Markdown table writes it: "| --- | --- |".
    It says which row names the columns (``Retriever.columns_row``) where the cells alone cannot
    ("| Band | 2023/24 |" over "| A | £1,204 |"; "| Feature | Basic |" over "| Wi-Fi | yes |");
    it is no sentence of the index (``index.sentences``)."""
    return table_row(["---"] * columns)


def _name_and_value(name: str, value: str) -> bool:
    name, value = name.strip(), value.strip()
    if not 0 < len(name) <= _NAME_CHARS or not 0 < len(value) <= _VALUE_CHARS:
        return False
    if _SENTENCE_BREAK.search(value):
        return False
    return bool(_VALUE_OPENS.match(value)) or any(c.isdigit() for c in value) or " " not in value


def has_leader(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``text[start:end]`` holds a run of dot leaders anywhere (a quick test before reading
    its lines one by one)."""
    return _LEADER_RUN.search(text, start, len(text) if end is None else end) is not None
