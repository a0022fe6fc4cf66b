"""Faults with real processes: SIGKILL mid-analysis, concurrent writers, read-only and full
disks, and no network at run time."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from voice_coach.storage import DB_NAME, AnswerStore

ROOT = Path(__file__).resolve().parents[1]


def _command() -> list[str]:
    exe = Path(sys.executable).with_name("voice-coach")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "voice_coach"]


def _env(home: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "VOICE_COACH_HOME": str(home), **extra}


def _rows(home: Path) -> list[dict[str, object]]:
    db = home / DB_NAME
    if not db.exists():
        return []
    conn = sqlite3.connect(db, timeout=30)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute("SELECT * FROM answers")]
    except sqlite3.OperationalError:
        return []
    finally:
        conn.close()


def test_sigkill_during_analysis_keeps_the_answer_and_reanalyze_completes_it(tmp_path,
                                                                             samples_dir):
    home = tmp_path / "home"
    process = subprocess.Popen([*_command(), "analyze", str(samples_dir / "strong.wav")],
                               env=_env(home), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    rows: list[dict[str, object]] = []
    while time.monotonic() < deadline and not rows:
        rows = _rows(home)
        time.sleep(0.02)
    assert rows, "the answer never reached the history"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    (row,) = _rows(home)
    assert row["status"] == "recorded"  # killed before analysis finished
    assert (home / "audio" / str(row["audio_file"])).is_file()
    result = subprocess.run([*_command(), "reanalyze", str(row["id"]), "--json"],
                            env=_env(home), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "company" in json.loads(result.stdout)["transcript"]["text"]
    (row,) = _rows(home)
    assert row["status"] == "analyzed"


def test_four_cli_analyses_and_an_app_writer_share_one_history(tmp_path, say):
    home = tmp_path / "home"
    sentences = [
        "I cut the delivery time of our trucks by a third.",
        "Our clinic now sees twenty more patients every day.",
        "The new school timetable saved every teacher two hours a week.",
        "I closed four new accounts in my first quarter.",
    ]
    files = [say(text, name=f"concurrent{n}") for n, text in enumerate(sentences)]
    writer = subprocess.Popen([sys.executable, "-c", (
        "import sys\n"
        "from voice_coach.storage import AnswerStore\n"
        "from voice_coach.pipeline import analyze_text\n"
        "store = AnswerStore(sys.argv[1])\n"
        "for n in range(25):\n"
        "    text = f'Typed answer number {n}: I helped the team ship on time.'\n"
        "    answer_id = store.record_text(text)\n"
        "    store.save_analysis(answer_id, analyze_text(text, answer_id=answer_id))\n"
    ), str(home)], env=_env(home))
    analyses = [subprocess.Popen([*_command(), "analyze", str(path), "--json"], env=_env(home),
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for path in files]
    outputs = [p.communicate(timeout=600) for p in analyses]
    assert writer.wait(timeout=600) == 0
    for process, (_, err) in zip(analyses, outputs, strict=True):
        assert process.returncode == 0, err
    reports = {json.loads(out)["id"]: json.loads(out) for out, _ in outputs}
    rows = _rows(home)
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)) == 4 + 25
    assert all(r["status"] == "analyzed" for r in rows)
    by_id = {r["id"]: r for r in rows}
    for answer_id, report in reports.items():
        stored = json.loads(str(by_id[answer_id]["analysis_json"]))
        assert stored["transcript"]["text"] == report["transcript"]["text"]
    # Each file's words ended up in its own answer, not mixed up.
    keywords = ["delivery", "clinic", "school", "closed"]
    for (out, _), keyword in zip(outputs, keywords, strict=True):
        assert keyword in json.loads(out)["transcript"]["text"].lower()
    typed = sorted(str(r["text"]) for r in rows if r["kind"] == "typed")
    assert len(typed) == 25 and len(set(typed)) == 25


@pytest.fixture
def read_only_dir(tmp_path):
    target = tmp_path / "ro"
    target.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(target)],
                            capture_output=True)
    if result.returncode != 0:
        pytest.skip("cannot mount a read-only tmpfs here (needs root)")
    yield target
    subprocess.run(["umount", str(target)], check=False)


def test_read_only_history_folder_is_a_storage_error_with_the_path(cli, read_only_dir,
                                                                   monkeypatch, samples_dir):
    monkeypatch.setenv("VOICE_COACH_HOME", str(read_only_dir / "history"))
    code, _, err = cli("analyze", samples_dir / "strong.wav")
    assert code == 6
    assert "cannot create the history folder" in err and str(read_only_dir) in err
    assert err.count("\n") == 1


@pytest.fixture
def tiny_disk(tmp_path):
    target = tmp_path / "tiny"
    target.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(target)],
                            capture_output=True)
    if result.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    yield target
    subprocess.run(["umount", str(target)], check=False)


def test_full_disk_leaves_nothing_half_written(cli, tiny_disk, monkeypatch, samples_dir):
    home = tiny_disk / "history"
    monkeypatch.setenv("VOICE_COACH_HOME", str(home))
    store = AnswerStore(home)  # the history exists; now the disk fills up
    filler = tiny_disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while os.write(fd, b"\0" * 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)
    code, _, err = cli("analyze", samples_dir / "strong.wav")
    assert code == 6
    assert "No space left on device" in err or "is full" in err
    assert err.count("\n") == 1
    assert list((home / "audio").iterdir()) == []
    filler.unlink()
    assert store.list() == ()  # no half-written answer (reading needs room for the WAL index)
    code, _, err = cli("analyze", samples_dir / "strong.wav", "--json")
    assert code == 0, err


def test_analysis_makes_no_network_connection(cli, samples_dir, monkeypatch):
    attempts: list[object] = []
    real_connect = socket.socket.connect

    def refuse(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            attempts.append(address)
            raise OSError("network blocked by the test")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", refuse)
    code, _, err = cli("analyze", samples_dir / "strong.wav", "--json")
    assert code == 0, err
    assert attempts == []


def test_analysis_works_in_a_process_with_no_network_at_all(tmp_path, samples_dir):
    unshare = shutil.which("unshare")
    if unshare is None or subprocess.run([unshare, "-n", "true"]).returncode != 0:
        pytest.skip("cannot create a network namespace here (needs root and unshare)")
    result = subprocess.run([unshare, "-n", *_command(), "analyze",
                             str(samples_dir / "strong.wav"), "--json"],
                            env=_env(tmp_path / "home", HF_HUB_OFFLINE="0"),
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["transcript"]["model"] == "tiny.en"
