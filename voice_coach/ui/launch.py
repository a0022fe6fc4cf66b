"""``voice-coach app``: start the Streamlit server on this machine and say where to open it."""

from __future__ import annotations

import errno
import importlib.util
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import webbrowser
from pathlib import Path
from typing import TextIO

__all__ = ["APP_PATH", "MAX_UPLOAD_MB", "SERVER_SETTINGS", "build_command", "run_app"]

#: The app's entry script, inside the package so an installed (non-editable) copy finds it.
APP_PATH = Path(__file__).resolve().with_name("app.py")
#: Largest upload accepted, in MB: 3 minutes of 48 kHz stereo WAV is 35 MB; a longer answer
#: fits as FLAC, MP3 or M4A. (Streamlit's own default is 200 MB.)
MAX_UPLOAD_MB = 100
#: Server settings passed on the command line (``.streamlit/config.toml`` holds the same for a
#: plain ``streamlit run streamlit_app.py``; tests check the two agree).
SERVER_SETTINGS: dict[str, str] = {
    "browser.gatherUsageStats": "false",
    "server.maxUploadSize": str(MAX_UPLOAD_MB),
    "server.fileWatcherType": "none",
    "client.toolbarMode": "minimal",
    "client.showErrorDetails": "none",
    "theme.base": "light",
    "theme.primaryColor": "#2f5d62",
}


#: How long to wait for the server before giving up on opening the browser, in seconds
#: (a fresh install's first start imports Streamlit and warms the model: 10-30 s on 2 cores).
BROWSER_WAIT_S: float = 120.0


def build_command(*, host: str, port: int, open_browser: bool) -> list[str]:
    """Return the ``streamlit run`` command line for the app.

    Streamlit always runs headless: without that, its first start in a new account stops at
    an "Email:" prompt (it asks for a newsletter address) until Enter is pressed, and never
    serves when there is no terminal. The browser is opened by :func:`run_app` instead.
    """
    del open_browser  # the browser is opened by run_app, never by Streamlit
    command = [sys.executable, "-m", "streamlit", "run", str(APP_PATH),
               "--server.address", host, "--server.port", str(port),
               "--server.headless", "true"]
    for name, value in SERVER_SETTINGS.items():
        command += [f"--{name}", value]
    return command


def _port_problem(host: str, port: int) -> str | None:
    """Return a one-line reason the server cannot listen on ``host:port``, or None."""
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.bind((host, port))
    except OSError as err:
        if err.errno == errno.EADDRINUSE:
            return f"port {port} on {host} is already in use (pass --port with a free port)"
        return f"cannot listen on {host}:{port}: {err.strerror or err}"
    return None


def run_app(*, host: str, port: int, open_browser: bool, out: TextIO, err: TextIO) -> int:
    """Run the app in Streamlit until it is stopped.

    Parameters
    ----------
    host : str
        Address to listen on (``127.0.0.1``: this machine only).
    port : int
        TCP port.
    open_browser : bool
        Open the app in the default browser once the server is up.
    out, err : text streams
        Where to print the address and errors.

    Returns
    -------
    int
        Streamlit's exit code; 2 for a bad port, 5 when Streamlit is not installed,
        130 on Ctrl-C.
    """
    if importlib.util.find_spec("streamlit") is None:
        err.write("voice-coach: error: the app needs Streamlit, which is not installed "
                  "(run `pip install streamlit`)\n")
        return 5
    if not 1 <= port <= 65535:
        err.write(f"voice-coach: error: --port={port} must be between 1 and 65535\n")
        return 2
    problem = _port_problem(host, port)
    if problem is not None:
        err.write(f"voice-coach: error: {problem}\n")
        return 2
    shown = "localhost" if host in ("127.0.0.1", "::1", "localhost") else host
    if host in ("0.0.0.0", "::"):
        shown = "localhost"
        err.write("voice-coach: warning: listening on every network interface; anyone who can "
                  "reach this machine can open the app and its history\n")
    out.write(f"voice-coach: the app is starting; open http://{shown}:{port} in your browser "
              "(Ctrl-C stops it)\n")
    out.flush()
    if open_browser:
        threading.Thread(target=_open_when_up, args=(host, port, f"http://{shown}:{port}"),
                         daemon=True).start()
    try:
        return subprocess.call(build_command(host=host, port=port, open_browser=open_browser))
    except KeyboardInterrupt:
        return 130


def _open_when_up(host: str, port: int, url: str) -> None:
    """Open ``url`` in the default browser once the server answers its health check."""
    probe_host = "127.0.0.1" if host in ("0.0.0.0", "localhost") else (
        "::1" if host == "::" else host)
    health = f"http://{'[' + probe_host + ']' if ':' in probe_host else probe_host}:{port}"
    deadline = time.monotonic() + BROWSER_WAIT_S
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(health + "/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    webbrowser.open(url)
                    return
        except OSError:
            pass
        time.sleep(0.5)
