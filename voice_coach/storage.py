"""The answer history: a SQLite database file plus one FLAC file per spoken answer.

Write-ahead: an answer's audio is written (atomically) and its row committed *before*
analysis starts, with status ``recorded``. Analysis then sets ``analyzed`` (with the report
JSON) or ``failed`` (with the error), so an answer whose analysis fails, or whose process is
killed, is still there and ``reanalyze`` completes it.

Layout of ``VOICE_COACH_HOME``::

    history.sqlite3        answers table (WAL mode)
    audio/<id>.flac        16 kHz mono 16-bit FLAC of each spoken answer
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import secrets
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from voice_coach.errors import AnswerNotFoundError, StorageError
from voice_coach.questions import Question

if TYPE_CHECKING:
    from voice_coach.audio import Recording
    from voice_coach.pipeline import AnswerAnalysis
    from voice_coach.prosody.baseline import Baseline

__all__ = ["COLUMNS", "DB_NAME", "STATUSES", "AnswerStore", "StoredAnswer", "is_answer_id",
           "validate_answer_id"]

DB_NAME = "history.sqlite3"
#: Answer states: audio or text saved; analysis stored; analysis failed (error kept).
STATUSES: tuple[str, ...] = ("recorded", "analyzed", "failed")
#: Ids look like 20261121-223512-3f9a1c: sortable by time, safe as file names.
#: ASCII digits only and matched whole (``fullmatch``: ``$`` would let a trailing newline in).
_ID_RE = re.compile(r"\d{8}-\d{6}-[0-9a-f]{6}", re.ASCII)
#: How long a writer waits for another process's transaction (SQLite busy timeout).
BUSY_TIMEOUT_S = 30.0
_SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    id            TEXT PRIMARY KEY,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('recorded', 'analyzed', 'failed')),
    kind          TEXT NOT NULL CHECK (kind IN ('spoken', 'typed')),
    question_json TEXT,
    audio_file    TEXT,
    duration_s    REAL,
    text          TEXT,
    analysis_json TEXT,
    error         TEXT,
    model         TEXT
);
CREATE INDEX IF NOT EXISTS answers_created ON answers (created_at);
"""


#: The columns of the answers table, in order.
COLUMNS: tuple[str, ...] = ("id", "created_at", "updated_at", "status", "kind",
                            "question_json", "audio_file", "duration_s", "text",
                            "analysis_json", "error", "model")


def is_answer_id(text: str) -> bool:
    """Whether ``text`` has the form of an answer id."""
    return isinstance(text, str) and bool(_ID_RE.fullmatch(text))


def validate_answer_id(answer_id: str) -> str:
    """Return the id if it has the history's id form, else raise :class:`AnswerNotFoundError`."""
    if not isinstance(answer_id, str) or not _ID_RE.fullmatch(answer_id):
        raise AnswerNotFoundError(
            f"{str(answer_id)[:40]!r} is not an answer id (ids look like 20261121-223512-3f9a1c; "
            "`voice-coach history` lists them)"
        )
    return answer_id


@dataclass(frozen=True, slots=True)
class StoredAnswer:
    """One row of the history."""

    id: str
    created_at: str
    updated_at: str
    status: str
    kind: str
    question: Question | None
    audio_path: Path | None
    duration_s: float | None
    text: str | None
    analysis: dict[str, Any] | None
    error: str | None
    model: str | None

    @property
    def scores(self) -> dict[str, int | None] | None:
        """The analysis's scores, or None when not analysed."""
        return None if self.analysis is None else self.analysis.get("scores")

    @property
    def verdict(self) -> str | None:
        """The analysis's verdict, or None."""
        return None if self.analysis is None else self.analysis.get("verdict")

    def summary(self) -> dict[str, Any]:
        """Return ``{id, created_at, status, kind, question, scores, verdict, error}``."""
        return {
            "id": self.id, "created_at": self.created_at, "status": self.status,
            "kind": self.kind,
            "question": None if self.question is None
            else {"id": self.question.id, "text": self.question.text},
            "duration_s": self.duration_s, "scores": self.scores, "verdict": self.verdict,
            "error": self.error,
        }


class AnswerStore:
    """The history in one folder (``VOICE_COACH_HOME``).

    Parameters
    ----------
    home : path-like
        The folder; created if missing.

    Raises
    ------
    StorageError
        If the folder cannot be created or the database cannot be opened.
    """

    def __init__(self, home: str | os.PathLike[str]) -> None:
        self.home = Path(home).expanduser()
        self.audio_dir = self.home / "audio"
        self.db_path = self.home / DB_NAME
        try:
            self.audio_dir.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise StorageError(
                f"cannot create the history folder {self.home}: {err.strerror or err}"
            ) from err
        with self._connect() as conn:
            self._migrate(conn)

    # ------------------------------------------------------------------ connection

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        try:
            conn = sqlite3.connect(self.db_path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except sqlite3.Error as err:
            raise StorageError(f"cannot open the history database {self.db_path}: {err}") from err
        try:
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            # Deleted answers are overwritten with zeros, not left in free pages (the
            # default only in some SQLite builds).
            conn.execute("PRAGMA secure_delete = ON")
            yield conn
        except sqlite3.OperationalError as err:
            text = str(err)
            if "disk is full" in text or ("disk I/O error" in text and _disk_nearly_full(
                    self.home)):
                raise StorageError(
                    f"the disk holding {self.home} is full: free some space and try again"
                ) from err
            if "readonly" in text or "read-only" in text:
                raise StorageError(f"the history folder {self.home} is read-only") from err
            if "locked" in text or "busy" in text:
                raise StorageError(
                    f"the history database {self.db_path} stayed locked by another voice-coach "
                    f"process for over {BUSY_TIMEOUT_S:.0f} s; try again"
                ) from err
            raise StorageError(
                f"the history database {self.db_path} cannot be used: {err} "
                "(run `voice-coach doctor` to check and repair it)"
            ) from err
        except sqlite3.DatabaseError as err:
            raise StorageError(
                f"the history database {self.db_path} cannot be used: {err} "
                "(run `voice-coach doctor` to check and repair it)"
            ) from err
        finally:
            conn.close()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._connect() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def _migrate(self, conn: sqlite3.Connection) -> None:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > _SCHEMA_VERSION:
            raise StorageError(
                f"the history database {self.db_path} has schema version {version}; this "
                f"voice-coach reads up to version {_SCHEMA_VERSION} (upgrade voice-coach)"
            )
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StorageError(f"cannot switch {self.db_path} to WAL mode (got {mode!r})")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.executescript(_SCHEMA)
        conn.execute(f"PRAGMA user_version = {_SCHEMA_VERSION}")

    # ------------------------------------------------------------------ writing

    @staticmethod
    def new_id(now: dt.datetime | None = None) -> str:
        """Return a fresh answer id (time-sortable, unique)."""
        stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%d-%H%M%S")
        return f"{stamp}-{secrets.token_hex(3)}"

    def audio_path(self, answer_id: str, *, suffix: str = ".flac") -> Path:
        """Return where an answer's audio file lives (whether or not it exists yet)."""
        if suffix not in (".flac", ".wav"):
            raise StorageError(f"audio files are .flac or .wav, not {suffix!r}")
        return self.audio_dir / f"{validate_answer_id(answer_id)}{suffix}"

    def record_audio(self, recording: Recording, *, question: Question | None = None,
                     created_at: str | None = None) -> str:
        """Save a spoken answer's audio before it is analysed.

        The FLAC file is written to a temporary name, flushed to disk and renamed; then the
        row is committed. If either step fails nothing is left half-written.

        Returns
        -------
        str
            The new answer's id.

        Raises
        ------
        StorageError
            If the folder is read-only, full, or the database is unusable.
        """
        from voice_coach.audio import encode_flac

        answer_id = self.new_id()
        path = self.audio_path(answer_id)
        self._write_atomic(path, encode_flac(recording))
        try:
            self._insert(answer_id, kind="spoken", question=question,
                         audio_file=path.name, duration_s=recording.duration_s, text=None,
                         created_at=created_at)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return answer_id

    def record_text(self, text: str, *, question: Question | None = None,
                    created_at: str | None = None) -> str:
        """Save a typed answer before it is analysed; return its id."""
        answer_id = self.new_id()
        self._insert(answer_id, kind="typed", question=question, audio_file=None,
                     duration_s=None, text=text, created_at=created_at)
        return answer_id

    def begin_capture(self, *, question: Question | None = None, suffix: str = ".wav",
                      created_at: str | None = None) -> tuple[str, Path]:
        """Start a live recording: commit its row first, then let the caller stream the audio.

        The row (status ``recorded``, duration unknown) exists before the first sample is
        written, so a recording cut short by Ctrl-C, a crash or a full disk is still in the
        history with whatever audio reached the file.

        Returns
        -------
        (str, pathlib.Path)
            The answer id and the file to stream the audio into.
        """
        answer_id = self.new_id()
        path = self.audio_path(answer_id, suffix=suffix)
        self._insert(answer_id, kind="spoken", question=question, audio_file=path.name,
                     duration_s=None, text=None, created_at=created_at)
        return answer_id, path

    def finish_capture(self, answer_id: str, *, duration_s: float) -> None:
        """Record the final duration of a live recording started with :meth:`begin_capture`."""
        self._update(answer_id, duration_s=float(duration_s))

    def _insert(self, answer_id: str, *, kind: str, question: Question | None,
                audio_file: str | None, duration_s: float | None, text: str | None,
                created_at: str | None) -> None:
        now = _now()
        with self._transaction() as conn:
            conn.execute(
                "INSERT INTO answers (id, created_at, updated_at, status, kind, question_json,"
                " audio_file, duration_s, text) VALUES (?, ?, ?, 'recorded', ?, ?, ?, ?, ?)",
                (answer_id, created_at or now, now, kind,
                 None if question is None else json.dumps(question.to_dict()),
                 audio_file, duration_s, text),
            )

    def restore_rows(self, rows: list[dict[str, Any]]) -> int:
        """Insert raw rows (``COLUMNS`` keys) salvaged from a damaged database; skip known ids.

        Returns
        -------
        int
            How many rows were added.
        """
        placeholders = ", ".join(f":{c}" for c in COLUMNS)
        added = 0
        with self._transaction() as conn:
            for row in rows:
                cursor = conn.execute(
                    f"INSERT OR IGNORE INTO answers ({', '.join(COLUMNS)}) "
                    f"VALUES ({placeholders})", {c: row.get(c) for c in COLUMNS})
                added += cursor.rowcount
        return added

    def adopt_orphan_audio(self, path: Path) -> str:
        """Add an audio file of the history folder that has no row, as a recorded answer.

        Returns
        -------
        str
            Its id (the file's stem).
        """
        answer_id = validate_answer_id(path.stem)
        if path.parent != self.audio_dir or not path.is_file():
            raise StorageError(f"{path} is not an audio file of {self.audio_dir}")
        created = dt.datetime.strptime(answer_id[:15], "%Y%m%d-%H%M%S").replace(tzinfo=dt.UTC)
        self._insert(answer_id, kind="spoken", question=None, audio_file=path.name,
                     duration_s=None, text=None, created_at=created.isoformat())
        return answer_id

    def save_analysis(self, answer_id: str, analysis: AnswerAnalysis) -> None:
        """Store an answer's analysis and mark it ``analyzed``."""
        payload = json.dumps(analysis.to_dict(), ensure_ascii=False)
        self._update(answer_id, status="analyzed", analysis_json=payload, error=None,
                     model=analysis.transcript.model)

    def mark_failed(self, answer_id: str, error: str) -> None:
        """Mark an answer's analysis as failed, keeping the error message."""
        self._update(answer_id, status="failed", error=error[:2000])

    def _update(self, answer_id: str, **values: Any) -> None:
        validate_answer_id(answer_id)
        values["updated_at"] = _now()
        columns = ", ".join(f"{name} = ?" for name in values)
        with self._transaction() as conn:
            cursor = conn.execute(f"UPDATE answers SET {columns} WHERE id = ?",
                                  (*values.values(), answer_id))
            if cursor.rowcount == 0:
                raise AnswerNotFoundError(f"no answer {answer_id} in {self.db_path}")

    def delete(self, answer_id: str) -> None:
        """Delete an answer and its audio file.

        Raises
        ------
        AnswerNotFoundError
            If there is no such answer.
        """
        answer = self.get(answer_id)
        with self._transaction() as conn:
            conn.execute("DELETE FROM answers WHERE id = ?", (answer.id,))
        with self._connect() as conn:
            # Copy the zeroed pages into the database file and empty the write-ahead log,
            # so the old text is in neither (best effort: a busy reader postpones it).
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        if answer.audio_path is not None:
            try:
                answer.audio_path.unlink(missing_ok=True)
            except OSError as err:
                raise StorageError(
                    f"deleted answer {answer.id} but could not remove {answer.audio_path}: "
                    f"{err.strerror or err}"
                ) from err

    # ------------------------------------------------------------------ reading

    def resolve_id(self, answer_id: str) -> str:
        """Accept ``latest`` or ``last`` for the newest answer; validate anything else."""
        if answer_id in ("latest", "last"):
            with self._connect() as conn:
                row = conn.execute(
                    "SELECT id FROM answers ORDER BY created_at DESC, id DESC LIMIT 1"
                ).fetchone()
            if row is None:
                raise AnswerNotFoundError("the history is empty: there is no latest answer")
            return str(row["id"])
        return validate_answer_id(answer_id)

    def get(self, answer_id: str) -> StoredAnswer:
        """Return one answer.

        Raises
        ------
        AnswerNotFoundError
            If the id is malformed or unknown.
        """
        resolved = self.resolve_id(answer_id)
        with self._connect() as conn:
            row = conn.execute("SELECT * FROM answers WHERE id = ?", (resolved,)).fetchone()
        if row is None:
            raise AnswerNotFoundError(
                f"no answer {resolved} in the history ({self.db_path}); "
                "`voice-coach history` lists the answers"
            )
        return self._row_to_answer(row)

    def list(self, *, question_id: str | None = None, status: str | None = None,
             limit: int | None = None) -> tuple[StoredAnswer, ...]:
        """Return answers, newest first, optionally for one question or status."""
        sql = "SELECT * FROM answers"
        clauses, params = [], []
        if question_id is not None:
            clauses.append("json_extract(question_json, '$.id') = ?")
            params.append(question_id)
        if status is not None:
            clauses.append("status = ?")
            params.append(status)
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += " ORDER BY created_at DESC, id DESC"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        with self._connect() as conn:
            rows = conn.execute(sql, params).fetchall()
        return tuple(self._row_to_answer(r) for r in rows)

    def baseline(self, *, before: str | None = None, exclude_id: str | None = None,
                 limit: int = 20) -> Baseline | None:
        """Build the user's voice baseline from their earlier analysed spoken answers.

        Parameters
        ----------
        before : str, optional
            Only answers created before this ISO time count (for re-analysis of an old one).
        exclude_id : str, optional
            An answer to leave out (the one being analysed).
        limit : int
            At most this many of the newest answers.

        Returns
        -------
        Baseline or None
            None when no earlier answer has enough speech to serve as a reference.
        """
        from voice_coach.prosody.baseline import build_baseline

        sql = ("SELECT id, analysis_json FROM answers WHERE status = 'analyzed' "
               "AND kind = 'spoken'")
        params: list[Any] = []
        if before is not None:
            sql += " AND created_at < ?"
            params.append(before)
        if exclude_id is not None:
            sql += " AND id != ?"
            params.append(exclude_id)
        sql += f" ORDER BY created_at DESC, id DESC LIMIT {int(limit)}"
        with self._connect() as conn:
            rows = conn.execute(sql, params).fetchall()
        deliveries = []
        for row in rows:
            try:
                deliveries.append(json.loads(row["analysis_json"]).get("delivery"))
            except (TypeError, ValueError):
                continue
        return build_baseline(deliveries)

    def load_recording(self, answer_id: str) -> Recording:
        """Decode a stored spoken answer's audio.

        Raises
        ------
        StorageError
            If the answer is typed or its audio file is missing.
        """
        from voice_coach.audio import load_audio

        answer = self.get(answer_id)
        if answer.audio_path is None:
            raise StorageError(f"answer {answer.id} is a typed answer: it has no audio")
        if not answer.audio_path.is_file():
            raise StorageError(f"the audio of answer {answer.id} is missing: {answer.audio_path}")
        return load_audio(answer.audio_path)

    def _row_to_answer(self, row: sqlite3.Row) -> StoredAnswer:
        question = _load_json(row["question_json"])
        analysis = _load_json(row["analysis_json"])
        if question is not None:
            try:
                question = Question.from_dict(question)
            except (KeyError, TypeError, ValueError):
                question = None
        return StoredAnswer(
            id=row["id"], created_at=row["created_at"], updated_at=row["updated_at"],
            status=row["status"], kind=row["kind"], question=question,
            audio_path=None if row["audio_file"] is None else self.audio_dir / row["audio_file"],
            duration_s=row["duration_s"], text=row["text"], analysis=analysis,
            error=row["error"], model=row["model"],
        )

    # ------------------------------------------------------------------ files

    def _write_atomic(self, path: Path, data: bytes) -> None:
        tmp_name = None
        try:
            fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp_name, path)
            tmp_name = None
        except OSError as err:
            raise StorageError(
                f"cannot write {path} ({len(data) / 1024:.0f} KB): {err.strerror or err}"
            ) from err
        finally:
            if tmp_name is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp_name)


def _disk_nearly_full(folder: Path) -> bool:
    """Whether the file system holding ``folder`` has under 1 MB free (SQLite reports a full
    disk as a plain I/O error when its write-ahead log cannot grow)."""
    try:
        return shutil.disk_usage(folder).free < 1024 * 1024
    except OSError:
        return False


def _load_json(text: str | None) -> Any:
    """Parse a stored JSON column; a damaged value reads as None rather than failing."""
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
