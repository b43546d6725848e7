"""The fitted score model (lihua/data/score_model.yaml, written by training/scoring/fit.py), applied at
run time with no numpy: a model's score in z-units, and what each feature costs a letter.

A deduction is a feature's contribution below that of a "very good letter": one whose every feature
stands `reference_sd` standard deviations on the good side of the fitting data's mean (never past
what a text can reach: no share or count below 0). A letter at or above that level on a feature
loses nothing for it; the z-units lost are turned into points by the scorer.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

MODEL_FILE = Path(__file__).resolve().parents[1] / "data" / "score_model.yaml"


@dataclass(frozen=True)
class Term:
    """One feature of a model: standardised coefficient, the fitting data's mean and scale."""

    name: str
    coef: float
    mean: float
    scale: float
    description: str

    def contribution(self, value: float) -> float:
        return self.coef * (value - self.mean) / self.scale

    def reference(self, reference_sd: float) -> float:
        """The very good letter's value: `reference_sd` on the good side of the mean, never below 0."""
        good = 1.0 if self.coef > 0 else -1.0
        return max(0.0, self.mean + good * reference_sd * self.scale)


@dataclass(frozen=True)
class Model:
    name: str
    intercept: float
    terms: tuple[Term, ...]
    means: dict[str, float]  # every feature's fitting-data mean, used or not

    def predict(self, features: dict[str, float]) -> float:
        """intercept + sum(coef * (value - mean) / scale): z-units of the human mark."""
        return self.intercept + sum(t.contribution(features[t.name]) for t in self.terms)

    def shortfalls(self, features: dict[str, float], reference_sd: float,
                   references: dict[str, float] | None = None) -> list[tuple[Term, float]]:
        """(term, z-units below the very good letter) for every term that falls short, largest first.
        `references` overrides a term's reference value (length is judged against the task)."""
        out = []
        for term in self.terms:
            ref = (references or {}).get(term.name, term.reference(reference_sd))
            short = term.contribution(ref) - term.contribution(features[term.name])
            if short > 1e-9:
                out.append((term, short))
        return sorted(out, key=lambda pair: -pair[1])


@cache
def load_models(path: Path = MODEL_FILE) -> dict[str, Model]:
    """Every model in the file by name (overall, organisation); terms with a zero coefficient dropped."""
    from lihua.io.yaml_data import load_yaml

    doc: dict[str, Any] = load_yaml(path.read_text(encoding="utf-8"))
    return {name: Model(name, float(spec.get("intercept", 0.0)), tuple(
        Term(f["name"], float(f["coef"]), float(f["mean"]), float(f["scale"]), str(f.get("description", "")))
        for f in spec["features"] if float(f["coef"])), {f["name"]: float(f["mean"]) for f in spec["features"]})
        for name, spec in doc["models"].items()}


def usual_words(models: dict[str, Model]) -> float:
    """The fitting data's usual length in words (exp of the mean of ln(1 + words) - 1)."""
    import math

    for model in models.values():
        if "log_words" in model.means:
            return math.expm1(model.means["log_words"])
    return 250.0
