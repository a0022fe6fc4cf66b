"""``voice-coach practice`` and ``devices`` as a person uses them: in a terminal (tmux), with a
virtual microphone (a PulseAudio null sink fed by ``paplay``), the real model and history.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pulse_mic import PulseServer, refresh_portaudio

from voice_coach.evaluation import word_error_rate
from voice_coach.practice import _LineReader

ROOT = Path(__file__).resolve().parents[1]


class Terminal:
    """A tmux session (on a private tmux server) running one command."""

    def __init__(self, command: list[str], env: dict[str, str], socket: str) -> None:
        if shutil.which("tmux") is None:
            pytest.skip("tmux is not installed (apt-get install tmux)")
        self.socket = socket
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        line = (f"cd {shlex.quote(str(ROOT))} && env {exports} {shlex.join(command)}; "
                "echo EXIT=$?; sleep 600")
        self._tmux("new-session", "-d", "-s", "t", "-x", "120", "-y", "50", line)

    def _tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], check=True,
                              capture_output=True, text=True).stdout

    def screen(self) -> str:
        """Everything the session printed (scroll-back included)."""
        return self._tmux("capture-pane", "-p", "-J", "-S", "-", "-t", "t")

    def send(self, *keys: str) -> None:
        self._tmux("send-keys", "-t", "t", *keys)

    def wait_for(self, pattern: str, *, count: int = 1, timeout_s: float = 90.0) -> str:
        deadline = time.monotonic() + timeout_s
        while True:
            text = self.screen()
            if len(re.findall(pattern, text)) >= count:
                return text
            if time.monotonic() > deadline:
                raise AssertionError(f"{pattern!r} (x{count}) did not appear; screen:\n{text}")
            time.sleep(0.2)

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


@pytest.fixture
def terminal(mic: PulseServer, home: Path):
    opened: list[Terminal] = []

    def open_(*args: str) -> Terminal:
        env = {"XDG_RUNTIME_DIR": str(mic.runtime_dir), "VOICE_COACH_HOME": str(home),
               "PYTHONUNBUFFERED": "1"}
        term = Terminal([sys.executable, "-m", "voice_coach", *args], env,
                        socket=f"vc-test-{os.getpid()}-{len(opened)}")
        opened.append(term)
        return term

    yield open_
    for term in opened:
        term.close()


def _store(home: Path):
    from voice_coach.storage import AnswerStore

    return AnswerStore(home)


@pytest.mark.slow
def test_practice_round_trip_in_a_terminal(terminal, mic, home, samples_dir, say, transcriber):
    term = terminal("practice", "--question", "why-hire-you", "--countdown", "1",
                    "--silence-stop", "4", "--max-seconds", "60")
    term.wait_for(r"Recording\. Press Enter to stop\.")
    screen = term.screen()
    assert "Question: Why should we hire you?" in screen
    mic.play(samples_dir / "strong.wav").wait(timeout=60)
    meter = term.screen()
    assert re.search(r"REC 0:\d\d / 1:00  \[[#.]{30}\] +(-?\d+\.\d|-inf) dBFS", meter), meter
    term.send("Enter")  # stop the first answer by hand
    screen = term.wait_for(r"\[a\]gain, \[n\]ext question, \[q\]uit:")
    assert re.search(r"Stopped \(Enter\) after 0:(29|3\d)\.", screen), screen[:1500]
    assert "Content checks" in screen
    # Again, the same question; this time the answer ends by silence, not by a key, and the
    # prompt that follows still gets the next key press.
    term.send("a", "Enter")
    term.wait_for(r"Recording\. Press Enter to stop\.", count=2)
    mic.play(say("I delivered the project early and under budget.", name="again")).wait(60)
    term.wait_for(r"Stopped after the silence after 0:0\d")
    term.wait_for(r"\[a\]gain, \[n\]ext question, \[q\]uit:", count=2)
    term.send("q", "Enter")
    screen = term.wait_for(r"EXIT=\d+")
    assert "EXIT=0" in screen
    assert "Bye." in screen
    assert "Traceback" not in screen

    answers = _store(home).list()
    assert len(answers) == 2
    assert all(a.status == "analyzed" and a.question.id == "why-hire-you" for a in answers)
    first = answers[-1]
    assert 29.0 <= first.duration_s <= 33.0
    assert first.audio_path.suffix == ".wav" and first.audio_path.is_file()
    reference = (samples_dir / "strong.txt").read_text()
    heard = first.analysis["transcript"]["text"]
    from voice_coach.audio import load_audio

    direct = transcriber.transcribe(load_audio(samples_dir / "strong.wav")).text
    assert word_error_rate(reference, heard).wer <= word_error_rate(reference, direct).wer + 0.05
    assert word_error_rate(reference, heard).wer <= 0.25, heard


@pytest.mark.slow
def test_ctrl_c_keeps_an_analysable_partial_answer(terminal, mic, home, samples_dir):
    term = terminal("practice", "--question", "why-hire-you", "--countdown", "0")
    term.wait_for(r"Recording\. Press Enter to stop\.")
    player = mic.play(samples_dir / "strong.wav")
    term.wait_for(r"REC 0:0[5-9]")
    term.send("C-c")
    screen = term.wait_for(r"EXIT=\d+")
    player.terminate()
    player.wait(10)
    assert "EXIT=130" in screen
    assert "voice-coach: interrupted" in screen
    assert "Traceback" not in screen
    match = re.search(r"Interrupted: the partial answer \(0:0\d\) is saved as (\S+);", screen)
    assert match, screen
    answer_id = match.group(1)
    answer = _store(home).get(answer_id)
    assert answer.status == "recorded"
    assert 5.0 <= answer.duration_s <= 8.0
    run = subprocess.run([sys.executable, "-m", "voice_coach", "reanalyze", answer_id, "--json"],
                         capture_output=True, text=True, timeout=300, cwd=ROOT,
                         env={**os.environ, "VOICE_COACH_HOME": str(home)})
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["audio"]["duration_s"] == pytest.approx(answer.duration_s, abs=0.01)
    assert "last role" in report["transcript"]["text"].lower()
    assert _store(home).get(answer_id).status == "analyzed"


def test_devices_lists_the_inputs_and_marks_the_default(mic, cli):
    refresh_portaudio()
    code, out, err = cli("devices")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("Input devices")
    defaults = [line for line in lines[1:] if line.startswith("*")]
    assert len(defaults) == 1 and defaults[0].split()[2] == "default"
    assert re.search(r"^ +\d+  pulse  \(ALSA, \d+ in, \d+ Hz\)$", out, re.M), out
    code, out, err = cli("devices", "--json")
    assert code == 0, err
    devices = json.loads(out)
    assert {d["name"] for d in devices} >= {"pulse", "default"}
    assert [d["name"] for d in devices if d["is_default"]] == ["default"]
    assert all(d["max_input_channels"] > 0 for d in devices)


@pytest.mark.parametrize(("args", "message"), [
    (["--max-seconds", "0"], "--max-seconds=0 must be at least 1"),
    (["--silence-stop", "0.1"], "silence_stop_s=0.1 must be between 0.5 and 600"),
    (["--countdown", "99"], "--countdown=99 must be between 0 and 30"),
    (["--question", "nope"], "no question with id 'nope'"),
])
def test_bad_practice_options_fail_before_the_microphone(cli, args, message):
    code, out, err = cli("practice", *args)
    assert code == 2
    assert message in err
    assert out == ""


def test_line_reader_gives_each_line_once_and_never_blocks_on_poll():
    read_fd, write_fd = os.pipe()
    try:
        reader = _LineReader(read_fd)
        assert reader.poll() is None  # nothing typed: no wait, no line
        os.write(write_fd, b"par")
        assert reader.poll() is None  # half a line is not a line
        os.write(write_fd, b"tial\nq\n")
        assert reader.poll() == "partial"  # Enter during the recording
        assert reader.read() == "q"  # the prompt gets the next line, not the same one
        os.write(write_fd, b"x\n\n")
        reader.discard_pending()
        assert reader.poll() is None
        os.close(write_fd)
        write_fd = -1
        assert reader.read() is None  # end of input
    finally:
        os.close(read_fd)
        if write_fd >= 0:
            os.close(write_fd)


def _start_practice(mic: PulseServer, home: Path, **popen) -> subprocess.Popen[str]:
    """``voice-coach practice`` with pipes (no terminal): the plain, meter-less output."""
    env = {**mic.env, "VOICE_COACH_HOME": str(home), "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "voice_coach", "practice", "--question", "why-hire-you",
         "--countdown", "0"], env=env, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, **popen)
    for line in process.stdout:
        if line.startswith("Recording. Press Enter"):
            return process
    raise AssertionError(process.stderr.read())


def _saved_id(message: str) -> str:
    match = re.search(r"saved as (\d{8}-\d{6}-[0-9a-f]{6})", message)
    assert match, message
    return match.group(1)


@pytest.mark.slow
def test_microphone_that_vanishes_mid_answer_is_a_clear_error(mic, home, samples_dir):
    process = _start_practice(mic, home)
    player = mic.play(samples_dir / "strong.wav")
    time.sleep(3.0)
    mic.process.kill()  # the sound server (and with it the device) goes away
    out, err = process.communicate(timeout=60)
    player.wait(10)
    assert process.returncode == 8, err
    assert "voice-coach: error: the input device stopped delivering audio" in err
    assert "Traceback" not in err + out
    answer = _store(home).get(_saved_id(err))
    assert answer.status == "recorded" and 2.0 <= answer.duration_s <= 5.0


@pytest.mark.slow
def test_full_disk_mid_answer_keeps_the_part_recorded(mic, home, samples_dir):
    import resource
    import signal

    _store(home)  # the history exists before the limit applies
    limit_bytes = 200_000  # about 6 s of 16-bit 16 kHz audio

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # write() then fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    process = _start_practice(mic, home, preexec_fn=small_disk)
    player = mic.play(samples_dir / "strong.wav")
    out, err = process.communicate(timeout=60)
    player.terminate()
    player.wait(10)
    assert process.returncode == 6, err
    assert "(is the disk full?)" in err and "Traceback" not in err + out
    answer_id = _saved_id(err)
    answer = _store(home).get(answer_id)
    assert 5.0 <= answer.duration_s <= 6.5
    from voice_coach.audio import load_audio

    assert load_audio(answer.audio_path).duration_s == pytest.approx(answer.duration_s, abs=0.06)
