"""Bad names and bytes never cost a class: what lihua shows is safe text, whatever it was given.

- File names that are not UTF-8 (a Windows zip unpacked on Linux: b'\\xcd\\xf5' is GBK for 王)
  are graded and shown as `\\xcd\\xf5` in the terminal, JSON, CSV and HTML.
- Control characters from a letter, a file name or a LanguageTool server (ESC ] 0 ; … BEL
  retitles the window, ESC [ 2 J clears it) are shown, never obeyed, in a pipe and on a terminal.
- A stdout that is not UTF-8 (PYTHONIOENCODING=gbk) gets ASCII JSON and replaced text, never a
  UnicodeEncodeError halfway through.
Everything runs the real CLI in a fresh process (the streams are set up by the entry point).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import pty
import select
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from lihua.io.safe_text import json_dumps, printable, shown_name
from tests.support import FIXTURES, ROOT, run_lihua

LETTER = (ROOT / "examples" / "letter.txt").read_text(encoding="utf-8")
GBK_NAME = os.fsdecode(b"\xcd\xf5.txt")  # 王.txt saved by Chinese Windows, unpacked on Linux
HOSTILE = "\x1b]0;pwned\x07\x1b[2J"  # retitle the terminal window, then clear the screen
RAW_CONTROLS = (b"\x1b", b"\x07", b"\xc2\x9b")  # ESC, BEL, and C1 CSI as UTF-8


def hostile_letter() -> str:
    """The example letter with terminal escapes in its first paragraph, and a C1 CSI (U+009B)."""
    head, _, rest = LETTER.partition("\n\n")
    return f"{head}\n\nI am Li Hua. {HOSTILE}I want invite you.\u009b31m\n\n{rest}"


def assert_no_raw_controls(data: bytes) -> None:
    for control in RAW_CONTROLS:
        assert control not in data, f"{control!r} reached the output raw"


# ------------------------------------------------------------------------------------- the function


def test_printable_shows_each_control_as_one_visible_character() -> None:
    text = f"a{HOSTILE}b\u009bc\u202ed\te\nf\r\ng\rh"
    shown = printable(text)
    assert len(shown) == len(text), "one character for one: offsets and ^ marks stay in place"
    assert shown == "a␛]0;pwned␇␛[2Jb\ufffdc\ufffdd\te\nf\r\ng␍h"
    assert printable("line\nnext\ttab", one_line=True) == "line␊next␉tab"
    assert printable("王芳 wrote “hi” 😀") == "王芳 wrote “hi” 😀"


def test_shown_name_writes_the_bytes_of_a_name_that_is_not_utf8() -> None:
    assert shown_name(f"class/{GBK_NAME}") == "class/\\xcd\\xf5.txt"
    assert shown_name("a\nb.txt") == "a␊b.txt"
    assert shown_name(GBK_NAME).encode("utf-8") == b"\\xcd\\xf5.txt"


def test_json_dumps_escapes_what_json_would_leave_raw_and_reads_back_unchanged() -> None:
    data = {"text": f"{HOSTILE}\u009b\u2028王", "lone": "\udccd"}
    text = json_dumps(data, ascii_only=False)
    assert "王" in text and not any(c in text for c in "\x1b\x07\u009b\u2028\udccd")
    assert json.loads(text) == data
    assert json_dumps(data, ascii_only=True).isascii()


# ------------------------------------------------------------------------------- non-UTF-8 names


def test_batch_grades_a_file_whose_name_is_not_utf8_and_writes_every_report(tmp_path: Path) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / GBK_NAME).write_text(LETTER, encoding="utf-8")
    (folder / "02_li_na.txt").write_text(LETTER, encoding="utf-8")
    out = tmp_path / "out"
    done = run_lihua("batch", str(folder), "--prompt", "invite-dragon-boat", "--out", str(out), "--jobs", "1")
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in done.stderr
    shown = shown_name(folder / GBK_NAME)  # …/class/\xcd\xf5.txt
    rows = list(csv.DictReader(io.StringIO((out / "scores.csv").read_bytes().decode("utf-8-sig"), newline="")))
    assert {row["file"]: row["status"] for row in rows} == {shown: "graded", str(folder / "02_li_na.txt"): "graded"}
    assert {row["student_id"] for row in rows} == {"\\xcd\\xf5", "02_li_na"}
    reports = [json.loads(line) for line in (out / "reports.jsonl").read_bytes().decode("utf-8").splitlines()]
    assert {report["source"] for report in reports} == {shown, str(folder / "02_li_na.txt")}
    assert "\\xcd\\xf5" in (out / "report.html").read_bytes().decode("utf-8")
    assert b"graded 2 of 2 letters" in done.stdout


def test_grade_json_of_a_file_whose_name_is_not_utf8_is_valid_utf8(tmp_path: Path) -> None:
    (tmp_path / GBK_NAME).write_text(LETTER, encoding="utf-8")
    done = run_lihua("grade", GBK_NAME, "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.decode("utf-8"))  # strict UTF-8: a raw 0xCD byte fails here
    assert report["source"] == "\\xcd\\xf5.txt"
    text = run_lihua("grade", GBK_NAME, cwd=tmp_path)
    assert text.returncode == 0 and text.stdout.decode("utf-8").startswith("\\xcd\\xf5.txt  ·")


@pytest.mark.parametrize("name", ["a\nb.txt", GBK_NAME, f"{HOSTILE}.txt"])
def test_an_error_about_a_strange_file_name_is_one_safe_line(tmp_path: Path, name: str) -> None:
    (tmp_path / name).mkdir()  # a folder: `grade` refuses it with a line naming it
    done = run_lihua("grade", name, cwd=tmp_path)
    assert done.returncode == 2
    line = done.stderr.decode("utf-8")  # valid UTF-8
    assert line.count("\n") == 1 and line.startswith(f"lihua: {shown_name(name)}: is a folder")
    assert_no_raw_controls(done.stderr)


@pytest.mark.parametrize("name", [os.fsdecode(b"\xcd\xf5-task.yaml"), "a\nb-task.yaml"])
def test_prompts_new_with_a_strange_file_name_writes_it_and_says_so_on_one_line(tmp_path: Path, name: str) -> None:
    done = run_lihua("prompts", "new", name, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr.decode("utf-8") == f"wrote {shown_name(name)}: edit it, then run: lihua prompts check {shown_name(name)}\n"
    assert f"lihua prompts check {shown_name(name)}" in (tmp_path / name).read_bytes().decode("utf-8")
    assert run_lihua("prompts", "check", name, cwd=tmp_path).returncode == 0


def test_a_warning_naming_a_strange_folder_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "a\nb").mkdir()
    done = run_lihua("prompts", "check", "a\nb", cwd=tmp_path)
    assert done.stderr.decode("utf-8") == "lihua: warning: no .yaml files in a␊b\n"


# ------------------------------------------------------------------------------ terminal escapes


def test_escapes_in_a_letter_are_shown_not_obeyed_in_a_pipe(tmp_path: Path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text(hostile_letter(), encoding="utf-8")
    done = run_lihua("grade", str(letter))
    assert done.returncode == 0, done.stderr
    assert_no_raw_controls(done.stdout)
    text = done.stdout.decode("utf-8")
    assert "I am Li Hua. ␛]0;pwned␇␛[2JI want invite you.\ufffd31m" in text

    # the ^ marks stand under the words the JSON report points at, control characters and all
    findings = json.loads(run_lihua("grade", str(letter), "-f", "json").stdout)["findings"]
    lines = text.splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("I am Li Hua. ␛"))
    on_line = [f for f in findings if f["span"]["line"] == 3]
    assert on_line, "the example letter's 'want invite' is flagged on line 3"
    assert lines[index + 1].index("^") == min(f["span"]["column"] for f in on_line) - 1


def run_on_tty(*args: str, cwd: Path, env: dict[str, str] | None = None) -> tuple[int, bytes]:
    """Run the CLI with stdout and stderr on a pseudo-terminal (colours on), as a user's shell does."""
    master, slave = pty.openpty()
    env = {**{key: value for key, value in os.environ.items() if key != "NO_COLOR"}, **(env or {})}
    env.update(TERM="xterm-256color", COLUMNS="120")
    process = subprocess.Popen([sys.executable, "-m", "lihua", *args], stdin=subprocess.DEVNULL, stdout=slave,
                               stderr=slave, env=env, cwd=cwd)
    os.close(slave)
    output = b""
    try:
        while select.select([master], [], [], 120)[0]:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            output += chunk
    finally:
        os.close(master)
        code = process.wait(timeout=120)
    return code, output


def test_escapes_in_a_letter_are_shown_not_obeyed_on_a_terminal(tmp_path: Path) -> None:
    (tmp_path / "letter.txt").write_text(hostile_letter(), encoding="utf-8")
    code, output = run_on_tty("grade", "letter.txt", cwd=tmp_path)
    assert code == 0, output
    assert b"\x1b[" in output, "on a terminal rich still colours the report"
    for obeyed in (b"\x1b]", b"\x1b[2J", b"\x07", b"\xc2\x9b"):
        assert obeyed not in output
    assert "␛]0;pwned␇␛[2J".encode() in output


def test_history_on_a_terminal_keeps_its_chart_colours_and_shows_a_letters_escapes(tmp_path: Path) -> None:
    home = {"LIHUA_HOME": str(tmp_path / "home")}
    code = ("from lihua.practice.history import History\n"
            "with History() as history:\n"
            "    for total in (8, 10, 12):\n"
            "        history.add(prompt_id='invite-dragon-boat', text='Dear Chris,', word_count=80, total=total,\n"
            "                    band=3, scale=15, findings=[{'category': 'grammar', 'text': 'go\\x1b[2J',\n"
            "                    'message': 'use goes', 'replacements': ['goes']}])\n")
    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ, **home}, cwd=ROOT)
    status, output = run_on_tty("history", "--stats", cwd=tmp_path, env=home)
    assert status == 0, output
    assert b"\x1b[2J" not in output and "“go␛[2J”".encode() in output  # the letter's text: shown
    chart = output[:output.index(b"3 attempts")]
    assert b"\x1b[" in chart and "␛".encode() not in chart  # the chart's own colours: kept


class _HostileLanguageTool(BaseHTTPRequestHandler):
    """A LanguageTool server whose messages and error bodies carry terminal escapes."""

    status = 200

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        size = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(size)  # the letter; every answer is the same
        if self.status != 200:
            return self._send(self.status, f"Error: {HOSTILE}boom\nsecond line".encode(), "text/plain")
        answer = json.loads((FIXTURES / "languagetool" / "check_he_go.json").read_bytes())
        answer["matches"][0]["message"] = f"He needs 'goes'{HOSTILE}\u009b2J"
        self._send(200, json.dumps(answer).encode(), "application/json")

    def do_GET(self) -> None:  # noqa: N802
        self._send(200, (FIXTURES / "languagetool" / "languages.json").read_bytes(), "application/json")

    def _send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def hostile_server(status: int) -> Iterator[str]:
    handler = type("Handler", (_HostileLanguageTool,), {"status": status})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.mark.parametrize("status", [200, 500])
def test_escapes_from_a_languagetool_server_are_shown_not_obeyed(tmp_path: Path, status: int) -> None:
    shutil.copy(FIXTURES / "languagetool" / "he_go.txt", tmp_path / "he_go.txt")
    with hostile_server(status) as url:
        done = run_lihua("grade", "he_go.txt", "--engine", "languagetool", "--lt-url", url,
                         "--disable", "learner", cwd=tmp_path)  # so the finding is the server's (no learner rule)
    assert done.returncode == (0 if status == 200 else 2), done.stderr  # 500: the one engine asked for failed
    assert_no_raw_controls(done.stdout + done.stderr)
    if status == 200:
        message = next(line for line in done.stdout.decode("utf-8").splitlines() if "He needs 'goes'" in line)
        assert "␛]0;pwned" in message and "␛[2J\ufffd2J" in message  # rich itself drops the BEL: also harmless
    else:
        warnings = [line for line in done.stderr.decode("utf-8").splitlines() if "languagetool" in line.lower()]
        assert warnings and all(line.startswith("lihua: warning:") for line in warnings)
        assert "␛]0;pwned" in warnings[0]


def test_json_keeps_control_characters_exact_but_escaped(tmp_path: Path) -> None:
    (tmp_path / "letter.txt").write_text(hostile_letter(), encoding="utf-8")
    done = run_lihua("grade", "letter.txt", "-f", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert_no_raw_controls(done.stdout)
    report = json.loads(done.stdout.decode("utf-8"))
    paragraphs = " ".join(paragraph["text"] for paragraph in report["letter"]["paragraphs"])
    assert f"{HOSTILE}I want invite you.\u009b31m" in paragraphs, "the data itself is unchanged"


# ------------------------------------------------------------------------------ non-UTF-8 stdout


def test_a_gbk_stdout_gets_ascii_json_and_replaced_text(tmp_path: Path) -> None:
    (tmp_path / "letter.txt").write_text(LETTER.replace("Dear Chris,", "Dear Chris 😀,"), encoding="utf-8")
    gbk = {"PYTHONIOENCODING": "gbk"}
    done = run_lihua("grade", "letter.txt", "-f", "json", env=gbk, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.isascii()
    assert json.loads(done.stdout)["letter"]["salutation"]["text"] == "Dear Chris 😀,"
    text = run_lihua("grade", "letter.txt", env=gbk, cwd=tmp_path)
    assert text.returncode == 0, text.stderr
    shown = text.stdout.decode("gbk")
    assert "Dear Chris ?," in shown and "Traceback" not in text.stderr.decode("gbk", "replace")
    assert "Score:" in shown, "the report is not cut off before its last section"


def test_history_export_json_on_a_gbk_stdout_is_ascii_and_exact(tmp_path: Path) -> None:
    home = {"LIHUA_HOME": str(tmp_path / "home")}
    code = ("from lihua.practice.history import History\n"
            "with History() as history:\n"
            "    history.add(prompt_id=None, text='Dear Chris 😀,\\n王芳', word_count=2, total=None, band=None,\n"
            "                scale=None, findings=[])\n")
    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ, **home}, cwd=ROOT)
    done = run_lihua("history", "export", "--format", "json", env={**home, "PYTHONIOENCODING": "gbk"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.isascii()
    assert json.loads(done.stdout)["attempts"][0]["text"] == "Dear Chris 😀,\n王芳"
