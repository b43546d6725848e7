"""Benchmark `lihua batch`: 1 000 generated letters with --jobs 1 and --jobs 2.

Prints letters/s for the whole run (worker start-up with one Harper build per worker, grading,
writing all three reports) and after start-up (first result to last), and peak memory. Target from issue 9: >= 300 letters/s with 2 jobs on a 2-core machine.
Each run happens in a fresh child process, so its memory figures are its own:
  parent = the process that discovers files and writes reports; worker = largest worker process.
Run: python benchmarks/bench_batch.py [--letters N] [--jobs 1,2] [--reply]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OPENINGS = ["I'm Li Hua, your pen pal from {city}.", "How is everything going?", "I am writing to invite you to {event}.",
            "I'm very glad to hear that you are interested in Chinese culture.", "Long time no see!"]
MIDDLES = [
    "The {event} is coming, so I want to invite you to spend it with my family.",
    "On that day we will watch the dragon boat races on the river in the morning.",
    "After that, my mother will teach us how to make zongzi.",
    "I think you will enjoy to make them, because it is very fun.",
    "There have many people by the river, so we should meet at the school gate at {hour} a.m.",
    "We can also visit the museum near my home, where you can learn a lot about {city}.",
    "He go to school by bike every day, and he like it very much.",
    "The activity will be held on the playground next Friday afternoon.",
    "Please bring a camera so that you can take some photos.",
    "I believe it will be a unforgettable experience for you.",
    "If you are free, please let me know as soon as possible.",
    "My classmates are looking forward to meet you, and they have prepared a small gift.",
]
CLOSINGS = ["Looking forward to see you.", "I'm looking forward to your reply.", "Hope you can come!"]
CITIES = ["Beijing", "Hangzhou", "Chengdu", "Xi'an", "Suzhou"]
EVENTS = ["the Dragon Boat Festival", "our school's English festival", "a paper-cutting workshop"]
NAMES = ["Chris", "Tom", "Emma", "Jack", "Lucy"]


def make_letter(rng: random.Random) -> str:
    """A varied letter: 2-3 body paragraphs from a pool of right and wrong sentences."""
    fill = {"city": rng.choice(CITIES), "event": rng.choice(EVENTS), "hour": rng.randint(7, 10)}
    paragraphs = [" ".join([rng.choice(OPENINGS)] + rng.sample(MIDDLES, rng.randint(1, 3)))]
    for _ in range(rng.randint(1, 2)):
        paragraphs.append(" ".join(rng.sample(MIDDLES, rng.randint(2, 4))))
    paragraphs.append(rng.choice(CLOSINGS))
    body = "\n\n".join(p.format(**fill) for p in paragraphs)
    return f"Dear {rng.choice(NAMES)},\n\n{body}\n\nYours,\nLi Hua\n"


def generate(folder: Path, count: int) -> None:
    rng = random.Random(9)
    for i in range(count):
        text = make_letter(rng)
        if i % 3 == 1:
            (folder / f"s{i:04d}.txt").write_bytes(text.encode("gb18030"))
        else:
            (folder / f"s{i:04d}.txt").write_text(text, encoding="utf-8")


CHILD = """
import json, resource, sys, time
from pathlib import Path
from lihua.batch.run import discover, run_batch
from lihua.batch.outputs import BatchWriter
from lihua.batch.summary import ClassSummary
from lihua.grading.service import GradeRequest
from lihua.prompts import load_bank

folder, out, jobs, reply = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1"
start = time.perf_counter()
prompt = load_bank().get("invite-dragon-boat")
files = discover([folder])
settings = GradeRequest(prompt=prompt, reply=reply)
summary = ClassSummary(total_files=len(files))
writer = BatchWriter(out, force=True)
stamps = []
def on_result(result):
    writer.add(result)
    summary.add(result)
    stamps.append(time.perf_counter())
run_batch(files, settings, jobs=jobs, on_result=on_result)
writer.finish(summary, prompt=prompt)
seconds = time.perf_counter() - start
steady = (len(stamps) - 1) / (stamps[-1] - stamps[0])
kb = lambda who: resource.getrusage(who).ru_maxrss
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"seconds": seconds, "steady": steady, "graded": summary.graded, "parent_cpu": usage.ru_utime + usage.ru_stime,
                  "parent_kb": kb(resource.RUSAGE_SELF), "worker_kb": kb(resource.RUSAGE_CHILDREN)}))
"""


def run(folder: Path, jobs: int, reply: bool) -> dict:
    with tempfile.TemporaryDirectory(prefix="lihua-bench-out-") as out:
        args = [str(folder), out, str(jobs), "1" if reply else "0"]
        done = subprocess.run([sys.executable, "-c", CHILD, *args], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument("--jobs", default="1,2")
    parser.add_argument("--reply", action="store_true", help="also write each student's reply (slower)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lihua-bench-") as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        generate(folder, options.letters)
        print(f"generated {options.letters} letters (1 in 3 GBK) in {time.perf_counter() - start:.1f} s; "
              f"replies {'on' if options.reply else 'off'}")
        for jobs in (int(j) for j in options.jobs.split(",")):
            figures = run(folder, jobs, options.reply)
            rate = options.letters / figures["seconds"]
            print(f"--jobs {jobs}: {figures['graded']} graded in {figures['seconds']:.2f} s = {rate:.0f} letters/s "
                  f"(after start-up: {figures['steady']:.0f} letters/s); parent CPU {figures['parent_cpu']:.1f} s; peak RSS parent "
                  f"{figures['parent_kb'] / 1024:.0f} MB, largest worker {figures['worker_kb'] / 1024:.0f} MB"
                  + ("  (target >= 300 letters/s)" if jobs == 2 else ""))


if __name__ == "__main__":
    main()
