"""Microphone capture through a real PortAudio stream fed by a PulseAudio null sink.

The "speaker" is ``paplay`` into the null sink, started once the capture delivers its first
block; what PortAudio records is then transcribed and compared with what was played.
Skipped cleanly where pulseaudio, paplay, PortAudio or sounddevice are missing.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import textwrap
import threading
import time
import wave
from pathlib import Path

import numpy as np
import pytest
from pulse_mic import PulseServer

from voice_coach.audio import load_audio
from voice_coach.errors import MicrophoneUnavailableError
from voice_coach.evaluation import word_error_rate

ROOT = Path(__file__).resolve().parents[1]
#: Word errors the capture may add over transcribing the played file directly: tiny.en's
#: decoding of one sentence varies by about this much between runs.
MAX_EXTRA_WORD_ERRORS = 2


def _play_when_live(server: PulseServer, path: Path, *, stop_after_s: float | None = None,
                    stop: threading.Event | None = None):
    """An ``on_level`` callback that starts playback at the first block."""
    players: list[subprocess.Popen[bytes]] = []

    def on_level(reading) -> None:
        if not players:
            players.append(server.play(path))
        if stop is not None and stop_after_s is not None and reading.elapsed_s >= stop_after_s:
            stop.set()

    return on_level, players


def _finish(players) -> None:
    for player in players:
        if player.poll() is None:
            player.terminate()
        player.wait(timeout=10)


def test_capture_records_what_the_speaker_says(mic, say, tmp_path, transcriber):
    from voice_coach.recorder import CaptureOptions, open_microphone

    text = "We shipped the billing migration two weeks early and under budget."
    clip = say(text, name="answer", effects=("pad", "0", "0.2"))
    levels = []
    on_level, players = _play_when_live(mic, clip)

    def record_level(reading):
        levels.append(reading)
        on_level(reading)

    with open_microphone() as microphone:
        result = microphone.capture(
            tmp_path / "answer.wav", options=CaptureOptions(max_duration_s=30, silence_stop_s=1.5),
            on_level=record_level)
    _finish(players)
    assert result.stopped_by == "silence"
    assert result.speech_detected
    assert result.sample_rate_hz == 16000
    assert result.warnings == ()
    played_s = load_audio(clip).duration_s
    # Everything played (the clip ends in its own silence), then the silence that stopped it.
    assert played_s - 0.5 <= result.duration_s <= played_s + 4.0
    with wave.open(str(result.path)) as handle:
        header = (handle.getframerate(), handle.getnchannels(), handle.getsampwidth())
        assert header == (16000, 1, 2)
        assert handle.getnframes() == round(result.duration_s * 16000)
    tail = load_audio(result.path).samples[-int(1.4 * 16000):]
    assert float(np.sqrt(np.mean(np.square(tail)))) < 10 ** (-50 / 20)
    # The meter saw speech levels and the elapsed time grew block by block.
    assert max(r.rms_dbfs for r in levels) > -30
    elapsed = [r.elapsed_s for r in levels]
    assert elapsed == sorted(elapsed) and elapsed[-1] == pytest.approx(result.duration_s)
    heard = transcriber.transcribe(load_audio(result.path)).text
    direct = transcriber.transcribe(load_audio(clip)).text
    # The microphone path loses nothing the model needs: as good as the file itself, within
    # the two words by which tiny.en's decoding of the same sentence varies from run to run
    # (temperature fallback; a dropped block or a wrong rate costs far more than that).
    heard_wer, direct_wer = word_error_rate(text, heard), word_error_rate(text, direct)
    errors = heard_wer.substitutions + heard_wer.deletions + heard_wer.insertions
    direct_errors = direct_wer.substitutions + direct_wer.deletions + direct_wer.insertions
    assert errors <= direct_errors + MAX_EXTRA_WORD_ERRORS, heard
    assert word_error_rate(text, heard).wer <= 0.35, heard


def test_stop_event_ends_the_capture(mic, say, tmp_path):
    from voice_coach.recorder import CaptureOptions, open_microphone

    clip = say("One two three four five six seven eight nine ten.", name="count")
    stop = threading.Event()
    on_level, players = _play_when_live(mic, clip, stop_after_s=1.5, stop=stop)
    with open_microphone() as microphone:
        result = microphone.capture(tmp_path / "a.wav", options=CaptureOptions(max_duration_s=30),
                                    stop_event=stop, on_level=on_level)
    _finish(players)
    assert result.stopped_by == "enter"
    assert 1.5 <= result.duration_s <= 1.6
    assert load_audio(result.path).duration_s == pytest.approx(result.duration_s, abs=1e-3)


def test_silent_input_is_warned_about_and_stops_at_the_limit(mic, tmp_path):
    from voice_coach.recorder import CaptureOptions, open_microphone

    warnings: list[str] = []
    with open_microphone() as microphone:
        result = microphone.capture(tmp_path / "s.wav",
                                    options=CaptureOptions(max_duration_s=3, silence_stop_s=1),
                                    on_warning=warnings.append)
    assert result.stopped_by == "limit"  # no speech, so the silence stop never armed
    assert 3.0 <= result.duration_s <= 3.1
    assert not result.speech_detected
    assert len(warnings) == 1 and "silent" in warnings[0] and "--device" in warnings[0]
    assert result.warnings == tuple(warnings)


def test_clipping_input_is_warned_about(mic, samples_dir, tmp_path):
    from voice_coach.recorder import CaptureOptions, open_microphone

    loud = tmp_path / "loud.wav"
    subprocess.run(["sox", str(samples_dir / "strong.wav"), str(loud), "trim", "0", "4",
                    "gain", "18"], check=True, capture_output=True)
    warnings: list[str] = []
    on_level, players = _play_when_live(mic, loud)
    with open_microphone() as microphone:
        result = microphone.capture(tmp_path / "c.wav", options=CaptureOptions(max_duration_s=4),
                                    on_level=on_level, on_warning=warnings.append)
    _finish(players)
    assert any("clipping" in w for w in warnings), warnings
    assert result.peak_dbfs is not None and result.peak_dbfs > -0.1


def test_quiet_normal_speech_gets_no_clipping_warning(mic, say, tmp_path):
    from voice_coach.recorder import CaptureOptions, open_microphone

    clip = say("A normal answer at a normal level.", name="normal")
    on_level, players = _play_when_live(mic, clip)
    with open_microphone() as microphone:
        result = microphone.capture(tmp_path / "n.wav", options=CaptureOptions(max_duration_s=3),
                                    on_level=on_level)
    _finish(players)
    assert result.warnings == ()
    assert result.speech_detected


def test_device_that_vanishes_mid_capture_keeps_the_audio(mic, samples_dir, tmp_path):
    from voice_coach.recorder import CaptureOptions, open_microphone

    state = {"killed": False}
    on_play, players = _play_when_live(mic, samples_dir / "strong.wav")

    def on_level(reading) -> None:
        on_play(reading)
        if reading.elapsed_s >= 3.0 and not state["killed"]:
            state["killed"] = True
            mic.process.kill()  # the sound server dies: the device is gone

    with open_microphone() as microphone:
        result = microphone.capture(tmp_path / "v.wav", options=CaptureOptions(max_duration_s=20),
                                    on_level=on_level)
    _finish(players)
    assert result.stopped_by == "device_lost"
    assert "stopped delivering audio" in (result.error or "")
    assert 3.0 <= result.duration_s < 6.0
    assert load_audio(result.path).duration_s == pytest.approx(result.duration_s, abs=1e-3)


def test_devices_are_listed_and_resolved(mic):
    from voice_coach.recorder import list_input_devices, resolve_device

    devices = list_input_devices()
    names = [d.name for d in devices]
    assert "default" in names and "pulse" in names
    assert sum(d.is_default for d in devices) == 1
    default = resolve_device(None)
    assert default.is_default
    assert resolve_device(str(default.index)) == default
    assert resolve_device("PULS").name == "pulse"
    with pytest.raises(MicrophoneUnavailableError, match=r"no input device name contains 'zzz'"):
        resolve_device("zzz")
    with pytest.raises(MicrophoneUnavailableError, match=r"device 999 is not an input device"):
        resolve_device(999)


# --------------------------------------------------------------------------- crash, disk full

_CAPTURE_SCRIPT = textwrap.dedent("""
    import sys
    from voice_coach.recorder import CaptureOptions, open_microphone
    print("opening", flush=True)
    def on_level(reading):
        if reading.elapsed_s >= 0.05 and reading.elapsed_s < 0.1:
            print("live", flush=True)
    with open_microphone() as mic:
        result = mic.capture(sys.argv[1], options=CaptureOptions(max_duration_s=20),
                             on_level=on_level)
    print(result.stopped_by, result.duration_s, result.error, flush=True)
""")


def _start_capture_process(mic: PulseServer, target: Path, **popen) -> subprocess.Popen[str]:
    process = subprocess.Popen([sys.executable, "-c", _CAPTURE_SCRIPT, str(target)],
                               env=mic.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, cwd=ROOT, **popen)
    for _ in range(2):
        line = process.stdout.readline()  # "opening", then "live" at the first block
    assert line.strip() == "live", process.stderr.read()
    return process


def test_killed_capture_leaves_a_loadable_partial_wav(mic, samples_dir, tmp_path, transcriber):
    target = tmp_path / "killed.wav"
    process = _start_capture_process(mic, target)
    player = mic.play(samples_dir / "strong.wav")
    time.sleep(6.0)
    process.send_signal(signal.SIGKILL)  # no chance to close the file
    process.wait(timeout=10)
    _finish([player])
    recording = load_audio(target)
    assert 4.0 <= recording.duration_s <= 7.0
    heard = transcriber.transcribe(recording).text.lower()
    assert "migration" in heard or "last role" in heard, heard


def test_full_disk_stops_the_capture_and_keeps_what_was_written(mic, samples_dir, tmp_path):
    target = tmp_path / "full.wav"
    limit_bytes = 64_000  # 2 s of 16-bit 16 kHz audio: the "disk" is full after that

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # write() then fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    process = _start_capture_process(mic, target, preexec_fn=small_disk)
    player = mic.play(samples_dir / "strong.wav")
    out, err = process.communicate(timeout=30)
    _finish([player])
    assert process.returncode == 0, err
    stopped_by, duration_s, error = out.split(maxsplit=2)
    assert stopped_by == "write_failed"
    assert "cannot write" in error
    assert 1.5 <= float(duration_s) <= 2.0
    kept = load_audio(target)
    assert kept.duration_s == pytest.approx(float(duration_s), abs=0.06)
    assert float(np.max(np.abs(kept.samples))) > 0.05  # the speech that was written


# --------------------------------------------------------------------------- no PortAudio

_BLOCK_IMPORT = textwrap.dedent("""
    import sys
    mode = sys.argv[1]
    if mode == "no-package":
        sys.modules["sounddevice"] = None  # import sounddevice -> ImportError
    else:
        class NoPortAudio:
            def find_spec(self, name, path=None, target=None):
                if name == "sounddevice":
                    raise OSError("PortAudio library not found")
                return None
        sys.meta_path.insert(0, NoPortAudio())
    import voice_coach, voice_coach.recorder, voice_coach.practice  # all import without it
    from voice_coach.cli import main
    sys.exit(main(sys.argv[2:]))
""")


@pytest.mark.parametrize(("mode", "fix"), [
    ("no-package", "pip install 'voice-coach[mic]'"),
    ("no-portaudio", "install libportaudio2 (apt-get install libportaudio2"),
])
@pytest.mark.parametrize("command", [["devices"], ["practice", "--countdown", "0"]])
def test_missing_sounddevice_or_portaudio_gives_the_fix(mode, fix, command, home):
    run = subprocess.run([sys.executable, "-c", _BLOCK_IMPORT, mode, *command],
                         capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert run.returncode == 8, run.stderr
    assert run.stderr.startswith("voice-coach: error: ")
    assert fix in run.stderr
    assert "Traceback" not in run.stderr
    assert run.stdout == ""


def test_other_commands_work_without_sounddevice(home):
    run = subprocess.run([sys.executable, "-c", _BLOCK_IMPORT, "no-package", "questions"],
                         capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert "why-hire-you" in run.stdout


def test_import_voice_coach_does_not_import_sounddevice():
    run = subprocess.run([sys.executable, "-c", "import sys, voice_coach, voice_coach.recorder, "
                          "voice_coach.practice, voice_coach.cli; "
                          "print('sounddevice' in sys.modules)"],
                         capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "False"


def _no_sound_server_env(tmp_path: Path) -> dict[str, str]:
    empty = tmp_path / "no-server"
    empty.mkdir(mode=0o700)
    env = {**os.environ, "XDG_RUNTIME_DIR": str(empty)}  # no PulseAudio server to reach
    env.pop("PULSE_SERVER", None)
    return env


@pytest.mark.parametrize("command", [["devices"], ["practice", "--countdown", "0"]])
def test_no_input_device_is_a_clear_error(command, tmp_path, home):
    problem = __import__("pulse_mic").portaudio_problem()
    if problem is not None:
        pytest.skip(f"sounddevice/PortAudio unusable: {problem}")
    env = _no_sound_server_env(tmp_path)
    probe = subprocess.run([sys.executable, "-c", "import sounddevice as sd; "
                            "print(sum(d['max_input_channels'] > 0 for d in sd.query_devices()))"],
                           env=env, capture_output=True, text=True, timeout=60)
    if probe.stdout.strip() != "0":
        pytest.skip("this machine has a real input device")
    run = subprocess.run([sys.executable, "-m", "voice_coach", *command], env=env, cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 8, run.stderr
    assert "voice-coach: error: no microphone found" in run.stderr
    assert "voice-coach devices" in run.stderr
    assert "Traceback" not in run.stderr
