"""Which rules would gain from `word_classes_from: sentence`: per rule, the findings it gains or
loses on learner text (gaokao dev, JFLEG dev sources) and on correct text (their corrections and
references, lihua's model letters) when its when/unless word classes are read from the tagged
sentence instead of the lexicon, and how many of its own examples that breaks.

A rule worth switching gains on learner text, gains nothing on correct text and keeps its
examples. Run: python benchmarks/sentence_classes.py [--eval ../shared/eval]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval", help="the eval data folder")
    args = parser.parse_args()

    from lihua.checks import in_sentence
    from lihua.checks.rulebook import example_problems, load_rules
    from lihua.prompts import load_bank
    from lihua.reply.model_letter import write_model

    gaokao = _jsonl(args.eval / "gaokao_corrections_dev.jsonl")
    jfleg = _jsonl(args.eval / "jfleg_dev.jsonl")
    bank = load_bank(use_env=False)
    texts = {"learner": [r["text"] for r in gaokao + jfleg],
             "correct": [r["corrected"] for r in gaokao] + [ref for r in jfleg for ref in r["references"]]
             + [write_model(bank.get(pid)).text for pid in sorted(bank.prompts)]}
    candidates = [rule for rule in load_rules() if rule.source and rule.word_classes_from == "lexicon"
                  and any(in_sentence.reads_sentence(p) for names in (*rule.when.values(), *rule.unless.values())
                          for p in names)]
    switched = {rule.id: replace(rule, word_classes_from="sentence") for rule in candidates}
    counts: Counter[tuple[str, str]] = Counter()
    for kind, group in texts.items():
        for text in group:
            lowered = text.lower()
            for rule in candidates:
                if not rule.may_fire(text, lowered) or not rule.pattern.search(text):
                    continue
                before = {(f.span.start, f.span.end) for f in rule.findings(text, None, lowered)}
                after = {(f.span.start, f.span.end) for f in switched[rule.id].findings(text, None, lowered)}
                counts[(rule.id, f"{kind}+")] += len(after - before)
                counts[(rule.id, f"{kind}-")] += len(before - after)
    print(f"{len(candidates)} rules ask word classes the sentence can answer")
    for rule in candidates:
        row = [counts[(rule.id, key)] for key in ("learner+", "learner-", "correct+", "correct-")]
        if any(row):
            broken = len(example_problems(switched[rule.id]))
            print(f"{rule.id:55} learner +{row[0]} -{row[1]}  correct +{row[2]} -{row[3]}  examples broken {broken}")


if __name__ == "__main__":
    main()
