"""Benchmark the whole analysis against bare transcription: ``python -m voice_coach.bench``.

For answers of 30 s, 2 min and 10 min built from real speech (``../shared/speech`` when it is
there, else the project's samples), each in a fresh process, it prints every stage's time,
the whole analysis's time, the real-time factor, the process's peak memory, and the time of
bare faster-whisper transcription of the same audio with the same model and settings,
measured in the same run. Ratios, not absolute times, are what to compare: these machines
are noisy.

Targets (issue "Fast feedback"): whole analysis <= 1.15 x bare transcription; the 10-minute
answer costs <= 5.5 x the 2-minute one; peak memory for 10 minutes <= 1.5 GB; the pitch
tracker >= 10 x faster than ``librosa.pyin`` at its documented default range, with median
F0 within 3 % and voicing agreement >= 90 %.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

__all__ = ["build_answer", "compare_pitch", "main", "pyin_reference"]

DEFAULT_SIZES_S: tuple[float, ...] = (30.0, 120.0, 600.0)
#: Silence put between the clips of a built answer (a natural pause between sentences).
GAP_S = 0.6
#: Length of the mix every built answer is cut from or repeats.
BASE_S = 120.0
TARGET_TOTAL_OVER_BARE = 1.15
TARGET_LONG_OVER_SHORT = 5.5
TARGET_PEAK_MB = 1536.0
TARGET_PITCH_SPEEDUP = 10.0


def _speech_sources() -> list[Path]:
    here = Path(__file__).resolve().parents[1]
    shared = here.parent / "shared" / "speech" / "audio"
    if shared.is_dir():
        files = sorted(p for p in shared.iterdir() if p.suffix in (".wav", ".flac", ".mp3"))
        if files:
            return files
    return sorted((here / "samples").glob("*.wav"))


def build_answer(duration_s: float) -> np.ndarray:
    """Build an answer of ``duration_s`` from real speech (16 kHz mono).

    A 2-minute base is made by joining the speech clips, each from a different voice, with
    short gaps; shorter answers are its beginning and longer ones repeat it, so every length
    has the same mix of voices and the cost ratio between lengths measures the code, not
    which clips happened to fall in.

    Returns
    -------
    numpy.ndarray, shape (round(duration_s * 16000),), float32
    """
    from voice_coach.audio import load_audio

    sources = _speech_sources()
    rng = np.random.default_rng(0)
    order = rng.permutation(len(sources))
    gap = np.zeros(int(GAP_S * 16000), dtype=np.float32)
    base_len = int(BASE_S * 16000)
    parts: list[np.ndarray] = []
    total = 0
    index = 0
    while total < base_len:
        clip = load_audio(sources[order[index % len(sources)]]).samples
        parts += [clip, gap]
        total += clip.size + gap.size
        index += 1
    base = np.concatenate(parts)[:base_len]
    target = int(duration_s * 16000)
    repeats = -(-target // base.size)
    return np.tile(base, repeats)[:target]


def _measure_one(duration_s: float, with_pitch: bool, repeat: int) -> dict[str, object]:
    """Run in a fresh process: analyse one built answer and transcribe it bare.

    Analysis and bare transcription alternate ``repeat`` times and the fastest run of each
    is kept: interference from other work on the machine only ever adds time.
    """
    import soundfile as sf

    from voice_coach.audio import load_audio
    from voice_coach.pipeline import analyze_answer
    from voice_coach.transcription import load_transcriber

    samples = build_answer(duration_s)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "answer.wav"
        sf.write(path, samples, 16000, subtype="PCM_16")
        started = time.perf_counter()
        transcriber = load_transcriber(preload=True)
        load_s = time.perf_counter() - started
        # Warm-up: the first analysis in a process imports librosa/scipy and compiles.
        warm = load_audio(path)
        first = analyze_answer(type(warm)(warm.samples[: 16000 * 20]), transcriber=transcriber)
        best: dict[str, float] | None = None
        bare_s = float("inf")
        bare_words = 0
        for _ in range(repeat):
            started = time.perf_counter()
            bare_words = transcriber.decode_only(warm)
            bare_s = min(bare_s, time.perf_counter() - started)
            recording = load_audio(path)
            analysis = analyze_answer(recording, transcriber=transcriber)
            if best is None or analysis.timings_s["total"] < best["total"]:
                best = dict(analysis.timings_s)
    result: dict[str, object] = {
        "duration_s": duration_s,
        "model_load_s": load_s,
        "first_analysis_s": first.timings_s["total"],
        "timings_s": best,
        "bare_transcribe_s": bare_s,
        "words": analysis.transcript.word_count,
        "bare_words": bare_words,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
    }
    if with_pitch:
        result["pitch"] = _compare_pitch_corpus()
    return result


#: librosa.pyin's documented default range, C2 to C7.
PYIN_FMIN_HZ, PYIN_FMAX_HZ = 65.406, 2093.0
#: pyin keeps low-energy stretches "voiced" at its floor; frames within this factor of C2 are
#: counted unvoiced in the "clean" figures (docs/prosody.md).
PYIN_FLOOR_FACTOR = 1.06


def pyin_reference(samples: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """``librosa.pyin`` at its default range, 64 ms frames every 10 ms: (f0, voiced, seconds)."""
    import librosa

    started = time.perf_counter()
    f0, voiced, _ = librosa.pyin(samples, sr=16000, fmin=PYIN_FMIN_HZ, fmax=PYIN_FMAX_HZ,
                                 frame_length=1024, hop_length=160)
    return f0, voiced, time.perf_counter() - started


def compare_pitch(samples: np.ndarray, reference: tuple[np.ndarray, np.ndarray, float]
                  | None = None) -> dict[str, float]:
    """Compare our tracker with ``librosa.pyin`` on one voice.

    Returns
    -------
    dict
        ``ours_s``, ``pyin_s``, ``agreement`` / ``agreement_clean`` (share of frames with
        the same voicing decision, raw / with pyin's floor-pinned frames unvoiced),
        ``median_error`` / ``median_error_clean`` (relative median-F0 difference) and
        ``gross_error`` (frames both call voiced that differ by over 20 %).
    """
    from voice_coach.prosody.pitch import track_pitch

    started = time.perf_counter()
    track = track_pitch(samples, 16000)
    ours_s = time.perf_counter() - started
    ref_f0, ref_voiced, pyin_s = reference or pyin_reference(samples)
    n = min(ref_voiced.size, track.voiced.size)
    ref_f0, ref_voiced, ours = ref_f0[:n], ref_voiced[:n], track.voiced[:n]
    clean = ref_voiced & (np.nan_to_num(ref_f0) >= PYIN_FMIN_HZ * PYIN_FLOOR_FACTOR)
    ours_median = float(np.median(track.f0_hz[:n][ours])) if ours.any() else float("nan")

    def error(mask: np.ndarray) -> float:
        return ours_median / float(np.nanmedian(ref_f0[mask])) - 1 if mask.any() else \
            float("nan")

    both = clean & ours
    gross = float(np.mean(np.abs(track.f0_hz[:n][both] / ref_f0[both] - 1) > 0.2)) \
        if both.any() else float("nan")
    return {"ours_s": ours_s, "pyin_s": pyin_s,
            "agreement": float(np.mean(ref_voiced == ours)),
            "agreement_clean": float(np.mean(clean == ours)),
            "median_error": error(ref_voiced), "median_error_clean": error(clean),
            "gross_error": gross}


def _compare_pitch_corpus() -> dict[str, float]:
    """Per clip (one voice each) over the speech sources; duration-weighted summary."""
    from voice_coach.audio import load_audio
    from voice_coach.prosody.pitch import track_pitch

    track_pitch(np.zeros(16000, dtype=np.float32), 16000)  # warm-up
    rows, weights = [], []
    for path in _speech_sources():
        samples = load_audio(path).samples
        rows.append(compare_pitch(samples))
        weights.append(samples.size / 16000)
    w = np.asarray(weights)

    def weighted(key: str) -> float:
        return float(np.sum(np.asarray([r[key] for r in rows]) * w) / w.sum())

    errors = np.abs([r["median_error_clean"] for r in rows])
    return {"clips": len(rows), "speedup": sum(r["pyin_s"] for r in rows)
            / sum(r["ours_s"] for r in rows),
            "agreement": weighted("agreement_clean"),
            "agreement_raw": weighted("agreement"),
            "median_within_3pct": int(np.sum(errors <= 0.03)),
            "median_error_median": float(np.nanmedian(errors))}


def _run_child(duration_s: float, with_pitch: bool, repeat: int) -> dict[str, object]:
    command = [sys.executable, "-m", "voice_coach.bench", "--child", str(duration_s),
               "--repeat", str(repeat)]
    if with_pitch:
        command.append("--pitch")
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"benchmark of {duration_s:g} s failed: {done.stderr.strip()[-500:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _verdict(ok: bool) -> str:
    return "meets" if ok else "MISSES"


def _report(results: list[dict[str, object]]) -> str:
    lines = []
    stages = ("decode", "transcribe", "prosody", "content", "score", "total")
    head = f"{'answer':>7} " + " ".join(f"{s:>10}" for s in stages) + \
        f" {'bare':>8} {'total/bare':>10} {'RTF':>6} {'peak MB':>8}"
    lines.append(head)
    for r in results:
        t = r["timings_s"]
        ratio = t["total"] / r["bare_transcribe_s"]
        lines.append(
            f"{r['duration_s']:>6.0f}s " + " ".join(f"{t.get(s, 0.0):>10.3f}" for s in stages)
            + f" {r['bare_transcribe_s']:>8.2f} {ratio:>10.3f}"
            f" {t['total'] / r['duration_s']:>6.3f} {r['peak_rss_mb']:>8.0f}")
    lines.append("")
    for r in results:
        t = r["timings_s"]
        ratio = t["total"] / r["bare_transcribe_s"]
        rest = (t["total"] - t["transcribe"]) / t["total"]
        lines.append(f"{r['duration_s']:>4.0f} s: analysis / bare transcription = {ratio:.3f} "
                     f"({_verdict(ratio <= TARGET_TOTAL_OVER_BARE)} <= "
                     f"{TARGET_TOTAL_OVER_BARE}); everything but transcription = {rest:.1%}; "
                     f"prosody / transcription = {t['prosody'] / t['transcribe']:.3f}; "
                     f"model load {r['model_load_s']:.2f} s and first-analysis warm-up "
                     f"{r['first_analysis_s']:.2f} s (once per process)")
    by_size = {r["duration_s"]: r for r in results}
    if 120.0 in by_size and 600.0 in by_size:
        growth = by_size[600.0]["timings_s"]["total"] / by_size[120.0]["timings_s"]["total"]
        grows_ok = _verdict(growth <= TARGET_LONG_OVER_SHORT)
        lines.append(f"10 min / 2 min cost = {growth:.2f} ({grows_ok} <= "
                     f"{TARGET_LONG_OVER_SHORT}; 5.0 is linear)")
        peak = by_size[600.0]["peak_rss_mb"]
        peak_ok = _verdict(peak <= TARGET_PEAK_MB)
        lines.append(f"peak memory, 10 min answer = {peak:.0f} MB ({peak_ok} <= "
                     f"{TARGET_PEAK_MB:.0f} MB)")
    for r in results:
        pitch = r.get("pitch")
        if not pitch:
            continue
        speed_ok = _verdict(pitch["speedup"] >= TARGET_PITCH_SPEEDUP)
        voicing_ok = _verdict(pitch["agreement"] >= 0.9)
        lines.append(
            f"pitch tracker vs librosa.pyin C2-C7, per clip over {pitch['clips']} voices: "
            f"{pitch['speedup']:.0f}x faster ({speed_ok} >= {TARGET_PITCH_SPEEDUP:.0f}x); "
            f"median F0 within 3% on {pitch['median_within_3pct']}/{pitch['clips']} clips "
            f"(median error {pitch['median_error_median']:.1%}); voicing agreement "
            f"{pitch['agreement']:.3f} duration-weighted ({voicing_ok} >= 0.90; raw pyin "
            f"voicing {pitch['agreement_raw']:.3f})")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print its table and ratios."""
    parser = argparse.ArgumentParser(prog="python -m voice_coach.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=",".join(f"{s:g}" for s in DEFAULT_SIZES_S),
                        help="answer lengths in seconds, comma-separated (default 30,120,600)")
    parser.add_argument("--no-pitch", action="store_true",
                        help="skip the pitch-tracker comparison with librosa.pyin")
    parser.add_argument("--repeat", type=int, default=2,
                        help="alternate analysis and bare transcription this many times and "
                        "keep the fastest of each (default 2)")
    parser.add_argument("--json", metavar="FILE", help="also write the raw results here")
    parser.add_argument("--child", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--pitch", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        print(json.dumps(_measure_one(args.child, args.pitch, max(args.repeat, 1))))
        return 0
    sizes = [float(s) for s in args.sizes.split(",") if s.strip()]
    print(f"speech from {_speech_sources()[0].parent}; each answer in a fresh process",
          flush=True)
    results = []
    for n, size in enumerate(sizes):
        results.append(_run_child(size, with_pitch=not args.no_pitch and n == 0,
                                  repeat=max(args.repeat, 1)))
        print(f"  measured {size:g} s", flush=True)
    print(_report(results))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
