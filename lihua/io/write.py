"""Writing a file the user keeps: whole or not at all, and nothing left behind when the disk says no.

The text goes to a hidden temporary file in the same folder, is synced to the disk, and is then
renamed onto the real name (or, with `exclusive`, linked there only if that name is free). On any
failure (a full disk: ENOSPC, a file-size limit: EFBIG) the temporary file is removed and the error
is raised for the caller to say in one line; the real name still holds what it held before.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import suppress
from pathlib import Path

_UMASK = os.umask(0o022)
os.umask(_UMASK)


def write_atomic(path: Path, text: str, *, exclusive: bool = False, private: bool = False) -> None:
    """Replace `path` with `text` in one step; with `exclusive`, FileExistsError if `path` exists.

    `private` keeps mkstemp's 0600 (a draft); otherwise the file gets the mode any file the user
    saves would get.
    """
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        handle = os.fdopen(fd, "w", encoding="utf-8", newline="")
        try:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        finally:
            _close_quietly(handle)
        if not private:
            os.chmod(temp, 0o666 & ~_UMASK)
        if exclusive:
            _link_if_free(temp, path)
        else:
            os.replace(temp, path)
    finally:
        with suppress(OSError):
            os.unlink(temp)  # already gone after os.replace; removed after a failure


def _link_if_free(temp: str, path: Path) -> None:
    """Publish `temp` as `path` only if no file has that name (os.link refuses to overwrite)."""
    try:
        os.link(temp, path)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: check, then rename
        if os.path.lexists(path):
            raise FileExistsError(path) from None
        os.replace(temp, path)


def _close_quietly(handle) -> None:
    """Close even when the final flush fails (the write already raised the error that matters)."""
    with suppress(OSError):
        handle.close()  # the flush inside fails again on a full disk; the descriptor is closed all the same
