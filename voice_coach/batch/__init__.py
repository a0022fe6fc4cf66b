"""Batch analysis of a cohort's answers on Dask (one machine or a cluster).

``voice-coach batch FOLDER_OR_GLOB --out RESULTS_DIR`` finds the audio and text answers
(:mod:`.discover`), skips those already analysed with the same bytes and settings
(:mod:`.jobs`, :mod:`.results`), analyses the rest with the single-answer pipeline on Dask
workers (:mod:`.runner`) and writes a cohort summary (:mod:`.summary`). Dask is imported only
when a batch runs.
"""

from __future__ import annotations

import json
import logging
import os
import time
from typing import TYPE_CHECKING, Any, TextIO

from voice_coach.cli import EXIT_INTERRUPTED  # an interrupted batch exits as the CLI's Ctrl-C

if TYPE_CHECKING:
    import argparse

    from voice_coach.batch.runner import BatchProgress, BatchResult

__all__ = ["EXIT_SOME_FAILED", "ProgressBar", "run_batch_command", "write_summary"]

#: Exit status of a batch that ran to the end with at least one failed answer, so that a
#: script (or CI) notices; the summary still lists every answer.
EXIT_SOME_FAILED = 3
#: Width of the text progress bar, in characters.
_BAR_CHARS = 24
#: Without a terminal, a progress line every this many seconds at most (plus the last one).
_PLAIN_EVERY_S = 10.0


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "?"
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{secs:02d}s"


class ProgressBar:
    """A one-line progress bar with the rate and the time left, written to a text stream.

    On a terminal the line is redrawn in place; otherwise a line is written at most every
    ten seconds, and for the last answer. Failed answers are announced as they happen.
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.tty = bool(getattr(stream, "isatty", lambda: False)())
        self._last_plain = 0.0

    def line(self, progress: BatchProgress) -> str:
        """Return the progress text for this state."""
        filled = round(_BAR_CHARS * progress.done / max(progress.total, 1))
        rate = progress.answers_per_minute
        failed = f", {progress.failed} failed" if progress.failed else ""
        left = "done" if progress.done == progress.total else f"about {_clock(progress.eta_s)} left"
        speed = f"{rate:.1f}/min" if rate is not None else "-/min"
        return (f"[{'#' * filled}{'-' * (_BAR_CHARS - filled)}] {progress.done}/{progress.total}"
                f"{failed}  {speed}  {left}")

    def __call__(self, progress: BatchProgress) -> None:
        """Show the progress (the runner's ``on_progress``)."""
        last = progress.last
        if last is not None and last.status == "failed":
            self._clear()
            self.stream.write(f"voice-coach: failed: {last.answer.source}: {last.error}\n")
        now = time.monotonic()
        finished = progress.done == progress.total
        if self.tty:
            self.stream.write("\r" + self.line(progress) + ("\n" if finished else ""))
        elif finished or now - self._last_plain >= _PLAIN_EVERY_S:
            self._last_plain = now
            self.stream.write("voice-coach: " + self.line(progress) + "\n")
        self.stream.flush()

    def _clear(self) -> None:
        if self.tty:
            self.stream.write("\r\033[K")


def write_summary(result: BatchResult) -> dict[str, Any]:
    """Write summary.csv, summary.json and summary.html into the results folder.

    Returns
    -------
    dict
        The summary (:func:`voice_coach.batch.summary.build_summary`).
    """
    from voice_coach.batch.results import ResultsFolder
    from voice_coach.batch.summary import build_summary, render_csv, render_html

    folder = ResultsFolder(result.results_dir)
    summary = build_summary(result)
    folder.write_text(folder.root / "summary.csv", render_csv(result.outcomes))
    folder.write_text(folder.root / "summary.json",
                      json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
    folder.write_text(folder.root / "summary.html", render_html(summary, result.outcomes))
    return summary


def run_batch_command(args: argparse.Namespace, *, out: TextIO, err: TextIO) -> int:
    """Run ``voice-coach batch``: discover, analyse on Dask, write the summary.

    Parameters
    ----------
    args : argparse.Namespace
        ``inputs``, ``out``, ``manifest``, ``scheduler``, ``workers``, ``retries``, ``model``,
        ``json`` (see ``voice-coach batch --help``).
    out, err : text streams
        The summary goes to ``out`` (JSON with ``--json``); progress and failures to ``err``.

    Returns
    -------
    int
        0 when every answer was analysed (or reused), :data:`EXIT_SOME_FAILED` (3) when the
        batch ran to the end but some answers failed (they are listed in the summary and
        retried on the next run), 130 when it was interrupted.
    """
    from voice_coach.batch.discover import discover_answers
    from voice_coach.batch.jobs import BatchSettings
    from voice_coach.batch.runner import run_batch
    from voice_coach.config import model_setting
    from voice_coach.transcription import resolve_model

    scheduler = args.scheduler or os.environ.get("DASK_SCHEDULER_ADDRESS", "").strip() or None
    model = args.model or model_setting()
    if model is not None and scheduler is None:
        model = resolve_model(model)[0]  # fail early; workers get the absolute folder
    answers = discover_answers(args.inputs, manifest=args.manifest, exclude=args.out)
    where = scheduler or (f"{args.workers} local worker process(es)" if args.workers
                          else "one local worker process per core")
    err.write(f"voice-coach: {len(answers)} answers found; analysing on {where}\n")
    dask_logger = logging.getLogger("distributed")
    saved_level = dask_logger.level
    if not logging.getLogger().isEnabledFor(logging.INFO):  # quiet unless --verbose
        dask_logger.setLevel(logging.ERROR)
    try:
        result = run_batch(answers, results_dir=args.out, settings=BatchSettings(model=model),
                           scheduler=scheduler, n_workers=args.workers, retries=args.retries,
                           on_progress=ProgressBar(err))
    finally:
        dask_logger.setLevel(saved_level)
    summary = write_summary(result)
    if args.json:
        out.write(json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(_text_summary(summary))
    if result.interrupted:
        err.write("voice-coach: interrupted: finished answers are saved; run the same "
                  "command again to analyse the rest\n")
        return EXIT_INTERRUPTED
    if summary["counts"]["failed"]:
        return EXIT_SOME_FAILED
    return 0


def _text_summary(summary: dict[str, Any]) -> str:
    counts, run = summary["counts"], summary["run"]
    rate = run["answers_per_minute"]
    lines = [
        f"{counts['total']} answers: {counts['analysed']} analysed, {counts['reused']} "
        f"reused from an earlier run, {counts['failed']} failed, {counts['not_run']} not run.",
    ]
    if rate is not None:
        lines.append(f"Analysis took {_clock(run['elapsed_s'])} on {run['workers']} "
                     f"worker(s) ({run['scheduler']}): {rate:.1f} answers per minute.")
    overall = summary["scores"]["overall"]
    if overall["n"]:
        lines.append(f"Overall score: mean {overall['mean']}, median {overall['median']} "
                     f"({overall['n']} scored, {overall['missing']} without a score).")
    if summary["problems"]:
        top = ", ".join(f"{p['label']} ({p['count']})" for p in summary["problems"][:3])
        lines.append(f"Most common problems: {top}.")
    for failure in summary["failures"]:
        lines.append(f"FAILED {failure['source']}: {failure['error']}")
    root = summary["results_dir"]
    lines.append(f"Reports: {root}/answers/  Summary: {root}/summary.html, summary.csv")
    return "\n".join(lines) + "\n"
