"""Speech and pauses from the signal's own energy: a voice-activity detector we configure.

Whisper's word timings stretch words across silences, so pauses are never measured from word
gaps (PROSODY.md section 3.4, faster-whisper #294, whisperX #896). This detector follows the
intensity-threshold method of de Jong & Wempe (2009) and Praat's "To TextGrid (silences)":
frame energy in dB, a threshold set between the recording's own noise floor and its speech
peak, and minimum durations for pauses and for speech bursts.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from voice_coach.errors import ConfigError

__all__ = ["Pause", "PauseOptions", "SpeechActivity", "detect_speech_activity"]

#: 25 ms analysis frames every 10 ms, the usual speech framing.
FRAME_S = 0.025
HOP_S = 0.010
#: Silences shorter than this are articulation (stop closures), not pauses: 200-250 ms is the
#: cut-off that best predicts fluency ratings (De Jong & Bosker 2013; Language Testing 2025).
MIN_PAUSE_S = 0.25
#: Energy bursts shorter than this are clicks or breaths, not speech.
MIN_SPEECH_S = 0.08
#: The threshold sits this far below the loud end of the speech (Praat's silence detector
#: uses -25 dB relative to the maximum; we take the 99th percentile frame as the maximum).
DB_BELOW_PEAK = 28.0
#: ... and at least this fraction of the way from the noise floor to the peak, so a noisy
#: recording's floor is not taken for speech.
FLOOR_TO_PEAK_FRACTION = 0.35
#: The noise floor is this low percentile of frame energy: low enough to land in silence even
#: when an answer is almost all speech.
FLOOR_PERCENTILE = 3.0
#: A recording whose loud frames are within this of its floor has no speech-like contrast.
MIN_DYNAMIC_RANGE_DB = 10.0


@dataclass(frozen=True, slots=True)
class PauseOptions:
    """Settings of the energy voice-activity detector.

    Parameters
    ----------
    min_pause_s : float
        Shortest silence counted as a pause, in seconds.
    min_speech_s : float
        Shortest energy burst counted as speech, in seconds.
    db_below_peak : float
        Threshold distance below the speech peak, in dB.
    """

    min_pause_s: float = MIN_PAUSE_S
    min_speech_s: float = MIN_SPEECH_S
    db_below_peak: float = DB_BELOW_PEAK

    def __post_init__(self) -> None:
        if not 0.05 <= self.min_pause_s <= 5.0:
            raise ConfigError(f"min_pause_s={self.min_pause_s} must be between 0.05 and 5 s")
        if not 0.0 <= self.min_speech_s <= 1.0:
            raise ConfigError(f"min_speech_s={self.min_speech_s} must be between 0 and 1 s")
        if not 6.0 <= self.db_below_peak <= 60.0:
            raise ConfigError(f"db_below_peak={self.db_below_peak} must be between 6 and 60 dB")


@dataclass(frozen=True, slots=True)
class Pause:
    """A silence between two stretches of speech, in seconds from the recording start."""

    start_s: float
    end_s: float

    @property
    def duration_s(self) -> float:
        """Length of the pause in seconds."""
        return self.end_s - self.start_s

    def to_dict(self) -> dict[str, float]:
        """Return the report's ``{start_s, end_s}`` object."""
        return {"start_s": round(self.start_s, 3), "end_s": round(self.end_s, 3)}


@dataclass(frozen=True, slots=True)
class SpeechActivity:
    """Where the speaker was talking.

    Attributes
    ----------
    spans : tuple of (float, float)
        Speech stretches ``(start_s, end_s)``, in order, separated by pauses.
    pauses : tuple of Pause
        Silences of at least ``min_pause_s`` between the first onset and the last offset.
    threshold_db : float or None
        The energy threshold used (dB re full scale); None when no speech was found.
    """

    spans: tuple[tuple[float, float], ...]
    pauses: tuple[Pause, ...]
    threshold_db: float | None

    @property
    def speech_s(self) -> float:
        """Total seconds of speech."""
        return float(sum(end - start for start, end in self.spans))

    @property
    def onset_s(self) -> float | None:
        """When speech first starts, or None without speech."""
        return self.spans[0][0] if self.spans else None

    @property
    def offset_s(self) -> float | None:
        """When speech last ends, or None without speech."""
        return self.spans[-1][1] if self.spans else None


def frame_energy_db(samples: np.ndarray, sample_rate: int) -> np.ndarray:
    """Return the RMS energy of 25 ms frames every 10 ms, in dB re full scale.

    Parameters
    ----------
    samples : numpy.ndarray, shape (n,)
        Mono audio in [-1, 1].
    sample_rate : int
        Samples per second.

    Returns
    -------
    numpy.ndarray, shape (frames,)
        Frame ``i`` is centred at ``i * 0.010 + 0.0125`` s.
    """
    frame = round(FRAME_S * sample_rate)
    hop = round(HOP_S * sample_rate)
    if samples.shape[0] < frame:
        return np.empty(0, dtype=np.float64)
    squared = np.square(samples, dtype=np.float64)
    cumulative = np.concatenate(([0.0], np.cumsum(squared)))
    starts = np.arange(0, samples.shape[0] - frame + 1, hop)
    mean_square = (cumulative[starts + frame] - cumulative[starts]) / frame
    return 10.0 * np.log10(np.maximum(mean_square, 1e-12))


def detect_speech_activity(samples: np.ndarray, sample_rate: int, *,
                           options: PauseOptions | None = None) -> SpeechActivity:
    """Find speech stretches and the pauses between them from frame energy.

    Parameters
    ----------
    samples : numpy.ndarray, shape (n,)
        Mono audio in [-1, 1].
    sample_rate : int
        Samples per second.
    options : PauseOptions, optional
        Detector settings.

    Returns
    -------
    SpeechActivity
        Speech spans and pauses, in seconds; empty when the signal has no speech-like
        energy contrast (silence, steady noise).
    """
    opts = options or PauseOptions()
    energy = frame_energy_db(samples, sample_rate)
    if energy.size == 0:
        return SpeechActivity((), (), None)
    floor = float(np.percentile(energy, FLOOR_PERCENTILE))
    peak = float(np.percentile(energy, 99))
    if peak - floor < MIN_DYNAMIC_RANGE_DB:
        return SpeechActivity((), (), None)
    threshold = max(peak - opts.db_below_peak, floor + FLOOR_TO_PEAK_FRACTION * (peak - floor))
    active = energy > threshold

    runs = _runs(active)
    # Bridge gaps shorter than a pause, then drop bursts shorter than speech.
    min_gap = round(opts.min_pause_s / HOP_S)
    merged: list[list[int]] = []
    for start, end in runs:
        if merged and start - merged[-1][1] < min_gap:
            merged[-1][1] = end
        else:
            merged.append([start, end])
    min_burst = round(opts.min_speech_s / HOP_S)
    kept = [(s, e) for s, e in merged if e - s >= max(min_burst, 1)]
    if not kept:
        return SpeechActivity((), (), threshold)

    half_frame = FRAME_S / 2
    spans = tuple(
        (round(s * HOP_S + half_frame - HOP_S / 2, 3),
         round((e - 1) * HOP_S + half_frame + HOP_S / 2, 3))
        for s, e in kept
    )
    pauses = tuple(
        Pause(start_s=prev[1], end_s=nxt[0])
        for prev, nxt in pairwise(spans)
        if nxt[0] - prev[1] >= opts.min_pause_s - 1e-9
    )
    return SpeechActivity(spans=spans, pauses=pauses, threshold_db=threshold)


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """Return ``[start, end)`` index pairs of the True runs of a boolean array."""
    padded = np.concatenate(([False], mask, [False])).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))
