"""The decide stage: does the best verified quote answer the question, or do the documents not say?

Every reason to abstain is weighed here, in one place and in this order:

1. no quote at all survived retrieval and verification;
2. not one of the question's own words occurs anywhere in the documents ("a good recipe for banana
   bread" asked of a staff handbook): whatever passage comes closest in meaning, the question is
   about something else. On the development questions (215 answerable ones of three sets) this
   never held for an answerable question; the abstention model alone let some through, as its
   dense similarity never falls to zero. The same when the only words of the question the
   documents use name a document ("What is the licence of Pebble?" of Pebble's install guide);
3. the question writes a number or a code that no document writes ("Tidewater 3.3" of the notes
   for 3.2, "error E04" of a table that stops at E03; ``bot.numbers``; the asker's own age aside). On the development and
   held-out questions of the three sets this held for 28 unanswerable questions and not one of
   1,312 answerable ones;
4. the confidence is below the threshold: the abstention model's (``bot.ranker``), or with the
   reader on, the reader's decision (``bot.read``); named as reason 6 when that holds too (and
   the question has no slip of spelling to point at), which says what is missing;
5. the question asks for someone's contact detail ("the landlord's phone number") and the best
   quote comes from a document that never mentions them, while another document does: the
   support line of a broadband FAQ is not the landlord's number of a tenancy agreement;
6. the detail asked for is missing from the best ``DETAIL_QUOTES`` quotes (``bot.focus``): "When…"
   with no date, "How many missiles…" with no number of missiles, "What does Article 5 say…"
   without Article 5, "What's her phone number?" without one. A date in a quote's section label
   dates it ("3.2.0 - 2026-09-14 › Added": ``features.answer_text``).

With abstention off (evaluation ablations, benchmarks that compare answers), only the first holds.
"""

from __future__ import annotations

from dataclasses import dataclass

from .features import answer_text, priced_rows
from .focus import detail_missing
from .models import Quote
from .numbers import against_a_bound, in_the_askers_preamble
from .ranker import Ranked
from .understand import Understood

NOTHING_MATCHES = "nothing in the documents matches this question"
NOT_ANSWERED = "no passage answers this question"
#: Reason 2; ``{words}``: the question's words, which the user can check for spelling.
OFF_TOPIC = "none of the question's words occurs in the documents ({words})"
#: Words named in that reason at most.
OFF_TOPIC_WORDS = 6
#: Added to reason 4 when the question has words the documents use only one letter off.
SLIPS = " (check the spelling of {words})"
#: Reason 2, when the question's only known words name a document; ``{words}``: the others.
UNKNOWN_WORDS = "the documents never mention {words}"
#: Reason 3; ``{numbers}``: as the question writes them.
UNKNOWN_NUMBERS = "the documents never mention {numbers}"
#: Reason 5; ``{owner}``: whose contact detail was asked for, as the question writes it.
OTHER_OWNER = 'the closest passage is from a document that never mentions "{owner}"'
#: How many of the best quotes may hold the detail asked for (reason 6): the first, the one the
#: user reads as the answer. A later quote often holds a detail of the right kind about something
#: else ("Guest parking … costs £12 per night" for "How much does the Mill Lane car park cost?").
#: On the development questions of the four sets (``scripts/focus_report.py``), the best quote
#: alone instead of the best two refused 7 more of 534 unanswerable questions (default 1 of 12,
#: everyday 2 of 21, everyday-dev 2 of 32, XQuAD 2 of 469) and 3 more of 770 answerable ones (all
#: XQuAD, of 612); two instead of three had refused 2 more unanswerable and no answerable ones.
DETAIL_QUOTES = 1


@dataclass(frozen=True)
class Decision:
    """Whether to answer with the quotes; if not, why, in words a user can read."""

    answers: bool
    reason: str | None = None


def decide(
    u: Understood,
    ranked: Ranked,
    quotes: list[Quote],
    threshold: float,
    abstain: bool = True,
    detail_rule: bool = True,
    headers: list[str | None] | None = None,
) -> Decision:
    """Answer, or abstain with a reason. ``abstain=False`` answers whenever there is a quote;
    ``detail_rule=False`` skips reason 6 (the reader's decision weighs the detail itself).
    ``headers``: per quote, the header row of the table it is a row of (``Retriever.table_header``),
    whose currency makes a bare amount a price (``features.priced_rows``)."""
    if not quotes:
        return Decision(False, NOTHING_MATCHES)
    if not abstain:
        return Decision(True)
    question = ranked.candidates.question
    if question.off_topic:
        return Decision(False, OFF_TOPIC.format(words=", ".join(question.off_topic_words[:OFF_TOPIC_WORDS])))
    if question.unmentioned_words:
        return Decision(
            False, UNKNOWN_WORDS.format(words=", ".join(question.unmentioned_words[:OFF_TOPIC_WORDS]))
        )
    unknown = [
        n
        for n in question.unknown_numbers
        if not against_a_bound(n, u.question, quotes[0].text) and not in_the_askers_preamble(n, u.question)
    ]
    if unknown:
        return Decision(False, UNKNOWN_NUMBERS.format(numbers=", ".join(unknown)))
    gap = None
    if detail_rule:
        heads = [*(headers or ()), *[None] * DETAIL_QUOTES]
        texts = [
            answer_text(priced_rows(q.text, h, u.question), q.section, u.answer_type)
            for q, h in zip(quotes[:DETAIL_QUOTES], heads, strict=False)
        ]
        gap = detail_missing(texts, u.question, u.answer_type)
    if ranked.confidence < threshold:
        slips = question.slips[:OFF_TOPIC_WORDS]
        if gap and not slips:  # what is missing ("no passage gives the number asked for") tells more
            return Decision(False, gap)
        return Decision(False, NOT_ANSWERED + (SLIPS.format(words=", ".join(slips)) if slips else ""))
    if question.owner_docs and quotes[0].doc_id not in question.owner_docs:
        return Decision(False, OTHER_OWNER.format(owner=" ".join(question.owner)))
    if gap:
        return Decision(False, gap)
    return Decision(True)
