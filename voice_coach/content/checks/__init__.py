"""The eight content checks of shared/CONTENT.md, each a function of the answer text.

Every check returns a :class:`Finding`: the character spans that made it fire, plus what the
advice and the scores need. A cue word alone never fires a check: each cue is confirmed by the
structure around it (who did what, to whom, negated or not, achieved or only wished). The
reasons are in the comments next to each pattern, and in docs/content.md. One module per check.
"""

from __future__ import annotations

from collections.abc import Callable

from voice_coach.content.checks._base import Finding
from voice_coach.content.checks.delivery import check_delivery_promises
from voice_coach.content.checks.engagement import check_engagement
from voice_coach.content.checks.focus import check_hiring_manager_focus
from voice_coach.content.checks.growth import check_skills_growth
from voice_coach.content.checks.personal_value import check_personal_value_trap
from voice_coach.content.checks.results import check_results_framing
from voice_coach.content.checks.supplicant import check_supplicant_language
from voice_coach.content.checks.their_job import check_not_after_your_job

__all__ = [
    "CHECKS",
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
