"""Load any answer's audio once, as 16 kHz mono float32, validated.

Every later stage (transcription, prosody, storage) shares the one :class:`Recording` this
module returns; nothing decodes the audio a second time.
"""

from __future__ import annotations

import io
import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, NamedTuple

import numpy as np

from voice_coach.config import DEFAULT_SAMPLE_RATE, AudioOptions
from voice_coach.errors import (
    AudioError,
    AudioTooLongError,
    AudioTooShortError,
    EmptyRecordingError,
)

__all__ = ["SUPPORTED_FORMATS", "AudioSource", "Recording", "encode_flac", "load_audio"]

logger = logging.getLogger(__name__)

#: The containers the loader is tested on (others that FFmpeg reads also work).
SUPPORTED_FORMATS: tuple[str, ...] = ("wav", "flac", "ogg", "mp3", "webm", "m4a")

AudioSource = str | os.PathLike[str] | bytes | bytearray | BinaryIO

_FORMATS_TEXT = ", ".join(f.upper() for f in SUPPORTED_FORMATS)
#: Size of a canonical WAV header: a file no larger holds no samples whatever it says.
_WAV_HEADER_BYTES = 44
#: First bytes of the containers libsndfile reads itself (WAV, RF64/BW64, FLAC, Ogg, AIFF, AU,
#: CAF). Anything else goes straight to FFmpeg: libsndfile would hand it to libmpg123, which
#: prints "Note: Illegal Audio-MPEG-Header" lines on stderr for any file that is not audio.
_SNDFILE_MAGIC: tuple[bytes, ...] = (b"RIFF", b"RIFX", b"RF64", b"BW64", b"fLaC", b"OggS",
                                     b"FORM", b".snd", b"caff")


@dataclass(frozen=True, slots=True, eq=False)
class Recording:
    """A decoded answer: 16 kHz mono float32 samples plus where they came from.

    Attributes
    ----------
    samples : numpy.ndarray, shape (n,), float32
        The waveform in [-1, 1] at ``sample_rate``. Treat it as read-only.
    sample_rate : int
        Always 16000.
    source_name : str or None
        File name (no folder) or None for bytes and streams.
    original_sample_rate : int
        Sample rate of the input before resampling.
    original_channels : int
        Channel count of the input before down-mixing.
    decode_s : float
        Seconds spent decoding and resampling.
    """

    samples: np.ndarray
    sample_rate: int = DEFAULT_SAMPLE_RATE
    source_name: str | None = None
    original_sample_rate: int = DEFAULT_SAMPLE_RATE
    original_channels: int = 1
    decode_s: float = field(default=0.0)

    @property
    def duration_s(self) -> float:
        """Length of the recording in seconds."""
        return self.samples.shape[0] / self.sample_rate

    def to_dict(self) -> dict[str, object]:
        """Describe the recording (not its samples)."""
        return {
            "duration_s": round(self.duration_s, 3),
            "sample_rate": self.sample_rate,
            "source_name": self.source_name,
            "original_sample_rate": self.original_sample_rate,
            "original_channels": self.original_channels,
        }


def load_audio(source: AudioSource, *, options: AudioOptions | None = None,
               name: str | None = None) -> Recording:
    """Decode an answer to a validated 16 kHz mono float32 :class:`Recording`.

    Parameters
    ----------
    source : str, path-like, bytes or binary file object
        A file path, the encoded bytes, or an open binary stream, in WAV, FLAC, OGG, MP3,
        WebM/Opus or M4A (anything FFmpeg reads).
    options : AudioOptions, optional
        Duration and size limits; defaults to :class:`~voice_coach.config.AudioOptions`.
    name : str, optional
        Name to show in messages for bytes or streams (for example an upload's file name).

    Returns
    -------
    Recording
        The decoded, resampled and down-mixed audio.

    Raises
    ------
    AudioError
        The source is missing, a folder, unreadable, not audio, corrupt, or holds non-finite
        samples.
    EmptyRecordingError
        The source holds no audio samples.
    AudioTooShortError, AudioTooLongError
        The duration is outside ``options.min_duration_s`` .. ``options.max_duration_s``.
    """
    opts = options or AudioOptions()
    started = time.perf_counter()
    data, label = _read_source(source, opts, name)
    decoded = _decode(data, label, opts)
    samples = _finite_in_range(decoded.samples, label)
    mono = samples.mean(axis=1, dtype=np.float32) if samples.shape[1] > 1 else samples[:, 0]
    mono = _resample(np.ascontiguousarray(mono, dtype=np.float32), decoded.rate)
    # The resampler can ring a little past full scale; keep the [-1, 1] promise.
    np.clip(mono, -1.0, 1.0, out=mono)
    _validate(mono, label, opts)
    return Recording(
        samples=mono,
        sample_rate=DEFAULT_SAMPLE_RATE,
        source_name=label if not label.startswith("<") else None,
        original_sample_rate=decoded.original_rate,
        original_channels=decoded.original_channels,
        decode_s=time.perf_counter() - started,
    )


def encode_flac(recording: Recording) -> bytes:
    """Encode a recording losslessly (16-bit FLAC at 16 kHz) for storage and replay."""
    import soundfile as sf

    buffer = io.BytesIO()
    clipped = np.clip(recording.samples, -1.0, 1.0)
    sf.write(buffer, clipped, recording.sample_rate, format="FLAC", subtype="PCM_16")
    return buffer.getvalue()


# --------------------------------------------------------------------------- helpers


def _read_source(source: AudioSource, opts: AudioOptions, name: str | None) -> tuple[bytes, str]:
    """Return the encoded bytes and a label for messages."""
    if isinstance(source, bytes | bytearray):
        label = name or "<audio bytes>"
        data = bytes(source)
    elif isinstance(source, str | os.PathLike):
        path = Path(source)
        label = name or path.name or str(path)
        if not path.exists():
            raise AudioError(f"audio file not found: {path}")
        if path.is_dir():
            raise AudioError(f"{path} is a folder, not an audio file")
        if not path.is_file():
            # A FIFO, socket or device (/dev/zero) would block or never end when read.
            raise AudioError(f"{path} is not a regular file (a pipe or a device?); "
                             "save the audio to a file first")
        size = path.stat().st_size
        if size > opts.max_file_bytes:
            raise AudioTooLongError(
                f"{label} is {size / 2**20:.0f} MB; the limit is "
                f"{opts.max_file_bytes / 2**20:.0f} MB"
            )
        _check_header_duration(path, label, opts)
        try:
            data = path.read_bytes()
        except OSError as err:
            raise AudioError(f"cannot read {path}: {err.strerror or err}") from err
    elif hasattr(source, "read"):
        label = name or getattr(source, "name", None) or "<audio stream>"
        label = Path(str(label)).name
        data = source.read(opts.max_file_bytes + 1)
        if not isinstance(data, bytes | bytearray):
            raise AudioError(f"{label} is a text stream; open the audio file in binary mode")
        data = bytes(data)
    else:
        raise AudioError(
            f"cannot load audio from a {type(source).__name__}; "
            "give a file path, bytes or a binary file object"
        )
    if len(data) > opts.max_file_bytes:
        raise AudioTooLongError(
            f"{label} is over {opts.max_file_bytes / 2**20:.0f} MB, the size limit"
        )
    if not data:
        raise EmptyRecordingError(f"{label} is empty (0 bytes): there is no audio to analyse")
    return data, label


def _check_header_duration(path: Path, label: str, opts: AudioOptions) -> None:
    """Refuse a file whose header (read by libsndfile) says it is too long, before reading it.

    Only the header is read, so an hour-long WAV is refused without holding its 115 MB in
    memory. Anything libsndfile cannot parse is left to the full decoder.
    """
    import soundfile as sf

    try:
        with path.open("rb") as handle:
            if not handle.read(4).startswith(_SNDFILE_MAGIC):
                return
        info = sf.info(str(path))
    except Exception:  # noqa: BLE001 - not libsndfile's format: the decoder decides
        return
    if info.frames > 0 and info.samplerate > 0:
        duration_s = info.frames / info.samplerate
        if duration_s > opts.max_duration_s:
            raise AudioTooLongError(_too_long_message(label, duration_s, opts))


class _Decoded(NamedTuple):
    samples: np.ndarray  # float32, shape (frames, channels), at `rate`
    rate: int
    original_rate: int
    original_channels: int


def _decode(data: bytes, label: str, opts: AudioOptions) -> _Decoded:
    """Decode to float32 of shape (frames, channels); libsndfile first, then FFmpeg."""
    if not data.startswith(_SNDFILE_MAGIC):
        return _decode_ffmpeg(data, label, opts)
    try:
        return _decode_soundfile(data, label, opts)
    except AudioTooLongError:
        raise
    except EmptyRecordingError:
        # A WAV whose writer was killed can say "0 frames" in its header and still hold
        # audio; FFmpeg reads past the header's sizes.
        if len(data) <= _WAV_HEADER_BYTES:
            raise
        logger.debug("%s: the header says no samples; trying FFmpeg", label)
    except Exception as sf_err:  # noqa: BLE001 - libsndfile failures fall back to FFmpeg
        logger.debug("libsndfile could not decode %s (%s); trying FFmpeg", label, sf_err)
    return _decode_ffmpeg(data, label, opts)


def _decode_soundfile(data: bytes, label: str, opts: AudioOptions) -> _Decoded:
    import soundfile as sf

    with sf.SoundFile(io.BytesIO(data)) as handle:
        rate, channels, frames = handle.samplerate, handle.channels, handle.frames
        if frames > 0 and frames / rate > opts.max_duration_s:
            raise AudioTooLongError(_too_long_message(label, frames / rate, opts))
        samples = handle.read(dtype="float32", always_2d=True)
    if samples.shape[0] == 0:
        raise EmptyRecordingError(f"{label} holds no audio samples (0 s long)")
    return _Decoded(samples, rate, rate, channels)


def _decode_ffmpeg(data: bytes, label: str, opts: AudioOptions) -> _Decoded:
    try:
        return _decode_ffmpeg_unchecked(data, label, opts)
    except (AudioError, MemoryError):
        raise
    except Exception as err:  # PyAV raises many kinds of error on damaged input
        lines = str(err).strip().splitlines()
        raise AudioError(
            f"cannot decode {label}: the file is corrupt "
            f"({lines[0] if lines else type(err).__name__})"
        ) from err


def _decode_ffmpeg_unchecked(data: bytes, label: str, opts: AudioOptions) -> _Decoded:
    import av

    try:
        container = av.open(io.BytesIO(data), mode="r")
    except Exception as err:
        raise AudioError(
            f"cannot read {label}: not a supported audio file (supported: {_FORMATS_TEXT})"
        ) from err
    with container:
        if not container.streams.audio:
            raise AudioError(
                f"{label} has no audio track (supported formats: {_FORMATS_TEXT})"
            )
        stream = container.streams.audio[0]
        rate = int(getattr(stream, "rate", None) or stream.codec_context.sample_rate or 0)
        channels = int(stream.codec_context.channels or 1)
        if container.duration is not None:
            duration_s = container.duration / 1_000_000
            if duration_s > opts.max_duration_s:
                raise AudioTooLongError(_too_long_message(label, duration_s, opts))
        # Resample inside FFmpeg straight to 16 kHz mono float: one pass, no copy of the
        # original rate's samples.
        resampler = av.AudioResampler(format="flt", layout="mono", rate=DEFAULT_SAMPLE_RATE)
        chunks: list[np.ndarray] = []
        total = 0
        limit = int((opts.max_duration_s + 1) * DEFAULT_SAMPLE_RATE)
        try:
            for frame in container.decode(stream):
                frame.pts = None
                for out in resampler.resample(frame):
                    array = out.to_ndarray().reshape(-1)
                    chunks.append(array)
                    total += array.shape[0]
                if total > limit:
                    raise AudioTooLongError(
                        _too_long_message(label, total / DEFAULT_SAMPLE_RATE, opts)
                    )
            for out in resampler.resample(None):
                chunks.append(out.to_ndarray().reshape(-1))
        except AudioTooLongError:
            raise
        except Exception as err:
            if not chunks:
                raise AudioError(f"cannot decode {label}: the file is corrupt ({err})") from err
            logger.warning("%s is truncated or damaged; kept the %d samples decoded before %s",
                           label, total, err)
    if not chunks or sum(c.shape[0] for c in chunks) == 0:
        raise EmptyRecordingError(f"{label} holds no audio samples (0 s long)")
    samples = np.concatenate(chunks).astype(np.float32, copy=False)[:, None]
    # FFmpeg already resampled to 16 kHz mono; keep the original rate for the record.
    return _Decoded(samples, DEFAULT_SAMPLE_RATE, rate or DEFAULT_SAMPLE_RATE, channels)


def _finite_in_range(samples: np.ndarray, label: str) -> np.ndarray:
    """Refuse NaN or infinite samples; clip float over-range (beyond full scale) to [-1, 1].

    Float WAVs may hold any value; clipping is what converting them to PCM would do, and it
    keeps the resampler and the channel mix from overflowing to infinity.
    """
    bad = int(np.count_nonzero(~np.isfinite(samples)))
    if bad:
        raise AudioError(
            f"{label} holds {bad} non-finite samples (NaN or infinity); the file is corrupt"
        )
    if not samples.flags.writeable:
        samples = samples.copy()
    return np.clip(samples, -1.0, 1.0, out=samples)


def _resample(mono: np.ndarray, rate: int) -> np.ndarray:
    if rate == DEFAULT_SAMPLE_RATE:
        return np.asarray(mono, dtype=np.float32)
    import soxr

    return soxr.resample(mono, rate, DEFAULT_SAMPLE_RATE, quality="HQ").astype(np.float32)


def _validate(samples: np.ndarray, label: str, opts: AudioOptions) -> None:
    if samples.shape[0] == 0:
        raise EmptyRecordingError(f"{label} holds no audio samples (0 s long)")
    bad = int(np.count_nonzero(~np.isfinite(samples)))
    if bad:
        raise AudioError(
            f"{label} holds {bad} non-finite samples (NaN or infinity); the file is corrupt"
        )
    duration_s = samples.shape[0] / DEFAULT_SAMPLE_RATE
    if duration_s < opts.min_duration_s:
        raise AudioTooShortError(
            f"{label} is {duration_s:.2f} s long; an answer must be at least "
            f"{opts.min_duration_s:g} s"
        )
    if duration_s > opts.max_duration_s:
        raise AudioTooLongError(_too_long_message(label, duration_s, opts))


def _too_long_message(label: str, duration_s: float, opts: AudioOptions) -> str:
    return (
        f"{label} is {_clock(duration_s)} long; the limit is {_clock(opts.max_duration_s)} "
        "(`voice-coach analyze --max-minutes` sets a larger limit)"
    )


def _clock(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes}:{secs:02d}"
