"""Speed of grading, measured as issue 15 asks: on letters never graded before, against Harper alone.

    python benchmarks/bench_speed.py [--letters 60] [--cold-runs 5] [--sizes 1000,10000,100000,500000]
                                     [--eval /work/shared/eval]

(a) warm: CPU time of `lihua.grade` per ~120-word letter against Harper's own lint of the same
    letters, in one process, both warmed first on other letters. Letters are JFLEG dev sentences
    joined six to a letter (--eval, default ../shared/eval; without it, generated sentence mixes), each graded once:
    Harper caches texts it has seen, so a repeated letter would measure its cache. The parser's
    share is printed apart.
(b) cold: `lihua grade` on a new letter in a fresh process against a bare-Harper script (wall time,
    median), and instructions when `perf stat` works here.
(c) linear: seconds per character as the text grows to `--sizes` characters.
Prints figures; asserts nothing (tests never time).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"  # --eval changes it (a worktree has no ../shared)
BARE_HARPER = """
import sys
from harper import Language, Linter
text = open(sys.argv[1], encoding="utf-8").read()
linter = Linter()
print(len(linter.lint(text, language=Language.PLAINTEXT)))
"""
_FILLERS = ["my friend", "our teacher", "the old library", "a small park", "the school team", "my cousin"]
_VERBS = ["visited", "likes", "wanted to see", "talks about", "is near", "helped"]


def sentences(seed: int) -> list[str]:
    jfleg = EVAL / "jfleg_dev.jsonl"
    if jfleg.is_file():
        rows = [json.loads(line)["text"] for line in jfleg.read_text(encoding="utf-8").splitlines() if line.strip()]
        random.Random(seed).shuffle(rows)
        return rows
    rng = random.Random(seed)
    return [f"{rng.choice(_FILLERS).capitalize()} {rng.choice(_VERBS)} {rng.choice(_FILLERS)} "
            f"on day {n} because it was {rng.choice(['fun', 'new', 'quiet', 'busy'])}." for n in range(5000)]


def letters(count: int, seed: int) -> list[str]:
    pool = sentences(seed)
    out = []
    for n in range(count):
        body = " ".join(pool[(n * 6 + k) % len(pool)] for k in range(6))
        out.append(f"Dear Chris,\n\n{body} (letter {n})\n\nYours,\nLi Hua\n")
    return out


def cpu(fn, texts: list[str]) -> float:
    start = time.process_time()
    for text in texts:
        fn(text)
    return (time.process_time() - start) / len(texts)


def warm(count: int) -> None:
    from harper import Language, Linter

    import lihua
    from lihua.engines.harper import _DISABLED_RULES, _quiet_fd1
    from lihua.text.analysis import analyse

    texts = letters(count + 20, seed=1)
    warmup, measured = texts[:20], texts[20:]
    # Harper alone gets its own Linter, configured as lihua's: its cache of seen texts is its own, so
    # both lint every measured letter for the first time, and the same letters are compared.
    alone, undeduplicated = Linter(), Linter()
    for linter in (alone, undeduplicated):
        config = linter.get_lint_config()
        config.update(_DISABLED_RULES)
        linter.set_lint_config(config)
    for text in warmup:
        lihua.grade(text)
        alone.lint(text, language=Language.PLAINTEXT)
        undeduplicated.lint(text, language=Language.PLAINTEXT, dedup=False)
    # Blocks of ten letters, taking turns: one workload at a time, alternating, so a change in the
    # machine's load falls on both; the parser is timed alone on copies it has not seen (one space added).
    spent = {"harper": 0.0, "harper_all": 0.0, "grade": 0.0, "parser": 0.0}
    for start in range(0, count, 10):
        block = measured[start:start + 10]
        with _quiet_fd1():  # Harper prints debug lines to fd 1 for some rules; lihua silences them too
            spent["harper"] += cpu(lambda t: alone.lint(t, language=Language.PLAINTEXT), block) * len(block)
            spent["harper_all"] += cpu(lambda t: undeduplicated.lint(t, language=Language.PLAINTEXT, dedup=False),
                                       block) * len(block)
        spent["grade"] += cpu(lihua.grade, block) * len(block)
        spent["parser"] += cpu(analyse, [t + " " for t in block]) * len(block)
    harper, harper_all, grade, parser = (spent[k] / count for k in ("harper", "harper_all", "grade", "parser"))
    words = statistics.mean(len(t.split()) for t in measured)
    print(f"(a) warm, {count} new letters of ~{words:.0f} words each: Harper alone {harper * 1000:.1f} ms, "
          f"lihua.grade {grade * 1000:.1f} ms (of which the parser alone costs {parser * 1000:.1f} ms) CPU a letter; "
          f"ratio {grade / harper:.2f} (target <= 2.0)")
    print(f"    against Harper with every lint kept (dedup=False, as lihua calls it: cheaper than its own dedup) "
          f"{harper_all * 1000:.1f} ms: ratio {grade / harper_all:.2f}")


def wall(cmd: list[str], runs: int, files: list[Path]) -> float:
    env = {**os.environ, "NO_COLOR": "1"}
    times = []
    for n in range(runs):
        start = time.perf_counter()
        subprocess.run([*cmd, str(files[n])], capture_output=True, env=env, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def instructions(cmd: list[str]) -> int | None:
    if shutil.which("perf") is None:
        return None
    out = subprocess.run(["perf", "stat", "-x", ",", "-e", "instructions", *cmd], capture_output=True, text=True)
    for line in out.stderr.splitlines():
        value = line.split(",")[0]
        if value.isdigit():
            return int(value)
    return None


def cold(runs: int) -> None:
    lihua = shutil.which("lihua")
    grade = [lihua, "grade"] if lihua else [sys.executable, "-m", "lihua", "grade"]
    bare = [sys.executable, "-c", BARE_HARPER]
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for n, text in enumerate(letters(4 * runs + 2, seed=7)):
            path = Path(tmp) / f"letter{n}.txt"
            path.write_text(text, encoding="utf-8")
            files.append(path)
        subprocess.run([*grade, str(files[-1])], capture_output=True, check=False)  # file cache, .pyc
        subprocess.run([*bare, str(files[-2])], capture_output=True, check=False)
        t_lihua = wall(grade, runs, files[:runs])
        t_bare = wall(bare, runs, files[runs:2 * runs])
        print(f"(b) cold, median of {runs} fresh processes on new letters: lihua grade {t_lihua * 1000:.0f} ms, "
              f"bare Harper {t_bare * 1000:.0f} ms, ratio {t_lihua / t_bare:.2f} (target <= 2)")
        i_lihua, i_bare = instructions([*grade, str(files[2 * runs])]), instructions([*bare, str(files[2 * runs + 1])])
        if i_lihua and i_bare:
            print(f"    instructions: lihua {i_lihua / 1e9:.2f} G, bare Harper {i_bare / 1e9:.2f} G, "
                  f"ratio {i_lihua / i_bare:.2f}")
        else:
            print("    instructions: perf stat is not available here")


def linear(sizes: list[int]) -> None:
    import lihua

    pool = " ".join(letters(4000, seed=3))
    lihua.grade("Dear Tom,\n\nA warm-up letter.\n\nYours,\nLi Hua\n")
    base = None
    for size in sizes:
        text = (pool * (size // len(pool) + 1))[:size]
        start = time.process_time()
        lihua.grade(text)
        seconds = time.process_time() - start
        per = seconds / size
        base = base or per
        print(f"(c) {size:>9,} characters: {seconds:7.2f} s CPU, {per * 1e6:.1f} µs a character "
              f"({per / base:.2f}× the smallest)")


def main() -> None:
    global EVAL
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=60)
    parser.add_argument("--cold-runs", type=int, default=5)
    parser.add_argument("--sizes", default="1000,10000,100000,500000")
    parser.add_argument("--eval", type=Path, default=EVAL, help="the shared eval folder (its jfleg_dev.jsonl)")
    args = parser.parse_args()
    EVAL = args.eval
    if not (EVAL / "jfleg_dev.jsonl").is_file():
        print(f"note: no {EVAL / 'jfleg_dev.jsonl'}; letters are generated sentence mixes", file=sys.stderr)
    warm(args.letters)
    cold(args.cold_runs)
    linear([int(s) for s in args.sizes.split(",") if s])


if __name__ == "__main__":
    main()
