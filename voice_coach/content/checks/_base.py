"""Shared pieces of the content checks: the :class:`Finding` result and span helpers."""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from voice_coach.content._text import (
    sentences,
)

_I = re.IGNORECASE


@dataclass(frozen=True, slots=True)
class Finding:
    """What one check found: evidence spans (start, end) and facts for advice and scores."""

    spans: tuple[tuple[int, int], ...] = ()
    facts: dict[str, object] = field(default_factory=dict)

    @property
    def detected(self) -> bool:
        return bool(self.spans)


def _merge(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sort spans and drop any that overlaps one already kept."""
    kept: list[tuple[int, int]] = []
    for s in sorted(set(spans), key=lambda s: (s[0], -s[1])):
        if kept and s[0] < kept[-1][1]:
            continue
        kept.append(s)
    return tuple(kept)


@functools.lru_cache(maxsize=8)
def _sentence_starts(text: str) -> tuple[int, ...]:
    return tuple(s.start for s in sentences(text))


#: Longest clause an evidence span is widened to, in words: enough for "your team has been
#: missing its release dates", short enough to stay one thought.
CLAUSE_MAX_WORDS: int = 14
_CLAUSE_END = re.compile(r"[,;:.!?\n]|\s(?:and|but|so|because|which|while)\s", _I)


def _widened_end(text: str, start: int, end: int) -> int:
    """Where the clause that holds ``text[start:end]`` ends: at the next clause punctuation or
    conjunction after ``end`` within the sentence, or after :data:`CLAUSE_MAX_WORDS` words
    from ``start``; ``end`` itself when the span already ends with punctuation."""
    if end > start and text[end - 1] in ",;:.!?":
        return end
    m = _CLAUSE_END.search(text, end, _sentence_span(text, start)[1])
    stop = m.start() if m else _sentence_span(text, start)[1]
    words = list(re.finditer(r"\S+", text[start:stop]))
    if len(words) > CLAUSE_MAX_WORDS:
        stop = start + words[CLAUSE_MAX_WORDS - 1].end()
    return max(end, stop)


def _sentence_span(text: str, pos: int) -> tuple[int, int]:
    """The sentence that holds ``pos`` (a binary search: sentences are in order, apart)."""
    i = bisect.bisect_right(_sentence_starts(text), pos) - 1
    if i >= 0:
        s = sentences(text)[i]
        if s.start <= pos < s.end:
            return s.start, s.end
    return 0, len(text)
