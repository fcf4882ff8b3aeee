"""Passages: packing within the token budget, never across sections, with stable ids."""

from __future__ import annotations

from pathlib import Path

import pytest
from writepath_helpers import NATO, assert_spans_exact, make_document, words

from index.analysis import analyse
from index.loaders import load_document
from index.passages import build_passages
from index.writer import span_id


def ids_of(path: Path, doc_id: str) -> tuple[list[str], list[str]]:
    doc = load_document(path, doc_id, 20_000_000)
    a = analyse(doc, words)
    return [span_id(doc, p.start, p.end) for p in a.passages], [
        span_id(doc, s.start, s.end) for s in a.sentences
    ]


def test_same_document_twice_gives_the_same_ids(tmp_path):
    copy = tmp_path / NATO.name
    copy.write_bytes(NATO.read_bytes())
    first = ids_of(NATO, NATO.name)
    again = ids_of(NATO, NATO.name)
    from_copy = ids_of(copy, NATO.name)  # the id depends on doc id and content, not on where the file is
    assert first == again == from_copy
    passages, sentences = first
    assert len(set(passages)) == len(passages) and len(set(sentences)) == len(sentences)


def test_changed_text_changes_ids(tmp_path):
    p = tmp_path / NATO.name
    p.write_bytes(NATO.read_bytes())
    before_p, before_s = ids_of(p, NATO.name)
    # a change at the very end: spans keep their offsets, but their ids must still change
    p.write_bytes(NATO.read_bytes() + b"\nOne more sentence at the end.\n")
    after_p, after_s = ids_of(p, NATO.name)
    assert not set(before_p) & set(after_p)
    assert not set(before_s) & set(after_s)


def test_other_document_id_gives_other_ids():
    a, _ = ids_of(NATO, "one.txt")
    b, _ = ids_of(NATO, "two.txt")
    assert not set(a) & set(b)


def test_passages_respect_budget_and_sections():
    text = "Title Here\n\n" + " ".join(f"Sentence number {i} is short." for i in range(30))
    text += "\n\nSecond Part\n\n" + " ".join(f"Other sentence {i} here." for i in range(10))
    a = analyse(make_document(text), words, max_tokens=20)
    assert_spans_exact(a)
    sentence_by_start = {s.start: s for s in a.sentences}
    for p in a.passages:
        members = [sentence_by_start[x] for x in p.sentence_starts]
        assert {m.section_index for m in members} == {p.section_index}
        assert sum(words(m.text) for m in members) <= 20
    assert [p.position for p in a.passages] == list(range(len(a.passages)))
    # greedy packing: no two neighbouring passages of a section could have been one
    for p1, p2 in zip(a.passages, a.passages[1:], strict=False):
        if p1.section_index == p2.section_index:
            assert words(p1.text) + words(sentence_by_start[p2.sentence_starts[0]].text) > 20


def test_oversized_sentence_is_a_passage_of_its_own():
    big = " ".join(["word"] * 50) + "."
    text = f"Title Here\n\nShort one. {big} Short two."
    a = analyse(make_document(text), words, max_tokens=10)
    assert [len(p.sentence_starts) for p in a.passages] == [1, 1, 1]
    assert a.passages[1].text == big


def test_empty_input_gives_no_passages():
    assert build_passages("", [], words) == []


@pytest.mark.parametrize("max_tokens", [16, 64, 128, 256])
def test_default_corpus_passages_with_budget(max_tokens):
    doc = load_document(NATO, NATO.name, 20_000_000)
    a = analyse(doc, words, max_tokens)
    assert_spans_exact(a)
    assert sum(len(p.sentence_starts) for p in a.passages) == len(a.sentences)
    sections = {p.section for p in a.passages}
    assert sections == {s.label for s in a.sections}
