"""Grade every text of a human-marked file once and keep lihua's findings, so features can be recomputed
in seconds while the model is being tried (grading ~3 500 texts with Harper takes minutes).

    nice python training/scoring/grade_cache.py --data ../shared/eval/fce_train_scored.jsonl \
        --out /tmp/score16/graded_fce.jsonl

One line per text: its id, every finding (rule id, source, category, severity, component, span,
whether it hinders meaning) and lihua's current rubric score (total and scored components), which is
the baseline the fitted model is compared with. Rows already in --out are kept (resumable).
The human marks are not copied: the fit joins them from --data by id.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


def grade_record(text: str) -> dict:
    """lihua's findings and score for `text`: no prompt, Harper on (the library's defaults)."""
    from lihua import grade
    from lihua.scoring.language import finding_weight

    report = grade(text)
    findings = []
    for f in report.findings:
        _, hinders = finding_weight(f)
        findings.append([f.rule_id, f.source.value, f.category.value, f.severity.value, f.component,
                         f.span.start, f.span.end, bool(hinders)])
    score = report.score
    lihua = {"total": score.total, **{n: c.score for n, c in score.components.items() if c.scored}}
    return {"findings": findings, "lihua": lihua, "notes": list(report.notes)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", required=True, help="a JSON-lines file with id and text")
    ap.add_argument("--out", required=True)
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    done = set()
    if out.exists():
        done = {json.loads(line)["id"] for line in out.open(encoding="utf-8") if line.strip()}
    rows = [json.loads(line) for line in Path(args.data).read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.limit:
        rows = rows[: args.limit]
    t0, n = time.perf_counter(), 0
    with out.open("a", encoding="utf-8") as sink:
        for row in rows:
            if row["id"] in done:
                continue
            record = {"id": row["id"], **grade_record(row["text"])}
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
            if n % 200 == 0:
                sink.flush()
                print(f"{n} graded, {time.perf_counter() - t0:.0f}s", file=sys.stderr)
    print(f"{n} graded ({len(done)} already cached) in {time.perf_counter() - t0:.0f}s -> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
