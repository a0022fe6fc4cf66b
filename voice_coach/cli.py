"""The ``voice-coach`` command line: ``main(argv) -> int``.

Exit codes
----------
0  success
1  an unexpected internal error (the details go to ``VOICE_COACH_HOME/voice-coach.log``)
2  bad usage or option value
3  unreadable, unsupported, empty, too short or too long audio; bad typed text
4  no speech in the recording
5  the speech model is missing or failed
6  the history cannot be read or written
7  no answer with that id
8  no usable microphone
130 interrupted (Ctrl-C)
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from voice_coach import __version__
from voice_coach.errors import ConfigError, InputTextError, VoiceCoachError

__all__ = ["EXIT_INTERNAL", "EXIT_INTERRUPTED", "build_parser", "main"]

EXIT_INTERNAL = 1
EXIT_INTERRUPTED = 130

logger = logging.getLogger("voice_coach")


class _UsageError(Exception):
    """A command-line usage error (reported on one line, exit code 2)."""


class _Parser(argparse.ArgumentParser):
    """argparse whose errors reach :func:`main` instead of exiting."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"{message} (see `{self.prog} --help`)")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of every subcommand."""
    parser = _Parser(prog="voice-coach", description=(
        "A private mock-interview coach: analyse a spoken or typed answer on this machine."))
    parser.add_argument("--version", action="version", version=f"voice-coach {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    analyze = sub.add_parser("analyze", help="analyse a recorded (or typed) answer")
    analyze.add_argument("file", nargs="?", help="audio file: WAV, FLAC, OGG, MP3, WebM, M4A")
    analyze.add_argument("--text", metavar="FILE",
                         help="analyse a typed answer from FILE ('-' for standard input)")
    _add_question_options(analyze)
    analyze.add_argument("--model", metavar="NAME_OR_DIR",
                         help="faster-whisper model folder or name (default: embedded tiny.en)")
    analyze.add_argument("--json", action="store_true", help="print the JSON report")
    analyze.add_argument("--no-save", action="store_true", help="do not keep it in the history")
    analyze.add_argument("--max-minutes", type=float, default=15.0,
                         help="longest recording accepted, in minutes (default 15)")

    history = sub.add_parser("history", help="list the answers in the history")
    history.add_argument("--question", metavar="ID", help="only answers to this question")
    history.add_argument("--limit", type=int, default=None, help="at most this many answers")
    history.add_argument("--json", action="store_true", help="one JSON object per answer")

    show = sub.add_parser("show", help="show one answer's report")
    show.add_argument("id", help="answer id (or 'latest')")
    show.add_argument("--json", action="store_true", help="print the JSON report")

    export = sub.add_parser("export", help="write one answer's report (JSON, Markdown, HTML)")
    export.add_argument("id", help="answer id (or 'latest')")
    export.add_argument("--format", choices=("json", "md", "html"), default="md")
    export.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")

    delete = sub.add_parser("delete", help="delete an answer and its audio")
    delete.add_argument("id", help="answer id")

    reanalyze = sub.add_parser("reanalyze", help="analyse a stored answer again")
    reanalyze.add_argument("id", help="answer id (or 'latest')")
    reanalyze.add_argument("--model", metavar="NAME_OR_DIR", help="model folder or name")
    reanalyze.add_argument("--json", action="store_true", help="print the JSON report")

    questions = sub.add_parser("questions", help="list the question bank")
    questions.add_argument("--json", action="store_true", help="print JSON")

    practice = sub.add_parser("practice", help="answer questions out loud at the microphone")
    practice_question = practice.add_mutually_exclusive_group()
    practice_question.add_argument("--question", metavar="ID", help="practise this question")
    practice_question.add_argument("--random", action="store_true",
                                   help="start with a random question (the default)")
    practice.add_argument("--device", metavar="N", help="input device number or name "
                          "(`voice-coach devices` lists them)")
    practice.add_argument("--max-seconds", type=float, default=180.0,
                          help="stop recording after this many seconds (default 180)")
    practice.add_argument("--silence-stop", type=float, default=None, metavar="SECONDS",
                          help="stop after this many seconds of silence once you have spoken")
    practice.add_argument("--model", metavar="NAME_OR_DIR", help="model folder or name")
    practice.add_argument("--countdown", type=int, default=3,
                          help="seconds of countdown before recording (default 3)")

    devices = sub.add_parser("devices", help="list the microphones (input devices)")
    devices.add_argument("--json", action="store_true", help="print JSON")

    doctor = sub.add_parser("doctor", help="check the model and the history; --repair fixes")
    doctor.add_argument("--repair", action="store_true",
                        help="back up and rebuild a damaged database, re-add orphan audio")
    doctor.add_argument("--model", metavar="NAME_OR_DIR", help="model folder or name to check")
    doctor.add_argument("--json", action="store_true", help="print the findings as JSON")

    batch = sub.add_parser("batch", help="analyse a whole folder of answers (Dask)")
    batch.add_argument("inputs", nargs="+", metavar="FOLDER_OR_GLOB",
                       help="folders, files or glob patterns of audio and text answers")
    batch.add_argument("--out", required=True, metavar="RESULTS_DIR",
                       help="where the per-answer reports and the cohort summary go")
    batch.add_argument("--manifest", metavar="CSV",
                       help="CSV with file, person and question columns")
    batch.add_argument("--scheduler", metavar="ADDRESS",
                       help="Dask scheduler, e.g. tcp://host:8786 (default: "
                       "$DASK_SCHEDULER_ADDRESS, else local worker processes)")
    batch.add_argument("--workers", type=int, default=None,
                       help="local worker processes (default: CPU cores)")
    batch.add_argument("--retries", type=int, default=1,
                       help="retries for an answer that fails unexpectedly (default 1)")
    batch.add_argument("--model", metavar="NAME_OR_DIR", help="model folder or name")
    batch.add_argument("--json", action="store_true", help="print the summary as JSON")

    app = sub.add_parser("app", help="start the browser app on this machine")
    app.add_argument("--host", default="127.0.0.1",
                     help="address to listen on (default 127.0.0.1: this machine only)")
    app.add_argument("--port", type=int, default=8501, help="port (default 8501)")
    app.add_argument("--no-browser", action="store_true", help="do not open a browser")
    return parser


def _add_question_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--question", metavar="ID", help="id of the question answered "
                       "(`voice-coach questions` lists them)")
    group.add_argument("--question-text", metavar="TEXT", help="the question, in your words")


# ----------------------------------------------------------------------- helpers


def _store():
    from voice_coach.config import home_dir
    from voice_coach.storage import AnswerStore

    return AnswerStore(home_dir())


def _question(args: argparse.Namespace):
    from voice_coach.questions import custom_question, get_question

    if getattr(args, "question", None):
        return get_question(args.question)
    if getattr(args, "question_text", None):
        return custom_question(args.question_text)
    return None


def _transcriber(model: str | None):
    from voice_coach.config import model_setting
    from voice_coach.transcription import load_transcriber

    return load_transcriber(model or model_setting())


def _progress(stream: TextIO):
    from voice_coach.pipeline import STAGE_LABELS

    def on_step(stage: str, event: str, seconds: float) -> None:
        if event == "start":
            stream.write(f"voice-coach: {STAGE_LABELS.get(stage, stage)}...\n")
            stream.flush()

    return on_step if stream.isatty() else None


def _print_report(report: dict[str, Any], *, as_json: bool, out: TextIO) -> None:
    from voice_coach.report import render_json, render_text

    out.write(render_json(report) + "\n" if as_json else render_text(report))


def _read_text(source: str) -> str:
    if source == "-":
        # Bytes, decoded as UTF-8 like a file: the terminal's encoding may be ASCII.
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:
            return sys.stdin.read()
        return _decode_text(stream.read(), "standard input")
    path = Path(source)
    if not path.exists():
        raise InputTextError(f"text file not found: {path}")
    if path.is_dir():
        raise InputTextError(f"{path} is a folder, not a text file")
    if not path.is_file():  # a FIFO or a device would block or never end when read
        raise InputTextError(f"{path} is not a regular file (a pipe or a device?); "
                             "use --text - to read standard input")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputTextError(f"cannot read {path}: {err.strerror or err}") from err
    return _decode_text(data, str(path))


def _decode_text(data: bytes, label: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputTextError(
            f"{label} is not UTF-8 text (byte {err.start} cannot be decoded); "
            "save it as UTF-8 or pass an audio file without --text"
        ) from err


def _tolerant(stream: TextIO) -> TextIO:
    """Let a terminal that cannot show a character (emoji on ASCII) print a '?' instead."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None and getattr(stream, "errors", "strict") == "strict":
        # A closed or unusual stream is left as it is.
        with contextlib.suppress(ValueError, OSError):
            reconfigure(errors="replace")
    return stream


# ----------------------------------------------------------------------- commands


def _cmd_analyze(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from voice_coach.audio import load_audio
    from voice_coach.config import AudioOptions
    from voice_coach.pipeline import analyze_answer, analyze_text, utc_now

    if (args.file is None) == (args.text is None):
        raise ConfigError("give an audio FILE to analyse, or --text FILE for a typed answer")
    question = _question(args)
    created_at = utc_now()
    store = None if args.no_save else _store()
    if args.text is not None:
        text = _read_text(args.text)
        from voice_coach.pipeline import validate_text

        text = validate_text(text)
        answer_id = None if store is None else store.record_text(
            text, question=question, created_at=created_at)
        analysis = _run_or_mark_failed(
            store, answer_id,
            lambda: analyze_text(text, question, answer_id=answer_id, created_at=created_at))
    else:
        if args.max_minutes <= 0:
            raise ConfigError(f"--max-minutes={args.max_minutes} must be positive")
        recording = load_audio(args.file, options=AudioOptions(
            max_duration_s=args.max_minutes * 60.0))
        answer_id = None if store is None else store.record_audio(
            recording, question=question, created_at=created_at)
        analysis = _run_or_mark_failed(
            store, answer_id,
            lambda: analyze_answer(recording, question, transcriber=_transcriber(args.model),
                                   answer_id=answer_id, created_at=created_at,
                                   on_step=_progress(err),
                                   baseline=None if store is None else store.baseline(
                                       before=created_at, exclude_id=answer_id)))
    if store is not None and answer_id is not None:
        store.save_analysis(answer_id, analysis)
    _print_report(analysis.to_dict(), as_json=args.json, out=out)
    return 0


def _run_or_mark_failed(store, answer_id, run):
    """Run an analysis; on failure record it in the history and say the answer is kept."""
    try:
        return run()
    except VoiceCoachError as error:
        if store is not None and answer_id is not None:
            store.mark_failed(answer_id, str(error))
            raise type(error)(
                f"{error} (the answer is saved as {answer_id}; "
                f"run `voice-coach reanalyze {answer_id}` to try again)"
            ) from error
        raise
    except BaseException as error:
        if store is not None and answer_id is not None:
            store.mark_failed(answer_id, f"analysis interrupted: {type(error).__name__}")
        raise


def _cmd_history(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from voice_coach.report import clock

    answers = _store().list(question_id=args.question, limit=args.limit)
    if args.json:
        for answer in answers:
            out.write(json.dumps(answer.summary(), ensure_ascii=False) + "\n")
        return 0
    if not answers:
        out.write("No answers yet. Record one with `voice-coach analyze ANSWER.wav`.\n")
        return 0
    out.write(f"{'id':<23} {'date':<16} {'status':<9} {'length':>6} {'verdict':<12} "
              f"{'conf':>4} {'res':>4} {'hm':>4} {'all':>4}  question\n")
    for answer in answers:
        scores = answer.scores or {}

        def cell(key: str, scores: dict[str, Any] = scores) -> str:
            value = scores.get(key)
            return "-" if value is None else str(value)

        question = answer.question.text if answer.question else "(no question)"
        length = "typed" if answer.kind == "typed" else clock(answer.duration_s)
        out.write(
            f"{answer.id:<23} {answer.created_at[:16].replace('T', ' '):<16} "
            f"{answer.status:<9} {length:>6} {(answer.verdict or '-'):<12} "
            f"{cell('confidence'):>4} {cell('results_framing'):>4} "
            f"{cell('hiring_manager_focus'):>4} {cell('overall'):>4}  {question[:50]}\n"
        )
    return 0


def _stored_report(answer_id: str) -> dict[str, Any]:
    from voice_coach.errors import StorageError

    answer = _store().get(answer_id)
    if answer.analysis is None:
        why = f": {answer.error}" if answer.error else ""
        raise StorageError(
            f"answer {answer.id} is {answer.status} but not analysed{why} "
            f"(run `voice-coach reanalyze {answer.id}`)"
        )
    return answer.analysis


def _cmd_show(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    _print_report(_stored_report(args.id), as_json=args.json, out=out)
    return 0


def _cmd_export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from voice_coach.errors import StorageError
    from voice_coach.report import render

    text = render(_stored_report(args.id), args.format)
    if args.output:
        try:
            Path(args.output).write_text(text if text.endswith("\n") else text + "\n",
                                         encoding="utf-8")
        except OSError as error:
            raise StorageError(f"cannot write {args.output}: {error.strerror or error}") from error
        err.write(f"voice-coach: wrote {args.output}\n")
    else:
        out.write(text if text.endswith("\n") else text + "\n")
    return 0


def _cmd_delete(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    store = _store()
    answer = store.get(args.id)
    store.delete(answer.id)
    out.write(f"Deleted answer {answer.id}.\n")
    return 0


def _cmd_reanalyze(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from voice_coach.pipeline import analyze_answer, analyze_text

    store = _store()
    answer = store.get(args.id)
    if answer.kind == "typed":
        analysis = _run_or_mark_failed(store, answer.id, lambda: analyze_text(
            answer.text or "", answer.question, answer_id=answer.id,
            created_at=answer.created_at))
    else:
        recording = store.load_recording(answer.id)
        analysis = _run_or_mark_failed(store, answer.id, lambda: analyze_answer(
            recording, answer.question, transcriber=_transcriber(args.model),
            answer_id=answer.id, created_at=answer.created_at, on_step=_progress(err),
            baseline=store.baseline(before=answer.created_at, exclude_id=answer.id)))
    store.save_analysis(answer.id, analysis)
    _print_report(analysis.to_dict(), as_json=args.json, out=out)
    return 0


def _cmd_questions(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from voice_coach.questions import load_questions

    questions = load_questions()
    if args.json:
        out.write(json.dumps([{**q.to_dict(), "tip": q.tip} for q in questions],
                             indent=2) + "\n")
        return 0
    for q in questions:
        out.write(f"{q.id:<24} {q.text}\n")
        out.write(f"{'':<24} checks: {', '.join(q.emphasis)}\n")
    return 0


def _cmd_practice(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from voice_coach.practice import run_practice

    return run_practice(args, out=out, err=err)


def _cmd_devices(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from voice_coach.practice import print_devices

    return print_devices(args, out=out, err=err)


def _cmd_doctor(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from voice_coach.config import home_dir, model_setting
    from voice_coach.doctor import check_history, check_model, repair_history

    home = home_dir()
    findings = []
    if args.repair:
        findings += repair_history(home)
    findings += check_history(home)
    findings.append(check_model(args.model or model_setting()))
    if args.json:
        out.write(json.dumps([f.to_dict() for f in findings], indent=2) + "\n")
    else:
        for finding in findings:
            out.write(f"[{finding.level:>7}] {finding.subject}: {finding.message}\n")
    return 6 if any(f.level == "problem" for f in findings) else 0


def _cmd_batch(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from voice_coach.batch import run_batch_command

    return run_batch_command(args, out=out, err=err)


def _cmd_app(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from voice_coach.ui.launch import run_app

    return run_app(host=args.host, port=args.port, open_browser=not args.no_browser,
                   out=out, err=err)


_COMMANDS = {
    "analyze": _cmd_analyze, "history": _cmd_history, "show": _cmd_show,
    "export": _cmd_export, "delete": _cmd_delete, "reanalyze": _cmd_reanalyze,
    "questions": _cmd_questions, "practice": _cmd_practice, "devices": _cmd_devices,
    "app": _cmd_app, "batch": _cmd_batch, "doctor": _cmd_doctor,
}


def _log_internal_error() -> str | None:
    try:
        from voice_coach.config import home_dir

        path = home_dir() / "voice-coach.log"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as handle:
            handle.write(traceback.format_exc() + "\n")
        return str(path)
    except OSError:
        return None


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None,
         err: TextIO | None = None) -> int:
    """Run the command line.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments without the program name; ``sys.argv[1:]`` by default.
    out, err : text streams, optional
        Where to write results and messages; stdout and stderr by default.

    Returns
    -------
    int
        The exit code (see the module docstring).
    """
    out = out or _tolerant(sys.stdout)
    err = err or _tolerant(sys.stderr)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except _UsageError as error:
        err.write(f"voice-coach: error: {error}\n")
        return 2
    except SystemExit as exit_:  # --help and --version
        return int(exit_.code or 0)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="voice-coach: %(message)s", stream=err)
    if args.command is None:
        parser.print_help(out)
        return 2
    try:
        return _COMMANDS[args.command](args, out, err)
    except VoiceCoachError as error:
        err.write(f"voice-coach: error: {error}\n")
        return error.exit_code
    except KeyboardInterrupt:
        err.write("voice-coach: interrupted\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return 0
    except Exception as error:  # noqa: BLE001 - the top level turns every bug into one line
        where = _log_internal_error()
        detail = f"; details in {where}" if where else ""
        err.write(f"voice-coach: internal error: {type(error).__name__}: {error}{detail}\n")
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
