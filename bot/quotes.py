"""The pick and verify stages: quotes from ranked sentences, best first, adjacent sentences merged
when both are needed (by score, by the reader, or when the best lacks the contact detail asked for
and the next goes on about it and gives it), a short answer under its question whole, several sources when the question spans them, no near-duplicates; then each
checked against the stored canonical text. Nothing unverified leaves this module.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

import numpy as np

from .focus import Focus, focus_of, satisfies
from .index_view import IndexView, SpanRec
from .lexical import is_item, is_question, words
from .models import Quote
from .ranker import Ranked
from .understand import Understood

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


def merge_partner(
    view: IndexView, s: SpanRec, score_of: dict[str, float], taken: Collection[str] = ()
) -> tuple[SpanRec, int] | None:
    """The neighbour of ``s`` (same section) that scores best, with its direction (-1 before, 1
    after), among those not ``taken``; None when it has none. Whether to merge it is the caller's
    rule (``pick``: at least ``merge_ratio`` of the sentence's score)."""
    scored = [
        (score_of.get(n.id, 0.0), n, d)
        for n, d in ((view.neighbour(s, -1), -1), (view.neighbour(s, 1), 1))
        if n is not None and n.id not in taken
    ]
    if not scored:
        return None
    _, n, d = max(scored, key=lambda x: x[0])
    return n, d


#: A sentence that goes on about the one before it: a pronoun among its first words ("Write to
#: *her* at dpo@… or call 0113…" after "Our data protection officer is Ruth Adeyemi."), as written
#: (the "IT" of "IT problems: …" is none); a list's next item goes on about nothing.
_GOES_ON = re.compile(
    r"^\W*(?:(?:He|She|It|They|His|Her|Its|Their)\b|(?:\S+\s+){0,3}?(?:he|she|it|they|him|her|them|his|its|their)\b)"
)


def _continuation_with_detail(
    view: IndexView, s: SpanRec, focus: Focus, taken: Collection[str]
) -> tuple[SpanRec, int] | None:
    """The sentence after the best one, to quote with it, when the question asks for a contact
    detail (``focus.contact``: a phone number, an email or web address) that the best lacks and the
    next one goes on about it and gives: the answer spans both, whatever their scores. (Not for a
    date or a count: "It closed in 1974." after "The mill was founded by John Smith." is another
    fact's date.)"""
    if focus.contact is None:
        return None
    n = view.neighbour(s, 1)
    if n is None or n.id in taken or is_item(n.text) or not _GOES_ON.match(n.text):
        return None
    return (n, 1) if not satisfies(s.text, focus) and satisfies(n.text, focus) else None


#: A sentence about a person it names only by a pronoun: "She can be reached on…", "Write to him
#: at…", "His number is…" (not "it", "they", "their": an office or a firm is spoken of so too).
_ABOUT_HER = re.compile(r"^\W*(?:(?:She|He)\b|(?:\S+\s+){0,3}?(?:she|he|her|him|his)\b)")
#: A name after a sentence's first word: "Ring Joan Pryce: her number is…" says who already.
_NAMED = re.compile(r"(?<=\s)(?!I\b)[A-Z][a-z]")
#: How far back the sentence that says who may be ("Joan Pryce is our secretary. She took over in
#: 2021. She can be reached on…"): the sentences quoted, the best one included.
_WHO_REACH = 3


def _antecedent_of_detail(
    view: IndexView, s: SpanRec, focus: Focus, taken: Collection[str]
) -> tuple[SpanRec, int] | None:
    """The sentence that says who, to quote with the best one, when the question asks for a contact
    detail that the best gives about a person it names only as "she", "her", "him" or "his" ("She
    can be reached on 07700 900451." after "The secretary is Joan Pryce."): the sentences before it
    in its paragraph, back to the first that does not speak of them so, at most ``_WHO_REACH`` in
    all, none of them a list's item or giving a contact detail of its own."""
    if focus.contact is None or is_item(s.text) or not satisfies(s.text, focus):
        return None
    if not _ABOUT_HER.match(s.text) or _NAMED.search(s.text):
        return None
    doc = view.text(s.doc_id) or ""
    run = [s]
    while len(run) < _WHO_REACH:
        p = view.neighbour(run[0], -1)
        if p is None or p.id in taken or is_item(p.text) or satisfies(p.text, focus):
            return None
        if "\n\n" in doc[p.end : run[0].start]:  # another paragraph
            return None
        run.insert(0, p)
        if not _ABOUT_HER.match(p.text):
            return p, -1
    return None


#: An answer under its question (an FAQ's, an interview's) is quoted whole when it is this short.
_WHOLE_ANSWER_SENTENCES = 3
_WHOLE_ANSWER_CHARS = 500


def _whole_answer(view: IndexView, s: SpanRec, taken: Collection[str]) -> list[SpanRec] | None:
    """The sentences of the answer ``s`` belongs to, when its section is headed by the question it
    answers ("Q: How do I get a plot?") and the answer is short: "A: Add your name to the waiting
    list… The list is currently about 18 months long." reads as one reply, not as two quotes."""
    if not is_question(s.section):
        return None
    run = [s]
    while (n := view.neighbour(run[0], -1)) is not None and len(run) <= _WHOLE_ANSWER_SENTENCES:
        run.insert(0, n)
    while (n := view.neighbour(run[-1], 1)) is not None and len(run) <= _WHOLE_ANSWER_SENTENCES:
        run.append(n)
    if len(run) > _WHOLE_ANSWER_SENTENCES or any(x.id in taken for x in run):
        return None
    if run[-1].end - run[0].start > _WHOLE_ANSWER_CHARS:
        return None
    return run


def spread_sections(view: IndexView, ranked: Ranked, u: Understood, top_k: int) -> list[str] | None:
    """For a question about several sources ("What do both responses say…"), the sections that
    should each get a quote: those it names, else the headed sections among the candidates (not a
    document's own untitled text, labelled with its title), those with the best candidates first,
    not the first ones of a long document. None when there are fewer than two."""
    if not u.wants_both:
        return None
    best: dict[str, float] = {}
    for s, belief in zip(ranked.candidates.sentences, ranked.beliefs, strict=True):
        best[s.section] = max(best.get(s.section, float("-inf")), float(belief))
    order = {label: i for i, label in enumerate(view.section_labels)}  # ties keep the documents' order
    headed = sorted(
        (lab for lab in best if lab not in view.titles),
        key=lambda lab: (-best[lab], order.get(lab, len(order))),
    )
    routable = [lab for lab in (u.sources or headed) if lab in best]
    return routable[:top_k] if len(routable) >= 2 else None


def pick(
    view: IndexView,
    ranked: Ranked,
    u: Understood,
    top_k: int,
    merge_ratio: float,
    merges: Mapping[str, int] | None = None,
) -> list[Picked]:
    """Choose up to ``top_k`` quotes, best first: each the best sentence not yet used, merged with
    its better neighbour when that scores at least ``merge_ratio`` as well (the answer spans both),
    near-duplicates skipped, and one per section first when the question spans sections. A short
    answer under the question it answers is taken whole (``_whole_answer``), a best sentence
    without the contact detail asked for takes the next one that gives it
    (``_continuation_with_detail``), and one that gives it about "her" or "him" the sentence before
    in its paragraph that says who (``_antecedent_of_detail``).
    ``merges`` (the reader's, by sentence id: -1 / 1 the neighbour its answer runs into, 0 none)
    overrides the score rule for the sentences it names.

    A quote's score is the confidence that the documents answer, scaled by its share of belief
    relative to the best candidate, so the top quote's score is the confidence itself."""
    sentences, beliefs = ranked.candidates.sentences, ranked.beliefs
    spread = spread_sections(view, ranked, u, top_k)
    order = [int(i) for i in np.argsort(-beliefs)]
    score_of = {sentences[i].id: float(beliefs[i]) for i in order}
    picked: list[Picked] = []
    used: set[str] = set()
    focus = focus_of(u.question)

    def take(i: int) -> None:
        s = sentences[i]
        best = score_of[s.id]
        whole = _whole_answer(view, s, used)
        if whole is not None:  # a short answer under its question is quoted whole
            used.update(x.id for x in whole)
            picked.append(Picked(whole[0], whole[-1], best))
            return
        first = last = s
        # The neighbour to add: the reader's choice where it read the sentence, else the score rule.
        if merges is not None and s.id in merges:
            d = merges[s.id]
            n = view.neighbour(s, d) if d else None
            partner = (n, d) if n is not None and n.id not in used else None
        else:
            partner = merge_partner(view, s, score_of, used)
            if partner is not None and score_of.get(partner[0].id, 0.0) < merge_ratio * best:
                partner = None
            if partner is None and not picked:
                partner = _continuation_with_detail(view, s, focus, used) or _antecedent_of_detail(
                    view, s, focus, used
                )
        if partner is not None:
            n, d = partner
            first, last = (n, s) if d < 0 else (s, n)
            used.add(n.id)
            between = view.neighbour(first, 1)  # the sentences a quote of several spans between
            while between is not None and between.id != last.id and between.start < last.start:
                used.add(between.id)
                between = view.neighbour(between, 1)
        used.add(s.id)
        picked.append(Picked(first, last, best))

    def duplicate(i: int) -> bool:
        s = sentences[i]
        return s.id in used or any(_jaccard(s.text, view.sentences[p.first.row].text) > 0.8 for p in picked)

    if spread:
        for section in spread:
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
    picked = picked[: max(top_k, len(spread or []))]
    best = float(beliefs.max()) if len(beliefs) else 1.0
    for p in picked:
        p.score = ranked.confidence * p.score / best if best > 0 else 0.0
    return picked


def verify(
    view: IndexView, p: Picked, header: SpanRec | None = None, label: tuple[int, int] | None = None
) -> Quote | None:
    """The quote for a pick, only if ``doc_text[start:end] == text`` against the stored document.
    ``header``: the header row of the table the pick's first sentence is a row of
    (``Retriever.columns_row``); it becomes the quote's ``columns`` when it lies before the quote
    and is checked against the document too. ``label``: where the label lies that opens the line
    the quote goes on in (``Retriever.line_label``); it becomes the quote's ``line_label`` when it
    lies on the quote's line before it."""
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
    shown = None  # the header row shown with the quote, once checked
    if header is not None and header.doc_id == p.doc_id and header.end <= start:
        if doc_text[header.start : header.end] == header.text:
            shown = header
        else:
            log.warning(
                "header row of %s[%d:%d] not shown: it does not match the stored text", p.doc_id, start, end
            )
    lead = None  # the line's label shown with the quote: on its line, before it
    if label is not None and label[1] <= start and "\n" not in doc_text[label[0] : start]:
        lead = label
    return Quote(
        text=text,
        doc_id=p.doc_id,
        title=view.title(p.doc_id),
        section=p.first.section,
        start=start,
        end=end,
        score=round(p.score, 4),
        quotation=p.first.quotation or p.last.quotation,
        columns=shown.text if shown else None,
        columns_start=shown.start if shown else None,
        columns_end=shown.end if shown else None,
        line_label=doc_text[lead[0] : lead[1]] if lead else None,
        line_label_start=lead[0] if lead else None,
        line_label_end=lead[1] if lead else None,
    )
