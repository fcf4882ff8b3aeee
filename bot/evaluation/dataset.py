"""Question sets: Quotebot's JSONL format, and SQuAD v1.1/v2.0 files turned into a corpus + questions.

JSONL rows: ``id``, ``question``, ``gold_quotes`` (exact substrings of the documents, or null when
unanswerable), ``source`` (expected section label or list of labels), ``kind``, optional ``split``
(``dev`` for tuning, ``test`` held out) and optional ``doc_id``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError


@dataclass
class EvalItem:
    id: str
    question: str
    gold_quotes: list[str] | None
    sources: list[str]
    kind: str = "factual"
    split: str = "test"
    #: Gold document, when known (SQuAD): a quote must come from it to count.
    doc_id: str | None = None
    #: Documents answered as if absent (a near miss: the gold paragraph hidden, its article kept).
    hidden_docs: tuple[str, ...] = ()

    @property
    def answerable(self) -> bool:
        return bool(self.gold_quotes)


def load_jsonl(path: Path) -> list[EvalItem]:
    if not path.exists():
        raise UsageError(f"no such question file: {path}")
    items = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            src = row.get("source")
            items.append(
                EvalItem(
                    id=str(row["id"]),
                    question=str(row["question"]),
                    gold_quotes=list(row["gold_quotes"]) if row.get("gold_quotes") else None,
                    sources=[src] if isinstance(src, str) else list(src or []),
                    kind=str(row.get("kind", "factual")),
                    split=str(row.get("split", "test")),
                    doc_id=row.get("doc_id"),
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise UsageError(f"{path}:{n}: not a valid question row ({type(exc).__name__}: {exc})") from None
    if not items:
        raise UsageError(f"{path} has no questions")
    return items


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")[:40] or "doc"


def load_squad(path: Path, corpus_dir: Path) -> list[EvalItem]:
    """Write each paragraph as a document (its article title as heading) and return its questions.

    Articles alternate between the ``dev`` and ``test`` splits, so tuning never sees test paragraphs.
    v2 ``is_impossible`` questions become unanswerable items. ``corpus_dir`` belongs to the
    evaluation: paragraph files of an earlier, different SQuAD file are removed from it, or they
    would be indexed too (the same paragraph twice, under another article number).
    """
    if not path.exists():
        raise UsageError(f"no such SQuAD file: {path}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))["data"]
    except (ValueError, KeyError) as exc:
        raise UsageError(f"{path} is not a SQuAD v1.1/v2.0 file ({type(exc).__name__})") from None
    corpus_dir.mkdir(parents=True, exist_ok=True)
    items: list[EvalItem] = []
    written: set[str] = set()
    for a, article in enumerate(data):
        title = str(article.get("title") or f"Article {a}").replace("_", " ")
        split = "dev" if a % 2 == 0 else "test"
        for p, para in enumerate(article["paragraphs"]):
            doc_id = f"{a:03d}-{p:02d}-{_slug(title)}.txt"
            target = corpus_dir / doc_id
            written.add(doc_id)
            content = f"{title}\n\n{para['context']}\n"
            if not target.exists() or target.read_text(encoding="utf-8") != content:
                target.write_text(content, encoding="utf-8")
            for qa in para["qas"]:
                impossible = bool(qa.get("is_impossible"))
                answers = (
                    [] if impossible else sorted({x["text"] for x in qa.get("answers", []) if x.get("text")})
                )
                items.append(
                    EvalItem(
                        id=str(qa["id"]),
                        question=str(qa["question"]),
                        gold_quotes=answers or None,
                        sources=[title],
                        kind="unanswerable" if not answers else "squad",
                        split=split,
                        doc_id=doc_id,
                    )
                )
    for stale in corpus_dir.glob("*.txt"):
        if stale.name not in written:
            stale.unlink()
    return items


def near_misses(items: list[EvalItem], texts: Mapping[str, str]) -> list[EvalItem]:
    """Each answerable question again, with its gold paragraph hidden: now it should abstain.

    SQuAD v1.1 has no unanswerable questions, and absent-topic ones are easy. These are the hard
    kind, built the SQuAD 2.0 way: every other paragraph of the article stays, so the entities and
    the topic are there and only the asked detail is gone. A question whose answer text also
    appears in another document is skipped (it may still be answerable).
    """
    out = []
    for item in items:
        if not item.answerable or not item.doc_id:
            continue
        gold = item.gold_quotes or []
        if any(g in text for doc, text in texts.items() if doc != item.doc_id for g in gold):
            continue
        out.append(
            EvalItem(
                id=f"{item.id}~hidden",
                question=item.question,
                gold_quotes=None,
                sources=item.sources,
                kind="near-miss",
                split=item.split,
                doc_id=item.doc_id,
                hidden_docs=(item.doc_id,),
            )
        )
    return out
