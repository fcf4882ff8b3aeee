"""Split a document into labelled sections.

Headings come from the loader (Markdown ``#``, HTML h1–h6) or, for plain text and PDF, from lines that
look like headings: short, standalone between blank lines, title-cased, without closing punctuation
(a numbered one, "1. Rent", may stand right over its text or over its first clause, "1.1 …" or
"a) …"; a short line may stand right over the sentences it heads, "Children", and so may a longer
one in a document that heads its parts so); a question standing alone, or written "Q: …?" over its
answer, heads the answer; a saved thread's messages head themselves with their sender and date, and
their greetings and sign-offs are no text (``message_furniture``). Text before the first heading is
labelled with the document's title; a label that repeats is named with the heading it falls under
(``qualified_labels``).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from typing import NamedTuple

from .rows import YEARS, gap_row, leader_row
from .sentences import BULLET, IS_FIELD, is_day_line
from .types import Document, Heading, Section

_END_PUNCT = tuple('.!?,;:"”’)»')
_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "of",
        "on",
        "or",
        "the",
        "to",
        "vs",
        "via",
        "with",
        "de",
        "la",
    ]
)
_WORD = re.compile(r"[^\s]+")
#: A section number before a title: "4.", "4.2", "IV.", "Section 4", "Part 2:".
_NUMBERED = re.compile(
    r"(?:\d{1,2}\.(?:\d{1,2}\.?)*|[IVX]{1,5}\.|(?:section|part|chapter)\s+\d{1,2}:?)\s+[^\W\d_]", re.I
)

#: The number of a numbered part, without its closing dot: "6" of "6. Ending", "2.1" of "2.1 Rent".
_CLAUSE_NUMBER = re.compile(r"(\d{1,2}(?:\.\d{1,2})*)\.?\s")


#: A closing aside in brackets: "PRICE LIST (all prices include VAT)", "Opening Hours (summer)".
_ASIDE = re.compile(r" \([^()]{1,60}\)$")
_ASIDE_WORDS = 6
#: A contact detail in a line: an email address, a web address, or a phone number (``_PHONE``).
_CONTACT_DETAIL = re.compile(r"\S@\S|https?://|\bwww\.")
#: A phone number as it is written: from a "+" or a "0" ("+44 (0)113 496 0721", "07700 900 418",
#: "0800 123 4567"), or in the groups of three, three and four ("(555) 123-4567", "555-123-4567"),
#: never a run of years or sizes ("Term Dates 2024-2025 2025-2026", "Sizes 6-8 10-12").
_PHONE = re.compile(
    r"(?<![\w+])(?:[+0]\d?[\d ()-]{5,}\d|\(\d{3}\) ?\d{3}[-. ]\d{4}|\d{3}[-.]\d{3}[-.]\d{4})(?!\d)"
)
_PHONE_DIGITS = 9


def contact_detail(line: str) -> bool:
    """Whether a line holds an email address, a web address or a phone number of nine digits or more."""
    return _CONTACT_DETAIL.search(line) is not None or any(
        sum(c.isdigit() for c in m.group(0)) >= _PHONE_DIGITS for m in _PHONE.finditer(line)
    )


def looks_like_heading(line: str) -> bool:
    """Whether a standalone line reads as a heading ("U.S. Response", "NATO Response", "Background").

    A closing aside in brackets is read past ("PART B - PRICE LIST (all prices include VAT)"), when
    what comes before it holds no number but a part's own: "Call 0330 555 0192 (7am-11pm)" alone on
    its line is a contact, not a heading."""
    s = " ".join(line.split())
    if contact_detail(s):
        # "Meet Secretary: David Okafor, 07700 900 418, meet@tidewatersc.org.uk" reads as title
        # case (numbers count as capitals), but a heading holds no phone number, email or address
        # on the web: the line is what "What's the meet secretary's number?" must quote
        return False
    aside = _ASIDE.search(s)
    # not hours or dates in brackets: "Saturday (10am-4pm)" standing alone is a line of opening times
    numbered = _NUMBERED.match(s[: aside.start()]) if aside else None
    if (
        aside
        and len(_WORD.findall(aside.group(0))) <= _ASIDE_WORDS
        # a numbered part's date is no line of times: "2. Minutes of the last meeting (14 January 2025)",
        # nor a title in capitals qualified in words: "HIRE RATES (per hour, from 1 April 2025)"
        and (
            numbered is not None
            or not any(c.isdigit() for c in aside.group(0))
            or _qualified_capitals(s[: aside.start()], aside.group(0))
        )
    ):
        base = s[: aside.start()]
        rest = base[numbered.end() - 1 :] if numbered else base
        if not any(c.isdigit() for c in rest) and looks_like_heading(base):
            return True
    if not 2 <= len(s) <= 80 or s.endswith(_END_PUNCT) or s.startswith(("-", "*", "•", "“", '"')):
        return False
    if not (s[0].isupper() or s[0].isdigit()) or leader_row(s):
        return False  # (a price's row, "TOTAL ........ 230.02", is a fact to quote)
    if _field_line(s) or not any(w.isalpha() and len(w) > 1 for w in _WORD.findall(s)):
        return False  # (and a postcode or a code alone, "EL3 6TB", names no part: no word in it)
    words = _WORD.findall(s)
    if _NUMBERED.match(s) and len(words) <= 12:
        # "4. Damage and insurance", "1. What Calmora is and what it is used for": a numbered line
        # standing alone heads a part, in any case
        return True
    if len(words) > 10:
        return False
    return _title_cased(s)


def _qualified_capitals(base: str, aside: str) -> bool:
    """Whether a line is a title of two words or more in capitals with an aside in brackets that
    opens with a word in lower case ("HIRE RATES" and "(per hour, from 1 April 2025)"), not a line
    of days or times ("MONDAY TO FRIDAY (9am-5pm)")."""
    return (
        len(base.split()) >= 2
        and _capitals(base)
        and not is_day_line(base)
        and _LOWER_WORD_OPENS.match(aside) is not None
    )


def _capitals_qualified(line: str) -> bool:
    """``_qualified_capitals`` of a line with its aside in brackets."""
    aside = _ASIDE.search(line)
    return aside is not None and _qualified_capitals(line[: aside.start()], aside.group(0))


#: An aside in brackets that opens with a word in lower case: "(per hour, …", "(from 1 April)".
_LOWER_WORD_OPENS = re.compile(r" \([a-z]{2,}\b")
#: A line led by words in capitals, then a dash and a few words in sentence case: "SATURDAY -
#: Market day service", "MONDAY TO FRIDAY - towards Pennock Market".
#: (A hyphen inside the subtitle's words or numbers is no dash: "REPLY SLIP - Year 6 Residential
#: (9-13 June 2025)".)
_CAPITALS_LED = re.compile(r"([^\W\d_][^-–—]*?)[ \t]+[-–—][ \t]+\w(?:[^-–—]|(?<=\w)-(?=\w))*")
_LED_WORDS = 6
#: The most words of the subtitle of a slip's title under its cut line.
_SLIP_LED_WORDS = 10


def _capitals_led(s: str, most: int = _LED_WORDS) -> bool:
    """Whether a line is a title in capitals with a subtitle after a dash (``_CAPITALS_LED``) of
    ``most`` words at most."""
    m = _CAPITALS_LED.fullmatch(s)
    return m is not None and _capitals(m.group(1)) and len(s[m.end(1) :].split()) <= most


#: Marks that join a title's words and count for no word: "Lost & Found", "Mon - Fri".
_JOINERS = frozenset(["&", "-", "–", "—"])


def _field_line(s: str) -> bool:
    """Whether a line is a field's name and its value, a number or a code: "Juror number: JS 4471
    2096", "Account Number: 12345678". A part's number comes before its colon ("Part 2: Fees"); a
    title dates its part after one ("Term Dates: 2025-26", "STRIKE: THURSDAY 17 OCTOBER"), or
    names it in words ("Chapter One: 1066 and All That")."""
    label, colon, value = s.partition(":")
    if not colon or not any(c.isdigit() for c in value) or any(c.isdigit() for c in label) or _capitals(s):
        return False
    named = [w for w in _WORD.findall(label)[1:] if w.lower() not in _SMALL_WORDS]
    if any(w[0].islower() for w in named):
        return True  # a name in sentence case ("Juror number")
    words = [w for w in _WORD.findall(value) if any(c.isalpha() for c in w)]
    return len(words) <= 1 and not YEARS.fullmatch(value.strip())


def _title_cased(s: str) -> bool:
    """Whether most words of a line, small words and "&" aside, start with a capital (or are
    numbers): "Lost & Found" and "Terms & Conditions" are title-cased. (Other marks count against:
    "Serves 4 | Prep 10 minutes | Cook 25 minutes" is a recipe's line of facts.)"""
    content = [
        w for w in _WORD.findall(s) if w.lower().strip("(),:") not in _SMALL_WORDS and w not in _JOINERS
    ]
    if not content:
        return False
    capitalised = sum(1 for w in content if w[0].isupper() or w[0].isdigit())
    return capitalised / len(content) >= 0.75


def _numbered_heading_over(line: str, following: str) -> bool:
    """Whether a numbered line heads the text right under it ("1. Rent" over "Plot rent is £45 a
    year…"): short, no closing punctuation, and followed by a line that opens a sentence and is no
    item of a numbered or bulleted list ("1. Flour" over "2. Sugar" is a list)."""
    below = following.strip()
    if _NUMBERED.match(" ".join(line.split())) is None or not looks_like_heading(line):
        return False
    last = line.split()[-1].lower()
    if last in _SMALL_WORDS or last in _OPEN_ENDS:
        return False  # an item's first line, broken mid-sentence: "1. Ask the Office for Students and"
    if _is_subclause(line, below):
        return True
    return below[:1].isupper() and _NUMBERED.match(below) is None and not below.startswith(("-", "*", "•"))


#: Words a sentence broken over two lines may end its first line on, which a heading does not:
#: "Our new head teacher is" over "Mrs Anita Shah, who…", "The committee agreed that".
_OPEN_END_WORDS = (
    "is was are were be been being am has have had do does did will would can could should "
    "shall may might must that which who whom whose where when if because than but not also "
    "our your their his her its my this these those such very include includes including "
    "contact"
)
_OPEN_ENDS = frozenset(_OPEN_END_WORDS.split())
#: A heading may ask: "What you can do", "How to apply".
_WH = re.compile(r"(?:what|how|when|where|who|why|which)\b", re.I)
#: The first words of a sentence that leads into a list rather than heading it (as written: "IT
#: Support" is a heading).
_LEAD_IN = re.compile(r"(?:Please|You|We|They|It|These|This|Those|The following|Here|Below|If)\b")
#: A letter's greeting, written without its comma ("Dear Mr Smith" over "Thank you for…").
_SALUTATION = re.compile(r"(?:Dear|Hi|Hello|Hey|To whom)\b")
#: A lead line's most words, and its most length against the longest line of the text under it.
_LEAD_WORDS = 8
#: A lead line of more words must be title-cased ("Day 2 - Edinburgh to Inverness").
_LEAD_PLAIN_WORDS = 3
_LEAD_SHARE = 0.6
#: How many lines under a lead line are read to judge it.
_BODY_REACH = 40
#: The end of a sentence, closing marks after it allowed; or of one that leads into what follows
#: ("Payments can be made through ParentPay as follows:" over a table of instalments).
_ENDS_SENTENCE = re.compile(r"[.!?…:][\"”’)\]]*$")


#: What a block of fields under a title in capitals holds: "BANK DETAILS", "CONTACT", "OPENING HOURS".
_BLOCK_NOUNS = frozenset(
    [
        "details",
        "contact",
        "contacts",
        "information",
        "info",
        "summary",
        "address",
        "addresses",
        "account",
        "booking",
        "appointment",
        "references",
        "numbers",
        "hours",
        "times",
        "dates",
        "prices",
        "charges",
        "fees",
        "payment",
        "delivery",
        "collection",
        "order",
    ]
)


def _lead_heading_over(line: str, body: list[str], peers: bool = False) -> bool:
    """Whether a short unnumbered line heads the lines right under it, in a document that breaks its
    lines where it means to: "Children" over "Calmora is not suitable for children under 12 years
    of age.", "Day 2 - Edinburgh to Inverness" over "Board the 9:30 a.m. train…".

    The line has no closing punctuation and no field's colon, is much shorter than the longest line
    under it (a hard-wrapped paragraph's first line is as long as the rest), and the text under it
    opens a sentence of some words and ends as a sentence does, or leads into what follows with a
    colon (an address's lines do neither). A line
    of more than a few words must be title-cased, unless it opens with a question word ("How the
    study worked") or the document already heads ``peers`` of its parts so ("Pain relief", "Wound care" over "When to get help") and the line does not end on
    a small word as a sentence broken over two lines may ("The meeting will be chaired by"). A line
    right over a list of two items or more heads it ("Materials" over "- 3 strawberries", "What to
    bring" over "1. A towel…"), but not a sentence that leads into the list ("Please bring", "Do not
    take Calmora:"): the text after the list would be filed under it.
    """
    s = " ".join(line.split())
    below = body[0].strip() if body else ""
    n_words = len(_WORD.findall(s))
    if not s[:1].isupper() or s.endswith(_END_PUNCT) or n_words > _LEAD_WORDS or leader_row(s):
        return False
    if ":" in s and not (_capitals_titled(s) and _is_list(body)):
        return False
    # A heading's case, or a few words: "The meeting will be chaired by" over "Margaret Hughes and…"
    # is a sentence broken over two lines.
    # ("What you can do" ends on "do" as a heading may)
    last = s.split()[-1].lower()
    open_end = last in _OPEN_ENDS and not _WH.match(s)
    # A line that opens with a question word heads in sentence case by itself, as a news article or
    # an explainer heads its parts ("How the study worked", "What the researchers found"), unless it
    # ends as a clause runs on ("When the meeting opened the chair said that", "Where possible we will").
    asks = _WH.match(s) is not None and last not in _OPEN_ENDS
    plain_ok = (peers or asks) and last not in _SMALL_WORDS and not open_end
    if n_words > _LEAD_PLAIN_WORDS and not _title_cased(s) and not plain_ok:
        return False
    if _NUMBERED.match(s) or s.startswith(("-", "*", "•", "“", '"', ">")) or _SALUTATION.match(s):
        return False
    if _is_list(body):
        # "Materials", "Opening times", "What to bring" over a list; not a lead-in, "Please bring"
        # or "These items cannot be recycled" over "- …", which would label the text after the list
        return _LEAD_IN.match(s) is None and s.split()[-1].lower() not in _SMALL_WORDS and not open_end
    if _capitals(s) and len(body) >= 2 and all(IS_FIELD.match(b.strip()) for b in body):
        # a block's title in capitals over its fields ("BANK DETAILS" over "Sort code:    60-83-12"),
        # named by what a block holds; not a name over its contact lines ("JOHN SMITH" over "Tel:
        # …") nor a notice ("NO PARKING IN BAY 4" over "Reason: resurfacing")
        return len(s.split()) <= _BLOCK_LABEL_WORDS and s.split()[-1].strip(":").lower() in _BLOCK_NOUNS
    if not below[:1].isupper() or len(_WORD.findall(below)) < 4 or IS_FIELD.match(below):
        return False
    if _NUMBERED.match(below):
        return False
    longest = max(len(b.strip()) for b in body)
    return len(s) < _LEAD_SHARE * longest and _ENDS_SENTENCE.search(body[-1].strip()) is not None


#: Words a title in capitals has before its colon: "KEY FACTS: …", not a field's one word ("SERVES:
#: FOUR", "NOTE: NO REFUNDS ON SALE ITEMS").
_COLON_TITLE_WORDS = 2


def _capitals_titled(s: str) -> bool:
    """Whether a line with a colon is a title in capitals ("KEY FACTS: MIDDLE FURLONG"), not a
    field ("Note: bring ID", "TEL: 01632 418 900", "SERVES: FOUR")."""
    head, _, tail = s.partition(":")
    return (
        _capitals(s)
        and len(head.split()) >= _COLON_TITLE_WORDS
        and any(c.isalpha() for c in tail)
        and not any(c.isdigit() for c in s)
    )


#: An item of a bulleted or numbered list: "- 3 strawberries", "1. Remove the leaves…", "2) …".
_LIST_ITEM = re.compile(rf"(?:{BULLET}|\d{{1,2}}[.)])\s+\S")


def _is_list(body: list[str]) -> bool:
    """Whether the lines under a lead line are a list (its first two lines items, and most of the
    rest: an item may wrap onto a second line), or the rows of a price list or a plain table ("Pay
    as you go" over "Unlock fee ........ GBP 1.00"; a row without leaders among them too), or
    opening hours or key dates a day a line."""
    items = [bool(_LIST_ITEM.match(b.strip())) for b in body]
    if len(items) >= 2 and items[0] and items[1] and 2 * sum(items) >= len(items):
        return True
    if len(body) >= 2 and all(_table_line(b.strip()) for b in body):
        return True  # a table's rows as the loaders write them: "Single entry" over "| Adult | £12.50 |"
    if len(body) >= 2 and all(is_day_line(b) for b in body):
        # opening hours or key dates, a day a line: "Opening hours" over "Mon 22 Dec  06:30–21:00"
        return True
    leaders = [leader_row(b) for b in body]
    rows = [lead or gap_row(b) for lead, b in zip(leaders, body, strict=True)]
    return len(rows) >= 2 and all(rows) and any(leaders)


def _table_line(line: str) -> bool:
    """Whether a line is a table's row as the loaders write one: "| Adult peak | £12.50 |"."""
    return len(line) > 2 and line[0] == "|" and line[-1] == "|" and bool(line.strip("| \t"))


#: The most words of a question that stands alone as a heading.
QUESTION_WORDS = 25
#: Bold questions that make a document an FAQ (Markdown, HTML or Word), whose other bold lines head
#: answers too: one bold question is emphasis.
FAQ_PEERS = 2
#: The marks of a written question and of its answer: "Q: How do I get a plot?" / "A: Add your…".
_ASKED = re.compile(r"(?:Q|Question)\s*[:.]\s", re.I)
_ANSWERED = re.compile(r"(?:A|Answer)\s*[:.]\s", re.I)


#: A transcript's time code before a speaker's turn: "[00:00:21] JUNE: …", "(12:05) …", "01:02:03 …",
#: or "10:42 Sam: …"; not an agenda's "10:30 Where next for local buses?".
_TIME_CODE = re.compile(
    r"(?:[\[(]\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?[\])]|\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?)\s+"
    r"|\d{1,2}:\d{2}\s+(?=[A-Z][\w .'-]{0,30}:\s)"
)


def _asked_over(line: str) -> bool:
    """Whether a line is a question that the text under it answers: an interview's "TOM: What was
    your first job?" (after a transcript's time code too, "[00:00:21] JUNE: When should people
    plant garlic?"), a plain FAQ's "Can I bring my dog?" or "Q: How do I get a plot?". Its answer
    is the section it heads, and the label tells the reader what was asked."""
    s = " ".join(line.split())
    s = s[m.end() :] if (m := _TIME_CODE.match(s)) else s
    return (
        s.endswith("?")
        and s[:1].isupper()
        and len(_WORD.findall(s)) <= QUESTION_WORDS
        and not s.startswith(("-", "*", "•", ">"))
        and _NUMBERED.match(s) is None
    )


#: The first lettered clause of a part: "a) A place is confirmed…", "(a) …", "a. …".
_FIRST_LETTERED = re.compile(r"(?:\(a\)|a\)|a\.)\s+\S")


def _follows_in_list(first: str, then: str) -> bool:
    """Whether ``then`` is numbered right after ``first`` at the same depth ("2." after "1.",
    "1.3" after "1.2"): the next item of a list, or the next part of a document."""
    a, b = _CLAUSE_NUMBER.match(first.strip()), _CLAUSE_NUMBER.match(then.strip())
    if a is None or b is None or _NUMBERED.match(then.strip()) is None:
        return False  # "2 weeks' rent is taken…" is no item
    x, y = a.group(1).split("."), b.group(1).split(".")
    return len(x) == len(y) and x[:-1] == y[:-1] and int(y[-1]) == int(x[-1]) + 1


def _is_subclause(line: str, below: str) -> bool:
    """Whether ``below`` is numbered one level under ``line``: "6.1 The Tenant may…" under
    "6. ENDING THE TENANCY" is the first clause of part 6, so the part's line heads it; so is
    "a) A place is confirmed…" under "1. Bookings"."""
    number = _CLAUSE_NUMBER.match(line.strip())
    if number is None:
        return False
    return bool(
        re.match(re.escape(number.group(1)) + r"\.\d{1,2}\.?\s", below) or _FIRST_LETTERED.match(below)
    )


#: The blank line that ends an email's header (only the first is looked for).
PARAGRAPH_END = re.compile(r"\n[ \t]*\n")
#: A line of an email's header: "From: …", "Subject: …", and the fields a saved message also
#: carries ("Message-ID: <…>", "In-Reply-To: <…>", "MIME-Version: 1.0", "X-Mailer: …").
#: The fields of a message's header that a reader reads: who sent it, to whom, when, about what.
_READ_FIELDS = "from|to|cc|bcc|subject|date|sent|reply-to"
_EMAIL_FIELD = re.compile(
    rf"(?:{_READ_FIELDS}|message-id|in-reply-to|references|mime-version"
    r"|content-type|content-transfer-encoding|return-path|delivered-to|received|importance|priority"
    r"|user-agent|organi[sz]ation|thread-topic|thread-index|dkim-signature|authentication-results"
    r"|received-spf|arc-[a-z-]+|list-[a-z-]+|precedence|auto-submitted|content-language"
    r"|accept-language|x-[a-z0-9-]+):(?:[ \t]|$)",
    re.I | re.M,
)
#: The fields that make a block of fields a message's header (a "Received:" line alone is none).
_CORE_FIELD = re.compile(r"(?:from|to|subject|sent|date):", re.I)


_READ_FIELD = re.compile(rf"(?:{_READ_FIELDS}):", re.I)


def header_noise(text: str) -> list[tuple[int, int]]:
    """The spans of the lines of an email's opening header (``header_block``) that only a mail
    program reads ("Message-ID: <…>", "In-Reply-To: …", "X-Mailer: Garage Desk 4.2"): no answer
    to any question, they outranked a quotation's "TOTAL £436.62" for "What is the total for the
    garage work?" by the word "Garage"."""
    if not header_block(text):
        return []
    at = len(text) - len(text.lstrip())
    end = PARAGRAPH_END.search(text, at)
    spans = []
    read = False  # whether the field a folded line goes on is one a reader reads
    for m in re.finditer(r"[^\n]+", text[: end.start() if end else len(text)]):
        line = m.group(0).strip()
        if m.group(0)[:1] not in (" ", "\t") or m.start() == at:
            read = _READ_FIELD.match(line) is not None
        if line and not read:
            lead = len(m.group(0)) - len(m.group(0).lstrip())
            spans.append((m.start() + lead, m.start() + lead + len(line)))
    return spans


def header_block(text: str) -> list[str]:
    """The lines of an email's header when ``text`` opens with one (its first lines, up to a blank
    line, are all fields like "From: …", "Subject: …" or "Message-ID: …", one of them a sender, a
    recipient, a subject or a date), else []."""
    head = text.lstrip()
    block = PARAGRAPH_END.search(head)
    raw = head[: block.start() if block else len(head)].split("\n")
    # a long field folded onto indented lines ("Received: from …" over "\tby mx…") is one field
    lines = [line.strip() for k, line in enumerate(raw) if not (k and line[:1] in (" ", "\t"))]
    if not lines[0] or not all(_EMAIL_FIELD.match(line) for line in lines):
        return []
    return lines if any(_CORE_FIELD.match(line) for line in lines) else []


def plain_text_headings(text: str, skip: list[tuple[int, int]]) -> list[Heading]:
    """Find heading lines in text without markup: each must stand alone between blank lines, or
    stand after a blank line right over its text, when numbered (``_numbered_heading_over``), short
    (``_lead_heading_over``) or a written question over its answer (``_asked_over``). In an email
    (or a memo with its "To:" and "From:" header) only numbered ones: its other lone lines are a
    greeting or a signature ("Priya"); a saved thread's messages head themselves (``_messages``)."""
    email = bool(header_block(text))
    skipped = {start for start, _ in skip}
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)

    # An empty line (a quoted one, ">", too), or one of furniture: a title underlined "=====" stands
    # alone. A quoted message's lines are read without their marks ("> CLINIC DATES").
    unquoted = [_QUOTE_MARKS.sub(lambda m: " " * len(m.group()), line) for line in lines]
    blank = [not line.strip() or starts[j] in skipped for j, line in enumerate(unquoted)]
    # a title in capitals subtitled after a dash, and a block's label in capitals over indented
    # lines, head parts where the document heads two or more so: one alone is a notice ("CLOSED -
    # back on Monday") or a name over an address ("JOHN SMITH" over "    Flat 2, …")
    styles = _Styles(
        led=sum(_led_alone(unquoted, blank, i) for i in range(len(unquoted))) >= _STYLE_PEERS,
        blocks=sum(
            (i == 0 or blank[i - 1]) and _labels_indented(unquoted[i], unquoted[i + 1])
            for i in range(len(unquoted) - 1)
        )
        >= _STYLE_PEERS,
        tight=_tight_headings(unquoted, blank),
    )
    headings, leads = _scan(unquoted, starts, skipped, email, blank, peers=False, styles=styles)
    if leads >= _LEAD_PEERS:
        headings, _ = _scan(unquoted, starts, skipped, email, blank, peers=True, styles=styles)
    headings = _without_line_blocks(text, headings)
    if email:
        found = [*headings, *_messages(lines, starts, blank), *_quoted_replies(lines, starts)]
        headings = sorted(found, key=lambda h: h.start)
    else:
        # messages set inside another text, each headed by its subject; unless the writer's own
        # heading stands right over its header and names it already ("REPLY SENT BY EMAIL, 1
        # December 2025", "INTERNAL MEMO")
        for m in _messages(lines, starts, blank, least=1):
            opens = m.start if m.opens is None else m.opens
            above = max((h for h in headings if h.end <= opens), key=lambda h: h.end, default=None)
            if above is None or _has_content(text, above.end, opens, skip):
                headings = sorted(
                    [*(h for h in headings if not opens <= h.start < m.end), m], key=lambda h: h.start
                )
    return _without_subtitle(text, _without_byline(text, headings))


#: How many lone lines in a row, with nothing but blank lines between, make a block of lines (an
#: address, a signature) rather than headings.
_BLOCK_LINES = 3


def _without_line_blocks(text: str, headings: list[Heading]) -> list[Heading]:
    """The headings less runs of ``_BLOCK_LINES`` or more with only blank lines between them: a
    letter's address written a paragraph a line ("Mr Daniel Okonjo", "Flat 9, Linnet Court",
    "Sparrow Road", "Ellesby", "EL3 6TB") or its signature ("Gareth Pryce", "Repairs Planner",
    "Brookfield Homes"). As headings, all but the last headed nothing and were lost from the
    sentences, and the last labelled the letter; they are lines to quote. Those in capitals among
    them stay headings."""
    out: list[Heading] = []
    run: list[Heading] = []
    for h in [*headings, None]:
        if h is not None and run and not text[run[-1].end : h.start].strip():
            run.append(h)
            continue
        # (a title or a part's heading in capitals among them still heads: "PRODUCT RECALL
        # NOTICE", "Issued by … 14 November 2024", "IMPORTANT SAFETY INFORMATION - PLEASE READ")
        out.extend(run if len(run) < _BLOCK_LINES else [x for x in run if _capitals(x.label)])
        run = [h] if h is not None else []
        if h is not None and not text[: h.start].strip():
            # the document's title, over a subtitle and the first part's heading ("Going Home
            # After Surgery", "Ward 7, St Brannock's Hospital", "Pain relief"), is no block's line
            out.append(h)
            run = []
    return out


#: The marks that quote a line of an earlier message: "> ", "> > ".
_QUOTE_MARKS = re.compile(r"^[ \t]*>(?:[ \t]*>)*[ \t]?")


#: A byline: "By", one or two names, and a role or a date after a comma or a dot ("By Hannah
#: Ostrowski", "By Rebecca Lowe, Health Correspondent", "By Ana Ruiz and Tom Reed, 14 March 2024").
#: Its words are checked by ``_byline``.
_BYLINE = re.compile(r"By\s+(?P<names>[^,·|–—]+?)(?:\s*[,·|–—]\s*.*)?")
#: Joining words of names ("Ana Ruiz and Tom Reed", "Ludwig van Beethoven").
_NAME_JOINERS = frozenset(["and", "&", "van", "von", "de", "der", "den", "la", "le", "du", "da", "di", "bin"])
#: The ways a "By …" heading gets somewhere or does something ("By Public Transport", "By Post"),
#: which name no one.
_BY_MEANS = frozenset(
    [
        "transport",
        "car",
        "cars",
        "bus",
        "buses",
        "coach",
        "train",
        "trains",
        "rail",
        "tram",
        "taxi",
        "bike",
        "bicycle",
        "cycle",
        "foot",
        "air",
        "sea",
        "road",
        "ferry",
        "boat",
        "plane",
        "post",
        "mail",
        "email",
        "e-mail",
        "phone",
        "telephone",
        "online",
        "appointment",
        "invitation",
        "hand",
        "card",
        "cheque",
        "cash",
    ]
)
#: A title's underline ("=====", "-----"), which is no text between a title and its byline.
_UNDERLINE = re.compile(r"^[ \t]*[=\-*_~#]{3,}[ \t]*$", re.M)


def _byline(label: str) -> bool:
    """Whether a heading's label is a byline (``_BYLINE``): two to six name words, each capitalised
    (in any alphabet), none of them one of the means a "By Car" heading names."""
    m = _BYLINE.fullmatch(label)
    if m is None:
        return False
    words = [w for w in m.group("names").split() if w.lower() not in _NAME_JOINERS]
    return 2 <= len(words) <= 6 and all(
        w[0].isupper() and w[0].isalpha() and w.lower().strip(".") not in _BY_MEANS for w in words
    )


def _without_byline(text: str, headings: list[Heading]) -> list[Heading]:
    """The headings less a byline right under the title: it names who wrote the text, so it is
    text to quote ("Who wrote the report?"), not a part (which would take the article's first
    paragraphs from under its title). Only right under the title: "By Public Transport" further
    down, or with peers ("By Car"), heads a part of a "Getting here" page."""
    if not headings:
        return headings
    before = _UNDERLINE.sub("", text[: headings[0].start]).strip()
    if not before and len(headings) >= 2:  # the title is a heading: the byline is the next one
        at = 1
        between = _UNDERLINE.sub("", text[headings[0].end : headings[1].start]).strip()
    else:  # the first line titles the text (``loaders._first_line_title``): the byline is the first
        at = 0
        title, _, between = before.partition("\n")
        if title.rstrip().endswith((".", "!", "?", ":")):
            return headings  # a sentence, no title: "This guide explains how to reach the hall."
        between = between.strip()
    if not _only_masthead(between) or not _byline(headings[at].label):
        return headings
    if any(h.label.startswith("By ") for i, h in enumerate(headings) if i != at):
        return headings  # "By Public Transport" with "By Car" after it: the parts of a page
    return [*headings[:at], *headings[at + 1 :]]


#: What may stand between a title and its byline: a dateline and a headline, short lines that end
#: no sentence ("Thursday 14 March 2024", "Villagers vow to fight 240-home estate on Ashcombe fields").
_MASTHEAD_LINES = 3
_MASTHEAD_CHARS = 100


def _only_masthead(between: str) -> bool:
    """Whether the text between a title and a byline is nothing, or only a dateline and a headline
    (a newspaper's name titles its page, then the date and the story's headline come first)."""
    lines = [line.strip() for line in between.split("\n") if line.strip()]
    return len(lines) <= _MASTHEAD_LINES and all(
        len(line) <= _MASTHEAD_CHARS and _ENDS_SENTENCE.search(line) is None for line in lines
    )


def _without_subtitle(text: str, headings: list[Heading]) -> list[Heading]:
    """The headings less a subtitle: a line between the title and the first part that heads nothing
    ("Ward 7, St Brannock's Hospital" under "Going Home After Your Knee Arthroscopy", over "Pain
    relief") is text under the title, so it can be quoted ("Which ward was I on?"), not a lost
    label. A part's name that the labels under it need ("Soup › Ingredients") stays one, and so
    does a numbered part ("Section 1 Working Hours") or a part over parts ("Part One" over "Chapter
    1", when "Part Two" heads nothing either)."""
    if len(headings) < 3 or text[: headings[0].start].strip():
        return headings
    a, b, c = headings[:3]
    kind = b.label.split()[0].lower()
    peer_empty = any(
        h.label.split()[0].lower() == kind and not text[h.end : n.start if n else len(text)].strip()
        for h, n in zip(headings[2:], [*headings[3:], None], strict=True)
    )
    parent = f"{b.label} ›"
    if (
        text[a.end : b.start].strip()
        or text[b.end : c.start].strip()
        or _NUMBERED.match(b.label) is not None
        or peer_empty
        or any(label.startswith(parent) for label in qualified_labels(headings))
    ):
        return headings
    return [a, *headings[2:]]


#: The fields of a message's header that name it in a thread: "Marcus Bell, 11 March 2026".
_SENDER = re.compile(r"from:\s*(.*)", re.I)
_SENT = re.compile(r"(?:date|sent):\s*(.*)", re.I)
_SUBJECT = re.compile(r"subject:", re.I)
_ADDRESS = re.compile(r"\s*[<‹][^>›]*[>›]\s*$")
#: "Bell, Marcus" as Outlook writes a sender: "Marcus Bell".
_LAST_FIRST = re.compile(r"([^\W\d_][\w'-]*),\s*([^\W\d_][\w'-]*)")
#: A line that stands between a reply and the message it quotes in place of a blank one:
#: "-----Original Message-----", "---------- Forwarded message ---------", "________________".
_MESSAGE_RULE = re.compile(
    r"(?:[-_=]{3,}\s*)?(?:begin\s+)?(?:original|forwarded)\s+message:?(?:\s*[-_=]{3,})?|[-_=]{3,}", re.I
)


#: A reply's line over the message it quotes: "On Sun, 11 May 2025 at 20:15, Helen Marchetti
#: <helen@…> wrote:" (the date and the sender as a mail program writes them).
_QUOTED_BY = re.compile(
    r"On\s+(?P<sent>[^\n]{4,80}(?:\d{1,2}:\d{2}(?:\s?[AaPp]\.?[Mm]\.?)?|\d{4}))\s*,?\s+(?P<sender>[^\n]{2,120}?)\s+wrote:"
)


def _quoted_replies(lines: list[str], starts: list[int]) -> list[Heading]:
    """The earlier messages a reply quotes under its own text: an "On …, … wrote:" line (or two,
    as a mail program wraps it) over lines marked "> ", a blank line between or not, heads the
    quoted message, labelled with its sender and date as a thread's messages are ("Helen
    Marchetti, Sun, 11 May 2025 at 20:15"), so a quote from it says whose words they are, not the
    reply's last part ("Terms"). The date ends at a time or a year: Gmail writes "On Mon, Jan 6,
    2025 at 10:12 AM Helen Marchetti <…> wrote:" with no comma before the sender."""
    found = []
    i = 0
    while i < len(lines) - 1:
        # (an earlier reply's line is quoted in its turn: "> On 18 Sep 2025, at 09:15, … wrote:")
        line = _QUOTE_MARKS.sub("", lines[i]).strip()
        nxt = _QUOTE_MARKS.sub("", lines[i + 1]).strip()
        last = i
        if line.startswith("On ") and not line.endswith("wrote:") and nxt.endswith("wrote:"):
            line, last = f"{line} {nxt}", i + 1  # wrapped over two lines
        m = _QUOTED_BY.fullmatch(line) if line.startswith("On ") else None
        below = last + 1 if last + 1 < len(lines) and lines[last + 1].strip(" \t>") else last + 2
        if m is None or below >= len(lines) or not lines[below].lstrip().startswith(">"):
            i += 1
            continue
        label = ", ".join(
            x for x in (_sender_name(m.group("sender")), " ".join(m.group("sent").split())) if x
        )
        lead = len(lines[i]) - len(lines[i].lstrip())
        found.append(Heading(label, starts[i] + lead, starts[last] + len(lines[last].rstrip())))
        i = last + 1
    return found


def _sender_name(value: str) -> str:
    """A sender as a label names them: ""Hannah Okafor" <hannah@…>" → "Hannah Okafor", "Bell, Marcus"
    → "Marcus Bell"; an address alone stays."""
    name = _ADDRESS.sub("", value).strip().strip('"“”').strip() or value.strip()
    last_first = _LAST_FIRST.fullmatch(name)
    return f"{last_first.group(2)} {last_first.group(1)}" if last_first else " ".join(name.split())


#: A sign-off's first line: "Best,", "Kind regards,", "Thanks!".
_SIGN_OFF = re.compile(
    r"(?:best|best wishes|kind regards|regards|many thanks|thanks|thank you|cheers|all the best|"
    r"sincerely|yours sincerely|yours|warm regards|with thanks)\s*[,.!]?",
    re.I,
)


#: A greeting: one short line that ends with a comma ("Hi all,", "Dear colleagues,", "Hannah,").
_GREETING = re.compile(r"[ \t]*\n*[ \t]*([^\n,]{1,40},)[ \t]*\n[ \t]*\n")
_GREETING_WORDS = 4


def message_furniture(text: str, headings: list[Heading]) -> list[tuple[int, int]]:
    """The spans of the greetings and sign-offs of a thread's messages (``_messages``): a message's
    first line when it is a short greeting ("Hi all,"), and its last lines when they are a sign-off
    ("Best,") and the sender's name or part of it ("Hannah" under "From: Hannah Okafor"), and the
    "-----Original Message-----" line under it. A name is no answer to "Which teams are moving?",
    and the label already says who wrote to whom."""
    spans = []
    for i, h in enumerate(headings):
        if not _EMAIL_FIELD.match(text, h.start):
            continue  # a memo's numbered part: no message of its own
        end = headings[i + 1].start if i + 1 < len(headings) else len(text)
        greeting = _GREETING.match(text, h.end, end)
        if greeting and len(greeting.group(1).split()) <= _GREETING_WORDS:
            spans.append(greeting.span(1))
        header = text[h.start : h.end].split("\n")
        value = next((m.group(1) for line in header if (m := _SENDER.match(line.strip()))), "")
        sender = set(_sender_name(value).lower().split())
        body = text[h.end : end].rstrip()
        rule = body.rfind("\n") + 1
        if rule and _MESSAGE_RULE.fullmatch(body[rule:].strip()):  # "-----Original Message-----"
            spans.append((h.end + rule, h.end + len(body)))
            body = body[:rule].rstrip()
        block = body[body.rfind("\n\n") + 2 :] if "\n\n" in body else ""
        lines = [line.strip() for line in block.split("\n")]
        named = lines[-1].lower().split()
        if named and set(named) <= sender and all(_SIGN_OFF.fullmatch(x) for x in lines[:-1]):
            spans.append((h.end + len(body) - len(block), h.end + len(body)))
    return spans


def _messages(lines: list[str], starts: list[int], blank: list[bool], least: int = 2) -> list[Heading]:
    """The messages of a saved thread: each header block after a blank line ("From: Marcus Bell",
    "Date: 11 March 2026"…) heads the message under it, labelled with its sender and date, so a
    quote says whose message it comes from and when it was sent, and a header's "Date:" line never
    stands as a quote for "When is the move?". A header has a subject, and may follow a line like
    "-----Original Message-----". An email file of one message keeps its subject as its title
    (``least`` 2); a message set inside another text (a chair's email under a repair log, a
    forwarded one under a note, ``least`` 1) is headed by its subject's line, which says what it is
    about, and its part opens at its header, whose sender and date lines stay quotes."""
    found = []
    subjects = []
    i = 0
    while i < len(lines):
        after_break = i == 0 or blank[i - 1] or _MESSAGE_RULE.fullmatch(lines[i - 1].strip()) is not None
        if after_break and _EMAIL_FIELD.match(lines[i].strip()):
            j = i
            while j < len(lines) and _EMAIL_FIELD.match(lines[j].strip()):
                j += 1
            fields = [line.strip() for line in lines[i:j]]
            sender = next((m.group(1) for f in fields if (m := _SENDER.match(f))), "")
            sent = next((m.group(1) for f in fields if (m := _SENT.match(f))), "")
            name = _sender_name(sender)
            # A message has a subject: "From: London Heathrow / To: Boston Logan / Date: …" in a
            # booking confirmation is no header.
            if name and any(_SUBJECT.match(f) for f in fields):
                label = ", ".join(" ".join(x.split()) for x in (name, sent) if x.strip())
                end = starts[j - 1] + len(lines[j - 1].rstrip())
                found.append(Heading(label, starts[i] + len(lines[i]) - len(lines[i].lstrip()), end))
                k = next(k for k in range(i, j) if _SUBJECT.match(lines[k].strip()))
                lead = len(lines[k]) - len(lines[k].lstrip())
                subjects.append(
                    Heading(
                        " ".join(lines[k].split(":", 1)[1].split()),
                        starts[k] + lead,
                        starts[k] + len(lines[k].rstrip()),
                        opens=found[-1].start,
                    )
                )
            i = j
        else:
            i += 1
    if least == 1:
        return [h for h in subjects if h.label]
    return found if len(found) >= 2 else []


#: The first words of a request or a reminder written in capitals.
_SHOUTED = frozenset(
    [
        "PLEASE",
        "DO",
        "DON'T",
        "DON’T",
        "DONT",
        "REMEMBER",
        "NOTE",
        "NB",
        "N.B.",
        "NEVER",
        "ALWAYS",
        "MUST",
        "YOU",
        "WE",
    ]
)


def _capitals(line: str) -> bool:
    """Whether a line is written in capitals ("NEW SHIFT TIMES FROM 4 NOVEMBER", "TRAINING"): in an
    email such a line heads its part; a greeting or a signature is not written so."""
    letters = [c for c in line if c.isalpha()]
    words = line.split()
    # not a shouted request or reminder: "PLEASE BRING YOUR OWN LUNCH" is a sentence to quote
    return len(letters) >= 4 and all(c.isupper() for c in letters) and words[0].strip("'’:") not in _SHOUTED


#: How many short lines over their text make a document's style of heading, so that a longer line in
#: sentence case, over its text as they are, heads too.
_LEAD_PEERS = 2


class _Styles(NamedTuple):
    """Styles of heading a document uses twice or more (``plain_text_headings``)."""

    led: bool  # titles in capitals subtitled after a dash (``_capitals_led``)
    blocks: bool  # blocks' labels in capitals over indented lines (``_labels_indented``)
    #: the lines that are short heads set tight between paragraphs (``_tight_headings``)
    tight: frozenset[int] = frozenset()


#: How many lines of one style of heading a document has before that style heads its parts.
_STYLE_PEERS = 2


#: How many heads set tight between paragraphs a document has before they head its parts, the
#: most words of one, and the most lines of the sentence under it.
_TIGHT_PEERS = 3
_TIGHT_WORDS = 6
_TIGHT_REACH = 8


def _tight_headings(lines: list[str], blank: list[bool]) -> frozenset[int]:
    """The lines that are heads set tight between paragraphs (``_tight_heading``), where a
    document sets ``_TIGHT_PEERS`` or more so; else none."""
    found = frozenset(i for i in range(len(lines)) if _tight_heading(lines, blank, i))
    return found if len(found) >= _TIGHT_PEERS else frozenset()


#: A line's end that closes a sentence, closing marks after it allowed.
_CLOSES_SENTENCE = re.compile(r"[.!?][\"”’)\]]*$")


def _tight_heading(lines: list[str], blank: list[bool], i: int) -> bool:
    """Whether line ``i`` is a short head set with no blank line about it, between a paragraph's
    end and the next paragraph: a PDF's narrow column sets "Band charges 2025/26" under "£320,000."
    and over "For Little Brockham parish the full yearly charges are: Band", its space above too
    small to print as a blank line. The line above ends a sentence (or is blank); the line is a few
    words, with no closing mark, no field, not ending on a small word, and much shorter than the longest
    line of the sentence under it, which opens in capitals and wraps over two lines or more,
    ending within a few. Only where a
    document sets three or more so (``_TIGHT_PEERS``): one alone may be a sentence's short line."""
    s = " ".join(lines[i].split())
    if not s or not s[0].isupper() or s.endswith(_END_PUNCT) or len(_WORD.findall(s)) > _TIGHT_WORDS:
        return False
    above = "" if i == 0 or blank[i - 1] else lines[i - 1].strip()
    if above and not _CLOSES_SENTENCE.search(above):
        return False
    if _field_line(s) or contact_detail(s) or leader_row(s) or _NUMBERED.match(s):
        return False
    last = s.split()[-1].lower()
    if last in _SMALL_WORDS or last in _OPEN_ENDS:  # "…the full yearly charges are: Band"
        return False
    if s.startswith(("-", "*", "•", "“", '"', ">", "|", "[")) or _SALUTATION.match(s):
        return False
    body: list[str] = []
    for k in range(i + 1, min(len(lines), i + 1 + _TIGHT_REACH)):
        if blank[k]:
            return False
        body.append(lines[k].strip())
        if _ENDS_SENTENCE.search(body[-1]):
            break
    else:
        return False
    first = body[0]
    if not first[:1].isupper() or len(_WORD.findall(first)) < 4 or IS_FIELD.match(first):
        return False
    # (a sentence wrapped over two lines or more, as a column's paragraph is: minutes written a
    # sentence a line set "Carried unanimously" between sentences, which heads nothing)
    return len(body) >= 2 and len(s) < _LEAD_SHARE * max(len(b) for b in body)


def _led_alone(lines: list[str], blank: list[bool], i: int) -> bool:
    """Whether line ``i`` stands alone between blank lines as a title in capitals subtitled after
    a dash."""
    s = " ".join(lines[i].split())
    alone = (i == 0 or blank[i - 1]) and (i + 1 >= len(lines) or blank[i + 1])
    return alone and 2 <= len(s) <= 80 and not s.endswith(_END_PUNCT) and _capitals_led(s)


def _scan(
    lines: list[str],
    starts: list[int],
    skipped: set[int],
    email: bool,
    blank: list[bool],
    peers: bool,
    styles: _Styles,
) -> tuple[list[Heading], int]:
    """One reading of ``plain_text_headings``: the headings, and how many are short lead lines."""
    headings: list[Heading] = []
    leads = 0
    for i, line in enumerate(lines):
        start = starts[i]
        if not line.strip() or start + (len(line) - len(line.lstrip())) in skipped or start in skipped:
            continue
        before_blank = i == 0 or blank[i - 1]
        after_blank = i + 1 < len(lines) and blank[i + 1]
        has_body = any(x.strip() for x in lines[i + 1 : i + 1 + _BODY_REACH])
        heads = (
            after_blank
            and (looks_like_heading(line) or (styles.led and _led_alone(lines, blank, i)))
            and (not email or _NUMBERED.match(line.strip()) is not None or _capitals(line))
            and not _header_over_rule(line, lines[i + 1] if i + 1 < len(lines) else "")
        ) or _underlined(line, lines[i + 1] if i + 1 < len(lines) else "")
        if not heads and before_blank and not email and i + 1 < len(lines):
            # a question standing alone, or a "Q: …?" right over its answer ("A: Yes, up to six…")
            marked = (
                _ASKED.match(line.strip()) is not None or _ANSWERED.match(lines[i + 1].strip()) is not None
            )
            heads = (after_blank or marked) and _asked_over(line)
        if heads and _NUMBERED.match(line.strip()):
            # an item of a loose list ("1. Preheat the oven", a blank, "2. Mix the flour"), the last
            # one too, is no part
            after = next((x for x in lines[i + 1 : i + 1 + _BODY_REACH] if x.strip()), "")
            before = next((x for x in reversed(lines[max(0, i - _BODY_REACH) : i]) if x.strip()), "")
            heads = not _follows_in_list(line, after) and not _follows_in_list(before, line)
        # a ruled table's head named in capitals ("PARTS   Qty   Each   £" between rules): the part
        # is "PARTS", its other cells name columns
        # (not under a heading with nothing between: "REPORTED REPAIRS" over "DATE   FLAT   PROBLEM"
        # between rules names the part, and the row under it names columns)
        headed = bool(headings) and not _has_text(lines, blank, starts, headings[-1].end, start)
        label = _ruled_table_name(line) if before_blank and after_blank and not headed else None
        heads = heads or label is not None
        if not heads and before_blank and i + 1 < len(lines):
            # a form's block labels in capitals over their indented lines ("CUSTOMER" over "  Name
            # : …")
            heads = styles.blocks and _labels_indented(line, lines[i + 1])
        if not heads and not after_blank and i + 1 < len(lines):
            heads = _numbered_heading_over(line, lines[i + 1]) or _capitals_over_table(line, lines[i + 1])
        if (
            not heads
            and before_blank
            and (_capitals(line) or _capitals_led(" ".join(line.split()), _SLIP_LED_WORDS))
            and _after_cut_line(lines, i)
        ):
            # a tear-off slip's title in capitals under its cut line ("BUS PASS RENEWAL – REPLY
            # SLIP" over "Return to: …", "REPLY SLIP - please return within 7 days"): the slip is
            # its own part, not the letter's last
            heads = True
        if (
            not heads
            and before_blank
            and (not email or (_capitals(line) and len(line.split()) <= _BLOCK_LABEL_WORDS))
            and (not after_blank or i > 0)
        ):
            # a short line right over the text it heads, or (not the title) alone between blank lines
            # over a paragraph, as a PDF or a letter heads its parts in sentence case ("Paying your bill")
            body_at: int | None = (
                i + 1
                if not after_blank
                else next(
                    (k for k in range(i + 1, min(len(lines), i + 1 + _BODY_REACH)) if lines[k].strip()), None
                )
            )
            if body_at is not None and body_at < len(lines):
                body = list(itertools.takewhile(lambda x: x.strip(), lines[body_at : body_at + _BODY_REACH]))
                heads = _lead_heading_over(line, body, peers)
                leads += heads and has_body
        tight = not heads and not email and i in styles.tight
        if (before_blank or tight) and has_body and (heads or tight):
            lead = len(line) - len(line.lstrip())
            trail = len(line.rstrip())
            headings.append(Heading(label or " ".join(_unstarred(line).split()), start + lead, start + trail))
    return headings, leads


def _has_text(lines: list[str], blank: list[bool], starts: list[int], lo: int, hi: int) -> bool:
    """Whether a line between the offsets ``lo`` and ``hi`` holds text (not blank, not furniture)."""
    first = bisect.bisect_right(starts, lo)
    last = bisect.bisect_left(starts, hi)
    return any(not blank[k] for k in range(first, min(last, len(lines))))


#: The most words a block's label in capitals has ("CUSTOMER REPORTED FAULT", "MECHANIC'S NOTES").
_BLOCK_LABEL_WORDS = 5


def _labels_indented(line: str, below: str) -> bool:
    """Whether a line in capitals labels the indented lines right under it, as a job sheet or a
    form labels its blocks ("CUSTOMER" over "  Name    : Ms Priya Raman"): a few words, ending no
    sentence, set apart by no columns, over a line indented further than it."""
    s = line.strip()
    indent = len(line) - len(line.lstrip())
    qualified = _capitals_qualified(s)  # ("HIRE RATES (per hour, …)": its closing bracket ends no sentence)
    return (
        bool(below.strip())
        and len(below) - len(below.lstrip()) > indent
        and (_capitals(s) or qualified)
        and len(_ASIDE.sub("", s).split()) <= _BLOCK_LABEL_WORDS
        and (not s.endswith(_END_PUNCT) or qualified)
        and _COLUMN_GAP.search(s) is None
        and not leader_row(s)
    )


#: The most words the columns' names beside a ruled table's name have, each.
_COLUMN_NAME_WORDS = 2


#: Words that name a table's column, not a group of its rows: "DESCRIPTION   QTY   UNIT   AMOUNT"
#: is a header row, where "LABOUR   HOURS   RATE   TOTAL" names the labour's part.
_COLUMN_WORDS = frozenset(
    ["date", "dates", "description", "details", "item", "name", "qty", "quantity", "ref", "day"]
)


def _ruled_table_name(line: str) -> str | None:
    """The name a ruled table's head line gives its part: its first cell, in capitals, beside the
    names of its columns ("PARTS" of "PARTS   Qty   Each   £", "LABOUR" of "LABOUR   £"); None for
    any other line. (The caller has it stand between blank lines, or lines of furniture such as a
    rule of dashes, as a heading does.)"""
    cells = _cells(line)
    if len(cells) < 2 or not _capitals(cells[0]) or len(cells[0].split()) > _COLUMN_NAME_WORDS + 1:
        return None
    if cells[0].casefold() in _COLUMN_WORDS:
        return None
    if any(len(c.split()) > _COLUMN_NAME_WORDS or any(ch.isdigit() for ch in c) for c in cells[1:]):
        return None
    return cells[0]


#: A line to cut or tear along: scissors ("✂ - - - -"), spaced dashes or dots, or a rule that says
#: so ("---- cut here ----", "…… please detach ……").
_CUT_LINE = re.compile(
    r"[ \t]*+(?:[^✁✂✃✄\n]*+[✁✂✃✄].*|(?:[-–.·][ \t]){6,}[-–.·]?|(?:[-–.·_=][ \t]?){3,}.{0,20}?\b(?:cut|tear|detach)\b.*)",
    re.I,
)


def _after_cut_line(lines: list[str], i: int) -> bool:
    """Whether the nearest line with text above line ``i`` is a cut line (``_CUT_LINE``)."""
    above = next((x for x in reversed(lines[max(0, i - _BODY_REACH) : i]) if x.strip()), "")
    return _CUT_LINE.fullmatch(above) is not None


#: A run of blanks that sets a plain-text table's columns apart ("Sunday         10.00am").
_COLUMN_GAP = re.compile(r"\S {3,}\S")


#: How many cells a table's header row over its rule names, at least.
_HEADER_CELLS = 3


def _cells(line: str) -> list[str]:
    """A plain-text table line's cells: what runs of three blanks or more set apart."""
    return [c for c in re.split(r"\s{3,}", line.strip()) if c]


def _cells_apart(line: str) -> int:
    """How many cells runs of three blanks or more set apart in a line."""
    return len(_cells(line))


_TWO_BLANKS = re.compile(r"\S {2,}\S")


def _capitals_over_table(line: str, below: str) -> bool:
    """Whether a title in capitals stands right over a table's first line ("MEDICINES ON
    DISCHARGE" over "DRUG      DOSE      HOW OFTEN"): a few words, ending no sentence, in one
    cell, over a line of three cells or more."""
    s = line.strip()
    return (
        _capitals(s)
        and len(s.split()) <= _BLOCK_LABEL_WORDS
        and not s.endswith(_END_PUNCT)
        and _TWO_BLANKS.search(s) is None
        and _cells_apart(below) >= _HEADER_CELLS
        and not leader_row(s)
    )


#: A rule of dashes drawn a column at a time: "------------ ---------- -------".
_COLUMN_RULES = re.compile(r"[ \t]*[-=]{2,}(?:[ \t]+[-=]{2,})+[ \t]*")


def _header_over_rule(line: str, below: str) -> bool:
    """Whether a line is a plain-text table's header row over its rule, whole or a column at a
    time: three cells or more set apart by runs of blanks ("DATE        FLAT   PROBLEM      STATUS"
    over "-------…"). It names the columns of the rows under it, not a part: the part is headed
    above it ("REPORTED REPAIRS")."""
    ruled = _UNDERLINE.fullmatch(below) is not None or _COLUMN_RULES.fullmatch(below) is not None
    return ruled and _cells_apart(line) >= _HEADER_CELLS


def _unstarred(line: str) -> str:
    """A line without the runs of stars that set it off at both ends ("*** DELIVERY DAY CHANGE –
    PLEASE READ ***"), else the line. (Read with string methods, not a pattern: a long run of stars
    with no closing run made one backtrack for seconds.)"""
    s = line.strip()
    if not (s.startswith("**") and s.endswith("**")):
        return line
    inner = s.strip("*").strip()
    return inner or line


def _underlined(line: str, below: str) -> bool:
    """Whether a line is a heading its writer underlined ("Opening hours" over "-------------"),
    in sentence case or in capitals: a short line that ends no sentence and gives no amount, time
    or date (``FACT``), over a rule at least half its length. Not a table's header
    over its rule ("Day        Times" over "-----------------"): its columns are set apart by
    runs of blanks; nor "Total due £45.00" over "=====", a fact."""
    s = _unstarred(line).strip()
    rule = below.strip()
    return (
        bool(rule)
        and _UNDERLINE.fullmatch(below) is not None
        and len(rule) * 2 >= len(s)
        and 2 <= len(s) <= 80
        and not s.endswith((".", ",", ";"))
        # (a title in capitals may lead into its list: "WHEN TO GET HELP - CALL 111 IF:")
        and (not s.endswith(":") or (_capitals(s) and len(s.split()) > 1))
        and _COLUMN_GAP.search(s) is None
        and (s[0].isupper() or s[0].isdigit())
        and not FACT.search(s)
    )


#: An amount, a share, a time or a date: a line that gives one is a fact to quote ("Total due
#: £45.00", "Saturday 14 June from 12pm"), not a part's name, bold or underlined as it may be;
#: a part's number or a name's figure ("Part 2 Payment terms", "COVID-19 guidance") is no fact.
FACT = re.compile(
    r"[£$€¥%]|\d\s?(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}[:.]\d\d\b|\b\d{1,2}(?:st|nd|rd|th)?\s+"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b",
    re.I,
)


#: A bold paragraph (Word's, or a Markdown line of its own) titles what follows when it is this
#: short, one line that ends no sentence.
_TITLE_CHARS = 80
_TITLE_WORDS = 10
_TITLE_ENDS = (".", ",", ";", ":", "!", "?", "…")


def bold_title(text: str) -> bool:
    """Whether a paragraph all in bold (Word's, or a Markdown line of its own) reads as a title
    ("1. Booking and payment", "Notes"): one short line with a letter that ends no sentence and
    leads into nothing ("Please note:"), and gives no amount, time or date (``FACT``): a bold
    "Entry £2, children under 12 free" or "Saturday 14 June from 12pm" is a fact set in bold,
    which a question must find as a sentence; "Part 2 Payment terms" titles. An FAQ's bold
    question is read as one already."""
    line = text.strip()
    return (
        "\n" not in line
        and len(line) <= _TITLE_CHARS
        and len(line.split()) <= _TITLE_WORDS
        and any(c.isalpha() for c in line)
        and not line.endswith(_TITLE_ENDS)
        and not FACT.search(line)
    )


def titles_over_words(text: str, headings: list[Heading]) -> list[Heading]:
    """The headings less bold titles (``bold_title``) with no words between them and the next
    or the last heading: a run of short bold lines ("Towels", "Soap", "Slippers") is a list set in
    bold or an address, not titles."""
    titles = [h.under and not h.label.endswith("?") for h in headings]
    # whether a title runs straight into the next one, with no words between them
    into_next = [
        titles[i]
        and i + 1 < len(headings)
        and titles[i + 1]
        and not text[h.end : headings[i + 1].start].strip()
        for i, h in enumerate(headings)
    ]
    return [h for i, h in enumerate(headings) if not (into_next[i] or (i > 0 and into_next[i - 1]))]


def _has_content(text: str, start: int, end: int, skip: list[tuple[int, int]]) -> bool:
    """Whether ``text[start:end]`` holds anything but whitespace once the ``skip`` spans are cut out.

    ``skip`` is sorted and non-overlapping (as ``boilerplate_spans`` returns it): only the spans near
    ``start`` are looked at, so a document of many sections and many skip spans stays linear.
    """
    cursor = start
    for i in range(max(0, bisect.bisect_right(skip, start, key=lambda span: span[0]) - 1), len(skip)):
        s, e = skip[i]
        if s >= end:
            break
        if e <= cursor:
            continue
        if text[cursor:s].strip():
            return True
        cursor = max(cursor, e)
    return bool(text[cursor:end].strip())


def split_sections(
    doc: Document, headings: list[Heading], skip: list[tuple[int, int]] | None = None
) -> list[Section]:
    """Sections covering the document: the title's part, then one per heading up to the next one.

    A section's span starts after its heading line, so headings never become quotes; a heading
    whose part opens with a short line over it (``Heading.opens``) has that line as a section of its
    own under its label first. Consecutive
    headings with nothing between them yield empty sections, which are dropped, and so are sections
    holding nothing but ``skip`` spans (navigation boilerplate): no sentence could come from them.
    """
    skip = sorted(skip or [])
    sections: list[Section] = []
    ordered = sorted(headings, key=lambda h: h.start)
    labels = qualified_labels(ordered, doc.title)

    def opening(k: int) -> int:
        """Where the part of heading ``k`` opens: at its heading, or at the short line over it
        (``Heading.opens``) when that lies after the heading before it."""
        h = ordered[k]
        floor = ordered[k - 1].end if k else 0
        return h.opens if h.opens is not None and floor <= h.opens < h.start else h.start

    first = opening(0) if ordered else len(doc.text)
    if _has_content(doc.text, 0, first, skip):
        sections.append(Section(doc.doc_id, doc.title, 0, first, 0))
    for i, h in enumerate(ordered):
        opens = opening(i)
        if opens < h.start and _has_content(doc.text, opens, h.start, skip):
            # the line over the heading, in the heading's part (a part of its own: the heading
            # line between never becomes a quote)
            sections.append(Section(doc.doc_id, labels[i], opens, h.start, len(sections)))
        end = opening(i + 1) if i + 1 < len(ordered) else len(doc.text)
        if _has_content(doc.text, h.end, end, skip):
            sections.append(Section(doc.doc_id, labels[i], h.end, end, len(sections)))
    return sections


#: How far back a repeated heading looks for the heading it falls under.
_PARENT_REACH = 200


def qualified_labels(ordered: list[Heading], title: str = "") -> list[str]:
    """Each heading's label, named with the heading it falls under when the label alone is
    ambiguous: a label that heads several parts of one document ("Fixed" under every release of a
    changelog, "Ingredients" under every recipe) reads "3.1.1 - 2026-07-02 › Fixed". Where the
    markup gives levels, the other labels of a level that repeats are named so too ("3.1.0 -
    2026-05-20 › Security" beside "3.1.0 - 2026-05-20 › Removed").

    A heading that asks for it (``Heading.under``: an FAQ's bold question) is named so always. One
    that resumes an earlier part (``Heading.resumes``) does not count as a repeat of its label: it
    is named as that part is, by the same rule.

    The heading it falls under is the nearest one before it of a higher level where the markup says
    (Markdown, HTML), else the nearest one before it whose own label is not repeated; never the
    document's ``title``, which names every part alike (and a label under it stays as it is).
    """
    counts = Counter(h.label.casefold() for h in ordered if not h.resumes)
    repeating = {h.level for h in ordered if h.level and not h.resumes and counts[h.label.casefold()] > 1}
    labels = []
    for i, h in enumerate(ordered):
        label = h.label
        if counts[h.label.casefold()] > 1 or h.level in repeating or h.under:
            for p in reversed(ordered[max(0, i - _PARENT_REACH) : i]):
                if p.level < h.level if p.level and h.level else counts[p.label.casefold()] == 1:
                    if p.label != title:
                        label = f"{p.label} › {h.label}"
                    break
        labels.append(label)
    return labels
