"""Creak (vocal fry) at phrase ends (PROSODY.md F12): a coaching note, never a penalty.

Creak is phonation at very low, irregular pulse rates (down to 30-40 Hz, Praat manual;
"below ~70 Hz"), common at the end of a phrase as the voice runs out of air. Listeners rated
creaky job candidates less competent and less hirable (Anderson et al. 2014), more so for
women, so it is reported neutrally and carries no weight in the score.

A pitch tracker sees creak as unvoiced (too irregular), as a very low F0, or as an octave
error far below the speaker. For each phrase end this module takes the last 300 ms of sound
(from the last voiced frame on through any sound that follows it, since creak is often what
comes *after* the last clearly voiced frame) and calls the window creaky when most of its
energetic frames (``> noise floor + 10 dB`` and within 25 dB of the loud voiced frames) are

* low-frequency sound (most energy below 1 kHz: a vowel or nasal, not a fricative "s"), and
* unpitched, or pitched below :data:`CREAK_MAX_HZ`, or more than :data:`CREAK_BELOW_MEDIAN_ST`
  below the speaker's median.

The answer's creak share is the share of measured phrase ends that are creaky; it is noted
when above :data:`CREAK_NOTE_SHARE`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from voice_coach.prosody.spectrum import frame_power

if TYPE_CHECKING:
    from voice_coach.prosody.pitch import PitchTrack

__all__ = [
    "CREAK_BELOW_MEDIAN_ST",
    "CREAK_MAX_HZ",
    "CREAK_NOTE_SHARE",
    "CreakSummary",
    "measure_creak",
]

WINDOW_S = 0.3
"""Phrase-final window (PROSODY.md F12, as for uptalk and fades)."""

MAX_TAIL_S = 0.4
"""How far past the last voiced frame the phrase's sound (a creaky tail) is followed [H]."""

ENERGY_ABOVE_FLOOR_DB = 10.0
"""Frames this far above the noise floor are energetic (PROSODY.md F12)."""

BELOW_SPEECH_DB = 25.0
"""... and no more than this below the loud voiced frames (their 90th percentile): on a clean
recording the noise floor is so low that a vowel's decaying tail would count [H, measured:
"one, two, three" tails on shared/speech]."""

FLOOR_PERCENTILE = 5.0
"""The noise floor is this percentile of the frame levels (as the pause detector does)."""

CREAK_MAX_HZ = 70.0
"""F0 below this is pulse register / fry ("below ~70 Hz", PROSODY.md F12) [S]."""

CREAK_BELOW_MEDIAN_ST = 12.0
"""... or more than an octave below the speaker's median (PROSODY.md F12) [H]."""

LOW_BAND_HZ = 1000.0
"""Creak is voiced sound: its energy sits in the low formants. Frames with most energy above
this are fricatives or breath, not creak [H]."""

MIN_LOW_BAND_SHARE = 0.5
"""Share of a frame's energy below ``LOW_BAND_HZ`` for it to count as voiced sound [H]."""

CREAKY_FRAME_SHARE = 0.5
"""A window is creaky when more than this share of its energetic frames are (PROSODY.md F12)."""

MIN_ENERGETIC_FRAMES = 5
"""Windows with fewer energetic frames (50 ms) are not measured [H]."""

CREAK_NOTE_SHARE = 0.25
"""Creak on more than this share of phrase ends is worth a note (PROSODY.md F12) [H]."""



@dataclass(frozen=True, slots=True)
class CreakSummary:
    """Creak at the phrase ends of an answer.

    Attributes
    ----------
    share : float
        Creaky phrase ends / measured phrase ends, 0..1.
    creaky_count, measured_count : int
        Phrase ends that were creaky, and that could be measured.
    creaky_ends_s : tuple of float
        Where each creaky phrase end is, in seconds (the end of its window).
    noted : bool
        ``share > CREAK_NOTE_SHARE``.
    """

    share: float
    creaky_count: int
    measured_count: int
    creaky_ends_s: tuple[float, ...]
    noted: bool

    def to_dict(self) -> dict[str, Any]:
        """Return ``{share, creaky_count, measured_count, creaky_ends_s, noted}``."""
        return {"share": round(self.share, 3), "creaky_count": self.creaky_count,
                "measured_count": self.measured_count,
                "creaky_ends_s": [round(t, 2) for t in self.creaky_ends_s],
                "noted": self.noted}


def _low_band_share(samples: np.ndarray, sample_rate: int, times_s: np.ndarray) -> np.ndarray:
    """Share of energy below ``LOW_BAND_HZ`` in 25 ms frames centred at ``times_s``."""
    power, freqs = frame_power(samples, sample_rate, times_s)
    total = power[:, freqs >= 60.0].sum(axis=1)
    low = power[:, (freqs >= 60.0) & (freqs < LOW_BAND_HZ)].sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, low / total, 0.0)


def measure_creak(samples: np.ndarray, sample_rate: int, track: PitchTrack,
                  phrase_end_times_s: Sequence[float], *,
                  reference_hz: float | None = None) -> CreakSummary | None:
    """Measure creak in the phrase-final windows of an answer.

    Parameters
    ----------
    samples : np.ndarray, shape (n,)
        Mono audio in [-1, 1].
    sample_rate : int
        Sample rate in Hz.
    track : PitchTrack
        Pitch track of ``samples``.
    phrase_end_times_s : sequence of float
        The last voiced frame of each phrase, in seconds
        (:attr:`voice_coach.prosody.phrase_ends.PhraseEnd.end_s`).
    reference_hz : float, optional
        The speaker's median F0 (the answer's voiced median when not given).

    Returns
    -------
    CreakSummary or None
        None when no phrase end has enough energetic frames to judge.
    """
    n = track.times_s.size
    if n == 0 or not phrase_end_times_s:
        return None
    levels = track.level_db
    audible = levels[levels > -100.0]
    if audible.size == 0:
        return None
    threshold = float(np.percentile(audible, FLOOR_PERCENTILE)) + ENERGY_ABOVE_FLOOR_DB
    if track.voiced.any():
        loud = float(np.percentile(levels[track.voiced], 90))
        threshold = max(threshold, loud - BELOW_SPEECH_DB)
    energetic = levels > threshold
    if reference_hz is None:
        voiced_f0 = track.f0_hz[track.voiced]
        reference_hz = float(np.median(voiced_f0)) if voiced_f0.size else None
    low_hz = CREAK_MAX_HZ
    if reference_hz is not None:
        low_hz = max(low_hz, reference_hz * 2.0 ** (-CREAK_BELOW_MEDIAN_ST / 12.0))
    tail = round(MAX_TAIL_S / track.hop_s)
    width = round(WINDOW_S / track.hop_s)
    measured = 0
    creaky: list[float] = []
    for t_end in phrase_end_times_s:
        i = track.frame_index(t_end)
        j = i
        while j + 1 < n and j + 1 <= i + tail and energetic[j + 1]:
            j += 1
        lo = max(0, j + 1 - width)
        frames = np.arange(lo, j + 1)
        frames = frames[energetic[lo:j + 1]]
        if frames.size < MIN_ENERGETIC_FRAMES:
            continue
        measured += 1
        f0 = track.f0_hz[frames]
        unpitched_or_low = ~track.voiced[frames] | (np.nan_to_num(f0, nan=0.0) < low_hz)
        candidates = frames[unpitched_or_low]
        if candidates.size <= CREAKY_FRAME_SHARE * frames.size:
            continue
        low_share = _low_band_share(samples, sample_rate, track.times_s[candidates])
        creaky_frames = int(np.count_nonzero(low_share >= MIN_LOW_BAND_SHARE))
        if creaky_frames > CREAKY_FRAME_SHARE * frames.size:
            creaky.append(float(track.times_s[j]))
    if measured == 0:
        return None
    share = len(creaky) / measured
    return CreakSummary(share=share, creaky_count=len(creaky), measured_count=measured,
                        creaky_ends_s=tuple(creaky), noted=share > CREAK_NOTE_SHARE)
