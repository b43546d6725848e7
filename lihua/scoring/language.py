"""The language component: the fitted model's `overall` score (lihua/scoring/marking.py), as deductions.

The model's z on the points curve says what the component keeps; each feature that falls short of a
very good letter (errors per 100 words by kind, variety and sophistication of words, error-free
sentences, length against the task) carries its share of what is lost and names the findings behind
it. Linking words are organisation's alone (the `overall` model leaves them out). The weighted error density (error 1, warning 0.5,
× category weight, × 1.5 when it hinders meaning) still caps the band, as the rubric's band
descriptors do ("errors that hinder understanding" is band 2).
"""

from __future__ import annotations

from collections.abc import Sequence

from lihua.findings import Finding
from lihua.scoring.marking import Measured, measure_letter, model_deductions
from lihua.scoring.range import RangeProfile, range_profile
from lihua.scoring.result import Deduction
from lihua.text.letter import Letter
from lihua.text.sentences import tokens_of

SEVERITY_WEIGHT = {"error": 1.0, "warning": 0.5, "suggestion": 0.0}
CATEGORY_WEIGHT = {"grammar": 1.0, "word-choice": 1.0, "spelling": 0.5, "style": 0.5, "punctuation": 0.3}
HINDERS_MEANING = 1.5
MIN_WORDS = 50
#: Weighted errors per 100 words above which a band is out of reach: band 5 allows "a few errors",
#: band 3 "some errors that do not block understanding", band 2 "errors that hinder understanding".
DENSITY_CAPS = ((12.0, 2), (8.0, 3), (5.0, 4))

def finding_weight(finding: Finding) -> tuple[float, bool]:
    """(weight, hinders meaning) of one finding for accuracy; 0 for what another component marks."""
    if finding.component != "language":  # marked by another component (format, register, Chinese marks)
        return 0.0, False
    weight = SEVERITY_WEIGHT.get(finding.severity.value, 0.0) * CATEGORY_WEIGHT.get(finding.category.value, 0.0)
    hinders = weight > 0 and finding.hinders_meaning
    return weight * (HINDERS_MEANING if hinders else 1.0), hinders


def language_deductions(letter: Letter, findings: Sequence[Finding], maximum: float, names: set[str],
                        measured: Measured | None = None) -> tuple[list[Deduction], RangeProfile, float]:
    """The model's language deductions; also the range profile (reported) and the weighted error
    density (per 100 words) that caps the band."""
    words = max(letter.word_count, MIN_WORDS)
    load = sum(finding_weight(f)[0] for f in findings)
    flagged = {word for f in findings if f.severity.value != "suggestion"
               for word in tokens_of(letter.text[f.span.start:f.span.end])}
    profile = range_profile(letter, names=names, flagged=flagged)
    measured = measured or measure_letter(letter, findings, None)
    cuts = model_deductions("overall", "language", measured, maximum)
    return cuts, profile, load * 100 / words
