"""The JSON form of a report: `{"schema": 1, ...}`, stable for tools that read it."""

from __future__ import annotations

from lihua.io.safe_text import json_dumps
from lihua.report import Report


def render_json(report: Report, *, ascii_only: bool | None = None) -> str:
    """The report as JSON text; all-ASCII when stdout cannot encode everything (see `json_dumps`)."""
    return json_dumps(report.to_dict(), ascii_only=ascii_only)
