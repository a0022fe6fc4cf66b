"""Batch analysis of a cohort on a real Dask LocalCluster (worker processes).

The cohort is made in the test: espeak-ng answers, a typed answer, random bytes named .wav,
an empty file and a near-silent recording. Runs share one two-process cluster through its
scheduler address (the ``--scheduler`` path); one test starts the default local cluster
through the command line.
"""

from __future__ import annotations

import csv
import functools
import http.server
import json
import operator
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest

from voice_coach.batch import ProgressBar, write_summary
from voice_coach.batch.discover import AnswerSource, discover_answers, read_manifest
from voice_coach.batch.jobs import BatchSettings, content_sha256, job_key
from voice_coach.batch.results import ResultsFolder
from voice_coach.batch.runner import BatchProgress, _collect, run_batch
from voice_coach.config import TranscriptionOptions
from voice_coach.errors import ConfigError
from voice_coach.questions import get_question

distributed = pytest.importorskip("distributed")

#: One model thread per worker: the cluster has two single-threaded workers on two cores.
SETTINGS = BatchSettings(transcription=TranscriptionOptions(cpu_threads=1))

SPOKEN = {
    "ana": "In my last role I cut the monthly reporting time by forty percent for the sales "
           "team.",
    "ben": "Um, I guess I just really need this job, and I hope you can give me a chance.",
    "cleo": "I led the migration to the cloud and we delivered two weeks ahead of schedule.",
}
TYPED = ("I helped the company grow revenue by twelve percent in a year by fixing the "
         "checkout flow, and your team is facing the same problem now.")


@pytest.fixture(scope="module")
def cluster_address() -> Iterator[str]:
    """A real LocalCluster: two worker processes, one thread each."""
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address="127.0.0.1:0")
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


@pytest.fixture
def cohort(tmp_path: Path, say: Callable[..., Path]) -> Path:
    """A folder of good and bad answers with a manifest for some of them."""
    import shutil

    import soundfile as sf

    folder = tmp_path / "cohort"
    (folder / "week1").mkdir(parents=True)
    for person, text in SPOKEN.items():
        shutil.copy(say(text, name=f"clip-{person}"), folder / "week1" / f"{person}.wav")
    (folder / "dana.txt").write_text(TYPED, encoding="utf-8")
    rng = np.random.default_rng(9)
    (folder / "corrupt.wav").write_bytes(rng.integers(0, 256, 4000, dtype=np.uint8).tobytes())
    (folder / "empty.wav").write_bytes(b"")
    hiss = (rng.standard_normal(32_000) * 1e-4).astype(np.float32)
    sf.write(folder / "silence.wav", hiss, 16_000)
    (folder / "notes.json").write_text("{}", encoding="utf-8")  # not an answer
    (folder / ".hidden.wav").write_bytes(b"RIFF")  # hidden: skipped
    (folder / "manifest.csv").write_text(
        "file,person,question\n"
        "week1/ana.wav,Ana,greatest-achievement\n"
        "week1/ben.wav,Ben,why-hire-you\n"
        "dana.txt,Dana,What would you change in your first month?\n",
        encoding="utf-8",
    )
    return folder


def _by_name(result) -> dict[str, object]:
    return {Path(o.answer.source).name: o for o in result.outcomes}


# ------------------------------------------------------------------ discovery and keys


def test_discover_finds_answers_and_applies_the_manifest(cohort: Path) -> None:
    answers = discover_answers([str(cohort)], manifest=cohort / "manifest.csv",
                               exclude=cohort / "results")
    names = sorted(a.name for a in answers)
    assert names == ["ana.wav", "ben.wav", "cleo.wav", "corrupt.wav", "dana.txt",
                     "empty.wav", "silence.wav"]
    by_name = {a.name: a for a in answers}
    assert by_name["ana.wav"].person == "Ana"
    assert by_name["ana.wav"].question == get_question("greatest-achievement")
    assert by_name["dana.txt"].kind == "typed"
    assert by_name["dana.txt"].question.id == "custom"
    assert by_name["cleo.wav"].person is None and by_name["cleo.wav"].question is None


def test_discover_glob_and_results_folder_excluded(cohort: Path) -> None:
    results = cohort / "results" / "answers"
    results.mkdir(parents=True)
    (results / "old.txt").write_text("x", encoding="utf-8")
    answers = discover_answers([str(cohort / "**" / "*.wav")], exclude=cohort / "results")
    assert sorted(a.name for a in answers) == ["ana.wav", "ben.wav", "cleo.wav",
                                               "corrupt.wav", "empty.wav", "silence.wav"]
    assert len(discover_answers([str(cohort)], exclude=cohort / "results")) == 7


def test_manifest_errors_name_the_line(tmp_path: Path) -> None:
    bad_question = tmp_path / "m.csv"
    bad_question.write_text("file,question\na.wav,five-yers\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"m\.csv line 2: unknown question id 'five-yers'"):
        read_manifest(bad_question)
    no_file = tmp_path / "n.csv"
    no_file.write_text("name,question\nAna,five-years\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="no file column"):
        read_manifest(no_file)
    with pytest.raises(ConfigError, match="no answers found"):
        discover_answers([str(tmp_path)])


def test_job_key_follows_content_settings_and_question() -> None:
    fingerprint = SETTINGS.fingerprint()
    digest = content_sha256(b"answer bytes")
    key = job_key(digest, fingerprint, kind="spoken", question=None)
    assert key == job_key(digest, fingerprint, kind="spoken", question=None)
    assert key != job_key(content_sha256(b"answer bytez"), fingerprint, kind="spoken",
                          question=None)
    assert key != job_key(digest, fingerprint, kind="spoken",
                          question=get_question("five-years"))
    beam1 = BatchSettings(transcription=TranscriptionOptions(beam_size=1, cpu_threads=1))
    assert key != job_key(digest, beam1.fingerprint(), kind="spoken", question=None)
    # thread count is speed, not results: it does not invalidate earlier reports
    threads4 = BatchSettings(transcription=TranscriptionOptions(cpu_threads=4))
    assert threads4.fingerprint() == fingerprint


# ------------------------------------------------------------------ runs on the cluster


def _analyse_in_fresh_process(path: Path, question_id: str) -> dict:
    """The single-answer analysis of ``path``, run in a new process like a batch worker.

    tiny.en's decoding can differ by a token between a fresh process and one that has run
    the rest of the suite (one CI run: "by 40 %" in the worker, "by 4 %" in pytest's own
    process, one thread each), so batch and single analysis are
    compared like for like: each in a process of its own, with the same settings.
    """
    import subprocess
    import sys

    code = (
        "import json, sys\n"
        "from voice_coach.audio import load_audio\n"
        "from voice_coach.config import TranscriptionOptions\n"
        "from voice_coach.pipeline import analyze_answer\n"
        "from voice_coach.questions import get_question\n"
        "from voice_coach.transcription import load_transcriber\n"
        "t = load_transcriber(options=TranscriptionOptions(cpu_threads=1))\n"
        "a = analyze_answer(load_audio(sys.argv[1]), get_question(sys.argv[2]), "
        "transcriber=t)\n"
        "print(json.dumps(a.to_dict()))\n"
    )
    assert SETTINGS.transcription == TranscriptionOptions(cpu_threads=1)
    done = subprocess.run([sys.executable, "-c", code, str(path), question_id],
                          capture_output=True, text=True, check=True, timeout=300)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_batch_on_cluster_reports_good_and_bad_files(cohort: Path, tmp_path: Path,
                                                     cluster_address: str) -> None:

    answers = discover_answers([str(cohort)], manifest=cohort / "manifest.csv")
    out = tmp_path / "results"
    seen: list[BatchProgress] = []
    result = run_batch(answers, results_dir=out, settings=SETTINGS, scheduler=cluster_address,
                       on_progress=seen.append)
    outcomes = _by_name(result)
    assert result.workers == 2 and not result.interrupted
    for name in ("ana.wav", "ben.wav", "cleo.wav", "dana.txt"):
        assert outcomes[name].status == "analysed", outcomes[name].error
    assert outcomes["corrupt.wav"].status == "failed"
    assert "corrupt.wav" in outcomes["corrupt.wav"].error
    assert outcomes["empty.wav"].status == "failed"
    assert "empty" in outcomes["empty.wav"].error
    assert outcomes["silence.wav"].status == "failed"
    assert outcomes["silence.wav"].error_type == "NoSpeechError"
    # progress: one call per finished answer, counting up to the total
    assert [p.done for p in seen] == list(range(1, 8))
    assert seen[-1].failed == 3 and seen[-1].eta_s == 0.0

    # a report is the single-answer report, written beside the summary
    ana = json.loads((out / outcomes["ana.wav"].report_file).read_text(encoding="utf-8"))
    assert ana["batch"]["person"] == "Ana"
    assert ana["question"]["id"] == "greatest-achievement"
    assert ana["batch"]["content_sha256"] == content_sha256(
        (cohort / "week1" / "ana.wav").read_bytes())
    direct = _analyse_in_fresh_process(cohort / "week1" / "ana.wav", "greatest-achievement")
    assert ana["transcript"]["text"] == direct["transcript"]["text"]
    assert ana["scores"] == direct["scores"]
    assert ana["verdict"] == direct["verdict"]
    dana = json.loads((out / outcomes["dana.txt"].report_file).read_text(encoding="utf-8"))
    assert dana["kind"] == "typed" and dana["audio"] is None
    assert len(list((out / "answers").glob("*.json"))) == 4  # no report for a failure

    summary = write_summary(result)
    assert summary["counts"] == {"total": 7, "analysed": 4, "reused": 0, "failed": 3,
                                 "not_run": 0}
    assert {f["source"] for f in summary["failures"]} == {
        str(cohort / n) for n in ("corrupt.wav", "empty.wav", "silence.wav")}
    overall = [o.digest["scores"]["overall"] for o in result.outcomes if o.digest]
    assert summary["scores"]["overall"]["n"] == sum(v is not None for v in overall)
    with (out / "summary.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 7
    row = next(r for r in rows if r["source"].endswith("ben.wav"))
    assert row["person"] == "Ben" and row["status"] == "analysed"
    ben_overall = outcomes["ben.wav"].digest["scores"]["overall"]
    assert row["overall"] == ("" if ben_overall is None else f"{ben_overall:g}")
    page = (out / "summary.html").read_text(encoding="utf-8")
    assert "<svg" in page and "Score distributions" in page and "Most common problems" in page
    assert "<script" not in page and "http://" not in page and "https://" not in page
    assert "corrupt.wav" in page


def test_interrupted_run_resumes_by_content_hash(cohort: Path, tmp_path: Path,
                                                 cluster_address: str) -> None:
    answers = discover_answers([str(cohort)], manifest=cohort / "manifest.csv")
    out = tmp_path / "results"

    def stop_after_first_report(progress: BatchProgress) -> None:
        if progress.last is not None and progress.last.status == "analysed":
            raise KeyboardInterrupt

    first = run_batch(answers, results_dir=out, settings=SETTINGS, scheduler=cluster_address,
                      on_progress=stop_after_first_report)
    assert first.interrupted
    done_first = {o.answer.source: o for o in first.outcomes if o.status == "analysed"}
    assert len(done_first) == 1
    assert first.count("not_run") >= 1
    write_summary(first)
    saved = {p.name: (p.stat().st_mtime_ns, p.read_bytes())
             for p in (out / "answers").glob("*.json")}
    assert len(saved) == 1

    second = run_batch(answers, results_dir=out, settings=SETTINGS, scheduler=cluster_address)
    outcomes = {o.answer.source: o for o in second.outcomes}
    assert not second.interrupted
    for source, before in done_first.items():
        assert outcomes[source].status == "reused"
        assert outcomes[source].key == before.key
    assert second.count("reused") == 1
    assert second.count("analysed") == 3  # the other good answers
    assert second.count("failed") == 3  # bad files are reported again, never dropped
    for path in (out / "answers").glob("*.json"):
        if path.name in saved:  # a reused report is not rewritten
            assert (path.stat().st_mtime_ns, path.read_bytes()) == saved[path.name]

    # an edited answer has new content: it is analysed again, the rest reused
    (cohort / "dana.txt").write_text(TYPED + " I would start by listening.", encoding="utf-8")
    third = run_batch(answers, results_dir=out, settings=SETTINGS, scheduler=cluster_address)
    statuses = {Path(o.answer.source).name: o.status for o in third.outcomes}
    assert statuses["dana.txt"] == "analysed"
    assert [statuses[n] for n in ("ana.wav", "ben.wav", "cleo.wav")] == ["reused"] * 3


@pytest.fixture
def http_root(cohort: Path) -> Iterator[str]:
    """Serve the cohort folder on 127.0.0.1 (the workers fetch the answers by URL)."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(cohort))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_workers_fetch_answers_by_url(cohort: Path, tmp_path: Path, http_root: str,
                                      cluster_address: str) -> None:
    manifest = tmp_path / "urls.csv"
    manifest.write_text(
        "file,person,question\n"
        f"{http_root}/week1/cleo.wav,Cleo,greatest-achievement\n"
        f"{http_root}/dana.txt,Dana,\n"
        f"{http_root}/missing.wav,Eve,\n",
        encoding="utf-8",
    )
    answers = read_manifest(manifest)
    out = tmp_path / "results"
    first = run_batch(answers, results_dir=out, settings=SETTINGS, scheduler=cluster_address)
    statuses = [o.status for o in first.outcomes]
    assert statuses == ["analysed", "analysed", "failed"], [o.error for o in first.outcomes]
    assert "HTTP 404" in first.outcomes[2].error
    report = json.loads((out / first.outcomes[0].report_file).read_text(encoding="utf-8"))
    assert report["batch"]["source"] == f"{http_root}/week1/cleo.wav"
    assert report["transcript"]["text"]
    # the client cannot hash a URL: the worker reads it, finds the key done, and skips it
    second = run_batch(answers, results_dir=out, settings=SETTINGS, scheduler=cluster_address)
    assert [o.status for o in second.outcomes] == ["reused", "reused", "failed"]
    assert second.outcomes[0].key == first.outcomes[0].key


def test_unexpected_worker_error_is_reported_not_dropped(cluster_address: str,
                                                         tmp_path: Path) -> None:
    with distributed.Client(cluster_address) as client:
        future = client.submit(operator.truediv, 1, 0, retries=1, pure=False)
        distributed.wait(future)
        answer = AnswerSource(source=str(tmp_path / "x.wav"), kind="spoken")
        outcome = _collect(future, answer, folder=ResultsFolder(tmp_path / "r"), saved={})
    assert outcome.status == "failed"
    assert outcome.error_type == "ZeroDivisionError"
    assert "retried on the next run" in outcome.error


def test_unreachable_scheduler_is_a_config_error(tmp_path: Path) -> None:
    import socket

    with socket.socket() as probe:  # a port with nothing listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    answers = (AnswerSource(source=str(tmp_path / "a.txt"), kind="typed"),)
    (tmp_path / "a.txt").write_text("An answer.", encoding="utf-8")
    with pytest.raises(ConfigError, match="cannot reach the Dask scheduler"):
        run_batch(answers, results_dir=tmp_path / "r", scheduler=f"tcp://127.0.0.1:{port}")


def test_progress_bar_shows_rate_and_time_left() -> None:
    import io

    stream = io.StringIO()
    bar = ProgressBar(stream)
    bar(BatchProgress(total=10, done=4, failed=1, elapsed_s=120.0, eta_s=180.0))
    line = stream.getvalue()
    assert "4/10" in line and "1 failed" in line and "2.0/min" in line
    assert "about 3m00s left" in line


# ------------------------------------------------------------------ the command line


def test_cli_batch_local_cluster_then_rerun(cli, tmp_path: Path,
                                            say: Callable[..., Path]) -> None:
    import shutil

    folder = tmp_path / "class"
    folder.mkdir()
    shutil.copy(say(SPOKEN["cleo"], name="cli-cleo"), folder / "cleo.wav")
    (folder / "dana.txt").write_text(TYPED, encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, stderr = cli("batch", folder, "--out", out, "--workers", "1", "--json")
    assert code == 0, stderr
    summary = json.loads(stdout)
    assert summary["counts"]["analysed"] == 2 and summary["counts"]["failed"] == 0
    assert summary["run"]["workers"] == 1 and summary["run"]["scheduler"] == "local"
    assert "2/2" in stderr
    assert (out / "summary.html").is_file() and (out / "summary.csv").is_file()
    code, stdout, stderr = cli("batch", folder, "--out", out, "--workers", "1")
    assert code == 0, stderr
    assert "0 analysed, 2 reused" in stdout


def test_cli_batch_with_a_failed_answer_exits_3_and_lists_it(cli, tmp_path: Path) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "dana.txt").write_text(TYPED, encoding="utf-8")
    (folder / "broken.wav").write_bytes(b"RIFF\x00\x00\x00\x00WAVEnot really audio")
    out = tmp_path / "out"
    code, stdout, stderr = cli("batch", folder, "--out", out, "--workers", "1")
    assert code == 3, stderr
    assert "1 analysed" in stdout and "1 failed" in stdout
    assert "FAILED" in stdout and "broken.wav" in stdout
    assert "Traceback" not in stderr
    assert (out / "summary.csv").is_file()
