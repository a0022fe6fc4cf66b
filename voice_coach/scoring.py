"""From measures to scores, a verdict and feedback. Pure functions; thresholds named here.

A score is only given where there is evidence for it: None means "not enough to judge",
never zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from voice_coach.content import ContentReport
    from voice_coach.prosody import Delivery
    from voice_coach.questions import Question

__all__ = ["VERDICTS", "Cue", "Fix", "Moment", "Scorecard", "build_scorecard"]

#: The verdicts of the report contract.
VERDICTS: tuple[str, ...] = ("confident", "mixed", "supplicant", "insufficient_speech")


@dataclass(frozen=True, slots=True)
class Moment:
    """A place in the answer that triggered a cue: when, what was said, and what happened."""

    time_s: float | None
    text: str
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Return ``{time_s, text, detail}``."""
        return {"time_s": None if self.time_s is None else round(self.time_s, 2),
                "text": self.text, "detail": self.detail}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Moment:
        """Rebuild from :meth:`to_dict` output."""
        return cls(data.get("time_s"), str(data.get("text", "")), str(data.get("detail", "")))


@dataclass(frozen=True, slots=True)
class Cue:
    """One measured cue that contributes to a score.

    Attributes
    ----------
    id : str
        Stable identifier (``"speaking_rate"``).
    label : str
        Human name ("Speaking rate").
    value : float or None
        The measured value in ``unit``; None when it could not be measured.
    unit : str
        Unit of ``value`` ("wpm", "s", "per 100 words", "%").
    threshold : str
        The band or limit it is judged against, in words ("good 130-170 wpm").
    status : str
        ``"good"``, ``"amber"``, ``"flag"`` or ``"unscored"``.
    moments : tuple of Moment
        Where in the answer it happened.
    explanation : str
        What the value means for a listener, in a sentence.
    weight : float
        Its weight in the score it contributes to (0 for a coaching note).
    """

    id: str
    label: str
    value: float | None
    unit: str
    threshold: str
    status: str
    moments: tuple[Moment, ...] = ()
    explanation: str = ""
    weight: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """Return the cue as a JSON-ready object."""
        return {"id": self.id, "label": self.label,
                "value": None if self.value is None else round(float(self.value), 3),
                "unit": self.unit, "threshold": self.threshold, "status": self.status,
                "moments": [m.to_dict() for m in self.moments],
                "explanation": self.explanation, "weight": self.weight}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Cue:
        """Rebuild from :meth:`to_dict` output."""
        return cls(
            id=str(data["id"]), label=str(data.get("label", data["id"])),
            value=data.get("value"), unit=str(data.get("unit", "")),
            threshold=str(data.get("threshold", "")), status=str(data.get("status", "")),
            moments=tuple(Moment.from_dict(m) for m in data.get("moments", ())),
            explanation=str(data.get("explanation", "")), weight=float(data.get("weight", 0.0)),
        )


@dataclass(frozen=True, slots=True)
class Fix:
    """One of the things to fix first: what, why, and where in the answer."""

    title: str
    detail: str
    time_s: float | None = None
    quote: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Return the fix as a JSON-ready object."""
        return {"title": self.title, "detail": self.detail,
                "time_s": None if self.time_s is None else round(self.time_s, 2),
                "quote": self.quote}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Fix:
        """Rebuild from :meth:`to_dict` output."""
        return cls(str(data["title"]), str(data.get("detail", "")), data.get("time_s"),
                   str(data.get("quote", "")))


@dataclass(frozen=True, slots=True)
class Scorecard:
    """Scores (0-100, None when there is not enough evidence), the verdict and feedback."""

    confidence: int | None
    results_framing: int | None
    hiring_manager_focus: int | None
    overall: int | None
    verdict: str | None
    cues: tuple[Cue, ...] = ()
    top_fixes: tuple[Fix, ...] = ()
    notes: tuple[str, ...] = ()

    def scores_dict(self) -> dict[str, int | None]:
        """Return the report's ``scores`` object."""
        return {"confidence": self.confidence, "results_framing": self.results_framing,
                "hiring_manager_focus": self.hiring_manager_focus, "overall": self.overall}

    def to_dict(self) -> dict[str, Any]:
        """Return scores, verdict, cues, fixes and notes."""
        return {"scores": self.scores_dict(), "verdict": self.verdict,
                "cues": [c.to_dict() for c in self.cues],
                "top_fixes": [f.to_dict() for f in self.top_fixes],
                "notes": list(self.notes)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Scorecard:
        """Rebuild from :meth:`to_dict` output."""
        scores = data.get("scores", {})
        return cls(
            confidence=scores.get("confidence"), results_framing=scores.get("results_framing"),
            hiring_manager_focus=scores.get("hiring_manager_focus"),
            overall=scores.get("overall"), verdict=data.get("verdict"),
            cues=tuple(Cue.from_dict(c) for c in data.get("cues", ())),
            top_fixes=tuple(Fix.from_dict(f) for f in data.get("top_fixes", ())),
            notes=tuple(data.get("notes", ())),
        )


def build_scorecard(delivery: Delivery | None, content: ContentReport | None, *,
                    question: Question | None = None) -> Scorecard:
    """Combine delivery and content into scores, a verdict and the things to fix first.

    Parameters
    ----------
    delivery : Delivery or None
        Delivery measures; None for a typed answer.
    content : ContentReport or None
        Content checks; None when they did not run.
    question : Question, optional
        The question answered (its emphasis weighs the content checks).

    Returns
    -------
    Scorecard
        Scores are None where there is nothing to judge.
    """
    content_scores = None
    if content is not None:
        from voice_coach.content import score_content

        content_scores = score_content(content, question=question)
    results = content_scores.results_framing if content_scores else None
    focus = content_scores.hiring_manager_focus if content_scores else None
    content_overall = content_scores.overall if content_scores else None

    confidence: int | None = None  # the delivery score arrives with the pitch analysis
    verdict: str | None = None
    if delivery is not None and not delivery.enough_speech:
        verdict = "insufficient_speech"
    parts = [v for v in (confidence, content_overall) if v is not None]
    overall = round(sum(parts) / len(parts)) if parts else None
    return Scorecard(confidence=confidence, results_framing=results,
                     hiring_manager_focus=focus, overall=overall, verdict=verdict)
