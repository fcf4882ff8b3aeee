"""Lexical evidence: a tokenizer with stemming and stop words, BM25, and IDF-weighted term coverage.

Kept in-process as postings in NumPy arrays (a column-sorted sparse matrix, without scipy: importing
scipy.sparse was ~70 ms of every cold ``quotebot ask``), so scoring every sentence for a query costs
about a millisecond on the default corpus and stays linear in the number of matching postings at scale.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

from index.rows import AMOUNT, leader_row, table_cells
from index.sentences import BULLET, MONTH_NAME, STEP_LABEL
from index.stopwords import STOPWORDS

#: A word or a number. Superscript and subscript figures are neither: a footnote's mark set on a
#: word ("Unlimited¹") or a unit's power ("m²") is no part of the word.
_SCRIPT_FIGURES = "\u00b9\u00b2\u00b3\u2070\u2074-\u2079\u2080-\u2089"
_TOKEN = re.compile(
    rf"[0-9]+(?:[.,][0-9]+)*|[^\W\d_{_SCRIPT_FIGURES}]+(?:['’][^\W\d_{_SCRIPT_FIGURES}]+)?", re.UNICODE
)


_local = threading.local()


def _stemmer() -> Any:
    """This thread's stemmer: PyStemmer's objects are not safe to share between threads, and the
    service tokenizes in several (questions run in worker threads; a new index loads in another)."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        import Stemmer

        stemmer = _local.stemmer = Stemmer.Stemmer("english")
    return stemmer


def stem(word: str) -> str:
    return str(_stemmer().stemWord(word))


def raw_words(text: str) -> list[str]:
    """Word tokens as written (case kept): what tells a name from a common word."""
    return list(_TOKEN.findall(text))


def words(text: str) -> list[str]:
    """Lower-cased word tokens, apostrophes unified, stop words kept."""
    return _TOKEN.findall(text.lower().replace("’", "'"))


_ITEM = re.compile(rf"\s*(?:{BULLET}\s|\d{{1,3}}[.)]\s|{STEP_LABEL}\s|\|)")


#: One day or group of days as a timetable's label writes it: "Saturday", "Weekday mornings",
#: "Tues", "Bank holidays". Atomic: "Tues" and "Thurs" could each be read two ways, and a run of
#: them ("Tues, Tues, …") took exponential time.
_ONE_DAY_LABEL = (
    r"(?>(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)s?"
    r"|week(?:day|end)s?|daily|(?:bank|public)\s+holidays?)(?:\s+(?:mornings?|afternoons?|evenings?|nights?))?"
)
#: Days as a timetable's label writes them: "Tuesday and Thursday evenings", "Sunday and bank
#: holidays", "Mon-Fri", "Saturday (summer only)".
_DAYS_LABEL = (
    rf"{_ONE_DAY_LABEL}(?:\s*+(?:,|&|-|–|\bto\b|\band\b|\bor\b)\s*+{_ONE_DAY_LABEL})*+"
    r"(?:\s*\([^)\n]{0,30}\))?"
)
#: A line of a timetable headed by its days: "Saturday: 08:00 - 12:00", "Monday to Friday: 9 a.m. to
#: 5 p.m.", "Sunday and bank holidays: closed".
_DAYS_ROW = re.compile(rf"\s*{_DAYS_LABEL}\s*:[^\n]*(?:\d|\bclosed\b)", re.I)
#: A label that is only days: a timetable's heading "Saturday" or "Sunday and bank holidays", not a
#: recipe's "Sunday Lemon Drizzle Cake".
_DAYS_ONLY = re.compile(rf"\s*{_DAYS_LABEL}\s*:?\s*$", re.I)


def days_label(label: str) -> bool:
    """Whether a section label names days and nothing else ("Saturday", "Monday to Friday")."""
    return _DAYS_ONLY.match(label) is not None


def is_item(text: str) -> bool:
    """Whether a sentence is a list item ("- ", "* ", "1. ", "2) ") or a table row: a Markdown one
    ("| … |"), a line with dot leaders ("Vans ........ GBP 2,000", ``index.rows``) or a timetable's
    line headed by its days ("Saturday: 08:00 - 12:00"), read under its list's lead-in rather than
    beside its siblings (``bot.retrieve``): "Sunday: 09:00 - 11:30" must not borrow "Saturday"
    from the line above it. (A row of a table in columns cannot be told from its text alone: its
    columns line up with the lines around it.)"""
    if _ITEM.match(text) is not None:
        return True
    return "\n" not in text.strip() and (leader_row(text) or _DAYS_ROW.match(text) is not None)


def item_text_start(text: str) -> int:
    """Where a list item's own text starts, after its marker ("- ", "1. "); 0 for any other text."""
    m = _ITEM.match(text)
    return len(text) - len(text[m.end() :].lstrip()) if m else 0


def is_table_row(text: str) -> bool:
    """Whether a sentence is a row of a Markdown table ("| E01 | Water tank empty | … |")."""
    return text.lstrip().startswith("|")


#: The rule under a table's header: "|---|:---:|", "| --- | --- |", "|:-|-:|" (each cell dashes,
#: a colon at either end).
_TABLE_RULE = re.compile(r"^[ \t]*\|(?:[ \t]*:?-+:?[ \t]*\|)*[ \t]*:?-+:?[ \t]*\|?[ \t]*$", re.MULTILINE)


def has_table_rule(between: str) -> bool:
    """Whether the text between two rows of a table holds the rule that marks the upper row as the
    table's header (a Markdown table's, or the one the loaders write: ``index.rows.table_rule``)."""
    return _TABLE_RULE.search(between) is not None


def labels_only(row: str) -> bool:
    """Whether every cell of a table's row is a label, as a header's are: it opens with a letter
    ("| Type of leave | Weeks 1-6 | Weeks 7-26 |") and gives no day's date, or holds no digit ("| # |
    Step |", "| Item | (£) |"), where a row of values has a number, an amount, a time or a date ("|
    Maternity | 100% of salary |", "| Founded | 1987 |", "| Term starts | Tuesday 6 January |").
    Empty cells pass, but not a row of them only."""
    cells = table_cells(row)
    return any(cells) and all(
        not c
        or (c[0].isalpha() and not _DATED.search(c))
        or not any(ch.isdigit() for ch in c)
        or _age_group(c)
        for c in cells
    )


#: A day's date in a cell that opens with a word ("Tuesday 6 January", "Friday 27 March, 1:30pm",
#: "March 4th"): a value, as a term-dates table's second column is, not a label like "Weeks 1-6".
_DATED = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?i:{MONTH_NAME})(?!\w)"
    rf"|\b(?i:{MONTH_NAME})\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?![:.]?\d)"
)


#: An age group heading a column of prices ("2 years and over", "16 and under", "18 or over",
#: "65+"): a label, though it opens with a number. A count ("500+", "30 or below") is a value.
_AGE_GROUP = re.compile(
    r"\d{1,2}(?: (?:years?|yrs?|months?))?(?:\+| (?:and|&|or) (?:over|under|older|younger|up))(?: (?:years?|yrs?))?",
    re.I,
)


def _age_group(cell: str) -> bool:
    """Whether a table's cell names an age group (``_AGE_GROUP``), its blanks read as one."""
    return len(cell) <= _AGE_GROUP_CHARS and _AGE_GROUP.fullmatch(" ".join(cell.split())) is not None


#: The longest cell read as an age group.
_AGE_GROUP_CHARS = 40


def groups_columns(upper: str, header: str, between: str) -> bool:
    """Whether a table's row of labels is the upper row of a header of two over ``header`` (the
    text ``between`` them): right above it in the same table (no blank line), as many cells, and
    a name over two columns, written twice or beside an empty cell ("| Ticket | Weekday | Weekday
    | Weekend | Weekend |", "| Room | Monday to Friday |  | Saturday and Sunday |  |"). A row of
    names and values above a header repeated down the table ("| Treasurer | Cara Lee |") groups
    nothing."""
    if between.strip() or between.count("\n") > 1:
        return False
    cells, names = table_cells(upper), table_cells(header)
    return (
        len(cells) == len(names)
        and labels_only(upper)
        and any(cells[c] and (cells[c + 1] == cells[c] or not cells[c + 1]) for c in range(1, len(cells) - 1))
    )


def names_columns(header: str, row: str, marked: bool = False) -> bool:
    """Whether a table's row of labels can be shown as the header of a row under it (``Quote.columns``):
    it holds labels only and the row holds values (a number, an amount, a time: ``labels_only``),
    cell for cell. A table without a header opens with a row like any other ("| Monday | Closed |",
    a day's row of opening times), which must not be shown as the names of another row's cells.
    ``marked``: the document marks ``header`` as its table's header (``has_table_rule``), which
    says so whatever its cells hold ("| Band | 2023/24 |", "| Monday | Tuesday |" over classes);
    only a day's row over another day's is still none, as a Markdown table needs a header row and
    one without writes its first row there."""
    names, cells = table_cells(header), table_cells(row)
    if len(names) != len(cells):
        return False
    if marked:
        return not (days_label(names[0]) and days_label(cells[0]))
    if not labels_only(header) or labels_only(row):
        return False
    # A header names what a column holds ("Day"); a row of an opening-times table without one
    # opens with a day ("| Monday | Closed |"), as the row under it does.
    return not days_label(names[0])


#: What kind of value a record's cell gives: a time, a date, an amount (else words).
_VALUE_KINDS = (
    ("time", re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}:\d{2}\b", re.I)),
    (
        "date",
        re.compile(
            r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b"
            r"|\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\b\.?(?=\s*(?:\d|[-–]))"
            r"|\b(?:january|february|march|april|may|june|july|august|september|october|november|december"
            r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b\.?\s*\d"
            r"|\d(?:st|nd|rd|th)?\s+(?:january|february|march|april|may|june|july|august|september|october"
            r"|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b"
            r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
            re.I,
        ),
    ),
    ("amount", AMOUNT),
)
#: A person named with a title or letters after the name: "Ms Anita Patel", "Gareth Penhale MP".
_PERSON = re.compile(
    r"(?:(?:mr|mrs|ms|miss|mx|dr|prof|rev|cllr|sir|dame)\.?\s+\w|.*\s(?:mp|qc|kc|mbe|obe)$)", re.I
)
#: The fewest rows, and kinds of value in their second cells, of a table that is one record.
_RECORD_ROWS = 4
_RECORD_KINDS = 3


def _value_kind(cell: str) -> str:
    return next((kind for kind, pattern in _VALUE_KINDS if pattern.search(cell)), "words")


def record_table(rows: Sequence[str]) -> bool:
    """Whether a table without a marked header is one record, a label and its value a row ("|
    Patient | Ms Anita Patel |", "| Time | 10:40am |", "| Cost | £27.40 |"), as a letter or a form
    sets one out: two cells a row, and values of three kinds or more (times, dates, amounts, words)
    down the second column under the first row, where a column under a header holds one kind or two. No row of it names the
    columns of another: "| Dentist | Dr Owen Lacey |" is no header over "| Cost | £27.40 |"."""
    if len(rows) < _RECORD_ROWS:
        return False
    seconds = []
    for row in rows:
        cells = table_cells(row)
        if len(cells) != 2 or not all(cells):
            return False
        seconds.append(cells[1])
    # the first row's own value left out: a header's "When" over times and dates is no third kind
    if len({_value_kind(c) for c in seconds[1:]}) < _RECORD_KINDS:
        return False
    # and the first row gives a value itself, a number or a person ("Ms Anita Patel", "Band 2"),
    # not a column's title ("| Item | What you get and what you pay |", "| Session | Start Time |")
    first = seconds[0]
    return _value_kind(first) != "words" or any(ch.isdigit() for ch in first) or bool(_PERSON.match(first))


def heads_table(header: str, row: str, between: str) -> bool:
    """Whether a table's first row is its header, over ``row``, the next (``between``: the text
    between them): it holds labels only, or the document marks it with a rule (``has_table_rule``)
    and it names the row's cells as a quote's ``columns`` would (``names_columns``)."""
    return labels_only(header) or (has_table_rule(between) and names_columns(header, row, marked=True))


_ASKS = re.compile(r"\?[\s*_~\"”’')\]]*$")


def is_question(text: str) -> bool:
    """Whether a sentence asks rather than tells: it ends with a question mark (closing emphasis
    and quotation marks aside), as an FAQ's "**Can I leave the bike outside a station?**" does."""
    return _ASKS.search(text) is not None


#: A sentence that is a question in reported form, as a list of things still to find out writes
#: one: "- Whether John Lewis will price match the Lenovo." (not "Whether you are new or not, …").
_WHETHER = re.compile(r"\s*(?:[-*+•]\s+|\d{1,3}[.)]\s+)?whether\b[^,;:\n]*$", re.I)


def asks_whether(text: str) -> bool:
    """Whether a sentence is a question in reported form ("Whether the printer works with Windows
    11."): it says what is not known, and answers nothing."""
    return _WHETHER.match(text) is not None


#: A heading written as a question without its mark, as guidance pages head their parts: "Who can
#: apply", "How much you can get", "What went well", "What happens next".
_WH_HEADING = re.compile(r"(?:what|who|when|where|why|how|which)\b", re.I)


def own_label(label: str) -> str:
    """A section label's own part, without the heading it falls under ("Can I get a refund?" of
    "Deposits and refunds › Can I get a refund?", as ``index.sections.qualified_labels`` names it)."""
    return label.rsplit(" › ", 1)[-1]


def heads_as_question(label: str) -> bool:
    """Whether a section label asks what its text answers: a question ("Can I get a refund?"), or
    a heading that opens with a question word ("What went well"). Of a label named with the
    heading it falls under ("Deposits and refunds › Can I get a refund?"), its own part asks."""
    own = own_label(label)
    return is_question(own) or _WH_HEADING.match(own) is not None


#: The word after "how" that frames a question ("How much does it cost?", "How long…"); as an FAQ's
#: label it is no topic of the answers under it. A measure is ("How deep do the cloves go?").
_HOW_FRAME = re.compile(r"\bhow\s+(much|many|often|long|soon)\b", re.I)


def frame_terms(question: str) -> frozenset[str]:
    """The terms that only frame ``question``: "much" of "How much does it cost?"."""
    return frozenset(stem(m.group(1).lower()) for m in _HOW_FRAME.finditer(question))


_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
#: A day's name, in full or cut short ("Monday", "Tues", "Thurs"), lower-cased.
DAY_NAME = r"mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?"
_DAY = rf"({DAY_NAME})s?\.?"
#: A run of days written as its ends ("Monday to Friday", "Mon–Fri", "Tuesdays through Thursdays"),
#: or as "weekdays" / "weekends".
_DAY_RUN = re.compile(
    rf"\b{_DAY}\s*(?:-|–|—|to|through|thru|until|till)\s*{_DAY}(?!\w)|\b(week(?:day|end))s?\b", re.I
)


#: The words a run of days starts or is made of, lower-cased: a text with none of them has no run,
#: and is not scanned for one (most are not: the scan would be a quarter of ``terms``' time).
_DAY_WORDS = frozenset(
    [
        *(f"{day}{s}" for day in _DAYS for s in ("", "s")),
        *("mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"),
        *("weekday", "weekdays", "weekend", "weekends"),
    ]
)


#: Holidays on a fixed day of the year, by their names lower-cased, without apostrophes or full
#: stops ("St. Patrick’s Day" as "st patricks day"), and the terms of their date.
_HOLIDAYS = {
    "christmas eve": ("24", "decemb"),
    "christmas day": ("25", "decemb"),
    "boxing day": ("26", "decemb"),
    "new years eve": ("31", "decemb"),
    "new years day": ("1", "januari"),
    "new year eve": ("31", "decemb"),
    "new year day": ("1", "januari"),
    "hogmanay": ("31", "decemb"),
    "valentines day": ("14", "februari"),
    "st patricks day": ("17", "march"),
    "st davids day": ("1", "march"),
    "st georges day": ("23", "april"),
    "st andrews day": ("30", "novemb"),
    "burns night": ("25", "januari"),
    "halloween": ("31", "octob"),
    "bonfire night": ("5", "novemb"),
    "guy fawkes night": ("5", "novemb"),
}
#: The words one of them holds (a text with none is not scanned).
_HOLIDAY_WORDS = frozenset([
    "christmas", "boxing", "year", "years", "hogmanay", "valentine", "valentines", "patrick", "patricks",
    "david", "davids", "george", "georges", "andrew", "andrews", "burns", "halloween", "hallowe'en",
    "bonfire", "fawkes",
])  # fmt: skip
_HOLIDAY = re.compile(
    r"\b(?:christmas\s+(?:eve|day)|boxing\s+day|new\s+year(?:[’']?s)?\s+(?:eve|day)|hogmanay|"
    r"(?:st\.?|saint)\s+(?:patrick|david|george|andrew)[’']?s\s+day|valentine[’']?s\s+day|(?-i:Burns\s+Night)|"
    r"hallowe[’']?en|bonfire\s+night|guy\s+fawkes\s+night)\b",
    re.I,
)


#: The months cut short, and their full names' stems (``terms``' own for "December").
_MONTHS = {
    name[:3]: stem(name)
    for name in (
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december",
    )
}  # fmt: skip
_MONTH_WORDS = frozenset([*_MONTHS, "sept"])
#: A month cut short (with its capital, or in capitals) beside a day's number: "24 Dec", "Sept
#: 3rd", "1st Mar.", "24-DEC".
_SHORT_MONTH_NAME = (
    r"(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT?|OCT|NOV|DEC)\.?"
)
_SHORT_MONTH = re.compile(
    rf"(?<=\d)(?:st|nd|rd|th)?[\s/-]+{_SHORT_MONTH_NAME}(?!\w)"
    rf"|\b{_SHORT_MONTH_NAME}[\s/-]+(?=\d{{1,2}}(?:st|nd|rd|th)?\b)"
)


def day_runs(text: str) -> list[str]:
    """Every day a run of days in ``text`` spans, by its full name, so that "Wednesday" in a question
    finds "Monday to Friday: 9:00 a.m. to 7:30 p.m." as it would in any timetable or opening hours."""
    days: list[str] = []
    for m in _DAY_RUN.finditer(text):
        if m.group(3):
            days.extend(_DAYS[:5] if m.group(3).lower() == "weekday" else _DAYS[5:])
            continue
        first, last = (
            _DAYS.index(next((d for d in _DAYS if d.startswith(g.casefold()[:3])), "monday"))
            for g in m.group(1, 2)
        )
        span = (last - first) % 7
        days.extend(_DAYS[(first + k) % 7] for k in range(span + 1))
    return days


_ONE_DAY = re.compile(rf"\b{_DAY}(?!\w)", re.I)
_EVERY_DAY = re.compile(r"\b(?:daily|every\s+day|(?:seven|7)\s+days\s+a\s+week)\b", re.I)


def days_named(text: str) -> frozenset[str]:
    """The days of the week a text is about, by full name: each day it names ("Saturday", "Sat",
    "Sundays"), each day of a run ("Monday to Friday", "weekends"), every day for "daily" or
    "every day". Empty when it names none."""
    if _EVERY_DAY.search(text):
        return frozenset(_DAYS)
    return frozenset([*day_runs(text), *_single_days(text)])


#: What follows a day cut short, or comes right before it, in hours or a list of days.
_BESIDE_DAY_AFTER = re.compile(r"[ \t]*(?:\d|[-–—:/&,.;)]|(?:to|and|or|closed)\b|\n|$)", re.I)
_BESIDE_DAY_BEFORE = re.compile(r"(?:[,&/–—-]|\b(?:and|to|or|until|till))[ \t]*$", re.I)
_BEFORE_REACH = 12


def _single_days(text: str) -> list[str]:
    """The days ``text`` names one by one ("Saturday", "Sat", "Sundays"), by full name."""
    found = []
    for m in _ONE_DAY.finditer(text):
        word = m.group(1)
        # a day's short form only with its capital: "the sun terrace", "where I sat" name no day;
        # and beside hours, a date or another day: "Sat 9am–5pm", "Mon, Wed and Sat", "Sun closed",
        # not "Sat nav", "The Sun Inn" or "SAT scores"
        if len(word) < 6 and (
            not word[:1].isupper()
            or not (
                _BESIDE_DAY_AFTER.match(text, m.end())
                or _BESIDE_DAY_BEFORE.search(text, max(0, m.start() - _BEFORE_REACH), m.start())
            )
        ):
            continue
        day = next((d for d in _DAYS if d.startswith(word.casefold()[:3])), None)
        if day is not None:  # (re.I matches "ſunday", whose lower case starts no day's name)
            found.append(day)
    return found


def unpadded(token: str) -> str:
    """A number without its leading zeros ("07" → "7", "00" → "0"), any other token as it is: how
    ``terms`` and the question's reading (``bot.names``) count a number."""
    return (token.lstrip("0") or "0") if token[:1] == "0" and token.isdigit() else token


def terms(text: str) -> list[str]:
    """Stemmed content terms: what BM25 and coverage count. A run of days ("Mon–Fri") counts every
    day it spans (``day_runs``), a day cut short ("Sun") its full name (``_single_days``), a month
    cut short beside a day's number ("24 Dec") and a holiday of a fixed date ("Boxing Day") their
    date's terms; a number written with leading zeros counts as without ("07" as "7")."""
    toks = [t for t in words(text) if t not in STOPWORDS]
    # "07:20" in a timetable is the "7:20" a question asks about; "01632" stays one term either way
    toks = [t[:-2] if t.endswith("'s") else unpadded(t) for t in toks]
    stems = list(_stemmer().stemWords(toks))
    if not _HOLIDAY_WORDS.isdisjoint(toks):
        # a holiday of a fixed date counts as that date: "Boxing Day" is the "Fri 26 Dec" a
        # notice's hours give
        for m in _HOLIDAY.finditer(text):
            name = " ".join(re.sub(r"[’'.]", "", m.group(0).casefold()).split()).replace("saint ", "st ")
            stems.extend(t for t in _HOLIDAYS.get(name, ()) if t not in stems)
    if not _MONTH_WORDS.isdisjoint(toks):
        # a month cut short beside a day's number counts as its full name: "Wed 24 Dec" is the
        # "24 December" a question asks about ("Mar" or "May" alone is a word)
        for m in _SHORT_MONTH.finditer(text):
            month = _MONTHS[(m.group(1) or m.group(2)).casefold()[:3]]
            if month not in stems:
                stems.append(month)
    if _DAY_WORDS.isdisjoint(toks):
        return stems
    # a day cut short counts as its full name too: "Sun closed" answers "open on Sunday?"
    named = [*day_runs(text), *_single_days(text)]
    for day in dict.fromkeys(_stemmer().stemWords(named)):
        if day not in stems:
            stems.append(day)
    return stems


#: A code of letters then digits, a letter after them at most: "F28", "U12", "E04", "X200", "B12a";
#: not "10am", "2nd" or "3 B". Its parts ("f", "28") are one name, not words of their own.
CODE = re.compile(r"\b[A-Za-z]{1,4}\d{1,5}[A-Za-z]?\b")


def name_terms(written: list[str]) -> list[str]:
    """The terms of the capitalised words among ``written`` (``raw_words``), stop words left out
    ("A's" passes ``terms`` as "a"): what a question names. A capital inside a word makes a name
    too ("iPhone", "eBay", "macOS")."""
    return [t for w in written if _names(w) for t in terms(w) if t not in STOPWORDS]


def _names(word: str) -> bool:
    """Whether a written word is a name: it starts with a capital, or has one after its first
    letter ("iPhone's"), digits aside ("x2" is not one)."""
    rest = word[1:].replace("’", "'").removesuffix("'s")
    return word[:1].isupper() or (word[:1].isalpha() and rest.isalpha() and not rest.islower())


class BM25:
    """Okapi BM25 over a fixed list of texts; ``scores`` gives every text's score for a query.

    ``texts`` are tokenized with ``terms``; a caller that already holds the term lists passes them
    as ``tokenized`` instead (the index view tokenizes each sentence once for BM25 and coverage).
    """

    def __init__(
        self,
        texts: Sequence[str] = (),
        k1: float = 1.2,
        b: float = 0.75,
        tokenized: Sequence[Sequence[str]] | None = None,
    ) -> None:
        docs = tokenized if tokenized is not None else [terms(t) for t in texts]
        vocab: dict[str, int] = {}
        # One flat pass over every token (no per-document dictionaries): duplicates of a (text, term)
        # pair are counted by np.unique below.
        cols = np.fromiter((vocab.setdefault(t, len(vocab)) for doc in docs for t in doc), dtype=np.int64)
        lengths = np.fromiter((len(doc) for doc in docs), dtype=np.float32, count=len(docs))
        rows = np.repeat(np.arange(len(docs), dtype=np.int64), lengths.astype(np.int64))
        self.vocab = vocab
        self.n = len(docs)
        width = max(1, len(vocab))
        # Postings: one entry per (term, text) pair, sorted by term, then text; its count is the
        # term's frequency in the text.
        pairs, tf = np.unique(cols * max(1, self.n) + rows, return_counts=True)
        term, text = np.divmod(pairs, max(1, self.n))
        df = np.bincount(term, minlength=width).astype(np.float32)
        self.idf_values = np.log(1.0 + (self.n - df + 0.5) / (df + 0.5)).astype(np.float32)
        avg = float(lengths.mean()) if self.n else 1.0
        norm = k1 * (1 - b + b * lengths / max(avg, 1e-6))
        freq = tf.astype(np.float32)
        self._weights = (freq * (k1 + 1) / (freq + norm[text])).astype(np.float32)
        self._texts = text.astype(np.int32)
        self._starts = np.concatenate([[0], np.cumsum(df.astype(np.int64))])

    def idf(self, term: str) -> float:
        j = self.vocab.get(term)
        return float(self.idf_values[j]) if j is not None else math.log(1.0 + (self.n + 0.5) / 0.5)

    def scores(self, query_terms: Sequence[str]) -> np.ndarray:
        cols = [self.vocab[t] for t in set(query_terms) if t in self.vocab]
        if not cols:
            return np.zeros(self.n, dtype=np.float32)
        spans = [slice(self._starts[j], self._starts[j + 1]) for j in cols]
        texts = np.concatenate([self._texts[sl] for sl in spans])
        weights = np.concatenate([self._weights[sl] * self.idf_values[j] for sl, j in zip(spans, cols)])
        return np.bincount(texts, weights=weights, minlength=self.n).astype(np.float32)


def coverage(query_terms: Sequence[str], text_terms: set[str], idf: dict[str, float]) -> float:
    """IDF-weighted share of the query's distinct terms found in a text (0..1)."""
    distinct = set(query_terms)
    total = sum(idf[t] for t in distinct)
    if total <= 0:
        return 0.0
    return sum(idf[t] for t in distinct if t in text_terms) / total
