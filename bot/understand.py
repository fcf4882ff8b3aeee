"""Understand a question before searching: clean it, find the sources it names, the kind of answer it
wants, and, for a follow-up, the standalone question it stands for.

Section labels are matched by their distinctive words ("NATO" in "NATO Response"), and by other
names of the same thing ("Washington" for the U.S., "the Alliance" for NATO) when the indexed folder
has an alias table beside its documents (``index/aliases.py``). Without one, labels are matched by
their own words alone.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from index.aliases import AliasTable

from .errors import BadQuestionError
from .features import PERSON, answer_type
from .lexical import STOPWORDS, terms
from .models import Turn

_GENERIC = frozenset(
    [
        "response",
        "responses",
        "reply",
        "replies",
        "answer",
        "answers",
        "section",
        "part",
        "chapter",
        "letter",
        "document",
        "documents",
        "statement",
        "text",
        "proposal",
        "proposals",
        "position",
        "view",
        "the",
        "a",
        "an",
        "of",
        "on",
        "to",
        "and",
        "s",
    ]
)
_SOURCE_CUES = r"(?:response|replies|reply|answer|letter|document|text|side|proposal|paper|draft|position|say|says|said|propose|proposes|offer|offers|want|wants|think|state|states|write|writes|mention|mentions)"
#: A question about several sources: "compare", "differ", "the two responses", and "both", "each"
#: or "either" when they stand for the sources ("both responses", "each of the three reports",
#: "what do they each say", "do both agree"). "each team", "both sides of the paper" or "both
#: ibuprofen and paracetamol" ask about one passage.
_SEVERAL_CUES = rf"(?:{_SOURCE_CUES}|report|article|e-?mail|memo|contract|polic(?:y|ie)|version|source|study|studie|agree|disagree)"
_BOTH = re.compile(
    r"\b(?:compare|comparison|differ|difference|versus|vs\.?"
    rf"|(?:two|three|four) {_SEVERAL_CUES}s(?!\s+of\b)"
    r"|(?:both|each|either)(?:\s+of)?(?:\s+(?:the|them|these|those))?(?:\s+(?:two|three|four))?"
    # not a cue that names a kind of thing: "each study session", "either email address"
    rf"\s+{_SEVERAL_CUES}s?(?!\s+(?:of|address|card|session|holder|worker|file|number|account|form|template)\b)"
    r"|(?:both|each|either) of (?:them|these|those)"
    r")\b",
    re.I,
)
_FOLLOW_UP = re.compile(
    r"^(?:and|but|also|what about|how about|and what about|what else|anything else|same for|and the|and for)\b",
    re.I,
)
#: Words that point back at the conversation: "what does it say…", "why did they…", "is that so?".
#: "this", "that", "these" and "those" count only as the last word ("why is that?"), since before a
#: noun ("this year", "that treaty") they name something themselves.
_POINTS_BACK = re.compile(
    r"\b(?:it|its|they|them|their|theirs)\b|\b(?:this|that|these|those)\W*$",
    re.I,
)
#: "He", "she" and their forms point back only to someone the question before names: after "When
#: was version 3.1.0 released?", "How much was she paid?" starts a topic of its own.
_POINTS_TO_SOMEONE = re.compile(r"\b(?:he|him|his|she|her|hers)\b", re.I)
#: Someone a question names: a capitalised word after its first ("When did Margaret start?"; not
#: "Python 3.13"), or a role or a kind of person ("What did the chair say?": ``features.PERSON``,
#: less the places and bodies it also lists).
_CAPITALISED_AFTER_FIRST = re.compile(r"(?<=\s)[A-Z][a-z]\w*\b(?!\s+\d)")
_NO_ONE = frozenset(
    ["office", "team", "department", "reception", "helpdesk", "agency", "council", "committee"]
)
#: How many words of the previous search a follow-up borrows: about three questions' worth.
FRAME_WORDS = 24
_ELLIPSIS = re.compile(r"^\s*(?:\.\.\.|…)|(?:\.\.\.|…)\W*$")
#: Control and invisible characters, and lone surrogates (undecodable bytes from a terminal).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")


def clean_question(text: str, max_chars: int) -> str:
    """Normalise a question; refuse one that is empty or too long, with a message that says why."""
    text = unicodedata.normalize("NFC", text or "")
    text = _CONTROL.sub(" ", text)
    text = " ".join(text.split())
    if not text:
        raise BadQuestionError("the question is empty; type a question about the documents")
    if len(text) > max_chars:
        raise BadQuestionError(
            f"the question is {len(text):,} characters long; the limit is {max_chars:,}. "
            "Ask about one thing at a time."
        )
    if not any(ch.isalnum() for ch in text):
        raise BadQuestionError("the question has no words in it; type a question about the documents")
    return text


@lru_cache(maxsize=1024)
def _label_forms(label: str, aliases: AliasTable) -> tuple[str, ...]:
    """Ways a question may name the source behind a section label, longest first."""
    forms: list[str] = []
    for tok in re.findall(r"[A-Za-z][A-Za-z.’'&-]*", label):
        bare = tok.strip(".’'").lower()
        if not bare or bare.replace(".", "") in _GENERIC or len(bare.replace(".", "")) < 2:
            continue
        if bare in STOPWORDS and not tok.isupper():
            # "How to take it" is not named by every "how" ("How should I store the tablets?");
            # an abbreviation ("U.S.", "US") is a name whatever its letters spell.
            continue
        forms.append(tok.strip("’'"))
        key = tok.replace(".", "").upper()
        for alias_key, names in aliases:
            if key == alias_key or tok.lower() in (n.lower() for n in names):
                forms.extend(names)
                forms.append(alias_key)
    return tuple(sorted(set(forms), key=len, reverse=True))


@lru_cache(maxsize=4096)
def _form_pattern(form: str) -> re.Pattern[str]:
    esc = re.escape(form)
    # Upper-case forms ("US", "NATO") must match in upper case, so the pronoun "us" is not the U.S.
    flags = 0 if form.isupper() or "." in form else re.I
    return re.compile(rf"(?<![\w.]){esc}(?![\w])", flags)


@dataclass(frozen=True)
class Sources:
    """The sources of one index (its section labels) and the other names a question may use for
    them (the indexed folder's alias table, ``index/aliases.py``; empty without one)."""

    labels: tuple[str, ...]
    aliases: AliasTable = ()


@dataclass
class Understood:
    question: str
    search_query: str
    #: Sections the question is about (soft preference) or restricted to (explicit ``source=``).
    sources: list[str] = field(default_factory=list)
    explicit_source: bool = False
    answer_type: str | None = None
    wants_both: bool = False
    follow_up: bool = False
    #: A follow-up's own topic ("What about the Christmas tree?" after a question on extra bags):
    #: the terms it writes itself, sources aside. The previous question lends its frame to the
    #: search; the answer must be about this (``bot.ranker.rank``). Empty for other questions.
    own_terms: tuple[str, ...] = ()


def _content_size(label: str) -> int:
    return len(
        [t for t in re.findall(r"[A-Za-z][A-Za-z.’'&-]*", label) if t.strip(".’'").lower() not in _GENERIC]
    )


@lru_cache(maxsize=256)
def _routing_forms(sources: Sources) -> dict[str, tuple[str, ...]]:
    """Forms per label, for short labels only (a long title names many things); a form shared by
    several labels belongs to the shortest one ("NATO" to "NATO Response", not to a long title)."""
    owner: dict[str, str] = {}
    for label in sorted(sources.labels, key=_content_size):
        if _content_size(label) > 4:
            continue
        for form in _label_forms(label, sources.aliases):
            owner.setdefault(form, label)
    out: dict[str, list[str]] = {}
    for form, label in owner.items():
        out.setdefault(label, []).append(form)
    return {k: tuple(v) for k, v in out.items()}


def named_sections(question: str, sources: Sources) -> tuple[list[str], bool]:
    """Sections whose source the question names, strongest mentions first; and whether it asks for both."""
    strong: list[str] = []
    weak: list[str] = []
    # Where in the question each strong mention stands: two sections named by one word ("do the
    # *bin* men come" of "Report a missed bin" and "Bin collections") are not two sources asked about.
    strong_at: dict[str, set[int]] = {}
    forms_of = _routing_forms(sources)
    for label in sources.labels:
        best = 0
        for form in forms_of.get(label, ()):
            for m in _form_pattern(form).finditer(question):
                after = question[m.end() : m.end() + 30]
                before = question[max(0, m.start() - 25) : m.start()]
                if re.match(rf"^(?:['’]s)?\s+(?:\w+\s+)?{_SOURCE_CUES}s?\b", after, re.I) or re.search(
                    r"\b(?:does|did|do|from|by|in|per|according to)\s+(?:the\s+)?$", before, re.I
                ):
                    best = max(best, 2)
                    strong_at.setdefault(label, set()).add(m.start())
                else:
                    best = max(best, 1)
        if best == 2:
            strong.append(label)
        elif best == 1:
            weak.append(label)
    wants_both = bool(_BOTH.search(question))
    if wants_both and len(strong) + len(weak) >= 2:
        return strong + weak, True
    # "What do the U.S. and NATO documents say…": about each, when two of them are named apart
    named_apart = any(a.isdisjoint(b) for a, b in itertools.combinations(strong_at.values(), 2))
    if len(strong) >= 2 and named_apart:
        return strong, True
    return (strong or weak), wants_both


def resolve_sources(requested: str | None, sources: Sources) -> list[str]:
    """Section labels matching an explicit ``--source`` value ("NATO", "US", "U.S. Response")."""
    if not requested:
        return []
    labels = sources.labels
    want = requested.strip()
    exact = [lab for lab in labels if lab.lower() == want.lower()]
    if exact:
        return exact
    key = want.casefold().replace(".", "")
    forms_of = _routing_forms(sources)
    by_form = [
        lab for lab in labels if any(f.casefold().replace(".", "") == key for f in forms_of.get(lab, ()))
    ]
    if by_form:
        return by_form
    found, _ = named_sections(want + " response", sources)
    if found:
        return found
    loose = [lab for lab in labels if key in lab.casefold().replace(".", "")]
    short = [lab for lab in loose if _content_size(lab) <= 4]
    return short or loose


def _strip_sources(text: str, sources: Sources) -> str:
    """``text`` without the words that name a source."""
    return _replace_sources(text, sources, " ")


def _source_spans(text: str, labels: tuple[str, ...], sources: Sources) -> list[tuple[int, int]]:
    """Where ``text`` names any of ``labels``, runs of neighbouring names merged ("the U.S."; "litter
    pick"), in order."""
    spans = sorted(
        m.span()
        for label in labels
        for form in _label_forms(label, sources.aliases)
        for m in _form_pattern(form).finditer(text)
    )
    merged: list[tuple[int, int]] = []
    for a, z in spans:
        if merged and not text[merged[-1][1] : a].strip():
            merged[-1] = (merged[-1][0], max(merged[-1][1], z))
        else:
            merged.append((a, z))
    return merged


def _mention(question: str, label: str, sources: Sources) -> str | None:
    """How ``question`` names the source ``label``, as written, with its article ("NATO", "the
    U.S.", "the Alliance")."""
    spans = _source_spans(question, (label,), sources)
    if not spans:
        return None
    start = spans[0][0]
    if question[max(0, start - 4) : start].lower() == "the ":
        start -= 4
    return question[start : spans[-1][1]]


def _swap_sources(text: str, sources: Sources, mention: str | None) -> str:
    """``text`` with each name of a source replaced by ``mention`` ("What does the U.S. response
    say…" → "What does the NATO response say…"), or, without one, with those names gone and any
    question left with no topic dropped ("When is the litter pick?": "When is the ?")."""
    kept = []
    for part in re.findall(r"[^?]+\??", text):
        swapped = _replace_sources(part, sources, mention or " ")
        if mention or terms(swapped):
            kept.append(swapped)
    return " ".join(kept)


def _replace_sources(text: str, sources: Sources, by: str) -> str:
    """``text`` with each run of words naming a source replaced by ``by``, blanks collapsed; an
    article ``by`` brings is not written twice ("the" + "the U.S." → "the U.S.")."""
    out, pos = [], 0
    for a, z in _source_spans(text, sources.labels, sources):
        lead = text[pos:a]
        doubled = by[:4].lower() == "the " and lead[-4:].lower() == "the "
        out.append(lead + (by[4:] if doubled else by))
        pos = z
    return " ".join(("".join(out) + text[pos:]).split())


def is_follow_up(question: str, sources: Sources, previous: str | None = None) -> bool:
    """Whether a question leans on the one before it (``previous``, as searched, when known), read
    from real cues only: a lead-in ("and…", "what about…"), an ellipsis, no topic of its own ("What
    does NATO say?", "Why?"; not "When is choir?", which asks a detail of the source it names), or
    a pronoun pointing back in a question of at most two topic words ("what does it say about
    Ukraine?"; not "When can my puppy have its first groom?", whose "its" is the puppy; "he" or
    "she" only to someone ``previous`` names). A short question with a topic ("Ukraine") stands
    alone: it is searched as asked, never silently merged with the previous one."""
    if _FOLLOW_UP.match(question) or _ELLIPSIS.search(question):
        return True
    topic = terms(_strip_sources(question, sources))
    # A pronoun points back only in a question with little topic of its own: "its" in "What does
    # NATO say about its open door policy?" is the question's own NATO.
    if not topic:
        # "What does NATO say?" asks the question before of another source; "When is choir?" (of
        # a choir's welcome pack) asks a detail of its own of the document its word names
        return not (terms(question) and answer_type(question) is not None)
    if len(topic) > 2:
        return False
    back = _POINTS_BACK.search(question)
    # ... unless the question names what it points to before it: "When can my puppy have its first
    # groom?" is about the puppy, not about the question before
    if back is not None and terms(_strip_sources(question[: back.start()], sources)):
        back = None
    return back is not None or (
        bool(_POINTS_TO_SOMEONE.search(question)) and (previous is None or _names_someone(previous))
    )


def _names_someone(question: str) -> bool:
    return bool(_CAPITALISED_AFTER_FIRST.search(question)) or any(
        m.group(0).lower() not in _NO_ONE for m in PERSON.finditer(question)
    )


def understand(
    question: str,
    sources: Sources,
    history: list[Turn] | None = None,
    source: str | None = None,
    max_chars: int = 2000,
) -> Understood:
    q = clean_question(question, max_chars)
    explicit = resolve_sources(source, sources) if source else []
    if source and not explicit:
        raise BadQuestionError(
            f"no source matches '{source}'; sources in this index: {', '.join(sources.labels) or 'none'}"
        )
    named, both = named_sections(q, sources)
    search = q
    follow = False
    own: tuple[str, ...] = ()
    if history:
        prev = history[-1]
        frame = prev.search_query or prev.question
        if is_follow_up(q, sources, frame):
            follow = True
            own = tuple(dict.fromkeys(terms(_strip_sources(q, sources))))
            if named:
                # The follow-up names its own source: the previous one's words would pull the search
                # back. Asked of one other source and nothing else ("and what does NATO say?" after
                # the U.S. response), it is the same question with the source changed; with a topic
                # of its own, the earlier questions lose their source words. Otherwise those words
                # are its topic as much as its source ("When is the litter pick?" of "4. Autumn
                # litter pick") and stay.
                mention = _mention(q, named[0], sources) if len(named) == 1 and not own else None
                frame = _swap_sources(frame, sources, mention)
            # The most recent questions come first: a long run of follow-ups keeps its last few.
            search = f"{q} {' '.join(frame.split()[:FRAME_WORDS])}"
            if not named and not explicit:
                named = list(prev.sources)
            elif named and not explicit and set(named) != set(prev.sources):
                # "and what does NATO say?": the same question, asked of that source only.
                explicit = list(named)
    return Understood(
        question=q,
        search_query=search,
        sources=explicit or named,
        explicit_source=bool(explicit),
        answer_type=answer_type(q),
        wants_both=both or len(explicit) >= 2,
        follow_up=follow,
        own_terms=own,
    )
