"""What one batch worker process does: build everything once, then grade paths into small results.

Workers receive file *paths* (not contents) and send back compact, already-serialised pieces:
the JSONL line, the CSV row, the student's HTML section and a few numbers for the class summary.
So the parent only appends strings to files, and memory stays flat however many letters come.
Any exception while grading one file becomes a failure result for that file, never a crash.
"""

from __future__ import annotations

import inspect
import signal
from contextlib import suppress
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from lihua.batch.summary import EMPTY_FIELDS
from lihua.findings import Category
from lihua.io.safe_text import json_dumps, printable, shown_name

CATEGORIES = tuple(c.value for c in Category)


@dataclass(frozen=True)
class BatchSettings:
    """Everything a worker needs, small and picklable; sent once per worker, not per letter."""

    prompt_id: str | None = None
    prompt: Any = None  # the loaded Prompt (pickled once per worker); else loaded by id
    prompts_dirs: tuple[str, ...] = ()
    engines: tuple[str, ...] = ("harper",)
    disabled: tuple[str, ...] = ()
    rule_dirs: tuple[str, ...] = ()  # a teacher's rule packs, checked by the parent before any worker starts
    engine_options: dict[str, Any] = field(default_factory=dict)
    scale: int | None = None
    reply: bool = True


class _State:
    """Per-process state built by `init_worker`: the prompt, engines and templates, once."""

    settings: BatchSettings = BatchSettings()
    prompt: Any = None
    notes_seen: set[str] = set()


def init_worker(settings: BatchSettings, ignore_sigint: bool = True) -> None:
    """Build the prompt, the engines and the HTML templates once for this process.

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
    _State.settings = settings
    _State.prompt = settings.prompt
    if _State.prompt is None and settings.prompt_id:
        from lihua.prompts import load_bank

        _State.prompt = load_bank(list(settings.prompts_dirs)).get(settings.prompt_id)
    build_engines(settings)


def build_engines(settings: BatchSettings) -> None:
    """The engines and templates, built once per process (a no-op when a forked parent built them)."""
    from lihua.grading.pipeline import get_engine

    for name in settings.engines:
        with suppress(Exception):  # an engine that cannot run is reported per letter, as `grade` does
            get_engine(name, **settings.engine_options)
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
        data, text = _grade_file(path)
        fields = score_fields(data)
        missed = missed_points(data, text)
        return {
            "index": index, "file": shown, "student": student, "ok": True, "error": None,
            "json": json_dumps({**data, "student": student}, indent=None, ascii_only=False),
            "row": report_row(shown, student, data, fields),
            "html": render_student_section(index, student, data, text, fields, missed),
            "stats": {"total": fields["total"], "band": fields["band"], "scale": fields["scale"],
                      "word_count": data.get("word_count"), "findings": finding_stats(data, text), "missed": missed},
            "notes": data.get("notes", []),
            "failed_engines": data.get("failed_engines", []),
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


def _grade_file(path: str) -> tuple[dict[str, Any], str]:
    from lihua.grading.pipeline import grade
    from lihua.io.read import InputError, read_source

    settings = _State.settings
    try:
        source = read_source(path)
    except InputError as error:
        message = str(error)  # "path: what is wrong"; the file is its own column, so drop the name
        raise _Failure(message.removeprefix(f"{shown_name(path)}: ")) from None
    extra = {"scale": settings.scale} if settings.scale and _grade_takes_scale() else {}
    report = grade(source.text, source=source.name, encoding=source.encoding, prompt=_State.prompt,
                   engines=settings.engines, disabled=settings.disabled, engine_options=settings.engine_options,
                   rule_dirs=settings.rule_dirs, **extra)
    if settings.reply and "reply" not in report.extras:
        report.extras["reply"] = _reply(source.text, report)
    return report.to_dict(), source.text


@lru_cache(maxsize=1)
def _grade_takes_scale() -> bool:
    """Whether the pipeline's `grade` accepts `scale=` (the rubric stage adds it)."""
    from lihua.grading.pipeline import grade

    return "scale" in inspect.signature(grade).parameters


class _Failure(Exception):
    """An input problem whose message is already a full line for the user."""


def _one_line(error: BaseException) -> str:
    if isinstance(error, _Failure):
        return str(error)
    text = " ".join(str(error).split()) or "no details"
    return printable(f"{type(error).__name__}: {text}"[:300], one_line=True)


def _reply(text: str, report: Any) -> dict[str, Any] | None:
    """The pen pal's reply, as `grade --reply` writes it; None when no reply can be written."""
    try:
        from lihua.reply.writer import ReplyError, write_reply
    except ImportError:
        return None
    mistakes = [(f.span.start, f.span.end) for f in report.findings if f.severity.value != "suggestion"]
    try:
        reply = write_reply(text, prompt=_State.prompt, flagged_spans=mistakes)
    except ReplyError as error:
        report.notes.append(f"reply: {error}")
        return None
    return {"text": reply.text, "template": reply.template, "terms": [term.to_dict() for term in reply.terms]}


def student_id(path: str) -> str:
    """The student id is the file name without its extension: '2023-07 王芳.txt' → '2023-07 王芳'.

    A name that is not UTF-8 (a Windows zip unpacked on Linux) keeps its bytes visible: '\\xcd\\xf5'.
    """
    return shown_name(Path(path).stem)


def score_fields(data: dict[str, Any]) -> dict[str, Any]:
    """Total, band, scale and sub-scores from the report's "score", whatever its exact shape."""
    score = data.get("score")
    fields = dict(EMPTY_FIELDS)
    if not isinstance(score, dict):
        return fields
    fields["total"] = _number(score.get("total"))
    fields["scale"] = _number(score.get("scale"))
    band = score.get("band")
    descriptor = score.get("band_descriptor")
    fields["band_descriptor"] = descriptor.get("en") if isinstance(descriptor, dict) else descriptor
    if isinstance(band, dict):
        fields["band_descriptor"] = band.get("descriptor") or band.get("description")
        band = next((band[k] for k in ("number", "band", "level", "value", "name", "label") if k in band), None)
    fields["band"] = None if band is None else str(band)
    components = score.get("components") or {}
    for name in ("content", "language", "organisation"):
        value = components.get(name, components.get("organization")) if name == "organisation" else components.get(name)
        if isinstance(value, dict):
            value = value.get("score", value.get("points", value.get("value")))
        fields[name] = _number(value)
    return fields




def _number(value: Any) -> float | int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value) if float(value).is_integer() else round(value, 2)  # 15, not 15.0, in the CSV


def missed_points(data: dict[str, Any], text: str) -> list[str]:
    """Content points the letter left out: from the score's coverage, else the keyword check."""
    score = data.get("score") if isinstance(data.get("score"), dict) else {}
    coverage = score.get("content_coverage")
    if isinstance(coverage, list) and coverage and score.get("content_scored", True):
        return [_point_label(point) for point in coverage if isinstance(point, dict) and not point.get("covered")]
    for holder in (score.get("coverage"), score.get("content_coverage"), (score.get("components") or {}).get("content")):
        if isinstance(holder, dict) and isinstance(holder.get("missed"), list):
            return [_point_label(point) for point in holder["missed"]]
    if _State.prompt is None:
        return []
    from lihua.reply.context import points_covered

    return [f"{point['en']} ({point['zh']})" for point in points_covered(text, _State.prompt) if not point["covered"]]


def _point_label(point: Any) -> str:
    if isinstance(point, dict):
        en, zh = point.get("en") or point.get("id") or "", point.get("zh") or ""
        return f"{en} ({zh})" if zh else str(en)
    if _State.prompt is not None:
        for known in _State.prompt.content_points:
            if known.id == point:
                return f"{known.en} ({known.zh})"
    return str(point)


def finding_stats(data: dict[str, Any], text: str) -> list[tuple[str, str, str, tuple[str, str, str]]]:
    """(category, rule_id, message, example) per finding; the example is (before, flagged, after)."""
    out = []
    for finding in data.get("findings", []):
        start, end = finding["span"]["start"], finding["span"]["end"]
        example = (text[max(0, start - 40):start].split("\n")[-1], text[start:end], text[end:end + 40].split("\n")[0])
        out.append((finding["category"], finding["rule_id"], finding["message"], example))
    return out


CSV_COLUMNS = ("file", "student_id", "status", "error", "total", "band", "scale", "content", "language",
               "organisation", "word_count", "errors", "warnings", "suggestions",
               *(f"findings_{name}" for name in CATEGORIES), "notes")


def report_row(path: str, student: str, data: dict[str, Any], fields: dict[str, Any]) -> list[Any]:
    counts = dict.fromkeys(CATEGORIES, 0)
    for finding in data.get("findings", []):
        counts[finding["category"]] = counts.get(finding["category"], 0) + 1
    summary = data.get("summary", {})
    return [path, student, "graded", "", fields["total"], fields["band"], fields["scale"], fields["content"],
            fields["language"], fields["organisation"], data.get("word_count"), summary.get("error", 0),
            summary.get("warning", 0), summary.get("suggestion", 0), *(counts[name] for name in CATEGORIES),
            "; ".join(data.get("notes", []))]  # e.g. an engine that could not check this letter


def failure_row(path: str, student: str, message: str) -> list[Any]:
    return [path, student, "failed", message, *([None] * (len(CSV_COLUMNS) - 4))]
