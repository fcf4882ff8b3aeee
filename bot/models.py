"""What the service returns: answers made of quotes. Front ends render these and nothing else."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Quote(BaseModel):
    """An exact span of a document, verified with ``doc_text[start:end] == text`` before it is shown."""

    text: str
    doc_id: str
    title: str
    section: str
    start: int
    end: int
    score: float
    #: The passage is mostly words inside quotation marks: the response's own words,
    #: as opposed to the reporter's summary.
    quotation: bool = False
    #: In LLM mode: the model's claimed quote was a near-match, replaced by the exact source span.
    repaired: bool = False
    #: For a table's row: the table's header row ("| Class | Stage | Member price | … |"), cut from
    #: the same document and checked like the quote, so that a user can tell which cell is which.
    #: It is not part of the quote (None for any other text, or when the quote holds the header).
    columns: str | None = None
    #: Where ``columns`` lies in the document: ``doc_text[columns_start:columns_end] == columns``.
    columns_start: int | None = None
    columns_end: int | None = None
    #: For a sentence later in a line that a label opens ("Intermediate: For dogs who … From
    #: £140."): that label with its colon ("Intermediate:"), cut from the same document, so that a
    #: user can tell what the quote is told of. Not part of the quote (None for any other text).
    line_label: str | None = None
    #: Where ``line_label`` lies: ``doc_text[line_label_start:line_label_end] == line_label``.
    line_label_start: int | None = None
    line_label_end: int | None = None

    @property
    def shown_above(self) -> str | None:
        """What front ends show above the quote, apart from it: a table row's header
        (``columns``), else the label that opens the quote's line (``line_label``)."""
        return self.columns or self.line_label

    @property
    def source_label(self) -> str:
        """What users see as the source: the section label, or the title when they coincide."""
        return self.section

    def public(self) -> dict[str, Any]:
        return self.model_dump()


class Answer(BaseModel):
    question: str
    abstained: bool = False
    #: Why the bot abstained, in words a user can read.
    reason: str | None = None
    #: A short answer written by the optional LLM; None in quote-only mode.
    answer: str | None = None
    quotes: list[Quote] = Field(default_factory=list)
    #: When abstaining: the closest passage, shown as "closest match", never as an answer.
    closest: Quote | None = None
    #: Section labels the question was restricted to (explicitly or by naming a source).
    sources: list[str] = Field(default_factory=list)
    #: The question actually searched, when it differs from the one asked: a follow-up read with the
    #: conversation, or acronyms the documents only spell out, spelled out; else None.
    search_query: str | None = None
    confidence: float = 0.0
    #: LLM mode: quotes the model claimed that could not be verified and were dropped.
    dropped: list[str] = Field(default_factory=list)
    #: Things a user should know about how this answer was made (e.g. the LLM was unreachable).
    notes: list[str] = Field(default_factory=list)
    timings_ms: dict[str, float] = Field(default_factory=dict)
    index: dict[str, Any] = Field(default_factory=dict)

    @property
    def rewritten(self) -> str | None:
        """The question searched (whitespace collapsed), when it is not the question as asked (a
        follow-up read with the conversation, acronyms spelled out); what every front end shows as
        "↳ searched: …"."""
        query = " ".join((self.search_query or "").split())
        return query if query and query != " ".join(self.question.split()) else None

    def to_json_dict(self) -> dict[str, Any]:
        """The public ``--json`` shape (see the README): stable keys first, extras after."""
        return {
            "question": self.question,
            "abstained": self.abstained,
            "answer": self.answer,
            "quotes": [q.public() for q in self.quotes],
            "timings_ms": {k: round(v, 2) for k, v in self.timings_ms.items()},
            "reason": self.reason,
            "closest": self.closest.public() if self.closest else None,
            "sources": self.sources,
            "search_query": self.search_query,
            "confidence": round(self.confidence, 4),
            "dropped": self.dropped,
            "notes": self.notes,
            "index": self.index,
        }


class Turn(BaseModel):
    """One exchange of a conversation, for follow-up questions."""

    question: str
    search_query: str | None = None
    sources: list[str] = Field(default_factory=list)
