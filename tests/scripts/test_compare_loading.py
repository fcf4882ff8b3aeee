"""The loader comparison names each document a loader change reads differently, and nothing else."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from compare_loading import differences, documents  # noqa: E402


def test_the_documents_compared_are_the_rounds_test_sets_and_corpus_not_their_notes() -> None:
    found = [str(p) for p in documents()]
    assert "corpus/nato-us-responses-2022.txt" in found
    assert any(p.startswith("scripts/data/rounds/held-out/") and "/docs/" in p for p in found)
    assert any(p.startswith("tests/data/everyday/") for p in found)
    assert not any(p.endswith(("questions.jsonl", "loader-notes.md", "README.md")) for p in found)


def test_a_difference_names_the_document_and_what_differs() -> None:
    old = {
        "a.txt": {"title": "A", "text": "one\ntwo", "sections": ["A"], "sentences": ["[A] one", "[A] two"]}
    }
    new = {"a.txt": {"title": "A", "text": "one\ntwo", "sections": ["A"], "sentences": ["[A] one\ntwo"]}}
    assert differences(old, old, 5) == []
    lines = differences(old, new, 5)
    assert lines[0] == "a.txt: sentences differ"
    assert "    sentences: -[A] one" in lines and "    sentences: +[A] one\\ntwo" in lines


def test_the_working_tree_reads_as_head_does_when_the_loader_is_unchanged() -> None:
    changed = subprocess.run(
        ["git", "-C", str(ROOT), "status", "--porcelain", "--", "index"], capture_output=True, text=True
    ).stdout
    if changed.strip():
        pytest.skip("a loader change in progress: what it reads differently is the script's point")
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "compare_loading.py")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.strip().endswith(": 0 read differently")
