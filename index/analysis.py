"""Document → sections → sentences → passages, in one place so every caller gets the same spans."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .boilerplate import boilerplate_spans
from .passages import build_passages
from .sections import header_block, header_noise, message_furniture, plain_text_headings, split_sections
from .sentences import split_sentences
from .types import Document, Passage, Section, Sentence

#: File types whose headings are guessed from the layout of plain lines (a Word document only when
#: no paragraph is styled as a part's heading: many are headed by bold or capitals alone).
_PLAIN_LAYOUT = (".txt", ".pdf", ".docx")


@dataclass
class Analysis:
    document: Document
    sections: list[Section]
    sentences: list[Sentence]
    passages: list[Passage]


def analyse(doc: Document, count_tokens: Callable[[str], int], max_tokens: int = 128) -> Analysis:
    """Split a loaded document into labelled sections, exact sentences and passages."""
    doc.boilerplate = boilerplate_spans(doc.text)
    headings = doc.headings
    suffix = Path(doc.path).suffix.lower()
    pdf = suffix == ".pdf"
    if suffix in _PLAIN_LAYOUT and (pdf or not any(h.level >= 2 and not h.under for h in headings)):
        # No heading of the markup's own but a title or an FAQ's bold questions: the parts are
        # headed by their lines' layout, around those ("PARKING" over its text, then the questions).
        # A PDF's headings by type size are only those set larger than its text: parts headed in
        # bold or in capitals at the text's size are found by their layout beside them.
        given = headings
        guessed = plain_text_headings(doc.text, doc.boilerplate)
        headings = sorted(
            [*given, *(g for g in guessed if not any(h.start < g.end and g.start < h.end for h in given))],
            key=lambda h: h.start,
        )
        doc.headings = headings
        if (pdf or not given) and header_block(doc.text):
            furniture = [*message_furniture(doc.text, headings), *header_noise(doc.text)]
            doc.boilerplate = sorted([*doc.boilerplate, *furniture])
    sections = split_sections(doc, headings, doc.boilerplate)
    sentences: list[Sentence] = []
    for section in sections:
        sentences.extend(split_sentences(doc.text, section, doc.boilerplate, len(sentences)))
    passages = build_passages(doc.text, sentences, count_tokens, max_tokens, breaks=doc.boilerplate)
    return Analysis(doc, sections, sentences, passages)
