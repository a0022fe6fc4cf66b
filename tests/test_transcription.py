"""The real embedded model: words and timings, no text invented on silence, model errors."""

from __future__ import annotations

import numpy as np
import pytest

from voice_coach.audio import Recording, load_audio
from voice_coach.errors import ModelUnavailableError, NoSpeechError
from voice_coach.transcription import (
    DEFAULT_MODEL_NAME,
    FasterWhisperTranscriber,
    Transcript,
    Word,
    load_transcriber,
)


def test_strong_sample_transcribes_with_ordered_word_timings(transcriber, samples_dir):
    recording = load_audio(samples_dir / "strong.wav")
    transcript = transcriber.transcribe(recording)
    text = transcript.text.lower()
    for expected in ("company", "processing costs", "six months", "under budget",
                     "measure success"):
        assert expected in text
    starts = [w.start_s for w in transcript.words]
    assert starts == sorted(starts)
    assert all(w.end_s >= w.start_s for w in transcript.words)
    assert transcript.words[-1].end_s <= recording.duration_s + 0.05
    assert transcript.model == DEFAULT_MODEL_NAME
    # Character spans map back to the words.
    for (start, end), word in zip(transcript.char_spans, transcript.words, strict=True):
        assert transcript.text[start:end] == word.text


@pytest.mark.parametrize("kind", ["silence", "noise", "hum"])
def test_nothing_is_invented_for_audio_without_speech(transcriber, kind):
    rng = np.random.default_rng(7)
    n = 16000 * 12
    if kind == "silence":
        samples = np.zeros(n, dtype=np.float32)
    elif kind == "noise":
        samples = (0.1 * rng.standard_normal(n)).astype(np.float32)
    else:
        samples = (0.2 * np.sin(2 * np.pi * 60 * np.arange(n) / 16000)).astype(np.float32)
    with pytest.raises(NoSpeechError, match="no speech detected"):
        transcriber.transcribe(Recording(samples))


def test_speech_after_long_silence_keeps_its_timing(transcriber, say):
    spoken = load_audio(say("Our team delivered the project ahead of schedule.", name="late"))
    silence = np.zeros(16000 * 6, dtype=np.float32)
    recording = Recording(np.concatenate([silence, spoken.samples]))
    transcript = transcriber.transcribe(recording)
    assert "schedule" in transcript.text.lower()
    assert transcript.words[0].start_s >= 5.5


def test_time_at_char_maps_text_offsets_to_word_starts():
    words = (Word("I", 0.5, 0.6, 0.9), Word("led", 0.7, 0.9, 0.9), Word("it.", 1.0, 1.2, 0.9))
    transcript = Transcript.from_words(words, model="test")
    assert transcript.text == "I led it."
    assert transcript.time_at_char(0) == 0.5
    assert transcript.time_at_char(2) == 0.7
    assert transcript.time_at_char(1) == 0.7  # the space before "led"
    assert transcript.time_at_char(8) == 1.0
    assert transcript.time_at_char(50) is None
    again = Transcript.from_dict(transcript.to_dict())
    assert again.words == transcript.words and again.text == transcript.text


def test_model_is_loaded_once_per_process():
    assert load_transcriber() is load_transcriber()


def test_missing_model_folder_says_how_to_fix_it(tmp_path):
    with pytest.raises(ModelUnavailableError, match="model folder not found"):
        FasterWhisperTranscriber(str(tmp_path / "nope"))
    incomplete = tmp_path / "incomplete"
    incomplete.mkdir()
    with pytest.raises(ModelUnavailableError, match=r"missing model\.bin, config\.json"):
        FasterWhisperTranscriber(str(incomplete))


def test_corrupt_model_fails_with_a_clear_message(tmp_path, samples_dir):
    corrupt = tmp_path / "corrupt"
    corrupt.mkdir()
    (corrupt / "model.bin").write_bytes(b"\x00" * 1024)
    (corrupt / "config.json").write_text("{}")
    transcriber = FasterWhisperTranscriber(str(corrupt))
    with pytest.raises(ModelUnavailableError, match="cannot load the speech model"):
        transcriber.transcribe(load_audio(samples_dir / "strong.wav"))


def test_no_words_are_invented_over_the_closing_silence(transcriber, samples_dir):
    """The filler prompt tempts Whisper into "Uh, hmm." or "Hey, hey." after the last word;
    decoding samples at higher temperatures, so try a few times."""
    recording = load_audio(samples_dir / "pleading.wav")
    speech_end_s = transcriber.speech_spans(recording)[-1][1]
    for _ in range(3):
        transcript = transcriber.transcribe(recording)
        assert transcript.words[-1].start_s <= speech_end_s + 0.2, transcript.text[-60:]
        assert transcript.text.endswith("okay.")
