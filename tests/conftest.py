"""Shared test helpers: paths, and running the real CLI in-process or as a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared"
SHARED_ABSENT = "../shared/eval is not beside this clone (a user's fresh clone has none); its cases only add to the suite"


def shared_eval_rows(name: str) -> list[dict]:
    """The rows of a `../shared/eval` JSON-lines file, or [] where the folder is absent (a fresh clone)."""
    path = SHARED / "eval" / name
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def shared_eval_params(name: str, id_key: str = "id") -> list:
    """Parametrize over a `../shared/eval` file; where it is absent, one case that skips and says why."""
    rows = shared_eval_rows(name)
    if not rows:
        return [pytest.param(None, id="shared-absent", marks=pytest.mark.skip(reason=SHARED_ABSENT))]
    return [pytest.param(row, id=str(row.get(id_key, index))) for index, row in enumerate(rows)]


def require_shared_eval(name: str) -> list[dict]:
    """The rows of a `../shared/eval` file for a test that adds cases from it; skips the test where it is absent."""
    rows = shared_eval_rows(name)
    if not rows:
        pytest.skip(SHARED_ABSENT)
    return rows


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def run_lihua(*args: str, input_bytes: bytes | None = None, env: dict[str, str] | None = None,
              cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run `python -m lihua` in a fresh process: the real stdout, stderr and exit code."""
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "lihua", *args],
        input=input_bytes, capture_output=True, env=full_env, cwd=cwd or ROOT, timeout=120,
    )
