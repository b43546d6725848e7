"""Tests of the fitting machinery and the shipped model file; none needs ../shared.

    python -m pytest training/scoring/test_scoring.py -q
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import features as feat  # noqa: E402
import fit  # noqa: E402
import model as shipped  # noqa: E402

CLEAN = """Dear Chris,

I am writing to invite you to our school's art festival, which will be held next Friday. First, there
will be an exhibition of paintings by students. Besides, you can try making paper cuttings yourself.

However, the festival starts early, so please come to the school gate at eight. I hope you can come.

Yours,
Li Hua"""


def _findings_on(text: str, words: list[str], category: str = "grammar") -> list[list]:
    """Made-up findings on the first occurrence of each word, in grade_cache.py's row shape."""
    rows = []
    for word in words:
        start = text.index(word)
        rows.append(["learner.verb.test", "lihua", category, "error", "language", start, start + len(word), False])
    return rows


def test_every_feature_is_named_described_and_finite() -> None:
    vector = feat.features(CLEAN, [])
    assert list(vector) == list(feat.FEATURES)
    assert all(math.isfinite(v) for v in vector.values())
    assert all(feat.FEATURES[name] for name in vector)


def test_errors_raise_their_category_and_lower_error_free_sentences() -> None:
    clean = feat.features(CLEAN, [])
    flawed = feat.features(CLEAN, _findings_on(CLEAN, ["invite", "exhibition", "festival starts"]))
    assert flawed["err_grammar"] > clean["err_grammar"] == 0
    assert flawed["err_spelling"] == clean["err_spelling"]
    assert flawed["clean_sentences"] < clean["clean_sentences"]
    assert flawed["fam_verb"] > clean["fam_verb"]


def test_linking_words_and_letter_format_are_counted() -> None:
    plain = "Dear Chris,\n\nI like the festival. It is fun. We paint. We cut paper.\n\nYours,\nLi Hua"
    linked = feat.features(CLEAN, [])
    bare = feat.features(plain, [])
    assert linked["linking_distinct"] > bare["linking_distinct"]
    assert linked["linking_kinds"] > bare["linking_kinds"]
    assert linked["format_complete"] == bare["format_complete"] == 1.0
    essay = feat.features("I like the festival. It is fun.", [])
    assert essay["is_letter"] == essay["format_complete"] == 0.0


def test_ridge_holds_a_constrained_coefficient_at_zero() -> None:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(300, 2))
    y = 2.0 * X[:, 0] + 1.0 * X[:, 1] + rng.normal(scale=0.1, size=300)
    free = fit.ridge(X, y, ["free_a", "free_b"], 1.0)
    held = fit.ridge(X, y, ["free_a", "err_grammar"], 1.0)  # err_grammar may not be positive
    assert free.coef[1] > 0.5
    assert held.coef[1] == 0.0
    assert held.coef[0] > 1.5


def test_folds_keep_a_script_together() -> None:
    groups = np.array([f"doc{i // 2}" for i in range(200)])
    folds = fit.fold_of(groups)
    for script in set(groups):
        assert len(set(folds[groups == script])) == 1
    assert len(set(folds)) == fit.FOLDS


def test_cross_prediction_never_sees_its_own_rows() -> None:
    # pure noise: a model that had seen the test rows would fit them; out of fold it cannot
    rng = np.random.default_rng(1)
    X = rng.normal(size=(400, 30))
    y = rng.normal(size=400)
    names = [f"x{i}" for i in range(30)]
    groups = np.array([str(i) for i in range(400)])
    in_sample = fit.ridge(X, y, names, 0.3).predict(X)
    out_of_fold = fit.cross_predict(X, y, groups, names)
    assert fit.spearman(in_sample, y) > 0.2
    assert abs(fit.spearman(out_of_fold, y)) < 0.15


def test_spearman_handles_ties_and_order() -> None:
    a = np.array([1.0, 2.0, 2.0, 3.0, 5.0])
    assert fit.spearman(a, a**3) == pytest.approx(1.0)
    assert fit.spearman(a, -a) == pytest.approx(-1.0)
    assert list(fit.rank(a)) == [1.0, 2.5, 2.5, 4.0, 5.0]


def test_predict_from_yaml_shape_equals_the_fitted_model() -> None:
    rng = np.random.default_rng(2)
    X = rng.normal(loc=3.0, scale=2.0, size=(100, 3))
    y = X @ np.array([0.5, -0.2, 0.1])
    names = ["a", "b", "c"]
    m = fit.ridge(X, y, names, 1.0)
    as_data = {"intercept": m.intercept, "features": [
        {"name": n, "coef": c, "mean": mu, "scale": s} for n, c, mu, s in zip(names, m.coef, m.mean, m.scale, strict=True)]}
    for row in X[:5]:
        assert shipped.predict(as_data, dict(zip(names, row, strict=True))) == pytest.approx(m.predict(row[None, :])[0])


def test_shipped_model_file_is_complete_and_keeps_its_signs() -> None:
    doc = shipped.load_model()
    assert {"overall", "organisation"} <= set(doc["models"])
    for spec in doc["models"].values():
        assert spec["cross_validated_spearman"]
        for f in spec["features"]:
            assert f["name"] in feat.FEATURES
            assert f["scale"] > 0
            assert f["coef"] * f["sign"] >= 0
    organisation = {f["name"] for f in doc["models"]["organisation"]["features"]}
    assert organisation <= set(fit.ORGANISATION)  # no length or accuracy inside the organisation score


def test_a_cleaner_letter_scores_higher_with_the_shipped_model() -> None:
    doc = shipped.load_model()["models"]["overall"]
    clean = shipped.predict(doc, feat.features(CLEAN, []))
    flawed = shipped.predict(doc, feat.features(CLEAN, _findings_on(CLEAN, ["invite", "exhibition", "festival starts"],
                                                                    "spelling")))
    assert flawed < clean


def test_fit_without_shared_data_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert fit.main(["--shared", str(tmp_path / "missing")]) == 2
    assert "no human-marked data" in capsys.readouterr().err


def test_a_constant_column_gets_no_weight() -> None:
    """Measured at one length, log_words is the same for every text (up to rounding): no weight, scale 1."""
    rng = np.random.default_rng(3)
    X = np.column_stack([rng.normal(size=200), np.full(200, 5.497) + rng.normal(size=200) * 1e-4])
    y = X[:, 0] * 0.5 + rng.normal(size=200) * 0.1
    m = fit.ridge(X, y, ["a", "log_words"], 1.0)
    assert m.coef[1] == 0.0 and m.scale[1] == 1.0 and m.coef[0] > 0
