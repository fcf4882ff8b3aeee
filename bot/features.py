"""What the ranker and the abstention model see, built and read by name.

Two kinds of evidence, one module, so that a feature is defined in exactly one place:

- **answer kinds**: the kind of answer a question asks for (a date, a number, a name, a place),
  read from its leading wh-phrase, and whether a text holds one;
- **features**: one row of named values per candidate sentence (``FeatureTable``), plus a few
  values of the question itself (``QuestionFeatures``). Weights are matched to columns by name
  (``bot.ranker``), so adding, removing or reordering a feature can never misalign a weight.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import ArrayLike

from .lexical import (
    STOPWORDS,
    days_label,
    days_named,
    is_question,
    item_text_start,
    own_label,
    stem,
    table_cells,
)

# -- answer kinds ------------------------------------------------------------------------------

#: What a price is called, when the question asks for it: "the salary", "the late fee", "the rent
#: each month" (not "the pay date", "the deposit scheme": the price word only qualifies them).
_PRICE_NOUN = (
    r"(?:price|fee|fare|charge|fine|rent|salary|wage|pay|cost|deposit|excess|premium|deductible|surcharge|"
    r"subscription|budget)s?\b"
    r"(?!\s+(?:date|day|days|scheme|slip|rise|review|period|protection|band|cap|arrangements?|policy|"
    r"structure|office|card|machine|meter|book|details?|point|station|gap|freeze|cut|claim|features?|versions?|plans?|"
    r"tiers?|accounts?|members?|membership|services?|quality|products?|options?|seats?|rooms?|packages?|content|"
    r"support|baggage|luggage|weight)\b)"
)
_WHAT_PRICE = rf"what(?:'s|’s|\s+is|\s+are|\s+was|\s+were)\s+(?:the\s+)?(?:[\w-]+\s+)?{_PRICE_NOUN}"
_PRICE_NAMED = re.compile(rf"^\W*(?:and\s+)?{_WHAT_PRICE}", re.I)
#: The kinds of answer a question can ask for, each with the wh-phrase that asks for it.
_KIND_QUESTIONS = (
    (
        "date",
        re.compile(
            # "What day is pizza day?", "What day of the week…"; not "What day trips…"
            r"\b(when|what (?:date|day(?=\s+(?:is|are|was|were|does|do|did|will|would|should|can|could|must|of)\b)"
            r"|year|month|time|deadline)|which (?:date|day|year|month)|how long ago|by when"
            # "What is the deadline for…", "What's the closing date…"
            r"|what(?:'s|’s| is| was) the (?:deadline|closing date|due date))\b",
            re.I,
        ),
    ),
    (
        "number",
        re.compile(
            # "In what minute…" of a match report: a number answers ("45+1' Yellow card"); an age or a
            # score may be given in words ("babies and toddlers", "a grade C")
            r"\b(how (?:many|much|often|far|long|large|big|old)|what (?:number|percentage|share|amount|proportion|size"
            r"|minute)|which (?:number|minute))\b",
            re.I,
        ),
    ),
    (
        "name",
        re.compile(
            r"\b(who|whom|whose|which (?:person|official|leader|minister|president|company|organi[sz]ation|newspaper|paper))\b",
            re.I,
        ),
    ),
    (
        "place",
        re.compile(
            r"\b(where|which (?:country|countries|city|cities|place|region|state|capital|location))\b", re.I
        ),
    ),
)
#: Words a question may start with before its wh-phrase ("And when…", "In what year…").
_LEAD = re.compile(
    r"^(?:(?:and|but|so|also|then|in|on|at|by|since|until|from|for|to|of|during|about|around|roughly|approximately|exactly|the|,)\s+)*",
    re.I,
)
#: A wh-word that opens what is asked.
_ASKING = r"(?:what|when|where|which|who|whom|whose|how)\b"
OPENS_ASKING = re.compile(rf"^\W*{_ASKING}", re.I)
#: A clause of time or condition about the asker that opens a question, then its ask after a comma:
#: "When I pull my knee up towards me, how long…", "If we arrive late, where…", "When topping up the
#: pressure, at what point…".
_SUBORDINATE = re.compile(
    rf"^\W*(?:when|whenever|while|once|after|before|if)\s+(?:i|you|we|they|my|our|your|(?!during\b|(?:no|some|any|every)thing\b)\w+ing)\b[^?,]{{0,120}},"
    rf"\s+(?=(?:at|by|from|in|on|for|to|with)?\s*{_ASKING})",
    re.I,
)
#: A dash that restates a question's ask more precisely: "How big is the steak - how many ounces?".
_RESTATED = re.compile(rf"\s[-–—]\s+(?={_ASKING})", re.I)
#: A question asked to be answered yes or no ("Do you open on Sundays, when most shops are closed?"):
#: a wh-word after its comma opens a relative clause, not the ask.
YES_OR_NO = re.compile(
    r"^\W*(?:and\s+)?(?:is|are|was|were|can|could|do|does|did|will|would|should|may|might|must|shall|has|have)\b",
    re.I,
)
#: A sentence's end, not a title's or an initial's full stop ("Dr. Patel", "St. Mary's", "J. Smith").
_SENTENCE_BREAK = re.compile(r"(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bSt)(?<!\bMrs)(?<!\b[A-Z])[.!?]\s+(?=[A-Z])")
#: Where a question's own ask starts after what the asker tells first: "I live in Hatton - *what
#: day* do the bin men come?", "We've been burgled. *What* do we do?", "Making jollof for
#: children, *how* do I make it less hot?".
_ASKED_AFTER = re.compile(rf"(?:\s[-–—]|[,:;.!?])\s+(?={_ASKING})", re.I)


@lru_cache(maxsize=1024)
def asked_clause(question: str) -> str:
    """What a question asks, from its last wh-word after a statement that opens it ("I live in
    Hatton - what day do the bin men come?" asks "what day do the bin men come?"), so that the kind
    of answer and the detail asked for are read from the ask, as for a question that opens with
    it. Without a wh-word there, its last sentence asks ("We want to bring our own wine on a
    Saturday. Is that allowed?"). A question that opens with its wh-word is read whole ("When does
    it open, and what does it cost?"), unless a clause about the asker opens it ("When I pull my
    knee up, how long…") or a dash restates it ("How big is the steak - how many ounces?"); so is
    one that opens asking yes or no ("Do you open on Sundays, when most shops are closed?"), and one
    sentence with no wh-word ("If I cancel, do I get charged?")."""
    if (clause := _SUBORDINATE.match(question)) is not None:
        # "When I pull my knee up, how long do I stay there?" asks how long, not when
        return question[clause.end() :]
    if OPENS_ASKING.match(_LEAD.sub("", question.strip())):
        # ... unless a dash restates the ask more precisely ("How big is the steak - how many ounces?")
        restated = [m.end() for m in _RESTATED.finditer(question)]
        return question[restated[-1] :] if restated else question
    if YES_OR_NO.match(question):
        return question
    starts = [m.end() for m in _ASKED_AFTER.finditer(question)]
    if starts:
        return question[starts[-1] :]
    # no wh-word after the preamble: its last sentence asks ("We want to bring our own wine on a
    # Saturday. Is that allowed?")
    ends = [m.end() for m in _SENTENCE_BREAK.finditer(question.rstrip())]
    return question[ends[-1] :] if ends else question


#: Month names and their abbreviations, for date patterns here and in ``bot.focus``.
MONTHS = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
#: A month's name, capitalised as a month is ("may" is a verb).
_FULL_MONTHS = r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December)"
#: A calendar date or a year: "10 March", "March 2024", "1843", "2026-09-14" (not "today", "9 a.m.").
EXPLICIT_DATE = re.compile(
    rf"\b(?:{MONTHS}\.?\s+\d{{1,2}}|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTHS}|{MONTHS}\.?\s+\d{{4}}|"
    r"\d{4}s?|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2})\b",
    re.I,
)
#: The cardinal numbers as words (``bot.focus`` counts with them too).
CARDINALS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    "hundred|thousand|million|billion"
)
#: A number written out ("three", "twenty-five", "a hundred"; not the "a" of "a pound of butter").
_SPELLED_NUMBER = (
    rf"(?:(?:{CARDINALS})(?:[\s-]+(?:and\s+)?(?:{CARDINALS}))*|an?\s+(?:hundred|thousand|million|billion))"
)
#: Currency codes, written before or after the amount ("GBP 380", "20 EUR"), and currency words.
_CODES = r"usd|eur|gbp|chf|aud|cad|nzd|jpy|cny|inr|sek|nok|dkk|pln"
_CURRENCY_WORDS = r"pence|cents?|euros?|dollars?|pounds?|shillings?|guineas?|yen|francs?|rupees?"
#: An amount of money ("£9", "15p", "100 billion dollars", "three pounds"): what a price is, and
#: what counts nothing.
MONEY = re.compile(
    rf"(?:[£$€¥₹]|\b(?:{_CODES})\s?)\s?\d[\d,.]*(?:\s?(?:thousand|million|billion|trillion|bn|m|k)\b)?"
    # not the "00 p" of "4:00 p.m."
    r"|(?<!:)\b\d[\d,.]*\s?(?:(?:thousand|million|billion|trillion|bn|m|k)\s?)?"
    rf"(?:p(?!\.?\s?m\b)|{_CURRENCY_WORDS}|{_CODES})\b"
    # "Three pounds and ten shillings a week", as an interview or a novel says it.
    rf"|\b{_SPELLED_NUMBER}\s+(?:{_CURRENCY_WORDS})\b",
    re.I,
)
#: "Free" as a price: not "gluten-free", nor "feel free to ask"; a price in anything counted, as a
#: game or a scheme charges it ("pay one coin to swap a card", "costs 3 credits"); and pay as a
#: policy gives it ("75% of salary", "90% of your average weekly earnings", "full pay").
_PRICE_WORDS = (
    r"|(?<![\w-])(?<!feel\s)free\b|\bno\s+(?:charge|cost|fee)\b"
    rf"|\b(?:pays?|paying|costs?)\s+(?:{_SPELLED_NUMBER}|\d[\d,.]*)\s+[a-z]"
    r"|\b\d[\d.]*\s?%\s+of\s+(?:[\w-]+\s+){0,3}?(?:salary|pay|wages?|earnings|income)\b"
    r"|\b(?:full|half)\s+pay\b"
)
#: A price: an amount of money, or none to pay.
PRICE_IN_TEXT = re.compile(MONEY.pattern + _PRICE_WORDS, re.I)
#: "How much does … cost" / "How much is…" (not "…worth") / "What's the fee…": asks for a price,
#: which a number that is no amount of money ("Year 4", "10 March") does not give.
PRICE_Q = re.compile(
    r"^\W*(?:and\s+)?(?:how\s+much\b.*\b(?:costs?|pay|paid|charged?|spend)\b"
    r"|how\s+much\s+(?:is|are|was|were)\b(?!.*\bworth\b)"
    r"|what\b.*\b(?:does|do|did|will|would)\b.*\bcost\b"
    rf"|{_WHAT_PRICE})",
    re.I,
)

#: What each kind of answer looks like in a text.
_KIND_IN_TEXT = {
    # Dates, and the times of day that answer "When…" and "What time…" in any genre ("at 4:30 a.m.",
    # "at dusk", "in the morning"); a run of months ("from April to October", "May–September"); a
    # programme's own days ("End of Day 3", "in Week 2").
    "date": re.compile(
        rf"\b(?:{MONTHS}\.?\s+\d{{1,2}}|\d{{1,2}}\s+{MONTHS}|\d{{3,4}}s?|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|"
        rf"{_FULL_MONTHS}\s*(?:-|–|to|until|till|and)\s*{_FULL_MONTHS}|"
        r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?|today|yesterday|tomorrow|"
        r"(?:\d+(?:st|nd|rd|th)) century|spring|summer|autumn|winter|"
        r"\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?m\b\.?|\d{1,2}:\d{2}|noon|midday|midnight|dawn|dusk|sunrise|sunset|"
        r"morning|afternoon|evening|tonight|weekdays?|weekends?|(?-i:Day|Week)\s+\d{1,2})\b",
        re.I,
    ),
    # A number may carry its unit glued on ("10p", "5kg", "2GB", "3rd"): any genre writes prices,
    # weights and sizes that way.
    "number": re.compile(
        r"\b(?:\d[\d,.]*[^\W\d_]{0,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
        r"fifty|hundred|thousand|million|billion|dozen|several|half|once|twice|percent)\b",
        re.I,
    ),
}
#: "How much of the region is undeveloped?" asks for a share, which words give as well as a number
#: does ("vast areas", "most of it", "a third").
_HOW_MUCH_OF = re.compile(r"^\W*(?:and\s+)?how\s+much\s+of\b", re.I)
_SHARE_IN_WORDS = re.compile(
    r"\bmost\s+of\b|\b(?:the\s+)?(?:majority|minority|bulk)\b|\bvast\s+(?:areas?|parts?|tracts?|majority)\b"
    r"|\b(?:a|one|two)\s+(?:third|quarter|fifth)s?\b|\bhalf\s+(?:of\s+)?(?:it|the|its|them)\b|\bnone\s+of\b",
    re.I,
)
#: A capitalised word that does not open a sentence: after an initial or a title ("Mr D. Okonjo",
#: "Dr. Amara Okafor") the period ends no sentence.
_PROPER = re.compile(
    r"(?:(?<![.!?]\s)|(?<=\b[A-Z]\.\s)|(?<=\b(?:Mr|Ms|Dr|St)\.\s)|(?<=\bMrs\.\s)|(?<=\bProf\.\s))(?<!^)"
    r"\b[A-Z][a-z\u00e0-\u00ff]+(?:[ \t\u00a0]+[A-Z][a-z\u00e0-\u00ff]+)*"
)
#: A name that is only a day's or a month's ("August", "Monday"): no one's, and no place's.
_CALENDAR_NAME = re.compile(
    rf"(?:(?:{MONTHS}|(?:mon|tues|wednes|thurs|fri|satur|sun)day)(?:[ \t\u00a0]+|$))+", re.I
)


def _proper_names(text: str) -> list[str]:
    """Capitalised words that are not a sentence's first word, nor a list item's (after its marker),
    one line at a time ("Calder Valley Housing Association" over "Version 4.2" is no name "Association
    Version"), days and months left out."""
    return [
        m.group(0)
        for m in _PROPER.finditer(text, item_text_start(text) + 1)
        if not _CALENDAR_NAME.fullmatch(m.group(0))
    ]


def answer_type(question: str) -> str | None:
    """The kind of answer asked for, read from the question's leading wh-phrase only: the "when"
    of a relative clause ("How long… when the Broncos scored?") does not make a date question.
    "What's the name of the on-call engineer?" asks who, as "Who is the on-call engineer?" does."""
    question = asked_clause(question)
    if name_of_someone(question):
        return "name"
    lead_off = _LEAD.sub("", question.strip())
    if _PRICE_NAMED.match(lead_off):  # "What is the salary / fee / rent…": a price
        return "number"
    head = " ".join(lead_off.split()[:4])
    for name, pattern in _KIND_QUESTIONS:
        m = pattern.search(head)
        if m and m.start() == 0:
            return name
    return None


#: "Who do I call / ring / contact / tell…": a contact question, which a phone number or an email
#: address answers as well as a name does ("call 111", "the facilities team on 01632 960123").
_CONTACT_QUESTION = re.compile(
    r"\bwho\b.{0,30}\b(?:call|ring|phone|contact|email|e-mail|text|tell|report|speak|talk)\b", re.I
)
#: A phone number: six digits or more, spaces or dashes allowed between them ("01632 960 001"),
#: or a shorter one that a word calls one ("Call 999", "ext. 4321"); a room's "Hadley Hall 311" is
#: none. An email address. ``bot.focus`` looks for the same when one is asked for.
PHONE = re.compile(
    r"(?<![\d-])(?!\d{4}-\d{2}-\d{2}\b)\d(?:[\s-]?\d){5,}"  # not an ISO date, "2026-09-14"
    r"|\b(?:call|phone|tel|telephone|ring|dial|ext|extension|hotline)\b\.?:?\s*(?:us\s+|on\s+|is\s+)?\d(?:[\s-]?\d){2,}",
    re.I,
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
WEB = re.compile(r"\bhttps?://|\bwww\.|\b[\w-]+\.(?:com|org|net|gov|edu|info|io|co|uk|ie|eu|de|fr)\b", re.I)

#: The words (as ``bot.lexical.terms`` reads them) a question names a contact detail by, and what
#: that detail looks like in a text: a sentence that writes an email address says "email" as much as
#: one that writes the word ("Instructor: Dr. Amara Okafor (a.okafor@univ.example)." for "What's the
#: instructor's email?"). Only unmistakable words: "number", "address", "site" or "web" ask for
#: much else ("Which site did the Romans choose?").
_DETAIL_WORDS = (
    (frozenset({"email"}), EMAIL),
    (frozenset({"phone", "telephon", "mobil"}), PHONE),  # "Room 318" is none
    (frozenset({"websit", "url"}), WEB),
)


#: Every word ``detail_terms`` can answer: a question that uses none needs no look at the text.
DETAIL_WORDS = frozenset().union(*(words for words, _ in _DETAIL_WORDS))


def detail_terms(text: str) -> frozenset[str]:
    """The question terms ``text`` answers by the form of what it writes (``_DETAIL_WORDS``)."""
    out: frozenset[str] = frozenset()
    for words, pattern in _DETAIL_WORDS:
        if pattern.search(text):
            out |= words
    return out


#: A time given relative to another answers "When…?", though not "What time…?", which wants the time
#: itself: "30 minutes before the main library", "a day ahead", "seven days after your installation
#: date", "after the first six months", "within 30 days of receipt".
_SPAN_COUNT = (
    r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|"
    r"twenty|thirty|forty|sixty|ninety|half an?|a few|several)\s+(?:\(\d+\)\s+)?"  # "thirty (30) days"
    r"(?:(?:working|business|calendar|full)\s+)?(?:minutes?|hours?|days?|weeks?|months?|years?)"
)
_RELATIVE_TIME = re.compile(
    rf"\b{_SPAN_COUNT}\s+(?:before|after|ahead|earlier|later|from)\b"
    rf"|\b(?:after|within)\s+(?:the\s+(?:first|next)\s+)?{_SPAN_COUNT}\b"
    # a deadline counted in a calendar's own units: "no later than the 15th week before the birth"
    r"|\b\d{1,2}(?:st|nd|rd|th)\s+(?:day|week|month)\s+(?:before|after|of)\b",
    re.I,
)
#: A past participle: "erected", "held", "built" (not "shed", "speed", "garden").
PARTICIPLE = (
    r"(?:[\w-]{2,}[^\We]ed|paid|sent|made|kept|shut|sold|built|held|given|taken|chosen|written|shown|seen|"
    r"done|spent|served|won|lost|found|begun|drawn|grown|known|thrown|broken|spoken|stolen)"
)
_WHEN = re.compile(r"^\W*(?:and\s+)?(?:(?:by|until|till|since|from)\s+)?when\b", re.I)
#: A time of day said from a moment of the day's own ("45 minutes before closing", "an hour after
#: the doors open", "30 minutes before the start"): an answer to "What time…?" as a clock time is.
#: Not a time said from something else ("30 minutes before the main library"), which ranked above
#: "Monday to Friday: 9:00 a.m. to 7:30 p.m." for "What time does the library close?".
CLOCK_OFFSET = re.compile(
    r"\b(?:\d+|an?|one|two|three|four|five|ten|fifteen|twenty|thirty|forty|forty-five|ninety|half an?)\s+"
    r"(?:minutes?|hours?)\s+(?:before|after)\s+(?:the\s+)?(?:closing|opening|close|start|end|finish|"
    r"departure|kick[\s-]off|curtain[\s-]up|doors|sunset|sunrise|dusk|dawn|midnight|noon)\b",
    re.I,
)
#: The last word of a "When…" question that ends on its verb: "When is the AGM *held*?", "When does
#: the tour *end*?".
_WHEN_VERB = re.compile(
    r"^\W*(?:and\s+)?when\s+(?:is|are|was|were|do|does|did|will)\s.*?\b([a-z]{3,})\W*$", re.I
)
#: A stretch of time one may be at the start, the end or the next of: "the end of term", "the next
#: meeting", "the first Monday"; not "the end of the high street", "the next village".
_TIME_NOUN = (
    r"(?:day|week|weekend|month|year|term|season|meeting|session|quarter|shift|course|holidays?|"
    r"tenancy|contract|morning|afternoon|evening|(?:mon|tues|wednes|thurs|fri|satur|sun)day)"
)
#: What follows that verb in a text that says when: a month or a season ("is held in October"),
#: or a moment relative to another ("The tour ends after breakfast", "The game ends when the last
#: lighthouse is claimed", "Claims are paid with the next monthly salary").
_THEN = (
    rf"[a-z]*\s+(?:(?:in|during|every|each|from|by)\s+(?:early\s+|late\s+|mid-?)?(?:{_FULL_MONTHS}\b"
    r"|(?:spring|summer|autumn|fall|winter|the\s+(?:morning|afternoon|evening|spring|summer|autumn|winter))\b)"
    r"|(?:after|before|until|till|once|when|as\s+soon\s+as)\s+\w"
    # "paid with the next monthly salary", "held at the end of term", "due on the first day"
    rf"|(?:with|at|on|in|by|from)\s+(?:the\s+)?(?:(?:end|start|beginning|close)\s+of\s+(?:the\s+|each\s+|every\s+)?"
    rf"{_TIME_NOUN}|(?:next|following)\s+(?:\w+\s+)?(?:{_TIME_NOUN}|salary|pay\w*)"
    rf"|(?:first|last)\s+(?:{_TIME_NOUN}|working|business))\b)"
)
#: "When do I / should you / can we…" asks for the moment of a step in a procedure, which a recipe,
#: a manual or a form answers with a condition or a period rather than a date: "pour the drizzle
#: over the cake while it is still warm", "remove the battery before changing bits", "register
#: within 30 days", "clean the vents every month".
#: The past ("When did…") and the third person ("When will the light be fixed?") still want a date.
_WHEN_STEP = re.compile(
    r"^\W*(?:and\s+)?when\s+(?:(?:do|should|can|must|may|shall|could|would)\s+(?:i|we|you)\b"
    # ... or what one may or must do with one's own: "When can my puppy have its first groom?"
    # ("once they have had all their vaccinations")
    r"|(?:should|can|must|may|could)\s+(?:my|our|your)\s+(?![\w-]+\s+(?:[\w-]+\s+)?be\b)[\w-]+\s+[\w-]+)",
    re.I,
)
#: So does a rule in the present passive, "When is service suspended?", "When are bins collected?":
#: also by a condition that counts ("If a bill remains unpaid for 60 days, your service may be
#: suspended"), not by any "if" ("If you have questions, ask at reception").
_WHEN_RULE = re.compile(
    r"^\W*(?:and\s+)?when\s+(?:is|are)\s+(?:(?:the|a|an|my|your|our|their|its)\s+)?(?:[\w-]+\s+){0,2}"
    rf"{PARTICIPLE}\b",
    re.I,
)
#: "When does the 110 bus run?", "When do the choir meet?": something that recurs, which how often it
#: does answers as well as a date ("stops at the end of our lane twice a day", "meets every
#: Thursday", "runs hourly"); not "When does the next term start?", a single event.
_WHEN_RECURS = re.compile(
    # a thing's own schedule ("the 110", "my book club"), not the asker's ("When do I stop taking…",
    # "When do we leave?"), nor a phrasal verb of one event ("run out", "come back", "stop working"),
    # nor an opening, which is as often a one-off ("When does the new leisure centre open?")
    r"^\W*(?:and\s+)?when\s+(?:do|does)\s+(?!(?:i|we|you|they|he|she|it)\b)"
    r"(?:the\s+|a\s+|an\s+|my\s+|our\s+|your\s+|their\s+)?(?:[\w-]+\s+){1,3}?"
    r"(?:run|operate|sail|fly|meet|call|stop|visit|play|rehearse|train|leave|depart|come|go|happen|take\s+place)\b"
    r"(?!\s+(?:out|back|off|up|over|down|away|until|till)\b|\s+\w+ing\b)",
    re.I,
)
#: How often, said as a count, with "every", or as "-ly" after a verb of a schedule ("twice a day",
#: "every other week", "every fifteen minutes", "runs hourly", "meets weekly"); not "weekly" or
#: "daily" alone, which name a ticket or a paper as often as a schedule.
_EVERY_COUNT = rf"(?:other|\d+|few|{CARDINALS}|half\s+an?)"
_RECURRING = re.compile(
    rf"\b(?:once|twice|(?:\d+|{CARDINALS})\s+times)\s+(?:a|an|per|each)\s+(?:day|week|fortnight|month|year|hour|term)\b"
    rf"|\bevery\s+(?:{_EVERY_COUNT}\s+)?(?:minutes?|hours?|days?|weeks?|fortnights?|"
    r"months?|years?|weekdays?|mornings?|afternoons?|evenings?|nights?|term|(?:mon|tues|wednes|thurs|fri|satur|sun)days?)\b"
    r"|\b(?:runs?|running|meets?|meeting|sails?|operates?|leaves?|departs?|calls?|happens?|held|collected|"
    r"visits?|twice|once)\s+(?:hourly|daily|nightly|weekly|fortnightly|monthly)\b",
    re.I,
)
#: "When is a battery considered defective?", "When is a claim deemed late?": asks for the condition
#: a rule sets, which any "if" or "unless" gives ("…only if it holds less than 60% of its capacity").
_DETERMINER = r"(?:a|an|the|my|your|our|their|its|this|that)"
_WHEN_DEEMED = re.compile(
    # the participle after its subject, not before a noun as an adjective ("When are classified ads
    # published?", "When is the judged show?")
    rf"^\W*(?:and\s+)?when\s+(?:is|are|was|were|will)\s+(?:{_DETERMINER}\s+)?(?!{_DETERMINER}\b)[\w-]+"
    r"(?:\s+[\w-]+){0,3}?\s+(?:be\s+)?(?:considered|deemed|classed|classified|regarded|treated|counted|judged)\s+\w",
    re.I,
)
_IF = re.compile(r"\b(?:if|unless|provided\s+that|as\s+long\s+as)\b", re.I)
_CONDITION = re.compile(
    rf"\b(?:while|until|till|once|as soon as|after|before|when|whenever|every|within\s+{_SPAN_COUNT})\b", re.I
)
#: A step's moment may be a period of the year too: "Prune in February", "during the January
#: enrolment window" (not a rule's: "Tickets go on sale in October" says nothing of the AGM).
_PERIOD_OF_YEAR = re.compile(
    rf"\b(?:in|during|by)\s+(?:the\s+)?(?:early\s+|late\s+|mid-?)?(?:{_FULL_MONTHS}|spring|summer|autumn|winter)\b",
    re.I,
)
_COUNTED_CONDITION = re.compile(rf"\b(?:if|unless)\b[^.;]{{0,80}}?\b{_SPAN_COUNT}\b", re.I)
#: "What time…" asks for a time of day: "The concert is on Saturday 13 December" is a date, not the
#: time to arrive ("Call time is 5:00 p.m."). ``bot.focus`` refuses on the same two patterns.
WHAT_TIME = re.compile(
    # "What time of the morning…" asks for one as well; "What time of day / year…" for a part of
    # the day ("each morning with breakfast") or a season
    r"^\W*(?:and\s+)?(?:at|by|until|till)?\s*what\s+time\b(?!\s+(?:period|frame|span|zone|scale)\b)"
    r"(?!\s+of\b(?!\s+the\s+(?:morning|afternoon|evening|night)\b))",
    re.I,
)
#: The hours and the minutes of a time said in words.
_HOUR_WORDS = r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty(?:-five)?|twenty five"
TIME_OF_DAY = re.compile(
    r"\b\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?m\b|\b\d{1,2}:\d{2}\b|\b\d{1,2}h\d{2}\b|"
    r"\b(?:noon|midday|midnight|dawn|dusk|sunrise|sunset|o'clock|o’clock)\b|"
    # "half past six", "a quarter to seven", "ten past nine", "twenty to ten", as a story or a letter
    # says it; not "eight to twelve" (an age), "two to one" (a score) nor "3 to 5" (a range)
    rf"\b(?:half|quarter|(?:{_HOUR_WORDS}|\d{{1,2}})(?:\s+minutes)?)\s+past\s+(?:{_HOUR_WORDS}|\d{{1,2}})\b"
    # (not "aged five to eleven", "won ten to one", "groups of five to ten people")
    r"|(?<!\baged\s)(?<!\bages\s)(?<!\bage\s)(?<!\bof\s)(?<!\bbetween\s)(?<!\bfrom\s)(?<!\bwon\s)(?<!\blost\s)"
    rf"\b(?:half|quarter|(?:five|ten|twenty|twenty-five|twenty\s+five)(?:\s+minutes)?)\s+to\s+(?:{_HOUR_WORDS})\b"
    r"(?![\s-]+(?:[a-z]+s|people|children|men|women)\b)",
    re.I,
)


#: Who a handbook, a letter or a set of rules names instead of a person: a role or a group ("The
#: youngest player goes first", "the treasurer reported", "ask a member of staff", "your GP").
PERSON = re.compile(
    r"\b(?:players?|persons?|people|members?|staff|employees?|colleagues?|managers?|teachers?|students?|"
    r"pupils?|children|child|parents?|carers?|guardians?|guests?|visitors?|tenants?|landlords?|landlady|"
    r"owners?|customers?|clients?|users?|residents?|neighbours?|neighbors?|committee|council|councillors?|"
    r"officers?|secretary|treasurer|chair(?:person|man|woman)?|directors?|doctors?|gps?|nurses?|"
    r"pharmacists?|receptionists?|volunteers?|drivers?|instructors?|tutors?|lecturers?|coordinators?|"
    r"engineers?|technicians?|agents?|agency|department|team|office|reception|helpdesk|supervisors?|"
    r"administrators?|admin|organi[sz]ers?|hosts?|winners?|leaders?|captains?|referees?|judges?|"
    r"partners?|spouses?|everyone|everybody|anyone|anybody|nobody|no\s+one|whoever|applicants?|"
    r"candidates?|patients?|passengers?|participants?|attendees?|dealer|banker|bank|retailer|seller|buyer|"
    r"hirer|renter|employer|company|firm|contractor|caretaker|cleaner|porter|steward|warden|"
    r"lifeguard|coach|trainer|therapist|dentist|midwife|surgeon|specialist|consultant|adviser|advisor|"
    r"police|paramedics?|firefighters?|manufacturer|supplier|provider|insurer|author|writer|speaker|"
    r"presenter|performers?|artists?|band|guide|head(?:teacher|master|mistress)?|principal|dean|"
    r"registrar|clerk|mayor|minister|president|governor|king|queen|youngest|oldest|eldest)\b",
    re.I,
)


#: "Who is the…" / "Who was our…" / "Who will be the new…": asks who someone named by a role is, so
#: another role is no answer.
_WHO_IS_THE = re.compile(
    r"\W*who(?:['’]s|\s+is|\s+was|\s+are|\s+were|\s+will\s+be|\s+would\s+be|\s+is\s+going\s+to\s+be"
    r"|\s+becomes|\s+became)\s+(?:the|your|our|my|his|her|their)\b",
    re.I,
)


#: A place as a handbook, a letter or a notice gives one, without a proper name: "delivered to the
#: basement store room", "on the third floor", "at the front desk", "by the main gate".
_PLACE_NOUNS = (
    r"room|floor|office|desk|kitchen|building|campus|store|basement|reception|hall|door|gate|entrance|"
    r"exit|car\s+park|park|station|street|road|lane|square|cupboard|shelf|drawer|locker|counter|library|"
    r"centre|center|garden|shed|corridor|lobby|yard|stop|platform|caf[eé]|canteen|wing|block|ward|"
    r"clinic|foyer|porch|attic|garage|lounge|studio|theatre|theater|pitch|pool|branch|court|box|"
    # a field or a site, but not "an expert in her field", "cookies on this site"
    r"(?<!\bher\s)(?<!\bhis\s)(?<!\bmy\s)(?<!\btheir\s)(?<!\byour\s)field|(?<!\bthis\s)(?<!\bour\s)site|"
    r"bed|bag|tin|jar|fridge|freezer|safe|wardrobe|cabinet|loft|cellar|house|home|flat|village|"
    r"town|city|harbour|harbor|bay|port|beach|island|church|school|hospital|hotel|"
    # where a manual says a thing is on the thing: "under the base", "in the glovebox"
    r"base|sticker|label|tray|underside|lid|panel|compartment|casing|packaging|glovebox|dashboard"
)
_PLACE = re.compile(
    r"\b(?:in|at|on|to|into|inside|outside|behind|beside|by|near|opposite|under|next\s+to|in\s+front\s+of)"
    rf"\s+(?:the|a|an|our|your|their|its|his|her|my|this|that)\s+(?:[\w-]+\s+){{0,3}}?(?:{_PLACE_NOUNS})s?\b"
    # "in the school holidays", "by the school governors": a time or someone, not a place
    r"(?![\s-]+(?:holidays?|terms?|years?|governors?|days?|weeks?|runs?|trips?|staff|council)\b)",
    re.I,
)

#: Where software keeps or sends something, as a manual or a reference says it: a path ("./data",
#: "/var/log/tidepool", "~/.config", "C:\\Tidepool"; not "and/or", "km/h", "24/7") or a stream
#: ("Logs go to standard error", "printed to stdout", "shown in the console").
_SOFTWARE_PLACE = re.compile(
    r"(?<![\w/.<])(?:~|\.{1,2})?/[A-Za-z_.][\w.-]*|\b[A-Z]:\\|%[A-Z_]+%"
    r"|\b(?:standard\s+(?:error|output|input)|std(?:out|err|in)|syslog|journald)\b"
    r"|\b(?:to|in|into|on)\s+the\s+(?:console|terminal|log\s+file|clipboard|disk)\b|\bon\s+disk\b",
)

#: "What's the name of the on-call IT engineer?", "What is the landlord's name?": whose name, by a
#: role (``PERSON``); another role is no answer.
_NAME_OF = re.compile(
    r"^\W*what(?:'s|’s|\s+is|\s+was|\s+are|\s+were)\s+(?:the\s+names?\s+of\s+"
    r"(?:the|your|my|our|his|her|their)\s+(?:[\w-]+\s+){0,3}(?P<of>[\w-]+)"
    r"|(?:the|your|my|our|his|her|their)\s+(?:[\w-]+\s+){0,3}(?P<owner>[\w-]+)(?:'s|’s)\s+names?)\s*\??\s*$",
    re.I,
)


def name_of_someone(question: str) -> bool:
    """Whether ``question`` asks for the name of someone it names by a role (``_NAME_OF``)."""
    m = _NAME_OF.match(question)
    return m is not None and PERSON.fullmatch(m.group("of") or m.group("owner")) is not None


#: "Who designed / invented / founded…" asks for the maker by name: "2 to 5 players" is no answer to
#: "Who designed Harbour Lights?", as a role may be to "Who goes first?".
_WHO_MADE = re.compile(
    r"\W*who\s+(?:first\s+|originally\s+)?(?:designed|invented|founded|composed|painted|illustrated|"
    r"authored|coined|sculpted)\b",
    re.I,
)

#: "Where do I send / return / hand in…" asks whom to, as often as where: "Nominations for a new
#: chair should be sent to the secretary", "Hand the keys to reception".
_WHERE_TO = re.compile(
    r"^\W*(?:and\s+)?where\s+(?:do|should|can|must|may|shall|could|would|will)\s+(?:i|we|you|they)\s+"
    r"(?:send|return|post|submit|hand|give|take|bring|report|deliver|forward|drop|leave)\b"
    # "Where should donations go?", "Where are complaints sent?": "…may be made to the Hartley Otters"
    r"|^\W*(?:and\s+)?where\s+(?:do|does|should|can|must|may|will)\s+(?:(?:the|my|your|our)\s+)?"
    r"[\w-]+(?:\s+[\w-]+)?\s+go\b"
    r"|^\W*(?:and\s+)?where\s+(?:are|is|should|can|must|may|will)\s+(?:(?:the|my|your|our)\s+)?"
    r"(?:[\w-]+(?:\s+[\w-]+)?\s+(?:be\s+)?(?:sent|paid|returned|addressed|posted|delivered)"
    # made, only of what one makes to someone ("Where are your candles made?" asks where they are made)
    r"|(?:donations?|payments?|complaints?|claims?|applications?|contributions?|appeals?)\s+(?:be\s+)?made)\b",
    re.I,
)
_TO_SOMEONE = re.compile(r"\b(?:to|with)\s+(?:the|a|an|your|our|their|any)\s+[\w-]+", re.I)


#: An FAQ's question that asks how many or how much: "How many books can I borrow?".
_HOW_MANY = re.compile(r"\bhow\s+(?:many|much)\b", re.I)


def answer_text(text: str, label: str, kind: str | None) -> str:
    """What a sentence offers as an answer of ``kind``: for a date, its section label's date too.
    A changelog's "3.2.0 - 2026-09-14 › Added" dates every line under it, as minutes' "Meeting of
    16 January" does their decisions; the reader sees the label above the quote. For a number, the
    FAQ's question it answers: under "How many books can I borrow?", "Adults can borrow up to 15
    items" counts books. For any kind, a label that is only days when the sentence names none: a
    timetable's "Saturday" over "Last bus from Town Centre: 23:10"."""
    if kind == "date" and label and EXPLICIT_DATE.search(label):
        return f"{label}\n{text}"
    own = own_label(label)
    if own and days_label(own) and not days_named(text):  # a timetable's "Saturday" over its lines
        return f"{own}\n{text}"
    if kind == "number" and is_question(own) and _HOW_MANY.search(own):
        return f"{own}\n{text}"
    return text


_DAYS_PLURAL = re.compile(r"^(\w+day)s$")
#: A column's header that names the currency of its amounts: "Price (GBP)", "Cost £", "Fee in €",
#: "Rate (EUR)"; a code in brackets or after a word of price ("CAD ref" is a drawing's number).
_HEADER_CURRENCY = re.compile(
    rf"[£$€¥₹]|\((?:{_CODES})\)|\b(?:price|cost|fee|charge|rate|amount|total)s?\s+(?:in\s+)?(?:{_CODES})\b",
    re.I,
)
#: A column's header that names a thing a "Which…" question asks for: "Platform", "Room", "Pool".
_THING_HEADER = re.compile(
    r"(?:room|floor|ward|gate|bus|page|chapter|locker|terminal|door|entrance|pool|platform|studio|court|"
    r"pitch|stand|screen|venue|location)s?(?:\s+(?:no\.?|number))?",
    re.I,
)
_CODE = re.compile(rf"[£$€¥₹]|\b(?:{_CODES})\b", re.I)
_BARE_NUMBER = re.compile(r"\d[\d,.]*")
#: A column's header that names things in the plural, which its whole numbers count: "Minimum
#: children", "Places", "Max guests", "People" (not "Class", "Bus", "CAD ref").
_COUNTED_HEADER = re.compile(r"(?:\b[a-z]{2,}[^s\W]s|\b(?:children|people|staff|crew))\s*$", re.I)
#: Words of a counting column's header that say which count it is, or that it is none: a
#: question must say them too ("the minimum number of children" of "Minimum children"); a price's
#: or an age's column counts nothing a question counts. Each with the forms taken for it.
_QUALIFIERS = {
    **dict.fromkeys(["min", "minimum", "least", "fewest"], "minimum"),
    **dict.fromkeys(["max", "maximum"], "maximum"),
    **dict.fromkeys(["age", "ages", "aged"], "age"),
    **dict.fromkeys(["price", "prices", "cost", "costs", "fee", "fees", "charge", "per"], "price"),
    **{w: w for w in ["extra", "seated", "standing", "under", "over"]},
}


def _qualifiers(text: str) -> set[str]:
    return {_QUALIFIERS[w] for w in re.findall(r"[a-z]+", text.lower()) if w in _QUALIFIERS}


def _same_count(header: set[str], asked: set[str]) -> bool:
    """Whether a column whose header says ``header`` counts what a question that says ``asked``
    asks for: a minimum only when asked for ("at least"), a maximum unless a minimum is ("How many
    guests can the hall hold?" asks for one without saying so), any other word when said too."""
    if "maximum" in header and "minimum" in asked:
        return False
    return header - {"maximum"} <= asked


#: A count in a cell: "10", "1,200" (not "12.50", a price or a measure without its unit).
_WHOLE_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})*|\d+")


def priced_rows(text: str, header: str | None, question: str = "") -> str:
    """A quote of table rows, for the checks of what kind of detail it gives, with each bare amount
    under a column whose header names its currency written with it: "| Sauna | 45 min | 7.50 |"
    under "| Item | Duration | Price (GBP) |" gives "GBP 7.50", the price "How much is a sauna?"
    asks for. So is a cell under a column that names a thing "Which…" asks for ("| 13:05 | 4 |"
    under "| Departs | Platform |" gives "Platform 4", for "Which platform does the 13:05 go
    from?"); an empty cell names none. The header's other words say nothing of what a row holds.
    The quote shown is never changed."""
    if not header:
        return text
    names = table_cells(header)
    currencies = [
        code.group(0) if _HEADER_CURRENCY.search(name) and (code := _CODE.search(name)) else None
        for name in names
    ]
    things = [name if _THING_HEADER.fullmatch(name) else None for name in names]
    # a whole number under a column that names things in the plural counts them: "| Jump Party |
    # 10 |" under "| Package | Minimum children |" gives "10 Minimum children", for "What's the
    # minimum number of children for a Jump Party?" (not "| Bracket | 2041 |" under "| Part | CAD
    # ref |", nor a currency's column, whose numbers are prices), when the question says what the
    # header's other words make of the count (``_same_count``)
    asked = _qualifiers(question)
    counted = [
        name
        if not currency and _COUNTED_HEADER.search(name) and _same_count(_qualifiers(name), asked)
        else None
        for name, currency in zip(names, currencies, strict=True)
    ]
    if not any(currencies) and not any(things) and not any(counted):
        return text
    rows = [
        cells
        for line in text.split("\n")
        if line.lstrip().startswith("|") and len(cells := table_cells(line)) == len(names)
    ]
    added = (
        [
            f"{currency} {cell}"
            for cells in rows
            for currency, cell in zip(currencies, cells, strict=True)
            if currency and _BARE_NUMBER.fullmatch(cell)
        ]
        + [
            f"{thing} {cell}"
            for cells in rows
            for thing, cell in zip(things, cells, strict=True)
            if thing and cell
        ]
        + [
            f"{cell} {name}."  # a full stop: "2 Leaders 16 Children" would read as a name's number
            for cells in rows
            for name, cell in zip(counted, cells, strict=True)
            if name and _WHOLE_NUMBER.fullmatch(cell)
        ]
    )
    return "\n".join([text, *added]) if added else text


@lru_cache(maxsize=256)
def _verb_then_when(verb: str) -> re.Pattern[str] | None:
    """The question's verb followed by when (``_THEN``), made once per verb; None for a stop word."""
    if verb in STOPWORDS:
        return None
    # "The game end is triggered when…": the verb's noun, in the passive, then when
    return re.compile(
        rf"\b{re.escape(stem(verb))}[a-z]*(?:\s+(?:is|are|will\s+be|gets?)\s+[a-z]+ed)?{_THEN}", re.I
    )


def _said_when(verb: str, text: str) -> bool:
    """Whether ``text`` writes the question's verb and then when: "held in October", "ends after
    breakfast" (a month alone, or "after …", answers only right after the verb asked about)."""
    pattern = _verb_then_when(verb.lower())
    return pattern is not None and pattern.search(text) is not None


def has_answer_type(text: str, kind: str, question: str = "") -> bool:
    """Whether ``text`` holds an answer of the kind asked for that the question does not already name."""
    asked = question.lower()  # what the question names, its preamble too
    question = asked_clause(question)
    if kind == "place" and _WHERE_TO.match(question) and _TO_SOMEONE.search(text):
        return True
    if kind == "date" and _WHEN.match(question) and _RELATIVE_TIME.search(text):
        return True
    if kind == "date" and (verb := _WHEN_VERB.match(question)) and _said_when(verb.group(1), text):
        return True
    if kind == "date" and _WHEN_RECURS.match(question) and _RECURRING.search(text):
        return True
    if (
        kind == "date"
        and _WHEN_STEP.match(question)
        and (_CONDITION.search(text) or _PERIOD_OF_YEAR.search(text))
    ):
        return True
    if (
        kind == "date"
        and _WHEN_RULE.match(question)
        and (_CONDITION.search(text) or _COUNTED_CONDITION.search(text))
    ):
        return True
    if kind == "date" and _WHEN_DEEMED.match(question) and _IF.search(text):
        return True
    if kind == "date" and WHAT_TIME.match(question):
        return any(m.group(0).lower() not in asked for m in TIME_OF_DAY.finditer(text)) or bool(
            CLOCK_OFFSET.search(text)
        )
    if kind == "number" and PRICE_Q.search(question):
        return bool(PRICE_IN_TEXT.search(text))
    if kind == "number" and _HOW_MUCH_OF.match(question) and _SHARE_IN_WORDS.search(text):
        return True
    pattern = _KIND_IN_TEXT.get(kind)
    if pattern is not None:
        # "Saturdays" is the Saturday the question names: "closed on Saturdays" says no more
        return any(_DAYS_PLURAL.sub(r"\1", m.group(0).lower()) not in asked for m in pattern.finditer(text))
    if kind == "name" and _CONTACT_QUESTION.search(question) and (PHONE.search(text) or EMAIL.search(text)):
        return True
    if kind == "place" and any(
        m.group(0).lower() not in asked
        for pattern in (_PLACE, _SOFTWARE_PLACE)
        for m in pattern.finditer(text)
    ):
        return True
    if kind in ("name", "place") and any(name.lower() not in asked for name in _proper_names(text)):
        return True
    if kind == "name":
        # "Who is the treasurer?" asks whose name; "Who goes first?" may be answered by a role.
        if _WHO_IS_THE.match(question) or _WHO_MADE.match(question) or name_of_someone(question):
            return False
        return any(m.group(0).lower() not in asked for m in PERSON.finditer(text))
    return kind != "place"


# -- features ----------------------------------------------------------------------------------

#: One value per candidate sentence, in the order the columns are stored (the order carries no meaning:
#: weights are matched by name).
CANDIDATE_FEATURES = (
    "dense",  # cosine of question and sentence (section-prefixed)
    "dense_z",  # the same, z-scored among candidates
    "bm25_rel",  # sentence BM25 / best sentence BM25 for this question
    "bm25_z",  # sentence BM25, z-scored among candidates
    "passage_dense",  # cosine of question and the sentence's passage
    "passage_bm25_rel",  # the passage's BM25 / best passage BM25
    "cov",  # IDF-weighted share of question terms in the sentence
    "cov_ctx",  # ... in the sentence and its neighbours
    "type_ok",  # the sentence holds the kind of answer asked for (date, number, name, place)
    "type_missing",  # a kind was asked for and the sentence lacks it
    "section_match",  # the sentence's section is one the question names
    "short",  # very short sentence (few content words)
    "bigram_cov",  # share of the question's adjacent term pairs found adjacent in the sentence
    "log_len",  # log of the sentence's number of terms
    "novel",  # share of the sentence's terms the question does not use: room for the answer itself
    "prev_cov",  # IDF-weighted coverage of the question by the previous sentence ("He…" follows it)
    "maxsim",  # late interaction: mean best cosine of each question content piece in the sentence
    "maxsim_z",  # the same, z-scored among candidates
)


class FeatureTable:
    """Candidate features as a float32 matrix whose columns are known by name.

    Built by ``FeatureTable.empty(n)`` and filled with ``table["name"] = values``; read with
    ``table["name"]``. ``matrix`` is the raw array, with ``columns`` naming its columns.
    """

    def __init__(self, matrix: np.ndarray, columns: tuple[str, ...] = CANDIDATE_FEATURES) -> None:
        if matrix.ndim != 2 or matrix.shape[1] != len(columns):
            raise ValueError(f"a feature matrix of shape {matrix.shape} does not fit {len(columns)} columns")
        self.matrix = matrix
        self.columns = columns
        self._index = {name: i for i, name in enumerate(columns)}

    @classmethod
    def empty(cls, rows: int, columns: tuple[str, ...] = CANDIDATE_FEATURES) -> FeatureTable:
        return cls(np.zeros((rows, len(columns)), dtype=np.float32), columns)

    def __len__(self) -> int:
        return int(self.matrix.shape[0])

    def column(self, name: str) -> int:
        try:
            return self._index[name]
        except KeyError:
            raise KeyError(f"no feature named {name!r}; features: {', '.join(self.columns)}") from None

    def __getitem__(self, name: str) -> np.ndarray:
        return self.matrix[:, self.column(name)]

    def __setitem__(self, name: str, values: ArrayLike) -> None:
        self.matrix[:, self.column(name)] = values

    def row(self, i: int) -> dict[str, float]:
        """One candidate's features by name (reports, debugging)."""
        return {name: float(v) for name, v in zip(self.columns, self.matrix[i])}

    def weights(self, by_name: dict[str, float]) -> np.ndarray:
        """A weight vector aligned to these columns; a weight for an unknown feature, or a feature
        without a weight, is an error rather than a silent zero."""
        unknown = sorted(set(by_name) - set(self.columns))
        missing = [c for c in self.columns if c not in by_name]
        if unknown or missing:
            raise ValueError(
                f"weights do not match the features (unknown: {unknown or 'none'}; missing: {missing or 'none'})"
            )
        return np.array([by_name[c] for c in self.columns], dtype=np.float32)


@dataclass(frozen=True)
class QuestionFeatures:
    """What the question itself says about whether the documents can answer it."""

    #: Share of the question's distinct terms found anywhere in the documents.
    vocab_share: float = 0.0
    #: Share of the question's names that the documents know (``bot.names``); 1.0 when it names none.
    names_known: float = 1.0
    #: The question's content words when not one of them occurs in the documents, else ()
    #: (``NameIndex.off_topic_words``).
    off_topic_words: tuple[str, ...] = ()
    #: The question's words the documents never use, when all the words they use only name a
    #: document ("licence" of "What is the licence of Pebble?"; ``NameIndex.beyond_titles``), else ().
    unmentioned_words: tuple[str, ...] = ()
    #: Long words the documents use only one letter off ("warrenty"; ``NameIndex.slips``): a
    #: refusal names them, so the asker can check the spelling.
    slips: tuple[str, ...] = ()
    #: Numbers and codes the question writes that no document (outside the hidden ones) writes,
    #: as written ("3.3", "E04"; ``bot.numbers``).
    unknown_numbers: tuple[str, ...] = ()
    #: Whose contact detail the question asks for, as written ("landlord" of "the landlord's phone
    #: number"; ``focus.named_owner``), and the documents that use those words: a detail quoted from
    #: any other document is someone else's. Both empty when it names no owner, or no document does.
    owner: tuple[str, ...] = ()
    owner_docs: frozenset[str] = frozenset()

    @property
    def off_topic(self) -> bool:
        """Not one of the question's own words occurs in the documents."""
        return bool(self.off_topic_words)


def z_score(x: np.ndarray) -> np.ndarray:
    """``x`` centred and scaled among the candidates of one question (zeros when it cannot be)."""
    if len(x) < 2:
        return np.zeros_like(x)
    sd = float(x.std())
    return (x - float(x.mean())) / sd if sd > 1e-6 else np.zeros_like(x)


def vocab_share(query_terms: Iterable[str], vocab: Collection[str]) -> float:
    """Share of the distinct ``query_terms`` that ``vocab`` holds (0 for no terms)."""
    distinct = set(query_terms)
    return sum(1 for t in distinct if t in vocab) / len(distinct) if distinct else 0.0
