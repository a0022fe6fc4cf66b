"""Fundamental-frequency (F0) tracking for speech, fast enough to run beside Whisper.

The tracker is YIN (de Cheveigné & Kawahara 2002) computed with FFTs on an 8 kHz copy of
the signal, gated twice:

1. by energy: frames quieter than the answer's loud frames by more than
   :data:`SILENCE_GATE_DB` are unvoiced and never analysed (most pauses cost nothing);
2. by periodicity: a frame is voiced only when its cumulative-mean-normalised difference
   (CMNDF) dips below :attr:`PitchOptions.voicing_threshold`.

A second, speaker-adapted pass re-picks each frame's period inside
``[0.75 * q25, 2 * q75]`` of the first pass (the two-pass range of PROSODY.md section 3.1),
reusing the difference functions already computed, so octave errors outside the speaker's
range are removed at no extra FFT cost.

Settings were chosen by measured agreement with full-resolution ``librosa.pyin`` at its
documented default range on ``shared/speech`` (see ``benchmarks/bench_prosody.py`` and
``docs/prosody.md``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from voice_coach.errors import ConfigError

__all__ = [
    "MONOTONE_RANGE_ST",
    "UNSTEADY_RANGE_ST",
    "PitchOptions",
    "PitchSummary",
    "PitchTrack",
    "hz_to_st",
    "summarize_pitch",
    "track_pitch",
]

ANALYSIS_RATE_HZ = 8000
"""Sample rate of the copy YIN runs on: keeps F0 up to 1 kHz, a quarter of the work of 16 kHz."""

SILENCE_GATE_DB = 40.0
"""Frames this far below the loud (95th-percentile) frames are silence, not analysed [H]."""

RELIABLE_DIP = 0.2
"""Frames with a CMNDF dip below this are clearly periodic: they set the speaker's range [H]."""

VOICING_SLOPE = 0.1
"""Width of the logistic that maps a CMNDF dip to a voiced likelihood [H, tuned to pyin]."""

MIN_VOICED_RUN_S = 0.03
"""Voiced runs shorter than this (3 frames) are spurious and dropped [H]."""

FRAMES_PER_BLOCK = 2048
"""Frames analysed together (20 s at a 10 ms hop): bounds memory whatever the answer's
length, with blocks large enough that the FFTs stay vectorised."""

MONOTONE_RANGE_ST = 3.0
"""p10-p90 range below this is flagged monotone (PROSODY.md F10; synthetic monotone 3.5 st) [H]."""

UNSTEADY_RANGE_ST = 12.0
"""p10-p90 range above this is flagged unsteady / possible tracking error (PROSODY.md F10) [H]."""

MIN_VOICED_FRAMES_FOR_SUMMARY = 50
"""Fewer voiced frames (0.5 s) than this gives no pitch summary: too little to judge [H]."""


@dataclass(frozen=True, slots=True)
class PitchOptions:
    """Settings of :func:`track_pitch`.

    Parameters
    ----------
    fmin_hz, fmax_hz : float
        Search range of the first pass. 60-600 Hz covers adult speech (typical means
        120 Hz for men and 210 Hz for women, Traunmüller & Eriksson); creak below 60 Hz is
        handled by :mod:`voice_coach.prosody.voice_quality`.
    hop_s : float
        Frame step in seconds (10 ms, as Praat and eGeMAPS use).
    window_s : float
        YIN integration window in seconds (30 ms: two periods of a 66 Hz voice).
    voicing_threshold : float
        CMNDF dip below which a frame is voiced (YIN's absolute threshold, tuned against
        pyin's voicing decision).
    adapt_range : bool
        Run the speaker-adapted second pass.
    """

    fmin_hz: float = 60.0
    fmax_hz: float = 600.0
    hop_s: float = 0.01
    window_s: float = 0.03
    voicing_threshold: float = 0.45
    voicing_switch_prob: float = 0.01
    pick_threshold: float = 0.1
    adapt_range: bool = True

    def __post_init__(self) -> None:
        if not 30.0 <= self.fmin_hz < self.fmax_hz:
            raise ConfigError(
                f"Pitch range {self.fmin_hz}-{self.fmax_hz} Hz is invalid: the floor must be "
                "at least 30 Hz and below the ceiling."
            )
        if self.fmax_hz > ANALYSIS_RATE_HZ / 8:
            raise ConfigError(
                f"Pitch ceiling {self.fmax_hz} Hz is above the limit of "
                f"{ANALYSIS_RATE_HZ / 8:.0f} Hz."
            )
        if not 0.002 <= self.hop_s <= 0.05:
            raise ConfigError(f"Pitch hop {self.hop_s} s is outside 0.002-0.05 s.")
        if not 0.01 <= self.window_s <= 0.1:
            raise ConfigError(f"Pitch window {self.window_s} s is outside 0.01-0.1 s.")
        if not 0.0 < self.voicing_threshold < 1.0:
            raise ConfigError(
                f"Voicing threshold {self.voicing_threshold} is outside the open range 0-1."
            )


@dataclass(frozen=True, slots=True, eq=False)
class PitchTrack:
    """Frame-wise F0 of a recording.

    Attributes
    ----------
    times_s : np.ndarray, shape (n_frames,)
        Centre time of each frame in seconds (frame ``i`` at ``i * hop_s``).
    f0_hz : np.ndarray, shape (n_frames,)
        F0 in Hz; NaN in unvoiced frames (inside this array only).
    voiced : np.ndarray of bool, shape (n_frames,)
        Voicing decision per frame.
    aperiodicity : np.ndarray, shape (n_frames,)
        CMNDF value at the chosen period (0 = perfectly periodic, 1 = noise; 1 for
        frames below the silence gate).
    level_db : np.ndarray, shape (n_frames,)
        Frame RMS level in dB relative to full scale (floored at -120 dB).
    hop_s : float
        Frame step in seconds.
    """

    times_s: np.ndarray
    f0_hz: np.ndarray
    voiced: np.ndarray
    aperiodicity: np.ndarray
    level_db: np.ndarray
    hop_s: float

    @property
    def voiced_f0_hz(self) -> np.ndarray:
        """F0 of the voiced frames only, shape (n_voiced,)."""
        return self.f0_hz[self.voiced]

    def frame_index(self, time_s: float) -> int:
        """Index of the frame nearest ``time_s``, clipped to the track."""
        i = round(time_s / self.hop_s)
        return min(max(i, 0), len(self.times_s) - 1)


@dataclass(frozen=True, slots=True)
class PitchSummary:
    """Speaker-relative summary of a pitch track.

    Attributes
    ----------
    median_hz : float
        Median F0 of the voiced frames.
    range_st : float
        p10-p90 range in semitones.
    std_st : float
        Standard deviation in semitones (relative to the median).
    voiced_fraction : float
        Voiced frames / frames above the silence gate.
    monotone : bool
        ``range_st < MONOTONE_RANGE_ST``.
    unsteady : bool
        ``range_st > UNSTEADY_RANGE_ST`` (erratic pitch or tracking errors).
    shift_st : float or None
        Median relative to the user's baseline median in semitones; None without a baseline.
    """

    median_hz: float
    range_st: float
    std_st: float
    voiced_fraction: float
    monotone: bool
    unsteady: bool
    shift_st: float | None = None

    def to_dict(self) -> dict[str, float | bool | None]:
        return {
            "median_hz": round(self.median_hz, 1),
            "range_st": round(self.range_st, 2),
            "std_st": round(self.std_st, 2),
            "voiced_fraction": round(self.voiced_fraction, 3),
            "monotone": self.monotone,
            "unsteady": self.unsteady,
            "shift_st": None if self.shift_st is None else round(self.shift_st, 2),
        }


def hz_to_st(f0_hz: np.ndarray | float, reference_hz: float) -> np.ndarray | float:
    """Semitones of ``f0_hz`` relative to ``reference_hz``: ``12 * log2(f0 / ref)``."""
    return 12.0 * np.log2(np.asarray(f0_hz, dtype=np.float64) / reference_hz)


def _to_analysis_rate(samples: np.ndarray, sample_rate: int) -> np.ndarray:
    if sample_rate == ANALYSIS_RATE_HZ:
        return np.asarray(samples, dtype=np.float32)
    import soxr

    return soxr.resample(
        np.asarray(samples, dtype=np.float32), sample_rate, ANALYSIS_RATE_HZ, quality="LQ"
    )


def _cmndf(frames: np.ndarray, window: int, max_lag: int) -> np.ndarray:
    """YIN cumulative-mean-normalised difference, shape (n, max_lag + 1); column 0 is 1."""
    import scipy.fft

    n_fft = 1 << math.ceil(math.log2(frames.shape[1]))
    spec_frame = scipy.fft.rfft(frames, n=n_fft, axis=1)
    spec_win = scipy.fft.rfft(frames[:, :window], n=n_fft, axis=1)
    cross = scipy.fft.irfft(spec_win.conj() * spec_frame, n=n_fft, axis=1)[:, : max_lag + 1]
    sq = np.cumsum(np.square(frames, dtype=np.float64), axis=1)
    sq = np.concatenate([np.zeros((frames.shape[0], 1)), sq], axis=1)
    energy0 = sq[:, window][:, None]
    lags = np.arange(max_lag + 1)
    energy_lag = sq[:, lags + window] - sq[:, lags]
    diff = np.maximum(energy0 + energy_lag - 2.0 * cross, 0.0)
    cum = np.cumsum(diff[:, 1:], axis=1)
    out = np.ones_like(diff)
    with np.errstate(divide="ignore", invalid="ignore"):
        out[:, 1:] = diff[:, 1:] * lags[1:] / cum
    out[~np.isfinite(out)] = 1.0
    return out


def _pick_periods(
    cmndf: np.ndarray, lo: int, hi: int, threshold: float
) -> tuple[np.ndarray, np.ndarray]:
    """YIN step 4-5: first local minimum below ``threshold`` in [lo, hi], else the global one.

    Returns the fractional period in samples (parabolic interpolation) and the CMNDF there.
    """
    n = cmndf.shape[0]
    band = cmndf[:, lo : hi + 1]
    if n == 0:
        return np.zeros(0), np.ones(0)
    is_min = np.zeros_like(band, dtype=bool)
    is_min[:, 1:-1] = (band[:, 1:-1] <= band[:, :-2]) & (band[:, 1:-1] < band[:, 2:])
    candidates = is_min & (band < threshold)
    has = candidates.any(axis=1)
    first = np.argmax(candidates, axis=1)
    best = np.argmin(band, axis=1)
    idx = np.where(has, first, best) + lo
    rows = np.arange(n)
    # Parabolic interpolation of the dip.
    left = cmndf[rows, np.maximum(idx - 1, 0)]
    mid = cmndf[rows, idx]
    right = cmndf[rows, np.minimum(idx + 1, cmndf.shape[1] - 1)]
    denom = left - 2.0 * mid + right
    with np.errstate(divide="ignore", invalid="ignore"):
        shift = np.where(np.abs(denom) > 1e-12, 0.5 * (left - right) / denom, 0.0)
    shift = np.clip(shift, -0.5, 0.5)
    return idx + shift, mid


def _smooth_voicing(dip: np.ndarray, center: float, switch_prob: float) -> np.ndarray:
    """Two-state (unvoiced/voiced) Viterbi over frames, as pyin smooths its voicing.

    The voiced likelihood of a frame is a logistic function of its CMNDF dip centred on
    ``center``; switching state costs ``-log(switch_prob)``.
    """
    n = dip.size
    if n == 0:
        return np.zeros(0, dtype=bool)
    p_v = 1.0 / (1.0 + np.exp((dip - center) / VOICING_SLOPE))
    p_v = np.clip(p_v, 1e-3, 1.0 - 1e-3)
    cost_v = -np.log(p_v)
    cost_u = -np.log1p(-p_v)
    stay = -math.log1p(-switch_prob)
    switch = -math.log(switch_prob)
    back = np.zeros((n, 2), dtype=bool)  # True: came from the other state
    acc_u, acc_v = float(cost_u[0]), float(cost_v[0])
    cu = cost_u.tolist()
    cv = cost_v.tolist()
    for i in range(1, n):
        uu, vu = acc_u + stay, acc_v + switch
        vv, uv = acc_v + stay, acc_u + switch
        if vu < uu:
            back[i, 0] = True
            new_u = vu
        else:
            new_u = uu
        if uv < vv:
            back[i, 1] = True
            new_v = uv
        else:
            new_v = vv
        acc_u, acc_v = new_u + cu[i], new_v + cv[i]
    state = 1 if acc_v < acc_u else 0
    out = np.zeros(n, dtype=bool)
    for i in range(n - 1, -1, -1):
        out[i] = state == 1
        if back[i, state]:
            state = 1 - state
    return out


def _drop_short_runs(voiced: np.ndarray, min_len: int) -> np.ndarray:
    if min_len <= 1 or not voiced.any():
        return voiced
    out = voiced.copy()
    edges = np.diff(np.concatenate([[0], voiced.astype(np.int8), [0]]))
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1)
    for s, e in zip(starts, ends, strict=True):
        if e - s < min_len:
            out[s:e] = False
    return out


def track_pitch(
    samples: np.ndarray, sample_rate: int, *, options: PitchOptions | None = None
) -> PitchTrack:
    """Track F0 of a mono speech signal.

    Parameters
    ----------
    samples : np.ndarray, shape (n,)
        Mono audio, float, nominally in [-1, 1].
    sample_rate : int
        Sample rate of ``samples`` in Hz.
    options : PitchOptions, optional
        Tracker settings; defaults are the measured choice.

    Returns
    -------
    PitchTrack
        One frame every ``options.hop_s`` seconds, frame ``i`` centred at ``i * hop_s``;
        ``1 + floor(duration / hop_s)`` frames.
    """
    opts = options or PitchOptions()
    x = _to_analysis_rate(np.asarray(samples).reshape(-1), sample_rate).astype(np.float64)
    sr = ANALYSIS_RATE_HZ
    hop = max(1, round(opts.hop_s * sr))
    window = max(8, round(opts.window_s * sr))
    max_lag = math.ceil(sr / opts.fmin_hz)
    min_lag = max(2, math.floor(sr / opts.fmax_hz))
    frame_len = window + max_lag + 1
    n_frames = 1 + len(x) // hop
    half = frame_len // 2
    padded = np.pad(x, (half, frame_len))
    # Frame RMS over the integration window, from one cumulative sum (no framing needed).
    csum = np.concatenate([[0.0], np.cumsum(padded * padded)])
    starts = np.arange(n_frames) * hop
    win_start = starts + (frame_len - window) // 2
    power = (csum[win_start + window] - csum[win_start]) / window
    level_db = 10.0 * np.log10(np.maximum(power, 1e-12))
    loud_db = float(np.percentile(level_db, 95)) if n_frames else -120.0
    active = level_db > max(loud_db - SILENCE_GATE_DB, -100.0)

    f0 = np.full(n_frames, np.nan)
    aper = np.ones(n_frames)
    voiced = np.zeros(n_frames, dtype=bool)
    idx = np.flatnonzero(active)
    if idx.size:
        view = np.lib.stride_tricks.sliding_window_view(padded, frame_len)
        # In blocks of frames: the FFT temporaries of a whole 10-minute answer at once take
        # over a gigabyte; only the (frames x lags) difference function is kept.
        cm = np.empty((idx.size, max_lag + 1))
        for first in range(0, idx.size, FRAMES_PER_BLOCK):
            block = view[starts[idx[first:first + FRAMES_PER_BLOCK]]]
            block = block - block.mean(axis=1, keepdims=True)
            cm[first:first + FRAMES_PER_BLOCK] = _cmndf(block, window, max_lag)
        period, dip = _pick_periods(cm, min_lag, max_lag, opts.pick_threshold)
        reliable = dip < RELIABLE_DIP
        if opts.adapt_range and np.count_nonzero(reliable) >= 20:
            hz = sr / period[reliable]
            q25, q75 = np.percentile(hz, [25, 75])
            lo_hz = max(opts.fmin_hz, 0.75 * q25)
            hi_hz = min(opts.fmax_hz, 2.0 * q75)
            if hi_hz > lo_hz * 1.5:
                lo = max(min_lag, math.floor(sr / hi_hz))
                hi = min(max_lag, math.ceil(sr / lo_hz))
                period, dip = _pick_periods(cm, lo, hi, opts.pick_threshold)
        f0[idx] = sr / period
        aper[idx] = dip
    if opts.voicing_switch_prob > 0:
        voiced = _smooth_voicing(aper, opts.voicing_threshold, opts.voicing_switch_prob)
    else:
        voiced = aper < opts.voicing_threshold
    voiced = _drop_short_runs(voiced, round(MIN_VOICED_RUN_S / opts.hop_s))
    f0[~voiced] = np.nan
    times = np.arange(n_frames) * (hop / sr)
    return PitchTrack(
        times_s=times,
        f0_hz=f0,
        voiced=voiced,
        aperiodicity=aper,
        level_db=level_db,
        hop_s=hop / sr,
    )


def summarize_pitch(
    track: PitchTrack,
    *,
    baseline_median_hz: float | None = None,
    mask: np.ndarray | None = None,
) -> PitchSummary | None:
    """Speaker-relative pitch statistics; None when fewer than 0.5 s of voiced frames.

    Parameters
    ----------
    track : PitchTrack
        Output of :func:`track_pitch`.
    baseline_median_hz : float, optional
        The user's median F0 from earlier answers; gives ``shift_st``.
    mask : np.ndarray of bool, shape (n_frames,), optional
        Restrict to these frames (e.g. the answer's speech spans).
    """
    voiced = track.voiced if mask is None else (track.voiced & mask)
    f0 = track.f0_hz[voiced]
    if f0.size < MIN_VOICED_FRAMES_FOR_SUMMARY:
        return None
    median = float(np.median(f0))
    st = hz_to_st(f0, median)
    p10, p90 = np.percentile(st, [10, 90])
    rng = float(p90 - p10)
    gated = track.aperiodicity < 1.0
    if mask is not None:
        gated = gated & mask
    frac = float(f0.size / max(1, np.count_nonzero(gated)))
    shift = None if baseline_median_hz is None else float(hz_to_st(median, baseline_median_hz))
    return PitchSummary(
        median_hz=median,
        range_st=rng,
        std_st=float(np.std(st)),
        voiced_fraction=min(1.0, frac),
        monotone=rng < MONOTONE_RANGE_ST,
        unsteady=rng > UNSTEADY_RANGE_ST,
        shift_st=shift,
    )
