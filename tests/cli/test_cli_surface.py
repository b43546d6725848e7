"""What every command shows a user at its edges: a closed pipe, a mistyped rule or choice, a file that
is not a letter, doctor's verdict, shell completion and --help that names values, not Python types."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from lihua.cli.exitcodes import ExitCode
from tests.support import ROOT, run_lihua

SAMPLE = ROOT / "examples" / "letter.txt"
PROMPT = "invite-dragon-boat"


def stderr_of(done: subprocess.CompletedProcess) -> str:
    return done.stderr.decode("utf-8", "replace")


# ------------------------------------------------------------------------------- closed pipe


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_a_reader_that_stops_early_ends_lihua_quietly(output_format: str) -> None:
    """`lihua grade … | head` where head has gone before lihua writes: no traceback, and not exit 1,
    which would tell a script "--max-errors exceeded"."""
    child = subprocess.Popen([sys.executable, "-m", "lihua", "grade", str(SAMPLE), "--format", output_format],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
                             env={**os.environ, "NO_COLOR": "1"})
    child.stdout.close()  # the reader is gone: every write lihua makes to stdout meets a closed pipe
    err = child.stderr.read().decode("utf-8", "replace")
    assert child.wait(timeout=120) == ExitCode.CLOSED_PIPE == 141
    assert err == ""


def test_head_two_through_a_real_shell_pipe_is_quiet(tmp_path: Path) -> None:
    """The tester's own command line: head reads two lines and leaves; whatever lihua still had to write
    ends without a word on stderr and with 141 (or 0 when everything fitted in the pipe first)."""
    lihua = f"{sys.executable} -m lihua grade {SAMPLE}"
    done = subprocess.run(["bash", "-c", f"set -o pipefail; {lihua} 2>err.txt | head -2; echo \"$?\" > rc.txt"],
                          cwd=tmp_path, capture_output=True, timeout=120, env={**os.environ, "NO_COLOR": "1"})
    assert len(done.stdout.decode().splitlines()) == 2
    assert (tmp_path / "err.txt").read_text() == ""
    assert (tmp_path / "rc.txt").read_text().strip() in ("0", "141")


# ----------------------------------------------------------------------------- --disable names


def test_an_unknown_disable_name_is_a_usage_error_with_a_did_you_mean() -> None:
    typo = run_lihua("grade", str(SAMPLE), "--disable", "grammer")
    assert typo.returncode == ExitCode.USAGE
    assert "'grammer'" in stderr_of(typo) and "did you mean 'grammar'?" in stderr_of(typo)
    assert typo.stdout == b""
    unknown = run_lihua("grade", str(SAMPLE), "--disable", "learner.verb.modal-bse")
    assert unknown.returncode == ExitCode.USAGE
    assert "did you mean 'learner.verb.modal-base'?" in stderr_of(unknown)
    nothing_close = run_lihua("grade", str(SAMPLE), "-d", "nosuchrule")
    assert nothing_close.returncode == ExitCode.USAGE and "'nosuchrule'" in stderr_of(nothing_close)
    assert stderr_of(nothing_close).count("\n") == 1, "one line"


def test_every_kind_of_real_name_is_still_accepted() -> None:
    """A category, a rule id, a dotted prefix, an engine and one of its rules: none is refused."""
    names = "grammar,learner.verb.modal-base,learner.verb,harper.Spelling,languagetool.MORFOLOGIK_RULE_EN_US,format"
    done = run_lihua("grade", str(SAMPLE), "--disable", names, "--format", "json")
    assert done.returncode == 0, stderr_of(done)
    rule_ids = [f["rule_id"] for f in json.loads(done.stdout)["findings"]]
    assert rule_ids and not any(r.startswith(("learner.verb.", "harper.Spelling")) for r in rule_ids)


def test_batch_and_practice_refuse_unknown_names_before_any_work(tmp_path: Path) -> None:
    batch = run_lihua("batch", str(SAMPLE), "--prompt", PROMPT, "--out", str(tmp_path / "out"), "--disable", "spellnig")
    assert batch.returncode == ExitCode.USAGE and "did you mean 'spelling'?" in stderr_of(batch)
    assert not (tmp_path / "out").exists()
    practice = run_lihua("practice", PROMPT, "--disable", "spellnig", env={"LIHUA_HOME": str(tmp_path / "home")})
    assert practice.returncode == ExitCode.USAGE and "did you mean 'spelling'?" in stderr_of(practice)


def test_a_config_files_unknown_disable_name_is_named_with_the_file(tmp_path: Path) -> None:
    (tmp_path / "lihua.toml").write_text('disable = ["punctuation", "learner.nosuch"]\n', encoding="utf-8")
    for args in (["grade", str(SAMPLE)], ["config", "show"], ["practice", PROMPT]):
        done = run_lihua(*args, cwd=tmp_path, env={"LIHUA_HOME": str(tmp_path / "home")})
        assert done.returncode == ExitCode.USAGE, args
        assert f"{tmp_path / 'lihua.toml'}: disable: no rule or category 'learner.nosuch'" in stderr_of(done)


# --------------------------------------------------------------------------------- choices


@pytest.mark.parametrize("args, listed", [
    (["grade", str(SAMPLE), "--format", "yaml"], "text, json"),
    (["grade", str(SAMPLE), "--lang", "fr"], "en, zh"),
    (["config", "show", "--format", "yaml"], "text, json"),
    (["rules", "list", "--format", "yaml"], "text, json"),
    (["history", "export", "--format", "yaml"], "csv, json"),
    (["doctor", "--format", "yaml"], "text, json"),
])
def test_a_wrong_choice_names_the_choices_in_plain_words(args: list[str], listed: str) -> None:
    done = run_lihua(*args)
    assert done.returncode == ExitCode.USAGE
    err = stderr_of(done)
    assert f"is not one of: {listed}" in err
    assert "Value error" not in err


def test_help_lists_the_choices() -> None:
    assert "--format [text|json]" in run_lihua("grade", "--help").stdout.decode()
    assert "--format [csv|json]" in run_lihua("history", "export", "--help").stdout.decode()


# ------------------------------------------------------------------------ not a letter


def test_a_program_is_refused_in_one_clear_line(tmp_path: Path) -> None:
    program = tmp_path / "ls"
    program.write_bytes(Path(sys.executable).resolve().read_bytes()[:4096])  # an ELF header and more
    done = run_lihua("grade", str(program))
    assert done.returncode == ExitCode.USAGE
    assert stderr_of(done) == f"lihua: {program}: a program, not a text letter: give a .txt, .md or .docx file\n"


# ------------------------------------------------------------------------------------ doctor


def _dead_url() -> str:
    """A port on this machine where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_doctor_fails_when_the_languagetool_asked_for_does_not_answer(tmp_path: Path) -> None:
    url = _dead_url()
    done = run_lihua("doctor", "--lt-url", url, env={"LIHUA_HOME": str(tmp_path)})
    assert done.returncode == 1, done.stdout.decode()
    assert re.search(r"^languagetool +NOT AVAILABLE .*127\.0\.0\.1", done.stdout.decode(), re.M)
    assert "languagetool was asked for but does not work" in stderr_of(done)


def test_doctor_without_a_server_asked_for_passes_and_shows_where_things_are(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (tmp_path / "lihua.toml").write_text('prompt = "invite-dragon-boat"\n', encoding="utf-8")
    env = {"LIHUA_HOME": str(home), "LIHUA_LT_URL": "", "LTP_PATH": str(tmp_path / "no-lt")}
    done = run_lihua("doctor", "--format", "json", cwd=tmp_path, env=env)
    assert done.returncode == 0, stderr_of(done)
    report = json.loads(done.stdout)
    assert report["ok"] is True
    assert report["engines"]["harper"]["available"] is True
    assert report["engines"]["languagetool"]["asked_for"] is False
    assert report["config_file"] == str(tmp_path / "lihua.toml")
    assert report["data_home"] == str(home)
    assert report["history"] == str(home / "history.sqlite3")
    assert report["prompt_bank"]["prompts"] > 0
    text = run_lihua("doctor", cwd=tmp_path, env=env).stdout.decode()
    for label, value in (("config file", tmp_path / "lihua.toml"), ("history", home / "history.sqlite3")):
        assert re.search(rf"^{label} +{re.escape(str(value))}", text, re.M), text


def test_doctor_with_a_dead_server_in_json_says_so(tmp_path: Path) -> None:
    done = run_lihua("doctor", "--lt-url", _dead_url(), "--format", "json", env={"LIHUA_HOME": str(tmp_path)})
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert report["ok"] is False
    assert report["engines"]["languagetool"] == {**report["engines"]["languagetool"], "available": False,
                                                 "asked_for": True}


# ----------------------------------------------------------------------- completion and help


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_shell_completion_is_offered_and_completes_commands_and_choices() -> None:
    root_help = run_lihua("--help").stdout.decode()
    assert "--install-completion" in root_help and "--show-completion" in root_help
    # The script `--show-completion` prints, asked for by shell name: `--show-completion` itself finds the
    # shell from the process tree, which a test runner's tree (CI, pytest-xdist) may not show.
    script = run_lihua(env={"_LIHUA_COMPLETE": "source_bash"})
    assert script.returncode == 0 and "_lihua_completion" in script.stdout.decode()
    commands = run_lihua(env={"_LIHUA_COMPLETE": "complete_bash", "COMP_WORDS": "lihua gr", "COMP_CWORD": "1"})
    assert commands.stdout.decode().split() == ["grade"]
    formats = run_lihua(env={"_LIHUA_COMPLETE": "complete_bash", "COMP_WORDS": "lihua grade x --format ",
                             "COMP_CWORD": "4"})
    assert formats.stdout.decode().split() == ["text", "json"]


HELP_PAGES = [["grade"], ["batch"], ["doctor"], ["practice"], ["reply"], ["model"], ["rules", "list"],
              ["rules", "show"], ["prompts", "list"], ["prompts", "show"], ["config", "show"], ["history"],
              ["history", "export"]]


@pytest.mark.parametrize("command", HELP_PAGES, ids=" ".join)
def test_help_names_values_not_python_types(command: list[str]) -> None:
    page = run_lihua(*command, "--help").stdout.decode()
    assert "Options:" in page
    internal = re.findall(r"<(?:str|int|float|path|bool|list\[[^\]]*\])[^>]*>", page)
    assert internal == [], page


def test_help_uses_the_metavars_that_teach() -> None:
    page = run_lihua("grade", "--help").stdout.decode()
    for shown in ("FILE  ", "--prompt ID", "--max-errors N", "--disable RULE", "--lt-url URL", "--prompts-dir DIR"):
        assert shown in page, shown


def test_every_rule_id_lihua_reports_can_be_disabled() -> None:
    """The names --disable accepts include the ids the named checks really produce (kept in step)."""
    from lihua.checks.chinese_text import check_chinese_text
    from lihua.grading.rule_names import known_names

    produced = {f.rule_id for f in check_chinese_text("我们，ａｂｃ")}
    assert produced == {"script.chinese-characters", "punctuation.full-width", "punctuation.full-width-letters"}
    assert produced <= known_names()
