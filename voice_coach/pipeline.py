"""Analyse one answer: the stages in order, their timings, and a progress callback.

Spoken answers go through transcription, delivery (prosody), content and scoring; typed
answers enter at the content stage and get the same checks and the same report.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from voice_coach.errors import InputTextError
from voice_coach.questions import Question
from voice_coach.scoring import Scorecard, build_scorecard
from voice_coach.transcription import Transcript

if TYPE_CHECKING:
    from voice_coach.audio import Recording
    from voice_coach.content import ContentReport
    from voice_coach.prosody import Delivery
    from voice_coach.prosody.baseline import Baseline
    from voice_coach.transcription import FasterWhisperTranscriber, Transcriber

__all__ = [
    "MAX_TEXT_CHARS",
    "SCHEMA_VERSION",
    "STAGES",
    "STAGE_LABELS",
    "AnswerAnalysis",
    "StepCallback",
    "analyze_answer",
    "analyze_text",
    "utc_now",
    "warm_up",
]

#: Version of the report's JSON layout.
SCHEMA_VERSION = 1
#: The stages of a spoken answer, in order (typed answers run the last two).
STAGES: tuple[str, ...] = ("transcribe", "prosody", "content", "score")
#: What each stage is doing, for progress messages.
STAGE_LABELS: dict[str, str] = {"transcribe": "transcribing", "prosody": "measuring delivery",
                                "content": "checking content", "score": "scoring"}
#: A typed answer longer than this (about 5,000 words) is not one interview answer. The same
#: as the content checks' own limit (``content.MAX_ANSWER_CHARS``): a larger one let a typed
#: answer be saved and then fail in the checks.
MAX_TEXT_CHARS = 30_000

#: ``on_step(stage, event, seconds)``: event is "start" or "done"; seconds is the stage's
#: time for "done" and 0.0 for "start".
StepCallback = Callable[[str, str, float], None]


def utc_now() -> str:
    """Return the current UTC time as an ISO 8601 string with seconds."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


@dataclass(frozen=True, slots=True)
class AnswerAnalysis:
    """Everything known about one analysed answer (the report object).

    Attributes
    ----------
    id : str or None
        The history id, or None when the answer was not saved.
    created_at : str
        When the answer was given (ISO 8601, UTC).
    question : Question or None
        The question answered.
    audio : dict or None
        ``{duration_s, sample_rate, speech_s}``; None for a typed answer.
    transcript : Transcript
        What was said (for a typed answer: the text, no words).
    delivery : Delivery or None
        How it was said; None for a typed answer.
    content : ContentReport or None
        The content checks.
    scorecard : Scorecard
        Scores, verdict, cues and fixes.
    timings_s : dict of str to float
        Seconds per stage and in total.
    """

    id: str | None
    created_at: str
    question: Question | None
    audio: dict[str, Any] | None
    transcript: Transcript
    delivery: Delivery | None
    content: ContentReport | None
    scorecard: Scorecard
    timings_s: dict[str, float] = field(default_factory=dict)
    schema_version: int = SCHEMA_VERSION

    @property
    def kind(self) -> str:
        """``"spoken"`` or ``"typed"``."""
        return "typed" if self.audio is None else "spoken"

    @property
    def verdict(self) -> str | None:
        """The scorecard's verdict."""
        return self.scorecard.verdict

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON report object (DESIGN.md, schema_version 1)."""
        card = self.scorecard.to_dict()
        return {
            "schema_version": self.schema_version,
            "id": self.id,
            "created_at": self.created_at,
            "kind": self.kind,
            "question": None if self.question is None else self.question.to_dict(),
            "audio": self.audio,
            "transcript": self.transcript.to_dict(),
            "delivery": None if self.delivery is None else self.delivery.to_dict(),
            "content": None if self.content is None else self.content.to_dict(),
            "scores": card["scores"],
            "verdict": card["verdict"],
            "cues": card["cues"],
            "top_fixes": card["top_fixes"],
            "notes": card["notes"],
            "timings_s": {k: round(v, 4) for k, v in self.timings_s.items()},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AnswerAnalysis:
        """Rebuild an analysis from :meth:`to_dict` output (for example from the history)."""
        from voice_coach.content import ContentReport
        from voice_coach.prosody import Delivery

        question = data.get("question")
        transcript = data.get("transcript") or {"text": "", "words": []}
        return cls(
            id=data.get("id"),
            created_at=str(data.get("created_at", "")),
            question=None if question is None else Question.from_dict(question),
            audio=data.get("audio"),
            transcript=Transcript.from_dict(transcript),
            delivery=None if data.get("delivery") is None
            else Delivery.from_dict(data["delivery"]),
            content=None if data.get("content") is None
            else ContentReport.from_dict(data["content"]),
            scorecard=Scorecard.from_dict(data),
            timings_s=dict(data.get("timings_s", {})),
            schema_version=int(data.get("schema_version", SCHEMA_VERSION)),
        )


class _Timer:
    """Times named stages and reports them to an optional callback."""

    def __init__(self, on_step: StepCallback | None) -> None:
        self.on_step = on_step
        self.timings: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        if self.on_step is not None:
            self.on_step(name, "start", 0.0)
        started = time.perf_counter()
        yield
        elapsed = time.perf_counter() - started
        self.timings[name] = elapsed
        if self.on_step is not None:
            self.on_step(name, "done", elapsed)


def analyze_answer(recording: Recording, question: Question | None = None, *,
                   transcriber: Transcriber, answer_id: str | None = None,
                   created_at: str | None = None,
                   on_step: StepCallback | None = None,
                   baseline: Baseline | None = None) -> AnswerAnalysis:
    """Analyse a spoken answer end to end.

    Parameters
    ----------
    recording : Recording
        The decoded answer (from :func:`voice_coach.audio.load_audio`).
    question : Question, optional
        The question answered.
    transcriber : Transcriber
        The speech recogniser (load it once per process: :func:`load_transcriber`).
    answer_id : str, optional
        The history id the answer was saved under.
    created_at : str, optional
        When the answer was recorded (ISO 8601); now by default.
    on_step : callable, optional
        Progress callback, ``on_step(stage, "start" | "done", seconds)``.
    baseline : Baseline, optional
        The user's usual pitch and loudness (from :meth:`AnswerStore.baseline`), so that
        the answer is judged against their own voice.

    Returns
    -------
    AnswerAnalysis
        The full analysis, with per-stage timings (``decode`` is the recording's own).

    Raises
    ------
    NoSpeechError
        If the recording holds no speech.
    ModelUnavailableError, TranscriptionError
        If the model cannot be loaded or fails.
    """
    from voice_coach.content import check_content
    from voice_coach.prosody import detect_speech_activity, measure_delivery

    timer = _Timer(on_step)
    total_started = time.perf_counter()
    with timer.stage("transcribe"):
        transcript = transcriber.transcribe(recording)
    with timer.stage("prosody"):
        activity = detect_speech_activity(recording.samples, recording.sample_rate)
        delivery = measure_delivery(recording, transcript, activity=activity,
                                    baseline=baseline)
    with timer.stage("content"):
        content = check_content(transcript.text, question=question,
                                char_to_time=transcript.time_at_char)
    with timer.stage("score"):
        scorecard = build_scorecard(delivery, content, question=question)
    timings = {"decode": recording.decode_s, **timer.timings}
    timings["total"] = recording.decode_s + (time.perf_counter() - total_started)
    audio = {"duration_s": round(recording.duration_s, 3),
             "sample_rate": recording.sample_rate,
             "speech_s": round(delivery.speech_s, 2)}
    return AnswerAnalysis(
        id=answer_id, created_at=created_at or utc_now(), question=question, audio=audio,
        transcript=transcript, delivery=delivery, content=content, scorecard=scorecard,
        timings_s=timings,
    )


def warm_up(transcriber: FasterWhisperTranscriber | None = None) -> None:
    """Import the analysis stages and compile the pitch decoder, so a first answer doesn't wait.

    Given a transcriber, also runs its model once (its first inference is slower).

    The numba-compiled decoder is cached on disk after its first compilation (3-10 s on
    2 cores); later processes load it in milliseconds. The app calls this once at start-up.
    """
    import numpy as np

    from voice_coach.audio import Recording
    from voice_coach.content import check_content
    from voice_coach.prosody import measure_delivery
    from voice_coach.transcription import Word

    # Two seconds of a steady voiced sound with a pause, "said" as three words: enough to
    # run every delivery measure (pitch, phrase ends, loudness, fillers, creak) once.
    t = np.arange(16000) / 16000.0
    voice = 0.3 * np.sin(2 * np.pi * 150.0 * t) + 0.1 * np.sin(2 * np.pi * 300.0 * t)
    samples = np.concatenate([voice, np.zeros(8000), voice]).astype(np.float32)
    words = (Word("I", 0.1, 0.4, 0.9), Word("led", 0.4, 0.9, 0.9), Word("it.", 1.6, 2.3, 0.9))
    measure_delivery(Recording(samples), Transcript.from_words(words, model="warm-up"))
    check_content("I led the team and cut costs by 10%.")
    if transcriber is not None:
        transcriber.decode_only(Recording(samples))


def validate_text(text: str) -> str:
    """Return a typed answer stripped, or raise :class:`InputTextError` naming the limit."""
    if not isinstance(text, str):
        raise InputTextError(f"a typed answer must be text, not {type(text).__name__}")
    cleaned = text.replace("\x00", "").strip()
    if not cleaned:
        raise InputTextError("the typed answer is empty: write your answer and try again")
    if len(cleaned) > MAX_TEXT_CHARS:
        raise InputTextError(
            f"the typed answer is {len(cleaned):,} characters; the limit is "
            f"{MAX_TEXT_CHARS:,} (one interview answer is a few hundred words)"
        )
    return cleaned


def analyze_text(text: str, question: Question | None = None, *,
                 answer_id: str | None = None, created_at: str | None = None,
                 on_step: StepCallback | None = None) -> AnswerAnalysis:
    """Analyse a typed answer with the same content checks and report as a spoken one.

    Raises
    ------
    InputTextError
        If the text is empty or longer than :data:`MAX_TEXT_CHARS`.
    """
    from voice_coach.content import check_content

    cleaned = validate_text(text)
    timer = _Timer(on_step)
    started = time.perf_counter()
    with timer.stage("content"):
        content = check_content(cleaned, question=question)
    with timer.stage("score"):
        scorecard = build_scorecard(None, content, question=question)
    timings = {**timer.timings, "total": time.perf_counter() - started}
    transcript = Transcript(text=cleaned, words=(), model=None)
    return AnswerAnalysis(
        id=answer_id, created_at=created_at or utc_now(), question=question, audio=None,
        transcript=transcript, delivery=None, content=content, scorecard=scorecard,
        timings_s=timings,
    )
