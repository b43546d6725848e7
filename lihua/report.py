"""The Report: everything `lihua grade` knows about one letter, and its stable JSON form."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lihua.findings import Finding, Severity
from lihua.text.letter import Letter

SCHEMA_VERSION = 1
WORD_COUNT_RULE = (
    "English words of the body only (salutation, closing and signature not counted); "
    "don't, well-known and 2025 count as one word each; punctuation and Chinese characters are not words"
)


@dataclass
class Report:
    """One graded letter. Renderers read it; nothing in it prints or exits."""

    source: str
    encoding: str
    letter: Letter
    findings: list[Finding]
    prompt_id: str | None = None
    notes: list[str] = field(default_factory=list)  # engine warnings, e.g. a server that was down
    failed_engines: list[str] = field(default_factory=list)  # engines asked for that could not run
    extras: dict[str, Any] = field(default_factory=dict)  # score, reply… added by later stages

    @property
    def word_count(self) -> int:
        return self.letter.word_count

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def count_errors(self) -> int:
        return self.count(Severity.ERROR)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "schema": SCHEMA_VERSION,
            "source": self.source,
            "encoding": self.encoding,
            "prompt": self.prompt_id,
            "letter": self.letter.to_dict(),
            "word_count": self.word_count,
            "word_count_rule": WORD_COUNT_RULE,
            "summary": {s.value: self.count(s) for s in Severity},
            "findings": [f.to_dict() for f in self.findings],
            "notes": list(self.notes),
            "failed_engines": list(self.failed_engines),
        }
        for key, value in self.extras.items():
            data[key] = value.to_dict() if hasattr(value, "to_dict") else value
        return data
