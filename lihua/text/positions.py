"""Turn character offsets into 1-based line and column numbers, for any line ending."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from lihua.findings import Finding


class LineIndex:
    """Line starts of a text, so each offset finds its line in O(log n)."""

    def __init__(self, text: str) -> None:
        self._starts = [0]
        for i, ch in enumerate(text):
            if ch == "\n":
                self._starts.append(i + 1)
            elif ch == "\r" and (i + 1 >= len(text) or text[i + 1] != "\n"):
                self._starts.append(i + 1)  # a lone CR (old Mac files) also ends a line

    def line_column(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


def locate(findings: Iterable[Finding], text: str) -> list[Finding]:
    """Fill in line, column and the covered text of each finding."""
    index = LineIndex(text)
    located = []
    for finding in findings:
        line, column = index.line_column(finding.span.start)
        located.append(
            _with_text(finding.with_position(line, column), text[finding.span.start : finding.span.end])
        )
    return located


def _with_text(finding: Finding, covered: str) -> Finding:
    from dataclasses import replace

    return replace(finding, text=covered)
