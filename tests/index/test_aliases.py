"""The alias table beside a corpus (.quotebot/aliases.json): read at index time, kept in the manifest,
never indexed as a document; a broken one stops the run with the file named and nothing changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.aliases import ALIASES_FILE, freeze, read_aliases
from index.errors import UsageError


def _folder(root: Path, table: object | None) -> Path:
    root.mkdir()
    (root / "notes.md").write_text("# Plan\n\nThe council meets on Monday.\n", encoding="utf-8")
    if table is not None:
        (root / ALIASES_FILE).parent.mkdir()
        (root / ALIASES_FILE).write_text(json.dumps(table), encoding="utf-8")
    return root


def test_tables_of_several_folders_are_merged(tmp_path: Path) -> None:
    a = _folder(tmp_path / "a", {"NATO": ["NATO", "the Alliance"]})
    b = _folder(tmp_path / "b", {"NATO": ["Allies"], "UN": ["UN", "United Nations"]})
    c = _folder(tmp_path / "c", None)
    assert read_aliases([a, b, c]) == {
        "NATO": ["NATO", "the Alliance", "Allies"],
        "UN": ["UN", "United Nations"],
    }
    assert freeze(read_aliases([c])) == ()


@pytest.mark.parametrize("table", [["NATO"], {"NATO": "the Alliance"}, {"NATO": [1]}])
def test_a_table_of_the_wrong_shape_names_the_file(tmp_path: Path, table: object) -> None:
    folder = _folder(tmp_path / "docs", table)
    with pytest.raises(UsageError, match=r"aliases\.json must map names to lists of names"):
        read_aliases([folder])


def test_a_table_that_is_not_json_names_the_file(tmp_path: Path) -> None:
    folder = _folder(tmp_path / "docs", None)
    (folder / ALIASES_FILE).parent.mkdir()
    (folder / ALIASES_FILE).write_text("{not json", encoding="utf-8")
    with pytest.raises(UsageError, match=r"cannot read the alias table .*aliases\.json"):
        read_aliases([folder])


def test_the_table_reaches_the_manifest_and_is_not_a_document(
    tmp_path: Path, shared_embedder: object
) -> None:
    from index.manifest import IndexConfig
    from index.pipeline import run_index
    from index.store import StoreConfig

    folder = _folder(tmp_path / "docs", {"COUNCIL": ["council", "the board"]})
    config = IndexConfig(store=StoreConfig(index_dir=tmp_path / "index"))
    report = run_index(config, [folder], embedder=shared_embedder)  # type: ignore[arg-type]
    assert report.documents == 1 and not report.skipped  # hidden: neither indexed nor "skipped"
    assert report.manifest["aliases"] == {"COUNCIL": ["council", "the board"]}
    (folder / ALIASES_FILE).write_text("[]", encoding="utf-8")
    with pytest.raises(UsageError):
        run_index(config, [folder], embedder=shared_embedder)  # type: ignore[arg-type]
    from index.store import Store

    assert Store(config.store).read_manifest()["aliases"] == {"COUNCIL": ["council", "the board"]}  # type: ignore[index]
