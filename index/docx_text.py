"""A Word document (.docx) as the text a reader sees, with the headings its styles mark.

A .docx file is a zip of XML parts. The body (``word/document.xml``) is read in order, with the
standard library only, and written the way the HTML loader writes a page, so that every later stage
reads both alike:

- a paragraph is a block, blocks are separated by a blank line;
- a paragraph styled as a heading ("Title", "Heading 1"…, or any style with an outline level,
  followed through ``basedOn``) is a ``Heading`` with its level: the style names are read from
  ``word/styles.xml``, so a German "Überschrift 1" (style id ``berschrift1``) heads as well;
- a list paragraph (numbered or bulleted through ``numPr``, its own or its style's) is an item,
  consecutive items one per line: "- …" for a bullet, as Markdown writes it, and for a number the
  one Word shows, "2. …" or "b) …" (``word/numbering.xml``); a numbered heading keeps its number
  too ("2.1 Annual leave");
- a table is one row a line, "| cell | cell |";
- a paragraph whose text is all bold and ends with "?" is an FAQ's question, heading its answer
  when the document has two or more (as in Markdown and HTML);
- a manual line break is a line break (a carriage return written in the text too), a tab a tab;
  deleted revisions, field codes, hidden text, a content control's placeholder ("Click or tap
  here to enter text.") and the fallback copy of a text box are left out; a text box's paragraphs
  follow the paragraph that anchors them;
- a cell merged across columns is followed by empty cells, so the cells after it stay under their
  headers; a cell merged down rows stands in each of them (its words up to ``SPANNED_CHARS``), as a
  web table's does; a table inside a cell reads as that cell's words.

Word's "Strict Open XML" files are read as the usual kind (only their namespace differs).

A page's header and footer are read after the body, each a part of its own ("Page header", "Page
footer"), without page numbers or words the body already has: a brochure's address may be nowhere
else. Footnotes and comments are not read: they are asides, not the text.
"""

from __future__ import annotations

import io
import lzma
import posixpath
import re
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass, field
from xml.etree import ElementTree

from .errors import LoadError, one_line
from .rows import (
    MOST_SPAN,
    SPANNED_CHARS,
    column_label,
    filled_cells,
    header_labels,
    table_row,
    table_rule,
)
from .sections import FAQ_PEERS, bold_title, titles_over_words
from .types import FOOTER_LABEL, HEADER_LABEL, Heading

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOCUMENT = "/officeDocument"
#: An XML part larger than this once decompressed is refused: a small zip can inflate to gigabytes,
#: and a parsed part takes some twenty times its size in memory. A 1,000-page report's body is ~10 MB.
MAX_PART_BYTES = 40_000_000
#: Word's list levels: 0 to 8.
_LEVELS = range(9)
_STRICT = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
_TRANSITIONAL = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: Parts of a paragraph that are not its text: properties, deleted or moved-away revisions, field
#: codes ("HYPERLINK …", "PAGE"), and the fallback copy of a text box its drawing already holds.
_NOT_TEXT = frozenset(
    f"{_W}{n}" for n in ("pPr", "rPr", "del", "moveFrom", "instrText", "delText", "rt", "sdtPr")
) | {f"{_MC}Fallback"}
_MATH_TEXT = "{http://schemas.openxmlformats.org/officeDocument/2006/math}t"
_NEWLINES = re.compile(r"\r\n?")
_HEADING_NAME = re.compile(r"heading\s*(\d)$", re.I)
_QUESTION_MAX = 200


@dataclass
class _Style:
    name: str = ""
    based_on: str = ""
    outline: int | None = None
    numbered: bool = False
    num: tuple[str, int] | None = None  # the numbering a list style gives: (numId, level)
    run_props: frozenset[str] = frozenset()  # what a character style switches on: "b", "vanish"
    bold: bool | None = None  # whether a paragraph style sets its text bold, or None: it says nothing


@dataclass
class _Out:
    """The text written so far and the headings found in it."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    headings: list[Heading] = field(default_factory=list)
    last_item: bool = False  # the last block was a list item or a table row: the next one joins it
    level: int = 0  # the level of the last styled heading
    in_cell: bool = False  # writing a table cell's words: a table inside it has no pipes

    def block(self, text: str, joined: bool) -> int:
        """Write a block after the right separator; return where its text starts."""
        if self.length:
            sep = "\n" if joined and self.last_item else "\n\n"
            self.parts.append(sep)
            self.length += len(sep)
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        self.last_item = joined
        return start


def docx_text(data: bytes, max_part_bytes: int = MAX_PART_BYTES) -> tuple[str, list[Heading]]:
    """The canonical text of a .docx file and its headings. Raises ``LoadError`` only."""
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        # An OLE container: a password-protected .docx, or an old .doc renamed
        raise LoadError("password-protected or old-format Word file; save it unlocked as .docx")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        raise LoadError("not a Word document: damaged, truncated or renamed (.docx is a zip)") from None
    with archive:
        body_name = _main_part(archive, max_part_bytes)
        body = _parse(archive, body_name, max_part_bytes)
        if body is None:
            raise LoadError("not a Word document: it has no word/document.xml")
        styles_name = posixpath.join(posixpath.dirname(body_name), "styles.xml")
        numbering_name = posixpath.join(posixpath.dirname(body_name), "numbering.xml")
        parts = _Parts(
            _styles(_parse(archive, styles_name, max_part_bytes)),
            _numbering(_parse(archive, numbering_name, max_part_bytes)),
            _shared_heads(body),
        )
        page_parts = _page_parts(archive, body_name, max_part_bytes)
    out = _Out()
    root = body.find(f"{_W}body")
    if root is not None:
        try:
            _blocks(root, parts, out)
            _page_words(page_parts, parts, out)
        except RecursionError:  # tables in tables, thousands deep: no one's document
            raise LoadError("damaged Word document (its tables are nested too deeply)") from None
    # A carriage return left anywhere becomes a line break in place: one character for one, so no
    # offset moves (``_runs`` already wrote a written "\r\n" as one "\n").
    text = "".join(out.parts).replace("\r", "\n")
    headings = titles_over_words(text, out.headings)
    if sum(h.under for h in headings) < FAQ_PEERS:
        headings = [h for h in headings if not h.under]  # one bold question is emphasis, not an FAQ
    return text, headings


#: Where a .docx keeps its properties' title, and the most bytes that part is read to.
_CORE_PART = "docProps/core.xml"
_CORE_BYTES = 64_000
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"


def properties_title(data: bytes) -> str:
    """The title a Word document's properties give (File › Info › Title), or "" where there is none
    or it cannot be read: a bonus to the title its text gives, never a reason to lose the file."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            core = _parse(archive, _CORE_PART, _CORE_BYTES)
    except (LoadError, zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        return ""
    found = core.find(_DC_TITLE) if core is not None else None
    return " ".join((found.text or "").split()) if found is not None else ""


#: The relationship types of a page's header and footer parts, and the section label of each.
_PAGE_PARTS = {"/header": HEADER_LABEL, "/footer": FOOTER_LABEL}
#: A header's or footer's paragraph that only numbers the page ("Page 2 of 5", "- 3 -", Word's own
#: "2 | Page"); a PAGE field's cached number may be missing ("Page  of "), which a PDF's
#: ``index.pdf_text._PAGE_NUMBER`` never is.
_PAGE_NUMBER = re.compile(
    r"[-–\s]*(?:\d{0,3}\s*\|\s*)?(?:page\s*)?\d{0,3}(?:\s*(?:of|/)\s*\d{0,3})?[-–\s]*", re.I
)


def _page_parts(
    archive: zipfile.ZipFile, body_name: str, limit: int
) -> list[tuple[str, ElementTree.Element]]:
    """The body's header and footer parts (headers first, each part once, in the order the body's
    relationships name them), with their labels. A damaged or oversized one is left out: the body
    is the document, and still reads."""
    folder = posixpath.dirname(body_name)
    rels = _parse(archive, posixpath.join(folder, "_rels", posixpath.basename(body_name) + ".rels"), limit)
    if rels is None:
        return []
    found: list[tuple[str, ElementTree.Element]] = []
    for kind, label in _PAGE_PARTS.items():
        names: dict[str, None] = {}
        for rel in rels.iter(f"{_REL}Relationship"):
            target = rel.get("Target", "")
            if rel.get("Type", "").endswith(kind) and target:  # (an external one is no member: None)
                # a target is relative to the body's folder, or to the package's root with a "/"
                name = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
                names[posixpath.normpath(name)] = None
        for name in names:
            try:
                root = _parse(archive, name, limit)
            except LoadError:
                continue
            if root is not None:
                found.append((label, root))
    return found


def _page_words(page_parts: list[tuple[str, ElementTree.Element]], parts: _Parts, out: _Out) -> None:
    """The words of the page's header and footer, after the body, each as a part of its own
    ("Page header", "Page footer"), as a web page's footer is: a brochure's address and "Prices
    valid for 2026" may be nowhere else. A paragraph that only numbers the page, or that is a
    paragraph or a line of the text already (the title again), is left out, and so is one written
    twice (a first page's header and the others')."""
    body = "".join(out.parts)
    seen = {p.strip() for p in body.split("\n\n")} | {line.strip() for line in body.split("\n")}
    for label in _PAGE_PARTS.values():
        kept: list[str] = []
        for own, root in page_parts:
            if own != label:
                continue
            words = _Out()
            _blocks(root, parts, words)
            for block in "".join(words.parts).replace("\r", "\n").split("\n\n"):
                block = block.strip()
                if block and not _PAGE_NUMBER.fullmatch(block) and block not in seen:
                    seen.add(block)
                    kept.append(block)
        if kept:
            start = out.block("\n\n".join(kept), joined=False)
            out.headings.append(Heading(label, start, start, 1))


def _main_part(archive: zipfile.ZipFile, limit: int) -> str:
    """The body's part name, from the package's relationships; Word's usual name otherwise."""
    rels = _parse(archive, "_rels/.rels", limit)
    if rels is not None:
        for rel in rels.iter(f"{_REL}Relationship"):
            if rel.get("Type", "").endswith(_OFFICE_DOCUMENT) and rel.get("Target"):
                return posixpath.normpath(rel.get("Target", "").lstrip("/"))
    return "word/document.xml"


def _parse(archive: zipfile.ZipFile, name: str, limit: int) -> ElementTree.Element | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > limit:
        raise LoadError(f"Word document too large once unpacked ({name}: {info.file_size / 1e6:.0f} MB)")
    try:
        with archive.open(info) as f:
            raw = f.read(limit + 1)
        if len(raw) > limit:
            raise LoadError(f"Word document too large once unpacked ({name})")
        return ElementTree.fromstring(raw.replace(_STRICT, _TRANSITIONAL))
    except LoadError:
        raise
    except RuntimeError as exc:
        if "encrypted" in str(exc):
            raise LoadError("password-protected Word document; save it unlocked as .docx") from None
        raise LoadError(f"damaged Word document ({name})") from None
    except (
        ElementTree.ParseError,
        zipfile.BadZipFile,
        zlib.error,
        OSError,
        EOFError,
        ValueError,
        LookupError,
        NotImplementedError,
        lzma.LZMAError,
    ) as exc:
        # LookupError: an XML declaration naming no known encoding; NotImplementedError: a
        # compression zipfile lacks; the rest: a damaged part
        raise LoadError(f"damaged Word document ({name}: {one_line(exc)})") from None


def _styles(root: ElementTree.Element | None) -> dict[str, _Style]:
    styles: dict[str, _Style] = {}
    if root is None:
        return styles
    for s in root.iter(f"{_W}style"):
        sid = s.get(f"{_W}styleId")
        kind = s.get(f"{_W}type", "paragraph")
        if not sid or kind not in ("paragraph", "character"):
            continue
        ppr = s.find(f"{_W}pPr")
        styles[sid] = _Style(
            name=(_val(s, "name") or "").strip(),
            based_on=_val(s, "basedOn") or "",
            outline=_int(_val(ppr, "outlineLvl")),
            numbered=kind == "paragraph" and ppr is not None and _numbers(ppr.find(f"{_W}numPr")),
            num=_num_pr(ppr.find(f"{_W}numPr")) if kind == "paragraph" and ppr is not None else None,
            run_props=frozenset(
                prop
                for prop in ("b", "vanish")
                if kind == "character" and _switched_on(s.find(f"{_W}rPr"), prop, {})
            ),
            bold=_set_on(s.find(f"{_W}rPr"), "b") if kind == "paragraph" else None,
        )
    return styles


def _style_bold(chain: list[_Style]) -> bool:
    """Whether a paragraph's style (``chain``: it, then what it is ``basedOn``) sets its text in
    bold: the nearest style that says."""
    return next((s.bold for s in chain if s.bold is not None), False)


def _set_on(rpr: ElementTree.Element | None, prop: str) -> bool | None:
    """Whether run properties switch a property on (``<w:b/>``) or off (``<w:b w:val="0"/>``);
    None when they say nothing of it."""
    own = rpr.find(f"{_W}{prop}") if rpr is not None else None
    return None if own is None else own.get(f"{_W}val", "true").lower() not in ("0", "false", "off")


def _num_pr(num: ElementTree.Element | None) -> tuple[str, int] | None:
    """A ``w:numPr``'s (numId, level), or None where it has none or switches numbering off."""
    if num is None:
        return None
    nid = _val(num, "numId") or ""
    level = _int(_val(num, "ilvl")) or 0
    return (nid, level) if nid and nid != "0" and level in _LEVELS else None


@dataclass
class _Level:
    fmt: str = "bullet"  # "decimal", "lowerLetter", "upperRoman", "bullet", "none"…
    text: str = ""  # the marker's template: "%1.", "%1.%2", "(%1)"
    start: int = 1


@dataclass
class _Numbering:
    """How Word numbers each list (``word/numbering.xml``), and the counts reached so far: a
    numbered item reads "2. Ask the session lead…", as Word shows it; a bulleted one "- …"."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId → level → format
    abstract_of: dict[str, str] = field(default_factory=dict)  # numId → the list it counts in
    counts: dict[str, list[int]] = field(default_factory=dict)

    def _before_first(self, nid: str, level: int) -> int:
        """The count a level stands at before its first item: one less than its start."""
        lvl = self.levels[nid].get(level)
        return (lvl.start if lvl else 1) - 1

    def bulleted(self, num: tuple[str, int] | None) -> bool:
        """Whether an item is a bullet's ("- …"), not a number's; nothing is counted."""
        if num is None or num[0] not in self.levels:
            return True
        lvl = self.levels[num[0]].get(num[1])
        return lvl is None or lvl.fmt == "bullet"

    def marker(self, num: tuple[str, int] | None) -> str:
        if num is None or num[0] not in self.levels:
            return "-"
        nid, level = num
        lvl = self.levels[nid].get(level)
        if lvl is None or lvl.fmt == "bullet":
            return "-"
        key = self.abstract_of.get(nid, nid)
        counts = self.counts.setdefault(key, [])
        while len(counts) <= level:
            counts.append(self._before_first(nid, len(counts)))
        counts[level] += 1
        for deeper in range(level + 1, len(counts)):  # a deeper list starts again under a new item
            counts[deeper] = self._before_first(nid, deeper)
        if lvl.fmt == "none":
            return ""

        def shown(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            at = self.levels[nid].get(k, lvl)
            return _formatted(counts[k] if k < len(counts) else at.start, at.fmt)

        return _LEVEL_REF.sub(shown, lvl.text).strip() or "-"


_LEVEL_REF = re.compile(r"%([1-9])")
_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def _formatted(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter") and n > 0:
        letters = ""
        while n > 0:
            n, r = divmod(n - 1, 26)
            letters = chr(ord("a") + r) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman") and 0 < n < 4000:
        roman = ""
        for value, numeral in _ROMAN:
            while n >= value:
                roman, n = roman + numeral, n - value
        return roman.upper() if fmt == "upperRoman" else roman
    return str(n)


def _numbering(root: ElementTree.Element | None) -> _Numbering:
    numbering = _Numbering()
    if root is None:
        return numbering
    abstract: dict[str, dict[int, _Level]] = {}
    for a in root.iter(f"{_W}abstractNum"):
        abstract[a.get(f"{_W}abstractNumId", "")] = _levels(a)
    for n in root.iter(f"{_W}num"):
        nid = n.get(f"{_W}numId", "")
        aid = _val(n, "abstractNumId") or ""
        levels = dict(abstract.get(aid, {}))
        for override in n.iter(f"{_W}lvlOverride"):
            level = _int(override.get(f"{_W}ilvl"))
            own = override.find(f"{_W}lvl")
            start = override.find(f"{_W}startOverride")
            if level not in _LEVELS:
                continue
            if own is not None:
                levels.update(_levels(override))
            if start is not None and level in levels:
                base = levels[level]
                levels[level] = _Level(base.fmt, base.text, _int(start.get(f"{_W}val")) or 1)
        numbering.levels[nid] = levels
        # numbers that restart a list count on their own; the others count on with their list
        restarts = any(o.find(f"{_W}startOverride") is not None for o in n.iter(f"{_W}lvlOverride"))
        numbering.abstract_of[nid] = nid if restarts else f"a{aid}"
    return numbering


def _levels(parent: ElementTree.Element) -> dict[int, _Level]:
    levels: dict[int, _Level] = {}
    for lvl in parent.findall(f"{_W}lvl"):
        level = _int(lvl.get(f"{_W}ilvl"))
        start = lvl.find(f"{_W}start")
        if level is not None and level in _LEVELS:
            levels[level] = _Level(
                fmt=_val(lvl, "numFmt") or "decimal",
                text=_val(lvl, "lvlText") or "",
                start=(_int(start.get(f"{_W}val")) or 0) if start is not None else 1,
            )
    return levels


def _val(parent: ElementTree.Element | None, tag: str) -> str | None:
    """The ``w:val`` of ``parent``'s child ``tag`` ("Heading1" of ``<w:pStyle w:val="Heading1"/>``),
    or None where either is missing."""
    child = parent.find(f"{_W}{tag}") if parent is not None else None
    return child.get(f"{_W}val") if child is not None else None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _style_chain(sid: str, styles: dict[str, _Style]) -> list[_Style]:
    chain: list[_Style] = []
    seen: set[str] = set()
    while sid and sid in styles and sid not in seen and len(chain) < 20:
        seen.add(sid)
        chain.append(styles[sid])
        sid = styles[sid].based_on
    return chain


def _heading_level(ppr: ElementTree.Element | None, chain: list[_Style]) -> int | None:
    """1 for the title, 2 for "Heading 1" (outline level 0), and so on; ``None`` for body text."""
    own = ppr.find(f"{_W}outlineLvl") if ppr is not None else None
    if own is not None:
        level = _int(own.get(f"{_W}val"))
        return level + 2 if level is not None and level in _LEVELS else None  # 9 is Word's "body text"
    for style in chain:
        if style.name.casefold() == "title":
            return 1
        m = _HEADING_NAME.match(style.name)
        if m:
            return int(m.group(1)) + 1
        if style.outline is not None:
            return style.outline + 2 if style.outline in _LEVELS else None  # 9: body text ("TOC Heading")
    return None


def _item_number(ppr: ElementTree.Element | None, chain: list[_Style]) -> tuple[str, int] | None:
    """The numbering of a list paragraph: its own ``numPr`` (a level of its own over its style's
    list), else its style's."""
    own = ppr.find(f"{_W}numPr") if ppr is not None else None
    styled = next((s.num for s in chain if s.num), None)
    if own is not None:
        num = _num_pr(own)
        if num is None and styled is not None and own.find(f"{_W}numId") is None:
            ilvl = own.find(f"{_W}ilvl")
            level = (_int(ilvl.get(f"{_W}val")) or 0) if ilvl is not None else styled[1]
            return (styled[0], level) if level in _LEVELS else None
        return num
    return styled


def _numbers(num: ElementTree.Element | None) -> bool:
    """Whether a style's ``numPr`` numbers its paragraphs: it names a list (``numId``), and not 0,
    which switches numbering off. A level alone names none (Word's own "Subtitle" style carries
    ``<w:numPr><w:ilvl w:val="1"/></w:numPr>`` and shows no bullet)."""
    num_id = num.find(f"{_W}numId") if num is not None else None
    return num_id is not None and num_id.get(f"{_W}val") != "0"


def _is_item(ppr: ElementTree.Element | None, chain: list[_Style]) -> bool:
    num = ppr.find(f"{_W}numPr") if ppr is not None else None
    if num is not None and num.find(f"{_W}numId") is not None:
        return _numbers(num)  # numId 0 switches numbering off
    # a level alone takes its list from the style; not a "List Paragraph" without numbering: Word
    # shows no bullet
    return any(s.numbered for s in chain)


@dataclass
class _Parts:
    """What the body's paragraphs refer to: the styles, and how lists are numbered."""

    styles: dict[str, _Style]
    numbering: _Numbering
    #: First rows that two tables or more open with: each such table's header (``_shared_heads``).
    shared_heads: frozenset[tuple[str, ...]] = frozenset()


def _blocks(parent: ElementTree.Element, parts: _Parts, out: _Out) -> None:
    """Write the block-level children of the body, a cell or a content control, in order."""
    for child in parent:
        if child.tag == f"{_W}p":
            _paragraph(child, parts, out)
        elif child.tag == f"{_W}tbl":
            _table(child, parts, out)
        elif child.tag in (f"{_W}sdt", f"{_W}customXml", f"{_W}ins", f"{_W}smartTag"):
            if child.tag == f"{_W}sdt" and _placeholder(child):
                continue
            content = child.find(f"{_W}sdtContent")
            _blocks(content if content is not None else child, parts, out)


def _paragraph(p: ElementTree.Element, parts: _Parts, out: _Out) -> None:
    boxes: list[ElementTree.Element] = []
    ppr = p.find(f"{_W}pPr")
    chain = _style_chain(_val(ppr, "pStyle") or "", parts.styles)
    text, all_bold = _runs(p, parts.styles, boxes, _style_bold(chain))
    if text.strip():
        level = _heading_level(ppr, chain)
        item = _is_item(ppr, chain)
        if level is None and all_bold and bold_title(text):
            # a clause's or part's title set in bold, numbered or not ("1. Booking and payment");
            # not a bulleted item ("- Towels"), which stays its list's
            bullet = item and parts.numbering.bulleted(_item_number(ppr, chain))
            level = None if bullet else -1
        if level is not None:
            if item:  # "2.1 Annual leave", as a multilevel heading list shows it
                marker = parts.numbering.marker(_item_number(ppr, chain))
                text = f"{marker} {text}" if marker and marker != "-" else text
            label = " ".join(text.split())
            # a numbered clause's title stays on its list's lines: a list of short bold items is
            # no list of titles (``titles_over_words``) and must read as it did
            start = out.block(text, joined=level < 0 and item)
            if level < 0:  # under the heading it follows, kept where the document has peers of it
                out.headings.append(Heading(label, start, out.length, out.level + 1, under=True))
            else:
                out.headings.append(Heading(label, start, out.length, level))
                out.level = level
        elif item:
            marker = parts.numbering.marker(_item_number(ppr, chain))
            out.block(f"{marker} {text}" if marker else text, joined=True)
        elif all_bold and text.rstrip().endswith("?") and len(text) <= _QUESTION_MAX and "\n" not in text:
            start = out.block(text, joined=False)
            out.headings.append(Heading(" ".join(text.split()), start, out.length, out.level + 1, under=True))
        else:
            out.block(text, joined=False)
    for box in boxes:
        _blocks(box, parts, out)


def _runs(
    p: ElementTree.Element,
    styles: dict[str, _Style],
    boxes: list[ElementTree.Element],
    para_bold: bool = False,
) -> tuple[str, bool]:
    """A paragraph's text, and whether all of it is bold (by its runs, else by the paragraph's
    style: ``para_bold``); text boxes found are added to ``boxes``."""
    pieces: list[str] = []
    bold = True
    seen_text = False
    stack = list(reversed(list(p)))
    while stack:
        node = stack.pop()
        tag = node.tag
        if tag in _NOT_TEXT or (tag == f"{_W}sdt" and _placeholder(node)):
            continue
        if tag == f"{_W}txbxContent":
            boxes.append(node)
            continue
        if tag == _MATH_TEXT and node.text:  # an equation's letters and signs
            pieces.append(node.text)
            continue
        if tag == f"{_W}r":
            rpr = node.find(f"{_W}rPr")
            if _switched_on(rpr, "vanish", styles):  # hidden text: Word does not show it
                continue
            run_bold = _switched_on(rpr, "b", styles, para_bold)
            for piece in node:
                if piece.tag == f"{_W}t" and piece.text:
                    # a carriage return written in the text (as mail merges write "&#13;\n") is
                    # a line break: every offset is counted on the text as returned
                    pieces.append(_NEWLINES.sub("\n", piece.text))
                    if piece.text.strip():
                        seen_text = True
                        bold = bold and run_bold
                elif piece.tag in (f"{_W}tab", f"{_W}ptab"):
                    pieces.append("\t")
                elif piece.tag in (f"{_W}br", f"{_W}cr"):
                    pieces.append("\n")
                elif piece.tag == f"{_W}noBreakHyphen":
                    pieces.append("-")
                elif piece.tag not in (f"{_W}rPr", f"{_W}instrText", f"{_W}delText"):
                    stack.append(piece)  # a drawing or an alternate content holding a text box
            continue
        stack.extend(reversed(list(node)))
    text = "".join(pieces)
    return text, bold and seen_text


def _switched_on(
    rpr: ElementTree.Element | None, prop: str, styles: dict[str, _Style], default: bool = False
) -> bool:
    """Whether a run property ("b" bold, "vanish" hidden) is on: by the run's own element, else by
    its character style ("Strong"), else ``default`` (bold as the paragraph's style sets it)."""
    if rpr is None:
        return default
    own = _set_on(rpr, prop)
    if own is not None:
        return own
    chain = _style_chain(_val(rpr, "rStyle") or "", styles)
    return any(prop in s.run_props for s in chain) or default


def _placeholder(sdt: ElementTree.Element) -> bool:
    """Whether a content control shows its placeholder ("Click or tap here to enter text.")."""
    props = sdt.find(f"{_W}sdtPr")
    return props is not None and props.find(f"{_W}showingPlcHdr") is not None


def _first_row(tbl: ElementTree.Element) -> tuple[str, ...]:
    """The words of a table's first row, a cell at a time (as written, merges aside)."""
    tr = next(iter(_children(tbl, "tr")), None)
    if tr is None:
        return ()
    return tuple(
        " ".join("".join(t.text or "" for t in tc.iter(f"{_W}t")).split()) for tc in _children(tr, "tc")
    )


def _shared_heads(body: ElementTree.Element) -> frozenset[tuple[str, ...]]:
    """The first rows, of two labels or more, that two tables or more of a document open with: a
    room-by-room inventory's "| Item | Condition | Notes |" over each room's rows. A row written
    again over other rows is their header, though no number in the rows shows it (``_heads_rows``)."""
    rows = Counter(_first_row(tbl) for tbl in body.iter(f"{_W}tbl"))
    return frozenset(row for row, n in rows.items() if n > 1 and filled_cells(list(row)) >= 2)


#: A sentence's end followed by a blank or the end: prose, not a label and a figure.
_SENTENCE_ENDS = re.compile(r"[.!?](?:\s|$)")


def _table(tbl: ElementTree.Element, parts: _Parts, out: _Out) -> None:
    out.last_item = False  # a table after a list starts a block of its own
    trs = _children(tbl, "tr")
    if not out.in_cell and len(trs) == 1 and len(tcs := _children(trs[0], "tc")) == 1:
        # a table of one cell is a box drawn round its paragraphs (a newsletter's "Small print: …",
        # a shaded banner): prose in it reads as paragraphs, each sentence its own, not as one
        # table row; a box of a label and a figure ("Total due" / "£45.00") stays one row
        inner = _Out(in_cell=True)
        _blocks(tcs[0], parts, inner)
        if _SENTENCE_ENDS.search("".join(inner.parts)):
            _blocks(tcs[0], parts, out)
            out.last_item = False
            return
    rows: list[tuple[list[str], str]] = []
    #: Per column, the words of a cell merged down from the row above (``_merged_down``).
    above: dict[int, str] = {}
    for tr in trs:
        # the grid columns a row leaves out before its first cell (``gridBefore``) stay columns
        cells: list[str] = [""] * min(_int(_val(tr.find(f"{_W}trPr"), "gridBefore")) or 0, MOST_SPAN)
        for tc in _children(tr, "tc"):
            inner = _Out(in_cell=True)
            _blocks(tc, parts, inner)  # a table nested in a cell reads as that cell's words
            words = " ".join("".join(inner.parts).split())
            merged = _merged_down(tc)
            if merged is None:
                above.pop(len(cells), None)
            elif merged:  # merged down from the cell above: its words, as the page shows them
                words = words or above.get(len(cells), "")
            else:  # the first of a cell merged down: a label short enough is written in each row
                above[len(cells)] = words if len(words) <= SPANNED_CHARS else ""
            cells.append(words)
            cells.extend([""] * (_span(tc) - 1))  # the columns it is merged across stay columns
        if any(cells):
            rows.append((cells, "" if out.in_cell else _header_mark(tr, parts)))
    for k, (cells, _) in enumerate(rows):
        out.block(" ".join(c for c in cells if c) if out.in_cell else table_row(cells), joined=True)
        if not out.in_cell and _heads_rows(rows, k, parts.shared_heads):  # (in a cell: its words)
            out.block(table_rule(len(cells)), joined=True)
    out.last_item = False  # a paragraph after the table starts a block of its own


#: How Word marks a table's header row: set to repeat on each page, or all its text in bold.
_REPEATED, _BOLD = "repeated", "bold"


def _heads_rows(
    rows: list[tuple[list[str], str]], k: int, shared: frozenset[tuple[str, ...]] = frozenset()
) -> bool:
    """Whether a table's row ``k`` is a header over the rows under it as the document marks it
    (``index.rows.table_rule`` is written under it): the last of the rows Word repeats as a header
    on each page, or a row all in bold that names columns (``header_labels``: "| Plot size |
    2024/25 |", not "| Adult swim | £5.40 |", a featured row) over a row that is not in bold, as
    a table with parts heads each ("| Weekend hire | Saturday | Sunday |"); or, in a table that
    marks none, a first row of three labels or more over rows of data (``_data_column``), or a
    first row of labels that other tables of the document open with too (``shared``)."""
    if k + 1 >= len(rows) or filled_cells(rows[k][0]) < 2:
        return False
    mark, below = rows[k][1], rows[k + 1][1]
    if mark == _REPEATED:
        return below != _REPEATED
    if mark == _BOLD:
        return not below and header_labels(rows[k][0])
    # Unmarked, as most tables typed into Word are: a first row of three labels or more over
    # rows of data ("| Day | Morning shift | Afternoon shift |" over "| Monday | 9.00am - 1.00pm |
    # …"), as a web page's <th> row would be. (Not two: "| Venue | Village hall |" over "| Date
    # | 3 May |" is a form of names and values.)
    if k == 0 and not below and tuple(rows[0][0]) in shared and header_labels(rows[0][0]):
        return rows[1][0] != rows[0][0]
    return (
        k == 0
        and not below
        and filled_cells(rows[0][0]) >= _UNMARKED_HEADER_CELLS
        and header_labels(rows[0][0])
        and not _names_and_values(rows)
        and not header_labels(rows[1][0])
        and _data_column(rows)
    )


def _names_and_values(rows: list[tuple[list[str], str]]) -> bool:
    """Whether a table is a form in pairs of columns, a name and its value ("| Client | Ms Eleanor
    Marsh & Mr Rhys Pritchard | Event | Wedding breakfast and evening reception |" over "| Address
    | 14 Kestrel Close | Date | Saturday 13 September 2025 |"): an even number of columns, every
    name a few words without a figure, and a value in the first row longer than a column's name
    (``_HEADER_CELL_WORDS``). Its first row is its first pairs, not the names of its columns."""
    width = len(rows[0][0])
    if width < 2 * 2 or width % 2 or any(len(cells) != width for cells, _ in rows):
        return False
    names = [c for cells, _ in rows for c in cells[0::2]]
    return all(
        len(c.split()) <= _HEADER_CELL_WORDS and not any(ch.isdigit() for ch in c) for c in names
    ) and any(len(c.split()) > _HEADER_CELL_WORDS for c in rows[0][0][1::2])


def _data_column(rows: list[tuple[list[str], str]]) -> bool:
    """Whether a column holds a number in most rows but the first, which names it without one
    ("Morning shift" over "9.00am - 1.00pm", "9.30am - 1.30pm", …; ``_DATA_SHARE``): the first
    row is the table's header, not its first row of data. A column of phone numbers and emails is
    no such column, so a list of contacts (its first row Ann's, her email in it) gets no header."""
    width = len(rows[0][0])
    if len(rows) < 2 or any(len(cells) != width for cells, _ in rows):
        return False

    def numbered(col: int) -> bool:
        held = sum(any(c.isdigit() for c in cells[col]) for cells, _ in rows[1:])
        data = len(rows) - 1
        return held >= 1 and held >= (_DATA_SHARE if data > 2 else 0.5) * data

    # the header's cell names its column ("Under 5s", "2024/25"), and is no email of a contact
    return any(
        column_label(rows[0][0][col]) and "@" not in rows[0][0][col] and numbered(col) for col in range(width)
    )


#: A column of data: a number in two rows of three at least (a fee table's "10% off" and "Free"
#: rows under £120, £165, £185; a list of contacts' phone numbers beside their emails is none),
#: in one of two ("Adult £5" over "Child Free").
_DATA_SHARE = 2 / 3


#: The most words a form's name has, and fewer than a value beside it that rules out a header.
_HEADER_CELL_WORDS = 4
#: How many labels an unmarked first row needs to head a Word table's columns.
_UNMARKED_HEADER_CELLS = 3


def _header_mark(tr: ElementTree.Element, parts: _Parts) -> str:
    """How a table's row is marked as a header: ``_REPEATED`` (Word's "Repeat as header row",
    ``w:tblHeader``), ``_BOLD`` (every cell's text in bold), or ""."""
    trpr = tr.find(f"{_W}trPr")
    flag = trpr.find(f"{_W}tblHeader") if trpr is not None else None
    if flag is not None and flag.get(f"{_W}val", "true").lower() not in ("0", "false", "off"):
        return _REPEATED
    seen = False
    for p in tr.iter(f"{_W}p"):
        chain = _style_chain(_val(p.find(f"{_W}pPr"), "pStyle") or "", parts.styles)
        text, bold = _runs(p, parts.styles, [], _style_bold(chain))
        if text.strip():
            if not bold:
                return ""
            seen = True
    return _BOLD if seen else ""


def _merged_down(tc: ElementTree.Element) -> bool | None:
    """Whether a cell is merged down from the cell above (Word's ``vMerge``, "continue"), the first
    of a cell merged down ("restart": False), or neither (None). Word writes a merged cell's
    words in its first row only; the rows under it are read with them, as a web table's cell that
    spans rows is ("Venue hire and catering" beside both its Friday and its Saturday prices)."""
    props = tc.find(f"{_W}tcPr")
    merge = props.find(f"{_W}vMerge") if props is not None else None
    if merge is None:
        return None
    return merge.get(f"{_W}val", "continue") != "restart"


def _span(tc: ElementTree.Element) -> int:
    n = _int(_val(tc.find(f"{_W}tcPr"), "gridSpan"))
    return min(max(n or 1, 1), MOST_SPAN)


def _children(parent: ElementTree.Element, name: str) -> list[ElementTree.Element]:
    """A table's rows or a row's cells, also those wrapped in a content control (``w:sdt``)."""
    found: list[ElementTree.Element] = []
    for child in parent:
        if child.tag == f"{_W}{name}":
            found.append(child)
        elif child.tag in (f"{_W}sdt", f"{_W}customXml"):
            content = child.find(f"{_W}sdtContent")
            found.extend(_children(content if content is not None else child, name))
    return found
