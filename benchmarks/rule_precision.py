"""Per-rule hits and false alarms on the shared eval data: which learner rules earn their keep.

Uses the scorer's own matching (../shared/eval/eval_corrections.py), read in place.
Run: python benchmarks/rule_precision.py [--eval DIR] [--data FILE ...]   (--eval names the shared eval
folder, e.g. /work/shared/eval when run from a worktree; --data defaults to its gaokao and JFLEG dev files)
"""

from __future__ import annotations

import argparse
import importlib.util
import json
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"


def _scorer(eval_dir: Path = EVAL):
    spec = importlib.util.spec_from_file_location("eval_corrections", eval_dir / "eval_corrections.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--eval", type=Path, default=EVAL, dest="eval_dir",
                        help="folder with eval_corrections.py and the dev files (default ../shared/eval)")
    parser.add_argument("--data", nargs="*", help="JSONL files to score (default: the eval folder's gaokao and JFLEG dev)")
    parser.add_argument("--show", help="print the false alarms of rules whose id starts with this")
    args = parser.parse_args()
    if not args.eval_dir.is_dir():
        parser.exit(1, f"no eval folder at {args.eval_dir}: pass --eval DIR\n")
    scorer = _scorer(args.eval_dir)
    data = args.data or [str(args.eval_dir / "gaokao_corrections_dev.jsonl"), str(args.eval_dir / "jfleg_dev.jsonl")]
    from lihua import check_text

    for path in data:
        hits, alarms = Counter(), Counter()
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            text = row["text"]
            edits = row["edits"] if "edits" in row else scorer.jfleg_edits(row)
            for finding in check_text(text):
                a, b = finding.span.start, finding.span.end
                if any(scorer.detects(text, e, a, b) for e in edits):
                    hits[finding.rule_id] += 1
                else:
                    alarms[finding.rule_id] += 1
                    if args.show and finding.rule_id.startswith(args.show):
                        print(f"  FA {finding.rule_id}: …{text[max(0, a - 40):a]}[{text[a:b]}]{text[b:b + 30]}…")
        print(f"{Path(path).name}: rule hits / false alarms")
        for rule in sorted(set(hits) | set(alarms), key=lambda r: -(hits[r] + alarms[r])):
            print(f"  {rule:<45}{hits[rule]:>5}{alarms[rule]:>5}")


if __name__ == "__main__":
    main()
