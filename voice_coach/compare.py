"""Compare analysed answers: what improved between two attempts, and which cues improve over time.

Everything here reads report objects (:meth:`AnswerAnalysis.to_dict`, as stored in the
history), so it works on any stored answer, old or new, and degrades gracefully where a report
lacks a field (an older report, a typed answer without delivery cues).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "MIN_SCORE_CHANGE",
    "SCORE_LABELS",
    "CheckChange",
    "Comparison",
    "CueChange",
    "CueTrend",
    "ScoreChange",
    "check_passed",
    "compare_reports",
    "cue_trends",
]

#: The report's scores in display order, with their names for people.
SCORE_LABELS: dict[str, str] = {
    "overall": "Overall",
    "confidence": "Confidence",
    "results_framing": "Results framing",
    "hiring_manager_focus": "Hiring-manager focus",
}
#: A score must move by at least this many points (of 100) to count as better or worse:
#: smaller moves are within what re-recording the same answer changes (one filler, one hedge).
MIN_SCORE_CHANGE = 3
#: Cue statuses from worst to best (scoring.Cue.status); "unscored" carries no judgement.
_STATUS_RANK: dict[str, int] = {"flag": 0, "amber": 1, "good": 2}


def _direction(before: float | None, after: float | None, *, min_change: float) -> str:
    if before is None or after is None:
        return "unknown"
    if after - before >= min_change:
        return "better"
    if before - after >= min_change:
        return "worse"
    return "same"


@dataclass(frozen=True, slots=True)
class ScoreChange:
    """One score in two attempts.

    Attributes
    ----------
    id, label : str
        Score key in the report (``"confidence"``) and its name.
    before, after : int or None
        The scores (0..100); None where the attempt had too little evidence.
    direction : str
        ``"better"``, ``"worse"``, ``"same"`` (a move under :data:`MIN_SCORE_CHANGE`) or
        ``"unknown"`` (a score is missing).
    """

    id: str
    label: str
    before: int | None
    after: int | None
    direction: str

    @property
    def delta(self) -> int | None:
        """``after - before`` in points, or None when either is missing."""
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass(frozen=True, slots=True)
class CueChange:
    """One delivery or content cue in two attempts (judged by its status, good > amber > flag)."""

    id: str
    label: str
    before_value: float | None
    after_value: float | None
    unit: str
    before_status: str | None
    after_status: str | None
    direction: str


@dataclass(frozen=True, slots=True)
class CheckChange:
    """One content check in two attempts: whether it passed (:func:`check_passed`)."""

    id: str
    label: str
    before_passed: bool | None
    after_passed: bool | None
    direction: str


@dataclass(frozen=True, slots=True)
class Comparison:
    """What changed from one attempt to the next.

    Attributes
    ----------
    scores : tuple of ScoreChange
        Every score, in :data:`SCORE_LABELS` order.
    cues : tuple of CueChange
        Cues present in either report, in the later report's order.
    checks : tuple of CheckChange
        Content checks present in either report.
    verdict_before, verdict_after : str or None
        The two verdicts.
    """

    scores: tuple[ScoreChange, ...]
    cues: tuple[CueChange, ...]
    checks: tuple[CheckChange, ...]
    verdict_before: str | None
    verdict_after: str | None

    def improved(self) -> tuple[str, ...]:
        """Sentences naming what got better, most important first."""
        return self._lines("better")

    def not_improved(self) -> tuple[str, ...]:
        """Sentences naming what got worse, then what still needs work and did not change."""
        worse = self._lines("worse")
        still = tuple(
            f"{c.label}: still {c.after_status}" for c in self.cues
            if c.direction == "same" and c.after_status in ("flag", "amber")
        ) + tuple(
            f"{c.label}: still to fix" for c in self.checks
            if c.direction == "same" and c.after_passed is False
        )
        return worse + still

    def _lines(self, direction: str) -> tuple[str, ...]:
        lines = [f"{s.label} {s.before} → {s.after}" for s in self.scores
                 if s.direction == direction]
        lines += [f"{c.label}: {c.before_status} → {c.after_status}"
                  + _value_change(c.before_value, c.after_value, c.unit)
                  for c in self.cues if c.direction == direction]
        lines += [f"{c.label}: {'now done well' if direction == 'better' else 'now a problem'}"
                  for c in self.checks if c.direction == direction]
        return tuple(lines)


def _value_change(before: float | None, after: float | None, unit: str) -> str:
    if before is None or after is None:
        return ""
    unit_text = f" {unit}" if unit else ""
    return f" ({_number(before)} → {_number(after)}{unit_text})"


def _number(value: float) -> str:
    return f"{value:.0f}" if abs(value) >= 10 else f"{value:.1f}"


def _by_id(items: Any) -> dict[str, Mapping[str, Any]]:
    return {str(item["id"]): item for item in items or () if isinstance(item, Mapping)
            and "id" in item}


def _checks(report: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    content = report.get("content") or {}
    return _by_id(content.get("checks"))


def check_passed(check: Mapping[str, Any]) -> bool | None:
    """Whether a content check shows no problem: a good thing found or a bad one absent.

    ``good`` is the check's polarity (True when detecting it is good), so the check passed
    when ``detected == good``; None when the check has no ``detected``.
    """
    if "detected" not in check:
        return None
    return bool(check["detected"]) == bool(check.get("good", True))


def compare_reports(before: Mapping[str, Any], after: Mapping[str, Any]) -> Comparison:
    """Compare two reports of answers (usually two attempts at the same question).

    Parameters
    ----------
    before, after : mapping
        Report objects (``AnswerAnalysis.to_dict()``), the earlier attempt first.

    Returns
    -------
    Comparison
        Score, cue and content-check changes; fields missing from either report come out as
        ``"unknown"`` rather than as a change.
    """
    scores_before = before.get("scores") or {}
    scores_after = after.get("scores") or {}
    scores = tuple(
        ScoreChange(key, label, scores_before.get(key), scores_after.get(key),
                    _direction(scores_before.get(key), scores_after.get(key),
                               min_change=MIN_SCORE_CHANGE))
        for key, label in SCORE_LABELS.items()
    )
    cues_before, cues_after = _by_id(before.get("cues")), _by_id(after.get("cues"))
    cue_ids = list(cues_after) + [c for c in cues_before if c not in cues_after]
    cues = []
    for cue_id in cue_ids:
        old, new = cues_before.get(cue_id, {}), cues_after.get(cue_id, {})
        old_status, new_status = old.get("status"), new.get("status")
        cues.append(CueChange(
            id=cue_id, label=str(new.get("label") or old.get("label") or cue_id),
            before_value=old.get("value"), after_value=new.get("value"),
            unit=str(new.get("unit") or old.get("unit") or ""),
            before_status=old_status, after_status=new_status,
            direction=_direction(_STATUS_RANK.get(old_status), _STATUS_RANK.get(new_status),
                                 min_change=1),
        ))
    checks_before, checks_after = _checks(before), _checks(after)
    check_ids = list(checks_after) + [c for c in checks_before if c not in checks_after]
    checks = []
    for check_id in check_ids:
        old, new = checks_before.get(check_id, {}), checks_after.get(check_id, {})
        old_good, new_good = check_passed(old), check_passed(new)
        checks.append(CheckChange(
            id=check_id, label=str(new.get("label") or old.get("label") or check_id),
            before_passed=old_good, after_passed=new_good,
            direction=_direction(None if old_good is None else float(old_good),
                                 None if new_good is None else float(new_good), min_change=1),
        ))
    return Comparison(scores=scores, cues=tuple(cues), checks=tuple(checks),
                      verdict_before=before.get("verdict"), verdict_after=after.get("verdict"))


@dataclass(frozen=True, slots=True)
class CueTrend:
    """How one cue moved over a series of answers.

    Attributes
    ----------
    id, label : str
        The cue (or content check) and its name.
    kind : str
        ``"cue"`` (a scored delivery/content cue) or ``"check"`` (a content check).
    answers : int
        Answers in which it was judged.
    first_rate, recent_rate : float
        Share of answers (0..1) in which it was good, in the earlier and the later half.
    """

    id: str
    label: str
    kind: str
    answers: int
    first_rate: float
    recent_rate: float

    @property
    def change(self) -> float:
        """``recent_rate - first_rate``: positive when the cue improved."""
        return self.recent_rate - self.first_rate


def _good_flags(report: Mapping[str, Any]) -> dict[tuple[str, str], tuple[str, bool]]:
    flags: dict[tuple[str, str], tuple[str, bool]] = {}
    for cue in report.get("cues") or ():
        status = cue.get("status") if isinstance(cue, Mapping) else None
        if status in _STATUS_RANK and "id" in cue:
            flags[("cue", str(cue["id"]))] = (str(cue.get("label") or cue["id"]),
                                             status == "good")
    for check in _checks(report).values():
        passed = check_passed(check)
        if passed is not None and ("cue", str(check["id"])) not in flags:
            flags[("check", str(check["id"]))] = (str(check.get("label") or check["id"]),
                                                 passed)
    return flags


def cue_trends(reports: Sequence[Mapping[str, Any]], *, min_answers: int = 2
               ) -> tuple[CueTrend, ...]:
    """Rank cues and content checks by how much they improved over a series of answers.

    Each cue's judgements are split into an earlier and a later half (by position in the
    series); its change is the later half's share of good judgements minus the earlier half's.

    Parameters
    ----------
    reports : sequence of mapping
        Report objects, oldest first.
    min_answers : int
        A cue judged in fewer answers than this is left out (one answer shows no trend).

    Returns
    -------
    tuple of CueTrend
        Most improved first; ties keep report order.
    """
    series: dict[tuple[str, str], list[bool]] = {}
    labels: dict[tuple[str, str], str] = {}
    for report in reports:
        for key, (label, good) in _good_flags(report).items():
            series.setdefault(key, []).append(good)
            labels[key] = label
    trends = []
    for key, flags in series.items():
        if len(flags) < max(2, min_answers):
            continue
        half = len(flags) // 2
        first, recent = flags[:half], flags[len(flags) - half:]
        trends.append(CueTrend(
            id=key[1], label=labels[key], kind=key[0], answers=len(flags),
            first_rate=sum(first) / len(first), recent_rate=sum(recent) / len(recent),
        ))
    trends.sort(key=lambda t: -t.change)
    return tuple(trends)
