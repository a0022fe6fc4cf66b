"""Confidence score, verdict, cues and fixes from hand-built delivery measures."""

from __future__ import annotations

from voice_coach.prosody.delivery import Delivery, TimedText
from voice_coach.prosody.pauses import Pause
from voice_coach.scoring import score_confidence


def _delivery(**over) -> Delivery:
    ends = tuple({"end_s": 5.0 * i, "word": "done.", "text": "I shipped it.",
                  "boundary": "sentence", "question": False, "kind": "fall",
                  "slope_st_per_s": -8.0, "rise_st": 0.5} for i in range(1, 6))
    fields = dict(
        words_per_minute=150.0, articulation_wpm=170.0, response_latency_s=0.6,
        pauses=(Pause(3.0, 3.5),), long_pause_count=0, filler_count=0,
        filler_per_100_words=0.0, hedge_per_100_words=0.0, speech_s=28.0,
        speech_span_s=30.0, word_count=75, fillers=(), hedges=(), enough_speech=True,
        pitch={"median_hz": 120.0, "range_st": 6.0, "std_st": 2.0, "voiced_fraction": 0.7,
               "monotone": False, "unsteady": False, "shift_st": None},
        phrase_ends=ends, uptalk_ratio=0.0, final_fall_ratio=1.0, declarative_end_count=5,
        loudness={"mean_db": -25.0, "fade_db": -2.0, "fading_share": 0.0,
                  "trailing_off": False, "shift_db": None, "fades": []},
        hesitation_per_100_words=0.0)
    fields.update(over)
    return Delivery(**fields)


def test_good_delivery_is_confident() -> None:
    score, verdict, cues, fixes = score_confidence(_delivery(), None)
    assert verdict == "confident" and score is not None and score >= 70
    assert fixes == ()
    assert {c.id for c in cues} >= {"speaking_rate", "uptalk", "long_pauses", "hedges"}


def test_too_little_speech_is_insufficient_and_unscored() -> None:
    score, verdict, _, _ = score_confidence(_delivery(enough_speech=False, speech_s=9.0), None)
    assert score is None and verdict == "insufficient_speech"


def test_uptalk_hedges_and_slow_pauses_make_a_supplicant_with_timed_fixes() -> None:
    rising = tuple({"end_s": 6.0 * i, "word": "migration.", "text": "I led the migration.",
                    "boundary": "sentence", "question": False, "kind": "rise",
                    "slope_st_per_s": 12.0, "rise_st": 4.1} for i in range(1, 5))
    d = _delivery(
        words_per_minute=95.0, response_latency_s=4.0, hedge_per_100_words=6.0,
        hedges=(TimedText("I guess", 12.0),), filler_per_100_words=7.0,
        pauses=(Pause(10.0, 12.5), Pause(20.0, 21.5), Pause(25.0, 26.2)),
        phrase_ends=rising, uptalk_ratio=1.0, final_fall_ratio=0.0,
        declarative_end_count=4, hesitation_per_100_words=6.0)
    score, verdict, cues, fixes = score_confidence(d, None)
    assert verdict == "supplicant" and score is not None and score < 45
    uptalk = next(c for c in cues if c.id == "uptalk")
    assert uptalk.status == "flag" and uptalk.value == 100.0
    assert uptalk.moments[0].time_s == 6.0 and "rises 4.1 semitones" in uptalk.moments[0].detail
    assert len(fixes) == 3
    assert all("threshold" in f.detail for f in fixes)


def test_fewer_than_three_phrase_ends_leave_uptalk_unscored() -> None:
    d = _delivery(uptalk_ratio=None, final_fall_ratio=None, declarative_end_count=2)
    _, _, cues, _ = score_confidence(d, None)
    uptalk = next(c for c in cues if c.id == "uptalk")
    assert uptalk.status == "unscored" and uptalk.weight == 0.0 and uptalk.value is None


def test_thresholds_mirrored_from_prosody_agree():
    """scoring keeps copies of two prosody limits to stay light to import; they must match."""
    from voice_coach import scoring
    from voice_coach.prosody import pitch, voice_quality

    assert scoring.MONOTONE_BELOW_ST == pitch.MONOTONE_RANGE_ST
    assert scoring.UNSTEADY_ABOVE_ST == pitch.UNSTEADY_RANGE_ST
    assert scoring.CREAK_NOTE_SHARE == voice_quality.CREAK_NOTE_SHARE


def test_every_band_status_matches_its_text_at_the_edges():
    from voice_coach.scoring import BANDS

    rate = BANDS["speaking_rate"]
    assert [rate.status(v) for v in (100, 120, 150, 180, 200)] == [
        "flag", "amber", "good", "amber", "flag"]
    fall = BANDS["final_fall"]
    assert [fall.status(v) for v in (30, 50, 70)] == ["flag", "amber", "good"]
