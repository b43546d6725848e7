"""Drafts: what the student is writing, saved as they type so no Ctrl-C or crash can lose it.

One file per prompt, `$LIHUA_HOME/drafts/<prompt-id>.txt`, always replaced atomically (temp file
+ os.replace) so a reader never sees half a draft. An old draft the student chooses not to
continue is renamed aside with a timestamp, never overwritten.
"""

from __future__ import annotations

import atexit
import os
import threading
import time
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path

from lihua.io import write as files
from lihua.practice.history import data_home

FREE_PRACTICE = "free-practice"  # the draft name when no prompt was chosen


def drafts_dir() -> Path:
    return data_home() / "drafts"


def draft_path(prompt_id: str | None) -> Path:
    """The draft file for a prompt (prompt ids are slugs, so they are safe file names)."""
    return drafts_dir() / f"{prompt_id or FREE_PRACTICE}.txt"


def write_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text` in one step: the old content or the new, never a mix (or a leftover)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    files.write_atomic(path, text, private=True)


def load_draft(prompt_id: str | None) -> str | None:
    """The saved draft, or None when there is none (or it is only whitespace)."""
    path = draft_path(prompt_id)
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
        return None
    return text if text.strip() else None


def set_aside(prompt_id: str | None) -> Path | None:
    """Rename the current draft to `<id>-<UTC time>.txt` (a fresh start must not overwrite it)."""
    path = draft_path(prompt_id)
    if not path.exists():
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.stem}-{stamp}.txt")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.stem}-{stamp}-{n}.txt")
    os.replace(path, target)
    return target


def discard(prompt_id: str | None) -> None:
    """Remove the draft once its text is safely stored as a graded attempt in the history."""
    draft_path(prompt_id).unlink(missing_ok=True)


class DraftWriter:
    """Saves the text as it changes, at most every `interval` seconds, and never leaves the latest unsaved.

    A change inside the throttle window schedules a trailing write for when the window ends: a
    paste is many changes in a few milliseconds, and without it only the first keystroke would be
    on disk until the next one (a SIGKILL cannot be caught, so nothing else could save it). The
    latest text is also written at interpreter exit. `close()` ends all that once the history holds
    the text (a late trailing write must not bring back a draft that was discarded).
    """

    def __init__(self, prompt_id: str | None, *, interval: float = 0.5) -> None:
        self.path = draft_path(prompt_id)
        self.interval = interval
        self.latest: str | None = None
        self._saved: str | None = None
        self._last_write = 0.0
        self._lock = threading.RLock()  # RLock: a signal handler may flush while this thread is inside flush
        self._timer: threading.Timer | None = None
        self._closed = False
        atexit.register(self._flush_at_exit)

    def update(self, text: str) -> None:
        with self._lock:
            self.latest = text
            wait = self._last_write + self.interval - time.monotonic()
            if wait <= 0:
                self.flush()
            elif self._timer is None and not self._closed:
                self._timer = threading.Timer(wait, self._trailing_write)
                self._timer.daemon = True
                self._timer.start()

    def flush(self) -> Path | None:
        """Write the latest text if it changed; returns the draft path when there is a draft."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self.latest is None or self._closed:
                return self.path if self.path.exists() else None
            if self.latest != self._saved:
                write_atomic(self.path, self.latest)
                self._saved = self.latest
                self._last_write = time.monotonic()
            return self.path

    def close(self) -> None:
        """No more writes: the text is safe elsewhere (graded and stored) or the draft was discarded."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            self._closed = True
        atexit.unregister(self._flush_at_exit)

    def _trailing_write(self) -> None:
        with self._lock:
            self._timer = None
            with suppress(OSError):  # a full disk: on this thread nobody would see it; the next flush retries
                self.flush()

    def _flush_at_exit(self) -> None:
        with suppress(OSError):
            self.flush()
