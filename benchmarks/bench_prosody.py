"""Benchmark the prosody stage: speed against transcription and agreement with librosa.pyin.

Prints, over the clips of ``../shared/speech`` (audio/ and the extras' .ogg clips):

* prosody / transcription time ratio (target <= 0.1: ~0.007 x real time);
* tracker speed vs ``librosa.pyin`` at its documented default range (fmin=C2, fmax=C7,
  resolution 0.1, frame 1024 / hop 160 at 16 kHz);
* per-clip median-F0 error and voicing agreement against that pyin, both raw and with pyin's
  floor-pinned frames (F0 within 6 % of C2, which pyin's Viterbi keeps "voiced" in low-energy
  stretches) counted as unvoiced.

Run: ``.venv/bin/python benchmarks/bench_prosody.py [--no-transcribe] [--limit N]``.
pyin references are cached in ``~/.cache/voice-coach/bench-pyin`` (about 2 minutes to build
on 2 cores).
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SPEECH = ROOT.parent / "shared" / "speech"
CACHE = Path.home() / ".cache" / "voice-coach" / "bench-pyin"


def clips(limit: int | None) -> list[Path]:
    with open(SPEECH / "manifest.csv", newline="") as fh:
        files = [SPEECH / row["file"] for row in csv.DictReader(fh)]
    files += sorted((SPEECH / "extras").glob("*.ogg"))
    return files[:limit] if limit else files


def best_of(fn, n: int = 3) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(n):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def pyin_reference(path: Path, samples: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    from voice_coach import bench

    CACHE.mkdir(parents=True, exist_ok=True)
    cached = CACHE / (path.name + ".npz")
    if cached.exists():
        d = np.load(cached)
        return d["f0"], d["voiced"], float(d["seconds"])
    f0, voiced, seconds = bench.pyin_reference(samples)
    np.savez(cached, f0=f0, voiced=voiced, seconds=seconds)
    return f0, voiced, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-transcribe", action="store_true",
                        help="skip the transcription timing (and the prosody ratio)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N clips")
    args = parser.parse_args()
    if not SPEECH.is_dir():
        raise SystemExit(f"{SPEECH} not found")

    from voice_coach.audio import load_audio
    from voice_coach.bench import compare_pitch
    from voice_coach.prosody import measure_delivery
    from voice_coach.prosody.pitch import track_pitch

    transcriber = None
    if not args.no_transcribe:
        from voice_coach.transcription import load_transcriber

        transcriber = load_transcriber(preload=True)
    warm = load_audio(clips(1)[0])
    track_pitch(warm.samples, 16000)

    rows = []
    tot = {"audio": 0.0, "track": 0.0, "pyin": 0.0, "prosody": 0.0, "asr": 0.0}
    print(f"{'clip':40s} {'dur':>5s} {'agree':>6s} {'agree*':>6s} {'medErr':>7s} "
          f"{'medErr*':>7s} {'GPE':>5s} {'x_pyin':>7s}")
    for path in clips(args.limit):
        rec = load_audio(path)
        x = rec.samples
        t_track, _ = best_of(lambda x=x: track_pitch(x, 16000))
        ref_f0, ref_v, t_pyin = pyin_reference(path, x)
        c = compare_pitch(x, (ref_f0, ref_v, t_pyin))
        agree, agree_c = c["agreement"], c["agreement_clean"]
        err, err_c, gpe = c["median_error"], c["median_error_clean"], c["gross_error"]
        tot["audio"] += rec.duration_s
        tot["track"] += t_track
        tot["pyin"] += t_pyin
        if transcriber is not None:
            t = time.perf_counter()
            transcript = transcriber.transcribe(rec)
            tot["asr"] += time.perf_counter() - t
            t_pros, _ = best_of(lambda rec=rec, tr=transcript: measure_delivery(rec, tr))
            tot["prosody"] += t_pros
        rows.append((agree, agree_c, err, err_c, gpe, rec.duration_s))
        print(f"{path.name[:40]:40s} {rec.duration_s:5.1f} {agree:6.3f} {agree_c:6.3f} "
              f"{err:+7.3f} {err_c:+7.3f} {gpe:5.3f} {t_pyin / t_track:7.1f}")

    a = np.array(rows, dtype=float)
    w = a[:, 5]
    print()
    print(f"clips: {len(rows)}, audio: {tot['audio']:.1f} s")
    print(f"tracker: {tot['track']:.3f} s = {tot['track'] / tot['audio']:.4f} x real time")
    print(f"pyin (C2-C7): {tot['pyin']:.1f} s = {tot['pyin'] / tot['audio']:.3f} x real time")
    print(f"tracker speed vs pyin: {tot['pyin'] / tot['track']:.0f}x faster")
    for label, col in (("raw pyin voicing", 0), ("pyin floor frames unvoiced", 1)):
        weighted = np.sum(a[:, col] * w) / w.sum()
        print(f"voicing agreement ({label}): duration-weighted {weighted:.3f}, "
              f"mean {np.mean(a[:, col]):.3f}, min {np.min(a[:, col]):.3f}, "
              f">=0.90 on {int(np.sum(a[:, col] >= 0.9))}/{len(a)} clips")
    for label, col in (("raw pyin", 2), ("pyin floor frames excluded", 3)):
        e = np.abs(a[:, col])
        print(f"median-F0 error ({label}): median {np.nanmedian(e):.3f}, "
              f"within 3% on {int(np.sum(e <= 0.03))}/{len(a)} clips")
    print(f"gross pitch error (>20 %) on frames both call voiced: mean {np.nanmean(a[:, 4]):.3f}")
    if tot["asr"] > 0:
        print(f"transcription (tiny.en int8): {tot['asr']:.2f} s = "
              f"{tot['asr'] / tot['audio']:.4f} x real time")
        print(f"prosody stage (measure_delivery): {tot['prosody']:.3f} s = "
              f"{tot['prosody'] / tot['audio']:.4f} x real time")
        print(f"prosody / transcription time ratio: {tot['prosody'] / tot['asr']:.3f} "
              "(target <= 0.1)")


if __name__ == "__main__":
    main()
