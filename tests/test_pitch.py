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
    with pytest.raises(ConfigError, match="Voicing threshold"):
        PitchOptions(voicing_threshold=1.5)


@pytest.mark.speech
@pytest.mark.parametrize("name", ["cmu_arctic_a0024.wav", "cmu_arctic_aew_a0001.wav",
                                  "librispeech_1272-128104-0000.wav"])
def test_agrees_with_pyin_on_real_speech(speech_dir: Path, name: str) -> None:
    """Median F0 within 3 % of pyin, voicing agreement at least 85 % (PROSODY.md 5).

    pyin's Viterbi keeps low-energy frames "voiced" at its floor frequency; those frames are
    not pitch measurements and count as unvoiced here (as in benchmarks/bench_prosody.py).
    """
    import librosa

    from voice_coach.audio import load_audio

    rec = load_audio(speech_dir / "audio" / name)
    ref_f0, ref_voiced, _ = librosa.pyin(rec.samples, sr=SR, fmin=60.0, fmax=500.0,
                                         frame_length=1024, hop_length=160)
    ref_voiced &= np.nan_to_num(ref_f0) >= 60.0 * 1.06
    track = track_pitch(rec.samples, SR)
    n = min(ref_f0.size, track.f0_hz.size)
    assert np.mean(ref_voiced[:n] == track.voiced[:n]) >= 0.85
    ours = np.median(track.voiced_f0_hz)
    assert abs(ours / np.nanmedian(ref_f0[ref_voiced]) - 1) < 0.03
