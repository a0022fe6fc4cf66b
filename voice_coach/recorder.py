"""Microphone capture with ``sounddevice`` (PortAudio), streamed to a WAV file as it is recorded.

This is the only module that imports :mod:`sounddevice`, and it does so lazily: importing
``voice_coach`` (or this module) works without it, and every public function turns a missing
package, a missing PortAudio library, a missing device or a device that vanishes into one
:class:`~voice_coach.errors.MicrophoneUnavailableError` with the fix in its message.

How a capture runs::

    with open_microphone(device) as mic:        # opens and starts the input stream
        ...                                      # (a countdown: blocks are discarded)
        result = mic.capture(path, options=CaptureOptions(max_duration_s=180),
                             stop_event=enter_pressed, on_level=draw_meter)

The PortAudio callback only copies each block into a queue. The calling thread takes blocks
from the queue, appends them to a 16-bit 16 kHz mono WAV whose header is rewritten after
every block (so a file cut short by a crash or ``kill -9`` is a valid WAV of what was said),
measures the level, checks the stop conditions (the stop event, silence after speech, the
length limit) and reports the level. Ctrl-C, a full disk or a device that stops delivering
audio end the capture early; the file then holds everything received until that moment and
:class:`CaptureResult` says why it stopped.
"""

from __future__ import annotations

import logging
import math
import queue
import threading
import time
import wave
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

from voice_coach.config import DEFAULT_SAMPLE_RATE
from voice_coach.errors import ConfigError, MicrophoneUnavailableError

__all__ = [
    "STOP_REASONS",
    "CaptureOptions",
    "CaptureResult",
    "InputDevice",
    "LevelReading",
    "Microphone",
    "level_dbfs",
    "list_input_devices",
    "open_microphone",
    "resolve_device",
]

logger = logging.getLogger(__name__)

#: Why a capture ended: the stop event (Enter), silence after speech, the length limit,
#: Ctrl-C, the input device stopped delivering audio, the file could not be written.
STOP_REASONS: tuple[str, ...] = ("enter", "silence", "limit", "interrupt", "device_lost",
                                 "write_failed")

#: Level reported for digital silence (an all-zero block), instead of minus infinity.
FLOOR_DBFS = -120.0
#: 50 ms blocks: a meter refresh of 20 Hz and a stop reaction well under a tenth of a second.
BLOCK_S = 0.05
#: ALSA through the PulseAudio plugin takes about 2 s to deliver its first block (measured on
#: a Debian VM with a null sink); 8 s separates a slow start from a device that never starts.
START_TIMEOUT_S = 8.0
#: A running stream that delivers nothing for this long has lost its device (PortAudio keeps
#: the stream "open" for a while after PulseAudio or a USB microphone goes away).
NO_DATA_TIMEOUT_S = 2.0
#: The silent-input check looks at the first seconds of the capture, as the issue asks.
SILENCE_CHECK_S = 2.0
#: A working microphone's self-noise sits around -70 to -50 dBFS; below -70 dBFS for the whole
#: first 2 s is a muted input, a wrong device or a disconnected jack (digital zeros: -120).
SILENT_INPUT_DBFS = -70.0
#: Samples at or above 0.99 of full scale count as clipped (int16 full scale is 0.99997).
CLIP_LEVEL = 0.99
#: More than 0.1 % clipped samples within one second is audible distortion, not a stray peak
#: (the usual broadcast rule of thumb: a few consecutive full-scale samples mean clipping).
CLIP_FRACTION = 0.001
#: Speech starts counting once this many seconds of blocks are above the speech threshold:
#: a cough or a click (under 0.3 s) does not arm the silence stop.
SPEECH_START_S = 0.3
#: The speech threshold is this far above the quietest half second seen so far
#: (voice-activity practice: speech is 10-20 dB above room noise on a close microphone) ...
SPEECH_ABOVE_FLOOR_DB = 15.0
#: ... but never below -50 dBFS (digital silence would put it at -105 dBFS) ...
SPEECH_MIN_DBFS = -50.0
#: ... and never above -35 dBFS (ordinary speech on a laptop microphone is -30 to -15 dBFS).
SPEECH_MAX_DBFS = -35.0
#: Seconds of level averaged for the noise-floor estimate.
FLOOR_WINDOW_S = 0.5


# --------------------------------------------------------------------------- sounddevice


def _sounddevice() -> ModuleType:
    """Import sounddevice, turning a missing package or PortAudio into a clear error."""
    try:
        import sounddevice
    except OSError as err:  # raised by sounddevice when libportaudio cannot be loaded
        raise MicrophoneUnavailableError(
            "the PortAudio library is not installed, so the microphone cannot be used: "
            "install libportaudio2 (apt-get install libportaudio2; on macOS brew install "
            f"portaudio) and try again ({err})"
        ) from err
    except ImportError as err:
        raise MicrophoneUnavailableError(
            "the sounddevice package is not installed, so the microphone cannot be used: "
            "pip install 'voice-coach[mic]' (or pip install sounddevice); "
            "`voice-coach analyze FILE` works without it"
        ) from err
    return sounddevice


def _portaudio_error(sd: ModuleType) -> type[BaseException]:
    return getattr(sd, "PortAudioError", OSError)


# --------------------------------------------------------------------------- devices


@dataclass(frozen=True, slots=True)
class InputDevice:
    """One input device as PortAudio sees it.

    Attributes
    ----------
    index : int
        PortAudio device number (what ``--device`` takes).
    name : str
        Device name.
    host_api : str
        PortAudio host API (``ALSA``, ``Core Audio``, ``MME`` ...).
    max_input_channels : int
        Input channels the device offers.
    default_sample_rate_hz : float
        The device's default sample rate.
    is_default : bool
        Whether it is the default input device.
    """

    index: int
    name: str
    host_api: str
    max_input_channels: int
    default_sample_rate_hz: float
    is_default: bool

    def to_dict(self) -> dict[str, object]:
        """Return the device as a JSON-ready dict."""
        return {"index": self.index, "name": self.name, "host_api": self.host_api,
                "max_input_channels": self.max_input_channels,
                "default_sample_rate_hz": self.default_sample_rate_hz,
                "is_default": self.is_default}


def list_input_devices(*, refresh: bool = False) -> tuple[InputDevice, ...]:
    """Return the input devices, in PortAudio order.

    Parameters
    ----------
    refresh : bool
        Re-initialise PortAudio first so that devices added since the first call (or a sound
        server started since) are seen. PortAudio otherwise keeps the list it made at import.

    Returns
    -------
    tuple of InputDevice
        Possibly empty.

    Raises
    ------
    MicrophoneUnavailableError
        If sounddevice or PortAudio is missing, or PortAudio cannot list the devices.
    """
    sd = _sounddevice()
    try:
        if refresh:
            sd._terminate()
            sd._initialize()
        devices = sd.query_devices()
        host_apis = sd.query_hostapis()
        default_input = _default_input_index(sd)
    except _portaudio_error(sd) as err:
        raise MicrophoneUnavailableError(f"PortAudio cannot list the audio devices: {err}") from err
    result = []
    for info in devices:
        if int(info["max_input_channels"]) <= 0:
            continue
        result.append(InputDevice(
            index=int(info["index"]), name=str(info["name"]),
            host_api=str(host_apis[int(info["hostapi"])]["name"]),
            max_input_channels=int(info["max_input_channels"]),
            default_sample_rate_hz=float(info["default_samplerate"]),
            is_default=int(info["index"]) == default_input,
        ))
    return tuple(result)


def _default_input_index(sd: ModuleType) -> int | None:
    value = sd.default.device[0]
    index = int(value) if value is not None else -1
    return index if index >= 0 else None


def _no_device_message() -> str:
    return ("no microphone found: PortAudio sees no input device. Plug in or enable a "
            "microphone, check that the sound server (PulseAudio or PipeWire) is running for "
            "this user, and list the devices with `voice-coach devices`")


def resolve_device(spec: str | int | None = None) -> InputDevice:
    """Find the input device to record from.

    Parameters
    ----------
    spec : str, int or None
        A device number, a case-insensitive part of a device name, or None for the default
        input device (the first input device when there is no default).

    Returns
    -------
    InputDevice

    Raises
    ------
    MicrophoneUnavailableError
        If there is no input device, or none matches ``spec``, or it matches several.
    """
    devices = list_input_devices()
    if not devices:
        raise MicrophoneUnavailableError(_no_device_message())
    known = "; ".join(f"{d.index}: {d.name}" for d in devices)
    if spec is None or (isinstance(spec, str) and not spec.strip()):
        for device in devices:
            if device.is_default:
                return device
        return devices[0]
    text = str(spec).strip()
    if text.lstrip("-").isdigit():
        index = int(text)
        for device in devices:
            if device.index == index:
                return device
        raise MicrophoneUnavailableError(
            f"device {index} is not an input device; input devices are {known} "
            "(`voice-coach devices` lists them)")
    matches = [d for d in devices if text.lower() in d.name.lower()]
    if len(matches) == 1:
        return matches[0]
    exact = [d for d in matches if d.name.lower() == text.lower()]
    if len(exact) == 1:
        return exact[0]
    if not matches:
        raise MicrophoneUnavailableError(
            f"no input device name contains {text!r}; input devices are {known}")
    names = "; ".join(f"{d.index}: {d.name}" for d in matches)
    raise MicrophoneUnavailableError(
        f"{text!r} matches several input devices ({names}); give the device number")


# --------------------------------------------------------------------------- options, results


@dataclass(frozen=True, slots=True)
class CaptureOptions:
    """When a capture stops and how it is written.

    Parameters
    ----------
    max_duration_s : float
        Stop after this many seconds of audio (the issue's default: 180).
    silence_stop_s : float or None
        Stop after this many seconds of continuous silence once speech has started; None
        never stops on silence.
    sample_rate_hz : int
        Rate of the file written (16000: what every later stage uses).
    """

    max_duration_s: float = 180.0
    silence_stop_s: float | None = None
    sample_rate_hz: int = DEFAULT_SAMPLE_RATE

    def __post_init__(self) -> None:
        if not math.isfinite(self.max_duration_s) or not 1.0 <= self.max_duration_s <= 4 * 3600:
            raise ConfigError(
                f"max_duration_s={self.max_duration_s} must be between 1 s and 4 hours")
        if self.silence_stop_s is not None and not (
                math.isfinite(self.silence_stop_s) and 0.5 <= self.silence_stop_s <= 600):
            raise ConfigError(
                f"silence_stop_s={self.silence_stop_s} must be between 0.5 and 600 seconds")
        if not 8000 <= self.sample_rate_hz <= 192_000:
            raise ConfigError(
                f"sample_rate_hz={self.sample_rate_hz} must be between 8000 and 192000")


@dataclass(frozen=True, slots=True)
class LevelReading:
    """The state of a capture after one block, for a live meter.

    Attributes
    ----------
    elapsed_s : float
        Seconds of audio captured so far.
    rms_dbfs : float
        RMS level of the block in dB relative to full scale (``FLOOR_DBFS`` for zeros).
    peak_dbfs : float
        Peak level of the block in dBFS.
    speaking : bool
        Whether the block is above the speech threshold.
    speech_started : bool
        Whether speech has been heard in this capture.
    silence_s : float
        Seconds of continuous silence since speech was last heard (0 while speaking).
    """

    elapsed_s: float
    rms_dbfs: float
    peak_dbfs: float
    speaking: bool
    speech_started: bool
    silence_s: float


@dataclass(frozen=True, slots=True)
class CaptureResult:
    """A finished (or cut short) capture.

    Attributes
    ----------
    path : pathlib.Path
        The WAV file (16-bit mono at ``sample_rate_hz``).
    duration_s : float
        Seconds of audio in the file.
    sample_rate_hz : int
        Rate of the file.
    device_name : str
        The input device.
    device_sample_rate_hz : int
        Rate the device was opened at (resampled to ``sample_rate_hz`` when different).
    stopped_by : str
        One of :data:`STOP_REASONS`.
    warnings : tuple of str
        Input problems seen (silent input, clipping), for the user.
    error : str or None
        What went wrong when ``stopped_by`` is ``device_lost`` or ``write_failed``.
    peak_dbfs : float or None
        Loudest sample in dBFS, None when nothing was captured.
    speech_detected : bool
        Whether the level ever passed the speech threshold long enough to count as speech.
    """

    path: Path
    duration_s: float
    sample_rate_hz: int
    device_name: str
    device_sample_rate_hz: int
    stopped_by: str
    warnings: tuple[str, ...] = ()
    error: str | None = None
    peak_dbfs: float | None = None
    speech_detected: bool = False

    @property
    def complete(self) -> bool:
        """True when the capture ended as the user asked (Enter, silence or the limit)."""
        return self.stopped_by in ("enter", "silence", "limit")


def level_dbfs(value: float) -> float:
    """Convert an amplitude (RMS or peak, full scale 1.0) to dBFS, floored at ``FLOOR_DBFS``."""
    if value <= 0.0 or not math.isfinite(value):
        return FLOOR_DBFS
    return max(FLOOR_DBFS, 20.0 * math.log10(value))


# --------------------------------------------------------------------------- the writer


class _WavSink:
    """A 16-bit mono WAV whose header is correct after every write (stdlib :mod:`wave`)."""

    def __init__(self, path: Path, sample_rate_hz: int) -> None:
        self.path = path
        self.frames = 0
        try:
            self._handle = open(path, "wb")  # noqa: SIM115 - closed in close()
            self._wav = wave.open(self._handle, "wb")  # noqa: SIM115
            self._wav.setnchannels(1)
            self._wav.setsampwidth(2)
            self._wav.setframerate(sample_rate_hz)
            self._wav.writeframes(b"")  # header now, so even an empty capture is a valid WAV
            self._handle.flush()
        except OSError:
            self._handle.close()
            raise

    def write(self, samples: np.ndarray) -> None:
        """Append float samples in [-1, 1]; the header and the data reach the OS each time."""
        if samples.size == 0:
            return
        pcm = np.clip(np.rint(samples * 32767.0), -32768, 32767).astype("<i2")
        # writeframes patches the RIFF and data sizes after the samples are written.
        self._wav.writeframes(pcm.tobytes())
        self._handle.flush()
        self.frames += pcm.shape[0]

    def close(self) -> None:
        try:
            self._wav.close()
        finally:
            self._handle.close()


# --------------------------------------------------------------------------- the microphone


class Microphone:
    """An open input stream (create it with :func:`open_microphone`).

    Blocks arrive from the moment it is opened; :meth:`capture` discards those that came
    before it was called (a countdown), so the file starts when the capture starts.
    """

    def __init__(self, device: InputDevice, *, sample_rate_hz: int = DEFAULT_SAMPLE_RATE
                 ) -> None:
        self.device = device
        self._sd = _sounddevice()
        self._queue: queue.Queue[np.ndarray] = queue.Queue()
        self._statuses: list[str] = []
        self._finished = threading.Event()
        self._opened_at = time.monotonic()
        self.device_sample_rate_hz = self._pick_rate(sample_rate_hz)
        error_type = _portaudio_error(self._sd)
        try:
            self._stream = self._sd.InputStream(
                device=device.index, channels=1, dtype="float32",
                samplerate=self.device_sample_rate_hz,
                blocksize=max(1, round(BLOCK_S * self.device_sample_rate_hz)),
                callback=self._callback, finished_callback=self._finished.set)
            self._stream.start()
        except (error_type, ValueError) as err:
            raise MicrophoneUnavailableError(
                f"cannot open the input device {device.index} ({device.name}): {err}; "
                "check that it is connected and not used exclusively by another program "
                "(`voice-coach devices` lists the devices)") from err
        self._opened_at = time.monotonic()
        self._closed = False

    def _pick_rate(self, wanted_hz: int) -> int:
        try:
            self._sd.check_input_settings(device=self.device.index, channels=1,
                                          dtype="float32", samplerate=wanted_hz)
            return wanted_hz
        except Exception:  # noqa: BLE001 - PortAudio says no with several exception types
            rate = round(self.device.default_sample_rate_hz)
            logger.info("%s does not record at %d Hz; recording at %d Hz and resampling",
                        self.device.name, wanted_hz, rate)
            return rate

    def _callback(self, indata: np.ndarray, frames: int, time_info: Any, status: Any) -> None:
        # Runs in PortAudio's thread: copy and hand over, nothing else.
        if status:
            self._statuses.append(str(status))
        self._queue.put(indata[:, 0].copy())

    # ----------------------------------------------------------------- life cycle

    def close(self) -> None:
        """Stop and close the stream (errors from a vanished device are ignored)."""
        if self._closed:
            return
        self._closed = True
        try:
            self._stream.abort()
            self._stream.close()
        except Exception as err:  # noqa: BLE001 - closing a stream whose device is gone
            logger.debug("closing the input stream failed: %s", err)

    def __enter__(self) -> Microphone:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------- capture

    def capture(self, path: str | Path, *, options: CaptureOptions | None = None,
                stop_event: threading.Event | None = None,
                on_level: Callable[[LevelReading], None] | None = None,
                on_warning: Callable[[str], None] | None = None) -> CaptureResult:
        """Record into a WAV file until a stop condition.

        Parameters
        ----------
        path : path-like
            The WAV file to write (created or overwritten). It is valid after every block.
        options : CaptureOptions, optional
            Length limit and silence stop.
        stop_event : threading.Event, optional
            Set it (from any thread or from ``on_level``) to stop; the result says ``enter``.
        on_level : callable, optional
            Called in this thread after every block with a :class:`LevelReading`.
        on_warning : callable, optional
            Called once per input problem (silent input, clipping) with the message.

        Returns
        -------
        CaptureResult
            Also when the capture was cut short by Ctrl-C (``interrupt``), a device that
            stopped (``device_lost``) or a write error (``write_failed``, for example a full
            disk): the file then holds what was captured until then.

        Raises
        ------
        MicrophoneUnavailableError
            If the device delivers no audio at all within ``START_TIMEOUT_S``.
        OSError
            If the file cannot be created (nothing was captured).
        """
        opts = options or CaptureOptions()
        if self._closed:
            raise MicrophoneUnavailableError("the microphone stream is closed")
        path = Path(path)
        self._drain()
        sink = _WavSink(path, opts.sample_rate_hz)
        state = _CaptureState(opts, self.device_sample_rate_hz)
        resampler = self._resampler(opts.sample_rate_hz)
        stopped_by: str | None = None
        error: str | None = None
        first_block = True
        try:
            while stopped_by is None:
                block = self._next_block(first_block)
                if block is None:
                    stopped_by = "device_lost"
                    error = ("the input device stopped delivering audio (unplugged, or its "
                             "sound server stopped)")
                    break
                first_block = False
                out = block if resampler is None else resampler.resample_chunk(block)
                try:
                    sink.write(out)
                except OSError as err:
                    stopped_by = "write_failed"
                    error = f"cannot write {path}: {err.strerror or err}"
                    break
                reading = state.update(block)
                for message in state.new_warnings():
                    logger.info("%s", message)
                    if on_warning is not None:
                        on_warning(message)
                if on_level is not None:
                    on_level(reading)
                if stop_event is not None and stop_event.is_set():
                    stopped_by = "enter"
                elif state.limit_reached():
                    stopped_by = "limit"
                elif state.silence_reached():
                    stopped_by = "silence"
        except KeyboardInterrupt:
            stopped_by = "interrupt"
        finally:
            self.close()
            if stopped_by != "write_failed":
                try:
                    if resampler is not None and stopped_by is not None:
                        sink.write(resampler.resample_chunk(np.zeros(0, np.float32), last=True))
                except OSError as err:
                    logger.debug("could not write the resampler's tail: %s", err)
            close_error = self._close_sink(sink)
            if close_error and error is None and stopped_by is not None:
                stopped_by, error = "write_failed", close_error
        if self._statuses:
            logger.info("PortAudio reported: %s", "; ".join(sorted(set(self._statuses))))
        return CaptureResult(
            path=path, duration_s=sink.frames / opts.sample_rate_hz,
            sample_rate_hz=opts.sample_rate_hz, device_name=self.device.name,
            device_sample_rate_hz=self.device_sample_rate_hz, stopped_by=stopped_by,
            warnings=tuple(state.warnings), error=error,
            peak_dbfs=None if state.frames == 0 else level_dbfs(state.peak),
            speech_detected=state.speech_started)

    @staticmethod
    def _close_sink(sink: _WavSink) -> str | None:
        try:
            sink.close()
        except OSError as err:
            return f"cannot finish {sink.path}: {err.strerror or err}"
        return None

    def _drain(self) -> None:
        while True:
            try:
                self._queue.get_nowait()
            except queue.Empty:
                return

    def _next_block(self, first: bool) -> np.ndarray | None:
        """Return the next block, or None when the device has stopped delivering."""
        if first:
            deadline = self._opened_at + START_TIMEOUT_S
        else:
            deadline = time.monotonic() + NO_DATA_TIMEOUT_S
        while True:
            try:
                return self._queue.get(timeout=0.1)
            except queue.Empty:
                pass
            if self._finished.is_set() or not self._stream.active:
                # The stream ended by itself: take what is left, then report the loss.
                try:
                    return self._queue.get_nowait()
                except queue.Empty:
                    return None
            if time.monotonic() >= deadline:
                if first:
                    raise MicrophoneUnavailableError(
                        f"the input device {self.device.index} ({self.device.name}) delivered "
                        f"no audio within {START_TIMEOUT_S:g} s; check that it is connected "
                        "and enabled, or pick another with --device (`voice-coach devices`)")
                return None

    def _resampler(self, rate_hz: int):
        if self.device_sample_rate_hz == rate_hz:
            return None
        import soxr

        return soxr.ResampleStream(self.device_sample_rate_hz, rate_hz, 1, dtype="float32",
                                   quality="HQ")


class _CaptureState:
    """Levels, speech and silence tracking, stop conditions and input warnings."""

    def __init__(self, opts: CaptureOptions, rate_hz: int) -> None:
        self.opts = opts
        self.rate_hz = rate_hz
        self.frames = 0
        self.peak = 0.0
        self.max_rms_dbfs = FLOOR_DBFS
        self.floor_dbfs: float | None = None
        self.recent: deque[tuple[int, float]] = deque()  # (frames, mean square) of the last 0.5 s
        self.clip_window: deque[tuple[int, int]] = deque()  # (frames, clipped) of the last 1 s
        self.speech_frames = 0
        self.speech_started = False
        self.silence_frames = 0
        self.warnings: list[str] = []
        self._pending: list[str] = []
        self._silent_checked = False
        self._clip_warned = False

    @property
    def elapsed_s(self) -> float:
        return self.frames / self.rate_hz

    def update(self, block: np.ndarray) -> LevelReading:
        n = int(block.shape[0])
        self.frames += n
        square = float(np.mean(np.square(block, dtype=np.float64))) if n else 0.0
        peak = float(np.max(np.abs(block))) if n else 0.0
        self.peak = max(self.peak, peak)
        rms_dbfs = level_dbfs(math.sqrt(square))
        self.max_rms_dbfs = max(self.max_rms_dbfs, rms_dbfs)
        self._update_floor(n, square)
        threshold = self.speech_threshold_dbfs()
        speaking = rms_dbfs >= threshold
        if speaking:
            self.speech_frames += n
            self.silence_frames = 0
            if self.speech_frames >= SPEECH_START_S * self.rate_hz:
                self.speech_started = True
        elif self.speech_started:
            self.silence_frames += n
        self._check_clipping(n, int(np.count_nonzero(np.abs(block) >= CLIP_LEVEL)))
        if not self._silent_checked and self.elapsed_s >= SILENCE_CHECK_S:
            self._silent_checked = True
            if self.max_rms_dbfs < SILENT_INPUT_DBFS:
                self._warn(
                    f"the microphone is silent (below {SILENT_INPUT_DBFS:g} dBFS for the first "
                    f"{SILENCE_CHECK_S:g} s): check that it is not muted and that the right "
                    "input is chosen (--device; `voice-coach devices` lists them)")
        return LevelReading(
            elapsed_s=self.elapsed_s, rms_dbfs=rms_dbfs, peak_dbfs=level_dbfs(peak),
            speaking=speaking, speech_started=self.speech_started,
            silence_s=self.silence_frames / self.rate_hz)

    def _update_floor(self, n: int, square: float) -> None:
        self.recent.append((n, square))
        total = sum(f for f, _ in self.recent)
        while total - self.recent[0][0] >= FLOOR_WINDOW_S * self.rate_hz:
            total -= self.recent.popleft()[0]
        if total >= FLOOR_WINDOW_S * self.rate_hz:
            mean = sum(f * s for f, s in self.recent) / total
            window_dbfs = level_dbfs(math.sqrt(mean))
            if self.floor_dbfs is None or window_dbfs < self.floor_dbfs:
                self.floor_dbfs = window_dbfs

    def speech_threshold_dbfs(self) -> float:
        if self.floor_dbfs is None:
            return SPEECH_MAX_DBFS
        return min(SPEECH_MAX_DBFS, max(SPEECH_MIN_DBFS, self.floor_dbfs + SPEECH_ABOVE_FLOOR_DB))

    def _check_clipping(self, n: int, clipped: int) -> None:
        if self._clip_warned:
            return
        self.clip_window.append((n, clipped))
        total = sum(f for f, _ in self.clip_window)
        while total - self.clip_window[0][0] >= self.rate_hz:
            total -= self.clip_window.popleft()[0]
        clipped_total = sum(c for _, c in self.clip_window)
        if total and clipped_total / total > CLIP_FRACTION and clipped_total >= 3:
            self._clip_warned = True
            self._warn(
                f"the input is clipping ({clipped_total} samples at full scale in the last "
                "second): turn the input gain down or move a little further from the "
                "microphone")

    def _warn(self, message: str) -> None:
        self.warnings.append(message)
        self._pending.append(message)

    def new_warnings(self) -> list[str]:
        pending, self._pending = self._pending, []
        return pending

    def limit_reached(self) -> bool:
        return self.elapsed_s >= self.opts.max_duration_s

    def silence_reached(self) -> bool:
        return (self.opts.silence_stop_s is not None and self.speech_started
                and self.silence_frames >= self.opts.silence_stop_s * self.rate_hz)


def open_microphone(device: str | int | InputDevice | None = None, *,
                    sample_rate_hz: int = DEFAULT_SAMPLE_RATE) -> Microphone:
    """Open and start an input stream on a device (use it as a context manager).

    Parameters
    ----------
    device : str, int, InputDevice or None
        What :func:`resolve_device` accepts, or a resolved device; None for the default.
    sample_rate_hz : int
        Preferred rate; a device that cannot record at it is opened at its own default rate
        and resampled.

    Returns
    -------
    Microphone

    Raises
    ------
    MicrophoneUnavailableError
        If sounddevice or PortAudio is missing, there is no such input device, or it cannot
        be opened.
    """
    resolved = device if isinstance(device, InputDevice) else resolve_device(device)
    return Microphone(resolved, sample_rate_hz=sample_rate_hz)
