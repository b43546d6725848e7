"""Golden reports: each letter here, graded by the real `lihua grade`, must print exactly the text
and JSON reports stored beside it. A change to a report shows up as a diff to read, not as a count.

When the change is intended: `python -m pytest tests/golden --update-goldens` (or
LIHUA_UPDATE_GOLDENS=1) rewrites the reports; review them with `git diff tests/golden`.
"""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent
LETTERS = sorted(GOLDEN.glob("*.letter.txt"))
#: A plain, fixed-width report whatever terminal runs the tests.
ENV = {"NO_COLOR": "1", "COLUMNS": "100", "LINES": "50", "PYTHONIOENCODING": "utf-8"}
FORMATS = {"text": "report.txt", "json": "report.json"}


def case_name(letter: Path) -> str:
    return letter.name.removesuffix(".letter.txt")


def grade(letter: Path, output: str) -> str:
    """What `lihua grade` prints for the letter (its options from NAME.args), run from this folder
    so the report names the file as given; no LIHUA_* setting of the caller's leaks in."""
    args_file = letter.with_name(f"{case_name(letter)}.args")
    extra = args_file.read_text(encoding="utf-8").split() if args_file.is_file() else []
    env = {k: v for k, v in os.environ.items() if not k.startswith("LIHUA_") and k not in ("FORCE_COLOR", "TERM")}
    done = subprocess.run([sys.executable, "-m", "lihua", "grade", letter.name, *extra, "--format", output],
                          capture_output=True, cwd=GOLDEN, env={**env, **ENV}, timeout=120)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert done.stderr == b"", done.stderr.decode(errors="replace")
    return done.stdout.decode("utf-8")


def unified(expected: str, actual: str, name: str) -> str:
    return "".join(difflib.unified_diff(expected.splitlines(keepends=True), actual.splitlines(keepends=True),
                                        f"{name} (golden)", f"{name} (lihua grade now)"))


def test_there_are_golden_letters() -> None:
    assert {case_name(letter) for letter in LETTERS} >= {"clean", "typical-errors", "with-prompt", "chinese-inside"}


@pytest.mark.parametrize("output", sorted(FORMATS))
@pytest.mark.parametrize("letter", LETTERS, ids=case_name)
def test_report_matches_its_golden(letter: Path, output: str, update_goldens: bool) -> None:
    golden = letter.with_name(f"{case_name(letter)}.{FORMATS[output]}")
    actual = grade(letter, output)
    if update_goldens:
        golden.write_text(actual, encoding="utf-8", newline="")
        return
    if not golden.is_file():
        pytest.fail(f"{golden.name} is missing: run `python -m pytest tests/golden --update-goldens`")
    expected = golden.read_bytes().decode("utf-8")  # as stored: a \r would be a difference too
    assert actual == expected, (f"{golden.name} differs from what lihua prints now; if the change is intended, "
                                f"run `python -m pytest tests/golden --update-goldens`\n"
                                + unified(expected, actual, golden.name))
