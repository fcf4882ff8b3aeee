"""Numbers and codes a question writes that no document writes.

"When is Tidewater 3.3 coming out?" asked of release notes for 3.2, "What does error E04 mean?" of a
manual whose table stops at E03, "Who won in 2019?" of a report on 2022: the question is about a
thing the documents never mention, however close the passages about 3.2 or E03 come in meaning.
A number is written in many ways, so both sides are read the same way first:

- a plain number by its value as written: "7:30" and "7.30" are one, "5,000" and "5000" are one,
  "09" and "9" are one;
- a number with a unit glued on ("5kg", "10p", "3rd", "1960s") by its number: "5 kg" says it too;
- a code, letters then digits ("E04", "A4", "M25"), whole: "E03" does not mention E04;
- a whole number inside a range the documents write: "4 to 6 items" mentions 5 ("How much for 5
  items?").

Only what the question writes in digits is read; "three" or "Christmas Eve" are words, and words are
the ranker's business. The asker's age, or their people's ("my 10-year-old", "I'm 70"), is left out:
it describes who asks, and documents give ages as ranges ("children under 12"), never one by one
("I'm 24, is there an extra charge?" of "Drivers aged 23 to 25 pay a surcharge"). So is a year or
a measure of the asker's own, or of one thing the question describes by it, that the answer holds
against a bound (``against_a_bound``): "my van is 2.5m tall, can I get a permit?" of "no more than
2.3 metres high", "How much to neuter a 30 kg dog?" of "over 25 kg £320".
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

from .features import OPENS_ASKING, asked_clause

#: A run of letters then digits (a code), or digits with separators and perhaps a unit after them.
_TOKEN = re.compile(r"(?<![\w.:,])(?:([^\W\d_]+)(\d+)|(\d+(?:[.:,]\d+)*))(?:[^\W\d_]+)?(?![\w])", re.UNICODE)


def _number(written: str) -> str:
    """One form for a number: "7:30" and "7.30" as "7.30", "5,000" as "5000", "09" as "9"."""
    parts = re.split(r"[.:]", re.sub(r",(?=\d{3}(?!\d))", "", written))
    head = parts[0].lstrip("0") or "0"
    return ".".join([head, *parts[1:]])


#: The age of the one who asks or of their own people: "my 10-year-old", "I'm 24", "she turns 16".
#: An age that is a fact to look up stays a number ("Which Super Bowl did Elway win at 38 years old?").
_AGE = re.compile(
    # "my 10-year-old", "our 5 year old son", "my daughter, 12 years old"; "a 6 year old", "6-year-olds":
    # anyone of that age, as a rule is asked about
    r"\b(?:my|our)\s+(?:[^\W\d_]+,?\s+){0,2}\d{1,3}[\s-]*(?:years?|yrs?)[\s-]*olds?\b"
    r"|\b(?:an?\s+\d{1,3}[\s-]*(?:years?|yrs?)[\s-]*old|\d{1,3}[\s-]*(?:years?|yrs?)[\s-]*olds)\b"
    # "I'm 24, is there an extra charge?", "my son turns 16", not "I'm 10 minutes late"
    r"|\b(?:i['’]?m|i\s+am|(?:he|she|they|we)(?:['’](?:s|re)|\s+is|\s+are)|turn(?:s|ed|ing)?)\s+\d{1,3}\b"
    r"(?![.,]\d|\s*(?:%|percent|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|miles?|km|kg|points?|p\b|pence|pounds?|euros?|dollars?))",
    re.I,
)


#: The asker speaks of a thing of their own: "my van", "our car", "I've got", "we have".
_ASKERS_OWN = re.compile(
    r"\b(?:my|our|i['’]ve\s+got|i\s+(?:have|own|bought)|we\s+(?:have|own)|we['’]ve\s+got)\b", re.I
)
#: A year as written: 1900–2099.
_YEAR = re.compile(r"(?:19|20)\d{2}")
#: Units of a measure the asker may give of their own, by family.
_LENGTHS = (
    "m",
    "metre",
    "metres",
    "meter",
    "meters",
    "cm",
    "mm",
    "km",
    "ft",
    "feet",
    "foot",
    "inch",
    "inches",
)
_WEIGHTS = ("kg", "kgs", "kilo", "kilos", "kilogram", "kilograms", "t", "tonne", "tonnes", "lb", "lbs")
_UNIT_FAMILY = {**dict.fromkeys(_LENGTHS, "length"), **dict.fromkeys(_WEIGHTS, "weight")}
#: A number and the word right after it: "2.5m", "2.5 metres", "3,500 kg".
_NUMBER_UNIT = r"(\d[\d,.]*)\s*([^\W\d_]+)?"
#: A bound a rule sets, and the number after it: "before September 2015", "no more than 2.3 metres".
_BOUND = re.compile(
    r"\b(?:before|after|since|prior\s+to|earlier\s+than|later\s+than|older\s+than|newer\s+than|"
    r"(?:no|not)\s+(?:more|less|longer|shorter|taller|higher|wider|heavier)\s+than|more\s+than|less\s+than|"
    r"up\s+to|under|over|below|above|at\s+(?:least|most)|max(?:imum)?|min(?:imum)?|"
    r"exceed(?:s|ing)?|longer\s+than|shorter\s+than|taller\s+than|higher\s+than|wider\s+than|"
    rf"heavier\s+than|within)\b[^.!?\n\d]{{0,24}}{_NUMBER_UNIT}",
    re.I,
)


def _kind(number: str, unit: str | None) -> str | None:
    """A number's kind when it is one a rule bounds: "year" (1900–2099, no unit), or the family of
    its unit ("length" of "2.5m" or "2.3 metres", "weight" of "3,500 kg"); else None."""
    if not unit:
        return "year" if _YEAR.fullmatch(number) else None
    return _UNIT_FAMILY.get(unit.lower())


def against_a_bound(written: str, question: str, text: str) -> bool:
    """Whether a number the documents never write is the asker's own year or measure ("I've got an
    old diesel from 2012", "my van is 2.5m tall"), or one thing's of that measure ("a 30 kg dog"),
    that ``text`` sets a bound for in the same kind
    ("registered before September 2015", "no more than 2.3 metres high"): the rule answers it. A
    question about something else's number ("Who won in 2019?"), a time ("the 7pm showing"), a
    code ("E04") or a bound of another unit ("up to 2 hours" for a van's 2.5m) is still about a
    thing the documents never mention."""
    # the asker's own thing, or any one thing of that measure ("How much to neuter a 30 kg dog?")
    described = re.search(rf"\ban?\s+{re.escape(written)}(?!\w|[.,]\d)", question, re.I)
    if not _ASKERS_OWN.search(question) and described is None:
        return False
    said = re.search(rf"(?<![\w.,]){re.escape(written)}(?!\w|[.,]\d)\s*([^\W\d_]+)?", question)
    glued = re.fullmatch(_NUMBER_UNIT, written)
    if said is None or glued is None:
        return False
    unit = glued.group(2) or said.group(1)
    if unit is not None and unit.lower() not in _UNIT_FAMILY:
        unit = None  # the word after the number is no unit of it: "from 2012, do I…"
    kind = _kind(glued.group(1).rstrip(",."), unit)
    if kind is None:
        return False
    return any(_kind(m.group(1).rstrip(",."), m.group(2)) == kind for m in _BOUND.finditer(text))


#: A statement about the asker or their own things: "I drive a 1.2 litre Fiesta.", "My 1.6 Focus
#: needs an MOT."
_ABOUT_THE_ASKER = re.compile(r"\b(?:i|we|my|our)\b", re.I)


def askers_preamble(question: str) -> str:
    """What the asker tells about themselves before they ask ("I drive a 1.2 litre Fiesta. "), or
    "" when the question opens with its ask ("How much for 7 items - what's the total?") or what
    comes before it is not about the asker."""
    if OPENS_ASKING.match(question):
        return ""
    preamble = question[: len(question) - len(asked_clause(question))]
    return preamble if _ABOUT_THE_ASKER.search(preamble) else ""


def in_the_askers_preamble(written: str, question: str) -> bool:
    """Whether a number is written only in what the asker tells about themselves before they ask
    ("I drive a 1.2 litre Fiesta. What would a full service cost?"): their own fact, not the detail
    they ask the documents for. A number in the ask itself ("How much is it for 7 to 10 items?")
    is not."""
    preamble = askers_preamble(question)
    if not preamble:
        return False
    asked = question[len(preamble) :]
    pattern = rf"(?<![\w.,]){re.escape(written)}(?!\w|[.,]\d)"
    return re.search(pattern, preamble) is not None and re.search(pattern, asked) is None


def numbers_in(text: str) -> dict[str, str]:
    """The numbers and codes ``text`` writes: normal form -> the form as written (first seen)."""
    found: dict[str, str] = {}
    for m in _TOKEN.finditer(text):
        letters, digits, plain = m.groups()
        key = f"{letters.lower()}{_number(digits)}" if letters else _number(plain)
        found.setdefault(key, m.group(0))
    return found


#: A range of whole numbers: "4 to 6 items", "aged 23–25", "between 10 and 20", "1914-1918". Four
#: digits at most and no leading zero: "01632-960123" is a phone number.
_WHOLE = r"[1-9]\d{0,3}"
_RANGE = re.compile(
    rf"(?<![\w.,:])(?:between\s+({_WHOLE})\s+and|({_WHOLE})\s*(?:-|–|—|to|until|till|through))"
    rf"\s*({_WHOLE})(?![\w]|[.,:]\d)",
    re.I,
)
#: A range wider than this is no range a question's number falls in by design ("1 to 9999").
_RANGE_WIDTH = 1000


def ranges_in(text: str) -> list[tuple[int, int]]:
    """The ranges of whole numbers ``text`` writes, low to high: "4 to 6" says 5 as well."""
    out = []
    for m in _RANGE.finditer(text):
        lo, hi = int(m.group(1) or m.group(2)), int(m.group(3))
        if lo < hi <= lo + _RANGE_WIDTH:
            out.append((lo, hi))
    return out


class NumberIndex:
    """Which documents write each number or code, or a range of whole numbers that holds it. The
    tables are built at the first question that writes a digit (~45 ms a megabyte of text), so a
    question without one never pays for it."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        self._texts = texts
        self._table: dict[str, set[str]] | None = None
        self._ranges: list[tuple[int, int, str]] = []

    def _docs(self) -> dict[str, set[str]]:
        if self._table is None:
            table: dict[str, set[str]] = {}
            for doc_id, text in self._texts.items():
                for key, written in numbers_in(text).items():
                    for k in (key, *_scaled(key, written), *_clock(key, written)):
                        table.setdefault(k, set()).add(doc_id)
                self._ranges.extend((lo, hi, doc_id) for lo, hi in ranges_in(text))
                for m in _UNDER_AGE.finditer(text):  # "Under-12s" is what "U12" writes
                    table.setdefault(f"u{int(m.group(1))}", set()).add(doc_id)
            self._table = table
        return self._table

    def _in_a_range(self, key: str, hidden: set[str]) -> bool:
        """Whether a whole number falls inside a range a document outside ``hidden`` writes."""
        if not key.isdigit():
            return False
        n = int(key)
        return any(lo < n < hi and doc not in hidden for lo, hi, doc in self._ranges)

    def unknown(self, question: str, hidden: Collection[str] = frozenset()) -> tuple[str, ...]:
        """The question's numbers and codes (as written) that no document outside ``hidden`` writes."""
        asked = numbers_in(_AGE.sub(" ", question))
        if not asked:
            return ()
        docs, hidden = self._docs(), set(hidden)
        return tuple(
            written
            for key, written in asked.items()
            if not any(
                (docs.get(k, set()) - hidden) or self._in_a_range(k, hidden)
                for k in (key, *_scaled(key, written), *_clock(key, written))
            )
        )


#: An age group as a club writes it in words: "Under-12s", "under 9s", "Under 16".
_UNDER_AGE = re.compile(r"\bunder[\s-]?(\d{1,2})(?:s|['’]s)?\b", re.I)
_HOUR_MINUTE = re.compile(r"(\d{1,2})(?:\.(\d{2}))?")
_MERIDIEM = re.compile(r"([ap])\.?m\.?$", re.I)


def _clock(key: str, written: str) -> tuple[str, ...]:
    """The times of day a number may write, on the 24-hour clock ("t21:15"): "9.15pm" and "21:15"
    are one time, so "the 9.15pm" of a timetable that writes "21:15" is no number it never
    mentions. "9:15" without "am" or "pm" may be either; "9" or "9.15" without either (a price, a
    version) is no time."""
    m = _HOUR_MINUTE.fullmatch(key)
    if m is None:
        return ()
    hour, minute = int(m.group(1)), m.group(2) or "00"
    if int(minute) > 59:
        return ()
    meridiem = _MERIDIEM.search(written)
    if not meridiem and ":" not in written:
        return ()  # "£9.15", "Python 3.10": a decimal, not a time
    if meridiem:
        if not 1 <= hour <= 12:
            return ()
        return (f"t{hour % 12 + (12 if meridiem.group(1).lower() == 'p' else 0)}:{minute}",)
    if m.group(2) is None or hour > 23:
        return ()
    return (f"t{hour}:{minute}", f"t{hour + 12}:{minute}") if 1 <= hour <= 11 else (f"t{hour}:{minute}",)


#: What a glued "k", "m" or "bn" multiplies by: "£50k" is "£50,000" ("under £50,000" answers "under
#: £50k?", and "Salary £45k" answers "£45,000?"). Only a second reading, on either side: "10k" may
#: be a run's ten kilometres, "5m" five metres.
_SCALES = {"k": 1_000, "m": 1_000_000, "bn": 1_000_000_000}
#: More digits than this are read as written only (a float would overflow: "999…9k").
_MOST_DIGITS = 15
_SCALED = re.compile(r"(\d+(?:\.\d+)?)(k|m|bn)", re.I)


def _scaled(key: str, written: str) -> tuple[str, ...]:
    """The number ``written`` ("50k", "2.5m") says when its letters scale it, in ``_number``'s form."""
    m = _SCALED.fullmatch(written.replace(",", ""))
    if m is None or len(m.group(1)) > _MOST_DIGITS:
        return ()
    value = round(float(m.group(1)) * _SCALES[m.group(2).lower()])
    return (str(value),) if str(value) != key else ()
