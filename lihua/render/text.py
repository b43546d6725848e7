"""The text report: the letter with its findings marked, then the findings with their fixes.

On a colour terminal findings are underlined in the letter (red errors, yellow warnings, blue
suggestions). In plain mode (NO_COLOR set, or output not a terminal) each letter line with
findings is followed by a line of ^ marks under the problem, so the report reads well in a pipe,
a file or an e-mail.
"""

from __future__ import annotations

import unicodedata

from rich.console import Console
from rich.text import Text

from lihua.findings import Finding, Severity
from lihua.io.safe_text import printable
from lihua.report import Report
from lihua.text.letter import Part, split_lines

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
        for line in _caret_letter(report, width=console.width, tab_size=console.tab_size):
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


def _caret_letter(report: Report, width: int | None = None, tab_size: int = 8) -> list[str]:
    """Letter lines, each followed by ^ marks under the findings that start on it.

    Marks are placed by terminal columns, not characters: a Chinese character or full-width mark
    takes two columns and gets two ^, a combining accent none. A line wider than `width` is cut
    (at a space where it can be) into rows that each get their own marks, so the terminal never
    wraps a row away from the marks under it.
    """
    out: list[str] = []
    by_line: dict[int, list[Finding]] = {}
    for finding in report.findings:
        by_line.setdefault(finding.span.line, []).append(finding)
    for number, line in enumerate(split_lines(report.letter.text), start=1):
        shown = printable(line.text)  # one visible character per control character: the ^ marks still line up
        marked = _marked_offsets(line, by_line.get(number, []))
        for start, end in _rows(shown, width, tab_size):
            out.append(shown[start:end])
            marks = _marks(shown, start, end, marked, tab_size, last=end == len(shown))
            if marks:
                out.append(marks)
    return out


def _marked_offsets(line: Part, findings: list[Finding]) -> set[int]:
    """Offsets in the line (len(line) for "missing at the end") that carry a ^."""
    marked: set[int] = set()
    for finding in findings:
        start = finding.span.start - line.start
        end = min(finding.span.end, line.end) - line.start
        marked.update(range(max(start, 0), min(max(end, start + 1), len(line.text) + 1)))
    return marked


def char_width(char: str) -> int:
    """Terminal columns of one character: 2 for East Asian wide/full-width, 0 for combining marks."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _columns(char: str, column: int, tab_size: int) -> int:
    return tab_size - column % tab_size if char == "\t" else char_width(char)


def _rows(text: str, width: int | None, tab_size: int) -> list[tuple[int, int]]:
    """[start, end) of each row of `text` at most `width` columns wide (the whole text without a width)."""
    if not width or width < 2 or not text:
        return [(0, len(text))]
    rows: list[tuple[int, int]] = []
    start, column, cut = 0, 0, None  # cut: the last place this row may end (after a space, around wide text)
    i = 0
    while i < len(text):
        char = text[i]
        wide = char_width(char) == 2
        if wide and i > start:
            cut = i
        columns = _columns(char, column, tab_size)
        if column + columns > width and i > start:
            end = cut if cut is not None and cut > start else i
            rows.append((start, end))
            start, column, cut, i = end, 0, None, end
            continue
        column += columns
        i += 1
        if char == " " or wide:
            cut = i
    rows.append((start, len(text)))
    return rows


def _marks(text: str, start: int, end: int, marked: set[int], tab_size: int, *, last: bool) -> str:
    """The ^ line under text[start:end] ("" when nothing in it is marked)."""
    marks: list[str] = []
    column = 0
    for i in range(start, end):
        columns = _columns(text[i], column, tab_size)
        marks.append(("^" if i in marked else " ") * columns)
        column += columns
    if last and len(text) in marked:
        marks.append("^")  # a word missing at the end of the line: mark just after it
    line = "".join(marks).rstrip()
    return line if "^" in line else ""


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
