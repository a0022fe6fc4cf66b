"""Batch throughput: answers per minute with 1 and 2 local Dask workers, and a projection.

Usage::

    .venv/bin/python benchmarks/bench_batch.py                 # samples/ x 2, workers 1 and 2
    .venv/bin/python benchmarks/bench_batch.py --repeat 4 --workers 1 2 4
    .venv/bin/python benchmarks/bench_batch.py --corpus ../shared/speech/audio

For each worker count it starts a real ``LocalCluster`` (processes, one thread each, one
CTranslate2 thread per worker, so a worker stands for a core), warms every worker up (model
loaded, one answer analysed), then times ``run_batch`` on a fresh results folder, so nothing
is reused. The figure is steady-state throughput: cluster start and model load are printed
apart.

The projection to N workers uses the parallel efficiency measured between 1 and the largest
worker count here, ``e = rate_w / (w * rate_1)``, as ``rate_N = N * rate_1 * e``: answers
are independent, so a cluster whose workers each have a core of their own scales linearly
up to the scheduler and the file server. On a shared or busy machine e is lower than a
dedicated cluster's, so the projection is conservative then. The load average is printed
because other work on the machine changes the figures.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _corpus(folder: Path, repeat: int, into: Path) -> list[Path]:
    from voice_coach.batch.discover import answer_kind

    clips = sorted(p for p in folder.iterdir() if answer_kind(p.name) == "spoken")
    if not clips:
        raise SystemExit(f"no audio files in {folder}")
    files = []
    for copy in range(repeat):
        for clip in clips:
            target = into / f"{clip.stem}-{copy}{clip.suffix}"
            shutil.copy(clip, target)
            files.append(target)
    return files


def _measure(workers: int, files: list[Path], work: Path, *,
             threads: int) -> dict[str, float]:
    import distributed

    from voice_coach.batch.discover import AnswerSource
    from voice_coach.batch.jobs import BatchSettings
    from voice_coach.batch.runner import run_batch
    from voice_coach.config import TranscriptionOptions

    settings = BatchSettings(transcription=TranscriptionOptions(cpu_threads=threads))
    answers = [AnswerSource(source=str(f), kind="spoken") for f in files]
    started = time.perf_counter()
    cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1,
                                       processes=True, dashboard_address="127.0.0.1:0")
    try:
        address = cluster.scheduler_address
        startup_s = time.perf_counter() - started
        warm = time.perf_counter()
        run_batch(answers[:workers], results_dir=work / f"warm-{workers}", settings=settings,
                  scheduler=address)
        warmup_s = time.perf_counter() - warm
        result = run_batch(answers, results_dir=work / f"run-{workers}", settings=settings,
                           scheduler=address)
    finally:
        cluster.close()
    if result.count("analysed") != len(answers):
        failed = [o.error for o in result.outcomes if o.status != "analysed"]
        raise SystemExit(f"{len(failed)} answers were not analysed: {failed[:3]}")
    audio_s = _audio_seconds(files)
    return {"workers": workers, "answers": len(answers), "seconds": result.elapsed_s,
            "per_minute": 60.0 * len(answers) / result.elapsed_s,
            "audio_x_realtime": audio_s / result.elapsed_s,
            "startup_s": startup_s, "warmup_s": warmup_s}


def _audio_seconds(files: list[Path]) -> float:
    import soundfile as sf

    total = 0.0
    for path in files:
        with contextlib.suppress(RuntimeError):
            total += sf.info(str(path)).duration
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "samples",
                        help="folder of audio answers (default: samples/)")
    parser.add_argument("--repeat", type=int, default=2,
                        help="copies of each clip (default 2)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2],
                        help="worker counts to measure (default: 1 2)")
    parser.add_argument("--threads", type=int, default=1,
                        help="CTranslate2 threads per worker (default 1: a worker is a core)")
    parser.add_argument("--project", type=int, nargs="+", default=[4, 8, 16, 32, 64],
                        help="cluster sizes to project to")
    args = parser.parse_args()
    counts = sorted(set(args.workers))
    if counts[0] != 1:
        counts = [1, *counts]
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        work = Path(tmp)
        (work / "in").mkdir()
        files = _corpus(args.corpus, args.repeat, work / "in")
        audio_min = _audio_seconds(files) / 60.0
        print(f"corpus: {len(files)} answers, {audio_min:.1f} min of audio from {args.corpus}")
        print(f"machine: {os.cpu_count()} CPU cores, load average before "
              f"{os.getloadavg()[0]:.2f} (other work on the machine slows every figure)")
        rows = []
        for workers in counts:
            row = _measure(workers, files, work, threads=args.threads)
            rows.append(row)
            print(f"workers={workers}: {row['per_minute']:.2f} answers/min "
                  f"({row['answers']} in {row['seconds']:.1f} s, "
                  f"{row['audio_x_realtime']:.1f}x real time; cluster start "
                  f"{row['startup_s']:.1f} s, warm-up {row['warmup_s']:.1f} s; "
                  f"load average now {os.getloadavg()[0]:.2f})")
    base = rows[0]["per_minute"]
    top = rows[-1]
    efficiency = top["per_minute"] / (top["workers"] * base)
    print(f"speed-up {top['workers']} vs 1 worker: {top['per_minute'] / base:.2f}x; "
          f"parallel efficiency e = {efficiency:.2f}")
    print("projection (rate_N = N x rate_1 x e; each worker a core of its own):")
    per_answer_min = audio_min / len(files)
    for n in args.project:
        rate = n * base * efficiency
        print(f"  N={n:>3}: {rate:7.1f} answers/min; 1,000 answers in "
              f"{1000 / rate:5.1f} min; {rate * per_answer_min:6.1f} min of audio per minute")


if __name__ == "__main__":
    main()
