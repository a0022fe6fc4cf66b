"""Transcription settings by word error rate and speed: compute type, threads, batching.

Completes the study of ``scripts/eval_asr.py`` (prompts, beam size, VAD) with the settings
that only change speed, or speed and accuracy together. Each setting transcribes every clip
of ``../shared/speech`` and the 2-minute benchmark answer; settings are interleaved clip by
clip so machine load hits them alike. Prints WER (fair normaliser) and the real-time factor.

Run: ``.venv/bin/python scripts/eval_asr_speed.py [--passes 1]``.
"""

from __future__ import annotations

import argparse
import csv
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

SPEECH = Path(__file__).resolve().parents[1].parent / "shared" / "speech"


@dataclass(frozen=True)
class Setting:
    name: str
    compute_type: str = "int8"
    cpu_threads: int = 0
    batch_size: int = 0  # 0: the sequential pipeline the product uses


SETTINGS = (
    Setting("int8, auto threads (product)"),
    Setting("int8, 1 thread", cpu_threads=1),
    Setting("float32", compute_type="float32"),
    Setting("int8, batched x4", batch_size=4),
    Setting("int8, batched x8", batch_size=8),
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=1)
    args = parser.parse_args()
    from faster_whisper import BatchedInferencePipeline, WhisperModel

    from voice_coach.audio import load_audio
    from voice_coach.bench import build_answer
    from voice_coach.config import TranscriptionOptions
    from voice_coach.evaluation import word_error_rate
    from voice_coach.transcription import _decode_settings, default_model_path

    rows = list(csv.DictReader((SPEECH / "manifest.csv").open(newline="")))
    clips = [(load_audio(SPEECH / r["file"]).samples, r["reference_transcript"]) for r in rows]
    answer = build_answer(120.0)
    decode = _decode_settings(TranscriptionOptions())
    models = {}
    for s in SETTINGS:
        model = WhisperModel(str(default_model_path()), device="cpu",
                             compute_type=s.compute_type, cpu_threads=s.cpu_threads)
        models[s.name] = BatchedInferencePipeline(model) if s.batch_size else model

    def run(s: Setting, audio: np.ndarray) -> str:
        kwargs = dict(decode)
        if s.batch_size:
            kwargs["batch_size"] = s.batch_size
            kwargs.pop("condition_on_previous_text", None)
            kwargs.pop("hallucination_silence_threshold", None)
        segments, _ = models[s.name].transcribe(audio, **kwargs)
        return " ".join(seg.text for seg in segments)

    hyps = {s.name: [""] * len(clips) for s in SETTINGS}
    clip_s = dict.fromkeys(hyps, 0.0)
    answer_s = dict.fromkeys(hyps, 0.0)
    for _ in range(args.passes):
        for i, (audio, _ref) in enumerate(clips):
            for s in SETTINGS:
                started = time.perf_counter()
                hyps[s.name][i] = run(s, audio)
                clip_s[s.name] += time.perf_counter() - started
        for s in SETTINGS:
            started = time.perf_counter()
            run(s, answer)
            answer_s[s.name] += time.perf_counter() - started
    corpus_s = args.passes * sum(a.size for a, _ in clips) / 16000
    refs = [ref for _, ref in clips]
    base = SETTINGS[0].name
    print(f"{'setting':<30} {'WER':>6} {'RTF clips':>10} {'RTF 2-min':>10} {'vs product':>10}")
    for s in SETTINGS:
        wer = word_error_rate(refs, hyps[s.name]).wer
        rtf_answer = answer_s[s.name] / (args.passes * 120.0)
        print(f"{s.name:<30} {wer:>6.3f} {clip_s[s.name] / corpus_s:>10.3f} "
              f"{rtf_answer:>10.3f} {answer_s[s.name] / answer_s[base]:>10.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
