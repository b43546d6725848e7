"""The one vocabulary every engine speaks: a Finding with a Span into the user's own text."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, replace
from enum import StrEnum


class Severity(StrEnum):
    """How much a finding matters; `error` is what a marker would take marks off for."""

    ERROR = "error"
    WARNING = "warning"
    SUGGESTION = "suggestion"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "suggestion": 2}[self.value]


class Category(StrEnum):
    """The broad kind of a finding, shared by every engine so reports can count them."""

    GRAMMAR = "grammar"
    SPELLING = "spelling"
    PUNCTUATION = "punctuation"
    WORD_CHOICE = "word-choice"
    FORMAT = "format"
    CONTENT = "content"
    LENGTH = "length"
    STYLE = "style"


class Source(StrEnum):
    """Which engine produced a finding."""

    LIHUA = "lihua"
    HARPER = "harper"
    LANGUAGETOOL = "languagetool"


@dataclass(frozen=True, slots=True)
class Span:
    """Character offsets into the text the user gave (never a normalised copy)."""

    start: int
    end: int
    line: int = 1
    column: int = 1

    def overlaps(self, other: Span) -> bool:
        if self.start == self.end or other.start == other.end:
            return self.start <= other.end and other.start <= self.end
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in a letter, with where it is and how to fix it."""

    rule_id: str
    source: Source
    category: Category
    severity: Severity
    message: str
    span: Span
    replacements: tuple[str, ...] = ()
    message_zh: str = ""
    explanation: str = ""
    text: str = field(default="", compare=False)
    # the rubric component it counts toward: a rule's `component`, else by category (component_of_category)
    component: str = field(default="", compare=False)
    # what in its component it marks (the salutation, the closing …): the rule's `aspect`
    aspect: str = field(default="", compare=False)
    # an error that blocks understanding (the rule's `hinders_meaning`): it weighs more
    hinders_meaning: bool = field(default=False, compare=False)

    def __post_init__(self) -> None:
        if not self.component:
            object.__setattr__(self, "component", component_of_category(self.category.value))

    def with_position(self, line: int, column: int) -> Finding:
        """Return a copy whose span carries the given line and column."""
        return replace(self, span=Span(self.span.start, self.span.end, line, column))

    def to_dict(self) -> dict:
        """The JSON shape of a finding (part of the stable `schema: 1` contract)."""
        return {
            "rule_id": self.rule_id,
            "source": self.source.value,
            "category": self.category.value,
            "severity": self.severity.value,
            "message": self.message,
            "message_zh": self.message_zh,
            "explanation": self.explanation,
            "text": self.text,
            "span": {
                "start": self.span.start,
                "end": self.span.end,
                "line": self.span.line,
                "column": self.span.column,
            },
            "replacements": list(self.replacements),
        }


def component_of_category(category: str) -> str:
    """The rubric component a finding of this category counts toward when its rule names none:
    the table in lihua/data/scoring.yaml, else language."""
    from lihua.io.yaml_data import data_file

    return (data_file("scoring.yaml").get("component_of_category") or {}).get(category, "language")


def is_disabled(finding: Finding, disabled: Collection[str]) -> bool:
    """A finding is off when its rule id, a dotted prefix of it, or its category is disabled."""
    if not disabled:
        return False
    rule = finding.rule_id
    return any(
        rule == d or rule.startswith(d + ".") or finding.category.value == d for d in disabled
    )
