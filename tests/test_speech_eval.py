"""Word error rate and speed of the project's transcriber on real speech (../shared/speech).

The 30 clips (4.6 min) are transcribed once per session with the default
:class:`~voice_coach.config.TranscriptionOptions`, through ``load_audio`` exactly as the product
does. The figures are printed (run with ``-s`` to see them) and written up in ``docs/asr.md``;
the bounds below sit a margin above what was measured. Speed is printed, never asserted.
Skipped when the corpus is absent (a fresh clone).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from voice_coach.evaluation import count_fillers, normalize_text, word_error_rate

SPEECH_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "speech"

pytestmark = [
    pytest.mark.speech,
    pytest.mark.skipif(not (SPEECH_DIR / "manifest_detailed.json").is_file(),
                       reason="../shared/speech is absent"),
]

#: Measured corpus WER (normalised, fillers kept on both sides) was 0.113-0.136 across the
#: settings of docs/asr.md (0.131 through this path); the bound leaves room for the
#: temperature-fallback randomness and thread-count variation.
MAX_CORPUS_WER = 0.18
#: Measured WER on the 23 clips of style "read": 0.037-0.046; bound with margin.
MAX_READ_WER = 0.08
#: Hesitations ("um", "uh", "er") in the references of the conversational clips: 4. With
#: hotwords="Um, uh, hmm." 3 were kept (2-4 over runs); without a prompt none. At least half.
MIN_HESITATIONS_KEPT = 2


@dataclass(frozen=True)
class ClipResult:
    file: str
    style: str
    reference: str
    hypothesis: str
    audio_s: float
    transcribe_s: float


def _references(entry: dict) -> tuple[str, ...]:
    per_channel = [s["text"] for s in entry.get("segments", []) if "channel" in s]
    return tuple(per_channel) if per_channel else (entry["reference_transcript"],)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[ClipResult, ...]:
    import soundfile as sf

    from voice_coach.audio import load_audio
    from voice_coach.errors import NoSpeechError
    from voice_coach.transcription import FasterWhisperTranscriber

    transcriber = FasterWhisperTranscriber().load()
    tmp = tmp_path_factory.mktemp("channels")
    results = []
    for entry in json.loads((SPEECH_DIR / "manifest_detailed.json").read_text()):
        path = SPEECH_DIR / entry["file"]
        references = _references(entry)
        if len(references) > 1:  # one utterance per channel: transcribe each channel alone
            samples, rate = sf.read(path, dtype="float32", always_2d=True)
            sources = []
            for k in range(samples.shape[1]):
                channel_path = tmp / f"{path.stem}_ch{k}.wav"
                sf.write(channel_path, samples[:, k], rate)
                sources.append(channel_path)
        else:
            sources = [path]
        hypotheses = []
        audio_s = transcribe_s = 0.0
        for source in sources:
            recording = load_audio(source)
            start = time.perf_counter()
            try:
                hypotheses.append(transcriber.transcribe(recording).text)
            except NoSpeechError:
                hypotheses.append("")
            transcribe_s += time.perf_counter() - start
            audio_s += recording.duration_s
        results.append(ClipResult(entry["file"], entry.get("style", ""), " ".join(references),
                                  " ".join(hypotheses), audio_s, transcribe_s))
    return tuple(results)


def test_corpus_word_error_rate(corpus: tuple[ClipResult, ...]) -> None:
    refs = [c.reference for c in corpus]
    hyps = [c.hypothesis for c in corpus]
    result = word_error_rate(refs, hyps)
    no_fillers = word_error_rate(refs, hyps, drop_fillers=True)
    audio_s = sum(c.audio_s for c in corpus)
    transcribe_s = sum(c.transcribe_s for c in corpus)
    print(f"\ncorpus WER {result.wer:.3f} (S {result.substitutions} D {result.deletions} "
          f"I {result.insertions} / {result.reference_words} words; fillers excluded: "
          f"{no_fillers.wer:.3f}); real-time factor {transcribe_s / audio_s:.3f} "
          f"({transcribe_s:.1f} s for {audio_s:.1f} s of audio)")
    for clip in corpus:
        clip_wer = word_error_rate(clip.reference, clip.hypothesis)
        print(f"  {Path(clip.file).stem:<40} {clip_wer.wer:5.2f}")
    assert len(corpus) == 30
    assert result.reference_words > 600
    assert result.wer is not None
    assert result.wer <= MAX_CORPUS_WER


def test_read_speech_word_error_rate(corpus: tuple[ClipResult, ...]) -> None:
    read = [c for c in corpus if c.style == "read"]
    result = word_error_rate([c.reference for c in read], [c.hypothesis for c in read])
    print(f"\nread-speech WER {result.wer:.3f} on {len(read)} clips "
          f"({result.errors}/{result.reference_words})")
    assert len(read) >= 20
    assert result.wer is not None
    assert result.wer <= MAX_READ_WER


def test_no_fillers_invented_on_read_speech(corpus: tuple[ClipResult, ...]) -> None:
    clean = [c for c in corpus if c.style == "read" and count_fillers(c.reference) == 0]
    invented = {c.file: c.hypothesis for c in clean if count_fillers(c.hypothesis) > 0}
    assert len(clean) >= 20
    assert invented == {}


def test_filler_prompt_keeps_hesitations(corpus: tuple[ClipResult, ...]) -> None:
    from voice_coach.config import TranscriptionOptions

    options = TranscriptionOptions()
    if options.initial_prompt is None and options.hotwords is None:
        pytest.skip("the default options carry no filler prompt")

    def hesitations(text: str) -> int:
        return sum(1 for token in normalize_text(text).split() if token in {"um", "uh", "er"})

    conversational = [c for c in corpus if hesitations(c.reference) > 0]
    in_refs = sum(hesitations(c.reference) for c in conversational)
    kept = sum(hesitations(c.hypothesis) for c in conversational)
    print(f"\nhesitations kept: {kept} of {in_refs} in {len(conversational)} clips")
    assert in_refs >= 3
    assert kept >= MIN_HESITATIONS_KEPT
