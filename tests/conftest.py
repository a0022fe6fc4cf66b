"""Shared fixtures: real model, real files, a real history folder per test."""

from __future__ import annotations

import contextlib
import io
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED_SPEECH = ROOT.parent / "shared" / "speech"


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    """The project's sample answers (strong, pleading, hesitant)."""
    return SAMPLES


@pytest.fixture(scope="session")
def speech_dir() -> Path:
    """The shared real-speech corpus; the test is skipped when it is absent."""
    if not (SHARED_SPEECH / "manifest.csv").is_file():
        pytest.skip("../shared/speech is not present")
    return SHARED_SPEECH


@pytest.fixture(scope="session")
def transcriber():
    """The real embedded tiny.en model, loaded once for the whole run."""
    from voice_coach.transcription import load_transcriber

    return load_transcriber(preload=True)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh VOICE_COACH_HOME for the test."""
    folder = tmp_path / "home"
    monkeypatch.setenv("VOICE_COACH_HOME", str(folder))
    monkeypatch.delenv("VOICE_COACH_MODEL", raising=False)
    return folder


def _require(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not installed (apt-get install {tool})")
    return path


@pytest.fixture(scope="session")
def say(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """Speak text with espeak-ng into a 16 kHz mono WAV: ``say(text, speed=150, name=...)``."""
    espeak = _require("espeak-ng")
    sox = _require("sox")
    folder = tmp_path_factory.mktemp("speech")
    counter = iter(range(10_000))

    def make(text: str, *, speed: int = 150, pitch: int = 50, name: str | None = None,
             effects: tuple[str, ...] = ()) -> Path:
        stem = name or f"say{next(counter)}"
        raw = folder / f"{stem}.raw.wav"
        out = folder / f"{stem}.wav"
        subprocess.run([espeak, "-v", "en-us", "-s", str(speed), "-p", str(pitch), "-w",
                        str(raw), text], check=True, capture_output=True)
        subprocess.run([sox, str(raw), "-r", "16000", "-c", "1", "-b", "16", str(out),
                        *effects], check=True, capture_output=True)
        return out

    return make


@pytest.fixture(scope="session")
def convert() -> Callable[[Path, Path, tuple[str, ...]], Path]:
    """Convert an audio file with ffmpeg: ``convert(src, dst, extra_args)``."""
    ffmpeg = _require("ffmpeg")

    def run(src: Path, dst: Path, args: tuple[str, ...] = ()) -> Path:
        subprocess.run([ffmpeg, "-loglevel", "error", "-y", "-i", str(src), *args, str(dst)],
                       check=True, capture_output=True)
        return dst

    return run


@pytest.fixture
def cli(home: Path) -> Callable[..., tuple[int, str, str]]:
    """Run ``voice-coach`` in-process: ``code, out, err = cli("analyze", path)``."""
    from voice_coach.cli import main

    def run(*argv: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        code = main([str(a) for a in argv], out=out, err=err)
        return code, out.getvalue(), err.getvalue()

    return run


@pytest.fixture
def mic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A private PulseAudio server whose null-sink monitor is the default input (this process
    and its children); skipped where pulseaudio, paplay, PortAudio or sounddevice are missing."""
    from pulse_mic import PulseServer, refresh_portaudio, require_mic_tools

    from voice_coach.errors import MicrophoneUnavailableError

    require_mic_tools()
    server = PulseServer(tmp_path / "xdg")
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(server.runtime_dir))
    monkeypatch.delenv("PULSE_SERVER", raising=False)
    try:
        refresh_portaudio()
        yield server
    finally:
        server.stop()
        with contextlib.suppress(MicrophoneUnavailableError):
            refresh_portaudio()
