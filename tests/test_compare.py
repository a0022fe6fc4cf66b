"""compare: what changed between two attempts, and which cues improve over a series."""

from __future__ import annotations

from pathlib import Path

import pytest

from voice_coach.compare import MIN_SCORE_CHANGE, check_passed, compare_reports, cue_trends
from voice_coach.pipeline import analyze_text
from voice_coach.questions import get_question

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture(scope="module")
def typed_reports() -> tuple[dict, dict]:
    """The pleading and the strong sample answers, typed, to the same question."""
    question = get_question("why-hire-you")
    pleading = analyze_text((SAMPLES / "pleading.txt").read_text(), question).to_dict()
    strong = analyze_text((SAMPLES / "strong.txt").read_text(), question).to_dict()
    return pleading, strong


def test_strong_after_pleading_is_better(typed_reports):
    pleading, strong = typed_reports
    result = compare_reports(pleading, strong)
    scores = {s.id: s for s in result.scores}
    assert scores["results_framing"].direction == "better"
    assert scores["results_framing"].delta == (strong["scores"]["results_framing"]
                                               - pleading["scores"]["results_framing"])
    checks = {c.id: c for c in result.checks}
    assert checks["supplicant_language"].before_passed is False
    assert checks["supplicant_language"].after_passed is True
    assert checks["supplicant_language"].direction == "better"
    assert any("Results framing" in line for line in result.improved())
    # and the reverse comparison says the same things got worse
    reverse = compare_reports(strong, pleading)
    assert {c.id for c in reverse.checks if c.direction == "worse"} == \
        {c.id for c in result.checks if c.direction == "better"}


def test_same_report_changes_nothing(typed_reports):
    _, strong = typed_reports
    result = compare_reports(strong, strong)
    assert result.improved() == ()
    assert all(s.direction in ("same", "unknown") for s in result.scores)
    # what still needs work is still reported
    still = [c for c in result.checks if c.after_passed is False]
    assert len(result.not_improved()) == len(still)


def test_small_score_moves_are_not_changes():
    before = {"scores": {"overall": 70, "confidence": 60}}
    after = {"scores": {"overall": 70 + MIN_SCORE_CHANGE - 1, "confidence": 60 + MIN_SCORE_CHANGE}}
    scores = {s.id: s for s in compare_reports(before, after).scores}
    assert scores["overall"].direction == "same"
    assert scores["confidence"].direction == "better"


def test_missing_fields_are_unknown_not_changes():
    result = compare_reports({"scores": {"confidence": None}}, {})
    assert all(s.direction == "unknown" and s.delta is None for s in result.scores)
    assert result.cues == () and result.checks == ()
    assert result.improved() == () and result.not_improved() == ()


def test_cue_status_changes():
    before = {"cues": [{"id": "speaking_rate", "label": "Speaking rate", "value": 200.0,
                        "unit": "wpm", "status": "flag"},
                       {"id": "hedges", "label": "Hedges", "value": 1.0, "unit": "",
                        "status": "good"}]}
    after = {"cues": [{"id": "speaking_rate", "label": "Speaking rate", "value": 150.0,
                       "unit": "wpm", "status": "good"},
                      {"id": "hedges", "label": "Hedges", "value": 4.0, "unit": "",
                       "status": "amber"}]}
    result = compare_reports(before, after)
    cues = {c.id: c for c in result.cues}
    assert cues["speaking_rate"].direction == "better"
    assert cues["hedges"].direction == "worse"
    assert result.improved() == ("Speaking rate: flag → good (200 → 150 wpm)",)
    assert result.not_improved()[0].startswith("Hedges: good → amber")


def test_check_passed_uses_polarity():
    assert check_passed({"detected": True, "good": True}) is True
    assert check_passed({"detected": False, "good": True}) is False
    assert check_passed({"detected": True, "good": False}) is False
    assert check_passed({"detected": False, "good": False}) is True
    assert check_passed({"good": True}) is None


def test_cue_trends_rank_the_most_improved_first(typed_reports):
    pleading, strong = typed_reports
    trends = cue_trends([pleading, pleading, strong, strong])
    assert trends, "two answers per half give trends"
    assert trends[0].change > 0
    changes = [t.change for t in trends]
    assert changes == sorted(changes, reverse=True)
    by_id = {t.id: t for t in trends}
    assert by_id["supplicant_language"].first_rate == 0.0
    assert by_id["supplicant_language"].recent_rate == 1.0
    # nothing to compare with a single answer
    assert cue_trends([strong]) == ()
    # going back down shows as a negative change
    assert {t.id: t.change for t in cue_trends([strong, pleading])}["supplicant_language"] < 0
