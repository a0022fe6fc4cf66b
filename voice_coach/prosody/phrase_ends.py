"""Phrase ends and their final pitch movement: rise (uptalk), fall or level.

Follows PROSODY.md section 3.3:

1. A phrase ends at a word with sentence punctuation, at a word followed by a real pause
   (from the energy voice-activity detector, never from Whisper's word gaps), or at the last
   word of the answer.
2. Real questions are excluded by syntax (a wh-word followed by an auxiliary, auxiliary
   inversion at the clause start, a tag question), never by Whisper's "?", which Whisper
   also writes after uptalked statements.
3. The window ends at the last voiced frame of the phrase and covers the last word, at least
   300 ms and at most 500 ms of it (500 ms when it holds fewer than 8 voiced frames).
4. Pitch in semitones relative to the speaker, median-filtered, octave jumps removed; an OLS
   slope in st/s and the net rise (mean of the last 3 frames minus the window minimum).
5. Rise: slope >= max(G/T^2, 3.5) st/s and net rise >= 2 st and the end above the speaker's
   median. Fall: slope <= -3.5 st/s or the end in the speaker's bottom 20 %. Else level.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from voice_coach.errors import ConfigError
from voice_coach.prosody.pitch import PitchTrack, hz_to_st

__all__ = [
    "MIN_PHRASE_ENDS",
    "PhraseEnd",
    "PhraseEndOptions",
    "PhraseEndSummary",
    "find_phrase_ends",
    "is_question",
    "summarize_phrase_ends",
]

PHRASE_PAUSE_S = 0.5
"""A pause this long after a word ends a phrase. Shorter pauses carry floor-holding
continuation rises, which are normal mid-turn (45 % of floor-holding turns rise, Ritchart &
Arvaniti 2014); PROSODY.md 3.3 [H]."""

WINDOW_S = 0.3
"""Analysis window at the phrase end: statement rises come late, after the stressed vowel
(Ritchart & Arvaniti 2014); PROSODY.md 3.3."""

MAX_WINDOW_S = 0.5
"""Longest window when the last 300 ms hold too few voiced frames (PROSODY.md 3.3)."""

MIN_WINDOW_VOICED = 8
"""Voiced frames wanted in the window before it is widened (PROSODY.md 3.3)."""

MIN_VOICED_FRAMES = 5
"""Fewer voiced frames than this in the window: the end is not measurable [H]."""

GLISSANDO_G = 0.32
"""Glissando constant for continuous speech: a movement of T s is heard when its slope
exceeds G/T^2 st/s (Mertens 2004; 't Hart 1976 gives 0.16 for isolated vowels)."""

MIN_SLOPE_ST_PER_S = 3.5
"""Slope magnitude that counts as a movement at all (0.32/0.3^2 = 3.6 st/s; PROSODY.md 3.3)."""

MIN_RISE_ST = 2.0
"""Net rise needed for a rise: the 2-3 st discrimination threshold in speech (Grawunder &
Bose 2008)."""

FLOOR_QUANTILE = 20.0
"""An end in the speaker's bottom 20 % of pitch counts as a fall (PROSODY.md F8) [H]."""

OCTAVE_JUMP_ST = 6.0
"""Frames this far from the running median are tracking errors and dropped (PROSODY.md 3.3)."""

END_SEARCH_S = 0.3
"""Whisper's word ends are unreliable around pauses: the last voiced frame is searched up to
this far past the word's end (never into the next word)."""

MIN_PHRASE_ENDS = 3
"""Fewer declarative phrase ends than this: no uptalk or final-fall ratio (PROSODY.md 6)."""

_SENTENCE_END = re.compile(r"[.!?]+[\"')\]]*$")
_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "vs",
                            "e.g", "i.e", "inc", "ltd", "co"})
_WH_WORDS = frozenset({"what", "why", "how", "where", "when", "who", "whom", "whose", "which"})
_AUXILIARIES = frozenset({
    "am", "is", "are", "was", "were", "do", "does", "did", "have", "has", "had", "can",
    "could", "will", "would", "shall", "should", "may", "might", "must", "isn't", "aren't",
    "wasn't", "weren't", "don't", "doesn't", "didn't", "haven't", "hasn't", "hadn't", "can't",
    "couldn't", "won't", "wouldn't", "shouldn't", "what's", "how's", "where's", "who's",
})
_SUBJECTS = frozenset({
    "i", "you", "he", "she", "it", "we", "they", "there", "this", "that", "these", "those",
    "the", "a", "an", "my", "your", "his", "her", "our", "their", "anyone", "anybody",
    "someone", "somebody", "everyone", "everybody",
})
_WH_MODIFIERS = frozenset({"old", "many", "much", "long", "often", "far", "big", "soon",
                           "about", "come"})
_DISCOURSE_MARKERS = frozenset({
    "oh", "so", "and", "but", "well", "okay", "ok", "then", "now", "um", "uh", "er", "erm",
    "hmm", "yeah", "yes", "no", "right", "like", "also", "or",
})
_TAGS = (("right",), ("okay",), ("ok",), ("yeah",), ("you", "know"), ("don't", "you", "think"))
_TAG_AUX_PRONOUN = frozenset({"it", "you", "we", "they", "he", "she", "i", "there"})


class TimedWord(Protocol):
    """What a phrase end needs from a transcript word."""

    text: str
    start_s: float
    end_s: float


@dataclass(frozen=True, slots=True)
class PhraseEndOptions:
    """Settings of :func:`find_phrase_ends`.

    Parameters
    ----------
    phrase_pause_s : float
        Pause after a word that ends a phrase, in seconds.
    window_s, max_window_s : float
        Analysis window and its widest extension, in seconds.
    """

    phrase_pause_s: float = PHRASE_PAUSE_S
    window_s: float = WINDOW_S
    max_window_s: float = MAX_WINDOW_S

    def __post_init__(self) -> None:
        if not 0.1 <= self.phrase_pause_s <= 3.0:
            raise ConfigError(f"phrase_pause_s={self.phrase_pause_s} must be 0.1-3 s.")
        if not 0.1 <= self.window_s <= self.max_window_s <= 1.0:
            raise ConfigError(
                f"Phrase-end window {self.window_s}-{self.max_window_s} s must satisfy "
                "0.1 <= window_s <= max_window_s <= 1 s."
            )


@dataclass(frozen=True, slots=True)
class PhraseEnd:
    """The end of one phrase and how its pitch moved.

    Attributes
    ----------
    end_s : float
        Time of the last voiced frame of the phrase, in seconds.
    start_s : float
        Start of the phrase (its first word), in seconds.
    word : str
        The phrase's last word as transcribed.
    text : str
        The whole phrase, for the report's moments.
    boundary : str
        Why it is a phrase end: "sentence", "pause" or "answer_end".
    question : bool
        A real question by syntax: shown, but not counted as uptalk.
    kind : str
        "rise", "fall" or "level".
    slope_st_per_s : float
        OLS slope of the final window in semitones per second.
    rise_st : float
        Net rise: mean of the last 3 frames minus the window minimum, in semitones.
    end_st : float
        Final pitch relative to the speaker's reference, in semitones.
    window_s : float
        Length of the voiced part of the window, in seconds.
    """

    end_s: float
    start_s: float
    word: str
    text: str
    boundary: str
    question: bool
    kind: str
    slope_st_per_s: float
    rise_st: float
    end_st: float
    window_s: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "end_s": round(self.end_s, 3),
            "start_s": round(self.start_s, 3),
            "word": self.word,
            "text": self.text,
            "boundary": self.boundary,
            "question": self.question,
            "kind": self.kind,
            "slope_st_per_s": round(self.slope_st_per_s, 2),
            "rise_st": round(self.rise_st, 2),
            "end_st": round(self.end_st, 2),
            "window_s": round(self.window_s, 3),
        }


@dataclass(frozen=True, slots=True)
class PhraseEndSummary:
    """Uptalk and final-fall ratios over declarative phrase ends.

    Attributes
    ----------
    declarative_count : int
        Measured sentence-final phrase ends that are not questions.
    rise_count, fall_count : int
        Of those, how many rise and fall.
    uptalk_ratio, final_fall_ratio : float or None
        Shares of the declarative ends; None below ``MIN_PHRASE_ENDS``.
    unmeasured_count : int
        Phrase ends with too little voicing to classify.
    """

    declarative_count: int
    rise_count: int
    fall_count: int
    uptalk_ratio: float | None
    final_fall_ratio: float | None
    unmeasured_count: int


def _clean(token: str) -> str:
    return re.sub(r"^[^\w']+|[^\w']+$", "", token.lower().replace("’", "'"))


def _clause_is_question(tokens: list[str]) -> bool:
    words = [t for t in tokens if t]
    while words and words[0] in _DISCOURSE_MARKERS:
        words = words[1:]
    if len(words) < 2:
        return False
    first, second = words[0], words[1]
    if first in _WH_WORDS:
        if second in _AUXILIARIES:
            return True
        # "how old is", "how many people did": wh + modifier (+ noun) + auxiliary.
        return second in _WH_MODIFIERS and any(w in _AUXILIARIES for w in words[2:4])
    if first.endswith("'s") and first[:-2] in _WH_WORDS:
        return True
    # Auxiliary inversion: "do you", "is it", "can we", "have you".
    return first in _AUXILIARIES and second in _SUBJECTS


def _is_tag_question(tokens: list[str], raw: list[str]) -> bool:
    if len(tokens) < 3:
        return False
    for tag in _TAGS:
        n = len(tag)
        if tuple(tokens[-n:]) == tag and raw[-n - 1].endswith(","):
            return True
    # "..., isn't it", "..., didn't we"
    return (tokens[-2].endswith("n't") and tokens[-1] in _TAG_AUX_PRONOUN
            and raw[-3].endswith(","))


def is_question(text: str) -> bool:
    """Whether a phrase is a real question by its syntax (punctuation is ignored).

    A clause (split at commas) that starts, after discourse markers, with a wh-word and an
    auxiliary ("what can I say", "how old is it") or with auxiliary inversion ("do you
    think", "is it"), or a phrase that ends in a tag ("..., right", "..., isn't it").
    "What I did was..." and "When I joined, ..." are statements.

    Parameters
    ----------
    text : str
        The phrase as transcribed.
    """
    raw = text.split()
    tokens = [_clean(t) for t in raw]
    if not any(tokens):
        return False
    clauses: list[list[str]] = [[]]
    for r, t in zip(raw, tokens, strict=True):
        clauses[-1].append(t)
        if r.endswith((",", ";", ":")):
            clauses.append([])
    return any(_clause_is_question(c) for c in clauses if c) or _is_tag_question(tokens, raw)


def _phrase_boundaries(
    words: Sequence[TimedWord], pauses: Sequence[Any], phrase_pause_s: float
) -> list[tuple[int, str]]:
    """Indices of phrase-final words and why; pauses are objects with start_s/end_s."""
    long_pauses = [p for p in pauses if p.end_s - p.start_s >= phrase_pause_s]
    ends: dict[int, str] = {}
    for i, w in enumerate(words):
        if _SENTENCE_END.search(w.text.strip()) and _clean(w.text) not in _ABBREVIATIONS:
            ends[i] = "sentence"
    starts = np.array([w.start_s for w in words])
    for p in long_pauses:
        # The word before the pause: the last word that starts before the pause does
        # (Whisper often stretches that word's end into the silence).
        i = int(np.searchsorted(starts, p.start_s + 0.05, side="left")) - 1
        if 0 <= i < len(words) - 1 and words[i + 1].start_s >= p.start_s - 0.15:
            ends.setdefault(i, "pause")
    if words:
        ends[len(words) - 1] = "answer_end"
    return sorted(ends.items())


def _median3(x: np.ndarray) -> np.ndarray:
    if x.size < 3:
        return x
    padded = np.concatenate([[x[0]], x, [x[-1]]])
    return np.median(np.stack([padded[:-2], padded[1:-1], padded[2:]]), axis=0)


def _measure(
    track: PitchTrack, reference_hz: float, floor_st: float, t_lo: float, t_hi: float,
    last_word_start: float, opts: PhraseEndOptions,
) -> tuple[str, float, float, float, float, float] | None:
    i_lo, i_hi = track.frame_index(t_lo), track.frame_index(t_hi)
    voiced_idx = np.flatnonzero(track.voiced[i_lo : i_hi + 1]) + i_lo
    if voiced_idx.size == 0:
        return None
    end_i = int(voiced_idx[-1])
    t_end = float(track.times_s[end_i])
    # The last word, at least 300 ms and at most 500 ms of it (statement rises sit on the
    # last word: Ritchart & Arvaniti 2014); 500 ms when the window is too sparsely voiced.
    start_t = max(t_end - opts.max_window_s, min(last_word_start, t_end - opts.window_s))
    sel = _window(track, start_t, end_i)
    if sel.size < MIN_WINDOW_VOICED:
        sel = _window(track, t_end - opts.max_window_s, end_i)
    if sel.size < MIN_VOICED_FRAMES:
        return None
    t = track.times_s[sel]
    st = _median3(np.asarray(hz_to_st(track.f0_hz[sel], reference_hz)))
    running = np.array([np.median(st[max(0, k - 3) : k + 4]) for k in range(st.size)])
    keep = np.abs(st - running) <= OCTAVE_JUMP_ST
    t, st = t[keep], st[keep]
    if st.size < MIN_VOICED_FRAMES:
        return None
    slope = float(np.polyfit(t - t[0], st, 1)[0])
    end_st = float(np.mean(st[-3:]))
    rise = end_st - float(np.min(st))
    span = max(float(t[-1] - t[0]), track.hop_s)
    rise_gate = max(GLISSANDO_G / span**2, MIN_SLOPE_ST_PER_S)
    if slope >= rise_gate and rise >= MIN_RISE_ST and end_st > 0.0:
        kind = "rise"
    elif slope <= -MIN_SLOPE_ST_PER_S or end_st <= floor_st:
        kind = "fall"
    else:
        kind = "level"
    return kind, t_end, slope, rise, end_st, span


def _window(track: PitchTrack, start_t: float, end_i: int) -> np.ndarray:
    i0 = track.frame_index(start_t)
    return np.flatnonzero(track.voiced[i0 : end_i + 1]) + i0


def find_phrase_ends(
    words: Sequence[TimedWord],
    pauses: Sequence[Any],
    track: PitchTrack,
    *,
    reference_hz: float | None = None,
    options: PhraseEndOptions | None = None,
) -> tuple[PhraseEnd, ...]:
    """Find the phrase ends of an answer and classify their final pitch movement.

    Parameters
    ----------
    words : sequence of Word
        Transcript words with ``text``, ``start_s``, ``end_s`` (seconds).
    pauses : sequence of Pause
        Pauses from the voice-activity detector (``start_s``, ``end_s``).
    track : PitchTrack
        Pitch of the same recording.
    reference_hz : float, optional
        The speaker's reference F0 (baseline median); the answer's median when omitted.
    options : PhraseEndOptions, optional

    Returns
    -------
    tuple of PhraseEnd
        In time order; ends without enough voicing to measure are left out (see
        :func:`count_unmeasured`).
    """
    opts = options or PhraseEndOptions()
    voiced_f0 = track.voiced_f0_hz
    if not words or voiced_f0.size < MIN_VOICED_FRAMES:
        return ()
    ref = float(reference_hz) if reference_hz else float(np.median(voiced_f0))
    floor_st = float(np.percentile(hz_to_st(voiced_f0, ref), FLOOR_QUANTILE))
    out: list[PhraseEnd] = []
    prev = -1
    for i, boundary in _phrase_boundaries(words, pauses, opts.phrase_pause_s):
        phrase_words = words[prev + 1 : i + 1]
        prev = i
        w = words[i]
        next_start = words[i + 1].start_s if i + 1 < len(words) else float("inf")
        t_hi = min(w.end_s + END_SEARCH_S, next_start)
        # A detected pause after the word's start ends the phrase, whatever Whisper's timing.
        for p in pauses:
            if w.start_s + 0.05 < p.start_s < t_hi:
                t_hi = p.start_s + 0.02
                break
        t_lo = max(w.start_s - 0.05, phrase_words[0].start_s)
        measured = _measure(track, ref, floor_st, t_lo, t_hi, w.start_s, opts)
        if measured is None:
            continue
        kind, t_end, slope, rise, end_st, span = measured
        text = " ".join(pw.text.strip() for pw in phrase_words)
        out.append(PhraseEnd(
            end_s=t_end, start_s=phrase_words[0].start_s, word=w.text.strip(), text=text,
            boundary=boundary, question=is_question(text), kind=kind, slope_st_per_s=slope,
            rise_st=rise, end_st=end_st, window_s=span,
        ))
    return tuple(out)


def count_unmeasured(words: Sequence[TimedWord], pauses: Sequence[Any],
                     phrase_ends: Sequence[PhraseEnd],
                     options: PhraseEndOptions | None = None) -> int:
    """Phrase ends found in the words that :func:`find_phrase_ends` could not measure."""
    opts = options or PhraseEndOptions()
    return max(0, len(_phrase_boundaries(words, pauses, opts.phrase_pause_s))
               - len(phrase_ends))


def summarize_phrase_ends(phrase_ends: Sequence[PhraseEnd], *,
                          unmeasured_count: int = 0) -> PhraseEndSummary:
    """Uptalk and final-fall ratios over the declarative (non-question) phrase ends.

    Only sentence-final ends (sentence punctuation, or the end of the answer) count: a phrase
    that ends at a pause inside a sentence often carries a floor-holding continuation rise,
    which is normal (PROSODY.md 3.3), so those ends are shown but not counted. Ratios are None
    below ``MIN_PHRASE_ENDS`` declarative ends: too little to judge.
    """
    decl = [p for p in phrase_ends if not p.question and p.boundary != "pause"]
    rises = sum(1 for p in decl if p.kind == "rise")
    falls = sum(1 for p in decl if p.kind == "fall")
    enough = len(decl) >= MIN_PHRASE_ENDS
    return PhraseEndSummary(
        declarative_count=len(decl),
        rise_count=rises,
        fall_count=falls,
        uptalk_ratio=rises / len(decl) if enough else None,
        final_fall_ratio=falls / len(decl) if enough else None,
        unmeasured_count=unmeasured_count,
    )
