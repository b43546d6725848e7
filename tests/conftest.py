"""Shared test helpers: paths, and running the real CLI in-process or as a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared"


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
