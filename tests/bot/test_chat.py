"""The chat as a user meets it on their own documents (a bakery handbook, not news): follow-ups that
say what they searched, /sources one per line, /clear that says what it keeps, genre-neutral labels."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bot.cli import app

runner = CliRunner()

HANDBOOK = """# Riverside Bakery handbook, 2024 edition

This handbook is for everyone who works at Riverside Bakery.

## Shifts

The early shift starts at 4:30 a.m. and ends at 12:30 p.m. The late shift starts at noon.
Staff swap shifts through the rota board in the back office.

## Hygiene

Hair must be tied back in the kitchen. The manager says: "Wash your hands every time you come back in."
"""


@pytest.fixture(scope="module")
def handbook_index(tmp_path_factory: pytest.TempPathFactory, shared_embedder: Any) -> Path:
    from index.manifest import IndexConfig
    from index.pipeline import run_index
    from index.store import StoreConfig

    root = tmp_path_factory.mktemp("handbook")
    docs = root / "docs"
    docs.mkdir()
    (docs / "handbook.md").write_text(HANDBOOK, encoding="utf-8")
    config = IndexConfig(store=StoreConfig(index_dir=root / "index"))
    run_index(config, [docs], embedder=shared_embedder)
    return root / "index"


def _chat(index: Path, *lines: str) -> str:
    result = runner.invoke(app, ["--index-dir", str(index), "chat"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    return result.output


def test_sources_are_listed_one_per_line(handbook_index: Path, clean_env: Path) -> None:
    out = _chat(handbook_index, "/sources")
    # The title holds a comma: listed on its own line, it cannot read as two sources.
    assert "  • Riverside Bakery handbook, 2024 edition\n" in out
    assert "  • Shifts\n" in out and "  • Hygiene\n" in out


def test_a_folder_s_sources_are_listed_under_their_documents_in_reading_order(
    index_files: Any, clean_env: Path
) -> None:
    """Two documents: each source under its file, in the order the document reads ("2. RENT"
    after "1. THE PARTIES", not sorted in among another file's headings)."""
    tenancy = (
        "TENANCY AGREEMENT\n\n1. THE PARTIES\n1.1 The Landlord is Ann Lee.\n\n2. RENT\n2.1 Rent is £900.\n"
    )
    config = index_files("folder", {"handbook.md": HANDBOOK, "tenancy.txt": tenancy})
    out = _chat(config.store.index_dir, "/sources")
    listed = [line.strip() for line in out.splitlines() if line.startswith("  ")]
    assert listed[listed.index("handbook.md") + 1 :][:3] == [
        "• Riverside Bakery handbook, 2024 edition",
        "• Shifts",
        "• Hygiene",
    ]
    tail = listed[listed.index("tenancy.txt") + 1 :]
    assert tail[:2] == ["• 1. THE PARTIES", "• 2. RENT"]


def test_a_topic_change_is_searched_as_asked(handbook_index: Path, clean_env: Path) -> None:
    out = _chat(handbook_index, "When does the early shift start?", "Hygiene rules")
    assert "4:30 a.m." in out
    assert "searched:" not in out


def test_a_follow_up_shows_what_was_searched(handbook_index: Path, clean_env: Path) -> None:
    out = _chat(handbook_index, "When does the early shift start?", "and when does it end?")
    assert "↳ searched: and when does it end? When does the early shift start?" in " ".join(out.split())


def test_clear_says_the_source_pin_is_kept(handbook_index: Path, clean_env: Path) -> None:
    out = _chat(handbook_index, "/source Shifts", "/clear", "/source off", "/clear")
    assert "conversation cleared; still answering only from 'Shifts' (/source off" in out
    assert out.count("conversation cleared") == 2
    assert out.rstrip().splitlines()[-2].strip() == "conversation cleared"  # no pin left to mention


def test_labels_fit_any_genre(handbook_index: Path, clean_env: Path) -> None:
    out = _chat(
        handbook_index, "What does the manager say about washing hands?", "When does the late shift start?"
    )
    assert "reporter" not in out and "narrative" not in out and "response's own words" not in out
    assert "in quotation marks" in out  # the manager's words are quoted in the handbook itself


def test_help_gives_examples_from_the_index_s_own_sources(handbook_index: Path, clean_env: Path) -> None:
    """A user who indexed a bakery handbook is shown its sources as examples, not the news report's."""
    out = " ".join(_chat(handbook_index, "/help").split())
    assert "/source NAME answer only from this source (e.g. 'Shifts', 'Hygiene')" in out
    assert "NATO" not in out


def test_quit_or_exit_typed_alone_leaves_the_chat(handbook_index: Path, clean_env: Path) -> None:
    """A newcomer types "quit" as in most terminal programs: it was asked as a question ("The
    documents don't say"), and the question after it was still answered."""
    for word in ("quit", "Exit", "bye."):
        out = _chat(handbook_index, word, "When does the early shift start?")
        assert "bye" in out and "4:30 a.m." not in out and "don't say" not in out, word
