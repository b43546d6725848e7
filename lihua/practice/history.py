"""The practice history: every graded attempt in one SQLite file in the user's data folder.

Why SQLite: one file, safe for several `lihua practice` windows at once (WAL + busy timeout), and
queryable for the score trend. The schema version lives in `PRAGMA user_version`; `MIGRATIONS`
is an ordered list, each step run once inside a write transaction. A file that is not a database
(or is corrupt) is renamed aside, never deleted, and a fresh one is started with one warning.
Damage inside one row (its findings no longer JSON) is no reason to set aside every other attempt:
that row is read without its findings, and named in one warning. A history that cannot be opened
at all (a folder in its place, a read-only or full disk) is a `HistoryError` with one line.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

DB_NAME = "history.sqlite3"
_ELSEWHERE = "set LIHUA_HOME to a folder you can write to"
BUSY_TIMEOUT_MS = 30_000  # a second practice window may be writing; wait, don't fail


class HistoryError(Exception):
    """The history cannot be used (e.g. written by a newer lihua); the message is for the user."""


class CorruptHistory(sqlite3.DatabaseError):
    """`PRAGMA quick_check` found damage that opening the file did not."""


def data_home() -> Path:
    """Where lihua keeps the student's data: `LIHUA_HOME`, else the platform's user data folder."""
    override = os.environ.get("LIHUA_HOME")
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("lihua"))


def history_path() -> Path:
    return data_home() / DB_NAME


# ----------------------------------------------------------------------------------- migrations


def _v1_attempts(db: sqlite3.Connection) -> None:
    """v1: one row per graded attempt."""
    db.execute("""
        CREATE TABLE attempts (
            id INTEGER PRIMARY KEY,
            created TEXT NOT NULL,
            prompt_id TEXT,
            text TEXT NOT NULL,
            word_count INTEGER NOT NULL,
            total REAL,
            band INTEGER,
            scale INTEGER,
            findings TEXT NOT NULL DEFAULT '[]'
        )""")
    db.execute("CREATE INDEX attempts_created ON attempts (created)")


def _v2_categories_and_revisions(db: sqlite3.Connection) -> None:
    """v2: per-category counts (for --stats without parsing every findings list) and revision links."""
    db.execute("ALTER TABLE attempts ADD COLUMN categories TEXT NOT NULL DEFAULT '{}'")
    db.execute("ALTER TABLE attempts ADD COLUMN revision_of INTEGER REFERENCES attempts (id)")
    rows = db.execute("SELECT id, findings FROM attempts").fetchall()
    for row_id, findings in rows:
        db.execute("UPDATE attempts SET categories = ? WHERE id = ?",
                   (json.dumps(count_categories(_findings(findings) or [])), row_id))


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1_attempts, _v2_categories_and_revisions]
SCHEMA_VERSION = len(MIGRATIONS)


def count_categories(findings: list[dict[str, Any]]) -> dict[str, int]:
    """How many findings of each category (what `history --stats` ranks)."""
    return dict(Counter(str(f.get("category", "other")) for f in findings))


# -------------------------------------------------------------------------------------- records


@dataclass
class Attempt:
    """One graded letter as stored."""

    id: int
    created: str  # UTC, ISO 8601
    prompt_id: str | None
    text: str
    word_count: int
    total: float | None
    band: int | None
    scale: int | None
    findings: list[dict[str, Any]] = field(default_factory=list)
    categories: dict[str, int] = field(default_factory=dict)
    revision_of: int | None = None

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.get("severity") == "error")

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "created": self.created, "prompt_id": self.prompt_id, "text": self.text,
                "word_count": self.word_count, "total": self.total, "band": self.band, "scale": self.scale,
                "findings": self.findings, "categories": self.categories, "revision_of": self.revision_of}


_COLUMNS = "id, created, prompt_id, text, word_count, total, band, scale, findings, categories, revision_of"


def _attempt(row: tuple) -> tuple[Attempt, bool]:
    """The Attempt, and whether its row was damaged (findings or categories not what lihua wrote)."""
    (row_id, created, prompt_id, text, words, total, band, scale, findings, categories, revision_of) = row
    found, counts = _findings(findings), _categories(categories)
    attempt = Attempt(row_id, created, prompt_id, text, words, total, band, scale, found or [],
                      counts if counts is not None else count_categories(found or []), revision_of)
    return attempt, found is None or counts is None


def _findings(stored: str | None) -> list[dict[str, Any]] | None:
    """A row's findings, or None when they are no longer the JSON list lihua wrote."""
    value = _json(stored, "[]")
    return value if isinstance(value, list) and all(isinstance(f, dict) for f in value) else None


def _categories(stored: str | None) -> dict[str, int] | None:
    value = _json(stored, "{}")
    return value if isinstance(value, dict) and all(isinstance(n, int) for n in value.values()) else None


def _json(stored: str | None, empty: str) -> Any:
    try:
        return json.loads(stored or empty)
    except (TypeError, ValueError, RecursionError):
        return None


# ---------------------------------------------------------------------------------------- store


class History:
    """The attempts store. `warn` receives one line when a corrupt file had to be set aside."""

    def __init__(self, path: Path | None = None, *, warn: Callable[[str], None] | None = None) -> None:
        self.path = Path(path) if path is not None else history_path()
        self._warn = warn or (lambda message: None)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:  # LIHUA_HOME is a file, or under one, or on a read-only disk
            raise HistoryError(f"cannot make the folder {self.path.parent} for the practice history "
                               f"({error.strerror or error}); {_ELSEWHERE}") from None
        try:
            self.db = self._open_or_start_again()
        except sqlite3.Error as error:
            raise HistoryError(self._cannot_open(error)) from None
        except OSError as error:  # setting a corrupt file aside failed (a read-only folder)
            raise HistoryError(f"the practice history {self.path} is corrupt and cannot be moved aside "
                               f"({error.strerror or error}); {_ELSEWHERE}") from None

    def _open_or_start_again(self) -> sqlite3.Connection:
        try:
            return self._open()
        except sqlite3.DatabaseError as error:
            if not _is_corrupt(error):
                raise
            self._set_aside()
            return self._open()

    def _cannot_open(self, error: sqlite3.Error) -> str:
        """One line: what stops lihua from using the history file, and what the student can do."""
        if self.path.is_dir():
            return f"{self.path} is a folder, not lihua's history file; move it away, or {_ELSEWHERE}"
        code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
        if code == sqlite3.SQLITE_FULL:
            return f"cannot write the practice history {self.path}: the disk is full; free some space, or {_ELSEWHERE}"
        if code == sqlite3.SQLITE_IOERR:
            return (f"cannot write the practice history {self.path} ({error}: a full disk or a file-size limit?); "
                    f"free some space, or {_ELSEWHERE}")
        return f"cannot open the practice history {self.path} ({error}); lihua must be able to write there: {_ELSEWHERE}"

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self._refuse_newer(db)  # before anything writes to the file, even the journal mode
            _use_wal(db)
            db.execute("PRAGMA foreign_keys = ON")
            # every page, cheaply (a student's history is small): a damaged table page would otherwise
            # surface only later, in the middle of a listing
            problems = [row[0] for row in db.execute("PRAGMA quick_check").fetchall()]
            if problems != ["ok"]:
                raise CorruptHistory("; ".join(problems[:3]))
            self._migrate(db)
        except BaseException:
            db.close()
            raise
        return db

    def _refuse_newer(self, db: sqlite3.Connection) -> None:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise HistoryError(f"{self.path} was written by a newer lihua (schema {version}, this one knows "
                               f"{SCHEMA_VERSION}); upgrade lihua or set LIHUA_HOME to another folder")

    def _migrate(self, db: sqlite3.Connection) -> None:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version == SCHEMA_VERSION:
            return
        db.execute("BEGIN IMMEDIATE")  # one writer migrates; others wait, then see the new version
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            for step, migrate in enumerate(MIGRATIONS[version:], start=version + 1):
                migrate(db)
                db.execute(f"PRAGMA user_version = {step}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def _set_aside(self) -> None:
        """Rename the corrupt file (and its WAL/SHM) so the student's data can still be rescued."""
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while target.exists():
            n += 1
            target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
        os.replace(self.path, target)
        for suffix in ("-wal", "-shm"):
            side = self.path.with_name(self.path.name + suffix)
            if side.exists():
                os.replace(side, target.with_name(target.name + suffix))
        self._warn(f"the practice history {self.path} is corrupt; moved it to {target} and started a new one")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add(self, *, prompt_id: str | None, text: str, word_count: int, total: float | None, band: int | None,
            scale: int | None, findings: list[dict[str, Any]], revision_of: int | None = None,
            created: str | None = None) -> int:
        """Store one attempt; returns its id."""
        created = created or datetime.now(UTC).isoformat(timespec="seconds")
        cursor = self.db.execute(
            "INSERT INTO attempts (created, prompt_id, text, word_count, total, band, scale, findings, categories,"
            " revision_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (created, prompt_id, text, word_count, total, band, scale, json.dumps(findings, ensure_ascii=False),
             json.dumps(count_categories(findings)), revision_of))
        return int(cursor.lastrowid or 0)

    def add_report(self, report: Any, *, revision_of: int | None = None) -> int:
        """Store a graded Report (text, score, findings)."""
        score = report.score
        return self.add(prompt_id=report.prompt_id, text=report.letter.text, word_count=report.word_count,
                        total=score.total if score else None, band=score.band if score else None,
                        scale=score.scale if score else None, findings=[f.to_dict() for f in report.findings],
                        revision_of=revision_of)

    def attempts(self, *, prompt_id: str | None = None, limit: int | None = None) -> list[Attempt]:
        """Attempts oldest first (the last `limit` of them when given)."""
        where, args = ("WHERE prompt_id = ?", [prompt_id]) if prompt_id else ("", [])
        rows = self.db.execute(f"SELECT {_COLUMNS} FROM attempts {where} ORDER BY id DESC"
                               + (" LIMIT ?" if limit else ""), [*args, *([limit] if limit else [])]).fetchall()
        read = [_attempt(row) for row in reversed(rows)]
        damaged = [attempt.id for attempt, is_damaged in read if is_damaged]
        if damaged:
            which = ", ".join(f"#{n}" for n in damaged)
            self._warn(f"attempt{'s' if len(damaged) > 1 else ''} {which} in {self.path} "
                       f"{'are' if len(damaged) > 1 else 'is'} damaged (findings not readable); shown without them")
        return [attempt for attempt, _ in read]


def _use_wal(db: sqlite3.Connection) -> None:
    """Switch the file to WAL. SQLite answers 'database is locked' at once, without waiting, when
    another process is switching the same new file at that moment; so wait and try again here."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _is_corrupt(error: sqlite3.DatabaseError) -> bool:
    """Not a database, or a damaged one (a locked database is *not* corrupt: that just waits)."""
    if isinstance(error, CorruptHistory):
        return True
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT)
    return "not a database" in str(error) or "malformed" in str(error)
