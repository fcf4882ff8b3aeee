"""The index view's row masks: what an explicit source or a hidden document keeps of the lexical search."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from bot.service import QuoteService


def test_row_mask_keeps_exactly_the_rows_of_the_named_sections(default_service: QuoteService) -> None:
    view = default_service.view
    for kind, spans in (("sentences", view.sentences), ("passages", view.passages)):
        assert view.row_mask(kind).tolist() == [1.0] * len(spans)
        for label in view.section_labels:
            mask = view.row_mask(kind, [label])
            assert mask.dtype == np.float32
            assert mask.tolist() == [float(s.section == label) for s in spans]
            assert 0 < mask.sum() < len(spans) or len(view.section_labels) == 1


def test_row_mask_hides_documents_and_ignores_unknown_names(default_service: QuoteService) -> None:
    view = default_service.view
    doc = view.sentences[0].doc_id
    hidden = view.row_mask("sentences", exclude_docs={doc, "no-such-document.txt"})
    assert hidden.tolist() == [float(s.doc_id != doc) for s in view.sentences]
    # A label the index does not have keeps nothing; an unknown hidden document hides nothing.
    assert view.row_mask("passages", ["No Such Section"]).sum() == 0
    assert view.row_mask("passages", exclude_docs={"no-such-document.txt"}).sum() == len(view.passages)
    both = view.row_mask("sentences", view.section_labels[:1], {doc})
    assert both.tolist() == [
        float(s.section == view.section_labels[0] and s.doc_id != doc) for s in view.sentences
    ]


def test_term_docs_names_the_documents_that_use_each_term(default_service: QuoteService) -> None:
    view = default_service.view
    table = view.term_docs()
    assert table["stoltenberg"] == frozenset({"nato-us-responses-2022.txt"})
    assert view.term_docs() is table  # built once
    # Every term a sentence uses is in the table, under that sentence's document.
    assert all(s.doc_id in table[t] for s, ts in zip(view.sentences, view.sentence_terms) for t in ts)


def test_bigrams_are_the_sentences_term_pairs_made_once(default_service: QuoteService) -> None:
    from itertools import pairwise

    from bot.lexical import terms

    view = default_service.view
    row = len(view.sentences) // 2
    pairs = view.bigrams(row)
    assert pairs == set(pairwise(terms(view.sentences[row].text))) and pairs
    assert view.bigrams(row) is pairs


def test_a_table_s_rows_are_searched_under_their_header() -> None:
    """A council tax leaflet's "| H | More than £320,000 | £4,495.86 |" names neither "band" nor
    "annual charge": its header does, so BM25 reads each row with the header's terms (the header
    row itself, a row of values and the text after the table keep their own)."""
    from bot.index_view import SpanRec, _table_headers
    from bot.lexical import terms

    texts = [
        "The table shows each band.",
        "| Band | Property value | Annual charge |",
        "| A | Up to £40,000 | £1,498.62 |",
        "| H | More than £320,000 | £4,495.86 |",
        "Single people get 25% off.",
        "| Founded | 1987 |",
        "| Members | 40 |",
    ]
    spans = [SpanRec(i, f"s{i}", "d", "Bands", 0, 0, 0, i, t) for i, t in enumerate(texts)]
    headers = _table_headers(spans, [terms(t) for t in texts], {})
    assert headers == {2: terms(texts[1]), 3: terms(texts[1])}
    # a first row with a year in it is the header where the document marks it with a rule
    doc = "| Band | 2023/24 |\n| --- | --- |\n| A | £1,204 |"
    rows = [doc.splitlines()[0], doc.splitlines()[2]]
    at = [(0, len(rows[0])), (doc.index("| A"), len(doc))]
    marked = [SpanRec(i, f"m{i}", "m", "Fees", 0, a, z, i, t) for i, ((a, z), t) in enumerate(zip(at, rows))]
    assert _table_headers(marked, [terms(t) for t in rows], {"m": doc}) == {1: terms(rows[0])}
    assert _table_headers(marked, [terms(t) for t in rows], {"m": doc.replace("| --- | --- |", "")}) == {}


def test_a_header_of_two_rows_names_the_rows_under_it_in_both():
    """A hall's rates table headed its prices in two rows, "Monday to Friday" and "Saturday and
    Sunday" over "Community groups" and "Private hire" under each: a row under it read with the
    first row's terms only, so "private hire at the weekend" matched no price by its header. The
    rows under a header of two (the rule under the second) read with the terms of both."""
    from bot.index_view import SpanRec, _table_headers
    from bot.lexical import terms

    doc = (
        "| Room | Monday to Friday |  | Saturday and Sunday |  |\n"
        "| Room | Community groups | Private hire | Community groups | Private hire |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| Main hall | £16.00 | £24.00 | £20.00 | £32.00 |\n"
        "| Kitchen | £5.00 | £8.00 | £5.00 | £8.00 |"
    )
    rows = [line for line in doc.splitlines() if "---" not in line]
    spans = []
    for i, row in enumerate(rows):
        start = doc.index(row)
        spans.append(SpanRec(i, f"r{i}", "h", "Rates", 0, start, start + len(row), i, row))
    term_lists = [terms(t) for t in rows]
    headers = _table_headers(spans, term_lists, {"h": doc})
    both = term_lists[0] + [t for t in term_lists[1] if t not in term_lists[0]]
    assert headers == {1: term_lists[0], 2: both, 3: both}
    assert set(terms("private hire on saturday and sunday")) <= set(headers[3])
    # a second row of labels with no rule under it is a row of the table, not its header's
    unruled = doc.replace("| --- | --- | --- | --- | --- |\n", "")
    spans = []
    for i, row in enumerate(rows):
        start = unruled.index(row)
        spans.append(SpanRec(i, f"u{i}", "u", "Rates", 0, start, start + len(row), i, row))
    assert _table_headers(spans, term_lists, {"u": unruled})[3] == term_lists[0]


def test_a_header_marked_under_a_title_line_names_the_rows_under_it():
    """A pool's prices opened with a title line over a header of two rows, its rule under the
    second: the rows read with the title line's words ("riverside pool prices"), the table's first
    row, so "after 5pm on a weekday" matched no price by its header. Under a rule lower down, the
    rows of labels above it name the rows under it."""
    from bot.index_view import SpanRec, _table_headers
    from bot.lexical import terms

    def spans_of(doc: str, doc_id: str) -> tuple[list[SpanRec], list[list[str]]]:
        rows = [line for line in doc.splitlines() if line and "---" not in line]
        spans, at = [], 0
        for i, row in enumerate(rows):
            start = doc.index(row, at)
            at = start + len(row)
            spans.append(SpanRec(i, f"{doc_id}{i}", doc_id, "Prices", 0, start, at, i, row))
        return spans, [terms(t) for t in rows]

    doc = (
        "| Riverside Pool prices 2026 |  |  |  |  |\n"
        "| Ticket | Weekday | Weekday | Weekend | Weekend |\n"
        "| Type | Before 5pm (£) | After 5pm (£) | Before 5pm (£) | After 5pm (£) |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| Adult swim | 5.40 | 6.10 | 6.50 | 6.50 |\n"
        "| Junior swim | 3.20 | 3.60 | 3.90 | 3.90 |"
    )
    spans, term_lists = spans_of(doc, "p")
    headers = _table_headers(spans, term_lists, {"p": doc})
    assert set(terms("weekday weekend after 5pm type ticket")) <= set(headers[3]) == set(headers[4])
    assert not set(terms("riverside pool")) & set(headers[4])  # the title line is no header row
    # a table's last row is no row of groups over the next table's header, past a blank line
    two = (
        "| Plan | Price |\n| --- | --- |\n| Support | Email |\n\n"
        "| Room | Weekday | Weekday |\n| --- | --- | --- |\n| Hall | £16 | £20 |"
    )
    spans, term_lists = spans_of(two, "t")
    assert not set(terms("support email")) & set(_table_headers(spans, term_lists, {"t": two})[3])
    # a one-cell row the page marks as a header ("Concessions") heads a group of rows: they keep
    # the names of their columns
    grouped = (
        "| Ticket | Price | Note |\n| --- | --- | --- |\n| Adult | £9 | - |\n"
        "| Concessions |  |  |\n| --- | --- | --- |\n| Child | £5 | Under 16 |"
    )
    spans, term_lists = spans_of(grouped, "g")
    assert set(terms("ticket price note")) <= set(_table_headers(spans, term_lists, {"g": grouped})[3])


def test_span_embeddings_are_read_once_and_remembered_within_a_bound(
    default_service: QuoteService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The embeddings of candidates that only lexical search found are Chroma's own, read once: the
    same sentences come back question after question, and a ``get`` by id costs what a vector query
    does. The memo keeps at most ``REMEMBERED_EMBEDDINGS`` a kind, the oldest going first."""
    from bot import index_view

    view = default_service.view
    ids = [s.id for s in view.sentences[:5]]
    direct = view.store.embeddings(view.generation, "sentences", ids)
    reads: list[list[str]] = []
    fetch = view.store.embeddings

    def counted(generation: int, kind: str, wanted: list[str]) -> dict[str, object]:
        reads.append(list(wanted))
        return fetch(generation, kind, wanted)

    monkeypatch.setattr(view.store, "embeddings", counted)
    monkeypatch.setattr(index_view, "REMEMBERED_EMBEDDINGS", 3)
    view._embeddings["sentences"].clear()
    got = view.embeddings("sentences", ids[:3])
    assert set(got) == set(ids[:3])
    for i in ids[:3]:
        assert np.array_equal(got[i], np.asarray(direct[i], dtype=np.float32))
    assert view.embeddings("sentences", ids[:3]).keys() == got.keys() and len(reads) == 1  # remembered
    view.embeddings("sentences", ids[3:5])  # two more: the two oldest go
    assert reads[-1] == ids[3:5] and list(view._embeddings["sentences"]) == ids[2:5]
    view.embeddings("sentences", ids[:1])
    assert reads[-1] == ids[:1]  # forgotten, so read again


PRINTER = (
    "OFFICE PRINTER QUICK GUIDE\n"
    "==========================\n"
    "\n"
    "1. PAPER\n"
    "--------\n"
    "\n"
    "The main tray holds 250 sheets of A4. Use 80 gsm paper only; thicker card\n"
    "goes in the bypass tray on the right-hand side.\n"
    "\n"
    "2. ERROR LIGHTS\n"
    "---------------\n"
    "\n"
    "  Light             Meaning                  What to do\n"
    "  ----------------  -----------------------  ------------------------------\n"
    "  Amber, steady     Paper jam                Open the front cover and pull\n"
    "                                             the paper out gently\n"
    "  Amber, flashing   Toner low                Order a new cartridge from the\n"
    "                                             office manager\n"
    "  Red, steady       Drum unit worn out       Call the helpdesk on ext. 4410\n"
    "  Green, flashing   Warming up               Wait about 30 seconds\n"
    "\n"
    "3. SCANNING\n"
    "-----------\n"
    "\n"
    "Scans are emailed to you as PDF files. The scanner cannot send to\n"
    "personal email addresses outside the company.\n"
)
ROTA = (
    "# Saturday bakery rota\n"
    "\n"
    "| Shift | Start | Who |\n"
    "|---|---|---|\n"
    "| Early | 4:30 a.m. | Priya and Tom |\n"
    "| Late | 11:00 a.m. | Sam |\n"
    "\n"
    "The early shift lights the ovens. Aprons are in the blue cupboard.\n"
)


def test_a_plain_text_tables_rows_are_read_with_the_header_ruled_off_above_them(
    index_files: Any, shared_embedder: Any
) -> None:
    """A printer guide's table laid out in columns: each row (a wrapped one too) is read with its
    header ("Light  Meaning  What to do"), so "What does a steady red light mean?" finds its
    "Meaning" in the red light's row and answers with it, as a Markdown table's row would be read.
    (Quotebot answered neither question right when such rows were read without their header.)"""
    config = index_files("printer", {"printer-guide.txt": PRINTER, "bakery-rota.md": ROTA})
    service = QuoteService(config, embedder=shared_embedder)
    view = service.view
    headed = {
        view.sentences[i].text.split()[0] + " " + view.sentences[i].text.split()[1]: h
        for i, h in view.plain_headers.items()
    }
    assert set(headed) == {"Amber, steady", "Amber, flashing", "Red, steady", "Green, flashing"}
    assert {view.sentences[h].text.split()[0] for h in headed.values()} == {"Light"}
    from bot.lexical import terms

    red = next(i for i in view.plain_headers if view.sentences[i].text.startswith("Red, steady"))
    meaning = terms("Meaning")
    assert not set(meaning) & view.sentence_terms[red]
    # the search reads the row with its header's words, and so does the row's context
    assert view.bm25_sentences.scores(meaning)[red] > 0
    assert set(meaning) <= service.retriever._context_terms(view.sentences[red])
    for question in ("What does a steady red light mean?", "What does the red light mean?"):
        answer = service.ask(question)  # refused, and the header row first, when rows were read alone
        assert not answer.abstained and answer.quotes[0].text.startswith("Red, steady"), question
