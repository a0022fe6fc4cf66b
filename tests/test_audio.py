"""The audio loader on real files of every format, and on every kind of bad input."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from signals import tone

from voice_coach.audio import encode_flac, load_audio
from voice_coach.config import AudioOptions
from voice_coach.errors import (
    AudioError,
    AudioTooLongError,
    AudioTooShortError,
    ConfigError,
    EmptyRecordingError,
)


@pytest.fixture(scope="module")
def spoken(say) -> Path:
    return say("I helped the company cut costs by fifteen percent in one year.", name="fmt")


@pytest.mark.parametrize(("suffix", "args"), [
    (".flac", ()),
    (".ogg", ("-c:a", "libvorbis")),
    (".mp3", ("-c:a", "libmp3lame")),
    (".webm", ("-c:a", "libopus")),
    (".m4a", ("-c:a", "aac")),
    (".wav", ("-ar", "44100", "-ac", "2")),
])
def test_every_format_decodes_to_the_same_16k_mono_audio(spoken, convert, tmp_path, suffix,
                                                         args):
    reference = load_audio(spoken)
    converted = convert(spoken, tmp_path / f"answer{suffix}", args)
    recording = load_audio(converted)
    assert recording.sample_rate == 16000
    assert recording.samples.dtype == np.float32
    assert recording.samples.ndim == 1
    # Lossy codecs pad or trim a few ms; the duration must match within 60 ms.
    assert recording.duration_s == pytest.approx(reference.duration_s, abs=0.06)
    # The loudness envelope (100 ms blocks) survives the codec round trip.
    blocks = min(reference.samples.size, recording.samples.size) // 1600
    ref_env = _envelope(reference.samples, blocks)
    rec_env = _envelope(recording.samples, blocks)
    assert np.corrcoef(ref_env, rec_env)[0, 1] > 0.9


def _envelope(samples: np.ndarray, blocks: int) -> np.ndarray:
    return np.abs(samples[: blocks * 1600]).reshape(blocks, 1600).mean(axis=1)


def test_bytes_and_file_objects_load_like_paths(spoken):
    from_path = load_audio(spoken)
    data = spoken.read_bytes()
    from_bytes = load_audio(data, name="upload.wav")
    with spoken.open("rb") as handle:
        from_stream = load_audio(handle)
    np.testing.assert_array_equal(from_path.samples, from_bytes.samples)
    np.testing.assert_array_equal(from_path.samples, from_stream.samples)
    assert from_bytes.source_name == "upload.wav"


@pytest.mark.parametrize("rate", [8000, 22050, 44100, 96000])
def test_resampling_keeps_pitch_and_duration(tmp_path, rate):
    path = tmp_path / f"tone{rate}.wav"
    t = np.arange(int(2.0 * rate)) / rate
    sf.write(path, 0.3 * np.sin(2 * np.pi * 440.0 * t), rate)
    recording = load_audio(path)
    assert recording.original_sample_rate == rate
    assert recording.duration_s == pytest.approx(2.0, abs=0.01)
    spectrum = np.abs(np.fft.rfft(recording.samples))
    peak_hz = np.argmax(spectrum) * 16000 / recording.samples.size
    assert peak_hz == pytest.approx(440.0, abs=2.0)


def test_multichannel_is_mixed_down(tmp_path):
    left = tone(300, 2.0)
    data = np.stack([left] * 6, axis=1)
    path = tmp_path / "six.wav"
    sf.write(path, data, 16000)
    recording = load_audio(path)
    assert recording.original_channels == 6
    np.testing.assert_allclose(recording.samples, left, atol=1e-4)


def test_eight_bit_wav(tmp_path):
    path = tmp_path / "u8.wav"
    sf.write(path, tone(300, 2.0), 8000 * 2, subtype="PCM_U8")
    assert load_audio(path).duration_s == pytest.approx(2.0, abs=0.01)


def test_flac_encoding_round_trips(tmp_path):
    recording = load_audio(_wav(tmp_path, tone(220, 1.5)))
    again = load_audio(encode_flac(recording))
    np.testing.assert_allclose(again.samples, recording.samples, atol=1 / 2**14)


def _wav(tmp_path: Path, samples: np.ndarray, rate: int = 16000, name: str = "a.wav",
         subtype: str | None = None) -> Path:
    path = tmp_path / name
    sf.write(path, samples, rate, subtype=subtype)
    return path


@pytest.mark.parametrize(("make", "error", "fragment"), [
    (lambda d: d / "missing.wav", AudioError, "not found"),
    (lambda d: d, AudioError, "is a folder"),
    (lambda d: _write(d / "empty.wav", b""), EmptyRecordingError, "0 bytes"),
    (lambda d: _write(d / "notes.wav", b"these are my notes\n" * 20), AudioError,
     "not a supported audio file"),
    (lambda d: _write(d / "text.mp3", b"hello\n"), AudioError, "not a supported audio file"),
    (lambda d: _write(d / "random.wav", np.random.default_rng(1).bytes(20_000)), AudioError,
     "WAV, FLAC, OGG, MP3, WEBM, M4A"),
])
def test_bad_files_raise_one_clear_error(tmp_path, make, error, fragment):
    with pytest.raises(error) as info:
        load_audio(make(tmp_path))
    message = str(info.value)
    assert fragment in message
    assert "\n" not in message


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_truncated_wav_keeps_what_is_there_or_says_it_is_short(tmp_path):
    full = _wav(tmp_path, tone(200, 3.0), name="full.wav")
    data = full.read_bytes()
    long_cut = _write(tmp_path / "cut_long.wav", data[: len(data) * 2 // 3])
    recording = load_audio(long_cut)
    assert recording.duration_s == pytest.approx(2.0, abs=0.05)
    short_cut = _write(tmp_path / "cut_short.wav", data[:4000])
    with pytest.raises(AudioTooShortError, match=r"at least 1 s"):
        load_audio(short_cut)


def test_non_finite_samples_are_rejected(tmp_path):
    samples = tone(200, 2.0)
    samples[100:110] = np.nan
    samples[500] = np.inf
    path = _wav(tmp_path, samples, subtype="FLOAT")
    with pytest.raises(AudioError, match=r"11 non-finite samples"):
        load_audio(path)


def test_duration_limits_name_the_value_and_the_limit(tmp_path):
    with pytest.raises(AudioTooShortError, match=r"0\.50 s long; .* at least 1 s"):
        load_audio(_wav(tmp_path, tone(200, 0.5)))
    with pytest.raises(AudioTooLongError, match=r"0:08 long; the limit is 0:05"):
        load_audio(_wav(tmp_path, tone(200, 8.0), name="long.wav"),
                   options=AudioOptions(max_duration_s=5.0))


def test_long_mp3_is_refused_before_decoding_everything(tmp_path, convert):
    wav = _wav(tmp_path, tone(200, 12.0), name="long.wav")
    mp3 = convert(wav, tmp_path / "long.mp3", ("-c:a", "libmp3lame"))
    with pytest.raises(AudioTooLongError):
        load_audio(mp3, options=AudioOptions(max_duration_s=5.0))


def test_text_stream_is_refused():
    with pytest.raises(AudioError, match="binary mode"):
        load_audio(io.StringIO("not audio"))


def test_options_are_validated():
    with pytest.raises(ConfigError, match="min_duration_s"):
        AudioOptions(min_duration_s=10, max_duration_s=5)


def test_wav_whose_header_says_zero_frames_still_loads(tmp_path):
    """What a writer killed before it could fix the header leaves behind."""
    good = _wav(tmp_path, tone(200, 3.0), name="good.wav", subtype="PCM_16")
    data = bytearray(good.read_bytes())
    riff = data.find(b"RIFF")
    chunk = data.find(b"data")
    data[riff + 4:riff + 8] = (0).to_bytes(4, "little")
    data[chunk + 4:chunk + 8] = (0).to_bytes(4, "little")
    broken = _write(tmp_path / "killed.wav", bytes(data))
    assert load_audio(broken).duration_s == pytest.approx(3.0, abs=0.05)
