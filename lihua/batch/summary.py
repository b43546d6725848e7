"""The class picture, built one result at a time: scores, bands, common mistakes, missed points.

Only counters and a few examples per rule are kept (never the letters themselves), so the summary
of 10 000 letters costs about as much memory as the summary of 50.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

EXAMPLES_PER_RULE = 3
# The score columns of one batch row, all empty: a letter that could not be graded still has its row.
EMPTY_FIELDS: dict[str, Any] = dict.fromkeys(("total", "band", "scale", "content", "language", "organisation", "band_descriptor"))


@dataclass
class RuleStats:
    rule_id: str
    category: str
    message: str
    count: int = 0
    letters: int = 0
    examples: list[dict[str, str]] = field(default_factory=list)  # {student, before, text, after}


@dataclass
class EngineFailure:
    """An engine the teacher asked for that could not check some letters: how many, and the first reason."""

    letters: int = 0
    reason: str = ""


@dataclass
class ClassSummary:
    """Everything the class section of the report shows, updated per letter by `add`."""

    total_files: int = 0
    graded: int = 0
    totals: list[float] = field(default_factory=list)  # one number per graded letter: small
    scale: float | None = None
    bands: Counter = field(default_factory=Counter)
    errors_per_letter: list[int] = field(default_factory=list)
    word_counts: list[int] = field(default_factory=list)
    categories: Counter = field(default_factory=Counter)
    category_letters: Counter = field(default_factory=Counter)
    rules: dict[str, RuleStats] = field(default_factory=dict)
    missed: Counter = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)
    notes: Counter = field(default_factory=Counter)
    engine_failures: dict[str, EngineFailure] = field(default_factory=dict)  # engine → letters it could not check
    interrupted: bool = False

    def add(self, result: dict[str, Any]) -> None:
        """Fold one worker result into the summary."""
        if not result["ok"]:
            self.failures.append((result["file"], result["error"]))
            return
        self.graded += 1
        stats = result["stats"]
        if stats["total"] is not None:
            self.totals.append(stats["total"])
        if stats["scale"] is not None:
            self.scale = stats["scale"]
        if stats["band"] is not None:
            self.bands[stats["band"]] += 1
        if stats["word_count"] is not None:
            self.word_counts.append(stats["word_count"])
        self.errors_per_letter.append(len(stats["findings"]))
        self.missed.update(stats["missed"])
        self.notes.update(result.get("notes", []))
        for engine in result.get("failed_engines", []):
            failure = self.engine_failures.setdefault(engine, EngineFailure())
            failure.letters += 1
            if not failure.reason:
                failure.reason = next((note.removeprefix(f"{engine}: ") for note in result.get("notes", [])
                                       if note.startswith(f"{engine}: ")), "")
        seen_rules: set[str] = set()
        for category, rule_id, message, (before, text, after) in stats["findings"]:
            self.categories[category] += 1
            rule = self.rules.setdefault(rule_id, RuleStats(rule_id, category, message))
            rule.count += 1
            if rule_id not in seen_rules:
                seen_rules.add(rule_id)
                rule.letters += 1
                if len(rule.examples) < EXAMPLES_PER_RULE:
                    rule.examples.append({"student": result["student"], "before": before, "text": text, "after": after})
        for category in {c for c, *_ in stats["findings"]}:
            self.category_letters[category] += 1

    @property
    def failed(self) -> int:
        return len(self.failures)

    def mean(self) -> float | None:
        return round(statistics.fmean(self.totals), 1) if self.totals else None

    def median(self) -> float | None:
        return round(statistics.median(self.totals), 1) if self.totals else None

    def top_rules(self, limit: int = 10) -> list[RuleStats]:
        return sorted(self.rules.values(), key=lambda r: (-r.letters, -r.count, r.rule_id))[:limit]

    def to_dict(self) -> dict[str, Any]:
        """The summary as plain data (printed by the CLI, used by tests)."""
        return {
            "files": self.total_files, "graded": self.graded, "failed": self.failed,
            "interrupted": self.interrupted, "mean": self.mean(), "median": self.median(),
            "bands": dict(self.bands), "categories": dict(self.categories.most_common()),
            "top_rules": [{"rule_id": r.rule_id, "count": r.count, "letters": r.letters} for r in self.top_rules()],
            "missed_points": dict(self.missed.most_common()),
            "failures": [{"file": f, "error": e} for f, e in self.failures],
            "engine_failures": {name: {"letters": f.letters, "reason": f.reason}
                                for name, f in self.engine_failures.items()},
        }
