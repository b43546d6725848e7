"""What one batch worker process does: build everything once, then grade paths into small results.

Workers receive file *paths* (not contents) and send back compact, already-serialised pieces:
the JSONL line, the CSV row, the student's HTML section and a few numbers for the class summary.
So the parent only appends strings to files, and memory stays flat however many letters come.
Any exception while grading one file becomes a failure result for that file, never a crash.
"""

from __future__ import annotations

import signal
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lihua.batch.summary import EMPTY_FIELDS
from lihua.findings import Category, Finding, Severity
from lihua.grading.service import GradeRequest
from lihua.io.safe_text import json_dumps, printable, shown_name

if TYPE_CHECKING:
    from lihua.report import Report
    from lihua.scoring.result import Score

CATEGORIES = tuple(c.value for c in Category)


class _State:
    """Per-process state set by `init_worker`: the request every letter is graded with."""

    request: GradeRequest = GradeRequest()


def init_worker(request: GradeRequest, ignore_sigint: bool = True) -> None:
    """Take the request and build the engines and the HTML templates once for this process.

    Workers ignore Ctrl-C: the parent alone decides how to stop, so the terminal shows one clean
    line instead of a traceback per worker. SIGTERM and SIGHUP go back to their defaults: a forked
    worker inherits the parent's "stop at the next letter" handlers, and the pool ends its workers
    with SIGTERM.
    """
    if ignore_sigint:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        defaults = {getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)}
        for number in defaults:
            signal.signal(number, signal.SIG_DFL)
        if hasattr(signal, "pthread_sigmask"):
            signal.pthread_sigmask(signal.SIG_UNBLOCK, defaults)  # the pool forks with them blocked
    _State.request = request
    build_engines(request)


def build_engines(request: GradeRequest) -> None:
    """The engines and templates, built once per process (a no-op when a forked parent built them)."""
    from lihua.engines import build_engine

    for name in request.engines:
        with suppress(Exception):  # an engine that cannot run is reported per letter, as `grade` does
            build_engine(name, **request.engine_options)
    from lihua.batch.html_report import student_template

    student_template()


def grade_chunk(chunk: list[tuple[int, str]]) -> list[dict[str, Any]]:
    """Grade a few files (index, path) and return one result dict each, in the same order."""
    return [grade_one(index, path) for index, path in chunk]


def grade_one(index: int, path: str) -> dict[str, Any]:
    """One file → a result; every failure (unreadable, binary, engine crash) is captured."""
    from lihua.batch.html_report import render_student_section

    student, shown = student_id(path), shown_name(path)
    try:
        report, text = _grade_file(path)
        data = report.to_dict()
        fields = score_fields(report.score)
        missed = missed_points(report.score, text)
        return {
            "index": index, "file": shown, "student": student, "ok": True, "error": None,
            "json": json_dumps({**data, "student": student}, indent=None, ascii_only=False),
            "row": report_row(shown, student, report, fields, data["notes"]),
            "html": render_student_section(index, student, data, text, fields, missed,
                                           reply=report.reply.text if report.reply is not None else None),
            "stats": {"total": fields["total"], "band": fields["band"], "scale": fields["scale"],
                      "word_count": report.word_count, "findings": finding_stats(report.findings, text), "missed": missed},
            "notes": data["notes"],
            "failed_engines": list(report.failed_engines),
        }
    except Exception as error:  # one bad file never stops the batch
        return failure_result(index, path, _one_line(error))


def failure_result(index: int, path: str, message: str) -> dict[str, Any]:
    """The result for a file that could not be graded: listed, with its reason, in every output."""
    from lihua.batch.html_report import render_failure_section

    student, shown = student_id(path), shown_name(path)
    return {"index": index, "file": shown, "student": student, "ok": False, "error": message,
            "json": json_dumps({"schema": 1, "source": shown, "student": student, "error": message},
                               indent=None, ascii_only=False),
            "row": failure_row(shown, student, message),
            "html": render_failure_section(index, shown, student, message)}


def _grade_file(path: str) -> tuple[Report, str]:
    from lihua.grading.service import grade_request
    from lihua.io.read import InputError, read_source

    try:
        source = read_source(path)
    except InputError as error:
        message = str(error)  # "path: what is wrong"; the file is its own column, so drop the name
        raise _Failure(message.removeprefix(f"{shown_name(path)}: ")) from None
    return grade_request(source.text, _State.request, source=source.name, encoding=source.encoding), source.text


class _Failure(Exception):
    """An input problem whose message is already a full line for the user."""


def _one_line(error: BaseException) -> str:
    if isinstance(error, _Failure):
        return str(error)
    text = " ".join(str(error).split()) or "no details"
    return printable(f"{type(error).__name__}: {text}"[:300], one_line=True)


def student_id(path: str) -> str:
    """The student id is the file name without its extension: '2023-07 王芳.txt' → '2023-07 王芳'.

    A name that is not UTF-8 (a Windows zip unpacked on Linux) keeps its bytes visible: '\\xcd\\xf5'.
    """
    return shown_name(Path(path).stem)


def score_fields(score: Score | None) -> dict[str, Any]:
    """Total, band, scale and sub-scores of a letter's Score: its CSV columns and HTML heading."""
    fields = dict(EMPTY_FIELDS)
    if score is None:
        return fields
    fields.update(total=_number(score.total), scale=_number(score.scale), band=str(score.band),
                  band_descriptor=score.descriptor.get("en"))
    for name in ("content", "language", "organisation"):
        component = score.components.get(name)
        fields[name] = None if component is None else _number(round(component.score, 2))
    return fields


def _number(value: Any) -> float | int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value) if float(value).is_integer() else round(value, 2)  # 15, not 15.0, in the CSV


def missed_points(score: Score | None, text: str) -> list[str]:
    """Content points the letter left out: from the score's coverage, else the keyword check."""
    if score is not None and score.coverage and score.content_scored:
        return [f"{point.en} ({point.zh})" if point.zh else point.en for point in score.coverage if not point.covered]
    prompt = _State.request.prompt
    if prompt is None:
        return []
    from lihua.reply.context import points_covered

    return [f"{point['en']} ({point['zh']})" for point in points_covered(text, prompt) if not point["covered"]]


def finding_stats(findings: list[Finding], text: str) -> list[tuple[str, str, str, tuple[str, str, str]]]:
    """(category, rule_id, message, example) per finding; the example is (before, flagged, after)."""
    out = []
    for finding in findings:
        start, end = finding.span.start, finding.span.end
        example = (text[max(0, start - 40):start].split("\n")[-1], text[start:end], text[end:end + 40].split("\n")[0])
        out.append((finding.category.value, finding.rule_id, finding.message, example))
    return out


CSV_COLUMNS = ("file", "student_id", "status", "error", "total", "band", "scale", "content", "language",
               "organisation", "word_count", "errors", "warnings", "suggestions",
               *(f"findings_{name}" for name in CATEGORIES), "notes")


def report_row(path: str, student: str, report: Report, fields: dict[str, Any], notes: list[str]) -> list[Any]:
    """The CSV row of a graded letter; `notes` as in its JSON report (an engine that could not check it…)."""
    counts = dict.fromkeys(CATEGORIES, 0)
    for finding in report.findings:
        counts[finding.category.value] += 1
    return [path, student, "graded", "", fields["total"], fields["band"], fields["scale"], fields["content"],
            fields["language"], fields["organisation"], report.word_count, report.count(Severity.ERROR),
            report.count(Severity.WARNING), report.count(Severity.SUGGESTION), *(counts[name] for name in CATEGORIES),
            "; ".join(notes)]


def failure_row(path: str, student: str, message: str) -> list[Any]:
    return [path, student, "failed", message, *([None] * (len(CSV_COLUMNS) - 4))]
