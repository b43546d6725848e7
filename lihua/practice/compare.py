"""What a revision changed: pure comparison of two graded attempts, and its words for the student.

Findings are matched by (rule_id, the text they cover), counted as a multiset: positions move
when a student edits, but "go" flagged by the same rule is the same mistake wherever it ends up.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Improvement:
    """Score change and which findings the revision fixed or introduced."""

    score_delta: float | None
    old_total: float | None = None
    new_total: float | None = None
    scale: int | None = None
    fixed: list[Any] = field(default_factory=list)  # findings of the old attempt gone in the new one
    new: list[Any] = field(default_factory=list)  # findings only the new attempt has
    kept: int = 0  # findings in both


def finding_key(finding: Any, text: str) -> tuple[str, str]:
    """(rule id, covered text, case-folded): how a finding is recognised across versions."""
    covered = finding.text or text[finding.span.start:finding.span.end]
    return finding.rule_id, " ".join(covered.split()).casefold()


def _without_match(report: Any, other: Any) -> list:
    """Findings of `report` with no finding of the same rule on the same words in `other`
    (each finding of `other` matches at most one)."""
    unmatched = Counter(finding_key(f, other.letter.text) for f in other.findings)
    left = []
    for finding in report.findings:
        key = finding_key(finding, report.letter.text)
        if unmatched[key] > 0:
            unmatched[key] -= 1
        else:
            left.append(finding)
    return left


def compare_attempts(old_report: Any, new_report: Any) -> Improvement:
    """Compare a letter and its revision."""
    fixed = _without_match(old_report, new_report)
    new = _without_match(new_report, old_report)
    old_score, new_score = old_report.score, new_report.score
    old_total, new_total = (old_score.total if old_score else None), (new_score.total if new_score else None)
    delta = None if old_total is None or new_total is None else new_total - old_total
    return Improvement(delta, old_total, new_total, new_score.scale if new_score else None, fixed, new,
                       len(new_report.findings) - len(new))


def _number(value: float) -> str:
    return f"{value:g}"


def _describe(finding: Any) -> str:
    where = f"{finding.span.line}:{finding.span.column}"
    covered = f" “{finding.text}”" if finding.text else ""
    return f"{where}  {finding.category.value}{covered}: {finding.message}"


def format_improvement(improvement: Improvement) -> list[str]:
    """The lines shown after a revision is graded."""
    lines: list[str] = []
    if improvement.score_delta is not None:
        delta = improvement.score_delta
        sign = "+" if delta > 0 else ("±" if delta == 0 else "−")
        scale = f"/{improvement.scale}" if improvement.scale else ""
        verdict = "better" if delta > 0 else ("the same score" if delta == 0 else "lower")
        lines.append(f"Score: {_number(improvement.old_total)} → {_number(improvement.new_total)}{scale} "
                     f"({sign}{_number(abs(delta))}, {verdict})")
    lines.append(f"Fixed: {len(improvement.fixed)} · new: {len(improvement.new)} · still there: {improvement.kept}")
    lines += [f"  ✓ fixed  {_describe(f)}" for f in improvement.fixed]
    lines += [f"  ✗ new    {_describe(f)}" for f in improvement.new]
    return lines
