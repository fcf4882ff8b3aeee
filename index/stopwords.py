"""The English stop-word list shared by BM25 (``bot.lexical``) and the token vectors (``index.token_vectors``).

It lives in the write path because both the indexer and the read path filter with it, and the read
path already depends on ``index``, not the other way round.
"""

from __future__ import annotations

from pathlib import Path

STOPWORDS = frozenset(
    line.strip()
    for line in (Path(__file__).parent / "data" / "stopwords.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)
