"""Experiment, not shipped: does word-pair familiarity (a stand-in for a language model) add to the fit?

    pip install symspellpy   # only for this experiment: its bigram list (Google Books n-grams) is the data
    python training/scoring/try_bigrams.py

Two features per text: the share of adjacent word pairs (within a clause) found in symspellpy's list of
the ~240 000 commonest English bigrams, and their mean log10 count (5 for a pair not listed). Prints the
cross-validated figures of the full feature set with and without them, as fit.py measures them.
"""

from __future__ import annotations

import math
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fit import FEATURE_SETS, cross_predict, load_marked, script_level, spearman, texts_of, training_rows  # noqa: E402

_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
_CLAUSE = re.compile(r"[.!?;:,\n]+")


def bigram_table() -> dict[tuple[str, str], float]:
    import symspellpy

    path = Path(symspellpy.__file__).parent / "frequency_bigramdictionary_en_243_342.txt"
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        first, second, count = line.split()
        table[(first, second)] = math.log10(int(count))
    return table


def bigram_features(text: str, table: dict[tuple[str, str], float]) -> tuple[float, float]:
    known = total = 0
    logs = 0.0
    for clause in _CLAUSE.split(text.replace("’", "'")):
        tokens = [w.lower() for w in _WORD.findall(clause)]
        for pair in zip(tokens, tokens[1:], strict=False):
            total += 1
            if pair in table:
                known += 1
                logs += table[pair]
            else:
                logs += 5.0
    return (known / total, logs / total) if total else (0.0, 0.0)


def main() -> int:
    table = bigram_table()
    fce, ellipse = load_marked()
    for ds in (fce, ellipse):
        pairs = [bigram_features(text, table) for text in texts_of(ds)]
        ds.X["bigram_known"] = np.array([p[0] for p in pairs])
        ds.X["bigram_logfreq"] = np.array([p[1] for p in pairs])
    for label, names in (("full", FEATURE_SETS["full"]), ("full + bigrams", [*FEATURE_SETS["full"], "bigram_known", "bigram_logfreq"])):
        fa = cross_predict(*training_rows("fce", names, fce, ellipse)[:3], names)
        el = cross_predict(*training_rows("ellipse", names, fce, ellipse)[:3], names)
        print(f"{label:<16} fce_answers={spearman(fa, fce.y['exam_score_lin']):.3f} "
              f"fce_scripts={script_level(fa, fce):.3f} ellipse_overall={spearman(el, ellipse.y['overall']):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
