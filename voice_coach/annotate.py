"""Annotate a report's transcript for display: sentences with start times, highlighted phrases.

Reads report objects (:meth:`AnswerAnalysis.to_dict`). A spoken transcript's text is its
words joined by single spaces (``Transcript.from_words``), so word ``i`` covers a known span
of characters and every highlighted phrase and every sentence gets the time it was said.
Typed answers get the same sentences and highlights, without times.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

    from voice_coach.audio import Recording

__all__ = [
    "HIGHLIGHT_KINDS",
    "Contour",
    "Highlight",
    "Piece",
    "Sentence",
    "find_highlights",
    "pitch_contour",
    "split_pieces",
    "split_sentences",
]

#: Highlight kinds, in priority order where spans overlap (the first wins), with the
#: report fields they come from.
HIGHLIGHT_KINDS: dict[str, str] = {
    "pleading": "content check supplicant_language",
    "filler": "delivery.fillers",
    "hedge": "delivery.hedges",
    "result": "content check results_framing",
    "hiring_manager": "content check hiring_manager_focus",
}
_CHECK_KINDS = {"supplicant_language": "pleading", "results_framing": "result",
                "hiring_manager_focus": "hiring_manager"}
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)]*$")
#: A word-start time this close to a filler's start is the same word (reports round to 1 ms).
_TIME_MATCH_S = 0.02
#: Step of the displayed pitch contour: 20 points a second shows intonation and stays small.
CONTOUR_STEP_S = 0.05


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of the transcript: ``text[start_char:end_char]`` said at ``start_s``."""

    text: str
    start_char: int
    end_char: int
    start_s: float | None


@dataclass(frozen=True, slots=True)
class Highlight:
    """A phrase to highlight: its kind (a :data:`HIGHLIGHT_KINDS` key) and character span."""

    kind: str
    start_char: int
    end_char: int
    start_s: float | None


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of transcript text with one highlight kind (None for plain text)."""

    text: str
    kind: str | None


def _words(report: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    transcript = report.get("transcript") or {}
    return [w for w in transcript.get("words") or () if isinstance(w, Mapping)]


def _word_spans(report: Mapping[str, Any]) -> list[tuple[int, int, float | None]]:
    """Character span and start time of every word, or [] when the text is not the words."""
    text = str((report.get("transcript") or {}).get("text") or "")
    spans, position = [], 0
    for word in _words(report):
        token = str(word.get("word", ""))
        if text[position:position + len(token)] != token:
            return []
        spans.append((position, position + len(token), word.get("start_s")))
        position += len(token) + 1
    return spans


def split_sentences(report: Mapping[str, Any]) -> tuple[Sentence, ...]:
    """Split the transcript into sentences, each with the time its first word was said.

    Sentences end at ``.``, ``!``, ``?`` (Whisper punctuates); text without punctuation is one
    sentence. ``start_s`` is None for typed answers.
    """
    text = str((report.get("transcript") or {}).get("text") or "")
    spans = _word_spans(report)
    sentences: list[Sentence] = []
    if spans:
        first = 0
        for i, (_, end, _) in enumerate(spans):
            if _SENTENCE_END.search(text[spans[i][0]:end]) or i == len(spans) - 1:
                start_char = spans[first][0]
                sentences.append(Sentence(text[start_char:end], start_char, end,
                                          spans[first][2]))
                first = i + 1
        return tuple(sentences)
    for match in re.finditer(r"\S.*?(?:[.!?…]+[\"'”’)]*(?=\s|$)|$)", text, flags=re.S):
        if match.group().strip():
            sentences.append(Sentence(match.group(), match.start(), match.end(), None))
    return tuple(sentences)


def _span_at_time(spans: Sequence[tuple[int, int, float | None]], start_s: float,
                  length: int) -> tuple[int, int] | None:
    for start, _end, word_start in spans:
        if word_start is not None and abs(word_start - start_s) <= _TIME_MATCH_S:
            return start, start + length
    return None


def _find_text(text: str, needle: str, taken: set[int]) -> tuple[int, int] | None:
    pattern = re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", re.IGNORECASE)
    for match in pattern.finditer(text):
        if match.start() not in taken:
            return match.start(), match.end()
    return None


def find_highlights(report: Mapping[str, Any]) -> tuple[Highlight, ...]:
    """Find the phrases to highlight: fillers, hedges, pleading phrases, results, focus on them.

    Fillers and hedges are placed by their time (spoken) or found in the text (typed); the
    content checks' evidence carries its own character span.

    Returns
    -------
    tuple of Highlight
        Sorted by start character; spans may overlap (see :func:`split_pieces`).
    """
    text = str((report.get("transcript") or {}).get("text") or "")
    spans = _word_spans(report)
    found: list[Highlight] = []
    delivery = report.get("delivery") or {}
    for kind, field_name in (("filler", "fillers"), ("hedge", "hedges")):
        taken: set[int] = set()
        for item in delivery.get(field_name) or ():
            phrase = str(item.get("text") or "").strip()
            if not phrase:
                continue
            start_s = item.get("start_s")
            place = None
            if start_s is not None and spans:
                place = _span_at_time(spans, float(start_s), len(phrase))
                if place is not None and text[place[0]:place[1]].lower() != phrase.lower():
                    place = None
            if place is None:
                place = _find_text(text, phrase, taken)
            if place is not None:
                taken.add(place[0])
                found.append(Highlight(kind, place[0], place[1], start_s))
    content = report.get("content") or {}
    for check in content.get("checks") or ():
        kind = _CHECK_KINDS.get(str(check.get("id")))
        if kind is None or not check.get("detected"):
            continue
        for evidence in check.get("evidence") or ():
            start, end = evidence.get("start_char"), evidence.get("end_char")
            if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
                found.append(Highlight(kind, start, end, evidence.get("start_s")))
    found.sort(key=lambda h: (h.start_char, list(HIGHLIGHT_KINDS).index(h.kind)))
    return tuple(found)


def split_pieces(text: str, highlights: Sequence[Highlight], start: int = 0,
                 end: int | None = None) -> tuple[Piece, ...]:
    """Cut ``text[start:end]`` into runs of one highlight kind each.

    Where highlights overlap, the kind listed first in :data:`HIGHLIGHT_KINDS` wins (a filler
    inside a result sentence shows as a filler).
    """
    end = len(text) if end is None else end
    priority = list(HIGHLIGHT_KINDS)
    kinds: list[str | None] = [None] * (end - start)
    for highlight in highlights:
        rank = priority.index(highlight.kind)
        for i in range(max(start, highlight.start_char), min(end, highlight.end_char)):
            current = kinds[i - start]
            if current is None or priority.index(current) > rank:
                kinds[i - start] = highlight.kind
    pieces: list[Piece] = []
    run_start = start
    for i in range(start + 1, end + 1):
        if i == end or kinds[i - start] != kinds[run_start - start]:
            pieces.append(Piece(text[run_start:i], kinds[run_start - start]))
            run_start = i
    return tuple(pieces)


@dataclass(frozen=True, slots=True, eq=False)
class Contour:
    """A pitch contour for display.

    Attributes
    ----------
    times_s : np.ndarray, shape (n,)
        Frame times in seconds.
    semitones : np.ndarray, shape (n,)
        Pitch in semitones relative to the speaker's median F0; NaN where unvoiced.
    median_hz : float or None
        The speaker's median F0 (the 0 st line), None when nothing was voiced.
    """

    times_s: np.ndarray
    semitones: np.ndarray
    median_hz: float | None

    def value_at(self, time_s: float, *, window_s: float = 0.3) -> float | None:
        """The last voiced value at or before ``time_s`` within ``window_s``, else None."""
        import numpy as np

        mask = (self.times_s <= time_s + 1e-9) & (self.times_s >= time_s - window_s)
        values = self.semitones[mask]
        values = values[~np.isnan(values)]
        return None if values.size == 0 else float(values[-1])


def pitch_contour(recording: Recording, *, step_s: float = CONTOUR_STEP_S) -> Contour:
    """Track the pitch of a recording and reduce it to a display contour.

    Parameters
    ----------
    recording : Recording
        The answer's audio.
    step_s : float
        Time between contour points, in seconds (the tracker's frames are averaged).

    Returns
    -------
    Contour
        Semitones relative to the median voiced F0, ``step_s`` apart.
    """
    import numpy as np

    from voice_coach.prosody.pitch import track_pitch

    track = track_pitch(recording.samples, recording.sample_rate)
    voiced = track.voiced & ~np.isnan(track.f0_hz)
    if not voiced.any():
        return Contour(np.zeros(0), np.zeros(0), None)
    median_hz = float(np.median(track.f0_hz[voiced]))
    st = np.full(track.f0_hz.shape, np.nan)
    st[voiced] = 12.0 * np.log2(track.f0_hz[voiced] / median_hz)
    group = max(1, round(step_s / track.hop_s))
    n = len(st) // group * group
    blocks = st[:n].reshape(-1, group)
    counts = (~np.isnan(blocks)).sum(axis=1)
    sums = np.nansum(blocks, axis=1)
    values = np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)
    times = track.times_s[:n].reshape(-1, group).mean(axis=1)
    return Contour(times, values, median_hz)
