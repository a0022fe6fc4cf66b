"""measure_delivery on real speech with controlled changes (sox tempo and pad)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from voice_coach.audio import load_audio
from voice_coach.prosody import measure_delivery
from voice_coach.prosody.baseline import build_baseline

pytestmark = pytest.mark.speech

CLIP = "audio/osr_harvard_sentences.wav"


def _sox(src: Path, dst: Path, *effects: str) -> Path:
    sox = shutil.which("sox")
    if sox is None:
        pytest.skip("sox is not installed")
    subprocess.run([sox, str(src), "-r", "16000", "-c", "1", str(dst), *effects],
                   check=True, capture_output=True)
    return dst


def _deliver(path: Path, transcriber, **kw):
    rec = load_audio(path)
    return measure_delivery(rec, transcriber.transcribe(rec), **kw)


def test_rate_scales_with_tempo(speech_dir: Path, transcriber, tmp_path: Path) -> None:
    base = _deliver(_sox(speech_dir / CLIP, tmp_path / "a.wav"), transcriber)
    fast = _deliver(_sox(speech_dir / CLIP, tmp_path / "b.wav", "tempo", "1.3"), transcriber)
    assert base.words_per_minute and fast.words_per_minute
    assert fast.words_per_minute / base.words_per_minute == pytest.approx(1.3, rel=0.1)
    assert fast.articulation_wpm / base.articulation_wpm == pytest.approx(1.3, rel=0.12)


def test_inserted_silence_is_found_where_it_was_put(speech_dir: Path, transcriber,
                                                     tmp_path: Path) -> None:
    base = _deliver(_sox(speech_dir / CLIP, tmp_path / "a.wav"), transcriber)
    padded = _deliver(_sox(speech_dir / CLIP, tmp_path / "b.wav", "pad", "3.2@2.0"),
                      transcriber)
    found = [p for p in padded.pauses if p.start_s <= 2.1 and p.end_s >= 5.1]
    assert found, padded.pauses
    assert found[0].start_s == pytest.approx(2.0, abs=0.2)
    assert padded.very_long_pause_count == base.very_long_pause_count + 1
    assert padded.long_pause_count >= base.long_pause_count + 1


def test_baseline_from_earlier_answers_gives_relative_pitch_and_level(
        speech_dir: Path, transcriber, tmp_path: Path) -> None:
    first = _deliver(_sox(speech_dir / CLIP, tmp_path / "a.wav"), transcriber)
    assert first.pitch is not None and first.loudness is not None
    baseline = build_baseline([None, first.to_dict()])
    assert baseline is not None and baseline.answer_count == 1
    # The same voice, 3 semitones higher and 6 dB quieter.
    changed = _deliver(_sox(speech_dir / CLIP, tmp_path / "b.wav", "pitch", "300", "gain",
                            "-6"), transcriber, baseline=baseline)
    assert changed.pitch["shift_st"] == pytest.approx(3.0, abs=0.6)
    assert changed.loudness["shift_db"] == pytest.approx(-6.0, abs=1.0)
