"""The reader's tuning windows are what the read path reads, labelled by the gold quotes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from tune_reader import TUNE_ROUNDS, round_examples  # noqa: E402

NOTICE = """# Community garden

## Opening

The garden opens at 8 a.m. and closes at dusk every day.
Tools are kept in the blue shed by the gate.

## Membership

Adult members pay £25 a year.
Members may bring two guests at a time.
"""


def test_windows_of_a_round_are_labelled_by_its_gold_quotes(tmp_path: Path) -> None:
    folder = tmp_path / "round"
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "notice.md").write_text(NOTICE, encoding="utf-8")
    gold = "Adult members pay £25 a year."
    rows = [
        {"id": "a", "question": "How much is membership?", "gold_quotes": [gold], "source": "Membership"},
        {"id": "n", "question": "How much is a child's membership?", "gold_quotes": None, "source": None},
    ]
    (folder / "questions.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    got = round_examples(folder, tmp_path / "index")
    answered = [e for e in got if e.qid == "a" and e.answer is not None]
    assert answered, "the gold quote's window is an answer"
    for e in answered:
        a, b = e.answer
        assert e.window[a:b] == gold
    assert all(not e.window.count(gold) for e in got if e.qid == "a" and e.answer is None)
    near = [e for e in got if e.qid == "n"]
    assert near and all(e.answer is None and e.impossible for e in near)
    assert len({e.window for e in near}) == len(near)  # each window once


def test_the_tuning_rounds_are_committed_and_keep_the_fitting_round_apart() -> None:
    for folder in TUNE_ROUNDS:
        assert (folder / "questions.jsonl").is_file() and any((folder / "docs").iterdir())
    names = {f.name for f in TUNE_ROUNDS}
    assert "r13" not in names and not any("held-out" in str(f) for f in TUNE_ROUNDS)


def test_the_gold_quote_s_own_sentence_is_found_by_its_offsets() -> None:
    """A lone "`" or a heading is inside many gold quotes: the sentence where the quote starts in
    its document is the one, not the first sentence whose text the quote contains."""
    from types import SimpleNamespace

    from tune_reader import _own_sentence

    text = "Install\n\n`\n\nRun `shelf --version` to check it worked."
    spans = [(0, 7), (9, 10), (12, len(text))]
    sentences = [SimpleNamespace(doc_id="readme.md", start=a, end=b, text=text[a:b]) for a, b in spans]
    view = SimpleNamespace(sentences=sentences, text=lambda doc_id: text if doc_id == "readme.md" else None)
    gold = "Run `shelf --version` to check it worked."
    assert _own_sentence(view, "readme.md", gold) is sentences[2]  # type: ignore[arg-type]
    assert _own_sentence(view, None, gold) is sentences[2]  # type: ignore[arg-type]
    assert _own_sentence(view, "readme.md", "Not in it.") is None  # type: ignore[arg-type]
