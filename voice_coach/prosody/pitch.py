"""Fundamental-frequency (F0) tracking for speech, fast enough to run beside Whisper.

The tracker is pyin (Mauch & Dixon 2014, as ``librosa.pyin`` implements it) computed
cheaply:

1. energy gate: frames quieter than the answer's loud frames by more than
   :data:`SILENCE_GATE_DB` are unvoiced and never analysed (most pauses cost nothing);
2. YIN's cumulative-mean-normalised difference (CMNDF), with FFTs on an 8 kHz copy of the
   signal, in blocks of :data:`FRAMES_PER_BLOCK` frames;
3. pyin's observation model: a Beta(2, 18) prior over YIN thresholds and a Boltzmann prior
   over the troughs below each threshold give every trough (periods of C2-C7) a probability
   of being the pitch; only the few lowest troughs of a frame are kept;
4. pyin's hidden Markov model, decoded by Viterbi: voiced states at those candidates,
   unvoiced states with likelihood ``(1 - P(voiced)) / n_bins``, pitch moves of at most
   2 semitones up or down per 10 ms with triangular weights (pyin's 4-semitone-wide
   window), switching voicing at probability 0.01.
   Voiced states with no candidate have probability 0 in pyin, so only the candidates are
   kept (a sparse trellis; about 70 states a frame instead of 1,202).

Frames pyin's HMM keeps "voiced" at its C2 floor (quiet stretches) are not pitch and are
called unvoiced (:data:`PYIN_FLOOR_FACTOR`). Settings were chosen by measured agreement with
full-resolution ``librosa.pyin`` at its documented default range on ``shared/speech`` (see
``benchmarks/bench_prosody.py`` and ``docs/prosody.md``).
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

PYIN_FMIN_HZ = 65.406
"""C2, the floor of ``librosa.pyin``'s documented default range: the lowest candidate period."""

PYIN_FMAX_HZ = 2093.0
"""C7, the ceiling of that range: troughs up to here shape the voicing probability as in pyin."""

PYIN_FLOOR_FACTOR = 1.06
"""pyin's Viterbi keeps quiet stretches "voiced" at its C2 floor; a decoded F0 within this
factor of C2 is that artefact, not a pitch (6 %, one semitone; as ``voice_coach.bench``)."""

BETA_PRIOR = (2.0, 18.0)
"""Prior over YIN thresholds, Beta(2, 18) (mean 0.1): pyin's default (Mauch & Dixon 2014)."""

N_THRESHOLDS = 100
"""Thresholds 0.01 ... 1.00 the prior is spread over (pyin's ``n_thresholds``)."""

THRESHOLDS_USED = 60
"""Only thresholds up to 0.60 are summed: Beta(2, 18) puts 8e-7 of its mass above 0.6,
far below the unvoiced likelihood (~1.6e-3) it would be compared with."""

BOLTZMANN_PARAMETER = 2.0
"""Prior over the troughs below a threshold, favouring short periods (pyin's default)."""

NO_TROUGH_PROB = 0.01
"""Probability given to the global minimum for thresholds no trough is below (pyin's)."""

PITCH_BINS_PER_ST = 10
"""Pitch states per semitone of pyin's HMM (its default ``resolution=0.1``)."""

MAX_TRANSITION_RATE_OCT_S = 35.92
"""Fastest pitch change pyin's HMM allows, octaves per second (its default)."""

CANDIDATES_PER_FRAME = 6
"""The lowest YIN troughs kept per frame as voiced states; on shared/speech 4 gave the same
agreement as 6, so the rest never win."""

UNVOICED_GRID_BINS = 10
"""The unvoiced states are kept every this many pitch bins (one per semitone): on a pyin
reference with pyin's own observations, grids of 1, 2, 5 and 10 bins all reproduce pyin's
voicing on 99.75 % of frames; 10 is the cheapest."""

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
        Range of the reported F0; voiced frames decoded outside it are called unvoiced.
        The floor, C2 + 6 % (69.3 Hz), drops pyin's floor-pinned frames; it is below typical
        male speech (mean about 120 Hz, Traunmüller & Eriksson); creak below it is handled by
        :mod:`voice_coach.prosody.voice_quality`. The candidate periods themselves always
        span pyin's C2-C7, so the voicing model is pyin's whatever this range.
    hop_s : float
        Frame step in seconds (10 ms, as Praat, eGeMAPS and our pyin reference use).
    window_s : float
        YIN integration window in seconds, near pyin's 64 ms frame less its longest period.
        Voicing agreement with pyin on shared/speech: 30 ms 0.914, 40 ms 0.928, 45 ms 0.940,
        50 ms 0.943, 60 ms 0.943, 70 ms 0.939; 45 ms is the longest whose frame (window
        plus the C2 period) fits a 512-point FFT at 8 kHz.
    voicing_switch_prob : float
        Probability of switching between voiced and unvoiced from one frame to the next
        (pyin's ``switch_prob``).
    """

    fmin_hz: float = PYIN_FMIN_HZ * PYIN_FLOOR_FACTOR
    fmax_hz: float = 600.0
    hop_s: float = 0.01
    window_s: float = 0.045
    voicing_switch_prob: float = 0.01

    def __post_init__(self) -> None:
        if not PYIN_FMIN_HZ <= self.fmin_hz < self.fmax_hz:
            raise ConfigError(
                f"Pitch range {self.fmin_hz}-{self.fmax_hz} Hz is invalid: the floor must be "
                f"at least {PYIN_FMIN_HZ} Hz (C2) and below the ceiling."
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
        if not 0.0 < self.voicing_switch_prob < 0.5:
            raise ConfigError(
                f"Voicing switch probability {self.voicing_switch_prob} is outside 0-0.5."
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


def _threshold_prior() -> tuple[np.ndarray, np.ndarray]:
    """pyin's thresholds 0.01 ... 1.00 and the Beta prior mass of each, shape (N_THRESHOLDS,)."""
    import scipy.special

    edges = np.linspace(0.0, 1.0, N_THRESHOLDS + 1)
    mass = np.diff(scipy.special.betainc(BETA_PRIOR[0], BETA_PRIOR[1], edges))
    return edges[1:], mass


def _trough_candidates(
    cmndf: np.ndarray, lo: int, hi: int, sr: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """pyin's observation model: the probability of each YIN trough being the pitch.

    For every threshold of the Beta prior, the troughs below it share the threshold's mass by
    a Boltzmann prior on their order (shortest period first); when none is below it, the
    global minimum gets ``NO_TROUGH_PROB`` of it (Mauch & Dixon 2014, as ``librosa.pyin``).
    Only the :data:`CANDIDATES_PER_FRAME` lowest troughs are kept.

    Parameters
    ----------
    cmndf : np.ndarray, shape (n, max_lag + 1)
        CMNDF of ``n`` frames at ``sr``.
    lo, hi : int
        Lag range in samples (pyin's C7 and C2 periods).

    Returns
    -------
    f0_hz, prob, height : np.ndarray, shape (n, CANDIDATES_PER_FRAME)
        Candidate F0 (parabolic refinement), its probability (0 where there is no
        candidate) and the CMNDF at the trough (1 where there is none).
    """
    band = cmndf[:, lo : hi + 1]
    n, width = band.shape
    trough = np.zeros_like(band, dtype=bool)
    trough[:, 1:-1] = (band[:, 1:-1] < band[:, :-2]) & (band[:, 1:-1] <= band[:, 2:])
    trough[:, 0] = band[:, 0] < band[:, 1]
    trough[:, -1] = band[:, -1] < band[:, -2]
    heights = np.where(trough, band, np.inf)
    k = min(CANDIDATES_PER_FRAME, width)
    pick = np.sort(np.argpartition(heights, k - 1, axis=1)[:, :k], axis=1)
    h = np.take_along_axis(heights, pick, axis=1)
    thresholds, mass = _threshold_prior()
    used = thresholds[:THRESHOLDS_USED]
    below = h[:, :, None] < used[None, None, :]  # (n, k, thresholds)
    order = np.cumsum(below, axis=1) - 1
    count = np.maximum(below.sum(axis=1, keepdims=True), 1)
    lam = BOLTZMANN_PARAMETER
    boltzmann = (-math.expm1(-lam)) * np.exp(-lam * order) / -np.expm1(-lam * count)
    prob = np.where(below, boltzmann, 0.0) @ mass[:THRESHOLDS_USED]
    lowest = np.min(h, axis=1)
    cum_mass = np.concatenate([[0.0], np.cumsum(mass)])
    n_above_min = np.searchsorted(thresholds, lowest, side="right")  # thresholds <= min
    prob += np.where(h == lowest[:, None], NO_TROUGH_PROB * cum_mass[n_above_min][:, None], 0.0)
    found = np.isfinite(h)
    prob[~found] = 0.0
    # Parabolic refinement of the trough (0 at the band's edges or outside +-1 sample, as pyin).
    lag = pick + lo
    rows = np.arange(n)[:, None]
    left = cmndf[rows, lag - 1]
    mid = cmndf[rows, lag]
    right = cmndf[rows, np.minimum(lag + 1, cmndf.shape[1] - 1)]
    denom = left - 2.0 * mid + right
    with np.errstate(divide="ignore", invalid="ignore"):
        shift = np.where(np.abs(denom) > 1e-12, 0.5 * (left - right) / denom, 0.0)
    shift[(np.abs(shift) > 1.0) | (pick == 0) | (pick == width - 1)] = 0.0
    f0 = sr / (lag + shift)
    return f0, prob, np.where(found, h, 1.0)


def _viterbi_states(
    cand_bin: np.ndarray,
    cand_logp: np.ndarray,
    unvoiced_logp: np.ndarray,
    half_width: int,
    grid: int,
    n_bins: int,
    log_row: np.ndarray,
    log_switch: float,
    log_stay: float,
) -> np.ndarray:  # pragma: no cover - compiled by numba, exercised through track_pitch
    """Viterbi path of pyin's voiced/unvoiced pitch HMM over sparse voiced states.

    Voiced states are the frame's candidates (every other voiced pitch bin has probability 0
    in pyin); unvoiced states are pitch bins every ``grid`` bins with a uniform likelihood.
    Moving ``d`` bins (``|d| <= half_width``) has pyin's triangular weight
    ``half_width + 1 - |d|`` over the row sum of the source bin; switching voicing multiplies
    by the switch probability. Returns, per frame, the candidate index (voiced) or -1.
    """
    n, k = cand_bin.shape
    g_count = (n_bins - 1) // grid + 1
    neg = -1e300
    v = np.full(k, neg)
    u = np.full(g_count, unvoiced_logp[0])
    v_new = np.empty(k)
    u_new = np.empty(g_count)
    back = np.full((n, k + g_count), -1, np.int16)
    for j in range(k):
        if cand_bin[0, j] >= 0:
            v[j] = cand_logp[0, j]
    reach = half_width // grid
    for t in range(1, n):
        for j in range(k):
            b = cand_bin[t, j]
            if b < 0:
                v_new[j] = neg
                continue
            best = neg
            arg = -1
            for i in range(k):
                bp = cand_bin[t - 1, i]
                if bp < 0 or v[i] <= neg or abs(b - bp) > half_width:
                    continue
                s = v[i] + log_stay + math.log(half_width + 1 - abs(b - bp)) - log_row[bp]
                if s > best:
                    best = s
                    arg = i
            g0 = max(0, (b - half_width + grid - 1) // grid)
            g1 = min(g_count - 1, (b + half_width) // grid)
            for g in range(g0, g1 + 1):
                d = abs(b - g * grid)
                s = u[g] + log_switch + math.log(half_width + 1 - d) - log_row[g * grid]
                if s > best:
                    best = s
                    arg = k + g
            v_new[j] = best + cand_logp[t, j]
            back[t, j] = arg
        for g in range(g_count):
            b = g * grid
            best = neg
            arg = -1
            for gp in range(max(0, g - reach), min(g_count - 1, g + reach) + 1):
                d = abs(b - gp * grid)
                s = u[gp] + log_stay + math.log(half_width + 1 - d) - log_row[gp * grid]
                if s > best:
                    best = s
                    arg = k + gp
            for i in range(k):
                bp = cand_bin[t - 1, i]
                if bp < 0 or v[i] <= neg or abs(b - bp) > half_width:
                    continue
                s = v[i] + log_switch + math.log(half_width + 1 - abs(b - bp)) - log_row[bp]
                if s > best:
                    best = s
                    arg = i
            u_new[g] = best + unvoiced_logp[t]
            back[t, k + g] = arg
        v[:] = v_new
        u[:] = u_new
    state = int(np.argmax(v))
    if u.max() >= v[state]:
        state = k + int(np.argmax(u))
    out = np.empty(n, np.int16)
    for t in range(n - 1, -1, -1):
        out[t] = state if state < k else -1
        if t > 0:
            state = back[t, state]
    return out


_COMPILED: dict[str, object] = {}


def _compiled_viterbi():
    """The decoder compiled by numba on first use (cached on disk between runs)."""
    if "viterbi" not in _COMPILED:
        import numba

        _COMPILED["viterbi"] = numba.njit(cache=True, nogil=True)(_viterbi_states)
    return _COMPILED["viterbi"]


def _decode_voicing(
    f0_hz: np.ndarray, prob: np.ndarray, hop_s: float, switch_prob: float
) -> np.ndarray:
    """pyin's HMM decoding: per frame the index of the voiced candidate, or -1 (unvoiced).

    Parameters
    ----------
    f0_hz, prob : np.ndarray, shape (n_frames, CANDIDATES_PER_FRAME)
        Candidates of every frame (probability 0 where there is none).
    """
    n_bins = int(12 * PITCH_BINS_PER_ST * math.log2(PYIN_FMAX_HZ / PYIN_FMIN_HZ)) + 1
    max_st = round(MAX_TRANSITION_RATE_OCT_S * 12 * hop_s)
    half_width = max(1, max_st * PITCH_BINS_PER_ST // 2)
    offsets = np.arange(-half_width, half_width + 1)
    bins = np.arange(n_bins)[:, None] + offsets[None, :]
    weights = np.where((bins >= 0) & (bins < n_bins), half_width + 1 - np.abs(offsets), 0)
    log_row = np.log(weights.sum(axis=1).astype(np.float64))
    with np.errstate(divide="ignore", invalid="ignore"):
        bin_f = np.round(12 * PITCH_BINS_PER_ST * np.log2(f0_hz / PYIN_FMIN_HZ))
    usable = (prob > 0) & (bin_f >= 0) & (bin_f < n_bins)
    cand_bin = np.where(usable, bin_f, -1).astype(np.int32)
    cand_logp = np.log(np.where(usable, prob, 1.0))
    voiced_prob = np.clip(np.where(usable, prob, 0.0).sum(axis=1), 0.0, 1.0)
    unvoiced_logp = np.log(np.maximum(1.0 - voiced_prob, 1e-12) / n_bins)
    grid = min(UNVOICED_GRID_BINS, half_width)
    return _compiled_viterbi()(
        cand_bin, cand_logp, unvoiced_logp, half_width, grid, n_bins, log_row,
        math.log(switch_prob), math.log1p(-switch_prob),
    ).astype(np.int64)


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

    YIN difference functions at 8 kHz give each frame's troughs; pyin's probabilistic model
    turns them into voiced-pitch likelihoods, and pyin's HMM (pitch continuity plus a
    voiced/unvoiced switch) decodes voicing and F0 together.

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
    max_lag = math.ceil(sr / PYIN_FMIN_HZ)
    min_lag = max(2, math.floor(sr / PYIN_FMAX_HZ))
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

    k = CANDIDATES_PER_FRAME
    cand_f0 = np.ones((n_frames, k))
    cand_prob = np.zeros((n_frames, k))
    cand_height = np.ones((n_frames, k))
    idx = np.flatnonzero(active)
    if idx.size:
        view = np.lib.stride_tricks.sliding_window_view(padded, frame_len)
        # In blocks of frames: the FFT temporaries of a whole 10-minute answer at once take
        # over a gigabyte; only the few candidates per frame are kept.
        for first in range(0, idx.size, FRAMES_PER_BLOCK):
            rows = idx[first:first + FRAMES_PER_BLOCK]
            block = view[starts[rows]]
            block = block - block.mean(axis=1, keepdims=True)
            f0_b, prob_b, height_b = _trough_candidates(
                _cmndf(block, window, max_lag), min_lag, max_lag, sr
            )
            cand_f0[rows], cand_prob[rows], cand_height[rows] = f0_b, prob_b, height_b
    aper = cand_height.min(axis=1)
    f0 = np.full(n_frames, np.nan)
    state = _decode_voicing(cand_f0, cand_prob, hop / sr, opts.voicing_switch_prob)
    voiced = state >= 0
    frames = np.flatnonzero(voiced)
    f0[frames] = cand_f0[frames, state[frames]]
    aper[frames] = cand_height[frames, state[frames]]
    voiced &= (f0 >= opts.fmin_hz) & (f0 <= opts.fmax_hz)
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
