"""Exact sentence spans inside sections, with sentencex doing the boundary detection.

sentencex (Wikimedia's rule-based segmenter) handles abbreviations such as "U.S." and "Gen.", and keeps
a closing quotation mark with its sentence. Its spans are re-checked against the canonical text, and
whitespace is trimmed, so ``doc.text[start:end] == text`` holds for every sentence by construction.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import re
from collections.abc import Iterable
from typing import Any

import sentencex

from .rows import COLUMN_GAP, has_leader, header_labels, leader_row, leader_value_column, short_leader_row
from .types import Section, Sentence

#: Longer "sentences" (tables flattened to text, lists without punctuation) are cut at whitespace,
#: so that a quote stays readable and fits a Discord embed field.
MAX_SENTENCE_CHARS = 600
#: Paragraphs longer than this are given to sentencex in windows (see ``_boundaries``).
_WINDOW_CHARS = 10_000

#: The marks that open a list's item on its line: a bullet, or a box or a tick of a checklist
#: ("☐ Shown the fall zones", "✓ Free parking"), which a form prints where a list prints "•".
ITEM_BULLETS = "-*+•☐☑☒□■▪◦‣✓✔✗✘"
#: One of them, as a pattern: what the loaders' and the read side's item patterns open with.
BULLET = f"[{re.escape(ITEM_BULLETS)}]"
#: A footnote's definition as Markdown writes it, at a line's start: "[^1]: …" (its mark in group 1).
FOOTNOTE_DEFINITION = re.compile(r" {0,3}(\[\^[^\]\n]{1,40}\]):[ \t]")

#: A blank line, or one of a quoted email's ("\n>\n"): paragraphs end there.
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*(?:>[ \t\u00a0>]*)?\n")
#: Abbreviations that never end a sentence. sentencex splits after any abbreviation followed by a common
#: sentence opener ("Met Dr. | Who …", "for e.g. | The Times"); after these words that is always wrong.
_NEVER_FINAL = frozenset(
    [
        "mr.",
        "mrs.",
        "ms.",
        "messrs.",
        "dr.",
        "prof.",
        "gen.",
        "lt.",
        "col.",
        "maj.",
        "capt.",
        "cmdr.",
        "adm.",
        "sgt.",
        "cpl.",
        "sen.",
        "rep.",
        "gov.",
        "pres.",
        "rev.",
        "hon.",
        "amb.",
        "e.g.",
        "i.e.",
        "cf.",
        "vs.",
    ]
)
_OPEN = {"“": "”", "«": "»", "„": "“"}
#: Markdown emphasis that closes the previous sentence ("**How do I…?**" then its answer on the next
#: line): sentencex ends the sentence at "?" and hands the closing "**" to the next one.
_CLOSING_EMPHASIS = re.compile(r"(?:\*{1,3}|_{1,3}|~~)(?=\s|$)")
#: A reply on its own ("Yes.", "No.") opens the sentence that explains it: an FAQ's answer is
#: "No. Bikes left outside a station are charged a £20 fee.", and "No." alone answers nothing.
_BARE_REPLY = re.compile(
    r"[*_]{0,3}(?:yes|no|yep|nope|sure|correct|certainly|of course|not yet|sorry)[.!]?[*_]{0,3}", re.I
)
#: A short aside in brackets standing alone, with no sentence end inside: "(takes 30 seconds)".
_ASIDE_ALONE = re.compile(r"\([^().!?\n]{1,60}\)")
#: A letter's label abbreviated before what it names, on the same line: "Enc. Condensation leaflet",
#: "Ref. RP/118407", "Tel. 01632 960 418". Cut after it, the label says nothing and its line loses it.
_LABEL_ABBREVIATION = re.compile(r"(?:enc|encl|encs|ref|tel|mob|fax|attn|fao|cc|nb)\.", re.I)
#: A list number on its own ("1.", "4)", "IV.", "Step 2."): sentencex ends a sentence after the number
#: of "1. Rent is due." (not of "1. Heat the oven."), and "1." alone says nothing.
#: A step's label, a list number in words ("Step 2.", "stage 3:"); ``bot.lexical`` reads it too.
STEP_LABEL = r"(?i:step|stage)[ \t]+\d{1,3}[.):]"
_LIST_NUMBER = rf"(?:{STEP_LABEL}|(?:\d{{1,3}}|[IVXivx]{{1,5}}|[A-Za-z])[.)])"
_BARE_NUMBER = re.compile(_LIST_NUMBER)
#: The same number, or a bullet, alone on a sentence's last line ("Rules:\n1." of "Rules:\n1. Rent
#: is due.", "…which direction you are rowing.\n  *" of an indented list): it opens the next item.
_TRAILING_NUMBER = re.compile(rf"\n[ \t]*({_LIST_NUMBER}|[-*+•])$")
#: …when the line before it ends as a list's lead-in or item does, not mid-phrase ("compressed O\n2.
#: This method…" is a formula broken over two lines).
_ENDS_LINE = re.compile(r"[.:;!?)\]\"”’*_][ \t]*$")
#: A line opening with a field's label of one to three words: "Apologies: …", "Opening hours: …",
#: a quoted email's "> From: …".
_FIELD_REST = r"(?:[ \t][\w'’&/-]+){0,2}:[ \t]+\S)"
_FIELD = r"[ \t]*(?:>[ \t]*)*([A-Z][\w'’&/-]*" + _FIELD_REST
IS_FIELD = re.compile(_FIELD)
#: …or a count ("8 weeks before: send your form", "2 weeks before: we email your notice"), when
#: cutting lines apart: a panel of deadlines holds one a line, under its title.
#: (A line's field may have four words, one with a bracketed ending: "Weight at last visit: 9.2 kg",
#: "Job date(s): 10 March".)
_LINE_FIELD_REST = r"(?:[ \t][\w'’&/-]+(?:\(\w{1,3}\))?){0,3}:[ \t]+\S)"
_LINE_FIELD = r"[ \t]*(?:>[ \t]*)*((?:[A-Z][\w'’&/-]*|\d{1,3})" + _LINE_FIELD_REST
_FIELD_LINE = re.compile(r"\n" + _LINE_FIELD)
_IS_LINE_FIELD = re.compile(_LINE_FIELD)
#: Whole words that sentencex reads as abbreviations ("May." as in "Mar.", "me."), so it does not end
#: a sentence after them when the next word is a name: "The talks began in May. Blinken said…" stayed
#: one sentence. Followed by a blank and a capital, they always end one.
#: So do a place's letter after its kind ("behind Block D. Cars left…", "Gate B. Buses"), which
#: sentencex reads as a person's initial.
_FALSE_ABBREVIATION = re.compile(
    r"(?<![\w.])(?:[Mm]ay|[Mm]e|(?:Block|Flat|Gate|Room|Unit|Zone|Level|Floor|Wing|Hall|Platform|Terminal"
    r"|Stand|Bay|Pier|Berth|Plot|Area|Building|Tower|Entrance|Exit|Car park|Phase|Plan"
    r"|Option|Appendix|Annex|Schedule|Vitamin)[ \t][A-Z])\.(?=\s+[\"“‘«(]?([^\W\d_]))"
)


def quotation_share(text: str) -> float:
    """Share of characters inside quotation marks: a high share means the source's own words."""
    inside = 0
    depth_close: str | None = None
    straight_open = False
    for ch in text:
        if depth_close is not None:
            if ch == depth_close:
                depth_close = None
            else:
                inside += 1
        elif ch == '"':
            straight_open = not straight_open
        elif straight_open:
            inside += 1
        elif ch in _OPEN:
            depth_close = _OPEN[ch]
    return inside / max(1, len(text.strip()))


def _content_segments(text: str, lo: int, hi: int, skip: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Paragraphs of ``text[lo:hi]`` with boilerplate spans cut out.

    ``skip`` is sorted and non-overlapping (as ``boilerplate_spans`` returns it): only the spans near
    ``lo`` are looked at, so a document of many sections and many skip spans stays linear.
    """
    pieces: list[tuple[int, int]] = []
    cursor = lo
    for i in range(max(0, bisect.bisect_right(skip, lo, key=lambda span: span[0]) - 1), len(skip)):
        s, e = skip[i]
        if s >= hi:
            break
        if e <= lo:
            continue
        if s > cursor:
            pieces.append((cursor, s))
        cursor = max(cursor, e)
    if cursor < hi:
        pieces.append((cursor, hi))
    out = []
    for s, e in pieces:
        pos = s
        for m in _PARAGRAPH_BREAK.finditer(text, s, e):
            out.append((pos, m.start()))
            pos = m.end()
        out.append((pos, e))
    return [(s, e) for s, e in out if text[s:e].strip()]


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """``text[s:e]`` without blanks at either end, nor the ">" marks that quote its first line (a
    quoted email's or a Markdown blockquote's: no part of what is said)."""
    while s < e and (text[s].isspace() or (text[s] == ">" and _quote_mark(text, s))):
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _quote_mark(text: str, at: int) -> bool:
    """Whether the ">" at ``at`` quotes its line: only marks and blanks before it on the line, and
    the line next to it quoted too (a block: "> 30 days: £5" alone means more than 30 days)."""
    start = text.rfind("\n", 0, at) + 1
    if text[start:at].replace(">", "").strip():
        return False
    above = text[text.rfind("\n", 0, max(start - 1, 0)) + 1 : start].lstrip(" \t") if start else ""
    end = text.find("\n", at)
    below = text[end + 1 :].lstrip(" \t") if end >= 0 else ""
    return above.startswith(">") or below.startswith(">")


#: Where an over-long "sentence" is best cut, most natural first: after a sentence end that
#: sentencex did not take (a quotation it thought open, a list of names), after a semicolon or a
#: colon, after a comma, at any blank.
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
_CUTS = (
    _SENTENCE_END,
    re.compile(r"[;:]\s"),
    re.compile(r",\s"),
    re.compile(r"\s"),
)


_INITIALS = re.compile(r"(?:^|[\s(])(?:[A-Za-z]\.)+$")


def _after_abbreviation(window: str, at: int) -> bool:
    """Whether the period at ``window[at]`` closes an abbreviation ("Gen.", "U.S.", "J.") rather
    than a sentence."""
    head = window[: at + 1]
    words = head.split()
    last = words[-1] if words else ""
    return last.lstrip("([{“‘\"'").lower() in _NEVER_FINAL or bool(_INITIALS.search(head))


def _cut_long(text: str, s: int, e: int, limit: int) -> list[tuple[int, int]]:
    spans = []
    while e - s > limit:
        window = text[s : s + limit]
        cut = limit
        for i, pattern in enumerate(_CUTS):  # the last match of the most natural kind, not too early
            ends = [
                m.end()
                for m in pattern.finditer(window)
                if m.end() > limit // 3 and not (i == 0 and _after_abbreviation(window, m.start()))
            ]
            if ends:
                cut = ends[-1]
                break
        spans.append(_trim(text, s, s + cut))
        s = _trim(text, s + cut, e)[0]
    spans.append((s, e))
    return [(a, b) for a, b in spans if b > a]


def sentence_spans(
    text: str, lo: int, hi: int, skip: list[tuple[int, int]], max_chars: int = MAX_SENTENCE_CHARS
) -> list[tuple[int, int]]:
    """Trimmed sentence spans of ``text[lo:hi]``, never crossing a paragraph or a boilerplate span."""
    spans: list[tuple[int, int]] = []
    for seg_s, seg_e in _content_segments(text, lo, hi, skip):
        for s, e, row in _table_runs(text, seg_s, seg_e):
            if row:
                spans.extend(_cut_long(text, *_trim(text, s, e), max_chars))
            else:
                spans.extend(_prose_spans(text, s, e, max_chars))
    return spans


#: A Markdown table row ("| E01 | Water tank empty | Fill the tank. |"), and the rule under its
#: header ("|---|:---:|"), which says nothing.
_TABLE_ROW = re.compile(r"[ \t]*\|[^\n]*")
_TABLE_RULE = re.compile(r"[ \t]*\|[\s|:\-]*")


#: A gap between two columns: two blanks or more, not after a sentence's end (a typist's double
#: space after a full stop, closing marks after it allowed) or a comma, nor after a list's or a
#: clause's number at the start of a line ("2.1  The rent is…", "(b)  The Landlord shall…"); but
#: a label cut short, lined up with its field's colon ("Frame no.   : WVC21-0884312"), is one.
_GAP = re.compile(r"(?:(?<=[^\s.!?:;,])(?<![.!?][\"”’')\]])|(?<=\.)(?=[ \t]{2,}:))[ \t]{2,}(?=\S)")
_LINE_NUMBER = re.compile(r"[ \t]*(?:\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}[.)]|\(?[a-zA-Z]{1,4}\)|[-*•+])")
#: A line with more gaps than this is justified prose, not a table's row.
_MOST_GAPS = 6
#: A rule of dashes (or equals signs) under a table's header, in one piece or one per column.
_RULE_LINE = re.compile(r"[ \t]*(?:-{3,}|={3,})(?:[ \t]+(?:-{3,}|={3,}))*[ \t]*")


def indent_end(text: str, at: int, end: int | None = None) -> int:
    """Where the text of the line at ``at`` starts, past its indentation (blanks and tabs), before
    ``end`` (the line's end; default: the text's)."""
    end = len(text) if end is None else end
    while at < end and text[at] in " \t":
        at += 1
    return at


def _gap_columns(text: str, a: int, z: int) -> set[int]:
    """Where the columns after the gaps of the line ``text[a:z]`` start, counted from its start."""
    body = indent_end(text, a, z)  # past the line's indentation, which is no gap
    out = set()
    for m in _GAP.finditer(text, body, z):
        if _LINE_NUMBER.fullmatch(text, a, m.start()):
            continue  # a clause's number, not a column
        out.add(m.end() - a)
    return out if len(out) <= _MOST_GAPS else set()


#: An amount that ends a line after a gap: "£1,677.00", "335.40", "£12".
_LAST_AMOUNT = re.compile(r"(?<=\S)[ \t]{2,}[£$€]?\d[\d,]*(?:\.\d\d)?[ \t]*$")


def _amount_edge(text: str, a: int, z: int) -> int | None:
    """Where the line ``text[a:z]`` ends, as a negative column, when it ends with an amount after
    a gap (a total set flush right under a table's last column), else None."""
    if _LAST_AMOUNT.search(text, a, z) is None:
        return None
    return -len(text[a:z].rstrip())


#: A line that goes on a row's cells: it opens in lower case or a bracket ("beeps repeated" under
#: "Red light flashes fast, 3 long"), where a row of its own opens with a capital or a number.
_GOES_ON = re.compile(r"[a-z(]")


def _broken_off(line: str) -> bool:
    """Whether a line breaks off mid-phrase: it ends on a word, with no sentence's end, comma or
    number before that word ("…does not call at Pennock or Under")."""
    line = line.rstrip(" \t")
    word = len(line)
    while word and line[word - 1].isalpha():
        word -= 1
    before = line[:word].rstrip(" \t")[-1:]
    return word < len(line) and before not in (".", "!", "?", ":", ";", ",", ")") and not before.isdigit()


#: The most blanks a first cell's line is hung in under its row.
_HANG = 4


#: Two blanks or more between a row's cells, whatever ends the cell before them.
_CELLS_APART = re.compile(r"[ \t]{2,}")


def _left_open(cell: str) -> bool:
    """Whether a table's cell breaks off mid-phrase: on a comma, a dash or an open bracket, or on a
    word that runs on ("and", "of", "with")."""
    cell = cell.rstrip(" \t")
    return (
        _RUNS_ON.search(cell) is not None
        or cell.endswith(("(", "-", "–", "/", "&"))
        or cell.count("(") > cell.count(")")
    )


def _wraps_on(
    text: str, a: int, body: int, z: int, cols: set[int], starts: set[int], shared: set[int]
) -> bool:
    """Whether the line ``text[a:z]`` (its text from ``body``; its gap columns ``cols``) holds
    further lines of the cells of the table row above, whose cells start at ``starts`` (the columns
    every row shares: ``shared``)."""
    # a first cell's line hung a few blanks in under its row ("Call-out and diagnosis…   1   each
    # 85.00" over "  (Vaillant ecoTEC plus 832) showing F.28"): a new row starts at the margin
    above = text[text.rfind("\n", 0, a - 1) + 1 : a - 1]
    hanging = (
        not cols
        and 0 in starts
        and 0 < body - a <= _HANG
        # it goes on a phrase: in lower case or a bracket, or under a first cell left open ("…,
        # washers," over "  PTFE tape)"), never a note of its own ("  Students: 10% off.")
        and (_GOES_ON.match(text, body) is not None or _left_open(_CELLS_APART.split(above.strip(), 1)[0]))
    )
    if body >= z or (body - a not in starts and not hanging) or not cols <= starts:
        return False
    # the last column's cell goes on alone under a row that fills it, a capital or not ("Was 1 g
    # BD;" over "GP to review" in a notes column): no row leaves every other column blank
    last_alone = not cols and body - a == max(starts) > 0 and len(above.rstrip()) > body - a
    if not _GOES_ON.match(text, body) and not last_alone and not hanging and (cols or not _broken_off(above)):
        # a capital goes on only in one cell, under a line broken off mid-phrase ("…at Pennock or
        # Under" over "Ashmere on this journey."), not a row's cells ("Low pressure   Top up…")
        return False
    if shared <= cols:
        return False  # a line in every column is a row of its own
    edges = sorted(starts)
    for start in (body - a, *sorted(cols)):
        end = _GAP.search(text, a + start, z)
        width = (end.start() if end else len(text[a + start : z].rstrip()) + a + start) - a
        later = [e for e in edges if e > start]
        if later and width > later[0]:
            return False  # it runs on into the next column: a note across the table, not a cell
    return True


#: A second table's ruled header has more rows than this under it ("Total  Two" alone under a rule
#: closes a table, under its last row).
_OWN_HEADER_ROWS = 1


def _column_rows(
    text: str, s: int, e: int, heads: dict[int, tuple[int, int]] | None = None
) -> tuple[set[int], set[int], dict[int, int]]:
    """Where the lines of plain-text tables start in ``text[s:e]``, where their rules of dashes
    start, and where each row that runs on over the lines under it ends (and, into ``heads``, per
    row under a header, where that header row starts and ends: ``column_headers``): two lines or more in a
    row whose columns line up (a gap in each that ends at the same place; a rule between them
    aside). sentencex, which reads no columns, ran such a block into one "sentence" or cut it in
    mid-line ("Dr Helen Okafor" / "(F) MBChB MRCGP …"). Prose does not line up: a typist's double
    spaces fall anywhere.

    A narrow column wraps its cells onto the lines under a row, in its columns ("Check gas is on at
    the meter" over "and other gas appliances work,"): such a line goes on the row above, which
    ends with it, when it opens in lower case where a column does, each of its pieces fits in its
    column, and it leaves some column blank (a line in every column is a row of its own: "ls  list
    the files"). A note under a table's closing rule, or one that runs across the columns, is none."""
    rows: set[int] = set()
    rules: set[int] = set()
    ends: dict[int, int] = {}
    run: list[int] = []
    run_rules: list[int] = []
    run_ends: dict[int, int] = {}
    shared: set[int] = set()
    starts: set[int] = set()  # where the run's cells start: its columns and its first indentation
    after_rule = False  # the line before was a rule of dashes

    first_end = s  # where the run's first line ends

    def close() -> None:
        if len(run) >= 2:
            rows.update(run)
            rules.update(r for r in run_rules if r < run[-1])
            ends.update(run_ends)
            if heads is not None and run_rules and run_rules[0] == first_end + 1:
                # a rule of dashes right under the first line: the table's header row; a later
                # row of labels with a rule right under it heads a second table set under the
                # first with no blank line between ("Light  Colour  Means" / "-----  ------")
                under = set(run_rules)
                header = (run[0], first_end)
                for k, r in enumerate(run[1:], 1):
                    end = text.find("\n", r, e)
                    end = e if end < 0 else end
                    if (
                        end + 1 in under
                        and len(run) - k - 1 > _OWN_HEADER_ROWS
                        and header_labels(COLUMN_GAP.split(text[r:end].strip()))
                    ):
                        header = (r, end)  # with rows of its own under it, not a totals row
                    else:
                        heads[r] = header

    a = s
    while a < e:
        z = text.find("\n", a, e)
        z = e if z < 0 else z
        if a < z and run and _RULE_LINE.fullmatch(text, a, z):
            run_rules.append(a)
            after_rule = True
            a = z + 1
            continue
        after_rule = False
        cols = _gap_columns(text, a, z)
        body = indent_end(text, a, z)
        # an amount set flush right after a gap ends a column too ("Subtotal    £1,677.00" over
        # "VAT @ 20%     £335.40"), its right edge kept as a negative column
        edge = _amount_edge(text, a, z) if cols else None
        keyed = cols | {edge} if edge is not None else cols
        if (
            run
            and not after_rule
            and _wraps_on(text, a, body, z, cols, starts, {c for c in shared if c >= 0})
        ):
            run_ends[run[-1]] = z  # the row above goes on here
        elif run and keyed & shared:
            shared &= keyed
            starts |= cols | {body - a}
            run.append(a)
        else:
            close()
            run, shared = ([a], keyed) if cols else ([], set())
            starts = cols | {body - a} if cols else set()
            run_rules, run_ends, first_end = [], {}, z
        a = z + 1
    close()
    return rows, rules, ends


def column_headers(text: str) -> dict[int, tuple[int, int]]:
    """Per row of a plain-text table in columns whose header row has a rule of dashes under it
    ("Code   Meaning   What to do" / "----   -------   ----------"), where the row's line starts →
    where its header row starts and ends. The read side reads such a row with its header, as it
    reads a Markdown table's: "What does a steady red light mean?" asks "Meaning" of the row
    "Red, steady   Drum unit worn out   Call the helpdesk"."""
    heads: dict[int, tuple[int, int]] = {}
    if "  " in text and ("---" in text or "===" in text):  # no rule, no header: most texts
        _column_rows(text, 0, len(text), heads)
    return heads


#: A border line of a table drawn in characters ("+------+-------+", "+======+" under a header),
#: and a row that leaves its first cell empty ("|        | £12.17 a day |").
_GRID_BORDER = re.compile(r"[ \t]*\+[-=:+]*[-=][-=:+]*\+[ \t]*")
_FIRST_CELL_EMPTY = re.compile(r"[ \t]*\|[ \t]*\|")


def _grid_row_end(text: str, line: int, end: int, stop: int) -> int:
    """Where a row of a table drawn with borders ends: a row whose cells run over several lines
    between two border lines, the lines under the first leaving its first cell empty ("| Food
    and drink | £5.71 a day (up to 10 hours away) |" over "|  | £12.17 a day (over 10 hours
    away) |"), is one row, as drawn; quoted alone, the second line lost its label. Else ``end``."""
    above = text.rfind("\n", 0, max(0, line - 1)) + 1
    if line == 0 or not _GRID_BORDER.fullmatch(text, above, line - 1):
        return end
    last, at = end, end + 1
    while at < len(text):
        nxt = text.find("\n", at)
        nxt = len(text) if nxt < 0 else nxt
        if _GRID_BORDER.fullmatch(text, at, nxt):
            return last  # the border under the row (boilerplate, past ``stop``): one row
        if nxt > stop or not (_TABLE_ROW.fullmatch(text, at, nxt) and _FIRST_CELL_EMPTY.match(text, at)):
            return end
        last, at = nxt, nxt + 1
    return end


def _table_runs(text: str, s: int, e: int) -> list[tuple[int, int, bool]]:
    """``text[s:e]`` cut into table rows (one each, rules left out) and the prose between them.

    A table is read line by line: sentencex, which knows no tables, ran a table without full stops
    together into one "sentence" and cut one with them in mid-row ("clicks. |" / "| E02 |"). A line
    with dot leaders is a row too: sentencex ended a "sentence" at the leader's dots, so each value
    went with the next line's name ("GBP 1,200 Premium and estate cars ........")."""
    columns, rules, ends = _column_rows(text, s, e) if text.find("  ", s, e) >= 0 else (set(), set(), {})
    leaders = has_leader(text, s, e)
    if text.find("|", s, e) < 0 and not leaders and not columns:
        return [(s, e, False)]  # no table here: most paragraphs
    out: list[tuple[int, int, bool]] = []
    pos = s
    line = s
    while line < e:
        end = text.find("\n", line, e)
        end = e if end < 0 else end
        rule = line in rules
        if (
            rule
            or line in columns
            or _TABLE_ROW.fullmatch(text, line, end)
            or (leaders and (leader_row(text[line:end]) or _short_leader_beside(text, line, end, s, e)))
        ):
            if pos < line:
                out.append((pos, line, False))
            end = ends.get(line, end)  # a row that runs on over the lines under it
            end = _grid_row_end(text, line, end, e)
            if leaders and line not in columns:
                end = _leader_value_runs_on(text, line, end, e)
            if not rule and not _TABLE_RULE.fullmatch(text, line, end):
                out.append((line, end, True))
            pos = end
        line = end + 1
    if pos < e:
        out.append((pos, e, False))
    return [(a, z, row) for a, z, row in out if text[a:z].strip()]


def _leader_value_runs_on(text: str, line: int, end: int, e: int) -> int:
    """The end of a row with dot leaders whose value wraps onto the lines under it, set where the
    value starts ("2.30pm ........ Show opens to the public; teas and" over "cakes served by the
    WI" indented to "Show"), or ``end`` as it is: the wrapped words are the row's, not a sentence
    of their own."""
    column = leader_value_column(text[line:end])
    if column is None or column < _VALUE_INDENT:
        return end
    while end < e:
        nxt = text.find("\n", end + 1, e)
        nxt = e if nxt < 0 else nxt
        below = text[end + 1 : nxt]
        indent = len(below) - len(below.lstrip(" "))
        if not below.strip() or indent != column or has_leader(below):
            return end
        end = nxt
    return end


#: How far in a wrapped value must start, at least, to be told from a line of its own.
_VALUE_INDENT = 8


def _short_leader_beside(text: str, line: int, end: int, s: int, e: int) -> bool:
    """Whether the line ``text[line:end]`` is a row with a three-dot leader (``short_leader_row``)
    right under or over a row with a full one, within ``text[s:e]``."""
    if not short_leader_row(text[line:end]):
        return False
    before = text.rfind("\n", s, max(s, line - 1))
    above = text[(s if before < 0 else before + 1) : line - 1] if line > s else ""
    below_end = text.find("\n", end + 1, e)
    below = text[end + 1 : e if below_end < 0 else below_end] if end < e else ""
    return leader_row(above) or leader_row(below)


#: Footnote marks alone: Markdown's "[^3]", superscript figures, "*" and daggers.
_FOOTNOTE_MARKS = re.compile(r"(?:\[\^[\w-]{1,20}\]|[¹²³⁴-⁹⁰*†‡]){1,6}")


def _prose_spans(text: str, s: int, e: int, max_chars: int) -> list[tuple[int, int]]:
    """Trimmed sentence spans of the prose ``text[s:e]`` (no table rows)."""
    spans: list[tuple[int, int]] = []
    found: list[tuple[int, int]] = []
    for bs, be in _boundaries(text, s, e):
        a, z = _trim(text, bs, be)
        if z <= a:
            continue
        if found and (
            _ends_with_never_final(text[found[-1][0] : found[-1][1]])
            or (_MERIDIEM_END.search(text, *found[-1]) and _TIME_ZONE.match(text, a, z))
        ):
            a = found.pop()[0]
        closing = _CLOSING_EMPHASIS.match(text, a, z)
        if found and closing and not text[found[-1][1] : a].strip():
            # Only blanks lie between: the marker goes back to the sentence it closes.
            found[-1] = (found[-1][0], closing.end())
            a = _trim(text, closing.end(), z)[0]
            if z <= a:
                continue
        if (
            found
            and "\n" not in text[found[-1][1] : a]
            and not any(c.isalnum() for c in text[a:z])
            and not text.startswith("![", a)
        ):
            # marks alone after a sentence on its line (an emoji, "💸", a "→"): that sentence's
            # (not a Markdown image's "!", which goes with its "[alt](path)", below)
            found[-1] = (found[-1][0], z)
            continue
        if found and _FOOTNOTE_MARKS.fullmatch(text, a, z) and "\n" not in text[found[-1][1] : a]:
            # a footnote's mark after a sentence's full stop ("…wrote in.[^3]") is that sentence's
            found[-1] = (found[-1][0], z)
            continue
        lead = _FOOTNOTE_MARKS.match(text, a, z)
        if (
            found
            and lead
            and text[lead.end() : lead.end() + 1] in (" ", "\t")
            and "\n" not in text[found[-1][1] : a]
        ):
            # and so when sentencex cut before it: "…from 10am.[^1] We will clear…"
            found[-1] = (found[-1][0], lead.end())
            a = _trim(text, lead.end(), z)[0]
            if z <= a:
                continue
        if (
            found
            and found[-1][1] == a
            and text[found[-1][0] : found[-1][1]] == "!"
            and text.startswith("[", a)
        ):
            # a Markdown image's "!" that sentencex cut off its "[alt](path)": one piece
            a = found.pop()[0]
        if found and (
            _BARE_REPLY.fullmatch(text, *found[-1])
            or (
                "\n" not in text[found[-1][1] : a]
                and (
                    # a letter's label ("Enc. Condensation leaflet"), a key's entry ("Comm. =
                    # communal area."), an aside in brackets after a sentence ("What did you think
                    # of this service? (takes 30 seconds)"): one sentence with the piece before
                    _LABEL_ABBREVIATION.fullmatch(text, *found[-1])
                    or text[a] in "=≈"
                    or _ASIDE_ALONE.fullmatch(text, a, z)
                    # a separator between a line's parts, not an item: "Brackenridge Foods Ltd •
                    # Mill Road Industrial Estate • Carnforth Green"
                    or (
                        text[a] in "•·"
                        and found[-1][1] - found[-1][0] <= _SEPARATED_LINE_CHARS
                        and _MID_SENTENCE.match(text, found[-1][1] - 1, found[-1][1]) is not None
                    )
                )
            )
        ):
            a = found.pop()[0]
        elif found and "\n" not in text[found[-1][1] : a]:
            # A list number (or bullet) cut off its text on the same line opens that text again;
            # a cut after a word, on the same line, is none: sentencex cuts a menu's "…vanilla ice
            # cream | (V) £7.00" before a letter in brackets, as before a clause's "(v)".
            if _BARE_NUMBER.fullmatch(text, *found[-1]) or (
                _MID_SENTENCE.search(text, *found[-1]) and _LETTER_IN_BRACKETS.match(text, a, z)
            ):
                a = found.pop()[0]
            elif (tail := _TRAILING_NUMBER.search(text, *found[-1])) and (
                tail.group(1) in ITEM_BULLETS or _ENDS_LINE.search(text, found[-1][0], tail.start())
            ):
                # a bullet opens its line's item wherever the line before ended ("…shown above;
                # and\n  * if you have…", "…10am to 3pm\n  * Fairlea…"); a number only after a
                # line that ends as a list's line does, for a formula breaks lines too
                found[-1] = _trim(text, found[-1][0], tail.start())
                a = tail.start(1)
        found.append((a, z))
    found = [span for a, z in found for span in _split_item_lines(text, a, z)]
    found = [span for a, z in found for span in _split_day_lines(text, a, z)]
    found = [span for a, z in found for span in _split_short_lines(text, a, z)]
    for a, z in found:
        for fa, fz in _split_field_lines(text, a, z):
            for pa, pz in _split_false_abbreviations(text, fa, fz):
                spans.extend(_cut_long(text, pa, pz, max_chars))
    return spans


#: A piece that ends mid-sentence (on a word or a number), and one that opens with a letter in
#: brackets ("(V) £7.00", "(GF)").
_MID_SENTENCE = re.compile(r"[\w,]$")
#: The longest piece a "•" between a line's parts joins on to: a letterhead's line, not a run of
#: thousands of parts (each join would read the piece again).
_SEPARATED_LINE_CHARS = 240
_LETTER_IN_BRACKETS = re.compile(r"\([A-Za-z]{1,3}(?:,\s?[A-Za-z]{1,3})*\)")
#: A checklist's box typed in plain text, empty or ticked: "[ ] Sleeping bag", "[x] Towel".
_TYPED_BOX = r"\[[ xX✓✔]\]"
#: A line that opens with a bullet or a typed box: a list item of its own (in a quoted message
#: too, "> * …").
_BULLET_LINE = re.compile(rf"\n[ \t]*(?:>[ \t]*)*(?:{BULLET}|{_TYPED_BOX})[ \t]+\S")
#: A line that opens with an item's number or letter ("5. **Animals.**", "   b. Food may…") under a
#: line that ends a sentence: the next item, where sentencex read a number after a full stop as
#: the sentence's own ("…lobby.\n2. **Look after…**" was one sentence, and a list's last lettered
#: item swallowed the next numbered rules).
_NUMBERED_ITEM_LINE = re.compile(r"\n[ \t]*(?:\d{1,3}|[a-z])[.)][ \t]+\S")
#: The end of a sentence, closing marks and emphasis after it, at the end of a line.
_SENTENCE_ENDS_LINE = re.compile(r"[.!?:;][\"”’')\]*_]*[ \t]*$")


def _split_item_lines(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """``text[s:e]`` cut before each line that opens with a bullet, or with an item's number or
    letter under a line that ends a sentence (``_NUMBERED_ITEM_LINE``): one sentence never runs
    over two items (sentencex ran "(V) £7.00\n- Dark chocolate torte…\n- Lemon posset" together). A list's
    last item ends, too, where one of its lines ends a sentence and the next opens unindented with a
    capital: sentencex does not cut inside an item, so the paragraph after a list ran into its last
    item when no blank line came between (a PDF's "- Standing charge: … It covers\nthe cost of …
    network.\nOur current prices…", whose item wraps unindented)."""
    out = []
    cuts = [m.start() for m in _BULLET_LINE.finditer(text, s, e)]
    cuts += [
        m.start()
        for m in _NUMBERED_ITEM_LINE.finditer(text, s, e)
        if _SENTENCE_ENDS_LINE.search(text, text.rfind("\n", 0, m.start()) + 1, m.start())
    ]
    for cut in sorted(cuts):
        out.append(_trim(text, s, cut))  # another item follows: the list goes on
        s = cut + 1
    if _NEXT_ITEM.match(text, e):
        out.append(_trim(text, s, e))
    else:
        out.extend(_item_and_after(text, s, e))
    return [(a, z) for a, z in out if z > a]


#: The end of a sentence at the end of a line, before a line that opens with a capital at the
#: line's start (an indented line goes on with the item).
_SENTENCE_LINE_END = re.compile(r"[.!?][\"”’')\]]?[ \t]*\n(?=[A-Z])")
#: A list item's opening: a bullet or a number, and its text.
_ITEM_MARK = rf"[ \t]*(?:{BULLET}|{_TYPED_BOX}|\d{{1,3}}[.)])[ \t]+\S"
#: The next line opens another item: the list goes on, and the lines before are all the item's.
_NEXT_ITEM = re.compile(rf"[ \t]*\n{_ITEM_MARK}")
#: A span that opens as a list's item does.
_ITEM_OPENS = re.compile(_ITEM_MARK)


def _item_and_after(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """``text[s:e]`` trimmed; if it opens as a list's last item, cut after its first line that ends a
    sentence before an unindented line that opens with a capital, and what follows read in
    sentences."""
    if not _ITEM_OPENS.match(text, s, e):
        return [_trim(text, s, e)]
    cut = next(_SENTENCE_LINE_END.finditer(text, s, e), None)
    if cut is None:
        return [_trim(text, s, e)]
    # What follows the item is read in sentences again, but a field's line stays whole, as a field
    # line under a list is ("Repetitions: 10 each side. Sets: 1.").
    a = cut.end()
    if IS_FIELD.match(text, a, e):
        return [_trim(text, s, cut.end() - 1), _trim(text, a, e)]
    return [_trim(text, s, cut.end() - 1), *(_trim(text, a + x, a + z) for x, z in _checked(text[a:e]))]


#: A short title of its own line, ending no sentence: "Key deadlines", "Opening hours".
_TITLE_WORDS = r"[ \t]*[A-Z][\w'’&/-]*(?:[ \t]+[\w'’&/-]+){0,3}"
_PANEL_TITLE = re.compile(_TITLE_WORDS + r"[ \t]*")


def _split_field_lines(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """``text[s:e]`` cut before each line that opens with a field's label ("Apologies: Graham Pike"
    under "Present: Anna Kowalski, …"; "Email: …" under "Phone: …"): a block of such lines holds one
    fact per line, though no line ends like a sentence. One field line alone in wrapped prose
    ("…and\nPriya said: we should go.") is no block: the line before it or after it must be a
    field line too, or the line before end as a sentence does."""
    out = []
    for m in _FIELD_LINE.finditer(text, s, e):
        before = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
        line_end = text.find("\n", m.end(), e)
        after = text[line_end + 1 : e].split("\n", 1)[0] if line_end >= 0 else ""
        if line_end < 0 and _PANEL_TITLE.fullmatch(before) and before == text[s : s + len(before)]:
            # a title over a panel's first line ("Key deadlines" over "8 weeks before: …"), which
            # sentencex ended at its full stop: the line after it, past the sentence's end, tells
            line_end = text.find("\n", m.end())
            nxt = text.find("\n", line_end + 1) if line_end >= 0 else -1
            after = text[line_end + 1 : nxt if nxt >= 0 else len(text)] if line_end >= 0 else ""
        if (
            _IS_LINE_FIELD.match(before)
            or _ENDS_LINE.search(before)
            or _IS_LINE_FIELD.match(after)
            or _field_goes_on(text, s, m.start(), before)
        ):
            out.append(_trim(text, s, m.start()))
            s = m.start(1)
    out.append((s, e))
    return [(a, z) for a, z in out if z > a]


def _field_goes_on(text: str, s: int, at: int, before: str) -> bool:
    """Whether ``before`` (the line over the field line at ``at``) is indented under a field
    line's value, as its next line: "Centre:        Craigmoor Outdoor Centre, Glenridding Road,"
    over "               Patterbeck, Cumbria CA11 0RT", then "Centre phone:  01768…", another
    field."""
    if not before[:1].isspace() or not before.strip():
        return False
    above_end = at - len(before) - 1
    if above_end <= s:
        return False
    above = text[max(s, text.rfind("\n", 0, above_end) + 1) : above_end]
    return _IS_LINE_FIELD.match(above) is not None


#: A day's name, whole or short, or a range of them ("Mon–Thu", "Saturday & Sunday", "Sat.").
_DAY = r"(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)(?:day|nesday|urday|rsday)?s?\.?"
#: A line of opening hours: days, then what the line ends with, a time or "closed" ("Mon–Thu
#: 12:00–22:00", "Sunday closed", "Sat 9am–5pm."), a bullet before them allowed. Prose wrapped so
#: that a line opens with a day ("…on\nMonday 3 June at 10am and the follow-up on") ends otherwise.
#: (Possessive: a long run of blanks or commas is given back no character at a time.)
DAY_LINE = re.compile(
    rf"[ \t]*+(?:{BULLET}[ \t]+)?(?i:{_DAY}(?:[ \t]*(?:[-–—]|to|&|and)[ \t]*{_DAY})?)[ \t,:]++"
    r"(?=[^\n]*(?:\d(?i:\s?(?:am|pm|a\.m\.|p\.m\.))?|\b(?i:noon|midday|midnight|closed))[ \t.)]*(?:\n|$))"
)


#: A line that opens with a day and its date, a run of two allowed: a list of key dates ("Thursday
#: 27 March  - Packing crates delivered…", "Sat 29 - Sun 30 March - Removal company moves…").
#: A month's name, whole or cut short, lower-cased ("dec", "december", "sept."); ``bot.lexical``
#: reads it too.
MONTH_NAME = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
DATED_LINE = re.compile(
    rf"[ \t]*+(?:{BULLET}[ \t]+)?(?i:{_DAY}[ \t]+\d{{1,2}}(?:st|nd|rd|th)?"
    rf"(?:[ \t]*[-–—][ \t]*(?:{_DAY}[ \t]+)?\d{{1,2}}(?:st|nd|rd|th)?)?[ \t]+{MONTH_NAME})(?!\w)"
)
#: Small words a line that breaks off mid-phrase ends with ("…the follow-up on", "Delivered by"):
#: the next line goes on with it; and such a line, a comma's too.
RUN_ON_WORDS = frozenset(
    ["a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"]
)
_RUNS_ON = re.compile(rf"(?:,|\b(?i:{'|'.join(sorted(RUN_ON_WORDS))}))[ \t]*$")


def is_day_line(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``text[start:end]`` is one line of opening hours (``DAY_LINE``) or of key dates
    (``DATED_LINE``)."""
    end = len(text) if end is None else end
    return DAY_LINE.match(text, start, end) is not None or DATED_LINE.match(text, start, end) is not None


#: A block's title ("Opening hours", "Office hours:"), not a clause that leads into it ("We are
#: open", "The shop is open").
_HOURS_TITLE = re.compile(r"(?!(?:The|We|Our|You|It|This|They)\b)" + _TITLE_WORDS + r":?[ \t]*")


def _split_day_lines(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """``text[s:e]`` cut before each line of opening hours or key dates (``is_day_line``) in a block
    of such lines: each day's hours are one fact ("Mon–Thu 12:00–22:00" over "Fri 10:00–23:00" was
    one sentence), as a field's line is. The block's title line over it ("Opening hours") is cut
    off too; a line after one that runs on ("…the follow-up on\nTuesday 4 June at 2pm…") is not a
    block's."""
    if text.find("\n", s, e) < 0:
        return [(s, e)]  # one line: most sentences
    lines: list[tuple[int, int]] = []
    at = s
    while at < e:
        end = text.find("\n", at, e)
        end = e if end < 0 else end
        lines.append((at, end))
        at = end + 1
    days = [is_day_line(text, a, z) for a, z in lines]
    if sum(days) < 2:
        return [(s, e)]
    out = []
    start = s
    for k in range(1, len(lines)):
        if not days[k]:
            continue
        titled = k + 1 < len(days) and days[k + 1] and _HOURS_TITLE.fullmatch(text, *lines[k - 1])
        if (days[k - 1] or titled) and _RUNS_ON.search(text, *lines[k - 1]) is None:
            out.append(_trim(text, start, lines[k][0]))
            start = lines[k][0]
    out.append(_trim(text, start, e))
    return [(a, z) for a, z in out if z > a]


#: A line break after which a line opens with a capital, where the line before ends no sentence
#: and does not run on: a wrap, or the end of a line of its own. (Possessive: a run of blanks not
#: before a break fails at once from each of its blanks; 100,000 blanks take a fifth of a second.)
_BREAK_BEFORE_CAPITAL = re.compile(r"(?<![.!?:;,&/\-–—])[ \t]*+\n(?=[A-Z])")
#: A sentence's end, closing marks allowed, before a blank or the end (``index.pdf_text`` reads
#: it too).
SENTENCE_END_AT = re.compile(r"[.!?][\"”’)]?(?=\s|$)")
#: A full sentence after a break has this many words at least.
_SENTENCE_WORDS = 4
#: How many lines either side of a break the measure of its paragraph is taken over.
_MEASURE_LINES = 12
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
#: A line break a wrap made: the next line opens with a small letter; a text holding this many is
#: wrapped.
_WRAP = re.compile(r"\n[ \t]*[a-z]")
_WRAPS = 3
#: Where lines were not wrapped, a line this short ends by itself, as does one that ends on a
#: figure or a closing bracket ("Kettle Breakfast £10.50", "From the M11 (north)").
_OWN_LINE_WORDS = 6
_ENDS_ON_FIGURE = re.compile(r"[\d)][ \t]*$")
#: A word fits on a line that stays this far within its paragraph's measure: a PDF's type is
#: proportional, so a line's characters tell its width only roughly.
_FITS_WITHIN = 0.85


@functools.lru_cache(maxsize=2)  # (the texts being split now: the pipeline's one, a test's)
def _wrapped(text: str) -> bool:
    """Whether ``text``'s lines look wrapped to a width (a PDF's, a plain-text letter's): three
    lines or more, anywhere in it, open with a small letter, going on with the line above. A web
    page's or a Word file's lines rarely do: each of its line breaks was written. (A short note
    wrapped by hand may have fewer: its lines are then read as written, ``_own_line``.)"""
    return sum(1 for _ in itertools.islice(_WRAP.finditer(text), _WRAPS)) >= _WRAPS


def _measure(text: str, at: int) -> float:
    """How far a wrap lets the line at ``text[at]`` run: the length of the longest line of its
    paragraph (lines between blank lines, at most ``_MEASURE_LINES`` either side), or no limit
    where the text was not wrapped (``_wrapped``)."""
    if not _wrapped(text):
        return math.inf
    lo = at
    for _ in range(_MEASURE_LINES):
        lo = text.rfind("\n", 0, lo - 1) + 1 if lo > 0 else 0
        if lo == 0 or not text[text.rfind("\n", 0, lo - 1) + 1 : lo - 1].strip():
            break
    hi = at
    for _ in range(_MEASURE_LINES):
        nxt = text.find("\n", hi + 1)
        if nxt < 0:
            hi = len(text)
            break
        if _BLANK_LINE.match(text, nxt):
            hi = nxt
            break
        hi = nxt
    return max((len(line.rstrip()) for line in text[lo:hi].split("\n")), default=0)


def _own_line(text: str, brk: re.Match[str], e: int) -> bool:
    """Whether the line before the break ``brk`` ends where no wrap would have ended it: the next
    line's first word would have fitted on it, well within its paragraph's measure (``_measure``).
    A line never ends on a title ("…ring Mrs" over "Patel on…") or on a day's number over its
    month ("…on Saturday 14" over "June at…")."""
    line_start = text.rfind("\n", 0, brk.start()) + 1
    line = text[line_start : brk.start()]
    if not line.strip() or _RUNS_ON.search(line) or line.rstrip(" \t*_").endswith((":", ";", ",")):
        return False  # (a lead-in in bold, "**Please note:**", leads into the next line)
    word = _NEXT_WORD.match(text, brk.end(), e)
    last = line.split()[-1].rstrip(".").lower()
    if word is None or last in _TITLES or (_DAY_NUMBER_END.search(line) and _MONTH_OPENS.match(word.group())):
        return False
    measure = _measure(text, brk.start())
    if measure == math.inf:
        # lines written as such, or too few to tell: a short line or one that ends on a figure,
        # not a sentence's first words ("Residents raised three concerns about the new")
        return len(line.split()) <= _OWN_LINE_WORDS or _ENDS_ON_FIGURE.search(line) is not None
    return len(line) + 1 + len(word.group()) <= measure * _FITS_WITHIN


#: A person's title, which a name follows ("Mrs" / "Patel").
_TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "mx",
        "miss",
        "dr",
        "prof",
        "st",
        "rev",
        "sir",
        "dame",
        "lady",
        "lord",
        "capt",
        "cllr",
    ]
)
#: The next word after a break; a day's number that ends a line, and a month's name that opens
#: the next ("Saturday 14" / "June").
_NEXT_WORD = re.compile(r"\S+")
_DAY_NUMBER_END = re.compile(r"(?<!\d)\d{1,2}(?:st|nd|rd|th)?[ \t]*$")
_MONTH_OPENS = re.compile(MONTH_NAME + r"\W*$", re.I)
#: Some words at least: a sentence after a break has this many (``_SENTENCE_WORDS``).
_SOME_WORDS = re.compile(rf"\S+(?:\s+\S+){{{_SENTENCE_WORDS - 1}}}")


def _split_short_lines(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """``text[s:e]`` cut after a line that no wrap broke (``_own_line``), where the span is a list's
    item ("- Windscreen washer … (3.6 (b))" over "Advisory (monitor and repair if necessary)"), a
    whole sentence opens the next line ("Expiry date: 13 February 2026" over "You can get your
    vehicle tested … renewal\ndate."), or a title in capitals ends over words
    (``_capitals_over_words``): such a line is a fact of its own, and a quote should not have to
    carry the next one with it. A line that ends with a comma or a run-on word goes on.

    Each break is judged once, and whether a whole sentence follows it is read off the sentence
    ends and the breaks found once for the span: the time is linear in its length."""
    if text.find("\n", s, e) < 0:
        return [(s, e)]  # one line: most sentences
    breaks = list(_BREAK_BEFORE_CAPITAL.finditer(text, s, e))
    if not breaks:
        return [(s, e)]
    item = _ITEM_OPENS.match(text, s, e) is not None
    own = [_own_line(text, m, e) for m in breaks]
    own_before = list(itertools.accumulate(own, initial=0))  # own lines among the first k breaks
    at = [m.start() for m in breaks]
    ends = [m.end() for m in SENTENCE_END_AT.finditer(text, s, e)]
    out = []
    start = s
    for k, m in enumerate(breaks):
        if not own[k]:
            continue
        follows = False
        nxt = bisect.bisect_right(ends, m.end())
        if nxt < len(ends):
            end = ends[nxt]
            # a whole sentence: some words, and no line of its own before its end
            inside = own_before[bisect.bisect_left(at, end)] - own_before[k + 1]
            follows = inside == 0 and _SOME_WORDS.match(text, m.end(), end) is not None
        if follows or (item and not _fragment_follows(text, m.end(), e)) or _capitals_over_words(text, m):
            out.append(_trim(text, start, m.start()))
            start = m.end()
    out.append(_trim(text, start, e))
    return [(a, z) for a, z in out if z > a]


#: The words a title in capitals has at least (a label of a word or two, "NEW ADDRESS" over an
#: address, says nothing by itself), and the capitals it has at least.
_TITLE_LINE_WORDS = 3
_TITLE_CAPITALS = 4


def _capitals_over_words(text: str, brk: re.Match[str]) -> bool:
    """Whether the line before the break ``brk`` is written in capitals and the next is not: a title
    over its text ("THE FELLBRIDGE & DISTRICT COMMUNITY BUS" over "Route C7  Fellbridge - …")."""
    line = text[text.rfind("\n", 0, brk.start()) + 1 : brk.start()]
    next_end = text.find("\n", brk.end())
    next_line = text[brk.end() : next_end if next_end >= 0 else len(text)]
    return (
        not any(c.islower() for c in line)
        and sum(c.isupper() for c in line) >= _TITLE_CAPITALS
        and len(line.split()) >= _TITLE_LINE_WORDS
        and any(c.islower() for c in next_line)
    )


def _fragment_follows(text: str, at: int, e: int) -> bool:
    """Whether the line at ``text[at]`` opens with a few words that end a sentence: the tail of a
    wrapped item ("…payable to ‘Thornbury Vale" over "District Council’. Please do not…")."""
    line_end = text.find("\n", at, e)
    end = SENTENCE_END_AT.search(text, at, e if line_end < 0 else line_end)
    return end is not None and len(text[at : end.end()].split()) < _SENTENCE_WORDS


def _inside_quotation(head: str) -> bool:
    """Whether ``head`` ends inside a quotation: typographic marks nest („…“ and “…” included),
    straight double quotes pair up."""
    stack: list[str] = []
    for ch in head:
        if stack and ch == _OPEN[stack[-1]]:
            stack.pop()
        elif ch in _OPEN:
            stack.append(ch)
    return bool(stack) or head.count('"') % 2 == 1


def _split_false_abbreviations(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """``text[s:e]`` cut after each "May." or "me." that ends a sentence (``_FALSE_ABBREVIATION``),
    unless it stands inside a quotation: like sentencex, a quoted passage stays whole."""
    out = []
    for m in _FALSE_ABBREVIATION.finditer(text, s, e):
        if not m.group(1).isupper() or _inside_quotation(text[s : m.end()]):
            continue
        out.append((s, m.end()))
        s = _trim(text, m.end(), e)[0]
    out.append((s, e))
    return out


def _spans_of(chunk: str, bounds: Iterable[dict[str, Any]]) -> list[tuple[int, int]]:
    """sentencex's boundaries of ``chunk`` as spans, each checked against it."""
    out = []
    covered = 0
    for b in bounds:
        bs, be = int(b["start_index"]), int(b["end_index"])
        if chunk[bs:be] != b["text"] or bs < covered:  # never trust a span we did not check
            bs = chunk.find(b["text"], covered)
            if bs < 0:
                continue
            be = bs + len(b["text"])
        covered = be
        out.append((bs, be))
    return out


_NON_ASCII_BLANK = re.compile(r"[^\S\x00-\x7f]")
_BLANK = re.compile(r"\s")


def _checked(chunk: str) -> list[tuple[int, int]]:
    """Sentence spans of ``chunk`` by sentencex, each checked against it; a plain rule if it fails.

    sentencex (Rust) panics on some inputs, e.g. "A\u00a0." (a byte offset inside the no-break
    space), and a Rust panic reaches Python as a ``BaseException`` that would abort the whole index
    run (and prints a backtrace). So it reads a copy with every non-ASCII blank made a plain space
    (the same length, so the spans hold for the original); if it still fails, a copy with every
    blank a space; then sentences end at ".", "!" or "?" before a capital.
    """
    for attempt in (_NON_ASCII_BLANK.sub(" ", chunk), _BLANK.sub(" ", chunk)):
        try:
            return _spans_of(attempt, sentencex.get_sentence_boundaries("en", attempt))
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException:  # pyo3's PanicException derives from BaseException
            continue
    out = []
    start = 0
    for m in _SENTENCE_END.finditer(chunk):
        if not _after_abbreviation(chunk, m.start()):
            out.append((start, m.end()))
            start = m.end()
    if start < len(chunk):
        out.append((start, len(chunk)))
    return out


def _boundaries(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Untrimmed sentence spans of the paragraph ``text[s:e]``.

    sentencex takes time quadratic in the length of a run of text holding quotation marks or backticks
    but no sentence end (200 kB of inline code: minutes), so a long paragraph is read in windows: all
    sentences of a window but its last, which the window may have cut short, are kept, and the next
    window starts where that last one starts. A window holding no sentence end is cut at a blank.
    """
    out: list[tuple[int, int]] = []
    pos = s
    while pos < e:
        end = min(e, pos + _WINDOW_CHARS)
        bounds = _checked(text[pos:end])
        if end < e:
            if len(bounds) >= 2 and bounds[-1][0] > 0:
                nxt = bounds[-1][0]
                bounds = bounds[:-1]
            else:  # one sentence longer than the window; ``_cut_long`` cuts it at blanks anyway
                window = text[pos:end]
                blank = max(window.rfind(" "), window.rfind("\n"), window.rfind("\t"))
                nxt = blank + 1 if blank >= _WINDOW_CHARS // 2 else len(window)
                bounds = [(0, nxt)]
        else:
            nxt = end - pos
        out.extend((pos + a, pos + z) for a, z in bounds)
        pos += nxt
    return out


#: A time of day written with its "a.m."/"p.m." at a sentence's end, and a time zone right after it:
#: "available 7:00 a.m. to 7:00 p.m. Central, Monday through Friday" is one sentence.
_MERIDIEM_END = re.compile(r"\b[ap]\.m\.$", re.I)
_TIME_ZONE = re.compile(
    r"(?:(?:Central|Eastern|Pacific|Mountain|Atlantic)(?:[ \t]+(?:Standard|Daylight))?(?:[ \t]+[Tt]ime)?"
    r"|(?:[ECMP][SD]?T|GMT|BST|UTC|CES?T|AES?T)(?=[ \t]+(?:on|at|to|until|and|or|daily|every)\b))"
    # then the clause goes on or ends: not "Central Library staff will lock up", "PT sessions follow"
    r"(?=[,;)]|[ \t]*$|[ \t]*\.|[ \t]+(?:on|at|to|until|and|or|daily|every)\b)"
)


def _ends_with_never_final(sentence: str) -> bool:
    words = sentence.split()
    return bool(words) and words[-1].lstrip("([{“‘\"'").lower() in _NEVER_FINAL


def split_sentences(
    text: str, section: Section, skip: list[tuple[int, int]], first_position: int = 0
) -> list[Sentence]:
    """Sentences of one section, numbered from ``first_position`` in document order."""
    out = []
    for i, (s, e) in enumerate(sentence_spans(text, section.start, section.end, skip)):
        body = text[s:e]
        out.append(
            Sentence(
                doc_id=section.doc_id,
                section=section.label,
                section_index=section.index,
                start=s,
                end=e,
                text=body,
                position=first_position + i,
                quotation=quotation_share(body) >= 0.5,
            )
        )
    return out
