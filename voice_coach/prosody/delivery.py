"""How the answer was said: the :class:`Delivery` measures of one spoken answer.

Rates, pauses and latency come from the energy voice-activity detector in
:mod:`voice_coach.prosody.pauses`, never from Whisper's word gaps; filler and hedge counts
come from the shared lexicon in :mod:`voice_coach.lexicon`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from voice_coach.lexicon import count_words, find_fillers, find_hedges, hedge_weight
from voice_coach.prosody.pauses import Pause, PauseOptions, SpeechActivity, detect_speech_activity
from voice_coach.prosody.phrase_ends import PhraseEndOptions

if TYPE_CHECKING:
    from voice_coach.audio import Recording
    from voice_coach.prosody.baseline import Baseline
    from voice_coach.prosody.hidden_fillers import HiddenFillerOptions
    from voice_coach.prosody.pitch import PitchOptions
    from voice_coach.transcription import Transcript

__all__ = ["LONG_PAUSE_S", "MIN_SPEECH_FOR_DELIVERY_S", "VERY_LONG_PAUSE_S", "Delivery",
           "DeliveryOptions", "TimedText", "measure_delivery"]

#: A silence of a second or more is "long": Jefferson's (1989) standard maximum, and the
#: boundary of the long-pause mode (Campione & Veronis 2002). PROSODY.md F3.
LONG_PAUSE_S = 1.0
#: Any single silence this long is flagged on its own (PROSODY.md F3; 4 s "felt like an
#: eternity", Lundholm Fors 2015).
VERY_LONG_PAUSE_S = 3.0
#: A pause counts as a hesitation inside a clause when it is at least this long and falls
#: between two words not separated by punctuation or a conjunction (PROSODY.md F4; De Jong &
#: Bosker 2013 cut-off; Kahng 2014/2018 on within-clause pauses).
HESITATION_PAUSE_S = 0.25
_CLAUSE_OPENERS = frozenset({
    "and", "but", "so", "or", "because", "which", "that", "when", "while", "then", "if",
    "although", "though", "since", "where", "who", "after", "before", "until", "unless",
})
#: Below this much speech, delivery is not judged (PROSODY.md section 6, scoring guidance).
MIN_SPEECH_FOR_DELIVERY_S = 20.0


@dataclass(frozen=True, slots=True)
class DeliveryOptions:
    """Settings of the delivery analysis."""

    pauses: PauseOptions = field(default_factory=PauseOptions)
    long_pause_s: float = LONG_PAUSE_S
    min_speech_s: float = MIN_SPEECH_FOR_DELIVERY_S
    pitch: PitchOptions | None = None
    phrase_ends: PhraseEndOptions = field(default_factory=PhraseEndOptions)
    measure_prosody: bool = True
    detect_hidden_fillers: bool = True
    hidden_fillers: HiddenFillerOptions | None = None


@dataclass(frozen=True, slots=True)
class TimedText:
    """A piece of the transcript and when it was said (None for typed text)."""

    text: str
    start_s: float | None

    def to_dict(self) -> dict[str, object]:
        """Return ``{text, start_s}``."""
        return {"text": self.text,
                "start_s": None if self.start_s is None else round(self.start_s, 3)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TimedText:
        """Rebuild from :meth:`to_dict` output."""
        return cls(str(data["text"]), data.get("start_s"))


@dataclass(frozen=True, slots=True)
class Delivery:
    """Delivery measures of a spoken answer (the report's ``delivery`` object).

    Attributes
    ----------
    words_per_minute : float or None
        Words over the speech span (first onset to last offset, pauses included).
    articulation_wpm : float or None
        Words over the time actually spent speaking (pauses excluded).
    response_latency_s : float or None
        Seconds from the start of the recording to the first speech.
    pauses : tuple of Pause
        Silences of 250 ms or more inside the answer.
    long_pause_count : int
        Pauses of ``LONG_PAUSE_S`` or more.
    filler_count : int
        Filled pauses: those in the transcript plus the acoustic detections the transcript
        has no word for (``hidden_filler_count``). A lower bound: Whisper drops many, and
        the acoustic proxy misses some (docs/prosody.md).
    filler_per_100_words, hedge_per_100_words : float or None
        Rates per 100 transcript words; None without words.
    speech_s, speech_span_s : float
        Seconds of speech, and from the first onset to the last offset.
    word_count : int
        Words in the transcript.
    fillers, hedges : tuple of TimedText
        Each filler and hedge found, with when it was said.
    enough_speech : bool
        Whether there is enough speech (``MIN_SPEECH_FOR_DELIVERY_S``) to judge delivery.
    pitch : dict or None
        ``{median_hz, range_st, std_st, voiced_fraction, monotone, unsteady, shift_st}``
        (semitones relative to the speaker); None with under 0.5 s of voicing.
    phrase_ends : tuple of dict
        ``{end_s, word, slope_st_per_s, rise_st, kind, ...}`` per phrase end.
    uptalk_ratio, final_fall_ratio : float or None
        Shares of sentence-final declarative ends that rise / fall; None below 3 such ends.
    loudness : dict or None
        ``{mean_db, fade_db, fading_share, trailing_off, shift_db, fades}``.
    very_long_pause_count : int
        Silences of ``VERY_LONG_PAUSE_S`` or more.
    hesitations : tuple of TimedText
        Pauses inside a clause: the words around each pause, timed at the pause start.
    hesitation_per_100_words : float or None
        Those per 100 words.
    declarative_end_count : int
        Sentence-final declarative phrase ends measured (the uptalk ratio's denominator).
    baseline : dict or None
        The user's baseline this answer was judged against.
    transcript_filler_count : int
        Filled pauses written in the transcript.
    hidden_filler_count : int
        Filler-shaped sounds (steady, level, voiced; :mod:`.hidden_fillers`) that the
        transcript has no word for; never one that overlaps a transcribed filler.
    hidden_fillers : tuple of dict
        ``{start_s, end_s, median_hz, range_st, where, word}`` per acoustic detection.
    creak : dict or None
        Creak (vocal fry) at phrase ends (:mod:`.voice_quality`); None when no phrase end
        could be measured.
    """

    words_per_minute: float | None
    articulation_wpm: float | None
    response_latency_s: float | None
    pauses: tuple[Pause, ...]
    long_pause_count: int
    filler_count: int
    filler_per_100_words: float | None
    hedge_per_100_words: float | None
    speech_s: float
    speech_span_s: float
    word_count: int
    fillers: tuple[TimedText, ...]
    hedges: tuple[TimedText, ...]
    enough_speech: bool
    pitch: dict[str, Any] | None = None
    phrase_ends: tuple[dict[str, Any], ...] = ()
    uptalk_ratio: float | None = None
    loudness: dict[str, Any] | None = None
    final_fall_ratio: float | None = None
    very_long_pause_count: int = 0
    hesitations: tuple[TimedText, ...] = ()
    hesitation_per_100_words: float | None = None
    declarative_end_count: int = 0
    baseline: dict[str, Any] | None = None
    transcript_filler_count: int = 0
    hidden_filler_count: int = 0
    hidden_fillers: tuple[dict[str, Any], ...] = ()
    creak: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the report's ``delivery`` object."""
        return {
            "words_per_minute": _round(self.words_per_minute, 1),
            "articulation_wpm": _round(self.articulation_wpm, 1),
            "response_latency_s": _round(self.response_latency_s, 2),
            "pauses": [p.to_dict() for p in self.pauses],
            "long_pause_count": self.long_pause_count,
            "filler_count": self.filler_count,
            "filler_per_100_words": _round(self.filler_per_100_words, 2),
            "hedge_per_100_words": _round(self.hedge_per_100_words, 2),
            "pitch": self.pitch,
            "phrase_ends": list(self.phrase_ends),
            "uptalk_ratio": _round(self.uptalk_ratio, 3),
            "loudness": self.loudness,
            "enough_speech": self.enough_speech,
            "speech_s": round(self.speech_s, 2),
            "speech_span_s": round(self.speech_span_s, 2),
            "word_count": self.word_count,
            "fillers": [f.to_dict() for f in self.fillers],
            "hedges": [h.to_dict() for h in self.hedges],
            "final_fall_ratio": _round(self.final_fall_ratio, 3),
            "very_long_pause_count": self.very_long_pause_count,
            "hesitations": [h.to_dict() for h in self.hesitations],
            "hesitation_per_100_words": _round(self.hesitation_per_100_words, 2),
            "declarative_end_count": self.declarative_end_count,
            "baseline": self.baseline,
            "transcript_filler_count": self.transcript_filler_count,
            "hidden_filler_count": self.hidden_filler_count,
            "hidden_fillers": list(self.hidden_fillers),
            "creak": self.creak,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Delivery:
        """Rebuild from :meth:`to_dict` output."""
        return cls(
            words_per_minute=data.get("words_per_minute"),
            articulation_wpm=data.get("articulation_wpm"),
            response_latency_s=data.get("response_latency_s"),
            pauses=tuple(Pause(p["start_s"], p["end_s"]) for p in data.get("pauses", ())),
            long_pause_count=int(data.get("long_pause_count", 0)),
            filler_count=int(data.get("filler_count", 0)),
            filler_per_100_words=data.get("filler_per_100_words"),
            hedge_per_100_words=data.get("hedge_per_100_words"),
            speech_s=float(data.get("speech_s", 0.0)),
            speech_span_s=float(data.get("speech_span_s", 0.0)),
            word_count=int(data.get("word_count", 0)),
            fillers=tuple(TimedText.from_dict(f) for f in data.get("fillers", ())),
            hedges=tuple(TimedText.from_dict(h) for h in data.get("hedges", ())),
            enough_speech=bool(data.get("enough_speech", False)),
            pitch=data.get("pitch"),
            phrase_ends=tuple(data.get("phrase_ends", ())),
            uptalk_ratio=data.get("uptalk_ratio"),
            loudness=data.get("loudness"),
            final_fall_ratio=data.get("final_fall_ratio"),
            very_long_pause_count=int(data.get("very_long_pause_count", 0)),
            hesitations=tuple(TimedText.from_dict(h) for h in data.get("hesitations", ())),
            hesitation_per_100_words=data.get("hesitation_per_100_words"),
            declarative_end_count=int(data.get("declarative_end_count", 0)),
            baseline=data.get("baseline"),
            transcript_filler_count=int(data.get("transcript_filler_count",
                                                 data.get("filler_count", 0))),
            hidden_filler_count=int(data.get("hidden_filler_count", 0)),
            hidden_fillers=tuple(data.get("hidden_fillers", ())),
            creak=data.get("creak"),
        )


def measure_delivery(recording: Recording, transcript: Transcript, *,
                     options: DeliveryOptions | None = None,
                     activity: SpeechActivity | None = None,
                     baseline: Baseline | None = None) -> Delivery:
    """Measure how an answer was said.

    Parameters
    ----------
    recording : Recording
        The answer's audio (16 kHz mono).
    transcript : Transcript
        Its transcript with word timings.
    options : DeliveryOptions, optional
        Thresholds and detector settings.
    activity : SpeechActivity, optional
        Precomputed speech activity (computed here when not given).
    baseline : Baseline, optional
        The user's usual pitch and level from earlier answers
        (:func:`voice_coach.prosody.baseline.build_baseline`).

    Returns
    -------
    Delivery
        Rates, pauses, latency, fillers and hedges. Values that need speech are None when
        there is none.
    """
    opts = options or DeliveryOptions()
    if activity is None:
        activity = detect_speech_activity(recording.samples, recording.sample_rate,
                                          options=opts.pauses)
    words = count_words(transcript.text)
    onset, offset = activity.onset_s, activity.offset_s
    if onset is None and transcript.words:
        onset, offset = transcript.words[0].start_s, transcript.words[-1].end_s
    span_s = (offset - onset) if onset is not None and offset is not None else 0.0
    speech_s = activity.speech_s if activity.spans else span_s
    pauses = activity.pauses

    filler_spans = find_fillers(transcript.text)
    hedge_spans = find_hedges(transcript.text)

    def timed(spans) -> tuple[TimedText, ...]:
        return tuple(TimedText(s.text, transcript.time_at_char(s.start_char)) for s in spans)

    hesitations = _hesitations(transcript, pauses)
    prosody = (_measure_prosody(recording, transcript, activity, opts, baseline)
               if opts.measure_prosody else {})
    hidden = len(prosody.get("hidden_fillers", ()))
    filler_count = len(filler_spans) + hidden
    return Delivery(
        words_per_minute=words / (span_s / 60.0) if span_s > 0 and words else None,
        articulation_wpm=words / (speech_s / 60.0) if speech_s > 0 and words else None,
        response_latency_s=onset,
        pauses=pauses,
        long_pause_count=sum(1 for p in pauses if p.duration_s >= opts.long_pause_s),
        filler_count=filler_count,
        filler_per_100_words=100.0 * filler_count / words if words else None,
        transcript_filler_count=len(filler_spans),
        hidden_filler_count=hidden,
        hedge_per_100_words=100.0 * hedge_weight(hedge_spans) / words if words else None,
        speech_s=speech_s,
        speech_span_s=span_s,
        word_count=words,
        fillers=timed(filler_spans),
        hedges=timed(hedge_spans),
        enough_speech=speech_s >= opts.min_speech_s,
        very_long_pause_count=sum(1 for p in pauses if p.duration_s >= VERY_LONG_PAUSE_S),
        hesitations=hesitations,
        hesitation_per_100_words=100.0 * len(hesitations) / words if words else None,
        baseline=None if baseline is None else baseline.to_dict(),
        **prosody,
    )


def _hesitations(transcript: Transcript, pauses: tuple[Pause, ...]) -> tuple[TimedText, ...]:
    """Pauses that fall inside a clause (no punctuation before, no conjunction after)."""
    words = transcript.words
    if len(words) < 2:
        return ()
    out: list[TimedText] = []
    for p in pauses:
        if p.duration_s < HESITATION_PAUSE_S:
            continue
        # The word before the pause: the last one starting before it (Whisper stretches
        # word ends into silences, so word starts are the safer anchor).
        before = [i for i, w in enumerate(words) if w.start_s < p.start_s + 0.05]
        if not before or before[-1] + 1 >= len(words):
            continue
        i = before[-1]
        prev_text, next_text = words[i].text.strip(), words[i + 1].text.strip()
        if prev_text[-1:] in ".,;:!?" or next_text.lower().strip(".,;:!?") in _CLAUSE_OPENERS:
            continue
        out.append(TimedText(f"{prev_text} … {next_text}", p.start_s))
    return tuple(out)


def _measure_prosody(recording: Recording, transcript: Transcript, activity: SpeechActivity,
                     opts: DeliveryOptions, baseline: Baseline | None) -> dict[str, Any]:
    """Pitch, phrase ends and loudness (the expensive part: see benchmarks/bench_prosody.py)."""
    import numpy as np

    from voice_coach.prosody.hidden_fillers import detect_hidden_fillers
    from voice_coach.prosody.loudness import measure_loudness
    from voice_coach.prosody.phrase_ends import (
        count_unmeasured,
        find_phrase_ends,
        summarize_phrase_ends,
    )
    from voice_coach.prosody.pitch import summarize_pitch, track_pitch
    from voice_coach.prosody.voice_quality import measure_creak

    if not activity.spans:
        return {}
    track = track_pitch(recording.samples, recording.sample_rate, options=opts.pitch)
    mask = np.zeros(track.times_s.size, dtype=bool)
    for start, end in activity.spans:
        mask |= (track.times_s >= start) & (track.times_s <= end)
    base_f0 = baseline.median_f0_hz if baseline is not None else None
    summary = summarize_pitch(track, baseline_median_hz=base_f0, mask=mask)
    ends = find_phrase_ends(transcript.words, activity.pauses, track, reference_hz=base_f0,
                            options=opts.phrase_ends)
    ends_summary = summarize_phrase_ends(
        ends, unmeasured_count=count_unmeasured(transcript.words, activity.pauses, ends,
                                                opts.phrase_ends))
    loud = measure_loudness(track.level_db, track.hop_s, activity.spans, ends,
                            baseline_db=baseline.mean_db if baseline is not None else None)
    hidden = (detect_hidden_fillers(recording.samples, recording.sample_rate, track,
                                    transcript.words, spans=activity.spans,
                                    reference_hz=summary.median_hz if summary else None,
                                    options=opts.hidden_fillers)
              if opts.detect_hidden_fillers else ())
    creak = measure_creak(recording.samples, recording.sample_rate, track,
                          [e.end_s for e in ends], reference_hz=base_f0 or (
                              summary.median_hz if summary else None))
    return {
        "hidden_fillers": tuple(h.to_dict() for h in hidden),
        "creak": None if creak is None else creak.to_dict(),
        "pitch": None if summary is None else summary.to_dict(),
        "phrase_ends": tuple(e.to_dict() for e in ends),
        "uptalk_ratio": ends_summary.uptalk_ratio,
        "final_fall_ratio": ends_summary.final_fall_ratio,
        "declarative_end_count": ends_summary.declarative_count,
        "loudness": None if loud is None else loud.to_dict(),
    }


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(float(value), digits)
