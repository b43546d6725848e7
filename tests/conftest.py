"""Shared test helpers: paths, and running the real CLI in-process or as a subprocess."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
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


@pytest.fixture(params=["tmpfs", "rlimit"])
def full_disk(request, tmp_path: Path) -> Iterator[FullDisk]:
    folder = tmp_path / "disk"
    folder.mkdir()
    if request.param == "rlimit":
        yield FullDisk(folder, "rlimit", limit=16 * 1024)
        return
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here ({mounted.stderr.decode().strip() or 'not permitted'}); "
                    "the RLIMIT_FSIZE case covers the same code")
    try:
        yield FullDisk(folder, "tmpfs")
    finally:
        subprocess.run(["umount", str(folder)], capture_output=True)
