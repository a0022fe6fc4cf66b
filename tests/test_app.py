"""The Streamlit app, run in-process with streamlit.testing.v1.AppTest.

Real model, real audio, real history folder (one per test); pages are driven like a person
would: record or upload, type, open the history, delete, compare.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import socket
import tomllib
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

pytest.importorskip("streamlit")

from streamlit.testing.v1 import AppTest

from voice_coach.pipeline import analyze_text
from voice_coach.questions import get_question
from voice_coach.storage import AnswerStore
from voice_coach.ui import state as keys

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "streamlit_app.py"
HISTORY = "voice_coach/ui/pages/history.py"
PROGRESS = "voice_coach/ui/pages/progress.py"
#: Generous: the first spoken analysis loads the model and runs on 2 shared cores.
TIMEOUT_S = 240


def _app() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    at.run()
    assert not at.exception, at.exception
    return at


def _player_html(at: AppTest) -> list[str]:
    """The transcript HTML of every transcript player on the page."""
    return [json.loads(el.proto.json)["html"] for el in at.get("bidi_component")]


def _text(fragment: str) -> str:
    return html.unescape(fragment)


def _no_errors(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def _pick_question(at: AppTest, question_id: str) -> None:
    at.segmented_control(key=keys.QUESTION_MODE).set_value("bank").run()
    at.selectbox(key=keys.BANK_QUESTION).set_value(question_id).run()


def _type_answer(at: AppTest, text: str) -> None:
    at.segmented_control(key=keys.ANSWER_MODE).set_value("type").run()
    at.text_area[0].input(text)
    next(b for b in at.button if b.label == "Analyse").click().run()


def _store(home: Path) -> AnswerStore:
    return AnswerStore(home)


_SAVED = iter(range(1, 10_000))


def _save_typed(home: Path, text: str, question_id: str = "why-hire-you") -> str:
    """Save and analyse a typed answer, each one a minute after the one before."""
    store = _store(home)
    question = get_question(question_id)
    stamp = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC) + dt.timedelta(minutes=next(_SAVED))
    created_at = stamp.isoformat()
    answer_id = store.record_text(text, question=question, created_at=created_at)
    store.save_analysis(answer_id, analyze_text(text, question, answer_id=answer_id,
                                                created_at=created_at))
    return answer_id


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


# ------------------------------------------------------------------------------ practice


def test_record_analyse_shows_scores_fixes_and_transcript(home, samples_dir):
    at = _app()
    assert at.title[0].value == "Practice"
    _pick_question(at, "why-hire-you")
    assert any("career move" in i.value for i in at.info)  # the question's tip
    recorder = at.audio_input[0]
    assert recorder.sample_rate == 16000
    recorder.upload("answer.wav", (samples_dir / "strong.wav").read_bytes()).run()
    _no_errors(at)

    answers = _store(home).list()
    assert len(answers) == 1 and answers[0].status == "analyzed"
    report = answers[0].analysis
    assert report["question"]["id"] == "why-hire-you"
    for key, label in (("results_framing", "Results framing"), ("overall", "Overall"),
                       ("hiring_manager_focus", "Hiring-manager focus")):
        value = report["scores"][key]
        assert _metric(at, label) == ("—" if value is None else str(value))
    assert any(m.value == "##### Fix these first" for m in at.markdown)
    (player,) = _player_html(at)
    assert "migration" in _text(player)  # the transcript of what was said
    assert 'data-start="' in player  # sentences carry their start time
    assert "<audio" in player
    # the status shows the stages it ran
    assert any("Transcribing" in m.value for m in at.markdown)
    # a rerun does not analyse the same recording again
    at.run()
    assert len(_store(home).list()) == 1


def test_upload_analyses_a_compressed_file(home, samples_dir, convert, tmp_path):
    mp3 = convert(samples_dir / "pleading.wav", tmp_path / "pleading.mp3", ("-b:a", "64k"))
    at = _app()
    _pick_question(at, "why-this-role")
    at.segmented_control(key=keys.ANSWER_MODE).set_value("upload").run()
    at.file_uploader[0].set_value(("pleading.mp3", mp3.read_bytes(), "audio/mpeg")).run()
    _no_errors(at)
    (answer,) = _store(home).list()
    assert answer.status == "analyzed" and answer.kind == "spoken"
    checks = {c["id"]: c for c in answer.analysis["content"]["checks"]}
    assert checks["supplicant_language"]["detected"]
    (player,) = _player_html(at)
    assert "vc-pleading" in player  # pleading phrases highlighted in the transcript


def test_typed_answer_gets_the_content_checks(home, samples_dir):
    at = _app()
    _pick_question(at, "why-hire-you")
    _type_answer(at, (samples_dir / "strong.txt").read_text())
    _no_errors(at)
    (answer,) = _store(home).list()
    assert answer.kind == "typed" and answer.status == "analyzed"
    assert _metric(at, "Results framing") == str(answer.analysis["scores"]["results_framing"])
    assert _metric(at, "Confidence") == "—"  # nothing to judge delivery on
    (player,) = _player_html(at)
    assert "<audio" not in player and "vc-result" in player
    labels = [e.label for e in at.expander]
    assert "Results framing" in labels  # every content check is listed


def test_empty_typed_answer_is_a_readable_error(home):
    at = _app()
    _type_answer(at, "   ")
    assert not at.exception
    assert any("empty" in e.value for e in at.error)
    assert _store(home).list() == ()


def test_unreadable_upload_is_a_readable_error(home):
    at = _app()
    at.segmented_control(key=keys.ANSWER_MODE).set_value("upload").run()
    at.file_uploader[0].set_value(("answer.wav", b"RIFF not really a wav", "audio/wav")).run()
    assert not at.exception
    assert at.error and "Traceback" not in at.error[0].value
    assert "recording cannot be used" in at.error[0].value


def test_answer_is_kept_when_the_analysis_fails(home):
    rng = np.random.default_rng(0)
    hiss = (0.002 * rng.standard_normal(16000 * 3)).astype(np.float32)
    buffer = io.BytesIO()
    sf.write(buffer, hiss, 16000, format="WAV", subtype="PCM_16")
    at = _app()
    at.audio_input[0].upload("silence.wav", buffer.getvalue()).run()
    assert not at.exception
    assert at.error and "History" in at.error[0].value
    (answer,) = _store(home).list()
    assert answer.status == "failed" and answer.error
    assert answer.audio_path is not None and answer.audio_path.is_file()


def test_try_again_shows_both_attempts_and_what_changed(home, samples_dir):
    at = _app()
    _pick_question(at, "why-hire-you")
    _type_answer(at, (samples_dir / "pleading.txt").read_text())
    _no_errors(at)
    next(b for b in at.button if b.label == "Try again").click().run()
    assert at.session_state[keys.PREVIOUS_ANSWER] is not None
    assert at.selectbox(key=keys.BANK_QUESTION).value == "why-hire-you"  # question kept
    _type_answer(at, (samples_dir / "strong.txt").read_text())
    _no_errors(at)
    headings = [m.value for m in at.markdown]
    assert "##### Improved" in headings and "##### Not yet" in headings
    improved = next(m.value for i, m in enumerate(at.markdown)
                    if i > headings.index("##### Improved") and m.value.startswith("- "))
    assert "Results framing" in improved or "Overall" in improved
    assert len(_player_html(at)) >= 2  # both attempts side by side


# ------------------------------------------------------------------------------ history


def test_history_lists_and_opens_an_answer(home, samples_dir):
    older = _save_typed(home, (samples_dir / "pleading.txt").read_text(), "why-this-role")
    newer = _save_typed(home, (samples_dir / "strong.txt").read_text(), "why-hire-you")
    at = _app()
    at.switch_page(HISTORY).run()
    _no_errors(at)
    assert at.title[0].value == "History"
    table = at.dataframe[0].value
    assert list(table["Question"]) == ["Why should we hire you?", "Why do you want this job?"]
    assert at.selectbox(key=keys.HISTORY_OPEN).value == newer
    at.selectbox(key=keys.HISTORY_OPEN).set_value(older).run()
    _no_errors(at)
    (player,) = _player_html(at)
    assert "really need this job" in _text(player)
    names = {b.label for b in at.get("download_button")}
    assert names == {"Markdown", "JSON"}
    # filter by question
    at.selectbox(key=keys.HISTORY_FILTER).set_value("why-hire-you").run()
    assert list(at.dataframe[0].value["Question"]) == ["Why should we hire you?"]


def test_history_delete_asks_then_deletes(home, samples_dir):
    keep = _save_typed(home, (samples_dir / "pleading.txt").read_text())
    gone = _save_typed(home, (samples_dir / "strong.txt").read_text())
    at = _app()
    at.switch_page(HISTORY).run()
    at.selectbox(key=keys.HISTORY_OPEN).set_value(gone).run()
    next(b for b in at.button if b.label == "Delete").click().run()
    assert any("for good" in w.value for w in at.warning)
    assert len(_store(home).list()) == 2  # not yet
    next(b for b in at.button if b.label == "Delete it").click().run()
    _no_errors(at)
    assert [a.id for a in _store(home).list()] == [keep]
    assert any("Deleted" in s.value for s in at.success)


def test_history_reanalyse_completes_a_failed_answer(home, samples_dir):
    store = _store(home)
    answer_id = store.record_text((samples_dir / "strong.txt").read_text(),
                                  question=get_question("why-hire-you"))
    store.mark_failed(answer_id, "analysis interrupted: test")
    at = _app()
    at.switch_page(HISTORY).run()
    assert any("not analysed" in w.value for w in at.warning)
    next(b for b in at.button if b.label == "Re-analyse").click().run()
    _no_errors(at)
    assert store.get(answer_id).status == "analyzed"


def test_history_compares_two_attempts(home, samples_dir):
    _save_typed(home, (samples_dir / "pleading.txt").read_text())
    _save_typed(home, (samples_dir / "strong.txt").read_text())
    at = _app()
    at.switch_page(HISTORY).run()
    at.segmented_control(key=keys.HISTORY_VIEW).set_value("compare").run()
    _no_errors(at)
    assert len(at.multiselect(key=keys.HISTORY_COMPARE).value) == 2
    assert len(_player_html(at)) == 2
    headings = [m.value for m in at.markdown]
    assert "##### Improved" in headings
    assert any(h.startswith("**Earlier**") for h in headings)
    assert any(h.startswith("**Later**") for h in headings)


def test_empty_history_and_progress_say_so(home):
    at = _app()
    at.switch_page(HISTORY).run()
    assert any("No answers yet" in i.value for i in at.info)
    at.switch_page(PROGRESS).run()
    assert any("progress appears here" in i.value for i in at.info)


# ------------------------------------------------------------------------------ progress


def test_progress_shows_scores_and_improving_cues(home, samples_dir):
    _save_typed(home, (samples_dir / "pleading.txt").read_text())
    _save_typed(home, (samples_dir / "pleading.txt").read_text(), "why-this-role")
    _save_typed(home, (samples_dir / "strong.txt").read_text())
    _save_typed(home, (samples_dir / "strong.txt").read_text(), "why-this-role")
    at = _app()
    at.switch_page(PROGRESS).run()
    _no_errors(at)
    assert [s.value for s in at.subheader] == ["Scores over time", "Per question",
                                               "What is improving"]
    assert _metric(at, "Answers") == "4"
    improved = [m.value for m in at.markdown if m.value.startswith("- **")]
    assert improved, "the strong answers fix what the pleading ones got wrong"
    assert any("Supplicant" in line or "Results" in line for line in improved)


# ------------------------------------------------------------------------------ launching


def test_config_toml_agrees_with_the_launcher():
    from voice_coach.ui.launch import SERVER_SETTINGS

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    for name, value in SERVER_SETTINGS.items():
        section, option = name.split(".")
        assert str(config[section][option]).lower() == value.lower(), name
    assert config["server"]["address"] == "127.0.0.1"


def test_launcher_command_listens_where_told():
    from voice_coach.ui.launch import APP_PATH, build_command

    command = build_command(host="127.0.0.1", port=8599, open_browser=False)
    assert str(APP_PATH) in command and APP_PATH.is_file()
    pairs = dict(zip(command[5::2], command[6::2], strict=False))
    assert pairs["--server.address"] == "127.0.0.1"
    assert pairs["--server.port"] == "8599"
    assert pairs["--server.headless"] == "true"
    assert pairs["--browser.gatherUsageStats"] == "false"


def test_launcher_reports_a_busy_port(home):
    from voice_coach.ui.launch import run_app

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        out, err = io.StringIO(), io.StringIO()
        code = run_app(host="127.0.0.1", port=port, open_browser=False, out=out, err=err)
    assert code == 2
    assert f"port {port}" in err.getvalue() and "--port" in err.getvalue()
    assert len(err.getvalue().splitlines()) == 1


def test_launcher_without_streamlit_is_one_line(monkeypatch, home):
    import importlib.util

    from voice_coach.ui import launch

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "streamlit" else real(name, *a))
    err = io.StringIO()
    code = launch.run_app(host="127.0.0.1", port=8501, open_browser=False, out=io.StringIO(),
                          err=err)
    assert code == 5 and "pip install streamlit" in err.getvalue()


def test_first_start_in_a_new_account_serves_without_a_prompt(tmp_path):
    """A new user's first `voice-coach app` (browser wanted, no ~/.streamlit, no terminal on
    stdin) must serve: Streamlit's newsletter "Email:" prompt used to block it."""
    import os
    import signal
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "HOME": str(tmp_path / "newuser"), "BROWSER": "true",
           "VOICE_COACH_HOME": str(tmp_path / "vc")}
    (tmp_path / "newuser").mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "voice_coach.cli", "app", "--port", str(port)],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        healthy = False
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health",
                                            timeout=2) as reply:
                    healthy = reply.status == 200
                    break
            except OSError:
                time.sleep(0.5)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C: the launcher and Streamlit stop
        out = proc.communicate(timeout=30)[0].decode(errors="replace")
    assert healthy, f"the server never answered: {out[-600:]}"
    assert "Email:" not in out
    assert not (tmp_path / "newuser" / ".streamlit" / "credentials.toml").exists()
