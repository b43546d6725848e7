"""The language component: accuracy from the findings, then range, as deductions.

Accuracy is error density, not a count: each finding weighs by severity (error 1, warning 0.5,
suggestion 0) × category (grammar and word choice 1, spelling and style 0.5, punctuation 0.3 —
the rubric counts spelling and punctuation lightly) × 1.5 when it hinders meaning; the sum per
100 words (at least 50) costs 6.5% of the component each, up to 70%. Range can cost at most 30%,
so errors always weigh more than variety: a letter is not rescued by rare words.
"""

from __future__ import annotations

from collections.abc import Sequence

from lihua.findings import Finding
from lihua.scoring.range import RangeProfile, range_profile
from lihua.scoring.result import Deduction
from lihua.text.letter import Letter
from lihua.text.sentences import tokens_of

SEVERITY_WEIGHT = {"error": 1.0, "warning": 0.5, "suggestion": 0.0}
CATEGORY_WEIGHT = {"grammar": 1.0, "word-choice": 1.0, "spelling": 0.5, "style": 0.5, "punctuation": 0.3}
HINDERS_MEANING = 1.5
PER_UNIT = 0.065  # share of the component lost per weighted error per 100 words
ACCURACY_CAP = 0.7
RANGE_CAP = 0.3
MIN_WORDS = 50
#: Weighted errors per 100 words above which a band is out of reach: band 5 allows "a few errors",
#: band 3 "some errors that do not block understanding", band 2 "errors that hinder understanding".
DENSITY_CAPS = ((12.0, 2), (8.0, 3), (5.0, 4))

_CATEGORY_ZH = {"grammar": "语法", "word-choice": "用词", "spelling": "拼写", "style": "文体", "punctuation": "标点"}


def finding_weight(finding: Finding) -> tuple[float, bool]:
    """(weight, hinders meaning) of one finding for accuracy; 0 for what another component marks."""
    if finding.component != "language":  # marked by another component (format, register, Chinese marks)
        return 0.0, False
    weight = SEVERITY_WEIGHT.get(finding.severity.value, 0.0) * CATEGORY_WEIGHT.get(finding.category.value, 0.0)
    hinders = weight > 0 and finding.hinders_meaning
    return weight * (HINDERS_MEANING if hinders else 1.0), hinders


def language_deductions(letter: Letter, findings: Sequence[Finding], maximum: float,
                        names: set[str]) -> tuple[list[Deduction], RangeProfile, float]:
    """Accuracy deductions (one per category) and range deductions, within their caps; also the
    weighted error density (per 100 words) that caps the band."""
    words = max(letter.word_count, MIN_WORDS)
    groups: dict[str, list[tuple[int, float, bool]]] = {}
    for index, finding in enumerate(findings):
        weight, hinders = finding_weight(finding)
        if weight:
            groups.setdefault(finding.category.value, []).append((index, weight, hinders))
    load = sum(w for group in groups.values() for _, w, _ in group)
    lost = min(load * 100 / words * PER_UNIT, ACCURACY_CAP) * maximum
    cuts = []
    for category, group in sorted(groups.items(), key=lambda kv: -sum(w for _, w, _ in kv[1])):
        share = sum(w for _, w, _ in group) / load
        n, blocking = len(group), sum(1 for *_, h in group if h)
        also = f" ({blocking} hinder meaning)" if blocking else ""
        also_zh = f"（其中{blocking}处影响理解）" if blocking else ""
        cuts.append(Deduction(
            "language", f"{n} {category} problem{'s' if n != 1 else ''}{also} in {letter.word_count} words.",
            f"{_CATEGORY_ZH.get(category, category)}问题{n}处{also_zh}，共{letter.word_count}词。",
            lost * share, findings=[i for i, _, _ in group],
            rule_ids=sorted({findings[i].rule_id for i, _, _ in group})))
    flagged = {word for f in findings if f.severity.value != "suggestion"
               for word in tokens_of(letter.text[f.span.start:f.span.end])}
    profile = range_profile(letter, names=names, flagged=flagged)
    cuts += _range_deductions(profile, maximum)
    return cuts, profile, load * 100 / words


def _range_deductions(profile: RangeProfile, maximum: float) -> list[Deduction]:
    """Variety of words and structures; each share is of the component, all together at most 30%."""
    found: list[tuple[float, str, str]] = []
    if profile.tokens >= 20:
        if profile.mtld < 45:
            found.append((0.10, f"Little variety of words (MTLD {profile.mtld:.0f}; varied writing is 70+).",
                          f"词汇重复，变化少（MTLD {profile.mtld:.0f}，丰富的文章一般在70以上）。"))
        elif profile.mtld < 60:
            found.append((0.05, f"Some repetition of words (MTLD {profile.mtld:.0f}).",
                          f"词汇有些重复（MTLD {profile.mtld:.0f}）。"))
    kinds = profile.structure_kinds
    if kinds == 0:
        found.append((0.10, "Simple sentences only: no subordinate clauses or non-finite forms.",
                      "只有简单句：没有从句或非谓语动词。"))
    elif kinds == 1:
        found.append((0.05, "Few kinds of structure: try a clause with when/because/which or a to-/-ing phrase.",
                      "句式变化少：可尝试 when/because/which 引导的从句或非谓语结构。"))
    if profile.sentences and profile.mean_sentence_length < 8:
        found.append((0.05, f"Short, choppy sentences (average {profile.mean_sentence_length:.1f} words).",
                      f"句子短小零碎（平均{profile.mean_sentence_length:.1f}词）。"))
    elif profile.sentences >= 4 and profile.sentence_length_spread < 2.5:
        found.append((0.05, "Every sentence about the same length: vary short and long sentences.",
                      "句子长度过于一致：长短句结合更好。"))
    if profile.tokens >= 20 and not profile.advanced_words:
        found.append((0.10, "No advanced vocabulary: every word is among the most common.",
                      "没有使用高级词汇：所用词都是最常见的词。"))
    elif profile.tokens >= 20 and profile.advanced_share < 0.04:
        found.append((0.05, "Little advanced vocabulary.", "高级词汇较少。"))
    for word, count in profile.overused.items():
        found.append((0.05, f"Overused: “{word}” × {count}.", f"“{word}”用得过多（{count}次）。"))
    if profile.repeated:
        listed = ", ".join(f"{w} × {c}" for w, c in profile.repeated.items())
        found.append((0.05, f"Words repeated: {listed}.", f"重复用词：{listed}。"))
    cuts, spent = [], 0.0
    for share, reason, reason_zh in found:
        share = min(share, RANGE_CAP - spent)
        if share <= 0:
            break
        spent += share
        cuts.append(Deduction("language", reason, reason_zh, share * maximum))
    return cuts
