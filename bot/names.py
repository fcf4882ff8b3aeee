"""Names a question uses that the documents never mention.

"What did Japan say?" asked of a text that never names Japan is about something else, however close
its meaning looks to the embedding model; "What does the Kremlin want?" of a text that says "Moscow"
is not. So a name counts as known when the documents use it, use another name for the same thing
(the indexed folder's alias table, ``index/aliases.py``: Kremlin, Moscow and Russia are one), or use a spelling one or two
letters away (users misspell names: "Stoltenburg"). The share of known names is a feature of the
abstention model, learned like the others.

The same notion of "known" tells when *no* word of a question is (``off_topic_words``): "a good
recipe for banana bread", asked of a staff handbook, is about something else entirely. Lower-case words
must be used as such (a one-letter slip from a common word is another word: "bread", "break");
names get the forgiveness above, and a long word one letter off ("warrenty") too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

from index.aliases import AliasTable

from .features import DETAIL_WORDS, PARTICIPLE
from .lexical import CODE, STOPWORDS, name_terms, raw_words, stem, terms, unpadded

#: How many words' verdicts an index remembers (``NameIndex._used``).
_REMEMBERED_TERMS = 20_000
#: How many first letters two long words must share to be of one family (``NameIndex._kin``).
KIN_PREFIX = 7
#: A size or a quality as the verb or adjective asks it and as the noun writes it, both ways, by
#: stem: "How much does it weigh?" of a data sheet's "Weight: 48 g", "What is the height of the
#: tower?" of "it stands 90 metres high".
_MEASURE_PAIRS = (
    ("weigh", "weight"),
    ("heavi", "weight"),
    ("high", "height"),
    ("tall", "height"),
    ("deep", "depth"),
    ("long", "length"),
    ("wide", "width"),
    ("broad", "breadth"),
    ("strong", "strength"),
    ("warm", "warmth"),
    ("hot", "heat"),
    # "How old was she?" of an obituary's "aged 88"
    ("old", "age"),
)
_MEASURE_KIN = {
    word: tuple(b if a == word else a for a, b in _MEASURE_PAIRS if word in (a, b))
    for word in {w for pair in _MEASURE_PAIRS for w in pair}
}
#: A word as the question writes it, codes whole ("E04", "A4"), for the off-topic reason's list.
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_HOW_MUCH = re.compile(r"\bhow\s+(much|many)\b", re.I)
_HOW_WHAT = re.compile(r"\bhow\s+([a-z]+)\b", re.I)
#: Verbs any question may ask with, whatever it is about ("What goes in…", "When is it done?",
#: "How long does it take?"), verbs of saying ("What did NATO write?") and words that only frame
#: ("Is it still working?", "Is smoking allowed?"): never a topic, used by the documents or not
#: (``beyond_titles``).
_ASKING_VERB_WORDS = (
    "long much many go goes going gone went do does did done get gets got make makes made happen "
    "happens mean means work works working need needs use used say says said tell take takes give "
    "put come keep find know want see look let try write wrote written state states stated mention "
    "mentions still ever now nowadays currently already really just actually exactly usually normally generally "
    "possible able allowed ok okay last lasts lasted"  # "How long did the outage last?"
)
_ASKING_VERBS = frozenset(stem(w) for w in _ASKING_VERB_WORDS.split())
#: Nouns that frame what is asked ("On what date…", "What kind of…") and words for the text itself
#: ("What was NATO's reply?", "What does the letter say?"): a text need not write them to answer,
#: but one that does uses them as its own ("the leave year").
_FRAME_NOUN_WORDS = (
    "date time day year month name place number address amount kind type way reason thing things reply "
    "replies response responses answer answers letter document documents text paper report "
    "article statement draft note notes memo page file copy version section chapter part message "
    # and the asker's own day, an adverb: "I can't make my shift tomorrow" asks about the shift (a
    # rota of weekdays then answers with some day's row: the bot cannot tell which day tomorrow is)
    "today tomorrow tonight yesterday"
)
_FRAME_NOUNS = frozenset(stem(w) for w in _FRAME_NOUN_WORDS.split())
#: Where a question's word can only be its verb, whose paraphrase any text may write ("Who can join
#: the club?" of a constitution's "Membership is open to…"): after a pronoun ("Can I *join*"), after
#: "who" and a modal ("Who may *vote*"), and last after "did/does/do" or as a participle after
#: "was/were/is/are" ("When did the mill *close*?", "When was the lighthouse *erected*?").
_SUBJECT = (
    r"(?:(?:the|a|an|my|your|our|their|its|his|her|this|that)\s+)?"
    r"(?:(?!(?:about|of|for|in|on|to|with|at|from|by|into|over|under|after|before)\b)[\w'’-]+\s+){1,3}"
)
# Separate patterns, each searched on its own: as one alternation, "how do I quit the club" matched
# the subject-then-last-word form from the start, and "I *quit*" was never seen.
_VERB_SLOTS = tuple(
    re.compile(p, re.I)
    for p in (
        # a pronoun as the subject, not after "is" ("Is she British?")
        r"(?<!\bis\s)(?<!\bam\s)(?<!\bare\s)(?<!\bwas\s)(?<!\bwere\s)\b(?:i|you|we|they|he|she)\s+([a-z]+)\b",
        r"\bwho\s+(?:can|could|may|might|must|shall|should|will|would)\s+([a-z]+)\b",
        # the last word right after a subject of one to three words ("When did the mill close?",
        # "When did the Pebble CLI launch?"; not "What does the school say about parking?")
        rf"^\W*\w+\s+(?:do|does|did)\s+{_SUBJECT}([a-z]+)\W*$",
        rf"^\W*\w+\s+(?:is|are|was|were|has|have|had)\s+{_SUBJECT}({PARTICIPLE})\W*$",
    )
)


@dataclass(frozen=True)
class _Word:
    """A word of a question, read once for every check: as written, lower-cased, without its
    "'s", stemmed; a code's letters and digits apart ("E04")."""

    written: str
    lower: str
    base: str
    term: str
    capital: bool
    parts: tuple[str, ...] = ()


@lru_cache(maxsize=1024)
def _read(question: str) -> tuple[_Word, ...]:
    """The question's words, once each, in order (``_Word``)."""
    out = []
    for written in dict.fromkeys(w.replace("’", "'") for w in _WORD.findall(question)):
        parts = raw_words(written)
        if not parts:
            continue  # a footnote's figure alone ("¹"): no word
        if len(parts) > 1:
            out.append(_Word(written, written.lower(), written.lower(), "", False, tuple(parts)))
            continue
        word = parts[0]
        lower = word.lower()
        base = lower[:-2] if lower.endswith("'s") else lower
        # a number as the index counts it: "0830" is the "830" of "Briefing at 0830"
        out.append(_Word(word, lower, base, stem(unpadded(base)), word[:1].isupper()))
    return tuple(out)


def _within(a: str, b: str, limit: int) -> bool:
    """Whether ``a`` and ``b`` are at most ``limit`` edits apart, a swap of two neighbouring
    letters counting as one ("Beriod" for "Beroid"); stops early once every path is over."""
    if abs(len(a) - len(b)) > limit:
        return False
    before: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], before[j - 2] + 1)
        if min(cur) > limit:
            return False
        before, prev = prev, cur
    return prev[-1] <= limit


def _frames_or_kinds(term: str) -> bool:
    """Whether a question's word (its stem) only frames what is asked ("date", "number", "reply") or
    names a contact detail's kind ("phone", "email"): the documents need not write it to answer."""
    return term in _FRAME_NOUNS or term in DETAIL_WORDS


class NameIndex:
    """Which names one index knows, from its term vocabulary (no extra pass over the text).

    ``term_docs`` (built only when asked for: a term -> the documents that use it) lets a question
    be read with some documents hidden, as ``eval --near-misses`` and training hide a question's
    own paragraph: a name only that paragraph uses is then unknown, as it is to a bot whose
    documents never had it. Without it, hidden documents would still lend their names.
    """

    def __init__(
        self,
        vocab: Collection[str],
        aliases: AliasTable = (),
        term_docs: Callable[[], Mapping[str, Collection[str]]] | None = None,
    ) -> None:
        self.vocab = vocab
        self._term_docs = term_docs
        #: Terms of every alias group the documents mention under at least one of its names.
        self.alias_terms: set[str] = set()
        for _, names in aliases:
            forms = [terms(n) for n in names]
            if any(f and all(t in vocab for t in f) for f in forms):
                self.alias_terms.update(t for f in forms if len(f) == 1 for t in f)
        #: Terms by their first two letters: a misspelling rarely starts wrong.
        self._by_prefix: dict[str, list[str]] = {}
        for t in vocab:
            self._by_prefix.setdefault(t[:2], []).append(t)
        self.known = lru_cache(maxsize=4096)(self._known)
        self._used = lru_cache(maxsize=_REMEMBERED_TERMS)(self._is_used)

    def _spellings(self, term: str, limit: int | None = None) -> Iterator[str]:
        """The documents' terms ``term`` may be a misspelling of: ``limit`` letters off, or by its
        length: short names must match exactly ("OPEC" is not "open"), longer ones may be 1-2 off."""
        if limit is None:
            limit = 0 if len(term) <= 4 else 1 if len(term) <= 7 else 2
        if limit:
            yield from (t for t in self._by_prefix.get(term[:2], ()) if _within(term, t, limit))

    def _known(self, term: str) -> bool:
        if term in self.vocab or term in self.alias_terms:
            return True
        return next(self._spellings(term), None) is not None

    def off_topic_words(self, question: str) -> tuple[str, ...]:
        """The question's content words (lower-cased, once each, in order) when the documents use
        none of them, else (); a capitalised word counts as used when it is a known name (alias,
        misspelling). A question of stop words only ("What is it?") gives (), and so do frame nouns and
        words of a contact detail's kind ("What's the phone number?"), which decide nothing here."""
        out: list[str] = []
        # "much" and "many" of "how much" / "how many" ask, they name nothing
        asked = {m.group(1).lower() for m in _HOW_MUCH.finditer(question)}
        for w in _read(question):
            if w.lower in asked or w.lower in STOPWORDS or w.base in out:
                continue
            if not w.parts and _frames_or_kinds(w.term):
                # "What's the phone number?" of a page that writes "call us on 0113 496 0721" and
                # never "phone": the form of the answer, not its words, says the documents know it
                # (the contact check then looks for a number); nor is a frame noun ever off topic
                continue
            if w.parts:  # a code ("E04") is its letters and its digits, read apart
                if any(stem(unpadded(p.lower())) in self.vocab for p in w.parts):
                    return ()
            elif self._uses(w):
                return ()
            out.append(w.base)
        return tuple(out)

    def beyond_titles(self, question: str, titles: Collection[str]) -> tuple[str, ...]:
        """The question's content words the documents never use (lower-cased, in order), when every
        word they do use only names a document (a term of a title, ``titles``): "What is the licence
        of Pebble?" of Pebble's install guide, "When is the school play?" of a school's newsletter.
        The question names the document and asks about something it never mentions. Else (), and ()
        too when no word names a document (that is ``off_topic_words``). Verbs any question asks with
        ("goes", "done", "take") are passed over; frame nouns ("year", "date", "reply"), words the
        form of an answer gives ("email": an address) and words where only a verb can stand
        (``_VERB_SLOTS``: "Who can *join*…") are never unmentioned, but count as used when the
        documents use them ("Can I *leave* the drill…" of a text that says "leave")."""
        out: list[str] = []
        names_one = False
        # The word after "how" asks, whatever it is: "how much", "how tall", "how far", "how often".
        asked = {m.group(1).lower() for m in _HOW_WHAT.finditer(question)}
        verbs = {v.lower() for p in _VERB_SLOTS for m in p.finditer(question) for v in m.groups() if v}
        for w in _read(question):
            if w.parts or w.lower in STOPWORDS or w.lower in asked or w.term in _ASKING_VERBS:
                continue  # a code ("E04"): the numbers check reads it
            if w.term in titles:
                names_one = True
            elif self._uses(w):
                return ()  # a word of the documents' own, a frame noun too ("the leave year")
            elif not _frames_or_kinds(w.term) and w.lower not in verbs and w.base not in out:
                out.append(w.base)
        return tuple(out) if names_one else ()

    def slips(self, question: str) -> tuple[str, ...]:
        """The question's lower-case words the documents use only one letter off (as written): what
        a refusal points at, so the asker can check the spelling."""
        return tuple(
            w.written
            for w in _read(question)
            if not w.parts
            and not w.capital
            and w.term not in self.vocab
            and not self._other_number(w)
            and not self._kin(w.term)
            and self._slip(w.term)
        )

    def _is_used(self, capital: bool, term: str) -> bool:
        """Whether the documents use a word (``term``, its stem; ``capital``: written with a capital):
        as it is, as a known name (alias, misspelling), as a word of its family (``_kin``), as a
        slip (``_slip``) or as the start of a compound (``_compound``). Remembered per term
        (``_used``)."""
        return (
            term in self.vocab
            or (capital and self.known(term))
            or any(t in self.vocab for t in _MEASURE_KIN.get(term, ()))
            or self._kin(term)
            or self._slip(term)
            or self._compound(term)
        )

    def _uses(self, w: _Word) -> bool:
        """Whether the documents use a question's word (``_is_used``), or its singular or plural
        where the stemmer tells them apart: it keeps the "e" of a plural in "-ses" or "-zes" that a
        short word's singular lacks ("buses" → "buse", "bus" → "bus"; "gases"), so "Which buses go
        to the museum?" was told the documents never mention buses beside "Bus routes 22 and 47".
        Only a plural so written: "use" is no plural of "us". A "-man" word and its "-men" plural
        are one word too ("sidesman" and "Sidesmen", "chairmen" and "chairman")."""
        return self._used(w.capital, w.term) or self._other_number(w)

    def _other_number(self, w: _Word) -> bool:
        """Whether the documents use the word's singular or plural where the stemmer keeps them
        apart ("buses" and "bus", "sidesman" and "Sidesmen"): the same word, no slip of spelling."""
        t = w.term
        if t.endswith(("man", "men")) and len(t) > 4:
            return t[:-2] + ("en" if t.endswith("man") else "an") in self.vocab
        if w.lower.endswith(("ses", "zes")) and t.endswith("e"):
            return len(t) > 3 and t[:-1] in self.vocab
        return t.endswith(("s", "z")) and t + "e" in self.vocab

    def _compound(self, term: str) -> bool:
        """Whether the documents use a word that starts with this one and goes on with another
        ("sun" in "sunlight", "car" in "carpark"): the word is theirs, as part of a compound."""
        return len(term) >= 3 and any(
            t.startswith(term) and len(t) - len(term) >= 4 for t in self._by_prefix.get(term[:2], ())
        )

    def _slip(self, term: str) -> bool:
        """A long word one letter off a word of the documents ("warrenty" for "warranty"); a short
        word one letter off is another word ("bread", "break")."""
        return len(term) >= KIN_PREFIX and next(self._spellings(term, 1), None) is not None

    def _kin(self, term: str) -> bool:
        """Whether the documents use a word of the same family: one that shares the first
        ``KIN_PREFIX`` letters of a long word, which the stemmer did not bring together
        ("plagiarise" and "Plagiarism", "organiser" and "organisation")."""
        if len(term) < KIN_PREFIX:
            return False
        head = term[:KIN_PREFIX]
        return any(t.startswith(head) for t in self._by_prefix.get(term[:2], ()))

    def documents_using(
        self, owner: Collection[str], hidden: Collection[str] = frozenset()
    ) -> frozenset[str]:
        """The documents outside ``hidden`` that use any of the terms ``owner`` (whose detail a
        question asks for, ``Focus.whose``), in their text or their headings."""
        if self._term_docs is None:
            raise ValueError("this name index cannot tell documents apart (built without term_docs)")
        docs = self._term_docs()
        return frozenset(d for t in owner for d in docs.get(t, ()) if d not in hidden)

    def _visible(self, term: str, hidden: Collection[str]) -> bool:
        """Whether a document outside ``hidden`` uses ``term`` (or a misspelling of it, as ``known``)."""
        if self._term_docs is None:
            raise ValueError("this name index cannot hide documents (built without term_docs)")
        docs = self._term_docs()
        return term in self.alias_terms or any(
            d not in hidden for t in chain([term], self._spellings(term)) for d in docs.get(t, ())
        )

    def known_share(self, question: str, hidden: Collection[str] = frozenset()) -> float:
        """Share of the question's names (capitalised words that are not stop words) the documents
        outside ``hidden`` know; 1.0 when it names nothing."""
        # a code ("U12", "F28") is read by the numbers check, which knows "U12" is "Under-12s"
        names = name_terms(
            [p for w in _WORD.findall(question) if not CODE.fullmatch(w) for p in raw_words(w)]
        )
        if not names:
            return 1.0
        if hidden:
            return sum(1 for t in names if self.known(t) and self._visible(t, hidden)) / len(names)
        return sum(1 for t in names if self.known(t)) / len(names)
