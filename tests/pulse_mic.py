"""A real, virtual microphone for tests: a private PulseAudio server with a null sink.

The null sink's monitor is the default source, so whatever ``paplay -d vmic`` plays is what
PortAudio (through ALSA's pulse plugin) records. Recipe: ``shared/TESTING.md``. The server
runs with its own ``XDG_RUNTIME_DIR`` (a temporary folder), is started by the test and
killed by its process id at the end. Needs: pulseaudio, pulseaudio-utils (pactl, paplay),
libasound2-plugins (ALSA's pulse plugin), libportaudio2 and the sounddevice package.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

SINK = "vmic"
#: Seconds to wait for the server to answer ``pactl info``.
START_WAIT_S = 10.0


def portaudio_problem() -> str | None:
    """Return why sounddevice cannot be imported (in a child process), or None."""
    probe = subprocess.run([sys.executable, "-c", "import sounddevice"], capture_output=True,
                           text=True, timeout=60)
    if probe.returncode == 0:
        return None
    lines = probe.stderr.strip().splitlines()
    return lines[-1] if lines else "import sounddevice failed"


def require_mic_tools() -> None:
    """Skip the test when the virtual microphone cannot be built here."""
    for tool, package in (("pulseaudio", "pulseaudio"), ("pactl", "pulseaudio-utils"),
                          ("paplay", "pulseaudio-utils")):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed (apt-get install {package})")
    problem = portaudio_problem()
    if problem is not None:
        pytest.skip(f"sounddevice/PortAudio unusable: {problem}")


class PulseServer:
    """A private PulseAudio daemon; ``env`` is what a child process needs to reach it."""

    def __init__(self, runtime_dir: Path) -> None:
        self.runtime_dir = runtime_dir
        runtime_dir.mkdir(parents=True, exist_ok=True)
        runtime_dir.chmod(0o700)
        self.env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime_dir)}
        self.env.pop("PULSE_SERVER", None)
        self.log = open(runtime_dir / "pulseaudio.log", "wb")  # noqa: SIM115
        self.process = subprocess.Popen(
            ["pulseaudio", "--daemonize=no", "--exit-idle-time=-1", "-n",
             "--load=module-native-protocol-unix",
             f"--load=module-null-sink sink_name={SINK}", "--load=module-always-sink"],
            env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + START_WAIT_S
        while True:
            info = subprocess.run(["pactl", "info"], env=self.env, capture_output=True)
            if info.returncode == 0:
                break
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                log = (runtime_dir / "pulseaudio.log").read_text(errors="replace")[-500:]
                pytest.skip(f"pulseaudio did not start: {log}")
            time.sleep(0.1)
        subprocess.run(["pactl", "set-default-source", f"{SINK}.monitor"], env=self.env,
                       check=True, capture_output=True)

    def play(self, path: Path) -> subprocess.Popen[bytes]:
        """Start playing a file into the virtual microphone (returns at once)."""
        return subprocess.Popen(["paplay", "-d", SINK, str(path)], env=self.env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def stop(self) -> None:
        """Kill the daemon (it holds nothing worth a clean shutdown)."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.log.close()


def refresh_portaudio() -> None:
    """Make this process's PortAudio see the current sound server's devices."""
    from voice_coach.recorder import list_input_devices

    list_input_devices(refresh=True)
