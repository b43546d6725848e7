"""Shared test helpers: paths, ../shared cases, and running the real CLI in a subprocess.

Imported by tests as `tests.support` (pytest puts the checkout on sys.path: pyproject `pythonpath`);
the fixtures built on these live in `conftest.py`."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

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


def run_lihua(*args: str, input_bytes: bytes | None = None, env: dict[str, str] | None = None,
              cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run `python -m lihua` in a fresh process: the real stdout, stderr and exit code."""
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "lihua", *args],
        input=input_bytes, capture_output=True, env=full_env, cwd=cwd or ROOT, timeout=120,
    )


@dataclass
class FullDisk:
    """A folder where writing soon fails as on a full disk, and how to run lihua so it does.

    `tmpfs`: a real 64 KB file system mounted on the folder (needs the right to mount; skipped
    where that is refused). `rlimit`: an ordinary folder, lihua run with RLIMIT_FSIZE so a write
    past `limit` bytes fails with EFBIG (SIGXFSZ ignored), which needs no privilege at all.
    """

    folder: Path
    kind: str
    limit: int = 0

    def run(self, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        full_env = {**os.environ, "NO_COLOR": "1", "PYTHONDONTWRITEBYTECODE": "1", **(env or {})}
        return subprocess.run([sys.executable, "-m", "lihua", *args], capture_output=True, env=full_env,
                              cwd=ROOT, timeout=120, preexec_fn=self._limit if self.kind == "rlimit" else None)

    def _limit(self) -> None:
        import resource
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit raises EFBIG instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (self.limit, self.limit))

    def fill(self) -> Path:
        """Take every free byte (tmpfs), so the next write fails; returns the filler to delete."""
        filler = self.folder / "filler"
        with filler.open("wb", buffering=0) as handle, contextlib.suppress(OSError):
            while True:
                handle.write(b"\0" * 4096)
        return filler
