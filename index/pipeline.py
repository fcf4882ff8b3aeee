"""The indexing run: discover → load → analyse → embed → store, incrementally and crash-safely.

Only documents whose canonical text changed are re-embedded. A file that fails to load this time
keeps its previous version in the index (reported as such): bad input never costs indexed data.
One writer at a time: a lock file in the index folder refuses a second concurrent run.
On the local store a run that would change nothing is told from the last run's stamp without
opening Chroma (``index/stamp.py``); every finished run stamps again.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import stamp
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
from .manifest import CODE_VERSIONED, IndexConfig, check_compatible, differences, expected_manifest
from .span_cache import SpanCache
from .store import Store
from .types import ProgressFn, SkippedFile
from .writer import STORE_SLICE, collect_orphans, store_documents

log = logging.getLogger(__name__)


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
    #: Doc id -> text hash of every document in the index after the run (what the stamp records).
    digests: dict[str, str] = field(default_factory=dict, repr=False)


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
        embedder = embedder or Embedder.for_config(config)
        local = not config.store.server_mode and (store is None or not store.config.server_mode)
        seen = stamp.look(paths, files, aliases) if local else None
        if seen and not rebuild and (report := _unchanged(config, seen, skipped, embedder, progress)):
            report.seconds = time.perf_counter() - started
            return report
        if seen:
            stamp.discard(config.store.index_dir)
        report = _index(config, paths, files, skipped, aliases, rebuild, progress, embedder, store, started)
        if seen:
            per_file = report.skipped[len(skipped) :]
            stamp.record(config, seen, report.manifest, report.digests, report.notes, per_file)
        return report
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


@dataclass
class _Plan:
    """Where an indexing run writes: the generation, what it already holds, and why it is new."""

    generation: int
    existing: dict[str, dict[str, Any]]
    rebuild: bool
    #: Differences that made this run rebuild by itself (an upgrade of Quotebot).
    upgrade: list[str]


def _plan(
    store: Store,
    manifest: dict[str, Any] | None,
    expected: dict[str, Any],
    config: IndexConfig,
    rebuild: bool,
) -> _Plan:
    """Update the live generation in place, or build a new one (``--rebuild``, a first run, or a
    Quotebot upgrade that cuts or embeds text differently); refuse an index built with other settings."""
    upgrade: list[str] = []
    if manifest and not rebuild:
        diffs = differences(manifest, expected)
        if diffs and all(d.startswith(CODE_VERSIONED) for d in diffs):
            # Not a setting the user chose: bringing the index in line means rebuilding it (the
            # live one answers meanwhile).
            log.info("chunker or engine changed (%s): rebuilding the index", "; ".join(diffs))
            upgrade, rebuild = diffs, True
        else:
            check_compatible(manifest, expected, config.store.describe())
    live_gen = int(manifest["generation"]) if manifest else None
    if rebuild or live_gen is None:
        return _Plan(max([*store.generations(), live_gen or 0]) + 1, {}, rebuild, upgrade)
    return _Plan(live_gen, store.documents(live_gen) if store.generations() else {}, False, upgrade)


#: Text held in one batch of documents at most (characters); a larger document is stored alone.
GROUP_CHARS = 1_000_000


def _spans(analysis: Analysis) -> int:
    """The spans a document stores: its sentences and its passages."""
    return len(analysis.sentences) + len(analysis.passages)


@dataclass
class _Pending:
    """Analysed documents waiting to be stored together (``store_documents``), and their size."""

    batch: list[tuple[Analysis, bool]] = field(default_factory=list)
    spans: int = 0
    chars: int = 0

    def fits(self, analysis: Analysis) -> bool:
        """Whether ``analysis`` may join this batch (an empty batch takes any document)."""
        return not self.batch or self.spans + _spans(analysis) <= STORE_SLICE

    def add(self, analysis: Analysis, replaces: bool) -> None:
        self.batch.append((analysis, replaces))
        self.spans += _spans(analysis)
        self.chars += len(analysis.document.text)

    @property
    def full(self) -> bool:
        """Enough to write: a slice's worth of spans, or of text (the memory a batch may hold)."""
        return self.spans >= STORE_SLICE or self.chars >= GROUP_CHARS


class _Ticker:
    """Progress per file, told once a file's outcome is settled: stored (its batch written),
    unchanged or skipped. Files waiting in a batch are told when the batch is written, so the bar
    never reaches the end while the last batch is still being embedded."""

    def __init__(self, names: list[str], progress: ProgressFn | None) -> None:
        self.names = names
        self.progress = progress
        self.done = 0

    def settled(self, upto: int) -> None:
        """The first ``upto`` files are settled."""
        if self.progress:
            for k in range(self.done, upto):
                self.progress(self.names[k], k + 1, len(self.names))
        self.done = max(self.done, upto)


def _analyse_file(
    path: Path, doc_id: str, plan: _Plan, config: IndexConfig, embedder: Embedder, report: IndexReport
) -> tuple[bool, Analysis | None]:
    """Load and analyse one file: (the document is in the index after this run, its analysis when
    it must be stored). A file that fails to load keeps its previous version; one that did not
    change is not analysed."""
    try:
        doc = load_document(path, doc_id, config.max_file_bytes)
    except LoadError as exc:
        kept = doc_id in plan.existing
        reason = f"{exc}{'; previous version kept' if kept else ''}"
        report.skipped.append(SkippedFile(str(path), reason))
        log.info("skipped %s: %s", path, reason)
        return kept, None
    if doc.note:
        log.info("%s: %s", path, doc.note)
        report.notes.append(SkippedFile(str(path), doc.note))
    old = plan.existing.get(doc_id)
    if old and old.get("sha256") == doc.sha256:
        report.unchanged += 1
        return True, None
    analysis = analyse(doc, embedder.count_tokens, config.max_tokens)
    if not analysis.sentences:
        report.skipped.append(
            SkippedFile(str(path), "no sentences left after removing headings and navigation")
        )
        return False, None
    return True, analysis


def _store(store: Store, plan: _Plan, embedder: Embedder, pending: _Pending, report: IndexReport) -> _Pending:
    """Write the pending documents (one batch), count them in the report; return an empty batch."""
    if pending.batch:
        report.embedded_spans += store_documents(store, plan.generation, pending.batch, embedder)
        for analysis, _ in pending.batch:
            if analysis.document.doc_id in plan.existing:
                report.updated += 1
            else:
                report.added += 1
    return _Pending()


def _finish(
    store: Store,
    plan: _Plan,
    expected: dict[str, Any],
    manifest: dict[str, Any] | None,
    paths: list[Path],
    aliases: dict[str, list[str]],
    report: IndexReport,
    any_documents: bool,
) -> None:
    """Write the new manifest (the switch readers see), then drop every other generation."""
    gen = plan.generation
    docs = store.documents(gen) if any_documents else {}
    collect_orphans(store, gen, docs)
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
        "created_at": (manifest or {}).get("created_at", now) if not plan.rebuild else now,
        "updated_at": now,
    }
    store.write_manifest(new_manifest)
    for old_gen in store.generations():
        if old_gen != gen:
            store.drop_generation(old_gen)
    cache = SpanCache.for_store(store, new_manifest)
    if cache is not None:
        # The readers' copies of older states are deleted; the first reader writes the new one.
        # Not written here: reading every record back costs ~25 KB a sentence at its peak, and
        # indexing's memory stays bounded whatever the size of a document.
        log.info("span copy: %d old files removed", cache.prune(docs))
    report.manifest = new_manifest
    report.digests = {doc_id: str(d.get("sha256", "")) for doc_id, d in docs.items()}
    for key in ("documents", "sections", "sentences", "passages"):
        setattr(report, key, new_manifest[key])


def _unchanged(
    config: IndexConfig,
    seen: stamp.Seen,
    skipped: list[SkippedFile],
    embedder: Embedder,
    progress: ProgressFn | None,
) -> IndexReport | None:
    """The report of a run that would change nothing, told from the stamp without opening Chroma
    (what the full run would print); None when the stamp does not vouch for that."""
    replay = stamp.replay(config, seen, expected_manifest(embedder, config))
    if replay is None:
        return None
    report = IndexReport(unchanged=replay.unchanged, notes=replay.notes, manifest=replay.manifest)
    report.skipped = [*skipped, *replay.skipped]
    for key in ("documents", "sections", "sentences", "passages"):
        setattr(report, key, replay.manifest[key])
    if progress:
        for i, (path, _) in enumerate(seen.files):
            progress(path.name, i + 1, len(seen.files))
    return report


def _index(
    config: IndexConfig,
    paths: list[Path],
    files: list[tuple[Path, str]],
    skipped: list[SkippedFile],
    aliases: dict[str, list[str]],
    rebuild: bool,
    progress: ProgressFn | None,
    embedder: Embedder,
    store: Store | None,
    started: float,
) -> IndexReport:
    store = store or Store(config.store)
    expected = expected_manifest(embedder, config)
    manifest = store.read_manifest()
    if manifest is None:
        store.check_not_renamed()
    plan = _plan(store, manifest, expected, config, rebuild)
    report = IndexReport(skipped=list(skipped), rebuilt=plan.rebuild)
    if plan.upgrade:
        report.notes.append(
            SkippedFile(
                config.store.describe(),
                f"rebuilt: this version of Quotebot splits or embeds text differently ({'; '.join(plan.upgrade)})",
            )
        )
    present: set[str] = set()
    pending = _Pending()
    ticker = _Ticker([path.name for path, _ in files], progress)
    for i, (path, doc_id) in enumerate(files):
        kept, analysis = _analyse_file(path, doc_id, plan, config, embedder, report)
        if kept:
            present.add(doc_id)
        if analysis is not None:
            if not pending.fits(analysis):
                pending = _store(store, plan, embedder, pending, report)
                ticker.settled(i)
            pending.add(analysis, replaces=doc_id in plan.existing)
            if pending.full:
                pending = _store(store, plan, embedder, pending, report)
        if not pending.batch:
            ticker.settled(i + 1)
    _store(store, plan, embedder, pending, report)
    ticker.settled(len(files))
    for doc_id in sorted(set(plan.existing) - present):
        store.delete_document(plan.generation, doc_id)
        report.removed += 1
    _finish(store, plan, expected, manifest, paths, aliases, report, bool(present))
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
    exist, else ``fallback`` (the bundled corpus). Read from the last run's stamp while it holds, so
    that a run with nothing to do never opens Chroma."""
    sources = stamp.sources(config)
    if sources is None:
        try:
            manifest = Store(config.store).read_manifest()
        except QuotebotError:  # no index yet, or the store is down: the run itself will say so
            manifest = None
        sources = (manifest or {}).get("sources") or []
    existing = [Path(p) for p in sources if Path(p).exists()]
    return existing or [fallback]


def index_status(config: IndexConfig, store: Store | None = None) -> dict[str, Any] | None:
    """The manifest of the live index with live counts, or None when there is no index."""
    try:
        store = store or Store(config.store, create=False)  # a status read creates nothing
    except IndexMissingError:
        return None
    manifest = store.read_manifest()
    if manifest is None:
        store.check_not_renamed()
        return None
    gen = int(manifest["generation"])
    return {
        **manifest,
        "live_counts": {k: store.count(gen, k) for k in ("documents", "sentences", "passages")},
    }
