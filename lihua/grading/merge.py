"""Collapse findings that several engines made about the same thing into one.

Two findings are the same when they flag the same words (the spaces around them aside: Harper
often takes the space before a word), when they overlap and share a category across engines, or
when they overlap and their fixes give the same corrected text ("grades is" → "grades are" and
"is" → "are"). lihua's own rules win ties (they speak to the learner, with a Chinese explanation),
then LanguageTool, then Harper. Findings must carry their covered text (positions.locate) for the
words and fixes to be compared; without it only spans are.

Findings are taken in that order of rank, and one is kept unless it is the same problem as a
finding already kept. Two findings can only be the same problem when their spans touch, so each
is compared only with the kept findings its span touches (found by one sweep over the findings
in text order): a letter with tens of thousands of findings merges in about linear time instead
of comparing every pair.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable

from lihua.findings import Finding, Source

_ALPHANUMERIC = re.compile(r"[^\W_]")  # a letter or digit
_PRIORITY = {Source.LIHUA: 0, Source.LANGUAGETOOL: 1, Source.HARPER: 2}


def merge_findings(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per problem, in text order."""
    ranked = sorted(
        findings, key=lambda f: (_PRIORITY[f.source], f.severity.rank, f.span.start, f.span.end)
    )
    words = [_flagged_words(f) for f in ranked]  # once each: one span may cover thousands of characters
    kept = [False] * len(ranked)
    for index, touching in enumerate(_higher_ranked_touching(ranked)):
        finding = ranked[index]
        kept[index] = not any(kept[other] and _same_problem(finding, ranked[other], words[index], words[other])
                              for other in touching)
    return sorted((f for f, keep in zip(ranked, kept, strict=True) if keep),
                  key=lambda f: (f.span.start, f.span.end, f.rule_id))


def _higher_ranked_touching(ranked: list[Finding]) -> list[list[int]]:
    """For each finding, the (lower) indices of the findings before it whose spans touch its span.

    Spans touch when they share a point, ends included: a superset of `Span.overlaps`, so no pair
    `_same_problem` could accept is missed. A sweep in text order keeps the spans still open.
    """
    touching: list[list[int]] = [[] for _ in ranked]
    open_spans: list[tuple[int, int]] = []  # heap of (end, index)
    for index in sorted(range(len(ranked)), key=lambda i: ranked[i].span.start):
        span = ranked[index].span
        while open_spans and open_spans[0][0] < span.start:
            heapq.heappop(open_spans)
        for _, other in open_spans:
            touching[max(index, other)].append(min(index, other))
        heapq.heappush(open_spans, (span.end, index))
    return touching


def _same_problem(a: Finding, b: Finding, a_words: tuple[int, int] | None = None,
                  b_words: tuple[int, int] | None = None) -> bool:
    """Whether two findings speak of one problem. Only findings whose spans touch can be.

    `a_words`/`b_words` are their `_flagged_words`, when the caller has them already."""
    if (a.span.start, a.span.end) == (b.span.start, b.span.end):
        return True
    if not a.span.overlaps(b.span):
        return False  # cheap first: the words a finding flags lie inside its span
    if (a_words or _flagged_words(a)) == (b_words or _flagged_words(b)):
        return True
    return (a.category == b.category and a.source != b.source) or _same_correction(a, b)


def _flagged_words(finding: Finding) -> tuple[int, int]:
    """The finding's span without the whitespace at its ends (' to' and 'to ' flag the same word).

    Only for words: ' ,' (a space before a comma) and ',' are two different problems.
    """
    start, end, covered = finding.span.start, finding.span.end, finding.text
    if len(covered) != end - start or not _ALPHANUMERIC.search(covered):
        return start, end
    return start + len(covered) - len(covered.lstrip()), end - (len(covered) - len(covered.rstrip()))


def _same_correction(a: Finding, b: Finding) -> bool:
    """Both fixes, applied to the text the two findings cover together, give the same text."""
    if not (a.replacements and b.replacements):
        return False
    if any(len(f.text) != f.span.end - f.span.start for f in (a, b)):
        return False
    first, second = sorted((a, b), key=lambda f: f.span.start)
    start, end = first.span.start, max(first.span.end, second.span.end)
    covered = first.text + second.text[first.span.end - second.span.start:]  # they overlap: no gap

    def corrected(finding: Finding) -> str:
        at, to = finding.span.start - start, finding.span.end - start
        return covered[:at] + finding.replacements[0] + covered[to:]

    return end - start == len(covered) and corrected(a) == corrected(b)
