"""Errors of the write path, each carrying a message a user can act on."""

from __future__ import annotations


class QuotebotError(Exception):
    """Base of every error that should reach a user as a friendly one-line message."""

    exit_code = 1


class LoadError(QuotebotError):
    """A file could not be turned into a document; the indexer skips it with this reason."""


def one_line(exc: BaseException) -> str:
    """``Type: first line of the message``, short: reasons are shown one per line in a table."""
    lines = str(exc).strip().splitlines()
    detail = " ".join(lines[0].split())[:120] if lines else ""
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__


class IndexMissingError(QuotebotError):
    """No index exists where one was expected."""


class IndexEmptyError(IndexMissingError):
    """An index exists but holds no document (every file given to the indexer was skipped)."""


class IndexMismatchError(QuotebotError):
    """The index was built with other settings (model, dimension, chunker) than the current ones."""


class IndexBusyError(QuotebotError):
    """Another writer holds the index lock."""


class StoreUnavailableError(QuotebotError):
    """The Chroma server cannot be reached, or the data folder cannot be used."""


class StoreWriteError(QuotebotError):
    """Writing the index failed (disk full, folder read-only); the live index is left as it was."""


class IndexChangedError(QuotebotError):
    """The index generation being read was replaced by a rebuild; the reader should reload."""


class UsageError(QuotebotError):
    """The user asked for something impossible (missing path, bad option)."""

    exit_code = 2


class EngineError(QuotebotError):
    """The model's ONNX graph could not be exported, written to its cache or loaded."""
