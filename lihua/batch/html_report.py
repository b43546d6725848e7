"""The class report as one self-contained HTML file: inline CSS, inline SVG charts, no scripts.

Every piece of student text reaches the page through Jinja2 autoescaping (templates under
`templates/report/`), so a letter containing `<script>` shows those characters and runs nothing.
The highlighted letter is cut into plain segments here, in Python; the template wraps each
flagged segment in `<mark>`, escaping its text like any other value. Student sections are
rendered by the workers and streamed from a temporary file into the page, so the report for
10 000 letters is written without holding them all in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import IO, Any

from markupsafe import Markup

from lihua.batch.summary import EMPTY_FIELDS, ClassSummary

STUDENT_TEMPLATE = "report/student.html.j2"
CLASS_TEMPLATE = "report/class_report.html.j2"


def _environment():
    from lihua.render.templating import cached_environment

    return cached_environment(None)


def student_template():
    """The compiled per-student template (compiled once per process)."""
    return _environment().get_template(STUDENT_TEMPLATE)


def highlight_segments(text: str, findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The letter cut into segments; flagged ones carry the finding's number and severity.

    Overlapping findings keep the first (earlier, then longer) span; a zero-width finding (a
    missing comma, say) becomes an empty mark so its number still shows in place.
    """
    ordered = sorted(enumerate(findings, 1), key=lambda item: (item[1]["span"]["start"], -item[1]["span"]["end"]))
    segments: list[dict[str, Any]] = []
    cursor = 0
    for number, finding in ordered:
        start, end = finding["span"]["start"], finding["span"]["end"]
        if start < cursor or start > len(text):
            continue
        if start > cursor:
            segments.append({"text": text[cursor:start], "n": None})
        segments.append({"text": text[start:end], "n": number, "severity": finding["severity"],
                         "title": f"{finding['category']}: {finding['message']}"})
        cursor = max(cursor, end)
    segments.append({"text": text[cursor:], "n": None})
    return segments


def render_student_section(index: int, student: str, data: dict[str, Any], text: str,
                           fields: dict[str, Any], missed: list[str], *, reply: str | None = None) -> str:
    """One student's section: score, highlighted letter, findings, missed points, the reply's text."""
    return student_template().render(
        index=index, student=student, failed=False, file=data.get("source", ""), fields=fields,
        segments=highlight_segments(text, data.get("findings", [])), findings=data.get("findings", []),
        word_count=data.get("word_count"), missed=missed, notes=data.get("notes", []),
        reply=reply, error=None,
    )


def render_failure_section(index: int, path: str, student: str, message: str) -> str:
    """The section for a file that could not be graded: its name and the reason."""

    return student_template().render(index=index, student=student, failed=True, file=path, fields=EMPTY_FIELDS,
                                     segments=[], findings=[], word_count=None, missed=[], notes=[],
                                     reply=None, error=message)


def bar_chart(labels: list[str], values: list[float], *, width: int = 420, height: int = 180) -> dict[str, Any]:
    """Geometry for a simple SVG bar chart (the template draws it; no script, no library)."""
    top = max(values, default=0) or 1
    n = max(len(values), 1)
    slot = (width - 40) / n
    bars = []
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        bar_height = round((height - 40) * value / top, 1)
        x = round(30 + i * slot + slot * 0.1, 1)
        bars.append({"label": label, "value": value, "x": x, "w": round(slot * 0.8, 1),
                     "y": round(height - 20 - bar_height, 1), "h": bar_height, "cx": round(x + slot * 0.4, 1)})
    return {"width": width, "height": height, "base": height - 20, "bars": bars}


def score_histogram(summary: ClassSummary) -> tuple[str, dict[str, Any]]:
    """Scores in whole-point bins (or errors per letter when no scores are available)."""
    if summary.totals:
        values, title = summary.totals, "Score distribution"
        high = int(summary.scale or max(values))
    else:
        values, title = summary.errors_per_letter, "Findings per letter"
        high = max(values, default=0)
    bins = min(high + 1, 26)
    step = max(1, -(-(high + 1) // bins))
    counts = [0] * bins
    for value in values:
        counts[min(int(value) // step, bins - 1)] += 1
    labels = [str(i * step) if step == 1 else f"{i * step}–{i * step + step - 1}" for i in range(bins)]
    return title, bar_chart(labels, counts, width=max(420, 24 * bins + 40))


def write_class_report(handle: IO[str], summary: ClassSummary, sections: Iterable[str], *,
                       prompt: Any = None, title: str = "Class report") -> None:
    """Stream the whole page to `handle`: the class summary first, then every student's section."""
    bands = sorted(summary.bands.items(), key=lambda item: _band_key(item[0]))
    histogram_title, histogram = score_histogram(summary)
    categories = summary.categories.most_common()
    top = max((count for _, count in categories), default=1)
    template = _environment().get_template(CLASS_TEMPLATE)
    stream = template.generate(
        title=title,
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        prompt={"id": prompt.id, "title": prompt.title.en, "title_zh": prompt.title.zh} if prompt is not None else None,
        summary=summary, mean=summary.mean(), median=summary.median(),
        mean_words=round(sum(summary.word_counts) / len(summary.word_counts)) if summary.word_counts else None,
        band_chart=bar_chart([b for b, _ in bands], [c for _, c in bands]) if bands else None,
        histogram_title=histogram_title, histogram=histogram,
        categories=[{"name": name, "count": count, "letters": summary.category_letters[name],
                     "pct": round(100 * count / top)} for name, count in categories],
        rules=summary.top_rules(10), missed=summary.missed.most_common(10),
        failures=summary.failures, notes=summary.notes.most_common(5),
        sections=(Markup(section) for section in sections),
    )
    for chunk in stream:
        handle.write(chunk)


def _band_key(band: str) -> tuple[int, str]:
    digits = "".join(ch for ch in band if ch.isdigit())
    return (-int(digits) if digits else 0, band)


def write_section_line(handle: IO[str], html: str) -> None:
    """Append one rendered section to the spool file (one JSON string per line)."""
    handle.write(json.dumps(html, ensure_ascii=False) + "\n")


def read_section_lines(handle: IO[str]) -> Iterator[str]:
    """The spooled sections back, one at a time."""
    for line in handle:
        if line.strip():
            yield json.loads(line)
