"""Turn files into ``Document`` objects with a canonical text.

The canonical text is what every offset refers to. For .txt and .md it is the decoded file with
line endings normalised to ``\\n`` (a table written in HTML inside Markdown read as the HTML
loader reads one); for .html it is the visible text extracted block by block (a table row on one
line, "| a | b |", a list item as "- …", the ``<nav>`` menu left out); for .pdf it is the text of
each page, pages separated by a blank line; for .docx it is the body's text as ``docx_text``
writes it (paragraphs apart, list items "- …", table rows "| a | b |"); for .csv and .tsv it is
the table a row a line, "| a | b |", as the HTML and Word loaders write tables. Loaders never
raise anything but ``LoadError``: one bad file must never stop an indexing run.
"""

from __future__ import annotations

import bisect
import csv
import hashlib
import io
import itertools
import logging
import re
import warnings
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .boilerplate import FRONT_MATTER
from .docx_text import docx_text, properties_title
from .errors import LoadError, one_line
from .pdf_text import (
    SURROGATE,
    PrintedLine,
    brand_title,
    joined_pages,
    page_text_and_type,
    readable_list,
    running_lines,
    shown_glyphs,
    type_headings,
)
from .rows import (
    AMOUNT,
    MOST_SPAN,
    SPANNED_CHARS,
    column_label,
    filled_cells,
    header_labels,
    numbers_besides_years,
    table_cells,
    table_row,
    table_rule,
)
from .sections import (
    FACT,
    FAQ_PEERS,
    PARAGRAPH_END,
    QUESTION_WORDS,
    bold_title,
    contact_detail,
    header_block,
    titles_over_words,
)
from .sentences import FOOTNOTE_DEFINITION, IS_FIELD, RUN_ON_WORDS
from .types import FOOTER_LABEL, FOOTNOTES_LABEL, HEADER_LABEL, Document, Heading

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx", ".csv", ".tsv")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# ATX headings: up to three spaces of indent; a closing run of ``#`` counts only after whitespace, so
# "# C#" is the heading "C#", not "C" (see ``_md_label``). The pattern has no nested quantifiers: a
# lazy label followed by optional whitespace took minutes on one long line of spaces.
_MD_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+([^ \t\n].*)$", re.MULTILINE)
_MD_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.MULTILINE)
#: Bold text at the start of a paragraph: an FAQ's question, its answer under it or after it on the
#: same line ("**Can the grant pay for staff?**", "__How do I reset it?__ Hold the button…").
_MD_BOLD_START = re.compile(
    r"^ {0,3}(?:\*\*\*([^\n]{2,300}?)\*\*\*|\*\*([^\n]{2,300}?)\*\*|__([^\n]{2,300}?)__)(?=[ \t]|$)",
    re.MULTILINE,
)
#: A question's and an answer's marks in bold, the words after them plain: "**Q:** How much…?" over
#: "**A:** Up to 1 hour costs £1.50…".
_MD_ASK_MARK = re.compile(r"(?:Q|Question)\s*\d{0,3}\s*[:.]", re.I)
_MD_ANSWER_MARK = re.compile(r"(?:A|Answer)\s*\d{0,3}\s*[:.]", re.I)
#: A setext heading: a line of text over a line of three "=" or "-" or more (``_setext_headings``).
_MD_SETEXT = re.compile(r"^ {0,3}(\S[^\n]*)\n {0,3}(={3,}|-{3,})[ \t]*$", re.MULTILINE)
#: A blank line (or one of blanks) right before a position (``_setext_headings``' ``search``).
_BLANK_ABOVE = re.compile(r"\n[ \t]*\n\Z")
#: What a line over "---" is when it is no heading: a list's item, a quote, a table's row, an ATX
#: heading, an HTML tag.
_MD_NOT_SETEXT = re.compile(r"(?:[-*+]\s|\d{1,9}[.)]\s|>|\||#|<)")
#: Emphasis inside a bold question: "**Can I bring *my* child?**".
_MD_EMPHASIS = re.compile(r"(?<![\w*])[*_]+|[*_]+(?![\w*])")
_NOT_BLANK = re.compile(r"[^ \t\n]")
#: A Markdown link in a heading: its text is the label's words.
_MD_LABEL_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)")


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode bytes as text, returning ``(text, note)``; refuse binary data.

    UTF-8 (with or without BOM) and BOM-marked UTF-16 are taken as they are; UTF-8 with a few invalid
    bytes keeps its text with those bytes replaced by U+FFFD. Anything else is tried as Windows-1252,
    the most common legacy encoding of English text. Either way the result must look like text (few
    control characters), and the note says what was guessed, because a user should know.
    """
    if not data.strip():
        raise LoadError("empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text, note = data.decode("utf-16"), "decoded as UTF-16"
        except UnicodeDecodeError as exc:
            raise LoadError(f"invalid UTF-16 text ({exc.reason})") from None
    else:
        if b"\x00" in data[:8192]:
            raise LoadError("binary file (contains NUL bytes), not text")
        text, note = _decode_8bit(data, name)
    if len(_CONTROL.findall(text[:65536])) > max(8, len(text[:65536]) // 100):
        raise LoadError("binary file (too many control characters), not text")
    return text, note


def _decode_8bit(data: bytes, name: str) -> tuple[str, str]:
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    # A UTF-8 file with a stray invalid byte (a truncated download, one pasted Latin-1 character) must
    # not be read as Windows-1252 as a whole: every curly quote would turn into mojibake ("â€œ").
    # It is UTF-8 when its valid multi-byte characters outnumber its invalid bytes.
    lenient = data.decode("utf-8-sig", errors="replace")
    bad = lenient.count("\ufffd") - data.decode("utf-8-sig", errors="ignore").count("\ufffd")
    good = sum(1 for ch in lenient if ord(ch) > 0x7F and ch != "\ufffd")
    if good > bad:
        return lenient, f"invalid UTF-8 ({bad} byte{'s' if bad != 1 else ''} replaced by \ufffd)"
    try:
        return data.decode("cp1252"), "not UTF-8; decoded as Windows-1252"
    except UnicodeDecodeError:
        raise LoadError(
            f"not UTF-8 text (invalid byte at offset {first_bad}); re-save {name} as UTF-8"
        ) from None


def canonical(text: str) -> str:
    """Normalise line endings only; everything else (no-break spaces, curly quotes) stays verbatim."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _plain(path: Path, data: bytes) -> tuple[str, list[Heading], str]:
    text, note = decode_text(data, path.name)
    return canonical(text), [], note


def _markdown(path: Path, data: bytes) -> tuple[str, list[Heading], str]:
    text, note = decode_text(data, path.name)
    text = canonical(text)
    code = _fenced_code(text)
    if _MD_HTML_TABLE.search(text):
        text = _html_tables_read(path, text, code)
        code = _fenced_code(text)
    if _MD_CELL_BREAK.search(text):
        text = _cell_breaks_read(text, _code_test(code))
        code = _fenced_code(text)
    in_code = _code_test(code)
    headings = [
        Heading(label, m.start(), m.end(), len(m.group(1)))
        for m in _MD_HEADING.finditer(text)
        if not in_code(m.start()) and (label := _md_label(m.group(2)))
    ]
    headings = sorted([*headings, *_setext_headings(text, in_code)], key=lambda h: h.start)
    headings = _bold_questions(text, headings, in_code)
    foot = _ruled_off_footer(text, headings, in_code)
    # (a bold line in the footer, "**Get in touch**", titles nothing of the page's own)
    headings = [h for h in _bold_titles(text, headings, in_code) if foot is None or h.start < foot]
    headings = _bold_run_ins(text, headings, in_code)
    notes = _footnotes_start(text, foot if foot is not None else len(text), in_code)
    if notes is not None:
        headings = [*(h for h in headings if h.start < notes), Heading(FOOTNOTES_LABEL, notes, notes, 1)]
    if foot is not None:
        headings = [*headings, Heading(FOOTER_LABEL, foot, foot, 1)]
    front = FRONT_MATTER.match(text)
    if front and not note:
        # The front matter's title names the note ("title: Garden plan 2026"); else a heading right
        # under it does, as one that opens the text would.
        named = re.search(r"^title:[ \t]*(.+?)[ \t]*$", front.group(0), re.M)
        if named:
            note = "title:" + " ".join(named.group(1).strip("\"'").split())[:200]
        elif headings and not text[front.end() : headings[0].start].strip():
            note = "title:" + headings[0].label
    return text, headings, note


def _footnotes_start(text: str, end: int, in_code: Callable[[int], bool]) -> int | None:
    """Where the footnotes a Markdown file writes together at its end (before ``end``) begin: the
    topmost definition of the lines over ``end`` that are all definitions, their indented lines or
    blank; None when no definition closes the text so. Read up from ``end``, line by line."""
    first = None
    stop = end
    while stop > 0:
        start = text.rfind("\n", 0, stop - 1) + 1 if stop > 1 else 0
        line = text[start:stop].rstrip("\n")
        if FOOTNOTE_DEFINITION.match(line) and not in_code(start):
            first = start
        elif line.strip() and line[:1] not in " \t":
            break  # a line of the page's own: the definitions under it close the text
        if start == 0:
            break
        stop = start
    return first


#: A line break written in HTML ("<br>", "<br/>") and a Markdown table's row ("| Tue | Quiet<br>Tea at 11 |").
_MD_CELL_BREAK = re.compile(r"<br\s*/?>", re.I)
_MD_TABLE_ROW = re.compile(r"^ {0,3}\|.*\|[ \t]*$", re.M)
_INLINE_CODE = re.compile(r"(`+[^`\n]*`+)")


def _cell_breaks_read(text: str, in_code: Callable[[int], bool]) -> str:
    """A Markdown table's rows with their cells' line breaks ("Quieter, good for beginners<br>Tea
    break at 11:30", the one way a pipe table's cell takes two lines) read as a blank, as a web
    table's are: a quote shows the cell's words, not its tag. Code is left as written."""

    def row(m: re.Match[str]) -> str:
        if in_code(m.start()):
            return m.group(0)
        pieces = _INLINE_CODE.split(m.group(0))  # (a cell's code span, "`<br>`", stays as written)
        return "".join(p if k % 2 else _MD_CELL_BREAK.sub(" ", p) for k, p in enumerate(pieces))

    return _MD_TABLE_ROW.sub(row, text)


#: A table written in HTML inside Markdown ("<table>" opening a line), and the tags that open or
#: close one (a tag ends at the next "<" at the latest: "<table" left open scans no further).
_MD_HTML_TABLE = re.compile(r"^ {0,3}<table\b", re.I | re.M)
_TABLE_TAG = re.compile(r"<(/?)table\b[^<>]*>", re.I)
#: A table in Markdown nested deeper or longer than this stays as written: the HTML loader's time
#: grows faster than the table's length with its depth.
_MOST_TABLE_DEPTH = 50
_MOST_TABLE_CHARS = 200_000
#: A blank line: under CommonMark, an HTML block ends there, and Markdown follows unless the
#: next line opens a table's tag again (a new HTML block: "<tr>" after a blank between rows).
_BLANK_LINE = re.compile(r"\n[ \t]*\n[ \t]*")
_TABLE_PART = re.compile(r"</?(?:table|thead|tbody|tfoot|tr|td|th|caption|colgroup|col)\b", re.I)


def _markdown_inside(text: str, start: int, end: int) -> bool:
    """Whether a table written in HTML in ``text[start:end]`` holds Markdown: a blank line inside
    it not followed by a table's tag ("### Windows" in a cell, set off by blank lines, as a
    README's side-by-side install steps are); blank lines only between its rows hold none."""
    return any(not _TABLE_PART.match(text, blank.end()) for blank in _BLANK_LINE.finditer(text, start, end))


def _html_tables_read(path: Path, text: str, code: list[tuple[int, int]]) -> str:
    """``text`` with each table written in HTML (outside code) read as the HTML loader reads one,
    a row a line ("| 45 minutes | £31.00 | £372.00 |"): in the tags as written, a fee sits on a
    line of its own ("<td>£31.00</td>"), with nothing to say what it is the fee of. Only a table
    written as one HTML block is read: one with a blank line inside holds Markdown in its cells
    (a README's "### Windows" over its steps, side by side with "### macOS"), as CommonMark reads
    it, and stays as written; so does one whose tags never close, one nested or long beyond
    reason, or one that reads as nothing. Each part of the page is scanned once."""
    in_code = _code_test(code)
    out = []
    pos = 0
    scanned = 0  # where the last table looked at ends: a table nested in it is no table of its own
    for m in _MD_HTML_TABLE.finditer(text):
        start = m.start()
        if start < scanned or in_code(start):
            continue
        depth = deepest = 0
        end = None
        for tag in _TABLE_TAG.finditer(text, start):
            depth += -1 if tag.group(1) else 1
            deepest = max(deepest, depth)
            if depth == 0:
                end = tag.end()
                break
        if end is None:
            break  # (an unclosed table: the rest of the page stays as written)
        scanned = end
        if (
            deepest > _MOST_TABLE_DEPTH
            or end - start > _MOST_TABLE_CHARS
            or _markdown_inside(text, start, end)
        ):
            continue
        try:
            read, _, _ = _html(path, b"<html><body>" + text[start:end].encode("utf-8") + b"</body></html>")
        except LoadError:
            read = ""
        read = read.strip()
        if read:
            # words after the table on its line ("</table> Children go free.") start a line of their own
            line_end = text.find("\n", end)
            after = text[end : line_end if line_end >= 0 else len(text)]
            out += [text[pos:start], read, "\n" if after.strip() else ""]
            pos = end
    return "".join([*out, text[pos:]])


def _code_test(code: list[tuple[int, int]]) -> Callable[[int], bool]:
    """Whether a place in a Markdown text falls in one of its ``code`` blocks (sorted, apart, as
    ``_fenced_code`` finds them), found by bisection: a page of many blocks and many candidate
    headings stays linear."""
    starts = [s for s, _ in code]

    def in_code(pos: int) -> bool:
        k = bisect.bisect_right(starts, pos) - 1
        return k >= 0 and pos < code[k][1]

    return in_code


#: A Markdown thematic break on a line of its own after a blank line ("---", "***", "___"; one
#: right under a line of text would make that line a setext heading).
_RULE_LINE = re.compile(r"(?:^|\n)[ \t]*\n[ \t]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*\n")
#: The most a page's closing lines under a rule may hold to be its footer, not a last part.
_FOOTER_CHARS = 600
_FOOTER_PARAGRAPHS = 3


def _ruled_off_footer(text: str, headings: list[Heading], in_code: Callable[[int], bool]) -> int | None:
    """Where the words under a Markdown page's last rule start, when they close the page as a web
    page's footer does: a short paragraph or three, no heading among them, set in emphasis or
    saying what a footer says ("---" over "*Questions? Email … Registered charity no.
    1086734.*"). They are a part of their own ("Page footer"), not the last FAQ answer's. None
    when the page has no such rule, or its words read on the last part ("---" between two of its
    events). Linear: each rule is placed among the code blocks by bisection (``in_code``)."""
    if not headings:
        return None
    last = None
    for m in _RULE_LINE.finditer(text, headings[-1].end):
        if not in_code(m.start(1)):
            last = m
    if last is None:
        return None
    rest = text[last.end() :]
    start = last.end() + len(rest) - len(rest.lstrip())
    body = rest.strip()
    if not body or len(body) > _FOOTER_CHARS or len(PARAGRAPH_END.split(body)) > _FOOTER_PARAGRAPHS:
        return None
    # it reads as a footer: set in emphasis whole ("*Registered charity …*"), or with a footer's
    # signs (a phone number, an address, "registered", "©"); an event after a rule is no footer
    emphasis = body[:1] in "*_" and body[-1:] in "*_"
    return start if emphasis or contact_detail(body) or _FOOTER_WORDS.search(body) else None


#: What a page's footer says that its text seldom does besides a contact (``contact_detail``):
#: who its writer is.
_FOOTER_WORDS = re.compile(
    r"©|\(c\)|\bcopyright\b|\bregistered\b|\bcharity\b|\b(?:company|vat|membership|charity)\s+(?:no|number)\b"
    r"|\bmember of\b|\boffice hours\b|\bcontact\b",
    re.I,
)


def _setext_headings(text: str, in_code: Callable[[int], bool]) -> list[Heading]:
    """Markdown's other way to write a heading: a line of its own (a paragraph of one line) over a
    line of "=" (level 1) or "-" (level 2), as "Kit list" over "--------". The heading spans both
    lines; its label is the first. Not a list's item or a table's row over a rule, not in code, nor
    a line right under another (front matter's "title: …" over its closing "---")."""
    found = []
    front = FRONT_MATTER.match(text)
    front_end = front.end() if front else 0
    for m in _MD_SETEXT.finditer(text):
        start = m.start()
        if start < front_end or in_code(start) or (start and not _BLANK_ABOVE.search(text, 0, start)):
            continue  # (a line right under another line: the underline ends a paragraph, or a rule)
        label = " ".join(m.group(1).split())
        if label and not _MD_NOT_SETEXT.match(label) and label.strip("-=*_ "):
            found.append(
                Heading(
                    label,
                    start + len(m.group(0)) - len(m.group(0).lstrip()),
                    m.end(),
                    1 if m.group(2)[0] == "=" else 2,
                )
            )
    return found


def _asks(text: str) -> bool:
    """Whether a bold run asks: it ends with a question mark, closing quotes or brackets aside."""
    return text.rstrip('"”’)').endswith("?")


def _bold_questions(text: str, headings: list[Heading], in_code: Callable[[int], bool]) -> list[Heading]:
    """``headings`` with an FAQ's bold questions added, each one level under the heading it falls
    under. Markdown has no markup for a question over its answer, so FAQ pages write it in bold; read
    as text, "Can we apply if we received a grant last year?" is lost to its answer ("Yes, but not
    for the same project."), which then answers nothing. A bold question heads its answer only at
    the start of a paragraph (after a blank line or a heading), with an answer after it, and in a
    document with two such questions at least (an email's one bold request is emphasis). Where a
    part holds two, a bold line of its own after the first heads its answer too, as the FAQ's
    "**I was charged for a ride I didn't take.**" does (not a lead-in ending in a colon); elsewhere a
    bold line is emphasis, and stays text that can be quoted, unless it names a part
    (``_bold_titles``)."""
    heading_ends = {h.end for h in headings}
    starts = [h.start for h in headings]
    questions, lines = [], []
    for m in _MD_BOLD_START.finditer(text):
        body = m.group(1) or m.group(2) or m.group(3)
        if "**" in body or "__" in body:
            continue  # two bold runs on one line, not one
        label = " ".join(_MD_EMPHASIS.sub("", body).split())
        end = m.end()
        if _MD_ASK_MARK.fullmatch(label):
            # "**Q:** How much does it cost to park?": the mark in bold, the question after it
            end = len(text) if (line_end := text.find("\n", end)) < 0 else line_end
            while end > m.end() and text[end - 1] in " \t":
                end -= 1
            label = " ".join(_MD_EMPHASIS.sub("", text[m.end() : end]).split())
        # (a longer bold sentence is emphasis, not a question that heads its answer)
        if in_code(m.start()) or not label or len(label.split()) > QUESTION_WORDS:
            continue
        nxt = _NOT_BLANK.search(text, end)
        if (
            not _opens_paragraph(text, m.start(), heading_ends)
            or nxt is None
            or text.startswith("#", nxt.start())
            or ((bold := _MD_BOLD_START.match(text, nxt.start())) and not _md_answer_mark(bold))
        ):
            continue  # no answer follows (an answer's own bold mark, "**A:** Yes…", is its start)
        above = bisect.bisect_left(starts, m.start())
        parent_heading = headings[above - 1] if above else None
        level = min(6, (parent_heading.level if parent_heading else 0) + 1)
        heading = Heading(label, m.start(), end, level, under=True)
        parent = parent_heading.start if parent_heading else -1
        if _asks(label):
            questions.append((parent, heading))
        elif text[end : end + 1] in ("\n", "") and not label.endswith(":"):
            lines.append((parent, heading))
    if len(questions) < FAQ_PEERS:
        return headings
    asked: dict[int, list[Heading]] = {}
    for parent, h in questions:
        asked.setdefault(parent, []).append(h)
    found = [h for _, h in questions] + [
        h
        for parent, h in lines
        if len(asked.get(parent, [])) >= FAQ_PEERS and h.start > asked[parent][0].start
    ]
    return sorted([*headings, *found], key=lambda h: h.start)


def _bold_titles(text: str, headings: list[Heading], in_code: Callable[[int], bool]) -> list[Heading]:
    """``headings`` with the bold lines that title their part added, one level under the part
    they fall in: "**Cancellations**" over its list, as Word's bold paragraph titles
    (``sections.bold_title``: a short name, ending no sentence, giving no amount, time or date),
    saying no rule (``_says_a_rule``: "No dogs allowed on site" is one to quote). A bold line
    titles only as a paragraph of its own at the margin (after a blank line or a heading), with
    words after it; none where it opens a paragraph of more bold lines ("**Monday**" /
    "Swimming." / "**Tuesday**": a list of labels and values), nor in a run of bold lines with
    nothing between them (an address; ``sections.titles_over_words``). As in Word, one such line
    alone in a page is emphasis ("**Closed on bank holidays**"), unless a list or a table
    follows it."""
    taken = {h.start for h in headings}
    heading_ends = {h.end for h in headings}
    parts = [h for h in headings if not h.under]  # (a question heads its answer, not a part)
    starts = [h.start for h in parts]
    found: list[tuple[Heading, bool]] = []
    for m in _MD_BOLD_START.finditer(text):
        body = m.group(1) or m.group(2)  # "**…**" at the margin; "__main__" names no part
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        if (
            not body
            or m.start() in taken
            or not text.startswith("**", m.start())
            or "**" in body
            or text[m.end() : line_end].strip()
            or in_code(m.start())
        ):
            continue
        label = " ".join(_MD_EMPHASIS.sub("", body).split())
        if (
            not bold_title(label)
            or _says_a_rule(label)
            or not _opens_paragraph(text, m.start(), heading_ends)
        ):
            continue
        nxt = _NOT_BLANK.search(text, m.end())
        if nxt is None or text.startswith("#", nxt.start()) or _bold_line_in_paragraph(text, line_end):
            continue
        _, level = _part_over(parts, starts, m.start())
        over_list = _LIST_OR_TABLE.match(text, text.rfind("\n", 0, nxt.start()) + 1) is not None
        found.append((Heading(label, m.start(), m.end(), level, under=True), over_list))
    if not found:
        return headings
    kept = {h.start for h in titles_over_words(text, sorted([h for h, _ in found], key=lambda h: h.start))}
    titles = [(h, over_list) for h, over_list in found if h.start in kept]
    if len(titles) < FAQ_PEERS:
        titles = [(h, over_list) for h, over_list in titles if over_list]
    return sorted([*headings, *(h for h, _ in titles)], key=lambda h: h.start)


def _part_over(parts: list[Heading], starts: list[int], at: int) -> tuple[Heading | None, int]:
    """The part a bold line at ``at`` falls in (``parts``, their ``starts``), and the level one
    under it that the line heads at."""
    above = bisect.bisect_left(starts, at)
    parent = parts[above - 1] if above else None
    return parent, min(6, (parent.level if parent else 0) + 1)


#: The most words a bold run-in head has ("The room feels colder than the temperature on the screen").
_RUN_IN_WORDS = 12


def _bold_run_ins(text: str, headings: list[Heading], in_code: Callable[[int], bool]) -> list[Heading]:
    """``headings`` with the bold run-in heads of a part's paragraphs added, one level under the
    part: "**Cloudy beer.** Chill haze usually clears…", "**The screen is blank.** Replace the
    batteries." A troubleshooting list or a glossary names each paragraph so; read as text, the
    head is a "sentence" of its own that answers nothing, and the fix under it is not named by it.
    Only a short head that ends with a full stop, opens its paragraph and has words after it on
    its line; not a question (``_bold_questions``), a rule in bold ("**Do not overfill.**") nor a
    fact in bold (``FACT``: "**The surgery opens at 8am.**", a quote to keep); and only where a part
    has two or more, as a style of its own."""
    taken = {h.start for h in headings}
    heading_ends = {h.end for h in headings}
    parts = [h for h in headings if not h.under]
    starts = [h.start for h in parts]
    found: dict[int, list[Heading]] = {}
    for m in _MD_BOLD_START.finditer(text):
        body = m.group(2)
        if not body or "**" in body or m.start() in taken or in_code(m.start()):
            continue
        label = " ".join(_MD_EMPHASIS.sub("", body).split())
        line_end = text.find("\n", m.end())
        rest = text[m.end() : len(text) if line_end < 0 else line_end]
        if (
            not label.endswith(".")
            or len(label.split()) > _RUN_IN_WORDS
            or FACT.search(label) is not None  # a bold fact ("**Saturday clinics run 9am to 12pm.**")
            or not rest.strip()
            or _asks(label)
            or _says_a_rule(label)
            or not _opens_paragraph(text, m.start(), heading_ends)
        ):
            continue
        parent, level = _part_over(parts, starts, m.start())
        heading = Heading(label.rstrip("."), m.start(), m.end(), level, under=True)
        found.setdefault(parent.start if parent else -1, []).append(heading)
    heads = [h for run in found.values() if len(run) >= FAQ_PEERS for h in run]
    return sorted([*headings, *heads], key=lambda h: h.start) if heads else headings


#: Words that make a bold Markdown line a rule or a notice set in bold ("No dogs allowed on site",
#: "Gates must be shut", "Please knock"), not a part's name ("What is covered" is one).
_RULE_WORDS = frozenset(
    ["no", "not", "never", "must", "please", "cannot", "can't", "don't", "won't", "shouldn't", "should"]
)


#: The words that open a name asked as a question.
_WH_WORDS = frozenset(["what", "who", "whom", "whose", "which", "when", "where", "why", "how"])


def _says_a_rule(label: str) -> bool:
    """Whether a bold line says a rule (``_RULE_WORDS``) rather than names a part: a name asked
    as a question ("What is not included", "Who cannot apply") is a part's, whatever it says."""
    words = [w.casefold().replace("’", "'").strip("'\"“”().") for w in label.split()]
    if not words or words[0] in _WH_WORDS:
        return False
    # "not" after a name with no verb before it names a state, a problem's name ("Starter not
    # rising"), not a rule ("Dogs must not…", "Do not…", "Not suitable for…")
    return any(
        w in _RULE_WORDS
        and not (
            w == "not"
            and k > 0
            and words[k - 1] not in _AUXILIARIES
            and (k + 1 >= len(words) or words[k + 1] not in _RULE_STATES)
        )
        for k, w in enumerate(words)
    )


#: What a notice's "not" says a thing is, with no verb before it: a rule ("Smoking not
#: permitted", "Cheques not accepted").
_RULE_STATES = frozenset(
    [
        "allowed",
        "permitted",
        "accepted",
        "admitted",
        "included",
        "available",
        "suitable",
        "recommended",
        "refundable",
    ]
)
#: Words a rule's "not" follows ("must not", "do not", "are not").
_AUXILIARIES = frozenset(
    [
        "do",
        "does",
        "did",
        "must",
        "may",
        "might",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
    ]
)


#: A line that opens a list's item or a table's row: what a lone bold title stands over.
_LIST_OR_TABLE = re.compile(r"[ \t]*(?:[-*+][ \t]|\d{1,3}[.)][ \t]|\|)")


def _opens_paragraph(text: str, pos: int, heading_ends: set[int]) -> bool:
    """Whether the line at ``pos`` opens a Markdown paragraph: the text's first, one after a blank
    line, or one right under a heading. Read around ``pos``, never copying the text: a large file
    has many bold lines."""
    j = pos
    while j and text[j - 1] in " \t":
        j -= 1
    k = j
    while k and text[k - 1] == "\n":
        k -= 1
    return j == 0 or text.endswith("\n\n", 0, j) or k in heading_ends


def _bold_line_in_paragraph(text: str, line_end: int) -> bool:
    """Whether the paragraph a line ends at ``line_end`` holds, below it, another line all in
    bold ("**Tuesday**" under "**Monday**" / "Swimming."). The paragraph ends at the next blank
    line; each paragraph is read once, as it opens with the line."""
    pos = line_end + 1
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end]
        if not line.strip():
            return False
        bold = _MD_BOLD_START.match(text, pos)
        if bold is not None and not text[bold.end() : end].strip():
            return True
        pos = end + 1
    return False


def _md_answer_mark(bold: re.Match[str]) -> bool:
    """Whether a bold run at a paragraph's start is an answer's mark: "**A:**", "**Answer.**"."""
    body = bold.group(1) or bold.group(2) or bold.group(3)
    return _MD_ANSWER_MARK.fullmatch(" ".join(_MD_EMPHASIS.sub("", body).split())) is not None


def _md_label(body: str) -> str:
    """A heading line's label: without trailing blanks and a closing ``#`` run that follows a blank."""
    body = body.rstrip(" \t")
    bare = body.rstrip("#")
    if bare != body and bare.endswith((" ", "\t")):
        body = bare
    # a label is read, never quoted: its markup goes ("Handover Guide – *Wren* and *Kingfisher*",
    # "Set the `gas` code", "[Route map](https://…)")
    plain = _MD_EMPHASIS.sub("", _MD_LABEL_LINK.sub(r"\1", body)).replace("`", "")
    return " ".join(plain.split()) or body.strip()


def _fenced_code(text: str) -> list[tuple[int, int]]:
    """Spans of fenced code blocks (a "# comment" line in a code block is not a heading)."""
    spans = []
    pos = 0
    while (m := _MD_FENCE.search(text, pos)) is not None:
        fence = m.group(1)
        line_end = text.find("\n", m.end())
        if line_end == -1:
            break
        close = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", re.MULTILINE)
        c = close.search(text, line_end + 1)
        end = c.end() if c else len(text)  # an unclosed fence runs to the end of the document
        spans.append((m.start(), end))
        pos = end
    return spans


_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "legend",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "tfoot",
        "thead",
        "tr",
        "ul",
    ]
)
#: Never text a reader would quote; ``nav`` is a site's menu ("Home | Classes | Join").
_SKIP_TAGS = frozenset(
    ["script", "style", "noscript", "template", "head", "svg", "iframe", "object", "canvas", "nav"]
)
#: The fewest words of a ``<noscript>`` block that is read, its sentences naming JavaScript left
#: out: what the page says to a reader without scripts, as this reader is.
_NOSCRIPT_WORDS = 12
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _skipped(node: Any) -> bool:
    """Whether a tag's text is never read (``_SKIP_TAGS``). A ``<noscript>`` block is read where
    it says something in ``_NOSCRIPT_WORDS`` words or more: a station's live departures widget
    showed "Loading…" and, to a reader without scripts, "… call our travel line on 01632 960880",
    printed nowhere else. A tracking pixel, or a plea to turn JavaScript on ("We're sorry but the
    app doesn't work properly without JavaScript enabled. Please enable it to continue."), is not:
    its sentences that name JavaScript are not counted."""
    if node.name != "noscript":
        return node.name in _SKIP_TAGS
    words, _, _ = _first_words(node, _NOSCRIPT_WORDS * 40, frozenset(), 10 * _NOSCRIPT_WORDS)
    said = [part for part in _SENTENCE_END.split(words) if "javascript" not in part.casefold()]
    return sum(len(part.split()) for part in said) < _NOSCRIPT_WORDS


#: Table cells, written on their row's line as a Markdown table writes them ("| Student | £22 |"),
#: so that a row reads as one line whatever the page's markup (``index.sentences`` makes each row a
#: sentence, read with the header row).
_CELL_TAGS = frozenset(["td", "th"])
#: A form's controls and their labels, whose words are the form's ("Leave a comment" over a box,
#: "Post comment", a list of choices), not the page's: left out inside a form that only asks for
#: entries (``_entry_form``). Not a button outside one, which may be an FAQ's question that opens
#: its answer.
_FORM_CONTROLS = frozenset(
    ["button", "label", "select", "option", "optgroup", "textarea", "datalist", "output"]
)
#: What a form that wraps the page's content holds (a site built on ASP.NET puts the whole page in
#: one ``<form>``): its controls are the page's (an FAQ's buttons, a fares table's labels).
_CONTENT_IN_FORM = ["main", "article", "section", "table", "h1", "h2", "h3", "h4", "h5", "h6"]
#: Blocks that start a line, not a paragraph: a table's rows, a list's items, a description list's
#: terms and descriptions.
#: (A table's head, body and foot are lines of one table: "| Show | Age |" over "| Hamlet | 12+ |",
#: not two paragraphs that part a header row from the rows it names.)
_LINE_TAGS = frozenset(["tr", "li", "dt", "dd", "thead", "tbody", "tfoot"])
_HEADING_TAGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
#: A collapsible part's summary heads it, as an FAQ page writes its questions:
#: <details><summary>Do I need to book?</summary><p>Yes…</p></details>.
_SUMMARY = "summary"


#: Bold at the start of a paragraph: an FAQ page's question, when it asks ("<p><strong>How do I get a
#: permit?</strong></p><p>Apply online…</p>"), heads its answer as a summary does.
_BOLD_TAGS = frozenset(["strong", "b"])


#: An HTML integer attribute as a browser reads it: a sign, then digits; what follows is ignored
#: ("2.5" is 2). Capped: a list number has at most three digits (``bot.lexical.is_item``).
_HTML_INTEGER = re.compile(r"\s*([+-]?)(\d{1,9})", re.ASCII)
#: The list numbers a text reads as numbered items ("999. " is one, "1000. " and "-1. " are not).
_ITEM_NUMBERS = range(0, 1000)


#: Blocks whose text an item's marker runs into: "<li><p>Log in…</p></li>" reads "1. Log in…".
_ITEM_TEXT_BLOCKS = frozenset(["p", "div", "section", "h1", "h2", "h3", "h4", "h5", "h6"])


def _int_attr(node: Any, name: str) -> int | None:
    """``start`` or ``value``, or None when it is missing or no number (never an error: markup like
    this must not cost a file)."""
    m = _HTML_INTEGER.match(str(node.get(name) or ""))
    return int(m.group(1) + m.group(2)) if m else None


def _ol_numbers(ol: Any) -> dict[int, int]:
    """The number a browser shows for each item of a numbered list (by ``id`` of the item), with
    ``start``, ``reversed`` and an item's ``value`` obeyed."""
    items = ol.find_all("li", recursive=False)
    step = -1 if ol.has_attr("reversed") else 1
    number = _int_attr(ol, "start")
    if number is None:
        number = len(items) if step < 0 else 1
    numbers: dict[int, int] = {}
    for item in items:
        own = _int_attr(item, "value")
        if own is not None:
            number = own
        numbers[id(item)] = number
        number += step
    return numbers


#: The most fields, and the longest field, of a card whose fields read as lines of one paragraph.
_CARD_FIELDS = 8
_FIELD_CHARS = 120


#: The most characters of a table cell whose paragraphs and line breaks go on its row's line.
_CELL_LINE_CHARS = 300
#: What a cell holds when it is a page's layout, not a value: its lists, headings and tables keep
#: their lines.
_CELL_BLOCKS = ["ul", "ol", "dl", "table", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6"]


def _one_line_cell(cell: Any) -> bool:
    """Whether a table cell's paragraphs and line breaks go on its row's line (a room's
    "5.80m x 3.10m<br>(19'0\" x 10'2\")"): a cell of a few lines of words, no list, heading or
    table in it. A cell that lays out a page (a menu beside the text, in old sites) keeps its lines."""
    return cell.find(_CELL_BLOCKS) is None and len(cell.get_text()) <= _CELL_LINE_CHARS


def _fields_of_a_card(card: Any, seen: dict[int, bool]) -> bool:
    """Whether a <div>'s children are a card's fields: two to ``_CARD_FIELDS`` <div>s of a short
    line of words each (a time, a title, a room, a note), with no blocks inside them and no words
    of the card's own between them. A page laid out as a grid of such cards (an open day's talks)
    read each field as a paragraph, so a talk's time was as far from its title as from the talk
    before; they read as the lines of one paragraph, as a list's items do. ``seen`` keeps each
    card's answer."""
    from bs4.element import Comment

    if card is None or card.name != "div":
        return False
    if id(card) not in seen:
        fields = [c for c in card.children if getattr(c, "name", None) is not None]
        # (the cheap tests first: every <div> of a page asks this of its parent)
        leaves = (
            2 <= len(fields) <= _CARD_FIELDS
            and all(f.name == "div" for f in fields)
            and not any(
                getattr(c, "name", None) is None and not isinstance(c, Comment) and str(c).strip()
                for c in card.children
            )
            and all(f.find(_BLOCK_TAGS) is None for f in fields)
        )
        sizes = [len(" ".join(f.get_text(" ").split())) for f in fields] if leaves else []
        # (an icon's field has no words)
        seen[id(card)] = leaves and sum(size > 0 for size in sizes) >= 2 and max(sizes) <= _FIELD_CHARS
    return seen[id(card)]


#: The phrasing elements a card's first line is written in ("<span class=name>Espresso</span>
#: <span class=price>£2.20</span>").
_PHRASING = frozenset(
    ["span", "strong", "b", "em", "i", "small", "a", "data", "time", "abbr", "mark", "sup", "sub"]
)
#: The longest description that goes on its item's line's paragraph.
_DESCRIPTION_CHARS = 300


def _described_item(p: Any) -> bool:
    """Whether a <p> is the description under an item's line: the last block of a <div> that
    opens with a short line of phrasing ("<span>Espresso</span> <span>£2.20</span>") and holds
    nothing else. A menu's item read as two paragraphs, its name and price apart from the "(VG)
    Made with oat milk" under them; they are the lines of one paragraph, as a card's fields are.

    (Cheap tests first: every <p> of a page asks, and a <div> of many <p>s is left at the first
    block met before this one, so the walk is linear.)"""
    from bs4.element import Comment, Tag

    card = p.parent
    if card is None or card.name != "div":
        return False
    # nothing after it: no block, no words of the card's own (bs4's ``find`` costs a filter's
    # making per call, which every <p> of a page would pay)
    if any(isinstance(c, Tag) or (not isinstance(c, Comment) and str(c).strip()) for c in p.next_siblings):
        return False
    if len(p.get_text()) > _DESCRIPTION_CHARS:
        return False
    line: list[str] = []
    for child in card.children:
        if child is p:
            break
        if isinstance(child, Tag):
            if child.name not in _PHRASING or any(
                isinstance(d, Tag) and d.name in _BLOCK_TAGS for d in child.descendants
            ):
                return False
            line.append(child.get_text(" "))
        elif not isinstance(child, Comment):
            line.append(str(child))
    words = " ".join(" ".join(line).split())
    return bool(words) and len(words) <= _FIELD_CHARS


def _note_cell(tr: Any) -> Any | None:
    """The one cell of a row of a table's ``<tfoot>`` that spans the table's columns (a note:
    "Protected mealtimes apply on all adult wards…"), or None. It reads as a paragraph under the
    table: as a row it would be a ward's, with empty cells for the columns it spans."""
    if (
        tr.parent is None
        or tr.parent.name != "tfoot"
        or tr.parent.find_next_sibling(["tbody", "tr"]) is not None
    ):
        return None  # (a foot written before the body, as HTML 4 allowed, stays where it is)
    cells = tr.find_all(_CELL_TAGS, recursive=False)
    return cells[0] if len(cells) == 1 and _colspan(cells[0]) > 1 else None


def _entry_form(form: Any, seen: dict[int, bool]) -> bool:
    """Whether ``form`` (a ``<form>``, or None) only asks for entries ("Leave a comment", "Book your
    place"), holding none of the page's parts or tables (``_CONTENT_IN_FORM``); ``seen`` keeps each
    form's answer."""
    if form is None:
        return False
    if id(form) not in seen:
        seen[id(form)] = form.find(_CONTENT_IN_FORM) is None
    return seen[id(form)]


#: The fewest words of a form's label that declares what ticking it means.
_DECLARATION_WORDS = 10
_DECLARATION_CHARS = 400


def _declaration(label: Any) -> bool:
    """Whether a form's label is a declaration its box signs up to, a sentence a user may ask about
    ("Yes, I am a UK taxpayer and would like Calderbridge Museum Trust to treat this and all future
    payments as Gift Aid donations."), not a field's name or a choice ("Full name", "Joint (£78)").
    Its words are read up to a bound (``_short_text``)."""
    if label.name != "label":
        return False
    words = _short_text(label, _DECLARATION_CHARS)
    return (
        words is not None and len(words.split()) >= _DECLARATION_WORDS and words.rstrip().endswith((".", "!"))
    )


def _choice(label: Any, groups: dict[int, bool]) -> bool:
    """Whether a form's label is one choice of a group the page offers: a ``<label>`` round a
    radio button or a tick box, in a ``<fieldset>`` that its ``<legend>`` names, where one of the
    group's choices says something of some words or a figure ("3 recipes Most popular £4.79 per
    serving", "Saturday (selected postcodes only)", "Joint (£78)"). A lone box ("Remember me"), a
    choice no legend names, and a group of bare words ("Mr", "Mrs"; a cookie banner's
    "Analytics", "Marketing") are the form's, not the page's. ``groups`` keeps each fieldset's
    answer: a fieldset is read once, however many choices it holds."""
    if label.name != "label" or label.find("input", attrs={"type": _CHOICE_INPUT}) is None:
        return False
    fieldset = label.find_parent("fieldset")
    if fieldset is None:
        return False
    if id(fieldset) not in groups:
        legend = fieldset.find("legend", recursive=False) is not None
        groups[id(fieldset)] = legend and any(
            (said := _short_text(choice, _CHOICE_CHARS)) is not None
            and (len(said.split()) >= _CHOICE_WORDS or any(c.isdigit() for c in said))
            for choice in fieldset.find_all("label")
            if choice.find("input", attrs={"type": _CHOICE_INPUT}) is not None
        )
    return groups[id(fieldset)]


#: A choice that makes its group the page's: some words or a figure, read up to a bound.
_CHOICE_WORDS = 3
_CHOICE_CHARS = 200


#: The inputs a choice is made with.
_CHOICE_INPUT = re.compile(r"^\s*(?:radio|checkbox)\s*$", re.I)


def _item_marker(li: Any, lists: dict[int, dict[int, int]]) -> str:
    """The marker a list item reads with: "- ", or in a numbered list (``<ol>`` in decimal, the
    default) the number a browser shows (``_ol_numbers``; ``lists`` keeps each list's numbers, so a
    long list is numbered once). A list numbered in letters or Roman numerals keeps "- ": "b. "
    would read as no list item; so does a numbered list inside a numbered list's item, whose "2. "
    would read as the outer list's second step once the text is flat."""
    parent = li.parent
    if parent is None or parent.name != "ol" or str(parent.get("type") or "1") != "1":
        return "- "
    outer = parent.find_parent("li")
    if outer is not None and outer.parent is not None and outer.parent.name == "ol":
        return "- "
    numbers = lists.get(id(parent))
    if numbers is None:
        numbers = lists[id(parent)] = _ol_numbers(parent)
    number = numbers.get(id(li))
    return f"{number}. " if number in _ITEM_NUMBERS else "- "


def _accordion_question(node: Any) -> bool:
    """Whether a button opens an accordion's panel with a question on it (``aria-expanded`` or
    ``aria-controls``: "<button aria-expanded=false>Is there a waiting period before I can
    claim?</button>" over its answer's panel), which heads its answer as a ``<summary>`` does.
    Its words are read up to a bound (``_short_text``)."""
    if node.name != "button" or (node.get("aria-expanded") is None and node.get("aria-controls") is None):
        return False
    words = _short_text(node)
    return words is not None and _asks(words) and len(words.split()) <= QUESTION_WORDS


def _bold_question(node: Any) -> bool:
    """Whether a <strong> or <b> opens its paragraph with a question that text follows."""
    from bs4.element import Comment, NavigableString

    parent = node.parent
    if parent is None or parent.name not in ("p", "div") or node.find_parent(["td", "th", "li"]) is not None:
        return False  # a cell's or an item's bold heads no part of the page
    text = _words(node)
    if not _asks(text) or len(text.split()) > QUESTION_WORDS:
        return False
    for child in parent.children:  # the first content of its paragraph
        if child is node:
            break
        if isinstance(child, Comment) or (isinstance(child, NavigableString) and not str(child).strip()):
            continue
        return False
    after = [sib for sib in node.next_siblings if not isinstance(sib, Comment)]
    if any(str(sib.get_text() if hasattr(sib, "get_text") else sib).strip() for sib in after):
        return True
    following = parent.find_next_sibling()
    if following is None or not following.get_text().strip() or following.name in _HEADING_TAGS:
        return False
    bold = following.find(_BOLD_TAGS)
    return bold is None or not _bold_question(bold)  # the next paragraph asks again: no answer here


def _words(node: Any) -> str:
    """An element's text, its blanks collapsed."""
    return " ".join(node.get_text(" ").split())


def _term_asks(dt: Any, faq_lists: dict[int, bool]) -> bool:
    """Whether a definition list's term is a question that its description answers: an FAQ written
    as ``<dt>Can I smoke?</dt><dd>No, the hotel is smoke-free.</dd>``, whose question heads its
    answer as a bold question does. ``faq_lists``: per list (by id), whether all its terms ask,
    judged once per list (a long FAQ would otherwise be read again at each of its terms)."""
    text = _words(dt)
    if not _asks(text) or len(text.split()) > QUESTION_WORDS:
        return False
    if dt.find_parent(["td", "th", "li"]) is not None:
        return False  # a cell's or an item's list heads no part of the page, as _bold_question
    dl = dt.parent
    if dl is not None:
        if id(dl) not in faq_lists:
            faq_lists[id(dl)] = all(_asks(_words(t)) for t in dl.find_all("dt", recursive=False))
        if not faq_lists[id(dl)]:
            return False  # a glossary with a term that happens to ask ("Why Not?"): no FAQ
    answer = dt.find_next_sibling()
    while answer is not None and answer.name == "dt":  # several questions over one answer
        answer = answer.find_next_sibling()
    return answer is not None and answer.name == "dd" and bool(answer.get_text().strip())


#: A page's own header and footer are those outside its content (the banner and contentinfo
#: landmarks of ARIA): a site's name, its menu, "© Millbrook Council 2026 · Privacy". An article's
#: <header> (its headline and byline) is inside <main>, <article>, <section> or <aside> and stays.
_CONTENT_TAGS = ["main", "article", "section", "aside"]
_FURNITURE_ROLES = frozenset(["banner", "contentinfo", "navigation", "search"])
#: A cookie or consent notice, named so by its id or class ("cookie-banner", "consent-popup"); a
#: recipe's "cookie-recipe" or a clinic's "consent-form" is content.
_NOTICE = re.compile(
    r"(?:cookie|consent|gdpr)[-_ ]?(?:banner|bar|notice|popup|pop-up|modal|dialog|message|alert|overlay|wall)"
    r"|(?:banner|bar|notice|popup|modal)[-_ ]?(?:cookie|consent|gdpr)",
    re.I,
)


#: Named by its id or class as the site's own: its navigation, breadcrumbs, sidebar or footer
#: ("mw-navigation", "site-footer"), when outside the content (``_CONTENT_TAGS``); a wiki's "[edit]"
#: link anywhere.
_FURNITURE_NAMES = re.compile(
    r"(?:^|[-_\s])(nav|navbar|navigation|breadcrumbs?|sidebar|footer|masthead|skip-?link)(?:$|[-_\s])", re.I
)
#: A page's feedback widget, named so, that asks for the page to be rated.
_FEEDBACK = re.compile(r"(?:^|[-_\s])(?:feedback|page-?rating|helpful|was-?this-?useful)(?:$|[-_\s])", re.I)
_RATING_ASKED = re.compile(r"\b(?:was|is|did)\s+(?:this|the)\s+(?:page|article|information|answer)\b", re.I)
_SKIP_TARGET = re.compile(r"(?:main|content|main-?content|maincontent|page|start)", re.I)
_SKIP_LINK = re.compile(r"skip\s+(?:to|over|past)\b|skip\s+(?:navigation|nav|links)\b", re.I)
_EDIT_LINK = re.compile(r"(?:^|[-_\s])editsection(?:$|[-_\s])", re.I)
_NAMED_TAGS = frozenset(["div", "section", "aside", "dialog", "p", "ul", "ol", "span"])
#: A footnote's marker, set above the line: "[1]", "[a]", "[citation needed]" (not an exponent, "m²").
_FOOTNOTE = re.compile(r"\[\s*(?:\d{1,3}|[a-z]|note\s+\d{1,3}|citation needed)\s*\]", re.I)


#: Text a page hides from sight for screen readers, by its class, and the most words such text has
#: to be dropped (a longer one may say what a chart or an image shows).
_HIDDEN_CLASS = re.compile(
    r"(?:^|\s)(?:[\w-]*visually-?hidden|sr-only|screen-reader-text|screenreader-only|a11y-hidden)(?:$|\s)",
    re.I,
)
_HIDDEN_WORDS = 3
#: A summary list's column of action links ("summary-list__actions").
_ACTIONS_CLASS = re.compile(r"(?:^|[-_\s])actions(?:$|[-_\s])", re.I)
#: A link drawn as a button, by its class ("btn", "btn-primary", "button", "cta"; not Bootstrap's
#: "btn-link", a link drawn as a link, nor a "disabled" one that shows a state, "Sold out"), and
#: the most words its call to action has.
_BUTTON_LINK = re.compile(r"(?:^|[-_\s])(?:btn|button|cta)(?:$|[-_\s])", re.I)
_NO_BUTTON = re.compile(r"(?:^|\s)(?:btn-link|disabled)(?:$|\s)", re.I)
_ACTION_WORDS = 4


#: How many characters of an element's words ``_short_text`` reads at most.
_SHORT_TEXT_CHARS = 80


def _short_text(node: Any, limit: int = _SHORT_TEXT_CHARS) -> str | None:
    """An element's words when they are few, read whole by one bounded walk (``_first_words``:
    ``limit`` characters, ``_MARK_NODES`` elements), else None. A hidden icon, a
    screen reader's words, a button's call to act are a few words; elements nested thousands deep,
    each asked, are not walked to their depths once per element (``get_text`` made 32,000 nested
    hidden spans take minutes)."""
    words, _, whole = _first_words(node, limit, frozenset(), _MARK_NODES)
    return words if whole else None


def _button_alone(link: Any) -> bool:
    """Whether a link is a button that only calls to act ("Find out more", "Book now"): drawn as a
    button by its class, a few words with no figure (a "Book now – £12" button gives a price), to
    a target that is no email address or phone number, and standing alone, no words of a sentence around it
    ("…email <a class=btn-link>box@…</a> with your name")."""
    from bs4.element import NavigableString

    classes = " ".join(link.get("class", []))
    if not _BUTTON_LINK.search(classes) or _NO_BUTTON.search(classes):
        return False  # (most links: their words are not read)
    href = str(link.get("href") or "").lower()
    if href in ("", "#"):
        return False  # no target: a state shown as a button ("Sold out"), not a call to act
    words = _short_text(link)
    if words is None or href.startswith(("mailto:", "tel:")):
        return False
    if len(words.split()) > _ACTION_WORDS or any(c.isdigit() for c in words):
        return False
    parent = link.parent
    around = (
        "".join(str(c) for c in parent.children if isinstance(c, NavigableString))
        if parent is not None
        else ""
    )
    return not any(ch.isalnum() for ch in around)


def _tabs_headed(tablist: Any) -> bool:
    """Whether each tab of a tab list ("Trousers & jeans", "Dresses & skirts") names a heading
    that follows it: each panel heads itself, and the tabs, read as a line of text, would only say
    the headings again, run together ("Trousers & jeans Dresses & skirts Suits & jackets")."""
    tabs = [" ".join(t.get_text(" ").split()).lower() for t in tablist.find_all(attrs={"role": "tab"})]
    if not tabs or not all(tabs):
        return False
    headed = {" ".join(h.get_text(" ").split()).lower() for h in tablist.find_all_next(_HEADING_TAGS)}
    return all(t in headed for t in tabs)


def _site_furniture(node: Any, parts: dict[int, Any]) -> bool:
    """Whether an HTML element is the site around the page, not the page: its header or footer
    outside the content, anything marked as such by its role or named so by its id or class, a
    cookie notice, or a footnote's marker ("…Scotland.[1]"). ``parts``: ``_in_page_part``'s memo,
    one per page."""
    role = str(node.get("role") or "").lower()
    if role in _FURNITURE_ROLES:
        return True
    if str(node.get("aria-hidden") or "").lower() == "true":
        glyph = _short_text(node)
        if glyph is not None and not any(c.isalnum() for c in glyph):
            return True  # an icon's glyph hidden from screen readers ("!" beside a warning)
    classes = " ".join(node.get("class", []))
    if _HIDDEN_CLASS.search(classes):
        hidden = _short_text(node)
        if hidden is not None and len(hidden.split()) <= _HIDDEN_WORDS:
            # a screen reader's few words the page hides ("Warning" run into "You must bring…",
            # "Change<span> name</span>"): not on the page a reader sees, and run into its text
            return True
    if node.name == "dd" and _ACTIONS_CLASS.search(classes) and not _own_words(node):
        return True  # a summary list's "Change" links beside each value
    if role == "tablist" and _tabs_headed(node):
        return True  # (tabs that name no heading are still read past by the checks below)
    if node.name in ("header", "footer"):
        # the page's own header and footer: their words stay ("14 Millbrook Lane … Telephone: 0161
        # 496 0732", "Prices include VAT"), their links go, and so does one of links alone
        return node.find_parent(_CONTENT_TAGS) is None and not _own_words(node)
    if node.name in _PAGE_PART_BLOCKS and _in_page_part(node, parts):
        # links alone, a form's controls ("Menu", "Search the site"), a short copyright line
        return node.name in _FORM_TAGS or not _own_words(node) or _copyright_line(node)
    if node.name == "sup":
        return _FOOTNOTE.fullmatch(node.get_text().strip()) is not None
    if node.name == "a":
        if _button_alone(node):
            return True  # a link drawn as a button ("Find out more", "Book now"): it says no fact
        said = " ".join((_short_text(node) or "").split())
        if (
            _VIEW_ONLINE.fullmatch(said)
            and node.parent is not None
            and " ".join((_short_text(node.parent) or "").split()) == said
        ):
            return True  # an email's "View this email in your browser", alone: a copy of the text
        # a skip link ("Skip to main content"), there for keyboards and screen readers: before the
        # page's first heading, or to its main content ("#main"); not "skip to step 3" in a list
        href = str(node.get("href") or "")
        return (
            href.startswith("#")
            and _SKIP_LINK.match(node.get_text(" ").strip()) is not None
            and (_SKIP_TARGET.fullmatch(href[1:]) is not None or node.find_previous(_HEADING_TAGS) is None)
        )
    if node.name in _NAMED_TAGS:
        names = " ".join([str(node.get("id") or ""), *node.get("class", [])])
        if _NOTICE.search(names) or _EDIT_LINK.search(names):
            return True
        if _FEEDBACK.search(names) and _RATING_ASKED.search(node.get_text(" ")):
            return True  # "Was this page useful? Yes No", inside the content or not
        named = _FURNITURE_NAMES.search(names)
        if named is None or node.find_parent(_CONTENT_TAGS) is not None:
            return False
        # a sidebar of the site's own words ("Latest news", "2 February: new club hats are in stock
        # at £8 each") is the page's; one of links ("Related articles") is not
        return named.group(1).lower() != "sidebar" or not _says_more_than_links(node)
    return False


#: What a page's header or footer holds besides its words: links ("Privacy", a logo) and blocks
#: of them; a copyright line.
_PAGE_PART_BLOCKS = frozenset(
    ["a", "p", "div", "ul", "ol", "li", "span", "small", "button", "label", "form", "select"]
)
_FORM_TAGS = frozenset(["button", "label", "form", "select"])
#: A copyright line is dropped up to this length: a longer one holds more ("© 2025 Acme Ltd, 1 High
#: Street, Leeds, 0113 496 0000").
_COPYRIGHT_CHARS = 80
_COPYRIGHT = re.compile(r"\W*(?:©|\(c\)|copyright\b)", re.I)


def _in_page_part(node: Any, parts: dict[int, Any]) -> bool:
    """Whether an element is inside the page's own header or footer (outside its content).

    ``parts`` remembers each element's nearest enclosing header or footer (by ``id``), so that a
    page of deeply nested blocks is walked up once, not once per block: 5,000 nested <div>s took
    a minute."""
    path = []
    cur = node.parent
    while cur is not None and id(cur) not in parts and cur.name not in ("header", "footer"):
        path.append(cur)
        cur = cur.parent
    part = None if cur is None else parts.get(id(cur), cur)
    for el in path:
        parts[id(el)] = part
    return part is not None and part.find_parent(_CONTENT_TAGS) is None


def _copyright_line(node: Any) -> bool:
    """Whether a block of a page's header or footer is a short copyright line and nothing else:
    "© 2025 Acme Ltd", also among links that go ("Privacy | Terms | © 2025 Acme Ltd", judged
    without them). Not a wrapper of other blocks (its other sentences would go with it), nor a
    line with a contact's link, an email or a web address, or a number that is not a year
    ("Registered charity no. 1098765"): those are information.

    One walk of the block, left at its first block, at the first contact's link, once past
    ``_COPYRIGHT_CHARS`` or past ``_WALK_NODES`` elements: a footer of nested blocks is judged block
    by block, so each judgement must stay short."""
    from bs4.element import Comment, NavigableString, Tag

    words: list[str] = []
    length = seen = 0
    stack: list[Any] = [node]
    while stack:
        cur = stack.pop()
        if isinstance(cur, NavigableString):
            if not isinstance(cur, Comment):
                new = str(cur).split()
                words.extend(new)
                length += sum(len(w) + 1 for w in new)
                if length > _COPYRIGHT_CHARS + 1:
                    return False
            continue
        if not isinstance(cur, Tag) or cur.name in ("script", "style"):
            continue
        seen += 1
        if seen > _WALK_NODES or (cur is not node and cur.name in _BLOCK_TAGS):
            return False
        if cur.name == "a" and cur is not node:
            if _contact_link(cur):
                return False
            continue  # a link's words go with it
        stack.extend(reversed(cur.contents))
    text = " ".join(words)
    return (
        _COPYRIGHT.match(text) is not None
        and len(text) <= _COPYRIGHT_CHARS
        and "@" not in text
        and "www." not in text.lower()
        and not numbers_besides_years(text)  # a charity's or a company's number is information
    )


#: The most elements a header's or footer's block is walked through to judge it (``_copyright_line``).
_WALK_NODES = 200


#: Words that only lead into the links after them: "Follow us:", "Find us on:", "Share this page:".
_LINKS_LEAD = re.compile(r"[^:]{1,30}:")
_LINKS_LEAD_WORDS = 4


def _own_words(node: Any) -> bool:
    """Whether an element holds words that are not a link's: a footer's "Prices include VAT", or a
    phone number's link, not "Privacy · Terms · Accessibility", nor "Follow us: LinkedIn | YouTube",
    whose words only lead into its links (without them, "Follow us: |" is left).

    One walk down the element (script, style, navigation and links that are no contact's skipped),
    left once its words are more than a lead-in: no climb to the document's root per string, which
    made a footer of nested blocks quadratic or worse."""
    from bs4.element import Comment, NavigableString, Tag

    if node.name == "a":
        return _contact_link(node)  # a phone number's or an email's: what a reader asks for
    if node.find_parent(("script", "style", "nav")) is not None:
        return False
    if (link := node.find_parent("a")) is not None:
        return _contact_link(link)
    own: list[str] = []
    links = False
    stack: list[Any] = list(reversed(node.contents))
    while stack:
        cur = stack.pop()
        if isinstance(cur, NavigableString):
            if not isinstance(cur, Comment) and any(c.isalnum() for c in cur):
                own.extend(cur.split())
                if len(own) > _LINKS_LEAD_WORDS:
                    return True  # more than a lead-in: no need to read on
            continue
        if not isinstance(cur, Tag) or cur.name in ("script", "style", "nav"):
            continue
        if cur.name == "a":
            links = True
            if not _contact_link(cur):
                continue
        stack.extend(reversed(cur.contents))
    if not own:
        return False
    return not (_LINKS_LEAD.fullmatch(" ".join(own)) is not None and links)


def _says_more_than_links(node: Any) -> bool:
    """Whether a sidebar is the page's own words, not the site's links: more than
    ``_LINKS_LEAD_WORDS`` words outside its headings, links and form controls, and no fewer than
    its links hold, or ``_SIDEBAR_OWN_WORDS`` at least ("15 January: New club hats are in stock at
    £8 each"; not a blog's "Recent posts", "Archives" and search box, nor "Related pages" over
    links).

    One walk of at most ``_WALK_ELEMENTS`` elements: sidebars nested thousands deep are each
    judged by their first part, not walked to their depths again and again."""
    from bs4.element import Comment, NavigableString, Tag

    own = linked = 0
    seen = 0
    stack: list[tuple[Any, bool]] = [(c, False) for c in reversed(node.contents)]
    while stack and seen <= _WALK_ELEMENTS:
        cur, in_link = stack.pop()
        if isinstance(cur, NavigableString):
            if not isinstance(cur, Comment):
                words = sum(any(c.isalnum() for c in w) for w in cur.split())
                if in_link:
                    linked += words
                else:
                    own += words
            continue
        if not isinstance(cur, Tag) or cur.name in _NOT_SIDEBAR_WORDS:
            continue
        seen += 1
        link = in_link or (cur.name == "a" and not _contact_link(cur))
        stack.extend((c, link) for c in reversed(cur.contents))
    return own > _LINKS_LEAD_WORDS and (own >= linked or own >= _SIDEBAR_OWN_WORDS)


#: What a sidebar's own words are not: code, its headings, a form's controls ("Search for:").
_NOT_SIDEBAR_WORDS = frozenset(
    [
        "script",
        "style",
        "nav",
        "form",
        "label",
        "button",
        "select",
        "option",
        "input",
        "textarea",
        *_HEADING_TAGS,
    ]
)
#: How many elements a bounded walk reads (a sidebar judged, a layout table's cell), and how many
#: words of its own keep a sidebar beside more links (a contact block's phone number and hours
#: over a list of useful links).
_WALK_ELEMENTS = 400
_SIDEBAR_OWN_WORDS = 15


#: What stands between links in a bar of them: "Privacy | Terms · Cookies".
_MARKS = r"[|·•/–—-]+(?: [|·•/–—-]+)*"
#: Those marks at the start of a text, after a link ...
_LINK_MARKS = re.compile(rf"{_MARKS}(?= |$)")
#: ... and at its end, before a link.
_LINK_MARKS_END = re.compile(rf"(?:^|(?<= )){_MARKS}$")


def _beside_dropped_link(node: Any, parts: dict[int, Any], before: bool) -> bool:
    """Whether the element right before a text (``before``), or right after it, is a link that
    the page's text leaves out."""
    from bs4.element import Tag

    near = node.previous_sibling if before else node.next_sibling
    while near is not None and not isinstance(near, Tag) and not str(near).strip():
        near = near.previous_sibling if before else near.next_sibling
    # a link, or a page part's block of links ("<span><a>Privacy</a></span>"), that goes
    return isinstance(near, Tag) and near.name in _PAGE_PART_BLOCKS and _site_furniture(near, parts)


def _without_link_marks(node: Any, s: str, parts: dict[int, Any]) -> tuple[str, bool]:
    """A text (blanks collapsed) without the marks that stood between it and a link that goes
    ("| Email:" after "Privacy", "Tel: 0123 |" before it), and whether its front was cut."""
    front = False
    if (marks := _LINK_MARKS.match(s)) is not None and _beside_dropped_link(node, parts, True):
        s, front = s[marks.end() :].lstrip(), True
    if s and (marks := _LINK_MARKS_END.search(s)) is not None and _beside_dropped_link(node, parts, False):
        s = s[: marks.start()].rstrip()
    return s, front


#: A link that is a contact detail ("mailto:", "tel:"): its text is what a reader asks for.
_CONTACT_LINK = re.compile(r"\s*(?:mailto|tel|sms):", re.I)
#: Digits of a phone number a contact link's text shows, at least.
_SHOWN_NUMBER_DIGITS = 6


def _contact_link(link: Any) -> bool:
    """Whether a link is a contact's (``mailto:``, ``tel:``) and its text shows the address or the
    number: "01328 738 214", "cook@…", not "Email us" or "Call now"."""
    if not _CONTACT_LINK.match(str(link.get("href") or "")):
        return False
    text = link.get_text()
    return "@" in text or sum(c.isdigit() for c in text) >= _SHOWN_NUMBER_DIGITS


def _link_bar(node: Any) -> bool:
    """Whether a <div> outside the content of a page that marks its content (``_CONTENT_TAGS``; the
    caller checks that the page has some) is a bar of links and nothing else, a site's menu that its
    markup does not name ("Subscribe | Sign in | Newsletters"): two links or more, none a contact
    detail, and nothing else but the marks between them. (A list of links stays: "Related news",
    or "Useful links" under a heading.)"""
    if node.name != "div":
        return False
    links = 0
    for child in node.children:  # its own children only: a page of nested <div>s stays linear
        name = getattr(child, "name", None)
        if name == "a" and not _CONTACT_LINK.match(str(child.get("href") or "")):
            links += 1  # (any contact link stays: "Email us" in a bar is no site menu)
        elif name is not None or any(c.isalnum() for c in str(child)):
            return False  # a block, an inline element, a contact's link, or words of its own
    return links >= 2 and node.find_parent(_CONTENT_TAGS) is None


def _opens_with_block(node: Any) -> bool:
    """Whether an element's first content is a list or a table (a description that is no line),
    through comments and wrapping <div>s."""
    from bs4.element import Comment

    for child in node.children:
        name = getattr(child, "name", None)
        if isinstance(child, Comment) or (name is None and not str(child).strip()):
            continue
        if name == "div":
            return _opens_with_block(child)
        return name in ("ul", "ol", "table", "dl")
    return False


#: What a table marked as layout says it is (ARIA's ``presentation`` or ``none``).
_LAYOUT_ROLES = frozenset(["presentation", "none"])
_TABLE_PARTS = frozenset(["thead", "tbody", "tfoot", "tr", "td", "th"])
#: What a layout table's cell holds that a table of data's does not: blocks of a page.
_LAID_OUT = frozenset(["table", "div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "img"])
#: A layout table's cell may hold prose (directions beside directions); a value is shorter.
_PROSE_CELL = 150
_PROSE_WORDS = 12


def _layout_tables_as_blocks(soup: Any) -> None:
    """A table marked as layout (``role="presentation"``: an e-mail is built of them) reads as the
    blocks it lays out, its rows and cells as <div>s: an airport parking confirmation read as
    rows of "| " and "| SkyPark | My account | Help |". One whose cells hold no blocks, with two
    cells of words in a row and never two of prose side by side (directions "By bus" beside "By
    car"), is data whatever it says (a booking's summary, a long cancellation rule in a value's
    cell too); and a table of data inside one of its cells stays a table."""
    from bs4 import Tag

    for table in soup.find_all("table", attrs={"role": True}):
        if str(table.get("role")).strip().lower() not in _LAYOUT_ROLES:
            continue
        parts: list[Any] = []  # the table's own sections, rows and cells (not a nested table's)
        rows: list[list[Any]] = []
        stack = [c for c in table.children if isinstance(c, Tag)]
        while stack:
            part = stack.pop()
            if part.name in _TABLE_PARTS:
                parts.append(part)
                if part.name == "tr":
                    rows.append([c for c in part.children if isinstance(c, Tag) and c.name in ("td", "th")])
                if part.name not in ("td", "th"):  # a cell's own content is left as it is
                    stack.extend(c for c in part.children if isinstance(c, Tag))
        # a summary marked as layout too ("| Booking reference | SP-48213-KT |") stays a table
        texts = {id(cell): _cell_words(cell) for row in rows for cell in row}
        laid_out = any(laid for laid, _ in texts.values()) or any(
            sum(_prose(texts[id(cell)][1]) for cell in row) >= 2 for row in rows
        )
        if not laid_out and any(sum(bool(texts[id(cell)][1]) for cell in row) >= 2 for row in rows):
            continue
        table.name = "div"
        for part in parts:
            part.name = "div"
            for attr in ("rowspan", "colspan"):
                part.attrs.pop(attr, None)


def _prose(words: str) -> bool:
    """Whether a layout table's cell holds prose, as a value does not: past ``_PROSE_CELL``
    characters, or a sentence of ``_PROSE_WORDS`` words ("The number 12 stops outside the
    library, two minutes' walk away.")."""
    return len(words) > _PROSE_CELL or (
        len(words.split()) >= _PROSE_WORDS and words.endswith((".", "!", "?"))
    )


def _cell_words(cell: Any) -> tuple[bool, str]:
    """Whether a layout table's cell holds a block of a page (``_LAID_OUT``: a table, a heading,
    a paragraph), and its first words (past ``_PROSE_CELL`` characters it is prose either way)."""
    words, block, _ = _first_words(cell, _PROSE_CELL, _LAID_OUT, _WALK_ELEMENTS)
    return block, words


def _first_words(node: Any, limit: int, blocks: frozenset[str], most: int) -> tuple[str, bool, bool]:
    """An element's first words, read by one bounded walk: its words joined by blanks (a
    pretty-printed page's indentation is no words), up to the piece that passes ``limit``
    characters; whether it holds an element of ``blocks`` (the walk stops there); and whether the
    walk read it whole, within ``most`` elements. Elements nested thousands deep are not walked to
    their depths once per element that asks (nor by ``.descendants``, which first walks to the
    subtree's end)."""
    from bs4.element import Comment, NavigableString, Tag

    words: list[str] = []
    size = seen = 0
    stack: list[Any] = list(reversed(node.contents))
    while stack:
        cur = stack.pop()
        if isinstance(cur, NavigableString):
            if not isinstance(cur, Comment) and cur.strip():
                words.append(" ".join(cur.split()))
                size += len(words[-1])
                if size > limit:
                    return " ".join(words), False, False
            continue
        if isinstance(cur, Tag):
            if cur.name in blocks:
                return " ".join(words), True, False
            seen += 1
            if seen > most:
                return " ".join(words), False, False
            stack.extend(reversed(cur.contents))
    return " ".join(words), False, True


#: An inline style that hides an element, and the invisible characters an e-mail's preview text
#: is padded with so that no body text shows after it in an inbox's list.
_HIDDEN = re.compile(r"(?:^|;)\s*display\s*:\s*none\b", re.I)
_PREVIEW_PADDING = re.compile("[\u200b\u200c\u034f\u00ad\ufeff\u2007]")
_PREVIEW_NAMES = re.compile(r"pre-?header|preview", re.I)
#: How many padding characters mark hidden text as an e-mail's preview text.
_PADDING_CHARS = 3


#: The elements that strike their words through, and how long a struck text may be to read so.
_STRUCK = frozenset(["s", "strike", "del"])
_STRUCK_CHARS = 40
#: How many elements of an element ``_marks_in_words`` reads, at most, to tell what it shows.
_MARK_NODES = 64


def _marks_in_words(soup: Any) -> None:
    """What a page shows by a mark, written in words: a rating drawn in glyphs reads as its label
    ("★★★☆☆" with ``aria-label="3 out of 5 stars"``, or a ``title`` that a pointer shows, "Difficulty
    4 out of 5": " 3 out of 5 stars ", blanks around it), and
    a short price struck through reads struck through, "~~£89.99~~" beside "£64.99", as Markdown
    writes it (read bare, the old price is the new one's equal); a superscript number is set in
    superscript digits ("£9 a month¹", "12 m²"). Only a label that gives a number
    stands for its glyphs ("Spice level" over "🌶️🌶️🌶️" says less than they do, "Close" over "×"
    is a button's), over two glyphs or more; only words that hold no block are marked (a "<del>"
    round a paragraph would leave its marks as lines of their own), the outermost once; a long
    passage struck through (a changelog's deleted paragraph) is left as it is. One walk down the
    page, each element's words read up to a bound: elements nested thousands deep stay linear."""
    from bs4 import NavigableString, Tag

    def shown(node: Any, limit: int) -> str:
        """The element's words when it holds no block and they are read whole within ``limit``
        characters and ``_MARK_NODES`` elements, else ""."""
        words, _, whole = _first_words(node, limit, _BLOCK_TAGS, _MARK_NODES)
        return words if whole else ""

    icon_cells: dict[int, Any] = {}  # per table cell its one icon, per table whether it is headed
    stack: list[Any] = [c for c in soup.children if isinstance(c, Tag)]
    while stack:
        node = stack.pop()
        if node.name in ("img", "svg") and (said := _icon_cell_words(node, icon_cells)):
            node.replace_with(NavigableString(f" {said} "))
            continue
        # (marked for the walk that writes the text to read in its place: replacing each of
        # thousands of siblings would cost the parent's length each time)
        if node.name in ("img", "svg") and (said := _status_icon_words(node)):
            node[_READ_AS] = f" ({said}) "
            continue
        if node.name == "img" and (said := _image_alone_words(node)):
            node[_READ_AS] = said
            node[_READ_APART] = ""  # a line of its own, not run into a caption under it
            continue
        label = " ".join(str(node.get("aria-label") or node.get("title") or "").split())
        if label and any(c.isdigit() for c in label):
            drawn = "".join(shown(node, _STRUCK_CHARS).split())
            if len(drawn) >= 2 and not any(c.isalnum() for c in drawn):
                node.clear()
                node.append(NavigableString(f" {label} "))
                continue
        if node.name in _STRUCK:
            words = shown(node, 4 * _STRUCK_CHARS)
            if words and len(words) <= _STRUCK_CHARS and "~~" not in words:
                node.insert(0, NavigableString("~~"))
                node.append(NavigableString("~~"))
                continue  # (a struck element inside it is marked once, by this)
        if node.name == "sup":
            words = shown(node, _STRUCK_CHARS).strip()
            if _SUPERSCRIPT_NUMBER.fullmatch(words):
                # a footnote's mark or a power, as the page sets it: "£9 a month¹", "12 m²", not
                # "£9 a month1" (a price of "month1") or "12 m2"
                node.clear()
                node.append(NavigableString(words.translate(_SUPERSCRIPT_DIGITS)))
                continue
        if _BADGE_CLASS.search(" ".join(node.get("class") or ())) and (
            _after_words(node) or _words_on(node, "next")
        ):  # (a badge after an item's words, or before them: "Urgent" before "UHT milk")
            words = shown(node, _BADGE_CHARS)
            if words and len(words.split()) <= _BADGE_WORDS and not words.startswith("("):
                node.insert(0, NavigableString(" ("))
                node.append(NavigableString(")"))
                continue
        if str(node.get("aria-current") or "").lower() == "step":
            # the step a progress tracker is at, as a screen reader announces it: the page marks
            # it by its style alone ("3. Being prepared Since 17 Oct (current step)")
            node.append(NavigableString(" (current step)"))
        stack.extend(c for c in node.children if isinstance(c, Tag))


def _icon_cell_words(icon: Any, seen: dict[int, Any]) -> str:
    """What an icon alone in a table's cell says, or "": its ``alt`` text (an ``<img>``) or its
    label (an ``<svg role="img" aria-label=…>``, or its ``<title>``). A plan comparison's ticks and
    crosses ("Included", "Not included") were lost and left its rows empty: "| Contactless payment |
    | | |" said nothing of which plan has it. Only the one icon of a cell with no words of its own,
    in a table with a header cell, not in a link, not hidden from screen readers; a short label.
    The cell is looked for a few elements up, and each cell and table is judged once (``seen``):
    thousands of icons in one table, or nested thousands deep, stay linear."""
    if str(icon.get("aria-hidden") or "").lower() == "true":
        return ""  # (a chevron drawn for sight alone)
    if icon.name == "svg" and icon.get("role") != "img" and not icon.get("aria-label"):
        return ""
    cell, link, up = None, False, icon.parent
    for _ in range(_ICON_CELL_REACH):
        if up is None or up.name in ("td", "th"):
            cell = up
            break
        link = link or up.name == "a"
        up = up.parent
    if cell is None or link:
        return ""  # (a link's image is a logo's or a product's, in a layout table's cell)
    if id(cell) not in seen:
        words = _short_text(cell, _ICON_CELL_CHARS)
        icons = cell.find_all(["img", "svg"], limit=2)
        table = cell.find_parent("table")
        if table is not None and id(table) not in seen:
            seen[id(table)] = table.find("th") is not None
        headed = table is not None and seen[id(table)]
        # the cell's one icon, and no words but the icon's own (an svg's title)
        alone = words is not None and len(icons) == 1 and words.strip() in ("", icons[0].get_text().strip())
        seen[id(cell)] = icons[0] if headed and alone else None
    if seen[id(cell)] is not icon:
        return ""
    if icon.name == "img":
        said = str(icon.get("alt") or "")
    else:
        title = icon.find("title")
        said = str(icon.get("aria-label") or (title.get_text() if title is not None else ""))
    said = " ".join(said.split())
    return said if 0 < len(said) <= _ICON_CELL_CHARS else ""


def _status_icon_words(icon: Any) -> str:
    """What a status icon after words says, or "": an image the page names for screen readers
    (``role="img"`` and an ``aria-label`` of a few words) after the words of its line, as a
    status page marks each service ("Superfast broadband (FTTC)" and a warning icon labelled
    "Degraded"), read in brackets as a badge is: "Superfast broadband (FTTC) (Degraded)". Without
    it, which services were down was lost. Not a link's icon, not one hidden from screen readers."""
    if icon.get("role") != "img" or str(icon.get("aria-hidden") or "").lower() == "true":
        return ""
    said = " ".join(str(icon.get("aria-label") or "").split())
    if not said or len(said.split()) > _STATUS_WORDS or not any(c.isalpha() for c in said):
        return ""
    if icon.find_parent("a") is not None or not _words_on(icon, "previous"):
        return ""
    return said


def _words_on(node: Any, side: str) -> bool:
    """Whether words stand right beside an element in its parent, on ``side`` ("previous" or
    "next"), within ``_STATUS_REACH`` siblings and before any block, each read up to a bound:
    thousands of icons or badges side by side stay linear."""
    from bs4 import NavigableString

    sibling = getattr(node, f"{side}_sibling")
    for _ in range(_STATUS_REACH):
        if sibling is None:
            return False
        if isinstance(sibling, NavigableString):
            if str(sibling).strip():
                return True
        elif _is_block(sibling):
            return False
        elif (_short_text(sibling, _BADGE_CHARS) or "").strip():
            return True
        sibling = getattr(sibling, f"{side}_sibling")
    return False


#: The attributes ``_marks_in_words`` sets on an image it reads as words: the words, and whether
#: they stand apart as a paragraph. (Chosen so that no page's own attribute is taken for them.)
_READ_AS = "data-quotebot-reads-as"
_READ_APART = "data-quotebot-reads-apart"


#: The most words of a status icon's label, and how many siblings away words beside an icon or a
#: badge are looked for (``_words_on``).
_STATUS_WORDS = 3
_STATUS_REACH = 4


def _image_alone_words(image: Any) -> str:
    """What an image alone in a list's item or a figure says, or "": its ``alt`` text of a few
    words or more. A list of badges ("Rated 4.6 out of 5 on Trustpilot from 38,000 reviews",
    "Carbon-neutral delivery since 2022") read as empty items. In a table's cell, an image set
    between blocks (a ticket's barcode over its caption, which lost "show this to staff at the
    ticket gate"), not one alone in its cell (an order's thumbnail, its row's picture, which the
    row names). Not a figure's image with a caption (not alone), which says it; not a link's image (a logo, a
    product), not one hidden from screen readers or drawn only for show (``role="presentation"``),
    not a name alone ("RailGo"); not an image in any other block (a logo, a hero picture or a
    gallery's slide in a ``<div>``, which the page's words name)."""
    if str(image.get("aria-hidden") or "").lower() == "true" or image.get("role") in ("presentation", "none"):
        return ""
    said = " ".join(str(image.get("alt") or "").split())
    if len(said.split()) < _IMAGE_ALT_WORDS or len(said) > _IMAGE_ALT_CHARS:
        return ""
    block, up = None, image.parent
    for _ in range(_ICON_CELL_REACH):
        if up is None or up.name == "a":
            return ""
        if up.name in _IMAGE_BLOCKS:
            block = up
            break
        up = up.parent
    if block is None or image.find_parent("a") is not None:
        return ""
    if block.name in ("td", "th"):
        before, after = _sibling(image, "previous"), _sibling(image, "next")
        apart = all(side is None or _is_block(side) for side in (before, after))
        return said if image.parent is block and apart and (before is not None or after is not None) else ""
    words = _short_text(block, _IMAGE_ALT_CHARS)
    return said if words is not None and not words.strip() else ""


def _sibling(node: Any, side: str) -> Any:
    """The next element or words on ``side`` of ``node`` ("previous" or "next"), blanks passed
    over, or None."""
    from bs4 import NavigableString

    sibling = getattr(node, f"{side}_sibling")
    while isinstance(sibling, NavigableString) and not str(sibling).strip():
        sibling = getattr(sibling, f"{side}_sibling")
    return sibling


def _is_block(node: Any) -> bool:
    """Whether a node is an element that starts a block (not words, not an inline element)."""
    from bs4 import Tag

    return isinstance(node, Tag) and node.name in _BLOCK_TAGS


#: The fewest words (and the most characters) of an image's ``alt`` text read as the page's words.
_IMAGE_ALT_WORDS = 4
_IMAGE_ALT_CHARS = 300
#: The blocks an image stands alone in, to be read.
_IMAGE_BLOCKS = frozenset(["li", "figure", "td", "th"])


#: How many elements up from an icon its table's cell is looked for.
_ICON_CELL_REACH = 6


#: The most characters of an icon's words read in a table's cell.
_ICON_CELL_CHARS = 40


#: An email's link to its own copy on the web: "View this email in your browser", "View in
#: browser", "Having trouble reading this email? View it online" (its last words).
_VIEW_ONLINE = re.compile(
    r"(?:view|read|open|see)(?: (?:this|the|it|our))?(?: (?:e-?mail|message|newsletter))?"
    r" (?:online|(?:in|on) (?:your |a |the )?(?:web )?browser)[.!]?",
    re.I,
)


#: A superscript of digits (a footnote's mark, a power, "1,2"), and the digits set so.
_SUPERSCRIPT_NUMBER = re.compile(r"\d{1,3}(?:,\d{1,3})*")
_SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


#: A badge set beside a name or a price ("Complete" with "Most popular", "£42 per person" with
#: "Only 4 places left"): read in brackets, an aside, not run into the words before it as one
#: name ("Complete Most popular").
_BADGE_CLASS = re.compile(r"(?:^|[-_\s])(?:badge|pill|ribbon|sticker|lozenge)(?:$|[-_\s])", re.I)
_BADGE_WORDS = 6
_BADGE_CHARS = 60


def _words_beside(node: Any) -> bool:
    """Whether words stand right before or after an element in its parent, as text of their own
    (not an element's, such as a field's ``<label>``): "Show <select>…</select> results"."""
    from bs4 import NavigableString

    for side in (node.previous_sibling, node.next_sibling):
        if isinstance(side, NavigableString) and any(c.isalnum() for c in str(side)):
            return True
    return False


def _after_words(node: Any) -> bool:
    """Whether an element follows words in its parent (not the first thing of its line)."""
    from bs4 import NavigableString

    prev = node.previous_sibling
    while prev is not None:
        text = str(prev) if isinstance(prev, NavigableString) else prev.get_text()
        if text.strip():
            return True
        prev = prev.previous_sibling
    return False


def _without_preheader(soup: Any) -> None:
    """An e-mail's hidden preview text ("Booking SP-48213-KT confirmed …" and a run of
    zero-width padding), which no reader of the e-mail sees, is left out: hidden by its style
    and named so ("preheader"), or a short text that ends in a run of padding. Other hidden text
    stays (a page saved with an accordion closed hides its answers the same way, soft hyphens
    and all).

    One walk down the page: a hidden element is judged as a whole, and nothing inside it is
    judged again (hidden elements nested thousands deep were judged once each, and one removed
    left the ones inside it unreadable)."""
    from bs4 import Tag

    stack: list[Any] = [soup]
    while stack:
        node = stack.pop()
        if node is not soup and _HIDDEN.search(str(node.get("style") or "")):
            names = " ".join([str(node.get("id") or ""), *node.get("class", [])])
            if _PREVIEW_NAMES.search(names) or _padded_preview(node) or _hidden_twice(node):
                node.decompose()
            continue
        stack.extend(c for c in node.children if isinstance(c, Tag))


#: The longest preview text an inbox shows, its padding aside.
_PREVIEW_CHARS = 300
#: What pads a preview text at its end: blanks and invisible characters, some of each.
_PADDING = " \t\n\r\f\v\u00a0\u200b\u200c\u034f\u00ad\ufeff\u2007"


def _hidden_twice(node: Any) -> bool:
    """Whether a hidden element is an e-mail's preview text hidden again by its size or colour too
    ("display:none; font-size:1px; max-height:0; overflow:hidden"), for mail readers that ignore
    ``display``: short, and before any words the page shows. An accordion's answers saved closed
    (``display:none``, an animation's ``max-height:0`` or ``opacity:0`` too) come after its
    questions, and stay."""
    from bs4.element import Comment, Doctype

    def words(piece: Any) -> bool:  # shown words: not a comment, not inside a hidden element
        return (
            not isinstance(piece, (Comment, Doctype))
            and bool(piece.strip())
            and piece.find_parent(lambda tag: _HIDDEN.search(str(tag.get("style") or "")) is not None) is None
        )

    style = str(node.get("style") or "")
    if _HIDDEN_AGAIN.search(style) is None or _short_text(node, _PREVIEW_CHARS) is None:
        return False
    before = node.find_previous(string=words)
    while before is not None and before.find_parent(["head", "title", "style", "script"]) is not None:
        before = before.find_previous(string=words)
    return before is None


#: The styles that hide an e-mail's preview text besides ``display:none``: no height, a size of
#: nothing, no opacity, hidden from Outlook (each value whole: "font-size:0.95em" hides nothing).
_HIDDEN_AGAIN = re.compile(
    r"(?:^|;)\s*(?:max-height\s*:\s*0(?:px)?|font-size\s*:\s*[01](?:px)?|opacity\s*:\s*0(?:\.0+)?"
    r"|mso-hide\s*:\s*all|line-height\s*:\s*0(?:px)?|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)",
    re.I,
)


def _padded_preview(node: Any) -> bool:
    """Whether a hidden element's text is a short line ending in a run of padding holding
    ``_PADDING_CHARS`` invisible characters or more ("…at the barrier.&nbsp;&zwnj;&nbsp;&zwnj;…"),
    as an e-mail's preview text is padded; not a hidden answer with soft hyphens in its words.
    Its text is read up to a bound: a hidden wrapper of a whole page is no preview."""
    from bs4.element import Comment, NavigableString

    pieces: list[str] = []
    size = 0
    for piece in node.descendants:
        if isinstance(piece, NavigableString) and not isinstance(piece, Comment):
            pieces.append(str(piece))
            size += len(piece.strip(_PADDING))  # (the padding, however long, is no words)
            if size > _PREVIEW_CHARS * 4:
                return False
    text = "".join(pieces)
    words = text.rstrip(_PADDING)
    run = text[len(words) :]
    return (
        len(run) >= 2 * _PADDING_CHARS
        and len(_PREVIEW_PADDING.findall(run)) >= _PADDING_CHARS
        and len(words.strip()) <= _PREVIEW_CHARS
    )


def _html(path: Path, data: bytes) -> tuple[str, list[Heading], str]:
    """Extract visible text with BeautifulSoup, recording heading spans as the text is built."""
    from bs4 import BeautifulSoup, NavigableString, Tag, XMLParsedAsHTMLWarning
    from bs4.element import Comment, Doctype, ProcessingInstruction

    if b"\x00" in data[:8192]:
        raise LoadError("binary file (contains NUL bytes), not HTML")
    try:
        # XHTML starts with "<?xml": it is still read as HTML, on purpose, so no warning on the console.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
            soup = BeautifulSoup(data, "lxml")
    except Exception as exc:  # lxml raises a variety of parser errors on hostile input
        raise LoadError(f"unreadable HTML ({type(exc).__name__})") from None
    _without_preheader(soup)
    _marks_in_words(soup)
    _layout_tables_as_blocks(soup)

    parts: list[str] = []
    length = 0
    headings: list[Heading] = []
    # headings nested in a heading (lxml keeps <h1> inside <h1>, a summary may hold an <h3>) belong
    # to the outer one
    in_heading = 0
    # A term (<dt>) just ended: its description (<dd>) goes on its line, "Saturday: 8:00 a.m. to 6:00
    # p.m.", as a list of opening times reads; anything else starts a line of its own.
    term_open = False
    section_level = 0  # the level of the last <h1>–<h6>
    joined = False  # a term's description was joined on: its own blocks ("<dd><p>…") stay on the line

    # Each element's nearest header or footer, as ``_in_page_part`` finds them.
    page_parts: dict[int, Any] = {}
    # Where each card-like element starts, and where its text starts (``_card_opening``).
    opened: dict[int, tuple[int, int]] = {}
    alike: dict[tuple[int, str, str], bool] = {}  # per card's parent, whether it holds cards alike
    # Each numbered list's numbers, made at its first item (``_item_marker``).
    ol_numbers: dict[int, dict[int, int]] = {}
    entry_forms: dict[int, bool] = {}  # per form, whether it only asks for entries (``_entry_form``)
    choice_groups: dict[int, bool] = {}  # per fieldset, whether its choices are the page's (``_choice``)
    note_cells: set[int] = set()  # the cells of a table's footnote rows (``_note_cell``)
    card_fields: dict[int, bool] = {}  # per <div>, whether its <div>s are a card's fields
    faq_lists: dict[int, bool] = {}  # per definition list, whether all its terms ask (``_term_asks``)
    # Per <details> open, how many headings were found before it and the one in force there; and
    # the headings that resume that part once the <details> closes (``_part_resumed``)
    details_open: list[tuple[int, Heading | None]] = []
    resumed: list[Heading] = []
    # A cell spanning rows ("<td rowspan=2>Winter</td>") stands in the rows under it too, as the
    # page shows it: per table, column → [its words, rows left, columns]; and per row being read, its table
    # and the column reached (``_spanned_down``).
    below: dict[int, dict[int, list[Any]]] = {}
    rows_open: list[list[int]] = []
    # An item's marker was just written: the item's first block ("<li><p>Log in…</p>") goes on the
    # marker's line, not under it ("1." alone would read as a sentence of its own).
    marked = False

    def emit(s: str) -> None:
        nonlocal length, term_open, joined, marked
        joined = False
        marked = False
        if term_open:
            term_open = False
            if not s.startswith("\n"):
                emit("\n")
        parts.append(s)
        length += len(s)

    #: How many table cells the walk is inside: a cell's words stay on its row's line.
    cell_depth = 0

    def block_break(name: str = "") -> None:
        nonlocal term_open, joined
        if marked and name in _ITEM_TEXT_BLOCKS:
            return
        if cell_depth and name not in ("table", "tr"):
            # a cell's paragraphs or lines ("<td><p>Stairs up</p><p>Cupboard</p>") go on its row's
            # line, a blank between them, as a Word cell's do: a line break would cut the row
            if parts and not parts[-1].endswith((" ", "\n")):
                emit(" ")
            return
        if term_open and name == "dd":
            term_open = False
            emit(" " if parts and parts[-1].endswith((":", ".")) else ": ")  # "Tel. 01234…"
            joined = True
            return
        if joined:
            return
        tail = "".join(parts[-2:])
        if name in _LINE_TAGS:  # a table's rows and a list's items: one per line, one paragraph
            if length and not tail.endswith("\n"):
                emit("\n")
        elif length and not tail.endswith("\n\n"):
            emit("\n" if tail.endswith("\n") else "\n\n")

    # Only a page that marks its content says what lies outside it (``_link_bar``).
    marks_content = soup.find(_CONTENT_TAGS) is not None
    title_tag = soup.find("title")
    # Collapsed to one line: the title labels the section before the first heading.
    title = " ".join(title_tag.get_text(" ").split())[:200] if title_tag else ""

    # An explicit stack instead of recursion: deeply nested HTML must not hit Python's recursion limit.
    stack: list[object] = [soup.body or soup]
    while stack:
        node = stack.pop()
        if isinstance(node, tuple) and node[0] == "rule":  # ("rule", columns): under a header row
            emit(table_rule(node[1]) + "\n")  # a line of its own, whatever strays between rows
            continue
        if isinstance(node, tuple) and node[0] == "cell":  # ("cell", ±1): a table cell's start or end
            cell_depth += node[1]
            continue
        if isinstance(node, tuple) and node[0] == "span":  # ("span", n): a cell merged across n more
            # the columns it spans stay columns, empty, as Word's do
            emit((" |" * node[1])[1 if parts and parts[-1].endswith(" ") else 0 :] + " ")
            continue
        if isinstance(node, tuple) and node[0] == "down":  # ("down", table, column, rows, span, first part)
            _, table, column, rows, span, first = node
            words = " ".join("".join(parts[first:]).split())
            words = words if len(words) <= SPANNED_CHARS and "|" not in words else ""
            below.setdefault(table, {})[column] = [words, rows, span]
            continue
        if isinstance(node, tuple) and node[0] == "card":  # ("card", element, headings before, in force)
            back = _card_closed(node[1], headings, node[2], node[3], length, alike, parts)
            if back is not None:
                resumed.append(back)
                headings.append(back)
            continue
        if isinstance(node, tuple):  # ("end", tag_name, (heading_start, index_in_parts, node) or None, heads)
            _, name, mark, heads = node
            if heads:
                in_heading -= 1
            if name == "tr" and rows_open:
                _spanned_down(rows_open.pop(), below, parts, emit)  # the last columns' cells above
            if name == "tr" and parts and not parts[-1].endswith("\n"):
                emit("|" if parts[-1].endswith(" ") else " |")
            if mark is not None:
                h_start, first_part, h_node = mark
                label = " ".join("".join(parts[first_part:]).split())
                if label:
                    if name in _HEADING_TAGS:
                        section_level = int(name[1])
                    # a summary or a bold question sits one level under the heading it falls under
                    level = section_level if name in _HEADING_TAGS else min(6, section_level + 1)
                    under = name in _BOLD_TAGS or name in ("dt", "button")
                    opens = _card_opening(h_node, h_start, first_part, parts, opened, headings, alike)
                    headings.append(Heading(label, h_start, length, level, under=under, opens=opens))
            if name == "details" and details_open:
                back = _part_resumed(headings, *details_open.pop(), length)
                if back is not None:
                    resumed.append(back)
                    headings.append(back)
            term = parts[-1].strip() if parts else ""
            if name == "dt" and term and not heads and not term.endswith("?"):
                term_open = True  # not a question's term: "Do I need to book?" over its answer
                continue
            if name == "dd":
                joined = False  # an empty description: "Fax:" alone on its line
            block_break(name)
            continue
        if isinstance(node, (Comment, Doctype, ProcessingInstruction)):
            continue
        if isinstance(node, NavigableString):
            s = " ".join(str(node).split())
            # "Tel: 0123 | Privacy | Terms | © 2025 …" without its links: no bars left alone
            s, cut_front = _without_link_marks(node, s, page_parts)
            if s:
                if parts and not parts[-1].endswith((" ", "\n")) and (cut_front or str(node)[:1].isspace()):
                    emit(" ")
                emit(s)
                if str(node)[-1:].isspace():
                    emit(" ")
            elif str(node) and parts and not term_open and not parts[-1].endswith((" ", "\n")):
                # (not the blank between a term and its description, "<dt>…</dt>\n  <dd>", which
                # go on one line as they do without it)
                emit(" ")  # the blank between two links: "Privacy Accessibility", not "PrivacyAccessibility"
            continue
        if isinstance(node, Tag) and node.has_attr(_READ_AS) and not _site_furniture(node, page_parts):
            # an image or an icon ``_marks_in_words`` reads as words
            if node.has_attr(_READ_APART):
                block_break("p")
                stack.append(("end", "p", None, False))
            said = str(node[_READ_AS])
            if said.startswith(" ") and parts and parts[-1].endswith((" ", "\n")):
                said = said[1:]  # (one blank between words, as the page's own words get)
            emit(said)
            continue
        if not isinstance(node, Tag) or _skipped(node) or _site_furniture(node, page_parts):
            continue
        if node.name == "datalist":
            continue  # a field's suggestions, never shown as the page's words
        if node.name == "select" and not _entry_form(node.find_parent("form"), entry_forms):
            # the choices the page offers ("Saturday 18 January 2025 – Census returns"): an option
            # a line of its own, not one run of them all; a placeholder with no value ("Please
            # select…") offers nothing. Among words or in a table's cell ("Show [10] results", a
            # basket's quantity), only the option shown: the one selected, else the first.
            options = [
                (" ".join(option.get_text(" ").split()), option.has_attr("selected"))
                for option in node.find_all("option")
                if not (option.has_attr("value") and not str(option.get("value")).strip())
            ]
            options = [(said, chosen) for said, chosen in options if said]
            if not options:
                continue
            if cell_depth or _words_beside(node):
                shown = next((said for said, chosen in options if chosen), options[0][0])
                emit((" " if parts and not parts[-1].endswith((" ", "\n")) else "") + shown + " ")
                continue
            for said, _ in options:
                block_break("li")
                emit(f"- {said}")
            block_break("li")
            continue
        if node.name in _FORM_CONTROLS and _entry_form(node.find_parent("form"), entry_forms):
            if _choice(node, choice_groups):
                # a choice of a group the form names ("How many recipes a week?" over "3 recipes
                # Most popular £4.79 per serving", "Choose your delivery day" over "Monday"): the
                # page's offer, a line of its own
                if node.parent is None or node.parent.name != "li":
                    block_break("li")
                    stack.append(("end", "li", None, False))
                    emit("- ")  # an item of the group's list
                    marked = True
                stack.extend(reversed(list(node.children)))
                continue
            if not _declaration(node):
                continue  # a form's labels, buttons and choices: "Leave a comment", "Post comment"
            # a declaration its box signs up to: a paragraph of its own
            block_break("p")
            stack.append(("end", "p", None, False))
            stack.extend(reversed(list(node.children)))
            continue
        if marks_content and _link_bar(node):
            continue  # a page that marks its content: a bar of links outside it is the site's
        if node.name == "br":
            if not cell_depth:
                emit("\n")
            elif parts and not parts[-1].endswith((" ", "\n")):
                emit(" ")  # a line break in a cell: "5.80m x 3.10m<br>(19'0\" x 10'2\")" on its row
            continue
        if node.name == "footer" and not in_heading and node.find_parent(_CONTENT_TAGS) is None:
            # a page's own footer, whose words are kept, is a part of its own, not the last
            # section's (the last question of an FAQ)
            block_break("footer")
            section_level = 1
            headings.append(Heading(FOOTER_LABEL, length, length, 1))
        if not in_heading and (
            (node.name in _BOLD_TAGS and _bold_question(node)) or _accordion_question(node)
        ):
            stack.append(("end", node.name, (length, len(parts), node), True))
            in_heading += 1
            stack.extend(reversed(list(node.children)))
            continue
        if node.name in _CELL_TAGS and id(node) not in note_cells:
            row = (
                rows_open[-1] if rows_open and node.parent is not None and node.parent.name == "tr" else None
            )
            if row is not None:
                _spanned_down(row, below, parts, emit, stop=True)  # cells above that span this row
            # "| " at the row's start or after a blank, " | " right after a cell's text
            emit("| " if not parts or parts[-1].endswith(("\n", " ")) else " | ")
            if _one_line_cell(node):
                cell_depth += 1
                stack.append(("cell", -1))  # popped after the cell's words
            if (span := _colspan(node)) > 1:
                stack.append(("span", span - 1))  # popped after the cell's words
            if row is not None:
                if (down := _rowspan(node)) > 1:
                    stack.append(("down", row[0], row[1], down - 1, span, len(parts)))  # after its words
                row[1] += span
        note = _note_cell(node) if node.name == "tr" else None
        if node.name == "tr":
            if note is not None:
                note_cells.add(id(note))  # its words a paragraph under the table, not a row
            else:
                table = node.find_parent("table")
                rows_open.append([id(table) if table is not None else 0, 0])
        if node.name in _BLOCK_TAGS:
            if node.name == "dd" and _opens_with_block(node):
                term_open = False  # "Bring:" over a list: the list's items stay items
            # a list inside a list's item goes on its lines, as the item's own: no blank line
            # between "- Children under 12…" and the rules under it, nor after them
            breaks = "li" if node.name in ("ul", "ol") and node.find_parent("li") is not None else node.name
            if node.name == "div" and _fields_of_a_card(node.parent, card_fields):
                breaks = "li"  # a card's field ("2:30pm" over its talk's title): a line of its card
            elif node.name == "p" and _described_item(node):
                breaks = "li"  # an item's description, under its name and price: a line of its own
            if note is not None:
                breaks = "p"  # a table's note: a paragraph of its own (and no row's end after it)
            block_break(breaks)
            heads = (
                node.name in _HEADING_TAGS
                or (node.name == _SUMMARY and node.parent is not None and node.parent.name == "details")
                or (node.name == "dt" and _term_asks(node, faq_lists))
            )
            outermost = heads and not in_heading
            if node.name == "tr" and (columns := _header_columns(node)):
                # the columns of cells above that span down into it count too ("Season" beside
                # "Adult", "Child" under "Price")
                spanned = below.get(rows_open[-1][0], {}) if rows_open else {}
                columns += sum(cell[2] for cell in spanned.values())
                stack.append(("rule", columns))  # popped after the row's end: the line under it
            if node.name == "details":
                details_open.append((len(headings), headings[-1] if headings else None))
            if node.name in _CARD_TAGS:
                # popped after the card's end: the part it sits in resumes there (``_card_closed``)
                stack.append(("card", node, len(headings), headings[-1] if headings else None))
            stack.append(("end", breaks, (length, len(parts), node) if outermost else None, heads))
            if heads:
                in_heading += 1
            card_start = length
            if node.name == "li":
                # a list item reads as one, as in Markdown (``bot.lexical.is_item``); a numbered
                # list's item keeps the number the page shows ("3. Print the label"), which
                # "What is step 3?" asks for
                emit(_item_marker(node, ol_numbers))
                marked = True
            if node.name in _CARD_TAGS:
                # where the card starts, and its text past an item's marker ("1." is no line over a
                # title, but it goes with the line over the title when there is one)
                opened[id(node)] = (card_start, length)
        stack.extend(reversed(list(node.children)))

    text = "".join(parts)
    if sum(h.under for h in headings) < FAQ_PEERS:
        headings = [h for h in headings if not h.under]  # one bold question is emphasis, not an FAQ
    if resumed:  # a part resumed only where words of its own follow before the next heading
        after = {id(h): nxt.start for h, nxt in itertools.pairwise(headings)}
        dropped = {
            id(h)
            for h in resumed
            if _ITEM_MARK_ONLY.fullmatch(text[h.start : after.get(id(h), len(text))].strip())
        }
        headings = [h for h in headings if id(h) not in dropped]
    # Trailing spaces before line breaks are noise of the extraction, but removing them would move
    # offsets; headings were recorded against this exact string, so leave it be.
    # Without a <title>, ``load_document`` titles the page by its first heading only when nothing comes
    # before it: otherwise the intro would be labelled like the first section.
    return text, headings, (f"title:{title}" if title else "")


def _part_resumed(headings: list[Heading], before: int, in_force: Heading | None, at: int) -> Heading | None:
    """The heading that resumes, at ``at`` (a ``<details>``'s end), the part the ``<details>`` sits
    in, when its summary headed a part of its own (a heading past ``before``, the number found when
    it opened): a station's "Accessibility" part went on after "<details><summary>Step-free access…
    </summary>…</details>" with "To book assistance, call …", which fell under the summary. A
    heading of no width, with the label and level of ``in_force``, the heading in force where the
    ``<details>`` opened (itself a resumed one, in nested blocks); None when the summary headed
    nothing, or no heading was in force."""
    if len(headings) <= before or in_force is None:
        return None
    return Heading(in_force.label, at, at, in_force.level, under=in_force.under, resumes=True)


#: Text that holds no words of a part: nothing, or the next list item's mark ("2." over "<h3>Plant").
_ITEM_MARK_ONLY = re.compile(r"(?:\d{1,3}[.)]|[-*•])?")


def _card_closed(
    card: Any,
    headings: list[Heading],
    before: int,
    in_force: Heading | None,
    at: int,
    alike: dict[tuple[int, str, str], bool],
    parts: list[str],
) -> Heading | None:
    """The heading that resumes, at ``at`` (a card's end), the part the card sits in, when the
    card is one of several alike (``_among_cards``) and its own headings (past ``before``) sit under
    ``in_force``: a boiler cover page's "<h2>Choose your plan</h2>" over three plan cards, each
    headed "<h3>Essentials</h3>"…, then "<p>Prices are for the first 12 months.</p>" under all
    three, which fell under the last card's "Complete Plus". Only a card with words of its own
    under its heading: a page builder wraps each heading in a "<div>" of its own, its text in the
    next. A heading of no width, as ``_part_resumed`` makes one; None otherwise."""
    if in_force is None or len(headings) <= before:
        return None
    own = [h for h in headings[before:] if not h.resumes and not h.under]
    if not own or min(h.level for h in own) <= in_force.level:
        return None
    if not _words_since(parts, at, own[-1].end):
        return None  # a heading in a wrapper of its own ("<div><h3>Weekends</h3></div><p>…"): no card
    if not _among_cards(card, f"h{own[0].level}", alike):
        return None
    return _part_resumed(headings, before, in_force, at)


def _words_since(parts: list[str], length: int, since: int) -> bool:
    """Whether the text written from offset ``since`` to ``length`` (the end of ``parts``) holds
    a letter or a digit; read from the end, only as far back as ``since``."""
    at = length
    for piece in reversed(parts):
        if at <= since:
            return False
        start = at - len(piece)
        if any(c.isalnum() for c in piece[max(0, since - start) :]):
            return True
        at = start
    return False


#: Elements a web page makes a card of (an event, a product, a news item): a short line over the
#: card's title belongs to the title's part.
_CARD_TAGS = frozenset(["div", "article", "li"])
#: A card's own wrapper round its title and the line over it (a museum's gallery card:
#: "<header><span>First floor</span><h3>Before the Town</h3></header>").
_CARD_HEADS = frozenset(["header", "hgroup"])
#: The most words (and characters) of the line over a card's title: a date, a kicker, a badge.
_CARD_LEAD_WORDS = 8
_CARD_LEAD_CHARS = 80


def _card_opening(
    node: Any,
    start: int,
    first_part: int,
    parts: list[str],
    opened: dict[int, tuple[int, int]],
    headings: list[Heading],
    alike: dict[tuple[int, str, str], bool],
) -> int | None:
    """Where a heading's part opens when its card (``_CARD_TAGS``) sets a short line over it, or
    None: an events page's card puts "Sunday 23 March 2025" above "<h3>Rose Pruning
    Masterclass</h3>", and that date is the masterclass's, not the card before's. Only the card's
    first heading, only a line of a few words."""
    parent = node.parent if node.name in _HEADING_TAGS else None
    while parent is not None and parent.name in _CARD_HEADS:
        parent = parent.parent  # "<article><header><span>New</span><h3>…": the card's own header
    card = opened.get(id(parent)) if parent is not None and parent.name in _CARD_TAGS else None
    if card is None:
        return None
    begins, at = card
    if not 0 < start - at <= _CARD_LEAD_CHARS:
        return None
    last = next((h for h in reversed(headings) if not h.resumes), None)  # (not the card before's end)
    if last is not None and last.start >= begins:
        return None  # not the card's first heading
    lead, k = "", first_part  # the text from the card's start to the heading's, from the last parts
    while k > 0 and len(lead) < start - at:
        k -= 1
        lead = parts[k] + lead
    lead = lead[len(lead) - (start - at) :]
    line = lead.strip()
    if (
        not line
        or "\n" in line
        or "|" in line
        or line.endswith((".", "!", "?", ":"))
        or len(line.split()) > _CARD_LEAD_WORDS
    ):
        return None  # a label or a date, not a sentence, a row or a paragraph
    if not _among_cards(parent, node.name, alike):
        return None  # one wrapper's intro over its first part, not one card of many
    return begins if begins < at else at + len(lead) - len(lead.lstrip())


def _among_cards(card: Any, heading: str, alike: dict[tuple[int, str, str], bool]) -> bool:
    """Whether ``card`` is one of several alike: its parent holds at least two elements of its kind
    each with a ``heading`` element (an events list's cards), not one wrapper round a page's text
    ("<div class=entry-content><p>Please read…</p><h2>Water</h2>"). ``alike``: the answer per
    parent, judged once (a list of 3,000 cards was read again at each card: 64 s to load)."""
    holder = card.parent
    if holder is None:
        return False
    key = (id(holder), card.name, heading)
    if key not in alike:
        found = (c for c in holder.find_all(card.name, recursive=False) if c.find(heading) is not None)
        alike[key] = next(found, None) is not None and next(found, None) is not None
    return alike[key]


def _header_cells(row: Any) -> list[Any] | None:
    """A table row's cells if the page marks it as a header row (in a ``<thead>``, or its cells
    ``<th>`` but for empty ones: a comparison's blank top-left corner), else None. A row of a
    ``<thead>`` headed by its first cell, with amounts beside it, is a row of data."""
    cells = row.find_all(_CELL_TAGS, recursive=False)
    if len(cells) < 2:
        return None
    if row.parent is not None and row.parent.name == "thead":
        # but a row headed by its own first cell, data beside it, is data the page set in the
        # header: a plan comparison's "Monthly price" over "£14.50/month", "£19.95/month"
        data_row = (
            cells[0].name == "th"
            and all(c.name == "td" and c.get_text(strip=True) for c in cells[1:])
            # a cell that opens with an amount, not a label that holds one ("Price inc 20% VAT")
            and any(AMOUNT.match(c.get_text(" ", strip=True)) for c in cells[1:])
        )
        return None if data_row else cells
    heads = [c for c in cells if c.name == "th"]
    others_empty = all(c.name == "th" or not c.get_text(strip=True) for c in cells)
    return cells if len(heads) >= 2 and others_empty else None


def _rowspan(cell: Any) -> int:
    """How many rows a table cell spans (``rowspan``: 1 if unset, odd or 0, at most ``MOST_SPAN``)."""
    return min(max(_int_attr(cell, "rowspan") or 1, 1), MOST_SPAN)


def _spanned_down(
    row: list[int],
    below: dict[int, dict[int, list[Any]]],
    parts: list[str],
    emit: Callable[[str], None],
    stop: bool = False,
) -> None:
    """Write into ``row`` ([table, column reached]) the cells of rows above that span down to it,
    from the column reached on: each one's words again, as the page shows them beside the row's
    own ("| Winter | 27 December to 27 March | 10am to 4pm |" under the row that opened "Winter"),
    across as many columns as it spans. With ``stop``, only up to the next column no cell above
    covers (where the row's next cell goes); else on to the last such cell, the columns between
    left empty."""
    held = below.get(row[0])
    while held:
        if row[1] in held:
            words, left, span = held[row[1]]
            emit("| " if not parts or parts[-1].endswith(("\n", " ")) else " | ")
            if words:
                emit(words)
            if span > 1:
                emit(" |" * (span - 1) + " ")
            if left <= 1:
                del held[row[1]]
            else:
                held[row[1]][1] = left - 1
            row[1] += span
            continue
        later = [c for c in held if c > row[1]]
        if stop or not later:
            break
        column = min(later)
        emit(" |" * (column - row[1]) + " ")  # a spanning cell right of this row's last
        row[1] = column


def _colspan(cell: Any) -> int:
    """How many columns a table cell spans (``colspan``, read as a browser reads it: 1 if unset or
    odd, at most ``MOST_SPAN``)."""
    return min(max(_int_attr(cell, "colspan") or 1, 1), MOST_SPAN)


def _header_columns(row: Any) -> int:
    """How many columns a table's header row names, when the page marks ``row`` as its last header
    row over rows of data (``table_rule`` is written under it), else 0. A row of ``<th>`` cells over
    another (a header of two rows) marks the lower one."""
    cells = _header_cells(row)
    if cells is None:
        return 0
    below = row.find_next_sibling("tr")
    while below is not None and not below.get_text(strip=True):  # a spacer row between
        below = below.find_next_sibling("tr")
    if below is None and row.parent is not None and row.parent.name == "thead":
        body = row.parent.find_next_sibling(["tbody", "tr"])
        below = body if body is None or body.name == "tr" else body.find("tr", recursive=False)
    if below is None or _header_cells(below) is not None or not below.find_all(_CELL_TAGS, recursive=False):
        return 0
    return sum(_colspan(c) for c in cells)


def _pdf(path: Path, data: bytes) -> tuple[str, list[Heading], str]:

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:
                raise LoadError("encrypted PDF; save an unlocked copy") from None
        read = [page_text_and_type(page) for page in reader.pages]
        pages, top, bottom = running_lines([canonical(text).strip() for text, _, _ in read])
    except LoadError:
        raise
    except Exception as exc:  # pypdf has many failure modes on malformed files
        raise LoadError(f"unreadable PDF, damaged or truncated ({one_line(exc)})") from None
    text = readable_list(joined_pages(pages))
    if not text.strip():
        raise LoadError("PDF has no extractable text (scanned images?)")
    # A broken ToUnicode map can yield lone surrogates (pypdf decodes with "surrogatepass"): such text
    # cannot be encoded, hashed or stored. One character for one keeps every offset.
    bad = len(SURROGATE.findall(text))
    text = SURROGATE.sub("\ufffd", text)
    # the title and the parts' headings, by the type they are set in: a bonus, never a reason to
    # lose the file
    printed = [line for _, lines, _ in read for line in lines]
    try:
        headings = type_headings(text, printed)
    except Exception as exc:
        log.debug("no type headings for %s: %s", path.name, exc)
        headings = []
    footer = _kept_footer(text, read[-1][2] if read else [])
    if footer is not None:  # a part of its own, as a web page's footer is, not the last part's
        headings = sorted([*headings, Heading(FOOTER_LABEL, footer, footer, 1)], key=lambda h: h.start)
    text, headings = _with_running_parts(text, headings, top, bottom)
    try:
        title = _pdf_title(reader, text, headings, printed, pages[0] if pages else "", [*top, *bottom])
    except Exception as exc:  # a bonus too
        log.debug("no title by type for %s: %s", path.name, exc)
        title = ""
    if bad:
        return text, headings, f"{title}{bad} invalid character{'s' if bad != 1 else ''} replaced by \ufffd"
    return text, headings, title


def _pdf_title(
    reader: Any,
    text: str,
    headings: list[Heading],
    printed: list[PrintedLine],
    first: str,
    running: list[str],
) -> str:
    """The PDF's title note ("title:" and a label, for ``load_document``), or "" (its first line
    titles it). The title its properties give, where that is the author's own word: one of its
    headings as printed ("Gas Boiler Service and Safety Report" under a firm's name). Else its
    title by type (``brand_title``). Else, where the text opens with a part's heading, one of
    several in its type ("Before you go" atop a guide's first column), the properties' title
    when the first page (``first``) and the running header or footer (``running``) print its
    every word, and the numbers in it at the page's top or in those running lines ("Fernhill 6
    Family Tent - Pitching and Care Guide" over a header "… Fernhill 6 Family Tent"). Where the
    text opens with no heading at all (a letter's address), the properties' title when one line of
    the first page that ends no sentence prints its every word (the letter's subject). A title the
    properties alone give is often a stale file name ("Microsoft Word - draft3.docx"), a tool's
    default ("untitled"), or last month's ("Minutes of the meeting 12 March 2024", whose date
    April's minutes print only in their text), and names nothing."""
    try:
        meta = reader.metadata
        raw = meta.title if meta is not None else None
    except Exception:  # a damaged /Info: the title by type is still read
        raw = None
    label = " ".join(str(raw).split()) if raw else ""
    wanted = label.casefold()
    for h in headings if label else ():
        if " ".join(h.label.split()).casefold() == wanted:
            return f"title:{h.label[:200]}\n"
    by_type = brand_title(text, headings, printed)
    # the words printed at the first page's top or in its running lines, and on that page at all
    top = [line for line in first.split("\n") if line.strip()][:_TOP_LINES]
    at_top = set(_WORD.findall("\n".join([*top, *running]).casefold()))
    on_page = at_top | set(_WORD.findall(first.casefold()))
    opens = (
        headings[0] if headings and headings[0].level == 1 and not text[: headings[0].start].strip() else None
    )
    shown = by_type[len("title:") :] if by_type else opens.label if opens is not None else ""
    if shown and _adds_printed_words(label, shown, on_page, at_top):
        # the properties' title is the printed title with the maker's name ("Gritstone Edge
        # Climbing Centre – New Climber Induction" over "New Climber Induction" set large), the
        # name printed on the first page or in its running lines
        return f"title:{label[:200]}\n"
    if by_type or not label or _FILE_NAME.search(label):
        return by_type
    # the text opens with a part's heading (one of several in its size), not with its title
    opening = headings[0] if headings and not text[: headings[0].start].strip() else None
    parts = [h for h in headings if h.label not in (HEADER_LABEL, FOOTER_LABEL)]
    words = [w for w in _WORD.findall(wanted) if w not in _JOINING_WORDS]
    if len(words) < _TITLE_WORDS_PRINTED:
        return ""
    if text[:1].strip() and not (headings and headings[0].start == 0):
        # The text opens with no heading (a letter's address block: "Mrs P. Okonkwo", whose name
        # would title it): the properties' title, where one line of the first page that ends no
        # sentence prints its every word ("Garden waste subscription 2025/26" in "Renew your garden
        # waste subscription for 2025/26", the letter's subject; not last month's minutes' title in
        # "The minutes of the meeting of 12 March 2024 were approved.").
        return f"title:{label[:200]}\n" if _subject_prints(words, first.split("\n")) else ""
    if opening is None or sum(h.level == opening.level for h in parts) < 2:
        return ""
    if all(w in (at_top if any(c.isdigit() for c in w) else on_page) for w in words):
        return f"title:{label[:200]}\n"
    return ""


#: A word of a title, and how many a title of the properties alone must have: "Untitled",
#: "Document1" or "Report" name no document. Its joining words need not be printed.
_WORD = re.compile(r"\w+")
_JOINING_WORDS = frozenset(["and", "of", "the", "a", "an", "for", "to", "in", "on", "with", "at", "by"])
_TITLE_WORDS_PRINTED = 3
#: A title that is a file's name ("Microsoft Word - draft3.docx", "scan_0042.pdf").
_FILE_NAME = re.compile(r"\.\w{2,4}$|^Microsoft\b|_", re.I)
#: The lines at a page's top where a title's numbers (its date, its model) are printed.
_TOP_LINES = 3
#: A line that could be a letter's subject: at most sixteen words, ending no sentence or clause.
_SUBJECT_LINE = re.compile(r"\s*(?:\S+\s+){0,15}\S*[^\s.,;:!?]\s*")


def _subject_prints(words: list[str], lines: list[str]) -> bool:
    """Whether one of ``lines`` that ends no sentence (``_SUBJECT_LINE``, a letter's subject) prints
    every one of a title's ``words`` (lower-cased, joining words left out)."""
    return any(
        len(line) <= 200
        and _SUBJECT_LINE.fullmatch(line)
        and set(words) <= set(_WORD.findall(line.casefold()))
        for line in lines
    )


def _adds_printed_words(label: str, shown: str, on_page: set[str], at_top: set[str]) -> bool:
    """Whether a file's properties' title ``label`` is its printed title ``shown`` with words the
    first page prints (``on_page``) before or after it: "Gritstone Edge Climbing Centre – New
    Climber Induction" over "New Climber Induction", "The Long Table – Spring Tasting Menu" over a
    menu's masthead "THE LONG TABLE". A number it adds (a date) must be printed at the page's top
    (``at_top``), as a title's numbers are: last month's minutes name a date their text gives only
    in passing. Not a file's name ("Microsoft Word - draft3.docx")."""
    if not label or _FILE_NAME.search(label):
        return False
    wanted = " ".join(label.split()).casefold()
    printed_title = " ".join(shown.split()).casefold()
    rest = wanted.removesuffix(printed_title) if wanted.endswith(printed_title) else None
    if rest is None and wanted.startswith(printed_title):
        rest = wanted.removeprefix(printed_title)
    extra = [w for w in _WORD.findall(rest or "") if w not in _JOINING_WORDS]
    numbers_shown = all(w in at_top for w in extra if any(c.isdigit() for c in w))
    return bool(rest) and len(extra) >= 2 and set(extra) <= on_page and numbers_shown


def _with_running_parts(
    text: str, headings: list[Heading], top: list[str], bottom: list[str]
) -> tuple[str, list[Heading]]:
    """The text with the running header's and footer's lines (``running_lines``) after it, each
    a part of its own ("Page header", "Page footer") as a Word document's are; a line the text
    has already (the title again) is left out."""
    seen = {line.strip() for line in text.split("\n")}
    for label, lines in ((HEADER_LABEL, top), (FOOTER_LABEL, bottom)):
        # (each line as the text's are: its bullet glyphs shown, no lone surrogate)
        kept = [shown_glyphs(SURROGATE.sub("\ufffd", line)) for line in lines if line not in seen]
        if kept:
            start = len(text) + 2
            text = f"{text}\n\n" + "\n".join(kept)
            headings = [*headings, Heading(label, start, start, 1)]
            seen.update(kept)
    return text, headings


def _kept_footer(text: str, moved: list[str]) -> int | None:
    """Where the footer that the last page drew first (``moved``: its plain lines), and that the
    text keeps at its end (a one-page PDF's: no other page repeats it), starts in ``text``, or
    None."""
    lines = [line for line in moved if line.strip()]
    end = len(text.rstrip())
    # all of it, or without its page number, which is dropped ("Acme · TG-04" over "Page 1")
    for foot in ("\n".join(lines[:k]) for k in range(len(lines), 0, -1)):
        start = end - len(foot)
        if text[:end].endswith(foot) and start > 0 and text[start - 1] == "\n":
            return start
    return None


def _docx(path: Path, data: bytes) -> tuple[str, list[Heading], str]:
    try:
        text, headings = docx_text(data)
    except LoadError:
        raise
    except Exception as exc:  # a file built to break the reader: still one file skipped, not a crash
        raise LoadError(f"unreadable Word document ({one_line(exc)})") from None
    # no carriage return is left: headings' offsets hold as they are. A paragraph its writer set in
    # Word's "Title" style titles the document, though a letterhead in bold comes before it
    # ("Little Acorns Childminding" over "Childminding Contract")
    title = next((h for h in headings if h.level == 1 and not _is_marking(h.label)), None)
    first_part = next((h for h in headings if h.level >= 2), None)
    if title is not None and first_part is not None and first_part.start < title.start:
        title = None  # a part's name in the Title style, after the first part's heading
    if title is None and first_part is not None and _under_letterhead(text, first_part, headings):
        # no Title style, but one Heading 1 under a line or two of letterhead ("Hollins Brook C of
        # E Primary School" over "End of Year Report – Summer Term 2024"): it titles the document
        title = first_part
    # The properties' title, where it is that title (or the first line) with words the page prints
    # ("The Long Table – Spring Tasting Menu" over a menu's masthead "THE LONG TABLE")
    lines = [line for line in text[:_DOCX_FIRST_PAGE].split("\n") if line.strip()]
    if title is None and lines and _is_marking(lines[0]):
        # a letter's marking ("PRIVATE AND CONFIDENTIAL") names nothing: the properties' title,
        # where a line of the first page that ends no sentence prints its every word (the letter's
        # subject, "Offer of employment: Senior Logistics Coordinator"), else the next line's
        label = properties_title(data)
        words = [w for w in _WORD.findall(label.casefold()) if w not in _JOINING_WORDS]
        if (
            len(words) >= _TITLE_WORDS_PRINTED
            and not _FILE_NAME.search(label)
            and _subject_prints(words, lines[1:])
        ):
            return text, headings, f"title:{label[:200]}"
        lines = lines[1:]
    shown = title.label if title is not None else lines[0] if lines else ""
    if shown:
        label = properties_title(data)
        on_page = set(_WORD.findall(text[:_DOCX_FIRST_PAGE].casefold()))
        at_top = set(_WORD.findall("\n".join(lines[:_TOP_LINES]).casefold()))
        if _adds_printed_words(label, shown, on_page, at_top):
            return text, headings, f"title:{label[:200]}"
    if title is not None:
        return text, headings, f"title:{title.label[:200]}"
    return text, headings, ""


def _under_letterhead(text: str, first: Heading, headings: list[Heading]) -> bool:
    """Whether a Word document's first heading, of some words, is its one heading of its level (a
    Heading 1 over parts in Heading 2), under at most ``_LETTERHEAD_LINES`` short lines that end no sentence (a
    school's or a firm's name, its address)."""
    over = [line.strip() for line in text[: first.start].split("\n") if line.strip()]
    return (
        0 < len(over) <= _LETTERHEAD_LINES
        # (a heading of some words: a lone "Quotation" names less than the firm over it; and no
        # part's, "Part A: Matters arising", under the minutes' own title)
        and len(_WORD.findall(first.label)) >= _TITLE_WORDS_PRINTED
        and _PART_OPENS.match(first.label) is None
        and all(len(line) <= _LETTERHEAD_CHARS and not line.endswith((".", "!", "?", ":")) for line in over)
        and sum(h.level == first.level for h in headings) == 1
        and any(h.level > first.level for h in headings)
    )


#: A heading that names a part, by its number or its word for one: "Part A:", "Section 2", "3.".
_PART_OPENS = re.compile(r"(?:part|section|chapter|schedule|appendix|annex|item)\b|\(?\d|[A-Z][.)]\s", re.I)
#: The most lines (and characters a line) of a letterhead over a Word document's title.
_LETTERHEAD_LINES = 2
_LETTERHEAD_CHARS = 60


#: How much of a Word document's text is its first page, near enough, for the words its title prints.
_DOCX_FIRST_PAGE = 3000


def _cell_lines_joined(cell: str) -> str:
    """A spreadsheet's cell on one line: its lines joined by "; " where one ends no phrase and the
    next opens anew with a capital or a figure ("Needs power for chiller cabinet" over "Sharing
    socket with stall 11" had run together as one phrase), else by a blank, as a phrase wrapped
    mid-way goes on ("Delivered by" over "DPD")."""
    lines = [" ".join(line.split()) for line in cell.splitlines()]
    lines = [line for line in lines if line]
    out = lines[:1]
    for line in lines[1:]:
        before = out[-1]
        last = before.rsplit(" ", 1)[-1].casefold()
        anew = line[:1].isupper() or line[:1].isdigit() or line[:1] in "£$€"
        apart = anew and before[-1] not in ".,;:!?" and last not in RUN_ON_WORDS
        out[-1] = f"{before}{'; ' if apart else ' '}{line}"
    return out[0] if out else ""


#: The delimiters a spreadsheet's export uses: a comma, a semicolon (where the comma is the decimal
#: mark), a tab, a pipe.
_CSV_DELIMITERS = ",;\t|"


#: Excel's first line naming the delimiter of the lines under it ("sep=;").
_SEPARATOR_HINT = re.compile(r"\ufeff?sep=([,;\t|])[ \t]*\n", re.I)
#: The lines of a spreadsheet export that ``_steadiest_delimiter`` splits.
_DELIMITER_SAMPLE = 50


def _steadiest_delimiter(sample: str, sniffed: str) -> str:
    """The delimiter that splits most of a spreadsheet export's lines into as many fields, two or
    more (a title line aside): the sniffer's own unless another does better, or as well into more
    cells. A semicolon export whose notes hold commas ("Ground floor, step-free, own patio") and,
    once, a semicolon left unquoted was sniffed as commas, each line one cell of text."""

    def steadiness(delimiter: str) -> tuple[float, int]:
        try:
            records = [
                r
                for r in itertools.islice(
                    csv.reader(io.StringIO(sample), delimiter=delimiter), _DELIMITER_SAMPLE
                )
                if any(r)
            ]
        except csv.Error:
            return (0.0, 0)
        # the width most lines share, not the first line's: a title or a comment over the table
        # ("Club fees 2024; members only") has a width of its own
        widths = Counter(len(r) for r in records if len(r) >= 2)
        if len(records) < 2 or not widths:
            return (0.0, 0)
        width, shared = max(widths.items(), key=lambda kv: (kv[1], kv[0]))
        if shared < 2 or shared * 2 < len(records):
            return (0.0, 0)
        return (shared / len(records), width)

    scores = {d: steadiness(d) for d in _CSV_DELIMITERS}
    best = max(scores, key=lambda d: scores[d])
    return sniffed if scores.get(sniffed, (0.0, 0)) >= scores[best] else best


def _csv(path: Path, data: bytes) -> tuple[str, list[Heading], str]:
    """A spreadsheet's export as a table a row a line, "| Item | Price |": each row is a fact a
    question asks about, as a table's row is in a page. Cells keep their text as written, a line
    break inside a quoted cell read as a blank. It is titled by its file's name ("price-list.csv":
    "price list"), since its first line is its header, not a title; a rule (``table_rule``) marks
    the header where one shows (``_csv_header``). Lines written over that header, each alone in
    its first cell, are paragraphs above the table, not rows of empty cells, and the first titles
    the table where it reads as a title (``_csv_title``)."""
    text, note = decode_text(data, path.name)
    text = canonical(text)
    hint = _SEPARATOR_HINT.match(text)
    if hint:  # Excel's "sep=;" over its table names the delimiter, and is no row
        text = text[hint.end() :]
    if path.suffix.lower() == ".tsv":
        dialect: Any = csv.excel_tab
        delimiter = "\t"
    elif hint:
        dialect, delimiter = csv.excel, hint.group(1)
    else:
        try:
            dialect = csv.Sniffer().sniff(text[:8192], delimiters=_CSV_DELIMITERS)
        except csv.Error:
            dialect = csv.excel  # one column, or no clear delimiter: commas
        delimiter = _steadiest_delimiter(text[:8192], dialect.delimiter)
    records: list[list[str]] = []
    apart: set[int] = set()  # the records an empty line stands above
    gap = False
    try:
        for record in csv.reader(io.StringIO(text), dialect, delimiter=delimiter):
            # (a header's cells wrap in narrow columns: "Amount\nPaid" is one name)
            cells = [_cell_lines_joined(cell) if records else " ".join(cell.split()) for cell in record]
            if any(cells) and not all(_SEPARATOR_CELL.fullmatch(c) for c in cells if c):
                if gap:
                    apart.add(len(records))
                records.append(cells)  # a line of dashes only separates (and would read as a rule)
            gap = len(cells) > 1 and not any(cells)  # (",,,,,": a blank line is no row at all)
    except csv.Error as exc:  # a field past the csv module's limit, a NUL
        raise LoadError(f"unreadable CSV ({one_line(exc)})") from None
    notes = _csv_notes(records, apart)
    at = _csv_header(records)
    lead: list[str] = []
    if at and all(cells[0] and filled_cells(cells) == 1 for cells in records[:at]):
        lead = [cells[0] for cells in records[:at]]  # the lines over its header: a title, a note
        records, at = records[at:], 0
    header_rows = 1
    if at is not None:
        header_rows += _second_header_row(records, at)
        records = [*records[: at + header_rows], *_filled_down(records[at + header_rows :])]
        width = len(records[at])
        records = [*records[: at + 1], *(_overflow_joined(r, width, delimiter) for r in records[at + 1 :])]
    rows = [table_row(cells) for cells in records]
    if at is not None:
        rows.insert(at + header_rows, table_rule(len(records[at])))
    title = " ".join(path.stem.replace("_", " ").replace("-", " ").split())
    if lead and _csv_title(lead[0]):
        title = lead[0][:200]
    body = "\n\n".join([*lead, "\n".join(rows), *notes])
    return body, [], f"title:{title}" + (f"\n{note}" if note else "")


#: The most words of a spreadsheet's title line.
_CSV_TITLE_WORDS = 14


def _csv_title(line: str) -> bool:
    """Whether the first of the lines over a spreadsheet's header, each alone in its first cell,
    titles it ("Wrensham Water Sailing Club - Summer Regatta 2025"): a short line that ends no
    sentence and is no field ("Member: A. Patel" over a statement's rows) nor an export's stamp."""
    return (
        len(line.split()) <= _CSV_TITLE_WORDS
        and not line.endswith((".", "!", "?", ":", ";", ","))
        and IS_FIELD.match(line) is None
        and _EXPORT_STAMP.search(line) is None
    )


#: A time of day or a date in figures: an export's stamp ("Report generated 12/05/2025 10:32"),
#: which names when the file was written, not what it holds.
_EXPORT_STAMP = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b")


def _overflow_joined(cells: list[str], width: int, delimiter: str) -> list[str]:
    """A row with words in more cells than its header names, its last column's cells joined as
    the one cell they were written as: a note holding the delimiter unquoted ("Sofa bed for a
    child; steep stairs" in a semicolon export) split it, and the row, one cell too wide, lost its
    header's names. A row padded with empty cells past its header stays as it is."""
    if width < 2 or len(cells) <= width or not any(cells[width:]):
        return cells
    joiner = f"{delimiter} " if delimiter in ",;|" else " "
    return [*cells[: width - 1], joiner.join(c for c in cells[width - 1 :] if c)]


def _csv_notes(records: list[list[str]], apart: set[int]) -> list[str]:
    """The notes written under a spreadsheet's table in its first column, taken off ``records``:
    paragraphs under it, not more rows ("Note: Bread and fruit are available every day.", five
    empty cells after it). Each is a note by its own words (``_csv_note``), or the run of them
    stands under an empty row (",,,,,") below a table's rows, each of ``_NOTE_WORDS`` words or more (the club's "Fees valid 1
    January to 31 December 2025. … membership@fernleighsquash.example", which ends in no full
    stop, under the peak hours' note and a blank line)."""
    width = max((len(cells) for cells in records), default=0)
    if width < 2:
        return []
    lone = 0  # the trailing rows of words in their first cell alone
    while lone < len(records) - 1:
        cells = records[-1 - lone]
        if not (cells[0] and not any(cells[1:]) and len(cells[0].split()) >= _NOTE_WORDS):
            break
        lone += 1
    data = sum(filled_cells(cells) >= 2 for cells in records[: len(records) - lone])
    if lone and len(records) - lone in apart and data > 2:  # (under a table: a header and rows)
        taken = [cells[0] for cells in records[-lone:]]
        del records[-lone:]
        return taken
    notes: list[str] = []
    while len(records) > 1 and _csv_note(records[-1]):
        notes.insert(0, records.pop()[0])
    return notes


def _second_header_row(records: list[list[str]], at: int) -> bool:
    """Whether the row under a spreadsheet's header (``records[at]``) is its header's lower row:
    the upper one names groups of columns, a name over two cells or one left empty beside it
    ("Peak,Peak,Off-peak,Off-peak" or "Peak,,Off-peak,", a merged cell exported), and the lower
    names each column, with no amount ("Monthly (£),Annual (£),…"), the columns under each group
    holding bare amounts (a row "Yoga,Mon 6pm,Wed 6pm" under "Class,Time,Time" is the first of data)."""
    if at + 2 >= len(records):
        return False
    upper, lower = records[at], records[at + 1]
    below = records[at + 2 : at + 2 + _HEADER_SAMPLE]
    columns = [[r[col] for r in below if col < len(r) and r[col]] for col in range(len(lower))]
    # the columns a name spans: itself and the next, where that repeats it or is left empty
    spanned = [
        col
        for col in range(1, min(len(upper), len(lower)) - 1)
        if upper[col] and (upper[col + 1] == upper[col] or (not upper[col + 1] and lower[col + 1]))
    ]
    grouped = bool(spanned) and all(
        columns[c] and sum(_BARE_AMOUNT.fullmatch(v) is not None for v in columns[c]) * 2 >= len(columns[c])
        for col in spanned
        for c in (col, col + 1)
    )  # over amounts ("48.00"), not "Leader,Leader" over names nor "Time,Time" over "Mon 6pm"
    return (
        grouped
        and not any(_BARE_AMOUNT.fullmatch(c) for c in lower if c)
        and header_labels(lower, [_names_column(n, v) for n, v in zip(lower, columns, strict=True)])
    )


#: The fewest rows of a spreadsheet whose first cell is left blank under its group's name, for
#: that name to be read into them, and the words that mark a row of totals.
_FILLED_DOWN_ROWS = 2
_TOTAL_ROW = re.compile(r"(?:sub-?)?totals?\b|grand total|sum\b", re.I)
#: A first column's value that names no group: a mark, an answer, a person's title.
_NOT_A_GROUP = re.compile(
    r"(?:yes|no|y|n|x|true|false|done|paid|unpaid|n/?a|tbc|mr|mrs|ms|miss|mx|dr|prof|rev|sir|dame)\.?|\W+",
    re.I,
)


def _filled_down(rows: list[list[str]]) -> list[list[str]]:
    """A table's rows with a first cell left blank under its group's name given that name, as a
    merged cell exports ("Laser / ILCA 7,Saturday,10:25" over ",Sunday,10:05": the Sunday start is
    ILCA 7's) and as a web page's cell spanning rows stands in each row (``_html``): a row read
    alone must say what it is about. Only where the table does so twice at least, every such row
    fills two cells or more, and none is a row of totals (",Total,£48.00")."""
    blank = [i for i, cells in enumerate(rows) if i and not cells[0] and filled_cells(cells) >= 1]
    names = [cells[0] for cells in rows if cells[0]]
    if (
        len(blank) < _FILLED_DOWN_ROWS
        or not rows[0][0]
        or any(filled_cells(rows[i]) < 2 or any(_TOTAL_ROW.match(c) for c in rows[i] if c) for i in blank)
        # a group is named once, in words: not a column of marks ("Yes", "x", "✓") or titles ("Dr"),
        # where a blank cell says no, not "as above"
        or len(set(names)) < len(names)
        or any(_NOT_A_GROUP.fullmatch(n) or sum(ch.isalpha() for ch in n) < 2 for n in names)
    ):
        return rows
    out: list[list[str]] = []
    for cells in rows:
        if not cells[0] and out:
            cells = [out[-1][0], *cells[1:]]
        out.append(cells)
    return out


#: The fewest words of a note written in a spreadsheet's first column under its table, and how a
#: note opens when it ends no sentence.
_NOTE_WORDS = 4
_NOTE_OPENS = re.compile(r"(?:notes?|nb|n\.b\.|source|please note)\b|\*", re.I)


def _csv_note(cells: list[str]) -> bool:
    """Whether a spreadsheet's row is a note in its first cell alone: ``_NOTE_WORDS`` words or
    more that end a sentence or open as a note does ("Note:", "Source:", "*"), not an item with
    no values ("| Chips |  |  |", "| The Old Rectory Village Hall |  |")."""
    first = cells[0]
    return (
        bool(first)
        and not any(cells[1:])
        and len(first.split()) >= _NOTE_WORDS
        and (first.endswith((".", "!", "?")) or _NOTE_OPENS.match(first) is not None)
    )


#: A spreadsheet cell that only draws a line: "---", "====".
_SEPARATOR_CELL = re.compile(r"[-=_*+:]{2,}")
#: Rows under a spreadsheet's first line that ``_csv_header`` compares it with.
_HEADER_SAMPLE = 50


def _csv_header(records: list[list[str]]) -> int | None:
    """Which line of a spreadsheet export is its header, or None when it has none that shows.

    The first line, or the second under a title line that fills fewer cells ("Pitch fees,,Updated
    1 May"), or the first full line under several title lines (``_under_title_lines``), when it
    names the columns of the rows under it: its cells are labels (``_names_column``), and some
    column of it is over numbers ("Price" over "1.50", "2.20").
    An export without a header opens with a row of data ("Reception,Open 8am to 6pm,01632
    960001"), which names nothing."""
    if len(records) < 2:
        return None
    under_title = 1 if len(records) > 2 and filled_cells(records[0]) < filled_cells(records[1]) else 0
    for at in dict.fromkeys((_under_title_lines(records), under_title)):
        head, below = records[at], records[at + 1 : at + 1 + _HEADER_SAMPLE]
        columns = [[r[col] for r in below if col < len(r) and r[col]] for col in range(len(head))]
        if not header_labels(
            head, [_names_column(name, values) for name, values in zip(head, columns, strict=True)]
        ):
            continue
        for name, values in zip(head, columns, strict=True):
            if name and values and sum(any(ch.isdigit() for ch in v) for v in values) * 2 >= len(values):
                return at
    return None


#: A spreadsheet's cell that is a bare amount ("12.00", "£1,250", "-3.2", "4.5%", "12.00 GBP",
#: "1.250,00", "95,00 €") or stands in for one ("POA", "n/a", "TBC", "-", "free").
_BARE_AMOUNT = re.compile(
    r"[-+]?[£$€]?\s?\d[\d.,]*\s?(?:%|[£$€]|(?-i:[A-Z]{3}))?|POA|n/?a|TBC|TBA|free|[-–—]", re.I
)


def _names_column(name: str, values: list[str]) -> bool:
    """Whether a spreadsheet's first line's cell could name its column: as any table's header cell
    could (``rows.column_label``: "Per day (£)", "2024/25"), or with a number of its own, words
    over a column of bare amounts ("4 hours (£)" over "12.00", "POA"), which no row of data is."""
    return column_label(name) or (
        sum(c.isalpha() for c in name) >= 3
        and bool(values)
        and all(_BARE_AMOUNT.fullmatch(v) for v in values)
        and sum(any(c.isdigit() for c in v) for v in values) * 2 >= len(values)
    )


#: The most title lines ("Scheme:,Fernhill Pension Plan", "Statement date:,5 April 2025") a
#: spreadsheet export shows above its header.
_TITLE_LINES = 8


def _under_title_lines(records: list[list[str]]) -> int:
    """The first row that fills as many cells as the table's fullest row, when only rows that fill
    fewer stand above it and there are at most ``_TITLE_LINES`` of them (a statement's "Member:"
    and "Statement date:" lines over "Date,Description,Contribution (£)"); else 0."""
    widest = max(filled_cells(r) for r in records[: _TITLE_LINES + _HEADER_SAMPLE])
    for at, cells in enumerate(records[: min(_TITLE_LINES + 1, len(records) - 1)]):
        if filled_cells(cells) == widest:
            return at
    return 0


_LOADERS: dict[str, Callable[[Path, bytes], tuple[str, list[Heading], str]]] = {
    ".txt": _plain,
    ".md": _markdown,
    ".markdown": _markdown,
    ".html": _html,
    ".htm": _html,
    ".pdf": _pdf,
    ".docx": _docx,
    ".csv": _csv,
    ".tsv": _csv,
}


def _megabytes(n: float) -> str:
    mb = n / 1e6
    return f"{mb:.1f}" if mb >= 0.1 else f"{mb:.2g}"


#: A greeting that opens a message ("Hi Jo,", "Dear Mrs Patel,", "Good morning all!"), not a
#: title that opens with one of its words ("Hi-Fi setup guide", "Hello World tutorial").
_OPENING_GREETING = re.compile(
    r"(?:hi|hello|hey|dear|good (?:morning|afternoon|evening))(?:[ \t][^.!?\n]{0,40})?[,!]", re.I
)
#: A message header's sender and subject lines, as forwarded or quoted ("> Subject: …"), how far
#: into a text a forwarded header is looked for, and a subject's reply marks ("RE:", "Fwd:").
_HEADER_FROM = re.compile(r"[> \t]*from:[ \t]*\S", re.I)
_HEADER_SUBJECT = re.compile(r"^[> \t]*subject:[ \t]*([^\n]*)$", re.I | re.M)
_SUBJECT_REACH = 20_000
_REPLY_MARKS = re.compile(r"^(?:(?:re|fw|fwd|aw|wg|sv)\s*:\s*)+", re.I)


#: A letter's or a form's marking over its text, which names no document: "PRIVATE AND
#: CONFIDENTIAL", "Strictly confidential", "Addressee only".
_MARKING = re.compile(
    r"(?:(?:private|personal)(?: (?:and|&))? )?(?:strictly )?confidential"
    r"|(?:private|personal) (?:and|&) confidential|addressee only|official[- ]sensitive"
    r"|not for publication",
    re.I,
)


def _is_marking(line: str) -> bool:
    """Whether a line (blanks aside) is a marking (``_MARKING``)."""
    return _MARKING.fullmatch(" ".join(line.split())) is not None


def _first_line_title(text: str) -> str:
    """The first line with a letter or a digit, not a marking (``_MARKING``: "PRIVATE AND
    CONFIDENTIAL"; a banner's rule of "=" or "-" over a plain-text manual's name titles nothing; of a table's row, its first cell), or an email's subject when its header has one ("Re: Kitchen
    works"), or, under a greeting that opens the text ("Hi Jo,"), the subject of the message it
    forwards (``_forwarded_subject``)."""
    for line in header_block(text):
        subject = " ".join(line[len("subject:") :].split()) if line.lower().startswith("subject:") else ""
        if subject:
            return subject[:200]
    for line in text.split("\n"):
        if any(c.isalnum() for c in line) and not _is_marking(line):
            if _OPENING_GREETING.fullmatch(line.strip()):
                forwarded = _forwarded_subject(text)
                if forwarded:
                    return forwarded
            if line.lstrip().startswith("|"):
                # a table's row opens the text (a letterhead set as a layout table, "| Fernleigh Foods
                # Ltd | PAYSLIP |"): its first cell titles it, not its bars
                cell = next((c for c in table_cells(line) if any(ch.isalnum() for ch in c)), "")
                return " ".join(cell.split())[:200]
            return " ".join(line.split())[:200]
    return ""


def _forwarded_subject(text: str) -> str:
    """The subject of the first message header forwarded or quoted in ``text`` (a "Subject:" line
    with a "From:" line a few lines from it, "> " marks and all), within its first characters; ""
    when there is none, or its subject is empty or only reply marks. A "Subject:" line of a form
    or a list, with no sender beside it, heads no message."""
    for m in _HEADER_SUBJECT.finditer(text, 0, _SUBJECT_REACH):
        above = text[max(0, m.start() - 400) : m.start()].split("\n")[-5:]
        below = text[m.end() : m.end() + 400].split("\n")[1:4]
        if not any(_HEADER_FROM.match(line) for line in [*above, *below]):
            continue
        subject = " ".join(m.group(1).split())
        if not any(c.isalnum() for c in _REPLY_MARKS.sub("", subject)):
            return ""  # (the forwarded message's own subject is empty: no title from below it)
        return subject if len(subject) <= 200 else subject[:200].rsplit(" ", 1)[0]
    return ""


def load_document(path: Path, doc_id: str, max_bytes: int) -> Document:
    """Load one file. Raises ``LoadError`` with a one-line reason for anything it cannot take."""
    suffix = path.suffix.lower()
    loader = _LOADERS.get(suffix)
    if loader is None:
        raise LoadError(
            f"unsupported file type '{suffix or path.name}' (supported: .txt .md .html .pdf .docx .csv .tsv)"
        )
    try:
        size = path.stat().st_size
        if size > max_bytes:
            limit = f"{max_bytes / 1e6:g} MB limit"
            raise LoadError(f"too large ({_megabytes(size)} MB > {limit}; raise QUOTEBOT_MAX_FILE_MB)")
        data = path.read_bytes()
    except PermissionError:
        raise LoadError("permission denied") from None
    except OSError as exc:
        raise LoadError(f"cannot read ({exc.strerror or one_line(exc)})") from None
    text, headings, note = loader(path, data)
    # a letter's marking set as a heading over its text ("PRIVATE AND CONFIDENTIAL" in bold)
    # names no part
    if headings and not text[: headings[0].start].strip() and _is_marking(headings[0].label):
        headings = headings[1:]
    if not text.strip():
        raise LoadError("no text in file")
    title = ""
    if note.startswith("title:"):  # "title:Price list", perhaps a note on its own line after it
        title, _, note = note[len("title:") :].partition("\n")
    if not title and headings and not text[: headings[0].start].strip():
        # A document that opens with a heading ("# Quarterly report") is titled by its label, not by
        # the raw first line with its markup.
        title = headings[0].label
    return Document(
        doc_id=doc_id,
        title=title or _first_line_title(text) or path.stem,
        path=str(path),
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        text=text,
        headings=headings,
        note=note,
    )
