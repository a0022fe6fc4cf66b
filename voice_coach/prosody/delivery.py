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

if TYPE_CHECKING:
    from voice_coach.audio import Recording
    from voice_coach.transcription import Transcript

__all__ = ["LONG_PAUSE_S", "MIN_SPEECH_FOR_DELIVERY_S", "Delivery", "DeliveryOptions",
           "TimedText", "measure_delivery"]

#: A silence of a second or more is "long": Jefferson's (1989) standard maximum, and the
#: boundary of the long-pause mode (Campione & Veronis 2002). PROSODY.md F3.
LONG_PAUSE_S = 1.0
#: Below this much speech, delivery is not judged (PROSODY.md section 6, scoring guidance).
MIN_SPEECH_FOR_DELIVERY_S = 20.0


@dataclass(frozen=True, slots=True)
class DeliveryOptions:
    """Settings of the delivery analysis."""

    pauses: PauseOptions = field(default_factory=PauseOptions)
    long_pause_s: float = LONG_PAUSE_S
    min_speech_s: float = MIN_SPEECH_FOR_DELIVERY_S


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
        Filled pauses in the transcript (a lower bound: Whisper drops many).
    filler_per_100_words, hedge_per_100_words : float or None
        Rates per 100 words; None without words.
    speech_s, speech_span_s : float
        Seconds of speech, and from the first onset to the last offset.
    word_count : int
        Words in the transcript.
    fillers, hedges : tuple of TimedText
        Each filler and hedge found, with when it was said.
    enough_speech : bool
        Whether there is enough speech (``MIN_SPEECH_FOR_DELIVERY_S``) to judge delivery.
    pitch, phrase_ends, uptalk_ratio, loudness
        Filled by the pitch and loudness analysis; None / empty until measured.
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

    @property
    def longest_pause_s(self) -> float | None:
        """Duration of the longest pause, or None without pauses."""
        return max((p.duration_s for p in self.pauses), default=None)

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
        )


def measure_delivery(recording: Recording, transcript: Transcript, *,
                     options: DeliveryOptions | None = None,
                     activity: SpeechActivity | None = None) -> Delivery:
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

    return Delivery(
        words_per_minute=words / (span_s / 60.0) if span_s > 0 and words else None,
        articulation_wpm=words / (speech_s / 60.0) if speech_s > 0 and words else None,
        response_latency_s=onset,
        pauses=pauses,
        long_pause_count=sum(1 for p in pauses if p.duration_s >= opts.long_pause_s),
        filler_count=len(filler_spans),
        filler_per_100_words=100.0 * len(filler_spans) / words if words else None,
        hedge_per_100_words=100.0 * hedge_weight(hedge_spans) / words if words else None,
        speech_s=speech_s,
        speech_span_s=span_s,
        word_count=words,
        fillers=timed(filler_spans),
        hedges=timed(hedge_spans),
        enough_speech=speech_s >= opts.min_speech_s,
    )


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(float(value), digits)
