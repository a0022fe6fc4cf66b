"""Property-based tests (hypothesis) of the audio loader and the text checks on arbitrary input.

Each property is bounded in examples and per-example time, so the whole file runs in well
under a minute on two cores. What they state:

* ``load_audio`` on any bytes returns a valid Recording or raises an AudioError subclass;
  on any float array written as WAV or FLAC at 1 Hz-200 kHz with 1-8 channels, a returned
  Recording is 16 kHz mono finite float32 of the file's duration.
* The content checks, the scores and the lexicon never raise on any text, give exactly the
  eight check ids, evidence whose offsets index the text, scores in 0..100 or None, and a
  report that survives ``to_dict``/``from_dict``.
* ``analyze_text`` raises only InputTextError (empty or oversized text), and otherwise
  returns a report whose JSON round-trips.
"""

from __future__ import annotations

import io
import json
import math
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from hypothesis import HealthCheck, assume, event, example, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from voice_coach.audio import Recording, load_audio
from voice_coach.config import AudioOptions
from voice_coach.content import MAX_ANSWER_CHARS, ContentReport, check_content, score_content
from voice_coach.errors import AudioError, InputTextError
from voice_coach.lexicon import find_fillers, find_hedges
from voice_coach.pipeline import MAX_TEXT_CHARS, AnswerAnalysis, analyze_text
from voice_coach.questions import CHECK_IDS, get_question, load_questions

#: Short minimum so that short random arrays reach the resampler and the checks on output.
SHORT = AudioOptions(min_duration_s=0.001, max_duration_s=60.0)

AUDIO_SETTINGS = settings(max_examples=300, deadline=5000,
                          suppress_health_check=[HealthCheck.too_slow,
                                                 HealthCheck.data_too_large])
TEXT_SETTINGS = settings(max_examples=150, deadline=5000,
                         suppress_health_check=[HealthCheck.too_slow])


def _check_recording(rec: Recording) -> None:
    assert isinstance(rec, Recording)
    assert rec.sample_rate == 16000
    assert rec.samples.dtype == np.float32
    assert rec.samples.ndim == 1 and rec.samples.shape[0] > 0
    assert np.isfinite(rec.samples).all()
    assert float(np.abs(rec.samples).max()) <= 1.0
    assert rec.duration_s == rec.samples.shape[0] / 16000


# ------------------------------------------------------------------------------ audio

#: Starts of real containers, so that random tails reach the parsers behind the magic bytes.
_MAGIC = st.sampled_from([b"", b"RIFF", b"RIFF\x24\x00\x00\x00WAVEfmt ", b"fLaC", b"OggS",
                          b"ID3\x03\x00", b"\xff\xfb", b"\x1aE\xdf\xa3", b"\x00\x00\x00 ftyp"])


def _valid_wav_prefix() -> bytes:
    buffer = io.BytesIO()
    t = np.arange(16000) / 16000
    sf.write(buffer, (0.3 * np.sin(2 * np.pi * 220 * t)).astype(np.float32), 16000,
             format="WAV", subtype="PCM_16")
    return buffer.getvalue()


_WAV = _valid_wav_prefix()


@AUDIO_SETTINGS
@given(head=_MAGIC, body=st.binary(max_size=4096))
@example(head=b"", body=b"")
@example(head=b"", body=_WAV[:44])  # a header and no samples
@example(head=b"", body=_WAV[:1000])  # truncated
def test_load_audio_on_arbitrary_bytes_returns_a_recording_or_an_audio_error(head, body):
    try:
        rec = load_audio(head + body, options=SHORT, name="fuzz.wav")
    except AudioError as error:
        event(type(error).__name__)
        assert str(error) and "\n" not in str(error)
        return
    event("recording")
    _check_recording(rec)


@settings(max_examples=100, deadline=5000, suppress_health_check=[HealthCheck.too_slow])
@given(head=_MAGIC, body=st.binary(max_size=2048),
       suffix=st.sampled_from([".wav", ".mp3", ".flac", ".ogg", ".m4a", ".txt", ""]))
@example(head=b"", body=_WAV[:200], suffix=".wav")
def test_load_audio_on_arbitrary_files_returns_a_recording_or_an_audio_error(head, body,
                                                                              suffix):
    """The path branch: the header peek and the file read, with any name ending."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"answer{suffix}"
        path.write_bytes(head + body)
        try:
            rec = load_audio(path, options=SHORT)
        except AudioError as error:
            event(type(error).__name__)
            assert "\n" not in str(error)
            return
    event("recording")
    _check_recording(rec)


@AUDIO_SETTINGS
@given(cut=st.integers(0, len(_WAV)), flip=st.lists(st.tuples(st.integers(0, len(_WAV) - 1),
                                                              st.integers(0, 255)),
                                                    max_size=8))
def test_load_audio_on_damaged_wav_returns_a_recording_or_an_audio_error(cut, flip):
    """A real WAV cut short and with bytes overwritten, as a crash or a bad disk leaves it."""
    data = bytearray(_WAV[:cut])
    for pos, value in flip:
        if pos < len(data):
            data[pos] = value
    try:
        rec = load_audio(bytes(data), options=SHORT)
    except AudioError as error:
        event(type(error).__name__)
        return
    event("recording")
    _check_recording(rec)


_FLOATS = st.floats(width=32, allow_nan=True, allow_infinity=True)
_SUBTYPES = {"WAV": ("FLOAT", "PCM_16", "PCM_24", "PCM_U8", "DOUBLE"),
             "FLAC": ("PCM_16", "PCM_24", "PCM_S8")}


@st.composite
def _audio_files(draw):
    fmt = draw(st.sampled_from(sorted(_SUBTYPES)))
    subtype = draw(st.sampled_from(_SUBTYPES[fmt]))
    rate = draw(st.integers(1, 200_000))
    channels = draw(st.integers(1, 8))
    # Up to 2 s, and at most ~64k values in all, to stay quick at 200 kHz and 8 channels.
    frames = draw(st.integers(0, min(2 * rate, 65_536 // channels)))
    fill = draw(st.one_of(st.just(None), _FLOATS))
    if fill is None:
        data = draw(arrays(np.float32, (frames, channels),
                           elements=st.floats(-1.5, 1.5, width=32)))
    else:
        data = np.full((frames, channels), fill, dtype=np.float32)
        if frames and draw(st.booleans()):  # one odd value somewhere in a plain signal
            data[:] = np.sin(np.arange(frames) / 7.0)[:, None].astype(np.float32) * 0.5
            data[draw(st.integers(0, frames - 1)), draw(st.integers(0, channels - 1))] = fill
    return fmt, subtype, rate, channels, data


def _sine_with(value: float, channels: int = 1, rate: int = 16000) -> np.ndarray:
    data = np.repeat((0.5 * np.sin(np.arange(rate) / 7.0))[:, None], channels, axis=1)
    data[rate // 2, channels - 1] = value
    return data.astype(np.float32)


@AUDIO_SETTINGS
@given(spec=_audio_files())
@example(spec=("WAV", "FLOAT", 1, 1, np.array([[8.8856286e36]], dtype=np.float32)))
@example(spec=("WAV", "FLOAT", 44100, 2, _sine_with(float("nan"), 2, 44100)))
@example(spec=("WAV", "FLOAT", 16000, 6, _sine_with(float("inf"), 6)))
@example(spec=("WAV", "FLOAT", 16000, 1, _sine_with(3.0e38)))
def test_load_audio_on_arbitrary_signals_gives_16k_mono_finite_of_the_right_length(spec):
    fmt, subtype, rate, channels, data = spec
    buffer = io.BytesIO()
    try:
        sf.write(buffer, data, rate, format=fmt, subtype=subtype)
    except (sf.LibsndfileError, ValueError, RuntimeError, AssertionError):
        assume(False)  # libsndfile cannot write this combination (FLAC above 655 kHz, ...)
    encoded = buffer.getvalue()
    try:
        rec = load_audio(encoded, options=SHORT, name=f"signal.{fmt.lower()}")
    except AudioError as error:
        event(type(error).__name__)
        assert "\n" not in str(error)
        finite = bool(np.isfinite(data).all())
        # A clean signal long enough is refused only for being too short (or empty).
        if finite and data.shape[0] / rate >= 0.01:
            pytest.fail(f"{fmt}/{subtype} {rate} Hz x{channels}, {data.shape[0]} frames, "
                        f"was refused: {error}")
        return
    event("recording")
    _check_recording(rec)
    assert rec.original_channels == channels
    assert rec.original_sample_rate == rate
    expected_s = data.shape[0] / rate
    # The resampler rounds the length to whole output samples.
    assert math.isclose(rec.duration_s, expected_s, abs_tol=2 / 16000 + 1 / rate)


# ------------------------------------------------------------------------------ text

_QUESTIONS = st.one_of(st.none(), st.sampled_from([q.id for q in load_questions()]))
#: Unicode text with interview-like words mixed in, so that the checks' patterns are reached.
_WORDS = st.sampled_from([
    "I", "we", "led", "increased", "sales", "by", "20%", "$3M", "um", "uh", "like", "you know",
    "I think", "maybe", "sort of", "sorry", "please", "give me a chance", "I will", "promise",
    "your team", "your customers", "learn", "grow", "salary", "benefits", "passion", "?", ".",
    ",", "!", "—", "’", "don't", "not", "if", "would", "I'm", "really really", "right?",
    "\n", "  ", "🚀", "👩‍💻", "שלום", "مرحبا", "\u202e", "\u200f", "\u0301", "İ", "ß", "ﬁ",
])
_TEXT = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(_WORDS, st.text(max_size=5)), max_size=80).map(" ".join),
)


def _check_spans(text: str, spans) -> None:
    for span in spans:
        assert 0 <= span.start_char <= span.end_char <= len(text)
        assert text[span.start_char:span.end_char] == span.text


@TEXT_SETTINGS
@given(text=_TEXT)
@example(text="")
@example(text="ǰ" * 10)  # a letter whose upper case is longer than itself
@example(text="İ İ ß ﬁ İncreased sales by 20% — um, I think, sorry")
def test_lexicon_spans_index_the_text(text):
    _check_spans(text, find_fillers(text))
    _check_spans(text, find_hedges(text))


@TEXT_SETTINGS
@given(text=_TEXT, question_id=_QUESTIONS)
@example(text="", question_id=None)
@example(text="İİİ I increased sales by 20% İİİ for your team.", question_id="why-hire-you")
def test_content_checks_hold_on_arbitrary_text(text, question_id):
    question = None if question_id is None else get_question(question_id)
    report = check_content(text, question=question)
    assert tuple(c.id for c in report.checks) == CHECK_IDS
    for check in report.checks:
        assert check.detected or not check.evidence  # "empty when not detected"
        for evidence in check.evidence:
            assert 0 <= evidence.start_char <= evidence.end_char <= len(text)
            assert text[evidence.start_char:evidence.end_char] == evidence.text
        assert isinstance(check.advice, str)
    if report.rewrite is not None:
        r = report.rewrite
        assert 0 <= r.start_char <= r.end_char <= len(text)
        assert text[r.start_char:r.end_char] == r.original
    scores = score_content(report, question=question)
    for value in (scores.results_framing, scores.hiring_manager_focus, scores.overall):
        assert value is None or (isinstance(value, int) and 0 <= value <= 100)
    as_dict = report.to_dict()
    assert ContentReport.from_dict(json.loads(json.dumps(as_dict))) == report


@settings(max_examples=40, deadline=10_000, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(_TEXT, st.text(alphabet=st.sampled_from(" \t\n\r\x00\u3000\u00a0"),
                                     max_size=20)),
       question_id=_QUESTIONS)
@example(text="\x00\x00  \n", question_id=None)
@example(text="🚀 " * 10, question_id="why-hire-you")
def test_analyze_text_raises_only_input_text_error_and_round_trips(text, question_id):
    question = None if question_id is None else get_question(question_id)
    try:
        analysis = analyze_text(text, question)
    except InputTextError as error:
        assert "\n" not in str(error)
        cleaned = text.replace("\x00", "").strip()
        assert not cleaned or len(cleaned) > MAX_TEXT_CHARS
        return
    report = analysis.to_dict()
    again = json.loads(json.dumps(report, ensure_ascii=False))
    assert again == report
    assert AnswerAnalysis.from_dict(again).to_dict() == report
    assert report["audio"] is None and report["delivery"] is None
    assert [c["id"] for c in report["content"]["checks"]] == list(CHECK_IDS)


def test_typed_text_limit_and_content_limit_are_the_same():
    """A typed answer that passes validation is never refused by the checks after saving."""
    assert MAX_TEXT_CHARS == MAX_ANSWER_CHARS
    text = ("I led the team and cut costs by 12% for our customers. " * 1000)[:MAX_TEXT_CHARS]
    report = analyze_text(text).to_dict()
    assert report["content"]["word_count"] > 3000
    with pytest.raises(InputTextError, match="30,000"):
        analyze_text(text + "x")


@TEXT_SETTINGS
@given(text=st.one_of(_TEXT, st.lists(_WORDS, max_size=1500).map(" ".join)))
@example(text="a " * 3000)
@example(text="x" * 5000)
def test_sentences_are_ordered_slices_of_bounded_length(text):
    from voice_coach.content._text import MAX_SENTENCE_CHARS, sentences

    end = 0
    for sentence in sentences(text):
        assert end <= sentence.start < sentence.end <= len(text)
        assert text[sentence.start:sentence.end] == sentence.text
        assert sentence.text.strip() and len(sentence.text) <= MAX_SENTENCE_CHARS
        end = sentence.end


@pytest.mark.parametrize("phrase", ["your team ", "salary ", "I increased sales by 20% ",
                                    "for you and your team ", "free lunch "])
def test_long_answers_split_into_sentences_once(phrase, monkeypatch):
    """A 30,000-character answer with no full stop: the checks used to split it into
    sentences once per match (3,000 times, 51 s for "your team"); now once per text."""
    from voice_coach.content import _text

    calls = []
    real = _text._split_sentences
    monkeypatch.setattr(_text, "_split_sentences", lambda t: calls.append(1) or real(t))
    _text.sentences.cache_clear()
    text = (phrase * (MAX_ANSWER_CHARS // len(phrase) + 1))[:MAX_ANSWER_CHARS]
    report = check_content(text, question=get_question("why-hire-you"))
    assert tuple(c.id for c in report.checks) == CHECK_IDS
    assert len(calls) <= 2


@settings(max_examples=30, deadline=10_000, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXT, question_text=st.one_of(st.none(), st.text(min_size=1, max_size=80)))
def test_typed_answer_round_trips_through_the_history_file(text, question_text):
    """Whatever the text, the history gives back exactly what was saved."""
    import tempfile

    from voice_coach.pipeline import validate_text
    from voice_coach.questions import custom_question
    from voice_coach.storage import AnswerStore

    try:
        cleaned = validate_text(text)
    except InputTextError:
        return
    question = (custom_question(question_text)
                if question_text and question_text.strip() else None)
    with tempfile.TemporaryDirectory() as folder:
        store = AnswerStore(folder)
        answer_id = store.record_text(cleaned, question=question)
        analysis = analyze_text(cleaned, question, answer_id=answer_id)
        store.save_analysis(answer_id, analysis)
        answer = store.get(answer_id)
        assert answer.text == cleaned and answer.status == "analyzed"
        assert answer.analysis == json.loads(json.dumps(analysis.to_dict()))
        assert (answer.question is None) == (question is None)
