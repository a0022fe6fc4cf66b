"""Loudness of an answer and trailing off at phrase ends (PROSODY.md F11).

Levels are relative, never absolute: microphones and gain differ, so the answer's level is
compared with the user's own baseline (earlier answers), and each phrase's end is compared
with the rest of the same phrase.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = [
    "FADE_DB",
    "QUIET_VS_BASELINE_DB",
    "TRAILING_OFF_SHARE",
    "Loudness",
    "PhraseFade",
    "measure_loudness",
]

FADE_WINDOW_S = 0.3
"""Phrase-final window whose level is compared with the phrase (PROSODY.md F11b)."""

FADE_DB = -10.0
"""A phrase end this much quieter than its phrase fades out (PROSODY.md F11b) [H]."""

TRAILING_OFF_SHARE = 0.5
"""Trailing off is flagged when more than this share of phrase ends fade (PROSODY.md F11b) [H]."""

QUIET_VS_BASELINE_DB = -6.0
"""An answer this much quieter than the user's baseline is flagged (PROSODY.md F11a) [H]."""

MIN_PHRASE_S = 0.6
"""Phrases shorter than this have no body to compare their end with [H]."""

END_EXTENSION_S = 0.5
"""How far past the last voiced frame a phrase's sound may run (fading unvoiced tails)."""


@dataclass(frozen=True, slots=True)
class PhraseFade:
    """How much one phrase's end drops below the phrase.

    Attributes
    ----------
    end_s : float
        Acoustic end of the phrase in seconds.
    word : str
        The phrase's last word.
    fade_db : float
        Median level of the last 300 ms minus the phrase's median level, in dB.
    """

    end_s: float
    word: str
    fade_db: float

    def to_dict(self) -> dict[str, Any]:
        return {"end_s": round(self.end_s, 3), "word": self.word,
                "fade_db": round(self.fade_db, 1)}


@dataclass(frozen=True, slots=True)
class Loudness:
    """Loudness measures of one answer (the report's ``loudness`` object).

    Attributes
    ----------
    mean_db : float
        Energy-mean level of the speech in dB re full scale (for comparison with the same
        user's other answers only).
    fade_db : float or None
        Median phrase-final fade in dB; None without measurable phrases.
    fading_share : float or None
        Share of phrase ends that fade by ``FADE_DB`` or more.
    trailing_off : bool or None
        ``fading_share > TRAILING_OFF_SHARE``; None without phrases.
    shift_db : float or None
        ``mean_db`` minus the user's baseline level; None without a baseline.
    fades : tuple of PhraseFade
        Per-phrase fades, in time order.
    """

    mean_db: float
    fade_db: float | None
    fading_share: float | None
    trailing_off: bool | None
    shift_db: float | None
    fades: tuple[PhraseFade, ...]

    def to_dict(self) -> dict[str, Any]:
        def r(v: float | None, d: int = 1) -> float | None:
            return None if v is None else round(v, d)

        return {
            "mean_db": round(self.mean_db, 1),
            "fade_db": r(self.fade_db),
            "fading_share": r(self.fading_share, 3),
            "trailing_off": self.trailing_off,
            "shift_db": r(self.shift_db),
            "fades": [f.to_dict() for f in self.fades],
        }


def _frames_between(times_s: np.ndarray, start_s: float, end_s: float) -> np.ndarray:
    return (times_s >= start_s) & (times_s <= end_s)


def measure_loudness(
    level_db: np.ndarray,
    hop_s: float,
    spans: Sequence[tuple[float, float]],
    phrases: Sequence[Any] = (),
    *,
    baseline_db: float | None = None,
) -> Loudness | None:
    """Measure the answer's level and each phrase's final fade.

    Parameters
    ----------
    level_db : np.ndarray, shape (n_frames,)
        Frame RMS level in dB re full scale, frame ``i`` at ``i * hop_s`` (as in
        :class:`~voice_coach.prosody.pitch.PitchTrack`).
    hop_s : float
        Frame step in seconds.
    spans : sequence of (start_s, end_s)
        Speech spans from the voice-activity detector.
    phrases : sequence of PhraseEnd
        Phrase ends (``start_s``, ``end_s``, ``word``).
    baseline_db : float, optional
        The user's usual ``mean_db``.

    Returns
    -------
    Loudness or None
        None when there is no speech.
    """
    times = np.arange(level_db.size) * hop_s
    speech = np.zeros(level_db.size, dtype=bool)
    for start, end in spans:
        speech |= _frames_between(times, start, end)
    if not speech.any():
        return None
    mean_db = float(10.0 * np.log10(np.mean(10.0 ** (level_db[speech] / 10.0))))
    fades: list[PhraseFade] = []
    for k, p in enumerate(phrases):
        end = _acoustic_end(p.end_s, spans)
        if k + 1 < len(phrases):
            end = min(end, phrases[k + 1].start_s)
        if end - p.start_s < MIN_PHRASE_S:
            continue
        body = _frames_between(times, p.start_s, end) & speech
        tail = _frames_between(times, end - FADE_WINDOW_S, end) & speech
        if np.count_nonzero(body) < 10 or not tail.any():
            continue
        fade = float(np.median(level_db[tail]) - np.median(level_db[body]))
        fades.append(PhraseFade(end_s=end, word=p.word, fade_db=fade))
    if fades:
        values = np.array([f.fade_db for f in fades])
        share = float(np.mean(values <= FADE_DB))
        fade_db: float | None = float(np.median(values))
        trailing: bool | None = share > TRAILING_OFF_SHARE
    else:
        share, fade_db, trailing = None, None, None
    return Loudness(
        mean_db=mean_db,
        fade_db=fade_db,
        fading_share=share,
        trailing_off=trailing,
        shift_db=None if baseline_db is None else mean_db - baseline_db,
        fades=tuple(fades),
    )


def _acoustic_end(last_voiced_s: float, spans: Sequence[tuple[float, float]]) -> float:
    """End of the speech span holding the last voiced frame, at most 0.5 s past it."""
    for start, end in spans:
        if start - 0.05 <= last_voiced_s <= end + 0.05:
            return min(max(end, last_voiced_s), last_voiced_s + END_EXTENSION_S)
    return last_voiced_s
