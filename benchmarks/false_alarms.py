"""False alarms of lihua's learner rules on correct English, per 1 000 words.

Correct English here: the `corrected` text of every gaokao dev passage (../shared/eval), every JFLEG
dev reference, lihua's own model letters, and tests/fixtures/correct_letters. Any learner-rule
finding on these is a false alarm (or a flaw in the reference). Target from issue 5: < 1 per 1 000
words. Run: python benchmarks/false_alarms.py [--show] [--eval DIR]   (--show prints each alarm in
context; --eval names the shared eval folder, e.g. /work/shared/eval when run from a worktree)
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"


def _jsonl(path: Path) -> Iterator[dict]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            yield json.loads(line)


def corpora(eval_dir: Path = EVAL) -> dict[str, list[str]]:
    """Name → correct texts (eval_dir holds the gaokao and JFLEG dev files)."""
    from lihua.prompts import load_bank
    from lihua.reply.model_letter import write_model

    found: dict[str, list[str]] = {}
    dev = eval_dir / "gaokao_corrections_dev.jsonl"
    jfleg = eval_dir / "jfleg_dev.jsonl"
    if dev.exists():
        found["gaokao dev, corrected"] = [row["corrected"] for row in _jsonl(dev)]
    if jfleg.exists():
        found["JFLEG dev, references"] = [ref for row in _jsonl(jfleg) for ref in row["references"]]
    bank = load_bank(use_env=False)
    found["model letters"] = [write_model(bank.get(pid)).text for pid in sorted(bank.prompts)]
    found["correct letters (tests)"] = [p.read_text(encoding="utf-8")
                                        for p in sorted((ROOT / "tests/fixtures/correct_letters").glob("*.txt"))]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show", action="store_true", help="print every false alarm in context")
    parser.add_argument("--eval", type=Path, default=EVAL, dest="eval_dir",
                        help="folder with gaokao_corrections_dev.jsonl and jfleg_dev.jsonl (default ../shared/eval)")
    args = parser.parse_args()
    if not args.eval_dir.is_dir():
        parser.exit(1, f"no eval folder at {args.eval_dir}: pass --eval DIR\n")

    from lihua.checks import check_letter
    from lihua.findings import Severity
    from lihua.text.letter import count_words, parse_letter

    total_words = total_alarms = total_errors = 0
    by_rule: Counter[str] = Counter()
    for name, texts in corpora(args.eval_dir).items():
        words = alarms = errors = 0
        for text in texts:
            words += count_words(text)
            for finding in check_letter(text, parse_letter(text)):
                alarms += 1
                errors += finding.severity is Severity.ERROR
                by_rule[finding.rule_id] += 1
                if args.show:
                    a, b = finding.span.start, finding.span.end
                    context = f"…{text[max(0, a - 40):a]}[{text[a:b]}]{text[b:b + 30]}…".replace("\n", " ")
                    print(f"  {finding.rule_id}: {context}")
        total_words, total_alarms, total_errors = total_words + words, total_alarms + alarms, total_errors + errors
        print(f"{name:<26} {len(texts):>5} texts {words:>7} words  {alarms:>4} findings "
              f"= {1000 * alarms / max(words, 1):5.2f} per 1 000 words ({errors} error-level)")
    print(f"{'all':<26} {'':>11} {total_words:>7} words  {total_alarms:>4} findings "
          f"= {1000 * total_alarms / max(total_words, 1):5.2f} per 1 000 words (target < 1)")
    if by_rule:
        print("by rule: " + ", ".join(f"{rule} {n}" for rule, n in by_rule.most_common(15)))


if __name__ == "__main__":
    main()
