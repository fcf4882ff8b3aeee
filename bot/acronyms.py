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
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Mapping
from functools import lru_cache

from .lexical import stem

#: An acronym as a question writes it: three to six capitals, perhaps a plural "s" ("AGMs").
_ACRONYM = re.compile(r"(?<![\w&.-])([A-Z]{3,6})s?(?![\w&-])")
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
        #: Phrases found, by acronym and hidden documents: a scan reads every text (~20 ms a megabyte).
        self._found: dict[tuple[str, frozenset[str]], str | None] = {}

    def phrase(self, acronym: str, hidden: Collection[str] = frozenset()) -> str | None:
        """The phrase the documents (outside ``hidden``) spell ``acronym`` with, lower-cased, or None."""
        key = (acronym, frozenset(hidden))
        if key not in self._found:
            self._found[key] = self._scan(acronym, key[1])
        return self._found[key]

    def _scan(self, acronym: str, hidden: frozenset[str]) -> str | None:
        pattern = _phrase_pattern(acronym)
        seen: Counter[str] = Counter()
        for doc_id, text in self._texts.items():
            if doc_id not in hidden:
                seen.update(" ".join(m.group(0).lower().split()) for m in pattern.finditer(text))
        if not seen:
            return None
        ranked = seen.most_common(2)
        if len(ranked) == 1 or (ranked[0][1] >= 2 and ranked[0][1] > ranked[1][1]):
            return ranked[0][0]
        return None

    def spell_out(self, question: str, hidden: Collection[str] = frozenset()) -> str:
        """``question`` with each acronym the documents never write replaced by their phrase for it."""

        def replace(m: re.Match[str]) -> str:
            letters = m.group(1)
            if stem(letters.lower()) in self._vocab:
                return m.group(0)
            return self.phrase(letters, hidden) or m.group(0)

        return _ACRONYM.sub(replace, question)
