"""eval_scores.py grader for the fitted model: lihua's findings -> features -> score_model.yaml.

    python ../shared/eval/eval_scores.py --data ../shared/eval/ellipse_dev.jsonl \
        --grader training/scoring/grader.py:score

On the dev files this is IN-SAMPLE (the model was fitted on them): it checks the wiring, not the
validity; the cross-validated figures are fit.py's. On fresh marked texts it is a fair measure.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

_MODELS: dict = {}


def score(text: str) -> dict[str, float]:
    """Every shipped model's score for `text`, in z-units of the human marks it was fitted on."""
    from features import live_features
    from model import load_model, predict

    if not _MODELS:
        _MODELS.update(load_model()["models"])
    vector = live_features(text)
    return {name: predict(spec, vector) for name, spec in _MODELS.items()}
