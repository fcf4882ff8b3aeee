"""The inference engine: ONNX Runtime sessions over graphs that Quotebot exports itself, cached on disk.

Every model call goes through here: indexing (batched) and the query embedding (one text) run the
same graph file, so stored vectors and query vectors come from the same arithmetic.

- **Export, never download.** A graph is written by the project's own code from the local model
  folder (``index.onnx_export`` for the embedding model) the first time it is needed, into the cache
  folder (``QUOTEBOT_CACHE_DIR``, else ``$XDG_CACHE_HOME/quotebot``, else ``~/.cache/quotebot``),
  under a name made of the model's fingerprint, the exporter's version and the precision. Beside it
  goes its SHA-256; an index's manifest records that hash, so an index is only read with the graph
  that built it.
- **Checked on every load.** Beside the hash go the file's size and modification time: while they
  are unchanged the file is the one that was hashed, and a load costs one ``stat``; a file that was
  written since (or copied) is hashed again. A file whose bytes no longer match the recorded hash
  (truncated, damaged), or that ONNX Runtime cannot load, is exported again, with a warning; a graph
  that cannot be written or exported is refused with a message naming the fix. There is no
  fallback to another model or engine.
- **Threads per use.** A session is made per intra-op thread count, on first use:
  ``QUERY_THREADS`` for a single query, ``INDEX_THREADS`` for indexing batches and the reader (the
  same two, so a bot holds one session of the model, not two). Pool threads never spin while
  idle: spinning threads turn a busy neighbour core into latency.

``OnnxModel`` knows nothing about BERT: a second model (a reader) needs only its own export function
and key.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import EngineError, QuotebotError

log = logging.getLogger(__name__)

#: Intra-op threads of the batched (indexing) sessions.
INDEX_THREADS = 2
#: Intra-op threads for one question's embedding: two embed a question of a dozen word pieces in
#: ~4 ms against ~5.5 on one (p50 on an idle 2-core machine, 2026-12-06; under concurrent questions
#: no faster), and share the indexing session: a bot holds one session of the model, ~30 MB less.
QUERY_THREADS = 2


def cache_dir() -> Path:
    """Where exported graphs are kept (see the module docstring)."""
    if os.environ.get("QUOTEBOT_CACHE_DIR"):
        return Path(os.environ["QUOTEBOT_CACHE_DIR"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / "quotebot"


def file_sha256(path: Path) -> str:
    """The file's SHA-256, read in blocks (never the whole graph in memory at once); "" if unreadable."""
    try:
        with path.open("rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except OSError:
        return ""


class OnnxModel:
    """One exported graph: its cached file, its hash, and ONNX Runtime sessions over it.

    ``export(out)`` writes the graph to the path ``out``; ``key`` names the file in the cache and must
    change whenever the graph would (model fingerprint, exporter version, precision).
    """

    def __init__(self, key: str, export: Callable[[Path], None], folder: Path | None = None) -> None:
        self.key = key
        self._export = export
        self.folder = (folder or cache_dir()).expanduser()  # "~/…" from .env means the home folder
        self.file = self.folder / f"{key}.onnx"
        self._hash_file = self.folder / f"{key}.onnx.sha256"
        self._sha: str | None = None
        self._verified = False
        self._sessions: dict[int, Any] = {}
        self._lock = threading.Lock()

    # -- the file ------------------------------------------------------------------------------
    @property
    def sha256(self) -> str:
        """The graph's SHA-256 (the whole hex digest); exports the graph first if need be."""
        if self._sha is None:
            with self._lock:
                self._ensure()
        assert self._sha is not None
        return self._sha

    def _ensure(self) -> None:
        """Under the lock: make sure the cached file and its recorded hash exist (export if not).

        Only the small hash file is read here; the graph itself is checked against it once, before
        the first session is made, so a read that never runs the model pays nothing more.
        """
        if self._sha is not None:
            return
        recorded = self._recorded()
        if recorded and self.file.exists():
            self._sha = recorded[0]
            return
        if self.file.exists() or recorded:
            log.warning("the cached ONNX graph %s is incomplete; exporting it again", self.file)
        self._write()

    def _write(self) -> None:
        """Export the graph into the cache (atomically: a concurrent reader sees the old file or the new)."""
        log.info("exporting the model to ONNX once, into %s", self.file)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{self.key}-", suffix=".onnx", dir=self.folder)
            os.close(fd)
        except OSError as exc:
            raise EngineError(
                f"cannot write the ONNX model cache in {self.folder} ({exc.strerror or exc}); set "
                "QUOTEBOT_CACHE_DIR to a writable folder"
            ) from None
        tmp_path = Path(tmp)
        hash_tmp = tmp_path.with_suffix(".sha256")
        try:
            self._export(tmp_path)
            sha = file_sha256(tmp_path)
            os.replace(tmp_path, self.file)
            self._record(sha, hash_tmp)
        except QuotebotError:
            raise
        except ImportError as exc:
            raise EngineError(
                f"cannot export the model to ONNX: {exc}. Reinstall Quotebot's dependencies (`make install`)"
            ) from None
        except OSError as exc:
            raise EngineError(
                f"cannot write the ONNX model cache in {self.folder} ({exc.strerror or exc}); free some "
                "space or set QUOTEBOT_CACHE_DIR to a writable folder"
            ) from None
        finally:
            tmp_path.unlink(missing_ok=True)
            hash_tmp.unlink(missing_ok=True)
        self._sha, self._verified = sha, True

    def _recorded(self) -> tuple[str, int, int] | None:
        """(hash, size, modification time in ns) as recorded beside the graph, or None."""
        try:
            sha, size, mtime = self._hash_file.read_text(encoding="ascii").split()
            return sha, int(size), int(mtime)
        except (OSError, ValueError):
            return None

    def _record(self, sha: str, tmp: Path) -> None:
        """Write the hash file (through ``tmp``, atomically) for the graph file as it is now."""
        st = self.file.stat()
        tmp.write_text(f"{sha} {st.st_size} {st.st_mtime_ns}\n", encoding="ascii")
        os.replace(tmp, self._hash_file)

    def _verify(self) -> None:
        """Under the lock, once: check the cached graph against its recorded hash (re-export if not).
        An unchanged size and modification time stand for the bytes hashed when they were recorded."""
        self._ensure()
        if self._verified:
            return
        recorded = self._recorded()
        try:
            st = self.file.stat()
            same = recorded is not None and (st.st_size, st.st_mtime_ns) == recorded[1:]
        except OSError:
            same = False
        if same:
            self._verified = True
            return
        sha = file_sha256(self.file)
        if sha == self._sha:  # the same bytes, touched or copied: record its new stat
            with contextlib.suppress(OSError):
                self._record(sha, self._hash_file.with_name(f".{self._hash_file.name}.tmp"))
        else:
            log.warning("the cached ONNX graph %s is damaged (hash mismatch); exporting it again", self.file)
            self._sha = None
            self._write()
        self._verified = True

    # -- sessions ------------------------------------------------------------------------------
    def session(self, threads: int = 1) -> Any:
        """The session with ``threads`` intra-op threads (made on first use, then shared: thread-safe)."""
        sess = self._sessions.get(threads)
        if sess is not None:
            return sess
        with self._lock:
            sess = self._sessions.get(threads)
            if sess is None:
                sess = self._new_session(threads)
                self._sessions[threads] = sess
        return sess

    def _new_session(self, threads: int) -> Any:
        import onnxruntime as ort

        self._verify()
        for attempt in (1, 2):
            opts = ort.SessionOptions()
            opts.intra_op_num_threads = threads
            opts.inter_op_num_threads = 1
            opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
            opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            opts.log_severity_level = 3
            # Idle pool threads sleep instead of spinning: a spinning reader pool took the core that
            # the rest of the answer (Chroma, NumPy) ran on; p95 of a reader-on answer 68 -> 41 ms.
            opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
            try:
                # From the path, not from bytes: no Python copy of the weights (~75 MB less).
                return ort.InferenceSession(str(self.file), opts, providers=["CPUExecutionProvider"])
            except Exception as exc:  # ONNX Runtime raises its own Fail/InvalidGraph types
                if attempt == 2:
                    raise EngineError(
                        f"ONNX Runtime cannot load the graph {self.file} ({type(exc).__name__}: {exc}); "
                        f"delete {self.folder} and run again"
                    ) from None
                log.warning("ONNX Runtime could not load %s (%s); exporting it again", self.file, exc)
                self._sha = None
                self._write()
        raise AssertionError("unreachable")
