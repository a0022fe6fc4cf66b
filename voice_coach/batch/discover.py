"""Find the answers of a cohort: audio and text files in folders, globs, URLs and a manifest.

Nothing here reads an answer's contents; it only decides *what* to analyse and with which
person and question. A file the client cannot see (a path only the Dask workers can reach, or
an http(s) URL) is still a job: the worker that analyses it reads it.
"""

from __future__ import annotations

import csv
import glob
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from voice_coach.audio import SUPPORTED_FORMATS
from voice_coach.errors import ConfigError
from voice_coach.questions import Question, custom_question, get_question, load_questions

__all__ = [
    "AUDIO_SUFFIXES",
    "TEXT_SUFFIXES",
    "AnswerSource",
    "answer_kind",
    "discover_answers",
    "is_url",
    "read_manifest",
]

logger = logging.getLogger(__name__)

#: File endings analysed as spoken answers: the loader's tested containers plus the common
#: other names FFmpeg reads for the same codecs (Opus, AAC in MP4, Ogg audio).
AUDIO_SUFFIXES: frozenset[str] = frozenset(
    {f".{f}" for f in SUPPORTED_FORMATS} | {".opus", ".oga", ".aac", ".mp4"}
)
#: File endings analysed as typed answers (UTF-8 text).
TEXT_SUFFIXES: frozenset[str] = frozenset({".txt"})
#: URL schemes a worker can fetch (with urllib).
URL_SCHEMES: frozenset[str] = frozenset({"http", "https"})
#: Manifest column names accepted for each field (first match wins; case-insensitive).
_FILE_COLUMNS = ("file", "path", "audio", "url")
_PERSON_COLUMNS = ("person", "name", "candidate", "student")
_QUESTION_COLUMNS = ("question", "question_id")


@dataclass(frozen=True, slots=True)
class AnswerSource:
    """One answer to analyse.

    Attributes
    ----------
    source : str
        An absolute file path or an http(s) URL, as the worker will read it.
    kind : str
        ``"spoken"`` (audio) or ``"typed"`` (a UTF-8 text file).
    person : str or None
        Who answered, from the manifest.
    question : Question or None
        The question answered, from the manifest.
    """

    source: str
    kind: str
    person: str | None = None
    question: Question | None = None

    @property
    def name(self) -> str:
        """The file name (last path or URL component), for messages and report names."""
        if is_url(self.source):
            return Path(urlparse(self.source).path).name or urlparse(self.source).netloc
        return Path(self.source).name


def is_url(text: str) -> bool:
    """Return True when ``text`` is an http(s) URL."""
    return urlparse(text).scheme.lower() in URL_SCHEMES


def answer_kind(name: str) -> str | None:
    """Return ``"spoken"``, ``"typed"`` or None (not an answer) from a file name's ending."""
    suffix = Path(urlparse(name).path if is_url(name) else name).suffix.lower()
    if suffix in AUDIO_SUFFIXES:
        return "spoken"
    if suffix in TEXT_SUFFIXES:
        return "typed"
    return None


def _hidden(path: Path, root: Path) -> bool:
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        parts = path.parts
    return any(p.startswith(".") for p in parts)


def _under(path: Path, folder: Path | None) -> bool:
    if folder is None:
        return False
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def _expand(item: str, *, exclude: Path | None) -> list[Path]:
    """Expand one input (folder, file or glob) to answer files, sorted."""
    path = Path(item).expanduser()
    if path.is_dir():
        root = path.resolve()
        found = [p for p in root.rglob("*") if p.is_file() and answer_kind(p.name)
                 and not _hidden(p, root)]
    elif path.is_file():
        return [path.resolve()]
    elif glob.has_magic(item):
        found = [Path(p).resolve() for p in glob.glob(str(path), recursive=True)]
        found = [p for p in found if p.is_file() and answer_kind(p.name)]
    else:
        raise ConfigError(f"{item} is not a file, a folder or a glob pattern that matches")
    return sorted(p for p in found if not _under(p, exclude))


def discover_answers(inputs: Sequence[str], *, manifest: str | Path | None = None,
                     exclude: str | Path | None = None) -> tuple[AnswerSource, ...]:
    """List the answers to analyse, in a stable order.

    Parameters
    ----------
    inputs : sequence of str
        Folders (searched recursively, hidden files skipped), files, glob patterns
        (``**`` allowed) and http(s) URLs.
    manifest : str or Path, optional
        A CSV giving each file's person and question (see :func:`read_manifest`). Its rows
        are answers too, even when they are not under ``inputs`` (a URL, say).
    exclude : str or Path, optional
        A folder whose files are never answers (the results folder).

    Returns
    -------
    tuple of AnswerSource
        Each answer once: the inputs in order, then manifest rows not already listed.

    Raises
    ------
    ConfigError
        If an input matches nothing, a file given by name is not audio or text, the manifest
        is malformed, or no answer is found at all.
    """
    excluded = None if exclude is None else Path(exclude).expanduser().resolve()
    rows = read_manifest(manifest) if manifest is not None else ()
    by_source = {row.source: row for row in rows}
    manifest_path = None if manifest is None else str(Path(manifest).expanduser().resolve())
    answers: dict[str, AnswerSource] = {}
    for item in inputs:
        if is_url(item):
            _add(answers, by_source.get(item) or _source_for(item))
            continue
        for path in _expand(item, exclude=excluded):
            text = str(path)
            if text == manifest_path:
                continue
            if answer_kind(path.name) is None:
                raise ConfigError(
                    f"{path} is not an answer file: use audio "
                    f"({', '.join(sorted(AUDIO_SUFFIXES))}) or text (.txt)"
                )
            _add(answers, by_source.get(text) or _source_for(text))
    for row in rows:
        _add(answers, row)
    if not answers:
        raise ConfigError(
            f"no answers found in {', '.join(inputs)}: looked for audio "
            f"({', '.join(sorted(AUDIO_SUFFIXES))}) and text (.txt) files"
        )
    return tuple(answers.values())


def _add(answers: dict[str, AnswerSource], answer: AnswerSource) -> None:
    answers.setdefault(answer.source, answer)


def _source_for(source: str, person: str | None = None,
                question: Question | None = None) -> AnswerSource:
    kind = answer_kind(source)
    if kind is None:
        raise ConfigError(
            f"{source} is not an answer file: use audio "
            f"({', '.join(sorted(AUDIO_SUFFIXES))}) or text (.txt)"
        )
    return AnswerSource(source=source, kind=kind, person=person, question=question)


def _column(header: Iterable[str], names: tuple[str, ...]) -> str | None:
    lowered = {h.strip().lower(): h for h in header if h}
    for name in names:
        if name in lowered:
            return lowered[name]
    return None


def _question(value: str, *, where: str) -> Question | None:
    value = value.strip()
    if not value:
        return None
    if any(q.id == value for q in load_questions()):
        return get_question(value)
    if " " in value:
        return custom_question(value)
    known = ", ".join(q.id for q in load_questions())
    raise ConfigError(
        f"{where}: unknown question id {value!r}; use a bank id ({known}) "
        "or write the question out in full"
    )


def read_manifest(path: str | Path) -> tuple[AnswerSource, ...]:
    """Read a manifest CSV: one answer per row, with its person and question.

    The header names the columns (case-insensitive): ``file`` (or ``path``/``audio``/``url``;
    required) is a path relative to the manifest's folder, an absolute path, or an http(s)
    URL; ``person`` (or ``name``/``candidate``/``student``) is who answered; ``question`` (or
    ``question_id``) is a bank question id (``voice-coach questions``) or the question's text.
    Other columns are ignored. Empty lines are skipped.

    Raises
    ------
    ConfigError
        If the file cannot be read, has no file column, or a row names an unknown question
        id, an empty file or a file that is neither audio nor text.
    """
    manifest = Path(path).expanduser()
    try:
        raw = manifest.read_text(encoding="utf-8-sig")
    except FileNotFoundError as err:
        raise ConfigError(f"manifest not found: {manifest}") from err
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"cannot read the manifest {manifest}: {err}") from err
    reader = csv.DictReader(raw.splitlines())
    header = reader.fieldnames or []
    file_col = _column(header, _FILE_COLUMNS)
    if file_col is None:
        raise ConfigError(
            f"the manifest {manifest} has no file column: its header is "
            f"{', '.join(header) or '(empty)'}; name one column 'file'"
        )
    person_col = _column(header, _PERSON_COLUMNS)
    question_col = _column(header, _QUESTION_COLUMNS)
    base = manifest.resolve().parent
    rows: list[AnswerSource] = []
    for line, row in enumerate(reader, start=2):
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue
        where = f"{manifest.name} line {line}"
        value = (row.get(file_col) or "").strip()
        if not value:
            raise ConfigError(f"{where}: the {file_col!r} column is empty")
        if is_url(value):
            source = value
        else:
            candidate = Path(value).expanduser()
            source = str((candidate if candidate.is_absolute() else base / candidate).resolve())
        person = (row.get(person_col) or "").strip() or None if person_col else None
        question = _question(row.get(question_col) or "", where=where) if question_col else None
        try:
            rows.append(_source_for(source, person, question))
        except ConfigError as err:
            raise ConfigError(f"{where}: {err}") from err
    return tuple(rows)
