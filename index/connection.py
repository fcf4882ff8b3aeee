"""Opening Chroma: the embedded on-disk client by default, the server when a host is configured.

Also what a failure means: ``is_transient`` (the server did not answer: retry), ``is_not_found``
and ``is_stale`` (the generation being read is gone or was rewritten by another process: reload).
Telemetry is off, and a reader never creates an index (``connect(create=False)``).
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import IndexMissingError, StoreUnavailableError

_NAME_OK = re.compile(r"[^a-zA-Z0-9._-]+")

#: The embedded Chroma's folder inside the index folder, and the SQLite database Chroma keeps in it
#: (every write to the index commits there; ``index.stamp`` reads its signature).
CHROMA_DIR = "chroma"
CHROMA_DATABASE = "chroma.sqlite3"


@dataclass(frozen=True)
class StoreConfig:
    """Where the index lives: a data folder (embedded Chroma) or a Chroma server."""

    index_dir: Path
    host: str | None = None
    port: int = 8000
    namespace: str | None = None
    timeout_s: float = 10.0
    #: How long a failing call to the Chroma server is retried (with backoff) before giving up.
    retry_s: float = 3.0

    @property
    def server_mode(self) -> bool:
        return bool(self.host)

    @property
    def ns(self) -> str:
        raw = self.namespace or f"qb-{self.index_dir.resolve().name or 'index'}"
        ns = _NAME_OK.sub("-", raw).strip("-._")[:40] or "quotebot"
        return ns if len(ns) >= 3 else f"qb-{ns}"

    def describe(self) -> str:
        if self.server_mode:
            return f"Chroma server {self.host}:{self.port} (namespace {self.ns})"
        return f"{self.index_dir}"


def _chroma_settings() -> Any:
    from chromadb.config import Settings

    return Settings(anonymized_telemetry=False, allow_reset=False)


def is_transient(exc: BaseException) -> bool:
    """A network failure talking to the Chroma server: worth retrying, not a bug."""
    import httpx

    if isinstance(exc, httpx.TransportError | ConnectionError | TimeoutError):
        return True
    return isinstance(exc, ValueError) and "could not connect" in str(exc).lower()


def is_not_found(exc: BaseException) -> bool:
    from chromadb.errors import NotFoundError

    return isinstance(exc, NotFoundError) or (isinstance(exc, ValueError) and "does not exist" in str(exc))


def is_stale(exc: BaseException) -> bool:
    """An embedded reader whose in-memory segments predate another process's writes."""
    from chromadb.errors import InternalError

    return isinstance(exc, InternalError) and "error finding id" in str(exc).lower()


def missing_index_message(where: str) -> str:
    """What to do when there is no index where one was looked for: build one, or point elsewhere."""
    return (
        f"no index in {where}; build one with `quotebot index` (the bundled corpus) or "
        "`quotebot index PATH`, or point --index-dir (QUOTEBOT_INDEX_DIR) at an existing index"
    )


def renamed_index_message(where: str, ns: str, others: list[str]) -> str:
    """What to do when an index folder holds an index under another name than its own."""
    return (
        f"{where} holds an index named '{others[0]}', not '{ns}' (an index is named after its "
        f"folder: was it renamed or copied?); give the folder its old name, or set "
        f"QUOTEBOT_CHROMA_NAMESPACE={others[0]} to use it as it is"
    )


#: One loading of chromadb at a time under ``_marking_overrides`` (it swaps a package's names).
_LOADING = threading.Lock()


def _mark_override(method: Any = None, **_options: Any) -> Any:
    """``overrides.override`` without its checks: the method is marked as an override, which is
    all that ``overrides.EnforceOverrides`` looks for when a class is created."""

    def mark(m: Callable[..., Any]) -> Callable[..., Any]:
        m.__override__ = True  # type: ignore[attr-defined]
        return m

    return mark(method) if method is not None else mark


@contextmanager
def _marking_overrides() -> Iterator[None]:
    """While chromadb loads, its ``@override`` decorators mark without checking.

    chromadb decorates ~160 of its methods with ``overrides.override``, which, as each class is
    created, disassembles the calling frame to find the base classes and compares the signatures
    through typing introspection: ~0.13 s of a cold ``quotebot ask`` (~1.3 s in all) spent checking
    chromadb's code against itself, identically at every start (docs/benchmarks.md). The swap lasts
    while chromadb is imported and a client is built (the first imports its Rust API module; a
    later one, at a reconnect, only pays for two attribute swaps under a lock); afterwards the
    package is as it was, and anything imported later is checked as usual.
    """
    try:
        import overrides
    except ImportError:  # a chromadb that no longer uses it
        yield
        return
    names = [n for n in ("override", "overrides") if callable(getattr(overrides, n, None))]
    with _LOADING:
        saved = {n: getattr(overrides, n) for n in names}
        for n in names:
            setattr(overrides, n, _mark_override)
        try:
            yield
        finally:
            for n, fn in saved.items():
                setattr(overrides, n, fn)


def connect(config: StoreConfig, create: bool = True) -> Any:
    """A Chroma client: ``HttpClient`` when a host is configured, else ``PersistentClient``.

    ``create=False`` is for readers: a read never creates an index, so a mistyped ``--index-dir``
    is reported as missing instead of leaving an empty folder (and a ``chroma/`` inside) behind.
    """
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    with _marking_overrides():
        import chromadb

        if config.host:
            try:
                client = chromadb.HttpClient(host=config.host, port=config.port, settings=_chroma_settings())
            except Exception as exc:
                raise _unreachable(config, exc) from None
        else:
            return _open_local(chromadb, config, create)
    try:
        client.heartbeat()  # outside the swap: it may wait for the server's timeout
    except Exception as exc:
        raise _unreachable(config, exc) from None
    return client


def _unreachable(config: StoreConfig, exc: BaseException) -> StoreUnavailableError:
    return StoreUnavailableError(
        f"cannot reach the Chroma server at {config.host}:{config.port} ({type(exc).__name__}); "
        f"start it with `chroma run --path DIR --host {config.host} --port {config.port}` "
        "or unset QUOTEBOT_CHROMA_HOST to use the local index folder"
    )


def _open_local(chromadb: Any, config: StoreConfig, create: bool) -> Any:
    """The embedded client over the index folder (``connect``, with the swap in place)."""
    if not create and not (config.index_dir / CHROMA_DIR).is_dir():
        raise IndexMissingError(missing_index_message(str(config.index_dir)))
    try:
        config.index_dir.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(config.index_dir / CHROMA_DIR), settings=_chroma_settings())
    except OSError as exc:
        raise StoreUnavailableError(
            f"cannot use the index folder {config.index_dir}: {exc.strerror or exc}"
        ) from None
    except Exception as exc:
        if "readonly" in str(exc).lower() or "read-only" in str(exc).lower():
            raise StoreUnavailableError(
                f"the index folder {config.index_dir} is read-only, and embedded Chroma needs to write "
                "even to answer; make it writable, copy it somewhere writable (--index-dir), or serve it "
                "with `chroma run` (QUOTEBOT_CHROMA_HOST)"
            ) from None
        raise StoreUnavailableError(
            f"cannot open the index in {config.index_dir} ({type(exc).__name__}: {exc}); "
            "if it is damaged, run `quotebot index --rebuild`"
        ) from None
