"""lihua's cache folder: copies of data that are slow to rebuild, never anything a user wrote.

`$LIHUA_HOME/cache` when LIHUA_HOME is set, else the platform's user cache folder. Entries are
plain data in `marshal` files (dicts, tuples, strings — no code), written atomically; an entry
that is missing, damaged or unwritable is simply rebuilt, so deleting the folder is always safe.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any


def cache_dir() -> Path:
    home = os.environ.get("LIHUA_HOME")
    if home:
        return Path(home) / "cache"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("lihua"))


def read_entry(name: str) -> Any | None:
    """The cached value, or None when there is none usable."""
    try:
        return marshal.loads((cache_dir() / name).read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None


def write_entry(name: str, value: Any) -> None:
    """Store `value` (plain data); quietly does nothing where the cache cannot be written."""
    try:
        data = marshal.dumps(value)
    except ValueError:  # not plain data: a programming error, but never worth failing a grade for
        return
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(temp, folder / name)
    except OSError:  # a full disk: no cache this time, and no hidden temporary file left to fill it further
        with contextlib.suppress(OSError):
            os.unlink(temp)
