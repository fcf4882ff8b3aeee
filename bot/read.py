"""The read stage: the reader (``bot.reader``) reads the best candidates and re-weighs them.

It runs between rank and pick. The best ``READ_TOP`` candidate sentences (the decision's
``read_top``; none when the ranker is sure, ``skips``; the best alone when a decision says it leads
far enough, ``windows_to_read``) are each read in a window
of three sentences (the sentence and its neighbours in the same section, as in training; the
fitted decision may keep only the near ends of the neighbours, ``context_chars``, which reads fewer
word pieces), and the reader's findings decide three things, with the ranker's signals:

- **which candidate comes first**: each read sentence's score gains ``rerank`` × the margin of the
  best span that touches it (a span's score over the window's no-answer score);
- **whether to add the neighbour sentence**: when that span runs over into a neighbour, the quote
  takes the neighbour too; when it lies inside the sentence, the quote is the sentence alone;
- **whether the documents answer at all**: the confidence becomes a logistic model over named
  inputs (the best margin of any window, the best margin that touches a read sentence, the ranker's
  own confidence), fitted on development questions by ``scripts/fit_reader_decision.py`` and kept in
  the reader's manifest with its threshold.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import numpy as np

from .index_view import IndexView, SpanRec
from .ranker import Ranked, softmax
from .reader import Reader, best_spans
from .understand import Understood

#: Candidates read per question (the best by the ranker's belief), unless the fitted decision says
#: fewer (``read_top``): the read stage's time grows with the windows read.
READ_TOP = 5

#: The decision model's inputs, by name (``reader.json`` → ``decision``). ``kind_asked``: the
#: question asks for a kind of detail (a date, a number, a name, a place: ``features.answer_type``),
#: the SQuAD kind of question on which the reader's margin says most; ``kind_margin`` is the margin
#: on those questions only, so the model can trust it there more than on "What does … say?".
DECISION_INPUTS = ("margin", "focal_margin", "confidence_logit", "kind_asked", "kind_margin")


@dataclass(frozen=True)
class Window:
    """A sentence in its window: the text read, where it starts in the document, and where the
    sentence itself lies in it."""

    sentence: SpanRec
    first: SpanRec
    last: SpanRec
    text: str
    #: Where ``text`` starts in the document: ``first.start``, or later where the neighbour before
    #: was cut (``window_of``'s ``context``).
    start: int

    @property
    def focus(self) -> tuple[int, int]:
        return self.sentence.start - self.start, self.sentence.end - self.start


def _cut_before(doc: str, start: int, end: int, chars: int | None) -> int:
    """Where the text ``doc[start:end]`` before a window's sentence starts when it keeps at most
    ``chars`` characters: at the start of a word."""
    if chars is None or end - start <= chars:
        return start
    at = end - chars
    while at < end and not doc[at - 1].isspace():
        at += 1
    while at < end and doc[at].isspace():
        at += 1
    return at


def _cut_after(doc: str, start: int, end: int, chars: int | None) -> int:
    """Where the text ``doc[start:end]`` after a window's sentence ends when it keeps at most
    ``chars`` characters: at the end of a word."""
    if chars is None or end - start <= chars:
        return end
    at = start + chars
    while at > start and not doc[at].isspace():
        at -= 1
    while at > start and doc[at - 1].isspace():
        at -= 1
    return at


def window_of(view: IndexView, s: SpanRec, context: int | None = None) -> Window | None:
    """The sentence with its neighbours in the same section (None if its document has no text).

    ``context``: characters kept of each neighbour, the end of the one before and the start of
    the one after, cut at a word; None keeps them whole, as in training. The reader's time grows
    with the word pieces it reads (a news window of three sentences runs to 150-190), and what a
    question asks of a sentence seldom lies at a neighbour's far end."""
    doc = view.text(s.doc_id)
    if doc is None:
        return None
    first = view.neighbour(s, -1) or s
    last = view.neighbour(s, 1) or s
    start = _cut_before(doc, first.start, s.start, context)
    end = _cut_after(doc, s.end, last.end, context)
    return Window(s, first, last, doc[start:end], start)


def context_of(decision: dict[str, float]) -> int | None:
    """The characters of each neighbour a fitted decision reads with (``context_chars``; absent or
    0: whole neighbours). The decision's weights were fitted on margins read so, and travel with it."""
    chars = int(decision.get("context_chars", 0))
    return chars if chars > 0 else None


@dataclass(frozen=True)
class Reading:
    """What the reader found in the best candidates, before it is weighed against anything."""

    #: Per read candidate row: the margin of the best span that touches its sentence.
    focal: dict[int, float] = field(default_factory=dict)
    #: Per read sentence id with an answer span: -1 / 1 to add that neighbour, 0 for the sentence alone.
    merges: dict[str, int] = field(default_factory=dict)
    #: The best margin of any window read (the question-level evidence that the text answers).
    margin: float = -math.inf

    @property
    def best_focal(self) -> float:
        """The best margin of a span touching a read sentence (-inf when nothing was read)."""
        return max(self.focal.values(), default=-math.inf)


@dataclass(frozen=True)
class Read:
    """The read stage's output: the reading, and the candidates re-weighed with it."""

    reading: Reading
    #: The rank stage's candidates with the reader folded in (scores, beliefs, confidence).
    ranked: Ranked
    #: The answer threshold for ``ranked.confidence`` that comes with the fitted decision.
    threshold: float = 0.5
    #: Whether the focus rules (``bot.focus``) still apply with this decision.
    detail_rule: bool = False
    #: Whether the reader's spans decide the merging (else the ranker's ``merge_ratio`` rule does).
    merge: bool = True

    @property
    def merges(self) -> dict[str, int] | None:
        """The reader's merge choices, or None for the ranker's rule (also when nothing was read)."""
        return self.reading.merges if self.merge and self.reading.focal else None


def decision_inputs(margin: float, focal: float, confidence: float, kind_asked: bool) -> dict[str, float]:
    """The decision model's named inputs (clipped, so a missing window cannot dominate)."""
    c = min(max(confidence, 1e-4), 1 - 1e-4)
    m = float(np.clip(margin, -20, 20))
    return {
        "margin": m,
        "focal_margin": float(np.clip(focal, -20, 20)),
        "confidence_logit": math.log(c / (1 - c)),
        "kind_asked": float(kind_asked),
        "kind_margin": m if kind_asked else 0.0,
    }


def answer_probability(inputs: dict[str, float], decision: dict[str, float]) -> float:
    z = decision.get("bias", 0.0) + sum(decision.get(k, 0.0) * inputs[k] for k in DECISION_INPUTS)
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def _merge_direction(w: Window, c0: int, c1: int) -> int:
    """Which neighbour an answer span at document offsets [c0, c1) runs into (0: neither)."""
    s = w.sentence
    if c0 < s.start and w.first is not s:
        return -1
    if c1 > s.end and w.last is not s:
        return 1
    return 0


def reading(
    view: IndexView,
    reader: Reader,
    ranked: Ranked,
    question: str,
    top: int = READ_TOP,
    context: int | None = None,
) -> Reading:
    """Read the ``top`` best candidates, each in its window (``window_of``, with ``context``
    characters of each neighbour; one batch through the model)."""
    sentences = ranked.candidates.sentences
    order = [int(i) for i in np.argsort(-ranked.beliefs)[:top]]
    windows = [(i, w) for i in order if (w := window_of(view, sentences[i], context)) is not None]
    if not windows:
        return Reading()
    batch = reader.encoder.encode(question, [w.text for _, w in windows])
    start, end = reader.logits(batch)
    margin_any, _, _ = best_spans(start, end, batch.offsets)
    focus = np.array([w.focus for _, w in windows])
    margin, si, ei = best_spans(start, end, batch.offsets, focus)
    focal: dict[int, float] = {}
    merges: dict[str, int] = {}
    for r, (i, w) in enumerate(windows):
        focal[i] = float(margin[r])
        if margin[r] > 0:
            c0 = w.start + int(batch.offsets[r, si[r], 0])
            c1 = w.start + int(batch.offsets[r, ei[r], 1])
            merges[w.sentence.id] = _merge_direction(w, c0, c1)
    return Reading(focal, merges, float(margin_any.max()))


def weigh(ranked: Ranked, got: Reading, decision: dict[str, float], kind_asked: bool) -> Read:
    """Fold a reading into the ranking and the confidence, with a decision's weights."""
    threshold = decision.get("threshold", 0.5)
    detail_rule = decision.get("detail_rule", 0.0) > 0.5
    merge = decision.get("merge", 1.0) > 0.5
    if not got.focal:
        return Read(got, ranked, threshold, detail_rule, merge)
    scores = ranked.scores.astype(np.float64).copy()
    # A span reader trained on SQuAD knows factoid questions (a date, a number, a name, a place);
    # the fit may let it reorder only those (``rerank_kinds_only``), not "What does … say about …?".
    gated = decision.get("rerank_kinds_only", 0.0) > 0.5 and not kind_asked
    weight = 0.0 if gated else decision.get("rerank", 0.0)
    for i, m in got.focal.items():
        scores[i] += weight * float(np.clip(m, -20, 20))
    inputs = decision_inputs(got.margin, got.best_focal, ranked.confidence, kind_asked)
    return Read(
        got,
        replace(
            ranked, scores=scores, beliefs=softmax(scores), confidence=answer_probability(inputs, decision)
        ),
        threshold,
        detail_rule,
        merge,
    )


def skips(ranked: Ranked, decision: dict[str, float]) -> bool:
    """Whether the ranker is sure enough to answer without the reader: its confidence is at least
    the decision's ``skip_above``, chosen on development questions as the lowest confidence above
    which not reading changed no refusal and cost under half a point of top-1
    (``scripts/fit_reader_decision.py``). The reader costs more than the rest of an answer."""
    return ranked.confidence >= decision.get("skip_above", math.inf)


def lead(ranked: Ranked) -> float:
    """How far the ranker's best candidate's score is ahead of the second's (inf with one)."""
    if len(ranked.scores) < 2:
        return math.inf
    first, second = np.partition(np.asarray(ranked.scores, dtype=np.float64), -2)[-2:][::-1]
    return float(first - second)


def windows_to_read(ranked: Ranked, decision: dict[str, float]) -> int:
    """How many candidates to read: the decision's ``read_top``, or only the best one when it leads
    the second by the decision's ``lone_lead`` or more (a window is half the read stage's time; a
    lead of 2 × 20 × ``rerank`` or more is one the second's reading could never overturn, as a
    margin moves a score by at most 20 × ``rerank``). Only a decision fitted with
    ``scripts/fit_reader_decision.py --lone`` has a ``lone_lead``: the shipped ones do not, since
    the second window's margin also weighs in the refusal (docs/reader.md, "Reading the best
    candidate alone")."""
    top = int(decision.get("read_top", READ_TOP))
    # (the lead is worked out only for a decision that reads alone: the shipped ones do not)
    return 1 if top > 1 and "lone_lead" in decision and lead(ranked) >= decision["lone_lead"] else top


def read(view: IndexView, reader: Reader, ranked: Ranked, u: Understood) -> Read:
    """The read stage: read the best candidates and weigh them with the shipped decision (or, when
    the ranker is already sure, read nothing and keep its answer: ``skips``; when its best
    candidate is far ahead, read that one alone: ``windows_to_read``)."""
    decision = reader.decision
    if skips(ranked, decision):
        return weigh(ranked, Reading(), decision, u.answer_type is not None)
    top = windows_to_read(ranked, decision)
    got = reading(view, reader, ranked, u.search_query, top, context_of(decision))
    return weigh(ranked, got, decision, u.answer_type is not None)


__all__ = [
    "DECISION_INPUTS",
    "READ_TOP",
    "Read",
    "Reading",
    "Window",
    "answer_probability",
    "context_of",
    "decision_inputs",
    "lead",
    "read",
    "reading",
    "skips",
    "weigh",
    "window_of",
    "windows_to_read",
]
