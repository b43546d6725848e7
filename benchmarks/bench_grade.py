"""Benchmark `lihua grade`: cold start vs bare Harper, throughput, and linearity in input size.

Prints figures only (targets from issue 3: cold grade ≤ 1.2× bare Harper; ≥ 200 letters/s in one
process; 100× longer input ≤ 120× the time). Run: python benchmarks/bench_grade.py [--letters N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "letter.txt"
BARE_HARPER = """
import sys
from harper import Language, Linter
text = open(sys.argv[1], encoding="utf-8").read()
linter = Linter()
print(len(linter.lint(text, language=Language.PLAINTEXT)))
"""


def wall(cmd: list[str], runs: int) -> float:
    """Median wall time of a command, in seconds (one warm-up run first, for the file cache)."""
    env = {**os.environ, "NO_COLOR": "1"}
    subprocess.run(cmd, capture_output=True, env=env, check=False)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, env=env, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cold_start(runs: int) -> None:
    lihua = shutil.which("lihua")
    grade_cmd = [lihua] if lihua else [sys.executable, "-m", "lihua"]
    t_lihua = wall([*grade_cmd, "grade", str(SAMPLE)], runs)
    t_bare = wall([sys.executable, "-c", BARE_HARPER, str(SAMPLE)], runs)
    print(f"(a) cold start, median of {runs}: lihua grade {t_lihua * 1000:.0f} ms, "
          f"bare Harper {t_bare * 1000:.0f} ms, ratio {t_lihua / t_bare:.2f} (target <= 1.2)")


def throughput(letters: int) -> None:
    import lihua

    text = SAMPLE.read_text(encoding="utf-8")
    lihua.grade(text)  # build the engines once, as a batch worker does
    start = time.perf_counter()
    for _ in range(letters):
        lihua.grade(text)
    seconds = time.perf_counter() - start
    print(f"(b) throughput: {letters} letters in {seconds:.2f} s = {letters / seconds:.0f} letters/s (target >= 200)")


def linearity() -> None:
    import lihua

    text = SAMPLE.read_text(encoding="utf-8")
    lihua.grade(text)
    base = None
    for factor in (1, 10, 100):
        long_text = "\n\n".join([text] * factor)
        runs = max(1, 50 // factor)
        start = time.perf_counter()
        for _ in range(runs):
            lihua.grade(long_text)
        seconds = (time.perf_counter() - start) / runs
        base = base or seconds
        print(f"(c) {factor:>3}x length ({len(long_text):>6} chars): {seconds * 1000:8.1f} ms = {seconds / base:6.1f}x the 1x time")
    print("    target: 100x length <= 120x the time")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    cold_start(args.runs)
    throughput(args.letters)
    linearity()


if __name__ == "__main__":
    main()
