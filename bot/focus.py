"""Does a quote hold the very thing the question asks for?

Retrieval finds sentences *about* the question's topic; a near-miss unanswerable question ("How
many missiles are deployed?", "What does Article 5 say?") finds them too, with high confidence.
These checks look for the asked-for detail itself, using only the question's own wording:

- ``counted``: "How many <things>…" needs a number next to those things ("two bases"), not just
  any number somewhere in the sentence; ``count``: and in any case some number that is not an
  amount of money, a list item's own number or part of a name ("1.3 Additional drivers cost £9 a
  day" does not say how many drivers, nor "Year 6 teacher" how many sick days);
- ``numerals``: a numbered part the question names ("Article 5", "section 3") must appear in the
  quote (other numbers, "Super Bowl 50", "in 2015", are often left out of the answer sentence);
- ``explicit date``: "On what date / which year…" needs a calendar date, not "today" or "spring";
- ``contact``: "What's the phone number / email address / website of…" needs a phone number, an
  email address or a web address: contact details look the same in any genre, and a handbook that
  names a person without their number is the classic near miss. When the question names whose
  detail it wants ("Owen Carraway's phone number") and a quote names them, a quote that names
  them must give it: the office number beside their line is not theirs;
- ``measure``: "What time…" needs a time of day ("7:30 p.m.", "noon", "dusk"), not only a date;
  "What temperature…" a temperature; "What interest rate…" a percentage; "At what pressure…" a
  pressure; "How much does … cost" / "How much is…" (not "…worth") /
  "What's the fee…" a price; "How fast… / What is its top speed" a speed ("1,500 rpm", "110 mph");
  "How heavy… / What is the weight of…" a weight; "How long…" a length of time, or of whatever
  is asked about ("three working days", "2,000 words", "from 1914 to 1918", "until March");
  "Which days…" a day of the week ("Monday to Saturday", "weekdays", "daily"); "What day…" a
  weekday or a calendar date ("Friday will now be pizza day"). A
  meeting's date does not say when it started, nor a product's name what it costs, nor a drill's
  warranty how fast it turns, nor a set's start time how long it lasts;
- ``which``: "Which room / floor / gate / bus…" needs that thing named: an exam's date and weight
  do not say which room it is in.

Each rule only ever turns an answer into an abstention, and each was kept only if it caught
unanswerable development questions without costing answerable ones (``scripts/focus_report.py``,
docs/focus-report.md). The measure rule is the exception: on development questions it refused one
more near miss and one more answerable question (the same typo'd question, "What time framd…"), and
it stays for the everyday text it was written for (docs/benchmarks.md, "Generalising the checks").
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from index.sentences import IS_FIELD

from .features import (
    CARDINALS,
    CLOCK_OFFSET,
    EMAIL,
    EXPLICIT_DATE,
    MONEY,
    MONTHS,
    PHONE,
    PRICE_IN_TEXT,
    PRICE_Q,
    TIME_OF_DAY,
    WEB,
    WHAT_TIME,
    YES_OR_NO,
    asked_clause,
    has_answer_type,
)
from .labels import Label, contradicts, labels_of
from .lexical import STOPWORDS, days_named, item_text_start, name_terms, raw_words, stem, terms, words

_NUMBER_WORDS = (
    f"{CARDINALS}|hundreds|thousands|millions|billions|dozen|dozens|several|"
    "few|many|both|single|couple|pair|half|percent|no|none|once|twice|thrice|times"
)
_NUMBER_TOKEN = re.compile(rf"^(?:\d[\d,.]*%?|{_NUMBER_WORDS})$", re.I)
_HOW_MANY = re.compile(
    r"^\W*(?:and\s+|but\s+|so\s+)?(?:how\s+many|what(?:'s|’s|\s+is|\s+was|\s+are)\s+the\s+"
    r"(?:(?:maximum|minimum|max|min|total|exact|usual|average)\s+)?number\s+of)\s+(.+)$",
    re.I,
)
#: Words that end the counted noun phrase: "how many missiles *are* deployed", "*did* he…".
_PHRASE_END = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "do",
        "does",
        "did",
        "have",
        "has",
        "had",
        "will",
        "would",
        "can",
        "could",
        "shall",
        "should",
        "may",
        "might",
        "must",
        "of",
        "in",
        "on",
        "at",
        "for",
        "to",
        "from",
        "by",
        "with",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "there",
        "the",
        "a",
        "an",
    ]
)
_QUESTION_NUMERAL = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?![\w])")
#: A numbered part of a text ("Article 5", "section 3.2"): the number is the whole point.
_REFERENCE = re.compile(
    r"\b(?:article|section|chapter|paragraph|clause|point|item|page|annex|appendix|amendment|"
    r"resolution|rule|principle|phase|stage|step|part|title|schedule)\s+(\d+(?:\.\d+)*)\b",
    re.I,
)
#: "Which room / floor / gate…": a thing that a building, a timetable or a book names by number or
#: by name ("Room 318", "the third floor", "Gate B", "the 42 bus"); an answer names that thing.
_WHICH_THING = re.compile(
    r"^\W*(?:and\s+)?(?:which|what)\s+(room|floor|ward|gate|bus|page|chapter|locker|terminal|door|entrance|pool|platform|"
    r"row|seat|coach|carriage|version)s?\b",
    re.I,
)
#: How a text names each such thing, besides by its own word: an exam "in the Sports Hall", "the
#: number 42" bus.
_THING_IN_TEXT = {
    "room": r"room|hall|suite|theat(?:re|er)|lab|laboratory|studio|library|gym|lounge",
    # "the 42 bus", "route 7", "service 14", "the number 42 stops…"; not "press number 2 to book"
    "bus": r"bus|route\s+\d+[a-z]?|service\s+\d+[a-z]?|number\s+\d+[a-z]?(?=\s+(?:bus|service|stops?|runs?|goes))",
    "door": r"door|entrance|exit",
    "entrance": r"entrance|door|gate",
    "pool": r"pool|lido|baths",
    "seat": r"seat|row",
    "coach": r"coach|carriage",
    "carriage": r"carriage|coach",
    # "version 4.2", "v2.1", "Python 3.10 or later": a number with a point
    "version": r"version\s+\d[\w.]*|\bv\d[\w.]*|\b[A-Z][\w+-]*\s+\d+(?:\.\d+)*\b",
}
_EXPLICIT_DATE_Q = re.compile(
    # "What day / Which day of the week…" may be answered by a weekday (measures "day", "day of the
    # week"): "What day is pizza day?" of "Friday will now be pizza day".
    r"^\W*(?:and\s+)?(?:on|in|by|at|from|since|until)?\s*(?:what|which)\s+(?:exact\s+)?"
    r"(?:dates?|year|month)\b",
    re.I,
)
#: "What is / What's / Which …" questions that ask for a contact detail, and what the detail looks like.
#: Only what/which questions: "Can I cancel by email?" asks something else, and is answered without
#: an address.
_ASKS_FOR = re.compile(r"^\W*(?:and\s+)?(?:what|which)\b", re.I)


#: "What's <someone's> …" or "What is her …": a contact detail named by its device alone asks for
#: it only so ("What happens if a pupil loses their phone?" asks about the phone).
def _whose_device(device: str) -> str:
    """The pattern of "What's <someone's> <device>?" at the question's end, for ``device`` (a
    pattern): "What's Sandra's mobile?", "what is her email please"."""
    return (
        r"^\W*(?:and\s+)?what(?:'s|’s|\s+is)\s+(?:(?:the|your|our)\s+)?(?:(?:[\w-]+\s+)?[\w-]+(?:['’]s|s['’])"
        rf"|his|her|their|your)\s+(?:{device})\s*(?:please\s*)?[?.!]*\s*$"
    )


_CONTACT_Q = {
    # ... or "What number do I ring…", "Which number to call…"
    "phone number": re.compile(
        r"\b(?:(?:tele)?phone|mobile|cell|fax)\s+(?:number|no\b|extension)|\bextension\s+(?:number|no\b)"
        r"|^\W*(?:and\s+)?(?:what|which)\s+(?:phone\s+)?number\s+(?:(?:do|should|can|shall|must|would)\s+"
        r"(?:i|we|you|they)\s+|to\s+)(?:call|ring|phone|dial|text)\b"
        # ... or the device, someone's, at the end of "What's…": "What's Sandra's mobile?"
        rf"|{_whose_device(r'(?:tele)?phone|mobile')}",
        re.I,
    ),
    # ... or someone's "email" at the end: "What's the treasurer's email?" (not "What was wrong
    # with last month's email?", "What should I include in the email?")
    "email address": re.compile(rf"\be-?mail\s+address\b|{_whose_device('e-?mail')}", re.I),
    "web address": re.compile(r"\b(?:website|web\s+site|web\s+address|web\s+page|url|homepage)\b", re.I),
}
#: Whose detail it is: a possessive ("the landlord's", "Fernhill Lettings'"; "What's" is no owner:
#: ``terms`` drops it as a stop word), a word right before the detail ("the landlord phone number";
#: "your", "the" are stop words) or "of / for" after it ("the number for the office").
_POSSESSOR = re.compile(
    r"\b([^\W\d_][\w-]*)(?:['’]s\b|(?<=s)['’](?!\w)|\s+(?=(?:(?:tele)?phone|mobile|cell|fax|e-?mail|website)\b))",
    re.I,
)
_OF_OWNER = re.compile(
    r"\b(?:number|no|address|e-?mail|website|site|page|url)\s+(?:of|for)\s+"
    # one word or two: "for the landlord", "for customer support", "of the data protection officer"
    r"(?:(?:the|a|an|your|our|my|their)\s+)?([^\W\d_][\w-]*(?:\s+[^\W\d_][\w-]*)?)",
    re.I,
)
#: Words before a contact detail that say which kind it is, not whose ("the mobile phone number").
_DETAIL_KIND_WORDS = (
    "mobile cell fax phone telephone landline email e-mail contact main direct best general work home "
    "personal emergency"
)
_DETAIL_KINDS = frozenset(_DETAIL_KIND_WORDS.split())
_CONTACT_IN_TEXT = {
    "phone number": PHONE,
    "email address": EMAIL,
    "web address": WEB,
}

#: A question's verb of ending: "…finish?", "…close on Sundays?", "…be over?" (not "stop": "When
#: does the bus stop at Upton?").
_ENDING = r"\b(?:finish|end|close|shut|wrap\s+up|be\s+over|run\s+(?:until|till))\b(?![\w-])"
#: Currencies a price may be asked in ("How much is it in euros?"): how the question names each, and
#: how a text writes an amount in it.
_CURRENCIES = {
    "euros": (r"euros?", r"€\s?\d|\d\s?€|\bEUR\b|\d[\d,.]*\s+euros?\b"),
    "dollars": (r"(?:us\s+)?dollars?", r"\$\s?\d|\bUSD\b|\d[\d,.]*\s+dollars?\b"),
    "pounds": (r"pounds?|sterling", r"£\s?\d|\bGBP\b|\d[\d,.]*\s+pounds?\b|\d\s?p\b"),
}
#: Questions that ask for one kind of measure, and what that measure looks like in a text.
_MEASURE_Q = {
    # asked before any time of day: "What time does the get-together finish?" of a text that says only
    # "from 7pm" is not answered by when it starts (``gives_an_end``)
    "end time": re.compile(
        r"^\W*(?:and\s+)?(?:at\s+)?what\s+time\s+(?:does|do|did|will|would|is|are)\b[^?]{0,80}?"
        rf"{_ENDING}|^\W*(?:and\s+)?how\s+late\s+(?:does|do|is|are|will|can)\b",
        re.I,
    ),
    "end date or time": re.compile(
        rf"^\W*(?:and\s+)?when\s+(?:does|do|did|will|would|is|are)\b[^?]{{0,80}}?{_ENDING}", re.I
    ),
    # "What time…", and "What are the opening hours / times of…" (of a text that says only "during
    # licensed hours", the hours are not given)
    "time of day": re.compile(
        rf"{WHAT_TIME.pattern}|^\W*(?:and\s+)?what\s+(?:are|were)\s+(?:the\s+|its\s+|their\s+|your\s+)?"
        # one word, or whose: "What are Greenleaf Nursery's opening hours?"
        r"(?:(?:[\w'’-]+\s+){0,2}[\w'’-]+['’]s\s+|[\w'’-]+\s+)?"
        r"(?:opening|closing|visiting|office|collection|service|surgery|clinic|reception|licensed|licensing|bar|"
        r"kitchen|lesson|class|session|departure|arrival|check-in|check-out|checkout|pick-up|drop-off)\s+"
        r"(?:hours|times)\b",
        re.I,
    ),
    # "What interest rate does the account pay?", "What's the VAT rate?", "What percentage…": a share
    # in hundredths ("3.1% AER", "20 per cent"), or in words ("half")
    "percentage": re.compile(
        r"^\W*(?:and\s+)?(?:at\s+)?(?:what(?:'s|’s|\s+is|\s+was|\s+are|\s+were)\s+(?:the|its|their|your|our|[\w-]+['’]s)\s+"
        r"(?:[\w-]+\s+)?|what\s+)(?:(?:interest|tax|vat|discount|commission|mortgage|savings|inflation|pass|success|"
        r"response|take-up|vacancy|occupancy)\s+rate|percentage|per\s?cent)\b",
        re.I,
    ),
    # "At what pressure does the valve release water?", "What should the pressure be?": "1.5 bar"
    "pressure": re.compile(
        r"^\W*(?:and\s+)?(?:at\s+what\s+pressure\b|what\s+(?:pressure|psi)\s+(?:should|does|do|must|will)\b"
        r"|what(?:'s|’s|\s+is|\s+should)\s+the\s+(?:(?:tyre|tire|water|boiler|system|gas|air|oil|working|operating|"
        r"maximum|minimum|max|min|inflation|recommended|correct|right)\s+)?pressure(?:\s+be)?\s*[?.!]*\s*$)",
        re.I,
    ),
    # "What temperature…", "What oven temperature…", "What's the water temperature…", "How hot…"
    "temperature": re.compile(
        r"^\W*(?:and\s+)?(?:at\s+)?(?:(?:what|which)(?:'s|’s|\s+is|\s+was|\s+are|\s+were)?\s+(?:the\s+)?"
        r"(?:[\w-]+\s+)?temperature|how\s+(?:hot|cold|warm))\b",
        re.I,
    ),
    # a British oven's setting, which a temperature in degrees does not give
    "gas mark": re.compile(r"^\W*(?:and\s+)?(?:at\s+)?(?:what|which)\b[^?]{0,30}?\bgas\s+mark\b", re.I),
    # a price in a currency the question names: "£3.99" does not say what it costs in euros
    **{
        f"price in {currency}": re.compile(rf"(?:{PRICE_Q.pattern}).*\bin\s+(?:{asked})\b", re.I)
        for currency, (asked, _) in _CURRENCIES.items()
    },
    "price": PRICE_Q,
    "speed": re.compile(
        r"^\W*(?:and\s+)?(?:how\s+fast|what(?:'s|’s|\s+is|\s+was|\s+are|\s+were)\s+(?:(?:the|its|their|my|your|our|[\w-]+['’]s)\s+){0,3}"
        r"(?:[\w-]+\s+){0,2}(?:top\s+|maximum\s+|minimum\s+|max\s+|average\s+|cruising\s+|usual\s+)?"
        r"(?:download\s+|upload\s+|broadband\s+|internet\s+)?speed)\b",
        re.I,
    ),
    # "How long has it been around / have you been trading?": a start answers it as well as a
    # length does ("Founded in 2011", "open since 1998"); asked before any other length of time
    "length of time so far": re.compile(
        r"^\W*(?:and\s+)?(?:for\s+)?how\s+long\s+(?:has|have|had)\b[^?]{0,60}?"
        r"\b(?:been|existed|run|traded|lived|worked|operated|stood)\b",
        re.I,
    ),
    "length of time": re.compile(r"^\W*(?:and\s+)?(?:for\s+)?how\s+long\b(?!\s+ago\b)", re.I),
    # "How many (sick) days / weeks of leave…": days counted, not minutes ("a 30-minute lunch
    # break") nor a year; hours and years are counted as any number is
    "number of days or weeks": re.compile(
        r"^\W*(?:and\s+)?how\s+many\s+(?:[\w'’-]+\s+){0,3}?(?:days|weeks|months|fortnights)\b", re.I
    ),
    "day of the week": re.compile(
        r"^\W*(?:and\s+)?(?:on\s+)?(?:what|which)\s+(?:days\b|day\s+of\s+the\s+week\b)", re.I
    ),
    # "What day is pizza day?", not "What day trips…" nor "What day-to-day support…"
    "day": re.compile(
        r"^\W*(?:and\s+)?(?:on|by|from|until)?\s*(?:what|which)\s+(?:exact\s+)?(?:day|night|evening|morning)\s+"
        r"(?:is|are|was|were|does|do|did|will|would|should|can|could|must)\b",
        re.I,
    ),
    "power": re.compile(
        r"^\W*(?:and\s+)?(?:how\s+(?:powerful|many\s+watts)|what(?:'s|’s|\s+is|\s+was)\s+(?:(?:the|its|their|[\w-]+['’]s)\s+){0,2}"
        r"(?:[\w-]+\s+)?(?:wattage|power(?:\s+rating|\s+output)?\b"
        r"(?!\s+(?:of|cut|cuts|supply|socket|sockets|outage|point|points|station)\b))\b)",
        re.I,
    ),
    "voltage": re.compile(r"^\W*(?:and\s+)?(?:what|which)\b[^?]{0,40}\bvoltage\b", re.I),
    # "How often should I feed it?": a frequency ("once a month", "every 20 minutes", "weekly")
    "frequency": re.compile(r"^\W*(?:and\s+)?how\s+(?:often|frequently)\b", re.I),
    # "How far is the station?", not "How far in advance…" (a length of time)
    "distance": re.compile(r"^\W*(?:and\s+)?how\s+far\b(?!\s+(?:in\s+advance|ahead|back)\b)", re.I),
    # "Up to what age…", "What's the minimum age…": an age, not any number
    "age": re.compile(
        r"^\W*(?:and\s+)?(?:(?:up\s+)?(?:to|from|until|at)\s+)?what\s+age\b"
        r"|^\W*(?:and\s+)?what(?:'s|’s|\s+is|\s+are)\s+the\s+(?:minimum|maximum|min|max|lower|upper)\s+age\b"
        r"|^\W*(?:and\s+)?(?:is\s+there\s+an?\s+|what(?:'s|’s|\s+is)\s+the\s+)age\s+(?:limit|restriction)\b",
        re.I,
    ),
    # "How do I contact the Valuation Tribunal?": a way to reach them, not their name alone
    "contact details": re.compile(
        r"^\W*(?:and\s+)?how\s+(?:do|can|should|would)\s+(?:i|we|you)\s+(?:contact|reach|get\s+(?:hold\s+of|in\s+touch\s+with))\b",
        re.I,
    ),
    "weight": re.compile(
        r"^\W*(?:and\s+)?(?:how\s+heavy|how\s+much\s+(?:does|do|did)\b.*\bweigh|what(?:'s|’s|\s+is|\s+was|\s+are|\s+were)\s+"
        r"(?:(?:the|its|their|[\w-]+['’]s)\s+){0,3}weight)\b",
        re.I,
    ),
}
#: A length of time (or, for "How long is the essay / the bridge", of anything): a count of some
#: unit, a span between two points ("1914–1918", "from Monday to Friday", "until 31 March"), or a
#: word that is one ("overnight", "a fortnight", "permanently").
_DURATION_UNITS = (
    r"sec(?:ond)?s?|min(?:ute)?s?|h(?:ou)?rs?|hours?|days?|nights?|weeks?|wks?|fortnights?|months?|"
    r"years?|yrs?|decades?|centur(?:y|ies)|generations?|lifetimes?|terms?|semesters?|seasons?|"
    r"words?|pages?|characters?|lines?|km|kilomet(?:er|re)s?|miles?|m|met(?:er|re)s?|feet|foot|ft|"
    r"inch(?:es)?|cm|mm|yards?|laps?|sessions?|episodes?|rounds?|innings|periods?|halves|quarters?"
)
_DURATION = re.compile(
    # A count of a unit: digits may touch it ("45min", "2-year"); a word must stand apart ("a day",
    # not the "a"+"m" of "am").
    rf"(?:\b\d[\d,.]*(?:\s*(?:-|–|to|or)\s*\d[\d,.]*)?[\s-]*"
    # A written number may carry its digits in brackets, as a contract writes it: "five (5) years".
    rf"|\b(?:{_NUMBER_WORDS}|a|an|another|each|per|every|the\s+(?:first|next|last|following))"
    rf"(?:\s*(?:-|–|to|or)\s*(?:\d[\d,.]*|{_NUMBER_WORDS}))?(?:\s*\(\d[\d,.]*\))?[\s-]+)"
    rf"(?:(?:more|extra|full|further|whole|working|business|calendar|consecutive|school|academic)[\s-]+){{0,2}}"
    rf"(?:{_DURATION_UNITS})\b"
    r"|\b\d{3,4}\s*(?:–|-|to|until|till)\s*\d{2,4}\b|\b(?:from|between)\b.{1,40}\b(?:to|until|till|and)\b"
    r"|\b(?:until|till|up\s+to|throughout)\b"
    r"|\b(?:overnight|fortnight|all\s+(?:day|night|week|year)|indefinitely|permanently|forever|briefly|"
    r"momentarily|instantly|immediately|lifelong|daily|weekly|monthly|yearly|annual(?:ly)?)\b"
    # A span between two times of day ("2–4 p.m.", "9:00 to 17:30"), not any two numbers ("3 to 6 players").
    r"|\b\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:–|-|to)\s*\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?m\b"
    r"|\b\d{1,2}[:.]\d{2}\s*(?:–|-|to)\s*\d{1,2}[:.]\d{2}\b"
    # A table row whose number's unit of time opens the next cell, as a reference table writes it:
    # "| `retention_days` | `7` | Days that delivered messages are kept… |", "| Warranty | 2 | years |"
    # (not "| B12 | 30 | Year 9 |").
    r"|^\s*\|.*\|\s*`?\d[\d,.]*`?\s*\|\s*(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b(?!\s*\d)",
    re.I,
)
#: Where something started, which says how long it has lasted: "since 1998", "founded in 2011",
#: "opened its doors in March 2019".
_SINCE = re.compile(
    rf"\bsince\s+(?:(?:the\s+)?(?:early\s+|late\s+|mid-?)?(?:1[5-9]\d\d|20\d\d)|{MONTHS}\b|\d{{1,2}}\s+{MONTHS}\b)"
    r"|\b(?:founded|established|formed|set\s+up|opened|started|launched|began|begun|created|"
    r"incorporated|built)\b[^.;|]{0,40}?\b(?:1[5-9]\d\d|20\d\d)\b",
    re.I,
)
_MEASURE_IN_TEXT = {
    # a clock time, or one said from a moment of the day ("45 minutes before closing")
    "time of day": re.compile(f"{TIME_OF_DAY.pattern}|{CLOCK_OFFSET.pattern}", re.I),
    "temperature": re.compile(
        r"°|\bdegrees?\b|\b\d+\s*(?:C|F|K)\b|\b(?:celsius|fahrenheit|kelvins?)\b"
        # as a recipe or a protocol says it: "as cold as possible", "at room temperature", "ice-cold"
        r"|\bas\s+(?:cold|hot|warm|cool)\s+as\s+(?:possible|you\s+can)\b|\broom\s+temperature\b"
        r"|\b(?:ice[\s-]cold|lukewarm|piping\s+hot)\b",
        re.I,
    ),
    "gas mark": re.compile(r"\bgas\s+mark\s+\d", re.I),
    "percentage": re.compile(
        r"\d\s?%|\b(?:per\s?cent|percent)\b|\b(?:half|a\s+third|a\s+quarter|two\s+thirds|three\s+quarters)\b"
        r"|\b(?:interest|tax|vat)[\s-]free\b|\bzero[\s-]rated\b|\b(?:all|none)\b"
        r"|\b(?:one|two|three|four|five|six|seven|eight|nine|\d+)\s+in\s+(?:ten|\d+)\b",
        re.I,
    ),
    "pressure": re.compile(
        r"\b\d[\d,.]*\s?(?:bars?|mbar|millibars?|mb|hpa|kpa|mpa|pa|psi|psig|mmhg|inhg|atm|atmospheres?)\b",
        re.I,
    ),
    "power": re.compile(r"\b\d[\d,.]*\s?(?:k?W|watts?|kilowatts?)\b", re.I),
    "voltage": re.compile(r"\b\d[\d,.]*\s?(?:V|volts?|kV)\b", re.I),
    # (loose on purpose: it only refuses a quote that says nothing of how often)
    "frequency": re.compile(
        r"\b(?:every|whenever|once|twice|alternate|hourly|daily|nightly|weekly|fortnightly|monthly|quarterly|"
        r"yearly|annually|weekdays|weeknights|weekends|(?:bi|semi-?)(?:weekly|monthly|annually)|biannually|"
        r"(?:mon|tues|wednes|thurs|fri|satur|sun)days|intervals?)\b|\btimes?\s+(?:a|an|per|each)\b"
        r"|\b(?:a|an|per|each)\s+(?:minute|hour|day|night|week|fortnight|month|term|season|year)\b"
        r"|\bof\s+(?:the|each|every)\s+(?:week|month|year)\b",
        re.I,
    ),
    "distance": re.compile(
        r"\b\d[\d,.]*\s?(?:miles?|mi|km|kilomet(?:er|re)s?|m|met(?:er|re)s?|cm|centimet(?:er|re)s?|mm|"
        r"millimet(?:er|re)s?|yards?|yds|feet|foot|ft|inch(?:es)?)\b"
        # "four miles away", "a mile", "half a mile", "a few hundred yards": a length in words
        # (not "twenty miles an hour", a speed; yards and metres only on the way somewhere, as
        # "two meters are fitted" are a gas meter's and "four yards" a courtyard's)
        rf"|\b(?:{CARDINALS}|several|a\s+few|a\s+couple\s+of)(?:[\s-]+(?:hundred|thousand|and\s+a\s+half))?[\s-]+"
        r"(?:miles?|kilomet(?:er|re)s?|km)\b(?!\s+(?:an|a|per)\s+hour\b)"
        rf"|\b(?:{CARDINALS}|several|a\s+few|a\s+couple\s+of)(?:[\s-]+hundred)?[\s-]+(?:yards|met(?:er|re)s)\s+"
        r"(?:away|from|down|along|up|past|beyond|further|off|to|towards|before|after)\b"
        r"|\b(?:an?|half\s+an?|a\s+(?:half|quarter)-)[\s-]*(?:mile|kilomet(?:er|re))\b(?!\s+(?:an|a|per)\s+hour\b)"
        rf"|\b(?:\d+|{CARDINALS}|an?|half\s+an?)[\s-]+(?:minutes?|mins?|hours?)['’]?\s+(?:walk|drive|ride|away|by\s+\w+)"
        r"|\b(?:next\s+door|opposite|across\s+the\s+road|around\s+the\s+corner|nearby|on\s+site)\b"
        # "How far should I walk?": "Walk … for 10 minutes every day"
        rf"|\b(?:walk|run|jog|cycl|swim|drive)\w*\b[^.]{{0,60}}?\bfor\s+(?:\d+|{CARDINALS}|an?|half\s+an?)\s+(?:minutes?|mins?|hours?)\b",
        re.I,
    ),
    "age": re.compile(
        r"\b(?:aged?|ages|under|over|from)\s*-?\s*\d{1,2}\b|\b\d{1,2}\s*(?:\+|years?|yrs?|(?:and|or)\s+(?:over|under|older|younger))"
        r"|\bunder[\s-]\d{1,2}s?\b|\b(?:adults?\s+only|all\s+ages|babies|babes\s+in\s+arms|toddlers|teenagers|children\s+of\s+any\s+age)\b",
        re.I,
    ),
    "contact details": re.compile(
        rf"(?:{PHONE.pattern})|(?:{EMAIL.pattern})|(?:{WEB.pattern})"
        r"|\b(?:call|ring|phone|telephone|email|e-mail|write\s+to|text|message|online|website|web\s*form|form|"
        r"in\s+person|drop\s+in|pop\s+in|reception|letter|post|chat|app)\b",
        re.I,
    ),
    **{f"price in {currency}": re.compile(given, re.I) for currency, (_, given) in _CURRENCIES.items()},
    "price": PRICE_IN_TEXT,
    "speed": re.compile(
        r"\b(?:mph|km/h|kmh|kph|rpm|knots?|mach|m/s|ft/s)\b|\bmiles\s+(?:an|per)\s+hour\b"
        # a connection's: "67 Mbps", "1 Gb/s"
        r"|\b\d[\d,.]*\s?(?:[kmg]bps|[kmg]b/s|[kmg]bit/s|megabits?|gigabits?)\b"
        r"|\b(?:kilo)?met(?:er|re)s?\s+(?:an|per)\s+(?:hour|second)\b|\brevolutions\s+(?:a|per)\s+minute\b"
        r"|\bspeed\s+of\s+(?:light|sound)\b",
        re.I,
    ),
    "length of time": _DURATION,
    "length of time so far": re.compile(f"{_DURATION.pattern}|{_SINCE.pattern}", re.I),
    "number of days or weeks": re.compile(
        rf"\b(?:\d[\d,.]*|{CARDINALS}|an?)(?:\s+|-)(?:(?:working|calendar|business|full|clear|consecutive)\s+)?"
        r"(?:days?|weeks?|months?|fortnights?)\b|\bfortnight(?:ly)?\b",
        re.I,
    ),
    "day of the week": re.compile(
        r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?s?\b|\bweek(?:day|end|night)s?\b"
        # ("seven days a week" names them all; "from six days a week to four" names none)
        r"|\bdaily\b|\bevery\s+day\b|\bseven\s+days\b|\b7\s+days\b",
        re.I,
    ),
    "weight": re.compile(
        r"\b\d[\d,.]*\s?(?:kg|g|mg|lbs?|oz|t)\b|\b(?:kilo)?grams?\b|\bkilos?\b|\bpounds?\b(?!\s*\d)|\bounces?\b"
        r"|\btonnes?\b|\btons?\b|\bstones?\b",
        re.I,
    ),
}
#: "What day…": a weekday or a calendar date.
_MEASURE_IN_TEXT["day"] = re.compile(
    f"{_MEASURE_IN_TEXT['day of the week'].pattern}|{EXPLICIT_DATE.pattern}", re.I
)

#: Words that mark the time after them as a start: "from 7pm", "Doors open at 7", "Starts at 2pm".
_STARTS = re.compile(
    r"\b(?:from|starts?|starting|begins?|beginning|opens?|opening|doors|kicks?[\s-]off|arrive|arrival|"
    r"warm[\s-]up)\b",
    re.I,
)
#: How far before a time a start's word is looked for (within its clause, after the time before it).
_START_REACH = 30
_CLAUSE_END = re.compile(r"[.!?;|]")


#: A time of day or a date, what "When does … end?" is answered with.
_DAY_OR_TIME_OF_DAY = re.compile(f"{TIME_OF_DAY.pattern}|{EXPLICIT_DATE.pattern}", re.I)
#: Words that say something ends: "open until 5:30 p.m.", "The tour ends after breakfast".
_ENDS = re.compile(
    r"\b(?:until|till|til|through|ends?|ended|ending|finish(?:es|ed)?|close[sd]?|closing|shuts?|over|"
    r"expires?|expiry|last\s+(?:orders|entry|admission))\b|['’]til\b",
    re.I,
)


def gives_an_end(text: str, dates: bool) -> bool:
    """Whether ``text`` can say when something ends: a time of day (a date too, for "When…") that
    is not marked as a start ("7.30 pm to 9.00 pm", "locked at 10pm", "open until 5:30 p.m.", "by 4
    July"), where "from 7pm" or "Doors open at 7" alone say only when it starts; or, for "When…",
    words that say it ends ("The tour ends after breakfast", "when the last lighthouse is
    claimed")."""
    if dates and _ENDS.search(text):
        return True
    pattern = _DAY_OR_TIME_OF_DAY if dates else TIME_OF_DAY
    previous = 0
    for m in pattern.finditer(text):
        before = _CLAUSE_END.split(text[max(previous, m.start() - _START_REACH) : m.start()])[-1]
        if _ENDS.search(before) or not _STARTS.search(before):
            return True
        previous = m.end()
    return False


_ROMAN = {
    r: i
    for i, r in enumerate(
        [
            "I",
            "II",
            "III",
            "IV",
            "V",
            "VI",
            "VII",
            "VIII",
            "IX",
            "X",
            "XI",
            "XII",
            "XIII",
            "XIV",
            "XV",
            "XVI",
            "XVII",
            "XVIII",
            "XIX",
            "XX",
        ],
        1,
    )
}
_ROMAN_TOKEN = re.compile(r"\b[IVXivx]{1,5}\b")
#: Counted nouns so general that answers rarely repeat them ("30,000 inhabitants" for "people").
_GENERIC = frozenset(
    [
        "people",
        "persons",
        "person",
        "times",
        "time",
        "years",
        "year",
        "days",
        "months",
        "weeks",
        "hours",
        "minutes",
    ]
)
_IRREGULAR = frozenset(["men", "women", "children", "feet", "teeth", "mice", "geese"])
#: Nouns counted without a plural "s": "How many staff…", "How many crew…".
_COLLECTIVE = frozenset(["staff", "crew", "personnel", "police", "sheep", "fish", "aircraft", "cattle"])
#: Every plural without an "s", read once per counted word.
_PLURALS_WITHOUT_S = _IRREGULAR | _COLLECTIVE
_LABEL_NUMBER = re.compile(r"(?<=[\s(,;:–-])[A-Z][a-z]+\s+\d+[A-Za-z]?\b")
_ENUMERATOR = re.compile(r"^\s*(?:\d+(?:\.\d+)+\.?|\d+[.)])\s+")
#: How far (in words) a number may stand from the counted noun: "two ground-launched missile bases".
WINDOW = 4


@dataclass(frozen=True)
class Focus:
    """What a quote must contain to answer the question, read from the question's wording."""

    counted: tuple[str, ...] = ()  # stems of the counted noun phrase ("how many X")
    numerals: tuple[str, ...] = ()  # numbers the question names
    explicit_date: bool = False
    contact: str | None = None  # "phone number", "email address" or "web address"
    #: Whose contact detail is asked for: the stems of the names the question writes with a capital
    #: after its first word ("What is Owen Carraway's phone number?").
    whose: tuple[str, ...] = ()
    measure: str | None = None  # a key of ``_MEASURE_Q``: "time of day", "price", "length of time"…
    #: "How many…" asks for a count: some number that is not an amount of money nor a list
    #: item's number, even when the counted noun is too generic to look for ("How many days…").
    count: bool = False
    which: str | None = None  # the thing "Which room / floor / gate…" asks about (``_WHICH_THING``)
    #: "How many hours / minutes…": a span of times of day counts them ("07:00-15:00").
    counts_time: bool = False
    #: The days of the week a question asks about ("What time is the last bus on a Saturday?"):
    #: a quote about other days only ("Monday to Friday: last bus 23:10") does not answer it. Not
    #: read from a yes-or-no question ("Can I come on Monday?" is answered by "Open Tuesday to
    #: Sunday").
    days: frozenset[str] = frozenset()
    #: Who a question asks about, of the groups a price list or a rule tells apart ("How much is an
    #: annual pass for a child?"): a quote only for others ("£45 per adult") does not answer it.
    audience: frozenset[str] = frozenset()
    #: The ordinals and codes the question picks its thing out by ("the fifth round", "Band A",
    #: ``bot.labels``): a quote that names only others of the kind ("the fourth round") does not
    #: answer it.
    labels: tuple[Label, ...] = ()

    @property
    def empty(self) -> bool:
        return not (
            self.counted
            or self.numerals
            or self.explicit_date
            or self.contact
            or self.measure
            or self.count
            or self.which
            or self.days
            or self.audience
            or self.labels
        )


#: Everyday words for what a text counts under another name: "How many kids…" counts children.
_SAME_THING = {"kid": "childr"}


def _stem(word: str) -> str:
    """Stem, then cut to 6 letters so spelling variants meet ("kilometers", "kilometres"), and an
    everyday word meets the one a text writes (``_SAME_THING``)."""
    cut = stem(word)[:6]
    return _SAME_THING.get(cut, cut)


@lru_cache(maxsize=1024)
def focus_of(question: str) -> Focus:
    whole = question  # a label may be in the preamble: "We're Band A - what will we pay?"
    question = asked_clause(question)
    counted: tuple[str, ...] = ()
    head: list[str] = []
    m = _HOW_MANY.match(question)
    if m:
        phrase: list[str] = []
        for w in words(m.group(1)):
            if w in _PHRASE_END or len(phrase) >= 4:
                break
            phrase.append(w)
        content = [w for w in phrase if w not in STOPWORDS]
        # The counted noun is the phrase's last plural ("tomahawk cruise *missiles*", "square
        # *miles* large"); "How many people / times / years" is too generic to look for.
        plurals = [
            w for w in content if (w.endswith("s") and not w.endswith("ss")) or w in _PLURALS_WITHOUT_S
        ]
        head = plurals[-1:]
        counted = tuple(_stem(w) for w in head if w not in _GENERIC)
    numerals = tuple(dict.fromkeys(_REFERENCE.findall(question)))
    # a yes-or-no question is answered by the days and groups there are ("Can I come on Monday?")
    yes_or_no = YES_OR_NO.match(question) is not None
    contact = contact_asked(question)
    return Focus(
        counted=counted,
        numerals=numerals,
        explicit_date=bool(_EXPLICIT_DATE_Q.match(question)),
        contact=contact,
        whose=_terms_of(_owner_words(question)) if contact else (),
        measure=next((kind for kind, asked in _MEASURE_Q.items() if asked.search(question)), None),
        count=m is not None,
        which=which.group(1).lower() if (which := _WHICH_THING.match(question)) else None,
        counts_time=any(_stem(w) in _TIME_UNITS for w in head),
        days=frozenset() if yes_or_no else days_named(question),
        audience=frozenset() if yes_or_no else audience_named(question),
        labels=labels_of(whole),
    )


def contact_asked(question: str) -> str | None:
    """The kind of contact detail a "What is / Which…" question asks for (a key of ``_CONTACT_Q``)."""
    if not _ASKS_FOR.match(question):
        return None
    return next((kind for kind, asked in _CONTACT_Q.items() if asked.search(question)), None)


def named_owner(question: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Whose contact detail a contact question asks for, or (): each word that names the owner, as
    written ("landlord", for a reason a user reads), with its terms (``Focus.whose``)."""
    return _owner_words(question) if contact_asked(question) is not None else ()


def _terms_of(owner: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t for _, owned in owner for t in owned))


#: Words a question may add after whose detail it asks for: "the landlord please".
_FILLER = frozenset(["please", "pls", "now", "today", "again", "urgently", "thanks", "asap"])


def _owner_words(question: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The words (as written, with their terms) that name whose detail ``question`` asks for."""
    roles = [m.group(1) for m in _POSSESSOR.finditer(question)] + [
        m.group(1) for m in _OF_OWNER.finditer(question)
    ]
    # The first word is capitalised whoever it names.
    names = [w for w in raw_words(question)[1:] if name_terms([w])]
    found: dict[str, tuple[str, ...]] = {}
    for word in [*names, *(r for r in roles if r.lower() not in _DETAIL_KINDS)]:
        # "for the landlord in an emergency", "… please": the owner is "landlord"
        written = " ".join(w for w in word.split() if w.lower() not in STOPWORDS | _FILLER) or word
        written = written.removesuffix("'s").removesuffix("’s")
        owned = tuple(t for t in terms(written) if t not in STOPWORDS)
        seen = {t for terms_of in found.values() for t in terms_of}
        if owned and written not in found and not set(owned) <= seen:  # "Fernhill Lettings", once
            found[written] = owned
    return tuple(found.items())


def _has_counted(toks: list[str], counted: tuple[str, ...]) -> bool:
    """A number within ``WINDOW`` words (``toks``, as ``_counts`` reads them) of a word of the
    counted phrase ("two … bases") that counts no other thing (``_counts_other``)."""
    wanted = set(counted)
    stems = [_stem(t) for t in toks]
    if wanted & set(stems):
        for j, (t, after) in enumerate(itertools.pairwise(toks)):
            # "postal votes … your own and up to 5 others"; not "3 more days for delivery", which
            # counts another thing
            then = toks[j + 2] if j + 2 < len(toks) else ""
            if _NUMBER_TOKEN.match(t) and after in _MORE_OF_THEM and not then.endswith("s"):
                return True
    for i, s in enumerate(stems):
        # The plural itself: in "two missile bases" the singular "missile" only qualifies "bases".
        plural = toks[i].endswith("s") or toks[i] in _PLURALS_WITHOUT_S
        if s not in wanted or not (plural or toks[i - 1 : i] in (["one"], ["single"], ["1"])):
            continue
        lo, hi = max(0, i - WINDOW), min(len(toks), i + WINDOW + 1)
        if any(
            _NUMBER_TOKEN.match(toks[j]) and not _counts_other(toks, j, i) for j in range(lo, hi) if j != i
        ):
            return True
    return False


#: Words after a number that count more of a thing the sentence names: "up to 5 others", "3 more".
_MORE_OF_THEM = frozenset(["others", "more", "extra", "additional", "further"])

#: Units a number measures in rather than counts: "10 ml of the buffer", "200 g".
_UNITS = frozenset(["ml", "l", "g", "kg", "mg", "cm", "mm", "m", "km", "oz", "lb", "lbs", "tsp", "tbsp"])


def _counts_other(toks: list[str], j: int, i: int) -> bool:
    """Whether the number at ``j`` measures or counts something else than the word at ``i``: a unit
    ("10 ml") or another plural right after it ("squash the strawberries for 2 *minutes*" does not
    say how many strawberries; "- 3 strawberries" does)."""
    after = toks[j + 1] if j + 1 < len(toks) else ""
    if j + 1 == i or not after:
        return False
    # a plural by its form: not "3 spacious bedrooms", "4 tennis courts", "3 bus routes", "4 is"
    plural = after.endswith("s") and not after.endswith(("ss", "ous", "us", "is")) and after not in STOPWORDS
    return after in _UNITS or (plural and _stem(after) != _stem(toks[i]))


#: A day of a month or a time of day: the "9" of "on 9 September, customers could not…" counts no
#: customers, nor does "14:02" (a bare year may be a count, "1500 people", and stays).
_MONTH_NAME = rf"(?-i:(?=[A-Z])){MONTHS}"  # a month's name as written: "Up to 6 may join" is no date
#: A day of a month.
_DAY = re.compile(
    rf"\b(?:{_MONTH_NAME}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_NAME})\b"
    r"|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b",
    re.I,
)
#: ... or a time of day.
_DAY_OR_TIME = re.compile(rf"{_DAY.pattern}|{TIME_OF_DAY.pattern}", re.I)
#: Counted nouns that a span of times of day counts ("shifts run 07:00-15:00": eight hours).
_TIME_UNITS = frozenset(["hour", "minut"])


def _counts(text: str, times: bool = False) -> list[str]:
    """The words of ``text`` without its amounts of money, its days and (unless ``times``, when hours
    or minutes are counted) times of day, its list item's number and the numbers that are part of a
    name ("Year 6 teacher", "Room 318", "Flat 3") after its first word."""
    text = (_DAY if times else _DAY_OR_TIME).sub(" ", MONEY.sub(" ", _ENUMERATOR.sub("", text)))
    # The first word opens the sentence, after a list item's bullet too ("- Trained 40 colleagues").
    cut = item_text_start(text) + 1
    return words(text[:cut] + _LABEL_NUMBER.sub(" ", text[cut:]))


def satisfies(text: str, focus: Focus) -> bool:
    """Whether ``text`` could answer a question with this focus."""
    # Read once for both checks. An amount of money counts nothing ("drivers cost £9 per day" does
    # not say how many drivers), nor does a list item's number ("1.3 Additional drivers…").
    toks = _counts(text, times=focus.counts_time) if focus.count or focus.counted else []
    if focus.count and not any(_NUMBER_TOKEN.match(t) for t in toks):
        return False
    if focus.counted and not _has_counted(toks, focus.counted):
        return False
    if focus.numerals:
        present = {n.replace(",", "") for n in _QUESTION_NUMERAL.findall(text)}
        present |= {str(_ROMAN[r.upper()]) for r in _ROMAN_TOKEN.findall(text) if r.upper() in _ROMAN}
        if not all(n in present for n in focus.numerals):
            return False
    if focus.contact and not _CONTACT_IN_TEXT[focus.contact].search(text):
        return False
    if focus.measure and not _gives_measure(text, focus.measure):
        return False
    if focus.which and not _names_thing(text, focus.which):
        return False
    if focus.days and not _about(days_named(text), focus.days):
        return False
    if focus.audience and not _about(audience_named(text), focus.audience):
        return False
    if any(contradicts(text, label) for label in focus.labels):
        return False
    return not (focus.explicit_date and not EXPLICIT_DATE.search(text))


#: The groups a price list or a rule tells apart, and how a text names each.
_AUDIENCES = {
    "child": re.compile(
        r"\b(?:child(?:ren)?(?:['’]s)?|kids?|juniors?|infants?|bab(?:y|ies)|toddlers?|under[\s-]?\d{1,2}s"
        r"|under[\s-]?\d{1,2}\s*(?:years?|yrs?))\b",
        re.I,
    ),
    "adult": re.compile(r"\b(?:adults?|grown[\s-]?ups?)\b", re.I),
    "student": re.compile(r"\bstudents?\b", re.I),
    "senior": re.compile(r"\b(?:seniors?|pensioners?|over[\s-]?(?:60|65)s|OAPs?|retired)\b", re.I),
    "family": re.compile(r"\bfamil(?:y|ies)\b", re.I),
}


_GROUP_NAMES = {
    "child": "children",
    "adult": "adults",
    "student": "students",
    "senior": "seniors",
    "family": "families",
}


def audience_named(text: str) -> frozenset[str]:
    """The groups of ``_AUDIENCES`` a text names."""
    return frozenset(group for group, named in _AUDIENCES.items() if named.search(text))


def _about(named: frozenset[str], asked: frozenset[str]) -> bool:
    """Whether a text that names ``named`` (days, groups) can be about one of ``asked``: it names
    one of them, or names none at all."""
    return not named or not named.isdisjoint(asked)


def _gives_measure(text: str, measure: str) -> bool:
    """Whether ``text`` gives a measure of the kind asked for (a key of ``_MEASURE_Q``)."""
    if measure in ("end time", "end date or time"):
        return gives_an_end(text, dates=measure == "end date or time")
    return _MEASURE_IN_TEXT[measure].search(text) is not None


@lru_cache(maxsize=32)
def _thing_named(thing: str) -> re.Pattern[str]:
    """How a text names ``thing`` (``_THING_IN_TEXT``, else by its own word), made once per thing."""
    return re.compile(rf"\b(?:{_THING_IN_TEXT.get(thing, thing)})(?:e?s)?\b", re.I)


def _names_thing(text: str, thing: str) -> bool:
    """Whether ``text`` names a thing of the kind "Which <thing>…" asks for."""
    return _thing_named(thing).search(text) is not None


#: Words of a field's label that name a person's role ("Membership secretary:", "Head teacher:"):
#: a desk, a team or a firm ("Front desk:", "Customer Services:", "Fernhill Lettings:") answers for
#: the organisation whose page it is.
_ROLE_WORDS = (
    "secretary treasurer chair chairman chairwoman chairperson president vice-president captain coach "
    "manager director officer coordinator co-ordinator organiser organizer leader head headteacher teacher "
    "tutor clerk warden caretaker steward administrator editor governor trustee councillor mayor agent "
    "landlord landlady owner nurse doctor doctors gp matron principal deputy instructor trainer supervisor "
    "convenor convener registrar bursar librarian curator vicar rector minister churchwarden"
)
_ROLES = frozenset(_ROLE_WORDS.split())
#: Words of a field's label that say what kind of detail follows, not whose: "Office phone:",
#: "Email:", "Bookings and enquiries:".
_FIELD_KIND_WORDS = (
    "address addresses web website site url tel no number numbers line lines enquiries enquiry bookings "
    "booking office hours out-of-hours opening"
)
_FIELD_KINDS = _DETAIL_KINDS | frozenset(_FIELD_KIND_WORDS.split())


def _someone_elses(text: str, whose: tuple[str, ...]) -> bool:
    """Whether ``text`` gives a contact detail as a field of someone named in its label, for a
    question that asks for another's (the caller has checked the text never names them):
    "Membership secretary: Paul Kwan (membership@…)" is not the treasurer's email. A label that
    only says what kind of detail follows ("Office phone: 01632 960347"), or names a desk, a team
    or a firm ("Front desk:", "Fernhill Lettings:"), names no one else, and a detail that writes the
    owner's name ("@hollowaychoir.org.uk" for the choir's) is theirs."""
    if any(owner in text.lower() for owner in whose):
        return False
    line = text[item_text_start(text) :]
    field = IS_FIELD.match(line)
    if field is None or "\n" in line.strip():
        return False
    label = field.group(1).split(":", 1)[0]
    said = set(words(label))
    return bool(said & _ROLES) and said.isdisjoint(_FIELD_KINDS)


def missing(texts: list[str], focus: Focus) -> str | None:
    """The reason no text answers, or None when one does (or the question has no focus)."""
    if focus.whose:
        # Someone else's number is not theirs: when a quote names whose detail is asked for and
        # none that names them gives it ("- Property manager: Owen Carraway, owen@…" beside
        # "- Office phone: 01632 960347"), the documents don't give it. A detail in a quote that
        # names nobody still answers "What is Fernhill Lettings' phone number?".
        named = [t for t in texts if not set(focus.whose).isdisjoint(terms(t))]
        if named and not any(satisfies(t, focus) for t in named):
            return f"no passage gives the {focus.contact} asked for"
        if not named and texts and _someone_elses(texts[0], focus.whose):
            return f"no passage gives the {focus.contact} asked for"
    if focus.empty or any(satisfies(t, focus) for t in texts):
        return None
    if focus.counted or focus.count:
        return "no passage gives the number asked for"
    if focus.numerals:
        return f"no passage mentions {', '.join(focus.numerals)}"
    if focus.contact and not any(_CONTACT_IN_TEXT[focus.contact].search(t) for t in texts):
        return f"no passage gives the {focus.contact} asked for"
    if focus.measure and not any(_gives_measure(t, focus.measure) for t in texts):
        return f"no passage gives the {focus.measure.removesuffix(' so far')} asked for"
    if focus.which and not any(_names_thing(t, focus.which) for t in texts):
        return f"no passage names the {focus.which} asked for"
    if focus.explicit_date and not any(EXPLICIT_DATE.search(t) for t in texts):
        return "no passage gives the date asked for"
    if focus.audience and not any(_about(audience_named(t), focus.audience) for t in texts):
        return f"no passage gives it for {' or '.join(_GROUP_NAMES[g] for g in sorted(focus.audience))}"
    if focus.days and not any(_about(days_named(t), focus.days) for t in texts):
        return f"no passage gives it for {' or '.join(sorted(d.title() for d in focus.days))}"
    for label in focus.labels:
        if all(contradicts(t, label) for t in texts):
            return f"no passage gives it for {label.phrase}"
    return "no passage gives all the details asked for"  # each is in some quote, none has them all


#: The kinds of answer whose absence refuses an answer: a date and a number look the same in any
#: text. A name or a place does not: news names people and capitals ("Who signed…": "Stoltenberg"),
#: but a handbook answers "Who goes first?" with "the youngest player" and "Where do we meet?" with
#: "the bench by the gate". For those kinds the ranker's learned ``type_ok`` feature weighs in instead.
CHECKED_KINDS = frozenset({"date", "number"})


def detail_missing(
    texts: list[str], question: str, answer_type: str | None, focus: Focus | None = None
) -> str | None:
    """Why none of ``texts`` gives what ``question`` asks for, or None when one of them does.

    Two checks: the kind of answer asked for ("When…": a date, "How many…": a number; see
    ``features.answer_type``), then the question's own focus (``focus_of``, or ``focus`` given).
    """
    if answer_type in CHECKED_KINDS and not any(has_answer_type(t, answer_type, question) for t in texts):
        return f"no passage gives the {answer_type} asked for"
    return missing(texts, focus_of(question) if focus is None else focus)
