"""Where the live score loses against the fitted model: the same texts scored step by step from
the model's own output to the total a user sees, each step's Spearman with the human marks.

    python training/scoring/live_gap.py --data /work/shared/eval/fce_train_scored.jsonl \
        --graded /tmp/score16/graded_fce.jsonl

Steps (no prompt, as eval_scores.py grades): the `overall` model on the fitting features
(length_scale 1, what fit.py measures), on the live features (length judged as the scorer judges it),
the language component before and after half points, organisation, the raw sum, and the total
after the band caps. The shipped model was fitted on these rows: the figures are in-sample for
the model, but each step's loss against the one before is the mapping's, which is what this measures.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))


def spearman(a: list[float], b: list[float]) -> float:
    from fit import spearman as fit_spearman

    return fit_spearman(np.array(a, dtype=float), np.array(b, dtype=float))


def script_level(values: list[float], scripts: list[str], marks: list[float]) -> float:
    sums: dict[str, list[float]] = {}
    human: dict[str, float] = {}
    for v, s, m in zip(values, scripts, marks, strict=True):
        sums.setdefault(s, []).append(v)
        human[s] = m
    keys = sorted(sums)
    return spearman([sum(sums[k]) / len(sums[k]) for k in keys], [human[k] for k in keys])


def steps(text: str, rows: list[list]) -> dict[str, float]:
    """Every step's value for one text."""
    from band_shares import findings_of

    from lihua.scoring.features import features
    from lihua.scoring.marking import measure_letter, model_deductions, model_z
    from lihua.scoring.model import load_models
    from lihua.scoring.score import score_letter
    from lihua.text.letter import parse_letter

    letter = parse_letter(text)
    found = findings_of(rows)
    model = load_models()["overall"]
    measured = measure_letter(letter, found, None)
    score = score_letter(letter, None, found)
    language_max = score.components["language"].max
    lost = sum(d.points for d in model_deductions("overall", "language", measured, language_max))
    return {
        "model z (fit features)": model.predict(features(text, rows)),
        "model z (live features)": model_z("overall", measured),
        "language before half points": language_max - lost,
        "language (half points)": score.components["language"].score,
        "organisation": score.components["organisation"].score,
        "raw sum": score.components["language"].score + score.components["organisation"].score,
        "total (after caps)": score.total,
        "band": float(score.band),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", required=True)
    ap.add_argument("--graded", required=True)
    args = ap.parse_args(argv)
    from band_shares import read_graded

    graded = read_graded(Path(args.graded))
    values: dict[str, list[float]] = {}
    marks: list[float] = []
    scripts: list[str] = []
    script_marks: list[float] = []
    for line in Path(args.data).read_text(encoding="utf-8").splitlines():
        row = json.loads(line) if line.strip() else None
        if row is None or row["id"] not in graded:
            continue
        mark = row.get("exam_score_lin", row.get("overall"))
        for name, value in steps(row["text"], graded[row["id"]]).items():
            values.setdefault(name, []).append(value)
        marks.append(float(mark) if isinstance(mark, int | float) else float("nan"))
        scripts.append(str(row.get("script", row["id"])))
        script_marks.append(float(row.get("script_score", mark) or 0))
    fce = "script" in json.loads(Path(args.data).read_text(encoding="utf-8").splitlines()[0])
    print(f"{len(marks)} texts of {args.data}")
    print(f"{'step':<30}{'answers':>10}" + (f"{'scripts':>10}" if fce else "") + f"{'distinct':>10}")
    for name, column in values.items():
        line = f"{name:<30}{spearman(column, marks):>10.3f}"
        if fce:
            line += f"{script_level(column, scripts, script_marks):>10.3f}"
        print(line + f"{len(set(column)):>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
