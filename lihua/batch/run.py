"""Grading many letters: find the files, grade them in worker processes, stream the results.

- Inputs: files, folders (recursively) and glob patterns (expanded here too, for shells and
  Windows terminals that do not); duplicates removed; natural sort order (s2 before s10).
- Workers: a process pool whose initializer takes the one GradeRequest (lihua.grading.service)
  and builds the engines and the templates once per process; they are sent file paths in
  small chunks and send back compact results.
- Streaming: at most a few chunks per worker are in flight and results are taken in input
  order, so memory stays flat for 10 000 letters and the outputs come out sorted.
- Ctrl-C, `kill` (SIGTERM) and a closed terminal (SIGHUP): checked between results; stop
  submitting, terminate and reap the workers, keep what was finished.
"""

from __future__ import annotations

import glob
import os
import re
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from lihua.batch.worker import failure_result, grade_chunk, grade_one, init_worker
from lihua.grading.service import GradeRequest
from lihua.io.safe_text import shown_name

LETTER_SUFFIXES = (".txt", ".md", ".docx")
CHUNK = 4  # letters per task: few enough to keep workers balanced, enough to amortise IPC
IN_FLIGHT_PER_WORKER = 4  # chunks queued per worker: bounded, so results never pile up
CHUNK_TIMEOUT = 300  # seconds; a few letters take milliseconds, so only a dead worker gets here


STOP_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")  # each means "stop and keep what is done"


class Stop(threading.Event):
    """Set when the user asked the batch to stop; `signum` says how (for the message and exit code)."""

    signum: int | None = None

    def request(self, signum: int, _frame: Any = None) -> None:
        if self.signum is None:
            self.signum = signum
        self.set()

    @property
    def how(self) -> str:
        """'Ctrl-C', 'SIGTERM'…: the words for the 'stopped (…)' line."""
        if self.signum is None or self.signum == signal.SIGINT:
            return "Ctrl-C"
        return signal.Signals(self.signum).name


class BatchInputError(Exception):
    """A PATH argument that names nothing (a usage error, reported before any grading)."""


def natural_key(path: str) -> list[Any]:
    """Sort key that puts 'student2' before 'student10'."""
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", path)]


def discover(paths: Sequence[str]) -> list[str]:
    """Letter files named by `paths` (files, folders, globs): deduplicated, naturally sorted.

    Files named directly are always taken; inside folders only .txt/.md/.docx are, skipping
    hidden files and Word's `~$` lock files. Entries that only *look* like letters (a dangling
    symlink `x.txt`) are kept, so they are reported as failures instead of silently vanishing.
    """
    found: dict[str, str] = {}
    for raw in paths:
        matches = [raw] if os.path.lexists(raw) else sorted(glob.glob(raw, recursive=True))
        if not matches:
            raise BatchInputError(f"{shown_name(raw)}: no such file or folder, and no file matches it as a pattern")
        for match in matches:
            for file in _expand(match, explicit=match == raw):
                found.setdefault(os.path.realpath(file), os.path.normpath(file))
    return sorted(found.values(), key=natural_key)


def _expand(path: str, *, explicit: bool) -> Iterator[str]:
    if os.path.isdir(path):
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in files:
                if _is_letter_name(name):
                    yield os.path.join(root, name)
    elif explicit or _is_letter_name(os.path.basename(path)):
        yield path


def _is_letter_name(name: str) -> bool:
    return name.lower().endswith(LETTER_SUFFIXES) and not name.startswith((".", "~$"))


def worker_count(requested: int | None, files: int) -> int:
    """The worker processes worth starting: what was asked (default: all cores), but never more than
    the cores nor than the chunks of letters there are to hand out (5 files, --jobs 16 → 2 workers).

    Each worker holds its own Harper Linter (~40 MB and up), so an idle one is memory for nothing.
    """
    cores = default_jobs()
    return max(1, min(requested or cores, cores, -(-files // CHUNK)))


def default_jobs() -> int:
    """All cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def start_engines(request: GradeRequest, jobs: int) -> None:
    """With one job, start building Harper's Linter on a thread while files are found.

    Never with a pool: forking a process that holds a built Linter (or a thread building one)
    deadlocks the workers, so each worker builds its own, all in parallel.
    """
    if jobs <= 1:
        from lihua.engines import prewarm

        prewarm(request.engines)


def run_batch(files: Sequence[str], request: GradeRequest, *, jobs: int,
              on_result: Callable[[dict[str, Any]], None], stop: Stop | None = None) -> bool:
    """Grade `files`, calling `on_result` for each in input order. Returns False if interrupted.

    With one job the letters are graded in this process (no pool to start); otherwise in a pool
    of `jobs` worker processes. Ctrl-C, SIGTERM and SIGHUP only set `stop`, checked between
    results, so a result is always written whole to every output, never half.
    """
    indexed = list(enumerate(files))
    chunks = [indexed[i:i + CHUNK] for i in range(0, len(indexed), CHUNK)]
    stop = stop if stop is not None else Stop()
    with stop_on_signals(stop):
        if jobs <= 1 or len(files) <= CHUNK:
            return _run_inline(chunks, request, on_result, stop)
        return _run_pool(chunks, request, jobs, on_result, stop)


@contextmanager
def stop_on_signals(stop: Stop) -> Iterator[None]:
    """While inside, Ctrl-C, SIGTERM and SIGHUP set `stop` instead of ending the process mid-write.

    The default SIGTERM ends the process at once: the finished letters stay in hidden spools that
    are never published, and the workers are never reaped.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}
    for name in STOP_SIGNALS:
        if hasattr(signal, name):
            number = getattr(signal, name)
            previous[number] = signal.signal(number, stop.request)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


@contextmanager
def _stop_signals_blocked() -> Iterator[None]:
    """Block SIGTERM and SIGHUP in this thread while the pool starts its threads and workers.

    A worker forked after a group-wide SIGTERM killed its predecessor would otherwise inherit the
    parent's "set stop" handler, swallow the pool's own SIGTERM before `init_worker` resets it, and
    be waited on forever. Blocked, the signal waits until `init_worker` has restored the default;
    the parent's main thread still receives its signals once this returns.
    """
    numbers = {getattr(signal, name) for name in STOP_SIGNALS[1:] if hasattr(signal, name)}
    if not numbers or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, numbers)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, numbers)


def _run_inline(chunks: list[list[tuple[int, str]]], request: GradeRequest,
                on_result: Callable[[dict[str, Any]], None], stop: threading.Event) -> bool:
    init_worker(request, ignore_sigint=False)
    for chunk in chunks:
        for index, path in chunk:
            if stop.is_set():
                return False
            on_result(grade_one(index, path))
    return True


def _run_pool(chunks: list[list[tuple[int, str]]], request: GradeRequest, jobs: int,
              on_result: Callable[[dict[str, Any]], None], stop: threading.Event) -> bool:
    import multiprocessing

    # fork: workers start in milliseconds with lihua already imported; each builds its own engines
    # (a Linter built before the fork would deadlock them). Elsewhere: the platform default.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    context = multiprocessing.get_context(method)
    with _stop_signals_blocked():  # the pool's threads, and every worker they fork, start with them blocked
        pool = context.Pool(processes=jobs, initializer=init_worker, initargs=(request,))
    pending: deque = deque()
    queue = iter(chunks)
    limit = jobs * IN_FLIGHT_PER_WORKER
    stuck = False
    try:
        for chunk in queue:
            pending.append((chunk, pool.apply_async(grade_chunk, (chunk,))))
            if len(pending) >= limit:
                break
        while pending:
            chunk, waiting = pending.popleft()
            waited = 0.0
            while not waiting.ready() and not stop.is_set() and waited < CHUNK_TIMEOUT:
                waiting.wait(0.1)
                waited += 0.1
            if stop.is_set():
                pool.terminate()
                return False
            if waiting.ready():
                results = waiting.get()
            else:  # a worker died or hung: fail these files, go on
                stuck = True
                results = [failure_result(i, path, f"not graded within {CHUNK_TIMEOUT} s (the worker stopped)")
                           for i, path in chunk]
            next_chunk = next(queue, None)
            if next_chunk is not None:
                pending.append((next_chunk, pool.apply_async(grade_chunk, (next_chunk,))))
            for result in results:
                on_result(result)
        if stuck:
            pool.terminate()
        else:
            pool.close()
        return True
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
