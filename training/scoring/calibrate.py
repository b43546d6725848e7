"""The points curve of score_marking.yaml: where the model's z must stand for each band, so that the
live scorer spreads the FCE answers over the bands as their examiners did.

    python training/scoring/calibrate.py --data /work/shared/eval/fce_train_scored.jsonl \
        --graded /tmp/score16/graded_fce.jsonl

Each FCE answer's examiner band (the integer part of exam_score) gives the share of answers per
band. Organisation's knots put its model's live z (no prompt, as eval_scores.py grades) at the same
quantiles of the answers: the top 12.5% reach band 5's share of the component (13/15), and so on down.
Language's knots are then placed so that the total (language + organisation as the scorer gives
them, half points, no prompt) has the examiners' shares per band: the total is what users read.
Prints the `curve:` block to paste into lihua/data/score_marking.yaml. Only the marks' shares are
read, never a row's text into the repository.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

#: the share of a component at each band's floor on 15 points (13, 10, 7, 4, 1 of 15) and full marks
FLOORS = {5: 13 / 15, 4: 10 / 15, 3: 7 / 15, 2: 4 / 15, 1: 1 / 15}
FULL_QUANTILE = 0.985  # z above the top 1.5% of the answers keeps the whole component


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    pos = q * (len(ordered) - 1)
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


LANG_MAX, ORG_MAX = 10.0, 5.0  # no prompt: language and organisation on the whole 15 points
MIN_GAP = 0.25  # z between two knots at least: the curve keeps a slope (no cliff at a band floor)


def half(value: float) -> float:
    return int(value * 2 + 0.5 + 1e-9) / 2


def kept(knots: list[tuple[float, float]], z: float) -> float:
    """The live scorer's own reading of a curve, so the calibration and the scorer never differ."""
    from lihua.scoring.marking import share_on_curve

    return share_on_curve(knots, z)


def quantile_knots(values: list[float], shares: list[float]) -> list[tuple[float, float]]:
    """Knots putting the component's band floors at the examiners' quantiles of `values`."""
    above, knots = 0.0, [(quantile(values, FULL_QUANTILE), 1.0)]
    for band, share in zip((5, 4, 3, 2, 1), shares, strict=True):
        above += share
        knots.append((quantile(values, max(0.0, 1.0 - above)), FLOORS[band]))
    knots.append((min(values) - 1.0, 0.0))
    return sorted(knots)


def band_shares(totals: list[float]) -> dict[int, float]:
    floors = {5: 13, 4: 10, 3: 7, 2: 4, 1: 0}
    out = dict.fromkeys(floors, 0.0)
    for t in totals:
        out[next(b for b, f in floors.items() if t >= f)] += 1 / len(totals)
    return out


def total_knots(zs: list[float], points_o: list[float], shares: list[float]) -> list[tuple[float, float]]:
    """Language knots (same shares as quantile_knots) moved one at a time, a few rounds, so that the
    share of totals at or above each band floor is the examiners' share."""
    knots = quantile_knots(zs, shares)
    targets, above = [], 0.0
    for band, share in zip((5, 4, 3, 2), shares, strict=False):
        above += share
        targets.append((FLOORS[band] * 15, above))
    for _ in range(4):
        for floor, target in targets:
            i = next(k for k, (_, s) in enumerate(knots) if abs(s * 15 - floor) < 1e-6)
            low, high = knots[i - 1][0] + MIN_GAP, knots[i + 1][0] - MIN_GAP
            for _ in range(30):  # the knot's z: higher -> fewer totals reach the floor
                mid = (low + high) / 2
                trial = [*knots[:i], (mid, knots[i][1]), *knots[i + 1:]]
                reach = sum(1 for z, o in zip(zs, points_o, strict=True)
                            if half(LANG_MAX * kept(trial, z)) + o >= floor - 1e-9) / len(zs)
                low, high = (mid, high) if reach > target else (low, mid)
            knots[i] = ((low + high) / 2, knots[i][1])
    return knots


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", required=True)
    ap.add_argument("--graded", required=True)
    args = ap.parse_args(argv)
    from band_shares import findings_of, read_graded

    from lihua.scoring.marking import measure_letter, model_z
    from lihua.text.letter import parse_letter

    graded = read_graded(Path(args.graded))
    from lihua.scoring.organisation import rule_share

    bands: Counter[int] = Counter()
    zs: dict[str, list[float]] = {"language": [], "organisation": []}
    rules: list[float] = []
    for line in Path(args.data).read_text(encoding="utf-8").splitlines():
        row = json.loads(line) if line.strip() else None
        if row is None or row["id"] not in graded or row.get("exam_score") is None:
            continue
        bands[max(1, int(float(row["exam_score"])))] += 1
        letter, found = parse_letter(row["text"]), findings_of(graded[row["id"]])
        measured = measure_letter(letter, found, None)
        rules.append(rule_share(letter, None, found))
        zs["language"].append(model_z("overall", measured))
        zs["organisation"].append(model_z("organisation", measured))
    n = sum(bands.values())
    shares = [bands[b] / n for b in (5, 4, 3, 2, 1)]
    print(f"# {n} answers; examiners' bands: " + ", ".join(f"{b}: {bands[b] / n:.1%}" for b in sorted(bands, reverse=True)))
    organisation = quantile_knots(zs["organisation"], shares)
    kept_o = [kept(organisation, z) for z in zs["organisation"]]
    points_o = [half(ORG_MAX * max(0.0, k - r)) for k, r in zip(kept_o, rules, strict=True)]
    language = total_knots(zs["language"], points_o, shares)
    print("curve:")
    for component, knots in (("language", language), ("organisation", organisation)):
        print(f"  {component}: [" + ", ".join(f"[{z:.3f}, {share:.3f}]" for z, share in knots) + "]")
    totals = [half(LANG_MAX * kept(language, z)) + o for z, o in zip(zs["language"], points_o, strict=True)]
    print("# total per band: " + ", ".join(f"{b}: {share:.1%}" for b, share in band_shares(totals).items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
