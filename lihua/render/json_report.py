"""The JSON form of a report: `{"schema": 1, ...}`, stable for tools that read it."""

from __future__ import annotations

import json

from lihua.report import Report


def render_json(report: Report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)
