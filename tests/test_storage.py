"""The history on a real SQLite file: write-ahead, statuses, deletion, bad ids, bad folders."""

from __future__ import annotations

import sqlite3

import numpy as np
import pytest
from signals import tone

from voice_coach.audio import Recording, load_audio
from voice_coach.errors import AnswerNotFoundError, StorageError
from voice_coach.pipeline import analyze_text
from voice_coach.questions import get_question
from voice_coach.storage import DB_NAME, AnswerStore, validate_answer_id


@pytest.fixture
def store(tmp_path) -> AnswerStore:
    return AnswerStore(tmp_path / "history")


def test_audio_is_saved_before_analysis_with_status_recorded(store):
    recording = Recording(tone(220, 2.0))
    answer_id = store.record_audio(recording, question=get_question("five-years"))
    answer = store.get(answer_id)
    assert answer.status == "recorded"
    assert answer.kind == "spoken"
    assert answer.question.id == "five-years"
    assert answer.analysis is None
    assert answer.audio_path.is_file()
    assert answer.duration_s == pytest.approx(2.0)
    # The stored audio is the recording (16-bit FLAC).
    replay = store.load_recording(answer_id)
    np.testing.assert_allclose(replay.samples, recording.samples, atol=1 / 2**14)
    # No temporary files are left behind.
    assert [p.name for p in store.audio_dir.iterdir()] == [f"{answer_id}.flac"]


def test_database_file_is_real_sqlite_in_wal_mode(store):
    store.record_text("I led the team.")
    conn = sqlite3.connect(store.home / DB_NAME)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT count(*) FROM answers").fetchone()[0] == 1
    finally:
        conn.close()


def test_analysis_and_failure_are_recorded(store):
    text = "I helped the company cut costs by 12% in one year."
    answer_id = store.record_text(text, question=None)
    store.mark_failed(answer_id, "the model failed")
    failed = store.get(answer_id)
    assert (failed.status, failed.error) == ("failed", "the model failed")
    analysis = analyze_text(text, answer_id=answer_id)
    store.save_analysis(answer_id, analysis)
    done = store.get(answer_id)
    assert done.status == "analyzed"
    assert done.error is None
    assert done.analysis["id"] == answer_id
    assert done.analysis["transcript"]["text"] == text


def test_list_is_newest_first_and_filters_by_question(store):
    ids = [store.record_text(f"answer {n}", question=get_question(q),
                             created_at=f"2026-11-2{n}T10:00:00+00:00")
           for n, q in enumerate(["five-years", "why-hire-you", "five-years"])]
    assert [a.id for a in store.list()] == ids[::-1]
    assert [a.id for a in store.list(limit=1)] == [ids[2]]
    five = store.list(question_id="five-years")
    assert {a.id for a in five} == {ids[0], ids[2]}
    assert store.resolve_id("latest") == ids[2]


def test_delete_removes_row_and_audio(store):
    answer_id = store.record_audio(Recording(tone(220, 1.5)))
    path = store.audio_path(answer_id)
    store.delete(answer_id)
    assert not path.exists()
    with pytest.raises(AnswerNotFoundError, match="no answer"):
        store.get(answer_id)


@pytest.mark.parametrize("bad", ["../../etc/passwd", "1; DROP TABLE answers", "", "x" * 500,
                                 "20261121-223512-ZZZZZZ"])
def test_malformed_ids_are_refused_before_any_lookup(store, bad):
    with pytest.raises(AnswerNotFoundError, match="is not an answer id"):
        store.get(bad)
    with pytest.raises(AnswerNotFoundError):
        validate_answer_id(bad)


def test_history_folder_that_cannot_be_created(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(StorageError, match="cannot create the history folder"):
        AnswerStore(blocker / "home")


def test_failed_audio_write_leaves_nothing_half_written(store, monkeypatch):
    import os

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(StorageError, match="No space left on device"):
        store.record_audio(Recording(tone(220, 1.5)))
    assert list(store.audio_dir.iterdir()) == []
    assert store.list() == ()


def test_corrupt_database_gives_a_clear_message(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / DB_NAME).write_bytes(b"this is not a database" * 100)
    with pytest.raises(StorageError, match="cannot be used"):
        AnswerStore(home)


def test_spoken_answer_round_trip_through_the_history(store, samples_dir):
    recording = load_audio(samples_dir / "hesitant.wav")
    answer_id = store.record_audio(recording)
    again = store.load_recording(answer_id)
    assert again.duration_s == pytest.approx(recording.duration_s, abs=1e-3)
