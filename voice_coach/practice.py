"""Practice at the microphone in the terminal: ``voice-coach practice`` and ``voice-coach devices``.

One round: the question and its tip, a countdown, then recording with a live level meter and
the elapsed time until Enter, silence after speech (``--silence-stop``) or the length limit.
The answer's row is committed and its audio streamed to disk before the first word, so Ctrl-C,
a crash or a full disk keeps what was said. Then the answer is analysed, the report printed,
and the user picks: again (same question), next question, or quit.

Keyboard input is read from one line reader over standard input's file descriptor, shared by
the Enter-to-stop poll and the prompt: a line is consumed exactly once, so a recording that
stops by itself (silence, limit) never swallows the answer to the next prompt.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import select
import sys
import threading
import time
from typing import TYPE_CHECKING, Any, TextIO

from voice_coach.errors import (
    ConfigError,
    MicrophoneUnavailableError,
    StorageError,
    VoiceCoachError,
)

if TYPE_CHECKING:
    from voice_coach.questions import Question
    from voice_coach.recorder import CaptureResult, InputDevice, LevelReading
    from voice_coach.storage import AnswerStore

__all__ = ["print_devices", "run_practice"]

#: The meter spans -60 dBFS (room noise on a quiet microphone) to 0 dBFS (full scale).
METER_FLOOR_DBFS = -60.0
#: Characters of the meter bar.
METER_WIDTH = 30
#: Redraw the meter at most 10 times a second (each redraw is one terminal write).
METER_REFRESH_S = 0.1
#: A countdown longer than this is a typo, not a preparation time.
MAX_COUNTDOWN_S = 30
#: The prompt after each report.
PROMPT = "[a]gain, [n]ext question, [q]uit: "
_STOP_TEXT = {"enter": "Stopped (Enter)", "silence": "Stopped after the silence",
              "limit": "Stopped at the time limit", "interrupt": "Interrupted",
              "device_lost": "The microphone stopped", "write_failed": "Writing failed"}


# --------------------------------------------------------------------------- keyboard


class _LineReader:
    """Whole lines from a file descriptor, without Python's read-ahead buffering.

    ``poll()`` returns a line only when one is complete (never blocks); ``read()`` waits.
    Both share one buffer, so no line is lost or read twice.
    """

    def __init__(self, fd: int | None) -> None:
        self.fd = fd
        self.buffer = b""
        self.eof = fd is None

    def _fill(self, timeout_s: float | None) -> None:
        if self.eof or self.fd is None:
            return
        try:
            ready, _, _ = select.select([self.fd], [], [], timeout_s)
        except (OSError, ValueError):
            self.eof = True
            return
        if not ready:
            return
        try:
            chunk = os.read(self.fd, 4096)
        except OSError:
            chunk = b""
        if chunk:
            self.buffer += chunk
        else:
            self.eof = True

    def _take(self) -> str | None:
        if b"\n" in self.buffer:
            line, self.buffer = self.buffer.split(b"\n", 1)
            return line.decode("utf-8", "replace").strip()
        return None

    def poll(self) -> str | None:
        """Return a complete line if one was typed, else None (never blocks)."""
        line = self._take()
        if line is None:
            self._fill(0.0)
            line = self._take()
        return line

    def read(self) -> str | None:
        """Wait for a line; None at end of input."""
        while True:
            line = self._take()
            if line is not None:
                return line
            if self.eof:
                rest, self.buffer = self.buffer, b""
                return rest.decode("utf-8", "replace").strip() if rest else None
            self._fill(None)

    def discard_pending(self) -> None:
        """Drop lines typed ahead (for example Enter pressed during the countdown)."""
        while self.poll() is not None:
            pass


def _stdin_reader() -> _LineReader:
    try:
        return _LineReader(sys.stdin.fileno())
    except (AttributeError, OSError, ValueError):
        return _LineReader(None)


# --------------------------------------------------------------------------- terminal output


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}:{secs:02d}"


def _meter_line(reading: LevelReading, max_s: float) -> str:
    fraction = (reading.rms_dbfs - METER_FLOOR_DBFS) / -METER_FLOOR_DBFS
    filled = max(0, min(METER_WIDTH, round(fraction * METER_WIDTH)))
    bar = "#" * filled + "." * (METER_WIDTH - filled)
    level = "  -inf" if reading.rms_dbfs <= -99 else f"{reading.rms_dbfs:6.1f}"
    return (f"\r  REC {_clock(reading.elapsed_s)} / {_clock(max_s)}  [{bar}] {level} dBFS"
            "  Enter: stop ")


class _Meter:
    """Draws the live meter (on a terminal) and polls the keyboard for Enter."""

    def __init__(self, out: TextIO, keys: _LineReader, stop: threading.Event,
                 max_s: float) -> None:
        self.out = out
        self.keys = keys
        self.stop = stop
        self.max_s = max_s
        self.live = _isatty(out)
        self.last_draw = 0.0
        self.drawn = False
        self.announced = False

    def on_level(self, reading: LevelReading) -> None:
        if not self.announced:
            self.announced = True
            self.out.write("Recording. Press Enter to stop.\n")
            self.out.flush()
        if self.keys.poll() is not None:
            self.stop.set()
        now = time.monotonic()
        if self.live and now - self.last_draw >= METER_REFRESH_S:
            self.last_draw = now
            self.out.write(_meter_line(reading, self.max_s))
            self.out.flush()
            self.drawn = True

    def on_warning(self, message: str) -> None:
        self.end_line()
        self.out.write(f"  ! {message}\n")
        self.out.flush()

    def end_line(self) -> None:
        if self.drawn:
            self.out.write("\n")
            self.out.flush()
            self.drawn = False


def _isatty(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


# --------------------------------------------------------------------------- commands


def print_devices(args: argparse.Namespace, *, out: TextIO, err: TextIO) -> int:
    """``voice-coach devices``: list the input devices, marking the default.

    Returns
    -------
    int
        0.

    Raises
    ------
    MicrophoneUnavailableError
        If sounddevice or PortAudio is missing, or there is no input device.
    """
    from voice_coach.recorder import list_input_devices

    devices = list_input_devices()
    if getattr(args, "json", False):
        out.write(json.dumps([d.to_dict() for d in devices], indent=2) + "\n")
        if not devices:
            err.write("voice-coach: no input device found\n")
        return 0
    if not devices:
        from voice_coach.recorder import _no_device_message

        raise MicrophoneUnavailableError(_no_device_message())
    out.write("Input devices (* = default; use the number with --device):\n")
    for device in devices:
        mark = "*" if device.is_default else " "
        out.write(f"{mark} {device.index:>3}  {device.name}  ({device.host_api}, "
                  f"{device.max_input_channels} in, {device.default_sample_rate_hz:g} Hz)\n")
    return 0


def _capture_options(args: argparse.Namespace):
    from voice_coach.recorder import CaptureOptions

    if getattr(args, "max_seconds", None) is not None and args.max_seconds < 1:
        raise ConfigError(f"--max-seconds={args.max_seconds:g} must be at least 1")
    try:
        return CaptureOptions(max_duration_s=float(args.max_seconds),
                              silence_stop_s=args.silence_stop)
    except ConfigError as error:
        raise ConfigError(f"{error} (--max-seconds / --silence-stop)") from error


def run_practice(args: argparse.Namespace, *, out: TextIO, err: TextIO) -> int:
    """``voice-coach practice``: answer questions at the microphone, with a report after each.

    Parameters
    ----------
    args : argparse.Namespace
        ``question``, ``random``, ``device``, ``max_seconds``, ``silence_stop``, ``model``,
        ``countdown`` (see ``voice-coach practice --help``).
    out, err : text streams
        Where the session and the messages go.

    Returns
    -------
    int
        0 when the user quits.

    Raises
    ------
    MicrophoneUnavailableError
        No sounddevice or PortAudio, no input device, or the device vanished (the partial
        answer is saved first).
    KeyboardInterrupt
        On Ctrl-C, after saving the partial answer (the CLI exits with 130).
    """
    from voice_coach.config import home_dir, model_setting
    from voice_coach.questions import get_question, random_question
    from voice_coach.recorder import resolve_device
    from voice_coach.storage import AnswerStore
    from voice_coach.transcription import load_transcriber

    options = _capture_options(args)
    countdown = int(getattr(args, "countdown", 3) or 0)
    if not 0 <= countdown <= MAX_COUNTDOWN_S:
        raise ConfigError(f"--countdown={countdown} must be between 0 and {MAX_COUNTDOWN_S}")
    question = get_question(args.question) if args.question else random_question()
    device = resolve_device(args.device)  # microphone problems show before anything else
    store = AnswerStore(home_dir())
    err.write("voice-coach: loading the speech model...\n")
    err.flush()
    transcriber = load_transcriber(args.model or model_setting(), preload=True)
    keys = _stdin_reader()
    out.write(f"Microphone: {device.index} {device.name}\n")
    while True:
        _practise_once(question, device=device, store=store, transcriber=transcriber,
                       options=options, countdown=countdown, keys=keys, out=out, err=err)
        choice = _ask(keys, out)
        if choice == "q":
            out.write("Bye. `voice-coach history` lists your answers.\n")
            return 0
        if choice == "n":
            question = random_question(exclude=question.id)


def _ask(keys: _LineReader, out: TextIO) -> str:
    while True:
        out.write(PROMPT)
        out.flush()
        line = keys.read()
        if line is None:
            out.write("\n")
            return "q"
        choice = line.strip().lower()[:1]
        if choice in ("a", "n", "q"):
            return choice


def _practise_once(question: Question, *, device: InputDevice, store: AnswerStore,
                   transcriber: Any, options: Any, countdown: int, keys: _LineReader,
                   out: TextIO, err: TextIO) -> None:
    from voice_coach.recorder import open_microphone

    out.write(f"\nQuestion: {question.text}\n")
    if question.tip:
        out.write(f"Tip: {question.tip}\n")
    out.flush()
    with open_microphone(device) as mic:  # the stream warms up during the countdown
        for remaining in range(countdown, 0, -1):
            out.write(f"\rStarting in {remaining}... ")
            out.flush()
            time.sleep(1.0)
        if countdown:
            out.write("\r" + " " * 20 + "\r")
        keys.discard_pending()
        result, answer_id = _record(mic, question, store=store, options=options, keys=keys,
                                    out=out)
    if result is None:
        return
    _analyse(result, answer_id, question, store=store, transcriber=transcriber, out=out,
             err=err)


def _record(mic: Any, question: Question, *, store: AnswerStore, options: Any,
            keys: _LineReader, out: TextIO) -> tuple[CaptureResult | None, str]:
    """Capture one answer into the history; returns (result, id), result None when empty."""
    from voice_coach.pipeline import utc_now

    created_at = utc_now()
    answer_id, path = store.begin_capture(question=question, suffix=".wav",
                                          created_at=created_at)
    stop = threading.Event()
    meter = _Meter(out, keys, stop, options.max_duration_s)
    try:
        result = mic.capture(path, options=options, stop_event=stop, on_level=meter.on_level,
                             on_warning=meter.on_warning)
    except (MicrophoneUnavailableError, OSError) as error:
        # Nothing was captured: the row would only be clutter.
        meter.end_line()
        _delete_quietly(store, answer_id)
        if isinstance(error, OSError):
            raise StorageError(f"cannot write {path}: {error.strerror or error}") from error
        raise
    meter.end_line()
    out.write(f"{_STOP_TEXT.get(result.stopped_by, result.stopped_by)} "
              f"after {_clock(result.duration_s)}.\n")
    out.flush()
    if result.duration_s == 0:
        # Not one block reached the file: there is nothing to keep.
        _delete_quietly(store, answer_id)
        if result.stopped_by == "interrupt":
            raise KeyboardInterrupt
        if result.stopped_by == "device_lost":
            raise MicrophoneUnavailableError(f"{result.error}; nothing was recorded")
        if result.stopped_by == "write_failed":
            raise StorageError(f"{result.error} (is the disk full?); nothing was recorded")
        out.write("Nothing was recorded.\n")
        return None, answer_id
    try:
        store.finish_capture(answer_id, duration_s=result.duration_s)
    except StorageError as error:
        if result.complete:
            raise
        out.write(f"  (could not record the duration: {error})\n")
    saved = (f"the partial answer ({_clock(result.duration_s)}) is saved as {answer_id}; "
             f"`voice-coach reanalyze {answer_id}` analyses it")
    if result.stopped_by == "interrupt":
        out.write(f"Interrupted: {saved}.\n")
        out.flush()
        raise KeyboardInterrupt
    if result.stopped_by == "device_lost":
        raise MicrophoneUnavailableError(f"{result.error}: {saved}")
    if result.stopped_by == "write_failed":
        raise StorageError(f"{result.error} (is the disk full?): {saved}")
    return result, answer_id


def _delete_quietly(store: AnswerStore, answer_id: str) -> None:
    with contextlib.suppress(VoiceCoachError):
        store.delete(answer_id)


def _analyse(result: CaptureResult, answer_id: str, question: Question, *,
             store: AnswerStore, transcriber: Any, out: TextIO, err: TextIO) -> None:
    from voice_coach.audio import load_audio
    from voice_coach.pipeline import STAGE_LABELS, analyze_answer
    from voice_coach.report import render_text

    def on_step(stage: str, event: str, seconds: float) -> None:
        if event == "start":
            err.write(f"voice-coach: {STAGE_LABELS.get(stage, stage)}...\n")
            err.flush()

    try:
        recording = load_audio(result.path)
        created_at = store.get(answer_id).created_at
        analysis = analyze_answer(recording, question, transcriber=transcriber,
                                  answer_id=answer_id, created_at=created_at, on_step=on_step,
                                  baseline=store.baseline(before=created_at,
                                                          exclude_id=answer_id))
        store.save_analysis(answer_id, analysis)
    except VoiceCoachError as error:
        store.mark_failed(answer_id, str(error))
        err.write(f"voice-coach: {error} (the answer is saved as {answer_id})\n")
        err.flush()
        return
    except KeyboardInterrupt:
        store.mark_failed(answer_id, "analysis interrupted: KeyboardInterrupt")
        out.write(f"\nInterrupted: the answer is saved as {answer_id}; "
                  f"`voice-coach reanalyze {answer_id}` analyses it.\n")
        raise
    out.write("\n" + render_text(analysis.to_dict()))
    out.flush()
