"""Loudness relative to the answer and the user's baseline, and phrase-final fades."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from voice_coach.prosody.loudness import measure_loudness
from voice_coach.prosody.pitch import track_pitch

SR = 16000


def _voice(seconds: float, envelope_db: np.ndarray | None = None) -> np.ndarray:
    t = np.arange(int(seconds * SR)) / SR
    x = sum(np.sin(2 * np.pi * 150 * k * t) / k for k in range(1, 6)) * 0.1
    if envelope_db is not None:
        x = x * 10 ** (np.interp(t, np.linspace(0, seconds, envelope_db.size), envelope_db) / 20)
    return x.astype(np.float32)


def _phrase(start: float, end: float, word: str = "done.") -> SimpleNamespace:
    return SimpleNamespace(start_s=start, end_s=end, word=word)


def test_fading_phrase_ends_are_trailing_off() -> None:
    # Two 1.5 s phrases whose last 300 ms drop 30 dB (a fade), separated by silence.
    env = np.concatenate([np.zeros(60), np.linspace(0, -30, 15)])
    phrase = _voice(1.5, env)
    x = np.concatenate([phrase, np.zeros(SR // 2, dtype=np.float32), phrase])
    track = track_pitch(x, SR)
    spans = [(0.0, 1.5), (2.0, 3.5)]
    loud = measure_loudness(track.level_db, track.hop_s, spans,
                            [_phrase(0.0, 1.48), _phrase(2.0, 3.48)])
    assert loud is not None
    assert len(loud.fades) == 2
    assert all(f.fade_db <= -10 for f in loud.fades)
    assert loud.trailing_off is True and loud.fading_share == 1.0


def test_steady_phrases_do_not_fade_and_baseline_shift_is_relative() -> None:
    x = np.concatenate([_voice(1.5), np.zeros(SR // 2, dtype=np.float32), _voice(1.5)])
    track = track_pitch(x, SR)
    spans = [(0.0, 1.5), (2.0, 3.5)]
    loud = measure_loudness(track.level_db, track.hop_s, spans,
                            [_phrase(0.0, 1.48), _phrase(2.0, 3.48)])
    assert loud is not None and loud.trailing_off is False
    assert abs(loud.fade_db) < 2.0
    quieter = measure_loudness(*_levels(x * 10 ** (-8 / 20)), spans, (),
                               baseline_db=loud.mean_db)
    assert quieter is not None
    assert quieter.shift_db == pytest.approx(-8.0, abs=0.3)
    assert quieter.fade_db is None and quieter.trailing_off is None


def _levels(x: np.ndarray) -> tuple[np.ndarray, float]:
    track = track_pitch(x.astype(np.float32), SR)
    return track.level_db, track.hop_s


def test_no_speech_gives_none() -> None:
    track = track_pitch(np.zeros(SR, dtype=np.float32), SR)
    assert measure_loudness(track.level_db, track.hop_s, []) is None
