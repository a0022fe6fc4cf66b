"""Check the installation and the history, and repair what can be repaired.

The audio files are the history's source of truth: a damaged database is backed up and
rebuilt from whatever rows can still be read, plus one ``recorded`` row for every audio file
whose row was lost, so every recording can be re-analysed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from voice_coach.errors import StorageError
from voice_coach.storage import COLUMNS, DB_NAME, AnswerStore, is_answer_id

__all__ = ["Finding", "check_history", "check_model", "repair_history"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One result of a check: ``level`` is ``ok``, ``warning`` or ``problem``."""

    level: str
    subject: str
    message: str

    def to_dict(self) -> dict[str, str]:
        """Return ``{level, subject, message}``."""
        return {"level": self.level, "subject": self.subject, "message": self.message}


def check_model(model: str | None) -> Finding:
    """Load the speech model and say whether it works."""
    from voice_coach.errors import VoiceCoachError
    from voice_coach.transcription import load_transcriber

    try:
        transcriber = load_transcriber(model, preload=True)
    except VoiceCoachError as error:
        return Finding("problem", "model", str(error))
    return Finding("ok", "model", f"speech model {transcriber.model_name} loads")


def _integrity(db_path: Path) -> str | None:
    """Return None if SQLite's integrity check passes, else what it reported."""
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=10)
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
            conn.execute("SELECT count(*) FROM answers").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as err:
        return str(err)
    result = "; ".join(str(r[0]) for r in rows)
    return None if result == "ok" else result


def check_history(home: Path) -> list[Finding]:
    """Check the history folder: database integrity, missing audio, orphans, stuck answers."""
    findings: list[Finding] = []
    db_path = home / DB_NAME
    if not db_path.exists():
        return [Finding("ok", "history", f"no history yet at {home}")]
    damage = _integrity(db_path)
    if damage is not None:
        findings.append(Finding("problem", "database",
                                f"{db_path} is damaged ({damage}); run `voice-coach doctor "
                                "--repair` (it keeps a backup)"))
        return findings
    store = AnswerStore(home)
    answers = store.list()
    known = {a.id for a in answers}
    findings.append(Finding("ok", "database", f"{db_path} is intact ({len(answers)} answers)"))
    for answer in answers:
        if answer.kind == "spoken" and (answer.audio_path is None
                                        or not answer.audio_path.is_file()):
            findings.append(Finding("problem", answer.id, "its audio file is missing"))
        if answer.status == "recorded":
            findings.append(Finding("warning", answer.id,
                                    "recorded but never analysed (interrupted?); run "
                                    f"`voice-coach reanalyze {answer.id}`"))
    for path in sorted(store.audio_dir.glob("*")):
        if path.name.startswith(".tmp-"):
            findings.append(Finding("warning", path.name, "a temporary file left by an "
                                    "interrupted write; --repair removes it"))
        elif path.stem not in known and is_answer_id(path.stem):
            findings.append(Finding("warning", path.name, "audio with no row in the history; "
                                    "--repair adds it back as a recorded answer"))
    return findings


def repair_history(home: Path) -> list[Finding]:
    """Repair the history: back up and rebuild a damaged database, re-adopt orphan audio.

    Returns
    -------
    list of Finding
        What was done.
    """
    done: list[Finding] = []
    db_path = home / DB_NAME
    audio_dir = home / "audio"
    if db_path.exists() and _integrity(db_path) is not None:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
        backup = home / f"{DB_NAME}.damaged-{stamp}"
        rows = _salvage_rows(db_path)
        try:
            shutil.move(str(db_path), backup)
            for suffix in ("-wal", "-shm"):
                side = Path(str(db_path) + suffix)
                if side.exists():
                    shutil.move(str(side), str(backup) + suffix)
        except OSError as err:
            raise StorageError(f"cannot back up {db_path}: {err.strerror or err}") from err
        done.append(Finding("ok", "database", f"backed up the damaged database to {backup}"))
        added = AnswerStore(home).restore_rows(rows)
        done.append(Finding("ok", "database", f"recovered {added} answers from it"))
    store = AnswerStore(home)
    known = {a.id for a in store.list()}
    adopted = 0
    for path in sorted(audio_dir.glob("*")):
        if path.name.startswith(".tmp-"):
            with contextlib.suppress(OSError):
                path.unlink()
            done.append(Finding("ok", path.name, "removed an unfinished temporary file"))
            continue
        if path.suffix in (".flac", ".wav") and is_answer_id(path.stem) \
                and path.stem not in known:
            store.adopt_orphan_audio(path)
            adopted += 1
    if adopted:
        done.append(Finding("ok", "audio", f"added {adopted} recordings back to the history as "
                            "recorded answers; `voice-coach reanalyze ID` analyses them"))
    if not done:
        done.append(Finding("ok", "history", "nothing needed repair"))
    return done


def _salvage_rows(db_path: Path) -> list[dict[str, object]]:
    """Read every answer row that can still be read from a damaged database."""
    columns = COLUMNS
    rows: list[dict[str, object]] = []
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=10)
    except sqlite3.DatabaseError:
        return rows
    try:
        ids = [r[0] for r in conn.execute("SELECT id FROM answers")]
    except sqlite3.DatabaseError:
        ids = []
    for answer_id in ids:
        try:
            row = conn.execute(f"SELECT {', '.join(columns)} FROM answers WHERE id = ?",
                               (answer_id,)).fetchone()
        except sqlite3.DatabaseError:
            continue
        if row is None or not is_answer_id(str(row[0])):
            continue
        record = dict(zip(columns, row, strict=True))
        if record["analysis_json"] is not None:
            try:
                json.loads(str(record["analysis_json"]))
            except ValueError:
                record.update(analysis_json=None, status="recorded")
        rows.append(record)
    conn.close()
    return rows
