"""The typed result of scoring: `Score` with its components and deductions, and its one JSON shape.

Kept apart from the scorer so that the component scorers (language, organisation), the report and
the renderers can all name these types without importing the scorer itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lihua.scoring.content import PointCoverage

NO_PROMPT_NOTE = {"en": "No prompt given (--prompt): content is not scored; language and organisation "
                        "are scaled to the whole scale.",
                  "zh": "未指定题目（--prompt）：不评内容要点，语言和篇章结构按总分折算。"}
NO_TASK_LENGTH_RULE = {"en": "No task given (--prompt): length is not marked down.",
                       "zh": "未指定题目（--prompt）：不按词数扣分。"}


def length_rule(scale: int, limit: tuple[int, int] | None) -> dict[str, str]:
    """The length rule in words, naming the task's own range: what the report says is what was judged."""
    if not limit:
        return dict(NO_TASK_LENGTH_RULE)
    low, high = limit
    if scale == 25:
        return {"en": f"25-point scale: 2 points off the total outside the task's {low}–{high} words.",
                "zh": f"25分制：词数少于题目要求的{low}词或多于{high}词，从总分中减去2分。"}
    return {"en": f"15-point scale: 2 points off the total under the task's {low} words; "
                  f"over {high} is reported, not marked down.",
            "zh": f"15分制：词数少于题目要求的{low}词，从总分中减去2分；超过{high}词只提示，不扣分。"}


@dataclass
class Deduction:
    """Points lost for one reason, pointing at the findings (indices) or content points behind it."""

    component: str  # content | language | organisation | band | length
    reason: str
    reason_zh: str
    points: float
    findings: list[int] = field(default_factory=list)
    rule_ids: list[str] = field(default_factory=list)
    content_points: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "component": self.component,
            "reason": self.reason,
            "reason_zh": self.reason_zh,
            "points": round(self.points, 2),
            "findings": list(self.findings),
            "rule_ids": list(self.rule_ids),
            "content_points": list(self.content_points),
        }


@dataclass
class Component:
    """One of content, language, organisation: its score out of its maximum."""

    name: str
    score: float
    max: float
    scored: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {"score": round(self.score, 2), "max": round(self.max, 2), "scored": self.scored}


@dataclass
class Score:
    """The marker's number and the reasons for it."""

    scale: int
    total: float  # in half points, as the mean of two markers' whole marks can be
    raw: float  # the unrounded sum before the length rule
    band: int
    band_range: tuple[int, int]
    descriptor: dict[str, str]
    components: dict[str, Component]
    deductions: list[Deduction]
    content_scored: bool
    coverage: list[PointCoverage] = field(default_factory=list)
    notes: list[dict[str, str]] = field(default_factory=list)  # {en, zh}
    word_count: int = 0
    word_limit: tuple[int, int] | None = None
    relevance: float | None = None
    letter_kind: str | None = None
    language_range: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "scale": self.scale,
            "total": self.total,
            "raw": round(self.raw, 2),
            "band": self.band,
            "band_range": list(self.band_range),
            "band_descriptor": dict(self.descriptor),
            "components": {name: c.to_dict() for name, c in self.components.items()},
            "deductions": [d.to_dict() for d in self.deductions],
            "content_scored": self.content_scored,
            "content_note": None if self.content_scored else dict(NO_PROMPT_NOTE),
            "content_coverage": [p.to_dict() for p in self.coverage],
            "relevance": None if self.relevance is None else round(self.relevance, 2),
            "letter_kind": self.letter_kind,
            "word_count": self.word_count,
            "word_limit": list(self.word_limit) if self.word_limit else None,
            "length_rule": length_rule(self.scale, self.word_limit),
            "language_range": dict(self.language_range),
            "notes": [dict(n) for n in self.notes],
        }
