"""Fuzzing the write path: whatever a file holds, loading and analysis either give a document whose every
sentence and passage is exactly ``text[start:end]``, or one ``LoadError`` with a one-line reason.

Nothing else may be raised (one bad file must never stop an indexing run) and nothing may take long:
random bytes under every supported extension, hostile text (control, zero-width and right-to-left
characters, stray byte order marks, mixed encodings), Markdown and HTML built to stress the parsers,
damaged PDFs, and inputs sized to expose super-linear code paths.
"""

from __future__ import annotations

import hashlib
import itertools
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from writepath_helpers import REPO, assert_spans_exact, make_docx, make_pdf, para, style, words

from index import sentences
from index.analysis import Analysis, analyse
from index.errors import LoadError
from index.loaders import load_document
from index.sentences import MAX_SENTENCE_CHARS, sentence_spans

MAX_BYTES = 10_000_000
SUFFIXES = [".txt", ".md", ".html", ".pdf", ".docx", ".csv"]
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.data_too_large,
    ],
)


def load_and_check(path: Path, max_tokens: int = 40) -> Analysis | None:
    """The indexer's view of one file: a ``LoadError`` with a one-line reason, or exact spans."""
    try:
        doc = load_document(path, path.name, MAX_BYTES)
    except LoadError as exc:
        reason = str(exc)
        assert reason and "\n" not in reason and len(reason) < 300, reason
        return None
    assert doc.text.strip()
    # What the store does with it: UTF-8, hashed; the hash is of exactly this text.
    assert doc.sha256 == hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
    assert "\r" not in doc.text
    assert doc.title and "\n" not in doc.title
    for h in doc.headings:
        assert h.label and h.label == h.label.strip() and "\n" not in h.label
        assert 0 <= h.start <= h.end <= len(doc.text)
    a = analyse(doc, words, max_tokens)
    assert doc.text == a.document.text
    assert_spans_exact(a)
    text = doc.text
    for section in a.sections:
        assert section.label and "\n" not in section.label
    for s1, s2 in itertools.pairwise(a.sentences):
        assert s1.end <= s2.start, "sentences overlap or are out of order"
    for s in a.sentences:
        assert s.text and s.text == s.text.strip() and len(s.text) <= MAX_SENTENCE_CHARS
    starts = {s.start for s in a.sentences}
    covered = [x for p in a.passages for x in p.sentence_starts]
    assert covered == [s.start for s in a.sentences]  # every sentence in exactly one passage, in order
    for p in a.passages:
        assert text[p.start : p.end] == p.text and p.sentence_starts[0] == p.start
        assert set(p.sentence_starts) <= starts
    return a


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# -- random bytes under every extension -----------------------------------------------------------------


@pytest.mark.timeout(120)
@FUZZ
@given(data=st.binary(max_size=4000), suffix=st.sampled_from(SUFFIXES))
@example(data=b"\xff\xfe" + b"\x00\xd8" * 10, suffix=".txt")  # UTF-16 with lone surrogates
@example(data=b"\xef\xbb\xbf\xef\xbb\xbf\xef\xbb\xbf", suffix=".md")  # nothing but byte order marks
@example(data=b"%PDF-1.7\n" + bytes(range(256)) * 4, suffix=".pdf")
def test_random_bytes(tmp_path: Path, data: bytes, suffix: str) -> None:
    load_and_check(write(tmp_path, "fuzz" + suffix, data))


# -- hostile text, encoded every which way ----------------------------------------------------------------

ODD = [
    "\u200b",  # zero-width space
    "\u200c",  # zero-width non-joiner
    "\u200d",  # zero-width joiner
    "\ufeff",  # byte order mark inside the text
    "\u200e",  # left-to-right mark
    "\u200f",  # right-to-left mark
    "\u202e",  # right-to-left override
    "\u202a",
    "\u2066",
    "\u2069",
    "שלום עולם. ",
    "مرحبا بالعالم. ",
    "\u202eevil.txt\u202c",
    "\x00",
    "\x01",
    "\x07",
    "\x0b",
    "\x0c",
    "\x1b[31m",
    "\x7f",
    "\x85",
    "\u2028",
    "\u2029",
    "\r",
    "\r\n",
    "\n",
    "\n\n",
    "\t",
    "\u00a0",
    "\u3000",
    "�",
    "😀",
    "🇺🇦",
    "e\u0301",
    "Z\u0351\u0352\u0353\u0354\u0355",
    "“",
    "”",
    "‘",
    "«",
    "`",
    "```",
    '"',
    "'",
    "# ",
    "## Heading ##",
    "#" * 7,
    "<h1>",
    "</div>",
    "&amp;",
    "&#xD800;",
    "&#0;",
    "Back to top button",
    "Advertisement",
    "U.S. Response",
    "Dr. Smith said so. ",
    "The board met on Monday. ",
    "It agreed a plan! ",
    "Really? ",
    "word",
    " ",
]
HOSTILE_TEXT = st.lists(
    st.one_of(
        st.sampled_from(ODD),
        st.text(st.characters(codec="utf-8"), max_size=30),
        st.builds(
            lambda s, n: s * n,
            st.sampled_from([" ", "\t", "x", "`", "“", "#", "-", ".", "\n"]),
            st.integers(1, 400),
        ),
    ),
    min_size=1,
    max_size=40,
).map("".join)
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1", "utf-32"]


@st.composite
def encoded(draw: st.DrawFn) -> bytes:
    """Hostile text as bytes: one encoding, or pieces in several encodings glued together."""
    pieces = draw(st.lists(st.tuples(HOSTILE_TEXT, st.sampled_from(ENCODINGS)), min_size=1, max_size=3))
    return b"".join(text.encode(enc, errors="replace") for text, enc in pieces)


@pytest.mark.timeout(120)
@FUZZ
@given(data=encoded(), suffix=st.sampled_from([".txt", ".md", ".html"]))
# A Markdown heading line with a long run of blanks: the heading pattern used to backtrack for minutes.
@example(data=b"# a" + b" " * 100_000 + b"b\n\nBody text.", suffix=".md")
@example(data=b"# a" + b"\t \t" * 30_000 + b"#\n\nBody text.", suffix=".md")
# "#" and blanks only: a heading without a label used to give a section labelled "".
@example(data=b"#  \n\nBody text here.", suffix=".md")
@example(data="Intro.\n\n#\u00a0\u00a0\n\nBody text here.".encode(), suffix=".md")
# Zero-width and right-to-left characters around a plain-text heading.
@example(data="\u200bU.S. Response\u202e\n\nThe text. More.\n".encode(), suffix=".txt")
def test_hostile_text(tmp_path: Path, data: bytes, suffix: str) -> None:
    load_and_check(write(tmp_path, "hostile" + suffix, data))


# -- HTML built to stress the parser ----------------------------------------------------------------------

TAGS = [
    "div",
    "p",
    "span",
    "b",
    "h1",
    "h2",
    "h6",
    "table",
    "tr",
    "td",
    "li",
    "ul",
    "pre",
    "a",
    "br",
    "script",
    "style",
    "title",
    "body",
    "html",
    "head",
    "svg",
    "template",
]
HTML_TEXT = st.one_of(
    st.sampled_from(ODD),
    st.text(st.characters(codec="utf-8", exclude_characters="<&"), max_size=20),
    st.sampled_from(
        [
            "&nbsp;",
            "&#x202E;",
            "&#xD800;",
            "&#x110000;",
            "&#0;",
            "&bogus;",
            "&",
            "<!-- c -->",
            "<![CDATA[x]]>",
            "<!DOCTYPE html>",
            "<?xml version='1.0'?>",
        ]
    ),
)


@st.composite
def html_soup(draw: st.DrawFn) -> bytes:
    """Tags opened, closed, left open and mis-nested at random, with text and entities between."""
    out: list[str] = []
    for _ in range(draw(st.integers(1, 40))):
        kind = draw(st.sampled_from(["open", "close", "text", "text", "nest"]))
        tag = draw(st.sampled_from(TAGS))
        if kind == "open":
            attrs = draw(st.sampled_from(["", ' class="x"', " title='<h1>'", " x=", ' style="a:b"']))
            out.append(f"<{tag}{attrs}>")
        elif kind == "close":
            out.append(f"</{tag}>")
        elif kind == "nest":
            n = draw(st.integers(1, 300))
            out.append(f"<{tag}>" * n + draw(HTML_TEXT) + (f"</{tag}>" * n if draw(st.booleans()) else ""))
        else:
            out.append(draw(HTML_TEXT))
    return "".join(out).encode(draw(st.sampled_from(["utf-8", "utf-16", "cp1252"])), errors="replace")


@pytest.mark.timeout(120)
@FUZZ
@given(data=html_soup())
@example(data=b"<html><body>" + b"<div>" * 5000 + b"<h2>Deep</h2><p>Deep text. More.</p>" + b"</div>" * 5000)
@example(data=b"<body>" + b"<b><i>" * 5000 + b"unclosed inline text.")
@example(data=b"<table>" + b"<tr><td>" * 3000 + b"cell text.")
@example(data=b"<h1>" * 3000 + b"heading in headings" + b"</h1>" * 3000 + b"<p>Body.</p>")
@example(data=b"<p>Surrogate &#xD800; and &#55296; and &#xDFFF; entities.</p>")
def test_html_soup(tmp_path: Path, data: bytes) -> None:
    load_and_check(write(tmp_path, "soup.html", data))


# -- damaged PDFs -----------------------------------------------------------------------------------------

PDF_LINES = st.lists(
    st.text(st.characters(codec="cp1252", exclude_characters="\r\n"), max_size=60), min_size=0, max_size=4
)


def pdf_with_to_unicode(targets: list[str]) -> bytes:
    """A one-page PDF whose font's ToUnicode map sends the bytes 'A', 'B', … to the given UTF-16 hex
    strings: a broken map is how a real PDF yields lone surrogates and control characters."""
    pairs = "".join(f"<{0x41 + i:02X}> <{t}>\n" for i, t in enumerate(targets))
    cmap = (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CMapName /Fuzz def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"
        f"{len(targets)} beginbfchar\n{pairs}endbfchar\nendcmap\n"
        "CMapName currentdict /CMap defineresource pop\nend\nend\n"
    ).encode()
    shown = "".join(chr(0x41 + i) for i in range(len(targets))) * 3
    stream = f"BT /F1 12 Tf 72 720 Td ({shown}) Tj ET".encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R "
        b"/Resources << /Font << /F1 3 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(cmap), cmap),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for num, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (num, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


@st.composite
def damaged_pdf(draw: st.DrawFn) -> bytes:
    """A valid PDF, then truncated, bit-flipped, spliced with garbage, or with a broken ToUnicode map."""
    if draw(st.booleans()):
        utf16 = st.sampled_from(
            [
                "D800",
                "DFFF",
                "DC00D800",
                "D83DDE00",
                "0000",
                "000D",
                "000A",
                "202E",
                "200B",
                "FEFF",
                "0041",
                "FFFF",
            ]
        )
        data = pdf_with_to_unicode(draw(st.lists(utf16, min_size=1, max_size=5)))
    else:
        data = make_pdf(draw(st.lists(PDF_LINES, min_size=1, max_size=3)))
    for _ in range(draw(st.integers(0, 3))):
        how = draw(st.sampled_from(["truncate", "flip", "splice", "none"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if how == "truncate":
            data = data[:at]
        elif how == "flip" and data:
            data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
        elif how == "splice":
            data = data[:at] + draw(st.binary(max_size=64)) + data[at:]
    return data


@pytest.mark.timeout(120)
@FUZZ
@given(data=damaged_pdf())
# Lone surrogates from a broken ToUnicode map used to escape as UnicodeEncodeError (not LoadError),
# stopping the whole indexing run.
@example(data=pdf_with_to_unicode(["D800", "0042"]))
@example(data=pdf_with_to_unicode(["DC00D800", "0020"]))
@example(data=pdf_with_to_unicode(["0000", "000D"]))
def test_damaged_pdf(tmp_path: Path, data: bytes) -> None:
    a = load_and_check(write(tmp_path, "damaged.pdf", data))
    if a is not None:
        assert not any("\ud800" <= ch <= "\udfff" for ch in a.document.text)


# -- Word documents: hostile paragraphs, damaged zips ------------------------------------------------------

#: Text XML 1.0 can hold (a Word file cannot carry other control characters), odd pieces favoured.
_XML_TEXT = st.lists(
    st.one_of(
        st.sampled_from([*ODD, " ", "\t", "?", ".", "|", "-", "1.", "Q:", "#", "**", "&", "<", ">"]),
        st.characters(blacklist_categories=("Cs",), min_codepoint=0x20, max_codepoint=0xFFFD),
    ),
    max_size=40,
).map(lambda pieces: "".join(c for c in "".join(pieces) if c in "\t\n" or c >= " "))
_WORD_STYLES = style("Title", "Title") + style("Heading1", "heading 1") + style("ListBullet", "List Bullet")


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def word_document(draw: st.DrawFn) -> bytes:
    body = []
    for _ in range(draw(st.integers(1, 12))):
        text = _escaped(draw(_XML_TEXT))
        kind = draw(
            st.sampled_from(["plain", "Title", "Heading1", "ListBullet", "bold", "numbered", "table"])
        )
        if kind == "table":
            cells = "".join(f"<w:tc>{para(text)}</w:tc>" for _ in range(draw(st.integers(1, 3))))
            body.append(f"<w:tbl><w:tr>{cells}</w:tr><w:tr>{cells}</w:tr></w:tbl>")
        elif kind == "bold":
            body.append(para(text + "?", bold=True))
        elif kind == "numbered":
            body.append(para(text, num=(draw(st.integers(0, 3)), draw(st.integers(0, 9)))))
        else:
            body.append(para(text, "" if kind == "plain" else kind))
    return make_docx("".join(body), _WORD_STYLES)


@pytest.mark.timeout(120)
@FUZZ
@given(data=word_document())
def test_word_documents_of_hostile_paragraphs(tmp_path: Path, data: bytes) -> None:
    load_and_check(write(tmp_path, "hostile.docx", data))


_WORD_FIXTURE = (REPO / "tests" / "data" / "word" / "garden-handbook.docx").read_bytes()


@pytest.mark.timeout(120)
@FUZZ
@given(at=st.integers(0, len(_WORD_FIXTURE) - 1), flip=st.integers(1, 255), keep=st.floats(0.0, 1.0))
def test_damaged_word_documents(tmp_path: Path, at: int, flip: int, keep: float) -> None:
    data = _WORD_FIXTURE[:at] + bytes([_WORD_FIXTURE[at] ^ flip]) + _WORD_FIXTURE[at + 1 :]
    load_and_check(
        write(tmp_path, "damaged.docx", data[: max(1, int(len(data) * keep))] if keep < 0.5 else data)
    )


# -- super-linear paths -----------------------------------------------------------------------------------


def _sections_and_navigation(n: int, suffix: str) -> bytes:
    head = "# Part {i}" if suffix == ".md" else "Part Number {i}"
    return "".join(f"{head.format(i=i)}\n\nAdvertisement\n\nSome text here.\n\n" for i in range(n)).encode()


HUGE = {
    "one 2 MB line.txt": b"word " * 400_000,
    "one 2 MB line.md": b"x" * 2_000_000,
    "one 2 MB line.html": b"<p>" + b"y" * 2_000_000 + b"</p>",
    "heading of blanks.md": b"# a" + b" " * 300_000 + b"b\n\nBody text.",
    "many sections.md": _sections_and_navigation(12_000, ".md"),
    "many sections.txt": _sections_and_navigation(12_000, ".txt"),
    "nested 5000 div.html": b"<div>" * 5000 + b"Deep text. More." + b"</div>" * 5000,
    "many fences.md": b"```\n" * 50_000,
    # a table in Markdown left open on every line, nested past reason, bold titles among code
    "many open tables.md": b"# T\n\n" + b"<table\n" * 128_000 + b"\nEnd of the page.\n",
    "nested tables.md": b"# T\n\n" + b"<table>\n" * 1000 + b"</table>\n" * 1000 + b"\nEnd of the page.\n",
    "bold titles among code.md": b"**Title here**\n\nSome text.\n\n```\nc\n```\n\n" * 16_000,
    # struck words and labelled glyphs nested deep: each element's words are read up to a bound
    "nested struck.html": b"<p>Old price." + b"<s>" * 32_000 + b"w" + b"</s>" * 32_000 + b"</p>",
    "nested labels.html": b"<p>Rated."
    + b'<span aria-label="5 of 5">' * 32_000
    + b"*"
    + b"</span>" * 32_000
    + b"</p>",
    # an FAQ of 20,000 collapsible blocks, each with words after it: each resumes its part once
    "many details.html": b"<h1>FAQ</h1>"
    + b"<details><summary>Q?</summary><p>A.</p></details><p>More.</p>" * 20_000,
    # collapsible blocks nested 16,000 deep, each closing with words after it
    "nested details.html": b"<h1>FAQ</h1>"
    + b"<details><summary>Q?</summary><p>A.</p>" * 16_000
    + b"</details><p>More.</p>" * 16_000,
    # a run of stars with no closing run, and a starred title padded with blanks: a pattern for a
    # title set off by stars backtracked for seconds on each
    "stars without a close.txt": b"Dear Sam,\n\n" + b"*" * 20_000 + b" x\n-----\n\nThanks.\n",
    "starred blanks.txt": b"** Note" + b" " * 100_000 + b"b **\n-----\n\nBody text.\n",
    # spans hidden from screen readers or from sight, nested deep: each is asked whether its words
    # are few, read up to a bound
    "nested hidden icons.html": b"<p>Rated."
    + b'<span aria-hidden="true">' * 32_000
    + b"w"
    + b"</span>" * 32_000
    + b"</p>",
    "nested screen reader words.html": b"<p>Rated."
    + b'<span class="sr-only">' * 32_000
    + b"w x y z"
    + b"</span>" * 32_000
    + b"</p>",
    # <noscript> blocks nested deep, each asked whether it says enough to be read
    "nested noscript.html": b"<p>Live times."
    + b"<noscript>" * 32_000
    + b"w " * 20
    + b"</noscript>" * 32_000
    + b"</p>",
}


@pytest.mark.timeout(120)
@pytest.mark.parametrize("name", sorted(HUGE))
def test_huge_inputs_are_handled_in_linear_time(tmp_path: Path, name: str) -> None:
    """Inputs that used to take minutes (a heading line of 300,000 blanks: hours) take a second."""
    started = time.perf_counter()
    a = load_and_check(write(tmp_path, name.replace(" ", "-"), HUGE[name]), max_tokens=128)
    assert a is not None and a.sentences
    assert time.perf_counter() - started < 20


def test_long_paragraphs_reach_sentencex_in_bounded_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    """sentencex is quadratic on quote-like runs without a sentence end ("`" * 40,000: 1 s; 400,000:
    minutes), so no call may see more than one window of a paragraph."""
    seen: list[int] = []
    real = sentences.sentencex.get_sentence_boundaries

    def spy(lang: str, text: str) -> list:
        seen.append(len(text))
        return real(lang, text)

    monkeypatch.setattr(sentences.sentencex, "get_sentence_boundaries", spy)
    text = ("Use `x` here\n" * 3000) + ("He said “yes” and left. " * 3000) + "`" * 30_000
    spans = sentence_spans(text, 0, len(text), [])
    assert max(seen) <= sentences._WINDOW_CHARS
    assert sum(seen) < 3 * len(text)
    for s, e in spans:
        assert text[s:e] == text[s:e].strip() and e - s <= MAX_SENTENCE_CHARS
    assert all(z <= a for (_, z), (a, _) in itertools.pairwise(spans))
    # nothing lost: every non-blank character is in a sentence
    assert sum(len("".join(text[s:e].split())) for s, e in spans) == len("".join(text.split()))


@pytest.mark.timeout(120)
@settings(max_examples=150, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(
            [
                "Dr. ",
                "Smith. ",
                "He said “a. b.” ",
                "`x` ",
                "word ",
                "U.S. ",
                "A. ",
                "\n",
                "“",
                "  ",
                "Done! ",
                "x" * 30,
            ]
        ),
        max_size=60,
    ).map("".join),
    window=st.integers(8, 120),
)
@example(text="`" * 500, window=40)
@example(text="Dr. Smith arrived. " * 20, window=19)
def test_windowed_sentences_are_exact_and_lose_nothing(text: str, window: int) -> None:
    """The window logic itself, with windows small enough that every paragraph needs several."""
    original = sentences._WINDOW_CHARS
    sentences._WINDOW_CHARS = window
    try:
        spans = sentence_spans(text, 0, len(text), [])
    finally:
        sentences._WINDOW_CHARS = original
    for s, e in spans:
        assert 0 <= s < e <= len(text)
        assert text[s:e] == text[s:e].strip()
    assert all(z <= a for (_, z), (a, _) in itertools.pairwise(spans))
    # nothing lost: every non-blank character is in a sentence
    assert sum(len("".join(text[s:e].split())) for s, e in spans) == len("".join(text.split()))
