"""Collapse findings that several engines made about the same thing into one.

Two findings are the same when they cover exactly the same span, or overlap and share a
category. lihua's own rules win ties (they speak to the learner, with a Chinese explanation),
then LanguageTool, then Harper.
"""

from __future__ import annotations

from collections.abc import Iterable

from lihua.findings import Finding, Source

_PRIORITY = {Source.LIHUA: 0, Source.LANGUAGETOOL: 1, Source.HARPER: 2}


def merge_findings(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per problem, in text order."""
    ranked = sorted(
        findings, key=lambda f: (_PRIORITY[f.source], f.severity.rank, f.span.start, f.span.end)
    )
    kept: list[Finding] = []
    for finding in ranked:
        if not any(_same_problem(finding, other) for other in kept):
            kept.append(finding)
    return sorted(kept, key=lambda f: (f.span.start, f.span.end, f.rule_id))


def _same_problem(a: Finding, b: Finding) -> bool:
    if (a.span.start, a.span.end) == (b.span.start, b.span.end):
        return True
    return a.category == b.category and a.span.overlaps(b.span) and a.source != b.source
