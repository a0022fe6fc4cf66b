"""Result types of the content checks: evidence spans, check results, the rewrite, the report."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from voice_coach.errors import ConfigError
from voice_coach.questions import CHECK_IDS

__all__ = ["CheckResult", "ContentReport", "ContentScores", "Evidence", "Rewrite"]


@dataclass(frozen=True, slots=True)
class Evidence:
    """A span of the answer that made a check fire.

    Attributes
    ----------
    text : str
        The words, as written or transcribed.
    start_char, end_char : int
        Offsets into the answer text (``answer[start_char:end_char] == text``).
    start_s : float or None
        When the span was said, in seconds from the start of the recording; ``None`` for a
        typed answer.
    """

    text: str
    start_char: int
    end_char: int
    start_s: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start_char": self.start_char, "end_char": self.end_char,
                "start_s": self.start_s}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Evidence:
        start_s = d.get("start_s")
        return cls(text=str(d["text"]), start_char=int(d["start_char"]),
                   end_char=int(d["end_char"]),
                   start_s=None if start_s is None else float(start_s))


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The verdict of one content check on one answer.

    Attributes
    ----------
    id : str
        One of :data:`voice_coach.questions.CHECK_IDS`.
    detected : bool
        Whether the thing the check looks for is present in the answer.
    evidence : tuple of Evidence
        The spans that made it so (empty when not detected).
    advice : str
        One or two sentences for the person, quoting their answer where there is something
        to quote.
    label : str
        Short human name ("Results framing").
    good : bool
        True when detecting it is good (``results_framing``), False when it is a problem
        (``supplicant_language``).
    """

    id: str
    detected: bool
    evidence: tuple[Evidence, ...]
    advice: str
    label: str
    good: bool

    @property
    def ok(self) -> bool:
        """True when this check shows no problem: a good thing present or a bad one absent."""
        return self.detected == self.good

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "detected": self.detected,
                "evidence": [e.to_dict() for e in self.evidence], "advice": self.advice,
                "label": self.label, "good": self.good}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> CheckResult:
        return cls(id=str(d["id"]), detected=bool(d["detected"]),
                   evidence=tuple(Evidence.from_dict(e) for e in d.get("evidence", ())),
                   advice=str(d.get("advice", "")), label=str(d.get("label", d["id"])),
                   good=bool(d.get("good", True)))


@dataclass(frozen=True, slots=True)
class Rewrite:
    """A concrete rewrite for the most important problem of an answer.

    Attributes
    ----------
    check_id : str
        The check whose problem this fixes.
    original : str
        The sentence of the answer it rewrites (``answer[start_char:end_char]``), or ``""``
        when the suggestion adds something the answer lacks.
    suggestion : str
        The rewrite, built from the answer's own words; ``...`` marks where the person must
        put something only they know (the measurable outcome).
    start_char, end_char : int
        Where ``original`` sits in the answer (both 0 when ``original`` is empty).
    start_s : float or None
        When ``original`` was said (spoken answers only).
    """

    check_id: str
    original: str
    suggestion: str
    start_char: int
    end_char: int
    start_s: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"check_id": self.check_id, "original": self.original,
                "suggestion": self.suggestion, "start_char": self.start_char,
                "end_char": self.end_char, "start_s": self.start_s}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Rewrite:
        start_s = d.get("start_s")
        return cls(check_id=str(d["check_id"]), original=str(d["original"]),
                   suggestion=str(d["suggestion"]), start_char=int(d["start_char"]),
                   end_char=int(d["end_char"]),
                   start_s=None if start_s is None else float(start_s))


@dataclass(frozen=True, slots=True)
class ContentReport:
    """The eight content checks of one answer, in :data:`CHECK_IDS` order."""

    checks: tuple[CheckResult, ...]
    rewrite: Rewrite | None
    word_count: int

    def __post_init__(self) -> None:
        ids = tuple(c.id for c in self.checks)
        if ids != CHECK_IDS:
            raise ConfigError(f"a content report needs the checks {', '.join(CHECK_IDS)} in "
                              f"that order; got {', '.join(ids) or 'none'}")

    def check(self, check_id: str) -> CheckResult:
        """Return the result of the check with this id.

        Raises
        ------
        ConfigError
            If ``check_id`` is not one of :data:`CHECK_IDS`.
        """
        for result in self.checks:
            if result.id == check_id:
                return result
        raise ConfigError(f"no content check {check_id!r}; known: {', '.join(CHECK_IDS)}")

    def to_dict(self) -> dict[str, Any]:
        return {"checks": [c.to_dict() for c in self.checks],
                "rewrite": None if self.rewrite is None else self.rewrite.to_dict(),
                "word_count": self.word_count}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ContentReport:
        rewrite = d.get("rewrite")
        return cls(checks=tuple(CheckResult.from_dict(c) for c in d["checks"]),
                   rewrite=None if rewrite is None else Rewrite.from_dict(rewrite),
                   word_count=int(d.get("word_count", 0)))


@dataclass(frozen=True, slots=True)
class ContentScores:
    """Content-side scores, 0..100, or ``None`` where there is nothing to judge."""

    results_framing: int | None
    hiring_manager_focus: int | None
    overall: int | None

    def to_dict(self) -> dict[str, int | None]:
        return {"results_framing": self.results_framing,
                "hiring_manager_focus": self.hiring_manager_focus, "overall": self.overall}
