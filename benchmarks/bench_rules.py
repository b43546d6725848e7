"""Benchmark the learner rules: what they add to grading a 100-word letter, on top of Harper.

Prints figures only (target from issue 5: rules add <= 2 ms per 100-word letter). Also prints the
ten slowest rules, so a slow pattern is easy to find. Run: python benchmarks/bench_rules.py [--letters N]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "letter.txt"


def per_letter(function, text: str, letters: int) -> float:
    """Mean seconds per call, after one warm-up call (caches, compiled patterns, the Harper linter)."""
    function(text)
    start = time.perf_counter()
    for _ in range(letters):
        function(text)
    return (time.perf_counter() - start) / letters


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--letters", type=int, default=500)
    args = parser.parse_args()

    from lihua.checks import check_letter
    from lihua.checks.rulebook import load_rules
    from lihua.grading.pipeline import check_text
    from lihua.text.letter import count_words, parse_letter

    text = SAMPLE.read_text(encoding="utf-8")
    words = count_words(text)
    scale = 100 / words
    rules = per_letter(lambda t: check_letter(t, parse_letter(t)), text, args.letters)
    harper = per_letter(lambda t: check_text(t, disabled=[r.id for r in load_rules()]), text, args.letters)
    both = per_letter(check_text, text, args.letters)
    print(f"sample: {words} words, {len(load_rules())} rules, {args.letters} runs each")
    print(f"  letter parse + rules   {rules * 1000 * scale:6.2f} ms per 100 words (target <= 2)")
    print(f"  Harper (rules off)     {harper * 1000 * scale:6.2f} ms per 100 words")
    print(f"  Harper + rules         {both * 1000 * scale:6.2f} ms per 100 words "
          f"(+{(both - harper) * 1000 * scale:.2f} ms for the rules)")

    letter = parse_letter(text)
    timings = []
    for rule in load_rules():
        start = time.perf_counter()
        for _ in range(50):
            list(rule.findings(text, letter))
        timings.append(((time.perf_counter() - start) / 50, rule.id))
    print("  slowest rules (µs per letter):")
    for seconds, rule_id in sorted(timings, reverse=True)[:10]:
        print(f"    {seconds * 1e6:8.1f}  {rule_id}")


if __name__ == "__main__":
    main()
