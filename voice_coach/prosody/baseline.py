"""The user's own voice from earlier answers: the reference for pitch level and loudness.

Pitch and loudness are judged against the person, never against absolute Hz or dBFS
(PROSODY.md 0.3, F9, F11): typical means are 120 Hz for men and 210 Hz for women, and
microphone gain changes dBFS from one setup to the next.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from statistics import median
from typing import Any

__all__ = ["MIN_BASELINE_ANSWERS", "Baseline", "build_baseline"]

MIN_BASELINE_ANSWERS = 1
"""Earlier answers needed for a baseline. PROSODY.md suggests the first 3 answers; one is
allowed so a second answer already gets a comparison, and ``answer_count`` says how much
the baseline rests on [H]."""

MIN_ANSWER_SPEECH_S = 5.0
"""Earlier answers with less speech than this are skipped: their F0 median is too noisy
(distribution statistics settle at about 1 min of speech, PROSODY.md 2.4) [H]."""

MAX_BASELINE_ANSWERS = 20
"""Only the most recent answers count: voices and microphones change over time [H]."""


@dataclass(frozen=True, slots=True)
class Baseline:
    """The user's usual pitch and level.

    Attributes
    ----------
    median_f0_hz : float or None
        Median of the earlier answers' median F0; None when none had a pitch summary.
    mean_db : float or None
        Median of the earlier answers' speech level in dB re full scale.
    answer_count : int
        How many earlier answers it was built from.
    """

    median_f0_hz: float | None
    mean_db: float | None
    answer_count: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "median_f0_hz": None if self.median_f0_hz is None else round(self.median_f0_hz, 1),
            "mean_db": None if self.mean_db is None else round(self.mean_db, 1),
            "answer_count": self.answer_count,
        }


def build_baseline(deliveries: Iterable[Mapping[str, Any] | None]) -> Baseline | None:
    """Build a baseline from earlier answers' ``delivery`` dicts (newest first).

    Parameters
    ----------
    deliveries : iterable of dict or None
        The report's ``delivery`` objects of the user's earlier answers, newest first;
        None entries (typed answers) and answers with under ``MIN_ANSWER_SPEECH_S`` of
        speech are skipped.

    Returns
    -------
    Baseline or None
        None when fewer than ``MIN_BASELINE_ANSWERS`` answers have usable measures.
    """
    f0s: list[float] = []
    levels: list[float] = []
    used = 0
    for d in deliveries:
        if used >= MAX_BASELINE_ANSWERS:
            break
        if not d or float(d.get("speech_s") or 0.0) < MIN_ANSWER_SPEECH_S:
            continue
        pitch = d.get("pitch") or {}
        loud = d.get("loudness") or {}
        f0 = pitch.get("median_hz")
        level = loud.get("mean_db")
        if f0 is None and level is None:
            continue
        used += 1
        if f0 is not None:
            f0s.append(float(f0))
        if level is not None:
            levels.append(float(level))
    if used < MIN_BASELINE_ANSWERS:
        return None
    return Baseline(
        median_f0_hz=median(f0s) if f0s else None,
        mean_db=median(levels) if levels else None,
        answer_count=used,
    )
