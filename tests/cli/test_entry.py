"""The console-script entry point: what it does around the command itself."""

from __future__ import annotations

import subprocess
import sys

EXIT_PROBE = (
    "import atexit, gc, sys; "
    "atexit.register(lambda: print('frozen', gc.get_freeze_count() > 0)); "
    "sys.argv = ['lihua', '--version']; "
    "from lihua.entry import main; main()"
)


def test_the_entry_point_leaves_the_last_collection_nothing_to_walk() -> None:
    """The objects a grade made are frozen once the command is done, so the exit does not walk them."""
    done = subprocess.run([sys.executable, "-c", EXIT_PROBE], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "frozen True"
