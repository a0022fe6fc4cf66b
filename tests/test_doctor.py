"""`voice-coach doctor`: a damaged history is backed up and rebuilt; nothing recorded is lost."""

from __future__ import annotations

import json
import sqlite3

from signals import tone

from voice_coach.audio import Recording
from voice_coach.pipeline import analyze_text
from voice_coach.storage import DB_NAME, AnswerStore


def _history_with_answers(home):
    store = AnswerStore(home)
    spoken = store.record_audio(Recording(tone(200, 2.0)))
    typed = store.record_text("I helped the company cut costs by 12% in one year.")
    store.save_analysis(typed, analyze_text("I helped the company cut costs by 12% in one year.",
                                            answer_id=typed))
    return store, spoken, typed


def test_healthy_history_passes(cli, home):
    _history_with_answers(home)
    code, out, err = cli("doctor")
    assert code == 0, out + err
    assert "is intact (2 answers)" in out
    assert "recorded but never analysed" in out  # the spoken answer was never analysed
    assert "speech model tiny.en loads" in out


def test_corrupt_database_is_backed_up_and_rebuilt_from_the_audio(cli, home):
    _, spoken, _ = _history_with_answers(home)
    db = home / DB_NAME
    # Checkpoint the WAL so the database file holds everything, then wreck its pages.
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(db.read_bytes())
    data[100:] = b"\xff" * (len(data) - 100)
    db.write_bytes(bytes(data))

    code, out, err = cli("history")
    assert code == 6
    assert "run `voice-coach doctor`" in err
    code, out, _ = cli("doctor")
    assert code == 6 and "is damaged" in out

    code, out, err = cli("doctor", "--repair")
    assert code == 0, out + err
    assert "backed up the damaged database" in out
    backups = [p for p in home.glob(f"{DB_NAME}.damaged-*") if p.name[-4:] not in ("-wal",
                                                                                     "-shm")]
    assert len(backups) == 1 and backups[0].read_bytes() == bytes(data)
    code, out, _ = cli("history", "--json")
    rows = {json.loads(line)["id"]: json.loads(line) for line in out.splitlines()}
    # The recording survived: it is back as a recorded answer that can be re-analysed.
    assert rows[spoken]["status"] == "recorded"


def test_orphan_audio_and_temporary_files_are_repaired(cli, home):
    store, spoken, _ = _history_with_answers(home)
    conn = sqlite3.connect(home / DB_NAME)
    conn.execute("DELETE FROM answers WHERE id = ?", (spoken,))
    conn.commit()
    conn.close()
    (store.audio_dir / ".tmp-abc.flac").write_bytes(b"partial")
    code, out, _ = cli("doctor")
    assert "audio with no row" in out and "temporary file" in out
    code, out, _ = cli("doctor", "--repair")
    assert code == 0
    assert not (store.audio_dir / ".tmp-abc.flac").exists()
    assert store.get(spoken).status == "recorded"
