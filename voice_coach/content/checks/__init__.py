"""The eight content checks of shared/CONTENT.md, each a function of the answer text.

Every check returns a :class:`Finding`: the character spans that made it fire, plus what the
advice and the scores need. A cue word alone never fires a check: each cue is confirmed by the
structure around it (who did what, to whom, negated or not, achieved or only wished). The
reasons are in the comments next to each pattern, and in docs/content.md. One module per check.
"""

from __future__ import annotations

from collections.abc import Callable

from voice_coach.content.checks._base import Finding
from voice_coach.content.checks.delivery import check_delivery_promises, late_news
from voice_coach.content.checks.engagement import check_engagement, serves_ambition
from voice_coach.content.checks.focus import check_hiring_manager_focus, focus_misread
from voice_coach.content.checks.growth import check_skills_growth
from voice_coach.content.checks.personal_value import check_personal_value_trap
from voice_coach.content.checks.results import (
    check_results_framing,
    credited_elsewhere,
    hedged_claim,
    not_own_outcome,
)
from voice_coach.content.checks.supplicant import check_supplicant_language, sympathy_only
from voice_coach.content.checks.their_job import check_not_after_your_job

__all__ = [
    "CHECKS",
    "LEARNED_EVIDENCE_REJECTS",
    "Finding",
    "check_hiring_manager_focus",
    "check_personal_value_trap",
    "check_results_framing",
]

#: The checks in CHECK_IDS order. check_content gives hiring_manager_focus the engagement
#: finding and personal_value_trap the results and growth findings, so each runs once.
CHECKS: dict[str, Callable[..., Finding]] = {
    "results_framing": check_results_framing,
    "hiring_manager_focus": check_hiring_manager_focus,
    "supplicant_language": check_supplicant_language,
    "delivery_promises": check_delivery_promises,
    "not_after_your_job": check_not_after_your_job,
    "skills_growth": check_skills_growth,
    "engagement": check_engagement,
    "personal_value_trap": check_personal_value_trap,
}


def _not_the_speakers_result(text: str, start: int, end: int,
                             found: dict[str, Finding]) -> bool:
    return (credited_elsewhere(text, start) or hedged_claim(text, start, end)
            or not_own_outcome(text, start, end))


#: The learned back-off reads the topic of a check, not who did what or which way round; its
#: evidence sentence passes these tests of the rules first (True rejects it), per check.
#: Each takes (text, start, end, the rules' findings of the answer).
LEARNED_EVIDENCE_REJECTS: dict[str, Callable[[str, int, int, dict[str, Finding]], bool]] = {
    # "Most of that was the new director's programming", "we kind of rebuilt the reports",
    # "Your last investor update showed ...".
    "results_framing": _not_the_speakers_result,
    # "we submitted a day late": deadline talk, the wrong way round.
    "delivery_promises": lambda text, s, e, found: late_news(text, s, e),
    # "I'd want your post once you've moved up": their seat, not their needs.
    "hiring_manager_focus": lambda text, s, e, found: focus_misread(
        text, s, e, found["not_after_your_job"]),
    # "so sorry to hear that your manager was unwell": sympathy.
    "supplicant_language": lambda text, s, e, found: sympathy_only(text, s, e),
    # "I'd want to learn how you run it and then step into that seat": the ambition.
    "engagement": lambda text, s, e, found: serves_ambition(
        text, s, e, found["not_after_your_job"]),
}
