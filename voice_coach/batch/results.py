"""The results folder of a batch: one JSON report per answer, found again by its job key.

Layout::

    RESULTS_DIR/
      answers/<file stem>-<key>.json   # the single-answer JSON report plus a "batch" block
      summary.csv, summary.html, summary.json

Reports are written atomically (a temporary file renamed into place), so an interrupted run
leaves either a whole report or none: a rerun reuses the whole ones and analyses the rest.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from voice_coach.errors import StorageError

__all__ = ["ANSWERS_FOLDER", "ResultsFolder"]

logger = logging.getLogger(__name__)

#: Sub-folder of the per-answer reports.
ANSWERS_FOLDER = "answers"
#: Longest file-stem prefix kept in a report's file name.
_STEM_CHARS = 60
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_KEY = re.compile(r"[0-9a-f]{8,64}")


class ResultsFolder:
    """Read and write a batch's results folder.

    Parameters
    ----------
    root : str or Path
        The folder (created when missing).

    Raises
    ------
    StorageError
        If the folder cannot be created.
    """

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root).expanduser().resolve()
        self.answers = self.root / ANSWERS_FOLDER
        try:
            self.answers.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise StorageError(
                f"cannot create the results folder {self.root}: {err.strerror or err}"
            ) from err
        if not os.access(self.answers, os.W_OK):
            raise StorageError(f"the results folder {self.answers} is not writable")

    def existing(self) -> dict[str, Path]:
        """Return the saved reports by job key."""
        found: dict[str, Path] = {}
        for path in self.answers.glob("*.json"):
            key = path.stem.rsplit("-", 1)[-1]
            if not path.name.startswith(".") and _KEY.fullmatch(key):
                found[key] = path
        return found

    def report_path(self, key: str, name: str) -> Path:
        """Return where the report of job ``key`` for the file ``name`` goes."""
        stem = _UNSAFE.sub("_", Path(name).stem)[:_STEM_CHARS].strip("._") or "answer"
        return self.answers / f"{stem}-{key}.json"

    def relative(self, path: Path) -> str:
        """Return ``path`` relative to the results folder, with forward slashes."""
        return path.relative_to(self.root).as_posix()

    def write_report(self, path: Path, report: dict[str, Any]) -> None:
        """Write one report atomically.

        Raises
        ------
        StorageError
            If the file cannot be written.
        """
        self.write_text(path, json.dumps(report, ensure_ascii=False, indent=2) + "\n")

    def read_report(self, path: Path) -> dict[str, Any] | None:
        """Return a saved report, or None (logged) when it is unreadable or not JSON."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            logger.warning("ignoring the unreadable report %s: %s", path, err)
            return None
        return data if isinstance(data, dict) else None

    def write_text(self, path: Path, text: str) -> None:
        """Write a text file atomically (temporary file in the same folder, then rename).

        Raises
        ------
        StorageError
            If the file cannot be written.
        """
        path = Path(path)
        try:
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=path.suffix, dir=path.parent)
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
            os.replace(tmp, path)
        except OSError as err:
            raise StorageError(f"cannot write {path}: {err.strerror or err}") from err
