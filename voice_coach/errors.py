"""The exceptions of voice-coach; the only module that defines them.

Every message is written for the person using the tool: it is shown verbatim, on one line,
and names the value that was wrong and the limit it broke.
"""

from __future__ import annotations

__all__ = [
    "AnswerNotFoundError",
    "AudioError",
    "AudioTooLongError",
    "AudioTooShortError",
    "ConfigError",
    "EmptyRecordingError",
    "InputTextError",
    "MicrophoneUnavailableError",
    "ModelUnavailableError",
    "NoSpeechError",
    "StorageError",
    "TranscriptionError",
    "VoiceCoachError",
]


class VoiceCoachError(Exception):
    """Root of every error voice-coach raises on purpose.

    Attributes
    ----------
    exit_code : int
        The process exit status the command-line interface uses for this error.
    """

    exit_code: int = 1


class ConfigError(VoiceCoachError):
    """An option or setting has a value outside its allowed range."""

    exit_code = 2


class AudioError(VoiceCoachError):
    """The audio could not be read: missing, unreadable, unsupported or corrupt."""

    exit_code = 3


class EmptyRecordingError(AudioError):
    """The recording holds no samples at all (a zero-byte or zero-length file)."""


class AudioTooShortError(AudioError):
    """The recording is shorter than the minimum duration."""


class AudioTooLongError(AudioError):
    """The recording is longer than the configured maximum duration."""


class NoSpeechError(VoiceCoachError):
    """The recording holds too little detectable speech to analyse."""

    exit_code = 4


class ModelUnavailableError(VoiceCoachError):
    """The speech-recognition model cannot be found or loaded."""

    exit_code = 5


class TranscriptionError(VoiceCoachError):
    """The speech-recognition model failed while transcribing."""

    exit_code = 5


class StorageError(VoiceCoachError):
    """The answer history cannot be read or written."""

    exit_code = 6


class AnswerNotFoundError(StorageError):
    """No answer with the given id exists in the history."""

    exit_code = 7


class InputTextError(VoiceCoachError):
    """A typed answer is empty, unreadable or too long."""

    exit_code = 3


class MicrophoneUnavailableError(VoiceCoachError):
    """No usable microphone: PortAudio missing, no input device, or the device vanished."""

    exit_code = 8
