"""The last run's stamp (index/stamp.py): a re-run over an unchanged corpus never opens Chroma, and
anything that may have changed sends the run down the full path, with the counts the full run gives.

Real model, real embedded Chroma. ``opened`` records every Store the pipeline makes: a run that
made none took the stamp. Files written by a test are seconds old, so the "racily clean" margin is
off here (``RACY_NS = 0``) except in the test about it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from writepath_helpers import NATO, REPO

from index import pipeline, stamp
from index.aliases import ALIASES_FILE
from index.errors import IndexMismatchError
from index.manifest import IndexConfig
from index.pipeline import IndexReport, indexed_sources, run_index
from index.store import Store, StoreConfig

NOTES = "# Field Notes\n\nThe survey team reached the ridge on Tuesday. The readings were logged at six.\n"
MEMO = "Budget Memo\n\nThe committee approved the spring budget. Travel costs were cut by a tenth.\n"
CAFE = "Caf\u00e9 Notes\n\nThe caf\u00e9 opened at nine. It served coffee all day long.\n"
REPORT_FIELDS = (
    "documents",
    "sections",
    "sentences",
    "passages",
    "added",
    "updated",
    "unchanged",
    "removed",
    "embedded_spans",
    "skipped",
    "notes",
    "rebuilt",
)


@pytest.fixture(autouse=True)
def no_racy_margin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stamp, "RACY_NS", 0)


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Index folders the pipeline opened Chroma in during the test."""
    calls: list[Path] = []

    class Spy(Store):
        def __init__(self, config: StoreConfig, *args: Any, **kwargs: Any) -> None:
            calls.append(config.index_dir)
            super().__init__(config, *args, **kwargs)

    monkeypatch.setattr(pipeline, "Store", Spy)
    return calls


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """Two documents, one with a note (Windows-1252), one empty (skipped), one unsupported."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "notes.md").write_text(NOTES, encoding="utf-8")
    (folder / "memo.txt").write_text(MEMO, encoding="utf-8")
    (folder / "cafe.txt").write_bytes(CAFE.encode("cp1252"))
    (folder / "empty.md").write_bytes(b"")
    (folder / "slides.pptx").write_bytes(b"PK\x03\x04 not really")
    return folder


def config(tmp_path: Path, **kw: Any) -> IndexConfig:
    return IndexConfig(store=StoreConfig(index_dir=tmp_path / "index"), **kw)


def run(
    cfg: IndexConfig, folder: Path, embedder: Any, opened: list[Path], **kw: Any
) -> tuple[IndexReport, bool]:
    """Index ``folder``; also says whether the run opened Chroma (False: it took the stamp)."""
    before = len(opened)
    report = run_index(cfg, [folder], embedder=embedder, **kw)
    return report, len(opened) > before


def summary(report: IndexReport) -> dict[str, Any]:
    return {k: getattr(report, k) for k in REPORT_FIELDS}


def counts(report: IndexReport) -> tuple[int, int, int, int]:
    return report.added, report.updated, report.unchanged, report.removed


def test_an_unchanged_rerun_takes_the_stamp_and_reports_what_the_full_run_does(
    tmp_path: Path, docs: Path, embedder: Any, opened: list[Path]
) -> None:
    cfg = config(tmp_path)
    first, _ = run(cfg, docs, embedder, opened)
    assert counts(first) == (3, 0, 0, 0) and stamp.stamp_path(cfg.store.index_dir).is_file()
    fast, was_opened = run(cfg, docs, embedder, opened)
    assert not was_opened
    stamp.stamp_path(cfg.store.index_dir).unlink()
    full, was_opened = run(cfg, docs, embedder, opened)
    assert was_opened
    assert summary(fast) == summary(full)
    assert counts(fast) == (0, 0, 3, 0) and fast.embedded_spans == 0
    assert [Path(s.path).name for s in fast.skipped] == ["slides.pptx", "empty.md"]
    assert [(Path(n.path).name, n.reason) for n in fast.notes] == [
        ("cafe.txt", "not UTF-8; decoded as Windows-1252")
    ]
    assert {k: v for k, v in fast.manifest.items() if k != "updated_at"} == {
        k: v for k, v in full.manifest.items() if k != "updated_at"
    }


def test_an_unchanged_rerun_never_imports_chromadb(tmp_path: Path, docs: Path, embedder: Any) -> None:
    """As `quotebot index` with no PATH runs it: sources from the stamp, then the run, in a fresh
    process; neither chromadb nor onnxruntime is imported. (No skipped file here: one written
    seconds ago cannot be vouched for by the stamp, see the racy test below.)"""
    (docs / "empty.md").unlink()
    cfg = config(tmp_path)
    first = run_index(cfg, [docs], embedder=embedder)
    code = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from index.manifest import IndexConfig\n"
        "from index.pipeline import indexed_sources, run_index\n"
        "from index.store import StoreConfig\n"
        f"cfg = IndexConfig(store=StoreConfig(index_dir=Path({str(cfg.store.index_dir)!r})))\n"
        "sources = indexed_sources(cfg, Path('/nonexistent'))\n"
        "r = run_index(cfg, sources)\n"
        "print(json.dumps({'sources': [str(s) for s in sources], 'documents': r.documents,\n"
        "    'counts': [r.added, r.updated, r.unchanged, r.removed],\n"
        "    'loaded': [m for m in ('chromadb', 'onnxruntime') if m in sys.modules]}))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got == {
        "sources": [str(docs.resolve())],
        "documents": first.documents,
        "counts": [0, 0, 3, 0],
        "loaded": [],
    }


def test_the_cli_prints_the_same_report_either_way(clean_env: Path, docs: Path, opened: list[Path]) -> None:
    from typer.testing import CliRunner

    from bot.cli import app

    def index() -> str:
        result = CliRunner().invoke(app, ["--index-dir", str(clean_env / "idx"), "index", str(docs)])
        assert result.exit_code == 0, result.output
        return "\n".join(line for line in result.output.splitlines() if "│ time" not in line)

    index()
    before = len(opened)
    fast = index()
    assert len(opened) == before  # the stamp answered
    (clean_env / "idx" / stamp.STAMP_FILE).unlink()
    full = index()
    assert len(opened) == before + 1
    assert fast == full
    assert "0 / 0 / 3 / 0" in fast and "empty file" in fast and "decoded as Windows-1252" in fast


def test_a_touched_file_is_hashed_and_the_stamp_refreshed(
    tmp_path: Path, docs: Path, embedder: Any, opened: list[Path]
) -> None:
    cfg = config(tmp_path)
    run(cfg, docs, embedder, opened)
    memo = docs / "memo.txt"
    st = memo.stat()
    os.utime(memo, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    report, was_opened = run(cfg, docs, embedder, opened)
    assert not was_opened and counts(report) == (0, 0, 3, 0)
    recorded = stamp.read(cfg.store.index_dir)
    assert recorded is not None
    [entry] = [e for e in recorded.entries if e.doc_id == "memo.txt"]
    assert entry.mtime_ns == st.st_mtime_ns + 5_000_000_000


def test_a_file_too_recent_to_trust_by_its_stat_is_hashed(
    tmp_path: Path, docs: Path, embedder: Any, opened: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Within the racy margin a file that loads is hashed (still no Chroma); a skipped one, which has
    no hash to compare, sends the run down the full path."""
    cfg = config(tmp_path)
    run(cfg, docs, embedder, opened)
    monkeypatch.setattr(stamp, "RACY_NS", 10**18)  # every file is "just written"
    hashed: list[str] = []
    real_load = stamp.load_document
    monkeypatch.setattr(stamp, "load_document", lambda p, *a: hashed.append(p.name) or real_load(p, *a))
    report, was_opened = run(cfg, docs, embedder, opened)
    assert was_opened and counts(report) == (0, 0, 3, 0)  # empty.md cannot be vouched for
    (docs / "empty.md").unlink()
    run(cfg, docs, embedder, opened)
    hashed.clear()
    report, was_opened = run(cfg, docs, embedder, opened)
    assert not was_opened and counts(report) == (0, 0, 3, 0)
    assert sorted(hashed) == ["cafe.txt", "memo.txt", "notes.md"]


def _edit(docs: Path, cfg: IndexConfig) -> None:
    (docs / "notes.md").write_text(NOTES + "\nA closing line was added later.\n", encoding="utf-8")


def _add(docs: Path, cfg: IndexConfig) -> None:
    (docs / "new.txt").write_text("Late Note\n\nThe convoy left at dawn with fuel for nine days.\n")


def _remove(docs: Path, cfg: IndexConfig) -> None:
    (docs / "memo.txt").unlink()


def _aliases(docs: Path, cfg: IndexConfig) -> None:
    (docs / ALIASES_FILE).parent.mkdir()
    (docs / ALIASES_FILE).write_text(json.dumps({"TEAM": ["survey team", "the team"]}), encoding="utf-8")


def _drop_chroma(docs: Path, cfg: IndexConfig) -> None:
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient.clear_system_cache()  # this process's Chroma must not keep the old files
    shutil.rmtree(cfg.store.index_dir / "chroma")


def _other_writer(docs: Path, cfg: IndexConfig) -> None:
    store = Store(cfg.store)
    manifest = store.read_manifest()
    assert manifest is not None
    store.write_manifest({**manifest, "documents": 99})  # as another run (or tool) would write


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (_edit, (0, 1, 2, 0)),
        (_add, (1, 0, 3, 0)),
        (_remove, (0, 0, 2, 1)),
        (_aliases, (0, 0, 3, 0)),
        (_drop_chroma, (3, 0, 0, 0)),
        (_other_writer, (0, 0, 3, 0)),
    ],
)
def test_a_change_takes_the_full_path_with_the_right_counts(
    tmp_path: Path, docs: Path, embedder: Any, opened: list[Path], change: Any, expected: tuple[int, ...]
) -> None:
    cfg = config(tmp_path)
    run(cfg, docs, embedder, opened)
    change(docs, cfg)
    report, was_opened = run(cfg, docs, embedder, opened)
    assert was_opened and counts(report) == expected
    assert report.documents == sum(expected[:3]) and report.manifest["documents"] == report.documents
    assert report.manifest["aliases"] == ({"TEAM": ["survey team", "the team"]} if change is _aliases else {})
    again, was_opened = run(cfg, docs, embedder, opened)  # and the new stamp holds
    assert not was_opened and again.unchanged == report.documents


def test_other_settings_are_checked_as_before(
    tmp_path: Path, docs: Path, embedder: Any, opened: list[Path]
) -> None:
    cfg = config(tmp_path)
    run(cfg, docs, embedder, opened)
    report, was_opened = run(replace(cfg, max_file_bytes=10), docs, embedder, opened)
    assert was_opened and report.documents == 3  # too large now: skipped, previous versions kept
    assert sum("too large" in s.reason for s in report.skipped) == 3
    assert run(cfg, docs, embedder, opened)[1] and not run(cfg, docs, embedder, opened)[1]
    with pytest.raises(IndexMismatchError, match="--rebuild"):  # a stamp never hides a mismatch
        run(replace(cfg, max_tokens=64), docs, embedder, opened)


def test_rebuild_never_takes_the_stamp(tmp_path: Path, docs: Path, embedder: Any, opened: list[Path]) -> None:
    cfg = config(tmp_path)
    first, _ = run(cfg, docs, embedder, opened)
    report, was_opened = run(cfg, docs, embedder, opened, rebuild=True)
    assert was_opened and report.rebuilt and counts(report) == (3, 0, 0, 0)
    assert report.manifest["generation"] == first.manifest["generation"] + 1


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"\xff\xfe\x00",
        b"",
        json.dumps({"format": stamp.STAMP_FORMAT, "entries": "all of them"}).encode(),
        json.dumps({"format": stamp.STAMP_FORMAT + 1}).encode(),
        b"[1, 2, 3]",
    ],
)
def test_a_damaged_stamp_is_ignored(
    tmp_path: Path, docs: Path, embedder: Any, opened: list[Path], content: bytes
) -> None:
    cfg = config(tmp_path)
    run(cfg, docs, embedder, opened)
    stamp.stamp_path(cfg.store.index_dir).write_bytes(content)
    report, was_opened = run(cfg, docs, embedder, opened)
    assert was_opened and counts(report) == (0, 0, 3, 0)
    assert not run(cfg, docs, embedder, opened)[1]  # stamped again


def test_a_stamp_with_wrong_types_is_ignored(
    tmp_path: Path, docs: Path, embedder: Any, opened: list[Path]
) -> None:
    cfg = config(tmp_path)
    run(cfg, docs, embedder, opened)
    path = stamp.stamp_path(cfg.store.index_dir)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["entries"][0]["size"] = "big"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert stamp.read(cfg.store.index_dir) is None
    report, was_opened = run(cfg, docs, embedder, opened)
    assert was_opened and counts(report) == (0, 0, 3, 0)


def test_indexed_sources_come_from_the_stamp_while_it_holds(
    tmp_path: Path, docs: Path, embedder: Any, opened: list[Path]
) -> None:
    cfg = config(tmp_path)
    run(cfg, docs, embedder, opened)
    before = len(opened)
    assert indexed_sources(cfg, NATO) == [docs.resolve()]
    assert len(opened) == before
    _other_writer(docs, cfg)
    assert indexed_sources(cfg, NATO) == [docs.resolve()]
    assert len(opened) == before + 1  # the stamp no longer holds: read from Chroma


def test_the_database_signature_sees_a_write_that_keeps_size_and_mtime(tmp_path: Path) -> None:
    """Two writes can share one coarse mtime: SQLite's change counter tells them apart. A journal
    beside the file (a write under way) or WAL mode (writes left outside the file) is no signature."""
    import sqlite3

    db = tmp_path / "chroma" / "chroma.sqlite3"
    db.parent.mkdir()
    with sqlite3.connect(db) as con:
        con.execute("create table t (v integer)")
        con.execute("insert into t values (1)")
    con.close()
    before = stamp.database_signature(tmp_path)
    st = db.stat()
    with sqlite3.connect(db) as con:
        con.execute("update t set v = 2")
    con.close()
    os.utime(db, ns=(st.st_atime_ns, st.st_mtime_ns))
    after = stamp.database_signature(tmp_path)
    assert before is not None and after is not None
    assert after[:2] == before[:2] and after[2] != before[2]

    journal = db.with_name(db.name + "-journal")
    journal.write_bytes(b"")
    assert stamp.database_signature(tmp_path) is None
    journal.unlink()
    con = sqlite3.connect(db)
    con.execute("pragma journal_mode=wal")
    con.close()
    assert stamp.database_signature(tmp_path) is None
    shutil.rmtree(db.parent)
    assert stamp.database_signature(tmp_path) is None
