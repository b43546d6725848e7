"""Read the fitted score model (lihua/data/score_model.yaml) and apply it to a feature vector.

What the scorer will do once wired in: features(text, findings) -> predict(model, features).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

MODEL_FILE = Path(__file__).resolve().parents[2] / "lihua" / "data" / "score_model.yaml"


def load_model(path: Path = MODEL_FILE) -> dict[str, Any]:
    """The YAML document: {schema, about, fitted_on, models: {name: {intercept, features: [...]}}}."""
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))


def predict(model: dict[str, Any], features: dict[str, float]) -> float:
    """intercept + sum(coef * (value - mean) / scale): one named model's score in z-units."""
    return float(model["intercept"]) + sum(
        float(f["coef"]) * (float(features[f["name"]]) - float(f["mean"])) / float(f["scale"])
        for f in model["features"])


def contributions(model: dict[str, Any], features: dict[str, float]) -> list[tuple[str, float]]:
    """Each feature's share of the score (z-units), largest first: the 'why' a report can show."""
    parts = [(f["name"], float(f["coef"]) * (float(features[f["name"]]) - float(f["mean"])) / float(f["scale"]))
             for f in model["features"] if f["coef"]]
    return sorted(parts, key=lambda p: -abs(p[1]))
