"""`lihua practice` driven end to end through a real pseudo-terminal, as a student would use it.

pexpect runs `python -m lihua practice` on a pty; everything it prints goes to a small terminal
emulator (pyte), which also answers the cursor-position queries prompt_toolkit sends, as a real
terminal does (without an answer prompt_toolkit hides the bottom toolbar with the live word count).
Assertions read either the emulated screen (the editor) or the whole transcript with escape codes
removed (the graded report). Timeouts only stop a hung test; nothing asserts on time.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import sqlite3
import sys
import time
from pathlib import Path

import pexpect
import pyte
import pytest

from lihua.cli.practice import FINISH_HINT
from lihua.text.letter import count_words, parse_letter
from tests.support import ROOT, run_lihua

pytestmark = pytest.mark.slow

PROMPT_ID = "invite-dragon-boat"
ROWS, COLS = 40, 100
WAIT = 90  # seconds before a step counts as hung (a cold Harper build is well under that)

LETTER = """Dear Chris,

I'm Li Hua, your pen pal from Beijing. Our school will hold activities for the Dragon Boat Festival next Friday, and I want to invite you to join me.

The activities will start at 8 a.m. on the playground. We will watch a dragon boat race on the river and make zongzi together. I think you will enjoy to make them. There have many students in our team.

Looking forward to see you.

Yours,
Li Hua
"""

REVISION = LETTER.replace("enjoy to make", "enjoy making").replace("There have many", "There are many").replace(
    "forward to see", "forward to seeing")

ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][A-Za-z0-9]|\x1b[=>78]")


class Terminal:
    """A child process on a pty, with a screen (pyte) and the plain transcript of all it printed."""

    def __init__(self, home: Path, *args: str, env: dict[str, str] | None = None, cwd: Path = ROOT) -> None:
        self.screen = pyte.Screen(COLS, ROWS)
        self.stream = pyte.Stream(self.screen)
        self.raw: list[str] = []
        full_env = {**os.environ, "LIHUA_HOME": str(home), "NO_COLOR": "1", "TERM": "xterm",
                    "COLUMNS": str(COLS), "LINES": str(ROWS), **(env or {})}
        full_env.pop("LIHUA_PROMPTS", None)
        self.child = pexpect.spawn(sys.executable, ["-m", "lihua", *args], env=full_env, cwd=str(cwd),
                                   encoding="utf-8", codec_errors="replace", dimensions=(ROWS, COLS),
                                   timeout=WAIT)
        self.screen.write_process_input = self.child.send  # answers ESC[6n like a real terminal
        self.child.logfile_read = self

    # pexpect writes everything the child prints here
    def write(self, data: str) -> None:
        self.raw.append(data)
        self.stream.feed(data)

    def flush(self) -> None:
        pass

    @property
    def transcript(self) -> str:
        return ANSI.sub("", "".join(self.raw)).replace("\r", "")

    def display(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def expect(self, pattern: str) -> None:
        """Wait until the output contains `pattern` (a regular expression)."""
        self.child.expect(pattern)

    def wait_screen(self, pattern: str) -> None:
        """Wait until the emulated screen shows `pattern` (for the editor, which redraws in place)."""
        deadline = time.monotonic() + WAIT
        while not re.search(pattern, self.display()):
            if time.monotonic() > deadline:
                raise AssertionError(f"screen never showed {pattern!r}:\n{self.display()}")
            with contextlib.suppress(pexpect.TIMEOUT):
                self.child.read_nonblocking(4096, timeout=0.2)

    def type_letter(self, text: str) -> None:
        """Type text into the editor; Enter is a new line there (Esc then Enter finishes)."""
        self.child.send(text.replace("\n", "\r"))

    def finish_editing(self) -> None:
        self.child.send("\x1b\r")

    def wait_exit(self) -> int:
        self.child.expect(pexpect.EOF)
        self.child.close()
        assert self.child.signalstatus is None, self.transcript
        return self.child.exitstatus


def words(text: str) -> int:
    return parse_letter(text).word_count


def draft_file(home: Path) -> Path:
    return home / "drafts" / f"{PROMPT_ID}.txt"


def stored_attempts(home: Path) -> list[tuple]:
    with sqlite3.connect(home / "history.sqlite3") as db:
        return db.execute("SELECT id, prompt_id, text, total, scale, revision_of FROM attempts ORDER BY id").fetchall()


def test_write_grade_revise_then_history(tmp_path):
    term = Terminal(tmp_path, "practice", PROMPT_ID)
    # the task card, as `lihua prompts show` draws it: bilingual, points, limit, vocabulary with pinyin
    term.expect("Write your letter below")
    card = term.transcript
    for shown in ("Invite Chris to the Dragon Boat Festival activities", "邀请Chris参加端午节活动",
                  "Content points", "活动的时间和地点", "60–100 words", "Useful vocabulary", "龙舟赛", "lóng zhōu sài"):
        assert shown in card
    assert str(draft_file(tmp_path)) in card  # told where the draft is kept
    term.wait_screen(r"0 words of 60–100")  # the live word count in the toolbar

    term.type_letter(LETTER)
    term.wait_screen(rf"\b{words(LETTER)} words of 60–100")
    term.finish_editing()

    # graded: marked letter, score table, the pen pal's reply, saved in the history
    term.expect(r"Saved as attempt #1")
    first = term.transcript.split("Write your letter below", 1)[1]
    assert "Grading" in first
    assert re.search(r"Score: \d+(\.\d+)?/15 · band \d", first)
    assert "Content" in first and "Language" in first and "Organisation" in first
    assert "forward to see you" in first and "^^^" in first  # the letter, marked
    assert "A reply from your pen pal (Chris)" in first and "Dear Li Hua," in first
    assert not draft_file(tmp_path).exists()  # graded: the history holds the text now

    # revise: clear the old text (it is offered as the start) and write the corrected letter
    term.expect(r"Revise\? \[y/N\]")
    term.child.sendline("y")
    term.expect("Write your letter below")
    term.wait_screen(rf"\b{words(LETTER)} words of 60–100")
    term.child.send("\x7f" * (len(LETTER) + 5))
    term.wait_screen(r"\b0 words of 60–100")
    term.type_letter(REVISION)
    term.wait_screen(rf"\b{words(REVISION)} words of 60–100")
    term.finish_editing()

    term.expect(r"Saved as attempt #2")
    revision = term.transcript.rsplit("Write your letter below", 1)[1]
    changed = revision.split("What changed since your last version:", 1)[1]
    delta = re.search(r"Score: (\d+(?:\.\d+)?) → (\d+(?:\.\d+)?)/15 \(([+±−])(\d+(?:\.\d+)?), ", changed)
    assert delta, changed
    old, new, sign = float(delta[1]), float(delta[2]), delta[3]
    assert new >= old and sign in "+±"
    fixed = int(re.search(r"Fixed: (\d+) · new: (\d+)", changed)[1])
    assert fixed >= 1 and "✓ fixed" in changed  # at least one of the three mistakes is gone

    term.expect(r"Revise\? \[y/N\]")
    term.child.sendline("n")
    assert term.wait_exit() == 0

    rows = stored_attempts(tmp_path)
    assert [(r[0], r[1], r[4], r[5]) for r in rows] == [(1, PROMPT_ID, 15, None), (2, PROMPT_ID, 15, 1)]
    assert rows[0][2].strip() == LETTER.strip()
    assert rows[1][2].strip() == REVISION.strip()
    assert (rows[0][3], rows[1][3]) == (old, new)

    listing = run_lihua("history", env={"LIHUA_HOME": str(tmp_path)})
    assert listing.returncode == 0
    lines = listing.stdout.decode().splitlines()
    assert lines[0].split()[:3] == ["#", "date", "(UTC)"]
    assert len(lines) == 3
    assert lines[1].split()[0] == "1" and PROMPT_ID in lines[1]
    assert lines[2].split()[0] == "2" and lines[2].rstrip().endswith("#1")  # a revision of #1


@pytest.mark.parametrize("leave", [signal.SIGHUP, signal.SIGTERM], ids=["window-closed", "killed"])
def test_ctrl_c_while_writing_keeps_the_draft_and_offers_it_back(tmp_path, leave):
    term = Terminal(tmp_path, "practice", PROMPT_ID)
    term.expect("Write your letter below")
    start = "Dear Chris,\n\nI am writing to invite you"
    term.type_letter(start)
    term.wait_screen(rf"\b{words(start)} words of 60–100")
    term.child.sendintr()
    term.expect("Draft saved to")
    assert term.wait_exit() == 130
    assert draft_file(tmp_path).read_text(encoding="utf-8") == start
    assert str(draft_file(tmp_path)) in term.transcript.replace("\n", "")
    assert not (tmp_path / "history.sqlite3").exists() or stored_attempts(tmp_path) == []

    # next time the draft is offered; the student continues it, then a closed window or a kill still
    # keeps every word (the last keystrokes may not have reached the throttled draft writer yet)
    again = Terminal(tmp_path, "practice", PROMPT_ID)
    again.expect(rf"You have a draft for this prompt \({words(start)} words\)\. Continue it\? \[Y/n\]")
    again.child.sendline("")
    again.expect("Write your letter below")
    again.wait_screen(rf"\b{words(start)} words of 60–100")
    again.child.send(" to the festival")
    again.wait_screen(rf"\b{words(start) + 3} words of 60–100")
    again.child.kill(leave)
    assert again.wait_exit() == 130
    assert draft_file(tmp_path).read_text(encoding="utf-8") == start + " to the festival"


def test_a_resumed_draft_is_offered_with_its_body_word_count(tmp_path):
    """A draft saved after a few words, the body still on the greeting's line: the offer counts the
    body's words (the greeting is not counted), not "(0 words)"."""
    draft = "Dear Chris, I want invite you"
    draft_file(tmp_path).parent.mkdir(parents=True)
    draft_file(tmp_path).write_text(draft, encoding="utf-8")
    body = count_words("I want invite you")  # the greeting "Dear Chris," is not counted
    term = Terminal(tmp_path, "practice", PROMPT_ID)
    term.expect(rf"You have a draft for this prompt \({body} words\)\. Continue it\? \[Y/n\]")
    term.child.sendline("")
    term.wait_screen(rf"\b{body} words of 60–100")  # the toolbar agrees
    term.child.sendintr()
    assert term.wait_exit() == 130
    assert draft_file(tmp_path).read_text(encoding="utf-8") == draft


def test_the_editor_wraps_long_lines_between_words(tmp_path):
    line = ("On that day we will watch the dragon boat races on the river, and then my mother will cook "
            "a big fish for lunch with zongzi and eggs, so I hope you can come with us.")
    assert line[COLS - 1] != " " and line[COLS] != " ", "wrapped at any character, a word would be cut at the edge"
    term = Terminal(tmp_path, "practice", PROMPT_ID)
    term.expect("Write your letter below")
    text = "Dear Chris,\n\n" + line
    term.type_letter(text)
    term.wait_screen(rf"\b{words(text)} words of 60–100")
    rows = [row.rstrip() for row in term.screen.display]
    first = next(i for i, row in enumerate(rows) if row.startswith("On that day"))
    shown = []
    for row in rows[first:]:
        if not row or FINISH_HINT in row:  # the editor's text ends at a blank row or the toolbar
            break
        assert len(row) <= COLS
        shown.append(row)
    assert len(shown) >= 2, rows
    assert " ".join(shown).split() == line.split(), "every word whole on one row"
    assert draft_file(tmp_path).exists()
    term.child.sendintr()
    assert term.wait_exit() == 130
    assert draft_file(tmp_path).read_text(encoding="utf-8") == text, "the padding is only on the screen"


def test_starting_afresh_sets_the_old_draft_aside(tmp_path):
    draft_file(tmp_path).parent.mkdir(parents=True)
    draft_file(tmp_path).write_text("Dear Chris,\n\nAn old start.", encoding="utf-8")
    term = Terminal(tmp_path, "practice", PROMPT_ID)
    term.expect(r"Continue it\? \[Y/n\]")
    term.child.sendline("n")
    term.expect("the old draft is kept at")
    term.expect("Write your letter below")
    term.wait_screen(r"\b0 words of 60–100")
    term.child.sendintr()
    assert term.wait_exit() == 130
    kept = [p for p in (tmp_path / "drafts").iterdir() if p.name != draft_file(tmp_path).name]
    assert [p.read_text(encoding="utf-8") for p in kept] == ["Dear Chris,\n\nAn old start."]


def test_editor_mode_grades_what_the_editor_saved(tmp_path):
    letter = tmp_path / "letter.txt"
    letter.write_text(LETTER, encoding="utf-8")
    home = tmp_path / "home"
    # the editor command is run with the draft file as its last argument
    term = Terminal(home, "practice", PROMPT_ID, "--editor",
                    env={"VISUAL": "", "EDITOR": f"{sys.executable} -c \"import sys,shutil; shutil.copyfile(r'{letter}', sys.argv[1])\""})
    term.expect(r"Saved as attempt #1")
    assert "A reply from your pen pal" in term.transcript
    term.expect(r"Revise\? \[y/N\]")
    term.child.sendintr()  # Ctrl-C at the question: the graded letter is already safe
    term.expect("Your graded letters are in `lihua history`")
    assert term.wait_exit() == 130
    assert [row[2].strip() for row in stored_attempts(home)] == [LETTER.strip()]


def test_unknown_prompt_id_gets_did_you_mean(tmp_path):
    term = Terminal(tmp_path, "practice", "invite-dragon-bot")
    assert term.wait_exit() == 2
    assert "lihua: no prompt 'invite-dragon-bot'; did you mean 'invite-dragon-boat'" in term.transcript.replace("\n", "")


def test_mistyped_letter_type_gets_did_you_mean(tmp_path):
    term = Terminal(tmp_path, "practice", "--type", "invitatoin")
    assert term.wait_exit() == 2
    assert "unknown letter type 'invitatoin'; did you mean 'invitation'?" in term.transcript.replace("\n", "")


def test_random_task_by_type_and_format(tmp_path):
    term = Terminal(tmp_path, "practice", "--type", "invitation", "--format", "gaokao-25")
    term.expect("Write your letter below")
    assert re.search(r"· invitation · gaokao-25 \(", term.transcript)
    term.child.sendintr()
    assert term.wait_exit() == 130
    assert "Nothing written yet" in term.transcript


def test_without_a_terminal_it_points_to_grade_stdin(tmp_path):
    done = run_lihua("practice", PROMPT_ID, input_bytes=LETTER.encode(), env={"LIHUA_HOME": str(tmp_path)})
    assert done.returncode == 2
    assert done.stdout == b""
    assert done.stderr.decode().splitlines() == [
        "lihua: practice needs a terminal; to grade a letter from a pipe use `lihua grade -`"]
    assert not tmp_path.joinpath("history.sqlite3").exists()


def test_a_pasted_draft_is_on_disk_whole_even_after_sigkill(tmp_path):
    """The throttle kept only the first keystroke of a paste ("D") when nothing came after it; a
    SIGKILL cannot be caught, so the throttled writer itself must write the latest text once its
    window ends."""
    term = Terminal(tmp_path, "practice", PROMPT_ID)
    term.expect("Write your letter below")
    term.wait_screen(r"\b0 words of 60–100")
    pasted = "Dear Chris,\n\nI'm Li Hua. Our school will hold a Dragon Boat Festival party."
    term.type_letter(pasted)  # arrives at once, as a paste does: one keystroke after another in microseconds
    term.wait_screen(rf"\b{words(pasted)} words of 60–100")
    deadline = time.monotonic() + 10  # the throttle window is half a second; this only stops a hung test
    while time.monotonic() < deadline and (not draft_file(tmp_path).exists()
                                           or draft_file(tmp_path).read_text(encoding="utf-8") != pasted):
        time.sleep(0.1)
    term.child.kill(signal.SIGKILL)
    term.child.expect(pexpect.EOF)
    term.child.close()
    assert draft_file(tmp_path).read_text(encoding="utf-8") == pasted


def test_the_draft_writer_saves_the_latest_text_at_exit_and_nothing_after_close(tmp_path):
    """A long throttle window (60 s) so only the exit write can save "ab"; a closed writer (its text
    now in the history, the draft discarded) writes nothing, however its process ends."""
    import subprocess

    code = (
        "import sys\n"
        "from lihua.practice.drafts import DraftWriter\n"
        "kept = DraftWriter('kept', interval=60)\n"
        "kept.update('a'); kept.update('ab')\n"
        "gone = DraftWriter('gone', interval=60)\n"
        "gone.update('x'); gone.update('xy'); gone.close(); gone.path.unlink()\n"
        "sys.exit(0)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], env={**os.environ, "LIHUA_HOME": str(tmp_path)},
                          cwd=ROOT, capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    assert (tmp_path / "drafts" / "kept.txt").read_text(encoding="utf-8") == "ab"
    assert not (tmp_path / "drafts" / "gone.txt").exists()


def test_practice_grades_with_lihua_toml_exactly_as_grade_does(tmp_path):
    """practice reads lihua.toml as grade does (one GradeRequest): a class's disabled rule, rule
    pack and scale give the student's stored attempt the findings and score `lihua grade` gives."""
    import json

    from tests.checks.test_rule_packs import CLASS_PACK, RULE, write_pack

    write_pack(tmp_path / "my-rules", CLASS_PACK)
    class_folder = tmp_path / "class3"
    class_folder.mkdir()
    (class_folder / "lihua.toml").write_text(
        'rules_dirs = ["../my-rules"]\ndisable = ["learner.there-be"]\nscale = 25\n', encoding="utf-8")
    letter = tmp_path / "letter.txt"
    letter.write_text(LETTER.replace("make zongzi together.", "make zongzi together. Bring your cellphone."),
                      encoding="utf-8")

    def graded(cwd: Path) -> dict:
        done = run_lihua("grade", str(letter), "--prompt", PROMPT_ID, "--format", "json", cwd=cwd)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    plain, expected = graded(tmp_path), graded(class_folder)
    assert {f["rule_id"] for f in plain["findings"]} != {f["rule_id"] for f in expected["findings"]}
    assert plain["score"]["scale"] == 15 and expected["score"]["scale"] == 25  # the toml makes the difference

    copy = f"{sys.executable} -c \"import sys,shutil; shutil.copyfile(r'{letter}', sys.argv[1])\""
    term = Terminal(tmp_path / "home", "practice", PROMPT_ID, "--editor", env={"VISUAL": "", "EDITOR": copy},
                    cwd=class_folder)
    term.expect(r"Revise\? \[y/N\]")
    term.child.sendline("n")
    assert term.wait_exit() == 0
    with sqlite3.connect(tmp_path / "home" / "history.sqlite3") as db:
        total, scale, findings = db.execute("SELECT total, scale, findings FROM attempts").fetchone()
    stored = [(f["rule_id"], f["span"]["start"]) for f in json.loads(findings)]
    assert stored == [(f["rule_id"], f["span"]["start"]) for f in expected["findings"]]
    assert RULE in {rule for rule, _ in stored} and not any(rule.startswith("learner.there-be") for rule, _ in stored)
    assert (total, scale) == (expected["score"]["total"], 25)
