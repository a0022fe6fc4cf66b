"""One batch job: what it analyses, its content-hash key, and the function a worker runs.

A job's key is the SHA-256 of the answer's bytes together with everything that changes its
report (the model, the decoding and audio settings, the question, the voice-coach version).
A report saved under that key is reused on a rerun; anything else is analysed again. The
worker runs exactly the single-answer code: :func:`voice_coach.audio.load_audio`, then
:func:`voice_coach.pipeline.analyze_answer` (or :func:`~voice_coach.pipeline.analyze_text`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from voice_coach.batch.discover import AnswerSource, is_url
from voice_coach.config import AudioOptions, TranscriptionOptions
from voice_coach.errors import AudioError, EmptyRecordingError, InputTextError, VoiceCoachError
from voice_coach.questions import Question

__all__ = [
    "FETCH_TIMEOUT_S",
    "KEY_CHARS",
    "BatchSettings",
    "JobResult",
    "analyze_job",
    "content_sha256",
    "job_key",
    "read_source",
]

logger = logging.getLogger(__name__)

#: Seconds a worker waits on an http(s) server before the answer fails (and is retried).
FETCH_TIMEOUT_S = 60.0
#: Hex characters of the job key kept in report file names and ids (64 bits: a collision
#: among a million answers has odds of about 3e-8).
KEY_CHARS = 16


@dataclass(frozen=True, slots=True)
class BatchSettings:
    """Everything a worker needs besides the answer, and what makes two reports comparable.

    Parameters
    ----------
    model : str or None
        Model folder or name, as the workers will load it; None for the embedded tiny.en.
    transcription : TranscriptionOptions
        Decoding settings. ``cpu_threads`` is a speed setting and is not part of the key.
    audio : AudioOptions
        Duration and size limits.
    """

    model: str | None = None
    transcription: TranscriptionOptions = field(default_factory=TranscriptionOptions)
    audio: AudioOptions = field(default_factory=AudioOptions)

    def fingerprint(self) -> str:
        """Return the SHA-256 (hex) of every setting that changes a report."""
        from voice_coach import __version__
        from voice_coach.pipeline import SCHEMA_VERSION

        decoding = dataclasses.asdict(self.transcription)
        decoding.pop("cpu_threads", None)
        payload = {
            "voice_coach": __version__, "schema_version": SCHEMA_VERSION,
            "model": self.model or "embedded:tiny.en", "transcription": decoding,
            "audio": dataclasses.asdict(self.audio),
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def content_sha256(data: bytes) -> str:
    """Return the SHA-256 of an answer's bytes, in hex."""
    return hashlib.sha256(data).hexdigest()


def job_key(content_hash: str, fingerprint: str, *, kind: str,
            question: Question | None) -> str:
    """Return the key of a report: content, settings, kind and question, hashed (hex).

    Parameters
    ----------
    content_hash : str
        :func:`content_sha256` of the answer's bytes.
    fingerprint : str
        :meth:`BatchSettings.fingerprint`.
    kind : str
        ``"spoken"`` or ``"typed"``.
    question : Question or None
        The question answered (its id and text both count).
    """
    asked = None if question is None else [question.id, question.text, list(question.emphasis)]
    payload = json.dumps([content_hash, fingerprint, kind, asked])
    return hashlib.sha256(payload.encode()).hexdigest()[:KEY_CHARS]


def read_source(source: str, *, max_bytes: int) -> bytes:
    """Read an answer's bytes from a file path or an http(s) URL.

    Parameters
    ----------
    source : str
        Absolute path, or http(s) URL fetched with urllib.
    max_bytes : int
        Largest accepted answer.

    Raises
    ------
    AudioError
        If the file is missing, unreadable or too large, or the URL cannot be fetched.
    EmptyRecordingError
        If it holds no bytes.
    """
    if is_url(source):
        try:
            with urllib.request.urlopen(source, timeout=FETCH_TIMEOUT_S) as response:
                data = response.read(max_bytes + 1)
        except urllib.error.HTTPError as err:
            raise AudioError(f"cannot fetch {source}: HTTP {err.code} {err.reason}") from err
        except (urllib.error.URLError, OSError) as err:
            reason = getattr(err, "reason", None) or err
            raise AudioError(f"cannot fetch {source}: {reason}") from err
    else:
        path = Path(source)
        if not path.exists():
            raise AudioError(f"answer file not found on {socket.gethostname()}: {path}")
        if not path.is_file():
            raise AudioError(f"{path} is not a file")
        try:
            with path.open("rb") as handle:
                data = handle.read(max_bytes + 1)
        except OSError as err:
            raise AudioError(f"cannot read {path}: {err.strerror or err}") from err
    if len(data) > max_bytes:
        raise AudioError(f"{source} is over {max_bytes / 2**20:.0f} MB, the size limit")
    if not data:
        raise EmptyRecordingError(f"{source} is empty (0 bytes): there is no answer to analyse")
    return data


@dataclass(frozen=True, slots=True)
class JobResult:
    """What a worker sends back for one answer.

    Attributes
    ----------
    status : str
        ``"ok"`` (analysed), ``"failed"`` (a user-facing error: bad audio, no speech) or
        ``"skipped"`` (a report with this key already exists).
    key : str or None
        The job key (None when the answer could not even be read).
    content_sha256 : str or None
        Hash of the bytes analysed.
    report : dict or None
        The JSON report (``AnswerAnalysis.to_dict()``), when analysed.
    error : str or None
        The one-line message, when failed.
    error_type : str or None
        The error's class name, when failed.
    worker : str
        ``host:pid`` of the worker process.
    seconds : float
        Time the worker spent, reading included.
    """

    status: str
    key: str | None = None
    content_sha256: str | None = None
    report: dict[str, Any] | None = None
    error: str | None = None
    error_type: str | None = None
    worker: str = ""
    seconds: float = 0.0


def analyze_job(answer: AnswerSource, settings: BatchSettings,
                done_keys: frozenset[str] = frozenset()) -> JobResult:
    """Analyse one answer on a worker with the single-answer pipeline.

    User-facing failures (unreadable or empty file, not audio, no speech, empty text) come
    back as a ``"failed"`` result: analysing again would fail the same way. Anything else
    (a bug, a crashed decoder, memory) is raised, so Dask retries the job.

    Parameters
    ----------
    answer : AnswerSource
        What to analyse.
    settings : BatchSettings
        Model and limits (the model is loaded once per worker process and cached).
    done_keys : frozenset of str
        Keys already reported; a match returns ``"skipped"`` without analysing. The client
        passes them for answers it could not hash itself (URLs, worker-only paths).

    Returns
    -------
    JobResult
    """
    from voice_coach.audio import load_audio
    from voice_coach.pipeline import analyze_answer, analyze_text
    from voice_coach.transcription import load_transcriber

    started = time.perf_counter()
    worker = f"{socket.gethostname()}:{os.getpid()}"
    digest: str | None = None
    key: str | None = None
    try:
        data = read_source(answer.source, max_bytes=settings.audio.max_file_bytes)
        digest = content_sha256(data)
        key = job_key(digest, settings.fingerprint(), kind=answer.kind,
                      question=answer.question)
        if key in done_keys:
            return JobResult("skipped", key=key, content_sha256=digest, worker=worker,
                             seconds=time.perf_counter() - started)
        if answer.kind == "typed":
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError as err:
                raise InputTextError(
                    f"{answer.name} is not UTF-8 text (byte {err.start} cannot be decoded)"
                ) from err
            analysis = analyze_text(text, answer.question, answer_id=key)
        else:
            recording = load_audio(data, options=settings.audio, name=answer.name)
            transcriber = load_transcriber(settings.model, options=settings.transcription)
            analysis = analyze_answer(recording, answer.question, transcriber=transcriber,
                                      answer_id=key)
    except VoiceCoachError as err:
        return JobResult("failed", key=key, content_sha256=digest, error=str(err),
                         error_type=type(err).__name__, worker=worker,
                         seconds=time.perf_counter() - started)
    return JobResult("ok", key=key, content_sha256=digest, report=analysis.to_dict(),
                     worker=worker, seconds=time.perf_counter() - started)
