"""Fit the score model to human marks and report only cross-validated agreement.

    python training/scoring/fit.py                       # CV figures for every model tried
    python training/scoring/fit.py --write lihua/data/score_model.yaml

Reads the human marks from ../shared/eval (FCE answers and ELLIPSE essays; never copied) and the
feature vectors features.py wrote to /tmp/score16. Models are ridge regressions on standardised
features with sign constraints where a marker's rule fixes the direction (more errors never raise
a score, rarer known words never lower it): a coefficient of the wrong sign is fixed at 0 and the
rest refitted. The ridge strength is chosen inside each training fold (nested CV), so no figure
printed here was fitted on the rows it is measured on. FCE folds are grouped by script: both answers
of a script are always in the same fold, and the script-level figure is the mean of the script's
predicted answers against its script_score, as Yannakoudakis et al. (2011) measured.
"""

from __future__ import annotations

import argparse
import json
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
#: ../shared/eval beside the checkout (a worktree one level deeper finds it one folder further up)
SHARED = next((p / "shared" / "eval" for p in ROOT.parents if (p / "shared" / "eval").is_dir()),
              ROOT.parent / "shared" / "eval")
CACHE = Path("/tmp/score16")  # --cache elsewhere
#: the human-marked files in ../shared/eval, by dataset name
DATA_FILES = {"fce": "fce_train_scored.jsonl", "ellipse": "ellipse_dev.jsonl"}
FOLDS = 10
LAMBDAS = (0.3, 1.0, 3.0, 10.0, 30.0, 100.0, 300.0)

#: +1: the coefficient may not be negative; -1: may not be positive; absent: free.
SIGNS = {
    "err_grammar": -1, "err_word_choice": -1, "err_spelling": -1, "err_punctuation": -1, "err_style": -1,
    "err_hinders": -1, "err_lihua": -1, "mtld": 1, "rare4": 1, "rare3": 1, "types": 1, "long_words": 1,
    "word_length": 1, "mean_zipf": -1, "linking_distinct": 1, "linking_kinds": 1, "format_complete": 1,
    "subordinators": 1, "relatives": 1, "non_finite": 1, "one_block": -1,
    "clean_sentences": 1, "unknown_words": -1, "lowercase_starts": -1, "guiraud": 1, "log_clean_words": 1,
    "fam_verb": -1, "fam_agreement": -1, "fam_article": -1, "fam_noun": -1, "fam_pronoun": -1,
    "fam_sentence": -1, "fam_typo": -1, "log_words": 1, "band_4_5": 1, "band_5_6": 1, "common_words": -1,
    "band_lt3": -1, "suggestions": -1, "linking": 1, "short_paragraphs": -1, "advanced_share": 1, "run_on": -1,
    "repetition": -1, "paragraphs": 1, "clauses": 1, "subordinate_clauses": 1, "structure_variety": 1,
}

ACCURACY = ["err_grammar", "err_word_choice", "err_spelling", "err_punctuation", "err_hinders", "err_lihua",
            "suggestions", "clean_sentences", "unknown_words", "lowercase_starts", "fam_verb", "fam_agreement",
            "fam_article", "fam_noun", "fam_pronoun", "fam_sentence", "fam_typo"]
LENGTH = ["log_words", "log_words_sq", "types", "guiraud", "log_clean_words"]
LEXICAL = ["mtld", "rare4", "rare3", "mean_zipf", "word_length", "long_words", "common_words", "band_5_6",
           "band_4_5", "band_3_4", "band_lt3", "advanced_share", "repetition"]
SENTENCES = ["sentence_length", "sentence_spread", "subordinators", "relatives", "non_finite", "commas",
             "questions", "contractions", "pronoun_i", "articles", "run_on"]
#: what a marker reads as organisation and ELLIPSE can teach: linking words and paragraphs; no length, no
#: accuracy. Letter format is not here: ELLIPSE has no letters (it stays a rule-based deduction).
#: paragraph_words is left out: with every text measured at the usual length it is ln(usual / paragraphs), the
#: mirror of `paragraphs`, and the two would name opposite shortfalls of one letter.
ORGANISATION = ["linking", "linking_distinct", "linking_kinds", "paragraphs", "one_block", "short_paragraphs"]
FORMAT = ["is_letter", "format_complete"]
#: from the parse (lihua.scoring.complexity): clauses, subordination and structure variety per sentence
PARSE = ["clauses", "subordinate_clauses", "structure_variety"]
FEATURE_SETS = {
    "length": ["log_words", "types"],
    "length+errors": ["log_words", "types", "err_grammar", "err_word_choice", "err_spelling", "err_punctuation",
                      "err_hinders", "err_lihua", "suggestions"],
    "full": [*LENGTH, *ACCURACY, *LEXICAL, *SENTENCES, *ORGANISATION, *FORMAT, "all_caps"],
    # the few features whose direction is the same in both files: what transfers to a third population
    "compact": ["log_words", "log_words_sq", "types", "guiraud", "log_clean_words", "clean_sentences", "err_grammar",
                "err_spelling", "err_lihua", "err_punctuation", "unknown_words", "lowercase_starts", "mtld",
                "word_length", "band_4_5", "common_words", "band_lt3", "linking_distinct", "linking_kinds",
                "advanced_share", "run_on", "repetition"],
    # compact less the linking words: the language component's model, since organisation marks those
    # (a reason is given once, under one component)
    "language": ["log_words", "log_words_sq", "types", "guiraud", "log_clean_words", "clean_sentences", "err_grammar",
                 "err_spelling", "err_lihua", "err_punctuation", "unknown_words", "lowercase_starts", "mtld",
                 "word_length", "band_4_5", "common_words", "band_lt3", "advanced_share", "run_on", "repetition"],
    "organisation": ORGANISATION,
    "organisation+parse": [*ORGANISATION, *PARSE],
    "organisation+sentences": [*ORGANISATION, "sentence_length", "subordinators", "commas"],
}
FEATURE_SETS["compact+parse"] = [*FEATURE_SETS["compact"], *PARSE]
FEATURE_SETS["full+parse"] = [*FEATURE_SETS["full"], *PARSE]
GROUPS = {"length": LENGTH, "accuracy": ACCURACY, "lexical": LEXICAL, "sentences": SENTENCES,
          "organisation": [*ORGANISATION, *FORMAT]}


@dataclass
class Dataset:
    name: str
    X: dict[str, np.ndarray]  # feature name -> column
    y: dict[str, np.ndarray]  # human mark -> column
    groups: np.ndarray  # fold key per row (the FCE script, else the row id)
    lihua: dict[str, np.ndarray]  # lihua's current scores, for comparison
    ids: list[str]

    def matrix(self, names: list[str]) -> np.ndarray:
        return np.column_stack([self.X[n] for n in names])


def load(name: str, data: Path, features: Path, marks: list[str], group: str | None) -> Dataset:
    """Join the human marks of `data` with the feature lines of `features` by id. A row needs the first
    mark; a missing other mark is NaN (an FCE answer without its own mark still counts in its script)."""
    vectors = {}
    for line in features.open(encoding="utf-8"):
        if line.strip():
            record = json.loads(line)
            vectors[record["id"]] = record
    rows = [json.loads(line) for line in data.open(encoding="utf-8") if line.strip()]
    rows = [r for r in rows if r["id"] in vectors and isinstance(r.get(marks[0]), (int, float))]
    if not rows:
        raise SystemExit(f"no rows of {data} have features in {features}: run grade_cache.py and features.py")
    names = list(vectors[rows[0]["id"]]["features"])
    X = {n: np.array([vectors[r["id"]]["features"][n] for r in rows], dtype=float) for n in names}
    y = {m: np.array([r[m] if isinstance(r.get(m), (int, float)) else np.nan for r in rows], dtype=float)
         for m in marks}
    groups = np.array([str(r[group]) if group else str(r["id"]) for r in rows])
    lihua_names = sorted({k for r in rows for k in vectors[r["id"]]["lihua"]})
    lihua = {k: np.array([vectors[r["id"]]["lihua"].get(k, np.nan) for r in rows]) for k in lihua_names}
    return Dataset(name, X, y, groups, lihua, [r["id"] for r in rows])


def load_marked(shared: Path = SHARED, cache: Path = CACHE) -> tuple[Dataset, Dataset]:
    """The FCE answers and the ELLIPSE essays, each joined with its feature vectors in `cache`."""
    fce = load("fce", shared / DATA_FILES["fce"], cache / "features_fce.jsonl", ["script_score", "exam_score_lin"],
               "script")
    ellipse = load("ellipse", shared / DATA_FILES["ellipse"], cache / "features_ellipse.jsonl", ["overall", "cohesion"],
                   None)
    return fce, ellipse


def texts_of(ds: Dataset, shared: Path = SHARED) -> list[str]:
    """Each row's text in the dataset's order, read where it is (never copied)."""
    texts = {}
    for line in (shared / DATA_FILES[ds.name]).read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            texts[row["id"]] = row["text"]
    return [texts[i] for i in ds.ids]


def rank(values: np.ndarray) -> np.ndarray:
    """Ranks with ties averaged (as eval_scores.py does)."""
    order = np.argsort(values, kind="mergesort")
    ranks = np.empty(len(values))
    sorted_values = values[order]
    i = 0
    while i < len(values):
        j = i
        while j + 1 < len(values) and sorted_values[j + 1] == sorted_values[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def spearman(a: np.ndarray, b: np.ndarray) -> float:
    ok = ~(np.isnan(a) | np.isnan(b))
    return float(np.corrcoef(rank(a[ok]), rank(b[ok]))[0, 1])


def fold_of(groups: np.ndarray, k: int = FOLDS, salt: str = "") -> np.ndarray:
    """A fixed fold per group: the same script always lands in the same fold."""
    return np.array([zlib.crc32((salt + g).encode()) % k for g in groups])


@dataclass
class Model:
    names: list[str]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    lam: float

    def predict(self, X: np.ndarray) -> np.ndarray:
        return ((X - self.mean) / self.scale) @ self.coef + self.intercept


def ridge(X: np.ndarray, y: np.ndarray, names: list[str], lam: float) -> Model:
    """Ridge on standardised columns, refitted with wrong-signed coefficients held at 0."""
    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    constant = scale < 1e-3 * np.maximum(1.0, np.abs(mean))  # e.g. log_words when every text is measured at one length
    scale[constant] = 1.0
    Z = (X - mean) / scale
    yc = y - y.mean()
    gram, moment = Z.T @ Z, Z.T @ yc  # once: every refit below only picks rows and columns of them
    active = [i for i in range(len(names)) if not constant[i]]  # a constant column gets no weight
    coef = np.zeros(len(names))
    while active:
        idx = np.array(active)
        beta = np.linalg.solve(gram[np.ix_(idx, idx)] + lam * np.eye(len(idx)), moment[idx])
        wrong = [k for k, a in enumerate(active) if SIGNS.get(names[a], 0) * beta[k] < 0]
        if not wrong:
            coef[idx] = beta
            break
        # drop the worst offender only: without it the others may come right
        del active[max(wrong, key=lambda k: abs(beta[k]))]
    return Model(names, mean, scale, coef, float(y.mean()), lam)


def fit_tuned(X: np.ndarray, y: np.ndarray, groups: np.ndarray, names: list[str]) -> Model:
    """Choose the ridge strength by grouped 5-fold CV on these rows only, then fit on all of them
    (rows without the mark are left out)."""
    marked = ~np.isnan(y)
    X, y, groups = X[marked], y[marked], groups[marked]
    inner = fold_of(groups, 5, salt="inner")
    best, best_lam = -2.0, LAMBDAS[0]
    for lam in LAMBDAS:
        pred = np.empty(len(y))
        for f in range(5):
            test = inner == f
            pred[test] = ridge(X[~test], y[~test], names, lam).predict(X[test])
        r = spearman(pred, y)
        if r > best:
            best, best_lam = r, lam
    return ridge(X, y, names, best_lam)


def cross_predict(X: np.ndarray, y: np.ndarray, groups: np.ndarray, names: list[str]) -> np.ndarray:
    """Every row's prediction from a model fitted (and tuned) without its fold; rows without the
    mark are predicted, never fitted on."""
    folds = fold_of(groups)
    marked = ~np.isnan(y)
    pred = np.empty(len(y))
    for f in range(FOLDS):
        test = folds == f
        train = ~test & marked
        pred[test] = fit_tuned(X[train], y[train], groups[train], names).predict(X[test])
    return pred


def script_level(pred: np.ndarray, ds: Dataset) -> float:
    """Spearman of each script's mean predicted answer against its script_score."""
    keys = sorted(set(ds.groups))
    index = {k: i for i, k in enumerate(keys)}
    sums = np.zeros(len(keys))
    counts = np.zeros(len(keys))
    human = np.zeros(len(keys))
    for g, p, h in zip(ds.groups, pred, ds.y["script_score"], strict=True):
        sums[index[g]] += p
        counts[index[g]] += 1
        human[index[g]] = h
    return spearman(sums / counts, human)


def zscore(v: np.ndarray) -> np.ndarray:
    return (v - np.nanmean(v)) / np.nanstd(v)


def evaluate(fce: Dataset, ellipse: Dataset) -> dict[str, dict[str, float]]:
    """CV Spearman of every model tried, on every target; lihua's current score beside."""
    results: dict[str, dict[str, float]] = {}
    results["lihua now (no fit)"] = {
        "fce_answers": spearman(fce.lihua["total"], fce.y["exam_score_lin"]),
        "fce_scripts": script_level(fce.lihua["total"], fce),
        "ellipse_overall": spearman(ellipse.lihua["total"], ellipse.y["overall"]),
        "organisation~cohesion": spearman(ellipse.lihua["organisation"], ellipse.y["cohesion"]),
    }
    for set_name in ("length", "length+errors", "full", "full+parse", "compact", "compact+parse", "language"):
        names = FEATURE_SETS[set_name]
        fa = cross_predict(*training_rows("fce", names, fce, ellipse)[:3], names)
        el = cross_predict(*training_rows("ellipse", names, fce, ellipse)[:3], names)
        results[f"per-family {set_name}"] = {
            "fce_answers": spearman(fa, fce.y["exam_score_lin"]), "fce_scripts": script_level(fa, fce),
            "ellipse_overall": spearman(el, ellipse.y["overall"]),
        }
        # one model on both, targets z-scored within their own data
        pred = cross_predict(*training_rows("shared", names, fce, ellipse)[:3], names)
        n = len(fce.groups)
        results[f"shared {set_name}"] = {
            "fce_answers": spearman(pred[:n], fce.y["exam_score_lin"]), "fce_scripts": script_level(pred[:n], fce),
            "ellipse_overall": spearman(pred[n:], ellipse.y["overall"]),
        }
    for set_name in ("organisation", "organisation+parse", "organisation+sentences"):
        names = FEATURE_SETS[set_name]
        org = cross_predict(*training_rows("cohesion", names, fce, ellipse)[:3], names)
        results[f"{set_name} on cohesion"] = {"organisation~cohesion": spearman(org, ellipse.y["cohesion"]),
                                               "organisation~overall": spearman(org, ellipse.y["overall"])}
        # the same features fitted on ELLIPSE cohesion and the FCE marks together (each z-scored)
        both = cross_predict(*training_rows("cohesion+fce", names, fce, ellipse)[:3], names)
        n = len(fce.groups)
        results[f"{set_name} on cohesion+FCE"] = {
            "fce_answers": spearman(both[:n], fce.y["exam_score_lin"]), "fce_scripts": script_level(both[:n], fce),
            "organisation~cohesion": spearman(both[n:], ellipse.y["cohesion"]),
            "organisation~overall": spearman(both[n:], ellipse.y["overall"])}
    for set_name in ("full", "compact"):  # transfer: fitted on one population, measured on the other
        names = FEATURE_SETS[set_name]
        to_ellipse = fit_tuned(fce.matrix(names), fce.y["exam_score_lin"], fce.groups, names).predict(ellipse.matrix(names))
        to_fce = fit_tuned(ellipse.matrix(names), ellipse.y["overall"], ellipse.groups, names).predict(fce.matrix(names))
        results[f"{set_name} fitted on the other file"] = {
            "fce_answers": spearman(to_fce, fce.y["exam_score_lin"]), "fce_scripts": script_level(to_fce, fce),
            "ellipse_overall": spearman(to_ellipse, ellipse.y["overall"])}
    return results


def ablation(fce: Dataset, ellipse: Dataset) -> dict[str, dict[str, float]]:
    """Per-family CV figures of the full set without each group of features, and of each group alone."""
    results = {}
    full = FEATURE_SETS["full"]
    for label, names in [("full", full)] + [(f"without {g}", [n for n in full if n not in ns]) for g, ns in GROUPS.items()] \
            + [(f"only {g}", ns) for g, ns in GROUPS.items()]:
        fa = cross_predict(fce.matrix(names), fce.y["exam_score_lin"], fce.groups, names)
        el = cross_predict(ellipse.matrix(names), ellipse.y["overall"], ellipse.groups, names)
        results[label] = {"fce_answers": spearman(fa, fce.y["exam_score_lin"]), "fce_scripts": script_level(fa, fce),
                          "ellipse_overall": spearman(el, ellipse.y["overall"])}
    return results


def print_results(results: dict[str, dict[str, float]]) -> None:
    targets = ["fce_answers", "fce_scripts", "ellipse_overall", "organisation~cohesion", "organisation~overall"]
    print(f"{'model (cross-validated Spearman)':<34}" + "".join(f"{t:>22}" for t in targets))
    for name, row in results.items():
        print(f"{name:<34}" + "".join(f"{row[t]:>22.3f}" if t in row else f"{'':>22}" for t in targets))


#: model key -> (the results row holding its CV figures, feature set, how it is fitted)
SHIPPED = {
    "overall": ("shared language", "language", "shared"),
    "organisation": ("organisation on cohesion+FCE", "organisation", "cohesion+fce"),
}
TARGETS = {"shared": ["fce_answers", "fce_scripts", "ellipse_overall"], "fce": ["fce_answers", "fce_scripts"],
           "ellipse": ["ellipse_overall"], "cohesion": ["organisation~cohesion", "organisation~overall"],
           "cohesion+fce": ["fce_answers", "fce_scripts", "organisation~cohesion", "organisation~overall"]}


def training_rows(how: str, names: list[str], fce: Dataset, ellipse: Dataset) -> tuple[np.ndarray, np.ndarray, np.ndarray, str]:
    """X, y (z-scored), fold groups and a description of the target, for one way of fitting."""
    if how in ("shared", "cohesion+fce"):
        X = np.vstack([fce.matrix(names), ellipse.matrix(names)])
        mark = "overall" if how == "shared" else "cohesion"
        y = np.concatenate([zscore(fce.y["exam_score_lin"]), zscore(ellipse.y[mark])])
        groups = np.concatenate([np.char.add("fce:", fce.groups), np.char.add("ell:", ellipse.groups)])
        return X, y, groups, (f"FCE exam_score_lin (0-15) and ELLIPSE {mark} (1-5), each z-scored within its own file; "
                              f"{int(np.sum(~np.isnan(fce.y['exam_score_lin'])))} FCE answers + {len(ellipse.ids)} ELLIPSE essays")
    if how == "fce":
        return (fce.matrix(names), zscore(fce.y["exam_score_lin"]), fce.groups,
                f"FCE exam_score_lin (0-15), z-scored; {int(np.sum(~np.isnan(fce.y['exam_score_lin'])))} answers")
    mark = "overall" if how == "ellipse" else "cohesion"
    return (ellipse.matrix(names), zscore(ellipse.y[mark]), ellipse.groups,
            f"ELLIPSE {mark} (1-5), z-scored; {len(ellipse.ids)} essays")


def write_model(path: Path, fce: Dataset, ellipse: Dataset, results: dict[str, dict[str, float]]) -> None:
    """Fit the shipped models on every row and write them, with their CV figures, as YAML."""
    import yaml
    from features import FEATURES

    models = {}
    for key, (result_name, set_name, how) in SHIPPED.items():
        names = FEATURE_SETS[set_name]
        X, y, groups, target = training_rows(how, names, fce, ellipse)
        model = fit_tuned(X, y, groups, names)
        models[key] = {
            "target": target,
            "output": "z-units of the human mark: 0 is the mean text of the fitting data, 1 one standard deviation",
            "ridge_lambda": model.lam,
            "intercept": round(model.intercept, 6),
            "features": [{"name": n, "coef": round(float(c), 6), "mean": round(float(m), 6),
                          "scale": round(float(s), 6), "sign": SIGNS.get(n, 0), "description": FEATURES[n]}
                         for n, c, m, s in zip(names, model.coef, model.mean, model.scale, strict=True)],
            "cross_validated_spearman": {t: round(results[result_name][t], 3) for t in TARGETS[how]},
        }
    doc = {
        "schema": 1,
        "about": ("Fitted score model (issue 16): score = intercept + sum(coef * (value - mean) / scale) over "
                  "the features of training/scoring/features.py. Coefficients are on standardised features, so "
                  "their sizes compare. sign +1/-1: held non-negative/non-positive in the fit. Re-fit with "
                  "training/scoring/fit.py (see training/scoring/README.md); figures are cross-validated "
                  f"({FOLDS} folds, FCE grouped by script, ridge strength chosen inside each training fold)."),
        "fitted_on": ("FCE training scripts less Chinese L1 (Cambridge Learner Corpus release, 2011) and half "
                      "of the ELLIPSE released test set, as in ../shared/eval; lihua graded with no prompt, "
                      "Harper on; features measured as the scorer measures them (features.py --as-live: every "
                      "text at the usual length, so the fit learns what the live score can see)"),
        "models": models,
        "other_models_tried": {name: {t: round(v, 3) for t, v in row.items()} for name, row in results.items()
                               if name != "lihua now (no fit)"},
        "baseline_lihua_now": {t: round(v, 3) for t, v in results["lihua now (no fit)"].items()},
    }
    header = "# Generated by training/scoring/fit.py --write; do not edit by hand: re-fit instead.\n"
    path.write_text(header + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=110), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=SHARED, help="folder with the human-marked dev files")
    ap.add_argument("--cache", type=Path, default=CACHE, help="folder with features_fce/ellipse.jsonl")
    ap.add_argument("--write", type=Path, help="fit on all rows and write the model YAML here")
    ap.add_argument("--ablation", action="store_true", help="also: the full set without each feature group")
    args = ap.parse_args(argv)
    if not args.shared.is_dir():
        print(f"no human-marked data at {args.shared}: nothing to fit (tests never need it)", file=sys.stderr)
        return 2
    fce, ellipse = load_marked(args.shared, args.cache)
    results = evaluate(fce, ellipse)
    print_results(results)
    if args.ablation:
        print()
        print_results(ablation(fce, ellipse))
    if args.write:
        write_model(args.write, fce, ellipse, results)
        print(f"model -> {args.write}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
