"""The Report: everything `lihua grade` knows about one letter, and its stable JSON form."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from lihua.findings import Finding, Severity
from lihua.text.letter import Letter

if TYPE_CHECKING:
    from lihua.reply.result import Reply
    from lihua.scoring.result import Score

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
    score: Score | None = None  # the rubric score (lihua.scoring); None only for a Report built by hand
    reply: Reply | None = None  # the pen pal's reply, when one was asked for and could be written
    reply_error: str | None = None  # why a reply that was asked for could not be written

    @property
    def reply_wanted(self) -> bool:
        """A reply was asked for: the JSON then has "reply", the reply or null."""
        return self.reply is not None or self.reply_error is not None

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
            "notes": [*self.notes, *([f"reply: {self.reply_error}"] if self.reply_error else [])],
            "failed_engines": list(self.failed_engines),
        }
        if self.score is not None:
            data["score"] = self.score.to_dict()
        if self.reply_wanted:
            data["reply"] = self.reply.to_dict() if self.reply is not None else None
        return data
