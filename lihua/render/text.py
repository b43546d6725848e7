"""The text report: the letter with its findings marked, then the findings with their fixes.

On a colour terminal findings are underlined in the letter (red errors, yellow warnings, blue
suggestions). In plain mode (NO_COLOR set, or output not a terminal) each letter line with
findings is followed by a line of ^ marks under the problem, so the report reads well in a pipe,
a file or an e-mail.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from lihua.findings import Finding, Severity
from lihua.letter import split_lines
from lihua.report import Report
from lihua.safe_text import printable

_STYLE = {Severity.ERROR: "bold red underline", Severity.WARNING: "yellow underline", Severity.SUGGESTION: "cyan underline"}
_LABEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "suggestion"}


def render_text(report: Report, console: Console, *, lang: str = "en") -> None:
    """Print the marked letter and the list of findings to `console`."""
    fancy = console.is_terminal and not console.no_color
    console.print(_header(report), highlight=False)
    console.print()
    if fancy:
        console.print(_marked_letter(report), highlight=False)
    else:
        for line in _caret_letter(report):
            console.print(line, highlight=False, markup=False, soft_wrap=True)
    console.print()
    if not report.findings:
        console.print("No problems found.", highlight=False)
    for finding in report.findings:
        console.print(_finding_line(finding, fancy, lang), highlight=False, soft_wrap=True)


def _header(report: Report) -> Text:
    counts = ", ".join(f"{report.count(s)} {_LABEL[s]}{'s' if report.count(s) != 1 else ''}" for s in Severity)
    prompt = f"  prompt: {report.prompt_id}" if report.prompt_id else ""
    return Text(f"{report.source}  ·  {report.word_count} words  ·  {counts}{prompt}", style="bold")


def _marked_letter(report: Report) -> Text:
    text = Text(printable(report.letter.text.replace("\r\n", "\n").replace("\r", "\n")))  # same length: offsets hold
    shift = _crlf_shift(report.letter.text)
    for finding in report.findings:
        start, end = shift(finding.span.start), shift(finding.span.end)
        if start == end:  # a missing word: mark the character before it
            start = max(0, start - 1)
        text.stylize(_STYLE[finding.severity], start, end)
    return text


def _crlf_shift(original: str):
    """Map offsets in the original text to offsets after CRLF → LF (rich needs plain newlines)."""
    crs = [i for i, ch in enumerate(original) if ch == "\r" and original[i + 1 : i + 2] == "\n"]

    def shift(offset: int) -> int:
        from bisect import bisect_left

        return offset - bisect_left(crs, offset)

    return shift


def _caret_letter(report: Report) -> list[str]:
    """Letter lines, each followed by ^ marks under the findings that start on it."""
    out: list[str] = []
    by_line: dict[int, list[Finding]] = {}
    for finding in report.findings:
        by_line.setdefault(finding.span.line, []).append(finding)
    for number, line in enumerate(split_lines(report.letter.text), start=1):
        out.append(printable(line.text))  # one visible character per control character: the ^ marks still line up
        marks = [" "] * (len(line.text) + 1)
        for finding in by_line.get(number, []):
            start = finding.span.start - line.start
            end = min(finding.span.end, line.end) - line.start
            for i in range(max(start, 0), max(end, start + 1)):
                if i < len(marks):
                    marks[i] = "^"
        if "^" in marks:
            out.append("".join(marks).rstrip())
    return out


def _finding_line(finding: Finding, fancy: bool, lang: str) -> Text:
    span = finding.span
    message = finding.message_zh if lang == "zh" and finding.message_zh else finding.message
    fix = f" → {' / '.join(finding.replacements[:3])}" if finding.replacements else ""
    quoted = f" “{finding.text}”" if finding.text and len(finding.text) <= 40 else ""
    line = Text()
    line.append(f"{span.line}:{span.column}", style="bold" if fancy else "")
    line.append(f"  {_LABEL[finding.severity]}", style=_STYLE[finding.severity].replace(" underline", "") if fancy else "")
    line.append(f"  {finding.category.value}{quoted}: {message}{fix}")
    line.append(f"  [{finding.rule_id}]", style="dim" if fancy else "")
    return line
