"""The fitted model's numbers as gaokao points: every point lost is a Deduction naming the feature that
fell short of a very good letter, the facts behind it and the findings that made it.

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


@dataclass(frozen=True)
class Marking:
    reference_sd: float
    share_per_z: dict[str, float]
    reasons: dict[str, dict[str, str]]
    descriptor: dict[str, Any]


@cache
def marking() -> Marking:
    from lihua.io.yaml_data import load_yaml

    doc = load_yaml(MARKING_FILE.read_text(encoding="utf-8"))
    return Marking(float(doc["reference_sd"]), {k: float(v) for k, v in doc["share_per_z"].items()},
                   {k: dict(v) for k, v in doc["reasons"].items()}, doc["descriptor"])


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


def model_deductions(model_name: str, component: str, measured: Measured, maximum: float,
                     budget: float = 1.0) -> list[Deduction]:
    """One Deduction per feature short of the very good letter; together at most `budget` of `maximum`."""
    model: Model = load_models()[model_name]
    rules = marking()
    short = model.shortfalls(measured.features, rules.reference_sd, measured.references)
    per_z = rules.share_per_z[component]
    total = sum(z for _, z in short) * per_z
    squeeze = min(1.0, budget / total) if total > 0 else 1.0
    cuts = []
    cited: set[int] = set()  # one error, one deduction: a finding is cited by the largest deduction it is behind
    for term, z in sorted(short, key=lambda item: -item[1]):
        points = z * per_z * squeeze * maximum
        if points < 0.05:  # under a tenth of a point: not worth a line
            continue
        behind = _findings_behind(term.name, measured.rows)
        indices = [i for i in behind if i not in cited]
        if behind and not indices:
            # Another measure of the same errors ("8 grammar errors" after "8 learner errors"): one line,
            # so the student sees each error charged once; its points join the deduction citing them.
            owner = next(c for c in cuts if c.findings and set(behind) & set(c.findings))
            owner.points += points
            continue
        cited.update(indices)
        reason, reason_zh = _reason(term.name, term.description, measured.facts)
        cuts.append(Deduction(component, reason, reason_zh, points, findings=indices,
                              rule_ids=sorted({measured.rows[i][0] for i in indices})))
    return cuts


def model_z(model_name: str, measured: Measured) -> float:
    """The model's own prediction (z-units of the human mark) for the letter."""
    return load_models()[model_name].predict(measured.features)


def _reason(name: str, description: str, facts: dict[str, Any]) -> tuple[str, str]:
    template = marking().reasons.get(name)
    if template is None:
        return f"Below a very good letter: {description}.", f"低于优秀范文水平：{description}。"
    values = {**facts, "unknown": ", ".join(facts.get("unknown_words", [])[:5]) or "-",
              "rare": ", ".join(facts.get("rare_words", [])[:5]) or "-",
              "advanced": ", ".join(facts.get("advanced_words", [])[:5]) or "none",
              "linking": ", ".join(facts.get("linking", [])[:6]) or "none",
              "kinds": ", ".join(facts.get("linking_kinds", [])) or "none",
              "structures": ", ".join(facts.get("structures", [])) or "simple sentences only"}
    return template["en"].format(**values), template["zh"].format(**values)


def _findings_behind(name: str, rows: list[list[Any]]) -> list[int]:
    """Indices of the findings a feature counts (its errors), none for the features about words."""
    def language(row: list[Any]) -> bool:
        return row[4] == "language" and row[3] != "suggestion"

    tests = {"err_grammar": lambda r: r[2] == "grammar", "err_word_choice": lambda r: r[2] == "word-choice",
             "err_spelling": lambda r: r[2] == "spelling", "err_punctuation": lambda r: r[2] == "punctuation",
             "err_hinders": lambda r: bool(r[7]), "err_lihua": lambda r: r[1] == "lihua",
             "clean_sentences": lambda r: True, "log_clean_words": lambda r: True}
    test = tests.get(name)
    if test is None:
        return []
    return [i for i, row in enumerate(rows) if language(row) and test(row)]
