"""The hand-written test set itself: every gold quote is exact, every label exists, splits are kept."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[3]
ROWS = [
    json.loads(line)
    for line in (REPO / "tests" / "data" / "eval_default.jsonl").read_text("utf-8").splitlines()
]
TEXT = (REPO / "corpus" / "nato-us-responses-2022.txt").read_text(encoding="utf-8")


def test_at_least_80_questions_with_unique_ids() -> None:
    assert len(ROWS) >= 80
    assert len({r["id"] for r in ROWS}) == len(ROWS)


def test_every_gold_quote_is_an_exact_substring() -> None:
    for r in ROWS:
        for quote in r["gold_quotes"] or []:
            assert quote in TEXT, (r["id"], quote)


def test_every_label_exists_in_the_index(default_service: Any) -> None:
    labels = set(default_service.sections)
    for r in ROWS:
        sources = r["source"] if isinstance(r["source"], list) else [r["source"]]
        for s in sources:
            assert s is None or s in labels, (r["id"], s)


def test_kinds_and_splits() -> None:
    kinds = Counter(r["kind"] for r in ROWS)
    assert kinds["unanswerable"] >= 15
    assert {"factual", "paraphrase", "multi", "both", "cross_source"} <= set(kinds)
    for kind in kinds:
        splits = Counter(r["split"] for r in ROWS if r["kind"] == kind)
        assert splits["dev"] > 0 and splits["test"] > 0, kind
    assert all((r["gold_quotes"] is None) == (r["kind"] == "unanswerable") for r in ROWS)


def test_xquad_slice_is_intact() -> None:
    """The XQuAD slice the CI gate evaluates: 12 whole articles, every answer at its offset (a
    corrupted copy would quietly move the gate), none shared with the reader's training data."""
    data = json.loads((REPO / "tests" / "data" / "xquad_en_gate12.json").read_text(encoding="utf-8"))
    articles = data["data"]
    assert len(articles) == 12
    trained = json.loads((REPO / "bot" / "data" / "reader" / "reader.json").read_text(encoding="utf-8"))
    squad2 = set(trained["data"]["trained_articles"]) | set(trained["data"]["held_out_articles"])
    assert not squad2 & {a["title"] for a in articles}
    questions = 0
    for article in articles:
        assert len(article["paragraphs"]) == 5
        for para in article["paragraphs"]:
            for qa in para["qas"]:
                questions += 1
                for ans in qa["answers"]:
                    start = ans["answer_start"]
                    assert para["context"][start : start + len(ans["text"])] == ans["text"]
    assert questions == 329
    assert (REPO / "tests" / "data" / "xquad-CC-BY-SA4.0.txt").exists()


def test_a_squad_corpus_folder_keeps_only_the_current_files_paragraphs(tmp_path: Path) -> None:
    """Evaluating another SQuAD file into the same index folder must not index the old paragraphs
    too (the same paragraph under two article numbers would take the top quote from the wrong one)."""
    from bot.evaluation.dataset import load_squad

    def squad(titles: list[str]) -> Path:
        data = {
            "data": [{"title": t, "paragraphs": [{"context": f"{t} is a place.", "qas": []}]} for t in titles]
        }
        path = tmp_path / f"{'-'.join(titles)}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        return path

    corpus = tmp_path / "corpus"
    load_squad(squad(["Warsaw", "Oxygen"]), corpus)
    load_squad(squad(["Oxygen"]), corpus)
    files = sorted(p.name for p in corpus.glob("*.txt"))
    assert files == ["000-00-Oxygen.txt"]
