"""Names for the same thing, kept beside the documents they are about: ``.quotebot/aliases.json``.

A question may say "Washington" where the text says "U.S. Response", or "the Kremlin" where it says
"Moscow". Which names go together depends on the corpus, so the table is not part of the product: it
is an optional file in the indexed folder (hidden, so it is never indexed as a document), read at
index time and kept in the manifest, where every reader finds it (also through a Chroma server).
Without it, sources are still found by the words of their own labels.

The file maps a key to its names: ``{"NATO": ["NATO", "the Alliance", "Allies"], …}``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from .errors import UsageError

#: Where the table lives, relative to an indexed folder.
ALIASES_FILE = Path(".quotebot") / "aliases.json"

#: The frozen form the read path uses: (key, names) pairs, hashable so lookups can be cached.
AliasTable = tuple[tuple[str, tuple[str, ...]], ...]


def read_aliases(paths: Iterable[Path]) -> dict[str, list[str]]:
    """The alias tables of the indexed folders, merged (names of one key are united)."""
    merged: dict[str, list[str]] = {}
    for root in paths:
        path = root / ALIASES_FILE
        if not root.is_dir() or not path.is_file():
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise UsageError(f"cannot read the alias table {path}: {exc}; fix it or delete it") from None
        if not isinstance(data, dict) or not all(
            isinstance(k, str) and isinstance(v, list) and all(isinstance(n, str) for n in v)
            for k, v in data.items()
        ):
            raise UsageError(
                f"the alias table {path} must map names to lists of names, e.g. "
                '{"NATO": ["NATO", "the Alliance"]}; fix it or delete it'
            )
        for key, names in data.items():
            group = merged.setdefault(key, [])
            group.extend(n for n in names if n not in group)
    return merged


def freeze(aliases: dict[str, list[str]] | None) -> AliasTable:
    """The manifest's alias table in the read path's frozen form."""
    return tuple((str(k), tuple(str(n) for n in v)) for k, v in sorted((aliases or {}).items()))
