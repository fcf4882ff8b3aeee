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


def test_folders_not_named_like_a_round_are_passed_over(tmp_path: Path) -> None:
    for name in ("r3", "r12a", "r12b", "r12-extra", "notes", "r4"):
        (tmp_path / "dev" / name).mkdir(parents=True)
        if name != "r4":  # a round without questions yet
            (tmp_path / "dev" / name / "questions.jsonl").write_text("{}\n", encoding="utf-8")
    named = rounds("dev", tmp_path)
    assert list(named) == ["r3", "r12"]
    assert [f.name for f in named["r12"]] == ["r12a", "r12b"]


def _row(gold: list[str] | None, hit1: bool = False, abstained: bool = False) -> dict:
    return {"expected": {"gold_quotes": gold}, "hit1": hit1, "abstained": abstained}


def test_a_score_is_right_first_plus_near_misses_refused() -> None:
    rows = [
        _row(["a"], hit1=True),
        _row(["b"], abstained=True),
        _row(["c"]),
        _row(None, abstained=True),
        _row(None),
    ]
    assert tally(rows) == {
        "answerable": 3,
        "right_first": 1,
        "answerable_refused": 1,
        "near_misses": 2,
        "near_misses_refused": 1,
        "score": 2,
    }
