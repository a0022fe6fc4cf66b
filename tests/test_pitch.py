"""The pitch tracker on signals with known F0, and against librosa.pyin on real speech."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from voice_coach.errors import ConfigError
from voice_coach.prosody.pitch import PitchOptions, hz_to_st, summarize_pitch, track_pitch

SR = 16000


def harmonic(f0_hz: np.ndarray, *, amplitude: float = 0.3, seed: int = 0) -> np.ndarray:
    """A voice-like harmonic signal (6 harmonics, 1/k amplitudes) following ``f0_hz``."""
    phase = 2 * np.pi * np.cumsum(f0_hz) / SR
    out = sum(np.sin(k * phase) / k for k in range(1, 7))
    noise = np.random.default_rng(seed).normal(0, 0.003, f0_hz.size)
    return (amplitude * out / 2 + noise).astype(np.float32)


@pytest.mark.parametrize("f0", [85.0, 120.0, 210.0, 330.0])
def test_steady_voice_median_within_one_percent(f0: float) -> None:
    track = track_pitch(harmonic(np.full(SR * 2, f0)), SR)
    assert track.voiced.mean() > 0.9
    assert abs(np.median(track.voiced_f0_hz) / f0 - 1) < 0.01


def test_frames_times_and_nan_only_where_unvoiced() -> None:
    x = np.concatenate([np.zeros(SR // 2), harmonic(np.full(SR, 150.0)), np.zeros(SR // 2)])
    track = track_pitch(x.astype(np.float32), SR)
    assert track.times_s.shape == track.f0_hz.shape == track.voiced.shape
    assert len(track.times_s) == 1 + int(2.0 / 0.01)
    assert np.array_equal(np.isnan(track.f0_hz), ~track.voiced)
    voiced_t = track.times_s[track.voiced]
    assert voiced_t.min() == pytest.approx(0.5, abs=0.04)
    assert voiced_t.max() == pytest.approx(1.5, abs=0.04)


def test_silence_and_noise_are_unvoiced() -> None:
    assert not track_pitch(np.zeros(SR, dtype=np.float32), SR).voiced.any()
    noise = np.random.default_rng(1).normal(0, 0.1, SR * 2).astype(np.float32)
    assert track_pitch(noise, SR).voiced.mean() < 0.1


@pytest.mark.parametrize("slope_st_per_s", [-12.0, 6.0, 15.0])
def test_glide_slope_is_recovered(slope_st_per_s: float) -> None:
    t = np.arange(SR) / SR
    f0 = 160.0 * 2 ** (slope_st_per_s * t / 12)
    track = track_pitch(harmonic(f0), SR)
    v = track.voiced & (track.times_s > 0.1) & (track.times_s < 0.9)
    fitted = np.polyfit(track.times_s[v], hz_to_st(track.f0_hz[v], 160.0), 1)[0]
    assert fitted == pytest.approx(slope_st_per_s, abs=0.5)


def test_summary_monotone_range_and_baseline_shift() -> None:
    flat = summarize_pitch(track_pitch(harmonic(np.full(SR * 2, 140.0)), SR))
    assert flat is not None and flat.monotone and flat.range_st < 1.0
    t = np.arange(SR * 2) / SR
    lively = harmonic(140.0 * 2 ** (4 * np.sin(2 * np.pi * 1.5 * t) / 12))  # +-4 st
    summary = summarize_pitch(track_pitch(lively, SR), baseline_median_hz=140.0 / 2 ** (2 / 12))
    assert summary is not None and not summary.monotone
    assert 5.0 < summary.range_st < 8.5
    assert summary.shift_st == pytest.approx(2.0, abs=0.3)


def test_too_little_voicing_gives_no_summary() -> None:
    short = np.concatenate([harmonic(np.full(SR // 5, 150.0)), np.zeros(SR)])
    assert summarize_pitch(track_pitch(short.astype(np.float32), SR)) is None


def test_options_are_validated() -> None:
    with pytest.raises(ConfigError, match="Pitch range"):
        PitchOptions(fmin_hz=300, fmax_hz=200)
    with pytest.raises(ConfigError, match="Pitch range"):
        PitchOptions(fmin_hz=50.0)  # below C2: no candidate periods there
    with pytest.raises(ConfigError, match="switch probability"):
        PitchOptions(voicing_switch_prob=0.0)


def _pyin_trough_probs(frame: np.ndarray) -> np.ndarray:
    """pyin's per-trough probabilities for one CMNDF frame, written as librosa writes them."""
    import scipy.stats

    thresholds = np.linspace(0, 1, 101)
    beta = np.diff(scipy.stats.beta.cdf(thresholds, 2, 18))
    trough = np.zeros(frame.size, dtype=bool)
    trough[1:-1] = (frame[1:-1] < frame[:-2]) & (frame[1:-1] <= frame[2:])
    trough[0] = frame[0] < frame[1]
    trough[-1] = frame[-1] < frame[-2]
    index = np.flatnonzero(trough)
    out = np.zeros(frame.size)
    below = np.less.outer(frame[index], thresholds[1:])
    prior = scipy.stats.boltzmann.pmf(np.cumsum(below, axis=0) - 1, 2, below.sum(axis=0))
    prior[~below] = 0
    probs = prior.dot(beta)
    lowest = np.argmin(frame[index])
    probs[lowest] += 0.01 * np.sum(beta[: np.count_nonzero(~below[lowest])])
    out[index] = probs
    return out


def test_trough_probabilities_follow_pyins_model() -> None:
    """The vectorised observation model gives pyin's probabilities for the lowest troughs."""
    from voice_coach.prosody.pitch import _trough_candidates

    rng = np.random.default_rng(3)
    lags = np.arange(130)
    rows = []
    for period in (20, 37, 55, 90):  # a periodic dip pattern plus noise, heights 0.05-0.9
        depth = rng.uniform(0.05, 0.6)
        row = 1 - (1 - depth) * np.exp(-0.5 * ((lags % period) / 2.0) ** 2) * (lags >= period)
        rows.append(np.clip(row + rng.normal(0, 0.05, lags.size), 0.01, 2.0))
    rows.append(np.clip(1 + rng.normal(0, 0.1, lags.size), 0.3, 2.0))  # noise: no low trough
    cmndf = np.asarray(rows)
    cmndf[:, 0] = 1.0
    f0, prob, height = _trough_candidates(cmndf, 3, 123, 8000)
    for r in range(cmndf.shape[0]):
        expected = _pyin_trough_probs(cmndf[r, 3:124])
        found = prob[r] > 0
        lags_found = np.rint(8000 / f0[r][found]).astype(int) - 3
        # Each kept candidate has pyin's probability (parabolic shift moves F0 < 1 lag), up
        # to the thresholds above 0.6 and the troughs beyond the 6 lowest, which change it by
        # under 1e-5 (pyin's unvoiced likelihood it is compared with is ~1.6e-3).
        for p_ours, h, lag_guess in zip(prob[r][found], height[r][found], lags_found,
                                        strict=True):
            lag = int(np.flatnonzero(np.isclose(cmndf[r, 3:124], h))[0])
            assert abs(lag - lag_guess) <= 1
            assert p_ours == pytest.approx(expected[lag], rel=1e-3, abs=1e-5)
        # The kept candidates carry (nearly) all of pyin's voiced probability.
        assert prob[r].sum() == pytest.approx(expected.sum(), abs=1e-5)


@pytest.mark.speech
@pytest.mark.parametrize("name", ["cmu_arctic_a0024.wav", "cmu_arctic_aew_a0001.wav",
                                  "librispeech_1272-128104-0000.wav"])
def test_agrees_with_pyin_on_real_speech(speech_dir: Path, name: str) -> None:
    """Median F0 within 3 % of pyin, voicing agreement at least 90 % (PROSODY.md 5).

    pyin's Viterbi keeps low-energy frames "voiced" at its floor frequency; those frames are
    not pitch measurements and count as unvoiced here (as in benchmarks/bench_prosody.py).
    """
    import librosa

    from voice_coach.audio import load_audio

    rec = load_audio(speech_dir / "audio" / name)
    ref_f0, ref_voiced, _ = librosa.pyin(rec.samples, sr=SR, fmin=65.406, fmax=2093.0,
                                         frame_length=1024, hop_length=160)
    ref_voiced &= np.nan_to_num(ref_f0) >= 65.406 * 1.06
    track = track_pitch(rec.samples, SR)
    n = min(ref_f0.size, track.f0_hz.size)
    assert np.mean(ref_voiced[:n] == track.voiced[:n]) >= 0.90
    ours = np.median(track.voiced_f0_hz)
    assert abs(ours / np.nanmedian(ref_f0[ref_voiced]) - 1) < 0.03
