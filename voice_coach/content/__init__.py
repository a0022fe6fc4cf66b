"""The content checks of an interview answer (shared/CONTENT.md).

The same function serves typed answers and transcripts: :func:`check_content` takes the text
and, for a spoken answer, a function that maps a character offset to the time it was said.
"""

from __future__ import annotations

from collections.abc import Callable

from voice_coach.content.checks import (
    CHECKS,
    LEARNED_EVIDENCE_REJECTS,
    Finding,
    check_hiring_manager_focus,
    check_personal_value_trap,
)
from voice_coach.content.checks.engagement import without_ambition
from voice_coach.content.learned import OVERRULE_BELOW, evidence_probability, learned_view
from voice_coach.content.model import (
    CheckResult,
    ContentReport,
    ContentScores,
    Evidence,
    Rewrite,
)
from voice_coach.content.rewrite import GOOD, LABELS, advice_for, choose_rewrite
from voice_coach.content.score import MIN_WORDS_TO_SCORE, score_content
from voice_coach.errors import InputTextError
from voice_coach.lexicon import count_words
from voice_coach.questions import CHECK_IDS, Question

__all__ = [
    "MAX_ANSWER_CHARS",
    "MIN_WORDS_TO_SCORE",
    "CheckResult",
    "ContentReport",
    "ContentScores",
    "Evidence",
    "Rewrite",
    "check_content",
    "score_content",
]

#: Longest answer the checks accept: about 30 minutes of speech at 150 wpm; an interview
#: answer is 1-3 minutes, so anything longer is a pasted document, not an answer.
#: ``pipeline.MAX_TEXT_CHARS`` is the same, so a typed answer is never refused after saving.
MAX_ANSWER_CHARS: int = 30_000


def _time(char_to_time: Callable[[int], float | None] | None, pos: int) -> float | None:
    if char_to_time is None:
        return None
    value = char_to_time(pos)
    return None if value is None else float(value)


def check_content(text: str, *, question: Question | None = None,
                  char_to_time: Callable[[int], float | None] | None = None) -> ContentReport:
    """Run the eight content checks on an answer.

    Parameters
    ----------
    text : str
        The answer: typed, or the transcript of a spoken answer.
    question : Question, optional
        The question answered. Its ``emphasis`` picks which problem the rewrite addresses;
        the salary question lets a stated salary range pass the personal-value check.
    char_to_time : callable, optional
        Maps a character offset of ``text`` to the time (s) it was said; given for spoken
        answers, ``None`` for typed ones.

    Returns
    -------
    ContentReport
        The eight checks in :data:`CHECK_IDS` order, the rewrite of the most important
        problem (or ``None``), and the word count.

    Raises
    ------
    InputTextError
        If ``text`` is not a string or is longer than :data:`MAX_ANSWER_CHARS`.
    """
    if not isinstance(text, str):
        raise InputTextError(f"the answer must be text, not {type(text).__name__}")
    if len(text) > MAX_ANSWER_CHARS:
        raise InputTextError(f"the answer is {len(text):,} characters long; the limit is "
                             f"{MAX_ANSWER_CHARS:,}")
    # Each check runs once: hiring-manager focus reads the engagement and not-after-your-job
    # findings, and the personal-value trap reads the results and growth findings.
    found: dict[str, Finding] = {}
    for cid in ("results_framing", "engagement", "skills_growth", "supplicant_language",
                "delivery_promises", "not_after_your_job"):
        found[cid] = CHECKS[cid](text, question)
    found["engagement"] = without_ambition(text, found["engagement"], found["not_after_your_job"])
    found["hiring_manager_focus"] = check_hiring_manager_focus(
        text, question, found["engagement"], found["not_after_your_job"])
    found["personal_value_trap"] = check_personal_value_trap(
        text, question, found["results_framing"], found["skills_growth"])
    findings: dict[str, Finding] = {cid: found[cid] for cid in CHECK_IDS}
    word_count = count_words(text)
    # Where the rules found nothing, the learned back-off may still detect the check; its
    # evidence is the sentence it scores highest (content/learned.py), once it passes the
    # rules' tests of that check (LEARNED_EVIDENCE_REJECTS). Where the rules found the check
    # but the back-off is nearly sure neither the answer nor the sentences they quoted are it
    # (OVERRULE_BELOW), the rules' hit is dropped.
    view = learned_view(text, word_count=word_count)
    for cid, hit in view.hits.items():
        reject = LEARNED_EVIDENCE_REJECTS.get(cid)
        if findings[cid].detected or (reject is not None
                                      and reject(text, hit.start, hit.end, findings)):
            continue
        findings[cid] = Finding(((hit.start, hit.end),),
                                {"learned_probability": round(hit.probability, 3)})
    for cid, floor in OVERRULE_BELOW.items():
        p = view.probabilities.get(cid)
        if p is None or p >= floor or not findings[cid].detected:
            continue
        local = evidence_probability(text, cid, findings[cid].spans)
        if local is not None and local < floor:
            findings[cid] = Finding((), {"overruled_probability": round(max(p, local), 3)})
    checks = tuple(
        CheckResult(
            id=cid, detected=f.detected,
            evidence=tuple(Evidence(text[s:e], s, e, _time(char_to_time, s)) for s, e in f.spans),
            advice=advice_for(cid, text, f, findings), label=LABELS[cid], good=GOOD[cid],
        )
        for cid, f in findings.items()
    )
    rewrite = None
    if word_count >= MIN_WORDS_TO_SCORE:
        chosen = choose_rewrite(text, findings, question)
        if chosen is not None:
            cid, suggestion, s0, s1 = chosen
            rewrite = Rewrite(cid, text[s0:s1], suggestion, s0, s1,
                              _time(char_to_time, s0) if s1 > s0 else None)
    return ContentReport(checks=checks, rewrite=rewrite, word_count=word_count)
