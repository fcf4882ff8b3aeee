"""The readers' copy of the span records (index.span_cache): the same view as Chroma's, never stale.

Real Chroma and the real model: an index is built, then read with and without its copies.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from bot.index_view import IndexView
from index.manifest import IndexConfig
from index.pipeline import run_index
from index.span_cache import SPAN_CACHE_DIR, DocSpans, SpanCache
from index.store import Store, StoreConfig

REPORT = Path(__file__).resolve().parents[2] / "corpus" / "nato-us-responses-2022.txt"
POOL = (
    "Opening hours\n\nThe pool opens at 6:30 a.m. on weekdays.\n\nSafety\n\n"
    "Children under eight must be with an adult. Diving is not allowed in the shallow end.\n"
)


def _index(tmp_path: Path, embedder: Any) -> tuple[IndexConfig, Path]:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    shutil.copy(REPORT, docs / "report.txt")
    (docs / "pool.md").write_text(POOL, encoding="utf-8")
    config = IndexConfig(store=StoreConfig(index_dir=tmp_path / "index"))
    run_index(config, [docs], embedder=embedder)
    return config, docs


def _view(config: IndexConfig, embedder: Any) -> IndexView:
    return IndexView(Store(config.store, create=False), embedder, config)


def _shape(view: IndexView) -> tuple[Any, ...]:
    """Everything the read path takes from the span records."""
    return (
        view.sentences,
        view.passages,
        [v.tobytes() for v in view.token_vectors],
        [v.shape for v in view.token_vectors],
    )


def _copies(config: IndexConfig) -> list[Path]:
    return sorted((config.store.index_dir / SPAN_CACHE_DIR).glob("*.npz"))


def _cache(config: IndexConfig) -> tuple[SpanCache, dict[str, Any]]:
    store = Store(config.store, create=False)
    manifest = store.read_manifest()
    assert manifest is not None
    cache = SpanCache.for_store(store, manifest)
    assert cache is not None
    return cache, store.documents(int(manifest["generation"]))


def test_the_first_reader_writes_the_copy_and_it_reads_as_chroma_does(tmp_path: Path, embedder: Any) -> None:
    config, _ = _index(tmp_path, embedder)
    assert _copies(config) == []  # the indexer never reads every record back (its memory stays bounded)
    from_chroma = _view(config, embedder)  # reads Chroma, then writes the copy
    assert len(_copies(config)) == 1
    assert _copies(config)[0].stat().st_mode & 0o044 == 0o044  # readable by a bot run as another user
    from_copy = _view(config, embedder)
    assert _shape(from_copy) == _shape(from_chroma)
    assert {s.doc_id for s in from_chroma.sentences} == {"report.txt", "pool.md"}
    assert len(from_chroma.sentences) > 20 and any(len(v) for v in from_chroma.token_vectors)
    # Every span's text is the slice of its document's text that it names.
    for span in from_copy.sentences + from_copy.passages:
        assert (from_copy.text(span.doc_id) or "")[span.start : span.end] == span.text


def test_a_changed_document_is_read_in_its_new_version_and_the_old_copy_is_removed(
    tmp_path: Path, embedder: Any
) -> None:
    config, docs = _index(tmp_path, embedder)
    _view(config, embedder)
    before = _copies(config)
    (docs / "pool.md").write_text(POOL.replace("6:30 a.m.", "7:15 a.m."), encoding="utf-8")
    run_index(config, [docs], embedder=embedder)
    assert _copies(config) == []  # the copy of the old state deleted by the indexer

    view = _view(config, embedder)
    opening = [s.text for s in view.sentences if s.doc_id == "pool.md" and "opens" in s.text]
    assert opening == ["The pool opens at 7:15 a.m. on weekdays."]
    after = _copies(config)
    assert len(after) == 1 and after != before
    assert _shape(_view(config, embedder)) == _shape(view)  # read back from the new copy

    (docs / "pool.md").unlink()
    run_index(config, [docs], embedder=embedder)
    assert _copies(config) == []
    assert {s.doc_id for s in _view(config, embedder).sentences} == {"report.txt"}


def test_a_damaged_or_misplaced_copy_is_ignored_and_read_from_chroma(
    tmp_path: Path, embedder: Any, caplog: pytest.LogCaptureFixture
) -> None:
    config, docs = _index(tmp_path, embedder)
    _view(config, embedder)
    old = tmp_path / "old.npz"
    shutil.copy(_copies(config)[0], old)
    (docs / "pool.md").write_text(POOL.replace("6:30 a.m.", "7:15 a.m."), encoding="utf-8")
    run_index(config, [docs], embedder=embedder)
    expected = _shape(_view(config, embedder))
    cache, records = _cache(config)
    current = cache.path(records)

    # The copy of the old versions put where the current one belongs: its head names other versions.
    shutil.copy(old, current)
    view = _view(config, embedder)
    assert _shape(view) == expected
    assert "The pool opens at 7:15 a.m. on weekdays." in [s.text for s in view.sentences]
    # Garbage where the copy should be: a warning, and the records come from Chroma.
    current.write_bytes(b"not a numpy archive")
    with caplog.at_level(logging.WARNING, logger="index.span_cache"):
        assert _shape(_view(config, embedder)) == expected
    assert "damaged span copy" in caplog.text
    # Either way the reader wrote a good copy back.
    assert cache.load(records) is not None


def test_a_read_during_which_a_document_changed_is_not_copied(tmp_path: Path, embedder: Any) -> None:
    """An indexer may switch a document while a reader scans Chroma: those records may be half
    deleted, so the reader answers (it reads again) but never copies them."""
    config, _ = _index(tmp_path, embedder)
    store = Store(config.store, create=False)
    real = store.documents

    def switched(generation: int) -> dict[str, dict[str, Any]]:
        docs = real(generation)
        docs["pool.md"] = {**docs["pool.md"], "sha256": "f" * 64}  # as if re-indexed meanwhile
        return docs

    store.documents = switched  # type: ignore[method-assign]
    view = IndexView(store, embedder, config)
    assert {s.doc_id for s in view.sentences} == {"report.txt", "pool.md"}
    assert _copies(config) == []


def test_a_copy_is_named_by_every_document_version_and_the_settings(tmp_path: Path, embedder: Any) -> None:
    config, _ = _index(tmp_path, embedder)
    cache, records = _cache(config)
    manifest = Store(config.store, create=False).read_manifest()
    assert manifest is not None
    other = SpanCache(cache.folder, {**manifest, "chunker": {**manifest["chunker"], "max_tokens": 64}})
    edited = {**records, "pool.md": {**records["pool.md"], "sha256": "0" * 64}}
    fewer = {"report.txt": records["report.txt"]}
    names = {cache.path(records), other.path(records), cache.path(edited), cache.path(fewer)}
    assert len(names) == 4


def test_an_unwritable_copy_folder_only_costs_speed(tmp_path: Path, embedder: Any) -> None:
    config, _ = _index(tmp_path, embedder)
    expected = _shape(_view(config, embedder))
    folder = config.store.index_dir / SPAN_CACHE_DIR
    shutil.rmtree(folder)
    folder.write_text("a file where the folder should be", encoding="utf-8")
    assert _shape(_view(config, embedder)) == expected


def test_records_the_layout_cannot_hold_cost_only_the_copy(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cache = SpanCache(tmp_path / "copy", {"dimension": 384, "chunker": {"max_tokens": 128}})
    docs = {"a.md": {"sha256": "1" * 64}}
    # An older record without the optional fields reads back with the values the view assumes.
    old = {"section": "Intro", "section_index": 0, "start": 0, "end": 5, "position": 0}
    sentence = {**old, "vectors": np.zeros((2, cache.width), np.int8)}
    cache.save(docs, {"a.md": DocSpans([("s1", sentence)], [("p1", dict(old))])})
    got = cache.load(docs)
    assert got is not None
    (rid, meta), (pid, pmeta) = got["a.md"].sentences[0], got["a.md"].passages[0]
    assert (rid, meta["passage"], meta["quotation"], meta["vectors"].shape) == (
        "s1",
        -1,
        False,
        (2, cache.width),
    )
    assert (pid, pmeta["n_sentences"], pmeta["end"]) == ("p1", 0, 5)
    # A sentence without its vectors cannot be copied: a warning, nothing raised, no file.
    broken = {"b.md": {"sha256": "2" * 64}}
    with caplog.at_level(logging.WARNING, logger="index.span_cache"):
        cache.save(broken, {"b.md": DocSpans([("s2", dict(old))], [])})
    assert "could not write the span copy" in caplog.text
    assert not cache.path(broken).exists()


def test_a_chroma_server_index_has_no_copy(tmp_path: Path) -> None:
    class _ServerStore:
        config = StoreConfig(index_dir=tmp_path, host="localhost")

    assert SpanCache.for_store(_ServerStore(), {"dimension": 384}) is None  # type: ignore[arg-type]


def test_token_vectors_survive_the_round_trip_exactly(tmp_path: Path, embedder: Any) -> None:
    config, _ = _index(tmp_path, embedder)
    from_chroma = _view(config, embedder)
    assert len(_copies(config)) == 1
    from_copy = _view(config, embedder)
    for a, b in zip(from_chroma.token_vectors, from_copy.token_vectors, strict=True):
        assert a.dtype == b.dtype == np.int8
        assert np.array_equal(a, b)
