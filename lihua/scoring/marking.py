"""The fitted model's numbers as gaokao points: the model's z, read on the points curve of
score_marking.yaml, says how much of a component a letter keeps; every point lost is a Deduction
naming a feature that fell short of a very good letter (its share of the shortfall), the facts
behind it and the findings that made it, each finding cited once.

Length is judged against the task: the features are measured as if the letter were an essay of the
fitting data's usual length, scaled by the task's midpoint (lihua/scoring/features.py); without a
task the letter's own length is the reference, so no length feature costs anything.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from lihua.findings import Finding
from lihua.scoring.model import Model, load_models, usual_words
from lihua.scoring.result import Deduction
from lihua.text.letter import Letter

MARKING_FILE = Path(__file__).resolve().parents[1] / "data" / "score_marking.yaml"
LENGTH_FEATURES = ("log_words", "log_words_sq", "log_clean_words")


def share_on_curve(knots: Sequence[tuple[float, float]], z: float) -> float:
    """The share of points kept at model output `z`: linear between the knots, flat outside them
    (never below the first knot's share, never above the last's)."""
    if z <= knots[0][0]:
        return knots[0][1]
    for (z0, s0), (z1, s1) in zip(knots, knots[1:], strict=False):
        if z <= z1:
            return s0 + (s1 - s0) * (z - z0) / (z1 - z0)
    return knots[-1][1]


@dataclass(frozen=True)
class Marking:
    reference_sd: float
    curve: dict[str, tuple[tuple[float, float], ...]]  # component -> (model z, share kept) knots, z rising
    reasons: dict[str, dict[str, str]]
    descriptor: dict[str, Any]

    def kept(self, component: str, z: float) -> float:
        """Share of `component` a letter whose model says `z` keeps (see `share_on_curve`)."""
        return share_on_curve(self.curve[component], z)


@cache
def marking() -> Marking:
    from lihua.io.yaml_data import load_yaml

    doc = load_yaml(MARKING_FILE.read_text(encoding="utf-8"))
    curve = {k: tuple(sorted((float(z), float(share)) for z, share in v)) for k, v in doc["curve"].items()}
    return Marking(
        float(doc["reference_sd"]), curve, {k: dict(v) for k, v in doc["reasons"].items()}, doc["descriptor"]
    )


@dataclass(frozen=True)
class Measured:
    """A letter's features (length-relative), facts and the reference values for the length terms."""

    features: dict[str, float]
    facts: dict[str, Any]
    references: dict[str, float]
    rows: list[list[Any]]


def measure_letter(letter: Letter, findings: Sequence[Finding], limit: tuple[int, int] | None) -> Measured:
    """Features of `letter` judged against the task's midpoint length (or its own length with no task)."""
    from lihua.scoring.features import finding_rows, measure

    usual = usual_words(load_models())
    words = max(letter.word_count, 1)
    mid = (limit[0] + limit[1]) / 2 if limit else words
    rows = finding_rows(findings)
    features, facts = measure(letter.text, rows, usual / mid)
    at_usual = math.log1p(usual)
    references = {"log_words": at_usual, "log_words_sq": (at_usual - 5.0) ** 2}
    if limit and words >= limit[0]:
        # Within the task's range length costs nothing; over it, the length rule alone decides (the
        # 15-point rubric only reports a long letter), so the report never marks down what it says it does not.
        features = {**features, **references}
    facts = {**facts, "mid": round(mid)}
    return Measured(features, facts, references, rows)


def model_deductions(
    model_name: str, component: str, measured: Measured, maximum: float, budget: float = 1.0
) -> list[Deduction]:
    """The points the model's z costs on the curve (at most `budget` of `maximum`), one Deduction per
    feature short of the very good letter, each its share of that shortfall.

    The points lost follow the model's whole prediction, so what a letter does better than the very
    good letter offsets what it does worse (the score ranks letters as the fitted model does); the
    reasons name only what fell short."""
    model: Model = load_models()[model_name]
    rules = marking()
    lost = min(budget, 1.0 - rules.kept(component, model.predict(measured.features))) * maximum
    if lost < 0.05:  # under a tenth of a point: not worth a line
        return []
    short = model.shortfalls(measured.features, rules.reference_sd, measured.references)
    if not short:  # above the very good letter on every feature yet below full marks: the weakest terms
        short = sorted(
            ((t, -t.contribution(measured.features[t.name])) for t in model.terms), key=lambda p: -p[1]
        )[:1]
    whole = sum(z for _, z in short)
    cuts: list[Deduction] = []
    cited: set[int] = (
        set()
    )  # one error, one deduction: a finding is cited by the largest deduction it is behind
    for term, z in sorted(short, key=lambda item: -item[1]):
        points = lost * z / whole
        behind = _findings_behind(term.name, measured.rows)
        indices = [i for i in behind if i not in cited]
        owner = next((c for c in cuts if c.findings and set(behind) & set(c.findings)), None)
        if points < 0.05 or (behind and not indices):
            # Too small for a line, or another measure of errors already cited ("8 grammar errors" after
            # "8 learner errors"): its points join the largest deduction, so each error is charged once.
            (
                owner or (cuts[0] if cuts else None) or _new(cuts, component, term, measured, indices)
            ).points += points
            continue
        cited.update(indices)
        _new(cuts, component, term, measured, indices).points += points
    return sorted(cuts, key=lambda c: -c.points)


def _new(
    cuts: list[Deduction], component: str, term: Any, measured: Measured, indices: list[int]
) -> Deduction:
    """A new deduction (0 points yet) for `term`, its reason counting only the findings it cites."""
    facts = dict(measured.facts)
    if term.name in _COUNTS:  # "3 grammar errors": the ones this line cites, not those cited above
        facts[_COUNTS[term.name]] = len(indices)
    reason, reason_zh = _reason(term.name, term.description, facts)
    cut = Deduction(
        component,
        reason,
        reason_zh,
        0.0,
        findings=indices,
        rule_ids=sorted({measured.rows[i][0] for i in indices}),
    )
    cuts.append(cut)
    return cut


_COUNTS = {
    "err_grammar": "n_grammar",
    "err_word_choice": "n_word_choice",
    "err_spelling": "n_spelling",
    "err_punctuation": "n_punctuation",
    "err_hinders": "n_hinders",
    "err_lihua": "n_lihua",
}


def model_z(model_name: str, measured: Measured) -> float:
    """The model's own prediction (z-units of the human mark) for the letter."""
    return load_models()[model_name].predict(measured.features)


def _reason(name: str, description: str, facts: dict[str, Any]) -> tuple[str, str]:
    template = marking().reasons.get(name)
    if template is None:
        return f"Below a very good letter: {description}.", f"低于优秀范文水平：{description}。"
    values = {
        **facts,
        "unknown": ", ".join(facts.get("unknown_words", [])[:5]) or "-",
        "rare": ", ".join(facts.get("rare_words", [])[:5]) or "-",
        "advanced": ", ".join(facts.get("advanced_words", [])[:5]) or "none",
        "linking": ", ".join(facts.get("linking", [])[:6]) or "none",
        "kinds": ", ".join(facts.get("linking_kinds", [])) or "none",
        "structures": ", ".join(facts.get("structures", [])) or "simple sentences only",
    }
    return template["en"].format(**values), template["zh"].format(**values)


def _findings_behind(name: str, rows: list[list[Any]]) -> list[int]:
    """Indices of the findings a feature counts (its errors), none for the features about words."""

    def language(row: list[Any]) -> bool:
        return row[4] == "language" and row[3] != "suggestion"

    tests = {
        "err_grammar": lambda r: r[2] == "grammar",
        "err_word_choice": lambda r: r[2] == "word-choice",
        "err_spelling": lambda r: r[2] == "spelling",
        "err_punctuation": lambda r: r[2] == "punctuation",
        "err_hinders": lambda r: bool(r[7]),
        "err_lihua": lambda r: r[1] == "lihua",
        "clean_sentences": lambda r: True,
        "log_clean_words": lambda r: True,
    }
    test = tests.get(name)
    if test is None:
        return []
    return [i for i, row in enumerate(rows) if language(row) and test(row)]
