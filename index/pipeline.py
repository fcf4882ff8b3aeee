"""The indexing run: discover → load → analyse → embed → store, incrementally and crash-safely.

Only documents whose canonical text changed are re-embedded. A file that fails to load this time
keeps its previous version in the index (reported as such): bad input never costs indexed data.
One writer at a time: a lock file in the index folder refuses a second concurrent run.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import tokens as tv
from .aliases import read_aliases
from .analysis import Analysis, analyse
from .embedder import Embedder
from .errors import (
    IndexBusyError,
    IndexMismatchError,
    IndexMissingError,
    LoadError,
    QuotebotError,
    StoreWriteError,
    UsageError,
)
from .loaders import SUPPORTED_SUFFIXES, load_document
from .passages import CHUNKER_VERSION
from .sentences import MAX_SENTENCE_CHARS
from .store import Store, StoreConfig
from .types import Document, SkippedFile

log = logging.getLogger(__name__)

MANIFEST_FORMAT = 1
#: Manifest keys that must match the current settings for an index to be usable.
COMPAT_KEYS = ("format", "model_fingerprint", "dimension", "normalize", "chunker", "engine")


@dataclass(frozen=True)
class IndexConfig:
    store: StoreConfig
    model_path: Path | None = None
    #: Where the model's exported ONNX graph is cached (None: ``engine.cache_dir()``).
    cache_dir: Path | None = None
    max_tokens: int = 128
    max_file_bytes: int = 20_000_000
    batch_size: int = 64


@dataclass
class IndexReport:
    documents: int = 0
    sections: int = 0
    sentences: int = 0
    passages: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    embedded_spans: int = 0
    skipped: list[SkippedFile] = field(default_factory=list)
    #: Files taken with a caveat the user should know (e.g. guessed encoding).
    notes: list[SkippedFile] = field(default_factory=list)
    seconds: float = 0.0
    rebuilt: bool = False
    manifest: dict[str, Any] = field(default_factory=dict)


ProgressFn = Callable[[str, int, int], None]
"""Called as ``progress(label, done, total)`` after each document."""


def chunker_settings(config: IndexConfig) -> dict[str, Any]:
    from importlib.metadata import PackageNotFoundError, version

    try:
        segmenter = f"sentencex {version('sentencex')}"
    except PackageNotFoundError:
        segmenter = "sentencex"
    return {
        "version": CHUNKER_VERSION,
        "max_tokens": config.max_tokens,
        "max_sentence_chars": MAX_SENTENCE_CHARS,
        "segmenter": segmenter,
        "sentence_text": "section-prefixed",
        "token_vectors": tv.TOKEN_VECTORS,
    }


def expected_manifest(embedder: Embedder, config: IndexConfig) -> dict[str, Any]:
    return {
        "format": MANIFEST_FORMAT,
        "model": embedder.name,
        "model_path": str(embedder.path),
        "model_fingerprint": embedder.fingerprint,
        "dimension": embedder.dimension,
        "normalize": embedder.normalize,
        "chunker": chunker_settings(config),
        "engine": embedder.engine,
    }


#: Differences that come from upgrading Quotebot itself, not from a user's setting: `quotebot index`
#: rebuilds for them on its own (a changed model or passage size still needs --rebuild). The engine
#: (the exported graph's hash, its precision) changes the vectors themselves: an index built before
#: it existed or with another graph is rebuilt alike.
CODE_VERSIONED = ("chunker.version ", "chunker.segmenter ", "chunker.token_vectors ", "engine.")


def _differences(stored: dict[str, Any], expected: dict[str, Any]) -> list[str]:
    out = []
    for k in COMPAT_KEYS:
        a, b = stored.get(k), expected.get(k)
        if a == b:
            continue
        if a is None and isinstance(b, dict):
            a = {}  # a section an older Quotebot did not record: each of its fields differs
        if isinstance(a, dict) and isinstance(b, dict):
            out += [
                f"{k}.{sub} {a.get(sub)!r} → {b.get(sub)!r}"
                for sub in sorted(set(a) | set(b))
                if a.get(sub) != b.get(sub)
            ]
        else:
            out.append(f"{k} {a!r} → {b!r}")
    return out


def check_compatible(stored: dict[str, Any], expected: dict[str, Any], where: str) -> None:
    """Refuse an index built with other settings, naming what differs and the fix."""
    diffs = _differences(stored, expected)
    if diffs and all(d.startswith(CODE_VERSIONED) for d in diffs):
        raise IndexMismatchError(
            f"the index in {where} was built by another version of Quotebot ({'; '.join(diffs[:3])}); "
            "run `quotebot index` to bring it up to date (it rebuilds by itself)"
        )
    if diffs:
        raise IndexMismatchError(
            f"the index in {where} was built with other settings ({'; '.join(diffs[:3])}); "
            "run `quotebot index --rebuild` to rebuild it with the current ones"
        )


def discover(paths: Iterable[Path]) -> tuple[list[tuple[Path, str]], list[SkippedFile]]:
    """Files to index with their document ids; unsupported files are reported, hidden ones ignored."""
    found: list[tuple[Path, str]] = []
    skipped: list[SkippedFile] = []
    seen: set[str] = set()
    for root in paths:
        if not root.exists():
            raise UsageError(f"no such file or folder: {root}")
        if root.is_file():
            candidates = [(root, root.name)]
        else:
            candidates = []
            for p in sorted(root.rglob("*")):
                rel = p.relative_to(root)
                if any(part.startswith(".") for part in rel.parts) or not p.is_file():
                    continue
                candidates.append((p, rel.as_posix()))
        for path, doc_id in candidates:
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                skipped.append(SkippedFile(str(path), f"unsupported file type '{path.suffix or path.name}'"))
                continue
            if doc_id in seen:
                skipped.append(SkippedFile(str(path), f"another file already has the id '{doc_id}'"))
                continue
            seen.add(doc_id)
            found.append((path, doc_id))
    return found, skipped


def _corpus_hash(docs: dict[str, dict[str, Any]]) -> str:
    h = hashlib.sha256()
    for doc_id in sorted(docs):
        h.update(f"{doc_id}\0{docs[doc_id]['sha256']}\n".encode())
    return h.hexdigest()[:16]


def span_id(doc: Document, start: int, end: int) -> str:
    """Stable id from document and span; includes the content hash so a changed text gets new ids."""
    key = hashlib.sha1(doc.doc_id.encode()).hexdigest()[:10]
    return f"{key}-{doc.sha256[:10]}-{start}-{end}"


#: Spans embedded and written per step of ``_store_document``: a document of any size is stored
#: slice by slice, so memory is bounded by the slice, not the document (a 7.6 MB one-line text has
#: ~35,000 sentences; their float lists alone would take ~0.5 GB at once).
STORE_SLICE = 1024


def _store_document(store: Store, gen: int, a: Analysis, embedder: Embedder, replaces: bool = True) -> int:
    """Write one document's spans, slice by slice, then its record; ``replaces``: an earlier version
    may exist in this generation (its spans and text pieces are deleted after the switch). For a
    document new to the generation the deletes are skipped: on a large collection each is a metadata
    scan. Readers ignore the new spans until the record points at them, however many slices it takes."""
    doc = a.document
    common = {"doc_id": doc.doc_id, "doc_sha": doc.sha256}
    passage_of = {}
    for p in a.passages:
        for st in p.sentence_starts:
            passage_of[st] = p.position
    for at in range(0, len(a.sentences), STORE_SLICE):
        part = a.sentences[at : at + STORE_SLICE]
        vectors, token_vectors = embedder.encode_with_tokens([f"{s.section}: {s.text}" for s in part])
        store.add(
            gen,
            "sentences",
            [span_id(doc, s.start, s.end) for s in part],
            vectors.tolist(),
            [s.text for s in part],
            [
                {
                    **common,
                    "section": s.section,
                    "section_index": s.section_index,
                    "start": s.start,
                    "end": s.end,
                    "position": s.position,
                    "passage": passage_of.get(s.start, -1),
                    "quotation": s.quotation,
                    "tokens": tv.pack(tokens),
                }
                for s, tokens in zip(part, token_vectors)
            ],
        )
    for at in range(0, len(a.passages), STORE_SLICE):
        chunk = a.passages[at : at + STORE_SLICE]
        store.add(
            gen,
            "passages",
            [span_id(doc, p.start, p.end) for p in chunk],
            embedder.encode([f"{p.section}: {p.text}" for p in chunk]).tolist(),
            [p.text for p in chunk],
            [
                {
                    **common,
                    "section": p.section,
                    "section_index": p.section_index,
                    "start": p.start,
                    "end": p.end,
                    "position": p.position,
                    "n_sentences": len(p.sentence_starts),
                }
                for p in chunk
            ],
        )
    # The switch: only now does the document record point readers at the new spans.
    store.put_document(
        gen,
        doc.doc_id,
        doc.text,
        {
            "title": doc.title,
            "path": doc.path,
            "sha256": doc.sha256,
            "sections": len(a.sections),
            "section_labels": json.dumps([s.label for s in a.sections], ensure_ascii=False),
            "sentences": len(a.sentences),
            "passages": len(a.passages),
        },
        replaces=replaces,
    )
    if replaces:
        store.delete_spans(gen, doc.doc_id, keep_sha=doc.sha256)
    return len(a.sentences) + len(a.passages)


def _collect_orphans(store: Store, gen: int, docs: dict[str, dict[str, Any]]) -> None:
    """Delete spans no document record points at (left by a run that was killed).

    Readers already ignore them; this keeps counts and dense top-k honest. The check is one count
    per collection, so a clean index pays almost nothing.
    """
    expected = sum(int(d.get("sentences", 0)) for d in docs.values())
    if store.count(gen, "sentences") == expected and store.count(gen, "passages") == sum(
        int(d.get("passages", 0)) for d in docs.values()
    ):
        return
    log.info("removing spans left by an interrupted run")
    for kind in ("sentences", "passages"):
        stale = [
            rid
            for rid, _, meta in store.scan(gen, kind)
            if docs.get(str(meta.get("doc_id")), {}).get("sha256") != meta.get("doc_sha")
        ]
        store.delete_ids(gen, kind, stale)


def acquire_lock(index_dir: Path) -> Any:
    from filelock import FileLock, Timeout

    lock = FileLock(str(index_dir / "write.lock"), timeout=0)
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        lock.acquire()
    except Timeout:
        raise IndexBusyError(
            f"another `quotebot index` is writing to {index_dir}; wait for it to finish and run again"
        ) from None
    except OSError as exc:
        raise StoreWriteError(
            f"cannot write in the index folder {index_dir} ({exc.strerror or exc}); make it writable "
            "(or choose another with --index-dir) and run again. Nothing was changed"
        ) from None
    return lock


def run_index(
    config: IndexConfig,
    paths: list[Path],
    rebuild: bool = False,
    progress: ProgressFn | None = None,
    embedder: Embedder | None = None,
    store: Store | None = None,
) -> IndexReport:
    """Bring the index in line with the documents under ``paths``; see the module docstring."""
    started = time.perf_counter()
    files, skipped = discover(paths)
    aliases = read_aliases(paths)  # before any write: a broken table stops the run with nothing changed
    lock = acquire_lock(config.store.index_dir)
    try:
        return _index(config, paths, files, skipped, aliases, rebuild, progress, embedder, store, started)
    except QuotebotError:
        raise
    except Exception as exc:
        if not _is_write_failure(exc):
            raise
        log.warning("index write failed: %r", exc)
        raise StoreWriteError(
            f"could not write the index in {config.store.describe()} ({type(exc).__name__}: {exc}). "
            "Is the disk full or the folder read-only? The index that was live before this run still "
            "answers; free some space or make the folder writable, then run `quotebot index` again"
        ) from None
    finally:
        lock.release()


def _is_write_failure(exc: BaseException) -> bool:
    """Disk full, read-only folder, I/O error: the environment, not a bug in Quotebot."""
    import sqlite3

    from chromadb.errors import InternalError

    if isinstance(exc, OSError | sqlite3.Error):
        return True
    text = str(exc).lower()
    return isinstance(exc, InternalError) and any(
        w in text for w in ("disk", "i/o", "readonly", "read-only", "read only", "space", "permission")
    )


def _index(
    config: IndexConfig,
    paths: list[Path],
    files: list[tuple[Path, str]],
    skipped: list[SkippedFile],
    aliases: dict[str, list[str]],
    rebuild: bool,
    progress: ProgressFn | None,
    embedder: Embedder | None,
    store: Store | None,
    started: float,
) -> IndexReport:
    embedder = embedder or Embedder(config.model_path, config.batch_size, config.cache_dir)
    store = store or Store(config.store)
    expected = expected_manifest(embedder, config)
    manifest = store.read_manifest()
    upgrade: list[str] = []
    if manifest and not rebuild:
        diffs = _differences(manifest, expected)
        if diffs and all(d.startswith(CODE_VERSIONED) for d in diffs):
            # This version of Quotebot cuts text differently: not a setting the user chose, so
            # bringing the index in line means rebuilding it (the live one answers meanwhile).
            log.info("chunker or engine changed (%s): rebuilding the index", "; ".join(diffs))
            upgrade, rebuild = diffs, True
        else:
            check_compatible(manifest, expected, config.store.describe())
    live_gen = int(manifest["generation"]) if manifest else None
    if rebuild or live_gen is None:
        gen = max([*store.generations(), live_gen or 0]) + 1
        existing: dict[str, dict[str, Any]] = {}
    else:
        gen = live_gen
        existing = store.documents(gen) if store.generations() else {}

    report = IndexReport(skipped=list(skipped), rebuilt=rebuild)
    if upgrade:
        report.notes.append(
            SkippedFile(
                config.store.describe(),
                f"rebuilt: this version of Quotebot splits or embeds text differently ({'; '.join(upgrade)})",
            )
        )
    present: set[str] = set()
    for i, (path, doc_id) in enumerate(files):
        try:
            doc = load_document(path, doc_id, config.max_file_bytes)
        except LoadError as exc:
            kept = doc_id in existing
            if kept:
                present.add(doc_id)
            reason = f"{exc}{'; previous version kept' if kept else ''}"
            report.skipped.append(SkippedFile(str(path), reason))
            log.info("skipped %s: %s", path, reason)
            if progress:
                progress(path.name, i + 1, len(files))
            continue
        if doc.note:
            log.info("%s: %s", path, doc.note)
            report.notes.append(SkippedFile(str(path), doc.note))
        present.add(doc_id)
        old = existing.get(doc_id)
        if old and old.get("sha256") == doc.sha256:
            report.unchanged += 1
        else:
            analysis = analyse(doc, embedder.count_tokens, config.max_tokens)
            if not analysis.sentences:
                report.skipped.append(
                    SkippedFile(str(path), "no sentences left after removing headings and navigation")
                )
                present.discard(doc_id)
            else:
                report.embedded_spans += _store_document(
                    store, gen, analysis, embedder, replaces=old is not None
                )
                if old:
                    report.updated += 1
                else:
                    report.added += 1
        if progress:
            progress(path.name, i + 1, len(files))

    for doc_id in sorted(set(existing) - present):
        store.delete_document(gen, doc_id)
        report.removed += 1

    docs = store.documents(gen) if present else {}
    _collect_orphans(store, gen, docs)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    new_manifest = {
        **expected,
        "generation": gen,
        "corpus_hash": _corpus_hash(docs),
        "documents": len(docs),
        "sections": sum(int(d.get("sections", 0)) for d in docs.values()),
        "sentences": sum(int(d.get("sentences", 0)) for d in docs.values()),
        "passages": sum(int(d.get("passages", 0)) for d in docs.values()),
        "sources": [str(p.resolve()) for p in paths],
        # Names for the same thing, from the indexed folders (index/aliases.py); {} without a table.
        "aliases": aliases,
        "created_at": (manifest or {}).get("created_at", now) if not rebuild else now,
        "updated_at": now,
    }
    store.write_manifest(new_manifest)
    for old_gen in store.generations():
        if old_gen != gen:
            store.drop_generation(old_gen)
    report.manifest = new_manifest
    report.documents = new_manifest["documents"]
    report.sections = new_manifest["sections"]
    report.sentences = new_manifest["sentences"]
    report.passages = new_manifest["passages"]
    report.seconds = time.perf_counter() - started
    return report


def ensure_index(
    config: IndexConfig,
    paths: list[Path],
    embedder: Embedder | None = None,
    progress: ProgressFn | None = None,
) -> IndexReport:
    """``run_index``, rebuilding from scratch when the index was built with other settings.

    For callers that own their index folder (evaluation, training, benchmarks): for them an index
    made with another model or chunker is stale, not precious, so it is rebuilt instead of refused.
    """
    try:
        return run_index(config, paths, embedder=embedder, progress=progress)
    except IndexMismatchError:
        log.info("index in %s was built with other settings; rebuilding it", config.store.describe())
        return run_index(config, paths, rebuild=True, embedder=embedder, progress=progress)


def indexed_sources(config: IndexConfig, fallback: Path) -> list[Path]:
    """What a plain ``quotebot index`` indexes: the paths the index was built from that still
    exist, else ``fallback`` (the bundled corpus)."""
    try:
        manifest = Store(config.store).read_manifest()
    except QuotebotError:  # no index yet, or the store is down: the run itself will say so
        manifest = None
    existing = [Path(p) for p in (manifest or {}).get("sources") or [] if Path(p).exists()]
    return existing or [fallback]


def index_status(config: IndexConfig, store: Store | None = None) -> dict[str, Any] | None:
    """The manifest of the live index with live counts, or None when there is no index."""
    try:
        store = store or Store(config.store, create=False)  # a status read creates nothing
    except IndexMissingError:
        return None
    manifest = store.read_manifest()
    if manifest is None:
        return None
    gen = int(manifest["generation"])
    return {
        **manifest,
        "live_counts": {k: store.count(gen, k) for k in ("documents", "sentences", "passages")},
    }
