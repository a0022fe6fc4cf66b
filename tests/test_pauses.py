"""The energy voice-activity detector: pauses found where they were put."""

from __future__ import annotations

import subprocess

import numpy as np
import pytest
from signals import tone

from voice_coach.audio import load_audio
from voice_coach.errors import ConfigError
from voice_coach.prosody.pauses import PauseOptions, detect_speech_activity

RATE = 16000


def _bursts(layout: list[tuple[str, float]], *, noise_db: float | None = None) -> np.ndarray:
    """Concatenate ('s', seconds) voiced bursts and ('q', seconds) silences."""
    rng = np.random.default_rng(0)
    parts = []
    for kind, seconds in layout:
        if kind == "s":
            # A vowel-like harmonic signal with a syllable-rate amplitude wobble.
            t = np.arange(int(seconds * RATE)) / RATE
            wobble = 0.6 + 0.4 * np.abs(np.sin(2 * np.pi * 4.0 * t))
            parts.append((wobble * (tone(140, seconds) + 0.5 * tone(280, seconds))
                          ).astype(np.float32))
        else:
            parts.append(np.zeros(int(seconds * RATE), dtype=np.float32))
    signal = np.concatenate(parts)
    if noise_db is not None:
        signal = signal + (10 ** (noise_db / 20) * rng.standard_normal(signal.size)
                           ).astype(np.float32)
    return signal


@pytest.mark.parametrize("noise_db", [None, -50.0, -35.0])
def test_inserted_silences_are_found_where_they_were_put(noise_db):
    signal = _bursts([("q", 1.3), ("s", 2.0), ("q", 0.6), ("s", 1.5), ("q", 1.8), ("s", 2.0),
                      ("q", 0.1), ("s", 1.0), ("q", 0.5)], noise_db=noise_db)
    activity = detect_speech_activity(signal, RATE)
    starts = [p.start_s for p in activity.pauses]
    ends = [p.end_s for p in activity.pauses]
    # The 0.1 s gap is articulation, not a pause; the two real pauses are found within 30 ms.
    assert len(activity.pauses) == 2
    assert starts == pytest.approx([3.3, 5.4], abs=0.03)
    assert ends == pytest.approx([3.9, 7.2], abs=0.03)
    assert activity.onset_s == pytest.approx(1.3, abs=0.03)
    assert activity.offset_s == pytest.approx(10.3, abs=0.03)
    assert activity.speech_s == pytest.approx(6.6, abs=0.1)


@pytest.mark.parametrize("signal", [
    np.zeros(RATE * 5, dtype=np.float32),
    (0.05 * np.random.default_rng(3).standard_normal(RATE * 5)).astype(np.float32),
    tone(440, 5.0),
])
def test_no_speech_contrast_means_no_speech(signal):
    activity = detect_speech_activity(signal, RATE)
    assert activity.spans == ()
    assert activity.pauses == ()
    assert activity.onset_s is None


def test_minimum_pause_is_configurable():
    signal = _bursts([("s", 1.0), ("q", 0.18), ("s", 1.0)])
    assert len(detect_speech_activity(signal, RATE).pauses) == 0
    fine = detect_speech_activity(signal, RATE, options=PauseOptions(min_pause_s=0.1))
    assert [round(p.duration_s, 1) for p in fine.pauses] == [0.2]


def test_options_are_validated():
    with pytest.raises(ConfigError, match=r"min_pause_s=0\.01"):
        PauseOptions(min_pause_s=0.01)


def test_silence_padded_into_real_speech_is_found(say, tmp_path):
    """sox `pad 2.5@1.6` inserts 2.5 s of silence 1.6 s into an espeak-ng sentence."""
    original = say("We shipped the new billing system two weeks early and under budget.",
                   name="pad_src")
    padded = tmp_path / "padded.wav"
    subprocess.run(["sox", str(original), str(padded), "pad", "2.5@1.6"], check=True)
    before = detect_speech_activity(load_audio(original).samples, RATE)
    after = detect_speech_activity(load_audio(padded).samples, RATE)
    new = [p for p in after.pauses if p.duration_s >= 2.4]
    assert len(new) == 1
    # The inserted silence starts at 1.6 s (or earlier, if espeak was already quiet there).
    assert 1.3 <= new[0].start_s <= 1.62
    assert 4.1 - 0.02 <= new[0].end_s <= 4.4
    assert not any(p.duration_s >= 2.4 for p in before.pauses)
