"""The hand-written everyday question sets hold what tests/data/README.md promises: every gold quote
occurs once, verbatim, in the text the bot stores for its document, in no other document of the
corpus, and inside the section its ``source`` names; splits follow whole documents. A gold quote
that drifts from its document would silently turn a right answer into a miss."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from index.analysis import analyse
from index.loaders import load_document

DATA = Path(__file__).resolve().parent / "data"
SETS = [("eval_everyday.jsonl", "everyday"), ("eval_everyday_dev.jsonl", "everyday-dev")]


def _sections(path: Path) -> tuple[str, list[tuple[str, int, int]]]:
    """The stored text and its labelled sections, as the write path makes them."""
    analysis = analyse(load_document(path, path.name, max_bytes=10_000_000), lambda t: len(t.split()))
    return analysis.document.text, [(s.label, s.start, s.end) for s in analysis.sections]


@pytest.mark.parametrize(("questions", "corpus"), SETS)
def test_gold_quotes_are_verbatim_once_and_in_their_section(questions: str, corpus: str) -> None:
    docs = {p.name: _sections(p) for p in sorted((DATA / corpus).iterdir())}
    rows = [json.loads(line) for line in (DATA / questions).read_text(encoding="utf-8").splitlines()]
    assert len({r["id"] for r in rows}) == len(rows)
    splits: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        if r["doc"] is None:
            assert r["gold_quotes"] is None and r["source"] is None, r["id"]
            continue
        text, sections = docs[r["doc"]]
        splits[r["doc"]].add(r["split"])
        # the expected section, or a part under it (an FAQ's question: "Joining and paying › How do I
        # sign up?"), as the evaluation counts a source (``metrics.source_ok``)
        spans = [
            (start, end)
            for label, start, end in sections
            if label == r["source"] or label.startswith(f"{r['source']} › ")
        ]
        assert spans, f"{r['id']}: {r['source']!r} is not a section of {r['doc']}"
        for quote in r["gold_quotes"] or []:
            assert text.count(quote) == 1, f"{r['id']}: {quote!r} is not once in {r['doc']}"
            at = text.index(quote)
            assert any(start <= at and at + len(quote) <= end for start, end in spans), r["id"]
            others = [d for d, (t, _) in docs.items() if d != r["doc"] and quote in t]
            assert not others, f"{r['id']}: {quote!r} is also in {others}"
    assert all(len(s) == 1 for s in splits.values()), "a document's questions span two splits"


ROUNDS = sorted((Path(__file__).resolve().parent.parent / "scripts" / "data" / "rounds").glob("*/*"))


@pytest.mark.parametrize("round_dir", ROUNDS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_round_s_gold_quotes_are_in_the_text_the_bot_reads(round_dir: Path) -> None:
    """The rounds of everyday documents (scripts/data/rounds) were written against the text the loader
    gave then: a loader change that moves a gold quote (a PDF's list read over a page break, a line
    joined) would score a right answer as a miss. Each gold quote is still there, once."""
    texts = {
        p.name: load_document(p, p.name, max_bytes=10_000_000).text for p in (round_dir / "docs").iterdir()
    }
    rows = [
        json.loads(line) for line in (round_dir / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert rows and len({r["id"] for r in rows}) == len(rows)
    for r in rows:
        for quote in r["gold_quotes"] or []:
            assert texts[r["doc"]].count(quote) == 1, f"{r['id']}: {quote!r} is not once in {r['doc']}"
