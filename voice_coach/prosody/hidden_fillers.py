"""Filled pauses the transcript left out: the acoustic "hidden filler" proxy (PROSODY.md F5).

Whisper drops most "um"/"uh" (faster-whisper #319, #901; PROSODY.md section 4.1), so a count
from the transcript alone is a lower bound. A filled pause is acoustically a sustained,
voiced, neutral vowel ("uh" [ə], "er" [ɜ]) or vowel + nasal ("um"), said on a level pitch
(Shriberg 1994; Clark & Fox Tree 2002). This module looks for that shape:

1. **steady voicing**: a stretch where, over every 100 ms, the pitch moves less than
   :data:`MAX_PITCH_CHANGE_ST` and the spectral envelope (mel cepstrum) changes less than
   :data:`MAX_SPECTRAL_CHANGE` - ordinary speech changes formants several times a second;
2. **long enough**: :data:`MIN_FILLER_S` to :data:`MAX_FILLER_S` (fillers last a few hundred
   ms; a stressed vowel inside a word rarely stays this steady this long);
3. **no word for it**: the stretch falls in a gap between words, or sits inside a word that
   Whisper stretched well beyond its expected duration to absorb it
   (:data:`SECONDS_PER_LETTER`), or under a word Whisper was unsure of (the filler misheard
   as "a" or "Aurora", :data:`UNSURE_WORD_PROBABILITY`), or under two or more whole words
   (one steady vowel cannot hold two words: "um" written "for a room"); a stretch covered
   by a transcribed filler ("um") is the transcript's, not a hidden one.

It is a proxy, with measured precision and recall in ``docs/prosody.md``: a hummed or
drawn-out word ("sooo") can look the same, and a filler said on a moving pitch is missed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

from voice_coach.errors import ConfigError
from voice_coach.lexicon import FILLERS
from voice_coach.prosody.spectrum import frame_power

if TYPE_CHECKING:
    from voice_coach.prosody.pitch import PitchTrack
    from voice_coach.transcription import Word

__all__ = [
    "MAX_FILLER_S",
    "MIN_FILLER_S",
    "HiddenFiller",
    "HiddenFillerOptions",
    "detect_hidden_fillers",
    "find_steady_voicing",
]

MIN_FILLER_S = 0.25
"""Shortest steady stretch taken for a filler: fillers last ~200-800 ms (Shriberg 1994;
Clark & Fox Tree 2002), while a vowel inside a word rarely stays steady this long [H,
measured: false alarms on read speech rise fast below it, docs/prosody.md]."""

MAX_FILLER_S = 1.5
"""Longest: beyond this a steady voiced sound is humming or a sung note, not a filler [H]."""

HALF_WINDOW_S = 0.05
"""Pitch and spectrum are compared this far either side of each frame (100 ms apart) [H]."""

MAX_PITCH_CHANGE_ST = 0.8
"""Pitch movement over 100 ms below this is level: well under the 2-3 st discrimination
threshold (Grawunder & Bose 2008) and the glissando threshold (PROSODY.md 3.3) [H, tuned on
the real "um"s of shared/speech]."""

MAX_SPECTRAL_CHANGE = 2.2
"""Mel-cepstral change (RMS over c1-c12, natural-log units) over 100 ms below this is a
steady vowel or nasal; running speech has a median of ~2.9 [H, measured on shared/speech]."""

MAX_ABOVE_MEDIAN_ST = 1.0
"""A filler is said low, near the speaker's baseline (O'Shaughnessy 1992; Shriberg 1994):
a steady stretch whose median is more than this above the speaker's median is a held word.
Measured: the real "um"s of shared/speech sit 3.8-4.8 st below, the spliced espeak-ng fillers
at -0.8..+0.1 st, the read-speech false alarms +1.3..+7.6 st above [H]."""

MAX_RANGE_ST = 2.0
"""The whole stretch stays within this p10-p90 pitch range (a level, not a glide) [H]."""

SECONDS_PER_LETTER = 0.065
"""Expected duration of a word: ``WORD_BASE_S + SECONDS_PER_LETTER * letters`` (about 150
wpm of 5-letter words, PROSODY.md 2.1) [H]."""

WORD_BASE_S = 0.1
"""Fixed part of a word's expected duration [H]."""

STRETCH_SHARE = 0.5
"""A word absorbed the stretch when it lasts longer than expected by at least this share of
the stretch [H]."""

UNSURE_WORD_PROBABILITY = 0.35
"""A word Whisper gave less probability than this, over a filler-shaped stretch, is taken for
a misheard filler ("uh" written "a", "Aurora"): 2 % of words on clean read speech fall below
0.3 [H, measured with tiny.en on shared/speech]."""

MIN_UNSURE_OVERLAP_S = 0.1
"""... and the unsure word must overlap the stretch by this much (or by half its length) [H]."""

WORD_INSIDE_SHARE = 0.8
"""Two or more words lying (by this share) inside one steady vowel cannot both have been
said there: Whisper wrote words for the filler ("um" as "for a room") [H]."""

GAP_OVERLAP_SHARE = 0.5
"""A stretch less than this share covered by words lies in a word gap [H]."""

MERGE_GAP_S = 0.03
"""Steady stretches closer than this are one stretch [H]."""

_N_MELS = 24
_N_CEPS = 12
_N_FFT = 512  # the spectrum size frame_power gives at 16 kHz (25 ms frames)
_MEL_FMIN_HZ, _MEL_FMAX_HZ = 100.0, 4000.0


@dataclass(frozen=True, slots=True)
class HiddenFillerOptions:
    """Settings of :func:`detect_hidden_fillers` (defaults are the module constants).

    Parameters
    ----------
    min_duration_s, max_duration_s : float
        Duration limits of a filler, in seconds.
    max_pitch_change_st : float
        Largest pitch movement over 100 ms, in semitones.
    max_spectral_change : float
        Largest mel-cepstral change over 100 ms.
    max_range_st : float
        Largest p10-p90 pitch range over the stretch, in semitones.
    max_above_median_st : float
        Highest median pitch of a filler relative to the speaker's median, in semitones.
    """

    min_duration_s: float = MIN_FILLER_S
    max_duration_s: float = MAX_FILLER_S
    max_pitch_change_st: float = MAX_PITCH_CHANGE_ST
    max_spectral_change: float = MAX_SPECTRAL_CHANGE
    max_range_st: float = MAX_RANGE_ST
    max_above_median_st: float = MAX_ABOVE_MEDIAN_ST

    def __post_init__(self) -> None:
        if not 0.1 <= self.min_duration_s < self.max_duration_s <= 5.0:
            raise ConfigError(
                f"Filler duration limits {self.min_duration_s}-{self.max_duration_s} s are "
                "invalid: the shortest must be at least 0.1 s and below the longest (<= 5 s)."
            )
        for name in ("max_pitch_change_st", "max_spectral_change", "max_range_st"):
            if getattr(self, name) <= 0:
                raise ConfigError(f"{name}={getattr(self, name)} must be above 0.")


@dataclass(frozen=True, slots=True)
class HiddenFiller:
    """A steady voiced stretch the transcript has no word for.

    Attributes
    ----------
    start_s, end_s : float
        Where it is, in seconds from the start of the recording.
    median_hz : float
        Its median F0.
    range_st : float
        Its p10-p90 pitch range in semitones.
    where : str
        ``"gap"`` (between transcribed words), ``"stretched_word"`` (inside words that
        Whisper stretched over it), ``"misheard_words"`` (two or more words inside one
        steady vowel) or ``"unsure_word"`` (over a word Whisper was unsure of, likely the
        filler misheard).
    word : str or None
        The stretched word (or the word before a gap), for showing the moment.
    """

    start_s: float
    end_s: float
    median_hz: float
    range_st: float
    where: str
    word: str | None

    @property
    def duration_s(self) -> float:
        """Length in seconds."""
        return self.end_s - self.start_s

    def to_dict(self) -> dict[str, Any]:
        """Return ``{start_s, end_s, median_hz, range_st, where, word}``."""
        return {"start_s": round(self.start_s, 3), "end_s": round(self.end_s, 3),
                "median_hz": round(self.median_hz, 1), "range_st": round(self.range_st, 2),
                "where": self.where, "word": self.word}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> HiddenFiller:
        """Rebuild from :meth:`to_dict` output."""
        return cls(float(data["start_s"]), float(data["end_s"]), float(data["median_hz"]),
                   float(data["range_st"]), str(data["where"]), data.get("word"))


@lru_cache(maxsize=4)
def _mel_basis(sample_rate: int) -> np.ndarray:
    import librosa

    return librosa.filters.mel(sr=sample_rate, n_fft=_N_FFT, n_mels=_N_MELS,
                               fmin=_MEL_FMIN_HZ, fmax=min(_MEL_FMAX_HZ, sample_rate / 2))


def _mel_cepstra(samples: np.ndarray, sample_rate: int, times_s: np.ndarray) -> np.ndarray:
    """Mel cepstra c1-c12 of 25 ms Hann frames centred at ``times_s``, shape (n, 12)."""
    import scipy.fft

    x = np.asarray(samples, dtype=np.float32).reshape(-1)
    if sample_rate != 16000:
        import soxr

        x = soxr.resample(x, sample_rate, 16000, quality="LQ")
        sample_rate = 16000
    power, _ = frame_power(x, sample_rate, times_s)
    mel = np.log(power @ _mel_basis(sample_rate).T + 1e-10)
    return scipy.fft.dct(mel, type=2, norm="ortho", axis=1)[:, 1:_N_CEPS + 1]


def _moving_mean(values: np.ndarray, width: int) -> np.ndarray:
    """Centred moving mean along axis 0 (NaN spreads, which marks unvoiced edges)."""
    kernel = np.ones(width) / width
    if values.ndim == 1:
        return np.convolve(values, kernel, mode="same")
    return np.stack([np.convolve(col, kernel, mode="same") for col in values.T], axis=1)


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    padded = np.concatenate(([False], mask, [False])).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))


def find_steady_voicing(samples: np.ndarray, sample_rate: int, track: PitchTrack, *,
                        options: HiddenFillerOptions | None = None,
                        spans: Sequence[tuple[float, float]] | None = None
                        ) -> tuple[tuple[float, float], ...]:
    """Find voiced stretches with a level pitch and a steady spectrum (filler-shaped sound).

    Parameters
    ----------
    samples : np.ndarray, shape (n,)
        Mono audio in [-1, 1].
    sample_rate : int
        Sample rate in Hz.
    track : PitchTrack
        Pitch track of ``samples`` (:func:`voice_coach.prosody.pitch.track_pitch`).
    options : HiddenFillerOptions, optional
        Thresholds.
    spans : sequence of (float, float), optional
        Speech spans (from the voice-activity detector); stretches outside them are ignored.

    Returns
    -------
    tuple of (float, float)
        ``(start_s, end_s)`` of each stretch, in order, within the duration limits.
    """
    opts = options or HiddenFillerOptions()
    n = track.times_s.size
    voiced = np.asarray(track.voiced, dtype=bool)
    if spans is not None:
        inside = np.zeros(n, dtype=bool)
        for start, end in spans:
            inside |= (track.times_s >= start) & (track.times_s <= end)
        voiced = voiced & inside
    lag = max(1, round(HALF_WINDOW_S / track.hop_s))
    if n <= 2 * lag or np.count_nonzero(voiced) < 2 * lag:
        return ()
    window = np.ones(2 * lag + 1, dtype=np.int8)
    smooth = 2 * (lag // 2) + 1
    idx = np.flatnonzero(voiced)
    st = np.full(n, np.nan)
    st[idx] = 12.0 * np.log2(track.f0_hz[idx] / float(np.median(track.f0_hz[idx])))
    st = _moving_mean(st, smooth)
    pitch = np.full(n, np.inf)
    with np.errstate(invalid="ignore"):
        pitch[lag:-lag] = np.abs(st[2 * lag:] - st[:-2 * lag])
    pitch[~np.isfinite(pitch)] = np.inf
    level = pitch < opts.max_pitch_change_st
    # The spectrum is only computed where the pitch is level (a few % of frames).
    margin = np.ones(4 * lag + 1, dtype=np.int8)  # the window plus the smoothing
    near = (np.convolve(level.astype(np.int8), margin, mode="same") > 0) & voiced
    min_frames = round(opts.min_duration_s / track.hop_s)
    for s, e in _runs(near):
        if e - s < min_frames:
            near[s:e] = False
    idx = np.flatnonzero(near)
    if idx.size == 0:
        return ()
    ceps = np.full((n, _N_CEPS), np.nan)
    ceps[idx] = _mel_cepstra(samples, sample_rate, track.times_s[idx])
    ceps = _moving_mean(ceps, smooth)
    spectral = np.full(n, np.inf)
    with np.errstate(invalid="ignore"):
        spectral[lag:-lag] = np.sqrt(np.mean(np.square(ceps[2 * lag:] - ceps[:-2 * lag]),
                                             axis=1))
    spectral[~np.isfinite(spectral)] = np.inf
    centre = (spectral < opts.max_spectral_change) & level
    # Each steady centre vouches for its whole window.
    steady = (np.convolve(centre.astype(np.int8), window, mode="same") > 0) & voiced
    merge = round(MERGE_GAP_S / track.hop_s)
    out: list[tuple[float, float]] = []
    runs: list[list[int]] = []
    for s, e in _runs(steady):
        if runs and s - runs[-1][1] <= merge:
            runs[-1][1] = e
        else:
            runs.append([s, e])
    for s, e in runs:
        dur = (e - s) * track.hop_s
        if not opts.min_duration_s <= dur <= opts.max_duration_s:
            continue
        f0 = track.f0_hz[s:e][voiced[s:e]]
        p10, p90 = np.percentile(12.0 * np.log2(f0), [10, 90])
        if p90 - p10 > opts.max_range_st:
            continue
        out.append((float(track.times_s[s] - track.hop_s / 2),
                    float(track.times_s[e - 1] + track.hop_s / 2)))
    return tuple(out)


TRANSCRIBED_FILLER_SLACK_S = 0.5
"""A stretch this close to a transcribed filler is that filler: Whisper times a filler it
writes a few hundred ms off (seen: "uh" at 12.26 s for a filler said at 11.8-12.1 s), and
counting it twice would overstate the filler rate [H]."""


def expected_word_s(text: str) -> float:
    """Expected duration of a spoken word in seconds, from its letters."""
    letters = sum(ch.isalnum() for ch in text)
    return WORD_BASE_S + SECONDS_PER_LETTER * max(1, letters)


def _is_filler(text: str) -> bool:
    return text.strip().strip(".,;:!?\"'…-").lower() in FILLERS


def detect_hidden_fillers(samples: np.ndarray, sample_rate: int, track: PitchTrack,
                          words: Sequence[Word], *,
                          spans: Sequence[tuple[float, float]] | None = None,
                          reference_hz: float | None = None,
                          options: HiddenFillerOptions | None = None
                          ) -> tuple[HiddenFiller, ...]:
    """Find filled pauses that the transcript left out.

    Parameters
    ----------
    samples : np.ndarray, shape (n,)
        Mono audio in [-1, 1].
    sample_rate : int
        Sample rate in Hz.
    track : PitchTrack
        Pitch track of ``samples``.
    words : sequence of Word
        The transcript's words with their timings.
    spans : sequence of (float, float), optional
        Speech spans from the voice-activity detector (stretches outside are ignored).
    reference_hz : float, optional
        The speaker's median F0 (the answer's voiced median when not given).
    options : HiddenFillerOptions, optional
        Thresholds.

    Returns
    -------
    tuple of HiddenFiller
        In time order. Stretches covered by a transcribed filler ("um") are not returned:
        the transcript already counts them.
    """
    opts = options or HiddenFillerOptions()
    if reference_hz is None:
        f0_all = track.f0_hz[track.voiced]
        if f0_all.size == 0:
            return ()
        reference_hz = float(np.median(f0_all))
    out: list[HiddenFiller] = []
    for start, end in find_steady_voicing(samples, sample_rate, track, options=opts,
                                          spans=spans):
        dur = end - start
        overlapping = [w for w in words if w.end_s > start and w.start_s < end]
        near = [w for w in words if w.end_s > start - TRANSCRIBED_FILLER_SLACK_S
                and w.start_s < end + TRANSCRIBED_FILLER_SLACK_S]
        if any(_is_filler(w.text) for w in near):
            continue
        covered = sum(min(end, w.end_s) - max(start, w.start_s) for w in overlapping)
        where, word = None, None
        if covered < GAP_OVERLAP_SHARE * dur:
            where = "gap"
            before = [w for w in words if w.start_s < start]
            word = before[-1].text if before else None
        else:
            host = max(overlapping, key=lambda w: min(end, w.end_s) - max(start, w.start_s))
            spoken = sum(w.end_s - w.start_s for w in overlapping)
            expected = sum(expected_word_s(w.text) for w in overlapping)
            if spoken >= expected + STRETCH_SHARE * dur:
                where, word = "stretched_word", host.text
            elif sum(min(end, w.end_s) - max(start, w.start_s)
                     >= WORD_INSIDE_SHARE * (w.end_s - w.start_s) for w in overlapping) >= 2:
                where, word = "misheard_words", host.text
            else:
                unsure = [w for w in overlapping if w.probability < UNSURE_WORD_PROBABILITY
                          and min(end, w.end_s) - max(start, w.start_s)
                          >= min(MIN_UNSURE_OVERLAP_S, 0.5 * (w.end_s - w.start_s))]
                if unsure:
                    where, word = "unsure_word", unsure[0].text
        if where is None:
            continue
        i0 = track.frame_index(start + track.hop_s / 2)
        i1 = track.frame_index(end - track.hop_s / 2) + 1
        f0 = track.f0_hz[i0:i1][track.voiced[i0:i1]]
        if f0.size == 0:
            continue
        median_hz = float(np.median(f0))
        if 12.0 * math.log2(median_hz / reference_hz) > opts.max_above_median_st:
            continue
        st = 12.0 * np.log2(f0)
        p10, p90 = np.percentile(st, [10, 90])
        out.append(HiddenFiller(start_s=start, end_s=end, median_hz=median_hz,
                                range_st=float(p90 - p10), where=where, word=word))
    return tuple(out)


def filler_rate(count: int, words: int) -> float | None:
    """Fillers per 100 words, None without words."""
    return 100.0 * count / words if words else None
