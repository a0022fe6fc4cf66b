"""From measures to scores, a verdict and feedback. Pure functions; thresholds named here.

A score is only given where there is evidence for it: None means "not enough to judge",
never zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from voice_coach.content import ContentReport
    from voice_coach.prosody import Delivery
    from voice_coach.questions import Question

__all__ = ["CONFIDENT_MIN", "SUPPLICANT_MAX", "VERDICTS", "Cue", "Fix", "Moment", "Scorecard",
           "build_scorecard", "score_confidence"]

#: Confidence at or above this is "confident" [H: calibrate on labelled answers].
CONFIDENT_MIN = 70
#: Confidence below this is "supplicant" [H]; in between is "mixed".
SUPPLICANT_MAX = 45
#: Points a cue earns by status: a flagged cue pulls the score down hard, an amber one
#: somewhat [H].
STATUS_POINTS = {"good": 100.0, "amber": 55.0, "flag": 10.0}
#: Weights: the well-replicated cues count most (PROSODY.md section 6, scoring guidance:
#: F1, F2, F3, F5, F7, F9); powerless and pleading language is replicated too (Erickson et
#: al. 1978; Hosman 1989) and is what the issue asks to combine; pitch range and creak are
#: coaching notes (weight 0).
CUE_WEIGHTS = {
    "speaking_rate": 2.0, "response_latency": 1.5, "long_pauses": 2.0, "long_silence": 1.0,
    "hesitation_pauses": 1.0, "filled_pauses": 1.5, "hedges": 2.0,
    "supplicant_language": 2.5, "uptalk": 2.0, "final_fall": 1.0, "pitch_shift": 1.5,
    "loudness_shift": 1.0, "trailing_off": 1.0, "pitch_range": 0.0, "creak": 0.0,
}
INF = float("inf")


@dataclass(frozen=True, slots=True)
class Band:
    """A cue's limits: inside ``good`` it is good, inside ``amber`` amber, else flagged.

    ``text`` says the same limits in words, as the report shows them.
    """

    good: tuple[float, float]
    amber: tuple[float, float]
    text: str

    def status(self, value: float) -> str:
        """Return ``"good"``, ``"amber"`` or ``"flag"`` for ``value``."""
        if self.good[0] <= value <= self.good[1]:
            return "good"
        if self.amber[0] <= value <= self.amber[1]:
            return "amber"
        return "flag"


#: Every delivery threshold, in one place. All are PROSODY.md section 6 starting points [H]
#: (sources per feature there): F1 rate, F2 latency, F3 long pauses, F4 hesitations, F5
#: fillers, F6 hedges, F7 uptalk, F8 final falls, F9 pitch level, F11 loudness and fading.
BANDS: dict[str, Band] = {
    "speaking_rate": Band((130, 170), (110, 190),
                          "good 130-170; amber 110-130 or 170-190; flag <110 or >190"),
    "response_latency": Band((0, 1.5), (0, 3.0), "good <=1.5 s; amber 1.5-3 s; flag >3 s"),
    "long_pauses": Band((0, 1), (0, 3), "good <=1/min; amber 1-3/min; flag >3/min"),
    "hesitation_pauses": Band((0, 2), (0, 5), "good <=2; amber 2-5; flag >5"),
    "filled_pauses": Band((0, 2), (0, 5), "good <=2; amber 2-5; flag >5"),
    "hedges": Band((0, 1), (0, 3), "good <=1; amber 1-3; flag >3"),
    "uptalk": Band((0, 15), (0, 33), "good <=15%; amber 15-33%; flag >33%"),
    "final_fall": Band((60, INF), (40, INF), "good >=60%; flag <40%"),
    "pitch_shift": Band((-INF, 1), (-INF, 3), "good <=+1; amber +1 to +3; flag >+3"),
    "loudness_shift": Band((-3, INF), (-6, INF), "flag below -6 dB; amber below -3 dB"),
    "trailing_off": Band((0, 25), (0, 50),
                         "flag when >50% of phrases fade by 10 dB or more; amber >25%"),
}
#: A silence this long is flagged wherever it falls (PROSODY.md F3).
VERY_LONG_SILENCE_S = 3.0
#: Pitch range (p10-p90, semitones) outside these is noted as monotone / unsteady (F10);
#: mirrors voice_coach.prosody.pitch (not imported: scoring stays light; a test checks).
MONOTONE_BELOW_ST, UNSTEADY_ABOVE_ST = 3.0, 12.0

#: Creak on more than this share of phrase ends is noted (PROSODY.md F12) [H]; mirrors
#: voice_coach.prosody.voice_quality.CREAK_NOTE_SHARE (not imported: scoring stays light).
CREAK_NOTE_SHARE = 0.25
#: Minimum speech (s) and phrase ends for the respective parts (PROSODY.md section 6).
MIN_PHRASE_ENDS_FOR_SCORE = 3
#: Pitch level and range need at least this share of voiced frames (PROSODY.md section 6).
MIN_VOICED_FRACTION = 0.4

#: The verdicts of the report contract.
VERDICTS: tuple[str, ...] = ("confident", "mixed", "supplicant", "insufficient_speech")


@dataclass(frozen=True, slots=True)
class Moment:
    """A place in the answer that triggered a cue: when, what was said, and what happened."""

    time_s: float | None
    text: str
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Return ``{time_s, text, detail}``."""
        return {"time_s": None if self.time_s is None else round(self.time_s, 2),
                "text": self.text, "detail": self.detail}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Moment:
        """Rebuild from :meth:`to_dict` output."""
        return cls(data.get("time_s"), str(data.get("text", "")), str(data.get("detail", "")))


@dataclass(frozen=True, slots=True)
class Cue:
    """One measured cue that contributes to a score.

    Attributes
    ----------
    id : str
        Stable identifier (``"speaking_rate"``).
    label : str
        Human name ("Speaking rate").
    value : float or None
        The measured value in ``unit``; None when it could not be measured.
    unit : str
        Unit of ``value`` ("wpm", "s", "per 100 words", "%").
    threshold : str
        The band or limit it is judged against, in words ("good 130-170 wpm").
    status : str
        ``"good"``, ``"amber"``, ``"flag"`` or ``"unscored"``.
    moments : tuple of Moment
        Where in the answer it happened.
    explanation : str
        What the value means for a listener, in a sentence.
    weight : float
        Its weight in the score it contributes to (0 for a coaching note).
    """

    id: str
    label: str
    value: float | None
    unit: str
    threshold: str
    status: str
    moments: tuple[Moment, ...] = ()
    explanation: str = ""
    weight: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """Return the cue as a JSON-ready object."""
        return {"id": self.id, "label": self.label,
                "value": None if self.value is None else round(float(self.value), 3),
                "unit": self.unit, "threshold": self.threshold, "status": self.status,
                "moments": [m.to_dict() for m in self.moments],
                "explanation": self.explanation, "weight": self.weight}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Cue:
        """Rebuild from :meth:`to_dict` output."""
        return cls(
            id=str(data["id"]), label=str(data.get("label", data["id"])),
            value=data.get("value"), unit=str(data.get("unit", "")),
            threshold=str(data.get("threshold", "")), status=str(data.get("status", "")),
            moments=tuple(Moment.from_dict(m) for m in data.get("moments", ())),
            explanation=str(data.get("explanation", "")), weight=float(data.get("weight", 0.0)),
        )


@dataclass(frozen=True, slots=True)
class Fix:
    """One of the things to fix first: what, why, and where in the answer."""

    title: str
    detail: str
    time_s: float | None = None
    quote: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Return the fix as a JSON-ready object."""
        return {"title": self.title, "detail": self.detail,
                "time_s": None if self.time_s is None else round(self.time_s, 2),
                "quote": self.quote}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Fix:
        """Rebuild from :meth:`to_dict` output."""
        return cls(str(data["title"]), str(data.get("detail", "")), data.get("time_s"),
                   str(data.get("quote", "")))


@dataclass(frozen=True, slots=True)
class Scorecard:
    """Scores (0-100, None when there is not enough evidence), the verdict and feedback."""

    confidence: int | None
    results_framing: int | None
    hiring_manager_focus: int | None
    overall: int | None
    verdict: str | None
    cues: tuple[Cue, ...] = ()
    top_fixes: tuple[Fix, ...] = ()
    notes: tuple[str, ...] = ()

    def scores_dict(self) -> dict[str, int | None]:
        """Return the report's ``scores`` object."""
        return {"confidence": self.confidence, "results_framing": self.results_framing,
                "hiring_manager_focus": self.hiring_manager_focus, "overall": self.overall}

    def to_dict(self) -> dict[str, Any]:
        """Return scores, verdict, cues, fixes and notes."""
        return {"scores": self.scores_dict(), "verdict": self.verdict,
                "cues": [c.to_dict() for c in self.cues],
                "top_fixes": [f.to_dict() for f in self.top_fixes],
                "notes": list(self.notes)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Scorecard:
        """Rebuild from :meth:`to_dict` output."""
        scores = data.get("scores", {})
        return cls(
            confidence=scores.get("confidence"), results_framing=scores.get("results_framing"),
            hiring_manager_focus=scores.get("hiring_manager_focus"),
            overall=scores.get("overall"), verdict=data.get("verdict"),
            cues=tuple(Cue.from_dict(c) for c in data.get("cues", ())),
            top_fixes=tuple(Fix.from_dict(f) for f in data.get("top_fixes", ())),
            notes=tuple(data.get("notes", ())),
        )


def build_scorecard(delivery: Delivery | None, content: ContentReport | None, *,
                    question: Question | None = None) -> Scorecard:
    """Combine delivery and content into scores, a verdict and the things to fix first.

    Parameters
    ----------
    delivery : Delivery or None
        Delivery measures; None for a typed answer.
    content : ContentReport or None
        Content checks; None when they did not run.
    question : Question, optional
        The question answered (its emphasis weighs the content checks).

    Returns
    -------
    Scorecard
        Scores are None where there is nothing to judge.
    """
    content_scores = None
    if content is not None:
        from voice_coach.content import score_content

        content_scores = score_content(content, question=question)
    results = content_scores.results_framing if content_scores else None
    focus = content_scores.hiring_manager_focus if content_scores else None
    content_overall = content_scores.overall if content_scores else None

    confidence, verdict, cues, fixes = score_confidence(delivery, content)
    parts = [v for v in (confidence, content_overall) if v is not None]
    overall = round(sum(parts) / len(parts)) if parts else None
    return Scorecard(confidence=confidence, results_framing=results,
                     hiring_manager_focus=focus, overall=overall, verdict=verdict,
                     cues=cues, top_fixes=fixes)


def _clock(t: float | None) -> str:
    if t is None:
        return ""
    m, sec = divmod(round(t), 60)
    return f"{m}:{sec:02d}"


def _cue(cue_id: str, label: str, value: float | None, unit: str, threshold: str,
         status: str, explanation: str, moments: tuple[Moment, ...] = ()) -> Cue:
    return Cue(id=cue_id, label=label, value=value, unit=unit, threshold=threshold,
               status=status, moments=moments[:8], explanation=explanation,
               weight=CUE_WEIGHTS.get(cue_id, 0.0) if status != "unscored" else 0.0)


def _delivery_cues(d: Delivery) -> list[Cue]:
    cues: list[Cue] = []
    if d.words_per_minute is not None:
        wpm = d.words_per_minute
        cues.append(_cue(
            "speaking_rate", "Speaking rate", wpm, "wpm",
            BANDS["speaking_rate"].text, BANDS["speaking_rate"].status(wpm),
            "Slow speech reads as less competent and less sure; very fast speech as rushed "
            "(Smith et al. 1975; Apple et al. 1979). Articulation rate "
            f"{d.articulation_wpm or 0:.0f} wpm excludes pauses."))
    if d.response_latency_s is not None:
        lat = d.response_latency_s
        cues.append(_cue(
            "response_latency", "Response latency", lat, "s",
            BANDS["response_latency"].text, BANDS["response_latency"].status(lat),
            "A long silence before answering lowers how knowledgeable and confident you "
            "seem (Brennan & Williams 1995; Matzinger et al. 2023).",
            (Moment(0.0, "(start)", f"first word after {lat:.1f} s"),)))
    minutes = d.speech_span_s / 60.0
    if minutes > 0:
        longs = [p for p in d.pauses if p.duration_s >= 1.0]
        rate = len(longs) / minutes
        cues.append(_cue(
            "long_pauses", "Long pauses (>= 1 s)", rate, "per minute",
            BANDS["long_pauses"].text, BANDS["long_pauses"].status(rate),
            "Infrequent, short pauses go with confidence (Scherer et al. 1973).",
            tuple(Moment(p.start_s, _clock(p.start_s), f"{p.duration_s:.1f} s silence")
                  for p in longs)))
        very = [p for p in d.pauses if p.duration_s >= VERY_LONG_SILENCE_S]
        cues.append(_cue(
            "long_silence", "Silences of 3 s or more", float(len(very)), "count",
            "any silence >= 3 s is flagged", "flag" if very else "good",
            "A silence of several seconds feels very long to a listener (Lundholm Fors 2015).",
            tuple(Moment(p.start_s, _clock(p.start_s), f"{p.duration_s:.1f} s silence")
                  for p in very)))
    if d.hesitation_per_100_words is not None:
        v = d.hesitation_per_100_words
        cues.append(_cue(
            "hesitation_pauses", "Pauses inside a clause", v, "per 100 words",
            BANDS["hesitation_pauses"].text, BANDS["hesitation_pauses"].status(v),
            "Pauses in the middle of a clause sound disfluent; pauses at clause ends do not "
            "(Kahng 2014/2018).",
            tuple(Moment(h.start_s, h.text, "pause inside a clause") for h in d.hesitations)))
    if d.filler_per_100_words is not None:
        v = d.filler_per_100_words
        hidden = tuple(
            Moment(h["start_s"], _clock(h["start_s"]),
                   f"filler-like sound ({h['end_s'] - h['start_s']:.1f} s) not in the "
                   "transcript")
            for h in d.hidden_fillers)
        written = tuple(Moment(f.start_s, f.text, "filler") for f in d.fillers)
        moments = tuple(sorted(written + hidden, key=lambda m: (m.time_s is None,
                                                                m.time_s or 0.0)))
        cues.append(_cue(
            "filled_pauses", "Filled pauses (um, uh)", v, "per 100 words (at least)",
            BANDS["filled_pauses"].text, BANDS["filled_pauses"].status(v),
            "Fillers lower the listener's sense that you know the answer (Brennan & Williams "
            f"1995). {d.transcript_filler_count} in the transcript and "
            f"{d.hidden_filler_count} heard in the audio that the transcriber left out; "
            "still a lower bound.",
            moments))
    if d.hedge_per_100_words is not None:
        v = d.hedge_per_100_words
        cues.append(_cue(
            "hedges", "Hedges and powerless language", v, "per 100 words",
            BANDS["hedges"].text, BANDS["hedges"].status(v),
            "Hedges ('sort of', 'I guess', 'maybe') lower perceived authority and "
            "employability (Erickson et al. 1978; Hosman 1989).",
            tuple(Moment(h.start_s, h.text, "hedge") for h in d.hedges)))
    decl = [p for p in d.phrase_ends
            if not p.get("question") and p.get("boundary") != "pause"]
    enough_ends = d.declarative_end_count >= MIN_PHRASE_ENDS_FOR_SCORE
    rises = tuple(Moment(p["end_s"], p.get("text") or p["word"],
                         f"rises {p['rise_st']:.1f} semitones") for p in decl
                  if p["kind"] == "rise")
    if enough_ends and d.uptalk_ratio is not None:
        v = 100.0 * d.uptalk_ratio
        cues.append(_cue(
            "uptalk", "Statements ending in a rise", v, "%",
            BANDS["uptalk"].text, BANDS["uptalk"].status(v),
            "A rise at the end of a statement can make it sound like a question and may "
            "sound uncertain to listeners (Brennan & Williams 1995; Goupil et al. 2021).",
            rises))
    else:
        cues.append(_cue(
            "uptalk", "Statements ending in a rise", None, "%", "needs >= 3 phrase ends",
            "unscored", f"Only {d.declarative_end_count} sentence ends could be measured: "
            "not enough to judge the intonation.", rises))
    if enough_ends and d.final_fall_ratio is not None:
        v = 100.0 * d.final_fall_ratio
        cues.append(_cue(
            "final_fall", "Statements ending in a fall", v, "%", BANDS["final_fall"].text,
            BANDS["final_fall"].status(v),
            "Falling pitch at the end of a statement signals certainty (Goupil et al. 2021).",
            tuple(Moment(p["end_s"], p.get("text") or p["word"],
                         f"ends {p['kind']} ({p['slope_st_per_s']:+.0f} st/s)")
                  for p in decl if p["kind"] != "fall")))
    pitch = d.pitch
    if pitch is not None and pitch.get("voiced_fraction", 0) >= MIN_VOICED_FRACTION:
        if pitch.get("shift_st") is not None:
            v = float(pitch["shift_st"])
            cues.append(_cue(
                "pitch_shift", "Pitch level vs your usual", v, "semitones",
                BANDS["pitch_shift"].text, BANDS["pitch_shift"].status(v),
                "A raised voice, relative to your own usual pitch, reads as less confident "
                "and more nervous (Jiang & Pell 2017; Apple et al. 1979: +3.2 st)."))
        rng = float(pitch["range_st"])
        note = "monotone" if pitch.get("monotone") else (
            "unsteady" if pitch.get("unsteady") else "varied")
        cues.append(_cue(
            "pitch_range", "Pitch range (p10-p90)", rng, "semitones",
            f"note below {MONOTONE_BELOW_ST:g} st (monotone) or above "
            f"{UNSTEADY_ABOVE_ST:g} st (unsteady)",
            "amber" if note != "varied" else "good",
            f"Your pitch was {note} (median {pitch['median_hz']:.0f} Hz). The evidence on "
            "range and confidence is mixed (Jiang & Pell 2014 vs 2017), so this is a "
            "coaching note, not a penalty."))
    creak = d.creak
    if creak is not None:
        v = 100.0 * float(creak["share"])
        cues.append(_cue(
            "creak", "Creaky (vocal fry) phrase endings", v, "%",
            f"note above {100 * CREAK_NOTE_SHARE:.0f}% of phrase ends",
            "amber" if creak.get("noted") else "good",
            f"{creak['creaky_count']} of {creak['measured_count']} phrase endings dropped "
            "into a creak. Some listeners hear fry as less competent (Anderson et al. 2014); "
            "a coaching note, not a penalty: keep enough breath for the last word.",
            tuple(Moment(t, _clock(t), "creaky ending") for t in creak.get("creaky_ends_s", ()))
        ))
    loud = d.loudness
    if loud is not None:
        if loud.get("shift_db") is not None:
            v = float(loud["shift_db"])
            cues.append(_cue(
                "loudness_shift", "Loudness vs your usual", v, "dB",
                BANDS["loudness_shift"].text, BANDS["loudness_shift"].status(v),
                "Louder speech goes with confidence (Scherer et al. 1973; Jiang & Pell 2017)."))
        if loud.get("fading_share") is not None:
            v = 100.0 * float(loud["fading_share"])
            cues.append(_cue(
                "trailing_off", "Phrase endings that fade", v, "%",
                BANDS["trailing_off"].text, BANDS["trailing_off"].status(v),
                "Trailing off at the end of a sentence sounds unsure; keep the volume to the "
                "last word.",
                tuple(Moment(f["end_s"], f["word"], f"fades {f['fade_db']:.0f} dB")
                      for f in loud.get("fades", ()) if f["fade_db"] <= -10.0)))
    return cues


def _content_cues(content: ContentReport) -> list[Cue]:
    try:
        check = content.check("supplicant_language")
    except (KeyError, LookupError):
        return []
    ev = tuple(Moment(e.start_s, e.text, "pleading language") for e in check.evidence)
    return [_cue(
        "supplicant_language", "Pleading or supplicant language", float(len(check.evidence)),
        "phrases", "flag when any is found", "flag" if check.detected else "good",
        check.advice or "Asking for the job, or for a chance, puts you in the position of a "
        "supplicant rather than a peer.", ev)]


_FIX_TEXT = {
    "speaking_rate": ("Find a steady pace", "Aim for about 130-170 words a minute."),
    "response_latency": ("Start sooner", "Begin with a short headline sentence within a "
                         "second or two, then build the answer."),
    "long_pauses": ("Shorten long pauses", "Pause at sentence ends for half a second, not "
                    "in the middle of a thought."),
    "long_silence": ("Avoid long silences", "If you need time, say so in a few words "
                     "rather than going silent."),
    "hesitation_pauses": ("Keep clauses together", "Pause between ideas, not inside them."),
    "filled_pauses": ("Replace 'um' with a silent pause", "A short silence sounds more "
                      "confident than a filler."),
    "hedges": ("Drop the hedges", "Say 'I led' rather than 'I sort of helped lead'."),
    "supplicant_language": ("Speak as a peer, not a petitioner", "Describe what you bring, "
                            "not what you hope to be given."),
    "uptalk": ("End statements on a fall", "Let your pitch come down on the last word of a "
               "statement."),
    "final_fall": ("Land your sentences", "Finish statements with a falling pitch."),
    "pitch_shift": ("Speak at your natural pitch", "Breathe out before answering; your "
                    "voice rose above your usual level."),
    "loudness_shift": ("Speak up", "You were quieter than usual; project to the back of "
                       "the room."),
    "trailing_off": ("Keep your volume to the last word", "Don't let sentence endings fade."),
    "creak": ("Keep breath for the last word", "Let endings fall without dropping into a "
              "creak."),
}


def score_confidence(delivery: Delivery | None, content: ContentReport | None
                     ) -> tuple[int | None, str | None, tuple[Cue, ...], tuple[Fix, ...]]:
    """Confidence score (0-100), verdict, cues and the three things to fix first.

    Each cue earns points by its status (``STATUS_POINTS``) and counts by its weight
    (``CUE_WEIGHTS``: the well-replicated cues most). The score is None, and the verdict
    ``insufficient_speech``, below ``MIN_SPEECH_FOR_DELIVERY_S`` of speech.

    Parameters
    ----------
    delivery : Delivery or None
        Delivery measures; None for a typed answer (no confidence score then).
    content : ContentReport or None
        Content checks (their ``supplicant_language`` check counts here).

    Returns
    -------
    tuple
        ``(confidence, verdict, cues, top_fixes)``.
    """
    if delivery is None:
        return None, None, (), ()
    cues = _delivery_cues(delivery)
    if content is not None:
        cues += _content_cues(content)
    if not delivery.enough_speech:
        return None, "insufficient_speech", tuple(cues), ()
    scored = [c for c in cues if c.weight > 0 and c.status in STATUS_POINTS]
    total = sum(c.weight for c in scored)
    if total == 0:
        return None, "insufficient_speech", tuple(cues), ()
    confidence = round(sum(STATUS_POINTS[c.status] * c.weight for c in scored) / total)
    if confidence >= CONFIDENT_MIN:
        verdict = "confident"
    elif confidence < SUPPLICANT_MAX:
        verdict = "supplicant"
    else:
        verdict = "mixed"
    worst = sorted((c for c in scored if c.status != "good"),
                   key=lambda c: (c.status != "flag", -c.weight))
    fixes = []
    for c in worst[:3]:
        title, how = _FIX_TEXT.get(c.id, (c.label, ""))
        first = c.moments[0] if c.moments else None
        value = "" if c.value is None else f"{c.value:.1f} {c.unit}"
        fixes.append(Fix(title=title,
                         detail=f"{c.label}: {value} (threshold: {c.threshold}). {how}",
                         time_s=first.time_s if first else None,
                         quote=first.text if first else ""))
    return confidence, verdict, tuple(cues), tuple(fixes)
