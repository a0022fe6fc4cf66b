"""Acoustic "hidden filler" detection: synthetic vowels, spliced espeak-ng fillers, real "um"s."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from scipy.signal import lfilter

from voice_coach.audio import load_audio
from voice_coach.errors import ConfigError
from voice_coach.prosody import Delivery, measure_delivery
from voice_coach.prosody.hidden_fillers import (
    TRANSCRIBED_FILLER_SLACK_S,
    HiddenFillerOptions,
    detect_hidden_fillers,
    find_steady_voicing,
)
from voice_coach.prosody.pitch import track_pitch
from voice_coach.transcription import Word

SR = 16000


def _vowel(seconds: float, f0_start: float, f0_end: float, *,
           formants: tuple[float, ...] = (500.0, 1500.0, 2500.0)) -> np.ndarray:
    """A glottal pulse train through formant resonators (a schwa by default)."""
    times, t = [], 0.0
    while t < seconds:
        times.append(t)
        t += 1.0 / (f0_start + (f0_end - f0_start) * t / seconds)
    x = np.zeros(int(seconds * SR))
    x[(np.array(times) * SR).astype(int)] = 1.0
    for f, bw in zip(formants, (80.0, 100.0, 150.0), strict=True):
        r = np.exp(-np.pi * bw / SR)
        x = lfilter([1 - r], [1, -2 * r * np.cos(2 * np.pi * f / SR), r * r], x)
    return (0.3 * x / np.max(np.abs(x))).astype(np.float32)


def _syllables(n: int, rng: np.random.Generator) -> np.ndarray:
    """Speech-like filler material: short syllables with moving pitch and formants."""
    parts = []
    for _ in range(n):
        f0 = rng.uniform(100, 140)
        parts.append(_vowel(0.14, f0, f0 * rng.choice([0.85, 1.2]),
                            formants=(rng.uniform(300, 800), rng.uniform(900, 2200), 2700.0)))
        parts.append(np.zeros(int(0.04 * SR), dtype=np.float32))
    return np.concatenate(parts)


def _answer(middle: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, float, float]:
    gap = np.zeros(int(0.15 * SR), dtype=np.float32)
    head, tail = _syllables(8, rng), _syllables(8, rng)
    x = np.concatenate([head, gap, middle, gap, tail])
    start = (head.size + gap.size) / SR
    return x, start, start + middle.size / SR


def _words_around(start: float, end: float, total: float) -> tuple[Word, ...]:
    return (Word("So", 0.0, start - 0.2, 0.9), Word("then", end + 0.1, total, 0.9))


def test_level_steady_vowel_in_a_word_gap_is_found() -> None:
    x, start, end = _answer(_vowel(0.5, 112.0, 110.0), np.random.default_rng(1))
    track = track_pitch(x, SR)
    found = detect_hidden_fillers(x, SR, track, _words_around(start, end, x.size / SR),
                                  reference_hz=120.0)
    assert len(found) == 1
    assert found[0].start_s == pytest.approx(start, abs=0.08)
    assert found[0].end_s == pytest.approx(end, abs=0.08)
    assert found[0].where == "gap"
    assert found[0].range_st < 1.0


@pytest.mark.parametrize(("seconds", "f0_end", "why"), [
    (0.5, 150.0, "a 5 st glide is intonation, not a filler"),
    (0.15, 110.0, "too short"),
])
def test_gliding_or_short_vowels_are_not_fillers(seconds: float, f0_end: float,
                                                 why: str) -> None:
    x, start, end = _answer(_vowel(seconds, 112.0, f0_end), np.random.default_rng(2))
    track = track_pitch(x, SR)
    assert detect_hidden_fillers(x, SR, track, _words_around(start, end, x.size / SR),
                                 reference_hz=120.0) == (), why


def test_a_high_held_note_is_not_a_filler_but_a_low_one_is() -> None:
    """Fillers are said near or below the speaker's median (O'Shaughnessy 1992)."""
    x, start, end = _answer(_vowel(0.5, 150.0, 150.0), np.random.default_rng(3))
    track = track_pitch(x, SR)
    words = _words_around(start, end, x.size / SR)
    assert find_steady_voicing(x, SR, track)  # the shape is there ...
    assert detect_hidden_fillers(x, SR, track, words, reference_hz=120.0) == ()  # ... too high
    assert len(detect_hidden_fillers(x, SR, track, words, reference_hz=150.0)) == 1


def test_a_transcribed_filler_or_a_normal_word_covering_it_is_not_hidden() -> None:
    x, start, end = _answer(_vowel(0.5, 112.0, 110.0), np.random.default_rng(4))
    track = track_pitch(x, SR)
    total = x.size / SR
    um = (Word("So", 0.0, start - 0.1, 0.9), Word("um,", start, end, 0.8),
          Word("then", end + 0.1, total, 0.9))
    assert detect_hidden_fillers(x, SR, track, um, reference_hz=120.0) == ()
    # A confident long word that plausibly lasts as long as the stretch.
    word = (Word("So", 0.0, start - 0.1, 0.9), Word("everything", start - 0.05, end + 0.05, 0.95),
            Word("then", end + 0.1, total, 0.9))
    assert detect_hidden_fillers(x, SR, track, word, reference_hz=120.0) == ()
    # The same stretch under a short word that Whisper stretched over it.
    stretched = (Word("So", 0.0, start - 0.1, 0.9), Word("I", start - 0.05, end + 0.05, 0.95),
                 Word("then", end + 0.1, total, 0.9))
    found = detect_hidden_fillers(x, SR, track, stretched, reference_hz=120.0)
    assert [f.where for f in found] == ["stretched_word"]


def test_options_are_validated() -> None:
    with pytest.raises(ConfigError, match="duration"):
        HiddenFillerOptions(min_duration_s=1.0, max_duration_s=0.5)
    with pytest.raises(ConfigError, match="max_range_st"):
        HiddenFillerOptions(max_range_st=0.0)


def test_report_round_trip_keeps_filler_counts() -> None:
    d = Delivery(words_per_minute=150.0, articulation_wpm=170.0, response_latency_s=0.5,
                 pauses=(), long_pause_count=0, filler_count=3, filler_per_100_words=3.0,
                 hedge_per_100_words=0.0, speech_s=30.0, speech_span_s=32.0, word_count=100,
                 fillers=(), hedges=(), enough_speech=True, transcript_filler_count=1,
                 hidden_filler_count=2,
                 hidden_fillers=({"start_s": 1.0, "end_s": 1.4, "median_hz": 110.0,
                                  "range_st": 0.5, "where": "gap", "word": "so"},) * 2)
    data = json.loads(json.dumps(d.to_dict()))
    assert data["filler_count"] == 3 and data["filler_per_100_words"] == 3.0
    back = Delivery.from_dict(data)
    assert (back.transcript_filler_count, back.hidden_filler_count) == (1, 2)
    assert back.hidden_fillers == d.hidden_fillers


# ------------------------------------------------------------------ espeak-ng splices

def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed")
    return path


def _speak(text: str, out: Path, *, voice: str, speed: int) -> Path:
    raw = out.with_suffix(".raw.wav")
    subprocess.run([_tool("espeak-ng"), "-v", voice, "-s", str(speed), "-w", str(raw), text],
                   check=True, capture_output=True)
    # 16 kHz mono, leading and trailing silence trimmed.
    subprocess.run([_tool("sox"), str(raw), "-r", "16000", "-c", "1", str(out),
                    "silence", "1", "0.01", "1%", "reverse", "silence", "1", "0.01", "1%",
                    "reverse"], check=True, capture_output=True)
    return out


def _duration(path: Path) -> float:
    return float(subprocess.run([_tool("soxi"), "-D", str(path)], check=True,
                                capture_output=True, text=True).stdout)


@pytest.mark.speech
@pytest.mark.parametrize(("voice", "head", "filler", "tail"), [
    ("en-us", "In my last role I managed a budget", "[[@@@@@]]",
     "of two million dollars across three regions"),
    ("en", "My team shipped the feature", "[[@@@@m]]",
     "two weeks early because we planned the release carefully"),
])
def test_spliced_filler_is_found_where_it_was_put(tmp_path: Path, transcriber, voice: str,
                                                  head: str, filler: str, tail: str) -> None:
    a = _speak(head, tmp_path / "a.wav", voice=voice, speed=160)
    b = _speak(tail, tmp_path / "b.wav", voice=voice, speed=160)
    m = _speak(filler, tmp_path / "m.wav", voice=voice, speed=110)
    gap = tmp_path / "gap.wav"
    subprocess.run([_tool("sox"), "-n", "-r", "16000", "-c", "1", str(gap), "trim", "0", "0.15"],
                   check=True, capture_output=True)
    spliced = tmp_path / "spliced.wav"
    clean = tmp_path / "clean.wav"
    subprocess.run([_tool("sox"), str(a), str(gap), str(m), str(gap), str(b), str(spliced)],
                   check=True, capture_output=True)
    subprocess.run([_tool("sox"), str(a), str(gap), str(b), str(clean)], check=True,
                   capture_output=True)
    start = _duration(a) + 0.15
    end = start + _duration(m)

    rec = load_audio(spliced)
    d = measure_delivery(rec, transcriber.transcribe(rec))
    near = [h for h in d.hidden_fillers if h["start_s"] < end and h["end_s"] > start]
    slack = TRANSCRIBED_FILLER_SLACK_S  # Whisper times the fillers it writes loosely
    transcribed = [f for f in d.fillers
                   if f.start_s is not None and start - slack < f.start_s < end + slack]
    assert near or transcribed, (d.hidden_fillers, d.fillers)
    for h in near:
        assert h["start_s"] == pytest.approx(start, abs=0.15)
        assert h["end_s"] == pytest.approx(end, abs=0.15)
    assert len(d.hidden_fillers) == len(near)  # nothing else in the sentence
    assert d.filler_count == d.transcript_filler_count + d.hidden_filler_count

    rec = load_audio(clean)
    assert measure_delivery(rec, transcriber.transcribe(rec)).hidden_filler_count == 0


# ------------------------------------------------------------------ real speech

def _segments(speech_dir: Path, name: str) -> list[dict]:
    entries = json.loads((speech_dir / "manifest_detailed.json").read_text())
    return next(e for e in entries if e["file"] == f"audio/{name}")["segments"]


@pytest.mark.speech
def test_real_ums_the_transcriber_dropped_are_found(speech_dir: Path, transcriber) -> None:
    name = "batchalign_test_monologue.mp3"
    rec = load_audio(speech_dir / "audio" / name)
    d = measure_delivery(rec, transcriber.transcribe(rec))
    with_um = [(s["start"], s["end"]) for s in _segments(speech_dir, name)
               if "&-um" in s["chat"]]
    assert len(with_um) == 2
    hits = [h for h in d.hidden_fillers
            if any(a - 0.3 < h["start_s"] < b for a, b in with_um)]
    # Both "um"s are found (tiny.en writes neither), and nothing outside their utterances.
    assert d.transcript_filler_count + len(hits) >= 2
    assert len(hits) == len(d.hidden_fillers)
    assert d.filler_count == d.transcript_filler_count + d.hidden_filler_count


@pytest.mark.speech
def test_clean_read_speech_gives_few_false_fillers(speech_dir: Path, transcriber) -> None:
    clips = ["jfk_inaugural_1961.flac", "ljspeech_LJ001-0001.wav", "ljspeech_LJ001-0007.wav",
             "ljspeech_LJ050-0131.wav", "cmu_arctic_aew_a0001.wav", "cmu_arctic_axb_a0004.wav",
             "librispeech_1272-128104-0000.wav", "timit_LDC93S1.wav"]
    seconds, detections = 0.0, 0
    for clip in clips:
        rec = load_audio(speech_dir / "audio" / clip)
        d = measure_delivery(rec, transcriber.transcribe(rec))
        seconds += rec.duration_s
        detections += d.hidden_filler_count
    # Read speech has no fillers: at most one false detection per minute.
    assert detections <= seconds / 60.0, detections
