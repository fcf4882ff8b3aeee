"""Turn files into ``Document`` objects with a canonical text.

The canonical text is what every offset refers to. For .txt and .md it is the decoded file with
line endings normalised to ``\\n``; for .html it is the visible text extracted block by block; for .pdf
it is the text of each page, pages separated by a blank line. Loaders never raise anything but
``LoadError``: one bad file must never stop an indexing run.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable
from pathlib import Path

from .errors import LoadError
from .types import Document, Heading

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MD_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode bytes as text, returning ``(text, note)``; refuse binary data.

    UTF-8 (with or without BOM) and BOM-marked UTF-16 are taken as they are. Anything else is tried
    as Windows-1252, the most common legacy encoding of English text, and accepted only when the
    result looks like prose; the note says so, because a user should know their file was guessed.
    """
    if not data.strip():
        raise LoadError("empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "decoded as UTF-16"
        except UnicodeDecodeError as exc:
            raise LoadError(f"invalid UTF-16 text ({exc.reason})") from None
    if b"\x00" in data[:8192]:
        raise LoadError("binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
        note = ""
    except UnicodeDecodeError as exc:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise LoadError(
                f"not UTF-8 text (invalid byte at offset {exc.start}); re-save {name} as UTF-8"
            ) from None
        note = "not UTF-8; decoded as Windows-1252"
    if len(_CONTROL.findall(text[:65536])) > max(8, len(text[:65536]) // 100):
        raise LoadError("binary file (too many control characters), not text")
    return text, note


def canonical(text: str) -> str:
    """Normalise line endings only; everything else (no-break spaces, curly quotes) stays verbatim."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _plain(path: Path, data: bytes) -> tuple[str, list[Heading], str]:
    text, note = decode_text(data, path.name)
    return canonical(text), [], note


def _markdown(path: Path, data: bytes) -> tuple[str, list[Heading], str]:
    text, note = decode_text(data, path.name)
    text = canonical(text)
    headings = [Heading(m.group(2).strip(), m.start(), m.end()) for m in _MD_HEADING.finditer(text)]
    return text, headings, note


_BLOCK_TAGS = frozenset(
    "address article aside blockquote body dd details div dl dt figcaption figure footer form h1 h2 h3 "
    "h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul".split()
)
_SKIP_TAGS = frozenset("script style noscript template head svg iframe object canvas".split())
_HEADING_TAGS = frozenset("h1 h2 h3 h4 h5 h6".split())


def _html(path: Path, data: bytes) -> tuple[str, list[Heading], str]:
    """Extract visible text with BeautifulSoup, recording heading spans as the text is built."""
    from bs4 import BeautifulSoup, NavigableString, Tag
    from bs4.element import Comment, Doctype, ProcessingInstruction

    if b"\x00" in data[:8192]:
        raise LoadError("binary file (contains NUL bytes), not HTML")
    try:
        soup = BeautifulSoup(data, "lxml")
    except Exception as exc:  # lxml raises a variety of parser errors on hostile input
        raise LoadError(f"unreadable HTML ({type(exc).__name__})") from None

    parts: list[str] = []
    length = 0
    headings: list[Heading] = []

    def emit(s: str) -> None:
        nonlocal length
        parts.append(s)
        length += len(s)

    def block_break() -> None:
        tail = "".join(parts[-2:])
        if length and not tail.endswith("\n\n"):
            emit("\n" if tail.endswith("\n") else "\n\n")

    title_tag = soup.find("title")
    title = title_tag.get_text(" ", strip=True) if title_tag else ""

    # An explicit stack instead of recursion: deeply nested HTML must not hit Python's recursion limit.
    stack: list[object] = [soup.body or soup]
    while stack:
        node = stack.pop()
        if isinstance(node, tuple):  # ("end", tag_name, (heading_start, index_in_parts) or None)
            _, name, mark = node
            if mark is not None:
                h_start, first_part = mark
                label = " ".join("".join(parts[first_part:]).split())
                if label:
                    headings.append(Heading(label, h_start, length))
            block_break()
            continue
        if isinstance(node, (Comment, Doctype, ProcessingInstruction)):
            continue
        if isinstance(node, NavigableString):
            s = " ".join(str(node).split())
            if s:
                if parts and not parts[-1].endswith((" ", "\n")) and str(node)[:1].isspace():
                    emit(" ")
                emit(s)
                if str(node)[-1:].isspace():
                    emit(" ")
            continue
        if not isinstance(node, Tag) or node.name in _SKIP_TAGS:
            continue
        if node.name == "br":
            emit("\n")
            continue
        if node.name in _BLOCK_TAGS:
            block_break()
            stack.append(("end", node.name, (length, len(parts)) if node.name in _HEADING_TAGS else None))
        stack.extend(reversed(list(node.children)))

    text = "".join(parts)
    # Trailing spaces before line breaks are noise of the extraction, but removing them would move
    # offsets; headings were recorded against this exact string, so leave it be.
    if not title and headings:
        title = headings[0].label
    return text, headings, (f"title:{title}" if title else "")


def _pdf(path: Path, data: bytes) -> tuple[str, list[Heading], str]:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:
                raise LoadError("encrypted PDF; save an unlocked copy") from None
        pages = [canonical(page.extract_text() or "").strip() for page in reader.pages]
    except LoadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError, AttributeError) as exc:
        raise LoadError(f"unreadable PDF ({type(exc).__name__})") from None
    except Exception as exc:  # pypdf has many failure modes on malformed files
        raise LoadError(f"unreadable PDF ({type(exc).__name__})") from None
    text = "\n\n".join(p for p in pages if p)
    if not text.strip():
        raise LoadError("PDF has no extractable text (scanned images?)")
    return text, [], ""


_LOADERS: dict[str, Callable[[Path, bytes], tuple[str, list[Heading], str]]] = {
    ".txt": _plain,
    ".md": _markdown,
    ".markdown": _markdown,
    ".html": _html,
    ".htm": _html,
    ".pdf": _pdf,
}


def _first_line_title(text: str) -> str:
    for line in text.split("\n"):
        if line.strip():
            return " ".join(line.split())[:200]
    return ""


def load_document(path: Path, doc_id: str, max_bytes: int) -> Document:
    """Load one file. Raises ``LoadError`` with a one-line reason for anything it cannot take."""
    suffix = path.suffix.lower()
    loader = _LOADERS.get(suffix)
    if loader is None:
        raise LoadError(f"unsupported file type '{suffix or path.name}' (supported: .txt .md .html .pdf)")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise LoadError(
                f"too large ({size / 1e6:.1f} MB > {max_bytes / 1e6:.0f} MB limit; raise QUOTEBOT_MAX_FILE_MB)"
            )
        data = path.read_bytes()
    except PermissionError:
        raise LoadError("permission denied") from None
    except OSError as exc:
        raise LoadError(f"cannot read ({exc.strerror or exc})") from None
    text, headings, note = loader(path, data)
    if not text.strip():
        raise LoadError("no text in file")
    title = ""
    if note.startswith("title:"):
        title, note = note[len("title:") :], ""
    return Document(
        doc_id=doc_id,
        title=title or _first_line_title(text) or path.stem,
        path=str(path),
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        text=text,
        headings=headings,
        note=note,
    )
