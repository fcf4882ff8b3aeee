"""The ranker's trainer reads development data only: a held-out round is refused before anything
is loaded or fitted."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import train_ranker  # noqa: E402


def test_held_out_rounds_are_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    held_out = ROOT / "scripts" / "data" / "rounds" / "held-out" / "r19"
    monkeypatch.setattr(sys, "argv", ["train_ranker.py", "--abstention-only", "--rounds", str(held_out)])
    with pytest.raises(SystemExit) as exit_info:
        train_ranker.main()
    assert exit_info.value.code == 2
    assert "held-out rounds are for reporting only" in capsys.readouterr().err


def test_the_rounds_it_may_add_are_the_development_rounds() -> None:
    assert train_ranker.DEV_ROUNDS and all(p.parent.name == "dev" for p in train_ranker.DEV_ROUNDS)
    assert all((p / "questions.jsonl").is_file() for p in train_ranker.DEV_ROUNDS)
