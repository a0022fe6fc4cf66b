"""The app in a real browser: Debian's Chromium, driven by Playwright, a WAV file as the mic.

Starts ``streamlit run streamlit_app.py`` on a free port with a fresh history, records an
answer through ``st.audio_input`` (Chromium plays the sample WAV into the fake microphone),
waits for the transcript and scores, opens the history, finds the answer and plays it.

Skipped when Chromium (``/usr/bin/chromium``), the Playwright client or sox is missing. Set
``VOICE_COACH_SCREENSHOTS=DIR`` to also save screenshots of every page at laptop and phone size.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("VOICE_COACH_CHROMIUM", "/usr/bin/chromium"))
#: Waits are long: CI has 2 cores and the first analysis loads the model.
SERVER_START_S = 120
ANALYSIS_S = 300
#: How long to record: the first sentences of the sample answer (for screenshots: all of it,
#: 29.7 s, so the page shows a full analysis).
RECORD_MS = 9000
RECORD_ALL_MS = 29_400
LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A running app on a free port with its own history; yields (url, history folder)."""
    home = tmp_path / "home"
    port = _free_port()
    log = (tmp_path / "server.log").open("w")
    env = dict(os.environ, VOICE_COACH_HOME=str(home))
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "streamlit_app.py"),
         "--server.headless", "true", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_S
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                    if reply.read().strip() == b"ok":
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail("the app did not start:\n"
                            + (tmp_path / "server.log").read_text()[-3000:])
            time.sleep(0.5)
        yield url, home
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture
def microphone_wav(tmp_path: Path, samples_dir: Path) -> Path:
    """The strong sample answer as a 48 kHz mono WAV for Chromium's fake microphone."""
    sox = shutil.which("sox")
    if sox is None:
        pytest.skip("sox is not installed")
    out = tmp_path / "mic.wav"
    subprocess.run([sox, str(samples_dir / "strong.wav"), "-r", "48000", "-c", "1", str(out)],
                   check=True, capture_output=True)
    return out


def _screenshot(page, folder: str | None, name: str, size: dict[str, int]) -> None:
    """Save the whole page (Streamlit scrolls inside its own container, so grow the window)."""
    if not folder:
        return
    old = page.viewport_size
    page.set_viewport_size(size)
    page.wait_for_timeout(1200)  # let the layout settle at the new width
    height = page.evaluate("""() => {
        let most = document.body.scrollHeight;
        for (const el of document.querySelectorAll('*')) {
            const style = getComputedStyle(el).overflowY;
            if (el.scrollHeight > el.clientHeight + 5 && style !== 'visible') {
                most = Math.max(most, el.scrollHeight);
            }
        }
        return most;
    }""")
    page.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, 9000)})
    page.wait_for_timeout(1200)
    Path(folder).mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(Path(folder) / f"{name}.png"))
    page.set_viewport_size(old)


def test_record_review_and_replay_in_chromium(server, microphone_wav):
    if not CHROMIUM.is_file():
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    from voice_coach.questions import load_questions
    from voice_coach.storage import AnswerStore

    first = load_questions()[0]  # the bank's first question is selected by default

    url, home = server
    shots = os.environ.get("VOICE_COACH_SCREENSHOTS")
    args = ["--no-sandbox", "--disable-gpu", "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-audio-capture={microphone_wav}",
            "--autoplay-policy=no-user-gesture-required",
            "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"]
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=args)
        try:
            context = browser.new_context(permissions=["microphone"], viewport=LAPTOP)
            page = context.new_page()
            page.goto(url)
            record = page.get_by_role("button", name="Record", exact=True)
            record.wait_for(timeout=SERVER_START_S * 1000)
            # pick a question from the bank so the answer can be found by it later
            page.get_by_text("From the bank", exact=True).click()
            page.get_by_text(first.tip[:40]).first.wait_for(timeout=30_000)  # its tip
            _screenshot(page, shots, "practice-empty", LAPTOP)

            record.click()
            page.get_by_role("button", name="Stop recording").wait_for(timeout=30_000)
            # the WAV plays into the microphone meanwhile
            page.wait_for_timeout(RECORD_ALL_MS if shots else RECORD_MS)
            page.get_by_role("button", name="Stop recording").click()

            page.get_by_text("Fix these first").first.wait_for(timeout=ANALYSIS_S * 1000)
            transcript = page.locator(".vc-player .vc-text")
            transcript.wait_for(timeout=30_000)
            said = transcript.inner_text().lower()
            assert "last role" in said or "migration" in said, said
            page.get_by_text("Results framing").first.wait_for(timeout=10_000)
            assert page.locator('[data-testid="stMetricValue"]').count() >= 4
            assert page.locator('[data-testid="stException"]').count() == 0
            _screenshot(page, shots, "practice", LAPTOP)
            _screenshot(page, shots, "practice-phone", PHONE)

            (answer,) = AnswerStore(home).list()
            assert answer.status == "analyzed" and answer.kind == "spoken"
            assert answer.question is not None and answer.question.id == first.id
            assert 5.0 < (answer.duration_s or 0) < 32.0

            page.get_by_role("link", name="History").click()
            page.get_by_role("heading", name="History").wait_for(timeout=60_000)
            page.get_by_text(first.text).first.wait_for(timeout=60_000)
            sentence = page.locator(".vc-player .vc-s[data-start]").nth(1)
            sentence.wait_for(timeout=60_000)
            start_s = float(sentence.get_attribute("data-start"))
            audio = page.locator(".vc-player audio")
            page.wait_for_function(
                "() => { const host = [...document.querySelectorAll('*')].find("
                "e => e.shadowRoot && e.shadowRoot.querySelector('.vc-player audio'));"
                " const a = host && host.shadowRoot.querySelector('.vc-player audio');"
                " return a && a.readyState >= 1 && a.duration > 0; }",
                timeout=60_000)
            duration = audio.evaluate("a => a.duration")
            assert duration == pytest.approx(answer.duration_s, abs=0.5)
            sentence.click()  # a click on a sentence plays the answer from there
            page.wait_for_function(
                "([start]) => { const host = [...document.querySelectorAll('*')].find("
                "e => e.shadowRoot && e.shadowRoot.querySelector('.vc-player audio'));"
                " const a = host.shadowRoot.querySelector('.vc-player audio');"
                " return !a.paused && a.currentTime > start + 0.3; }",
                arg=[start_s], timeout=30_000)
            _screenshot(page, shots, "history", LAPTOP)
            _screenshot(page, shots, "history-phone", PHONE)

            page.get_by_role("link", name="Progress").click()
            page.get_by_role("heading", name="Scores over time").wait_for(timeout=60_000)
            _screenshot(page, shots, "progress", LAPTOP)
            _screenshot(page, shots, "progress-phone", PHONE)
        finally:
            browser.close()
