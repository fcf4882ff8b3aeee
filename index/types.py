"""Plain data types shared by the write path and the read path.

Offsets always refer to a document's *canonical text* (``Document.text``); every span type keeps
``text == document.text[start:end]`` so that a quote can be verified anywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

#: The section labels of a page's own header and footer, whose words a loader keeps as parts of
#: their own (a web page's footer, a one-page PDF's, a Word document's header and footer).
HEADER_LABEL = "Page header"
FOOTER_LABEL = "Page footer"
#: The label of a Markdown file's footnotes, written together at its end ("[^1]: …"): they belong
#: to no part they come after (a podcast's "Credits").
FOOTNOTES_LABEL = "Footnotes"


@dataclass(frozen=True)
class Heading:
    """A heading found by a loader: its label, the span of the heading line itself, and its level
    where the markup gives one (``#`` → 1, ``<h3>`` → 3; 0 for a line guessed from plain layout).
    ``under`` asks for the label to be named with the heading it falls under, as an FAQ's bold
    question is ("Joining and paying › How do I sign up?"): the part it belongs to stays in view."""

    label: str
    start: int
    end: int
    level: int = 0
    under: bool = False
    #: Where its part opens, when that is before the heading line: a web page's card that sets a
    #: short line over its title ("Sunday 23 March 2025" over "Rose Pruning Masterclass") holds
    #: that line in the title's part, not the card's before (``sections.split_sections``).
    opens: int | None = None
    #: It resumes the part of an earlier heading of its label and level, with no line of its own:
    #: a web page's part that goes on after a ``<details>`` block its summary headed. It is no
    #: repeat of that label (``sections.qualified_labels``), which names both parts alike.
    resumes: bool = False


@dataclass
class Document:
    """A loaded document and the structure its loader could see."""

    doc_id: str
    title: str
    path: str
    sha256: str
    text: str
    headings: list[Heading] = field(default_factory=list)
    #: Spans to keep out of passages (navigation lines, empty markup), text left untouched.
    boilerplate: list[tuple[int, int]] = field(default_factory=list)
    note: str = ""


@dataclass(frozen=True)
class Section:
    """A labelled span of a document; the label is what users see as the source."""

    doc_id: str
    label: str
    start: int
    end: int
    index: int


@dataclass(frozen=True)
class Sentence:
    """An exact sentence span inside one section."""

    doc_id: str
    section: str
    section_index: int
    start: int
    end: int
    text: str
    position: int
    quotation: bool

    @property
    def sentence_id(self) -> str:
        return f"{self.doc_id}@{self.start}-{self.end}"


@dataclass(frozen=True)
class Passage:
    """Consecutive sentences of one section: the unit that is embedded and retrieved."""

    doc_id: str
    section: str
    section_index: int
    start: int
    end: int
    text: str
    sentence_starts: tuple[int, ...]
    position: int


@dataclass
class SkippedFile:
    """A file the indexer did not take, with a one-line reason for the summary."""

    path: str
    reason: str


ProgressFn = Callable[[str, int, int], None]
"""Called as ``progress(label, done, total)`` as long work goes on: the stage or file, then how far."""
