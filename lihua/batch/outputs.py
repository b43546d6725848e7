"""Writing the batch outputs: scores.csv, reports.jsonl and report.html, safely.

- Nothing is overwritten by surprise: existing reports are refused before any grading starts
  (unless `--force`), and the final move refuses again if a report appeared in the meantime.
- Atomic: each output is written to a hidden temporary file in the same folder, synced to the
  disk and moved into place at the end, so a crash or Ctrl-C never leaves a half-written report
  under the real name; when a write fails (a full disk) every temporary file is removed.
- Excel-friendly CSV: UTF-8 with a BOM (so Chinese names show correctly), CRLF rows, quoting,
  and a leading apostrophe for text cells that Excel would run as a formula (= + - @).
"""

from __future__ import annotations

import csv
import os
import tempfile
from contextlib import suppress
from pathlib import Path
from typing import IO, Any

from lihua.batch.html_report import read_section_lines, write_class_report, write_section_line
from lihua.batch.summary import ClassSummary
from lihua.batch.worker import CSV_COLUMNS

SCORES, REPORTS, HTML = "scores.csv", "reports.jsonl", "report.html"
REPORT_FILES = (SCORES, REPORTS, HTML)
_UMASK = os.umask(0o022)
os.umask(_UMASK)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class OutputExists(Exception):
    """A report is already there and `--force` was not given."""


def existing_reports(out_dir: Path) -> list[Path]:
    """Report files already in `out_dir` (checked before grading, so no work is wasted)."""
    return [out_dir / name for name in REPORT_FILES if (out_dir / name).exists() or (out_dir / name).is_symlink()]


def excel_safe(value: Any) -> Any:
    """A cell Excel shows as written: text that looks like a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return "" if value is None else value


class BatchWriter:
    """Streams results into temporary files, then moves the finished reports into place."""

    def __init__(self, out_dir: Path, *, force: bool = False) -> None:
        self.out_dir = out_dir
        self.force = force
        out_dir.mkdir(parents=True, exist_ok=True)
        self._temps: dict[str, Path] = {}
        self._handles: list[IO[str]] = []
        try:
            self._csv_file = self._open(SCORES, bom=True)
            self._csv = csv.writer(self._csv_file, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
            self._csv.writerow(CSV_COLUMNS)
            self._jsonl = self._open(REPORTS)
            self._sections = self._open("sections")
        except BaseException:
            self.abort()
            raise

    def _open(self, name: str, *, bom: bool = False) -> IO[str]:
        fd, temp = tempfile.mkstemp(dir=self.out_dir, prefix=f".{name}.", suffix=".tmp")
        self._temps[name] = Path(temp)
        handle = os.fdopen(fd, "w", encoding="utf-8", errors="replace", newline="")  # a stray surrogate never stops a class
        self._handles.append(handle)
        os.chmod(temp, 0o666 & ~_UMASK)  # mkstemp makes 0600; a report is as readable as any file the user saves
        if bom:
            handle.write("\ufeff")
        return handle

    def add(self, result: dict[str, Any]) -> None:
        """Append one letter's row, JSON line and HTML section."""
        self._csv.writerow([excel_safe(value) for value in result["row"]])
        self._jsonl.write(result["json"] + "\n")
        write_section_line(self._sections, result["html"])

    def finish(self, summary: ClassSummary, *, prompt: Any = None) -> list[Path]:
        """Write report.html from the spooled sections and move all three reports into place."""
        for handle in (self._csv_file, self._jsonl):
            _close_synced(handle)
        self._sections.close()  # only read back below, never published
        html = self._open(HTML)
        with self._temps["sections"].open(encoding="utf-8") as spool:
            write_class_report(html, summary, read_section_lines(spool), prompt=prompt)
        _close_synced(html)
        written = []
        for name in REPORT_FILES:
            target = self.out_dir / name
            self._publish(self._temps[name], target)
            written.append(target)
        self._temps["sections"].unlink(missing_ok=True)
        return written

    def _publish(self, temp: Path, target: Path) -> None:
        if self.force:
            os.replace(temp, target)
            return
        try:
            os.link(temp, target)  # fails if target exists: never clobbers a report made meanwhile
        except FileExistsError:
            raise OutputExists(f"{target} appeared while grading; not overwritten (use --force)") from None
        except OSError:  # a file system without hard links
            if target.exists():
                raise OutputExists(f"{target} appeared while grading; not overwritten (use --force)") from None
            os.replace(temp, target)
            return
        temp.unlink()

    def abort(self) -> None:
        """Remove every temporary file (after an error); never raises, so the first error is the one shown."""
        for handle in self._handles:
            with suppress(OSError):
                handle.close()  # flushing onto a full disk fails again; the descriptor is closed all the same
        for temp in self._temps.values():
            with suppress(OSError):
                temp.unlink(missing_ok=True)


def _close_synced(handle: IO[str]) -> None:
    """Flush and fsync before the rename publishes the file: after a power cut, whole or absent."""
    handle.flush()
    os.fsync(handle.fileno())
    handle.close()
