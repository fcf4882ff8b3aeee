"""Which one of several: the ordinal or the code a question picks its thing out by.

"When does the fifth round of talks begin?" is not answered by "The fourth round is scheduled to end
on Friday", nor "How much will a Band A household pay?" by "a Band D household will pay £1,876". The
quote is about the very thing asked, by the same noun, so retrieval ranks it first and every other
signal agrees; only the label differs. Texts of any genre tell things of one kind apart this way:
rounds, quarters, halves and floors by an ordinal ("the third quarter", "2nd floor"), bands, years,
rooms and gates by a code after a capitalised noun ("Band A", "Year 6", "Gate B").

A quote contradicts a question's label only when it names the same noun with another label of the
same form and never writes the asked one: "the first and second rounds", "Bands A to H" and "the
fourth round, and a fifth in March" all still answer. ``bot.focus`` turns a contradiction in the
best quote into an abstention, as it does for a price list's other groups.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .features import MONTHS, asked_clause
from .lexical import DAY_NAME, STOPWORDS, stem

_ORDINAL_WORDS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]
_ORDINAL_VALUE = {w: i for i, w in enumerate(_ORDINAL_WORDS, 1)}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
#: "twenty-first" is one ordinal (21), written before the plain ones so that its "first" is not one.
_ORDINAL_FORM = rf"(?:(?:{'|'.join(_TENS)})-(?:{'|'.join(_ORDINAL_WORDS[:9])})|{'|'.join(_ORDINAL_WORDS)}|\d{{1,2}}(?:st|nd|rd|th))"
#: Nouns an ordinal goes with in set phrases, not to pick one of several: "for the first time", "in
#: the first place", "first aid", "first name".
_SET_PHRASES = frozenset(["time", "times", "place", "aid", "name", "names", "language", "hand", "sight"])
#: An ordinal right before its noun: "the fifth round", "2nd floor", "first-class", "Third-quarter"
#: (not "twenty-first": the ordinal is the whole word).
_ORDINAL = re.compile(rf"(?<![\w-])({_ORDINAL_FORM})(?:\s+|-)([a-z]+)\b", re.I)
#: A quarter or a half of a year written short, which is an ordinal too: "Q4" is the fourth quarter
#: (``bot.acronyms`` spells it so for the search). A half only before a year ("H1 2024"): "H2
#: cylinders" hold hydrogen. Not "Q4-2", "HQ1".
PERIOD = re.compile(r"(?<![\w&.-])([Qq][1-4]|[Hh][12](?=\s+(?:19|20)\d\d\b))(?![\w&-])")
_PERIOD_NOUNS = {"q": "quarter", "h": "half"}


def period_words(code: str) -> tuple[str, str]:
    """A quarter or half written short, in words: ("fourth", "quarter") for "Q4"."""
    return _ORDINAL_WORDS[int(code[1]) - 1], _PERIOD_NOUNS[code[0].lower()]


def _periods(text: str) -> list[tuple[str, str]]:
    """(noun, number) of each quarter or half written short with a capital in ``text``."""
    return [
        (_PERIOD_NOUNS[m.group(1)[0].lower()], m.group(1)[1])
        for m in PERIOD.finditer(text)
        if m.group(1)[0].isupper()
    ]


_ORDINAL_ALONE = re.compile(rf"(?<![\w-])({_ORDINAL_FORM})(?![\w])", re.I)

#: A code after a capitalised noun: "Band A", "Year 6", "Room 318", "Gate 12B". Not a decimal
#: ("Version 4.2" is a version, read by ``bot.focus``), not a month's or a weekday's date ("June 3").
_CODE = re.compile(r"\b([A-Z][a-z]{2,})\s+([A-Z]|\d{1,3}[A-Za-z]?)(?![\w'’-]|[.,]\d)")
#: A range or a list of codes after the noun ("Bands A to D", "Years 3-6", "Rooms 4, 5 and 7"): it
#: may cover the one asked, so it never contradicts.
_CODE_RANGE = r"\s+[A-Z0-9]\w{0,3}\s*(?:to|-|–|—|and|or|,|&)\s*[A-Z0-9]"
#: A date's noun, which a number after it does not pick out: "June 3", "Monday 5".
_DATE_HEAD = re.compile(rf"{MONTHS}|{DAY_NAME}")


@dataclass(frozen=True)
class Label:
    """One thing picked out among others of its kind: ``form`` "ordinal" (``value`` "5"), "code"
    (``value`` "A", "6") or "opposite" (``value`` "early", of ``_OPPOSITES``), the noun's stem
    (an opposite's noun as written, "check-in"), and the words as the question wrote them."""

    form: str
    head: str
    value: str
    written: str

    @property
    def phrase(self) -> str:
        """How an abstention names it: "the fifth round", "Band A"."""
        return f"the {self.written}" if self.form == "ordinal" else self.written


def _ordinal_value(word: str) -> str:
    word = word.lower()
    if "-" in word:
        tens, unit = word.split("-", 1)
        return str(_TENS[tens] + _ORDINAL_VALUE[unit])
    return str(_ORDINAL_VALUE[word]) if word in _ORDINAL_VALUE else word[:-2]


def _ordinals(text: str) -> list[tuple[str, str]]:
    """(noun stem, ordinal value) for each ordinal right before a noun in ``text``."""
    return [(label.head, label.value) for label in _ordinal_labels(text)]


def _ordinal_labels(text: str) -> list[Label]:
    found = [
        Label("ordinal", stem(m.group(2).lower()), _ordinal_value(m.group(1)), m.group(0).lower())
        for m in _ORDINAL.finditer(text)
        if m.group(2).lower() not in STOPWORDS and m.group(2).lower() not in _SET_PHRASES
    ]
    for noun, number in _periods(text):
        found.append(Label("ordinal", noun, number, f"{_ORDINAL_WORDS[int(number) - 1]} {noun}"))
    return found


def _codes(text: str) -> list[tuple[str, str, re.Match[str]]]:
    """(noun stem, code, match) for each code after a capitalised noun in ``text``."""
    out = []
    for m in _CODE.finditer(text):
        head = m.group(1).lower()
        if head in STOPWORDS or _DATE_HEAD.fullmatch(head) or m.group(2) == "I":
            continue
        out.append((stem(head), m.group(2).upper(), m))
    return out


#: Words that pick one of two things of a kind out by its opposite, before the thing's noun: "an
#: early check-in" is not "a late check-out", a morning class not an evening class. (Not
#: "first"/"last": "last week" dates a question; nor "open"/"close": "Open 7am to 9pm" says when a
#: pool closes.)
_OPPOSITES = {
    "early": ("late",),
    "late": ("early",),
    "morning": ("afternoon", "evening"),
    "afternoon": ("morning",),
    "evening": ("morning",),
}
#: Nouns whose own opposite goes with the opposite word: "late check-out" for "early check-in".
_NOUN_OPPOSITES = {"check-in": "check-out", "check-out": "check-in"}
#: A check-in or a check-out as a noun: "check-in", "checkin", "check-out", "checkout" ("check in
#: advance" and "check out our guide" are verbs); in a question also "check in" ("an early check in").
_CHECK_NOUN = re.compile(r"\bcheck-?(in|out)\b", re.I)
_CHECK_ASKED = re.compile(r"\bcheck[ -]?(in|out)\b", re.I)
#: An opposite word and the noun after it ("early check-in", "evening class", "late fee").
_PHRASE = re.compile(r"\b(early|late|morning|afternoon|evening)[ -]([a-z][a-z-]*)")


def _phrases(text: str, checks: re.Pattern[str]) -> set[tuple[str, str]]:
    """(opposite word, noun) for each of ``_PHRASE`` in ``text``, a check-in or check-out as
    ``checks`` reads it written "check-in" or "check-out"."""
    spelled = checks.sub(lambda m: f"check-{m.group(1).lower()}", text).lower()
    return {
        (m.group(1), m.group(2))
        for m in _PHRASE.finditer(spelled)
        if m.group(2) not in STOPWORDS and m.group(2) not in _OPPOSITES
    }


def _opposite_labels(question: str) -> list[Label]:
    """The things the question picks out by an opposite word before their noun, when it does not
    write the opposite too ("early or late check-in?" picks out neither): "What's the charge for an
    early check-in?" is not answered by "Late check-out until 1 p.m. costs £20". A word with no
    noun after it ("open in the morning", "lands late") picks nothing out."""
    found = _phrases(question, _CHECK_ASKED)
    said = set(re.findall(r"[a-z]+", question.lower())) & _OPPOSITES.keys()
    return [
        Label("opposite", noun, word, f"{word} {noun}")
        for word, noun in sorted(found)
        if said.isdisjoint(_OPPOSITES[word])
    ]


def labels_of(question: str) -> tuple[Label, ...]:
    """The labels ``question`` picks things out by: those of the clause that asks
    (``features.asked_clause``), or else those of the whole question ("We're a Band A household -
    how much will we pay?" asks about Band A). A noun given two labels ("moving up from Year 6 to
    Year 7") picks out neither."""
    asked = asked_clause(question)
    found = (_labels_in(asked) or _labels_in(question)) + (
        _opposite_labels(asked) or _opposite_labels(question)
    )
    values: dict[str, set[str]] = {}
    for label in found:
        values.setdefault(label.head, set()).add(label.value)
    return tuple(dict.fromkeys(label for label in found if len(values[label.head]) == 1))


def _labels_in(question: str) -> list[Label]:
    found = _ordinal_labels(question)
    words = re.findall(r"[A-Za-z]+", question)
    if sum(w[0].isupper() for w in words) * 2 > len(words) > 2:
        return found  # Written In Title Case: a capital marks no noun ("Can I Bring A Dog?")
    found += [Label("code", head, value, m.group(0)) for head, value, m in _codes(question)]
    return found


def _writes_value(text: str, label: Label, named: list[tuple[str, str]]) -> bool:
    """Whether ``text`` writes the asked label's value anywhere ("…and a fifth in March"), or the
    same one in the other form ("Session 1" for "the first session", "fifth round" for "Round 5");
    ``named``: the (noun, value) pairs of both forms ``text`` writes."""
    if label.value.isdigit() and (label.head, label.value) in named:
        return True
    if label.form == "ordinal":
        return any(_ordinal_value(m.group(1)) == label.value for m in _ORDINAL_ALONE.finditer(text)) or (
            (label.head, label.value) in _periods(text)
        )
    if label.value.isdigit() or label.value[:1].isdigit():
        return re.search(rf"(?<![\w.,]){re.escape(label.value)}(?![\w]|[.,]\d)", text, re.I) is not None
    # a bare "A" before a word is the article ("A Band D household…"), not the band
    article = r"(?!\s+[A-Za-z])" if label.value == "A" else ""
    return re.search(rf"(?<![\w'’-]){re.escape(label.value)}(?![\w'’-]){article}", text) is not None


def contradicts(text: str, label: Label) -> bool:
    """Whether ``text`` names the label's noun only with other labels of its form, or (an opposite)
    writes the label's opposite and not the label ("Late check-out…" for an early check-in)."""
    if label.form == "opposite":
        # the opposite on the same thing, or on the thing's own opposite ("late check-out"), and
        # never the thing asked itself
        written = _phrases(text, _CHECK_NOUN)
        nouns = {label.head, _NOUN_OPPOSITES.get(label.head, label.head)}
        return (label.value, label.head) not in written and any(
            word in _OPPOSITES[label.value] and noun in nouns for word, noun in written
        )
    ordinals = _ordinals(text)
    codes = [(head, value) for head, value, _ in _codes(text)]
    if label.form == "ordinal":
        others = {value for head, value in ordinals if head == label.head}
    else:
        others = {value for head, value in codes if head == label.head}
        noun = label.written.split()[0]
        if re.search(rf"\b(?i:{re.escape(noun)})\w*{_CODE_RANGE}", text):
            return False
    return bool(others) and label.value not in others and not _writes_value(text, label, [*ordinals, *codes])
