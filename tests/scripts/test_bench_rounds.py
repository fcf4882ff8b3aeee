"""The rounds benchmark counts what a user would: right quote first, near misses refused."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from bench_rounds import rounds, tally  # noqa: E402


def test_rounds_in_two_halves_are_one_round_in_number_order() -> None:
    named = rounds("all")
    assert [f.name for f in named["r8"]] == ["r8a", "r8b"]
    numbers = [int(n[1:]) for n in named]
    assert numbers == sorted(numbers)
    assert set(rounds("dev")) | set(rounds("held-out")) == set(named)
    assert not set(rounds("dev")) & set(rounds("held-out"))


def test_a_score_is_right_first_plus_near_misses_refused() -> None:
    rows = [
        {"kind": "factual", "hit1": True, "abstained": False},
        {"kind": "list", "hit1": False, "abstained": True},
        {"kind": "paraphrase", "hit1": False, "abstained": False},
        {"kind": "unanswerable", "abstained": True},
        {"kind": "unanswerable", "abstained": False},
    ]
    assert tally(rows) == {
        "answerable": 3,
        "right_first": 1,
        "answerable_refused": 1,
        "near_misses": 2,
        "near_misses_refused": 1,
        "score": 2,
    }
