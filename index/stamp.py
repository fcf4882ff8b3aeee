"""The stamp of the last indexing run, so that re-indexing an unchanged corpus never opens Chroma.

Opening the embedded Chroma is most of a `quotebot index` that finds nothing to do (importing
chromadb and starting its client: ~1.5 s of ~1.8 s). So after every successful run on the local
store the pipeline writes ``unchanged.json`` into the index folder: what the run was given (its
sources, the alias table's hash, the settings that decide compatibility, the file size limit), what
it saw (each file's size and times with the hash of its text, or why it was skipped, and its
note), and what it left (the manifest, and the signature of Chroma's database file). The next run
checks all of that without importing chromadb; when everything holds, a full run would change
nothing, and the run reports so from the stamp.

Why the database file's signature stands for the whole store: every write to the embedded Chroma
commits a SQLite transaction, which changes the file's modification time and, in the
rollback-journal mode Chroma uses, the change counter in its header (checked too, because two
writes can share one coarse mtime). Opening the folder with a Chroma client writes as well (Chroma
records a lock row), so once any other process has used the index (even `quotebot ask`), the next
run takes the full path once and stamps again: a lost shortcut, never a wrong report. A Chroma
server (``StoreConfig.host``) has no file to look at and never uses a stamp.

A file whose size or times changed, or that was modified too close to the stamp to trust them, is
loaded and its text hash compared; a stamp that is missing, unreadable, corrupt or from another
version, or any other doubt, means the ordinary run, which writes a new stamp.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .connection import CHROMA_DATABASE, CHROMA_DIR
from .errors import LoadError
from .loaders import load_document
from .types import SkippedFile

if TYPE_CHECKING:
    from .manifest import IndexConfig

log = logging.getLogger(__name__)

STAMP_FILE = "unchanged.json"
#: Changes whenever the stamp's layout or meaning does: a stamp of another format is ignored.
STAMP_FORMAT = 1
#: A file modified this close before it was looked at may have changed again within the same
#: timestamp granule (coarse kernel clocks; 2 s on FAT) without its stat showing it: such a file's
#: text is hashed instead of trusting its stat (the "racily clean" rule of git's index).
RACY_NS = 2_000_000_000
#: Manifest fields a fast report is made of; a stamp whose manifest lacks one is corrupt.
COUNTS = ("generation", "documents", "sections", "sentences", "passages")

_ENTRY_TYPES: dict[str, type | tuple[type, ...]] = {
    "path": str,
    "doc_id": str,
    "size": int,
    "mtime_ns": int,
    "ctime_ns": int,
    "sha256": (str, type(None)),
    "note": str,
    "skip": str,
}


@dataclass(frozen=True)
class Entry:
    """One discovered file as a run saw it: its stat, the hash of its indexed text (None when it was
    skipped), its note and its skip reason (both "" when none)."""

    path: str
    doc_id: str
    size: int
    mtime_ns: int
    ctime_ns: int
    sha256: str | None
    note: str
    skip: str

    def stat(self) -> tuple[int, int, int]:
        return self.size, self.mtime_ns, self.ctime_ns


@dataclass(frozen=True)
class Stamp:
    namespace: str
    max_file_bytes: int
    #: Chroma's database file: size, mtime_ns and SQLite change counter (``database_signature``).
    database: list[int]
    aliases_sha256: str
    #: The live manifest the run wrote.
    manifest: dict[str, Any]
    #: When the files were looked at (ns since the epoch), for ``RACY_NS``.
    taken_ns: int
    entries: list[Entry]


@dataclass(frozen=True)
class Seen:
    """What a run looked at before doing anything: its arguments and each file's stat then."""

    paths: list[Path]
    files: list[tuple[Path, str]]
    aliases: dict[str, list[str]]
    taken_ns: int
    #: (size, mtime_ns, ctime_ns) of each file, in ``files`` order; None for one that vanished.
    stats: list[tuple[int, int, int] | None]


@dataclass
class Replay:
    """The part of a run's report that comes from the stamp: counts, notes and skips of the files."""

    manifest: dict[str, Any]
    unchanged: int
    notes: list[SkippedFile]
    skipped: list[SkippedFile]


def stamp_path(index_dir: Path) -> Path:
    return index_dir / STAMP_FILE


def look(paths: list[Path], files: list[tuple[Path, str]], aliases: dict[str, list[str]]) -> Seen:
    """Stat every file; the clock is read first, so a change during the run is never missed."""
    taken_ns = time.time_ns()
    stats: list[tuple[int, int, int] | None] = []
    for path, _ in files:
        try:
            st = path.stat()
            stats.append((st.st_size, st.st_mtime_ns, st.st_ctime_ns))
        except OSError:
            stats.append(None)
    return Seen(list(paths), files, aliases, taken_ns, stats)


def database_signature(index_dir: Path) -> list[int] | None:
    """Size, mtime_ns and SQLite change counter of Chroma's database, or None when it cannot be
    trusted: missing, not SQLite, in WAL mode (whose writes leave the file alone until a checkpoint)
    or with a journal beside it (a transaction under way, or one a crash left to roll back)."""
    db = index_dir / CHROMA_DIR / CHROMA_DATABASE
    try:
        if any(db.with_name(db.name + s).exists() for s in ("-journal", "-wal")):
            return None
        st = db.stat()
        with db.open("rb") as f:
            header = f.read(100)
    except OSError:
        return None
    if len(header) < 100 or not header.startswith(b"SQLite format 3\0") or header[18:20] != b"\1\1":
        return None
    return [st.st_size, st.st_mtime_ns, int.from_bytes(header[24:28], "big")]


def aliases_hash(aliases: dict[str, list[str]]) -> str:
    return hashlib.sha256(json.dumps(aliases, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


# -- reading -------------------------------------------------------------------------------------
def _parse(data: Any) -> Stamp | None:
    """The stamp in ``data`` (decoded JSON) if it has this format's layout and types, else None."""
    if not isinstance(data, dict) or data.get("format") != STAMP_FORMAT:
        return None
    raw_entries, manifest, database = data.get("entries"), data.get("manifest"), data.get("database")
    if not (
        isinstance(raw_entries, list)
        and all(isinstance(e, dict) and set(e) == set(_ENTRY_TYPES) for e in raw_entries)
        and all(isinstance(e[k], t) for e in raw_entries for k, t in _ENTRY_TYPES.items())
        and isinstance(manifest, dict)
        and all(isinstance(manifest.get(k), int) for k in COUNTS)
        and isinstance(manifest.get("sources"), list)
        and isinstance(database, list)
        and len(database) == 3
        and all(isinstance(v, int) for v in database)
        and all(isinstance(data.get(k), str) for k in ("namespace", "aliases_sha256"))
        and all(isinstance(data.get(k), int) for k in ("max_file_bytes", "taken_ns"))
    ):
        return None
    return Stamp(
        namespace=data["namespace"],
        max_file_bytes=data["max_file_bytes"],
        database=database,
        aliases_sha256=data["aliases_sha256"],
        manifest=manifest,
        taken_ns=data["taken_ns"],
        entries=[Entry(**e) for e in raw_entries],
    )


def read(index_dir: Path) -> Stamp | None:
    """The stamp in ``index_dir``; None when there is none or it cannot be used (never an error)."""
    try:
        data = json.loads(stamp_path(index_dir).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        log.info("ignoring the unreadable stamp in %s (%s)", index_dir, exc)
        return None
    stamp = _parse(data)
    if stamp is None:
        log.info("ignoring a stamp of another format or a damaged one in %s", index_dir)
    return stamp


def _holds(stamp: Stamp, config: IndexConfig) -> bool:
    """The stamp is about this namespace, and nothing has written to the store since."""
    return stamp.namespace == config.store.ns and stamp.database == database_signature(config.store.index_dir)


def sources(config: IndexConfig) -> list[str] | None:
    """The live manifest's sources, from the stamp while it holds (local store only); else None."""
    stamp = None if config.store.server_mode else read(config.store.index_dir)
    if stamp is None or not _holds(stamp, config):
        return None
    return [str(s) for s in stamp.manifest["sources"]]


# -- the check -----------------------------------------------------------------------------------
def _mismatch(stamp: Stamp, config: IndexConfig, seen: Seen, expected: dict[str, Any]) -> str | None:
    """Why a run with these arguments might not be a no-op (in words), or None."""
    normal = json.loads(json.dumps(expected))  # as the manifest stores it (JSON types)
    if not _holds(stamp, config):
        return "the store was opened or written since"
    if stamp.max_file_bytes != config.max_file_bytes:
        return "the file size limit changed"
    if stamp.aliases_sha256 != aliases_hash(seen.aliases):
        return "the alias table changed"
    if stamp.manifest.get("sources") != [str(p.resolve()) for p in seen.paths]:
        return "other sources"
    if any(stamp.manifest.get(k) != v for k, v in normal.items()):
        return "other model, chunker or engine"
    # Same sources (resolved), same ids in the same order: the same files, however the paths were
    # spelled ("corpus" or the absolute path a plain `quotebot index` takes from the manifest).
    if [e.doc_id for e in stamp.entries] != [d for _, d in seen.files]:
        return "files were added, removed or renamed"
    return None


def _recheck(entry: Entry, path: Path, stat: tuple[int, int, int] | None, stamp: Stamp) -> Entry | None:
    """The entry as it holds now for the file at ``path``, or None when the file may have changed.
    An unchanged stat is trusted unless the file was modified within ``RACY_NS`` of the stamp;
    otherwise the file is loaded and its text hash compared (a skipped file: only its stat)."""
    if stat is None:
        return None
    if stat == entry.stat() and max(entry.mtime_ns, entry.ctime_ns) < stamp.taken_ns - RACY_NS:
        return entry if entry.path == str(path) else replace(entry, path=str(path))
    if entry.sha256 is None or entry.skip:
        return None
    try:
        doc = load_document(path, entry.doc_id, stamp.max_file_bytes)
    except LoadError:
        return None
    if doc.sha256 != entry.sha256:
        return None
    size, mtime_ns, ctime_ns = stat
    return replace(entry, path=str(path), size=size, mtime_ns=mtime_ns, ctime_ns=ctime_ns, note=doc.note)


def replay(config: IndexConfig, seen: Seen, expected: dict[str, Any]) -> Replay | None:
    """The report of a run that would change nothing, from the stamp alone; None at any doubt.

    Files that had to be hashed (touched, copied, or too recent to trust) are recorded afresh, so
    the next run trusts their stat again.
    """
    index_dir = config.store.index_dir
    stamp = read(index_dir)
    why = "no stamp of the last run" if stamp is None else _mismatch(stamp, config, seen, expected)
    if stamp is None or why:
        log.info("indexing %s in full: %s", config.store.describe(), why)
        return None
    fresh = []
    for e, (path, _), st in zip(stamp.entries, seen.files, seen.stats, strict=True):
        now = _recheck(e, path, st, stamp)
        if now is None:  # stop at the first: the full run loads every file anyway
            log.info("indexing %s in full: %s may have changed", config.store.describe(), e.path)
            return None
        fresh.append(now)
    if any(now is not before for now, before in zip(fresh, stamp.entries)):  # hashed or renamed
        _write(index_dir, replace(stamp, taken_ns=seen.taken_ns, entries=fresh))
    log.info(
        "nothing changed since the last run (%d files checked): %s is left as it is, Chroma unopened",
        len(fresh),
        config.store.describe(),
    )
    return Replay(
        manifest=stamp.manifest,
        unchanged=sum(1 for e in fresh if not e.skip),
        notes=[SkippedFile(e.path, e.note) for e in fresh if e.note],
        skipped=[SkippedFile(e.path, e.skip) for e in fresh if e.skip],
    )


# -- writing -------------------------------------------------------------------------------------
def _write(index_dir: Path, stamp: Stamp) -> None:
    """Write the stamp atomically (a reader sees the old one or the new); a failure only costs the
    next run its shortcut."""
    data = {"format": STAMP_FORMAT, **asdict(stamp)}
    try:
        fd, tmp = tempfile.mkstemp(prefix=".unchanged-", suffix=".tmp", dir=index_dir)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(data, f, ensure_ascii=False)
            os.replace(tmp, stamp_path(index_dir))
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
    except OSError as exc:
        log.warning("could not write the stamp in %s (%s); the next run will index in full", index_dir, exc)
        discard(index_dir)


def discard(index_dir: Path) -> None:
    """Remove the stamp: done before a full run writes, so a stamp only ever describes a run that
    finished."""
    try:
        stamp_path(index_dir).unlink(missing_ok=True)
    except OSError as exc:
        log.warning("could not remove the stamp in %s (%s)", index_dir, exc)


def record(
    config: IndexConfig,
    seen: Seen,
    manifest: dict[str, Any],
    digests: dict[str, str],
    notes: list[SkippedFile],
    skipped: list[SkippedFile],
) -> None:
    """Stamp a finished run: ``digests`` maps each indexed document to its text hash, ``notes`` and
    ``skipped`` are the run's notes and per-file skips (not those of discovery)."""
    index_dir = config.store.index_dir
    database = database_signature(index_dir)
    paths = [str(p) for p, _ in seen.files]
    if database is None or None in seen.stats or len(set(paths)) != len(paths):
        return  # nothing to trust, a file vanished, or one file under two ids: no shortcut next time
    note = {n.path: n.reason for n in notes}
    skip = {s.path: s.reason for s in skipped}
    entries = [
        Entry(p, d, *st, None if p in skip else digests.get(d), note.get(p, ""), skip.get(p, ""))
        for p, (_, d), st in zip(paths, seen.files, seen.stats, strict=True)
        if st is not None
    ]
    stamp = Stamp(
        namespace=config.store.ns,
        max_file_bytes=config.max_file_bytes,
        database=database,
        aliases_sha256=aliases_hash(seen.aliases),
        manifest=manifest,
        taken_ns=seen.taken_ns,
        entries=entries,
    )
    _write(index_dir, stamp)
