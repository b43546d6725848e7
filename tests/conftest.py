"""pytest fixtures shared by every test folder; the plain helpers they use are in `tests/support.py`."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("LIHUA_RULE_ERRORS", "raise")  # a rule that breaks fails its test (users get a note instead)

import pytest  # noqa: E402
from typer.testing import CliRunner

from tests.support import FullDisk


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", default=False,
                     help="rewrite tests/golden/*.report.* from what lihua prints now (also LIHUA_UPDATE_GOLDENS=1)")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    """True when the golden reports are to be rewritten, not compared: a change was intended."""
    return bool(request.config.getoption("--update-goldens")) or os.environ.get("LIHUA_UPDATE_GOLDENS") == "1"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()



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
