"""The error hierarchy of the read path. Front ends turn these into one friendly line each."""

from __future__ import annotations

from index.errors import (
    IndexBusyError,
    IndexMismatchError,
    IndexMissingError,
    LoadError,
    QuotebotError,
    StoreUnavailableError,
    UsageError,
)

__all__ = [
    "BadQuestionError",
    "IndexBusyError",
    "IndexMismatchError",
    "IndexMissingError",
    "LoadError",
    "QuotebotError",
    "RankerFileError",
    "StoreUnavailableError",
    "UsageError",
]


class BadQuestionError(QuotebotError):
    """The question cannot be asked as it is (empty, far too long)."""

    exit_code = 2


class RankerFileError(QuotebotError):
    """The ranker's weight file does not fit the features this code computes."""
