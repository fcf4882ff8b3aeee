"""Acronyms a question writes that the documents only spell out: "What happens at the AGM?" of
minutes that say "the annual general meeting".

An acronym the documents never write is a name they never mention, to every other signal: the
search finds nothing by its letters, and the abstention model counts it as unknown. So before the
search, such an acronym is replaced by the phrase it stands for, when the documents write exactly
one such phrase (or one more often than any other, and at least twice): words of three letters or
more whose first letters spell it, with "of", "and", "the", "for" allowed between them ("Parent
Teacher Association", "Department for Education"). A large text writes many runs of words that
happen to start with A, G and M once each; it rarely repeats one, so an acronym with no clear
phrase stays as written. Acronyms of two letters ("HR", "IT") are too easily met by chance, and
are left alone.

A quarter or a half of a year written short ("Q4", "H1") is spelled out the same way, as reports
and news write it in words ("the fourth quarter"), when the documents write it so and never as
the code.
"""

from __future__ import annotations

import re
from collections import Counter, OrderedDict
from collections.abc import Collection, Mapping
from functools import lru_cache

from .labels import PERIOD, period_words
from .lexical import STOPWORDS, stem

#: An acronym as a question writes it: three to six capitals, perhaps a plural "s" ("AGMs").
_ACRONYM = re.compile(r"(?<![\w&.-])([A-Z]{3,6})s?(?![\w&-])")
#: Acronyms whose phrases are remembered, the most recent.
_REMEMBERED = 256
#: Small words a phrase may hold without a letter of its own.
_JOINERS = r"(?:of|and|the|for|&)"


@lru_cache(maxsize=256)
def _phrase_pattern(letters: str) -> re.Pattern[str]:
    """Consecutive words of three letters or more starting with ``letters`` in order, small words allowed between."""
    words = [rf"[{c}{c.lower()}][^\W\d_]{{2,}}" for c in letters]
    gap = rf"[ \t\-]+(?:{_JOINERS}[ \t]+)?"
    return re.compile(r"(?<![\w-])" + gap.join(words) + r"(?![\w-])")


class Acronyms:
    """Spells out a question's acronyms from one index's texts. ``vocab``: the terms the documents
    use (an acronym they write is theirs, not one to spell out)."""

    def __init__(self, texts: Mapping[str, str], vocab: Collection[str]) -> None:
        self._texts = texts
        self._vocab = vocab
        #: Per acronym: each phrase that spells it and the documents that write it, how often. A scan
        #: reads every text (~20 ms a megabyte), so it is made once per acronym, whatever is hidden.
        self._seen: OrderedDict[str, dict[str, Counter[str]]] = OrderedDict()
        #: Per quarter or half written short ("q4"): whether the documents write it in words only.
        self._periods: dict[str, bool] = {}

    def _phrases(self, acronym: str) -> dict[str, Counter[str]]:
        found = self._seen.get(acronym)
        if found is None:
            found = {}
            pattern = _phrase_pattern(acronym)
            for doc_id, text in self._texts.items():
                for m in pattern.finditer(text):
                    found.setdefault(" ".join(m.group(0).lower().split()), Counter())[doc_id] += 1
            self._seen[acronym] = found
            if len(self._seen) > _REMEMBERED:
                self._seen.popitem(last=False)
        else:
            self._seen.move_to_end(acronym)
        return found

    def phrase(self, acronym: str, hidden: Collection[str] = frozenset()) -> str | None:
        """The phrase the documents (outside ``hidden``) spell ``acronym`` with, lower-cased, or None."""
        seen = Counter(
            {
                p: sum(n for d, n in docs.items() if d not in hidden)
                for p, docs in self._phrases(acronym).items()
            }
        )
        ranked = [(p, n) for p, n in seen.most_common(2) if n]
        if not ranked:
            return None
        if len(ranked) == 1 or (ranked[0][1] >= 2 and ranked[0][1] > ranked[1][1]):
            return ranked[0][0]
        return None

    def spell_out(self, question: str, hidden: Collection[str] = frozenset()) -> str:
        """``question`` with each acronym the documents never write replaced by their phrase for it.
        A question in capitals throughout ("WHEN IS THE AGM?") is left as written: its words are no
        acronyms."""
        if not any(c.islower() for c in question):
            return question

        def replace(m: re.Match[str]) -> str:
            letters = m.group(1)
            if letters.lower() in STOPWORDS or stem(letters.lower()) in self._vocab:
                return m.group(0)
            return self.phrase(letters, hidden) or m.group(0)

        return self.spell_periods(_ACRONYM.sub(replace, question))

    def spell_periods(self, question: str) -> str:
        """``question`` with each quarter or half written short ("Q4") in words ("fourth quarter"),
        when the documents write it in words ("the fourth quarter", "fourth-quarter") and never as
        the code: the code is then no number they never mention (``bot.numbers``). Documents that
        write "Q4" are searched for "Q4"; documents that write neither keep it unknown."""

        def spell(m: re.Match[str]) -> str:
            words = " ".join(period_words(m.group(1)))
            return words if self._in_words_only(m.group(0), words) else m.group(0)

        return PERIOD.sub(spell, question)

    def _in_words_only(self, code: str, words: str) -> bool:
        """Whether the documents write ``words`` ("fourth quarter") and never ``code`` ("Q4")."""
        key = code.lower()
        if key not in self._periods:
            as_code = re.compile(rf"(?<![\w&.-]){re.escape(code)}(?![\w&-])", re.I)
            ordinal, noun = words.split()
            as_words = re.compile(rf"\b{ordinal}[\s-]+{noun}\b", re.I)
            texts = self._texts.values()
            self._periods[key] = not any(as_code.search(t) for t in texts) and any(
                as_words.search(t) for t in texts
            )
        return self._periods[key]
