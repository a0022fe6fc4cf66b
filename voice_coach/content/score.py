"""Content scores: results framing, hiring-manager focus and an overall content score.

Every score is a short sum of named parts (docs/content.md lists them), so the UI can say why a
score is what it is. ``None`` means "not enough to judge": fewer than :data:`MIN_WORDS_TO_SCORE`
words.
"""

from __future__ import annotations

import re

from voice_coach.content._text import has_quantity
from voice_coach.content.model import ContentReport, ContentScores
from voice_coach.questions import CHECK_IDS, Question

__all__ = ["MIN_WORDS_TO_SCORE", "score_content"]

#: Below this many words an answer is not scored: one sentence of 15 words is the shortest
#: that can hold both an action and its result ("I cut our cloud bill by 30% by moving the
#: batch jobs to spot instances" is 17 words); an answer of five words is not judged.
MIN_WORDS_TO_SCORE: int = 15

#: Results framing parts: a result is there; it has a number; it names who benefited.
RESULT_PRESENT_POINTS: int = 60
RESULT_QUANTIFIED_POINTS: int = 25
RESULT_BENEFICIARY_POINTS: int = 15
_BENEFICIARY = re.compile(
    r"\b(?:compan\w*|team|customers?|clients?|business|organi[sz]ation|department|us|"
    r"revenue|costs?|sales|users?|patients?|students?|store|firm)\b", re.IGNORECASE)

#: Hiring-manager focus parts: one turn toward their side, then each further turn (up to
#: two), since one "your team" can be a courtesy and three show the answer is built on it.
FOCUS_PRESENT_POINTS: int = 60
FOCUS_EXTRA_POINTS: int = 20
FOCUS_MAX_EXTRA: int = 2
#: Wanting the interviewer's own job undoes focus on their side (seed 000: point 4).
FOCUS_AFTER_JOB_PENALTY: int = 40

#: Overall weights: emphasised checks (question bank) count double; results framing,
#: hiring-manager focus and the three problems count for every question; the other good
#: checks count only when emphasised or present (no answer needs all eight).
EMPHASIS_WEIGHT: float = 2.0
BASE_WEIGHT: float = 1.0
ALWAYS_COUNTED: frozenset[str] = frozenset({
    "results_framing", "hiring_manager_focus", "supplicant_language", "not_after_your_job",
    "personal_value_trap",
})
#: The emphasis used when no question is given (what every answer should do, CONTENT.md).
DEFAULT_EMPHASIS: tuple[str, ...] = ("results_framing", "hiring_manager_focus",
                                     "supplicant_language")


def _results_score(report: ContentReport) -> int:
    check = report.check("results_framing")
    if not check.detected:
        return 0
    score = RESULT_PRESENT_POINTS
    if any(has_quantity(e.text) for e in check.evidence):
        score += RESULT_QUANTIFIED_POINTS
    if any(_BENEFICIARY.search(e.text) for e in check.evidence):
        score += RESULT_BENEFICIARY_POINTS
    return min(100, score)


def _focus_score(report: ContentReport) -> int:
    check = report.check("hiring_manager_focus")
    if not check.detected:
        return 0
    extra = min(FOCUS_MAX_EXTRA, len(check.evidence) - 1)
    score = FOCUS_PRESENT_POINTS + FOCUS_EXTRA_POINTS * extra
    if report.check("not_after_your_job").detected:
        score -= FOCUS_AFTER_JOB_PENALTY
    return max(0, min(100, score))


def score_content(report: ContentReport, *, question: Question | None = None) -> ContentScores:
    """Score the content of an answer.

    Parameters
    ----------
    report : ContentReport
        The result of :func:`check_content`.
    question : Question, optional
        The question answered; its ``emphasis`` doubles the weight of those checks in
        ``overall``. Without one, :data:`DEFAULT_EMPHASIS` is used.

    Returns
    -------
    ContentScores
        ``results_framing``, ``hiring_manager_focus`` and ``overall`` in 0..100, all
        ``None`` when the answer has fewer than :data:`MIN_WORDS_TO_SCORE` words.
    """
    if report.word_count < MIN_WORDS_TO_SCORE:
        return ContentScores(None, None, None)
    results = _results_score(report)
    focus = _focus_score(report)
    emphasis = set(question.emphasis if question is not None and question.emphasis
                   else DEFAULT_EMPHASIS)
    total = weights = 0.0
    for cid in CHECK_IDS:
        check = report.check(cid)
        if cid not in ALWAYS_COUNTED and cid not in emphasis and not check.detected:
            continue
        weight = EMPHASIS_WEIGHT if cid in emphasis else BASE_WEIGHT
        if cid == "results_framing":
            value = results
        elif cid == "hiring_manager_focus":
            value = focus
        else:
            value = 100 if check.ok else 0
        total += weight * value
        weights += weight
    overall = round(total / weights) if weights else None
    return ContentScores(results, focus, overall)
