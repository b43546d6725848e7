"""Experiment, not shipped: does the familiarity of a text's tag sequences add to the fit?

    python training/scoring/try_tag_trigrams.py        # ~2 min: tags every FCE and ELLIPSE text

A stand-in for a language model that needs no data beyond the treebank: counts of Penn-tag trigrams
in UD English-EWT train (../shared/ud), and per text, tagged by lihua's own parser, the mean log
probability of its tag trigrams (interpolated with pairs and single tags), the share of trigrams
EWT never has, and the share below 1 in 200. Prints the cross-validated figures of the full and
language sets with and without them, per family and shared, as fit.py measures them.
"""

from __future__ import annotations

import math
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fit import (  # noqa: E402
    FEATURE_SETS,
    SHARED,
    SIGNS,
    cross_predict,
    load_marked,
    script_level,
    spearman,
    texts_of,
    training_rows,
)

TREEBANK = SHARED.parent / "ud" / "en_ewt-ud-train.conllu"
START, END = "<s>", "</s>"
NAMES = ["tag_logprob", "tag_unseen", "tag_rare"]


def treebank_tags(path: Path = TREEBANK) -> Iterator[list[str]]:
    """Each sentence's Penn tags (multi-word token lines and empty nodes skipped)."""
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line:
            if tags:
                yield tags
            tags = []
        elif not line.startswith("#"):
            columns = line.split("\t")
            if "-" not in columns[0] and "." not in columns[0]:
                tags.append(columns[4])
    if tags:
        yield tags


class TagModel:
    """Interpolated tag-trigram probabilities from the treebank's counts."""

    def __init__(self, sentences: Iterator[list[str]]) -> None:
        self.trigrams: Counter[tuple[str, str, str]] = Counter()
        self.pairs: Counter[tuple[str, str]] = Counter()
        self.singles: Counter[str] = Counter()
        for sentence in sentences:
            padded = [START, START, *sentence, END]
            for a, b, c in zip(padded, padded[1:], padded[2:], strict=False):
                self.trigrams[a, b, c] += 1
                self.pairs[b, c] += 1
                self.singles[c] += 1
        self.contexts: Counter[tuple[str, str]] = Counter()
        for (a, b, _), n in self.trigrams.items():
            self.contexts[a, b] += n
        self.before: Counter[str] = Counter()
        for (b, _), n in self.pairs.items():
            self.before[b] += n
        self.total = sum(self.singles.values())

    def probability(self, a: str, b: str, c: str) -> float:
        single = (self.singles[c] + 1) / (self.total + len(self.singles) + 1)
        pair = self.pairs[b, c] / self.before[b] if self.before[b] else 0.0
        trigram = self.trigrams[a, b, c] / self.contexts[a, b] if self.contexts[a, b] else 0.0
        return 0.6 * trigram + 0.3 * pair + 0.1 * single

    def features(self, text: str) -> tuple[float, float, float]:
        from lihua.text.analysis import analyse

        analysis = analyse(text)
        logs: list[float] = []
        unseen = 0
        for sentence in analysis.sentences:
            tags = [t.tag for t in analysis.tokens[sentence.first:sentence.last] if t.text.strip()]
            padded = [START, START, *tags, END]
            for a, b, c in zip(padded, padded[1:], padded[2:], strict=False):
                logs.append(math.log(self.probability(a, b, c)))
                unseen += (a, b, c) not in self.trigrams
        if not logs:
            return 0.0, 0.0, 0.0
        return sum(logs) / len(logs), unseen / len(logs), sum(v < math.log(0.005) for v in logs) / len(logs)


def main() -> int:
    if not TREEBANK.exists():
        print(f"no treebank at {TREEBANK}: nothing to try", file=sys.stderr)
        return 2
    model = TagModel(treebank_tags())
    fce, ellipse = load_marked()
    for ds in (fce, ellipse):
        values = np.array([model.features(text) for text in texts_of(ds)])
        for k, name in enumerate(NAMES):
            ds.X[name] = values[:, k]
    SIGNS.update({"tag_logprob": 1, "tag_unseen": -1, "tag_rare": -1})
    for base in ("full", "language"):
        for label, names in ((base, FEATURE_SETS[base]), (f"{base} + tags", [*FEATURE_SETS[base], *NAMES])):
            fa = cross_predict(*training_rows("fce", names, fce, ellipse)[:3], names)
            el = cross_predict(*training_rows("ellipse", names, fce, ellipse)[:3], names)
            shared = cross_predict(*training_rows("shared", names, fce, ellipse)[:3], names)
            n = len(fce.groups)
            print(f"{label:<16} per family: fce_answers={spearman(fa, fce.y['exam_score_lin']):.3f} "
                  f"fce_scripts={script_level(fa, fce):.3f} ellipse_overall={spearman(el, ellipse.y['overall']):.3f}"
                  f"   shared: fce_answers={spearman(shared[:n], fce.y['exam_score_lin']):.3f} "
                  f"fce_scripts={script_level(shared[:n], fce):.3f} "
                  f"ellipse_overall={spearman(shared[n:], ellipse.y['overall']):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
