"""Property tests: whatever the text, every span is exact, in order, and inside its section."""

from __future__ import annotations

import hashlib
import itertools
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from writepath_helpers import words

from index.analysis import Analysis, analyse
from index.errors import LoadError
from index.loaders import load_document
from index.types import Document

SENTENCES = [
    "The U.S. said it would respond.",
    "Gen. Smith arrived at 5 p.m. on Monday.",
    "Some allies (e.g. Poland) agreed, i.e. most did.",
    "He said “this is final.”",
    'She wrote: "We agree."',
    "“NATO does not seek confrontation,” the text reads.",
    "It’s Russia’s move now!",
    "Is this the end?",
    "Dr. Who met Mr. Jones.",
    "Prices rose 5.5% in Jan. last year.",
    "No punctuation at the end",
    "Spanish daily newspaper\u00a0El País\u00a0published\u00a0today.",
    "Tabs\tinside\ta sentence.",
    "…and then nothing.",
    "Ellipsis at the end...",
    "Numbers like 1. and 2. and 3.",
]
HEADINGS = [
    "U.S. Response",
    "NATO Response",
    "Background",
    "Part 2: The Results",
    "# Markdown Heading",
    "## Sub Heading ##",
]
BOILERPLATE = [
    "Back to top button",
    "Read for Background:",
    "This post is also available in: Deutsch",
    "Advertisement",
    "Share this article",
    "Tags: a, b",
]
ODD_CHARS = st.sampled_from(
    [
        "\u200b",  # zero-width space
        "\u200d",  # zero-width joiner
        "\u200f",  # right-to-left mark
        "\u202e",  # right-to-left override
        "\ufeff",  # BOM inside the text
        "שלום עולם.",  # Hebrew
        "مرحبا بالعالم.",  # Arabic
        "ქართული",
        "Русский текст.",
        "\u00a0",
        "\t",
        "  ",
        "\u2028",
        "\u3002",
        "!",
        "?",
        ".",
        "“",
        "”",
        '"',
        "«",
        "»",
        "„",
    ]
)
LETTERS = st.text(
    alphabet=st.characters(
        whitelist_categories=("Lu", "Ll", "Lo", "Nd", "Zs", "Po", "Pi", "Pf", "Mn", "Cf"),
        blacklist_characters="\r\n",
    ),
    min_size=1,
    max_size=60,
)

# a "line" is a sentence run, a heading, a boilerplate line, noise, or long unpunctuated text
LINE = st.one_of(
    st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=5).map(" ".join),
    st.sampled_from(HEADINGS),
    st.sampled_from(BOILERPLATE),
    st.lists(st.one_of(ODD_CHARS, LETTERS, st.sampled_from(SENTENCES)), min_size=1, max_size=8).map("".join),
    st.integers(min_value=601, max_value=1400).map(lambda n: ("word " * (n // 5 + 1))[:n]),
    st.just(""),
    st.just("   \t"),
)
SEPARATOR = st.sampled_from(["\n", "\n\n", "\n\n\n", "\r\n", "\r\n\r\n", "\n \n", "\n\u00a0\n", " "])


@st.composite
def documents_text(draw) -> str:
    lines = draw(st.lists(LINE, min_size=1, max_size=14))
    out = []
    for line in lines:
        out.append(line)
        out.append(draw(SEPARATOR))
    return "".join(out[: -1 if draw(st.booleans()) else None])


def check(a: Analysis, max_tokens: int) -> None:
    text = a.document.text
    sections = a.sections
    # sections: in order, non-overlapping, inside the text, indexed 0..n-1
    assert [s.index for s in sections] == list(range(len(sections)))
    for s1, s2 in itertools.pairwise(sections):
        assert s1.end <= s2.start
    for s in sections:
        assert 0 <= s.start < s.end <= len(text)
        assert s.label and "\n" not in s.label
    by_index = {s.index: s for s in sections}

    prev_end = -1
    prev_pos = -1
    for s in a.sentences:
        assert text[s.start : s.end] == s.text
        assert s.text and s.text == s.text.strip()
        sec = by_index[s.section_index]
        assert sec.start <= s.start < s.end <= sec.end
        assert s.section == sec.label
        assert s.start >= prev_end, "sentences overlap or are out of order"
        assert s.position == prev_pos + 1
        prev_end, prev_pos = s.end, s.position
        for bs, be in a.document.boilerplate:  # no sentence is made from navigation lines
            assert s.end <= bs or s.start >= be

    starts = {s.start: s for s in a.sentences}
    covered = []
    for p in a.passages:
        assert text[p.start : p.end] == p.text
        sec = by_index[p.section_index]
        assert sec.start <= p.start < p.end <= sec.end, "passage crosses a section"
        members = [starts[x] for x in p.sentence_starts]
        assert all(m.section_index == p.section_index for m in members)
        assert members[0].start == p.start and members[-1].end == p.end
        if len(members) > 1:
            assert sum(words(m.text) for m in members) <= max_tokens
        covered.extend(p.sentence_starts)
    # every sentence is in exactly one passage, in order
    assert covered == [s.start for s in a.sentences]


def make_doc(text: str, suffix: str) -> Document:
    return Document(
        doc_id=f"doc{suffix}",
        title=next((" ".join(line.split()) for line in text.split("\n") if line.strip()), "doc")[:200],
        path=f"/virtual/doc{suffix}",
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        text=text,
    )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=documents_text(),
    suffix=st.sampled_from([".txt", ".md", ".pdf"]),
    max_tokens=st.sampled_from([8, 40, 128]),
)
def test_constructed_documents_have_exact_spans(text, suffix, max_tokens):
    # Document objects as a loader would build them: canonical line endings, sha of the text.
    canonical = text.replace("\r\n", "\n").replace("\r", "\n")
    doc = make_doc(canonical, suffix)
    a = analyse(doc, words, max_tokens)
    check(a, max_tokens)
    assert doc.text == canonical  # analysis never edits the text
    assert doc.sha256 == hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    text=documents_text(),
    suffix=st.sampled_from([".txt", ".md"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
)
def test_loaded_documents_have_exact_spans(tmp_path: Path, text, suffix, encoding):
    path = tmp_path / f"doc{suffix}"
    path.write_bytes(text.encode(encoding))
    expected = text.replace("\r\n", "\n").replace("\r", "\n")
    if encoding == "utf-8" and expected.startswith("\ufeff"):
        expected = expected[1:]  # a leading U+FEFF in a UTF-8 file is its byte order mark
    try:
        doc = load_document(path, path.name, 1_000_000)
    except LoadError as exc:
        assert "\n" not in str(exc)
        assert not expected.strip() or "binary" in str(exc)
        return
    assert doc.text == expected
    if suffix == ".md":  # Markdown headings are exactly the "#" lines
        for h in doc.headings:
            line = doc.text[h.start : h.end]
            assert line.lstrip(" ").startswith("#") and "\n" not in line
    a = analyse(doc, words, 40)
    check(a, 40)


HTML_TEXT = st.one_of(
    st.sampled_from(SENTENCES),
    LETTERS.map(lambda t: t.replace("<", " ").replace("&", " ")),
    st.sampled_from(["&nbsp;", "&amp;", "&ldquo;quoted&rdquo;", " ", "\n", "\t"]),
)


@st.composite
def html_nodes(draw, depth: int = 0) -> str:
    kind = draw(
        st.sampled_from(
            ["text", "text", "block", "inline", "heading", "br", "skip"] if depth < 4 else ["text"]
        )
    )
    if kind == "text":
        return draw(HTML_TEXT)
    if kind == "br":
        return "<br>"
    if kind == "skip":
        tag = draw(st.sampled_from(["script", "style", "noscript"]))
        return f"<{tag}>hidden words {draw(st.sampled_from(SENTENCES))}</{tag}>"
    children = "".join(draw(st.lists(html_nodes(depth + 1), min_size=0, max_size=4)))
    if kind == "heading":
        tag = draw(st.sampled_from(["h1", "h2", "h3", "h4", "h5", "h6"]))
    elif kind == "block":
        tag = draw(st.sampled_from(["p", "div", "section", "li", "td", "blockquote", "pre"]))
    else:
        tag = draw(st.sampled_from(["b", "i", "span", "a", "em"]))
    return f"<{tag}>{children}</{tag}>"


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(body=st.lists(html_nodes(), min_size=1, max_size=8).map("".join), title=st.booleans())
def test_html_documents_have_exact_spans(tmp_path: Path, body, title):
    head = "<head><title>Page Title</title></head>" if title else ""
    path = tmp_path / "page.html"
    path.write_text(f"<html>{head}<body>{body}</body></html>", encoding="utf-8")
    try:
        doc = load_document(path, path.name, 1_000_000)
    except LoadError as exc:
        assert "\n" not in str(exc)
        return
    assert "hidden words" not in doc.text
    for h in doc.headings:
        assert " ".join(doc.text[h.start : h.end].split()) == h.label
        assert h.label
    for h1, h2 in zip(doc.headings, doc.headings[1:], strict=False):
        assert h1.start <= h2.start
    a = analyse(doc, words, 40)
    check(a, 40)
