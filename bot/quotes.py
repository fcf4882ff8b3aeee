"""Pick quotes from scored sentences: best first, adjacent sentences merged when both are needed,
several sources when the question spans them, no near-duplicates; then verify each against the
stored canonical text. Nothing unverified leaves this module.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from .index_view import IndexView, SpanRec
from .lexical import words
from .models import Quote

log = logging.getLogger(__name__)


@dataclass
class Picked:
    first: SpanRec
    last: SpanRec
    score: float

    @property
    def doc_id(self) -> str:
        return self.first.doc_id


def _jaccard(a: str, b: str) -> float:
    wa, wb = set(words(a)), set(words(b))
    return len(wa & wb) / max(1, len(wa | wb))


def pick(
    view: IndexView,
    sentences: list[SpanRec],
    scores: np.ndarray,
    top_k: int,
    merge_ratio: float,
    spread_sections: list[str] | None = None,
) -> list[Picked]:
    """Choose up to ``top_k`` quotes. ``spread_sections``: try to give each of these a quote."""
    order = [int(i) for i in np.argsort(-scores)]
    score_of = {sentences[i].id: float(scores[i]) for i in order}
    picked: list[Picked] = []
    used: set[str] = set()

    def take(i: int) -> None:
        s = sentences[i]
        best = score_of[s.id]
        first = last = s
        # Merge a neighbour that scores nearly as well: the answer spans both sentences.
        neighbours = [(view.neighbour(s, -1), -1), (view.neighbour(s, 1), 1)]
        scored = [
            (score_of.get(n.id, 0.0), n, d) for n, d in neighbours if n is not None and n.id not in used
        ]
        if scored:
            sc, n, d = max(scored, key=lambda x: x[0])
            if sc >= merge_ratio * best:
                first, last = (n, s) if d < 0 else (s, n)
                used.add(n.id)
        used.add(s.id)
        picked.append(Picked(first, last, best))

    def duplicate(i: int) -> bool:
        s = sentences[i]
        return s.id in used or any(_jaccard(s.text, view.sentences[p.first.row].text) > 0.8 for p in picked)

    if spread_sections:
        for section in spread_sections:
            for i in order:
                if sentences[i].section == section and not duplicate(i):
                    take(i)
                    break
        picked.sort(key=lambda p: -p.score)
    for i in order:
        if len(picked) >= top_k:
            break
        if not duplicate(i):
            take(i)
    return picked[: max(top_k, len(spread_sections or []))]


def verify(view: IndexView, p: Picked) -> Quote | None:
    """The quote for a pick, only if ``doc_text[start:end] == text`` against the stored document."""
    doc_text = view.text(p.doc_id)
    if doc_text is None:
        log.warning("quote dropped: document %s has no stored text", p.doc_id)
        return None
    start, end = p.first.start, p.last.end
    if p.first.id == p.last.id:
        text = p.first.text
    else:
        text = doc_text[start:end]
        if (
            doc_text[p.first.start : p.first.end] != p.first.text
            or doc_text[p.last.start : p.last.end] != p.last.text
        ):
            log.warning("quote dropped: merged span of %s does not match its sentences", p.doc_id)
            return None
    if doc_text[start:end] != text:
        log.warning("quote dropped: %s[%d:%d] does not match the stored text", p.doc_id, start, end)
        return None
    return Quote(
        text=text,
        doc_id=p.doc_id,
        title=view.title(p.doc_id),
        section=p.first.section,
        start=start,
        end=end,
        score=round(p.score, 4),
        quotation=p.first.quotation or p.last.quotation,
    )
