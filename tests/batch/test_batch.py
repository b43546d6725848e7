"""`lihua batch`: a class folder with good and bad files gives complete outputs; nothing is overwritten.

The fixture folder tests/fixtures/batch holds a UTF-8, a GBK and a UTF-16 letter, a .docx, a .md
in a subfolder, a PNG renamed .txt and an empty file. The unreadable file is made in each test:
tests run as root, where chmod 000 still reads, so it is a dangling symlink `08_gone.txt`
(plus a chmod-000 file when not running as root).
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lihua.batch.outputs import excel_safe
from lihua.batch.run import BatchInputError, discover, natural_key
from tests.support import FIXTURES, ROOT, run_lihua

BATCH = FIXTURES / "batch"
PROMPT = "invite-dragon-boat"
GOOD = ["01_wang_fang", "02_zhang_wei", "03_li_na", "04_chen_jie", "07_zhao_lei"]


def class_folder(tmp_path: Path) -> Path:
    """A copy of the fixture class plus the unreadable file(s)."""
    folder = tmp_path / "class"
    shutil.copytree(BATCH, folder)
    (folder / "08_gone.txt").symlink_to(tmp_path / "does-not-exist.txt")
    if os.geteuid() != 0:
        locked = folder / "09_locked.txt"
        locked.write_text("Dear Chris,\n\nHello.\n\nYours,\nLi Hua\n", encoding="utf-8")
        locked.chmod(0)
    return folder


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the UTF-8 BOM to show Chinese names"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


@pytest.fixture(scope="module")
def class_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess, Path, Path]:
    tmp = tmp_path_factory.mktemp("batch")
    folder = class_folder(tmp)
    out = tmp / "out"
    done = run_lihua("batch", str(folder), "--prompt", PROMPT, "--out", str(out), "--jobs", "2")
    return done, folder, out


def test_mixed_class_folder_grades_every_good_file_and_lists_every_bad_one(class_run) -> None:
    done, folder, out = class_run
    assert done.returncode == 1, done.stderr.decode()  # some files failed
    rows = read_csv(out / "scores.csv")
    by_student = {row["student_id"]: row for row in rows}
    bad = {"05_photo", "06_blank", "08_gone"} | ({"09_locked"} if os.geteuid() != 0 else set())
    assert set(by_student) == set(GOOD) | bad
    for student in GOOD:
        row = by_student[student]
        assert row["status"] == "graded" and row["error"] == ""
        assert int(row["word_count"]) > 20
        assert row["total"] != "" and row["band"] != ""
        assert int(row["errors"]) + int(row["warnings"]) + int(row["suggestions"]) >= 0
    assert "PNG image" in by_student["05_photo"]["error"]
    assert "empty" in by_student["06_blank"]["error"]
    assert "no such file" in by_student["08_gone"]["error"]
    for student in bad:
        assert by_student[student]["status"] == "failed" and by_student[student]["total"] == ""
    # grammar mistakes in the letters are counted per category
    assert int(by_student["02_zhang_wei"]["findings_grammar"]) >= 1
    # path order, numbers compared as numbers (s2 before s10), subfolders after their files
    assert [row["file"] for row in rows] == sorted((row["file"] for row in rows), key=natural_key)
    assert rows[-1]["student_id"] == "07_zhao_lei"

    reports = [json.loads(line) for line in (out / "reports.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(reports) == len(rows)
    graded = {r["student"]: r for r in reports if "error" not in r}
    assert set(graded) == set(GOOD)
    assert graded["02_zhang_wei"]["encoding"] == "gb18030"
    assert graded["03_li_na"]["encoding"] == "utf-16"
    assert graded["04_chen_jie"]["encoding"] == "docx"
    for report in graded.values():  # the same schema as `lihua grade --format json`
        assert report["schema"] == 1 and report["prompt"] == PROMPT
        assert {"letter", "findings", "summary", "word_count", "score"} <= set(report)
    failed = {r["student"]: r["error"] for r in reports if "error" in r}
    assert set(failed) == bad

    html = (out / "report.html").read_text(encoding="utf-8")
    for student in GOOD + sorted(bad):
        assert f">{student}" in html
    assert "a PNG image, not a text letter" in html and "Files that could not be graded" in html

    stdout = done.stdout.decode()
    assert f"graded {len(GOOD)} of {len(rows)} letters" in stdout
    for student in bad:
        assert student in stdout


def test_reports_are_written_whole_with_no_temporary_files_left(class_run) -> None:
    _, _, out = class_run
    assert sorted(p.name for p in out.iterdir()) == ["report.html", "reports.jsonl", "scores.csv"]


def test_existing_reports_are_never_overwritten_without_force(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    notes = out / "scores.csv"
    notes.write_text("the teacher's own marks\n", encoding="utf-8")
    letter = BATCH / "01_wang_fang.txt"
    done = run_lihua("batch", str(letter), "--prompt", PROMPT, "--out", str(out), "--jobs", "1")
    assert done.returncode == 2
    assert "already exist" in done.stderr.decode() and "--force" in done.stderr.decode()
    assert notes.read_text(encoding="utf-8") == "the teacher's own marks\n"
    assert sorted(p.name for p in out.iterdir()) == ["scores.csv"]  # refused before any grading

    done = run_lihua("batch", str(letter), "--prompt", PROMPT, "--out", str(out), "--jobs", "1", "--force")
    assert done.returncode == 0, done.stderr.decode()
    assert [row["student_id"] for row in read_csv(notes)] == ["01_wang_fang"]


def test_usage_errors_exit_2_before_grading(tmp_path: Path) -> None:
    missing = run_lihua("batch", str(tmp_path / "nope"), "--prompt", PROMPT, "--out", str(tmp_path / "o"))
    assert missing.returncode == 2 and "no such file or folder" in missing.stderr.decode()
    no_prompt = run_lihua("batch", str(BATCH), "--out", str(tmp_path / "o"), cwd=tmp_path)
    assert no_prompt.returncode == 2 and "--prompt" in no_prompt.stderr.decode()
    unknown = run_lihua("batch", str(BATCH), "--prompt", "no-such-task", "--out", str(tmp_path / "o"))
    assert unknown.returncode == 2
    assert not (tmp_path / "o").exists()
    (tmp_path / "a-file").write_text("mine", encoding="utf-8")
    not_a_folder = run_lihua("batch", str(BATCH), "--prompt", PROMPT, "--out", str(tmp_path / "a-file"))
    assert not_a_folder.returncode == 2 and "cannot write the reports there" in not_a_folder.stderr.decode()
    assert (tmp_path / "a-file").read_text(encoding="utf-8") == "mine"


def test_discover_takes_folders_globs_and_files_once_in_natural_order(tmp_path: Path) -> None:
    for name in ("s10.txt", "s2.txt", "s1.md", "notes.pdf", ".hidden.txt", "~$s3.docx"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "s3.docx").write_bytes(b"x")
    found = discover([str(tmp_path), str(tmp_path / "s2.txt"), str(tmp_path / "*.txt")])
    assert [Path(f).name for f in found] == ["s1.md", "s2.txt", "s10.txt", "s3.docx"]  # sub/ after the files
    # a file named on purpose is taken whatever its extension
    assert [Path(f).name for f in discover([str(tmp_path / "notes.pdf")])] == ["notes.pdf"]
    with pytest.raises(BatchInputError):
        discover([str(tmp_path / "missing-*.txt")])


@pytest.mark.parametrize(("cell", "shown"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+86 123", "'+86 123"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"),
    ("王芳", "王芳"), (12, 12), (None, ""),
])
def test_csv_cells_that_excel_would_run_as_formulas_are_defused(cell, shown) -> None:
    assert excel_safe(cell) == shown


def test_ctrl_c_stops_cleanly_and_keeps_what_was_finished(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    text = (BATCH / "01_wang_fang.txt").read_text(encoding="utf-8")
    for i in range(1500):
        (folder / f"s{i:04d}.txt").write_text(text.replace("Hangzhou", f"Hangzhou ({i})"), encoding="utf-8")
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "lihua", "batch", str(folder), "--prompt", PROMPT, "--out", str(out),
                                "--jobs", "2", "--no-reply"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    spool = None
    while process.poll() is None:  # wait until some letters are graded (the JSONL spool is flushed in 8 KB blocks)
        spool = next(iter(out.glob(".reports.jsonl.*.tmp")), None) if out.exists() else None
        if spool is not None and spool.stat().st_size > 0:
            break
        time.sleep(0.05)
    assert process.poll() is None, "the batch finished before it could be interrupted"
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr.decode()
    assert "stopped (Ctrl-C)" in stderr.decode() and "Traceback" not in stderr.decode()
    rows = read_csv(out / "scores.csv")
    assert 0 < len(rows) < 1500
    assert all(row["status"] == "graded" for row in rows)
    lines = (out / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(rows) and all(json.loads(line)["schema"] == 1 for line in lines)
    assert "Stopped early" in (out / "report.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in out.iterdir()) == ["report.html", "reports.jsonl", "scores.csv"]


def dead_server_url() -> str:
    """A URL on 127.0.0.1 where nothing listens (the port is free once the probe closes)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


@pytest.mark.parametrize("engines", ["harper,languagetool", "languagetool"])
def test_an_engine_asked_for_that_cannot_run_is_said_per_letter_and_in_the_exit_code(tmp_path: Path, engines) -> None:
    """LanguageTool down: the letters are graded with what works, every output says so, and exit is 1."""
    url = dead_server_url()
    letters = [str(BATCH / "01_wang_fang.txt"), str(BATCH / "02_zhang_wei.txt")]
    out = tmp_path / "out"
    done = run_lihua("batch", *letters, "--prompt", PROMPT, "--out", str(out), "--jobs", "1",
                     "--engine", engines, "--lt-url", url)
    stderr = done.stderr.decode()
    assert done.returncode == 1, stderr
    assert "Traceback" not in stderr
    warnings = [line for line in stderr.splitlines() if "languagetool" in line]
    assert len(warnings) == 1, stderr  # one line for the class, not one per letter
    assert "2 of 2 letters" in warnings[0] and url in warnings[0] and "cannot connect" in warnings[0]
    rows = read_csv(out / "scores.csv")
    assert [row["status"] for row in rows] == ["graded", "graded"]  # graded with what works
    assert all(row["total"] != "" and "languagetool" in row["notes"] and url in row["notes"] for row in rows)
    reports = [json.loads(line) for line in (out / "reports.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [report["failed_engines"] for report in reports] == [["languagetool"], ["languagetool"]]
    assert all(any(note.startswith(f"languagetool: {url}: ") for note in report["notes"]) for report in reports)


def test_a_full_disk_is_one_line_and_leaves_no_hidden_temporary_files(tmp_path: Path, full_disk) -> None:
    """Before: three chained tracebacks, and the disk full of hidden `.tmp` spools."""
    folder = tmp_path / "class"
    folder.mkdir()
    text = (BATCH / "01_wang_fang.txt").read_text(encoding="utf-8")
    for i in range(12):  # their reports are far more than 64 KB
        (folder / f"s{i:02d}.txt").write_text(text, encoding="utf-8")
    out = full_disk.folder / "out"
    done = full_disk.run("batch", str(folder), "--prompt", PROMPT, "--out", str(out), "--jobs", "1")
    stderr = done.stderr.decode()
    assert done.returncode == 2, stderr
    assert "Traceback" not in stderr and len(stderr.strip().splitlines()) == 1, stderr
    assert stderr.startswith(f"lihua: {out}: cannot write the reports") and ("space" in stderr or "too large" in stderr)
    assert sorted(p.name for p in out.iterdir()) == []  # nothing half-written, no hidden spool left behind


def batch_processes(out: Path) -> list[str]:
    """Processes still running this batch (the parent or any worker: forked, so the same command line)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if str(out).encode() in command and b"lihua" in command:
                found.append(entry.name)
    return found


@pytest.mark.parametrize("target", ["parent", "group"])
def test_sigterm_stops_like_ctrl_c_keeps_the_finished_letters_and_leaves_no_worker(tmp_path: Path, target) -> None:
    """Before: every finished letter lost (0-byte `.tmp` spools left) and the workers left running.

    `group` is a `kill` of the whole process group (a service manager, a closed session): the
    workers die too, the pool forks new ones, and those must not swallow the pool's own SIGTERM.
    """
    folder = tmp_path / "many"
    folder.mkdir()
    text = (BATCH / "01_wang_fang.txt").read_text(encoding="utf-8")
    for i in range(800):
        (folder / f"s{i:04d}.txt").write_text(text.replace("Hangzhou", f"Hangzhou ({i})"), encoding="utf-8")
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "lihua", "batch", str(folder), "--prompt", PROMPT, "--out", str(out),
                                "--jobs", "2", "--no-reply"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True)
    while process.poll() is None:  # wait until some letters are graded
        spool = next(iter(out.glob(".reports.jsonl.*.tmp")), None) if out.exists() else None
        if spool is not None and spool.stat().st_size > 0:
            break
        time.sleep(0.05)
    assert process.poll() is None, "the batch finished before it could be stopped"
    if target == "group":
        os.killpg(process.pid, signal.SIGTERM)
    else:
        process.send_signal(signal.SIGTERM)
    try:
        _, stderr = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        raise
    assert process.returncode == 128 + signal.SIGTERM, stderr.decode()
    assert "stopped (SIGTERM)" in stderr.decode() and "Traceback" not in stderr.decode()
    rows = read_csv(out / "scores.csv")
    assert 0 < len(rows) < 800 and all(row["status"] == "graded" for row in rows)
    lines = (out / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(rows) and all(json.loads(line)["schema"] == 1 for line in lines)
    assert sorted(p.name for p in out.iterdir()) == ["report.html", "reports.jsonl", "scores.csv"]
    deadline = time.monotonic() + 10
    while batch_processes(out) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert batch_processes(out) == [], "worker processes outlived the batch"


# --- how many workers a batch starts ---------------------------------------------------------------

def test_a_batch_never_starts_more_workers_than_its_files_need_or_the_cores() -> None:
    from lihua.batch.run import CHUNK, default_jobs, worker_count

    cores = default_jobs()
    assert worker_count(16, 5) == min(cores, -(-5 // CHUNK))  # 5 files are 2 chunks: at most 2 workers
    assert worker_count(99999, 10_000) == cores
    assert worker_count(None, 1) == 1
    assert worker_count(1, 10_000) == 1


def test_a_config_asking_for_absurdly_many_jobs_is_one_line_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "lihua.toml").write_text("jobs = 99999\n", encoding="utf-8")
    letter = tmp_path / "a.txt"
    letter.write_text("Dear Chris,\n\nI like tea.\n\nYours,\nLi Hua\n", encoding="utf-8")
    done = run_lihua("batch", str(letter), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert done.returncode == 2
    lines = done.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "lihua.toml" in lines[0] and "jobs" in lines[0] and "64" in lines[0]
    assert not (tmp_path / "out").exists()


def test_jobs_over_the_bound_on_the_command_line_is_a_usage_error(tmp_path: Path) -> None:
    done = run_lihua("batch", str(FIXTURES / "batch"), "--out", str(tmp_path / "out"), "--jobs", "99999")
    assert done.returncode == 2 and b"--jobs" in done.stderr and b"64" in done.stderr


def test_each_row_is_the_letters_typed_score_graded_as_grade_would(runner, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """batch's workers grade through the one service: a lihua.toml setting (scale, a disabled rule)
    changes their rows exactly as it changes `grade`, and each column is the typed Score's."""
    from lihua.cli.app import app
    from lihua.config import load_config
    from lihua.grading.service import GradeRequest, grade_request
    from lihua.io.read import read_source

    (tmp_path / "lihua.toml").write_text(f'prompt = "{PROMPT}"\nscale = 25\ndisable = ["learner.there-be"]\n',
                                         encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    letters = [BATCH / f"{name}.txt" for name in ("01_wang_fang", "02_zhang_wei")]
    done = runner.invoke(app, ["batch", *map(str, letters), "--out", str(tmp_path / "out"), "--jobs", "1", "--no-reply"])
    assert done.exit_code == 0, done.output
    request = GradeRequest.from_config(load_config(cwd=tmp_path, env={}))
    for row, path in zip(read_csv(tmp_path / "out" / "scores.csv"), letters, strict=True):
        report = grade_request(read_source(str(path)).text, request)
        score = report.score
        assert score.scale == 25 and not any(f.rule_id.startswith("learner.there-be") for f in report.findings)
        assert row["total"] == f"{score.total:g}" and row["band"] == str(score.band) and row["scale"] == "25"
        for name in ("content", "language", "organisation"):
            assert float(row[name]) == round(score.components[name].score, 2), name
        assert int(row["errors"]) == report.count_errors()
