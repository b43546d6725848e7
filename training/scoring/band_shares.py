"""Which bands the scorer uses on a marked file: the share of texts per band (issue 16 asks that the
FCE answers fall in at least four bands with at least 5% each, or the scale says nothing).

    python training/scoring/band_shares.py --data ../shared/eval/fce_train_scored.jsonl \
        --graded /tmp/scorewire/graded_fce.jsonl

Scores each text with lihua's live scorer (no prompt: language and organisation scaled to 15
points) from the findings grade_cache.py kept, so it runs in seconds per thousand texts. Prints the
share per band and the mean human mark per band (a band should mean more than the one below it).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path


def read_graded(path: Path) -> dict[str, list]:
    """id -> the findings grade_cache.py kept for that text."""
    graded = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            graded[record["id"]] = record["findings"]
    return graded


def findings_of(rows: list[list]) -> list:
    """Cached finding rows back as lihua Findings (what the scorer reads)."""
    from lihua.findings import Category, Finding, Severity, Source, Span

    return [Finding(rule_id, Source(source), Category(category), Severity(severity), "", Span(start, end),
                    component=component, hinders_meaning=bool(hinders))
            for rule_id, source, category, severity, component, start, end, hinders in rows]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", required=True)
    ap.add_argument("--graded", required=True)
    ap.add_argument("--limit", type=int, default=0, help="only the first N graded texts")
    ap.add_argument("--mark", default="", help="human mark to average per band (default: exam_score_lin or overall)")
    args = ap.parse_args(argv)
    from lihua.scoring.score import score_letter
    from lihua.text.letter import parse_letter

    graded = read_graded(Path(args.graded))
    bands: Counter[int] = Counter()
    marks: dict[int, list[float]] = defaultdict(list)
    for line in Path(args.data).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if row["id"] not in graded or (args.limit and sum(bands.values()) >= args.limit):
            continue
        score = score_letter(parse_letter(row["text"]), None, findings_of(graded[row["id"]]))
        bands[score.band] += 1
        mark = row.get(args.mark) if args.mark else row.get("exam_score_lin", row.get("overall"))
        if isinstance(mark, int | float):
            marks[score.band].append(float(mark))
    n = sum(bands.values())
    print(f"{n} texts of {args.data}")
    for band in sorted(bands, reverse=True):
        human = marks[band]
        mean = f"{sum(human) / len(human):.2f}" if human else "-"
        print(f"band {band}: {bands[band] / n:6.1%}  ({bands[band]} texts, mean human mark {mean})")
    used = sum(1 for b in bands.values() if b >= 0.05 * n)
    print(f"bands with at least 5% of the texts: {used}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
