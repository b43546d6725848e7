"""The practice history: schema migration, several writers at once, a corrupt file set aside,
and the `lihua history` commands (list, --stats, export) on real databases in a temporary LIHUA_HOME.
"""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from lihua.practice.history import SCHEMA_VERSION, History, HistoryError, history_path
from tests.support import run_lihua

FINDING = {"rule_id": "learner.verb.look-forward-to-ing", "source": "lihua", "category": "grammar",
           "severity": "error", "message": "After 'look forward to', use -ing: 'seeing'.", "text": "see",
           "replacements": ["seeing"]}
COMMA = {"rule_id": "learner.punctuation.comma", "source": "lihua", "category": "punctuation",
         "severity": "warning", "message": "Put a comma after the salutation.", "text": "Dear Chris",
         "replacements": ["Dear Chris,"]}

# The schema exactly as lihua's first history release created it (user_version 1)
V1_SCHEMA = """
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
);
CREATE INDEX attempts_created ON attempts (created);
PRAGMA user_version = 1;
"""


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("LIHUA_HOME", str(tmp_path))
    return tmp_path


def lihua(home: Path, *args: str):
    return run_lihua(*args, env={"LIHUA_HOME": str(home)})


def add(history: History, total: float, findings: list[dict], *, prompt_id: str = "invite-dragon-boat",
        revision_of: int | None = None, created: str = "2025-03-01T08:00:00+00:00") -> int:
    return history.add(prompt_id=prompt_id, text=f"Dear Chris,\n\nA letter worth {total}.\n\nYours,\nLi Hua",
                       word_count=4, total=total, band=3, scale=15, findings=findings, revision_of=revision_of,
                       created=created)


def test_lihua_home_decides_where_the_history_lives(home):
    assert history_path() == home / "history.sqlite3"
    with History() as history:
        add(history, 9, [])
    assert (home / "history.sqlite3").is_file()


# ------------------------------------------------------------------------------------- migration


def test_a_version_1_database_is_migrated_keeping_every_row(home):
    path = home / "history.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(V1_SCHEMA)
        db.execute("INSERT INTO attempts (created, prompt_id, text, word_count, total, band, scale, findings)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   ("2024-05-01T10:00:00+00:00", "invite-dragon-boat", "Dear Chris,\n\nOld letter.", 2, 8.0, 3, 15,
                    json.dumps([FINDING, FINDING, COMMA])))
        db.execute("INSERT INTO attempts (created, prompt_id, text, word_count, total, band, scale)"
                   " VALUES ('2024-05-02T10:00:00+00:00', NULL, 'Free practice.', 2, NULL, NULL, NULL)")
    db.close()

    with History() as history:
        version = history.db.execute("PRAGMA user_version").fetchone()[0]
        columns = {row[1] for row in history.db.execute("PRAGMA table_info(attempts)")}
        old, free = history.attempts()
        new_id = add(history, 11, [], revision_of=old.id)
        revision = history.attempts()[-1]

    assert version == SCHEMA_VERSION == 2
    assert {"categories", "revision_of"} <= columns
    assert (old.id, old.created, old.prompt_id, old.text, old.total, old.scale) == (
        1, "2024-05-01T10:00:00+00:00", "invite-dragon-boat", "Dear Chris,\n\nOld letter.", 8.0, 15)
    assert old.findings == [FINDING, FINDING, COMMA]
    assert old.categories == {"grammar": 2, "punctuation": 1}  # filled in for old rows by the migration
    assert old.revision_of is None
    assert (free.prompt_id, free.total, free.findings, free.categories) == (None, None, [], {})
    assert (new_id, revision.revision_of) == (3, 1)

    listing = lihua(home, "history")
    assert listing.returncode == 0, listing.stderr
    assert [line.split()[0] for line in listing.stdout.decode().splitlines()[1:]] == ["1", "2", "3"]


def test_opening_again_does_not_migrate_twice(home):
    with History() as history:
        add(history, 10, [FINDING])
    with History() as history:
        assert history.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert len(history.attempts()) == 1


def test_a_history_from_a_newer_lihua_is_refused_not_touched(home):
    path = home / "history.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(V1_SCHEMA.replace("user_version = 1", f"user_version = {SCHEMA_VERSION + 1}"))
    db.close()
    before = path.read_bytes()
    with pytest.raises(HistoryError, match="newer lihua"):
        History()
    done = lihua(home, "history")
    assert done.returncode == 2
    assert b"newer lihua" in done.stderr and done.stdout == b""
    assert path.read_bytes() == before
    assert sorted(p.name for p in home.iterdir() if "corrupt" in p.name) == []


# ----------------------------------------------------------------------------------- concurrency

WRITERS, EACH = 6, 25


def _write_many(path: str, writer: int, start) -> None:
    start.wait()  # every process opens (and may migrate) the fresh file at the same moment
    with History(Path(path)) as history:
        for n in range(EACH):
            history.add(prompt_id=f"writer-{writer}", text=f"letter {writer}.{n}", word_count=2, total=float(n % 16),
                        band=3, scale=15, findings=[FINDING])


def test_several_processes_writing_at_once_lose_nothing(tmp_path):
    path = tmp_path / "history.sqlite3"
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(WRITERS)
    workers = [context.Process(target=_write_many, args=(str(path), w, start)) for w in range(WRITERS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=300)
    assert [worker.exitcode for worker in workers] == [0] * WRITERS

    with History(path) as history:
        attempts = history.attempts()
        mode = history.db.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    assert len(attempts) == WRITERS * EACH
    assert len({a.id for a in attempts}) == WRITERS * EACH
    assert {a.text for a in attempts} == {f"letter {w}.{n}" for w in range(WRITERS) for n in range(EACH)}
    assert not [p for p in tmp_path.iterdir() if "corrupt" in p.name]


# ------------------------------------------------------------------------------------ corruption


def test_a_file_that_is_not_a_database_is_set_aside_and_a_new_one_started(home):
    path = home / "history.sqlite3"
    junk = b"these are my notes, not a database\n" * 200
    path.write_bytes(junk)

    done = lihua(home, "history")
    assert done.returncode == 0
    assert "your practice history is empty" in done.stdout.decode()
    warning = done.stderr.decode()
    aside = [p for p in home.iterdir() if p.name.startswith("history.sqlite3.corrupt-")]
    assert len(aside) == 1
    assert aside[0].read_bytes() == junk  # renamed, never deleted or changed
    assert warning.count("\n") == 1
    assert f"lihua: warning: the practice history {path} is corrupt; moved it to {aside[0]}" in warning

    with History() as history:  # the new file works
        add(history, 12, [])
        assert len(history.attempts()) == 1


def test_a_damaged_page_is_found_at_open_and_the_file_set_aside(home):
    path = home / "history.sqlite3"
    with History() as history:
        for total in range(150):
            add(history, total % 16, [FINDING], created=f"2025-03-01T08:{total % 60:02d}:00+00:00")
    data = bytearray(path.read_bytes())
    data[4096:4096 + 200] = b"\xff" * 200  # the attempts table's root page
    path.write_bytes(bytes(data))

    warnings: list[str] = []
    with History(warn=warnings.append) as history:
        assert history.attempts() == []
    aside = [p for p in home.iterdir() if p.name.startswith("history.sqlite3.corrupt-") and "-wal" not in p.name
             and "-shm" not in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == bytes(data)
    assert len(warnings) == 1 and "is corrupt" in warnings[0]


def test_a_second_corrupt_file_does_not_overwrite_the_first_set_aside(home):
    path = home / "history.sqlite3"
    for junk in (b"first junk " * 100, b"second junk " * 100):
        path.write_bytes(junk)
        History().close()
    kept = sorted(p.read_bytes() for p in home.iterdir() if p.name.startswith("history.sqlite3.corrupt-"))
    assert kept == sorted([b"first junk " * 100, b"second junk " * 100])


# -------------------------------------------------------------------------------- list and stats


def test_empty_history_says_so_everywhere(home):
    listing = lihua(home, "history")
    assert (listing.returncode, listing.stdout.decode().strip()) == (
        0, "No attempts yet: your practice history is empty. Start with: lihua practice")
    stats = lihua(home, "history", "--stats")
    assert stats.returncode == 0 and "history is empty" in stats.stdout.decode()
    export = lihua(home, "history", "export", "--format", "json")
    assert export.returncode == 0
    assert json.loads(export.stdout) == {"schema": 1, "attempts": []}
    assert export.stderr.decode() == "lihua: warning: no attempts yet, so the export is empty; start with: lihua practice\n"


def test_list_filters_by_prompt_and_limit(home):
    with History() as history:
        first = add(history, 8, [FINDING])
        add(history, 11, [], revision_of=first)
        add(history, 20, [COMMA], prompt_id="advice-stress")
    lines = lihua(home, "history").stdout.decode().splitlines()
    assert lines[0].split() == ["#", "date", "(UTC)", "prompt", "words", "score", "band", "errors", "revises"]
    assert [line.split()[0] for line in lines[1:]] == ["1", "2", "3"]
    assert lines[1].split()[3:8] == ["invite-dragon-boat", "4", "8/15", "3", "1"]
    assert lines[2].split()[-1] == "#1"
    only = lihua(home, "history", "--prompt", "advice-stress").stdout.decode().splitlines()
    assert [line.split()[0] for line in only[1:]] == ["3"]
    last = lihua(home, "history", "-n", "2").stdout.decode().splitlines()
    assert [line.split()[0] for line in last[1:]] == ["2", "3"]
    none = lihua(home, "history", "--prompt", "thank-host")
    assert none.stdout.decode().strip() == "No attempts at thank-host yet. Start with: lihua practice thank-host"


def test_stats_chart_trend_and_frequent_categories_with_an_example(home):
    with History() as history:
        add(history, 7, [FINDING, FINDING, COMMA])
        add(history, 10, [FINDING, COMMA])
        add(history, 13, [FINDING])
    done = lihua(home, "history", "--stats")
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode()
    assert "\x1b[" not in out  # a pipe gets plain characters
    assert "Score per attempt" in out and "15-point scale" in out
    assert "#1" in out and "#3" in out  # x axis: attempt numbers as `lihua history` shows them
    assert "3 attempts · first 7/15 · best 13/15 (#3) · latest 13/15" in out
    mistakes = out.split("Most frequent mistakes", 1)[1].splitlines()[1:]
    assert mistakes[0].split()[:2] == ["grammar", "4"]
    assert "e.g. “see” → seeing: After 'look forward to', use -ing" in mistakes[0]
    assert mistakes[1].split()[:2] == ["punctuation", "2"]
    assert "“Dear Chris” → Dear Chris," in mistakes[1]


# ---------------------------------------------------------------------------------------- export


def _two_attempts(home: Path) -> None:
    with History() as history:
        first = add(history, 8, [FINDING, COMMA])
        add(history, 12.5, [], revision_of=first)


def test_export_json_holds_every_attempt_with_text_score_and_findings(home):
    _two_attempts(home)
    done = lihua(home, "history", "export", "--format", "json")
    assert done.returncode == 0
    data = json.loads(done.stdout)
    assert data["schema"] == 1
    first, second = data["attempts"]
    assert (first["id"], first["prompt_id"], first["total"], first["scale"], first["band"]) == (
        1, "invite-dragon-boat", 8.0, 15, 3)
    assert first["text"] == "Dear Chris,\n\nA letter worth 8.\n\nYours,\nLi Hua"
    assert first["findings"] == [FINDING, COMMA]
    assert first["categories"] == {"grammar": 1, "punctuation": 1}
    assert (second["total"], second["revision_of"], second["findings"]) == (12.5, 1, [])


def test_export_csv_to_a_file_never_overwrites_without_force(home, tmp_path):
    _two_attempts(home)
    out = tmp_path / "out" / "attempts.csv"
    out.parent.mkdir()
    done = lihua(home, "history", "export", "--format", "csv", "--out", str(out))
    assert done.returncode == 0 and done.stdout == b""
    assert done.stderr.decode() == f"Wrote {out}\n"
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["id"] for r in rows] == ["1", "2"]
    assert rows[0]["total"] == "8.0" and rows[1]["total"] == "12.5" and rows[1]["revision_of"] == "1"
    assert rows[0]["errors"] == "1" and json.loads(rows[0]["categories"]) == {"grammar": 1, "punctuation": 1}
    assert json.loads(rows[0]["findings"]) == [FINDING, COMMA]
    assert rows[0]["text"] == "Dear Chris,\n\nA letter worth 8.\n\nYours,\nLi Hua"

    out.write_text("my own notes", encoding="utf-8")
    refused = lihua(home, "history", "export", "--format", "csv", "--out", str(out))
    assert refused.returncode == 2
    assert refused.stderr.decode() == f"lihua: {out} exists; use --force to replace it\n"
    assert out.read_text(encoding="utf-8") == "my own notes"

    forced = lihua(home, "history", "export", "--format", "json", "--out", str(out), "--force")
    assert forced.returncode == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))["attempts"]) == 2

    folder = lihua(home, "history", "export", "--out", str(tmp_path))
    assert folder.returncode == 2 and b"is a folder" in folder.stderr


def test_export_csv_cells_cannot_start_a_formula(home):
    with History() as history:
        history.add(prompt_id=None, text="=HYPERLINK(\"http://x\")", word_count=1, total=None, band=None, scale=None,
                    findings=[])
    rows = list(csv.reader(io.StringIO(lihua(home, "history", "export").stdout.decode())))
    assert rows[1][rows[0].index("text")] == "'=HYPERLINK(\"http://x\")"


# --------------------------------------------------------------- a history lihua cannot open or read


def read_only_folder(tmp_path: Path) -> Path:
    """A folder this process cannot write to: chmod for a normal user, a read-only tmpfs for root."""
    import os
    import subprocess

    folder = tmp_path / "read-only"
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o500)
        return folder
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"root ignores chmod and cannot mount a read-only tmpfs here ({mounted.stderr.decode().strip()})")
    return folder


@pytest.fixture
def unusable_home(request, tmp_path: Path):
    """(LIHUA_HOME, the path the one line must name) for each way the history cannot be opened."""
    import subprocess

    kind = request.param
    if kind == "history-is-a-folder":
        (tmp_path / "history.sqlite3").mkdir()
        yield tmp_path, tmp_path / "history.sqlite3"
    elif kind == "home-is-a-file":
        (tmp_path / "home").write_text("not a folder", encoding="utf-8")
        yield tmp_path / "home", tmp_path / "home"
    elif kind == "home-cannot-be-created":
        (tmp_path / "file").write_text("not a folder", encoding="utf-8")
        yield tmp_path / "file" / "lihua", tmp_path / "file" / "lihua"
    elif kind == "home-is-read-only":
        folder = read_only_folder(tmp_path)
        try:
            yield folder, folder
        finally:
            subprocess.run(["umount", str(folder)], capture_output=True)
            folder.chmod(0o700)


@pytest.mark.parametrize("unusable_home", ["history-is-a-folder", "home-is-a-file", "home-cannot-be-created",
                                           "home-is-read-only"], indirect=True)
@pytest.mark.parametrize("command", [["history"], ["history", "export"]])
def test_a_history_that_cannot_be_opened_is_one_line_not_a_traceback(unusable_home, command) -> None:
    home, named = unusable_home
    done = lihua(home, *command)
    stderr = done.stderr.decode()
    assert done.returncode == 2, stderr
    assert "Traceback" not in stderr and len(stderr.strip().splitlines()) == 1, stderr
    assert stderr.startswith("lihua: ") and str(named) in stderr and "LIHUA_HOME" in stderr


def test_a_full_disk_when_the_history_is_created_is_one_line(full_disk) -> None:
    if full_disk.kind == "tmpfs":
        full_disk.fill()
    else:
        full_disk.limit = 0  # not even the database header fits
    done = full_disk.run("history", env={"LIHUA_HOME": str(full_disk.folder)})
    stderr = done.stderr.decode()
    assert done.returncode == 2, stderr
    assert "Traceback" not in stderr and len(stderr.strip().splitlines()) == 1, stderr
    assert str(full_disk.folder / "history.sqlite3") in stderr and "full" in stderr


def test_one_row_with_damaged_json_is_shown_without_its_findings_and_named_once(home) -> None:
    """Row-level damage: the rest of the history is fine, so nothing is set aside; the row is named."""
    with History() as history:
        add(history, 8, [FINDING])
        add(history, 12, [FINDING, COMMA])
        history.db.execute("UPDATE attempts SET findings = '[{\"rule_id\": \"learner.', categories = 'nope' WHERE id = 1")
    for command in (["history"], ["history", "--stats"], ["history", "export", "--format", "json"]):
        done = lihua(home, *command)
        stderr = done.stderr.decode()
        assert done.returncode == 0, stderr
        assert "Traceback" not in stderr and len(stderr.strip().splitlines()) == 1, stderr
        assert "attempt #1" in stderr and "damaged" in stderr and str(home / "history.sqlite3") in stderr
    exported = json.loads(lihua(home, "history", "export", "--format", "json").stdout)["attempts"]
    assert [a["id"] for a in exported] == [1, 2]
    assert exported[0]["findings"] == [] and exported[0]["total"] == 8  # its score and text are still there
    assert exported[1]["findings"] == [FINDING, COMMA]
    assert not [p for p in home.iterdir() if "corrupt" in p.name]  # one bad row is no reason to set the file aside


def test_a_damaged_row_does_not_stop_the_migration_from_version_1(home) -> None:
    path = home / "history.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(V1_SCHEMA)
    db.execute("INSERT INTO attempts (created, prompt_id, text, word_count, total, band, scale, findings) VALUES "
               "('2025-03-01T08:00:00+00:00', 'invite-dragon-boat', 'Dear Chris', 2, 8, 3, 15, '[{oops')")
    db.commit()
    db.close()
    warnings: list[str] = []
    with History(warn=warnings.append) as history:
        attempts = history.attempts()
        assert history.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert [(a.id, a.total, a.findings, a.categories) for a in attempts] == [(1, 8, [], {})]
    assert len(warnings) == 1 and "attempt #1" in warnings[0]
