"""Creak (vocal fry) at phrase ends: synthetic creaky tails vs modal endings and fricatives."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.signal import lfilter

from voice_coach.prosody import Delivery
from voice_coach.prosody.pitch import track_pitch
from voice_coach.prosody.voice_quality import measure_creak
from voice_coach.scoring import score_confidence

SR = 16000


def _formants(x: np.ndarray) -> np.ndarray:
    for f, bw in ((700.0, 90.0), (1200.0, 110.0), (2500.0, 160.0)):
        r = np.exp(-np.pi * bw / SR)
        x = lfilter([1 - r], [1, -2 * r * np.cos(2 * np.pi * f / SR), r * r], x)
    return x


def _phrase(rng: np.random.Generator, tail: str) -> tuple[np.ndarray, float]:
    """A falling modal vowel (130 -> 105 Hz, 0.8 s) and a 0.35 s tail; returns its end."""
    times, amps, t = [], [], 0.0
    while t < 0.8:
        times.append(t)
        amps.append(1.0)
        t += 1.0 / (130.0 - 25.0 * t / 0.8)
    n = int((0.8 + (0.35 if tail != "none" else 0.0)) * SR)
    if tail == "creak":  # irregular pulses at 38-60 Hz with shimmer
        while t < 1.15:
            times.append(t)
            amps.append(rng.uniform(0.4, 1.0))
            t += 1.0 / rng.uniform(38.0, 60.0)
    x = np.zeros(n)
    idx = (np.array(times) * SR).astype(int)
    keep = idx < n
    x[idx[keep]] = np.array(amps)[keep]
    x = _formants(x)
    x = 0.3 * x / np.max(np.abs(x))
    if tail == "fricative":  # an "s": high-passed noise
        noise = rng.normal(0.0, 1.0, int(0.35 * SR))
        s = lfilter([1.0, -0.95], [1.0], noise)
        s = 0.05 * s / np.std(s)
        x[int(0.8 * SR):] += s
    return x, 0.8


def _answer(tail: str, phrases: int = 5) -> tuple[np.ndarray, list[float]]:
    rng = np.random.default_rng(7)
    parts = [np.zeros(int(0.3 * SR))]
    ends = []
    for _ in range(phrases):
        x, end = _phrase(rng, tail)
        ends.append(sum(p.size for p in parts) / SR + end)
        parts += [x, rng.normal(0.0, 1e-4, int(0.5 * SR))]
    return np.concatenate(parts).astype(np.float32), ends


def _last_voiced(track, ends: list[float]) -> list[float]:
    return [float(track.times_s[track.voiced & (track.times_s <= e + 0.05)][-1]) for e in ends]


@pytest.mark.parametrize(("tail", "creaky"), [("creak", True), ("none", False),
                                               ("fricative", False)])
def test_creaky_tails_are_found_and_modal_or_fricative_endings_are_not(tail: str,
                                                                      creaky: bool) -> None:
    x, ends = _answer(tail)
    track = track_pitch(x, SR)
    summary = measure_creak(x, SR, track, _last_voiced(track, ends))
    assert summary is not None and summary.measured_count == len(ends)
    if creaky:
        assert summary.creaky_count == len(ends) and summary.noted
        # Each creaky end is reported where the creak ends, after the modal vowel.
        for t, end in zip(summary.creaky_ends_s, ends, strict=True):
            assert end < t <= end + 0.4
    else:
        assert summary.creaky_count == 0 and not summary.noted


def test_no_phrase_end_means_no_creak_measure() -> None:
    x, _ = _answer("none", phrases=1)
    assert measure_creak(x, SR, track_pitch(x, SR), []) is None


def test_creak_is_a_note_with_no_weight_in_the_score() -> None:
    base = dict(words_per_minute=150.0, articulation_wpm=170.0, response_latency_s=0.5,
                pauses=(), long_pause_count=0, filler_count=0, filler_per_100_words=0.0,
                hedge_per_100_words=0.0, speech_s=30.0, speech_span_s=32.0, word_count=80,
                fillers=(), hedges=(), enough_speech=True)
    creaky = Delivery(**base, creak={"share": 0.8, "creaky_count": 4, "measured_count": 5,
                                      "creaky_ends_s": [3.0, 6.0, 9.0, 12.0], "noted": True})
    modal = Delivery(**base, creak={"share": 0.0, "creaky_count": 0, "measured_count": 5,
                                     "creaky_ends_s": [], "noted": False})
    score_c, _, cues, fixes = score_confidence(creaky, None)
    score_m, _, _, _ = score_confidence(modal, None)
    cue = next(c for c in cues if c.id == "creak")
    assert cue.status == "amber" and cue.weight == 0.0 and len(cue.moments) == 4
    assert score_c == score_m
    assert all("creak" not in f.title.lower() for f in fixes)
