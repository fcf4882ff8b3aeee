"""Group sentences into passages sized for the embedding model.

A passage is a run of consecutive sentences of one section whose token count stays within
``max_tokens`` (all-MiniLM-L6-v2 truncates at 256 word pieces; passages stay well below so nothing
is silently cut). A single sentence longer than the budget becomes a passage of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .types import Passage, Sentence

CHUNKER_VERSION = "1"


def build_passages(
    text: str,
    sentences: Sequence[Sentence],
    count_tokens: Callable[[str], int],
    max_tokens: int = 128,
) -> list[Passage]:
    """Pack sentences greedily; a new section always starts a new passage."""
    passages: list[Passage] = []
    group: list[Sentence] = []
    used = 0

    def flush() -> None:
        nonlocal group, used
        if group:
            start, end = group[0].start, group[-1].end
            passages.append(
                Passage(
                    doc_id=group[0].doc_id,
                    section=group[0].section,
                    section_index=group[0].section_index,
                    start=start,
                    end=end,
                    text=text[start:end],
                    sentence_starts=tuple(s.start for s in group),
                    position=len(passages),
                )
            )
        group, used = [], 0

    for sentence in sentences:
        n = count_tokens(sentence.text)
        if group and (sentence.section_index != group[-1].section_index or used + n > max_tokens):
            flush()
        group.append(sentence)
        used += n
    flush()
    return passages
