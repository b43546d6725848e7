"""`lihua grade` as users run it: the JSON contract, text report, exit codes, stderr discipline."""

from __future__ import annotations

import json

import pytest

from lihua.cli.app import app
from tests.support import FIXTURES, ROOT, run_lihua

SAMPLE = ROOT / "examples" / "letter.txt"


def grade_json(runner, *args: str, input: str | None = None) -> dict:
    result = runner.invoke(app, ["grade", *args, "--format", "json"], input=input)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_json_contract(runner) -> None:
    data = grade_json(runner, str(SAMPLE))
    assert data["schema"] == 1
    assert set(data) >= {"source", "encoding", "letter", "word_count", "word_count_rule", "summary", "findings", "notes"}
    assert data["letter"]["salutation"]["text"] == "Dear Chris,"
    assert data["letter"]["signature"]["text"] == "Li Hua"
    assert data["word_count"] > 80
    text = SAMPLE.read_text(encoding="utf-8")
    assert data["findings"], "the sample letter has mistakes to find"
    for finding in data["findings"]:
        assert set(finding) >= {"rule_id", "source", "category", "severity", "message", "span", "replacements"}
        span = finding["span"]
        assert text[span["start"] : span["end"]] == finding["text"]
        line = text.splitlines()[span["line"] - 1]
        assert line[span["column"] - 1 :].startswith(finding["text"])


def test_offsets_point_into_the_original_crlf_text(runner) -> None:
    data = grade_json(runner, str(FIXTURES / "letter_crlf.txt"))
    original = (FIXTURES / "letter_crlf.txt").read_bytes().decode("utf-8")
    assert data["findings"]
    for finding in data["findings"]:
        assert original[finding["span"]["start"] : finding["span"]["end"]] == finding["text"]


def test_chinese_text_inside_the_letter_is_reported_not_crashed_on(runner) -> None:
    data = grade_json(runner, str(FIXTURES / "chinese_inside.txt"))
    rules = {f["rule_id"]: f for f in data["findings"]}
    assert rules["script.chinese-characters"]["text"] == "饺子"
    assert rules["punctuation.full-width"]["replacements"]


def test_stdin_dash(runner) -> None:
    data = grade_json(runner, "-", input="Dear Tom,\n\nHe go to school.\n\nYours,\nLi Hua\n")
    assert data["source"] == "<stdin>"
    assert any(f["text"] == "go" for f in data["findings"])


def test_text_report_marks_the_letter_and_lists_fixes(runner) -> None:
    result = runner.invoke(app, ["grade", "-"], input="Dear Tom,\n\nHe go to school.\n\nYours,\nLi Hua\n")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    marked = lines.index("He go to school.")
    assert lines[marked + 1] == "   ^^"
    assert any(line.startswith("3:4") and "→ goes" in line for line in lines)


@pytest.mark.parametrize(
    ("fixture", "words"),
    [("image_named.txt", "PNG"), ("empty.txt", "empty"), ("blank.txt", "empty"), ("missing.txt", "no such file")],
)
def test_bad_input_exits_2_with_one_stderr_line(fixture: str, words: str) -> None:
    result = run_lihua("grade", str(FIXTURES / fixture))
    assert result.returncode == 2
    assert result.stdout == b""
    err = result.stderr.decode().strip()
    assert len(err.splitlines()) == 1
    assert fixture in err and words in err
    assert "Traceback" not in err


def test_max_errors_exit_code(runner) -> None:
    letter = "Dear Tom,\n\nHe go to school. She have a cat. I recieve it.\n\nYours,\nLi Hua\n"
    over = runner.invoke(app, ["grade", "-", "--max-errors", "0"], input=letter)
    assert over.exit_code == 1
    assert "more than --max-errors 0" in over.stderr
    within = runner.invoke(app, ["grade", "-", "--max-errors", "50"], input=letter)
    assert within.exit_code == 0


def test_disable_switches_off_a_category(runner) -> None:
    data = grade_json(runner, str(FIXTURES / "chinese_inside.txt"), "--disable", "punctuation")
    assert not any(f["category"] == "punctuation" for f in data["findings"])


def test_unknown_engine_is_a_usage_error(runner) -> None:
    result = runner.invoke(app, ["grade", str(SAMPLE), "--engine", "bogus"])
    assert result.exit_code == 2
    assert "unknown engine bogus" in result.stderr


def test_version_and_help_are_fast_paths(runner) -> None:
    assert runner.invoke(app, ["--version"]).stdout.startswith("lihua ")
    result = run_lihua("--help")
    assert result.returncode == 0 and b"grade" in result.stdout


def test_help_does_not_import_engines() -> None:
    probe = (
        "import sys; from lihua.cli.app import app; from typer.testing import CliRunner;"
        "CliRunner().invoke(app, ['--help']);"
        "heavy = [m for m in ('harper', 'lemminflect', 'wordfreq', 'jinja2', 'pypinyin', 'docx') if m in sys.modules];"
        "print(','.join(heavy))"
    )
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == ""
