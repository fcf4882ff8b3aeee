"""The indexing run end to end, with the real MiniLM model and a real embedded Chroma."""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from writepath_helpers import CORPUS_DIR, NATO, NATO_TITLE, verify_store

from index.errors import IndexBusyError, IndexMismatchError, QuotebotError, UsageError
from index.manifest import IndexConfig
from index.pipeline import acquire_lock, run_index
from index.store import Store, StoreConfig

SMALL_DOC = """# Field Notes

The survey team reached the northern ridge on Tuesday. Dr. Alvarez logged the readings at 6 p.m.

## Equipment

Two of the three sensors failed in the cold. The spare unit worked until the batteries ran out.
"""


MEMO = """Budget Memo

The committee approved the spring budget. Travel costs were cut by a tenth.

Next Steps

Each team submits a revised plan by Friday.
"""


def config(index_dir: Path, **kw) -> IndexConfig:
    return IndexConfig(store=StoreConfig(index_dir=index_dir), **kw)


def live(store: Store) -> int:
    manifest = store.read_manifest()
    assert manifest is not None
    return int(manifest["generation"])


def span_records(store: Store, kind: str) -> dict[str, dict]:
    return {i: m for i, _, m in store.scan(live(store), kind)}


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """A writable copy of the default corpus plus a second small Markdown document."""
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(NATO, folder / NATO.name)
    (folder / NATO.name).chmod(0o644)
    (folder / "notes.md").write_text(SMALL_DOC, encoding="utf-8")
    return folder


@pytest.fixture
def small_docs(tmp_path: Path) -> Path:
    """Two small documents: embedding the full corpus in every test would make the suite slow."""
    folder = tmp_path / "small"
    folder.mkdir()
    (folder / "notes.md").write_text(SMALL_DOC, encoding="utf-8")
    (folder / "memo.txt").write_text(MEMO, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def default_index(tmp_path_factory, embedder):
    """The default corpus folder, indexed once for the read-only checks below."""
    cfg = config(tmp_path_factory.mktemp("default") / "index")
    calls: list[tuple[str, int, int]] = []
    report = run_index(cfg, [CORPUS_DIR], embedder=embedder, progress=lambda *a: calls.append(a))
    return cfg, report, calls


def test_default_corpus_report(default_index):
    _, report, calls = default_index
    assert report.documents == 1
    assert report.sections == 3
    assert report.sentences > 20
    assert 0 < report.passages < report.sentences
    assert (report.added, report.updated, report.unchanged, report.removed) == (1, 0, 0, 0)
    assert report.embedded_spans == report.sentences + report.passages
    assert report.skipped == []
    assert calls == [(NATO.name, 1, 1)]
    m = report.manifest
    assert m["model"] == "all-MiniLM-L6-v2" and m["dimension"] == 384 and m["normalize"] is True
    assert m["sources"] == [str(CORPUS_DIR.resolve())]


def test_default_corpus_records_are_exact(default_index):
    cfg, report, _ = default_index
    store = Store(cfg.store)
    gen = live(store)
    texts = verify_store(store, gen)
    assert list(texts) == [NATO.name]
    assert texts[NATO.name] == NATO.read_text(encoding="utf-8")
    meta = store.documents(gen)[NATO.name]
    assert meta["title"] == NATO_TITLE
    assert meta["sha256"] == hashlib.sha256(NATO.read_bytes()).hexdigest()
    sentences = list(store.scan(gen, "sentences"))
    passages = list(store.scan(gen, "passages"))
    assert len(sentences) == report.sentences and len(passages) == report.passages
    text = texts[NATO.name]
    for _, body, m in [*sentences, *passages]:
        assert text[m["start"] : m["end"]] == body
        assert m["doc_sha"] == meta["sha256"]
        for nav in ("Back to top", "This post is also available in", "Read for Background"):
            assert nav not in body
    labels = {m["section"] for _, _, m in sentences}
    assert labels == {NATO_TITLE, "U.S. Response", "NATO Response"}
    # every sentence points at the passage that holds it
    by_position = {m["position"]: (m["start"], m["end"]) for _, _, m in passages}
    for _, _, m in sentences:
        ps, pe = by_position[m["passage"]]
        assert ps <= m["start"] and m["end"] <= pe


def test_default_corpus_is_searchable(default_index, embedder):
    cfg, _, _ = default_index
    store = Store(cfg.store)
    gen = live(store)
    hits = store.query(
        gen, "sentences", embedder.encode_query("Tomahawk cruise missiles in Romania").tolist(), 3
    )
    assert hits
    top = store.collection(gen, "sentences").get(ids=[hits[0][0]], include=["documents"])["documents"][0]
    assert "Tomahawk" in top


def test_rerun_changes_nothing(default_index, embedder):
    cfg, first, _ = default_index
    store = Store(cfg.store)
    before = span_records(store, "sentences"), span_records(store, "passages")
    report = run_index(cfg, [CORPUS_DIR], embedder=embedder)
    assert report.unchanged == 1
    assert report.embedded_spans == 0
    assert (report.added, report.updated, report.removed) == (0, 0, 0)
    assert (report.documents, report.sections, report.sentences, report.passages) == (
        first.documents,
        first.sections,
        first.sentences,
        first.passages,
    )
    assert report.manifest["generation"] == first.manifest["generation"]
    assert report.manifest["corpus_hash"] == first.manifest["corpus_hash"]
    assert report.manifest["created_at"] == first.manifest["created_at"]
    assert (span_records(store, "sentences"), span_records(store, "passages")) == before


def test_telemetry_is_off(default_index):
    cfg, _, _ = default_index
    store = Store(cfg.store)
    assert store.client.get_settings().anonymized_telemetry is False


def test_editing_a_document_reembeds_only_it(tmp_path, docs, embedder):
    cfg = config(tmp_path / "index")
    first = run_index(cfg, [docs], embedder=embedder)
    assert (first.documents, first.added) == (2, 2)
    store = Store(cfg.store)
    nato_ids = {i for i, m in span_records(store, "sentences").items() if m["doc_id"] == NATO.name}
    old_notes = {i for i, m in span_records(store, "sentences").items() if m["doc_id"] == "notes.md"}
    assert nato_ids and old_notes

    edited = SMALL_DOC.replace("Two of the three sensors", "All three sensors") + "\nA new closing line.\n"
    (docs / "notes.md").write_text(edited, encoding="utf-8")
    report = run_index(cfg, [docs], embedder=embedder)
    assert (report.added, report.updated, report.unchanged, report.removed) == (0, 1, 1, 0)
    new_meta = store.documents(live(store))["notes.md"]
    assert report.embedded_spans == new_meta["sentences"] + new_meta["passages"]

    sentences = span_records(store, "sentences")
    now_nato = {i for i, m in sentences.items() if m["doc_id"] == NATO.name}
    now_notes = {i for i, m in sentences.items() if m["doc_id"] == "notes.md"}
    assert now_nato == nato_ids  # untouched
    assert not now_notes & old_notes  # old spans are gone, none left behind
    assert all(m["doc_sha"] == new_meta["sha256"] for m in sentences.values() if m["doc_id"] == "notes.md")
    assert all(
        m["doc_sha"] == new_meta["sha256"]
        for m in span_records(store, "passages").values()
        if m["doc_id"] == "notes.md"
    )
    texts = verify_store(store, live(store))
    assert texts["notes.md"] == edited
    bodies = [store.collection(live(store), "sentences").get(ids=[i])["documents"][0] for i in now_notes]
    assert "All three sensors failed in the cold." in bodies
    assert not any("Two of the three" in b for b in bodies)


def test_many_small_documents_are_written_together_and_kept_apart(tmp_path, embedder, monkeypatch):
    """Small documents share Chroma writes (each write has a fixed cost; one per document made
    indexing 240 paragraphs three times slower); each document's spans, record and text must still
    be its own, through edits, additions and removals in one run."""
    folder = tmp_path / "notes"
    folder.mkdir()
    for k in range(30):
        (folder / f"note-{k:02}.txt").write_text(
            f"Note {k}\n\nThe depot opens at {k % 12 + 1} a.m. on weekdays. Parcel {k} waits at desk {k}.\n",
            encoding="utf-8",
        )
    cfg = config(tmp_path / "index")
    writes: list[str] = []
    real_add = Store.add

    def counting_add(self, generation, kind, *args, **kw):
        writes.append(kind)
        return real_add(self, generation, kind, *args, **kw)

    monkeypatch.setattr(Store, "add", counting_add)
    told: list[tuple[str, int, int]] = []
    first = run_index(cfg, [folder], embedder=embedder, progress=lambda *a: told.append(a))
    assert (first.added, first.documents) == (30, 30)
    assert len(writes) <= 4  # one batch: its sentences and its passages (was 60 writes)
    # Progress is told once per file, in order, once its batch is written.
    assert told == [(f"note-{k:02}.txt", k + 1, 30) for k in range(30)]

    (folder / "note-03.txt").write_text("Note 3\n\nThe depot is closed for repairs.\n", encoding="utf-8")
    (folder / "note-07.txt").write_text("Note 7\n\nParcel 7 went back to the sender.\n", encoding="utf-8")
    (folder / "note-12.txt").unlink()
    (folder / "new.txt").write_text("New\n\nA second depot opens in May.\n", encoding="utf-8")
    report = run_index(cfg, [folder], embedder=embedder)
    assert (report.added, report.updated, report.removed, report.unchanged) == (1, 2, 1, 27)
    store = Store(cfg.store)
    gen = live(store)
    texts = verify_store(store, gen)  # every span is its own document's text at its offsets
    assert len(texts) == 30 and "note-12.txt" not in texts
    assert texts["note-03.txt"] == "Note 3\n\nThe depot is closed for repairs.\n"
    bodies: dict[str, list[str]] = {}
    for _, body, meta in store.scan(gen, "sentences"):
        bodies.setdefault(meta["doc_id"], []).append(body)
    assert bodies["note-03.txt"] == ["The depot is closed for repairs."]
    assert bodies["new.txt"] == ["A second depot opens in May."]
    assert bodies["note-04.txt"] == ["The depot opens at 5 a.m. on weekdays.", "Parcel 4 waits at desk 4."]
    assert store.count(gen, "sentences") == sum(len(b) for b in bodies.values())


def test_documents_larger_than_a_batch_are_written_slice_by_slice(tmp_path, docs, embedder, monkeypatch):
    """With a tiny slice, every path of the batching runs: a document bigger than a batch alone and
    in several slices, small ones together, a batch cut when the next document does not fit."""
    import index.pipeline
    import index.writer

    monkeypatch.setattr(index.writer, "STORE_SLICE", 4)
    monkeypatch.setattr(index.pipeline, "STORE_SLICE", 4)
    (docs / "memo.txt").write_text(MEMO, encoding="utf-8")
    (docs / "tiny.txt").write_text("Tiny\n\nOne line only.\n", encoding="utf-8")
    cfg = config(tmp_path / "index")
    report = run_index(cfg, [docs], embedder=embedder)
    store = Store(cfg.store)
    gen = live(store)
    texts = verify_store(store, gen)
    assert set(texts) == {NATO.name, "notes.md", "memo.txt", "tiny.txt"}
    records = store.documents(gen)
    assert report.embedded_spans == sum(int(r["sentences"]) + int(r["passages"]) for r in records.values())
    assert store.count(gen, "sentences") == sum(int(r["sentences"]) for r in records.values())
    assert store.count(gen, "passages") == sum(int(r["passages"]) for r in records.values())


def test_deleting_a_file_removes_its_document_and_spans(tmp_path, small_docs, embedder):
    cfg = config(tmp_path / "index")
    run_index(cfg, [small_docs], embedder=embedder)
    (small_docs / "notes.md").unlink()
    report = run_index(cfg, [small_docs], embedder=embedder)
    assert (report.removed, report.unchanged, report.documents) == (1, 1, 1)
    store = Store(cfg.store)
    gen = live(store)
    assert list(store.documents(gen)) == ["memo.txt"]
    assert store.document_text(gen, "notes.md") is None
    for kind in ("sentences", "passages"):
        assert {m["doc_id"] for m in span_records(store, kind).values()} == {"memo.txt"}
    assert store.read_manifest()["documents"] == 1


def test_bad_files_are_skipped_with_a_reason(tmp_path, small_docs, embedder):
    (small_docs / "junk.txt").write_bytes(bytes(range(256)) * 8)
    (small_docs / "slides.pptx").write_bytes(b"PK\x03\x04 not really")
    (small_docs / "notes.docx").write_bytes(b"PK\x03\x04 not really")
    (small_docs / "empty.md").write_bytes(b"")
    (small_docs / ".hidden.txt").write_text("Hidden files are ignored.", encoding="utf-8")
    cfg = config(tmp_path / "index")
    report = run_index(cfg, [small_docs], embedder=embedder)
    assert report.documents == 2 and report.added == 2
    reasons = {Path(s.path).name: s.reason for s in report.skipped}
    assert set(reasons) == {"junk.txt", "slides.pptx", "notes.docx", "empty.md"}
    assert "binary" in reasons["junk.txt"]
    assert "unsupported" in reasons["slides.pptx"]
    assert "not a Word document" in reasons["notes.docx"]
    assert "empty" in reasons["empty.md"]
    assert all("\n" not in r for r in reasons.values())
    store = Store(cfg.store)
    assert set(store.documents(live(store))) == {"memo.txt", "notes.md"}


def test_unreadable_file_keeps_its_previous_version(tmp_path, small_docs, embedder):
    cfg = config(tmp_path / "index")
    run_index(cfg, [small_docs], embedder=embedder)
    store = Store(cfg.store)
    before_meta = store.documents(live(store))["notes.md"]
    before_ids = {i for i, m in span_records(store, "sentences").items() if m["doc_id"] == "notes.md"}

    (small_docs / "notes.md").write_bytes(b"\x00\x01\x02" * 100)  # the file is now garbage
    report = run_index(cfg, [small_docs], embedder=embedder)
    [skip] = report.skipped
    assert Path(skip.path).name == "notes.md"
    assert skip.reason.endswith("previous version kept")
    assert "binary" in skip.reason
    assert (report.removed, report.documents, report.unchanged) == (0, 2, 1)
    gen = live(store)
    assert store.documents(gen)["notes.md"]["sha256"] == before_meta["sha256"]
    assert verify_store(store, gen)["notes.md"] == SMALL_DOC
    assert {i for i, m in span_records(store, "sentences").items() if m["doc_id"] == "notes.md"} == before_ids


def test_missing_path_is_a_usage_error(tmp_path, embedder):
    index_dir = tmp_path / "index"
    with pytest.raises(UsageError) as err:
        run_index(config(index_dir), [tmp_path / "no-such-folder"], embedder=embedder)
    assert err.value.exit_code == 2
    assert "no-such-folder" in str(err.value)
    assert not index_dir.exists()  # nothing was created for a typo


def test_second_writer_is_refused(tmp_path, small_docs, embedder):
    cfg = config(tmp_path / "index")
    lock = acquire_lock(cfg.store.index_dir)
    try:
        with pytest.raises(IndexBusyError) as err:
            run_index(cfg, [small_docs], embedder=embedder)
        assert "another" in str(err.value)
        assert isinstance(err.value, QuotebotError)
    finally:
        lock.release()
    # once the first writer is done, the run goes through
    assert run_index(cfg, [small_docs], embedder=embedder).documents == 2


def test_other_chunker_settings_need_a_rebuild(tmp_path, small_docs, embedder):
    cfg = config(tmp_path / "index")
    first = run_index(cfg, [small_docs], embedder=embedder)
    other = replace(cfg, max_tokens=64)
    with pytest.raises(IndexMismatchError) as err:
        run_index(other, [small_docs], embedder=embedder)
    msg = str(err.value)
    assert "quotebot index --rebuild" in msg and "chunker" in msg
    store = Store(cfg.store)
    assert store.read_manifest() == first.manifest  # a refused run changes nothing

    rebuilt = run_index(other, [small_docs], embedder=embedder, rebuild=True)
    assert rebuilt.rebuilt and rebuilt.added == 2 and rebuilt.documents == 2
    assert rebuilt.manifest["chunker"]["max_tokens"] == 64
    assert rebuilt.passages >= first.passages
    gen = live(store)
    assert gen == rebuilt.manifest["generation"] != first.manifest["generation"]
    assert store.generations() == [gen]  # the old generation is dropped
    verify_store(store, gen)
    again = run_index(other, [small_docs], embedder=embedder)
    assert (again.unchanged, again.embedded_spans) == (2, 0)
    # and now the old settings are the mismatch
    with pytest.raises(IndexMismatchError):
        run_index(cfg, [small_docs], embedder=embedder)


def test_an_index_from_an_older_chunker_is_rebuilt_by_a_plain_run(tmp_path, small_docs, embedder):
    """Upgrading Quotebot changes how text is cut; `quotebot index` brings the index in line by itself."""
    cfg = config(tmp_path / "index")
    first = run_index(cfg, [small_docs], embedder=embedder)
    store = Store(cfg.store)
    old = {**first.manifest, "chunker": {**first.manifest["chunker"], "version": "0"}}
    store.write_manifest(old)  # as an older Quotebot would have left it

    report = run_index(cfg, [small_docs], embedder=embedder)
    assert report.rebuilt and report.added == 2
    assert any(
        "splits or embeds text differently" in n.reason and "chunker.version '0'" in n.reason
        for n in report.notes
    )
    assert store.read_manifest()["chunker"]["version"] == first.manifest["chunker"]["version"]
    verify_store(store, live(store))


def test_single_file_path(tmp_path, small_docs, embedder):
    cfg = config(tmp_path / "index")
    report = run_index(cfg, [small_docs / "memo.txt"], embedder=embedder)
    assert report.documents == 1
    assert report.sections == 2  # "Budget Memo" (the title) and "Next Steps"
    store = Store(cfg.store)
    gen = live(store)
    assert list(store.documents(gen)) == ["memo.txt"]
    labels = json.loads(store.documents(gen)["memo.txt"]["section_labels"])
    assert labels == ["Budget Memo", "Next Steps"]


def test_an_index_without_token_vectors_is_refused_by_the_bot_and_upgraded_by_a_plain_run(
    tmp_path, small_docs, embedder
):
    """Indexes built before late interaction lack token vectors: the bot names the fix instead of
    ranking with a missing signal, and `quotebot index` rebuilds on its own."""
    from bot.index_view import IndexView

    cfg = config(tmp_path / "index")
    first = run_index(cfg, [small_docs], embedder=embedder)
    store = Store(cfg.store)
    chunker = {k: v for k, v in first.manifest["chunker"].items() if k != "token_vectors"}
    store.write_manifest({**first.manifest, "chunker": chunker})  # as the previous Quotebot left it
    with pytest.raises(
        IndexMismatchError, match=r"another version of Quotebot.*token_vectors.*run `quotebot index` to bring"
    ):
        IndexView(store, embedder, cfg)

    report = run_index(cfg, [small_docs], embedder=embedder)
    assert report.rebuilt
    view = IndexView(store, embedder, cfg)
    assert len(view.token_vectors) == len(view.sentences) > 0
    for s, mat in zip(view.sentences, view.token_vectors):
        assert mat.dtype == np.int8 and mat.shape[1] == 128  # projected (index/token_vectors.py)
        assert len(mat) > 0, s.text  # every sentence here has content words
    # each row holds its own sentence's pieces (section-prefixed, as embedded), not a neighbour's
    for s in (view.sentences[0], view.sentences[-1]):
        _, (fresh,) = embedder.encode_with_tokens([f"{s.section}: {s.text}"])
        stored = view.token_vectors[s.row]
        assert stored.shape == fresh.shape and np.abs(stored.astype(int) - fresh).max() <= 1


def test_asking_for_more_neighbours_than_a_small_index_holds_returns_them_all(tmp_path, embedder):
    """A one-sentence corpus: the read path asks Chroma for 40 sentences and 6 passages at a time."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "note.txt").write_text("The convoy left at dawn with fuel for nine days.\n", encoding="utf-8")
    cfg = IndexConfig(store=StoreConfig(index_dir=tmp_path / "index"))
    run_index(cfg, [docs], embedder=embedder)
    store = Store(cfg.store)
    gen = live(store)
    vector = embedder.encode_query("How long could the convoy drive?").tolist()
    assert [h[0] for h in store.query(gen, "sentences", vector, 40)] == [
        i for i, _, _ in store.scan(gen, "sentences")
    ]
    assert len(store.query(gen, "passages", vector, 6)) == 1
    assert store.query(gen, "sentences", vector, 40, where={"doc_id": "no-such.txt"}) == []


def test_a_renamed_index_folder_says_so_and_builds_nothing_beside_it(tmp_path, small_docs, embedder):
    """An embedded index is named after its folder. Renamed, the folder still holds it under the old
    name: reading it says how to reach it, and a plain run refuses to build the bundled corpus (or
    anything else) beside it, where it would hide the user's documents."""
    from index.errors import IndexMissingError
    from index.pipeline import index_status

    run_index(config(tmp_path / "mine"), [small_docs], embedder=embedder)
    (tmp_path / "mine").rename(tmp_path / "moved")
    moved = config(tmp_path / "moved")
    with pytest.raises(
        IndexMissingError, match=r"holds an index named 'qb-mine'.*QUOTEBOT_CHROMA_NAMESPACE=qb-mine"
    ):
        run_index(moved, [small_docs], embedder=embedder)
    with pytest.raises(IndexMissingError, match="renamed or copied"):
        index_status(moved)
    reached = IndexConfig(store=StoreConfig(index_dir=tmp_path / "moved", namespace="qb-mine"))
    status = index_status(reached)
    assert status is not None and status["documents"] == 2
