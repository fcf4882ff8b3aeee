"""Opening Chroma: chromadb's start-up signature checks are skipped while it loads, and only then."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import overrides
import pytest

from index.connection import StoreConfig, _marking_overrides, connect


class _Base(overrides.EnforceOverrides):
    def run(self, question: str) -> str:
        return question


def _subclass() -> Any:
    """A subclass whose override does not match the base's signature (overrides rejects it)."""

    class Sub(_Base):
        @overrides.override
        def run(self, question: str, extra: int) -> str:  # type: ignore[override]
            return question * extra

    return Sub


def test_while_chromadb_loads_an_override_is_marked_not_checked() -> None:
    with _marking_overrides():
        sub = _subclass()
    assert sub.run.__override__ is True  # what EnforceOverrides needs at class creation

    # Afterwards the package checks again, as it did before.
    with pytest.raises(TypeError):
        _subclass()


def test_connect_restores_the_decorator_and_opens_a_working_index(tmp_path: Path) -> None:
    before = (overrides.override, overrides.overrides)
    client = connect(StoreConfig(index_dir=tmp_path / "idx"))
    assert (overrides.override, overrides.overrides) == before

    col = client.get_or_create_collection("probe", embedding_function=None)
    col.add(ids=["a"], embeddings=[[1.0, 0.0]], documents=["a sentence"])
    assert col.get(ids=["a"])["documents"] == ["a sentence"]
