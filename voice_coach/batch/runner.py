"""Run a batch on Dask: a local cluster of worker processes, or an existing scheduler.

Each answer is one ``Client.submit`` of :func:`voice_coach.batch.jobs.analyze_job`; results
come back with ``as_completed`` and each report is written as soon as it arrives, so an
interrupted run keeps everything finished. Answers whose report already exists (same bytes,
same settings, same question) are not submitted at all.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from voice_coach.batch.discover import AnswerSource, is_url
from voice_coach.batch.jobs import BatchSettings, JobResult, analyze_job, content_sha256, job_key
from voice_coach.batch.results import ResultsFolder
from voice_coach.batch.summary import digest_report
from voice_coach.errors import ConfigError, StorageError, VoiceCoachError

__all__ = [
    "CONNECT_TIMEOUT_S",
    "AnswerOutcome",
    "BatchProgress",
    "BatchResult",
    "PreloadModel",
    "default_workers",
    "run_batch",
]

logger = logging.getLogger(__name__)

#: Seconds to wait for a remote scheduler before giving up with a clear error.
CONNECT_TIMEOUT_S = 15.0
#: The local scheduler's HTTP (health/metrics) server: this machine only, any free port
#: (Dask's default, 8787 on every interface, clashes with another running cluster).
_HTTP_ADDRESS = "127.0.0.1:0"
#: Most local worker processes: each holds a model (about 0.3 GB peak resident with librosa).
MAX_LOCAL_WORKERS = 64

#: The statuses of an answer in a batch.
STATUSES: tuple[str, ...] = ("analysed", "reused", "failed", "not_run")


@dataclass(frozen=True, slots=True)
class AnswerOutcome:
    """What happened to one answer.

    Attributes
    ----------
    answer : AnswerSource
        The answer.
    status : str
        ``"analysed"`` (this run), ``"reused"`` (a report with the same key existed),
        ``"failed"`` (reported with ``error``; retried on the next run) or ``"not_run"``
        (the run was interrupted first).
    key : str or None
        The job key, when the bytes could be read.
    report_file : str or None
        The report's path relative to the results folder.
    digest : dict or None
        What the summary needs from the report (:func:`~voice_coach.batch.summary.
        digest_report`), for analysed or reused answers; the full report stays on disk.
    error : str or None
        The one-line reason, for a failed answer.
    error_type : str or None
        The error's class name.
    worker : str
        ``host:pid`` of the worker, for analysed and failed answers.
    seconds : float
        Worker time spent on it.
    """

    answer: AnswerSource
    status: str
    key: str | None = None
    report_file: str | None = None
    digest: dict[str, Any] | None = field(default=None, repr=False)
    error: str | None = None
    error_type: str | None = None
    worker: str = ""
    seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class BatchProgress:
    """The state of a running batch, for a progress bar.

    Attributes
    ----------
    total : int
        Answers to submit in this run (reused ones excluded).
    done : int
        Finished (analysed or failed).
    failed : int
        Of ``done``, how many failed.
    elapsed_s : float
        Seconds since the first submission.
    eta_s : float or None
        Estimated seconds left (finished rate so far); None before the first finishes.
    last : AnswerOutcome or None
        The answer that just finished.
    """

    total: int
    done: int
    failed: int
    elapsed_s: float
    eta_s: float | None
    last: AnswerOutcome | None = None

    @property
    def answers_per_minute(self) -> float | None:
        """Finished answers per minute so far; None before any."""
        if self.done == 0 or self.elapsed_s <= 0:
            return None
        return 60.0 * self.done / self.elapsed_s


@dataclass(frozen=True, slots=True)
class BatchResult:
    """The outcome of a batch run.

    Attributes
    ----------
    outcomes : tuple of AnswerOutcome
        One per answer, in discovery order.
    results_dir : Path
        The results folder.
    elapsed_s : float
        Wall time of the analysis (cluster start excluded).
    workers : int
        Worker processes that were available.
    scheduler : str
        ``"local"`` or the scheduler address.
    interrupted : bool
        True when the run stopped before every answer finished.
    """

    outcomes: tuple[AnswerOutcome, ...]
    results_dir: Path
    elapsed_s: float
    workers: int
    scheduler: str
    interrupted: bool = False

    def count(self, status: str) -> int:
        """Number of answers with this status."""
        return sum(1 for o in self.outcomes if o.status == status)


ProgressCallback = Callable[[BatchProgress], None]


def default_workers() -> int:
    """Return the local worker count: one per CPU core this process may use."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return max(1, cores)


def _local_key(answer: AnswerSource, settings: BatchSettings, fingerprint: str) -> str | None:
    """Hash an answer the client can read; None when only a worker can (URL, remote path)."""
    if is_url(answer.source):
        return None
    path = Path(answer.source)
    try:
        if not path.is_file() or path.stat().st_size > settings.audio.max_file_bytes:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    if not data:
        return None
    return job_key(content_sha256(data), fingerprint, kind=answer.kind, question=answer.question)


class PreloadModel(WorkerPlugin):
    """Worker plugin: load the speech model once when a worker starts (or joins later).

    The model is then cached for the life of the worker process by
    :func:`voice_coach.transcription.load_transcriber`, which every job calls.
    """

    idempotent = True

    def __init__(self, settings: BatchSettings) -> None:
        self.settings = settings

    def setup(self, worker: Any) -> None:
        """Load the model; a failure is logged here and reported by every answer."""
        from voice_coach.transcription import load_transcriber

        try:
            load_transcriber(self.settings.model, options=self.settings.transcription,
                             preload=True)
        except VoiceCoachError as err:
            logger.warning("worker %s cannot load the model: %s", worker.address, err)


def _connect(scheduler: str | None, n_workers: int) -> tuple[Any, Any, str]:
    """Return ``(client, cluster or None, label)``."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout=f"{CONNECT_TIMEOUT_S:g}s")
        except (OSError, TimeoutError, ValueError) as err:
            raise ConfigError(
                f"cannot reach the Dask scheduler at {scheduler} within "
                f"{CONNECT_TIMEOUT_S:g} s: {err} (start it with `dask scheduler`, or omit "
                "--scheduler to use this machine)"
            ) from err
        return client, None, scheduler
    cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                           dashboard_address=_HTTP_ADDRESS, silence_logs=logging.ERROR)
    try:
        client = Client(cluster)
    except BaseException:
        cluster.close()
        raise
    return client, cluster, "local"


def run_batch(answers: Sequence[AnswerSource], *, results_dir: str | Path,
              settings: BatchSettings | None = None, scheduler: str | None = None,
              n_workers: int | None = None, retries: int = 1,
              on_progress: ProgressCallback | None = None) -> BatchResult:
    """Analyse many answers on Dask and write one JSON report per answer.

    Parameters
    ----------
    answers : sequence of AnswerSource
        From :func:`voice_coach.batch.discover.discover_answers`.
    results_dir : str or Path
        Where the reports go (``answers/`` inside it).
    settings : BatchSettings, optional
        Model and limits. For a local cluster, ``transcription.cpu_threads`` 0 becomes the
        cores divided among the workers; on a scheduler it becomes 1 (run one single-threaded
        worker process per core: ``dask worker --nworkers N --nthreads 1``).
    scheduler : str, optional
        Address of an existing Dask scheduler (``tcp://host:8786``); None starts a local
        cluster of worker processes.
    n_workers : int, optional
        Local worker processes (default: the CPU cores, at most the answers to analyse).
    retries : int
        Extra attempts for an answer whose analysis raises unexpectedly (a bug, a crashed
        worker). User errors (bad audio, no speech) are not retried: they fail the same way.
    on_progress : callable, optional
        Called with a :class:`BatchProgress` after each answer finishes. Raising
        ``KeyboardInterrupt`` from it stops the run like Ctrl-C.

    Returns
    -------
    BatchResult

    Raises
    ------
    ConfigError
        If ``n_workers`` or ``retries`` is out of range, or the scheduler cannot be reached.
    StorageError
        If the results folder cannot be written.
    KeyboardInterrupt
        Only while the cluster starts: once answers are submitted, an interruption returns
        with ``interrupted=True`` and ``not_run`` answers (finished reports are kept).
    """
    settings = settings or BatchSettings()
    if retries < 0 or retries > 10:
        raise ConfigError(f"--retries={retries} must be between 0 and 10")
    if n_workers is not None and not 1 <= n_workers <= MAX_LOCAL_WORKERS:
        raise ConfigError(f"--workers={n_workers} must be between 1 and {MAX_LOCAL_WORKERS}")
    folder = ResultsFolder(results_dir)
    fingerprint = settings.fingerprint()
    saved = folder.existing()
    outcomes: list[AnswerOutcome | None] = [None] * len(answers)
    pending: list[int] = []
    unhashed = False
    for index, answer in enumerate(answers):
        key = _local_key(answer, settings, fingerprint)
        path = saved.get(key) if key else None
        report = folder.read_report(path) if path is not None else None
        if report is not None and path is not None:
            outcomes[index] = AnswerOutcome(answer, "reused", key=key,
                                            report_file=folder.relative(path),
                                            digest=digest_report(report))
        else:
            pending.append(index)
            unhashed = unhashed or key is None
    started = time.perf_counter()
    workers = 0
    interrupted = False
    label = scheduler or "local"
    if pending:
        local_workers = min(n_workers or default_workers(), len(pending))
        if not scheduler:
            threads = settings.transcription.cpu_threads or max(
                1, default_workers() // local_workers)
        else:
            threads = settings.transcription.cpu_threads or 1
        settings = replace(settings, transcription=replace(settings.transcription,
                                                           cpu_threads=threads))
        client, cluster, label = _connect(scheduler, local_workers)
        try:
            workers = len(client.scheduler_info(n_workers=-1).get("workers", {}))
            interrupted = _run_on(client, answers, pending, outcomes, folder=folder,
                                  settings=settings, saved=saved, retries=retries,
                                  check_saved_on_worker=unhashed,
                                  on_progress=on_progress, started=started)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    final = tuple(o if o is not None else AnswerOutcome(answers[i], "not_run")
                  for i, o in enumerate(outcomes))
    return BatchResult(outcomes=final, results_dir=folder.root,
                       elapsed_s=time.perf_counter() - started, workers=workers,
                       scheduler=label, interrupted=interrupted)


def _run_on(client: Any, answers: Sequence[AnswerSource], pending: list[int],
            outcomes: list[AnswerOutcome | None], *, folder: ResultsFolder,
            settings: BatchSettings, saved: dict[str, Path], retries: int,
            check_saved_on_worker: bool, on_progress: ProgressCallback | None,
            started: float) -> bool:
    """Submit the pending answers and collect them; return True when interrupted."""
    from distributed import as_completed

    if any(answers[i].kind == "spoken" for i in pending):
        client.register_plugin(PreloadModel(settings), name="voice-coach-preload-model")
    # Keys the client could not compute itself are checked on the worker, after its read.
    done = frozenset(saved)
    done_arg: Any = frozenset()
    if done and check_saved_on_worker:
        # wrapped in a list: scatter would otherwise send each key as its own datum
        done_arg = client.scatter([done], broadcast=True, hash=False)[0]
    futures = {
        client.submit(analyze_job, answers[i], settings, done_arg, retries=retries,
                      pure=False, key=f"voice-coach-answer-{i}-{os.urandom(4).hex()}"): i
        for i in pending
    }
    finished = failed = 0
    try:
        for future in as_completed(futures):
            index = futures.pop(future)
            outcome = _collect(future, answers[index], folder=folder, saved=saved)
            outcomes[index] = outcome
            finished += 1
            failed += outcome.status == "failed"
            if outcome.status == "failed":
                logger.info("failed: %s: %s", answers[index].source, outcome.error)
            if on_progress is not None:
                elapsed = time.perf_counter() - started
                left = len(pending) - finished
                on_progress(BatchProgress(total=len(pending), done=finished, failed=failed,
                                          elapsed_s=elapsed,
                                          eta_s=elapsed / finished * left, last=outcome))
    except KeyboardInterrupt:
        logger.info("interrupted: cancelling %d answers", len(futures))
        client.cancel(list(futures), force=True)
        return True
    return False


def _collect(future: Any, answer: AnswerSource, *, folder: ResultsFolder,
             saved: dict[str, Path]) -> AnswerOutcome:
    """Turn a finished future into an outcome, writing the report when there is one."""
    try:
        result: JobResult = future.result()
    except Exception as err:  # noqa: BLE001 - a crashed job is reported, never dropped
        message = str(err).strip().splitlines()
        detail = f": {message[0]}" if message else ""
        return AnswerOutcome(answer, "failed", error=f"internal error {type(err).__name__}"
                             f"{detail} (after retries; it is retried on the next run)",
                             error_type=type(err).__name__)
    if result.status == "skipped" and result.key in saved:
        path = saved[result.key]
        return AnswerOutcome(answer, "reused", key=result.key,
                             report_file=folder.relative(path),
                             digest=digest_report(folder.read_report(path)))
    if result.status != "ok" or result.report is None or result.key is None:
        return AnswerOutcome(answer, "failed", key=result.key, error=result.error,
                             error_type=result.error_type, worker=result.worker,
                             seconds=result.seconds)
    report = dict(result.report)
    report["batch"] = {
        "source": answer.source, "person": answer.person, "kind": answer.kind,
        "content_sha256": result.content_sha256, "key": result.key,
        "worker": result.worker, "seconds": round(result.seconds, 3),
    }
    path = folder.report_path(result.key, answer.name)
    try:
        folder.write_report(path, report)
    except StorageError as err:
        return AnswerOutcome(answer, "failed", key=result.key, error=str(err),
                             error_type=type(err).__name__, worker=result.worker)
    saved[result.key] = path
    return AnswerOutcome(answer, "analysed", key=result.key, report_file=folder.relative(path),
                         digest=digest_report(report), worker=result.worker,
                         seconds=result.seconds)
