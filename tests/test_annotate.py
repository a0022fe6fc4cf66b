"""annotate: transcript sentences with times, highlighted phrases, the display pitch contour."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from voice_coach.annotate import (
    find_highlights,
    pitch_contour,
    split_pieces,
    split_sentences,
)
from voice_coach.audio import Recording, load_audio
from voice_coach.pipeline import analyze_answer, analyze_text
from voice_coach.questions import get_question

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _spoken(words: list[tuple[str, float]]) -> dict:
    return {"transcript": {"text": " ".join(w for w, _ in words),
                           "words": [{"word": w, "start_s": t, "end_s": t + 0.3}
                                     for w, t in words]}}


def test_sentences_of_a_spoken_transcript_carry_their_start_times():
    report = _spoken([("I", 0.5), ("led", 0.7), ("it.", 1.0), ("Um,", 2.0), ("it", 2.6),
                      ("worked?", 2.9), ("Yes", 4.0)])
    sentences = split_sentences(report)
    assert [s.text for s in sentences] == ["I led it.", "Um, it worked?", "Yes"]
    assert [s.start_s for s in sentences] == [0.5, 2.0, 4.0]
    text = report["transcript"]["text"]
    assert all(text[s.start_char:s.end_char] == s.text for s in sentences)


def test_sentences_of_a_typed_answer_have_no_times():
    report = {"transcript": {"text": "I cut costs by 18%. You need that! Right", "words": []}}
    sentences = split_sentences(report)
    assert [s.text for s in sentences] == ["I cut costs by 18%.", "You need that!", "Right"]
    assert all(s.start_s is None for s in sentences)


def test_fillers_are_placed_by_time_and_checks_by_span():
    report = _spoken([("Um,", 0.2), ("I", 0.6), ("think", 0.8), ("um", 1.4), ("we", 1.8),
                      ("grew", 2.0), ("sales", 2.2)])
    report["delivery"] = {"fillers": [{"text": "um", "start_s": 1.4}],
                          "hedges": [{"text": "I think", "start_s": 0.6}]}
    text = report["transcript"]["text"]
    start = text.index("we grew")
    report["content"] = {"checks": [{"id": "results_framing", "detected": True, "evidence": [
        {"text": "we grew sales", "start_char": start, "end_char": len(text), "start_s": 1.8}]}]}
    highlights = {h.kind: h for h in find_highlights(report)}
    filler = highlights["filler"]
    assert text[filler.start_char:filler.end_char] == "um"
    assert filler.start_char == text.index(" um ") + 1  # the second "um", the one at 1.4 s
    hedge = highlights["hedge"]
    assert text[hedge.start_char:hedge.end_char] == "I think"
    assert text[highlights["result"].start_char:highlights["result"].end_char] == \
        "we grew sales"
    pieces = split_pieces(text, tuple(highlights.values()))
    assert "".join(p.text for p in pieces) == text
    assert [(p.text, p.kind) for p in pieces if p.kind] == [
        ("I think", "hedge"), ("um", "filler"), ("we grew sales", "result")]


def test_overlapping_highlights_prefer_the_problem():
    from voice_coach.annotate import Highlight

    text = "we grew sales um a lot"
    pieces = split_pieces(text, (Highlight("result", 0, len(text), None),
                                 Highlight("filler", 14, 16, None)))
    assert [(p.text, p.kind) for p in pieces] == [
        ("we grew sales ", "result"), ("um", "filler"), (" a lot", "result")]


def test_typed_answer_highlights_come_from_its_checks():
    question = get_question("why-this-role")
    report = analyze_text((SAMPLES / "pleading.txt").read_text(), question).to_dict()
    kinds = {h.kind for h in find_highlights(report)}
    assert "pleading" in kinds
    text = report["transcript"]["text"]
    for h in find_highlights(report):
        assert 0 <= h.start_char < h.end_char <= len(text)


@pytest.mark.slow
def test_spoken_sample_sentences_match_its_words(transcriber):
    recording = load_audio(SAMPLES / "strong.wav")
    report = analyze_answer(recording, get_question("why-hire-you"),
                            transcriber=transcriber).to_dict()
    sentences = split_sentences(report)
    assert len(sentences) >= 3
    times = [s.start_s for s in sentences]
    assert all(t is not None for t in times) and times == sorted(times)
    assert times[-1] < recording.duration_s


def test_pitch_contour_of_a_glide_rises():
    rate = 16000
    t = np.arange(int(2.0 * rate)) / rate
    f0 = 120.0 * 2 ** (t / 2.0)  # one octave (12 st) up over 2 s
    phase = 2 * np.pi * np.cumsum(f0) / rate
    samples = (0.3 * np.sin(phase) + 0.1 * np.sin(2 * phase)).astype(np.float32)
    contour = pitch_contour(Recording(samples=samples, sample_rate=rate))
    assert contour.median_hz == pytest.approx(120.0 * 2 ** 0.5, rel=0.08)
    voiced = ~np.isnan(contour.semitones)
    assert voiced.mean() > 0.8
    values = contour.semitones[voiced]
    assert values[-1] - values[0] == pytest.approx(12.0, abs=1.5)
    assert np.all(np.diff(contour.times_s) > 0)
    assert contour.value_at(1.9) == pytest.approx(contour.semitones[voiced][-2], abs=1.0)


def test_pitch_contour_of_silence_is_empty():
    silence = np.zeros(16000, dtype=np.float32)
    contour = pitch_contour(Recording(samples=silence, sample_rate=16000))
    assert contour.median_hz is None and len(contour.times_s) == 0
    assert contour.value_at(0.5) is None
